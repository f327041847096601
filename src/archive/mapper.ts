// Source mappers: how each kind of model source becomes RDF in the package graph, and how it comes back
// from the graph alone. The archive knows sources only through this interface; one mapper per kind.
import { InputError, type InputLocation } from "../errors.js";
import type { Quad } from "../rdf/graph.js";

/** The kinds of sources a package maps to RDF and back. */
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

/** A source file (Modelica, AutomationML, rotor model) that cannot be archived: bad input, message `file:line:col: problem`. */
export class SourceError extends InputError {
  constructor(message: string, location: InputLocation = {}) {
    super(message, location);
  }
}
