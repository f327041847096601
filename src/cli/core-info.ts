// twin core info [--json]: what core.wasm is, and whether it is the binary that was built.
// Reads build/core.meta.json (written at build time by scripts/core-meta.js), re-hashes the wasm the
// loader would use, and lists the module's real imports (there must be none) and exports.
import { readFileSync } from "node:fs";
import { type CoreMeta, DEFAULT_CORE_PATH, DEFAULT_META_PATH, sha256Hex } from "../core/core.js";
import { parseCommandLine } from "./args.js";
import { stringifyJson } from "../io/json.js";
import { type Command, helpRequested } from "./common.js";

export interface CoreInfo {
  path: string;
  sha256: string;
  size: number;
  /** the hash recorded at build time equals the file's hash (null: no build record) */
  matches: boolean | null;
  recorded: { path: string; sha256: string; size: number } | null;
  assemblyscript: string | null;
  target: string | null;
  flags: Record<string, unknown> | null;
  imports: string[];
  exports: string[];
}

export function coreInfo(path = DEFAULT_CORE_PATH, metaPath = DEFAULT_META_PATH): CoreInfo {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = new Uint8Array(readFileSync(path)) as Uint8Array<ArrayBuffer>;
  } catch (e) {
    throw new Error(`${path}: cannot read the core: ${(e as Error).message}`);
  }
  let meta: CoreMeta | null = null;
  try {
    meta = JSON.parse(readFileSync(metaPath, "utf8")) as CoreMeta;
  } catch {
    meta = null; // a development build without a build record
  }
  const mod = new WebAssembly.Module(bytes);
  const sha256 = sha256Hex(bytes);
  return {
    path,
    sha256,
    size: bytes.length,
    matches: meta === null ? null : meta.sha256 === sha256,
    recorded: meta === null ? null : { path: metaPath, sha256: meta.sha256, size: meta.size },
    assemblyscript: meta?.assemblyscript ?? null,
    target: meta?.target ?? null,
    flags: meta?.flags ?? null,
    imports: WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`),
    exports: WebAssembly.Module.exports(mod).map((e) => `${e.name} (${e.kind})`),
  };
}

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
