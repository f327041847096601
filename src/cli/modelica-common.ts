// Shared by the `twin modelica ...` commands. A Modelica syntax error is printed as
// `file:line:col: expected X, found Y` and exits 1 (shared/spec/modelica.md); every other bad input
// (unreadable files, bad graphs) is an InputError that exits 2.
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { ModelicaSyntaxError } from "../modelica/index.js";
import type { Io } from "./common.js";

/** Runs `body`; a Modelica syntax error becomes its located message and exit code 1. */
export function withSyntaxErrors(io: Io, body: () => number): number {
  try {
    return body();
  } catch (e) {
    // before any InputError handling: a syntax error is an InputError too, but exits 1
    if (e instanceof ModelicaSyntaxError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

/** A graph file's text (InputError naming the file when it cannot be read). */
export function readGraphText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file });
  }
}
