// Reference resolution of CAEX: class paths (with ExternalReference aliases and paths relative to the
// enclosing library or class, as the AutomationML editor writes them), mirror objects (CAEX 3.0: a
// path attribute holding the ID of a master object), InternalLink partners (2.15 "ID:InterfaceName",
// 3.0 interface IDs) and inheritance chains.
import { basename } from "node:path";
import { type AmlModel, type CaexNode, defaultBase, encodeSegment, nodeAttr, pathKey } from "./model.js";
import { type ClassKind, LIB_OF, RESOURCE_TAGS, refKind } from "./vocab.js";

export interface ParsedPath {
  alias?: string;
  segments: string[];
}

/**
 * Splits a CAEX path: "Alias@Lib/Class/Sub". Separators inside square brackets belong to the name
 * ("Lib/[A/B]" is two segments, the second "A/B"), as CAEX 3.0 writes names holding "/".
 */
export function parsePath(value: string): ParsedPath {
  const segments: string[] = [];
  let alias: string | undefined;
  let cur = "";
  let depth = 0;
  let bracketed = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === "[" && depth === 0 && cur === "") {
      depth = 1;
      bracketed = true;
      continue;
    }
    if (depth > 0) {
      if (c === "]" && (i + 1 === value.length || value[i + 1] === "/")) {
        depth = 0;
        continue;
      }
      cur += c;
      continue;
    }
    if (c === "@" && alias === undefined && segments.length === 0 && !bracketed) {
      alias = cur;
      cur = "";
      continue;
    }
    if (c === "/") {
      segments.push(cur);
      cur = "";
      bracketed = false;
      continue;
    }
    cur += c;
  }
  segments.push(cur);
  return alias === undefined ? { segments } : { alias, segments };
}

export type Resolution =
  | { kind: "local"; node: CaexNode }
  | { kind: "mirror"; node: CaexNode }
  | { kind: "external"; alias: string; ref: CaexNode; segments: string[]; iri: string }
  | { kind: "unresolved"; reason: string };

/** IRI of a class in another file, as that file's own mapping (default base) names it. */
export function externalClassIri(refPath: string, kind: ClassKind, segments: string[]): string {
  const file = basename(refPath.replace(/\\/g, "/"));
  const lib = `${defaultBase(file)}${RESOURCE_TAGS.get(LIB_OF[kind])}.${encodeSegment(segments[0] ?? "")}`;
  return segments.length <= 1 ? lib : `${lib}/${segments.slice(1).map(encodeSegment).join("/")}`;
}

/** Is `node` a library or class of the given kind (a scope for relative paths)? */
function inFamily(node: CaexNode, kind: ClassKind): boolean {
  return node.path !== null && (node.tag === kind || node.tag === LIB_OF[kind]);
}

/**
 * Resolves a class path of the given kind, referenced from `from`: alias@path to the referenced
 * file, an absolute path in this file, a path relative to an enclosing library or class, or (with
 * `mirrors`) the ID of a master object.
 */
export function resolvePath(model: AmlModel, value: string, kind: ClassKind, from?: CaexNode, mirrors = false): Resolution {
  const p = parsePath(value);
  if (p.alias !== undefined) {
    const ref = model.aliases.get(p.alias);
    if (!ref) return { kind: "unresolved", reason: `no ExternalReference with Alias "${p.alias}"` };
    const path = nodeAttr(model, ref, "Path") ?? "";
    return { kind: "external", alias: p.alias, ref, segments: p.segments, iri: externalClassIri(path, kind, p.segments) };
  }
  const table = model.classes[kind];
  const exact = table.get(pathKey(p.segments));
  if (exact && exact.tag === kind) return { kind: "local", node: exact };
  for (let a = from?.parent ?? null; a !== null; a = a.parent) {
    if (!inFamily(a, kind)) continue;
    const hit = table.get(pathKey([...a.path!, ...p.segments]));
    if (hit && hit.tag === kind && hit !== from) return { kind: "local", node: hit };
  }
  if (mirrors) {
    const master = model.byId.get(value)?.[0];
    if (master && master !== from) return { kind: "mirror", node: master };
  }
  return { kind: "unresolved", reason: exact ? `"${value}" is a ${exact.tag}, not a ${kind}` : `no ${kind} "${value}"` };
}

/** Resolves one path attribute of a node (undefined when the node has no such attribute). */
export function resolveAttr(model: AmlModel, node: CaexNode, attrName: string): Resolution | undefined {
  const value = nodeAttr(model, node, attrName);
  if (value === undefined) return undefined;
  const kind = refKind(node.tag, attrName);
  if (!kind) return undefined;
  const mirrors = (node.tag === "InternalElement" && attrName === "RefBaseSystemUnitPath") || (node.tag === "ExternalInterface" && attrName === "RefBaseClassPath");
  return resolvePath(model, value, kind, node, mirrors);
}

/**
 * An InternalLink partner: a 3.0 interface ID, or 2.15 "ID:Name" (the ID of the element that owns the
 * interface, a colon, the interface's Name). IDs may themselves hold colons: every split is tried,
 * rightmost first.
 */
export function resolvePartner(model: AmlModel, value: string): CaexNode | undefined {
  const direct = model.byId.get(value)?.[0];
  if (direct && direct.tag === "ExternalInterface") return direct;
  for (let k = value.lastIndexOf(":"); k > 0; k = value.lastIndexOf(":", k - 1)) {
    const owner = model.byId.get(value.slice(0, k))?.[0];
    if (!owner) continue;
    const name = value.slice(k + 1);
    for (const c of owner.children) if (c.tag === "ExternalInterface" && nodeAttr(model, c, "Name") === name) return c;
  }
  return undefined;
}

/** The attribute that names a node's base (class inheritance, instance-of). */
export function baseAttr(tag: string): string | undefined {
  switch (tag) {
    case "InterfaceClass":
    case "RoleClass":
    case "SystemUnitClass":
    case "ExternalInterface":
      return "RefBaseClassPath";
    case "InternalElement":
      return "RefBaseSystemUnitPath";
    case "AttributeType":
    case "Attribute":
      return "RefAttributeType";
    default:
      return undefined;
  }
}

export interface ChainLink {
  /** the path as written */
  path: string;
  resolution: Resolution;
}

/**
 * The inheritance chain of a class or instance: its base, the base's base, ... until a class without
 * base, an unresolved or external reference, or a cycle (`cycle` true).
 */
export function inheritanceChain(model: AmlModel, node: CaexNode): { chain: ChainLink[]; cycle: boolean } {
  const chain: ChainLink[] = [];
  const seen = new Set<CaexNode>([node]);
  let cur: CaexNode = node;
  for (;;) {
    const a = baseAttr(cur.tag);
    if (!a) return { chain, cycle: false };
    const r = resolveAttr(model, cur, a);
    if (!r) return { chain, cycle: false };
    chain.push({ path: nodeAttr(model, cur, a)!, resolution: r });
    if (r.kind !== "local" && r.kind !== "mirror") return { chain, cycle: false };
    if (seen.has(r.node)) return { chain, cycle: true };
    seen.add(r.node);
    cur = r.node;
  }
}
