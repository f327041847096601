// Novelty detection and the two-step recogniser (novelty first, then class).
//  - ELM autoencoder: an ELM trained with targets = its inputs (Kasun, Zhou, Huang & Vong 2013, IEEE
//    Intell. Syst. 28(6):31, "ELM-AE"); a sample's score is its mean squared reconstruction error.
//  - Distance: mean Euclidean distance to the k nearest training samples in standardised feature space
//    (the k-NN "weight" outlier score of Angiulli & Pizzuti 2002, PKDD, LNCS 2431:15).
// A threshold is the type 7 sample quantile of the training scores (Hyndman & Fan 1996, Am. Stat.
// 50(4):361), training scores of the distance method taken leave-one-out.

/** e_i = (1/d) Σ_j (x_ij − y_i,col0+j)² for X (n × d) and Y (n × m), Y's columns col0 .. col0+d−1. */
export function reconstructionError(X: usize, Y: usize, n: i32, d: i32, m: i32, col0: i32): StaticArray<f64> {
  const e = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) {
    const xi = X + ((<usize>i * <usize>d) << 3);
    const yi = Y + ((<usize>i * <usize>m + <usize>col0) << 3);
    let s = 0.0;
    for (let j = 0; j < d; j++) {
      const r = load<f64>(xi + (<usize>j << 3)) - load<f64>(yi + (<usize>j << 3));
      s += r * r;
    }
    unchecked((e[i] = s / <f64>d));
  }
  return e;
}

/** Sorts a[0..n) ascending in place (heapsort: no recursion, no extra memory; Knuth TAOCP 3, §5.2.3 H). */
export function heapsort(a: StaticArray<f64>, n: i32): void {
  for (let s = (n >> 1) - 1; s >= 0; s--) siftDown(a, s, n);
  for (let end = n - 1; end > 0; end--) {
    const t = unchecked(a[0]);
    unchecked((a[0] = a[end]));
    unchecked((a[end] = t));
    siftDown(a, 0, end);
  }
}

function siftDown(a: StaticArray<f64>, start: i32, n: i32): void {
  let r = start;
  while (true) {
    let c = 2 * r + 1;
    if (c >= n) return;
    if (c + 1 < n && unchecked(a[c + 1]) > unchecked(a[c])) c++;
    if (!(unchecked(a[c]) > unchecked(a[r]))) return;
    const t = unchecked(a[r]);
    unchecked((a[r] = a[c]));
    unchecked((a[c] = t));
    r = c;
  }
}

/** Type 7 quantile: h = (n − 1) q, x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), x sorted, 0-based. */
export function quantile7(v: usize, n: i32, q: f64): f64 {
  const a = new StaticArray<f64>(n);
  memory.copy(changetype<usize>(a), v, <usize>n << 3);
  heapsort(a, n);
  const h = <f64>(n - 1) * q;
  const lo = <i32>Math.floor(h);
  if (lo >= n - 1) return unchecked(a[n - 1]);
  const x0 = unchecked(a[lo]);
  return x0 + (h - <f64>lo) * (unchecked(a[lo + 1]) - x0);
}

/**
 * k-NN novelty scores of nQ query rows against nRef reference rows (both × d): features are scaled by
 * the reference set's mean and population standard deviation (a constant feature keeps scale 1, so
 * any deviation from it counts); score = mean of the k smallest distances (ties: any, the values are
 * equal). With `loo` the queries are the reference rows themselves and row i skips itself.
 */
export function knnScores(ref: usize, nRef: i32, Q: usize, nQ: i32, d: i32, k: i32, loo: bool): StaticArray<f64> {
  const mu = new StaticArray<f64>(d);
  const sc = new StaticArray<f64>(d);
  for (let j = 0; j < d; j++) {
    let s = 0.0;
    for (let i = 0; i < nRef; i++) s += load<f64>(ref + ((<usize>i * <usize>d + <usize>j) << 3));
    const mean = s / <f64>nRef;
    let v = 0.0;
    for (let i = 0; i < nRef; i++) {
      const r = load<f64>(ref + ((<usize>i * <usize>d + <usize>j) << 3)) - mean;
      v += r * r;
    }
    const sd = Math.sqrt(v / <f64>nRef);
    unchecked((mu[j] = mean));
    unchecked((sc[j] = sd > 0.0 ? 1.0 / sd : 1.0));
  }
  const R = scaled(ref, nRef, d, mu, sc);
  const S = scaled(Q, nQ, d, mu, sc);
  const pr = changetype<usize>(R), ps = changetype<usize>(S);
  const best = new StaticArray<f64>(k);
  const pbest = changetype<usize>(best);
  const out = new StaticArray<f64>(nQ);
  for (let q = 0; q < nQ; q++) {
    let filled = 0;
    const xq = ps + ((<usize>q * <usize>d) << 3);
    for (let i = 0; i < nRef; i++) {
      if (loo && i == q) continue;
      const xi = pr + ((<usize>i * <usize>d) << 3);
      let s = 0.0;
      for (let j = 0; j < d; j++) {
        const r = load<f64>(xq + (<usize>j << 3)) - load<f64>(xi + (<usize>j << 3));
        s += r * r;
      }
      // keep the k smallest squared distances sorted ascending (insertion)
      if (filled < k) filled++;
      else if (!(s < load<f64>(pbest + (<usize>(k - 1) << 3)))) continue;
      let p = filled - 1;
      while (p > 0 && load<f64>(pbest + (<usize>(p - 1) << 3)) > s) {
        store<f64>(pbest + (<usize>p << 3), load<f64>(pbest + (<usize>(p - 1) << 3)));
        p--;
      }
      store<f64>(pbest + (<usize>p << 3), s);
    }
    let t = 0.0;
    for (let p = 0; p < k; p++) t += Math.sqrt(unchecked(best[p]));
    unchecked((out[q] = t / <f64>k));
  }
  return out;
}

function scaled(X: usize, n: i32, d: i32, mu: StaticArray<f64>, sc: StaticArray<f64>): StaticArray<f64> {
  const out = new StaticArray<f64>(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      unchecked((out[i * d + j] = (load<f64>(X + ((<usize>i * <usize>d + <usize>j) << 3)) - mu[j]) * sc[j]));
    }
  }
  return out;
}

/**
 * Two-step recogniser: for each row of Y (n × m), −1 if a novelty score is given and s_i > threshold,
 * else the index of the largest output (first index on ties).
 */
export function recognise(Y: usize, n: i32, m: i32, s: usize, threshold: f64): StaticArray<f64> {
  const out = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) {
    if (s != 0 && load<f64>(s + (<usize>i << 3)) > threshold) {
      unchecked((out[i] = -1.0));
      continue;
    }
    const yi = Y + ((<usize>i * <usize>m) << 3);
    let best = 0;
    let bv = load<f64>(yi);
    for (let j = 1; j < m; j++) {
      const v = load<f64>(yi + (<usize>j << 3));
      if (v > bv) {
        bv = v;
        best = j;
      }
    }
    unchecked((out[i] = <f64>best));
  }
  return out;
}
