// What the package keeps of the core: the exact binary, its build record (compiler, flags, SHA-256 of
// the binary and of the AssemblyScript sources), the sources themselves, the ABI document (README.md)
// and the definition of the canonical digests (HASH.md). Compiler and flags come from
// build/core.meta.json, which the npm package ships, so an installed twin records them too.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { type CoreMeta, DEFAULT_CORE_PATH, DEFAULT_META_PATH, PACKAGE_ROOT } from "../core/core.js";
import { compareCodeUnits } from "../rdf/graph.js";
import { sha256Hex } from "./hash.js";

export interface CoreBundle {
  bytes: Uint8Array;
  sha256: string;
  /** files below core/ in the package (core.wasm included) */
  files: Map<string, Uint8Array>;
  record: BuildRecord;
}

export interface BuildRecord {
  file: "core.wasm";
  sha256: string;
  size: number;
  imports: string[];
  exports: string[];
  /** compiler and flags from the build's own record, when it describes this very binary */
  assemblyscript: string | null;
  target: string | null;
  flags: Record<string, unknown> | null;
  buildRecordMatches: boolean;
  /** SHA-256 over the sorted "path sha256" lines of the archived sources (sources/) */
  sourceSha256: string;
  sourcesNote: string;
}

function collect(dir: string, rel: string, out: Map<string, Uint8Array>): void {
  for (const name of readdirSync(join(dir, rel)).sort(compareCodeUnits)) {
    const p = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, p)).isDirectory()) collect(dir, p, out);
    else out.set(p, new Uint8Array(readFileSync(join(dir, p))));
  }
}

export function sourceDigest(files: Map<string, Uint8Array>): string {
  return sha256Hex([...files.keys()].sort(compareCodeUnits).map((p) => `${p} ${sha256Hex(files.get(p)!)}\n`).join(""));
}

/** The core the tool runs (build/core.wasm or TWIN_CORE_WASM) with its record and sources. */
export function bundleCore(corePath: string = DEFAULT_CORE_PATH): CoreBundle {
  const bytes = new Uint8Array(readFileSync(corePath));
  const sha256 = sha256Hex(bytes);
  const mod = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(mod).map((i) => `${i.module}.${i.name}`);
  if (imports.length > 0) throw new Error(`${corePath}: the core imports ${imports.join(", ")}; only a core that imports nothing can be archived`);
  let meta: CoreMeta | null = null;
  try {
    meta = JSON.parse(readFileSync(DEFAULT_META_PATH, "utf8")) as CoreMeta;
  } catch {
    meta = null;
  }
  const matches = meta !== null && meta.sha256 === sha256;
  // as the loader (src/core/core.ts): the build's own core.wasm must be the binary its build record
  // describes; another core (TWIN_CORE_WASM: a development or archived build) is recorded without one
  if (!matches && meta !== null && resolve(corePath) === resolve(PACKAGE_ROOT, "build", "core.wasm")) {
    throw new Error(`${corePath}: SHA-256 ${sha256} does not match the expected ${meta.sha256} (${DEFAULT_META_PATH}): an altered core is not archived`);
  }
  const sources = new Map<string, Uint8Array>();
  collect(join(PACKAGE_ROOT, "assembly"), "", sources);
  const extra = new Map<string, Uint8Array>();
  for (const f of ["asconfig.json", "package.json"]) {
    try {
      extra.set(f, new Uint8Array(readFileSync(join(PACKAGE_ROOT, f))));
    } catch {
      /* not in an installed package: recorded as absent */
    }
  }
  const srcFiles = new Map<string, Uint8Array>();
  for (const [p, b] of sources) srcFiles.set(`assembly/${p}`, b);
  for (const [p, b] of extra) srcFiles.set(p, b);
  const record: BuildRecord = {
    file: "core.wasm",
    sha256,
    size: bytes.length,
    imports,
    exports: WebAssembly.Module.exports(mod).map((e) => `${e.name} (${e.kind})`),
    assemblyscript: matches ? meta!.assemblyscript : null,
    target: matches ? meta!.target : null,
    flags: matches ? meta!.flags : null,
    buildRecordMatches: matches,
    sourceSha256: sourceDigest(srcFiles),
    sourcesNote: matches
      ? "sources as found beside the build when the package was made; the binary is what ran"
      : "no build record describes this binary (a development build); sources as found when the package was made; the binary is what ran",
  };
  const files = new Map<string, Uint8Array>();
  files.set("core.wasm", bytes);
  files.set("build.json", Buffer.from(JSON.stringify(record, null, 2) + "\n"));
  // the ABI (enough to write a new host) and the definition of the digests runs are checked by
  const abi = sources.get("ABI.md");
  if (abi) files.set("README.md", abi);
  const hashDefinition = sources.get("HASH.md");
  if (hashDefinition) files.set("HASH.md", hashDefinition);
  for (const [p, b] of srcFiles) files.set(`sources/${p}`, b);
  return { bytes, sha256, files, record };
}
