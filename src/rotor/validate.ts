// Validation of the rotor model JSON (DESIGN.md, "Rotor model JSON"; shared/spec/rotor.md, "Errors").
// Every fault is collected with its JSON path, so a user fixes a file in one pass; unknown keys are
// faults too, because a misspelt optional key (say "gyroscopc") would otherwise vanish silently.
// The result is a fresh RotorModel built from the checked fields only. Checks that need arithmetic on
// the values (G and nu agreeing) are the core's: they run when the model is decoded (a job), and the
// command reports them located the same way (src/rotor/job.ts).
import { InputError } from "../errors.js";
import { parseJson, JsonSyntaxError, type Json } from "../io/json.js";
import type { Bearing, Coefficient, Disk, ElementOptions, Material, Pedestal, RotorModel, ShaftElement } from "./model.js";

/** One fault of a model, case or configuration: its JSON path and message (and line/column for a syntax error). */
export interface ModelFault {
  /** JSON path such as `shaft[3].od`; empty for the document as a whole */
  path: string;
  message: string;
  /** set for syntax errors */
  line?: number;
  column?: number;
}

/**
 * An invalid model, case or configuration: every fault found, each printable on its own line
 * (`file: path: message`, or `path: message` for a value passed in code). `file`, `path` (and `line`,
 * `column` for a syntax error) locate the first fault; `faults` lists them all.
 */
export class ModelError extends InputError {
  constructor(
    file: string | undefined,
    readonly faults: ModelFault[],
  ) {
    const first = faults[0];
    super(faults.map((f) => formatFault(file, f)).join("\n"), {
      ...(file !== undefined && { file }),
      ...(first !== undefined && first.path !== "" && { path: first.path }),
      ...(first?.line !== undefined && { line: first.line, column: first.column ?? 1 }),
    });
  }

  /** One line per fault: `file:line:col: message` or `file: path: message` (without a file: `path: message`). */
  lines(): string[] {
    return this.faults.map((f) => formatFault(this.file, f));
  }
}

/** A fault as one line, prefixed by the file when there is one. */
export function formatFault(file: string | undefined, f: ModelFault): string {
  const prefix = file === undefined ? "" : f.line !== undefined ? file : `${file}: `;
  if (f.line !== undefined) return `${prefix}${prefix ? ":" : ""}${f.line}:${f.column ?? 1}: ${f.message}`;
  return f.path === "" ? `${prefix}${f.message}` : `${prefix}${f.path}: ${f.message}`;
}

type Obj = { [key: string]: Json };

const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const has = (o: Obj, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);
/** Shortest round-trip form, as the user would write the number. */
const show = (x: number): string => String(x);

function typeName(v: Json | undefined): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `a string (${JSON.stringify(v.length > 20 ? v.slice(0, 20) + "…" : v)})`;
  return `${typeof v} ${String(v)}`;
}

type NumRule = "finite" | "positive" | "nonnegative" | "index";

/** Collects faults while walking the document. */
class Checker {
  readonly faults: ModelFault[] = [];

  fault(path: string, message: string): void {
    this.faults.push({ path, message });
  }

  /** Reports keys of `o` not in `allowed`. */
  keys(o: Obj, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) {
        const near = allowed.find((a) => a.toLowerCase() === k.toLowerCase());
        this.fault(join(path, k), `unknown key${near ? ` (did you mean "${near}"?)` : ` (allowed: ${allowed.join(", ")})`}`);
      }
    }
  }

  object(v: Json | undefined, path: string): Obj | undefined {
    if (isObj(v)) return v;
    this.fault(path, `must be an object, found ${typeName(v)}`);
    return undefined;
  }

  array(v: Json | undefined, path: string): Json[] | undefined {
    if (Array.isArray(v)) return v;
    this.fault(path, `must be an array, found ${typeName(v)}`);
    return undefined;
  }

  /** A number obeying `rule`, or undefined (fault recorded). */
  number(v: Json | undefined, path: string, rule: NumRule): number | undefined {
    if (typeof v !== "number") {
      this.fault(path, v === undefined ? "required number is missing" : `must be a number, found ${typeName(v)}`);
      return undefined;
    }
    if (!Number.isFinite(v)) {
      this.fault(path, `must be finite (${show(v)})`);
      return undefined;
    }
    if (rule === "positive" && !(v > 0)) return this.bad(path, `must be > 0 (${show(v)})`);
    if (rule === "nonnegative" && !(v >= 0)) return this.bad(path, `must be >= 0 (${show(v)})`);
    if (rule === "index" && !(Number.isInteger(v) && v >= 0)) return this.bad(path, `must be an integer >= 0 (${show(v)})`);
    return v;
  }

  optNumber(o: Obj, key: string, path: string, rule: NumRule): number | undefined {
    return has(o, key) ? this.number(o[key], join(path, key), rule) : undefined;
  }

  reqNumber(o: Obj, key: string, path: string, rule: NumRule): number | undefined {
    return this.number(o[key], join(path, key), rule);
  }

  boolean(v: Json | undefined, path: string): boolean | undefined {
    if (typeof v === "boolean") return v;
    this.fault(path, `must be true or false, found ${typeName(v)}`);
    return undefined;
  }

  private bad(path: string, message: string): undefined {
    this.fault(path, message);
    return undefined;
  }
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

const ROOT_KEYS = ["name", "description", "material", "shaft", "disks", "bearings", "pedestals", "damping", "options"] as const;
const MATERIAL_KEYS = ["E", "G", "nu", "rho"] as const;
const OPTION_KEYS = ["shear", "rotaryInertia", "gyroscopic"] as const;
const ELEMENT_KEYS = ["L", "od", "id", "odl", "idl", "odr", "idr", "material", "options"] as const;
const DISK_KEYS = ["node", "m", "Id", "Ip", "od", "id", "width", "material"] as const;
const COEFFS = ["kxx", "kyy", "kxy", "kyx", "cxx", "cyy", "cxy", "cyx"] as const;
const BEARING_KEYS = ["node", "speeds", ...COEFFS] as const;
const PEDESTAL_KEYS = ["bearing", "m", ...COEFFS] as const;
/** Direct terms must be >= 0 (a negative direct stiffness or damping is not a passive support). */
const DIRECT = new Set<string>(["kxx", "kyy", "cxx", "cyy"]);

function material(c: Checker, v: Json | undefined, path: string): Material | undefined {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  c.keys(o, path, MATERIAL_KEYS);
  const E = c.reqNumber(o, "E", path, "positive");
  const rho = c.reqNumber(o, "rho", path, "positive");
  const G = c.optNumber(o, "G", path, "positive");
  let nu = c.optNumber(o, "nu", path, "finite");
  if (nu !== undefined && !(nu > -1 && nu < 0.5)) {
    c.fault(join(path, "nu"), `must be in (-1, 0.5) (${show(nu)})`);
    nu = undefined;
  }
  if (!has(o, "G") && !has(o, "nu")) c.fault(path, "needs G (shear modulus) or nu (Poisson's ratio)");
  // G and nu given together must agree: the core checks it (it derives E/(2(1+nu))), and the command
  // reports the core's finding at material.nu (src/rotor/job.ts, modelFault).
  if (E === undefined || rho === undefined || (G === undefined && nu === undefined)) return undefined;
  const m: Material = { E, rho };
  if (G !== undefined) m.G = G;
  if (nu !== undefined) m.nu = nu;
  return m;
}

function options(c: Checker, v: Json | undefined, path: string): ElementOptions | undefined {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  c.keys(o, path, OPTION_KEYS);
  const out: ElementOptions = {};
  for (const k of OPTION_KEYS) {
    if (has(o, k)) {
      const b = c.boolean(o[k], join(path, k));
      if (b !== undefined) out[k] = b;
    }
  }
  return out;
}

/** Outer and inner diameter of one section: od > id >= 0. */
function section(c: Checker, o: Obj, path: string, odKey: string, idKey: string, idRequired: boolean): [number, number] | undefined {
  const od = c.reqNumber(o, odKey, path, "positive");
  const id = idRequired || has(o, idKey) ? c.reqNumber(o, idKey, path, "nonnegative") : 0;
  if (od === undefined || id === undefined) return undefined;
  if (!(od > id)) {
    c.fault(join(path, odKey), `must be > ${idKey} (${show(od)} <= ${show(id)})`);
    return undefined;
  }
  return [od, id];
}

function shaftElement(c: Checker, v: Json, path: string, modelMaterial: boolean): ShaftElement | undefined {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  c.keys(o, path, ELEMENT_KEYS);
  const L = c.reqNumber(o, "L", path, "positive");
  const tapered = ["odl", "idl", "odr", "idr"].filter((k) => has(o, k));
  const uniform = ["od", "id"].filter((k) => has(o, k));
  let el: ShaftElement | undefined;
  if (tapered.length > 0 && uniform.length > 0) {
    c.fault(path, `give od/id (uniform) or odl/idl/odr/idr (tapered), not both (found ${[...uniform, ...tapered].join(", ")})`);
  } else if (tapered.length > 0) {
    const inner = has(o, "idl") || has(o, "idr");
    if (inner && !(has(o, "idl") && has(o, "idr"))) {
      c.fault(path, `tapered element gives ${has(o, "idl") ? "idl" : "idr"} but not ${has(o, "idl") ? "idr" : "idl"}`);
    }
    const left = section(c, o, path, "odl", "idl", false);
    const right = section(c, o, path, "odr", "idr", false);
    if (L !== undefined && left && right) el = { L, odl: left[0], idl: left[1], odr: right[0], idr: right[1] };
  } else {
    const s = section(c, o, path, "od", "id", false);
    if (L !== undefined && s) el = { L, od: s[0], id: s[1] };
  }
  let mat: Material | undefined;
  if (has(o, "material")) mat = material(c, o.material, join(path, "material"));
  else if (!modelMaterial) c.fault(join(path, "material"), "missing (the element has no material and the model gives none)");
  const opt = has(o, "options") ? options(c, o.options, join(path, "options")) : undefined;
  if (el === undefined) return undefined;
  if (mat !== undefined) el.material = mat;
  if (opt !== undefined) el.options = opt;
  return el;
}

function nodeRef(c: Checker, o: Obj, path: string, nodes: number): number | undefined {
  const n = c.reqNumber(o, "node", path, "index");
  if (n !== undefined && n >= nodes) {
    c.fault(join(path, "node"), `node ${n} does not exist (nodes 0..${nodes - 1})`);
    return undefined;
  }
  return n;
}

function disk(c: Checker, v: Json, path: string, nodes: number): Disk | undefined {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  c.keys(o, path, DISK_KEYS);
  const node = nodeRef(c, o, path, nodes);
  const massKeys = ["m", "Id", "Ip"].filter((k) => has(o, k));
  const geoKeys = ["od", "id", "width"].filter((k) => has(o, k));
  if (massKeys.length > 0 && geoKeys.length > 0) {
    c.fault(path, `give mass properties (m, Id, Ip) or geometry (od, width[, id]), not both (found ${[...massKeys, ...geoKeys].join(", ")})`);
    return undefined;
  }
  if (massKeys.length === 0 && geoKeys.length === 0) {
    c.fault(path, "needs mass properties (m, Id, Ip) or geometry (od, width[, id])");
    return undefined;
  }
  if (massKeys.length > 0) {
    const m = c.reqNumber(o, "m", path, "positive");
    const Id = c.reqNumber(o, "Id", path, "nonnegative");
    const Ip = c.reqNumber(o, "Ip", path, "nonnegative");
    if (has(o, "material")) c.fault(join(path, "material"), "applies only to a disk given by geometry");
    if (node === undefined || m === undefined || Id === undefined || Ip === undefined) return undefined;
    return { node, m, Id, Ip };
  }
  const s = section(c, o, path, "od", "id", false);
  const width = c.reqNumber(o, "width", path, "positive");
  const mat = has(o, "material") ? material(c, o.material, join(path, "material")) : undefined;
  if (node === undefined || s === undefined || width === undefined || (has(o, "material") && mat === undefined)) return undefined;
  const d: Disk = { node, od: s[0], id: s[1], width };
  if (mat !== undefined) d.material = mat;
  return d;
}

/** A bearing coefficient: a number, or (with `speeds`) an array of one number per speed. */
function coefficient(c: Checker, v: Json | undefined, path: string, direct: boolean, nSpeeds: number | undefined): Coefficient | undefined {
  const rule: NumRule = direct ? "nonnegative" : "finite";
  if (!Array.isArray(v)) return c.number(v, path, rule);
  if (nSpeeds === undefined) {
    c.fault(path, "an array of coefficients needs \"speeds\" in the same bearing");
    return undefined;
  }
  if (v.length !== nSpeeds) {
    c.fault(path, `has ${v.length} values but speeds has ${nSpeeds}`);
    return undefined;
  }
  const out: number[] = [];
  let ok = true;
  v.forEach((x, i) => {
    const n = c.number(x, `${path}[${i}]`, rule);
    if (n === undefined) ok = false;
    else out.push(n);
  });
  return ok ? out : undefined;
}

function speeds(c: Checker, v: Json | undefined, path: string): number[] | undefined {
  const a = c.array(v, path);
  if (a === undefined) return undefined;
  if (a.length === 0) {
    c.fault(path, "must not be empty");
    return undefined;
  }
  const out: number[] = [];
  let ok = true;
  a.forEach((x, i) => {
    const s = c.number(x, `${path}[${i}]`, "nonnegative");
    if (s === undefined) {
      ok = false;
      return;
    }
    if (out.length > 0 && ok && !(s > out[out.length - 1]!)) {
      c.fault(`${path}[${i}]`, `speeds must be strictly increasing (${show(s)} after ${show(out[out.length - 1]!)})`);
      ok = false;
    }
    out.push(s);
  });
  return ok ? out : undefined;
}

function bearing(c: Checker, v: Json, path: string, nodes: number): Bearing | undefined {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  c.keys(o, path, BEARING_KEYS);
  const node = nodeRef(c, o, path, nodes);
  let nSpeeds: number | undefined;
  let sp: number[] | undefined;
  let ok = node !== undefined;
  if (has(o, "speeds")) {
    sp = speeds(c, o.speeds, join(path, "speeds"));
    if (sp === undefined) {
      // Still check the coefficient arrays against the declared length.
      ok = false;
      nSpeeds = Array.isArray(o.speeds) ? o.speeds.length : undefined;
    } else nSpeeds = sp.length;
  }
  const coeffs: Partial<Record<(typeof COEFFS)[number], Coefficient>> = {};
  for (const k of COEFFS) {
    const required = k === "kxx" || k === "kyy";
    if (!required && !has(o, k)) continue;
    const value = coefficient(c, o[k], join(path, k), DIRECT.has(k), nSpeeds);
    if (value === undefined) ok = false;
    else coeffs[k] = value;
  }
  if (!ok || node === undefined) return undefined;
  const b: Bearing = { node, kxx: coeffs.kxx!, kyy: coeffs.kyy!, ...coeffs };
  if (sp !== undefined) b.speeds = sp;
  return b;
}

function pedestal(c: Checker, v: Json, path: string, nBearings: number, taken: Map<number, number>, index: number): Pedestal | undefined {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  c.keys(o, path, PEDESTAL_KEYS);
  let b = c.reqNumber(o, "bearing", path, "index");
  if (b !== undefined && b >= nBearings) {
    c.fault(join(path, "bearing"), `bearing ${b} does not exist (bearings 0..${nBearings - 1})`);
    b = undefined;
  } else if (b !== undefined && taken.has(b)) {
    c.fault(join(path, "bearing"), `bearing ${b} already has a pedestal (pedestals[${taken.get(b)}])`);
    b = undefined;
  } else if (b !== undefined) taken.set(b, index);
  const m = c.reqNumber(o, "m", path, "positive");
  const out: Partial<Pedestal> = {};
  let ok = b !== undefined && m !== undefined;
  for (const k of COEFFS) {
    const required = k === "kxx" || k === "kyy";
    if (!required && !has(o, k)) continue;
    if (Array.isArray(o[k])) {
      c.fault(join(path, k), "pedestal coefficients are constants, not tables");
      ok = false;
      continue;
    }
    const x = c.number(o[k], join(path, k), DIRECT.has(k) ? "nonnegative" : "finite");
    if (x === undefined) ok = false;
    else out[k] = x;
  }
  if (!ok) return undefined;
  return { bearing: b!, m: m!, kxx: out.kxx!, kyy: out.kyy!, ...out };
}

function damping(c: Checker, v: Json | undefined, path: string): RotorModel["damping"] {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  c.keys(o, path, ["alpha", "beta"]);
  const out: { alpha?: number; beta?: number } = {};
  const alpha = c.optNumber(o, "alpha", path, "nonnegative");
  const beta = c.optNumber(o, "beta", path, "nonnegative");
  if (alpha !== undefined) out.alpha = alpha;
  if (beta !== undefined) out.beta = beta;
  return out;
}

/** Checks a parsed JSON document; returns the model or the list of faults. */
export function checkRotorModel(doc: Json): { model?: RotorModel; faults: ModelFault[] } {
  const c = new Checker();
  if (!isObj(doc)) {
    c.fault("", `the model must be a JSON object, found ${typeName(doc)}`);
    return { faults: c.faults };
  }
  c.keys(doc, "", ROOT_KEYS);
  let name: string | undefined;
  if (typeof doc.name === "string" && doc.name.trim() !== "") name = doc.name;
  else c.fault("name", doc.name === undefined ? "required string is missing" : `must be a non-empty string, found ${typeName(doc.name)}`);
  let description: string | undefined;
  if (has(doc, "description")) {
    if (typeof doc.description === "string") description = doc.description;
    else c.fault("description", `must be a string, found ${typeName(doc.description)}`);
  }
  const mat = has(doc, "material") ? material(c, doc.material, "material") : undefined;
  const opt = has(doc, "options") ? options(c, doc.options, "options") : undefined;
  const damp = has(doc, "damping") ? damping(c, doc.damping, "damping") : undefined;

  const shaftJson = c.array(doc.shaft, "shaft");
  if (shaftJson !== undefined && shaftJson.length === 0) c.fault("shaft", "needs at least one element");
  const shaft = (shaftJson ?? []).map((e, i) => shaftElement(c, e, `shaft[${i}]`, has(doc, "material")));
  // Without a readable shaft the node count is unknown: node checks are skipped rather than wrong.
  const nodes = shaftJson !== undefined && shaftJson.length > 0 ? shaftJson.length + 1 : Infinity;

  const disks = has(doc, "disks") ? (c.array(doc.disks, "disks") ?? []).map((d, i) => disk(c, d, `disks[${i}]`, nodes)) : [];

  const bearingsJson = c.array(doc.bearings, "bearings");
  if (bearingsJson !== undefined && bearingsJson.length === 0) c.fault("bearings", "needs at least one bearing");
  const bearings = (bearingsJson ?? []).map((b, i) => bearing(c, b, `bearings[${i}]`, nodes));

  const taken = new Map<number, number>();
  const nBearings = bearingsJson?.length ?? Infinity;
  const pedestals = has(doc, "pedestals")
    ? (c.array(doc.pedestals, "pedestals") ?? []).map((p, i) => pedestal(c, p, `pedestals[${i}]`, nBearings, taken, i))
    : [];

  if (c.faults.length > 0) return { faults: c.faults };
  const model: RotorModel = {
    name: name!,
    shaft: shaft as ShaftElement[],
    bearings: bearings as Bearing[],
  };
  if (description !== undefined) model.description = description;
  if (mat !== undefined) model.material = mat;
  if (has(doc, "disks")) model.disks = disks as Disk[];
  if (has(doc, "pedestals")) model.pedestals = pedestals as Pedestal[];
  if (damp !== undefined) model.damping = damp;
  if (opt !== undefined) model.options = opt;
  return { model, faults: [] };
}

/** Parses JSON text; a syntax error becomes a ModelError located as `file:line:col` (`line:col` without a file). */
export function parseJsonDocument(text: string, file?: string): Json {
  try {
    return parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ModelError(file, [{ path: "", message: e.reason, line: e.line, column: e.column }]);
    throw e;
  }
}

/**
 * Parses and validates rotor model JSON text. `file` names the source in messages.
 * Throws ModelError listing every fault (syntax errors as line:column, the rest by JSON path).
 */
export function parseRotorModel(text: string, file?: string): RotorModel {
  const doc: Json = parseJsonDocument(text, file);
  const { model, faults } = checkRotorModel(doc);
  if (model === undefined) throw new ModelError(file, faults);
  return model;
}
