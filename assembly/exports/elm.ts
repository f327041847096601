// elm exports (assembly/ABI.md, section elm). Each export clears the error state, checks its scalar
// arguments (code 1 out of range / 5 not finite, detail = 0-based argument position) and buffers
// (code 6 unknown address, 1 too short (detail: its length), 5 non-finite value (detail: index)),
// then returns a new result buffer, or 0 with the error set.
import { lookup, share, finiteBuffer as input } from "../mem";
import { setError, clearError, ERR_BAD_HANDLE, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { drawWeights, Hidden, validActivation, isRbf } from "../elm/hidden";
import { fitBatch, updateState, predict, leverage } from "../elm/solve";
import { reconstructionError, quantile7, knnScores, recognise } from "../elm/novelty";
import { runSelfcheckElm } from "../elm/selfcheck";
import { elmTrainJob, elmUpdateJob, elmPredictJob, elmFitJob } from "../elm/job";

/** Largest element count of one operand (2^27 f64 = 1 GiB). */
const MAX_ELEMS: i64 = 1 << 27;


/** A count argument at position pos: 1 <= v, and v·other within MAX_ELEMS. */
function count(v: i32, pos: i32, other: i32 = 1): bool {
  if (v < 1 || <i64>v * <i64>(other < 1 ? 1 : other) > MAX_ELEMS) {
    setError(ERR_INVALID_INPUT, <f64>pos);
    return false;
  }
  return true;
}

/** A block count at position pos: 1 <= nb <= L. */
function blockCount(nb: i32, pos: i32, L: i32): bool {
  if (nb < 1 || nb > L) {
    setError(ERR_INVALID_INPUT, <f64>pos);
    return false;
  }
  return true;
}

function activation(act: i32, pos: i32): bool {
  if (!validActivation(act)) {
    setError(ERR_INVALID_INPUT, <f64>pos);
    return false;
  }
  return true;
}

/** rbf widths (b_j of rbf columns j0 … j1−1) must be > 0: code 1, detail = index in the wb buffer. */
function widthsPositive(wb: StaticArray<f64>, d: i32, L: i32, j0: i32, j1: i32): bool {
  for (let j = j0; j < j1; j++) {
    if (!(unchecked(wb[d * L + j]) > 0.0)) {
      setError(ERR_INVALID_INPUT, <f64>(d * L + j));
      return false;
    }
  }
  return true;
}

/** The hidden layer from a [W (d × L), b (L)] buffer, all neurons of function act. */
function hidden(wbPtr: usize, d: i32, L: i32, act: i32): Hidden | null {
  const wb = input(wbPtr, <i64>d * <i64>L + <i64>L);
  if (wb === null) return null;
  if (isRbf(act) && !widthsPositive(wb, d, L, 0, L)) return null;
  return new Hidden(d, L, act, wb);
}

/**
 * The hidden layer from a [W (d × L), b (L)] buffer and a block table of nb blocks,
 * [act_0, count_0, act_1, count_1, …] (2·nb values): act an integer 1 … 7, count an integer ≥ 1,
 * the counts adding up to L. Faults: code 1 / 5 with detail = index in the table (a count that
 * takes the sum past L, or the last count when the sum stays below L), rbf widths as above.
 */
function blockLayer(wbPtr: usize, d: i32, L: i32, blocksPtr: usize, nb: i32): Hidden | null {
  const t = input(blocksPtr, <i64>2 * <i64>nb);
  if (t === null) return null;
  const wb = input(wbPtr, <i64>d * <i64>L + <i64>L);
  if (wb === null) return null;
  const acts = new StaticArray<i32>(nb);
  const starts = new StaticArray<i32>(nb + 1);
  let sum = 0;
  for (let k = 0; k < nb; k++) {
    const a = unchecked(t[2 * k]), c = unchecked(t[2 * k + 1]);
    if (Math.floor(a) != a || !validActivation(<i32>a)) {
      setError(ERR_INVALID_INPUT, <f64>(2 * k));
      return null;
    }
    if (Math.floor(c) != c || c < 1.0 || c > <f64>(L - sum)) {
      setError(ERR_INVALID_INPUT, <f64>(2 * k + 1));
      return null;
    }
    unchecked((acts[k] = <i32>a));
    unchecked((starts[k] = sum));
    sum += <i32>c;
    if (isRbf(<i32>a) && !widthsPositive(wb, d, L, sum - <i32>c, sum)) return null;
  }
  if (sum != L) {
    setError(ERR_INVALID_INPUT, <f64>(2 * nb - 1));
    return null;
  }
  unchecked((starts[nb] = L));
  return Hidden.blocks(d, L, wb, acts, starts);
}

/** [W (d × L), b (L)], uniform on [−1, 1) from SplitMix64(seed); seed an integer in [0, 2^53]. */
export function elmWeights(d: i32, L: i32, seed: f64): usize {
  clearError();
  if (!count(d, 0, L) || !count(L, 1, d + 1)) return 0;
  if (!isFinite(seed)) {
    setError(ERR_NAN_INPUT, 2);
    return 0;
  }
  if (seed < 0.0 || seed > 9007199254740992.0 || Math.floor(seed) != seed) {
    setError(ERR_INVALID_INPUT, 2);
    return 0;
  }
  return share(drawWeights(d, L, <u64>seed));
}

/** H (n × L) = g(X W + 1 bᵀ). */
export function elmHidden(xPtr: usize, n: i32, d: i32, wbPtr: usize, L: i32, act: i32): usize {
  clearError();
  if (!count(n, 1, d) || !count(d, 2, L) || !count(L, 4, n) || !activation(act, 5)) return 0;
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const h = hidden(wbPtr, d, L, act);
  if (h === null) return 0;
  return share(h.rows(changetype<usize>(X), n));
}

/** Batch fit: [β (L × m), P (L × L) when withP ≠ 0]; C > 0 ridge, C = 0 none. */
export function elmFit(xPtr: usize, tPtr: usize, n: i32, d: i32, m: i32, wbPtr: usize, L: i32, act: i32, C: f64, withP: i32): usize {
  clearError();
  if (!count(n, 2, d) || !count(n, 2, m) || !count(n, 2, L) || !count(d, 3, L) || !count(m, 4, L) || !count(L, 6, L) || !activation(act, 7)) return 0;
  if (!isFinite(C)) {
    setError(ERR_NAN_INPUT, 8);
    return 0;
  }
  if (C < 0.0) {
    setError(ERR_INVALID_INPUT, 8);
    return 0;
  }
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const T = input(tPtr, <i64>n * <i64>m);
  if (T === null) return 0;
  const h = hidden(wbPtr, d, L, act);
  if (h === null) return 0;
  const out = fitBatch(h, changetype<usize>(X), changetype<usize>(T), n, m, C > 0.0 ? 1.0 / C : 0.0, withP != 0);
  return out === null ? 0 : share(out);
}

/** OS-ELM update of state [β (L × m), P (L × L)] with n new rows; returns the new state. */
export function elmUpdate(statePtr: usize, xPtr: usize, tPtr: usize, n: i32, d: i32, m: i32, wbPtr: usize, L: i32, act: i32): usize {
  clearError();
  if (!count(n, 3, d) || !count(n, 3, m) || !count(n, 3, L) || !count(d, 4, L) || !count(m, 5, L) || !count(L, 7, L) || !activation(act, 8)) return 0;
  const S = input(statePtr, <i64>L * <i64>m + <i64>L * <i64>L);
  if (S === null) return 0;
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const T = input(tPtr, <i64>n * <i64>m);
  if (T === null) return 0;
  const h = hidden(wbPtr, d, L, act);
  if (h === null) return 0;
  const out = updateState(h, S, changetype<usize>(X), changetype<usize>(T), n, m);
  return out === null ? 0 : share(out);
}

/** Y (n × m) = H(X) β. */
export function elmPredict(xPtr: usize, n: i32, d: i32, wbPtr: usize, L: i32, act: i32, betaPtr: usize, m: i32): usize {
  clearError();
  if (!count(n, 1, d) || !count(n, 1, L) || !count(n, 1, m) || !count(d, 2, L) || !count(L, 4, m) || !activation(act, 5) || !count(m, 7, L)) return 0;
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const h = hidden(wbPtr, d, L, act);
  if (h === null) return 0;
  const B = input(betaPtr, <i64>L * <i64>m);
  if (B === null) return 0;
  return share(predict(h, changetype<usize>(X), n, changetype<usize>(B), m));
}

/** Leverages h(x_i)ᵀ P h(x_i) (n) of n rows, P (L × L) from elmFit / elmUpdate. */
export function elmLeverage(xPtr: usize, n: i32, d: i32, wbPtr: usize, L: i32, act: i32, pPtr: usize): usize {
  clearError();
  if (!count(n, 1, d) || !count(n, 1, L) || !count(d, 2, L) || !count(L, 4, L) || !activation(act, 5)) return 0;
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const h = hidden(wbPtr, d, L, act);
  if (h === null) return 0;
  const P = input(pPtr, <i64>L * <i64>L);
  if (P === null) return 0;
  return share(leverage(h, changetype<usize>(X), n, changetype<usize>(P)));
}

/** e (n): mean squared difference of X (n × d) and columns col0 .. col0+d−1 of Y (n × m). */
export function elmReconstructionError(xPtr: usize, yPtr: usize, n: i32, d: i32, m: i32, col0: i32): usize {
  clearError();
  if (!count(n, 2, d) || !count(n, 2, m) || !count(d, 3) || !count(m, 4)) return 0;
  if (col0 < 0 || col0 + d > m) {
    setError(ERR_INVALID_INPUT, 5);
    return 0;
  }
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const Y = input(yPtr, <i64>n * <i64>m);
  if (Y === null) return 0;
  return share(reconstructionError(changetype<usize>(X), changetype<usize>(Y), n, d, m, col0));
}

/** Type 7 sample quantile of the first n values (NaN with the error set on bad input). */
export function elmQuantile(vPtr: usize, n: i32, q: f64): f64 {
  clearError();
  if (!count(n, 1)) return NaN;
  if (!isFinite(q)) {
    setError(ERR_NAN_INPUT, 2);
    return NaN;
  }
  if (q < 0.0 || q > 1.0) {
    setError(ERR_INVALID_INPUT, 2);
    return NaN;
  }
  const v = input(vPtr, n);
  if (v === null) return NaN;
  return quantile7(changetype<usize>(v), n, q);
}

/** k-NN novelty scores (nQ) of query rows against reference rows (see ABI.md); loo ≠ 0: leave-one-out. */
export function elmKnnScore(refPtr: usize, nRef: i32, qPtr: usize, nQ: i32, d: i32, k: i32, loo: i32): usize {
  clearError();
  if (!count(nRef, 1, d) || !count(nQ, 3, d) || !count(d, 4)) return 0;
  if (k < 1 || k > nRef - (loo != 0 ? 1 : 0)) {
    setError(ERR_INVALID_INPUT, 5);
    return 0;
  }
  if (loo != 0 && nQ != nRef) {
    setError(ERR_INVALID_INPUT, 3);
    return 0;
  }
  const R = input(refPtr, <i64>nRef * <i64>d);
  if (R === null) return 0;
  const Q = input(qPtr, <i64>nQ * <i64>d);
  if (Q === null) return 0;
  return share(knnScores(changetype<usize>(R), nRef, changetype<usize>(Q), nQ, d, k, loo != 0));
}

/** Two-step recogniser: per row of Y (n × m), −1 if s_i > threshold (sPtr ≠ 0), else argmax (first on ties). */
export function elmRecognise(yPtr: usize, n: i32, m: i32, sPtr: usize, threshold: f64): usize {
  clearError();
  if (!count(n, 1, m) || !count(m, 2)) return 0;
  if (isNaN(threshold)) {
    setError(ERR_NAN_INPUT, 4);
    return 0;
  }
  const Y = input(yPtr, <i64>n * <i64>m);
  if (Y === null) return 0;
  let ps: usize = 0;
  if (sPtr != 0) {
    const S = input(sPtr, n);
    if (S === null) return 0;
    ps = changetype<usize>(S);
  }
  return share(recognise(changetype<usize>(Y), n, m, ps, threshold));
}

// Block layers (hpelm's hidden layer of several neuron types): the same operations with a block table
// [act_0, count_0, …] (nb blocks) in place of one activation, and the ridge term given directly.

/** H (n × L) of a block layer. */
export function elmHiddenBlocks(xPtr: usize, n: i32, d: i32, wbPtr: usize, L: i32, blocksPtr: usize, nb: i32): usize {
  clearError();
  if (!count(n, 1, d) || !count(d, 2, L) || !count(L, 4, n) || !blockCount(nb, 6, L)) return 0;
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const h = blockLayer(wbPtr, d, L, blocksPtr, nb);
  if (h === null) return 0;
  return share(h.rows(changetype<usize>(X), n));
}

/** Batch fit of a block layer: [β (L × m), P (L × L) when withP ≠ 0]; ridge ≥ 0 added to the diagonal of HᵀH. */
export function elmFitBlocks(xPtr: usize, tPtr: usize, n: i32, d: i32, m: i32, wbPtr: usize, L: i32, blocksPtr: usize, nb: i32, ridge: f64, withP: i32): usize {
  clearError();
  if (!count(n, 2, d) || !count(n, 2, m) || !count(n, 2, L) || !count(d, 3, L) || !count(m, 4, L) || !count(L, 6, L) || !blockCount(nb, 8, L)) return 0;
  if (!isFinite(ridge)) {
    setError(ERR_NAN_INPUT, 9);
    return 0;
  }
  if (ridge < 0.0) {
    setError(ERR_INVALID_INPUT, 9);
    return 0;
  }
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const T = input(tPtr, <i64>n * <i64>m);
  if (T === null) return 0;
  const h = blockLayer(wbPtr, d, L, blocksPtr, nb);
  if (h === null) return 0;
  const out = fitBatch(h, changetype<usize>(X), changetype<usize>(T), n, m, ridge, withP != 0);
  return out === null ? 0 : share(out);
}

/** OS-ELM update of state [β (L × m), P (L × L)] of a block layer with n new rows. */
export function elmUpdateBlocks(statePtr: usize, xPtr: usize, tPtr: usize, n: i32, d: i32, m: i32, wbPtr: usize, L: i32, blocksPtr: usize, nb: i32): usize {
  clearError();
  if (!count(n, 3, d) || !count(n, 3, m) || !count(n, 3, L) || !count(d, 4, L) || !count(m, 5, L) || !count(L, 7, L) || !blockCount(nb, 9, L)) return 0;
  const S = input(statePtr, <i64>L * <i64>m + <i64>L * <i64>L);
  if (S === null) return 0;
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const T = input(tPtr, <i64>n * <i64>m);
  if (T === null) return 0;
  const h = blockLayer(wbPtr, d, L, blocksPtr, nb);
  if (h === null) return 0;
  const out = updateState(h, S, changetype<usize>(X), changetype<usize>(T), n, m);
  return out === null ? 0 : share(out);
}

/** Y (n × m) = H(X) β of a block layer. */
export function elmPredictBlocks(xPtr: usize, n: i32, d: i32, wbPtr: usize, L: i32, blocksPtr: usize, nb: i32, betaPtr: usize, m: i32): usize {
  clearError();
  if (!count(n, 1, d) || !count(n, 1, L) || !count(n, 1, m) || !count(d, 2, L) || !count(L, 4, m) || !blockCount(nb, 6, L) || !count(m, 8, L)) return 0;
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const h = blockLayer(wbPtr, d, L, blocksPtr, nb);
  if (h === null) return 0;
  const B = input(betaPtr, <i64>L * <i64>m);
  if (B === null) return 0;
  return share(predict(h, changetype<usize>(X), n, changetype<usize>(B), m));
}

/** Leverages h(x_i)ᵀ P h(x_i) (n) of n rows for a block layer. */
export function elmLeverageBlocks(xPtr: usize, n: i32, d: i32, wbPtr: usize, L: i32, blocksPtr: usize, nb: i32, pPtr: usize): usize {
  clearError();
  if (!count(n, 1, d) || !count(n, 1, L) || !count(d, 2, L) || !count(L, 4, L) || !blockCount(nb, 6, L)) return 0;
  const X = input(xPtr, <i64>n * <i64>d);
  if (X === null) return 0;
  const h = blockLayer(wbPtr, d, L, blocksPtr, nb);
  if (h === null) return 0;
  const P = input(pPtr, <i64>L * <i64>L);
  if (P === null) return 0;
  return share(leverage(h, changetype<usize>(X), n, changetype<usize>(P)));
}

/** A loaded predictor: the hidden layer prepared once (Wᵀ) and β, for per-window prediction. */
class Predictor {
  constructor(public h: Hidden, public beta: StaticArray<f64>, public m: i32) {}
}
const predictors = new Map<i32, Predictor>();
let nextPredictor: i32 = 1;

/** Loads [W, b] and β (L × m) once; returns a handle (≥ 1) for elmPredictorRun, 0 on error. */
export function elmPredictorLoad(wbPtr: usize, d: i32, L: i32, act: i32, betaPtr: usize, m: i32): i32 {
  clearError();
  if (!count(d, 1, L) || !count(L, 2, m) || !activation(act, 3) || !count(m, 5, L)) return 0;
  const h = hidden(wbPtr, d, L, act);
  if (h === null) return 0;
  const B = input(betaPtr, <i64>L * <i64>m);
  if (B === null) return 0;
  const beta = new StaticArray<f64>(L * m);
  memory.copy(changetype<usize>(beta), changetype<usize>(B), <usize>(L * m) << 3);
  const id = nextPredictor++;
  predictors.set(id, new Predictor(h, beta, m));
  return id;
}

/** As elmPredictorLoad for a block layer. */
export function elmPredictorLoadBlocks(wbPtr: usize, d: i32, L: i32, blocksPtr: usize, nb: i32, betaPtr: usize, m: i32): i32 {
  clearError();
  if (!count(d, 1, L) || !count(L, 2, m) || !blockCount(nb, 4, L) || !count(m, 6, L)) return 0;
  const h = blockLayer(wbPtr, d, L, blocksPtr, nb);
  if (h === null) return 0;
  const B = input(betaPtr, <i64>L * <i64>m);
  if (B === null) return 0;
  const beta = new StaticArray<f64>(L * m);
  memory.copy(changetype<usize>(beta), changetype<usize>(B), <usize>(L * m) << 3);
  const id = nextPredictor++;
  predictors.set(id, new Predictor(h, beta, m));
  return id;
}

/** Y (n × m) for n rows with a loaded predictor (code 6: unknown handle). */
export function elmPredictorRun(handle: i32, xPtr: usize, n: i32): usize {
  clearError();
  if (!predictors.has(handle)) {
    setError(ERR_BAD_HANDLE, <f64>handle);
    return 0;
  }
  const p = predictors.get(handle);
  if (!count(n, 2, p.h.d) || !count(n, 2, p.h.L)) return 0;
  const X = input(xPtr, <i64>n * <i64>p.h.d);
  if (X === null) return 0;
  return share(predict(p.h, changetype<usize>(X), n, changetype<usize>(p.beta), p.m));
}

/** Forgets a predictor (unknown handles ignored). */
export function elmPredictorFree(handle: i32): void {
  if (predictors.has(handle)) predictors.delete(handle);
}

// Jobs (ABI.md, "Jobs" and "ELM jobs"): one request buffer in, one result buffer out, nothing kept.

/** The request buffer at reqPtr, or null with error 6 (detail: the address). */
function request(reqPtr: usize): StaticArray<f64> | null {
  const req = lookup(reqPtr);
  if (req === null) setError(ERR_BAD_HANDLE, <f64>reqPtr);
  return req;
}

function result(out: StaticArray<f64> | null): usize {
  return out === null ? 0 : share(out);
}

/** `twin elm train`: the model block of a classifier (and novelty detector) trained on a labelled table. */
export function jobElmTrain(reqPtr: usize): usize {
  clearError();
  const req = request(reqPtr);
  return req === null ? 0 : result(elmTrainJob(req));
}

/** `twin elm update`: the model block after an OS-ELM update with more labelled rows. */
export function jobElmUpdate(reqPtr: usize): usize {
  clearError();
  const req = request(reqPtr);
  return req === null ? 0 : result(elmUpdateJob(req));
}

/** `twin elm predict`: novelty score, class and class scores per row, and the accuracy. */
export function jobElmPredict(reqPtr: usize): usize {
  clearError();
  const req = request(reqPtr);
  return req === null ? 0 : result(elmPredictJob(req));
}

/** `twin elm fit`: a reference case's β (per chunk for OS-ELM), test outputs and first hidden rows. */
export function jobElmFit(reqPtr: usize): usize {
  clearError();
  const req = request(reqPtr);
  return req === null ? 0 : result(elmFitJob(req));
}

export function selfcheckElm(): i64 {
  return runSelfcheckElm();
}
