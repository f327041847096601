// What the archive commands share: a refused package as exit 1, and progress on a terminal. Bad
// packages, sources, graphs and queries are InputErrors of the library (exit 2).
import { PackageRefused } from "../archive/index.js";
import type { Io } from "./common.js";

/**
 * Runs `body`; a package refused by the checks made before its content is used (verify first: fixity,
 * core hash) is reported on standard error and gives null: the command then exits with 1.
 */
export async function refusedAsFailure<T>(io: Io, body: () => Promise<T>): Promise<T | null> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof PackageRefused) {
      io.err(`${e.message}\n`);
      return null;
    }
    throw e;
  }
}

/** A progress line on a terminal (rewritten in place), nothing otherwise. */
export function terminalProgress(): ((m: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (m) => void process.stderr.write(`\r\x1b[2K${m}`);
}

export function endProgress(p: ((m: string) => void) | undefined): void {
  if (p) process.stderr.write("\r\x1b[2K");
}
