// A package on disk: a bag directory or a ZIP of one. Reading gives the bag as a path -> bytes map;
// writing goes through a temporary sibling that is renamed into place at the end, so a failed command
// leaves nothing half-written.
import { mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { compareCodeUnits } from "../rdf/graph.js";
import { writeFileAtomic } from "../io/atomic.js";
import { type Files, PackageError } from "./bagit.js";
import { LIMITS, pathProblem, readRegularFile, UnsafePackageError } from "./safety.js";
import { readZip, writeZip, ZipError } from "./zip.js";

interface WalkState {
  files: Files;
  bytes: number;
}

function walk(root: string, rel: string, state: WalkState): void {
  const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const e of entries) {
    const p = rel === "" ? e.name : `${rel}/${e.name}`;
    const why = pathProblem(p);
    if (why !== undefined) throw new UnsafePackageError(`${join(root, p)}: not a safe package path: ${why}`);
    // Dirent types come from the directory itself (lstat semantics): a symbolic link is never followed
    if (e.isSymbolicLink()) throw new UnsafePackageError(`${join(root, p)}: a symbolic link (not allowed in a package: it could point outside it)`);
    if (e.isDirectory()) walk(root, p, state);
    else if (e.isFile()) {
      if (state.files.size >= LIMITS.maxFiles) throw new UnsafePackageError(`${root}: more than ${LIMITS.maxFiles} files (the limit of a package)`);
      const b = readRegularFile(join(root, p), LIMITS.maxFileBytes, join(root, p));
      state.bytes += b.length;
      if (state.bytes > LIMITS.maxTotalBytes) throw new UnsafePackageError(`${root}: more than ${LIMITS.maxTotalBytes} bytes (the limit of a package)`);
      state.files.set(p, b);
    } else throw new UnsafePackageError(`${join(root, p)}: not a regular file (symbolic links and devices are not allowed in a package)`);
  }
}

/**
 * Reads a package directory or .zip; PackageError names the path and the problem. The path the user
 * names may itself be a symbolic link; nothing inside the package may be one (safety.ts), and no
 * package may exceed the limits of safety.ts LIMITS.
 */
export function readPackage(path: string): Files {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    throw new PackageError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const files: Files = new Map();
  if (st.isDirectory()) {
    walk(path, "", { files, bytes: 0 });
    return files;
  }
  let entries;
  try {
    entries = readZip(readRegularFileFollowing(path));
  } catch (e) {
    if (e instanceof ZipError) throw e.unsafe ? new UnsafePackageError(`${path}: unsafe zip: ${e.message}`) : new PackageError(`${path}: corrupt zip: ${e.message}`);
    throw e;
  }
  // a serialised bag holds one top-level directory (RFC 8493 §4.2); strip it
  const tops = new Set(entries.map((e) => e.name.split("/")[0]!));
  const single = tops.size === 1 && entries.every((e) => e.name.includes("/")) ? [...tops][0]! + "/" : "";
  for (const e of entries) files.set(e.name.slice(single.length), e.data);
  return files;
}

/** The package file the user named (a symbolic link to it is the user's choice): bounded, regular. */
function readRegularFileFollowing(path: string): Uint8Array {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    throw new PackageError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  // a ZIP of a package holds at most its payload, compressed, plus headers
  return readRegularFile(real, LIMITS.maxTotalBytes, path);
}

export function isZipPath(path: string): boolean {
  return /\.zip$/i.test(path);
}

/**
 * Writes a bag as a directory (which must not exist yet) or a ZIP (one top-level directory named after
 * the file). Atomic: a temporary sibling renamed at the end.
 */
export function writePackage(path: string, files: Files, zip: boolean, unixSeconds: number): void {
  if (zip) {
    const top = basename(path).replace(/\.zip$/i, "");
    writeFileAtomic(path, writeZip([...files].map(([name, data]) => ({ name: `${top}/${name}`, data })), unixSeconds));
    return;
  }
  let exists = false;
  try {
    statSync(path);
    exists = true;
  } catch {
    exists = false;
  }
  if (exists) throw new PackageError(`${path}: already exists (choose a new output directory)`);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    for (const [p, data] of files) {
      mkdirSync(dirname(join(tmp, p)), { recursive: true });
      writeFileSync(join(tmp, p), data);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
