// Resolution and query API over a parsed CAEX file, for the twin service: find by ID, resolve class
// paths (through ExternalReference aliases), inheritance chains, attribute lookup, and XPath search
// over the instance hierarchy (`?Search=[@Name='Motor1']`).
import { type AmlModel, type CaexNode, nodeAttr } from "./model.js";
import { inheritanceChain, resolvePath, type ChainLink, type Resolution } from "./resolve.js";
import { type ClassKind } from "./vocab.js";
import { decodeContent, type XElement } from "./xml.js";
import { parseXPath, XPathError, XPathEvaluator, type XNode } from "./xpath.js";

/** An element an XPath search selected. */
export interface SearchHit {
  /** the matched element (attribute and text matches give their element) */
  element: XElement;
  /** the CAEX resource of that element, when it is one (InternalElement, Attribute, ...) */
  node: CaexNode | undefined;
  /** the matched attribute's or text's string value, for non-element matches */
  value?: string;
  line: number;
}

/** Limits for one search (src/service/query/xpath-guard.ts sets them for hostile input). */
export interface SearchOptions {
  /** evaluation work budget for this search (default unlimited) */
  budget?: number;
  /** deepest expression nesting the parser accepts (default: xpath.ts DEFAULT_XPATH_MAX_DEPTH) */
  maxDepth?: number;
}

/** An Attribute of an element: name, value, data type and unit. */
export interface AttributeInfo {
  name: string;
  value?: string;
  defaultValue?: string;
  unit?: string;
  dataType?: string;
  attributes: AttributeInfo[];
}

/** Searches a CAEX model: elements by ID or IRI, class paths resolved as references are, XPath 1.0 over the document (XPathError for a bad expression). */
export class AmlQuery {
  private readonly byElement = new Map<XElement, CaexNode>();
  private readonly xp: XPathEvaluator;

  constructor(readonly model: AmlModel) {
    for (const n of model.nodes) this.byElement.set(n.el, n);
    this.xp = new XPathEvaluator(model.doc.text, model.doc.root);
  }

  /** The element with this ID (the first, if the file repeats it). */
  findById(id: string): CaexNode | undefined {
    return this.model.byId.get(id)?.[0];
  }

  /** The resource of an IRI of this file's graph. */
  findByIri(iri: string): CaexNode | undefined {
    return this.model.nodes.find((n) => n.iri === iri);
  }

  /** A class path of the given kind, resolved as the file's references are. */
  resolveClassPath(path: string, kind: ClassKind, from?: CaexNode): Resolution {
    return resolvePath(this.model, path, kind, from);
  }

  /** The chain of bases (class inheritance / instance-of), nearest first. */
  inheritanceChain(node: CaexNode): { chain: ChainLink[]; cycle: boolean } {
    return inheritanceChain(this.model, node);
  }

  /** The instance hierarchies of the file. */
  instanceHierarchies(): CaexNode[] {
    return this.model.root.children.filter((n) => n.tag === "InstanceHierarchy");
  }

  /**
   * XPath search. A bare predicate "[...]" means "//*[...]" (any element). Relative paths are
   * evaluated with each InstanceHierarchy as context node; absolute paths from the document. With
   * scope "instances" (default) only matches inside an InstanceHierarchy are returned. XPathError
   * positions refer to `expr` as given.
   */
  search(expr: string, scope: "instances" | "document" = "instances", options: SearchOptions = {}): SearchHit[] {
    const trimmed = expr.trim();
    const bare = trimmed.startsWith("[");
    const src = bare ? `//*${trimmed}` : expr;
    // offset of `expr` inside `src`: "//*" added, leading white space dropped
    const shift = bare ? 3 - (expr.length - expr.trimStart().length) : 0;
    // a budgeted search gets its own evaluator, so the budget covers this search and nothing else
    const xp = options.budget === undefined ? this.xp : new XPathEvaluator(this.model.doc.text, this.model.doc.root, { budget: options.budget });
    const results: XNode[] = [];
    try {
      const ast = options.maxDepth === undefined ? parseXPath(src) : parseXPath(src, { maxDepth: options.maxDepth });
      const absolute = /^\s*\//.test(src);
      if (absolute) {
        const v = xp.evaluateDocument(ast);
        if (!Array.isArray(v)) throw new XPathError(0, "the search expression does not select nodes");
        // a loop, not push(...v): spreading a very large node-set overflows the argument stack
        for (const n of v) results.push(n);
      } else {
        for (const ih of this.instanceHierarchies()) {
          const v = xp.evaluate(ast, ih.el);
          if (!Array.isArray(v)) throw new XPathError(0, "the search expression does not select nodes");
          for (const n of v) results.push(n);
        }
      }
    } catch (e) {
      if (e instanceof XPathError && shift !== 0) throw new XPathError(Math.max(0, e.position - shift), e.message.replace(/^XPath column \d+: /, ""));
      throw e;
    }
    const seen = new Set<string>();
    const hits: SearchHit[] = [];
    for (const r of results) {
      const key = `${r.t}:${r.el.start}:${r.t === "attr" ? r.i : ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (scope === "instances" && !this.inInstances(r.el)) continue;
      const hit: SearchHit = { element: r.el, node: this.nodeOf(r.el), line: this.model.doc.lines.line(r.el.start) };
      if (r.t !== "el") hit.value = this.xp.stringValue(r);
      hits.push(hit);
    }
    return hits.sort((a, b) => a.element.start - b.element.start);
  }

  /** Evaluates an XPath expression to a string/number/boolean (e.g. "count(//InternalElement)"). */
  evaluate(expr: string): string | number | boolean {
    const v = this.xp.evaluateDocument(parseXPath(expr));
    return Array.isArray(v) ? this.xp.str(v) : v;
  }

  private inInstances(el: XElement): boolean {
    for (let e: XElement | null = el; e; e = e.parent) if (e.local === "InstanceHierarchy" && e.parent === this.model.doc.root) return true;
    return false;
  }

  /** The resource of an element, or of its nearest enclosing resource. */
  nodeOf(el: XElement): CaexNode | undefined {
    for (let e: XElement | null = el; e; e = e.parent) {
      const n = this.byElement.get(e);
      if (n) return n;
    }
    return undefined;
  }

  /** The Attribute children of a node, nested attributes included. */
  attributes(node: CaexNode): AttributeInfo[] {
    return node.children.filter((c) => c.tag === "Attribute").map((a) => this.attributeInfo(a));
  }

  /** One attribute by name (nested attributes by "Outer/Inner"). */
  attribute(node: CaexNode, name: string): AttributeInfo | undefined {
    let list = this.attributes(node);
    let found: AttributeInfo | undefined;
    for (const part of name.split("/")) {
      found = list.find((a) => a.name === part);
      if (!found) return undefined;
      list = found.attributes;
    }
    return found;
  }

  private attributeInfo(a: CaexNode): AttributeInfo {
    const info: AttributeInfo = { name: nodeAttr(this.model, a, "Name") ?? "", attributes: [] };
    const unit = nodeAttr(this.model, a, "Unit");
    if (unit !== undefined) info.unit = unit;
    const dt = nodeAttr(this.model, a, "AttributeDataType");
    if (dt !== undefined) info.dataType = dt;
    for (const c of a.el.children) {
      if (c.local === "Value" && c.children.length === 0) info.value = decodeContent(this.model.doc.text, c.contentStart, c.contentEnd);
      if (c.local === "DefaultValue" && c.children.length === 0) info.defaultValue = decodeContent(this.model.doc.text, c.contentStart, c.contentEnd);
    }
    info.attributes = this.attributes(a);
    return info;
  }

  /** The resource children of a node with a given tag and (optionally) Name. */
  children(node: CaexNode, tag: string, name?: string): CaexNode[] {
    return node.children.filter((c) => c.tag === tag && (name === undefined || nodeAttr(this.model, c, "Name") === name));
  }

  /** Name attribute of a node. */
  name(node: CaexNode): string | undefined {
    return nodeAttr(this.model, node, "Name");
  }
}
