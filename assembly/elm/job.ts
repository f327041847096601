// The ELM jobs (assembly/ABI.md, "Extreme learning machine", "Jobs"): one call per `twin elm`
// command, request in, result out, nothing kept. Everything that changes bits runs here: the hidden
// layer drawn from the seed, the standardisation, the one-hot targets, the solve, OS-ELM updates, the
// novelty detector and its threshold, the recogniser and the accuracy.
import { setError, ERR_INVALID_INPUT } from "../errors";
import { digestF64 } from "../digest";
import { drawWeights, Hidden, isRbf, validActivation, ACT_SIGMOID, ACT_LINEAR } from "./hidden";
import { fitBatch, updateState, predict, leverage } from "./solve";
import { reconstructionError, quantile7, knnScores, recognise } from "./novelty";
import { standardization, standardize, targets, frobenius } from "./prep";
import { Request, prod, MAX_VALUES } from "./request";

export const NOVELTY_NONE: i32 = 0;
export const NOVELTY_AUTOENCODER: i32 = 1;
export const NOVELTY_DISTANCE: i32 = 2;

/** Values of the model block before its arrays (ABI.md, "ELM model block"). */
export const MODEL_HEADER: i32 = 23;
/** Index of the first of the 8 weight-digest words in the model block. */
export const MODEL_DIGEST: i32 = 15;

const MAX_DIM: i64 = 1 << 24;

/** A classifier model (the model block of ABI.md), its arrays as offsets into `src`. */
export class ElmModel {
  d: i32 = 0;
  K: i32 = 0;
  L: i32 = 0;
  act: i32 = 0;
  C: f64 = 0.0;
  seed: u64 = 0;
  standardize: bool = false;
  novelty: i32 = 0;
  quantile: f64 = 0.0;
  k: i32 = 0;
  threshold: f64 = 0.0;
  nSeen: f64 = 0.0;
  nRef: i32 = 0;
  hasP: bool = false;
  digest: StaticArray<f64> = new StaticArray<f64>(8);
  /** index of the first digest word in the request (for the error detail) */
  digestAt: i32 = 0;
  /** [mean (d), std (d)] or null */
  ms: StaticArray<f64> | null = null;
  /** L × K */
  beta: StaticArray<f64> = new StaticArray<f64>(0);
  /** L × L or empty */
  P: StaticArray<f64> = new StaticArray<f64>(0);
  /** L × d (autoencoder) or empty */
  ae: StaticArray<f64> = new StaticArray<f64>(0);
  /** nRef × d raw feature rows */
  ref: StaticArray<f64> = new StaticArray<f64>(0);
}

/** Index after the last value read by decodeModel. */
let decodedEnd: i32 = 0;

/** Index after the model block decodeModel read last. */
export function modelEnd(): i32 {
  return decodedEnd;
}

/** Decodes the model block at `base`; null with the error set (detail: the index in the request). */
export function decodeModel(r: Request, base: i32): ElmModel | null {
  const m = new ElmModel();
  r.version(base, 1);
  m.d = r.int(base + 1, 1, MAX_DIM);
  m.K = r.int(base + 2, 1, MAX_DIM);
  m.L = r.int(base + 3, 1, MAX_DIM);
  m.act = r.int(base + 4, ACT_SIGMOID, ACT_LINEAR);
  m.C = r.min(base + 5, 0.0, false);
  m.seed = r.seed(base + 6);
  m.standardize = r.flag(base + 7);
  m.novelty = r.int(base + 8, NOVELTY_NONE, NOVELTY_DISTANCE);
  m.quantile = r.range(base + 9, 0.0, m.novelty == NOVELTY_NONE ? 0.0 : 1.0);
  m.k = r.int(base + 10, m.novelty == NOVELTY_DISTANCE ? 1 : 0, m.novelty == NOVELTY_DISTANCE ? MAX_DIM : 0);
  m.threshold = m.novelty == NOVELTY_NONE ? r.range(base + 11, 0.0, 0.0) : r.real(base + 11);
  m.nSeen = <f64>r.int(base + 12, 1, 1 << 30);
  m.nRef = r.int(base + 13, 0, m.novelty == NOVELTY_NONE ? 0 : MAX_DIM);
  m.hasP = r.flag(base + 14);
  m.digestAt = base + MODEL_DIGEST;
  for (let w = 0; w < 8; w++) unchecked((m.digest[w] = r.word(base + MODEL_DIGEST + w)));
  if (!r.ok) return null;
  const d = m.d, K = m.K, L = m.L;
  if (prod(d, L) + <i64>L > MAX_VALUES) { bad(r, base + 3); return null; }
  if (prod(L, L) > MAX_VALUES) { bad(r, base + 3); return null; }
  let p = base + MODEL_HEADER;
  if (m.standardize) {
    const q = r.block(p, 2 * d, base + 1);
    for (let j = p + d; j < q && r.ok; j++) r.min(j, 0.0, true);
    if (!r.ok) return null;
    m.ms = r.copy(p, 2 * d);
    p = q;
  }
  let q = r.block(p, prod(L, K), base + 2);
  if (!r.ok) return null;
  m.beta = r.copy(p, L * K);
  p = q;
  if (m.hasP) {
    q = r.block(p, prod(L, L), base + 3);
    if (!r.ok) return null;
    m.P = r.copy(p, L * L);
    p = q;
  }
  if (m.novelty == NOVELTY_AUTOENCODER) {
    q = r.block(p, prod(L, d), base + 1);
    if (!r.ok) return null;
    m.ae = r.copy(p, L * d);
    p = q;
  }
  q = r.block(p, prod(m.nRef, d), base + 13);
  if (!r.ok) return null;
  m.ref = r.copy(p, m.nRef * d);
  decodedEnd = q;
  return m;
}

/** Error 1 at request index i. */
function bad(r: Request, i: i32): void {
  r.fail(ERR_INVALID_INPUT, i);
}

/** Standardised rows (a new array) when the model standardises, else null (the raw rows are the input). */
export function zscores(X: usize, n: i32, d: i32, ms: StaticArray<f64> | null): StaticArray<f64> | null {
  if (ms === null) return null;
  return standardize(X, n, d, changetype<usize>(ms));
}

/** The 32-byte SHA-256 of the canonical bytes of wb as 8 big-endian 32-bit words. */
function weightDigest(wb: StaticArray<f64>): StaticArray<f64> {
  const d = digestF64(wb);
  const out = new StaticArray<f64>(8);
  for (let k = 0; k < 4; k++) {
    const w = unchecked(d[k]);
    unchecked((out[2 * k] = <f64>(w >> 32)));
    unchecked((out[2 * k + 1] = <f64>(w & 0xffffffff)));
  }
  return out;
}

/** The drawn weights must be those the model was trained with: error 1 at the first differing digest word. */
export function sameWeights(r: Request, m: ElmModel, wb: StaticArray<f64>): bool {
  const got = weightDigest(wb);
  for (let w = 0; w < 8; w++) {
    if (unchecked(got[w]) != unchecked(m.digest[w])) {
      r.fail(ERR_INVALID_INPUT, m.digestAt + w);
      return false;
    }
  }
  return true;
}

/**
 * Novelty threshold: the type 7 quantile q of the training scores of the nRef reference rows, taken
 * leave-one-out: the k-NN score skipping the row itself, or the autoencoder's reconstruction error
 * e_i / (1 − h_i)² with h_i the row's leverage (PRESS, Allen 1974, Technometrics 16(1):125: the
 * in-sample error of a ridge fit is optimistic and would put the threshold too low).
 */
function threshold(h: Hidden, m: ElmModel): f64 {
  const n = m.nRef, d = m.d;
  const ref = changetype<usize>(m.ref);
  let scores: StaticArray<f64>;
  if (m.novelty == NOVELTY_DISTANCE) {
    scores = knnScores(ref, n, ref, n, d, m.k, true);
  } else {
    const xs = m.ms === null ? m.ref : standardize(ref, n, d, changetype<usize>(m.ms));
    const Xin = changetype<usize>(xs);
    const Y = predict(h, Xin, n, changetype<usize>(m.ae), d);
    scores = reconstructionError(Xin, changetype<usize>(Y), n, d, d, 0);
    const lev = leverage(h, Xin, n, changetype<usize>(m.P));
    for (let i = 0; i < n; i++) {
      const t = 1.0 - unchecked(lev[i]);
      unchecked((scores[i] = scores[i] / (t * t)));
    }
  }
  return quantile7(changetype<usize>(scores), n, m.quantile);
}

/** The model block of m (ABI.md): header, digest, then the arrays. */
function encodeModel(m: ElmModel): StaticArray<f64> {
  const d = m.d, K = m.K, L = m.L;
  const size = MODEL_HEADER + (m.standardize ? 2 * d : 0) + L * K + (m.hasP ? L * L : 0) + (m.novelty == NOVELTY_AUTOENCODER ? L * d : 0) + m.nRef * d;
  const out = new StaticArray<f64>(size);
  out[0] = 1.0;
  out[1] = <f64>d;
  out[2] = <f64>K;
  out[3] = <f64>L;
  out[4] = <f64>m.act;
  out[5] = m.C;
  out[6] = <f64>m.seed;
  out[7] = m.standardize ? 1.0 : 0.0;
  out[8] = <f64>m.novelty;
  out[9] = m.quantile;
  out[10] = <f64>m.k;
  out[11] = m.threshold;
  out[12] = m.nSeen;
  out[13] = <f64>m.nRef;
  out[14] = m.hasP ? 1.0 : 0.0;
  for (let w = 0; w < 8; w++) out[MODEL_DIGEST + w] = m.digest[w];
  let p = MODEL_HEADER;
  if (m.standardize) p = put(m.ms!, p, out);
  p = put(m.beta, p, out);
  if (m.hasP) p = put(m.P, p, out);
  if (m.novelty == NOVELTY_AUTOENCODER) p = put(m.ae, p, out);
  p = put(m.ref, p, out);
  return out;
}

/** Copies src into dst from index at; returns the index after it. */
function put(src: StaticArray<f64>, at: i32, dst: StaticArray<f64>): i32 {
  memory.copy(changetype<usize>(dst) + (<usize>at << 3), changetype<usize>(src), <usize>src.length << 3);
  return at + src.length;
}

/** Columns c0 … c0+cols−1 of the L × m matrix at src, as an L × cols matrix. */
function columns(src: StaticArray<f64>, L: i32, m: i32, c0: i32, cols: i32): StaticArray<f64> {
  const out = new StaticArray<f64>(L * cols);
  for (let i = 0; i < L; i++) for (let j = 0; j < cols; j++) unchecked((out[i * cols + j] = src[i * m + c0 + j]));
  return out;
}

/** Stores a solved state [β (L × m), P (L × L)], m = K (+ d for the autoencoder), in the model. */
function storeState(mod: ElmModel, s: StaticArray<f64>): void {
  const L = mod.L, K = mod.K, d = mod.d;
  const ae = mod.novelty == NOVELTY_AUTOENCODER;
  const m = K + (ae ? d : 0);
  mod.beta = columns(s, L, m, 0, K);
  if (ae) mod.ae = columns(s, L, m, K, d);
  const P = new StaticArray<f64>(L * L);
  memory.copy(changetype<usize>(P), changetype<usize>(s) + (<usize>(L * m) << 3), <usize>(L * L) << 3);
  mod.P = P;
  mod.hasP = true;
}

/**
 * jobElmTrain: request [1, n, d, K, L, act, C, seed, standardize, novelty, quantile, k, X (n × d),
 * labels (n)]; result: the model block.
 */
export function elmTrainJob(req: StaticArray<f64>): StaticArray<f64> | null {
  const r = new Request(req);
  r.version(0, 1);
  const n = r.int(1, 1, 1 << 30);
  const mod = new ElmModel();
  mod.d = r.int(2, 1, MAX_DIM);
  mod.K = r.int(3, 1, MAX_DIM);
  mod.L = r.int(4, 1, MAX_DIM);
  mod.act = r.int(5, ACT_SIGMOID, ACT_LINEAR);
  mod.C = r.min(6, 0.0, false);
  mod.seed = r.seed(7);
  mod.standardize = r.flag(8);
  mod.novelty = r.int(9, NOVELTY_NONE, NOVELTY_DISTANCE);
  mod.quantile = r.range(10, 0.0, mod.novelty == NOVELTY_NONE ? 0.0 : 1.0);
  const dist = mod.novelty == NOVELTY_DISTANCE;
  // the leave-one-out k-NN score of a training row needs k other rows
  mod.k = r.int(11, dist ? 1 : 0, dist ? <i64>n - 1 : 0);
  if (!r.ok) return null;
  const d = mod.d, K = mod.K, L = mod.L;
  if (prod(d, L) + <i64>L > MAX_VALUES || prod(L, L) > MAX_VALUES) { bad(r, 4); return null; }
  if (prod(n, L) > MAX_VALUES || prod(n, K + d) > MAX_VALUES) { bad(r, 1); return null; }
  const x0 = 12;
  const l0 = r.block(x0, prod(n, d), 1);
  const end = r.ints(l0, n, 1, 0.0, <f64>(K - 1));
  r.end(end);
  if (!r.ok) return null;
  const X = r.addr(x0);
  const wb = drawWeights(d, L, mod.seed);
  mod.digest = weightDigest(wb);
  const h = new Hidden(d, L, mod.act, wb);
  if (mod.standardize) mod.ms = standardization(X, n, d);
  const xs = zscores(X, n, d, mod.ms);
  const Xin = xs === null ? X : changetype<usize>(xs);
  const T = targets(r.addr(l0), n, K, mod.novelty == NOVELTY_AUTOENCODER ? Xin : 0, d);
  const m = K + (mod.novelty == NOVELTY_AUTOENCODER ? d : 0);
  const s = fitBatch(h, Xin, changetype<usize>(T), n, m, mod.C > 0.0 ? 1.0 / mod.C : 0.0, true);
  if (s === null) return null;
  storeState(mod, s);
  mod.nSeen = <f64>n;
  if (mod.novelty != NOVELTY_NONE) {
    mod.nRef = n;
    mod.ref = r.copy(x0, n * d);
    mod.threshold = threshold(h, mod);
  }
  return encodeModel(mod);
}

/**
 * jobElmUpdate: request [1, n, K_new, model block, X (n × d), labels (n)]; result: the updated model
 * block (OS-ELM on the new rows; new classes get zero output columns first; the reference rows grow
 * by X and the threshold is refitted on all of them).
 */
export function elmUpdateJob(req: StaticArray<f64>): StaticArray<f64> | null {
  const r = new Request(req);
  r.version(0, 1);
  const n = r.int(1, 1, 1 << 30);
  const Kn = r.int(2, 1, MAX_DIM);
  if (!r.ok) return null;
  const old = decodeModel(r, 3);
  if (old === null) return null;
  const d = old.d, L = old.L, K = old.K;
  if (Kn < K) { bad(r, 2); return null; }
  if (!old.hasP) { bad(r, 3 + 14); return null; }
  if (old.novelty != NOVELTY_NONE && old.nRef < 1) { bad(r, 3 + 13); return null; }
  if (old.novelty == NOVELTY_DISTANCE && <i64>old.k > <i64>old.nRef + <i64>n - 1) { bad(r, 3 + 10); return null; }
  const ae = old.novelty == NOVELTY_AUTOENCODER;
  const m = Kn + (ae ? d : 0);
  if (prod(n, L) > MAX_VALUES || prod(n, m) > MAX_VALUES || prod(L, m) > MAX_VALUES) { bad(r, 1); return null; }
  if (<i64>old.nRef + <i64>n > (1 << 30) || (<i64>old.nRef + <i64>n) * <i64>d > MAX_VALUES) { bad(r, 1); return null; }
  const x0 = decodedEnd;
  const l0 = r.block(x0, prod(n, d), 1);
  const end = r.ints(l0, n, 1, 0.0, <f64>(Kn - 1));
  r.end(end);
  if (!r.ok) return null;
  const wb = drawWeights(d, L, old.seed);
  if (!sameWeights(r, old, wb)) return null;
  const h = new Hidden(d, L, old.act, wb);
  const X = r.addr(x0);
  const xs = zscores(X, n, d, old.ms);
  const Xin = xs === null ? X : changetype<usize>(xs);
  // state [β (L × m), P]: the old class columns, zero columns for new classes, the autoencoder columns
  const state = new StaticArray<f64>(L * m + L * L);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < K; j++) unchecked((state[i * m + j] = old.beta[i * K + j]));
    if (ae) for (let j = 0; j < d; j++) unchecked((state[i * m + Kn + j] = old.ae[i * d + j]));
  }
  memory.copy(changetype<usize>(state) + (<usize>(L * m) << 3), changetype<usize>(old.P), <usize>(L * L) << 3);
  const T = targets(r.addr(l0), n, Kn, ae ? Xin : 0, d);
  const s = updateState(h, state, Xin, changetype<usize>(T), n, m);
  if (s === null) return null;
  const mod = old;
  mod.K = Kn;
  storeState(mod, s);
  mod.nSeen = old.nSeen + <f64>n;
  if (mod.novelty != NOVELTY_NONE) {
    const nr = old.nRef + n;
    const ref = new StaticArray<f64>(nr * d);
    memory.copy(changetype<usize>(ref), changetype<usize>(old.ref), <usize>(old.nRef * d) << 3);
    memory.copy(changetype<usize>(ref) + (<usize>(old.nRef * d) << 3), X, <usize>(n * d) << 3);
    mod.ref = ref;
    mod.nRef = nr;
    mod.threshold = threshold(h, mod);
  }
  return encodeModel(mod);
}

/** Values per row of the jobElmPredict result before the K class scores. */
export const PREDICT_ROW_HEAD: i32 = 2;
export const PREDICT_HEADER: i32 = 9;

/**
 * jobElmPredict: request [1, n, hasLabels, model block, X (n × d), labels (n, if hasLabels)];
 * result [1, n, K, novelty, threshold, hasLabels, correct, accuracy, novel rows, then per row:
 * class (−1 novel), novelty score (0 without a detector), K class scores].
 */
export function elmPredictJob(req: StaticArray<f64>): StaticArray<f64> | null {
  const r = new Request(req);
  r.version(0, 1);
  const n = r.int(1, 1, 1 << 30);
  const hasLabels = r.flag(2);
  if (!r.ok) return null;
  const mod = decodeModel(r, 3);
  if (mod === null) return null;
  const d = mod.d, L = mod.L, K = mod.K;
  if (mod.novelty == NOVELTY_DISTANCE && mod.k > mod.nRef) { bad(r, 3 + 13); return null; }
  if (prod(n, L) > MAX_VALUES || prod(n, K + d) > MAX_VALUES) { bad(r, 1); return null; }
  const x0 = decodedEnd;
  const l0 = r.block(x0, prod(n, d), 1);
  // a label that is not a class of the model is −1: it never counts as correct
  const end = hasLabels ? r.ints(l0, n, 1, -1.0, <f64>(K - 1)) : l0;
  r.end(end);
  if (!r.ok) return null;
  const wb = drawWeights(d, L, mod.seed);
  if (!sameWeights(r, mod, wb)) return null;
  const h = new Hidden(d, L, mod.act, wb);
  const X = r.addr(x0);
  const xs = zscores(X, n, d, mod.ms);
  const Xin = xs === null ? X : changetype<usize>(xs);
  const Y = predict(h, Xin, n, changetype<usize>(mod.beta), K);
  let scores: StaticArray<f64> | null = null;
  if (mod.novelty == NOVELTY_AUTOENCODER) {
    const Yae = predict(h, Xin, n, changetype<usize>(mod.ae), d);
    scores = reconstructionError(Xin, changetype<usize>(Yae), n, d, d, 0);
  } else if (mod.novelty == NOVELTY_DISTANCE) {
    scores = knnScores(changetype<usize>(mod.ref), mod.nRef, X, n, d, mod.k, false);
  }
  const ps = scores === null ? <usize>0 : changetype<usize>(scores);
  const cls = recognise(changetype<usize>(Y), n, K, ps, mod.threshold);
  const rec = PREDICT_ROW_HEAD + K;
  const out = new StaticArray<f64>(PREDICT_HEADER + n * rec);
  let correct = 0, novel = 0;
  for (let i = 0; i < n; i++) {
    const c = unchecked(cls[i]);
    const o = PREDICT_HEADER + i * rec;
    unchecked((out[o] = c));
    unchecked((out[o + 1] = scores === null ? 0.0 : unchecked(scores![i])));
    for (let j = 0; j < K; j++) unchecked((out[o + 2 + j] = Y[i * K + j]));
    if (c < 0.0) novel++;
    if (hasLabels && c >= 0.0 && c == unchecked(req[l0 + i])) correct++;
  }
  out[0] = 1.0;
  out[1] = <f64>n;
  out[2] = <f64>K;
  out[3] = <f64>mod.novelty;
  out[4] = mod.novelty == NOVELTY_NONE ? 0.0 : mod.threshold;
  out[5] = hasLabels ? 1.0 : 0.0;
  out[6] = <f64>correct;
  out[7] = hasLabels ? <f64>correct / <f64>n : 0.0;
  out[8] = <f64>novel;
  return out;
}

/** Regularisation kinds of jobElmFit. */
export const REG_NONE: i32 = 0;
export const REG_C: i32 = 1;
export const REG_NORM: i32 = 2;
export const REG_HPELM_DEFAULT: i32 = 3;
/** hpelm's default ridge `norm`: 50 × 2^−52 (hpelm/nnets/slfn.py, SLFN.__init__: 50 * np.finfo(float).eps). */
export const HPELM_DEFAULT_NORM: f64 = 50.0 * 2.220446049250313e-16;

export const FIT_HEADER: i32 = 11;

/**
 * The block layer of a fit request: table at t0 of nb blocks [act, count], counts adding up to L,
 * wb at w0; rbf widths must be > 0 (error 1 at the width's index in the request).
 */
function tableLayer(r: Request, t0: i32, nb: i32, w0: i32, d: i32, L: i32): Hidden | null {
  const acts = new StaticArray<i32>(nb);
  const starts = new StaticArray<i32>(nb + 1);
  let sum = 0;
  for (let k = 0; k < nb; k++) {
    const a = r.int(t0 + 2 * k, 1, 7);
    if (!r.ok) return null;
    if (!validActivation(a)) { bad(r, t0 + 2 * k); return null; }
    const c = r.int(t0 + 2 * k + 1, 1, L - sum);
    if (!r.ok) return null;
    unchecked((acts[k] = a));
    unchecked((starts[k] = sum));
    if (isRbf(a)) {
      for (let j = sum; j < sum + c; j++) {
        const at = w0 + d * L + j;
        if (!(unchecked(r.buf[at]) > 0.0)) { bad(r, at); return null; }
      }
    }
    sum += c;
  }
  if (sum != L) { bad(r, t0 + 2 * nb - 1); return null; }
  unchecked((starts[nb] = L));
  return Hidden.blocks(d, L, r.copy(w0, d * L + L), acts, starts);
}

/**
 * jobElmFit: a reference case with its own hidden layer (ABI.md): batch fit, or OS-ELM chunk by
 * chunk (the first chunk batch); Y of the test rows; the first rows of H. Result [1, L, m, nTest,
 * nChunks, nH, ‖β‖_F, … (see ABI.md)].
 */
export function elmFitJob(req: StaticArray<f64>): StaticArray<f64> | null {
  const r = new Request(req);
  r.version(0, 1);
  const d = r.int(1, 1, MAX_DIM);
  const L = r.int(2, 1, MAX_DIM);
  const m = r.int(3, 1, MAX_DIM);
  const nTrain = r.int(4, 1, 1 << 30);
  const nTest = r.int(5, 1, 1 << 30);
  const nb = r.int(6, 1, L);
  const kind = r.int(7, REG_NONE, REG_HPELM_DEFAULT);
  const value = kind == REG_C ? r.min(8, 0.0, true) : kind == REG_NORM ? r.min(8, 0.0, false) : r.range(8, 0.0, 0.0);
  const nChunks = r.int(9, 0, nTrain);
  const nH = r.int(10, 0, nTrain);
  if (!r.ok) return null;
  if (prod(d, L) + <i64>L > MAX_VALUES || prod(L, L) > MAX_VALUES || prod(L, m) > MAX_VALUES) { bad(r, 2); return null; }
  if (prod(nTrain, L) > MAX_VALUES || prod(nTrain, m) > MAX_VALUES || prod(nTrain, d) > MAX_VALUES) { bad(r, 4); return null; }
  if (prod(nTest, L) > MAX_VALUES || prod(nTest, m) > MAX_VALUES || prod(nTest, d) > MAX_VALUES) { bad(r, 5); return null; }
  if (prod(nChunks, L * m + 2) > MAX_VALUES) { bad(r, 9); return null; }
  const t0 = FIT_HEADER;
  const w0 = r.block(t0, 2 * <i64>nb, 6);
  const x0 = r.block(w0, prod(d, L) + <i64>L, 2);
  const y0 = r.block(x0, prod(nTrain, d), 4);
  const z0 = r.block(y0, prod(nTrain, m), 4);
  const c0 = r.block(z0, prod(nTest, d), 5);
  const end = r.ints(c0, nChunks, 9, 1.0, <f64>nTrain);
  r.end(end);
  if (!r.ok) return null;
  let total: i64 = 0;
  for (let k = 0; k < nChunks; k++) total += <i64>unchecked(req[c0 + k]);
  if (nChunks > 0 && total != <i64>nTrain) { bad(r, c0 + nChunks - 1); return null; }
  const h = tableLayer(r, t0, nb, w0, d, L);
  if (h === null) return null;
  const ridge = kind == REG_C ? 1.0 / value : kind == REG_NORM ? value : kind == REG_HPELM_DEFAULT ? HPELM_DEFAULT_NORM : 0.0;
  const X = r.addr(x0), T = r.addr(y0);
  const size = 7 + L * m + nTest * m + nChunks * (2 + L * m) + nH * L;
  const out = new StaticArray<f64>(size);
  const po = changetype<usize>(out);
  let beta: StaticArray<f64>;
  if (nChunks == 0) {
    const s = fitBatch(h, X, T, nTrain, m, ridge, false);
    if (s === null) return null;
    beta = s;
  } else {
    let state: StaticArray<f64> | null = null;
    let seen = 0;
    let o = 7 + L * m + nTest * m;
    for (let k = 0; k < nChunks; k++) {
      const c = <i32>unchecked(req[c0 + k]);
      const Xc = X + ((<usize>seen * <usize>d) << 3), Tc = T + ((<usize>seen * <usize>m) << 3);
      state = state === null ? fitBatch(h, Xc, Tc, c, m, ridge, true) : updateState(h, state!, Xc, Tc, c, m);
      if (state === null) return null;
      seen += c;
      unchecked((out[o] = <f64>seen));
      unchecked((out[o + 1] = frobenius(changetype<usize>(state), L * m)));
      memory.copy(po + (<usize>(o + 2) << 3), changetype<usize>(state), <usize>(L * m) << 3);
      o += 2 + L * m;
    }
    beta = state!;
  }
  const Y = predict(h, r.addr(z0), nTest, changetype<usize>(beta), m);
  out[0] = 1.0;
  out[1] = <f64>L;
  out[2] = <f64>m;
  out[3] = <f64>nTest;
  out[4] = <f64>nChunks;
  out[5] = <f64>nH;
  out[6] = frobenius(changetype<usize>(beta), L * m);
  memory.copy(po + (<usize>7 << 3), changetype<usize>(beta), <usize>(L * m) << 3);
  memory.copy(po + (<usize>(7 + L * m) << 3), changetype<usize>(Y), <usize>(nTest * m) << 3);
  if (nH > 0) {
    const H = h.rows(X, nH);
    memory.copy(po + (<usize>(size - nH * L) << 3), changetype<usize>(H), <usize>(nH * L) << 3);
  }
  return out;
}
