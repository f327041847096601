// selfcheckElm: a built-in training and prediction on SplitMix64 data, hashed (ABI.md, "Self-checks").
import { Hasher } from "../hash";
import { SplitMix64 } from "../linalg/prng";
import { hasError, clearError } from "../errors";
import { drawWeights, Hidden, isRbf, ACT_SIGMOID, ACT_TANH, ACT_HPELM_SIGM, ACT_LINEAR, ACT_RBF_L1, ACT_RBF_L2, ACT_RBF_LINF } from "./hidden";
import { fitBatch, updateState, predict, leverage } from "./solve";
import { reconstructionError, quantile7, knnScores, recognise } from "./novelty";

const N: i32 = 60;
const NTEST: i32 = 10;
const D: i32 = 4;
const L: i32 = 20;
const M: i32 = 3;

function addr(a: StaticArray<f64>): usize {
  return changetype<usize>(a);
}

export function runSelfcheckElm(): i64 {
  clearError();
  const hs = new Hasher();
  // data: uniform features, class = index of the largest of three fixed linear functions
  const rng = new SplitMix64(2055);
  const X = new StaticArray<f64>((N + NTEST) * D);
  for (let k = 0; k < (N + NTEST) * D; k++) unchecked((X[k] = rng.uniform()));
  const T = new StaticArray<f64>(N * M);
  for (let i = 0; i < N; i++) {
    const x0 = X[i * D], x1 = X[i * D + 1], x2 = X[i * D + 2], x3 = X[i * D + 3];
    const f0 = x0 + 0.5 * x1, f1 = x2 - x3, f2 = 0.3 - x0 * x2;
    const c = f0 >= f1 && f0 >= f2 ? 0 : f1 >= f2 ? 1 : 2;
    T[i * M + c] = 1.0;
  }
  const Xtest = addr(X) + (<usize>(N * D) << 3);
  const h = new Hidden(D, L, ACT_SIGMOID, drawWeights(D, L, 7));
  const batch = fitBatch(h, addr(X), addr(T), N, M, 1.0 / 100.0, true);
  if (batch === null) {
    hs.i32(-1);
    return hs.digest();
  }
  hs.array(batch);
  hs.array(leverage(h, addr(X), N, addr(batch) + (<usize>(L * M) << 3)));
  // OS-ELM: 25 rows, then one, then the remaining 34
  let s = fitBatch(h, addr(X), addr(T), 25, M, 1.0 / 100.0, true);
  if (s !== null) s = updateState(h, s, addr(X) + (<usize>(25 * D) << 3), addr(T) + (<usize>(25 * M) << 3), 1, M);
  if (s !== null) s = updateState(h, s, addr(X) + (<usize>(26 * D) << 3), addr(T) + (<usize>(26 * M) << 3), 34, M);
  if (s === null) hs.i32(-2);
  else hs.array(s);
  const Y = predict(h, Xtest, NTEST, addr(batch), M);
  hs.array(Y);
  // autoencoder on a tanh layer, unregularised; threshold at the 0.9 quantile
  const ha = new Hidden(D, L, ACT_TANH, drawWeights(D, L, 8));
  const ae = fitBatch(ha, addr(X), addr(X), N, D, 0.0, false);
  let thr = 0.0;
  if (ae === null) hs.i32(-3);
  else {
    const Ytr = predict(ha, addr(X), N, addr(ae), D);
    const etr = reconstructionError(addr(X), addr(Ytr), N, D, D, 0);
    thr = quantile7(addr(etr), N, 0.9);
    const Yte = predict(ha, Xtest, NTEST, addr(ae), D);
    const ete = reconstructionError(Xtest, addr(Yte), NTEST, D, D, 0);
    hs.array(etr);
    hs.f64(thr);
    hs.array(ete);
    hs.array(recognise(addr(Y), NTEST, M, addr(ete), thr));
  }
  const kl = knnScores(addr(X), N, addr(X), N, D, 3, true);
  hs.array(kl);
  hs.f64(quantile7(addr(kl), N, 0.99));
  hs.array(knnScores(addr(X), N, Xtest, NTEST, D, 3, false));
  // a block layer with every function (hpelm's neuron types and the standard sigmoid)
  const hb = blockLayer();
  hs.array(hb.rows(Xtest, NTEST));
  const fb = fitBatch(hb, addr(X), addr(T), N, M, 1e-3, true);
  if (fb === null) hs.i32(-4);
  else {
    hs.array(fb);
    hs.array(predict(hb, Xtest, NTEST, addr(fb), M));
  }
  hs.i32(hasError() ? 1 : 0);
  return hs.digest();
}

/** Blocks linear 2, hpelm_sigm 5, tanh 3, rbf_l1 3, rbf_l2 4, rbf_linf 2, sigmoid 1 (L = 20) on
 *  wb = elmWeights(4, 20, 9) with every rbf width b_j replaced by 1 + |b_j|. */
function blockLayer(): Hidden {
  const acts = StaticArray.fromArray<i32>([ACT_LINEAR, ACT_HPELM_SIGM, ACT_TANH, ACT_RBF_L1, ACT_RBF_L2, ACT_RBF_LINF, ACT_SIGMOID]);
  const sizes = StaticArray.fromArray<i32>([2, 5, 3, 3, 4, 2, 1]);
  const starts = new StaticArray<i32>(acts.length + 1);
  for (let k = 0; k < acts.length; k++) starts[k + 1] = starts[k] + sizes[k];
  const wb = drawWeights(D, L, 9);
  for (let k = 0; k < acts.length; k++) {
    if (!isRbf(acts[k])) continue;
    for (let j = starts[k]; j < starts[k + 1]; j++) wb[D * L + j] = 1.0 + Math.abs(wb[D * L + j]);
  }
  return Hidden.blocks(D, L, wb, acts, starts);
}
