// What the archive commands share: turning the archive's bad-input errors into InputError (exit 2).
import { InputError } from "../io/args.js";
import { PackageError } from "../archive/bagit.js";
import { SourceError } from "../archive/mapper.js";
import { QueryError } from "../archive/query.js";
import { RdfSyntaxError } from "../rdf/graph.js";

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

/** A progress line on a terminal (rewritten in place), nothing otherwise. */
export function terminalProgress(): ((m: string) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (m) => void process.stderr.write(`\r\x1b[2K${m}`);
}

export function endProgress(p: ((m: string) => void) | undefined): void {
  if (p) process.stderr.write("\r\x1b[2K");
}
