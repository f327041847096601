// ELM test cases (shared/spec/elm.md, "Case JSON"): validation with JSON paths, the fit with the
// case's fixed W and b (batch, or OS-ELM chunk by chunk), and the comparison with `expected` by
// relative Frobenius error. Keys the spec does not use (description, spec, diagnostics, ...) are
// allowed, so cases written by other teams run unchanged.
import { readFileSync } from "node:fs";
import { InputError } from "../io/args.js";
import { type Json } from "../io/json.js";
import { ModelError, type ModelFault, parseJsonDocument } from "../rotor/validate.js";
import { ACTIVATIONS, type Activation, ElmCore, type HiddenLayer } from "./core.js";

export interface ElmCase {
  name: string;
  activation: Activation;
  C: number | null;
  L: number;
  d: number;
  /** outputs (columns of T) */
  m: number;
  wb: Float64Array;
  Xtrain: Float64Array;
  Ttrain: Float64Array;
  nTrain: number;
  Xtest: Float64Array;
  nTest: number;
  chunks: number[] | null;
  expected: {
    beta?: number[][];
    Y_test?: number[][];
    per_chunk?: { n_seen?: number; beta?: number[][] }[];
  };
}

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

class Faults {
  list: ModelFault[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

/** A rows × cols matrix of finite numbers (cols fixed by `cols` when given). */
function matrix(v: Json | undefined, path: string, f: Faults, rows?: number, cols?: number): number[][] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    f.add(path, "must be a non-empty array of rows");
    return undefined;
  }
  if (rows !== undefined && v.length !== rows) {
    f.add(path, `must have ${rows} rows, found ${v.length}`);
    return undefined;
  }
  const c = cols ?? (Array.isArray(v[0]) ? v[0].length : -1);
  const out: number[][] = [];
  for (let i = 0; i < v.length; i++) {
    const r = v[i];
    if (!Array.isArray(r) || r.length !== c || c < 1) {
      f.add(`${path}[${i}]`, `must be an array of ${c < 1 ? "numbers" : `${c} numbers`}`);
      return undefined;
    }
    for (let j = 0; j < c; j++) {
      const x = r[j];
      if (typeof x !== "number" || !Number.isFinite(x)) {
        f.add(`${path}[${i}][${j}]`, "must be a finite number");
        return undefined;
      }
    }
    out.push(r as number[]);
  }
  return out;
}

function posInt(v: Json | undefined, path: string, f: Faults): number | undefined {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    f.add(path, "must be an integer >= 1");
    return undefined;
  }
  return v;
}

/** Validates a parsed case document; all faults are collected and thrown as one ModelError. */
export function validateCase(doc: Json, file: string): ElmCase {
  const f = new Faults();
  if (!isObj(doc)) throw new ModelError(file, [{ path: "", message: "the case must be a JSON object" }]);
  const activation = doc.activation;
  if (typeof activation !== "string" || !(ACTIVATIONS as readonly string[]).includes(activation)) {
    f.add("activation", `must be one of ${ACTIVATIONS.join(", ")}`);
  }
  const C = doc.C;
  if (!(C === null || (typeof C === "number" && Number.isFinite(C) && C > 0))) f.add("C", "must be a positive number or null");
  const L = posInt(doc.L, "L", f);
  const d = posInt(doc.d, "d", f);
  const W = L !== undefined && d !== undefined ? matrix(doc.W, "W", f, d, L) : undefined;
  let b: number[] | undefined;
  if (L !== undefined) {
    const bv = doc.b;
    if (!Array.isArray(bv) || bv.length !== L || !bv.every((x) => typeof x === "number" && Number.isFinite(x))) f.add("b", `must be an array of ${L} finite numbers`);
    else b = bv as number[];
  }
  const X = d !== undefined ? matrix(doc.X_train, "X_train", f, undefined, d) : undefined;
  const T = X !== undefined ? matrix(doc.T_train, "T_train", f, X.length) : undefined;
  const Xt = d !== undefined ? matrix(doc.X_test, "X_test", f, undefined, d) : undefined;
  let chunks: number[] | null = null;
  if (doc.chunks !== undefined) {
    const c = doc.chunks;
    if (!Array.isArray(c) || c.length === 0 || !c.every((x) => typeof x === "number" && Number.isInteger(x) && x >= 1)) {
      f.add("chunks", "must be a non-empty array of integers >= 1");
    } else {
      chunks = c as number[];
      const total = chunks.reduce((a, x) => a + x, 0);
      if (X !== undefined && total !== X.length) f.add("chunks", `sizes add up to ${total}, X_train has ${X.length} rows`);
    }
  }
  const expected: ElmCase["expected"] = {};
  if (doc.expected !== undefined) {
    const e = doc.expected;
    if (!isObj(e)) f.add("expected", "must be an object");
    else {
      const m = T?.[0]?.length;
      const beta = e.beta ?? e.beta_final;
      if (beta !== undefined) expected.beta = matrix(beta, e.beta !== undefined ? "expected.beta" : "expected.beta_final", f, L, m);
      const yt = e.Y_test ?? e.Y_test_final;
      if (yt !== undefined) expected.Y_test = matrix(yt, e.Y_test !== undefined ? "expected.Y_test" : "expected.Y_test_final", f, Xt?.length, m);
      if (e.per_chunk !== undefined) {
        if (!Array.isArray(e.per_chunk)) f.add("expected.per_chunk", "must be an array");
        else if (chunks !== null && e.per_chunk.length !== chunks.length) f.add("expected.per_chunk", `must have one entry per chunk (${chunks.length})`);
        else {
          expected.per_chunk = e.per_chunk.map((p, i) => {
            const path = `expected.per_chunk[${i}]`;
            if (!isObj(p)) {
              f.add(path, "must be an object");
              return {};
            }
            return { n_seen: typeof p.n_seen === "number" ? p.n_seen : undefined, beta: p.beta_batch_ref !== undefined ? matrix(p.beta_batch_ref, `${path}.beta_batch_ref`, f, L, m) : undefined };
          });
        }
      }
    }
  }
  if (f.list.length > 0 || W === undefined || b === undefined || X === undefined || T === undefined || Xt === undefined) {
    throw new ModelError(file, f.list.length > 0 ? f.list : [{ path: "", message: "incomplete case" }]);
  }
  return {
    name: typeof doc.name === "string" ? doc.name : file,
    activation: activation as Activation,
    C: C as number | null,
    L: L!,
    d: d!,
    m: T[0]!.length,
    wb: Float64Array.from([...W.flat(), ...b]),
    Xtrain: Float64Array.from(X.flat()),
    Ttrain: Float64Array.from(T.flat()),
    nTrain: X.length,
    Xtest: Float64Array.from(Xt.flat()),
    nTest: Xt.length,
    chunks,
    expected,
  };
}

export function loadCase(file: string): ElmCase {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as Error).message}`);
  }
  const doc: Json = parseJsonDocument(text, file);
  return validateCase(doc, file);
}

export interface CaseFit {
  beta: number[][];
  Y_test: number[][];
  per_chunk?: { n_seen: number; beta: number[][] }[];
}

function rows(a: Float64Array, r: number, c: number): number[][] {
  return Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));
}

/** Fits a case with its fixed hidden layer: batch, or OS-ELM over `chunks` (first chunk batch). */
export function fitCase(c: ElmCase, elm: ElmCore = new ElmCore()): CaseFit {
  const h: HiddenLayer = { d: c.d, L: c.L, activation: c.activation, wb: c.wb };
  const { d, m, L } = c;
  let beta: Float64Array;
  let per_chunk: CaseFit["per_chunk"];
  if (c.chunks === null) {
    beta = elm.fit(h, c.Xtrain, c.Ttrain, c.nTrain, m, c.C, false).beta;
  } else {
    per_chunk = [];
    let r = 0;
    let s = undefined as ReturnType<ElmCore["fit"]> | undefined;
    for (const n of c.chunks) {
      const X = c.Xtrain.subarray(r * d, (r + n) * d), T = c.Ttrain.subarray(r * m, (r + n) * m);
      s = s === undefined ? elm.fit(h, X, T, n, m, c.C, true) : elm.update(h, s, X, T, n, m);
      r += n;
      per_chunk.push({ n_seen: r, beta: rows(s.beta, L, m) });
    }
    beta = s!.beta;
  }
  const Y = elm.predict(h, c.Xtest, c.nTest, beta, m);
  return { beta: rows(beta, L, m), Y_test: rows(Y, c.nTest, m), ...(per_chunk ? { per_chunk } : {}) };
}

/** ‖a − b‖_F / ‖b‖_F (‖a‖_F when b is zero). */
export function relFrobenius(a: number[][], b: number[][]): number {
  let num = 0, den = 0;
  for (let i = 0; i < b.length; i++) {
    for (let j = 0; j < b[i]!.length; j++) {
      const x = a[i]![j]!, y = b[i]![j]!;
      num += (x - y) * (x - y);
      den += y * y;
    }
  }
  return den > 0 ? Math.sqrt(num / den) : Math.sqrt(num);
}

export interface CheckItem {
  quantity: string;
  rel_error: number;
  tolerance: number;
  ok: boolean;
}

export const CASE_TOLERANCE = 1e-9;

/** Compares a fit with the case's `expected` values present. */
export function checkCase(c: ElmCase, fit: CaseFit, tol = CASE_TOLERANCE): CheckItem[] {
  const items: CheckItem[] = [];
  const add = (quantity: string, a: number[][], b: number[][]): void => {
    const e = relFrobenius(a, b);
    items.push({ quantity, rel_error: e, tolerance: tol, ok: e <= tol });
  };
  if (c.expected.beta) add("beta", fit.beta, c.expected.beta);
  if (c.expected.Y_test) add("Y_test", fit.Y_test, c.expected.Y_test);
  c.expected.per_chunk?.forEach((p, i) => {
    if (p.beta && fit.per_chunk?.[i]) add(`per_chunk[${i}].beta (n_seen ${fit.per_chunk[i]!.n_seen})`, fit.per_chunk[i]!.beta, p.beta);
  });
  return items;
}
