// machine-twin/aml: AutomationML (CAEX 2.15 / 3.0) <-> RDF, byte for byte (docs/api/aml.md). Each
// `twin aml` command has its function here; the CLI is built on them.
import type { Quad } from "../rdf/graph.js";
import { emitGraph } from "./to-rdf.js";
import { type AmlModel } from "./model.js";
import { QuadCollector, TurtleWriter } from "./turtle.js";

export { readAmlFile, parseAml, validateAml, amlFromTurtle, amlRoundtrip, type AmlReadOptions, type AmlValidateOptions } from "./api.js";
export { readAml, defaultBase, DATA_BASE, type AmlModel, type CaexNode, type ReadOptions } from "./model.js";
export { amlFromQuads, GraphError, GraphError as AmlGraphError } from "./from-rdf.js";
export { XmlError, parseXml, parseXmlBytes, type XDocument, type XElement } from "./xml.js";
export { XPathError } from "./xpath.js";
export { ToolError } from "./libxml2.js";
export { type ValidationReport, type Finding as AmlFinding, type Severity as AmlSeverity } from "./validate.js";
export { type RoundtripReport as AmlRoundtripReport, type RoundtripFailure as AmlRoundtripFailure, type Counts as AmlCounts } from "./roundtrip.js";
export { AmlQuery, type SearchHit as AmlSearchHit, type SearchOptions as AmlSearchOptions, type AttributeInfo as AmlAttributeInfo } from "./query.js";
export type { CaexVersion } from "./vocab.js";

/**
 * The graph of a CAEX model as Turtle (the vocabulary of ontologies/aml.ttl plus the layout layer that
 * gives the file back), streamed in chunks: the bytes `twin aml to-rdf` writes. Deterministic
 * (document order).
 */
export function writeAmlTurtle(model: AmlModel, emit: (chunk: string) => void): void {
  const w = new TurtleWriter(model.base, emit);
  emitGraph(model, w);
  w.finish();
}

/** The graph of a CAEX model as one Turtle string (see writeAmlTurtle). */
export function amlToTurtle(model: AmlModel): string {
  const chunks: string[] = [];
  writeAmlTurtle(model, (c) => chunks.push(c));
  return chunks.join("");
}

/** The graph of a CAEX model as RDF/JS quads. */
export function amlToQuads(model: AmlModel): Quad[] {
  const c = new QuadCollector();
  emitGraph(model, c);
  return c.quads;
}
