// Banded matrices for the time integrator: a rotor's shaft couples only neighbouring nodes, so in a
// node-by-node DOF order its matrices are banded and a step costs O(n·bandwidth), not O(n²).
// Storage is by rows: row i holds columns i-kl .. i+ku at data[i*w + (j - i + kl)], w = kl + ku + 1.
import { Mat } from "../linalg/matrix";
import { EPS } from "../linalg/lu";
import { setError, ERR_SINGULAR } from "../errors";

export class BandMatrix {
  n: i32;
  /** lower and upper bandwidths */
  kl: i32;
  ku: i32;
  /** row width kl + ku + 1 */
  w: i32;
  data: StaticArray<f64>;

  constructor(n: i32, kl: i32, ku: i32) {
    this.n = n;
    this.kl = kl;
    this.ku = ku;
    const w = kl + ku + 1;
    this.w = w;
    this.data = new StaticArray<f64>(n * w);
  }

  @inline get(i: i32, j: i32): f64 {
    return unchecked(this.data[i * this.w + j - i + this.kl]);
  }

  @inline set(i: i32, j: i32, v: f64): void {
    unchecked((this.data[i * this.w + j - i + this.kl] = v));
  }

  /** y = this * x */
  mulVec(x: StaticArray<f64>, y: StaticArray<f64>): void {
    const n = this.n, kl = this.kl, ku = this.ku, w = this.w, a = this.data;
    for (let i = 0; i < n; i++) {
      const j0 = i - kl > 0 ? i - kl : 0;
      const j1 = i + ku < n - 1 ? i + ku : n - 1;
      const o = i * w - i + kl;
      let s = 0.0;
      for (let j = j0; j <= j1; j++) s += unchecked(a[o + j]) * unchecked(x[j]);
      unchecked((y[i] = s));
    }
  }
}

/** Bandwidths (kl, ku) of P A P^T, P given by perm (row i of the result is row perm[i] of A). */
export function bandwidths(A: Mat, perm: StaticArray<i32>): StaticArray<i32> {
  const n = A.rows;
  let kl = 0, ku = 0;
  for (let i = 0; i < n; i++) {
    const ri = unchecked(perm[i]);
    for (let j = 0; j < n; j++) {
      if (A.get(ri, unchecked(perm[j])) == 0.0) continue;
      if (i - j > kl) kl = i - j;
      if (j - i > ku) ku = j - i;
    }
  }
  const r = new StaticArray<i32>(2);
  r[0] = kl;
  r[1] = ku;
  return r;
}

/** P A P^T in band storage with the given bandwidths (entries outside them must be zero). */
export function toBand(A: Mat, perm: StaticArray<i32>, kl: i32, ku: i32): BandMatrix {
  const n = A.rows;
  const B = new BandMatrix(n, kl, ku);
  for (let i = 0; i < n; i++) {
    const ri = unchecked(perm[i]);
    const j0 = i - kl > 0 ? i - kl : 0;
    const j1 = i + ku < n - 1 ? i + ku : n - 1;
    for (let j = j0; j <= j1; j++) unchecked((B.data[i * B.w + j - i + kl] = A.get(ri, unchecked(perm[j]))));
  }
  return B;
}

/**
 * Band LU with partial pivoting (Golub & Van Loan, Matrix Computations, 4th ed., §4.3.5; the layout
 * of LAPACK dgbtrf): row interchanges widen U's upper bandwidth to kl + ku; the multipliers of
 * column k are kept apart and the interchanges are replayed step by step in the solve (as dgbtrs).
 */
export class BandLU {
  n: i32;
  kl: i32;
  /** upper bandwidth of U: kl + ku */
  ku: i32;
  w: i32;
  /** U rows, storage as BandMatrix with bandwidths (kl, kl + ku) */
  u: StaticArray<f64>;
  /** multipliers: mult[k*kl + r - 1] for row k + r at step k */
  mult: StaticArray<f64>;
  piv: StaticArray<i32>;

  constructor(n: i32, kl: i32, ku: i32) {
    this.n = n;
    this.kl = kl;
    this.ku = kl + ku;
    const w = 2 * kl + ku + 1;
    this.w = w;
    this.u = new StaticArray<f64>(n * w);
    this.mult = new StaticArray<f64>(n * (kl > 0 ? kl : 1));
    this.piv = new StaticArray<i32>(n);
  }

  /** Null with ERR_SINGULAR (detail: column) when a pivot is <= n eps max|A|, as LU.factor. */
  static factor(B: BandMatrix): BandLU | null {
    const n = B.n, kl = B.kl, ku = B.ku;
    const F = new BandLU(n, kl, ku);
    const w = F.w, a = F.u;
    let amax = 0.0;
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < B.w; d++) {
        const v = unchecked(B.data[i * B.w + d]);
        unchecked((a[i * w + d] = v)); // same offset j - i + kl in both layouts
        const av = Math.abs(v);
        if (av > amax) amax = av;
      }
    }
    const tol = <f64>n * EPS * amax;
    for (let k = 0; k < n; k++) {
      const last = k + kl < n - 1 ? k + kl : n - 1;
      let p = k;
      let pv = Math.abs(unchecked(a[k * w + kl]));
      for (let i = k + 1; i <= last; i++) {
        const v = Math.abs(unchecked(a[i * w + k - i + kl]));
        if (v > pv) {
          pv = v;
          p = i;
        }
      }
      if (!(pv > tol) || amax == 0.0) {
        setError(ERR_SINGULAR, <f64>k);
        return null;
      }
      unchecked((F.piv[k] = p));
      const jEnd = k + F.ku < n - 1 ? k + F.ku : n - 1;
      if (p != k) {
        for (let j = k; j <= jEnd; j++) {
          const ik = k * w + j - k + kl, ip = p * w + j - p + kl;
          const t = unchecked(a[ik]);
          unchecked((a[ik] = a[ip]));
          unchecked((a[ip] = t));
        }
      }
      const inv = 1.0 / unchecked(a[k * w + kl]);
      const rk = k * w - k + kl;
      for (let i = k + 1; i <= last; i++) {
        const ri = i * w - i + kl;
        const l = unchecked(a[ri + k]) * inv;
        unchecked((a[ri + k] = 0.0));
        unchecked((F.mult[k * kl + i - k - 1] = l));
        if (l == 0.0) continue;
        for (let j = k + 1; j <= jEnd; j++) unchecked((a[ri + j] = a[ri + j] - l * a[rk + j]));
      }
    }
    return F;
  }

  /** Overwrites b with x such that A x = b. */
  solveInPlace(b: StaticArray<f64>): void {
    const n = this.n, kl = this.kl, w = this.w, a = this.u, mult = this.mult, piv = this.piv;
    for (let k = 0; k < n; k++) {
      const p = unchecked(piv[k]);
      let bk = unchecked(b[p]);
      if (p != k) {
        unchecked((b[p] = b[k]));
        unchecked((b[k] = bk));
      }
      if (bk == 0.0) continue;
      const last = k + kl < n - 1 ? k + kl : n - 1;
      const mo = k * kl - k - 1;
      for (let i = k + 1; i <= last; i++) unchecked((b[i] = b[i] - mult[mo + i] * bk));
    }
    const ku = this.ku;
    for (let i = n - 1; i >= 0; i--) {
      const ri = i * w - i + kl;
      const jEnd = i + ku < n - 1 ? i + ku : n - 1;
      let s = unchecked(b[i]);
      for (let j = i + 1; j <= jEnd; j++) s -= unchecked(a[ri + j]) * unchecked(b[j]);
      unchecked((b[i] = s / a[ri + i]));
    }
  }
}
