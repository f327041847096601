// Row-range ("envelope") views of the rotor's dense matrices. Finite-element matrices of a shaft are
// banded (nodes couple only to their neighbours) apart from a few pedestal rows, so products and
// triangular solves that skip the structural zeros cost O(n · bandwidth) instead of O(n²).
// The summation order inside each row is the plain left-to-right order of the dense loops: skipping
// exact zeros changes no bits of the result.
import { Mat } from "../linalg/matrix";
import { LU } from "../linalg/lu";

/** For each row, the first and one-past-last column holding a nonzero. */
export class RowRanges {
  lo: StaticArray<i32>;
  hi: StaticArray<i32>;

  constructor(n: i32) {
    this.lo = new StaticArray<i32>(n);
    this.hi = new StaticArray<i32>(n);
  }

  /** Union of the nonzero ranges of several n x n matrices (the same ranges serve all of them). */
  static of(a: Mat, b: Mat | null = null, c: Mat | null = null): RowRanges {
    const n = a.rows;
    const r = new RowRanges(n);
    for (let i = 0; i < n; i++) {
      let lo = n, hi = 0;
      const o = i * n;
      for (let j = 0; j < n; j++) {
        let nz = unchecked(a.data[o + j]) != 0.0;
        if (!nz && b !== null) nz = unchecked(b.data[o + j]) != 0.0;
        if (!nz && c !== null) nz = unchecked(c.data[o + j]) != 0.0;
        if (nz) {
          if (j < lo) lo = j;
          hi = j + 1;
        }
      }
      if (lo > hi) lo = hi;
      unchecked((r.lo[i] = lo));
      unchecked((r.hi[i] = hi));
    }
    return r;
  }
}

/** y = A x over the row ranges of A. */
export function mulVecRanges(A: Mat, rr: RowRanges, x: StaticArray<f64>, y: StaticArray<f64>): void {
  const n = A.rows, a = A.data;
  for (let i = 0; i < n; i++) {
    const o = i * n;
    let s = 0.0;
    const hi = unchecked(rr.hi[i]);
    for (let j = unchecked(rr.lo[i]); j < hi; j++) s += unchecked(a[o + j] * x[j]);
    unchecked((y[i] = s));
  }
}

/**
 * Forward and back substitution with an LU factorisation (lu.ts layout: P A = L U), visiting only the
 * nonzero part of each row of L and U. Partial pivoting of a banded matrix keeps L within the lower
 * band and U within (upper band + lower band) (Golub & Van Loan 4th ed. §4.3.5), so for rotor
 * matrices each solve costs O(n · bandwidth).
 */
export class BandedLUSolver {
  n: i32;
  lu: LU;
  lLo: StaticArray<i32>;
  uHi: StaticArray<i32>;
  y: StaticArray<f64>;

  constructor(lu: LU) {
    const n = lu.n;
    this.n = n;
    this.lu = lu;
    this.lLo = new StaticArray<i32>(n);
    this.uHi = new StaticArray<i32>(n);
    this.y = new StaticArray<f64>(n);
    const a = lu.lu;
    for (let i = 0; i < n; i++) {
      const o = i * n;
      let lo = i;
      for (let j = 0; j < i; j++) {
        if (unchecked(a[o + j]) != 0.0) {
          lo = j;
          break;
        }
      }
      let hi = i + 1;
      for (let j = n - 1; j > i; j--) {
        if (unchecked(a[o + j]) != 0.0) {
          hi = j + 1;
          break;
        }
      }
      unchecked((this.lLo[i] = lo));
      unchecked((this.uHi[i] = hi));
    }
  }

  /** Overwrites b with x such that A x = b. */
  solveInPlace(b: StaticArray<f64>): void {
    const n = this.n, a = this.lu.lu, perm = this.lu.perm, y = this.y;
    for (let i = 0; i < n; i++) unchecked((y[i] = b[perm[i]]));
    for (let i = 0; i < n; i++) {
      const o = i * n;
      let s = unchecked(y[i]);
      for (let j = unchecked(this.lLo[i]); j < i; j++) s -= unchecked(a[o + j] * y[j]);
      unchecked((y[i] = s));
    }
    for (let i = n - 1; i >= 0; i--) {
      const o = i * n;
      let s = unchecked(y[i]);
      const hi = unchecked(this.uHi[i]);
      for (let j = i + 1; j < hi; j++) s -= unchecked(a[o + j] * y[j]);
      unchecked((y[i] = s / a[o + i]));
    }
    for (let i = 0; i < n; i++) unchecked((b[i] = y[i]));
  }
}
