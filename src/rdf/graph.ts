// RDF terms, Turtle/N-Triples/JSON-LD reading and deterministic writing (N3.js underneath).
// Determinism (DESIGN.md): the same set of triples gives the same bytes — quads are sorted by their
// N-Triples form before writing, and the writers never invent blank node labels of their own.
import { InputError } from "../errors.js";
import { DataFactory, Parser, Writer } from "n3";
import type { Literal, NamedNode, Quad, Quad_Object, Quad_Predicate, Quad_Subject } from "@rdfjs/types";
import { NS, PREFIXES } from "./namespaces.js";

export type { Quad, NamedNode, Literal };

const { namedNode, literal, quad: makeQuad } = DataFactory;

/** An IRI term (RDF/JS NamedNode). */
export function iri(value: string): NamedNode {
  return namedNode(value);
}

/** A literal: plain string, typed (datatype IRI) or language-tagged (`@en` or `en`). */
export function lit(value: string | number | boolean, datatypeOrLang?: string): Literal {
  if (typeof value === "number") {
    if (Number.isInteger(value) && datatypeOrLang === undefined) return literal(String(value), namedNode(`${NS.xsd}integer`));
    return literal(numberLexical(value), namedNode(datatypeOrLang ?? `${NS.xsd}double`));
  }
  if (typeof value === "boolean") return literal(String(value), namedNode(`${NS.xsd}boolean`));
  if (datatypeOrLang === undefined) return literal(value);
  if (datatypeOrLang.includes(":")) return literal(value, namedNode(datatypeOrLang));
  return literal(value, datatypeOrLang.replace(/^@/, ""));
}

/** xsd:double lexical form that reads back to the same IEEE-754 value (shortest round trip). */
export function numberLexical(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "INF";
  if (x === -Infinity) return "-INF";
  const s = String(x);
  return /[eE.]/.test(s) ? s : `${s}.0`;
}

/** A triple in the default graph (RDF/JS Quad). */
export function quad(s: Quad_Subject, p: Quad_Predicate, o: Quad_Object): Quad {
  return makeQuad(s, p, o);
}

/** A syntax error in Turtle or N-Triples (bad input), located as `file:line: message`. */
export class RdfSyntaxError extends InputError {
  declare readonly file: string;
  /** the message without the place */
  readonly detail: string;
  constructor(file: string, line: number | undefined, detail: string) {
    super(`${file}${line === undefined ? "" : `:${line}`}: ${detail}`, { file, ...(line !== undefined ? { line } : {}) });
    this.detail = detail;
  }
}

/**
 * Reads Turtle text into quads (N3.js); `file` names the source in errors, `baseIRI` resolves relative IRIs.
 * @throws RdfSyntaxError `file:line: message`
 */
export function parseTurtle(text: string, file: string, baseIRI?: string): Quad[] {
  try {
    return new Parser({ format: "text/turtle", ...(baseIRI ? { baseIRI } : {}) }).parse(text) as Quad[];
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const line = (e as { context?: { line?: number } }).context?.line ?? Number(/on line (\d+)/.exec(msg)?.[1] ?? NaN);
    throw new RdfSyntaxError(file, Number.isFinite(line) ? line : undefined, msg.replace(/ on line \d+\.?$/, ""));
  }
}

/**
 * Reads N-Triples text into quads.
 * @throws RdfSyntaxError `file:line: message`
 */
export function parseNTriples(text: string, file: string): Quad[] {
  try {
    return new Parser({ format: "application/n-triples" }).parse(text) as Quad[];
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const line = Number(/on line (\d+)/.exec(msg)?.[1] ?? NaN);
    throw new RdfSyntaxError(file, Number.isFinite(line) ? line : undefined, msg);
  }
}

/** N-Triples form of a term: the canonical sort key. */
export function termKey(t: Quad_Subject | Quad_Predicate | Quad_Object): string {
  switch (t.termType) {
    case "NamedNode":
      return `<${t.value}>`;
    case "BlankNode":
      return `_:${t.value}`;
    case "Literal": {
      const l = t as Literal;
      const v = JSON.stringify(l.value);
      if (l.language) return `${v}@${l.language}`;
      if (l.datatype && l.datatype.value !== `${NS.xsd}string`) return `${v}^^<${l.datatype.value}>`;
      return v;
    }
    default:
      return t.value;
  }
}

function quadKey(q: Quad): string {
  return `${termKey(q.subject)} ${termKey(q.predicate)} ${termKey(q.object)}`;
}

/** Quads sorted canonically with exact duplicates removed (a graph is a set). */
export function canonicalQuads(quads: Iterable<Quad>): Quad[] {
  const keyed = new Map<string, Quad>();
  for (const q of quads) {
    const k = quadKey(q);
    if (!keyed.has(k)) keyed.set(k, q);
  }
  return [...keyed.keys()].sort(compareCodeUnits).map((k) => keyed.get(k)!);
}

/** Plain code-unit order: independent of locale and of the ICU version (unlike localeCompare). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function usedPrefixes(quads: Quad[], prefixes: Record<string, string>): Record<string, string> {
  const used: Record<string, string> = {};
  const names = Object.keys(prefixes).sort(compareCodeUnits);
  const seen = new Set<string>();
  for (const q of quads) {
    for (const t of [q.subject, q.predicate, q.object, (q.object as Literal).datatype]) {
      if (t && t.termType === "NamedNode") seen.add(t.value);
    }
  }
  for (const name of names) {
    const ns = prefixes[name]!;
    for (const v of seen) {
      if (v.startsWith(ns) && /^[A-Za-z_][\w-]*$/.test(v.slice(ns.length))) {
        used[name] = ns;
        break;
      }
    }
  }
  return used;
}

function writeWith(format: string, quads: Quad[], prefixes?: Record<string, string>): string {
  const writer = new Writer({ format, ...(prefixes ? { prefixes } : {}) });
  writer.addQuads(quads);
  let out = "";
  writer.end((error: Error | null, result: string) => {
    if (error) throw error;
    out = result;
  });
  return out;
}

/** Deterministic Turtle: sorted triples grouped by subject, only the prefixes actually used. */
export function writeTurtle(quads: Iterable<Quad>, prefixes: Record<string, string> = PREFIXES): string {
  const sorted = canonicalQuads(quads);
  return writeWith("text/turtle", sorted, usedPrefixes(sorted, prefixes));
}

/** Deterministic N-Triples: one sorted line per triple. */
export function writeNTriples(quads: Iterable<Quad>): string {
  return writeWith("application/n-triples", canonicalQuads(quads));
}

type JsonLdValue = { "@id": string } | { "@value": string; "@type"?: string; "@language"?: string };

/** Deterministic JSON-LD (expanded form, one node object per subject, sorted). */
export function writeJsonLd(quads: Iterable<Quad>): string {
  const nodes = new Map<string, Map<string, JsonLdValue[]>>();
  for (const q of canonicalQuads(quads)) {
    const s = q.subject.termType === "BlankNode" ? `_:${q.subject.value}` : q.subject.value;
    let props = nodes.get(s);
    if (!props) nodes.set(s, (props = new Map()));
    const p = q.predicate.value === `${NS.rdf}type` ? "@type" : q.predicate.value;
    let values = props.get(p);
    if (!values) props.set(p, (values = []));
    const o = q.object;
    if (o.termType === "Literal") {
      const v: JsonLdValue = { "@value": o.value };
      if (o.language) v["@language"] = o.language;
      else if (o.datatype.value !== `${NS.xsd}string`) v["@type"] = o.datatype.value;
      values.push(v);
    } else {
      values.push({ "@id": o.termType === "BlankNode" ? `_:${o.value}` : o.value });
    }
  }
  const graph = [...nodes.entries()].map(([id, props]) => {
    const node: Record<string, unknown> = { "@id": id };
    for (const [p, values] of props) node[p] = p === "@type" ? values.map((v) => (v as { "@id": string })["@id"]) : values;
    return node;
  });
  return JSON.stringify(graph, null, 1) + "\n";
}
