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

export function validActivation(act: i32): bool {
  return act >= ACT_SIGMOID && act <= ACT_LINEAR;
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

/** The fixed part of a fitted ELM: weights, biases (one buffer [W, b]) and activation. */
export class Hidden {
  d: i32;
  L: i32;
  act: i32;
  /** Wᵀ (L × d), so that each neuron's weights are one contiguous row */
  wt: StaticArray<f64>;
  b: StaticArray<f64>;

  constructor(d: i32, L: i32, act: i32, wb: StaticArray<f64>) {
    this.d = d;
    this.L = L;
    this.act = act;
    this.wt = transposed(wb, d, L);
    const b = new StaticArray<f64>(L);
    for (let j = 0; j < L; j++) unchecked((b[j] = wb[d * L + j]));
    this.b = b;
  }

  /** H (n × L) row-major for n samples (rows of X, n × d): a_ij = (Σ_k x_ik w_kj) + b_j, in k order. */
  rows(X: usize, n: i32): StaticArray<f64> {
    const L = this.L;
    const H = new StaticArray<f64>(n * L);
    const ph = changetype<usize>(H);
    abt(X, changetype<usize>(this.wt), ph, n, L, this.d, false);
    const pb = changetype<usize>(this.b);
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

  /** Hᵀ (L × n): the same values as `rows`, bit for bit (same sums), laid out neuron by neuron. */
  cols(X: usize, n: i32): StaticArray<f64> {
    const L = this.L;
    const Ht = new StaticArray<f64>(L * n);
    const ph = changetype<usize>(Ht);
    abt(changetype<usize>(this.wt), X, ph, L, n, this.d, false);
    for (let j = 0; j < L; j++) {
      const bj = unchecked(this.b[j]);
      const row = ph + ((<usize>j * <usize>n) << 3);
      const end = row + (<usize>n << 3);
      for (let q = row; q < end; q += 8) store<f64>(q, load<f64>(q) + bj);
    }
    activate(ph, L * n, this.act);
    return Ht;
  }
}
