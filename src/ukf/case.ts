// Validation of a UKF case file (shared/spec/ukf.md). Every fault is collected with its JSON path
// (`P0[1]`, `measurements[12][0]`) and reported together, as for rotor models (ModelError). Keys the
// runner does not use (description, truth_states, ...) are allowed: cases carry documentation.
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { type Json } from "../io/json.js";
import { toJsonDocument } from "../rotor/load.js";
import { ModelError, type ModelFault, parseJsonDocument } from "../rotor/validate.js";
import type { MeasurementModel, ProcessModel } from "./core.js";

/** One step of a case's FilterPy reference outputs. */
export interface ReferenceStep {
  k: number;
  x_prior: number[];
  P_prior_diag: number[];
  x_post: number[];
  P_post_diag: number[];
  y: number[];
  S: number[][];
  K?: number[][];
  P_prior?: number[][];
  P_post?: number[][];
}

/** A validated UKF case: sizes, sigma-point parameters, initial state and covariances, models, measurements (and inputs). */
export interface UkfCase {
  problem?: string;
  dimX: number;
  dimZ: number;
  dimU: number;
  dt: number;
  alpha: number;
  beta: number;
  kappa: number;
  x0: number[];
  P0: number[][];
  Q: number[][];
  R: number[][];
  process: ProcessModel;
  measurement: MeasurementModel;
  measurements: number[][];
  /** per-step inputs (N x dimU) when B or D is given */
  inputs?: number[][];
  /** `filterpy_outputs.steps`, checked only when asked for (readReference) */
  reference?: Json;
}

/** Built-in models by `problem` name (the equations are in the cases' fx/hx text). */
export const BUILTIN_PROCESS = ["pendulum"] as const;
/** Built-in measurement models by `problem` name. */
export const BUILTIN_MEASUREMENT = ["range_bearing", "pendulum"] as const;

type Obj = { [key: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function typeName(v: Json | undefined): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return `a string (${JSON.stringify(v.length > 20 ? v.slice(0, 20) + "…" : v)})`;
  return `${typeof v} ${String(v)}`;
}

class Checker {
  readonly faults: ModelFault[] = [];

  fault(path: string, message: string): void {
    this.faults.push({ path, message });
  }

  number(v: Json | undefined, path: string, rule: "finite" | "positive" | "posint" = "finite"): number | undefined {
    if (typeof v !== "number") {
      this.fault(path, `must be a number, found ${typeName(v)}`);
      return undefined;
    }
    if (!Number.isFinite(v)) {
      this.fault(path, "must be finite");
      return undefined;
    }
    if (rule === "positive" && !(v > 0)) {
      this.fault(path, `must be > 0, found ${v}`);
      return undefined;
    }
    if (rule === "posint" && !(Number.isInteger(v) && v >= 1)) {
      this.fault(path, `must be an integer >= 1, found ${v}`);
      return undefined;
    }
    return v;
  }

  /** A vector of `len` finite numbers (len undefined: any length >= 1). */
  vector(v: Json | undefined, path: string, len: number | undefined): number[] | undefined {
    if (!Array.isArray(v)) {
      this.fault(path, `must be an array of numbers, found ${typeName(v)}`);
      return undefined;
    }
    if (len !== undefined && v.length !== len) {
      this.fault(path, `must have ${len} values, found ${v.length}`);
      return undefined;
    }
    const out: number[] = [];
    let ok = true;
    v.forEach((x, i) => {
      const n = this.number(x, `${path}[${i}]`);
      if (n === undefined) ok = false;
      else out.push(n);
    });
    return ok ? out : undefined;
  }

  /** rows x cols matrix as an array of rows; cols undefined: any (equal) row length. */
  matrix(v: Json | undefined, path: string, rows: number | undefined, cols: number | undefined, what = ""): number[][] | undefined {
    if (!Array.isArray(v) || v.some((r) => !Array.isArray(r))) {
      this.fault(path, `must be a matrix (an array of rows), found ${typeName(v)}`);
      return undefined;
    }
    const shape = what ? ` (${what})` : "";
    if (rows !== undefined && v.length !== rows) {
      this.fault(path, `must have ${rows} rows${shape}, found ${v.length}`);
      return undefined;
    }
    const width = cols ?? (v[0] as Json[] | undefined)?.length;
    if (width === undefined || width === 0) {
      this.fault(path, "must not be empty");
      return undefined;
    }
    const out: number[][] = [];
    let ok = true;
    v.forEach((r, i) => {
      const row = r as Json[];
      if (row.length !== width) {
        this.fault(`${path}[${i}]`, `must have ${width} columns${shape}, found ${row.length}`);
        ok = false;
        return;
      }
      const x = this.vector(row, `${path}[${i}]`, width);
      if (x === undefined) ok = false;
      else out.push(x);
    });
    return ok ? out : undefined;
  }

  square(v: Json | undefined, path: string, n: number | undefined, what: string): number[][] | undefined {
    if (n === undefined) return undefined;
    if (Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r)) && v.some((r) => (r as Json[]).length !== v.length)) {
      const bad = v.find((r) => (r as Json[]).length !== v.length) as Json[];
      this.fault(path, `must be square (${what}), found ${v.length} rows of ${bad.length} columns`);
      return undefined;
    }
    return this.matrix(v, path, n, n, what);
  }
}

/**
 * Parses and validates UKF case JSON text (shared/spec/ukf.md); `file` names the source in messages.
 * @throws ModelError listing every fault (syntax errors as line:column, the rest by JSON path)
 */
export function parseUkfCase(text: string, file?: string): UkfCase {
  return checkUkfCase(parseJsonDocument(text, file), file);
}

/**
 * Validates a UKF case document (the file format: `dim_x`, `P0`, `measurements`, ...) given in code.
 * @throws ModelError listing every fault by JSON path, as for a case file without the file prefix
 */
export function validateUkfCase(value: unknown, file?: string): UkfCase {
  return checkUkfCase(toJsonDocument(value, file), file);
}

/**
 * Reads and validates a UKF case file.
 * @throws InputError when it cannot be read; ModelError when it is not a valid case
 */
export function loadUkfCase(file: string): UkfCase {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as Error).message}`, { file });
  }
  return parseUkfCase(text, file);
}

/** Checks a parsed case document; throws ModelError listing every fault. */
export function checkUkfCase(doc: Json, file?: string): UkfCase {
  const c = new Checker();
  if (!isObj(doc)) {
    c.fault("", `must be a JSON object, found ${typeName(doc)}`);
    throw new ModelError(file, c.faults);
  }
  const need = (k: string): Json | undefined => {
    if (!Object.prototype.hasOwnProperty.call(doc, k)) {
      c.fault(k, "missing key");
      return undefined;
    }
    return (doc as Obj)[k];
  };
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(doc, k);

  const rawN = need("dim_x"), rawM = need("dim_z");
  const n = rawN === undefined ? undefined : c.number(rawN, "dim_x", "posint");
  const m = rawM === undefined ? undefined : c.number(rawM, "dim_z", "posint");
  const dtRaw = need("dt");
  const dt = dtRaw === undefined ? undefined : c.number(dtRaw, "dt", "positive");
  const alphaRaw = need("alpha"), betaRaw = need("beta"), kappaRaw = need("kappa");
  const alpha = alphaRaw === undefined ? undefined : c.number(alphaRaw, "alpha", "positive");
  const beta = betaRaw === undefined ? undefined : c.number(betaRaw, "beta");
  const kappa = kappaRaw === undefined ? undefined : c.number(kappaRaw, "kappa");
  if (n !== undefined && alpha !== undefined && kappa !== undefined && !(alpha * alpha * (n + kappa) > 0)) {
    c.fault("kappa", `n + lambda = alpha^2 (n + kappa) = ${alpha * alpha * (n + kappa)} must be > 0 (no real sigma points)`);
  }

  const x0Raw = need("x0");
  const x0 = x0Raw === undefined || n === undefined ? undefined : c.vector(x0Raw, "x0", n);
  const P0Raw = need("P0"), QRaw = need("Q"), RRaw = need("R");
  const P0 = P0Raw === undefined ? undefined : c.square(P0Raw, "P0", n, `dim_x x dim_x = ${n}x${n}`);
  const Q = QRaw === undefined ? undefined : c.square(QRaw, "Q", n, `dim_x x dim_x = ${n}x${n}`);
  const R = RRaw === undefined ? undefined : c.square(RRaw, "R", m, `dim_z x dim_z = ${m}x${m}`);

  // inputs (an extension of the format for linear models x' = F x + B u, z = H x + D u)
  let dimU = 0;
  let B: number[][] | undefined, D: number[][] | undefined;
  if (has("B")) {
    B = c.matrix(doc.B, "B", n, undefined, "dim_x rows");
    if (B) dimU = B[0]!.length;
  }
  if (has("D")) {
    D = c.matrix(doc.D, "D", m, dimU > 0 ? dimU : undefined, dimU > 0 ? `dim_z x dim_u = ${m}x${dimU}` : "dim_z rows");
    if (D && dimU === 0) dimU = D[0]!.length;
  }

  const problem = has("problem") ? doc.problem : undefined;
  if (problem !== undefined && typeof problem !== "string") c.fault("problem", `must be a string, found ${typeName(problem)}`);
  const problemName = typeof problem === "string" ? problem : undefined;
  const constants = (): Obj | undefined => {
    if (!has("constants")) {
      c.fault("constants", `missing key (the built-in model ${JSON.stringify(problemName)} needs its constants)`);
      return undefined;
    }
    if (!isObj(doc.constants)) {
      c.fault("constants", `must be an object, found ${typeName(doc.constants)}`);
      return undefined;
    }
    return doc.constants;
  };
  const constant = (o: Obj | undefined, k: string, rule: "finite" | "positive"): number | undefined => {
    if (o === undefined) return undefined;
    if (!Object.prototype.hasOwnProperty.call(o, k)) {
      c.fault(`constants.${k}`, "missing key");
      return undefined;
    }
    return c.number(o[k], `constants.${k}`, rule);
  };

  let process: ProcessModel | undefined;
  if (has("F")) {
    const F = c.square(doc.F, "F", n, `dim_x x dim_x = ${n}x${n}`);
    if (F) process = B ? { kind: "linear", F, B } : { kind: "linear", F };
  } else if (problemName === "pendulum") {
    if (n !== undefined && n !== 2) c.fault("dim_x", `must be 2 for the built-in pendulum model [theta, omega], found ${n}`);
    if (B) c.fault("B", "inputs need a linear process model (field F)");
    const k = constants();
    const g = constant(k, "g", "finite"), L = constant(k, "L", "positive"), cc = constant(k, "c", "finite");
    if (dt !== undefined && g !== undefined && L !== undefined && cc !== undefined) process = { kind: "pendulum", dt, g, L, c: cc };
  } else if (problemName === undefined) {
    c.fault("F", "missing key (and no \"problem\" names a built-in process model)");
  } else {
    c.fault("problem", `unknown problem ${JSON.stringify(problemName)} and no F: built-in process models: ${BUILTIN_PROCESS.join(", ")}`);
  }

  let measurement: MeasurementModel | undefined;
  if (has("H")) {
    const H = c.matrix(doc.H, "H", m, n, `dim_z x dim_x = ${m}x${n}`);
    if (H) measurement = D ? { kind: "linear", H, D } : { kind: "linear", H };
  } else if (problemName === "range_bearing") {
    if (m !== undefined && m !== 2) c.fault("dim_z", `must be 2 for range_bearing [range, bearing], found ${m}`);
    if (n !== undefined && n !== 4) c.fault("dim_x", `must be 4 for range_bearing (state [px, vx, py, vy]), found ${n}`);
    measurement = { kind: "range_bearing", px: 0, py: 2 };
  } else if (problemName === "pendulum") {
    if (m !== undefined && m !== 1) c.fault("dim_z", `must be 1 for the pendulum measurement L sin(theta), found ${m}`);
    const L = constant(constants(), "L", "positive");
    if (L !== undefined) measurement = { kind: "pendulum", L };
  } else if (problemName === undefined) {
    c.fault("H", "missing key (and no \"problem\" names a built-in measurement model)");
  } else if (has("F")) {
    // (without F, an unknown problem was reported by the process model above)
    c.fault("problem", `unknown problem ${JSON.stringify(problemName)} and no H: built-in measurement models: ${BUILTIN_MEASUREMENT.join(", ")}`);
  }
  if (D && measurement?.kind !== "linear") c.fault("D", "inputs need a linear measurement model (field H)");

  const zRaw = need("measurements");
  let measurements: number[][] | undefined;
  if (zRaw !== undefined && m !== undefined) {
    if (!Array.isArray(zRaw) || zRaw.length === 0) c.fault("measurements", `must be a non-empty array of measurement vectors, found ${typeName(zRaw)}`);
    else {
      measurements = [];
      zRaw.forEach((z, k) => {
        const v = c.vector(z, `measurements[${k}]`, m);
        if (v) measurements!.push(v);
      });
      if (measurements.length !== zRaw.length) measurements = undefined;
    }
  }
  if (has("N_steps") && measurements && doc.N_steps !== measurements.length) {
    c.fault("N_steps", `is ${typeName(doc.N_steps)} but measurements has ${measurements.length} steps`);
  }
  let inputs: number[][] | undefined;
  if (has("inputs")) {
    if (dimU === 0) c.fault("inputs", "given, but neither B nor D says how inputs act");
    else if (!Array.isArray(doc.inputs)) c.fault("inputs", `must be an array of input vectors, found ${typeName(doc.inputs)}`);
    else {
      if (measurements && doc.inputs.length !== measurements.length) c.fault("inputs", `must have one input per measurement (${measurements.length}), found ${doc.inputs.length}`);
      const rows = doc.inputs.map((u, k) => c.vector(u, `inputs[${k}]`, dimU));
      if (rows.every((r) => r !== undefined)) inputs = rows as number[][];
    }
  } else if (dimU > 0) {
    c.fault("inputs", `missing key (B/D take ${dimU} inputs per step)`);
  }

  if (c.faults.length > 0) throw new ModelError(file, c.faults);
  return {
    ...(problemName !== undefined ? { problem: problemName } : {}),
    dimX: n!, dimZ: m!, dimU, dt: dt!, alpha: alpha!, beta: beta!, kappa: kappa!,
    x0: x0!, P0: P0!, Q: Q!, R: R!, process: process!, measurement: measurement!, measurements: measurements!,
    ...(inputs ? { inputs } : {}),
    ...(has("filterpy_outputs") ? { reference: doc.filterpy_outputs } : {}),
  };
}

/** The reference steps of a case (`filterpy_outputs.steps`), validated against the case's sizes. */
export function readReference(cs: UkfCase, file?: string): ReferenceStep[] {
  const c = new Checker();
  const ref = cs.reference;
  const base = "filterpy_outputs";
  if (ref === undefined) throw new ModelError(file, [{ path: base, message: "missing key (needed by --check)" }]);
  if (!isObj(ref) || !Array.isArray(ref.steps)) throw new ModelError(file, [{ path: `${base}.steps`, message: "must be an array of steps" }]);
  const n = cs.dimX, m = cs.dimZ, N = cs.measurements.length;
  if (ref.steps.length !== N) c.fault(`${base}.steps`, `must have ${N} steps (one per measurement), found ${ref.steps.length}`);
  const out: ReferenceStep[] = [];
  ref.steps.forEach((s, k) => {
    const p = `${base}.steps[${k}]`;
    if (!isObj(s)) {
      c.fault(p, `must be an object, found ${typeName(s)}`);
      return;
    }
    const req = (key: string): Json | undefined => {
      if (!Object.prototype.hasOwnProperty.call(s, key)) c.fault(`${p}.${key}`, "missing key");
      return s[key];
    };
    if (s.k !== undefined && s.k !== k) c.fault(`${p}.k`, `must be ${k}, found ${typeName(s.k)}`);
    const step: Partial<ReferenceStep> = { k };
    step.x_prior = c.vector(req("x_prior"), `${p}.x_prior`, n);
    step.P_prior_diag = c.vector(req("P_prior_diag"), `${p}.P_prior_diag`, n);
    step.x_post = c.vector(req("x_post"), `${p}.x_post`, n);
    step.P_post_diag = c.vector(req("P_post_diag"), `${p}.P_post_diag`, n);
    step.y = c.vector(req("y"), `${p}.y`, m);
    step.S = c.matrix(req("S"), `${p}.S`, m, m, `${m}x${m}`);
    if (s.K !== undefined) step.K = c.matrix(s.K, `${p}.K`, n, m, `${n}x${m}`);
    if (s.P_prior !== undefined) step.P_prior = c.matrix(s.P_prior, `${p}.P_prior`, n, n, `${n}x${n}`);
    if (s.P_post !== undefined) step.P_post = c.matrix(s.P_post, `${p}.P_post`, n, n, `${n}x${n}`);
    out.push(step as ReferenceStep);
  });
  if (c.faults.length > 0) throw new ModelError(file, c.faults);
  return out;
}
