// The ELM jobs' buffers (assembly/ABI.md, "ELM jobs"): the host writes requests from parsed files and
// reads results into the model file and reports; it computes nothing. Layouts, index by index, are in
// ABI.md; the constants here name the same indices.
import type { Core } from "../core/core.js";
import { runJob } from "../core/job.js";
import { ACTIVATION_CODE, ACTIVATIONS, type Activation } from "./core.js";

/** Novelty detector codes of the model block. */
export const NOVELTY_CODE = { none: 0, autoencoder: 1, distance: 2 } as const;
export type NoveltyKind = keyof typeof NOVELTY_CODE;

/** Index of each header field of the ELM model block (ABI.md, "ELM model block"). */
export const MB = {
  version: 0, d: 1, K: 2, L: 3, act: 4, C: 5, seed: 6, standardize: 7, novelty: 8, quantile: 9, k: 10,
  threshold: 11, nSeen: 12, nRef: 13, hasP: 14, digest: 15,
} as const;
/** Values of the model block before its arrays. */
export const MODEL_HEADER = 23;

/** The numbers of a classifier model: exactly what the model block holds. */
export interface ModelNumbers {
  d: number;
  K: number;
  L: number;
  activation: Activation;
  /** 0: no ridge term */
  C: number;
  seed: number;
  novelty: NoveltyKind;
  quantile: number;
  k: number;
  threshold: number;
  nSeen: number;
  /** SHA-256 of the hidden weights [W, b] (their canonical bytes), hex */
  weightsSha256: string;
  standardize: { mean: Float64Array; std: Float64Array } | null;
  /** L × K row-major */
  beta: Float64Array;
  /** L × L row-major, or null when the block carries none */
  P: Float64Array | null;
  /** autoencoder output weights, L × d row-major */
  ae: Float64Array | null;
  /** reference rows, nRef × d row-major */
  reference: Float64Array;
  nRef: number;
}

export function activationName(code: number): Activation {
  const a = ACTIVATIONS.find((x) => ACTIVATION_CODE[x] === code);
  if (a === undefined) throw new Error(`unknown activation code ${code}`);
  return a;
}

function noveltyName(code: number): NoveltyKind {
  const k = (Object.keys(NOVELTY_CODE) as NoveltyKind[]).find((x) => NOVELTY_CODE[x] === code);
  if (k === undefined) throw new Error(`unknown novelty code ${code}`);
  return k;
}

/** The 8 big-endian 32-bit words of a SHA-256 hex string. */
export function digestWords(hex: string): number[] {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`not a SHA-256 hex digest: ${hex}`);
  return Array.from({ length: 8 }, (_, w) => parseInt(hex.slice(8 * w, 8 * w + 8), 16));
}

export function digestHex(words: ArrayLike<number>): string {
  return Array.from({ length: 8 }, (_, w) => words[w]!.toString(16).padStart(8, "0")).join("");
}

/** The model block of a model, with P and the reference rows only when asked for. */
export function encodeModelBlock(m: ModelNumbers, withP: boolean, withReference: boolean): number[] {
  const out: number[] = [
    1, m.d, m.K, m.L, ACTIVATION_CODE[m.activation], m.C, m.seed, m.standardize ? 1 : 0, NOVELTY_CODE[m.novelty], m.quantile, m.k,
    m.threshold, m.nSeen, withReference ? m.nRef : 0, withP ? 1 : 0, ...digestWords(m.weightsSha256),
  ];
  const push = (a: ArrayLike<number>): void => {
    for (let i = 0; i < a.length; i++) out.push(a[i]!);
  };
  if (m.standardize) {
    push(m.standardize.mean);
    push(m.standardize.std);
  }
  push(m.beta);
  if (withP) {
    if (m.P === null) throw new Error("the model has no P");
    push(m.P);
  }
  if (m.novelty === "autoencoder") push(m.ae!);
  if (withReference) push(m.reference);
  return out;
}

/** Reads the model block at `base` of a result (or request); returns the numbers and the index after it. */
export function decodeModelBlock(v: Float64Array, base = 0): { model: ModelNumbers; end: number } {
  if (v[base + MB.version] !== 1) throw new Error(`ELM model block version ${v[base]}, expected 1`);
  const at = (k: number): number => v[base + k]!;
  const d = at(MB.d), K = at(MB.K), L = at(MB.L), nRef = at(MB.nRef);
  const novelty = noveltyName(at(MB.novelty));
  let p = base + MODEL_HEADER;
  const take = (n: number): Float64Array => {
    const a = v.slice(p, p + n);
    p += n;
    return a;
  };
  const standardize = at(MB.standardize) === 1 ? { mean: take(d), std: take(d) } : null;
  const beta = take(L * K);
  const P = at(MB.hasP) === 1 ? take(L * L) : null;
  const ae = novelty === "autoencoder" ? take(L * d) : null;
  const reference = take(nRef * d);
  const model: ModelNumbers = {
    d, K, L, activation: activationName(at(MB.act)), C: at(MB.C), seed: at(MB.seed), novelty, quantile: at(MB.quantile), k: at(MB.k),
    threshold: at(MB.threshold), nSeen: at(MB.nSeen), weightsSha256: digestHex(v.subarray(base + MB.digest, base + MB.digest + 8)),
    standardize, beta, P, ae, reference, nRef,
  };
  return { model, end: p };
}

/** Options of `elm train` as the request holds them. */
export interface TrainRequest {
  L: number;
  activation: Activation;
  /** 0: no ridge term */
  C: number;
  seed: number;
  standardize: boolean;
  novelty: NoveltyKind;
  quantile: number;
  /** neighbours of the distance detector (0 for the others) */
  k: number;
}

/** Request of jobElmTrain: X (n × d) row-major, the class index of each row (0 … K−1). */
export function trainRequest(X: Float64Array, n: number, d: number, classIndex: ArrayLike<number>, K: number, o: TrainRequest): Float64Array {
  const head = [1, n, d, K, o.L, ACTIVATION_CODE[o.activation], o.C, o.seed, o.standardize ? 1 : 0, NOVELTY_CODE[o.novelty], o.quantile, o.k];
  const req = new Float64Array(head.length + n * d + n);
  req.set(head);
  req.set(X.subarray(0, n * d), head.length);
  req.set(Array.from(classIndex), head.length + n * d);
  return req;
}

/** Index of X in a train request. */
export const TRAIN_X = 12;

/** Request of jobElmUpdate. */
export function updateRequest(model: ModelNumbers, X: Float64Array, n: number, classIndex: ArrayLike<number>, K: number): { req: Float64Array; x0: number } {
  const block = encodeModelBlock(model, true, true);
  const req = new Float64Array(3 + block.length + n * model.d + n);
  req.set([1, n, K]);
  req.set(block, 3);
  const x0 = 3 + block.length;
  req.set(X.subarray(0, n * model.d), x0);
  req.set(Array.from(classIndex), x0 + n * model.d);
  return { req, x0 };
}

/** Request of jobElmPredict; labels: class index per row (−1: not a class of the model), or null. */
export function predictRequest(model: ModelNumbers, X: Float64Array, n: number, labels: ArrayLike<number> | null): { req: Float64Array; x0: number } {
  // the recogniser needs no P, and the reference rows only for the distance detector
  const block = encodeModelBlock(model, false, model.novelty === "distance");
  const req = new Float64Array(3 + block.length + n * model.d + (labels ? n : 0));
  req.set([1, n, labels ? 1 : 0]);
  req.set(block, 3);
  const x0 = 3 + block.length;
  req.set(X.subarray(0, n * model.d), x0);
  if (labels) req.set(Array.from(labels), x0 + n * model.d);
  return { req, x0 };
}

export interface PredictNumbers {
  n: number;
  K: number;
  novelty: NoveltyKind;
  threshold: number;
  hasLabels: boolean;
  correct: number;
  accuracy: number;
  novelRows: number;
  /** per row: class index (−1 novel), novelty score (0 without a detector), K class scores */
  rows: { cls: number; score: number; scores: number[] }[];
}

export const PREDICT_HEADER = 9;

export function decodePredict(v: Float64Array): PredictNumbers {
  if (v[0] !== 1) throw new Error(`jobElmPredict result version ${v[0]}, expected 1`);
  const n = v[1]!, K = v[2]!;
  const rows: PredictNumbers["rows"] = [];
  for (let i = 0; i < n; i++) {
    const o = PREDICT_HEADER + i * (2 + K);
    rows.push({ cls: v[o]!, score: v[o + 1]!, scores: Array.from(v.subarray(o + 2, o + 2 + K)) });
  }
  return {
    n, K, novelty: noveltyName(v[3]!), threshold: v[4]!, hasLabels: v[5] === 1, correct: v[6]!, accuracy: v[7]!, novelRows: v[8]!, rows,
  };
}

/** Runs an ELM job; a failure stays a CoreError (the caller locates it). */
export function elmJob(core: Core, entry: "jobElmTrain" | "jobElmUpdate" | "jobElmPredict" | "jobElmFit", req: Float64Array): Float64Array {
  return runJob(core, entry, req);
}
