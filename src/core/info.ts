// What core.wasm is, and whether it is the binary that was built: reads build/core.meta.json (written
// at build time by scripts/core-meta.js), re-hashes the wasm the loader would use, and lists the
// module's real imports (there must be none) and exports. `twin core info` prints it.
import { readFileSync } from "node:fs";
import { type CoreMeta, DEFAULT_CORE_PATH, DEFAULT_META_PATH, sha256Hex } from "./core.js";

/** What coreInfo returns (and `twin core info --json` prints). */
export interface CoreInfo {
  /** the wasm file */
  path: string;
  /** its SHA-256, computed now (hex) */
  sha256: string;
  /** bytes */
  size: number;
  /** the hash recorded at build time equals the file's hash (null: no build record) */
  matches: boolean | null;
  /** the build record: its file, recorded hash and size */
  recorded: { path: string; sha256: string; size: number } | null;
  /** AssemblyScript version, target and flags of the build (null: no build record) */
  assemblyscript: string | null;
  target: string | null;
  flags: Record<string, unknown> | null;
  /** the module's imports as `module.name` (a sound core has none) */
  imports: string[];
  /** the module's exports as `name (kind)` */
  exports: string[];
}

/**
 * Describes a core build: the wasm at `path` (default: the package's build/core.wasm, or
 * TWIN_CORE_WASM) against the build record at `metaPath`. A hash that differs from the record is a
 * result (`matches: false`), not an error.
 * @throws Error when the wasm file cannot be read
 */
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
