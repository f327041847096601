// RDF → CAEX: regenerates the file from the graph alone. Every resource's aml:xmlTemplate is filled
// with its literal properties ({@p}, {p}) and its children ({*}, ordered by aml:xmlIndex); the root is
// the aml:CAEXFile resource. Only the triples the templates need are kept while parsing, so large
// graphs are read in one streaming pass of the N3.js parser.
import { InputError, type InputLocation } from "../errors.js";
import { Parser } from "n3";
import type { Quad } from "../rdf/graph.js";
import { AML, NS } from "../rdf/namespaces.js";
import { encodeXmlText } from "./xml.js";
import { escapeAttr, escapeText } from "./to-rdf.js";
import { RESOURCE_TAGS, containmentProp } from "./vocab.js";

/** The graph cannot give a CAEX file back (missing layout, broken template, ambiguity, a Turtle syntax error): bad input. */
export class GraphError extends InputError {
  constructor(message: string, location: InputLocation = {}) {
    super(message, location);
  }
}

interface Rec {
  template?: string;
  index?: number;
  lits?: Map<string, string[]>;
  children?: string[];
  encoding?: string;
  isFile?: boolean;
  /** second template or index: the graph is ambiguous */
  dup?: string;
}

const CONTAINMENT = new Set([...RESOURCE_TAGS.keys()].filter((t) => t !== "CAEXFile").map((t) => AML + containmentProp(t)));
const T_TEMPLATE = `${AML}xmlTemplate`;
const T_INDEX = `${AML}xmlIndex`;
const T_ENCODING = `${AML}xmlEncoding`;
const RDF_TYPE = `${NS.rdf}type`;
const CAEX_FILE = `${AML}CAEXFile`;

/** Collects what regeneration needs from a stream of quads. */
export class LayoutGraph {
  private readonly recs = new Map<string, Rec>();

  private rec(s: string): Rec {
    let r = this.recs.get(s);
    if (!r) this.recs.set(s, (r = {}));
    return r;
  }

  add(q: Quad): void {
    const p = q.predicate.value;
    if (!p.startsWith(AML) && p !== RDF_TYPE) return;
    if (q.subject.termType !== "NamedNode") return;
    const s = q.subject.value;
    const o = q.object;
    if (p === RDF_TYPE) {
      if (o.value === CAEX_FILE) this.rec(s).isFile = true;
      return;
    }
    if (p === T_TEMPLATE) {
      const r = this.rec(s);
      if (r.template !== undefined && r.template !== o.value) r.dup = "aml:xmlTemplate";
      r.template = o.value;
    } else if (p === T_INDEX) {
      const r = this.rec(s);
      const n = Number(o.value);
      if (r.index !== undefined && r.index !== n) r.dup = "aml:xmlIndex";
      r.index = n;
    } else if (p === T_ENCODING) {
      this.rec(s).encoding = o.value;
    } else if (CONTAINMENT.has(p) && o.termType === "NamedNode") {
      const r = this.rec(s);
      (r.children ??= []).push(o.value);
    } else if (o.termType === "Literal") {
      const r = this.rec(s);
      const local = p.slice(AML.length);
      const lits = (r.lits ??= new Map());
      const list = lits.get(local);
      if (list) {
        if (!list.includes(o.value)) list.push(o.value);
      } else lits.set(local, [o.value]);
    }
  }

  /** IRIs of the CAEX files in the graph (resources typed aml:CAEXFile with a template). */
  files(): string[] {
    const out: string[] = [];
    for (const [s, r] of this.recs) if (r.isFile && r.template !== undefined) out.push(s);
    return out.sort();
  }

  /** Regenerates the text of the file rooted at `root` (default: the only CAEX file of the graph). */
  render(root?: string): { text: string; encoding: "utf-8" | "iso-8859-1" } {
    let rootIri = root;
    if (rootIri === undefined) {
      const files = this.files();
      if (files.length === 0) throw new GraphError("the graph holds no CAEX file (no aml:CAEXFile resource with an aml:xmlTemplate)");
      if (files.length > 1) throw new GraphError(`the graph holds ${files.length} CAEX files; choose one with --root: ${files.join(", ")}`);
      rootIri = files[0]!;
    }
    const r = this.recs.get(rootIri);
    if (!r || r.template === undefined) throw new GraphError(`<${rootIri}> has no aml:xmlTemplate`);
    const enc = r.encoding ?? "utf-8";
    if (enc !== "utf-8" && enc !== "iso-8859-1") throw new GraphError(`<${rootIri}>: unknown aml:xmlEncoding "${enc}"`);
    const parts: string[] = [];
    // iterative: a frame is a resource being written, with its template position and next child
    type Frame = { iri: string; t: string; pos: number; kids: string[]; next: number; lits: Map<string, string[]> | undefined };
    const frame = (iri: string): Frame => {
      const rec = this.recs.get(iri);
      if (!rec || rec.template === undefined) throw new GraphError(`<${iri}> has no aml:xmlTemplate`);
      if (rec.dup) throw new GraphError(`<${iri}> has more than one ${rec.dup}`);
      // children in aml:xmlIndex order; the indexes must be 0..n-1, each once
      const list = rec.children ?? [];
      const kids: string[] = new Array<string>(list.length);
      for (const k of list) {
        const i = this.recs.get(k)?.index;
        if (i === undefined) throw new GraphError(`<${k}> (a child of <${iri}>) has no aml:xmlIndex`);
        if (!(i >= 0 && i < list.length && Number.isInteger(i)) || kids[i] !== undefined) throw new GraphError(`children of <${iri}>: aml:xmlIndex ${i} out of range or repeated`);
        kids[i] = k;
      }
      return { iri, t: rec.template, pos: 0, kids, next: 0, lits: rec.lits };
    };
    const stack: Frame[] = [frame(rootIri)];
    const seen = new Set<string>([rootIri]);
    while (stack.length > 0) {
      const f = stack[stack.length - 1]!;
      const t = f.t;
      const open = t.indexOf("{", f.pos);
      if (open < 0) {
        parts.push(t.slice(f.pos));
        if (f.next !== f.kids.length) throw new GraphError(`<${f.iri}>: ${f.kids.length} children but ${f.next} {*} slots in its template`);
        stack.pop();
        continue;
      }
      parts.push(t.slice(f.pos, open));
      if (t[open + 1] === "{") {
        parts.push("{");
        f.pos = open + 2;
        continue;
      }
      const close = t.indexOf("}", open);
      if (close < 0) throw new GraphError(`<${f.iri}>: unterminated placeholder in aml:xmlTemplate`);
      const name = t.slice(open + 1, close);
      f.pos = close + 1;
      if (name === "*") {
        const kid = f.kids[f.next++];
        if (kid === undefined) throw new GraphError(`<${f.iri}>: more {*} slots than children`);
        if (seen.has(kid)) throw new GraphError(`<${kid}> is contained twice`);
        seen.add(kid);
        stack.push(frame(kid));
        continue;
      }
      const isAttr = name.startsWith("@");
      const prop = isAttr ? name.slice(1) : name;
      const values = f.lits?.get(prop);
      if (!values || values.length !== 1) {
        throw new GraphError(`<${f.iri}>: aml:${prop} needs exactly one value for its placeholder, found ${values?.length ?? 0}`);
      }
      const v = values[0]!;
      parts.push(isAttr ? escapeAttr(v, t[open - 1] ?? '"') : escapeText(v));
    }
    return { text: parts.join(""), encoding: enc };
  }
}

/**
 * Reads Turtle text into a LayoutGraph in one streaming pass (the N3.js parser calls back per triple
 * instead of building a token array and a quad array first). Syntax errors: GraphError with the line.
 */
export function layoutFromTurtle(text: string, file: string): Promise<LayoutGraph> {
  const g = new LayoutGraph();
  return new Promise((resolve, reject) => {
    new Parser({ format: "text/turtle" }).parse(text, (error, q) => {
      if (error) {
        const msg = error.message;
        const line = /on line (\d+)/.exec(msg)?.[1];
        reject(new GraphError(`${file}${line ? `:${line}` : ""}: ${msg.replace(/ on line \d+\.?$/, "")}`));
      } else if (q) g.add(q as Quad);
      else resolve(g);
    });
  });
}

/** Regenerates CAEX bytes from Turtle text. */
export async function amlFromTurtle(text: string, file: string, root?: string): Promise<Buffer> {
  const { text: xml, encoding } = (await layoutFromTurtle(text, file)).render(root);
  return encodeXmlText(xml, encoding);
}

/** Regenerates CAEX bytes from quads. */
export function amlFromQuads(quads: Iterable<Quad>, root?: string): Buffer {
  const g = new LayoutGraph();
  for (const q of quads) g.add(q);
  const { text, encoding } = g.render(root);
  return encodeXmlText(text, encoding);
}
