// Complex LU with partial pivoting, P A = L U (Golub & Van Loan, Matrix Computations, 4th ed.,
// Alg. 3.4.1 carried over to complex arithmetic). Pivots are chosen by the 1-norm |re| + |im|
// (as LAPACK's zgetrf via izamax/cabs1): cheaper than the modulus and equivalent within a factor 2.
import { CMat } from "./matrix";
import { setError, ERR_SINGULAR, ERR_INVALID_INPUT } from "../errors";
import { EPS } from "./lu";

export class ComplexLU {
  n: i32;
  re: StaticArray<f64>;
  im: StaticArray<f64>;
  perm: StaticArray<i32>;

  constructor(n: i32, re: StaticArray<f64>, im: StaticArray<f64>, perm: StaticArray<i32>) {
    this.n = n;
    this.re = re;
    this.im = im;
    this.perm = perm;
  }

  /** null + ERR_SINGULAR (detail: column) when |pivot|_1 <= n * eps * max|A|_1. */
  static factor(A: CMat): ComplexLU | null {
    if (A.rows != A.cols) {
      setError(ERR_INVALID_INPUT, 0);
      return null;
    }
    const n = A.rows;
    const bytes = <usize>n * <usize>n * 8;
    const ar = new StaticArray<f64>(n * n);
    const ai = new StaticArray<f64>(n * n);
    memory.copy(changetype<usize>(ar), changetype<usize>(A.re), bytes);
    memory.copy(changetype<usize>(ai), changetype<usize>(A.im), bytes);
    const perm = new StaticArray<i32>(n);
    for (let i = 0; i < n; i++) unchecked((perm[i] = i));
    let amax = 0.0;
    for (let k = 0; k < n * n; k++) amax = Math.max(amax, Math.abs(unchecked(ar[k])) + Math.abs(unchecked(ai[k])));
    const tol = <f64>n * EPS * amax;
    for (let k = 0; k < n; k++) {
      let p = k;
      let pv = Math.abs(unchecked(ar[k * n + k])) + Math.abs(unchecked(ai[k * n + k]));
      for (let i = k + 1; i < n; i++) {
        const v = Math.abs(unchecked(ar[i * n + k])) + Math.abs(unchecked(ai[i * n + k]));
        if (v > pv) {
          pv = v;
          p = i;
        }
      }
      if (!(pv > tol) || amax == 0.0) {
        setError(ERR_SINGULAR, <f64>k);
        return null;
      }
      const rk = k * n;
      if (p != k) {
        const rp = p * n;
        for (let j = 0; j < n; j++) {
          let t = unchecked(ar[rp + j]);
          unchecked((ar[rp + j] = ar[rk + j]));
          unchecked((ar[rk + j] = t));
          t = unchecked(ai[rp + j]);
          unchecked((ai[rp + j] = ai[rk + j]));
          unchecked((ai[rk + j] = t));
        }
        const t = unchecked(perm[p]);
        unchecked((perm[p] = perm[k]));
        unchecked((perm[k] = t));
      }
      // 1 / pivot
      const pr = unchecked(ar[rk + k]), pi = unchecked(ai[rk + k]);
      const d = pr * pr + pi * pi;
      const ir = pr / d, ii = -pi / d;
      for (let i = k + 1; i < n; i++) {
        const ri = i * n;
        const xr = unchecked(ar[ri + k]), xi = unchecked(ai[ri + k]);
        const lr = xr * ir - xi * ii, li = xr * ii + xi * ir;
        unchecked((ar[ri + k] = lr));
        unchecked((ai[ri + k] = li));
        if (lr == 0.0 && li == 0.0) continue;
        for (let j = k + 1; j < n; j++) {
          const ur = unchecked(ar[rk + j]), ui = unchecked(ai[rk + j]);
          unchecked((ar[ri + j] = ar[ri + j] - (lr * ur - li * ui)));
          unchecked((ai[ri + j] = ai[ri + j] - (lr * ui + li * ur)));
        }
      }
    }
    return new ComplexLU(n, ar, ai, perm);
  }

  /** Overwrites (bre, bim) with x such that A x = b. */
  solveInPlace(bre: StaticArray<f64>, bim: StaticArray<f64>): void {
    const n = this.n, ar = this.re, ai = this.im, perm = this.perm;
    const yr = new StaticArray<f64>(n);
    const yi = new StaticArray<f64>(n);
    for (let i = 0; i < n; i++) {
      const p = unchecked(perm[i]);
      unchecked((yr[i] = bre[p]));
      unchecked((yi[i] = bim[p]));
    }
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      let sr = unchecked(yr[i]), si = unchecked(yi[i]);
      for (let j = 0; j < i; j++) {
        const lr = unchecked(ar[ri + j]), li = unchecked(ai[ri + j]);
        const vr = unchecked(yr[j]), vi = unchecked(yi[j]);
        sr -= lr * vr - li * vi;
        si -= lr * vi + li * vr;
      }
      unchecked((yr[i] = sr));
      unchecked((yi[i] = si));
    }
    for (let i = n - 1; i >= 0; i--) {
      const ri = i * n;
      let sr = unchecked(yr[i]), si = unchecked(yi[i]);
      for (let j = i + 1; j < n; j++) {
        const ur = unchecked(ar[ri + j]), ui = unchecked(ai[ri + j]);
        const vr = unchecked(yr[j]), vi = unchecked(yi[j]);
        sr -= ur * vr - ui * vi;
        si -= ur * vi + ui * vr;
      }
      // divide by the pivot (Smith's algorithm avoids needless overflow: Smith 1962, CACM 5(8):435)
      const pr = unchecked(ar[ri + i]), pi = unchecked(ai[ri + i]);
      let qr: f64, qi: f64;
      if (Math.abs(pr) >= Math.abs(pi)) {
        const r = pi / pr, den = pr + pi * r;
        qr = (sr + si * r) / den;
        qi = (si - sr * r) / den;
      } else {
        const r = pr / pi, den = pi + pr * r;
        qr = (sr * r + si) / den;
        qi = (si * r - sr) / den;
      }
      unchecked((yr[i] = qr));
      unchecked((yi[i] = qi));
    }
    for (let i = 0; i < n; i++) {
      unchecked((bre[i] = yr[i]));
      unchecked((bim[i] = yi[i]));
    }
  }
}
