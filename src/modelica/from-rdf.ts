// RDF -> AST: rebuilds every stored definition from the graph alone (the inverse of to-rdf.ts).
// Structure (files, classes, sections, element order, prefixes, types, component declarations,
// annotations) comes from the structured terms; equations, statements, imports, modifications and
// expressions from their canonical text literals, parsed back with the fragment parser. The holes
// to-rdf.ts leaves in texts (values held by structured terms) are filled back here.
// Turtle is read with N3.js into a compact index keyed by subject (predicates as small integers),
// streaming: no Quad array is kept.
import { InputError, type InputLocation } from "../errors.js";
import type { Quad } from "@rdfjs/types";
import { DataFactory, Parser as N3Parser } from "n3";
import { RdfSyntaxError } from "../rdf/graph.js";
import { MO, NS } from "../rdf/namespaces.js";
import type * as A from "./ast.js";
import { isLayout } from "./layout.js";
import { type Fragment, parseFragment } from "./parser.js";
import { argsNamed, canonicalString } from "./to-rdf.js";

export interface RebuiltFile {
  path: string;
  sd?: A.StoredDefinition;
  text?: string; // non-Modelica files (package.order)
}

/** A graph that does not describe Modelica sources completely (bad input: the message names the resource). */
export class GraphError extends InputError {
  constructor(message: string, location: InputLocation = {}) {
    super(message, location);
  }
}

const TYPE = NS.rdf + "type";
/** predicates whose subjects are looked up by object */
const INVERSE = ["storedIn", "sectionOf", "inSection"];

/**
 * Subject -> its (predicate id, object) pairs, plus the few inverse lookups the reader needs. Flat
 * arrays with a linked list per subject (few objects for the garbage collector to trace; the Turtle
 * of a large library has millions of triples).
 */
class Index {
  private readonly head = new Map<string, number>(); // subject -> 1 + index of its last triple
  private next = new Int32Array(1 << 16); // 1 + index of the subject's previous triple, 0 = none
  private pred = new Uint16Array(1 << 16);
  private readonly obj: string[] = [];
  private readonly predId = new Map<string, number>();
  private readonly byLength: (string | number)[][] = [];
  private readonly localId = new Map<string, number>();
  private readonly inverse: Map<string, string[]>[] = [];
  readonly ofType = new Map<string, string[]>();
  /** number of triples indexed */
  triples = 0;
  private readonly typeId: number;
  private readonly inverseOf: number[] = []; // predicate id -> slot in `inverse`

  constructor() {
    this.typeId = this.id(TYPE);
    for (const local of INVERSE) {
      this.inverseOf[this.mo(local)] = this.inverse.length;
      this.inverse.push(new Map());
    }
  }

  /** predicate id; a Map of the few predicate strings, looked up through a per-length bucket first
   * (the parser's IRIs are fresh concatenations: comparing them beats hashing them) */
  id(p: string): number {
    const bucket = this.byLength[p.length];
    if (bucket !== undefined) for (let j = 0; j < bucket.length; j += 2) if (bucket[j] === p) return bucket[j + 1] as number;
    let i = this.predId.get(p);
    if (i === undefined) {
      this.predId.set(p, (i = this.predId.size));
      (this.byLength[p.length] ??= []).push(p, i);
    }
    return i;
  }
  mo(local: string): number {
    let i = this.localId.get(local);
    if (i === undefined) this.localId.set(local, (i = this.id(MO + local)));
    return i;
  }

  add(s: string, p: string, o: string, oIsIri: boolean): void {
    const pid = this.id(p);
    const t = this.triples++;
    if (t === this.next.length) {
      const n2 = new Int32Array(t * 2); n2.set(this.next); this.next = n2;
      const p2 = new Uint16Array(t * 2); p2.set(this.pred); this.pred = p2;
    }
    this.next[t] = this.head.get(s) ?? 0;
    this.head.set(s, t + 1);
    this.pred[t] = pid;
    this.obj.push(o);
    if (!oIsIri) return;
    if (pid === this.typeId) {
      let l = this.ofType.get(o);
      if (!l) this.ofType.set(o, (l = []));
      l.push(s);
      return;
    }
    const slot = this.inverseOf[pid];
    if (slot !== undefined) {
      const m = this.inverse[slot]!;
      let l = m.get(o);
      if (!l) m.set(o, (l = []));
      l.push(s);
    }
  }

  getId(s: string, pid: number): string | undefined {
    for (let t = this.head.get(s) ?? 0; t !== 0; t = this.next[t - 1]!) if (this.pred[t - 1] === pid) return this.obj[t - 1];
    return undefined;
  }
  get(s: string, local: string): string | undefined {
    return this.getId(s, this.mo(local));
  }
  /** every object of (s, pid), in graph order */
  all(s: string, pid: number): string[] {
    const out: string[] = [];
    for (let t = this.head.get(s) ?? 0; t !== 0; t = this.next[t - 1]!) if (this.pred[t - 1] === pid) out.push(this.obj[t - 1]!);
    return out.reverse();
  }
  req(s: string, local: string): string {
    const v = this.get(s, local);
    if (v === undefined) throw new GraphError(`<${s}>: missing mo:${local}`);
    return v;
  }
  bool(s: string, local: string): boolean {
    return this.get(s, local) === "true";
  }
  int(s: string, local: string): number {
    return Number(this.req(s, local));
  }
  types(s: string): string[] {
    return this.all(s, this.typeId);
  }
  has(s: string): boolean {
    return this.head.has(s);
  }
  /** subjects with `local` pointing at `o` (only for the INVERSE predicates) */
  subjectsOf(o: string, local: string): string[] {
    const slot = this.inverseOf[this.mo(local)];
    return (slot === undefined ? undefined : this.inverse[slot]!.get(o)) ?? [];
  }
}

function indexQuads(quads: Iterable<Quad>): Index {
  const ix = new Index();
  for (const q of quads) ix.add(q.subject.value, q.predicate.value, q.object.value, q.object.termType === "NamedNode");
  return ix;
}

/**
 * Parses Turtle (or N-Triples) with N3.js straight into an index. N3's synchronous parse hands each
 * triple to the data factory's `quad()`; ours files it and returns null, so no Quad array is built.
 */
function indexTurtle(text: string, file: string, format: "text/turtle" | "application/n-triples"): Index {
  const ix = new Index();
  // light terms: N3's own build an id string per term (for a literal, its whole text once more)
  const factory = {
    ...DataFactory,
    namedNode: (value: string) => ({ termType: "NamedNode", value, id: value }),
    literal: (value: string, dt?: unknown) => ({ termType: "Literal", value, id: value, datatype: dt }),
    quad(s: { value: string }, p: { value: string }, o: { value: string; termType: string }): null {
      ix.add(s.value, p.value, o.value, o.termType === "NamedNode");
      return null;
    },
  };
  try {
    const rest = new N3Parser({ format, factory: factory as unknown as typeof DataFactory }).parse(text) as unknown[];
    if (rest.length) throw new Error("unexpected quads from the Turtle parser");
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const line = (e as { context?: { line?: number } }).context?.line ?? Number(/on line (\d+)/.exec(msg)?.[1] ?? NaN);
    throw new RdfSyntaxError(file, Number.isFinite(line) ? line : undefined, msg.replace(/ on line \d+\.?$/, ""));
  }
  return ix;
}

export class RdfReader {
  constructor(private readonly ix: Index) {}

  /** number of triples read */
  get triples(): number {
    return this.ix.triples;
  }

  static fromQuads(quads: Iterable<Quad>): RdfReader {
    return new RdfReader(indexQuads(quads));
  }
  static fromTurtle(text: string, file: string): RdfReader {
    return new RdfReader(indexTurtle(text, file, file.endsWith(".nt") ? "application/n-triples" : "text/turtle"));
  }

  private frag<T>(s: string, text: string, what: Fragment): T {
    return (parseFragment as (a: string, b: string, c: string) => T)(text, `<${s}>`, what);
  }

  files(): RebuiltFile[] {
    return [...this.eachFile()];
  }

  /** The files in path order, each rebuilt only when reached (so a caller can drop one before the next). */
  *eachFile(): Generator<RebuiltFile> {
    const list: { path: string; s: string; mo: boolean }[] = [];
    for (const s of this.ix.ofType.get(MO + "StoredDefinition") ?? []) list.push({ path: this.ix.req(s, "path"), s, mo: true });
    for (const s of this.ix.ofType.get(MO + "PackageOrder") ?? []) list.push({ path: this.ix.req(s, "path"), s, mo: false });
    list.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const f of list) yield f.mo ? { path: f.path, sd: this.storedDefinition(f.s) } : { path: f.path, text: this.ix.req(f.s, "text") };
  }

  /** by mo:index, then mo:declarationIndex (keys read once, not per comparison) */
  private sorted(subjects: string[]): string[] {
    if (subjects.length < 2) return subjects;
    const keyed = subjects.map((s) => ({ s, i: this.ix.int(s, "index"), d: this.declIndex(s) }));
    keyed.sort((a, b) => a.i - b.i || a.d - b.d);
    return keyed.map((k) => k.s);
  }
  private declIndex(s: string): number {
    const v = this.ix.get(s, "declarationIndex");
    return v === undefined ? 0 : Number(v);
  }

  storedDefinition(f: string): A.StoredDefinition {
    const sd: A.StoredDefinition = { classes: [] };
    const within = this.ix.get(f, "within");
    if (within !== undefined) sd.within = within === "" ? {} : { name: splitName(within) };
    for (const c of this.sorted(this.ix.subjectsOf(f, "storedIn"))) sd.classes.push({ final: this.ix.bool(c, "isFinal"), cls: this.classDef(c) });
    sd.layout = this.layout(f);
    return sd;
  }

  private layout(s: string): string | undefined {
    const v = this.ix.get(s, "layout");
    if (v === undefined) return undefined;
    if (!isLayout(v)) throw new GraphError(`<${s}>: mo:layout is not a layout string (runs and |trivia items)`);
    return v;
  }

  /** Description lexemes: mo:descriptionSource, else the canonical quoting of mo:description. */
  private desc(s: string, local = "descriptionSource"): string[] {
    const v = this.ix.get(s, local);
    if (v !== undefined) return this.frag<A.Comment>(s, v, "comment").desc;
    if (local !== "descriptionSource") return [];
    const d = this.ix.get(s, "description");
    return d === undefined ? [] : [canonicalString(d)];
  }

  private ann(owner: string, role: string): A.Arg[] | undefined {
    const a = `${owner}/annotation/${role}`;
    if (!this.ix.has(a)) return undefined;
    return this.annotationArgs(a);
  }

  /** The arguments of annotation node `a`: its text, holes filled from its structured terms (to-rdf.ts `annotation`). */
  private annotationArgs(a: string): A.Arg[] {
    const ix = this.ix;
    const args = this.frag<A.Arg[]>(a, ix.req(a, "text"), "classModification");
    for (const arg of args) {
      if (arg.kind !== "mod" || arg.name?.length !== 1) continue;
      const n = arg.name[0]!;
      if (argsNamed(args, n) !== 1) continue;
      const sub = arg.mod?.cm;
      if (n === "Documentation" && sub) {
        const d = `${a}/Documentation`;
        for (const x of sub) {
          if (x.name?.length !== 1 || (x.name[0] !== "info" && x.name[0] !== "revisions") || argsNamed(sub, x.name[0]) !== 1) continue;
          const v = x.mod?.value;
          const stored = ix.get(d, x.name[0]);
          if (stored !== undefined && v && v !== "break" && v.k === "str" && v.v === '""') x.mod!.value = { k: "str", v: canonicalString(stored) };
        }
      } else if ((n === "Icon" || n === "Diagram") && sub) {
        const d = `${a}/${n}`;
        for (const x of sub) {
          if (x.name?.length !== 1 || argsNamed(sub, x.name[0]!) !== 1) continue;
          if (x.name[0] === "coordinateSystem" && x.mod === undefined) {
            const cs = ix.get(d, "coordinateSystem");
            if (cs !== undefined) x.mod = this.frag<A.Modification>(d, cs, "modification");
          }
          const g = x.mod?.value;
          if (x.name[0] === "graphics" && g && g !== "break" && g.k === "array" && !g.iter && g.items.length === 0) {
            const items = ix.all(d, ix.mo("graphic"));
            if (items.length) g.items = this.sortedBy(items, "index").map((gi) => this.frag<A.Expr>(gi, ix.req(gi, "text"), "expression"));
          }
        }
      } else if (n === "Placement" && arg.mod === undefined) {
        const pl = ix.get(a, "placement");
        if (pl !== undefined) arg.mod = this.frag<A.Modification>(a, pl, "modification");
      }
    }
    return args;
  }

  /**
   * Fills the `annotation()` holes of an equation or statement text from its annotation nodes
   * `<x>/annotation/embedded/<n>`, numbered in the order to-rdf.ts `embedded` visits them
   * (pre-order; an annotation nested in another one has its own number but no hole).
   */
  private fillEmbedded(x: string, node: unknown): void {
    let n = 0;
    const visit = (o: unknown, fill: boolean): void => {
      if (typeof o !== "object" || o === null) return;
      if (Array.isArray(o)) {
        for (let i = 0; i < o.length; i++) visit(o[i], fill);
        return;
      }
      for (const k in o) {
        if (k === "layout") continue;
        let v = (o as Record<string, unknown>)[k];
        if (typeof v !== "object" || v === null) continue;
        if (k === "ann" && Array.isArray(v)) {
          if (fill) {
            const a = `${x}/annotation/embedded/${n}`;
            if (!this.ix.has(a)) throw new GraphError(`<${x}>: missing annotation ${a}`);
            v = this.annotationArgs(a);
            (o as Record<string, unknown>)[k] = v;
          }
          n++;
          visit(v, false);
        } else visit(v, fill);
      }
    };
    visit(node, true);
  }

  private sortedBy(subjects: string[], local: string): string[] {
    return [...subjects].sort((a, b) => this.ix.int(a, local) - this.ix.int(b, local));
  }

  private comment(s: string, role = "comment"): A.Comment {
    const c: A.Comment = { desc: this.desc(s) };
    const ann = this.ann(s, role);
    if (ann) c.ann = ann;
    return c;
  }

  private typeSpec(s: string, local: string): A.TypeSpec {
    const text = this.ix.req(s, local);
    const global = text.startsWith(".");
    return { global, name: splitName(global ? text.slice(1) : text) };
  }

  classDef(c: string): A.ClassDef {
    const ix = this.ix;
    const kind = ix.req(c, "classKind") as A.ClassKind;
    const pre: A.ClassPrefixes = { partial: ix.bool(c, "isPartial"), kind, operator: ix.bool(c, "isOperator"), expandable: ix.bool(c, "isExpandable") };
    const purity = ix.get(c, "purity");
    if (purity === "pure" || purity === "impure") pre.purity = purity;
    const name = ix.req(c, "name");
    const form = ix.req(c, "specifier");
    let spec: A.ClassSpec;
    switch (form) {
      case "long":
      case "extends": {
        const desc = this.desc(c);
        const comp = this.composition(c);
        const endName = ix.get(c, "endName") ?? name;
        if (form === "extends") {
          spec = { k: "extends", desc, comp, endName };
          const cm = ix.get(c, "extendsModification");
          if (cm !== undefined) spec.cm = this.frag(c, cm, "classModification");
        } else spec = { k: "long", desc, comp, endName };
        break;
      }
      case "short": {
        const s: Extract<A.ClassSpec, { k: "short" }> = { k: "short", type: this.typeSpec(c, "baseTypeName"), comment: { desc: [] } };
        const base = ix.get(c, "basePrefix");
        if (base === "input" || base === "output") s.base = base;
        const dims = ix.get(c, "arrayDims");
        if (dims !== undefined) s.subs = this.frag(c, dims, "subscripts");
        const cm = ix.get(c, "modification");
        if (cm !== undefined) s.cm = this.frag(c, cm, "classModification");
        s.comment = this.comment(c);
        spec = s;
        break;
      }
      case "enum": {
        const lits = this.sortedBy(ix.all(c, ix.mo("literal")), "index")
          .map((l) => ({ id: ix.req(l, "name"), comment: this.comment(l) }));
        spec = { k: "enum", colon: ix.bool(c, "enumerationColon"), lits, comment: this.comment(c) };
        break;
      }
      case "der":
        spec = { k: "der", type: this.typeSpec(c, "derivativeOfName"), ids: JSON.parse(ix.req(c, "derivativeVariables")) as string[], comment: this.comment(c) };
        break;
      default:
        throw new GraphError(`<${c}>: unknown mo:specifier ${JSON.stringify(form)}`);
    }
    const cls: A.ClassDef = { encapsulated: ix.bool(c, "isEncapsulated"), pre, name, spec };
    const layout = this.layout(c);
    if (layout) cls.layout = layout;
    return cls;
  }

  private composition(c: string): A.Composition {
    const ix = this.ix;
    const comp: A.Composition = { sections: [] };
    for (const s of this.sorted(ix.subjectsOf(c, "sectionOf"))) {
      const kind = ix.req(s, "sectionKind");
      const members = this.sorted(ix.subjectsOf(s, "inSection"));
      if (kind === "public" || kind === "protected") {
        comp.sections.push({ k: kind, keyword: !ix.bool(s, "implicit"), elems: this.elements(c, members) });
      } else if (kind.endsWith("equation")) {
        comp.sections.push({ k: "equation", initial: kind.startsWith("initial"), eqs: members.map((m) => this.withEmbedded(m, this.frag<A.Equation>(m, ix.req(m, "text"), "equation"))) });
      } else {
        comp.sections.push({ k: "algorithm", initial: kind.startsWith("initial"), stmts: members.map((m) => this.withEmbedded(m, this.frag<A.Statement>(m, ix.req(m, "text"), "statement"))) });
      }
    }
    const ext = ix.get(c, "external");
    if (ext !== undefined) {
      const e: A.External = {};
      const lang = ix.get(ext, "languageSource");
      if (lang !== undefined) e.lang = lang;
      const call = ix.get(ext, "externalCall");
      if (call !== undefined) e.call = parseExternalCall(call, ext, this);
      const ann = this.ann(ext, "comment");
      if (ann) e.ann = ann;
      comp.external = e;
    }
    const ann = this.ann(c, "class");
    if (ann) comp.ann = ann;
    return comp;
  }

  private withEmbedded<X>(m: string, x: X): X {
    this.fillEmbedded(m, x);
    return x;
  }

  private prefixes(s: string): A.ElementPrefixes {
    const ix = this.ix;
    return { redeclare: ix.bool(s, "isRedeclare"), final: ix.bool(s, "isFinal"), inner: ix.bool(s, "isInner"), outer: ix.bool(s, "isOuter"), replaceable: ix.bool(s, "isReplaceable") };
  }

  private constraint(s: string, el: { cc?: A.ConstrainingClause; ccComment?: A.Comment }): void {
    const ix = this.ix;
    if (!ix.bool(s, "hasConstraintComment")) return;
    el.cc = { type: this.typeSpec(s, "constrainedByName") };
    const cm = ix.get(s, "constrainedByModification");
    if (cm !== undefined) el.cc.cm = this.frag(s, cm, "classModification");
    const cmt: A.Comment = { desc: this.desc(s, "constraintDescriptionSource") };
    const ann = this.ann(s, "constraint");
    if (ann) cmt.ann = ann;
    el.ccComment = cmt;
  }

  private elements(c: string, members: string[]): A.Element[] {
    const ix = this.ix;
    const out: A.Element[] = [];
    let clause: { index: number; el: Extract<A.Element, { k: "comp" }> } | undefined;
    for (const m of members) {
      const types = ix.types(m);
      if (types.includes(MO + "Component")) {
        const index = ix.int(m, "index");
        const decl = this.declaration(m);
        if (clause && clause.index === index) {
          clause.el.clause.decls.push(decl);
          continue;
        }
        const cl: A.ComponentClause = { type: this.typeSpec(m, "typeName"), decls: [decl] };
        const flow = ix.get(m, "connectorKind");
        if (flow === "flow" || flow === "stream") cl.flow = flow;
        const v = ix.get(m, "variability");
        if (v === "discrete" || v === "parameter" || v === "constant") cl.variability = v;
        const ca = ix.get(m, "causality");
        if (ca === "input" || ca === "output") cl.causality = ca;
        const tdims = ix.get(m, "typeArrayDims");
        if (tdims !== undefined) cl.subs = this.frag(m, tdims, "subscripts");
        const el: Extract<A.Element, { k: "comp" }> = { k: "comp", pre: this.prefixes(m), clause: cl };
        this.constraint(m, el);
        out.push(el);
        clause = { index, el };
        continue;
      }
      clause = undefined;
      if (types.includes(MO + "ClassDefinition")) {
        const el: Extract<A.Element, { k: "class" }> = { k: "class", pre: this.prefixes(m), cls: this.classDef(m) };
        this.constraint(m, el);
        out.push(el);
      } else if (types.includes(MO + "ExtendsClause")) {
        const el: Extract<A.Element, { k: "extends" }> = { k: "extends", type: this.typeSpec(m, "baseClassName") };
        const cm = ix.get(m, "modification");
        if (cm !== undefined) el.cm = this.frag(m, cm, "classModification");
        const ann = this.ann(m, "comment");
        if (ann) el.ann = ann;
        out.push(el);
      } else if (types.includes(MO + "ImportClause")) {
        out.push(this.frag<A.Element>(m, ix.req(m, "text"), "element"));
      } else throw new GraphError(`<${m}>: element of <${c}> of unknown type`);
    }
    return out;
  }

  private declaration(m: string): A.Declaration {
    const ix = this.ix;
    const d: A.Declaration = { name: ix.req(m, "name"), comment: this.comment(m) };
    const dims = ix.get(m, "arrayDims");
    if (dims !== undefined) d.subs = this.frag(m, dims, "subscripts");
    const mod = ix.get(m, "modification");
    if (mod !== undefined) d.mod = this.frag(m, mod, "modification");
    const cond = ix.get(m, "condition");
    if (cond !== undefined) d.cond = this.frag(m, cond, "expression");
    return d;
  }

  /** exposes fragment parsing to helpers */
  fragment<T>(s: string, text: string, what: Fragment): T {
    return this.frag<T>(s, text, what);
  }
}

/** `a.b.'c.d'` -> ["a", "b", "'c.d'"] (dots inside quoted identifiers kept). */
export function splitName(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      cur += ch;
      if (ch === "\\") cur += text[++i] ?? "";
      else if (ch === "'") quoted = false;
    } else if (ch === "'") {
      quoted = true;
      cur += ch;
    } else if (ch === ".") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function parseExternalCall(text: string, s: string, r: RdfReader): NonNullable<A.External["call"]> {
  // "lhs = fn(args)" or "fn(args)": parse as a statement/equation-like fragment
  const eqPos = text.indexOf(" = ");
  const open = text.indexOf("(");
  if (eqPos >= 0 && eqPos < open) {
    const lhs = r.fragment<A.Expr>(s, text.slice(0, eqPos), "expression");
    const rhs = r.fragment<A.Expr>(s, text.slice(eqPos + 3), "expression");
    if (lhs.k !== "ref" || rhs.k !== "call" || typeof rhs.fn === "string") throw new GraphError(`<${s}>: bad mo:externalCall`);
    return withArgs({ lhs: lhs.ref, fn: rhs.fn.parts[0]!.id }, rhs.args);
  }
  const rhs = r.fragment<A.Expr>(s, text, "expression");
  if (rhs.k !== "call" || typeof rhs.fn === "string") throw new GraphError(`<${s}>: bad mo:externalCall`);
  return withArgs({ fn: rhs.fn.parts[0]!.id }, rhs.args);
}

function withArgs(call: NonNullable<A.External["call"]>, args: A.FnArgs): NonNullable<A.External["call"]> {
  if (args.pos.length) call.args = args.pos as A.Expr[];
  return call;
}

export function modelicaFromRdf(quads: Iterable<Quad>): RebuiltFile[] {
  return RdfReader.fromQuads(quads).files();
}

/** Rebuilds the files of a Turtle (or, for `.nt`, N-Triples) text, read with N3.js (RdfSyntaxError on bad syntax). */
export function modelicaFromTurtle(text: string, file: string): RebuiltFile[] {
  return RdfReader.fromTurtle(text, file).files();
}
