// AST -> RDF (ontologies/modelica.ttl). IRIs are derived from content: a class from its full name
// under the base IRI, a component `<class>/<name>`, sections/equations/statements/imports/extends
// by their position in the class, annotations `<owner>/annotation/<role>`, files `<base>file/<path>`.
// No blank nodes. Equations, statements, imports, modifications and expressions are canonical text
// literals (re-parsed by from-rdf.ts) plus links to the components they reference; class structure,
// components, extends, units, annotations (Documentation, experiment, Icon/Diagram) are structured.
// The layout layer (`mo:layout`: the trivia before each token, JSON) makes the original bytes recoverable.
import type { Quad } from "@rdfjs/types";
import { iri, lit, quad } from "../rdf/graph.js";
import { MO, NS } from "../rdf/namespaces.js";
import type * as A from "./ast.js";
import { stringValue } from "./ast-util.js";
import { canonical } from "./printer.js";
import { qudtUnit } from "./units.js";

export const DEFAULT_BASE = "https://w3id.org/twin/modelica/model/";

export interface ParsedFile {
  path: string; // relative, "/"-separated
  sd: A.StoredDefinition; // with layout captured
}
export interface OtherFile {
  path: string; // package.order
  text: string;
}

const BUILTIN = new Set(["Real", "Integer", "Boolean", "String", "Clock"]);

/** IRI-safe segment for a Modelica identifier (quoted identifiers included). */
export function segment(id: string): string {
  return encodeURIComponent(id).replace(/'/g, "%27").replace(/[!*()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

export function pathIri(base: string, path: string): string {
  return `${base}file/${path.split("/").map(segment).join("/")}`;
}

interface ClassInfo {
  iri: string;
  fullName: string;
  cls: A.ClassDef;
  scope: ClassInfo | undefined; // enclosing class
  withinName: string[]; // package prefix of the file for top-level classes
  components: Map<string, string>; // name -> component IRI
  bases: A.TypeSpec[];
  imports: Extract<A.Element, { k: "import" }>[];
}

const P = (local: string) => iri(MO + local);
const RDF_TYPE = iri(NS.rdf + "type");

const KIND_CLASS: Record<A.ClassKind, string> = {
  class: "Class", model: "Model", record: "Record", block: "Block", connector: "Connector", type: "Type",
  package: "Package", function: "Function", operator: "Operator",
};

export class RdfMapper {
  readonly quads: Quad[] = [];
  private readonly classes = new Map<string, ClassInfo>(); // by full name
  private readonly byDef = new Map<A.ClassDef, ClassInfo>();
  private readonly used = new Set<string>();
  /** component IRI -> class declaring it and its type specifier */
  private readonly compTypes = new Map<string, { info: ClassInfo; type: A.TypeSpec }>();
  private readonly typeCache = new Map<string, ClassInfo | null>();

  constructor(readonly base: string) {}

  private t(s: string, p: string, o: ReturnType<typeof iri> | ReturnType<typeof lit>): void {
    this.quads.push(quad(iri(s), P(p), o));
  }
  private type(s: string, cls: string): void {
    this.quads.push(quad(iri(s), RDF_TYPE, iri(cls.includes(":") ? cls : MO + cls)));
  }
  private text(s: string, p: string, v: string | undefined): void {
    if (v !== undefined && v !== "") this.t(s, p, lit(v));
  }
  private flag(s: string, p: string, v: boolean | undefined): void {
    if (v) this.t(s, p, lit(true));
  }
  private unique(iriText: string): string {
    let x = iriText;
    for (let n = 2; this.used.has(x); n++) x = `${iriText}~${n}`;
    this.used.add(x);
    return x;
  }

  /** Maps a set of files (a package tree or single files). */
  map(files: ParsedFile[], others: OtherFile[]): Quad[] {
    const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const f of sorted) {
      const within = f.sd.within?.name ?? [];
      for (const { cls } of f.sd.classes) this.register(cls, undefined, within);
    }
    for (const f of sorted) this.file(f);
    for (const o of [...others].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      const s = pathIri(this.base, o.path);
      this.type(s, "PackageOrder");
      this.t(s, "path", lit(o.path));
      this.t(s, "text", lit(o.text));
    }
    return this.quads;
  }

  private register(cls: A.ClassDef, scope: ClassInfo | undefined, within: string[]): void {
    const fullName = (scope ? scope.fullName + "." : within.length ? within.join(".") + "." : "") + cls.name;
    const iriText = this.unique(this.base + fullName.split(".").map(segment).join("."));
    const info: ClassInfo = { iri: iriText, fullName, cls, scope, withinName: within, components: new Map(), bases: [], imports: [] };
    if (!this.classes.has(fullName)) this.classes.set(fullName, info);
    this.byDef.set(cls, info);
    const s = cls.spec;
    if (s.k === "short") info.bases.push(s.type);
    if (s.k !== "long" && s.k !== "extends") return;
    for (const sec of s.comp.sections) {
      if (sec.k !== "public" && sec.k !== "protected") continue;
      for (const el of sec.elems) {
        if (el.k === "class") this.register(el.cls, info, within);
        else if (el.k === "extends") info.bases.push(el.type);
        else if (el.k === "import") info.imports.push(el);
        else for (const d of el.clause.decls) if (!info.components.has(d.name)) info.components.set(d.name, "");
      }
    }
    for (const name of info.components.keys()) info.components.set(name, this.unique(`${iriText}/${segment(name)}`));
    for (const sec of s.comp.sections) {
      if (sec.k !== "public" && sec.k !== "protected") continue;
      for (const el of sec.elems) {
        if (el.k !== "comp") continue;
        for (const d of el.clause.decls) {
          const x = info.components.get(d.name)!;
          if (!this.compTypes.has(x)) this.compTypes.set(x, { info, type: el.clause.type });
        }
      }
    }
  }

  /** Class lookup (MLS 3.6 §5.3, simplified: enclosing scopes, their imports, then global). */
  resolve(t: A.TypeSpec, from: ClassInfo | undefined): ClassInfo | string | undefined {
    const name = t.name.join(".");
    if (t.global) return this.classes.get(name);
    if (t.name.length === 1 && BUILTIN.has(name)) return MO + name;
    const first = t.name[0]!;
    const rest = t.name.slice(1);
    // enclosing classes, then (for a top-level class of a file) the package named by its within clause
    const outer = (sc: ClassInfo): ClassInfo | undefined => sc.scope ?? (sc.withinName.length ? this.classes.get(sc.withinName.join(".")) : undefined);
    for (let sc = from, guard = 0; sc && guard < 64; sc = outer(sc), guard++) {
      const hit = this.classes.get(`${sc.fullName}.${name}`);
      if (hit) return hit;
      for (const im of sc.imports) {
        const target = im.name.join(".");
        let cand: string | undefined;
        if (im.alias === first) cand = target;
        else if (im.wild) cand = `${target}.${first}`;
        else if (im.list?.includes(first)) cand = `${target}.${first}`;
        else if (!im.alias && !im.list && im.name[im.name.length - 1] === first) cand = target;
        if (cand !== undefined) {
          const full = [cand, ...rest].join(".");
          const c = this.classes.get(full);
          if (c) return c;
        }
      }
    }
    return this.classes.get(name);
  }

  /** A component visible in `c` (own or inherited through extends within the corpus). */
  private component(c: ClassInfo, name: string, depth = 0): string | undefined {
    const own = c.components.get(name);
    if (own) return own;
    if (depth > 20) return undefined;
    for (const b of c.bases) {
      const r = this.resolve(b, c.scope ?? c);
      if (r && typeof r !== "string") {
        const x = this.component(r, name, depth + 1);
        if (x) return x;
      }
    }
    return undefined;
  }

  private componentType(compIri: string): ClassInfo | undefined {
    const cached = this.typeCache.get(compIri);
    if (cached !== undefined) return cached ?? undefined;
    const ct = this.compTypes.get(compIri);
    const r = ct ? this.resolve(ct.type, ct.info) : undefined;
    const hit = r && typeof r !== "string" ? r : undefined;
    this.typeCache.set(compIri, hit ?? null);
    return hit;
  }

  /** First component of a reference (in `c`) and the deepest component the path resolves to. */
  private resolveRef(c: ClassInfo, ref: A.CompRef): { head?: string; leaf?: string } {
    if (ref.global) return {};
    const head = this.component(c, ref.parts[0]!.id);
    if (!head) return {};
    let leaf = head;
    let owner: ClassInfo | undefined = c;
    for (let i = 1; i < ref.parts.length && owner; i++) {
      const ty = this.componentType(leaf);
      if (!ty) break;
      const next = this.component(ty, ref.parts[i]!.id);
      if (!next) break;
      leaf = next;
      owner = ty;
    }
    return { head, leaf };
  }

  private file(f: ParsedFile): void {
    const s = pathIri(this.base, f.path);
    this.type(s, "StoredDefinition");
    this.t(s, "path", lit(f.path));
    if (f.sd.within) {
      this.t(s, "within", lit(f.sd.within.name ? f.sd.within.name.join(".") : ""));
      if (f.sd.within.name) {
        const pkg = this.classes.get(f.sd.within.name.join("."));
        if (pkg) this.t(s, "withinPackage", iri(pkg.iri));
      }
    }
    this.t(s, "layout", lit(JSON.stringify(f.sd.layout ?? [])));
    f.sd.classes.forEach(({ final, cls }, i) => {
      const info = this.byDef.get(cls)!;
      this.t(info.iri, "storedIn", iri(s));
      this.t(info.iri, "index", lit(i));
      this.flag(info.iri, "isFinal", final);
      this.classDef(info);
    });
  }

  private desc(s: string, parts: string[]): void {
    if (!parts.length) return;
    this.t(s, "description", lit(parts.map(stringValue).join("")));
    this.t(s, "descriptionSource", lit(parts.join(" + ")));
  }

  private classDef(info: ClassInfo): void {
    const { cls, iri: c } = info;
    this.type(c, "ClassDefinition");
    this.type(c, KIND_CLASS[cls.pre.kind]);
    this.t(c, "name", lit(cls.name));
    this.t(c, "fullName", lit(info.fullName));
    this.t(c, "classKind", lit(cls.pre.kind));
    this.flag(c, "isPartial", cls.pre.partial);
    this.flag(c, "isEncapsulated", cls.encapsulated);
    this.flag(c, "isExpandable", cls.pre.expandable);
    this.flag(c, "isOperator", cls.pre.operator);
    this.text(c, "purity", cls.pre.purity);
    if (info.scope) this.t(c, "definedIn", iri(info.scope.iri));
    else if (info.withinName.length) {
      const pkg = this.classes.get(info.withinName.join("."));
      if (pkg) this.t(c, "definedIn", iri(pkg.iri));
    }
    if (cls.layout) this.t(c, "layout", lit(JSON.stringify(cls.layout)));
    const s = cls.spec;
    this.t(c, "specifier", lit(s.k));
    switch (s.k) {
      case "long":
      case "extends":
        this.desc(c, s.desc);
        if (s.endName !== cls.name) this.t(c, "endName", lit(s.endName));
        if (s.k === "extends" && s.cm) {
          this.t(c, "extendsModification", lit(canonical((p) => p.classMod(s.cm!, -1))));
          this.embedded(c, s.cm);
        }
        this.composition(info, s.comp);
        break;
      case "short": {
        this.text(c, "basePrefix", s.base);
        this.typeRef(c, info.scope ?? info, s.type, "baseType");
        if (s.subs) this.t(c, "arrayDims", lit(canonical((p) => p.subscripts(s.subs!))));
        if (s.cm) {
          this.t(c, "modification", lit(canonical((p) => p.classMod(s.cm!, -1))));
          this.units(c, s.cm);
          this.embedded(c, s.cm);
        }
        this.comment(c, s.comment, "comment");
        break;
      }
      case "enum":
        this.flag(c, "enumerationColon", s.colon);
        s.lits.forEach((l, i) => {
          const e = `${c}/literal/${segment(l.id)}`;
          this.type(e, "EnumerationLiteral");
          this.t(c, "literal", iri(e));
          this.t(e, "name", lit(l.id));
          this.t(e, "index", lit(i));
          this.comment(e, l.comment, "comment");
        });
        this.comment(c, s.comment, "comment");
        break;
      case "der":
        this.typeRef(c, info.scope ?? info, s.type, "derivativeOf");
        this.t(c, "derivativeVariables", lit(JSON.stringify(s.ids)));
        this.comment(c, s.comment, "comment");
        break;
    }
  }

  private typeRef(s: string, scope: ClassInfo, t: A.TypeSpec, link: string): void {
    this.t(s, link === "type" ? "typeName" : link + "Name", lit(canonical((p) => p.typeSpec(t, -1))));
    const r = this.resolve(t, scope);
    if (r) this.t(s, link, iri(typeof r === "string" ? r : r.iri));
  }

  private comment(s: string, c: A.Comment, role: string): void {
    this.desc(s, c.desc);
    if (c.ann) this.annotation(s, c.ann, role);
  }

  private embeddedCount = new Map<string, number>();
  /** Annotation clauses nested inside text-mapped parts (equations, modifications, imports). */
  private embedded(owner: string, node: unknown): void {
    const visit = (x: unknown): void => {
      if (typeof x !== "object" || x === null) return;
      if (Array.isArray(x)) {
        for (let i = 0; i < x.length; i++) visit(x[i]);
        return;
      }
      // for-in, not Object.entries: these walks run over every node of large libraries
      for (const k in x) {
        if (k === "layout") continue;
        const v = (x as Record<string, unknown>)[k];
        if (typeof v !== "object" || v === null) continue;
        if (k === "ann" && Array.isArray(v)) {
          const n = this.embeddedCount.get(owner) ?? 0;
          this.embeddedCount.set(owner, n + 1);
          this.annotation(owner, v as A.Arg[], `embedded/${n}`);
        }
        visit(v);
      }
    };
    visit(node);
  }

  private composition(info: ClassInfo, comp: A.Composition): void {
    const c = info.iri;
    let eqN = 0, stN = 0, connN = 0, impN = 0, extN = 0;
    comp.sections.forEach((sec, si) => {
      const s = `${c}/section/${si}`;
      this.type(s, "Section");
      this.t(s, "sectionOf", iri(c));
      this.t(s, "index", lit(si));
      const kind = sec.k === "equation" || sec.k === "algorithm" ? (sec.initial ? `initial ${sec.k}` : sec.k) : sec.k;
      this.t(s, "sectionKind", lit(kind));
      if (sec.k === "public" || sec.k === "protected") {
        if (!sec.keyword) this.t(s, "implicit", lit(true));
        sec.elems.forEach((el, ei) => {
          switch (el.k) {
            case "class": {
              const sub = this.byDef.get(el.cls)!;
              this.t(sub.iri, "inSection", iri(s));
              this.t(sub.iri, "index", lit(ei));
              this.t(c, "nestedClass", iri(sub.iri));
              this.prefixes(sub.iri, el.pre);
              this.constraint(sub.iri, info, el.cc, el.ccComment);
              this.classDef(sub);
              break;
            }
            case "comp":
              this.componentClause(info, s, ei, el);
              break;
            case "extends": {
              const x = `${c}/extends/${extN++}`;
              this.type(x, "ExtendsClause");
              this.t(x, "inSection", iri(s));
              this.t(x, "index", lit(ei));
              this.t(c, "extendsClause", iri(x));
              this.typeRef(x, info.scope ?? info, el.type, "baseClass");
              const r = this.resolve(el.type, info.scope ?? info);
              if (r) this.t(c, "extends", iri(typeof r === "string" ? r : r.iri));
              if (el.cm) {
                this.t(x, "modification", lit(canonical((p) => p.classMod(el.cm!, -1))));
                this.embedded(x, el.cm);
              }
              if (el.ann) this.annotation(x, el.ann, "comment");
              break;
            }
            case "import": {
              const x = `${c}/import/${impN++}`;
              this.type(x, "ImportClause");
              this.t(x, "inSection", iri(s));
              this.t(x, "index", lit(ei));
              this.t(c, "import", iri(x));
              this.t(x, "text", lit(canonical((p) => p.element(el, -1))));
              this.t(x, "importedName", lit(el.name.join(".")));
              this.text(x, "importAlias", el.alias);
              const r = this.classes.get(el.name.join("."));
              if (r) this.t(x, "importedClass", iri(r.iri));
              this.desc(x, el.comment.desc);
              this.embedded(x, el.comment);
              break;
            }
          }
        });
      } else if (sec.k === "equation") {
        sec.eqs.forEach((eq, i) => {
          const x = `${c}/equation/${eqN++}`;
          this.type(x, "Equation");
          this.t(x, "inSection", iri(s));
          this.t(x, "index", lit(i));
          this.t(c, "equation", iri(x));
          this.t(x, "equationKind", lit(eq.k));
          this.t(x, "text", lit(canonical((p) => p.equation(eq, 0))));
          this.references(info, x, eq);
          const conns: Extract<A.Equation, { k: "connect" }>[] = [];
          collectConnects(eq, conns);
          for (const cn of conns) {
            const y = `${c}/connect/${connN++}`;
            this.type(y, "Connection");
            this.t(c, "connection", iri(y));
            this.t(y, "inEquation", iri(x));
            this.connectEnd(info, y, cn.a, "from");
            this.connectEnd(info, y, cn.b, "to");
          }
          this.embedded(x, eq);
        });
      } else {
        (sec as Extract<A.Section, { k: "algorithm" }>).stmts.forEach((st, i) => {
          const x = `${c}/statement/${stN++}`;
          this.type(x, "Statement");
          this.t(x, "inSection", iri(s));
          this.t(x, "index", lit(i));
          this.t(c, "statement", iri(x));
          this.t(x, "text", lit(canonical((p) => p.statement(st, 0))));
          this.references(info, x, st);
          this.embedded(x, st);
        });
      }
    });
    if (comp.external) {
      const e = comp.external;
      const x = `${c}/external`;
      this.type(x, "ExternalClause");
      this.t(c, "external", iri(x));
      if (e.lang) {
        this.t(x, "languageSource", lit(e.lang));
        this.t(x, "language", lit(stringValue(e.lang)));
      }
      if (e.call) {
        const call = e.call;
        this.t(x, "externalFunction", lit(call.fn));
        this.t(x, "externalCall", lit(canonical((p) => {
          if (call.lhs) {
            p.compRef(call.lhs, -1);
            p.sink.tok("=", -2);
          }
          p.sink.tok(call.fn, call.lhs ? -2 : -1);
          p.sink.tok("(", -1);
          if (call.args) p.exprList(call.args, -1);
          p.sink.tok(")", -1);
        })));
      }
      if (e.ann) this.annotation(x, e.ann, "comment");
    }
    if (comp.ann) this.annotation(c, comp.ann, "class");
  }

  private prefixes(s: string, p: A.ElementPrefixes): void {
    this.flag(s, "isRedeclare", p.redeclare);
    this.flag(s, "isFinal", p.final);
    this.flag(s, "isInner", p.inner);
    this.flag(s, "isOuter", p.outer);
    this.flag(s, "isReplaceable", p.replaceable);
  }

  private constraint(s: string, info: ClassInfo, cc: A.ConstrainingClause | undefined, cmt: A.Comment | undefined): void {
    if (!cc) return;
    this.typeRef(s, info, cc.type, "constrainedBy");
    if (cc.cm) {
      this.t(s, "constrainedByModification", lit(canonical((p) => p.classMod(cc.cm!, -1))));
      this.embedded(s, cc.cm);
    }
    this.t(s, "hasConstraintComment", lit(true));
    if (cmt) {
      if (cmt.desc.length) this.t(s, "constraintDescriptionSource", lit(cmt.desc.join(" + ")));
      if (cmt.ann) this.annotation(s, cmt.ann, "constraint");
    }
  }

  private componentClause(info: ClassInfo, sec: string, ei: number, el: Extract<A.Element, { k: "comp" }>): void {
    const cl = el.clause;
    cl.decls.forEach((d, di) => {
      const x = info.components.get(d.name) === undefined ? this.unique(`${info.iri}/${segment(d.name)}`) : this.claim(info, d.name);
      this.type(x, "Component");
      this.t(info.iri, "component", iri(x));
      this.t(x, "name", lit(d.name));
      this.t(x, "inSection", iri(sec));
      this.t(x, "index", lit(ei));
      this.t(x, "declarationIndex", lit(di));
      this.prefixes(x, el.pre);
      this.text(x, "connectorKind", cl.flow);
      this.text(x, "variability", cl.variability);
      this.text(x, "causality", cl.causality);
      this.typeRef(x, info, cl.type, "type");
      if (cl.subs) this.t(x, "typeArrayDims", lit(canonical((p) => p.subscripts(cl.subs!))));
      if (d.subs) this.t(x, "arrayDims", lit(canonical((p) => p.subscripts(d.subs!))));
      if (d.mod) {
        const m = d.mod;
        this.t(x, "modification", lit(canonical((p) => p.modification(m, -1))));
        if (m.value !== undefined) this.t(x, "bindingValue", lit(m.value === "break" ? "break" : canonical((p) => p.expr(m.value as A.Expr, -1))));
        if (m.cm) this.units(x, m.cm);
        this.embedded(x, m);
      }
      if (d.cond) this.t(x, "condition", lit(canonical((p) => p.expr(d.cond!, -1))));
      this.comment(x, d.comment, "comment");
      if (di === 0) this.constraint(x, info, el.cc, el.ccComment);
      else if (el.cc) this.t(x, "sharesConstraint", lit(true));
    });
  }

  private claimed = new Set<string>();
  /** The registered IRI of a component name, once; duplicates (invalid Modelica, still parsed) get fresh IRIs. */
  private claim(info: ClassInfo, name: string): string {
    const x = info.components.get(name)!;
    if (this.claimed.has(x)) return this.unique(x);
    this.claimed.add(x);
    return x;
  }

  /** unit / displayUnit / quantity modifiers (string values) as structured terms. */
  private units(s: string, args: A.Arg[]): void {
    for (const a of args) {
      if (a.kind !== "mod" || a.name?.length !== 1 || !a.mod || !a.mod.value || a.mod.value === "break" || a.mod.value.k !== "str") continue;
      const v = stringValue(a.mod.value.v);
      const n = a.name[0];
      if (n === "unit") {
        this.t(s, "unit", lit(v));
        const q = qudtUnit(v);
        if (q) this.quads.push(quad(iri(s), iri(NS.qudt + "hasUnit"), iri(q)));
      } else if (n === "displayUnit") {
        this.t(s, "displayUnit", lit(v));
        const q = qudtUnit(v);
        if (q) this.t(s, "displayUnitQudt", iri(q));
      } else if (n === "quantity") this.t(s, "quantity", lit(v));
    }
  }

  private references(info: ClassInfo, x: string, node: unknown): void {
    const seen = new Set<string>();
    const visit = (n: unknown): void => {
      if (typeof n !== "object" || n === null) return;
      if (Array.isArray(n)) {
        for (let i = 0; i < n.length; i++) visit(n[i]);
        return;
      }
      const o = n as { k?: string; ref?: A.CompRef; a?: A.CompRef; b?: A.CompRef; lhs?: unknown };
      const refs: A.CompRef[] = [];
      if (o.k === "ref" && o.ref) refs.push(o.ref);
      if (o.k === "connect" && o.a && o.b) refs.push(o.a, o.b);
      if (o.k === "assign" && o.lhs) refs.push(o.lhs as A.CompRef);
      for (const r of refs) {
        const { head } = this.resolveRef(info, r);
        if (head && !seen.has(head)) {
          seen.add(head);
          this.t(x, "references", iri(head));
        }
      }
      for (const k in n) {
        if (k === "ann") continue;
        const v = (n as Record<string, unknown>)[k];
        if (typeof v === "object" && v !== null) visit(v);
      }
    };
    visit(node);
  }

  private connectEnd(info: ClassInfo, y: string, r: A.CompRef, end: "from" | "to"): void {
    this.t(y, `${end}Text`, lit(canonical((p) => p.compRef(r, -1))));
    const { head, leaf } = this.resolveRef(info, r);
    if (head) this.t(y, `${end}Component`, iri(head));
    if (leaf) this.t(y, `${end}Connector`, iri(leaf));
  }

  private annotation(owner: string, args: A.Arg[], role: string): void {
    const a = `${owner}/annotation/${role}`;
    this.type(a, "Annotation");
    this.t(owner, "annotation", iri(a));
    this.t(a, "role", lit(role));
    this.t(a, "text", lit(canonical((p) => p.classMod(args, -1))));
    for (const arg of args) {
      if (arg.kind !== "mod" || arg.name?.length !== 1) continue;
      const n = arg.name[0]!;
      const sub = arg.mod?.cm;
      if (n === "Documentation" && sub) {
        const d = `${a}/Documentation`;
        this.type(d, "Documentation");
        this.t(a, "documentation", iri(d));
        for (const x of sub) {
          const v = strArg(x);
          if (v !== undefined && x.name?.length === 1 && ["info", "revisions"].includes(x.name[0]!)) this.t(d, x.name[0]!, lit(v));
        }
      } else if (n === "experiment" && sub) {
        const d = `${a}/experiment`;
        this.type(d, "Experiment");
        this.t(a, "experiment", iri(d));
        const keys: Record<string, string> = { StartTime: "startTime", StopTime: "stopTime", Tolerance: "tolerance", Interval: "interval" };
        for (const x of sub) {
          const key = x.name?.length === 1 ? keys[x.name[0]!] : undefined;
          const v = numArg(x);
          if (key && v !== undefined) this.t(d, key, lit(v, NS.xsd + "double"));
        }
      } else if ((n === "Icon" || n === "Diagram") && sub) {
        const d = `${a}/${n}`;
        this.type(d, n === "Icon" ? "Icon" : "Diagram");
        this.t(a, n === "Icon" ? "icon" : "diagram", iri(d));
        for (const x of sub) {
          if (x.name?.length !== 1 || !x.mod) continue;
          if (x.name[0] === "coordinateSystem") this.t(d, "coordinateSystem", lit(canonical((p) => p.modification(x.mod!, -1))));
          if (x.name[0] === "graphics" && x.mod.value && x.mod.value !== "break" && x.mod.value.k === "array") {
            x.mod.value.items.forEach((g, gi) => {
              const gIri = `${d}/graphic/${gi}`;
              this.type(gIri, "GraphicItem");
              this.t(d, "graphic", iri(gIri));
              this.t(gIri, "index", lit(gi));
              if (g.k === "call" && typeof g.fn !== "string") this.t(gIri, "primitive", lit(g.fn.parts.map((q) => q.id).join(".")));
              this.t(gIri, "text", lit(canonical((p) => p.expr(g, -1))));
            });
          }
        }
      } else if (n === "Placement" && arg.mod) {
        this.t(a, "placement", lit(canonical((p) => p.modification(arg.mod!, -1))));
      }
    }
  }
}

function strArg(a: A.Arg): string | undefined {
  const v = a.mod?.value;
  return v && v !== "break" && v.k === "str" ? stringValue(v.v) : undefined;
}

function numArg(a: A.Arg): number | undefined {
  let v = a.mod?.value;
  let sign = 1;
  if (v && v !== "break" && v.k === "un" && (v.op === "-" || v.op === "+")) {
    sign = v.op === "-" ? -1 : 1;
    v = v.e;
  }
  return v && v !== "break" && v.k === "num" ? sign * Number(v.v) : undefined;
}

function collectConnects(eq: A.Equation, out: Extract<A.Equation, { k: "connect" }>[]): void {
  switch (eq.k) {
    case "connect": out.push(eq); break;
    case "if":
      for (const b of eq.branches) for (const e of b.body) collectConnects(e, out);
      for (const e of eq.otherwise ?? []) collectConnects(e, out);
      break;
    case "when":
      for (const b of eq.branches) for (const e of b.body) collectConnects(e, out);
      break;
    case "for":
      for (const e of eq.body) collectConnects(e, out);
      break;
  }
}

export function modelicaToRdf(files: ParsedFile[], others: OtherFile[], base = DEFAULT_BASE): Quad[] {
  return new RdfMapper(base).map(files, others);
}
