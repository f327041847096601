// The safety layer every reader of a package goes through (docs/archive.md, "Reading untrusted
// packages"). A package is data from anywhere: nothing in it may name a place outside the package (or,
// on a rerun, outside the scratch directory), and nothing in it may make the reader allocate more than
// the limits below. Three kinds of primitive:
//
// - package paths: `checkPackagePath` refuses absolute paths, `.`/`..`/empty segments, NUL and other
//   control characters, backslashes, drive letters and overlong names; `resolveInside` maps a checked
//   path below a root directory on disk and refuses a symbolic link anywhere on the way (lstat), so a
//   path that resolves outside the root (realpath) cannot be produced;
// - bounded reads: `readRegularFile` opens with O_NOFOLLOW and refuses anything but a regular file of at
//   most `limit` bytes (the package reader applies LIMITS to every file and to the total);
//   `declaredFileProblem` / `packageFile` check a file of a bag held in memory against the size and
//   SHA-256 the package declares for it (a run record's inputs and outputs);
// - verify first: `verifyFirst` runs the BagIt declaration, fixity and core-hash checks of verify.ts
//   and refuses a package that fails before any of its content is used (rerun, restore, query).
//
// Exit codes: a package that cannot or may not be read (unreadable, newer format, unsafe or malformed
// content) is bad input, PackageError, exit 2; a package that reads but fails verification (altered or
// damaged after it was made) is refused with PackageRefused, exit 1, naming the check and the files.
import { TwinError } from "../errors.js";
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from "node:fs";
import { join, sep } from "node:path";
import { checkDeclaration, checkFixity, type Files, PackageError, payloadOf, type Problem } from "./bagit.js";
import { sha256Hex } from "./hash.js";
import { LIMITS, pathProblem } from "./safe-path.js";

export { LIMITS, type Limits, pathProblem } from "./safe-path.js";

/** A package holds something this twin must not read or act on: exit 2, like any bad input. */
export class UnsafePackageError extends PackageError {
  constructor(message: string) {
    super(message);
    this.name = "UnsafePackageError";
  }
}

/** A readable package that fails the checks run before its content is used: exit 1. */
export class PackageRefused extends TwinError {
  constructor(
    readonly packagePath: string,
    readonly check: string,
    readonly problems: Problem[],
  ) {
    const shown = problems.slice(0, 12).map((p) => `  ${p.file ? `${p.file}: ` : ""}${p.message}`);
    if (problems.length > 12) shown.push(`  … and ${problems.length - 12} more`);
    super(`${packagePath}: refused: the ${check} check fails (run twin archive verify for every check):\n${shown.join("\n")}`);
    this.name = "PackageRefused";
  }
}

/** Throws UnsafePackageError `where: path: why` unless `p` is a safe package path; returns it. */
export function checkPackagePath(p: unknown, where: string): string {
  const why = pathProblem(p);
  if (why !== undefined) throw new UnsafePackageError(`${where}: ${JSON.stringify(p)}: ${why}`);
  return p as string;
}

function isMissing(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

/**
 * The absolute path of the package path `rel` below the directory `root`, for reading or writing:
 * `rel` must be a safe package path, and no existing component on the way (below the root) may be a
 * symbolic link, so the result lies inside realpath(root) when it is opened. Parts that do not exist
 * yet are allowed (a file about to be written).
 */
export function resolveInside(root: string, rel: string, where: string): string {
  checkPackagePath(rel, where);
  const base = realpathSync(root);
  let cur = base;
  for (const seg of rel.split("/")) {
    cur = join(cur, seg);
    let st;
    try {
      st = lstatSync(cur);
    } catch (e) {
      if (isMissing(e)) break;
      throw e;
    }
    if (st.isSymbolicLink()) throw new UnsafePackageError(`${where}: ${rel}: ${cur} is a symbolic link (a package path may not pass through one)`);
  }
  const full = join(base, ...rel.split("/"));
  if (!full.startsWith(base + sep)) throw new UnsafePackageError(`${where}: ${rel}: resolves outside ${base}`);
  return full;
}

/**
 * Reads a regular file of at most `limit` bytes without following a symbolic link at its last
 * component (O_NOFOLLOW), checking the size on the open file (not a separate stat) and reading at most
 * `limit` bytes, so a file that grows meanwhile cannot make it read more.
 */
export function readRegularFile(path: string, limit: number, where: string = path): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP") throw new UnsafePackageError(`${where}: a symbolic link (not allowed in a package)`);
    throw new PackageError(`${where}: cannot read: ${code ?? (e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new UnsafePackageError(`${where}: not a regular file (symbolic links, devices and pipes are not allowed in a package)`);
    if (st.size > limit) throw new UnsafePackageError(`${where}: ${st.size} bytes, more than the limit of ${limit}`);
    const out = Buffer.alloc(st.size);
    let off = 0;
    while (off < out.length) {
      const n = readSync(fd, out, off, out.length - off, off);
      if (n === 0) break;
      off += n;
    }
    if (off !== st.size) throw new PackageError(`${where}: changed while being read`);
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } finally {
    closeSync(fd);
  }
}

export interface Declared {
  size?: number;
  sha256?: string;
}

/**
 * Why a file of a bag held in memory does not match what the package declares of it: missing, another
 * size (checked first, so a declared size far beyond the real one is named as such), another SHA-256;
 * undefined when it matches. `path` is below data/ ("runs/modal/inputs/rig.json").
 */
export function declaredFileProblem(payload: Map<string, Uint8Array>, path: string, declared: Declared): string | undefined {
  const why = pathProblem(path);
  if (why !== undefined) return `${JSON.stringify(path)}: ${why}`;
  const b = payload.get(path);
  if (b === undefined) return `data/${path} is missing from the package`;
  if (declared.size !== undefined && declared.size !== b.length) return `declares ${declared.size} bytes, but data/${path} has ${b.length}`;
  if (declared.sha256 !== undefined && declared.sha256 !== sha256Hex(b)) return `declares SHA-256 ${declared.sha256}, but data/${path} has ${sha256Hex(b)}`;
  return undefined;
}

/** A file of a payload as declared (declaredFileProblem), or UnsafePackageError `where: problem`. */
export function packageFile(payload: Map<string, Uint8Array>, path: string, declared: Declared, where: string): Uint8Array {
  const why = declaredFileProblem(payload, path, declared);
  if (why !== undefined) throw new UnsafePackageError(`${where}: ${why}`);
  return payload.get(path)!;
}

/** The core checks that need no graph: the binary is valid, imports nothing, and is the build record's. */
export function coreProblems(payload: Map<string, Uint8Array>): { sha256: string; problems: Problem[] } {
  const problems: Problem[] = [];
  const core = payload.get("core/core.wasm");
  if (!core) return { sha256: "", problems: [{ file: "data/core/core.wasm", message: "missing" }] };
  const sha256 = sha256Hex(core);
  if (!WebAssembly.validate(core as Uint8Array<ArrayBuffer>)) problems.push({ file: "data/core/core.wasm", message: "not a valid WebAssembly module" });
  else {
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(core as Uint8Array<ArrayBuffer>));
    if (imports.length > 0) problems.push({ file: "data/core/core.wasm", message: `imports ${imports.map((i) => `${i.module}.${i.name}`).join(", ")}: the core must import nothing` });
  }
  const build = payload.get("core/build.json");
  let recorded: string | undefined;
  try {
    recorded = build ? (JSON.parse(new TextDecoder().decode(build)) as { sha256?: string }).sha256 : undefined;
  } catch {
    recorded = undefined;
  }
  if (recorded !== sha256) problems.push({ file: "data/core/core.wasm", message: `SHA-256 ${sha256} differs from the build record data/core/build.json (${recorded ?? "none"}): swapped core` });
  // the core each run record names (records that do not parse are the record check's to report)
  for (const [p, b] of payload) {
    const m = /^runs\/([^/]+)\/run\.json$/.exec(p);
    if (!m || b.length > LIMITS.maxRecordBytes) continue;
    let ran: unknown;
    try {
      ran = (JSON.parse(new TextDecoder().decode(b)) as { core?: { sha256?: unknown } }).core?.sha256;
    } catch {
      continue;
    }
    if (ran !== sha256) problems.push({ file: `data/${p}`, message: `run ${m[1]} ran core ${String(ran)}, but the package holds ${sha256}` });
  }
  return { sha256, problems };
}

export interface VerifiedPackage {
  files: Files;
  info: Map<string, string>;
  coreSha256: string;
}

/**
 * Verify first: the checks a package must pass before rerun, restore or query use any of its content.
 * BagIt declaration and versions (PackageError, exit 2), then fixity (every file against the payload
 * and tag manifests, Payload-Oxum) and the core hash (binary = build record = every run's record);
 * a failure throws PackageRefused naming the check and each failing file.
 */
export function verifyFirst(path: string, files: Files): VerifiedPackage {
  const info = checkDeclaration(files, path);
  const fixity = checkFixity(files, info);
  if (fixity.length > 0) throw new PackageRefused(path, "fixity", fixity);
  const core = coreProblems(payloadOf(files));
  if (core.problems.length > 0) throw new PackageRefused(path, "core", core.problems);
  return { files, info, coreSha256: core.sha256 };
}
