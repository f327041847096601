// Rotor model JSON (DESIGN.md "Rotor model JSON") <-> RDF in the rotor vocabulary
// (ontologies/twin.ttl, namespace https://w3id.org/twin/rotor#).
//
// Every JSON object of the model becomes a resource whose IRI is the model's IRI plus its JSON path
// (`…/model/test-rig/shaft/3/material`), typed by its place (ShaftElement, Disk, Bearing, Pedestal,
// Material, ElementOptions, RayleighDamping); scalars become literals of rotor:<key> keeping the source's
// lexical form (`2.1e11` stays `"2.1e11"^^xsd:double`), arrays of numbers (speed tables) become a
// rotor:NumberArray with one item per value. Derived links make the model queryable (rotor:Node
// resources, rotor:atNode, rotor:leftNode/rightNode, rotor:supportsBearing). The layout (whitespace,
// key order) is kept as a template literal (rotor:jsonLayout: the text with every scalar replaced by
// U+0000), so the file comes back byte for byte from the graph alone.
import { InputError, type InputLocation } from "../errors.js";
import { type Json, JsonSyntaxError, parseJson } from "../io/json.js";
import { iri, lit, type Quad, quad } from "../rdf/graph.js";
import { NS, ROTOR, TWIN } from "../rdf/namespaces.js";

/** Base of the IRIs of rotor models: one per model name (DESIGN.md: IRIs derived from content). */
export const ROTOR_DATA = `${TWIN}rotor/model/`;
const RDF_VALUE = `${NS.rdf}value`;
const SLOT = "\u0000";
/** A string whose JSON escapes differ from JSON.stringify's keeps its token: U+0001 token U+0000. */
const RAW = "\u0001";

/** A rotor model file or graph that cannot be mapped: bad input. */
export class RotorRdfError extends InputError {
  constructor(message: string, location: InputLocation = {}) {
    super(message, location);
  }
}

export function rotorModelIri(name: string): string {
  return ROTOR_DATA + encodeURIComponent(name);
}

type Path = (string | number)[];

interface Scalar {
  path: Path;
  raw: string;
  value: string | number | boolean | null;
}

/** Scans valid JSON text: the scalar tokens with their paths, and the layout template. */
function scan(text: string): { scalars: Scalar[]; template: string } {
  const scalars: Scalar[] = [];
  let template = "";
  let pos = 0;
  const ws = (): void => {
    const m = /^[ \t\r\n]*/.exec(text.slice(pos))!;
    template += m[0];
    pos += m[0].length;
  };
  const str = (): string => {
    const m = /^"(?:[^"\\]|\\.)*"/s.exec(text.slice(pos))!;
    pos += m[0].length;
    return m[0];
  };
  const value = (path: Path): void => {
    ws();
    const c = text[pos];
    if (c === "{") {
      template += "{";
      pos++;
      ws();
      if (text[pos] === "}") {
        template += "}";
        pos++;
        return;
      }
      for (;;) {
        ws();
        const key = str();
        template += key;
        ws();
        template += ":";
        pos++; // ':'
        value([...path, JSON.parse(key) as string]);
        ws();
        const d = text[pos++];
        template += d;
        if (d === "}") return;
      }
    }
    if (c === "[") {
      template += "[";
      pos++;
      ws();
      if (text[pos] === "]") {
        template += "]";
        pos++;
        return;
      }
      for (let i = 0; ; i++) {
        value([...path, i]);
        ws();
        const d = text[pos++];
        template += d;
        if (d === "]") return;
      }
    }
    let raw: string;
    if (c === '"') raw = str();
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|-?Infinity|NaN)/.exec(text.slice(pos));
      if (!m) throw new RotorRdfError(`unexpected character at offset ${pos}`);
      raw = m[0];
      pos += raw.length;
    }
    const v = JSON.parse(raw === "NaN" || /Infinity$/.test(raw) ? "null" : raw) as string | number | boolean | null;
    scalars.push({ path, raw, value: v });
    template += typeof v === "string" && JSON.stringify(v) !== raw ? RAW + raw + SLOT : SLOT;
  };
  if (text.charCodeAt(0) === 0xfeff) {
    template += "\ufeff";
    pos = 1;
  }
  value([]);
  template += text.slice(pos);
  return { scalars, template };
}

/** rdf:type of the object at a path (by its key, or the array it is an item of). */
function typeOf(path: Path): string | undefined {
  if (path.length === 0) return "RotorModel";
  const last = path[path.length - 1]!;
  const key = typeof last === "number" ? path[path.length - 2] : last;
  if (typeof last === "number") {
    return { shaft: "ShaftElement", disks: "Disk", bearings: "Bearing", pedestals: "Pedestal" }[key as string];
  }
  return { material: "Material", options: "ElementOptions", damping: "RayleighDamping" }[key as string];
}

const INTEGER_KEYS = new Set(["node", "bearing"]);

function pathIri(base: string, path: Path): string {
  return path.length === 0 ? base : `${base}/${path.map((p) => encodeURIComponent(String(p))).join("/")}`;
}

/**
 * The graph of a rotor model file. `fileName` (the file's name in the package) is recorded so the
 * file can be written back under its name. Bad JSON: RotorRdfError `file:line:col: message`.
 */
export function rotorToQuads(text: string, fileName: string): { iri: string; quads: Quad[] } {
  let doc: Json;
  try {
    doc = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new RotorRdfError(`${fileName}:${e.line}:${e.column}: ${e.reason}`);
    throw e;
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc) || typeof doc.name !== "string") {
    throw new RotorRdfError(`${fileName}: not a rotor model (an object with a "name")`);
  }
  const base = rotorModelIri(doc.name);
  const out: Quad[] = [];
  const add = (s: string, p: string, o: ReturnType<typeof iri> | ReturnType<typeof lit>): void => void out.push(quad(iri(s), iri(p), o));
  const { scalars, template } = scan(text);
  // resources for every object and number array on the way to each scalar
  const seen = new Set<string>();
  const resource = (path: Path, isArray: boolean): void => {
    const key = JSON.stringify(path);
    if (seen.has(key)) return;
    seen.add(key);
    const s = pathIri(base, path);
    if (path.length > 0) {
      const parentPath = typeof path[path.length - 1] === "number" ? path.slice(0, -2) : path.slice(0, -1);
      const prop = typeof path[path.length - 1] === "number" ? path[path.length - 2]! : path[path.length - 1]!;
      // an item of an array of objects hangs off the array's owner, with its index
      add(pathIri(base, parentPath), ROTOR + String(prop), iri(s));
      if (typeof path[path.length - 1] === "number") add(s, `${ROTOR}index`, lit(path[path.length - 1] as number));
    }
    if (isArray) add(s, `${NS.rdf}type`, iri(`${ROTOR}NumberArray`));
    else {
      const t = typeOf(path);
      if (t) add(s, `${NS.rdf}type`, iri(ROTOR + t));
    }
  };
  resource([], false);
  const objectsAlong = (path: Path): void => {
    // every prefix that names an object (not an array: a prefix followed by an index)
    for (let i = 1; i <= path.length; i++) if (i === path.length || typeof path[i] !== "number") resource(path.slice(0, i), false);
  };
  for (const sc of scalars) {
    const last = sc.path[sc.path.length - 1];
    let owner: Path;
    let pred: string;
    if (typeof last === "number") {
      // item of a number array: <owner>/<key> a NumberArray; <owner>/<key>/<i> rdf:value v
      const arrPath = sc.path.slice(0, -1);
      objectsAlong(arrPath.slice(0, -1));
      resource(arrPath, true);
      const item = pathIri(base, sc.path);
      add(pathIri(base, arrPath), `${ROTOR}item`, iri(item));
      add(item, `${ROTOR}index`, lit(last));
      owner = sc.path;
      pred = RDF_VALUE;
    } else {
      owner = sc.path.slice(0, -1);
      objectsAlong(owner);
      pred = ROTOR + String(last);
    }
    const s = pathIri(base, owner);
    const v = sc.value;
    if (typeof v === "string") add(s, pred, lit(v));
    else if (typeof v === "boolean") add(s, pred, lit(v));
    else if (typeof v === "number") {
      const integer = /^-?\d+$/.test(sc.raw) && INTEGER_KEYS.has(String(last));
      add(s, pred, lit(sc.raw, `${NS.xsd}${integer ? "integer" : "double"}`));
    } else throw new RotorRdfError(`${fileName}: ${sc.path.join(".")}: ${sc.raw} has no place in a rotor model`);
  }
  // derived links: nodes, what sits where
  const obj = doc as Record<string, Json>;
  const shaft = Array.isArray(obj.shaft) ? obj.shaft : [];
  const node = (i: number): string => `${base}/node/${i}`;
  for (let i = 0; i <= shaft.length; i++) {
    add(node(i), `${NS.rdf}type`, iri(`${ROTOR}Node`));
    add(node(i), `${ROTOR}index`, lit(i));
    add(base, `${ROTOR}hasNode`, iri(node(i)));
  }
  shaft.forEach((_, i) => {
    add(`${base}/shaft/${i}`, `${ROTOR}leftNode`, iri(node(i)));
    add(`${base}/shaft/${i}`, `${ROTOR}rightNode`, iri(node(i + 1)));
  });
  for (const key of ["disks", "bearings"]) {
    const arr = obj[key];
    if (Array.isArray(arr)) {
      arr.forEach((x, i) => {
        const n = (x as Record<string, Json>)?.node;
        if (typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= shaft.length) add(`${base}/${key}/${i}`, `${ROTOR}atNode`, iri(node(n)));
      });
    }
  }
  if (Array.isArray(obj.pedestals)) {
    obj.pedestals.forEach((x, i) => {
      const b = (x as Record<string, Json>)?.bearing;
      if (typeof b === "number" && Number.isInteger(b) && b >= 0) add(`${base}/pedestals/${i}`, `${ROTOR}supportsBearing`, iri(`${base}/bearings/${b}`));
    });
  }
  add(base, `${NS.rdfs}label`, lit(doc.name));
  add(base, `${ROTOR}sourceFile`, lit(fileName));
  add(base, `${ROTOR}jsonLayout`, lit(template));
  return { iri: base, quads: out };
}

/** Every rotor model of a graph written back as its file (name and text), in IRI order. */
export function rotorFromQuads(quads: Iterable<Quad>): { iri: string; fileName: string; text: string }[] {
  const bySubject = new Map<string, Map<string, Quad["object"][]>>();
  for (const q of quads) {
    let m = bySubject.get(q.subject.value);
    if (!m) bySubject.set(q.subject.value, (m = new Map()));
    let l = m.get(q.predicate.value);
    if (!l) m.set(q.predicate.value, (l = []));
    l.push(q.object);
  }
  const one = (s: string, p: string): Quad["object"] | undefined => {
    const l = bySubject.get(s)?.get(p);
    if (l && l.length > 1) throw new RotorRdfError(`${s}: ${l.length} values of ${p} (expected one)`);
    return l?.[0];
  };
  const models = [...bySubject.entries()]
    .filter(([s, m]) => s.startsWith(ROTOR_DATA) && (m.get(`${NS.rdf}type`) ?? []).some((o) => o.value === `${ROTOR}RotorModel`))
    .map(([s]) => s)
    .sort();
  return models.map((base) => {
    const layout = one(base, `${ROTOR}jsonLayout`);
    const fileName = one(base, `${ROTOR}sourceFile`);
    if (!layout || !fileName) throw new RotorRdfError(`${base}: no rotor:jsonLayout or rotor:sourceFile`);
    return { iri: base, fileName: fileName.value, text: fill(layout.value, base, one) };
  });
}

/** Walks the layout template like scan() and puts each scalar's value from the graph into its slot. */
function fill(template: string, base: string, one: (s: string, p: string) => Quad["object"] | undefined): string {
  let out = "";
  let pos = 0;
  const ws = (): void => {
    const m = /^[ \t\r\n\ufeff]*/.exec(template.slice(pos))!;
    out += m[0];
    pos += m[0].length;
  };
  const str = (): string => {
    const m = /^"(?:[^"\\]|\\.)*"/s.exec(template.slice(pos));
    if (!m) throw new RotorRdfError(`${base}: malformed rotor:jsonLayout at ${pos}`);
    pos += m[0].length;
    return m[0];
  };
  const scalar = (path: Path): void => {
    let raw: string | undefined;
    if (template[pos] === RAW) {
      const end = template.indexOf(SLOT, pos);
      raw = template.slice(pos + 1, end);
      pos = end;
    }
    if (template[pos] !== SLOT) throw new RotorRdfError(`${base}: malformed rotor:jsonLayout at ${pos}`);
    pos++;
    const last = path[path.length - 1]!;
    const o = typeof last === "number" ? one(pathIri(base, path), RDF_VALUE) : one(pathIri(base, path.slice(0, -1)), ROTOR + String(last));
    if (!o || o.termType !== "Literal") throw new RotorRdfError(`${pathIri(base, path)}: the graph has no value for this slot of the layout`);
    const dt = (o as { datatype: { value: string } }).datatype.value;
    if (dt === `${NS.xsd}double` || dt === `${NS.xsd}integer`) out += o.value;
    else if (dt === `${NS.xsd}boolean`) out += o.value;
    else out += raw !== undefined && JSON.parse(raw) === o.value ? raw : JSON.stringify(o.value);
  };
  const value = (path: Path): void => {
    ws();
    const c = template[pos];
    if (c === "{" || c === "[") {
      out += c;
      pos++;
      ws();
      const close = c === "{" ? "}" : "]";
      if (template[pos] === close) {
        out += close;
        pos++;
        return;
      }
      for (let i = 0; ; i++) {
        let child: Path;
        if (c === "{") {
          ws();
          const key = str();
          out += key;
          ws();
          out += template[pos++]; // ':'
          child = [...path, JSON.parse(key) as string];
        } else child = [...path, i];
        value(child);
        ws();
        const d = template[pos++];
        out += d;
        if (d === close) return;
      }
    }
    scalar(path);
  };
  value([]);
  out += template.slice(pos);
  return out;
}
