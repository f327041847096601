// Symmetric eigenproblem: Householder tridiagonalisation then the implicit QL method with
// eigenvectors (EISPACK tred2/tql2: Martin, Reinsch & Wilkinson 1968, Bowdler et al. 1968, Numer.
// Math. 11; Wilkinson & Reinsch, Handbook for Automatic Computation II, 1971, contributions II/2,
// II/3; loop structure after the public-domain JAMA port). The Householder vectors and later the
// eigenvectors are kept as the ROWS of W = V^T: every inner loop of both phases then runs over
// contiguous memory in row-major storage.
import { Mat } from "./matrix";
import { Cholesky } from "./cholesky";
import { setError, ERR_INVALID_INPUT, ERR_NO_CONVERGENCE } from "../errors";
import { EPS } from "./lu";
import { addr, subScaled, subScaledOther, rotRowsQL } from "./raw";

export class SymEig {
  /** Eigenvalues in ascending order. */
  values: StaticArray<f64>;
  /** n x n, column j is the eigenvector of values[j] (orthonormal, or M-orthonormal for eigSymGeneralized). */
  vectors: Mat;

  constructor(values: StaticArray<f64>, vectors: Mat) {
    this.values = values;
    this.vectors = vectors;
  }
}

/** Householder reduction of the symmetric w (lower triangle of V^T read) to tridiagonal d, e. */
function tred2(n: i32, w: StaticArray<f64>, d: StaticArray<f64>, e: StaticArray<f64>): void {
  // In JAMA's notation V[k][j] == w[j*n + k].
  for (let j = 0; j < n; j++) unchecked((d[j] = w[j * n + n - 1]));
  for (let i = n - 1; i > 0; i--) {
    // scale to avoid under/overflow
    let scale = 0.0;
    let h = 0.0;
    for (let k = 0; k < i; k++) scale += Math.abs(unchecked(d[k]));
    if (scale == 0.0) {
      unchecked((e[i] = d[i - 1]));
      for (let j = 0; j < i; j++) {
        unchecked((d[j] = w[j * n + i - 1]));
        unchecked((w[j * n + i] = 0.0));
        unchecked((w[i * n + j] = 0.0));
      }
    } else {
      for (let k = 0; k < i; k++) {
        const dk = unchecked(d[k]) / scale;
        unchecked((d[k] = dk));
        h += dk * dk;
      }
      let f = unchecked(d[i - 1]);
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      unchecked((e[i] = scale * g));
      h = h - f * g;
      unchecked((d[i - 1] = f - g));
      for (let j = 0; j < i; j++) unchecked((e[j] = 0.0));
      // p = A u (symmetric product from the lower triangle, stored in rows of w)
      for (let j = 0; j < i; j++) {
        f = unchecked(d[j]);
        unchecked((w[i * n + j] = f));
        const rj = j * n;
        g = unchecked(e[j]) + unchecked(w[rj + j]) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          const wjk = unchecked(w[rj + k]);
          g += wjk * unchecked(d[k]);
          unchecked((e[k] = e[k] + wjk * f));
        }
        unchecked((e[j] = g));
      }
      f = 0.0;
      for (let j = 0; j < i; j++) {
        const ej = unchecked(e[j]) / h;
        unchecked((e[j] = ej));
        f += ej * unchecked(d[j]);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) unchecked((e[j] = e[j] - hh * d[j]));
      // rank-2 update A -= u q^T + q u^T
      for (let j = 0; j < i; j++) {
        f = unchecked(d[j]);
        g = unchecked(e[j]);
        const rj = j * n;
        for (let k = j; k <= i - 1; k++) unchecked((w[rj + k] = w[rj + k] - (f * e[k] + g * d[k])));
        unchecked((d[j] = w[rj + i - 1]));
        unchecked((w[rj + i] = 0.0));
      }
    }
    unchecked((d[i] = h));
  }
  // accumulate the transformations
  for (let i = 0; i < n - 1; i++) {
    unchecked((w[i * n + n - 1] = w[i * n + i]));
    unchecked((w[i * n + i] = 1.0));
    const h = unchecked(d[i + 1]);
    const ri1 = (i + 1) * n;
    if (h != 0.0) {
      for (let k = 0; k <= i; k++) unchecked((d[k] = w[ri1 + k] / h));
      for (let j = 0; j <= i; j++) {
        const rj = j * n;
        let g = 0.0;
        for (let k = 0; k <= i; k++) g += unchecked(w[ri1 + k] * w[rj + k]);
        for (let k = 0; k <= i; k++) unchecked((w[rj + k] = w[rj + k] - g * d[k]));
      }
    }
    for (let k = 0; k <= i; k++) unchecked((w[ri1 + k] = 0.0));
  }
  for (let j = 0; j < n; j++) {
    unchecked((d[j] = w[j * n + n - 1]));
    unchecked((w[j * n + n - 1] = 0.0));
  }
  unchecked((w[(n - 1) * n + n - 1] = 1.0));
  unchecked((e[0] = 0.0));
}

/** Implicit QL on the tridiagonal (d, e); rotations applied to the rows of w. false: no convergence. */
function tql2(n: i32, w: StaticArray<f64>, d: StaticArray<f64>, e: StaticArray<f64>): bool {
  for (let i = 1; i < n; i++) unchecked((e[i - 1] = e[i]));
  unchecked((e[n - 1] = 0.0));
  let f = 0.0;
  let tst1 = 0.0;
  const maxIter = 30 * n + 30; // EISPACK allows 30 per eigenvalue
  let iterTotal = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(unchecked(d[l])) + Math.abs(unchecked(e[l])));
    let m = l;
    while (m < n) {
      if (Math.abs(unchecked(e[m])) <= EPS * tst1) break;
      m++;
    }
    if (m > l) {
      do {
        if (++iterTotal > maxIter) {
          setError(ERR_NO_CONVERGENCE, <f64>iterTotal);
          return false;
        }
        // Wilkinson-like shift from the leading 2x2
        let g = unchecked(d[l]);
        let p = (unchecked(d[l + 1]) - g) / (2.0 * unchecked(e[l]));
        let r = Math.hypot(p, 1.0);
        if (p < 0) r = -r;
        unchecked((d[l] = e[l] / (p + r)));
        unchecked((d[l + 1] = e[l] * (p + r)));
        const dl1 = unchecked(d[l + 1]);
        let h = g - unchecked(d[l]);
        for (let i = l + 2; i < n; i++) unchecked((d[i] = d[i] - h));
        f = f + h;
        // implicit QL transformation
        p = unchecked(d[m]);
        let c = 1.0;
        let c2 = c;
        let c3 = c;
        const el1 = unchecked(e[l + 1]);
        let s = 0.0;
        let s2 = 0.0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * unchecked(e[i]);
          h = c * p;
          r = Math.hypot(p, unchecked(e[i]));
          unchecked((e[i + 1] = s * r));
          s = unchecked(e[i]) / r;
          c = p / r;
          p = c * unchecked(d[i]) - s * g;
          unchecked((d[i + 1] = h + s * (c * g + s * d[i])));
          // rotate eigenvector rows i and i+1
          rotRowsQL(addr(w), i * n, i * n + n, c, s, n);
        }
        p = (-s * s2 * c3 * el1 * unchecked(e[l])) / dl1;
        unchecked((e[l] = s * p));
        unchecked((d[l] = c * p));
      } while (Math.abs(unchecked(e[l])) > EPS * tst1);
    }
    unchecked((d[l] = d[l] + f));
    unchecked((e[l] = 0.0));
  }
  // selection sort ascending (stable order for equal values: first found stays first)
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = unchecked(d[i]);
    for (let j = i + 1; j < n; j++) {
      if (unchecked(d[j]) < p) {
        k = j;
        p = unchecked(d[j]);
      }
    }
    if (k != i) {
      unchecked((d[k] = d[i]));
      unchecked((d[i] = p));
      const ri = i * n, rk = k * n;
      for (let j = 0; j < n; j++) {
        const t = unchecked(w[ri + j]);
        unchecked((w[ri + j] = w[rk + j]));
        unchecked((w[rk + j] = t));
      }
    }
  }
  return true;
}

/** Eigenvalues (ascending) and vectors of W^T's symmetric source, W destroyed; vectors are rows of W. */
function symEigRows(n: i32, w: StaticArray<f64>, d: StaticArray<f64>): bool {
  const e = new StaticArray<f64>(n);
  tred2(n, w, d, e);
  return tql2(n, w, d, e);
}

function rowsToColumns(n: i32, w: StaticArray<f64>): Mat {
  const V = new Mat(n, n);
  const v = V.data;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) unchecked((v[j * n + i] = w[i * n + j]));
  return V;
}

/**
 * Eigen-decomposition of a symmetric A (only its symmetric part (A + A^T)/2 is used).
 * Null + ERR_NO_CONVERGENCE if QL needs more than 30 n iterations in total.
 */
export function eigSym(A: Mat): SymEig | null {
  if (A.rows != A.cols) {
    setError(ERR_INVALID_INPUT, 0);
    return null;
  }
  const n = A.rows;
  const w = new StaticArray<f64>(n * n);
  const a = A.data;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) unchecked((w[i * n + j] = 0.5 * (a[i * n + j] + a[j * n + i])));
  const d = new StaticArray<f64>(n);
  if (!symEigRows(n, w, d)) return null;
  return new SymEig(d, rowsToColumns(n, w));
}

/**
 * K v = λ M v for symmetric K and symmetric positive definite M (Golub & Van Loan 4th ed. §8.7.2):
 * M = L L^T, C = L^-1 K L^-T, C y = λ y, v = L^-T y, so V^T M V = I. Null + ERR_NOT_POSITIVE_DEFINITE
 * if M is not SPD.
 */
export function eigSymGeneralized(K: Mat, M: Mat): SymEig | null {
  if (K.rows != K.cols || M.rows != M.cols || K.rows != M.rows) {
    setError(ERR_INVALID_INPUT, 0);
    return null;
  }
  const n = K.rows;
  const ch = Cholesky.factor(M);
  if (ch === null) return null;
  const l = ch.L.data, k = K.data;
  // X = L^-1 K by forward substitution on whole rows
  const x = new StaticArray<f64>(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < n; j++) unchecked((x[ri + j] = k[ri + j]));
    for (let p = 0; p < i; p++) {
      const lip = unchecked(l[ri + p]);
      if (lip == 0.0) continue;
      const rp = p * n;
      subScaled(addr(x), ri, rp, lip, n);
    }
    const inv = 1.0 / unchecked(l[ri + i]);
    for (let j = 0; j < n; j++) unchecked((x[ri + j] = x[ri + j] * inv));
  }
  // C = L^-1 X^T (= L^-1 K L^-T since K is symmetric): the same substitution on the rows of X^T
  const c = new StaticArray<f64>(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) unchecked((c[i * n + j] = x[j * n + i]));
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let p = 0; p < i; p++) {
      const lip = unchecked(l[ri + p]);
      if (lip == 0.0) continue;
      const rp = p * n;
      subScaled(addr(c), ri, rp, lip, n);
    }
    const inv = 1.0 / unchecked(l[ri + i]);
    for (let j = 0; j < n; j++) unchecked((c[ri + j] = c[ri + j] * inv));
  }
  // symmetrise (rounding made C slightly unsymmetric)
  for (let i = 0; i < n; i++)
    for (let j = 0; j < i; j++) {
      const s = 0.5 * (unchecked(c[i * n + j]) + unchecked(c[j * n + i]));
      unchecked((c[i * n + j] = s));
      unchecked((c[j * n + i] = s));
    }
  const d = new StaticArray<f64>(n);
  if (!symEigRows(n, c, d)) return null;
  // each row y of c becomes v = L^-T y (column-oriented back substitution: rows of L contiguous)
  for (let r = 0; r < n; r++) {
    const rr = r * n;
    for (let i = n - 1; i >= 0; i--) {
      const ri = i * n;
      const vi = unchecked(c[rr + i]) / unchecked(l[ri + i]);
      unchecked((c[rr + i] = vi));
      subScaledOther(addr(c), rr, addr(l), ri, vi, i);
    }
  }
  return new SymEig(d, rowsToColumns(n, c));
}
