// Cholesky factorisation A = L L^T of a symmetric positive definite matrix (Golub & Van Loan,
// Matrix Computations, 4th ed., Alg. 4.2.1, "gaxpy" Cholesky, here row by row: L[i,j] uses rows i
// and j of L, both contiguous in row-major storage). Only the lower triangle of A is read.
import { Mat } from "./matrix";
import { setError, ERR_NOT_POSITIVE_DEFINITE, ERR_INVALID_INPUT } from "../errors";

export class Cholesky {
  n: i32;
  /** Lower triangular factor (upper triangle zero). */
  L: Mat;

  constructor(L: Mat) {
    this.n = L.rows;
    this.L = L;
  }

  /** Returns null and sets ERR_NOT_POSITIVE_DEFINITE (detail: column) if a pivot is not > 0. */
  static factor(A: Mat): Cholesky | null {
    if (A.rows != A.cols) {
      setError(ERR_INVALID_INPUT, 0);
      return null;
    }
    const n = A.rows;
    const L = new Mat(n, n);
    const l = L.data, a = A.data;
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      for (let j = 0; j <= i; j++) {
        const rj = j * n;
        let s = unchecked(a[ri + j]);
        for (let k = 0; k < j; k++) s -= unchecked(l[ri + k] * l[rj + k]);
        if (j < i) {
          unchecked((l[ri + j] = s / l[rj + j]));
        } else {
          // s is the Schur complement pivot; <= 0 (or NaN) means A is not positive definite
          if (!(s > 0.0)) {
            setError(ERR_NOT_POSITIVE_DEFINITE, <f64>i);
            return null;
          }
          unchecked((l[ri + i] = Math.sqrt(s)));
        }
      }
    }
    return new Cholesky(L);
  }

  /** Overwrites b with x: L y = b, then L^T x = y. */
  solveInPlace(b: StaticArray<f64>): void {
    const n = this.n, l = this.L.data;
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      let s = unchecked(b[i]);
      for (let k = 0; k < i; k++) s -= unchecked(l[ri + k] * b[k]);
      unchecked((b[i] = s / l[ri + i]));
    }
    // L^T x = y, column-oriented so L is read by rows
    for (let i = n - 1; i >= 0; i--) {
      const ri = i * n;
      const xi = unchecked(b[i]) / unchecked(l[ri + i]);
      unchecked((b[i] = xi));
      for (let k = 0; k < i; k++) unchecked((b[k] = b[k] - l[ri + k] * xi));
    }
  }

  solve(b: StaticArray<f64>): StaticArray<f64> {
    const x = new StaticArray<f64>(this.n);
    for (let i = 0; i < this.n; i++) unchecked((x[i] = b[i]));
    this.solveInPlace(x);
    return x;
  }
}
