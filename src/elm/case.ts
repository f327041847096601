// ELM test cases (shared/spec/elm.md, "Case JSON"; docs/elm.md, "Case format"): validation with JSON
// paths, the fit with the case's fixed hidden layer (batch, or OS-ELM chunk by chunk), and the
// comparison with `expected` by relative Frobenius error. Keys the spec does not use (description,
// spec, diagnostics, source, ...) are allowed, so cases written by other teams run unchanged.
//
// Two forms of the hidden layer: the spec's one activation with W (d × L) and b (L), or hpelm's
// neuron blocks, `neurons: [{ func, number, W, B }]`, the add_neurons calls of an hpelm run in order
// (hpelm/elm.py ELM.add_neurons, hpelm/nnets/slfn.py SLFN.add_neurons; Akusok et al. 2015, IEEE
// Access 3:1011). Regularisation: the spec's C (I/C added to HᵀH) or hpelm's norm (norm·I added).
import { readFileSync } from "node:fs";
import { type Json } from "../io/json.js";
import { type ElmFault, ElmInputError, parseElmJson } from "./errors.js";
import { runJob } from "../core/job.js";
import { ACTIVATION_CODE, ACTIVATIONS, type Activation, ElmCore, type HiddenLayer, NEURON_FUNCTIONS, type NeuronBlock, type NeuronFunction, blockTable } from "./core.js";

/** hpelm's ridge term when ELM(norm=None): 50 times the float64 machine epsilon (hpelm/nnets/slfn.py, SLFN.__init__). */
export const HPELM_DEFAULT_NORM = 50 * Number.EPSILON;

/** A checked ELM test case, in the arrays the core takes (from `readElmCase`, or a case document checked by `fitElm`). */
export interface ElmCase {
  name: string;
  /** the spec form's activation; null for neuron blocks */
  activation: Activation | null;
  /** neuron blocks as hpelm stores them (a repeated function joined to its first block), or null */
  blocks: NeuronBlock[] | null;
  /** the spec's C (null: no ridge), undefined when the case gives norm */
  C: number | null | undefined;
  /** hpelm's norm as the case gives it (null: hpelm's default), undefined when the case gives C */
  norm: number | null | undefined;
  /** the value added to the diagonal of HᵀH: 1/C, norm (null: 50·eps), or 0 */
  ridge: number;
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
    /** H of the first rows of X_train (the key says five; any count up to the training rows is read) */
    H_train_first5rows?: number[][];
  };
}

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

class Faults {
  list: ElmFault[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}

/** A rows × cols matrix of finite numbers (cols fixed by `cols` when given; `dims` names them in messages). */
function matrix(v: Json | undefined, path: string, f: Faults, rows?: number, cols?: number, dims?: [string, string]): number[][] | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    f.add(path, "must be a non-empty array of rows");
    return undefined;
  }
  if (rows !== undefined && v.length !== rows) {
    f.add(path, `must have ${rows} rows${dims ? ` (${dims[0]})` : ""}, found ${v.length}`);
    return undefined;
  }
  const c = cols ?? (Array.isArray(v[0]) ? v[0].length : -1);
  const out: number[][] = [];
  for (let i = 0; i < v.length; i++) {
    const r = v[i];
    if (!Array.isArray(r) || r.length !== c || c < 1) {
      const found = Array.isArray(r) ? `, found ${r.length}` : "";
      f.add(`${path}[${i}]`, `must be an array of ${c < 1 ? "numbers" : `${c} numbers${dims ? ` (${dims[1]})` : ""}`}${found}`);
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

/** An array of n finite numbers. */
function vector(v: Json | undefined, path: string, f: Faults, n: number, what: string): number[] | undefined {
  if (!Array.isArray(v) || v.length !== n) {
    f.add(path, `must be an array of ${n} finite numbers (${what})${Array.isArray(v) ? `, found ${v.length}` : ""}`);
    return undefined;
  }
  for (let j = 0; j < n; j++) {
    const x = v[j];
    if (typeof x !== "number" || !Number.isFinite(x)) {
      f.add(`${path}[${j}]`, "must be a finite number");
      return undefined;
    }
  }
  return v as number[];
}

function posInt(v: Json | undefined, path: string, f: Faults): number | undefined {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
    f.add(path, "must be an integer >= 1");
    return undefined;
  }
  return v;
}

const isRbf = (func: NeuronFunction): boolean => func.startsWith("rbf_");

/**
 * The neuron blocks of an hpelm case: each entry is one add_neurons(number, func, W, B) call; a
 * function named again joins its first block (hpelm SLFN.add_neurons: `W = np.hstack((W0, W))`,
 * `B = np.hstack((B0, B))`), so the layer is one block per function, in order of first appearance.
 * Returns the blocks and [W (d × L), b (L)] in that column order.
 */
function neuronBlocks(v: Json | undefined, d: number | undefined, f: Faults): { blocks: NeuronBlock[]; wb: Float64Array; L: number } | undefined {
  if (!Array.isArray(v) || v.length === 0) {
    f.add("neurons", "must be a non-empty array of neuron blocks { func, number, W, B }");
    return undefined;
  }
  const merged = new Map<NeuronFunction, { cols: number[][]; B: number[] }>();
  let ok = true;
  v.forEach((e, i) => {
    const path = `neurons[${i}]`;
    if (!isObj(e)) {
      f.add(path, "must be an object { func, number, W, B }");
      ok = false;
      return;
    }
    const func = e.func;
    if (typeof func !== "string" || !(NEURON_FUNCTIONS as readonly string[]).includes(func)) {
      f.add(`${path}.func`, `must be one of ${NEURON_FUNCTIONS.join(", ")} (hpelm's neuron functions)${typeof func === "string" ? `, found "${func}"` : ""}`);
      ok = false;
    }
    const number = posInt(e.number, `${path}.number`, f);
    if (number === undefined || d === undefined) {
      ok = false;
      return;
    }
    const rbf = typeof func === "string" && isRbf(func as NeuronFunction);
    const W = matrix(e.W, `${path}.W`, f, d, number, ["d", `number = ${number}`]);
    const B = vector(e.B, `${path}.B`, f, number, `number = ${number}${rbf ? ", the widths" : ", the biases"}`);
    if (B !== undefined && rbf) {
      const j = B.findIndex((x) => !(x > 0));
      if (j >= 0) {
        f.add(`${path}.B[${j}]`, `an rbf width must be > 0 (hpelm computes exp(-dist^2 / B)), found ${B[j]}`);
        ok = false;
      }
    }
    if (W === undefined || B === undefined || !ok) {
      ok = false;
      return;
    }
    const blk = merged.get(func as NeuronFunction) ?? { cols: [], B: [] };
    for (let j = 0; j < number; j++) blk.cols.push(W.map((r) => r[j]!));
    blk.B.push(...B);
    merged.set(func as NeuronFunction, blk);
  });
  if (!ok || d === undefined) return undefined;
  const blocks: NeuronBlock[] = [...merged].map(([func, b]) => ({ func, number: b.B.length }));
  const cols = [...merged.values()].flatMap((b) => b.cols);
  const L = cols.length;
  const wb = new Float64Array(d * L + L);
  for (let k = 0; k < d; k++) for (let j = 0; j < L; j++) wb[k * L + j] = cols[j]![k]!;
  wb.set([...merged.values()].flatMap((b) => b.B), d * L);
  return { blocks, wb, L };
}

/** C or norm (exactly one): the value added to the diagonal of HᵀH. */
function regularisation(doc: Obj, f: Faults): { C: number | null | undefined; norm: number | null | undefined; ridge: number } {
  const C = doc.C, norm = doc.norm;
  if (C !== undefined && norm !== undefined) {
    f.add("norm", "give either C (ridge I/C) or norm (hpelm's ridge norm·I), not both");
    return { C: undefined, norm: undefined, ridge: 0 };
  }
  if (norm !== undefined) {
    if (!(norm === null || (typeof norm === "number" && Number.isFinite(norm) && norm >= 0))) {
      f.add("norm", "must be a number >= 0 or null (hpelm's default, 50 times the float64 machine epsilon)");
      return { C: undefined, norm: undefined, ridge: 0 };
    }
    return { C: undefined, norm, ridge: norm ?? HPELM_DEFAULT_NORM };
  }
  if (!(C === null || (typeof C === "number" && Number.isFinite(C) && C > 0))) {
    f.add("C", C === undefined ? "missing: give C (a positive number, or null for no ridge) or norm (hpelm)" : "must be a positive number or null");
    return { C: undefined, norm: undefined, ridge: 0 };
  }
  return { C, norm: undefined, ridge: C === null ? 0 : 1 / C };
}

/**
 * Validates a parsed case document; all faults are collected and thrown as one ElmInputError (named
 * by `file` when the case came from one).
 */
export function validateCase(doc: Json, file?: string): ElmCase {
  const f = new Faults();
  if (!isObj(doc)) throw new ElmInputError(file, [{ path: "", message: "the case must be a JSON object" }]);
  const d = posInt(doc.d, "d", f);
  const reg = regularisation(doc, f);
  let activation: Activation | undefined;
  let blocks: NeuronBlock[] | null = null;
  let wb: Float64Array | undefined;
  let L: number | undefined;
  if (doc.neurons !== undefined) {
    for (const k of ["activation", "W", "b"]) {
      if (doc[k] !== undefined) f.add(k, "not allowed with neurons (each neuron block gives its func, W and B)");
    }
    const nb = neuronBlocks(doc.neurons, d, f);
    if (nb !== undefined) {
      blocks = nb.blocks;
      wb = nb.wb;
      L = nb.L;
      if (doc.L !== undefined && doc.L !== nb.L) {
        const sizes = (doc.neurons as Obj[]).map((e) => `${e.func} ${e.number}`).join(" + ");
        f.add("L", `must equal the sum of the neuron block sizes, ${nb.L} (${sizes}), found ${JSON.stringify(doc.L)}`);
      }
    }
  } else {
    const a = doc.activation;
    if (typeof a !== "string" || !(ACTIVATIONS as readonly string[]).includes(a)) {
      f.add("activation", `must be one of ${ACTIVATIONS.join(", ")}, or give neuron blocks in "neurons"`);
    } else activation = a as Activation;
    L = posInt(doc.L, "L", f);
    const W = L !== undefined && d !== undefined ? matrix(doc.W, "W", f, d, L, ["d", "L"]) : undefined;
    let b: number[] | undefined;
    if (L !== undefined) {
      const bv = doc.b;
      if (!Array.isArray(bv) || bv.length !== L || !bv.every((x) => typeof x === "number" && Number.isFinite(x))) f.add("b", `must be an array of ${L} finite numbers`);
      else b = bv as number[];
    }
    if (W !== undefined && b !== undefined) wb = Float64Array.from([...W.flat(), ...b]);
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
      if (e.H_train_first5rows !== undefined) {
        const H = matrix(e.H_train_first5rows, "expected.H_train_first5rows", f, undefined, L);
        if (H !== undefined && X !== undefined && H.length > X.length) f.add("expected.H_train_first5rows", `has ${H.length} rows, X_train only ${X.length}`);
        else expected.H_train_first5rows = H;
      }
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
  if (f.list.length > 0 || wb === undefined || L === undefined || d === undefined || X === undefined || T === undefined || Xt === undefined) {
    throw new ElmInputError(file, f.list.length > 0 ? f.list : [{ path: "", message: "incomplete case" }]);
  }
  return {
    name: typeof doc.name === "string" ? doc.name : file ?? "case",
    activation: activation ?? null,
    blocks,
    C: reg.C,
    norm: reg.norm,
    ridge: reg.ridge,
    L,
    d,
    m: T[0]!.length,
    wb,
    Xtrain: Float64Array.from(X.flat()),
    Ttrain: Float64Array.from(T.flat()),
    nTrain: X.length,
    Xtest: Float64Array.from(Xt.flat()),
    nTest: Xt.length,
    chunks,
    expected,
  };
}

/** The case's hidden layer as the core takes it. */
export function caseLayer(c: ElmCase): HiddenLayer {
  return c.blocks !== null
    ? { d: c.d, L: c.L, activation: "linear", wb: c.wb, blocks: c.blocks }
    : { d: c.d, L: c.L, activation: c.activation!, wb: c.wb };
}

/** "lin 3, sigm 20, ..." or the activation. */
export function describeLayer(c: ElmCase): string {
  return c.blocks !== null ? `blocks ${c.blocks.map((b) => `${b.func} ${b.number}`).join(", ")} (L = ${c.L})` : `${c.activation}, L = ${c.L}`;
}

/** "C = 50", "C = none", "norm = 0.001", "norm = 1.11e-14 (hpelm default)". */
export function describeRidge(c: ElmCase): string {
  if (c.norm !== undefined) return c.norm === null ? `norm = ${HPELM_DEFAULT_NORM} (hpelm's default 50 eps)` : `norm = ${c.norm}`;
  return `C = ${c.C ?? "none"}`;
}

export function loadCase(file: string): ElmCase {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ElmInputError(file, [{ path: "", message: `cannot read: ${(e as Error).message}` }]);
  }
  return validateCase(parseElmJson(text, file), file);
}

export interface CaseFit {
  beta: number[][];
  Y_test: number[][];
  per_chunk?: { n_seen: number; beta: number[][] }[];
  /** when the case's expected values have it: H of as many first training rows */
  H_train_first5rows?: number[][];
}

/** Frobenius norms the core reports with a fit (for the text output). */
export interface FitNorms {
  beta: number;
  per_chunk: number[];
}

function rows(a: Float64Array, r: number, c: number): number[][] {
  return Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));
}

/** Regularisation codes of jobElmFit (ABI.md): none, C (ridge 1/C), norm (ridge norm), hpelm's default norm. */
export const REGULARISATION_CODE = { none: 0, C: 1, norm: 2, hpelmDefault: 3 } as const;

/** The request of jobElmFit for a case (ABI.md, "jobElmFit"). */
export function fitRequest(c: ElmCase): Float64Array {
  const table = c.blocks !== null ? Array.from(blockTable(c.blocks)) : [ACTIVATION_CODE[c.activation!], c.L];
  const reg: [number, number] =
    c.norm !== undefined
      ? c.norm === null ? [REGULARISATION_CODE.hpelmDefault, 0] : [REGULARISATION_CODE.norm, c.norm]
      : c.C === null || c.C === undefined ? [REGULARISATION_CODE.none, 0] : [REGULARISATION_CODE.C, c.C];
  const chunks = c.chunks ?? [];
  const nH = c.expected.H_train_first5rows?.length ?? 0;
  const head = [1, c.d, c.L, c.m, c.nTrain, c.nTest, table.length / 2, reg[0], reg[1], chunks.length, nH];
  const parts: ArrayLike<number>[] = [head, table, c.wb, c.Xtrain, c.Ttrain, c.Xtest, chunks];
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The fit of a jobElmFit result. */
export function decodeFit(v: Float64Array): { fit: CaseFit; norms: FitNorms } {
  if (v[0] !== 1) throw new Error(`jobElmFit result version ${v[0]}, expected 1`);
  const L = v[1]!, m = v[2]!, nTest = v[3]!, nChunks = v[4]!, nH = v[5]!;
  let p = 7;
  const take = (n: number): Float64Array => {
    const a = v.subarray(p, p + n);
    p += n;
    return a;
  };
  const beta = rows(take(L * m), L, m);
  const Y_test = rows(take(nTest * m), nTest, m);
  const norms: FitNorms = { beta: v[6]!, per_chunk: [] };
  let per_chunk: CaseFit["per_chunk"];
  if (nChunks > 0) {
    per_chunk = [];
    for (let k = 0; k < nChunks; k++) {
      const [seen, norm] = take(2);
      norms.per_chunk.push(norm!);
      per_chunk.push({ n_seen: seen!, beta: rows(take(L * m), L, m) });
    }
  }
  const fit: CaseFit = { beta, Y_test, ...(per_chunk ? { per_chunk } : {}) };
  if (nH > 0) fit.H_train_first5rows = rows(take(nH * L), nH, L);
  return { fit, norms };
}

/**
 * Fits a case with its fixed hidden layer in one job: batch, or OS-ELM over `chunks` (first chunk
 * batch), the test outputs and the first rows of H when the case's expected values have them.
 */
export function fitCaseWithNorms(c: ElmCase, elm: ElmCore = new ElmCore()): { fit: CaseFit; norms: FitNorms } {
  return decodeFit(runJob(elm.core, "jobElmFit", fitRequest(c)));
}

export function fitCase(c: ElmCase, elm: ElmCore = new ElmCore()): CaseFit {
  return fitCaseWithNorms(c, elm).fit;
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

/** One comparison of `--check`: a quantity, its relative Frobenius error, the tolerance, the verdict. */
export interface CheckItem {
  quantity: string;
  rel_error: number;
  tolerance: number;
  ok: boolean;
}

/** The relative Frobenius error a check accepts (`twin elm fit --check`). */
export const CASE_TOLERANCE = 1e-9;

/** Compares a fit with the case's `expected` values present. */
export function checkCase(c: ElmCase, fit: CaseFit, tol = CASE_TOLERANCE): CheckItem[] {
  const items: CheckItem[] = [];
  const add = (quantity: string, a: number[][], b: number[][]): void => {
    const e = relFrobenius(a, b);
    items.push({ quantity, rel_error: e, tolerance: tol, ok: e <= tol });
  };
  if (c.expected.H_train_first5rows && fit.H_train_first5rows) add("H_train_first5rows", fit.H_train_first5rows, c.expected.H_train_first5rows);
  if (c.expected.beta) add("beta", fit.beta, c.expected.beta);
  if (c.expected.Y_test) add("Y_test", fit.Y_test, c.expected.Y_test);
  c.expected.per_chunk?.forEach((p, i) => {
    if (p.beta && fit.per_chunk?.[i]) add(`per_chunk[${i}].beta (n_seen ${fit.per_chunk[i]!.n_seen})`, fit.per_chunk[i]!.beta, p.beta);
  });
  return items;
}
