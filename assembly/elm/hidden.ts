// The ELM hidden layer H = g(X W + 1 bᵀ) (Huang, Zhu & Siew 2006, Neurocomputing 70:489, §3): random
// input weights W (d × L) and biases b (L) that are never trained. They come from the seeded
// SplitMix64 generator inside the module, so a seed stands for the same weights on every engine.
import { SplitMix64 } from "../linalg/prng";
import { abt, transposed } from "./kernel";

export const ACT_SIGMOID: i32 = 1;
export const ACT_TANH: i32 = 2;
/** hpelm's "sigm" (Akusok et al. 2015, IEEE Access 3:1011): 1/(1 + e^{+a}), the sigmoid of −a. */
export const ACT_HPELM_SIGM: i32 = 3;
export const ACT_LINEAR: i32 = 4;
// hpelm's radial basis neurons (hpelm/nnets/slfn.py, SLFN.__init__, `self.func`): the column of W is a
// centre c, the bias a width B, and h = exp(−δ(x, c)² / B) with δ scipy's `cdist` metric:
/** "rbf_l1": δ = Σ_k |x_k − c_k| (cdist "cityblock") */
export const ACT_RBF_L1: i32 = 5;
/** "rbf_l2": δ = √(Σ_k (x_k − c_k)²) (cdist "euclidean"; hpelm squares the rounded root again) */
export const ACT_RBF_L2: i32 = 6;
/** "rbf_linf": δ = max_k |x_k − c_k| (cdist "chebyshev") */
export const ACT_RBF_LINF: i32 = 7;

export function validActivation(act: i32): bool {
  return act >= ACT_SIGMOID && act <= ACT_RBF_LINF;
}

/** A radial basis function (centre and width) rather than a projection g(x·w + b). */
export function isRbf(act: i32): bool {
  return act >= ACT_RBF_L1 && act <= ACT_RBF_LINF;
}

/**
 * [W (d × L, row-major), b (L)] drawn in that order, each value uniform on [−1, 1) (Huang et al. 2006
 * draw input weights and biases uniformly from [−1, 1]): value = (next() >> 11) · 2^−53 · 2 − 1 with
 * SplitMix64 seeded with `seed`.
 */
export function drawWeights(d: i32, L: i32, seed: u64): StaticArray<f64> {
  const out = new StaticArray<f64>(d * L + L);
  const rng = new SplitMix64(seed);
  for (let k = 0; k < d * L + L; k++) unchecked((out[k] = rng.uniform()));
  return out;
}

/** g applied in place to `count` values at p. */
export function activate(p: usize, count: i32, act: i32): void {
  const end = p + (<usize>count << 3);
  if (act == ACT_SIGMOID) {
    for (let q = p; q < end; q += 8) store<f64>(q, 1.0 / (1.0 + Math.exp(-load<f64>(q))));
  } else if (act == ACT_HPELM_SIGM) {
    for (let q = p; q < end; q += 8) store<f64>(q, 1.0 / (1.0 + Math.exp(load<f64>(q))));
  } else if (act == ACT_TANH) {
    for (let q = p; q < end; q += 8) store<f64>(q, Math.tanh(load<f64>(q)));
  }
  // linear: g(a) = a
}

/**
 * One radial basis neuron for one sample, as hpelm computes it (hpelm/nnets/slfn.py, SLFN.__init__:
 * `np.exp(-cdist(X, W.T, metric)**2 / B)`): δ over k = 0 … d−1 in order (scipy's cdist metrics
 * "cityblock", "euclidean", "chebyshev"), then exp(−(δ·δ) / width). x and c are d contiguous values.
 */
export function rbf(x: usize, c: usize, d: i32, width: f64, act: i32): f64 {
  let s = 0.0;
  const end = x + (<usize>d << 3);
  if (act == ACT_RBF_L1) {
    for (let p = x, q = c; p < end; p += 8, q += 8) s += Math.abs(load<f64>(p) - load<f64>(q));
  } else if (act == ACT_RBF_L2) {
    for (let p = x, q = c; p < end; p += 8, q += 8) {
      const t = load<f64>(p) - load<f64>(q);
      s += t * t;
    }
    s = Math.sqrt(s);
  } else {
    for (let p = x, q = c; p < end; p += 8, q += 8) s = Math.max(s, Math.abs(load<f64>(p) - load<f64>(q)));
  }
  return Math.exp(-(s * s) / width);
}

/**
 * The fixed part of a fitted ELM: weights and biases (one buffer [W (d × L), b (L)]) and the function
 * of each neuron, given as blocks of consecutive columns (hpelm's hidden layer: one block per neuron
 * type, hpelm/nnets/slfn.py SLFN.add_neurons and _project, which stacks the blocks' outputs side by
 * side). For a projection block column j is g(x·w_j + b_j); for an rbf block w_j is a centre and b_j
 * a width (> 0, checked by the caller).
 */
export class Hidden {
  d: i32;
  L: i32;
  /** the activation of a layer of one projection block, else 0 */
  act: i32;
  /** function of each block */
  acts: StaticArray<i32>;
  /** first column of each block, then L */
  starts: StaticArray<i32>;
  /** Wᵀ (L × d), so that each neuron's weights (or centre) are one contiguous row */
  wt: StaticArray<f64>;
  b: StaticArray<f64>;

  /** A layer of L neurons of one function. */
  constructor(d: i32, L: i32, act: i32, wb: StaticArray<f64>) {
    this.d = d;
    this.L = L;
    this.act = isRbf(act) ? 0 : act;
    const acts = new StaticArray<i32>(1);
    acts[0] = act;
    this.acts = acts;
    const starts = new StaticArray<i32>(2);
    starts[1] = L;
    this.starts = starts;
    this.wt = transposed(wb, d, L);
    const b = new StaticArray<f64>(L);
    for (let j = 0; j < L; j++) unchecked((b[j] = wb[d * L + j]));
    this.b = b;
  }

  /** A layer of blocks: block i has function acts[i] and columns starts[i] … starts[i+1]−1. */
  static blocks(d: i32, L: i32, wb: StaticArray<f64>, acts: StaticArray<i32>, starts: StaticArray<i32>): Hidden {
    const h = new Hidden(d, L, acts.length == 1 ? acts[0] : 0, wb);
    h.acts = acts;
    h.starts = starts;
    return h;
  }

  /** H (n × L) row-major for n samples (rows of X, n × d): a_ij = (Σ_k x_ik w_kj) + b_j, in k order. */
  rows(X: usize, n: i32): StaticArray<f64> {
    const L = this.L, d = this.d;
    const H = new StaticArray<f64>(n * L);
    const ph = changetype<usize>(H);
    const pb = changetype<usize>(this.b);
    if (this.act != 0) {
      abt(X, changetype<usize>(this.wt), ph, n, L, d, false);
      for (let i = 0; i < n; i++) {
        const row = ph + ((<usize>i * <usize>L) << 3);
        for (let j = 0; j < L; j++) {
          const q = row + (<usize>j << 3);
          store<f64>(q, load<f64>(q) + load<f64>(pb + (<usize>j << 3)));
        }
      }
      activate(ph, n * L, this.act);
      return H;
    }
    const pw = changetype<usize>(this.wt);
    for (let k = 0; k < this.acts.length; k++) {
      const act = unchecked(this.acts[k]);
      const j0 = unchecked(this.starts[k]), cnt = unchecked(this.starts[k + 1]) - j0;
      if (isRbf(act)) {
        for (let i = 0; i < n; i++) {
          const x = X + ((<usize>i * <usize>d) << 3);
          const row = ph + ((<usize>i * <usize>L + <usize>j0) << 3);
          for (let j = 0; j < cnt; j++) {
            const c = pw + ((<usize>(j0 + j) * <usize>d) << 3);
            store<f64>(row + (<usize>j << 3), rbf(x, c, d, load<f64>(pb + (<usize>(j0 + j) << 3)), act));
          }
        }
      } else {
        // the block's sums (n × cnt), the same k-ordered sums as a whole-layer product
        const A = new StaticArray<f64>(n * cnt);
        const pa = changetype<usize>(A);
        abt(X, pw + ((<usize>j0 * <usize>d) << 3), pa, n, cnt, d, false);
        for (let i = 0; i < n; i++) {
          const src = pa + ((<usize>i * <usize>cnt) << 3);
          const row = ph + ((<usize>i * <usize>L + <usize>j0) << 3);
          for (let j = 0; j < cnt; j++) {
            store<f64>(row + (<usize>j << 3), load<f64>(src + (<usize>j << 3)) + load<f64>(pb + (<usize>(j0 + j) << 3)));
          }
          activate(row, cnt, act);
        }
      }
    }
    return H;
  }

  /** Hᵀ (L × n): the same values as `rows`, bit for bit (same sums), laid out neuron by neuron. */
  cols(X: usize, n: i32): StaticArray<f64> {
    const L = this.L, d = this.d;
    const Ht = new StaticArray<f64>(L * n);
    const ph = changetype<usize>(Ht);
    const pw = changetype<usize>(this.wt);
    for (let k = 0; k < this.acts.length; k++) {
      const act = unchecked(this.acts[k]);
      const j0 = unchecked(this.starts[k]), j1 = unchecked(this.starts[k + 1]);
      if (isRbf(act)) {
        for (let j = j0; j < j1; j++) {
          const c = pw + ((<usize>j * <usize>d) << 3);
          const width = unchecked(this.b[j]);
          const row = ph + ((<usize>j * <usize>n) << 3);
          for (let i = 0; i < n; i++) store<f64>(row + (<usize>i << 3), rbf(X + ((<usize>i * <usize>d) << 3), c, d, width, act));
        }
      } else {
        abt(pw + ((<usize>j0 * <usize>d) << 3), X, ph + ((<usize>j0 * <usize>n) << 3), j1 - j0, n, d, false);
        for (let j = j0; j < j1; j++) {
          const bj = unchecked(this.b[j]);
          const row = ph + ((<usize>j * <usize>n) << 3);
          const end = row + (<usize>n << 3);
          for (let q = row; q < end; q += 8) store<f64>(q, load<f64>(q) + bj);
        }
        activate(ph + ((<usize>j0 * <usize>n) << 3), (j1 - j0) * n, act);
      }
    }
    return Ht;
  }
}
