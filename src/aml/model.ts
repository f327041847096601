// A CAEX document as the mapping sees it: the lossless XML tree (xml.ts) plus, for every CAEX
// element that becomes a resource of the graph, its IRI, its resource children and the indexes the
// resolver needs (IDs, class paths by kind, ExternalReference aliases). IRIs are derived from content
// (DESIGN.md "RDF conventions"): element IDs, class paths, else the parent's IRI plus a short code and
// the element's Name (or its position among unnamed siblings of the same tag).
import { basename } from "node:path";
import { TWIN } from "../rdf/namespaces.js";
import { attr, attributeValue, parseXmlBytes, type XAttr, type XDocument, type XElement, XmlError } from "./xml.js";
import { CAEX3_NS, type CaexVersion, type ClassKind, isClassKind, KIND_OF_LIB, RESOURCE_TAGS, TEXT_TAGS } from "./vocab.js";

/** Default base of the IRIs of a file's elements: one namespace per CAEX file name. */
export const DATA_BASE = `${TWIN}aml/file/`;

/** The default base IRI of a CAEX file's elements: `https://w3id.org/twin/aml/file/<fileName>/`. */
export function defaultBase(fileName: string): string {
  return `${DATA_BASE}${encodeSegment(fileName)}/`;
}

/** How a child element of a resource is represented. */
export const enum Role {
  Resource,
  Text,
  Verbatim,
}

/** A CAEX element that is a resource of the graph: its element, IRI, children and (for classes) path. */
export interface CaexNode {
  el: XElement;
  /** local name of the element */
  tag: string;
  iri: string;
  parent: CaexNode | null;
  /** resource children in document order */
  children: CaexNode[];
  /** position among the parent's resource children (the `{*}` slots of its template) */
  index: number;
  /** for libraries and classes: the CAEX path (library name, class names) */
  path: string[] | null;
}

/** A CAEX document read: the lossless XML tree (`doc`), its version, base IRI, the resource tree and the indexes the resolver uses. */
export interface AmlModel {
  file: string;
  doc: XDocument;
  version: CaexVersion;
  /** namespace of the CAEX elements ("" for 2.15) */
  ns: string;
  base: string;
  root: CaexNode;
  /** every resource node in document order */
  nodes: CaexNode[];
  byId: Map<string, CaexNode[]>;
  /** classes and libraries by kind, keyed by pathKey(path) */
  classes: Record<ClassKind, Map<string, CaexNode>>;
  /** ExternalReference nodes by Alias (first wins; duplicates are reported by validation) */
  aliases: Map<string, CaexNode>;
  /** role of every element that is a direct child of a resource */
  roles: Map<XElement, Role>;
}

/** Path segments joined into a map key (names may hold any character but NUL). */
export function pathKey(path: readonly string[]): string {
  return path.join("\u0000");
}

/**
 * Percent-encodes an IRI path segment: unreserved ASCII and non-ASCII letters stay, everything else
 * (including '/', '?', '#', '%', '{', '}', spaces) is %XX of its UTF-8 bytes; "." and ".." are encoded
 * so that relative IRIs never resolve them away.
 */
export function encodeSegment(s: string): string {
  if (s === "." || s === "..") return s.replace(/\./g, "%2E");
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (/[A-Za-z0-9\-._~]/.test(ch) || (cp >= 0xa0 && cp !== 0xfeff && !(cp >= 0xe000 && cp <= 0xf8ff) && !(cp >= 0xfff0 && cp <= 0xffff))) out += ch;
    else for (const b of Buffer.from(ch, "utf8")) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Bad CAEX input at a location (the XML is well-formed but not a CAEX file we can read). */
export function locatedError(doc: XDocument, offset: number, detail: string): XmlError {
  return new XmlError(doc.lines.line(offset), doc.lines.column(offset), detail);
}

/** Options of readAml. */
export interface ReadOptions {
  /** base IRI of the file's elements (default: defaultBase(FileName or file name)) */
  base?: string;
}

/** Reads a CAEX file's bytes: XML errors and unsupported versions/namespaces throw XmlError. */
export function readAml(bytes: Uint8Array, file: string, options: ReadOptions = {}): AmlModel {
  const doc = parseXmlBytes(bytes);
  return buildModel(doc, file, options);
}

export function buildModel(doc: XDocument, file: string, options: ReadOptions = {}): AmlModel {
  const rootEl = doc.root;
  if (rootEl.local !== "CAEXFile") throw locatedError(doc, rootEl.start, `root element is <${rootEl.name}>, expected <CAEXFile>`);
  const sv = rootEl.attrs.find((a) => a.name === "SchemaVersion");
  if (!sv) throw locatedError(doc, rootEl.start, "CAEXFile has no SchemaVersion attribute (2.15 or 3.0 expected)");
  const version = attributeValue(doc.text.slice(sv.valueStart, sv.valueEnd));
  if (version !== "2.15" && version !== "3.0") {
    throw locatedError(doc, sv.valueStart, `unknown CAEX schema version "${version}" (2.15 and 3.0 are supported)`);
  }
  if (version === "3.0" && rootEl.ns !== CAEX3_NS) {
    throw locatedError(doc, rootEl.start, `CAEX 3.0 requires the namespace ${CAEX3_NS}, found ${rootEl.ns === "" ? "no namespace" : rootEl.ns}`);
  }
  if (version === "2.15" && rootEl.ns !== "") {
    throw locatedError(doc, rootEl.start, `CAEX 2.15 elements have no namespace, found ${rootEl.ns}`);
  }
  const fileName = attr(doc, rootEl, "FileName");
  const base = options.base ?? defaultBase(fileName && fileName.length > 0 ? fileName : basename(file));
  const b = new Builder(doc, version, rootEl.ns, base);
  const root = b.build(rootEl);
  return {
    file,
    doc,
    version,
    ns: rootEl.ns,
    base,
    root,
    nodes: b.nodes,
    byId: b.byId,
    classes: b.classes,
    aliases: b.aliases,
    roles: b.roles,
  };
}

class Builder {
  readonly nodes: CaexNode[] = [];
  readonly byId = new Map<string, CaexNode[]>();
  readonly classes: Record<ClassKind, Map<string, CaexNode>> = {
    InterfaceClass: new Map(),
    RoleClass: new Map(),
    SystemUnitClass: new Map(),
    AttributeType: new Map(),
  };
  readonly aliases = new Map<string, CaexNode>();
  readonly roles = new Map<XElement, Role>();
  private readonly used = new Set<string>();

  constructor(
    private readonly doc: XDocument,
    private readonly version: CaexVersion,
    private readonly ns: string,
    private readonly base: string,
  ) {}

  private value(a: XAttr): string {
    return attributeValue(this.doc.text.slice(a.valueStart, a.valueEnd));
  }

  private unique(iri: string): string {
    let out = iri;
    for (let k = 2; this.used.has(out); k++) out = `${iri}~${k}`;
    this.used.add(out);
    return out;
  }

  build(rootEl: XElement): CaexNode {
    const root: CaexNode = { el: rootEl, tag: "CAEXFile", iri: this.unique(`${this.base}file`), parent: null, children: [], index: 0, path: null };
    this.nodes.push(root);
    // explicit stack: generated files may nest deeper than the JS call stack allows
    const stack: CaexNode[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      this.expand(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
    // nodes were pushed in creation order (children of a node together); restore document order
    this.nodes.sort((x, y) => x.el.start - y.el.start);
    return root;
  }

  /** Classifies the children of a resource element and creates their nodes. */
  private expand(node: CaexNode): void {
    const opaque = node.tag === "AdditionalInformation";
    const unnamed = new Map<string, number>();
    for (const c of node.el.children) {
      let role = Role.Verbatim;
      if (!opaque && c.ns === this.ns) {
        if (RESOURCE_TAGS.has(c.local) && c.local !== "CAEXFile") role = Role.Resource;
        else if (TEXT_TAGS.has(c.local) && c.children.length === 0) role = Role.Text;
      }
      this.roles.set(c, role);
      if (role !== Role.Resource) continue;
      const child = this.node(c, node, unnamed);
      child.index = node.children.length;
      node.children.push(child);
      this.nodes.push(child);
    }
  }

  private node(el: XElement, parent: CaexNode, unnamed: Map<string, number>): CaexNode {
    const tag = el.local;
    let name: string | undefined;
    let id: string | undefined;
    for (const a of el.attrs) {
      if (a.name === "Name") name = this.value(a);
      else if (a.name === "ID") id = this.value(a);
    }
    const code = RESOURCE_TAGS.get(tag)!;
    let path: string[] | null = null;
    const libKind = KIND_OF_LIB.get(tag);
    if (libKind && parent.tag === "CAEXFile") path = [name ?? ""];
    else if (isClassKind(tag) && parent.path && (parent.tag === tag || KIND_OF_LIB.get(parent.tag) === tag)) path = [...parent.path, name ?? ""];
    let iri: string;
    if (path && libKind) iri = this.unique(`${this.base}${code}.${encodeSegment(path[0]!)}`);
    else if (path) iri = this.unique(`${parent.iri}/${encodeSegment(path[path.length - 1]!)}`);
    else if (id !== undefined && id !== "" && !this.used.has(`${this.base}id/${encodeSegment(id)}`)) iri = this.unique(`${this.base}id/${encodeSegment(id)}`);
    else {
      const prefix = parent.tag === "CAEXFile" ? this.base : `${parent.iri}/`;
      let local: string;
      if (name !== undefined) local = encodeSegment(name);
      else {
        const k = unnamed.get(tag) ?? 0;
        unnamed.set(tag, k + 1);
        local = String(k);
      }
      iri = this.unique(`${prefix}${code}.${local}`);
    }
    const node: CaexNode = { el, tag, iri, parent, children: [], index: 0, path };
    if (id !== undefined && id !== "") {
      const list = this.byId.get(id);
      if (list) list.push(node);
      else this.byId.set(id, [node]);
    }
    if (path) {
      const kind = libKind ?? (tag as ClassKind);
      const key = pathKey(path);
      if (!this.classes[kind].has(key)) this.classes[kind].set(key, node);
    }
    if (tag === "ExternalReference") {
      const alias = attr(this.doc, el, "Alias");
      if (alias !== undefined && !this.aliases.has(alias)) this.aliases.set(alias, node);
    }
    return node;
  }
}

/** The decoded value of a node's XML attribute. */
export function nodeAttr(model: AmlModel, node: CaexNode, name: string): string | undefined {
  return attr(model.doc, node.el, name);
}

/** 1-based line of a node's start tag. */
export function nodeLine(model: AmlModel, node: CaexNode): number {
  return model.doc.lines.line(node.el.start);
}
