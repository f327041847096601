// ELM preprocessing that changes bits, done in the core so a recorded run reproduces it: the
// standardisation of the features (z-scores with the training rows' mean and population standard
// deviation) and the one-hot class targets (Huang, Zhou, Ding & Zhang 2012, IEEE TSMC-B 42(2):513,
// §III: a K-class problem has K outputs, target 1 for the row's class and 0 elsewhere).

/**
 * [mean (d), std (d)] of the columns of X (n × d, row-major at X): mean_j = (Σ_i x_ij)/n and
 * std_j = √((Σ_i (x_ij − mean_j)²)/n) (population), each sum from 0.0 in row order; a column with
 * std 0 gets std 1, so that it passes through centred and unscaled.
 */
export function standardization(X: usize, n: i32, d: i32): StaticArray<f64> {
  const out = new StaticArray<f64>(2 * d);
  for (let j = 0; j < d; j++) {
    let s = 0.0;
    for (let i = 0; i < n; i++) s += load<f64>(X + ((<usize>i * <usize>d + <usize>j) << 3));
    const mu = s / <f64>n;
    let v = 0.0;
    for (let i = 0; i < n; i++) {
      const t = load<f64>(X + ((<usize>i * <usize>d + <usize>j) << 3)) - mu;
      v += t * t;
    }
    const sd = Math.sqrt(v / <f64>n);
    unchecked((out[j] = mu));
    unchecked((out[d + j] = sd > 0.0 ? sd : 1.0));
  }
  return out;
}

/** z_ij = (x_ij − mean_j) / std_j for X (n × d); ms = [mean (d), std (d)] at address ms. */
export function standardize(X: usize, n: i32, d: i32, ms: usize): StaticArray<f64> {
  const out = new StaticArray<f64>(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const x = load<f64>(X + ((<usize>i * <usize>d + <usize>j) << 3));
      const mu = load<f64>(ms + (<usize>j << 3));
      const sd = load<f64>(ms + (<usize>(d + j) << 3));
      unchecked((out[i * d + j] = (x - mu) / sd));
    }
  }
  return out;
}

/**
 * Targets T (n × m), m = K + (Xin ≠ 0 ? d : 0): row i is one-hot in its class (labels: n f64 holding
 * integers 0 … K−1 at address labels), followed, for an autoencoder, by the row's ELM input Xin (n × d).
 */
export function targets(labels: usize, n: i32, K: i32, Xin: usize, d: i32): StaticArray<f64> {
  const m = K + (Xin != 0 ? d : 0);
  const T = new StaticArray<f64>(n * m);
  for (let i = 0; i < n; i++) {
    const c = <i32>load<f64>(labels + (<usize>i << 3));
    unchecked((T[i * m + c] = 1.0));
    if (Xin != 0) {
      for (let j = 0; j < d; j++) unchecked((T[i * m + K + j] = load<f64>(Xin + ((<usize>i * <usize>d + <usize>j) << 3))));
    }
  }
  return T;
}

/** √(Σ x²) over `count` values at p, summed in order from 0.0 (the Frobenius norm of a matrix). */
export function frobenius(p: usize, count: i32): f64 {
  let s = 0.0;
  for (let k = 0; k < count; k++) {
    const x = load<f64>(p + (<usize>k << 3));
    s += x * x;
  }
  return Math.sqrt(s);
}
