// ELM classifier models (`twin elm train | update | predict`): training from a labelled feature table,
// online sequential updates, the two-step recogniser (novelty, then class), and the model JSON.
// The hidden layer is not stored: it is redrawn in the core from the seed (ABI.md, "elmWeights"),
// and the SHA-256 of its bytes is stored to detect a core that would draw differently.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { InputError } from "../io/args.js";
import { stringifyJson, type Json } from "../io/json.js";
import { ModelError, type ModelFault, parseJsonDocument } from "../rotor/validate.js";
import { ACTIVATIONS, type Activation, ElmCore, type ElmState, type HiddenLayer } from "./core.js";

export const MODEL_FORMAT = "twin-elm-model";
export const MODEL_VERSION = 1;

export type NoveltyMethod = "autoencoder" | "distance";

export interface Novelty {
  method: NoveltyMethod;
  /** training quantile of the threshold (type 7) */
  quantile: number;
  threshold: number;
  /** distance method: neighbours averaged */
  k?: number;
  /** autoencoder: output weights (L × d) reconstructing the (standardised) inputs */
  beta?: number[][];
  /** raw feature rows seen in training and updates (refit the threshold exactly after `update`) */
  reference: number[][];
}

export interface ElmModel {
  format: typeof MODEL_FORMAT;
  version: number;
  core_sha256: string;
  label: string;
  features: string[];
  classes: string[];
  hidden: number;
  activation: Activation;
  C: number | null;
  seed: number;
  weights_sha256: string;
  standardize: { mean: number[]; std: number[] } | null;
  n_seen: number;
  /** output weights (L × classes) */
  beta: number[][];
  /** (HᵀH + I/C)⁻¹ over all data seen (L × L), for OS-ELM updates */
  P: number[][];
  novelty: Novelty | null;
}

export interface TrainOptions {
  label: string;
  hidden: number;
  activation: Activation;
  C: number | null;
  seed: number;
  standardize: boolean;
  novelty: NoveltyMethod | null;
  noveltyQuantile: number;
  noveltyK: number;
}

export const DEFAULTS = { hidden: 200, activation: "sigmoid" as Activation, C: 100, seed: 1, noveltyQuantile: 0.99, noveltyK: 5 };

export function weightsSha256(wb: Float64Array): string {
  return createHash("sha256").update(new Uint8Array(wb.buffer, wb.byteOffset, wb.byteLength)).digest("hex");
}

function rows(a: ArrayLike<number>, r: number, c: number, col0 = 0, stride = c): number[][] {
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => a[i * stride + col0 + j]!));
}

function flat(m: number[][]): Float64Array {
  const c = m[0]?.length ?? 0;
  const out = new Float64Array(m.length * c);
  m.forEach((r, i) => out.set(r, i * c));
  return out;
}

/** Mean and population standard deviation per feature (a constant feature gets std 1). */
export function standardization(X: Float64Array, n: number, d: number): { mean: number[]; std: number[] } {
  const mean: number[] = [], std: number[] = [];
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * d + j]!;
    const mu = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (X[i * d + j]! - mu) ** 2;
    const sd = Math.sqrt(v / n);
    mean.push(mu);
    std.push(sd > 0 ? sd : 1);
  }
  return { mean, std };
}

/** ELM input: (x − mean)/std with the model's standardisation, or x itself. */
function modelInput(model: Pick<ElmModel, "standardize">, X: Float64Array, n: number, d: number): Float64Array {
  const s = model.standardize;
  if (s === null) return X;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (X[i * d + j]! - s.mean[j]!) / s.std[j]!;
  return out;
}

/** Targets [one-hot classes | ELM inputs (autoencoder only)], row-major n × m. */
function targets(labels: string[], classes: string[], Xin: Float64Array | null, d: number): { T: Float64Array; m: number } {
  const c = classes.length;
  const m = c + (Xin !== null ? d : 0);
  const index = new Map(classes.map((k, i) => [k, i]));
  const n = labels.length;
  const T = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    T[i * m + index.get(labels[i]!)!] = 1;
    if (Xin !== null) for (let j = 0; j < d; j++) T[i * m + c + j] = Xin[i * d + j]!;
  }
  return { T, m };
}

export function hiddenLayer(model: Pick<ElmModel, "features" | "hidden" | "activation" | "seed">, elm: ElmCore): HiddenLayer {
  const d = model.features.length;
  return { d, L: model.hidden, activation: model.activation, wb: elm.weights(d, model.hidden, model.seed) };
}

/** Novelty threshold: the type 7 quantile of the leave-one-out scores of the reference rows. */
function fitThreshold(model: ElmModel, h: HiddenLayer, elm: ElmCore): number {
  const nov = model.novelty!;
  const n = nov.reference.length, d = h.d, ref = flat(nov.reference);
  let scores: Float64Array;
  if (nov.method === "distance") {
    scores = elm.knnScores(ref, n, ref, n, d, nov.k!, true);
  } else {
    // leave-one-out errors e_i / (1 − h_i)² (PRESS): in-sample errors of an ELM are optimistic and
    // would put the threshold too low (more false alarms than 1 − quantile)
    const Xin = modelInput(model, ref, n, d);
    scores = elm.reconstructionError(Xin, elm.predict(h, Xin, n, flat(nov.beta!), d), n, d, d, 0);
    const lev = elm.leverage(h, Xin, n, flat(model.P));
    for (let i = 0; i < n; i++) scores[i] = scores[i]! / (1 - lev[i]!) ** 2;
  }
  return elm.quantile(scores, nov.quantile);
}

/** β of the combined fit [classes | autoencoder] split into the model's fields. */
function storeState(model: ElmModel, s: ElmState, L: number, c: number, m: number): void {
  model.beta = rows(s.beta, L, c, 0, m);
  if (model.novelty?.method === "autoencoder") model.novelty.beta = rows(s.beta, L, m - c, c, m);
  model.P = rows(s.P, L, L);
}

/** Trains a classifier (and novelty detector) on raw features X (n × d) with labels. */
export function train(features: string[], X: Float64Array, labels: string[], o: TrainOptions, elm: ElmCore = new ElmCore()): ElmModel {
  const n = labels.length, d = features.length;
  const classes = [...new Set(labels)].sort();
  if (o.novelty === "distance" && o.noveltyK > n - 1) throw new InputError(`--novelty-k ${o.noveltyK} needs more than ${o.noveltyK} training rows (have ${n})`);
  const model: ElmModel = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    core_sha256: elm.core.sha256,
    label: o.label,
    features: [...features],
    classes,
    hidden: o.hidden,
    activation: o.activation,
    C: o.C,
    seed: o.seed,
    weights_sha256: "",
    standardize: o.standardize ? standardization(X, n, d) : null,
    n_seen: n,
    beta: [],
    P: [],
    novelty: o.novelty === null ? null : {
      method: o.novelty,
      quantile: o.noveltyQuantile,
      threshold: 0,
      ...(o.novelty === "distance" ? { k: o.noveltyK } : {}),
      reference: rows(X, n, d),
    },
  };
  const h = hiddenLayer(model, elm);
  model.weights_sha256 = weightsSha256(h.wb);
  const Xin = modelInput(model, X, n, d);
  const { T, m } = targets(labels, classes, o.novelty === "autoencoder" ? Xin : null, d);
  const s = elm.fit(h, Xin, T, n, m, o.C, true);
  storeState(model, s, h.L, classes.length, m);
  if (model.novelty) model.novelty.threshold = fitThreshold(model, h, elm);
  return model;
}

/** OS-ELM update with more labelled rows; new class names get a new output (zero for earlier rows). */
export function update(model: ElmModel, X: Float64Array, labels: string[], elm: ElmCore = new ElmCore()): ElmModel {
  const n = labels.length, d = model.features.length, L = model.hidden;
  const h = hiddenLayer(model, elm);
  checkWeights(model, h);
  const out: ElmModel = structuredClone(model);
  const oldC = model.classes.length;
  for (const k of labels) if (!out.classes.includes(k)) out.classes.push(k);
  const c = out.classes.length;
  const ae = model.novelty?.method === "autoencoder";
  const m = c + (ae ? d : 0);
  // state β = [class columns (new classes: zero) | autoencoder columns]
  const beta = new Float64Array(L * m);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < oldC; j++) beta[i * m + j] = model.beta[i]![j]!;
    if (ae) for (let j = 0; j < d; j++) beta[i * m + c + j] = model.novelty!.beta![i]![j]!;
  }
  const Xin = modelInput(model, X, n, d);
  const { T } = targets(labels, out.classes, ae ? Xin : null, d);
  const s = elm.update(h, { beta, P: flat(model.P) }, Xin, T, n, m);
  storeState(out, s, L, c, m);
  out.n_seen = model.n_seen + n;
  out.core_sha256 = elm.core.sha256;
  if (out.novelty) {
    out.novelty.reference = [...out.novelty.reference, ...rows(X, n, d)];
    out.novelty.threshold = fitThreshold(out, h, elm);
  }
  return out;
}

export interface Prediction {
  class: string | null;
  scores: number[];
  novel: boolean;
  novelty_score?: number;
}

export interface PredictResult {
  predictions: Prediction[];
  accuracy: number | null;
  threshold?: number;
}

/** Two-step recognition of raw rows X: novelty first (if the model has a detector), then the class. */
export function predict(model: ElmModel, X: Float64Array, n: number, labels: string[] | null, elm: ElmCore = new ElmCore()): PredictResult {
  const d = model.features.length, c = model.classes.length;
  const h = hiddenLayer(model, elm);
  checkWeights(model, h);
  const Xin = modelInput(model, X, n, d);
  const Y = elm.predict(h, Xin, n, flat(model.beta), c);
  let scores: Float64Array | null = null;
  if (model.novelty) {
    const Yae = model.novelty.method === "autoencoder" ? elm.predict(h, Xin, n, flat(model.novelty.beta!), d) : null;
    scores = model.novelty.method === "autoencoder" ? elm.reconstructionError(Xin, Yae!, n, d, d, 0) : elm.knnScores(flat(model.novelty.reference), model.novelty.reference.length, X, n, d, model.novelty.k!, false);
  }
  const cls = elm.recognise(Y, n, c, scores, model.novelty?.threshold ?? 0);
  const predictions: Prediction[] = [];
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const k = cls[i]!;
    const p: Prediction = { class: k < 0 ? null : model.classes[k]!, scores: Array.from(Y.subarray(i * c, (i + 1) * c)), novel: k < 0 };
    if (scores !== null) p.novelty_score = scores[i]!;
    predictions.push(p);
    if (labels !== null && p.class === labels[i]) correct++;
  }
  const result: PredictResult = { predictions, accuracy: labels !== null ? correct / n : null };
  if (model.novelty) result.threshold = model.novelty.threshold;
  return result;
}

function checkWeights(model: ElmModel, h: HiddenLayer): void {
  const sha = weightsSha256(h.wb);
  if (sha !== model.weights_sha256) {
    throw new InputError(`model: the core draws different hidden weights for seed ${model.seed} (SHA-256 ${sha}, the model records ${model.weights_sha256}); use the core the model was trained with (${model.core_sha256})`);
  }
}

export function encodeModel(model: ElmModel): string {
  return stringifyJson(model) + "\n";
}

// ---- validation of a model file -------------------------------------------------------------

type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function matrixOk(v: Json | undefined, r: number, c: number): v is number[][] {
  return Array.isArray(v) && v.length === r && v.every((row) => Array.isArray(row) && row.length === c && row.every((x) => typeof x === "number" && Number.isFinite(x)));
}

const numArray = (v: Json | undefined, n: number): v is number[] => Array.isArray(v) && v.length === n && v.every((x) => typeof x === "number" && Number.isFinite(x));
const strArray = (v: Json | undefined): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string");

/** Parses and checks a model file; every fault with its JSON path. */
export function parseModel(text: string, file: string): ElmModel {
  const doc: Json = parseJsonDocument(text, file);
  const faults: ModelFault[] = [];
  const bad = (path: string, message: string): void => void faults.push({ path, message });
  if (!isObj(doc)) throw new ModelError(file, [{ path: "", message: "the model must be a JSON object" }]);
  if (doc.format !== MODEL_FORMAT) bad("format", `must be "${MODEL_FORMAT}"`);
  if (doc.version !== MODEL_VERSION) bad("version", `must be ${MODEL_VERSION}`);
  if (typeof doc.core_sha256 !== "string") bad("core_sha256", "must be a string");
  if (typeof doc.weights_sha256 !== "string") bad("weights_sha256", "must be a string");
  if (typeof doc.label !== "string") bad("label", "must be a string");
  if (!strArray(doc.features)) bad("features", "must be a non-empty array of column names");
  if (!strArray(doc.classes)) bad("classes", "must be a non-empty array of class names");
  const L = doc.hidden;
  if (typeof L !== "number" || !Number.isInteger(L) || L < 1) bad("hidden", "must be an integer >= 1");
  if (typeof doc.activation !== "string" || !(ACTIVATIONS as readonly string[]).includes(doc.activation)) bad("activation", `must be one of ${ACTIVATIONS.join(", ")}`);
  if (!(doc.C === null || (typeof doc.C === "number" && Number.isFinite(doc.C) && doc.C > 0))) bad("C", "must be a positive number or null");
  if (typeof doc.seed !== "number" || !Number.isInteger(doc.seed) || doc.seed < 0 || doc.seed > 2 ** 53) bad("seed", "must be an integer in [0, 2^53]");
  if (typeof doc.n_seen !== "number" || !Number.isInteger(doc.n_seen) || doc.n_seen < 1) bad("n_seen", "must be an integer >= 1");
  if (faults.length === 0) {
    const d = (doc.features as string[]).length, c = (doc.classes as string[]).length, h = L as number;
    if (new Set(doc.features as string[]).size !== d) bad("features", "has duplicate names");
    if (new Set(doc.classes as string[]).size !== c) bad("classes", "has duplicate names");
    if (doc.standardize !== null) {
      const s = doc.standardize;
      if (!isObj(s) || !numArray(s.mean, d) || !numArray(s.std, d) || !(s.std as number[]).every((x) => x > 0)) bad("standardize", `must be null or { mean, std } with ${d} values each (std > 0)`);
    }
    if (!matrixOk(doc.beta, h, c)) bad("beta", `must be a ${h} × ${c} matrix of finite numbers`);
    if (!matrixOk(doc.P, h, h)) bad("P", `must be a ${h} × ${h} matrix of finite numbers`);
    if (doc.novelty !== null) {
      const nv = doc.novelty;
      if (!isObj(nv)) bad("novelty", "must be null or an object");
      else {
        if (nv.method !== "autoencoder" && nv.method !== "distance") bad("novelty.method", 'must be "autoencoder" or "distance"');
        if (typeof nv.quantile !== "number" || !(nv.quantile >= 0 && nv.quantile <= 1)) bad("novelty.quantile", "must be in [0, 1]");
        if (typeof nv.threshold !== "number" || !Number.isFinite(nv.threshold)) bad("novelty.threshold", "must be a finite number");
        const ref = nv.reference;
        if (!Array.isArray(ref) || ref.length < 1 || !matrixOk(ref, ref.length, d)) bad("novelty.reference", `must be an array of rows of ${d} finite numbers`);
        if (nv.method === "distance" && (typeof nv.k !== "number" || !Number.isInteger(nv.k) || nv.k < 1 || (Array.isArray(ref) && nv.k >= ref.length))) bad("novelty.k", "must be an integer >= 1, less than the reference rows");
        if (nv.method === "autoencoder" && !matrixOk(nv.beta, h, d)) bad("novelty.beta", `must be a ${h} × ${d} matrix of finite numbers`);
      }
    }
  }
  const allowed = ["format", "version", "core_sha256", "label", "features", "classes", "hidden", "activation", "C", "seed", "weights_sha256", "standardize", "n_seen", "beta", "P", "novelty"];
  for (const k of Object.keys(doc)) if (!allowed.includes(k)) bad(k, "unknown key");
  for (const k of allowed) if (!(k in doc)) bad(k, "missing");
  if (faults.length > 0) throw new ModelError(file, faults);
  return doc as unknown as ElmModel;
}

export function loadModel(file: string): ElmModel {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as Error).message}`);
  }
  return parseModel(text, file);
}
