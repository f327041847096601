// A fast deterministic Turtle writer for the Modelica graphs (large: ~0.1 triple per source byte,
// long literals). Same contract as rdf/graph.ts writeTurtle — a set of triples always gives the same
// bytes — without building N-Triples keys: subjects are sorted by IRI, a subject's predicates by
// their Turtle text ("a" first), objects by their Turtle text, duplicates dropped. The mapper
// (to-rdf.ts) writes triples straight into it (no Quad objects); `endGroup()` turns every subject
// seen so far into its finished text block, so only text is kept between files.
// Compact but plain Turtle 1.1: `@base` with relative IRIs for the model's own IRIs, prefixed names,
// bare integers/booleans/doubles, and long strings ("""...""") for text with line breaks. No blank nodes.
import type { Literal, Quad } from "@rdfjs/types";
import { numberLexical } from "../rdf/graph.js";
import { MO, NS, PREFIXES } from "../rdf/namespaces.js";
import { pathIri } from "./iri.js";

const XSD_STRING = NS.xsd + "string";
const XSD_INTEGER = NS.xsd + "integer";
const XSD_BOOLEAN = NS.xsd + "boolean";
const XSD_DOUBLE = NS.xsd + "double";
const RDF_TYPE = NS.rdf + "type";
const LOCAL = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const INTEGER = /^[+-]?[0-9]+$/;
const DOUBLE = /^[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+$/;
const NEEDS_ESCAPE = /["\\\n\r\t\b\f\u0000-\u001f\u007f]/;
const IRI_UNSAFE = /[\u0000-\u0020<>"{}|^`\\]/g;
const REL_UNSAFE = /[\u0000-\u0020<>"{}|^`\\:]|(^|\/)\.\.?(\/|$)/;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where triples go: the Turtle writer, or Quad objects (to-rdf.ts). Predicates and IRIs are full IRIs. */
export interface TripleSink {
  iri(s: string, p: string, o: string): void;
  str(s: string, p: string, v: string): void;
  typed(s: string, p: string, lexical: string, datatype: string): void;
  /** xsd:integer */
  int(s: string, p: string, n: number): void;
  /** every subject seen so far is complete */
  endGroup(): void;
}

/** Turtle string (RDF 1.1 Turtle §2.5.1): short form, or the long form when the text has line breaks. */
export function quote(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  const long = s.includes("\n");
  let out = long ? '"""' : '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let e: string | undefined;
    if (c === 34) e = '\\"';
    else if (c === 92) e = "\\\\";
    else if (c === 10) e = long ? undefined : "\\n";
    else if (c === 13) e = "\\r";
    else if (c === 9) e = "\\t";
    else if (c === 8) e = "\\b";
    else if (c === 12) e = "\\f";
    else if (c < 32 || c === 0x7f) e = "\\u" + c.toString(16).padStart(4, "0");
    if (e !== undefined) {
      out += s.slice(last, i) + e;
      last = i + 1;
    }
  }
  return out + s.slice(last) + (long ? '"""' : '"');
}

interface Subject {
  p: string[]; // predicate Turtle text
  o: string[]; // object Turtle text
}

export class TurtleWriter implements TripleSink {
  private readonly names: string[];
  private readonly used = new Set<string>();
  private readonly predText = new Map<string, string>();
  private group = new Map<string, Subject>();
  private blocks: { s: string; text: string }[] = [];
  private readonly relBase: string | undefined;

  /** `base`: IRIs under it are written relative to an `@base` (when that is exact, see `relative`). */
  constructor(
    private readonly prefixes: Record<string, string> = PREFIXES,
    base?: string,
  ) {
    this.names = Object.keys(prefixes).sort(cmp);
    this.relBase = base !== undefined && /^[a-z][a-z0-9+.-]*:\/\/[^?#]*\/$/i.test(base) ? base : undefined;
  }

  /** Relative reference for an IRI under the base, if resolving it against the base gives it back exactly (RFC 3986 §5.2). */
  private relative(v: string): string | undefined {
    const b = this.relBase;
    if (b === undefined || !v.startsWith(b)) return undefined;
    const rest = v.slice(b.length);
    // one scan: no character needing an escape, no ":" (a scheme), no "." or ".." segment
    if (rest === "" || REL_UNSAFE.test(rest)) return undefined;
    const c = rest.charCodeAt(0);
    if (c === 47 || c === 63 || c === 35) return undefined; // "/", "?", "#"
    return rest;
  }

  iriText(v: string): string {
    const rel = this.relative(v);
    if (rel !== undefined) return "<" + rel + ">";
    for (const n of this.names) {
      const ns = this.prefixes[n]!;
      if (v.startsWith(ns) && LOCAL.test(v.slice(ns.length))) {
        this.used.add(n);
        return `${n}:${v.slice(ns.length)}`;
      }
    }
    return `<${v.replace(IRI_UNSAFE, uchar)}>`;
  }

  private pred(p: string): string {
    let t = this.predText.get(p);
    if (t === undefined) {
      t = p === RDF_TYPE ? "a" : this.iriText(p);
      this.predText.set(p, t);
    }
    return t;
  }

  private add(s: string, p: string, o: string): void {
    let e = this.group.get(s);
    if (e === undefined) this.group.set(s, (e = { p: [], o: [] }));
    e.p.push(this.pred(p));
    e.o.push(o);
  }

  iri(s: string, p: string, o: string): void {
    this.add(s, p, this.iriText(o));
  }

  str(s: string, p: string, v: string): void {
    this.add(s, p, quote(v));
  }

  int(s: string, p: string, n: number): void {
    this.add(s, p, String(n));
  }

  typed(s: string, p: string, lexical: string, datatype: string): void {
    let o: string;
    if (datatype === XSD_STRING) o = quote(lexical);
    else if ((datatype === XSD_INTEGER && INTEGER.test(lexical)) || (datatype === XSD_BOOLEAN && (lexical === "true" || lexical === "false")) || (datatype === XSD_DOUBLE && DOUBLE.test(lexical))) o = lexical;
    else o = `${quote(lexical)}^^${this.iriText(datatype)}`;
    this.add(s, p, o);
  }

  lang(s: string, p: string, v: string, language: string): void {
    this.add(s, p, `${quote(v)}@${language}`);
  }

  endGroup(): void {
    for (const [s, e] of this.group) {
      const n = e.p.length;
      const ix = new Array<number>(n);
      for (let i = 0; i < n; i++) ix[i] = i;
      const P = e.p, O = e.o;
      ix.sort((a, b) => {
        const pa = P[a]!, pb = P[b]!;
        if (pa !== pb) return pa === "a" ? -1 : pb === "a" ? 1 : cmp(pa, pb);
        return cmp(O[a]!, O[b]!);
      });
      // parts joined once: a flat string (not a rope of small pieces) is what stays in memory
      const parts: string[] = [this.iriText(s)];
      let prevP = "";
      let prevO = "";
      for (let k = 0; k < n; k++) {
        const i = ix[k]!;
        const p = P[i]!, o = O[i]!;
        if (p === prevP) {
          if (o === prevO) continue;
          parts.push(", ", o);
        } else parts.push(prevP === "" ? "\n  " : " ;\n  ", p, " ", o);
        prevP = p;
        prevO = o;
      }
      parts.push(" .\n");
      this.blocks.push({ s, text: parts.join("") });
    }
    this.group = new Map();
  }

  /** The document: prefixes, base, subject blocks by IRI. */
  finish(): string {
    this.endGroup();
    const blocks = this.blocks;
    this.blocks = [];
    blocks.sort((a, b) => cmp(a.s, b.s));
    let head = [...this.used].sort(cmp).map((n) => `@prefix ${n}: <${this.prefixes[n]}> .\n`).join("");
    if (this.relBase !== undefined) head += `@base <${this.relBase}> .\n`;
    const parts = new Array<string>(blocks.length + 1);
    parts[0] = head;
    for (let i = 0; i < blocks.length; i++) parts[i + 1] = "\n" + blocks[i]!.text;
    return parts.join("");
  }
}

function uchar(c: string): string {
  return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
}

/** The model base of a Modelica graph: `<base>file/<path>` subjects carry `mo:path "<path>"`. */
function inferBase(quads: Quad[]): string | undefined {
  const PATH = MO + "path";
  for (const q of quads) {
    if (q.predicate.value !== PATH || q.object.termType !== "Literal") continue;
    const s = q.subject.value;
    const tail = pathIri("", q.object.value);
    if (s.endsWith(tail)) return s.slice(0, s.length - tail.length);
  }
  return undefined;
}

/** Turtle of a set of quads (IRI subjects only); `base` defaults to the graph's own model base. */
export function writeModelicaTurtle(quads: Iterable<Quad>, prefixes: Record<string, string> = PREFIXES, base?: string): string {
  const list = Array.isArray(quads) ? (quads as Quad[]) : [...quads];
  const w = new TurtleWriter(prefixes, base ?? inferBase(list));
  for (const q of list) {
    if (q.subject.termType !== "NamedNode") throw new Error("writeModelicaTurtle: only IRI subjects");
    const o = q.object;
    if (o.termType === "Literal") {
      const l = o as Literal;
      if (l.language) w.lang(q.subject.value, q.predicate.value, l.value, l.language);
      else w.typed(q.subject.value, q.predicate.value, l.value, l.datatype.value);
    } else w.iri(q.subject.value, q.predicate.value, o.value);
  }
  return w.finish();
}

export { numberLexical };
