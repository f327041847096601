// Shared by the `twin modelica ...` commands: reading sources and graphs with user-facing errors.
// A Modelica syntax error is printed as `file:line:col: expected X, found Y` and exits 1
// (shared/spec/modelica.md); unreadable files and bad graphs are input errors (exit 2).
import { readFileSync, statSync } from "node:fs";
import { InputError } from "../errors.js";
import { ModelicaSyntaxError } from "../modelica/lexer.js";
import { readSources, type SourceFile } from "../modelica/package.js";
import { GraphError } from "../modelica/from-rdf.js";
import { RdfSyntaxError } from "../rdf/graph.js";
import { readGraph } from "../modelica/pipeline.js";
import type { Quad } from "../rdf/graph.js";
import type { Io } from "./common.js";

export function loadSources(path: string): SourceFile[] {
  try {
    statSync(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const sources = readSources(path);
  if (!sources.some((s) => s.path.endsWith(".mo"))) throw new InputError(`${path}: no .mo files`);
  return sources;
}

export function loadGraph(file: string): Quad[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return readGraph(text, file);
  } catch (e) {
    if (e instanceof RdfSyntaxError) throw new InputError(e.message);
    throw e;
  }
}

/** Runs `body`; a Modelica syntax error becomes its located message and exit code 1. */
export function withSyntaxErrors(io: Io, body: () => number): number {
  try {
    return body();
  } catch (e) {
    if (e instanceof ModelicaSyntaxError) {
      io.err(`${e.message}\n`);
      return 1;
    }
    if (e instanceof GraphError) throw new InputError(e.message);
    throw e;
  }
}
