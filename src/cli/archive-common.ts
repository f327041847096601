// What the archive commands share: turning the archive's bad-input errors into InputError (exit 2).
import { InputError } from "../errors.js";
import { PackageError } from "../archive/bagit.js";
import { SourceError } from "../archive/mapper.js";
import { QueryError } from "../archive/query.js";
import { PackageRefused } from "../archive/safety.js";
import { RdfSyntaxError } from "../rdf/graph.js";
import type { Io } from "./common.js";

/** Runs `body`; bad packages, sources, graphs and queries become InputError (exit code 2). */
export async function asInputErrors<T>(body: () => Promise<T> | T): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof PackageError || e instanceof SourceError || e instanceof RdfSyntaxError) throw new InputError(e.message);
    if (e instanceof QueryError) throw new InputError(`query: ${e.message}`);
    throw e;
  }
}

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
