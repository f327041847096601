// AST -> RDF (ontologies/modelica.ttl). IRIs are derived from content: a class from its full name
// under the base IRI, a component `<class>/<name>`, sections/equations/statements/imports/extends
// by their position in the class, annotations `<owner>/annotation/<role>`, files `<base>file/<path>`.
// No blank nodes. Equations, statements, imports, modifications and expressions are canonical text
// literals (re-parsed by from-rdf.ts) plus links to the components they reference; class structure,
// components, extends, units, annotations (Documentation, experiment, Icon/Diagram) are structured.
// The layout layer (`mo:layout`, layout.ts) makes the original bytes recoverable.
// Nothing is stored twice: where a structured term holds a value (a description, the strings of
// Documentation, Icon/Diagram graphics and coordinate systems, a Placement, an annotation inside an
// equation or statement), the text literal around it leaves a marked hole that from-rdf.ts fills
// (see `elideAnnotation` and `annotationWithHoles`).
// Triples go to a TripleSink: straight into the Turtle writer (no Quad objects), or to Quads.
import type { Quad } from "@rdfjs/types";
import { DataFactory } from "n3";
import { numberLexical } from "../rdf/graph.js";
import { MO, NS } from "../rdf/namespaces.js";
import type * as A from "./ast.js";
import { stringValue } from "./ast-util.js";
import { pathIri, segment } from "./iri.js";
import { canonical, canonicalElided } from "./printer.js";
import { type TripleSink, TurtleWriter } from "./turtle.js";
import { qudtUnit } from "./units.js";

export { pathIri, segment };

/** The default base IRI of the class IRIs of a Modelica graph. */
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

interface ClassInfo {
  iri: string;
  fullName: string;
  cls: A.ClassDef | undefined; // set only while its file is being mapped (ASTs are not kept between files)
  scope: ClassInfo | undefined; // enclosing class
  withinName: string[]; // package prefix of the file for top-level classes
  components: Map<string, string>; // name -> component IRI
  bases: A.TypeSpec[];
  imports: { alias?: string; name: A.Name; wild?: string; list?: string[] }[];
}

const RDF_TYPE = NS.rdf + "type";
const XSD_INTEGER = NS.xsd + "integer";
const XSD_BOOLEAN = NS.xsd + "boolean";
const XSD_DOUBLE = NS.xsd + "double";
const QUDT_HAS_UNIT = NS.qudt + "hasUnit";
/** Full IRIs of mo: terms, one string instance each (the sinks key maps by them). */
const MO_TERMS = new Map<string, string>();
function P(local: string): string {
  let v = MO_TERMS.get(local);
  if (v === undefined) MO_TERMS.set(local, (v = MO + local));
  return v;
}

/** Modelica STRING lexeme of a value with only `\\` and `\"` escaped: the form a stored value is given back in. */
export function canonicalString(v: string): string {
  return `"${v.replace(/[\\"]/g, (c) => "\\" + c)}"`;
}

/** Arguments named `name` (a one-part name) in a class modification. */
export function argsNamed(args: A.Arg[], name: string): number {
  let n = 0;
  for (const a of args) if (a.kind === "mod" && a.name?.length === 1 && a.name[0] === name) n++;
  return n;
}

const KIND_CLASS: Record<A.ClassKind, string> = {
  class: "Class", model: "Model", record: "Record", block: "Block", connector: "Connector", type: "Type",
  package: "Package", function: "Function", operator: "Operator",
};

export class RdfMapper {
  private readonly classes = new Map<string, ClassInfo>(); // by full name
  private byDef = new Map<A.ClassDef, ClassInfo>(); // classes of the file being mapped
  /** file path -> its classes in registration order (pre-order) */
  private readonly fileInfos = new Map<string, ClassInfo[]>();
  private registering: ClassInfo[] = [];
  private readonly used = new Set<string>();
  /** component IRI -> class declaring it and its type specifier */
  private readonly compTypes = new Map<string, { info: ClassInfo; type: A.TypeSpec }>();
  private readonly typeCache = new Map<string, ClassInfo | null>();

  constructor(
    readonly base: string,
    private readonly out: TripleSink,
  ) {}

  /** string literal */
  private S(s: string, p: string, v: string): void {
    this.out.str(s, P(p), v);
  }
  /** IRI object */
  private I(s: string, p: string, o: string): void {
    this.out.iri(s, P(p), o);
  }
  /** xsd:integer */
  private N(s: string, p: string, n: number): void {
    this.out.int(s, P(p), n);
  }
  private type(s: string, cls: string): void {
    this.out.iri(s, RDF_TYPE, P(cls));
  }
  private text(s: string, p: string, v: string | undefined): void {
    if (v !== undefined && v !== "") this.S(s, p, v);
  }
  private flag(s: string, p: string, v: boolean | undefined): void {
    if (v) this.out.typed(s, P(p), "true", XSD_BOOLEAN);
  }
  private unique(iriText: string): string {
    let x = iriText;
    for (let n = 2; this.used.has(x); n++) x = `${iriText}~${n}`;
    this.used.add(x);
    return x;
  }

  /** Maps a set of files (a package tree or single files); the sink's groups are files. */
  map(files: ParsedFile[], others: OtherFile[]): void {
    const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const f of sorted) this.registerFile(f);
    for (const f of sorted) this.mapFile(f);
    this.mapOthers(others);
  }

  /**
   * Pass 1: the classes and components of a file, for name lookup. Keeps no reference into the
   * AST but type specifiers, so a caller may parse, register and drop files one at a time. Files
   * must be registered, and then mapped, in path order (IRIs of duplicates depend on the order).
   */
  registerFile(f: ParsedFile): void {
    this.registering = [];
    const within = f.sd.within?.name ?? [];
    for (const { cls } of f.sd.classes) this.register(cls, undefined, within);
    this.fileInfos.set(f.path, this.registering);
  }

  /** Pass 2: the triples of a registered file (its AST may be a fresh parse of the same text). */
  mapFile(f: ParsedFile): void {
    const infos = this.fileInfos.get(f.path);
    if (!infos) throw new Error(`${f.path}: file not registered`);
    let i = 0;
    // the same pre-order as register()
    const bind = (cls: A.ClassDef): void => {
      const info = infos[i++];
      if (!info || info.cls !== undefined) throw new Error(`${f.path}: not the registered file`);
      info.cls = cls;
      this.byDef.set(cls, info);
      const s = cls.spec;
      if (s.k === "long" || s.k === "extends")
        for (const sec of s.comp.sections) if (sec.k === "public" || sec.k === "protected") for (const el of sec.elems) if (el.k === "class") bind(el.cls);
    };
    for (const { cls } of f.sd.classes) bind(cls);
    this.file(f);
    this.out.endGroup();
    for (const info of infos) info.cls = undefined;
    this.byDef = new Map();
  }

  /** package.order files. */
  mapOthers(others: OtherFile[]): void {
    for (const o of [...others].sort((a, b) => (a.path < b.path ? -1 : 1))) {
      const s = pathIri(this.base, o.path);
      this.type(s, "PackageOrder");
      this.S(s, "path", o.path);
      this.S(s, "text", o.text);
    }
    this.out.endGroup();
  }

  private register(cls: A.ClassDef, scope: ClassInfo | undefined, within: string[]): void {
    const fullName = (scope ? scope.fullName + "." : within.length ? within.join(".") + "." : "") + cls.name;
    const iriText = this.unique(this.base + fullName.split(".").map(segment).join("."));
    const info: ClassInfo = { iri: iriText, fullName, cls: undefined, scope, withinName: within, components: new Map(), bases: [], imports: [] };
    if (!this.classes.has(fullName)) this.classes.set(fullName, info);
    this.registering.push(info);
    const s = cls.spec;
    if (s.k === "short") info.bases.push(s.type);
    if (s.k !== "long" && s.k !== "extends") return;
    for (const sec of s.comp.sections) {
      if (sec.k !== "public" && sec.k !== "protected") continue;
      for (const el of sec.elems) {
        if (el.k === "class") this.register(el.cls, info, within);
        else if (el.k === "extends") info.bases.push(el.type);
        else if (el.k === "import") info.imports.push({ alias: el.alias, name: el.name, wild: el.wild, list: el.list });
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
    this.S(s, "path", f.path);
    if (f.sd.within) {
      this.S(s, "within", f.sd.within.name ? f.sd.within.name.join(".") : "");
      if (f.sd.within.name) {
        const pkg = this.classes.get(f.sd.within.name.join("."));
        if (pkg) this.I(s, "withinPackage", pkg.iri);
      }
    }
    this.S(s, "layout", f.sd.layout ?? "");
    f.sd.classes.forEach(({ final, cls }, i) => {
      const info = this.byDef.get(cls)!;
      this.I(info.iri, "storedIn", s);
      this.N(info.iri, "index", i);
      this.flag(info.iri, "isFinal", final);
      this.classDef(info);
    });
  }

  /** The description; its source lexemes only when they are not the canonical quoting of it. */
  private desc(s: string, parts: string[]): void {
    if (!parts.length) return;
    const v = parts.length === 1 ? stringValue(parts[0]!) : parts.map(stringValue).join("");
    this.S(s, "description", v);
    if (parts.length !== 1 || parts[0] !== canonicalString(v)) this.S(s, "descriptionSource", parts.join(" + "));
  }

  private classDef(info: ClassInfo): void {
    const { iri: c } = info;
    const cls = info.cls!;
    this.type(c, "ClassDefinition");
    this.type(c, KIND_CLASS[cls.pre.kind]);
    this.S(c, "name", cls.name);
    this.S(c, "fullName", info.fullName);
    this.S(c, "classKind", cls.pre.kind);
    this.flag(c, "isPartial", cls.pre.partial);
    this.flag(c, "isEncapsulated", cls.encapsulated);
    this.flag(c, "isExpandable", cls.pre.expandable);
    this.flag(c, "isOperator", cls.pre.operator);
    this.text(c, "purity", cls.pre.purity);
    if (info.scope) this.I(c, "definedIn", info.scope.iri);
    else if (info.withinName.length) {
      const pkg = this.classes.get(info.withinName.join("."));
      if (pkg) this.I(c, "definedIn", pkg.iri);
    }
    if (cls.layout !== undefined) this.S(c, "layout", cls.layout);
    const s = cls.spec;
    this.S(c, "specifier", s.k);
    switch (s.k) {
      case "long":
      case "extends":
        this.desc(c, s.desc);
        if (s.endName !== cls.name) this.S(c, "endName", s.endName);
        if (s.k === "extends" && s.cm) {
          this.S(c, "extendsModification", canonical((p) => p.classMod(s.cm!, -1)));
          this.embedded(c, s.cm);
        }
        this.composition(info, s.comp);
        break;
      case "short": {
        this.text(c, "basePrefix", s.base);
        this.typeRef(c, info.scope ?? info, s.type, "baseType");
        if (s.subs) this.S(c, "arrayDims", canonical((p) => p.subscripts(s.subs!)));
        if (s.cm) {
          this.S(c, "modification", canonical((p) => p.classMod(s.cm!, -1)));
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
          this.I(c, "literal", e);
          this.S(e, "name", l.id);
          this.N(e, "index", i);
          this.comment(e, l.comment, "comment");
        });
        this.comment(c, s.comment, "comment");
        break;
      case "der":
        this.typeRef(c, info.scope ?? info, s.type, "derivativeOf");
        this.S(c, "derivativeVariables", JSON.stringify(s.ids));
        this.comment(c, s.comment, "comment");
        break;
    }
  }

  private typeRef(s: string, scope: ClassInfo, t: A.TypeSpec, link: string): void {
    this.S(s, link === "type" ? "typeName" : link + "Name", canonical((p) => p.typeSpec(t, -1)));
    const r = this.resolve(t, scope);
    if (r) this.I(s, link, typeof r === "string" ? r : r.iri);
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
      this.I(s, "sectionOf", c);
      this.N(s, "index", si);
      const kind = sec.k === "equation" || sec.k === "algorithm" ? (sec.initial ? `initial ${sec.k}` : sec.k) : sec.k;
      this.S(s, "sectionKind", kind);
      if (sec.k === "public" || sec.k === "protected") {
        if (!sec.keyword) this.flag(s, "implicit", true);
        sec.elems.forEach((el, ei) => {
          switch (el.k) {
            case "class": {
              const sub = this.byDef.get(el.cls)!;
              this.I(sub.iri, "inSection", s);
              this.N(sub.iri, "index", ei);
              this.I(c, "nestedClass", sub.iri);
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
              this.I(x, "inSection", s);
              this.N(x, "index", ei);
              this.I(c, "extendsClause", x);
              this.typeRef(x, info.scope ?? info, el.type, "baseClass");
              const r = this.resolve(el.type, info.scope ?? info);
              if (r) this.I(c, "extends", typeof r === "string" ? r : r.iri);
              if (el.cm) {
                this.S(x, "modification", canonical((p) => p.classMod(el.cm!, -1)));
                this.embedded(x, el.cm);
              }
              if (el.ann) this.annotation(x, el.ann, "comment");
              break;
            }
            case "import": {
              const x = `${c}/import/${impN++}`;
              this.type(x, "ImportClause");
              this.I(x, "inSection", s);
              this.N(x, "index", ei);
              this.I(c, "import", x);
              this.S(x, "text", canonical((p) => p.element(el, -1)));
              this.S(x, "importedName", el.name.join("."));
              this.text(x, "importAlias", el.alias);
              const r = this.classes.get(el.name.join("."));
              if (r) this.I(x, "importedClass", r.iri);
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
          this.I(x, "inSection", s);
          this.N(x, "index", i);
          this.I(c, "equation", x);
          this.S(x, "equationKind", eq.k);
          this.S(x, "text", canonicalElided((p) => p.equation(eq, 0)));
          this.references(info, x, eq);
          const conns: Extract<A.Equation, { k: "connect" }>[] = [];
          collectConnects(eq, conns);
          for (const cn of conns) {
            const y = `${c}/connect/${connN++}`;
            this.type(y, "Connection");
            this.I(c, "connection", y);
            this.I(y, "inEquation", x);
            this.connectEnd(info, y, cn.a, "from");
            this.connectEnd(info, y, cn.b, "to");
          }
          this.embedded(x, eq);
        });
      } else {
        (sec as Extract<A.Section, { k: "algorithm" }>).stmts.forEach((st, i) => {
          const x = `${c}/statement/${stN++}`;
          this.type(x, "Statement");
          this.I(x, "inSection", s);
          this.N(x, "index", i);
          this.I(c, "statement", x);
          this.S(x, "text", canonicalElided((p) => p.statement(st, 0)));
          this.references(info, x, st);
          this.embedded(x, st);
        });
      }
    });
    if (comp.external) {
      const e = comp.external;
      const x = `${c}/external`;
      this.type(x, "ExternalClause");
      this.I(c, "external", x);
      if (e.lang) {
        this.S(x, "languageSource", e.lang);
        this.S(x, "language", stringValue(e.lang));
      }
      if (e.call) {
        const call = e.call;
        this.S(x, "externalFunction", call.fn);
        this.S(x, "externalCall", canonical((p) => {
          if (call.lhs) {
            p.compRef(call.lhs, -1);
            p.sink.tok("=", -2);
          }
          p.sink.tok(call.fn, call.lhs ? -2 : -1);
          p.sink.tok("(", -1);
          if (call.args) p.exprList(call.args, -1);
          p.sink.tok(")", -1);
        }));
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
      this.S(s, "constrainedByModification", canonical((p) => p.classMod(cc.cm!, -1)));
      this.embedded(s, cc.cm);
    }
    this.flag(s, "hasConstraintComment", true);
    if (cmt) {
      if (cmt.desc.length) this.S(s, "constraintDescriptionSource", cmt.desc.join(" + "));
      if (cmt.ann) this.annotation(s, cmt.ann, "constraint");
    }
  }

  private componentClause(info: ClassInfo, sec: string, ei: number, el: Extract<A.Element, { k: "comp" }>): void {
    const cl = el.clause;
    cl.decls.forEach((d, di) => {
      const x = info.components.get(d.name) === undefined ? this.unique(`${info.iri}/${segment(d.name)}`) : this.claim(info, d.name);
      this.type(x, "Component");
      this.I(info.iri, "component", x);
      this.S(x, "name", d.name);
      this.I(x, "inSection", sec);
      this.N(x, "index", ei);
      this.N(x, "declarationIndex", di);
      this.prefixes(x, el.pre);
      this.text(x, "connectorKind", cl.flow);
      this.text(x, "variability", cl.variability);
      this.text(x, "causality", cl.causality);
      this.typeRef(x, info, cl.type, "type");
      if (cl.subs) this.S(x, "typeArrayDims", canonical((p) => p.subscripts(cl.subs!)));
      if (d.subs) this.S(x, "arrayDims", canonical((p) => p.subscripts(d.subs!)));
      if (d.mod) {
        const m = d.mod;
        this.S(x, "modification", canonical((p) => p.modification(m, -1)));
        if (m.value !== undefined) this.S(x, "bindingValue", m.value === "break" ? "break" : canonical((p) => p.expr(m.value as A.Expr, -1)));
        if (m.cm) this.units(x, m.cm);
        this.embedded(x, m);
      }
      if (d.cond) this.S(x, "condition", canonical((p) => p.expr(d.cond!, -1)));
      this.comment(x, d.comment, "comment");
      if (di === 0) this.constraint(x, info, el.cc, el.ccComment);
      else if (el.cc) this.flag(x, "sharesConstraint", true);
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
        this.S(s, "unit", v);
        const q = qudtUnit(v);
        if (q) this.out.iri(s, QUDT_HAS_UNIT, q);
      } else if (n === "displayUnit") {
        this.S(s, "displayUnit", v);
        const q = qudtUnit(v);
        if (q) this.I(s, "displayUnitQudt", q);
      } else if (n === "quantity") this.S(s, "quantity", v);
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
          this.I(x, "references", head);
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
    this.S(y, `${end}Text`, canonical((p) => p.compRef(r, -1)));
    const { head, leaf } = this.resolveRef(info, r);
    if (head) this.I(y, `${end}Component`, head);
    if (leaf) this.I(y, `${end}Connector`, leaf);
  }

  /** An annotation clause: its structured terms, and its text with holes where those hold the value. */
  private annotation(owner: string, args: A.Arg[], role: string): void {
    const a = `${owner}/annotation/${role}`;
    this.type(a, "Annotation");
    this.I(owner, "annotation", a);
    this.S(a, "role", role);
    let shown = args; // the text's arguments: copied on write where a hole is made
    const hole = (i: number, arg: A.Arg): void => {
      if (shown === args) shown = [...args];
      shown[i] = arg;
    };
    args.forEach((arg, i) => {
      if (arg.kind !== "mod" || arg.name?.length !== 1) return;
      const n = arg.name[0]!;
      const sub = arg.mod?.cm;
      const single = argsNamed(args, n) === 1;
      if (n === "Documentation" && sub) {
        const d = `${a}/Documentation`;
        this.type(d, "Documentation");
        this.I(a, "documentation", d);
        let subShown = sub;
        sub.forEach((x, j) => {
          const v = strArg(x);
          if (v === undefined || x.name?.length !== 1 || (x.name[0] !== "info" && x.name[0] !== "revisions")) return;
          this.S(d, x.name[0]!, v);
          // hole: the string is given back from the structured value
          if (single && argsNamed(sub, x.name[0]!) === 1 && (x.mod!.value as { v: string }).v === canonicalString(v)) {
            if (subShown === sub) subShown = [...sub];
            subShown[j] = { ...x, mod: { ...x.mod!, value: { k: "str", v: '""' } } };
          }
        });
        if (subShown !== sub) hole(i, { ...arg, mod: { ...arg.mod!, cm: subShown } });
      } else if (n === "experiment" && sub) {
        const d = `${a}/experiment`;
        this.type(d, "Experiment");
        this.I(a, "experiment", d);
        const keys: Record<string, string> = { StartTime: "startTime", StopTime: "stopTime", Tolerance: "tolerance", Interval: "interval" };
        for (const x of sub) {
          const key = x.name?.length === 1 ? keys[x.name[0]!] : undefined;
          const v = numArg(x);
          if (key && v !== undefined) this.out.typed(d, P(key), numberLexical(v), XSD_DOUBLE);
        }
      } else if ((n === "Icon" || n === "Diagram") && sub) {
        const d = `${a}/${n}`;
        this.type(d, n === "Icon" ? "Icon" : "Diagram");
        this.I(a, n === "Icon" ? "icon" : "diagram", d);
        let subShown = sub;
        const subHole = (j: number, x: A.Arg): void => {
          if (subShown === sub) subShown = [...sub];
          subShown[j] = x;
        };
        sub.forEach((x, j) => {
          if (x.name?.length !== 1 || !x.mod) return;
          const xn = x.name[0]!;
          const only = single && argsNamed(sub, xn) === 1;
          if (xn === "coordinateSystem") {
            this.S(d, "coordinateSystem", canonical((p) => p.modification(x.mod!, -1)));
            if (only) subHole(j, { ...x, mod: undefined });
          }
          const g = x.mod.value;
          if (xn === "graphics" && g && g !== "break" && g.k === "array") {
            g.items.forEach((item, gi) => {
              const gIri = `${d}/graphic/${gi}`;
              this.type(gIri, "GraphicItem");
              this.I(d, "graphic", gIri);
              this.N(gIri, "index", gi);
              if (item.k === "call" && typeof item.fn !== "string") this.S(gIri, "primitive", item.fn.parts.map((q) => q.id).join("."));
              this.S(gIri, "text", canonical((p) => p.expr(item, -1)));
            });
            if (only && !g.iter && g.items.length > 0) subHole(j, { ...x, mod: { ...x.mod, value: { k: "array", items: [] } } });
          }
        });
        if (subShown !== sub) hole(i, { ...arg, mod: { ...arg.mod!, cm: subShown } });
      } else if (n === "Placement" && arg.mod) {
        this.S(a, "placement", canonical((p) => p.modification(arg.mod!, -1)));
        if (single) hole(i, { ...arg, mod: undefined });
      }
    });
    this.S(a, "text", canonical((p) => p.classMod(shown, -1)));
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

/** The graph as Quad objects (for SHACL validation, N-Triples and JSON-LD). */
export function modelicaToRdf(files: ParsedFile[], others: OtherFile[], base = DEFAULT_BASE): Quad[] {
  const sink = new QuadSink();
  new RdfMapper(base, sink).map(files, others);
  return sink.quads;
}

/** The graph as Turtle text, written straight from the AST walk (same bytes as writeModelicaTurtle of the quads). */
export function modelicaToTurtle(files: ParsedFile[], others: OtherFile[], base = DEFAULT_BASE): string {
  const w = new TurtleWriter(undefined, base);
  new RdfMapper(base, w).map(files, others);
  return w.finish();
}

const { namedNode, literal, quad } = DataFactory;

class QuadSink implements TripleSink {
  readonly quads: Quad[] = [];
  iri(s: string, p: string, o: string): void {
    this.quads.push(quad(namedNode(s), namedNode(p), namedNode(o)));
  }
  str(s: string, p: string, v: string): void {
    this.quads.push(quad(namedNode(s), namedNode(p), literal(v)));
  }
  typed(s: string, p: string, lexical: string, datatype: string): void {
    this.quads.push(quad(namedNode(s), namedNode(p), literal(lexical, namedNode(datatype))));
  }
  int(s: string, p: string, n: number): void {
    this.typed(s, p, String(n), XSD_INTEGER);
  }
  endGroup(): void {}
}
