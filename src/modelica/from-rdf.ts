// RDF -> AST: rebuilds every stored definition from the graph alone (the inverse of to-rdf.ts).
// Structure (files, classes, sections, element order, prefixes, types, component declarations,
// annotations) comes from the structured terms; equations, statements, imports, modifications and
// expressions from their canonical text literals, parsed back with the fragment parser.
import type { Quad } from "@rdfjs/types";
import { MO, NS } from "../rdf/namespaces.js";
import type * as A from "./ast.js";
import { type Fragment, parseFragment } from "./parser.js";

export interface RebuiltFile {
  path: string;
  sd?: A.StoredDefinition;
  text?: string; // non-Modelica files (package.order)
}

/** A graph that does not describe Modelica sources completely. */
export class GraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GraphError";
  }
}

const TYPE = NS.rdf + "type";

class Index {
  readonly props = new Map<string, Map<string, string[]>>();
  readonly inverse = new Map<string, Map<string, string[]>>();
  readonly ofType = new Map<string, string[]>();
  constructor(quads: Iterable<Quad>) {
    for (const q of quads) {
      const s = q.subject.value;
      const p = q.predicate.value;
      const o = q.object.value;
      let m = this.props.get(s);
      if (!m) this.props.set(s, (m = new Map()));
      let l = m.get(p);
      if (!l) m.set(p, (l = []));
      l.push(o);
      if (q.object.termType === "NamedNode") {
        if (p === TYPE) {
          let t = this.ofType.get(o);
          if (!t) this.ofType.set(o, (t = []));
          t.push(s);
        } else {
          let inv = this.inverse.get(o);
          if (!inv) this.inverse.set(o, (inv = new Map()));
          let il = inv.get(p);
          if (!il) inv.set(p, (il = []));
          il.push(s);
        }
      }
    }
  }
  get(s: string, local: string): string | undefined {
    return this.props.get(s)?.get(MO + local)?.[0];
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
    return this.props.get(s)?.get(TYPE) ?? [];
  }
  subjects(o: string, local: string): string[] {
    return this.inverse.get(o)?.get(MO + local) ?? [];
  }
}

export class RdfReader {
  private readonly ix: Index;
  constructor(quads: Iterable<Quad>) {
    this.ix = new Index(quads);
  }

  private frag<T>(s: string, text: string, what: Fragment): T {
    return (parseFragment as (a: string, b: string, c: string) => T)(text, `<${s}>`, what);
  }

  files(): RebuiltFile[] {
    const out: RebuiltFile[] = [];
    for (const f of this.ix.ofType.get(MO + "StoredDefinition") ?? []) out.push({ path: this.ix.req(f, "path"), sd: this.storedDefinition(f) });
    for (const f of this.ix.ofType.get(MO + "PackageOrder") ?? []) out.push({ path: this.ix.req(f, "path"), text: this.ix.req(f, "text") });
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private sorted(subjects: string[]): string[] {
    return [...subjects].sort((a, b) => this.ix.int(a, "index") - this.ix.int(b, "index") || this.declIndex(a) - this.declIndex(b));
  }
  private declIndex(s: string): number {
    const v = this.ix.get(s, "declarationIndex");
    return v === undefined ? 0 : Number(v);
  }

  storedDefinition(f: string): A.StoredDefinition {
    const sd: A.StoredDefinition = { classes: [] };
    const within = this.ix.get(f, "within");
    if (within !== undefined) sd.within = within === "" ? {} : { name: splitName(within) };
    for (const c of this.sorted(this.ix.subjects(f, "storedIn"))) sd.classes.push({ final: this.ix.bool(c, "isFinal"), cls: this.classDef(c) });
    sd.layout = this.layout(f);
    return sd;
  }

  private layout(s: string): string[] | undefined {
    const v = this.ix.get(s, "layout");
    if (v === undefined) return undefined;
    const arr = JSON.parse(v) as unknown;
    if (!Array.isArray(arr) || !arr.every((x) => typeof x === "string")) throw new GraphError(`<${s}>: mo:layout is not a JSON array of strings`);
    return arr as string[];
  }

  private desc(s: string, local = "descriptionSource"): string[] {
    const v = this.ix.get(s, local);
    return v === undefined ? [] : this.frag<A.Comment>(s, v, "comment").desc;
  }

  private ann(owner: string, role: string): A.Arg[] | undefined {
    const a = `${owner}/annotation/${role}`;
    if (!this.ix.props.has(a)) return undefined;
    return this.frag<A.Arg[]>(a, this.ix.req(a, "text"), "classModification");
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
        const lits = [...(ix.props.get(c)?.get(MO + "literal") ?? [])]
          .sort((a, b) => ix.int(a, "index") - ix.int(b, "index"))
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
    for (const s of this.sorted(ix.subjects(c, "sectionOf"))) {
      const kind = ix.req(s, "sectionKind");
      const members = this.sorted(ix.subjects(s, "inSection"));
      if (kind === "public" || kind === "protected") {
        comp.sections.push({ k: kind, keyword: !ix.bool(s, "implicit"), elems: this.elements(c, members) });
      } else if (kind.endsWith("equation")) {
        comp.sections.push({ k: "equation", initial: kind.startsWith("initial"), eqs: members.map((m) => this.frag<A.Equation>(m, ix.req(m, "text"), "equation")) });
      } else {
        comp.sections.push({ k: "algorithm", initial: kind.startsWith("initial"), stmts: members.map((m) => this.frag<A.Statement>(m, ix.req(m, "text"), "statement")) });
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
  return new RdfReader(quads).files();
}
