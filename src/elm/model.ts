// ELM classifier models (`twin elm train | update | predict`): training from a labelled feature table,
// online sequential updates, the two-step recogniser (novelty, then class), and the model JSON.
// Every number is computed in the core by one job per command (src/elm/jobs.ts, ABI.md "ELM jobs"):
// the standardisation, the one-hot targets, the hidden layer (redrawn from the seed, never stored; the
// SHA-256 of its bytes is stored to detect a core that would draw differently), the solve, the novelty
// threshold, the recogniser and the accuracy. The host maps label strings to class indices and back,
// and turns the model block into JSON and back, bit for bit.
import { readFileSync } from "node:fs";
import { CoreError } from "../core/core.js";
import { InputError } from "../errors.js";
import { type Json } from "../io/json.js";
import { type ElmFault, ElmInputError, parseElmJson } from "./errors.js";
import { ACTIVATIONS, type Activation, ElmCore } from "./core.js";
import { MB, type ModelNumbers, decodeModelBlock, decodePredict, elmJob, predictRequest, trainRequest, updateRequest } from "./jobs.js";

/** The `format` of an ELM model file. */
export const MODEL_FORMAT = "twin-elm-model";
export const MODEL_VERSION = 1;

/** Novelty detectors: ELM reconstruction error ("autoencoder") or mean distance to the k nearest training rows ("distance"). */
export type NoveltyMethod = "autoencoder" | "distance";

/** The novelty detector of a model. */
export interface Novelty {
  method: NoveltyMethod;
  /** training quantile of the threshold (type 7) */
  quantile: number;
  threshold: number;
  /** distance method: neighbours averaged */
  k?: number;
  /** raw feature rows seen in training and updates (refit the threshold exactly after `update`) */
  reference: number[][];
  /** autoencoder: output weights (L × d) reconstructing the (standardised) inputs */
  beta?: number[][];
}

/** An ELM classifier model: what a model file holds (`twin elm train`, `trainElm`). */
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

/** Defaults of `twin elm train` / `trainElm`. */
export const DEFAULTS = { hidden: 200, activation: "sigmoid" as Activation, C: 100, seed: 1, noveltyQuantile: 0.99, noveltyK: 5 };

/**
 * The class names of a training table in the order of their indices: the distinct labels sorted by
 * UTF-16 code units (JavaScript's default sort, locale-independent), so class k is the k-th name.
 */
export function classOrder(labels: readonly string[]): string[] {
  return [...new Set(labels)].sort();
}

function rows(a: ArrayLike<number>, r: number, c: number): number[][] {
  return Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => a[i * c + j]!));
}

function flat(m: number[][], c: number): Float64Array {
  const out = new Float64Array(m.length * c);
  m.forEach((r, i) => out.set(r, i * c));
  return out;
}

/** The numbers of a model file, as the model block holds them. */
export function modelNumbers(model: ElmModel): ModelNumbers {
  const d = model.features.length, K = model.classes.length, L = model.hidden;
  const nov = model.novelty;
  return {
    d, K, L, activation: model.activation, C: model.C ?? 0, seed: model.seed,
    novelty: nov === null ? "none" : nov.method, quantile: nov?.quantile ?? 0, k: nov?.method === "distance" ? nov.k! : 0,
    threshold: nov?.threshold ?? 0, nSeen: model.n_seen, weightsSha256: model.weights_sha256,
    standardize: model.standardize === null ? null : { mean: Float64Array.from(model.standardize.mean), std: Float64Array.from(model.standardize.std) },
    beta: flat(model.beta, K), P: flat(model.P, L), ae: nov?.beta ? flat(nov.beta, d) : null,
    reference: nov ? flat(nov.reference, d) : new Float64Array(0), nRef: nov ? nov.reference.length : 0,
  };
}

/** The model file of a model block: its numbers, plus the names only the host knows. */
export function modelFile(m: ModelNumbers, names: { label: string; features: string[]; classes: string[] }, coreSha256: string): ElmModel {
  const { d, K, L } = m;
  let novelty: Novelty | null = null;
  if (m.novelty !== "none") {
    novelty = {
      method: m.novelty,
      quantile: m.quantile,
      threshold: m.threshold,
      ...(m.novelty === "distance" ? { k: m.k } : {}),
      reference: rows(m.reference, m.nRef, d),
      ...(m.novelty === "autoencoder" ? { beta: rows(m.ae!, L, d) } : {}),
    };
  }
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    core_sha256: coreSha256,
    label: names.label,
    features: [...names.features],
    classes: [...names.classes],
    hidden: L,
    activation: m.activation,
    C: m.C === 0 ? null : m.C,
    seed: m.seed,
    weights_sha256: m.weightsSha256,
    standardize: m.standardize === null ? null : { mean: Array.from(m.standardize.mean), std: Array.from(m.standardize.std) },
    n_seen: m.nSeen,
    beta: rows(m.beta, L, K),
    P: rows(m.P!, L, L),
    novelty,
  };
}

/** A job failure located in the model file or the data table, when the request index says where. */
function locate(e: unknown, where: { modelFile?: string; base?: number; x0?: number; d: number; dataFile?: string; lines?: readonly number[]; features?: readonly string[]; seed?: number; coreSha256?: string }): never {
  if (!(e instanceof CoreError)) throw e;
  const i = e.detail;
  if (where.base !== undefined && e.code === 1 && i >= where.base + MB.digest && i < where.base + MB.digest + 8) {
    throw new InputError(
      `${where.modelFile ?? "model"}: weights_sha256: this core draws different hidden weights for seed ${where.seed}; use the core the model was trained with (${where.coreSha256})`,
    );
  }
  if (where.x0 !== undefined && where.dataFile !== undefined && where.lines && (e.code === 1 || e.code === 5) && i >= where.x0) {
    const r = Math.floor((i - where.x0) / where.d), c = i - where.x0 - r * where.d;
    if (r < where.lines.length) throw new InputError(`${where.dataFile}:${where.lines[r]}: column "${where.features?.[c] ?? c}": ${e.message}`);
  }
  if (e.code === 3) {
    throw new CoreError(e.code, e.detail, `${e.operation}: HᵀH + I/C is numerically singular at column ${e.detail} (a larger ridge term, a smaller --C, helps)`);
  }
  throw e;
}

/** Trains a classifier (and novelty detector) on raw features X (n × d) with labels: one job. */
export function train(features: string[], X: Float64Array, labels: string[], o: TrainOptions, elm: ElmCore = new ElmCore()): ElmModel {
  const n = labels.length, d = features.length;
  const classes = classOrder(labels);
  if (o.novelty === "distance" && o.noveltyK > n - 1) throw new InputError(`--novelty-k ${o.noveltyK} needs more than ${o.noveltyK} training rows (have ${n})`);
  const index = new Map(classes.map((k, i) => [k, i]));
  const req = trainRequest(X, n, d, labels.map((l) => index.get(l)!), classes.length, {
    L: o.hidden, activation: o.activation, C: o.C ?? 0, seed: o.seed, standardize: o.standardize, novelty: o.novelty ?? "none",
    quantile: o.novelty === null ? 0 : o.noveltyQuantile, k: o.novelty === "distance" ? o.noveltyK : 0,
  });
  let v: Float64Array;
  try {
    v = elmJob(elm.core, "jobElmTrain", req);
  } catch (e) {
    locate(e, { d });
  }
  return modelFile(decodeModelBlock(v).model, { label: o.label, features, classes }, elm.core.sha256);
}

/** Where the rows of a table came from, for located errors. */
export interface RowSource {
  file: string;
  /** 1-based file line of each row */
  lines: readonly number[];
}

/** OS-ELM update with more labelled rows (one job); new class names get a new output (zero for earlier rows). */
export function update(model: ElmModel, X: Float64Array, labels: string[], elm: ElmCore = new ElmCore(), source?: RowSource & { modelFile: string }): ElmModel {
  const n = labels.length, d = model.features.length;
  const classes = [...model.classes];
  for (const k of labels) if (!classes.includes(k)) classes.push(k);
  const index = new Map(classes.map((k, i) => [k, i]));
  const { req, x0 } = updateRequest(modelNumbers(model), X, n, labels.map((l) => index.get(l)!), classes.length);
  let v: Float64Array;
  try {
    v = elmJob(elm.core, "jobElmUpdate", req);
  } catch (e) {
    locate(e, { base: 3, x0, d, modelFile: source?.modelFile, dataFile: source?.file, lines: source?.lines, features: model.features, seed: model.seed, coreSha256: model.core_sha256 });
  }
  return modelFile(decodeModelBlock(v).model, { label: model.label, features: model.features, classes }, elm.core.sha256);
}

/** One row's recognition: the class (null when novel), the class scores and the novelty score. */
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

/** Two-step recognition of raw rows X (one job): novelty first (if the model has a detector), then the class. */
export function predict(model: ElmModel, X: Float64Array, n: number, labels: string[] | null, elm: ElmCore = new ElmCore(), source?: RowSource & { modelFile: string }): PredictResult {
  const d = model.features.length;
  const index = new Map(model.classes.map((k, i) => [k, i]));
  const { req, x0 } = predictRequest(modelNumbers(model), X, n, labels === null ? null : labels.map((l) => index.get(l) ?? -1));
  let v: Float64Array;
  try {
    v = elmJob(elm.core, "jobElmPredict", req);
  } catch (e) {
    locate(e, { base: 3, x0, d, modelFile: source?.modelFile, dataFile: source?.file, lines: source?.lines, features: model.features, seed: model.seed, coreSha256: model.core_sha256 });
  }
  const r = decodePredict(v);
  const predictions = r.rows.map((row): Prediction => {
    const p: Prediction = { class: row.cls < 0 ? null : model.classes[row.cls]!, scores: row.scores, novel: row.cls < 0 };
    if (r.novelty !== "none") p.novelty_score = row.score;
    return p;
  });
  const result: PredictResult = { predictions, accuracy: r.hasLabels ? r.accuracy : null };
  if (r.novelty !== "none") result.threshold = r.threshold;
  return result;
}

/**
 * The model file's text: the layout of stringifyJson (src/io/json.ts), with a negative zero written
 * "-0" so that every number parses back to the same bits (JSON.stringify writes it as "0").
 */
export function encodeModel(model: ElmModel): string {
  return stringifyExact(model) + "\n";
}

function num(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`model: non-finite number ${x}`);
  return Object.is(x, -0) ? "-0" : JSON.stringify(x);
}

function stringifyExact(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return num(value);
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((x) => x === null || typeof x !== "object")) return `[${value.map((x) => stringifyExact(x)).join(", ")}]`;
    return `[\n${value.map((x) => inner + stringifyExact(x, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyExact(v, inner)}`).join(",\n")}\n${indent}}`;
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
  return validateModel(parseElmJson(text, file), file);
}

/** Checks a model document (parsed JSON, or a value passed in code: `file` undefined); every fault with its JSON path. */
export function validateModel(doc: Json, file?: string): ElmModel {
  const faults: ElmFault[] = [];
  const bad = (path: string, message: string): void => void faults.push({ path, message });
  if (!isObj(doc)) throw new ElmInputError(file, [{ path: "", message: "the model must be a JSON object" }]);
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
  if (faults.length > 0) throw new ElmInputError(file, faults);
  return doc as unknown as ElmModel;
}

export function loadModel(file: string): ElmModel {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ElmInputError(file, [{ path: "", message: `cannot read: ${(e as Error).message}` }]);
  }
  return parseModel(text, file);
}
