// Atomic output files: write a temporary file in the target's directory, then rename it over the
// target (rename within one file system is atomic on POSIX). A failed or interrupted command leaves
// either the old file or none, never a half-written one.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

function tempPath(target: string): string {
  counter++;
  return join(dirname(target), `.${basename(target)}.${process.pid}.${counter}.tmp`);
}

/** Writes `data` to `path` atomically (temp file in the same directory, fsync, rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  writeChunksAtomic(path, [data]);
}

/** As writeFileAtomic, for output produced in pieces (large CSV files). */
export function writeChunksAtomic(path: string, chunks: Iterable<string | Uint8Array>): void {
  const tmp = tempPath(path);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, "wx", 0o644);
    for (const chunk of chunks) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      // writeSync may write less than asked: loop until the chunk is out.
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
}
