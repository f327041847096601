// A package on disk: a bag directory or a ZIP of one. Reading gives the bag as a path -> bytes map;
// writing goes through a temporary sibling that is renamed into place at the end, so a failed command
// leaves nothing half-written.
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { compareCodeUnits } from "../rdf/graph.js";
import { writeFileAtomic } from "../io/atomic.js";
import { type Files, PackageError } from "./bagit.js";
import { readZip, writeZip, ZipError } from "./zip.js";

function walk(root: string, rel: string, out: Files): void {
  const entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const e of entries) {
    const p = rel === "" ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) walk(root, p, out);
    else if (e.isFile()) out.set(p, new Uint8Array(readFileSync(join(root, p))));
    else throw new PackageError(`${join(root, p)}: not a regular file (symbolic links and devices are not allowed in a package)`);
  }
}

/** Reads a package directory or .zip; PackageError names the path and the problem. */
export function readPackage(path: string): Files {
  let st;
  try {
    st = lstatSync(path);
  } catch (e) {
    throw new PackageError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const files: Files = new Map();
  if (st.isDirectory()) {
    walk(path, "", files);
    return files;
  }
  let entries;
  try {
    entries = readZip(readFileSync(path));
  } catch (e) {
    if (e instanceof ZipError) throw new PackageError(`${path}: corrupt zip: ${e.message}`);
    throw e;
  }
  // a serialised bag holds one top-level directory (RFC 8493 §4.2); strip it
  const tops = new Set(entries.map((e) => e.name.split("/")[0]!));
  const single = tops.size === 1 && entries.every((e) => e.name.includes("/")) ? [...tops][0]! + "/" : "";
  for (const e of entries) files.set(e.name.slice(single.length), e.data);
  return files;
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
