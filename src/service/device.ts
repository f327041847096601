// The live device model of a deployed twin: the CAEX instance hierarchy under the twin's device element,
// as parts (InternalElements, addressed by their names from the device root) with typed attributes.
// Values start as the file's <Value>s and change by POST and by the hybrid runner; the file itself is
// never edited: `toAml()` splices the current values into the source text, so the runtime document
// differs from the source only in the changed values (same bytes everywhere else).
import { createHash } from "node:crypto";
import { type AmlModel, type CaexNode, nodeAttr, nodeLine } from "../aml/model.js";
import { decodeContent, encodeXmlText, type XElement } from "../aml/xml.js";
import type { AttrValue } from "./types.js";

/** A value refused for an attribute: `pointer` is the JSON Pointer of the offending request member. */
export class ValueError extends Error {
  constructor(
    readonly pointer: string,
    message: string,
  ) {
    super(message);
    this.name = "ValueError";
  }
}

/** CAEX 3.0 Constraint of an attribute (OrdinalScaledType bounds, NominalScaledType allowed values). */
export interface AttributeConstraints {
  min?: number;
  max?: number;
  allowed?: string[];
}

export interface AttributeDef {
  /** "Outer/Inner" for nested attributes */
  name: string;
  dataType: string | undefined;
  unit: string | undefined;
  description: string | undefined;
  constraints: AttributeConstraints;
  /** the value in the source file (undefined when it has no <Value>) */
  sourceValue: AttrValue | undefined;
  node: CaexNode;
}

export interface Part {
  /** path from the device root: names joined by "/" ("" = the root); see partPath() */
  path: string;
  name: string;
  id: string | undefined;
  /** RefBaseRoleClassPath of its RoleRequirements, when it has one */
  role: string | undefined;
  /** RefBaseSystemUnitPath, when it has one */
  systemUnit: string | undefined;
  description: string | undefined;
  node: CaexNode;
  attributes: Map<string, AttributeDef>;
  children: Part[];
  parent: Part | null;
  /** position in document order (for sorting search hits) */
  order: number;
}

/** JSON representation of a part (GET /api/<Device>/<Part>). */
export interface PartJson {
  name: string;
  path: string;
  id?: string;
  role?: string;
  systemUnit?: string;
  description?: string;
  attributes: Record<string, AttributeJson>;
  parts: string[];
}

export interface AttributeJson {
  value: AttrValue | null;
  type?: string;
  unit?: string;
}

/** A part path segment: a CAEX Name with "%" and "/" percent-encoded (names may hold any character). */
export function segment(name: string): string {
  return name.replace(/%/g, "%25").replace(/\//g, "%2F");
}

export function joinPath(parent: string, name: string): string {
  return parent === "" ? segment(name) : `${parent}/${segment(name)}`;
}

const INT_TYPES: Record<string, [number, number]> = {
  "xs:byte": [-128, 127],
  "xs:short": [-32768, 32767],
  "xs:int": [-2147483648, 2147483647],
  "xs:long": [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  "xs:integer": [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  "xs:unsignedByte": [0, 255],
  "xs:unsignedShort": [0, 65535],
  "xs:unsignedInt": [0, 4294967295],
  "xs:unsignedLong": [0, Number.MAX_SAFE_INTEGER],
  "xs:nonNegativeInteger": [0, Number.MAX_SAFE_INTEGER],
  "xs:positiveInteger": [1, Number.MAX_SAFE_INTEGER],
  "xs:nonPositiveInteger": [Number.MIN_SAFE_INTEGER, 0],
  "xs:negativeInteger": [Number.MIN_SAFE_INTEGER, -1],
};
const FLOAT_TYPES = new Set(["xs:double", "xs:float", "xs:decimal"]);

/** The JSON type a CAEX AttributeDataType takes ("any" when the file gives none). */
export function jsonType(dataType: string | undefined): "number" | "integer" | "boolean" | "string" | "any" {
  if (dataType === undefined) return "any";
  if (FLOAT_TYPES.has(dataType)) return "number";
  if (dataType in INT_TYPES) return "integer";
  if (dataType === "xs:boolean") return "boolean";
  return "string";
}

/** Parses a <Value> text by its data type; a value the type cannot hold stays the text. */
function parseLexical(text: string, dataType: string | undefined): AttrValue {
  const t = jsonType(dataType);
  const s = text.trim();
  if (t === "number" || t === "integer") {
    if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) return Number(s);
    if (s === "INF") return Infinity;
    if (s === "-INF") return -Infinity;
    return text;
  }
  if (t === "boolean") {
    if (s === "true" || s === "1") return true;
    if (s === "false" || s === "0") return false;
    return text;
  }
  return text;
}

/** The XML Schema lexical form of a value (xs:double: the shortest round-trip decimal). */
export function lexical(v: AttrValue): string {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : v > 0 ? "INF" : v < 0 ? "-INF" : "NaN";
  return String(v);
}

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

/** Checks a JSON value against an attribute's type and constraints; returns the value to store. */
export function checkValue(def: AttributeDef, raw: unknown, pointer: string): AttrValue {
  const t = jsonType(def.dataType);
  const where = `attribute ${def.name}${def.dataType ? ` (${def.dataType})` : ""}`;
  let v: AttrValue;
  if (t === "number" || t === "integer") {
    if (typeof raw !== "number") throw new ValueError(pointer, `${where}: expected a number, got ${describe(raw)}`);
    if (!Number.isFinite(raw)) throw new ValueError(pointer, `${where}: must be finite`);
    if (t === "integer") {
      const [lo, hi] = INT_TYPES[def.dataType!]!;
      if (!Number.isInteger(raw) || raw < lo || raw > hi) throw new ValueError(pointer, `${where}: expected an integer in [${lo}, ${hi}], got ${raw}`);
    }
    if (def.dataType === "xs:float" && Math.abs(raw) > 3.4028234663852886e38) throw new ValueError(pointer, `${where}: beyond the range of xs:float`);
    v = raw;
  } else if (t === "boolean") {
    if (typeof raw !== "boolean") throw new ValueError(pointer, `${where}: expected true or false, got ${describe(raw)}`);
    v = raw;
  } else if (t === "string") {
    if (typeof raw !== "string") throw new ValueError(pointer, `${where}: expected a string, got ${describe(raw)}`);
    if (raw.length > 65536) throw new ValueError(pointer, `${where}: longer than 65,536 characters`);
    // XML 1.0 §2.2 Char: the value must be writable back into the CAEX file
    if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(raw) || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(raw))
      throw new ValueError(pointer, `${where}: holds a character XML cannot carry`);
    if (def.dataType === "xs:dateTime" && !DATE_TIME.test(raw)) throw new ValueError(pointer, `${where}: not an xs:dateTime (e.g. 2026-12-06T10:00:00Z)`);
    if (def.dataType === "xs:anyURI") {
      try {
        new URL(raw, "http://base.invalid/");
      } catch {
        throw new ValueError(pointer, `${where}: not a URI reference`);
      }
    }
    v = raw;
  } else {
    if (typeof raw !== "number" && typeof raw !== "string" && typeof raw !== "boolean") throw new ValueError(pointer, `${where}: expected a number, string or boolean, got ${describe(raw)}`);
    if (typeof raw === "number" && !Number.isFinite(raw)) throw new ValueError(pointer, `${where}: must be finite`);
    v = raw;
  }
  const c = def.constraints;
  if (typeof v === "number") {
    if (c.min !== undefined && v < c.min) throw new ValueError(pointer, `${where}: ${v} is below the minimum ${c.min}${def.unit ? ` ${def.unit}` : ""} (CAEX Constraint)`);
    if (c.max !== undefined && v > c.max) throw new ValueError(pointer, `${where}: ${v} is above the maximum ${c.max}${def.unit ? ` ${def.unit}` : ""} (CAEX Constraint)`);
  }
  if (c.allowed !== undefined && !c.allowed.includes(lexical(v))) {
    throw new ValueError(pointer, `${where}: ${JSON.stringify(v)} is not one of ${c.allowed.map((a) => JSON.stringify(a)).join(", ")} (CAEX Constraint)`);
  }
  return v;
}

function describe(raw: unknown): string {
  if (raw === null) return "null";
  if (Array.isArray(raw)) return "an array";
  if (typeof raw === "object") return "an object";
  if (typeof raw === "string") return `the string ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw)}`;
  return `${typeof raw} ${String(raw)}`;
}

function childText(model: AmlModel, el: XElement, local: string): string | undefined {
  for (const c of el.children) if (c.local === local && c.children.length === 0) return decodeContent(model.doc.text, c.contentStart, c.contentEnd);
  return undefined;
}

function constraintsOf(model: AmlModel, el: XElement): AttributeConstraints {
  const out: AttributeConstraints = {};
  for (const c of el.children) {
    if (c.local !== "Constraint") continue;
    for (const k of c.children) {
      if (k.local === "OrdinalScaledType") {
        const max = childText(model, k, "RequiredMaxValue");
        const min = childText(model, k, "RequiredMinValue");
        if (max !== undefined && Number.isFinite(Number(max))) out.max = out.max === undefined ? Number(max) : Math.min(out.max, Number(max));
        if (min !== undefined && Number.isFinite(Number(min))) out.min = out.min === undefined ? Number(min) : Math.max(out.min, Number(min));
      } else if (k.local === "NominalScaledType") {
        const vals = k.children.filter((r) => r.local === "RequiredValue").map((r) => decodeContent(model.doc.text, r.contentStart, r.contentEnd));
        out.allowed = out.allowed === undefined ? vals : out.allowed.filter((a) => vals.includes(a));
      }
    }
  }
  return out;
}

/** The live device model of one twin. */
export class DeviceModel {
  readonly root: Part;
  private readonly byPath = new Map<string, Part>();
  private readonly values = new Map<string, AttrValue>();
  /** changed values: key part\0attribute → value (what toAml() splices in) */
  private readonly changed = new Map<string, AttrValue>();
  private readonly etags = new Map<string, string>();
  /** increases with every change (caches of derived documents key on it) */
  version = 0;

  constructor(
    readonly model: AmlModel,
    rootNode: CaexNode,
  ) {
    let order = 0;
    const build = (node: CaexNode, path: string, parent: Part | null): Part => {
      const part: Part = {
        path,
        name: nodeAttr(model, node, "Name") ?? "",
        id: nodeAttr(model, node, "ID"),
        role: undefined,
        systemUnit: nodeAttr(model, node, "RefBaseSystemUnitPath"),
        description: childText(model, node.el, "Description"),
        node,
        attributes: new Map(),
        children: [],
        parent,
        order: order++,
      };
      this.byPath.set(path, part);
      const names = new Map<string, number>();
      for (const c of node.children) {
        if (c.tag === "Attribute") this.addAttribute(part, c, "");
        else if (c.tag === "RoleRequirements") part.role ??= nodeAttr(model, c, "RefBaseRoleClassPath");
        else if (c.tag === "InternalElement") {
          // siblings of the same Name get "[n]" (n = 2, 3, …) so every part has an address
          const name = nodeAttr(model, c, "Name") ?? "";
          const n = (names.get(name) ?? 0) + 1;
          names.set(name, n);
          const seg = n === 1 ? segment(name) : `${segment(name)}[${n}]`;
          part.children.push(build(c, path === "" ? seg : `${path}/${seg}`, part));
        }
      }
      return part;
    };
    this.root = build(rootNode, "", null);
  }

  private addAttribute(part: Part, node: CaexNode, prefix: string): void {
    const name = `${prefix}${nodeAttr(this.model, node, "Name") ?? ""}`;
    const dataType = nodeAttr(this.model, node, "AttributeDataType");
    const text = childText(this.model, node.el, "Value");
    const def: AttributeDef = {
      name,
      dataType,
      unit: nodeAttr(this.model, node, "Unit"),
      description: childText(this.model, node.el, "Description"),
      constraints: constraintsOf(this.model, node.el),
      sourceValue: text === undefined ? undefined : parseLexical(text, dataType),
      node,
    };
    part.attributes.set(name, def);
    if (def.sourceValue !== undefined) this.values.set(key(part.path, name), def.sourceValue);
    for (const c of node.children) if (c.tag === "Attribute") this.addAttribute(part, c, `${name}/`);
  }

  part(path: string): Part | undefined {
    return this.byPath.get(path);
  }

  parts(): Part[] {
    return [...this.byPath.values()];
  }

  value(path: string, attribute: string): AttrValue | undefined {
    return this.values.get(key(path, attribute));
  }

  /** Sets a committed value (the caller checked it and stored the change). */
  set(path: string, attribute: string, v: AttrValue): void {
    const k = key(path, attribute);
    this.values.set(k, v);
    const def = this.byPath.get(path)?.attributes.get(attribute);
    if (def !== undefined && def.sourceValue !== undefined && Object.is(def.sourceValue, v)) this.changed.delete(k);
    else this.changed.set(k, v);
    this.etags.delete(path);
    this.version++;
  }

  /** The JSON of a part; `readable(attribute)` says which attributes the caller may see. */
  json(part: Part, readable: (attribute: string) => boolean = () => true): PartJson {
    const attributes: Record<string, AttributeJson> = {};
    for (const [name, def] of part.attributes) {
      if (!readable(name)) continue;
      attributes[name] = this.attributeJson(part, def);
    }
    const out: PartJson = { name: part.name, path: part.path, attributes, parts: part.children.map((c) => c.path.slice(part.path === "" ? 0 : part.path.length + 1)) };
    if (part.id !== undefined) out.id = part.id;
    if (part.role !== undefined) out.role = part.role;
    if (part.systemUnit !== undefined) out.systemUnit = part.systemUnit;
    if (part.description !== undefined) out.description = part.description;
    return out;
  }

  attributeJson(part: Part, def: AttributeDef): AttributeJson {
    const a: AttributeJson = { value: this.values.get(key(part.path, def.name)) ?? null };
    if (def.dataType !== undefined) a.type = def.dataType;
    if (def.unit !== undefined) a.unit = def.unit;
    return a;
  }

  /**
   * Entity tag of a part's current state (RFC 9110 §8.8.3): a digest of its attribute values, so two
   * deployments holding the same values give the same tag (an aggregated twin forwards it unchanged).
   */
  etag(part: Part): string {
    let tag = this.etags.get(part.path);
    if (tag === undefined) {
      tag = this.etagOf(part, (name) => this.values.get(key(part.path, name)));
      this.etags.set(part.path, tag);
    }
    return tag;
  }

  /** The entity tag the part would have with these values. */
  etagOf(part: Part, valueOf: (attribute: string) => AttrValue | undefined): string {
    const h = createHash("sha256");
    // the path is not hashed: a child twin serving this part as its root gives the same tag
    h.update("twin-part");
    for (const name of part.attributes.keys()) h.update(`\u0000${name}\u0000${JSON.stringify(valueOf(name) ?? null)}`);
    return `"${h.digest("base64url").slice(0, 22)}"`;
  }

  /** The CAEX file with the current values: the source bytes, changed <Value>s replaced. */
  toAml(): Buffer {
    const doc = this.model.doc;
    const edits: { from: number; to: number; text: string }[] = [];
    for (const [k, v] of this.changed) {
      const [path, attribute] = k.split("\u0000") as [string, string];
      const def = this.byPath.get(path)?.attributes.get(attribute);
      if (def === undefined) continue;
      const el = def.node.el;
      const text = escapeXml(lexical(v), doc.encoding === "iso-8859-1");
      const valueEl = el.children.find((c) => c.local === "Value");
      if (valueEl !== undefined) {
        if (valueEl.selfClosing) edits.push({ from: valueEl.start, to: valueEl.end, text: `<${valueEl.name}>${text}</${valueEl.name}>` });
        else edits.push({ from: valueEl.contentStart, to: valueEl.contentEnd, text });
      } else {
        // CAEX 3.0 AttributeType sequence: Description … DefaultValue, Value, RefSemantic, Constraint, Attribute
        const after = [...el.children].reverse().find((c) => ["Description", "Version", "Revision", "Copyright", "AdditionalInformation", "DefaultValue"].includes(c.local));
        const prefix = el.name.includes(":") ? `${el.name.split(":")[0]}:` : "";
        const valueTag = `<${prefix}Value>${text}</${prefix}Value>`;
        if (el.selfClosing) {
          // <Attribute …/> → <Attribute …><Value>v</Value></Attribute>
          const startTag = doc.text.slice(el.start, el.end).replace(/\s*\/>$/, ">");
          edits.push({ from: el.start, to: el.end, text: `${startTag}${valueTag}</${el.name}>` });
        } else if (after !== undefined) edits.push({ from: after.end, to: after.end, text: valueTag });
        else edits.push({ from: el.contentStart, to: el.contentStart, text: valueTag });
      }
    }
    edits.sort((a, b) => b.from - a.from);
    let text = doc.text;
    for (const e of edits) text = text.slice(0, e.from) + e.text + text.slice(e.to);
    return encodeXmlText(text, doc.encoding);
  }

  /** Line of a part's element in the source (for messages). */
  line(part: Part): number {
    return nodeLine(this.model, part.node);
  }
}

function key(path: string, attribute: string): string {
  return `${path}\u0000${attribute}`;
}

function escapeXml(s: string, latin1: boolean): string {
  const t = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
  // an ISO-8859-1 document carries other characters as references (XML 1.0 §4.1)
  return latin1 ? t.replace(/[^\u0000-\u00ff]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16)};`) : t;
}
