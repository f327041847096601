// twin core info [--json]: what core.wasm is, and whether it is the binary that was built.
// The library's coreInfo reads the build record, re-hashes the wasm the loader would use and lists
// the module's imports and exports; this prints it and sets the exit code.
import { stringifyJson } from "../index.js";
import { coreInfo, type CoreInfo } from "../core/index.js";
import { parseCommandLine } from "./args.js";
import { type Command, helpRequested } from "./common.js";

function formatInfo(i: CoreInfo): string {
  const flags = i.flags === null ? "(unknown)" : Object.entries(i.flags).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(" ");
  const rec =
    i.recorded === null
      ? "no build record (build/core.meta.json missing): a development build"
      : i.matches
        ? `matches the build record (${i.recorded.path})`
        : `DOES NOT MATCH the build record ${i.recorded.sha256} (${i.recorded.path})`;
  const lines = [
    `core            ${i.path}`,
    `sha256          ${i.sha256}`,
    `size            ${i.size} bytes`,
    `build record    ${rec}`,
    `assemblyscript  ${i.assemblyscript ?? "(unknown)"}`,
    `target          ${i.target ?? "(unknown)"}`,
    `flags           ${flags}`,
    `imports         ${i.imports.length === 0 ? "none" : i.imports.join(", ")}`,
    `exports         ${i.exports.length}:`,
    ...i.exports.map((e) => `  ${e}`),
  ];
  return lines.join("\n") + "\n";
}

export const coreInfoCommand: Command = {
  name: "core info",
  summary: "SHA-256, size, compiler, build flags, imports and exports of the numerical core",
  api: { module: "core", export: "coreInfo" },
  usage: `Usage: twin core info [--json]

Describes the WebAssembly core the rotor commands run (build/core.wasm, or TWIN_CORE_WASM):
its SHA-256 (recomputed now, compared with the one recorded at build time), size, the
AssemblyScript version and flags it was built with, its imports (must be none) and exports.
Exit code 1 if the hash differs from the build record or the module imports anything.

Options:
  --json      print JSON { path, sha256, size, matches, recorded, assemblyscript, target, flags, imports, exports }
  -h, --help  show this help
`,
  run(argv, io) {
    const { values } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 0, max: 0, names: "" });
    if (helpRequested(values, this, io)) return 0;
    const info = coreInfo();
    io.out(values.json === true ? stringifyJson(info) + "\n" : formatInfo(info));
    if (info.matches === false) io.err(`twin core info: ${info.path} does not match its build record\n`);
    if (info.imports.length > 0) io.err(`twin core info: the core imports ${info.imports.join(", ")}; it must import nothing\n`);
    return info.matches === false || info.imports.length > 0 ? 1 : 0;
  },
};
