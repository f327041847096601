// AutomationML (CAEX 2.15 / 3.0) ↔ RDF: the public face of src/aml/.
import type { Quad } from "../rdf/graph.js";
import { emitGraph } from "./to-rdf.js";
import { type AmlModel } from "./model.js";
import { QuadCollector, TurtleWriter } from "./turtle.js";

export { readAml, buildModel, defaultBase, DATA_BASE, type AmlModel, type CaexNode, type ReadOptions } from "./model.js";
export { amlFromTurtle, amlFromQuads, layoutFromTurtle, LayoutGraph, GraphError } from "./from-rdf.js";
export { XmlError, parseXml, parseXmlBytes } from "./xml.js";
export { emitGraph, template } from "./to-rdf.js";

/** The graph of a CAEX model as Turtle, streamed in chunks (deterministic: document order). */
export function writeAmlTurtle(model: AmlModel, emit: (chunk: string) => void): void {
  const w = new TurtleWriter(model.base, emit);
  emitGraph(model, w);
  w.finish();
}

/** The graph of a CAEX model as one Turtle string. */
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
