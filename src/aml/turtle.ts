// Triple sinks of the CAEX → RDF mapping: a streaming Turtle writer and an RDF/JS quad collector.
//
// The Turtle writer is deterministic without sorting: subjects come in document order of the CAEX
// file, each subject's predicates in the fixed order the mapping emits them, so the same input gives
// the same bytes. It streams (chunks of ~64 KiB) because a 40 MB CAEX file gives millions of
// triples, more than a sort-everything writer (src/rdf/graph.ts writeTurtle) can hold comfortably;
// `collectQuads` gives the same triples as RDF/JS quads for writeTurtle/SPARQL/SHACL.
import { DataFactory } from "n3";
import type { Quad } from "../rdf/graph.js";
import { AML, NS } from "../rdf/namespaces.js";

export interface TripleSink {
  /** starts the block of a subject (each subject is started exactly once) */
  subject(iri: string): void;
  iri(predicate: string, object: string): void;
  lit(predicate: string, value: string, datatype?: string): void;
  int(predicate: string, n: number): void;
  /** ends the current subject block */
  end(): void;
}

const RDF_TYPE = `${NS.rdf}type`;
const XSD_STRING = `${NS.xsd}string`;

/** Prefixes of the Turtle the AML mapping writes (fixed, so the header never churns). */
export const AML_PREFIXES: [string, string][] = [
  ["aml", AML],
  ["owl", NS.owl],
  ["qudt", NS.qudt],
  ["rdf", NS.rdf],
  ["rdfs", NS.rdfs],
  ["unit", NS.unit],
  ["xsd", NS.xsd],
];

/**
 * Does a relative reference resolve against a "/"-terminated base to base + itself (RFC 3986 §5.2)?
 * Not when it starts with "/", has "?" or "#", a scheme-like first segment ("x:"), or dot segments.
 */
function safeRelative(rest: string): boolean {
  const c = rest.charCodeAt(0);
  if (c === 0x2f || rest.indexOf("?") >= 0 || rest.indexOf("#") >= 0) return false;
  const colon = rest.indexOf(":");
  if (colon >= 0) {
    const slash = rest.indexOf("/");
    if (slash < 0 || colon < slash) return false;
  }
  if (rest.indexOf(".") < 0) return true;
  return !(rest === "." || rest === ".." || rest.startsWith("./") || rest.startsWith("../") || rest.includes("/./") || rest.includes("/../") || rest.endsWith("/.") || rest.endsWith("/.."));
}

const PN_LOCAL = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A Turtle string literal: "..." with the escapes of Turtle 1.1 §6.4 (no raw control characters). */
export function turtleString(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = "\\\\";
    else if (c === 0x0a) esc = "\\n";
    else if (c === 0x0d) esc = "\\r";
    else if (c === 0x09) esc = "\\t";
    else if (c < 0x20 || c === 0x7f || c === 0xfeff) esc = `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
    if (esc !== undefined) {
      out += s.slice(last, i) + esc;
      last = i + 1;
    }
  }
  return out + s.slice(last) + '"';
}

/** IRI characters Turtle's IRIREF forbids, as \u escapes are not allowed to smuggle them either. */
const BAD_IRI = /[\u0000-\u0020<>"{}|^`\\]/;

export class TurtleWriter implements TripleSink {
  private buf: string[] = [];
  private size = 0;
  private open = false;
  private lastPred = "";
  private readonly prefixes: [string, string][];
  /** relative IRIs only against a base ending in "/" (RFC 3986 §5.2 merge keeps the directory) */
  private readonly relative: boolean;

  constructor(
    private readonly base: string,
    private readonly emit: (chunk: string) => void,
    prefixes: [string, string][] = AML_PREFIXES,
  ) {
    this.prefixes = prefixes;
    this.relative = base.endsWith("/");
    if (BAD_IRI.test(base)) throw new Error(`base IRI not writable in Turtle: ${JSON.stringify(base)}`);
    let head = `@base <${base}> .\n`;
    for (const [p, ns] of prefixes) head += `@prefix ${p}: <${ns}> .\n`;
    this.push(head);
  }

  private push(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.buf.length > 0) this.emit(this.buf.join(""));
    this.buf = [];
    this.size = 0;
  }

  /** predicates and classes repeat: their written form is cached */
  private readonly cache = new Map<string, string>();

  /** A term for a predicate or class IRI (few distinct values): cached. */
  private vocab(iri: string): string {
    let t = this.cache.get(iri);
    if (t === undefined) {
      t = this.term(iri);
      if (this.cache.size < 10000) this.cache.set(iri, t);
    }
    return t;
  }

  term(iri: string): string {
    if (this.relative && iri.startsWith(this.base)) {
      // below the base, IRIs are made of percent-encoded segments (model.ts encodeSegment)
      const rest = iri.slice(this.base.length);
      if (safeRelative(rest) && !BAD_IRI.test(rest)) return `<${rest}>`;
    }
    if (BAD_IRI.test(iri)) throw new Error(`IRI not writable in Turtle: ${JSON.stringify(iri)}`);
    for (const [p, ns] of this.prefixes) {
      if (iri.startsWith(ns)) {
        const local = iri.slice(ns.length);
        if (PN_LOCAL.test(local)) return `${p}:${local}`;
      }
    }
    return `<${iri}>`;
  }

  subject(iri: string): void {
    if (this.open) this.end();
    this.push(`\n${this.term(iri)}`);
    this.open = true;
    this.lastPred = "";
  }

  private pred(p: string): void {
    if (p === this.lastPred) {
      this.push(", ");
      return;
    }
    const t = p === RDF_TYPE ? "a" : this.vocab(p);
    this.push(this.lastPred === "" ? ` ${t} ` : ` ;\n    ${t} `);
    this.lastPred = p;
  }

  iri(p: string, o: string): void {
    this.pred(p);
    this.push(this.term(o));
  }

  lit(p: string, value: string, datatype?: string): void {
    this.pred(p);
    const s = turtleString(value);
    this.push(datatype === undefined || datatype === XSD_STRING ? s : `${s}^^${this.vocab(datatype)}`);
  }

  int(p: string, n: number): void {
    this.pred(p);
    this.push(String(n));
  }

  end(): void {
    if (!this.open) return;
    this.push(" .\n");
    this.open = false;
  }

  /** Ends the document and flushes the rest. */
  finish(): void {
    this.end();
    this.flush();
  }
}

const { namedNode, literal, quad } = DataFactory;

/** Collects the triples as RDF/JS quads (for SPARQL, SHACL and the shared deterministic writers). */
export class QuadCollector implements TripleSink {
  readonly quads: Quad[] = [];
  private s: ReturnType<typeof namedNode> = namedNode("urn:x-none");

  subject(iri: string): void {
    this.s = namedNode(iri);
  }
  iri(p: string, o: string): void {
    this.quads.push(quad(this.s, namedNode(p), namedNode(o)));
  }
  lit(p: string, value: string, datatype?: string): void {
    this.quads.push(quad(this.s, namedNode(p), literal(value, datatype === undefined ? undefined : namedNode(datatype))));
  }
  int(p: string, n: number): void {
    this.quads.push(quad(this.s, namedNode(p), literal(String(n), namedNode(`${NS.xsd}integer`))));
  }
  end(): void {}
}
