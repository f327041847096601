// Source mappers: how each kind of model source becomes RDF in the package graph, and how it comes back
// from the graph alone. The archive knows sources only through this interface; one mapper per kind.
import type { Quad } from "../rdf/graph.js";

export type SourceKind = "modelica" | "aml" | "rotor";

export interface SourceFile {
  /** path below sources/<kind>/ in the package, "/"-separated */
  path: string;
  bytes: Uint8Array;
}

export interface MappedSources {
  quads: Quad[];
  /** per source path: the IRIs of the models it defines (rotor model, Modelica classes, CAEX file) */
  roots: Map<string, string[]>;
  /** per source path: the number of triples it gave (for the report) */
  triples?: Map<string, number>;
}

export interface SourceMapper {
  kind: SourceKind;
  /** what the mapper reads, for help texts */
  label: string;
  /** name of the mapping and its version, recorded in the provenance of every conversion */
  tool: string;
  /** The graph of the sources of this kind; throws an Error naming file and problem on bad input. */
  toGraph(files: SourceFile[]): MappedSources | Promise<MappedSources>;
  /** Every source of this kind regenerated from the graph alone, paths as in toGraph. */
  restore(quads: Quad[]): SourceFile[] | Promise<SourceFile[]>;
  /** Model equality of an original and a restored file (parsed structures compare equal); a reason when not. */
  modelEqual(original: SourceFile, restored: SourceFile): string | undefined;
}

/** Thrown by a mapper for bad source input: exit code 2, message `file:line:col: problem`. */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SourceError";
  }
}
