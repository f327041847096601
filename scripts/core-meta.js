// Records what was built: SHA-256, size, compiler version, the pinned flags, imports and exports.
// `twin core info` prints this; the loader refuses a core.wasm whose hash differs from it.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const asconfig = JSON.parse(readFileSync("asconfig.json", "utf8"));
const target = "release";
const bytes = readFileSync(asconfig.targets[target].outFile);
const mod = new WebAssembly.Module(bytes);
const meta = {
  file: "build/core.wasm",
  sha256: createHash("sha256").update(bytes).digest("hex"),
  size: bytes.length,
  assemblyscript: require("assemblyscript/package.json").version,
  target,
  flags: { ...asconfig.options, ...asconfig.targets[target] },
  imports: WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`),
  exports: WebAssembly.Module.exports(mod).map((e) => `${e.name} (${e.kind})`),
};
writeFileSync("build/core.meta.json.tmp", JSON.stringify(meta, null, 2) + "\n");
renameSync("build/core.meta.json.tmp", "build/core.meta.json");
if (meta.imports.length > 0) {
  console.error(`core.wasm imports ${meta.imports.join(", ")}: the core must import nothing`);
  process.exit(1);
}
