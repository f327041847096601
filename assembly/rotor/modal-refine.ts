// Newton refinement of an eigenpair of the quadratic pencil Q(λ) = λ²M + λD + K, for the shift-invert
// solver: its Arnoldi pairs carry the error of the Krylov process, this brings each to the accuracy of
// a direct solve. Nonlinear inverse iteration (Ruhe 1973, SIAM J. Numer. Anal. 10(4):674, §3, "Newton's
// method" form): w = Q(λ)⁻¹ Q'(λ) u, λ ← λ - (uᴴu)/(uᴴw), u ← w/||w||, Q'(λ) = 2λM + D; quadratic
// convergence for a simple eigenvalue. Q(λ) is complex and, in the node-major DOF order, banded, so
// each factorisation is a complex band LU with partial pivoting (Golub & Van Loan 4th ed. §4.3, band
// Gaussian elimination with pivoting; the storage scheme of LAPACK zgbtf2): U gets upper bandwidth
// kl + ku, and the cost is O(n kl (kl + ku)) instead of O(n³).
import { Mat } from "../linalg/matrix";
import { EPS } from "../linalg/lu";

/** Complex band matrix in a permuted order: row i keeps columns i - kl .. i + kl + ku (room for fill). */
class ComplexBand {
  n: i32;
  kl: i32;
  ku: i32;
  /** stored upper width after pivoting fill: kl + ku */
  ut: i32;
  w: i32;
  re: StaticArray<f64>;
  im: StaticArray<f64>;
  piv: StaticArray<i32>;

  constructor(n: i32, kl: i32, ku: i32) {
    this.n = n;
    this.kl = kl;
    this.ku = ku;
    this.ut = kl + ku;
    const w = 2 * kl + ku + 1;
    this.w = w;
    this.re = new StaticArray<f64>(n * w);
    this.im = new StaticArray<f64>(n * w);
    this.piv = new StaticArray<i32>(n);
  }

  @inline idx(i: i32, j: i32): i32 {
    return i * this.w + (j - i + this.kl);
  }

  clear(): void {
    const m = this.n * this.w;
    for (let k = 0; k < m; k++) {
      unchecked((this.re[k] = 0.0));
      unchecked((this.im[k] = 0.0));
    }
  }

  /**
   * In-place LU with row interchanges (pivot rows within k..k+kl). Returns false if a pivot is
   * exactly zero: then λ is an eigenvalue to working precision and the caller stops refining.
   */
  factor(): bool {
    const n = this.n, kl = this.kl, ut = this.ut, re = this.re, im = this.im;
    for (let k = 0; k < n; k++) {
      const last = k + kl < n - 1 ? k + kl : n - 1;
      let p = k;
      let pv = Math.abs(unchecked(re[this.idx(k, k)])) + Math.abs(unchecked(im[this.idx(k, k)]));
      for (let i = k + 1; i <= last; i++) {
        const q = this.idx(i, k);
        const v = Math.abs(unchecked(re[q])) + Math.abs(unchecked(im[q]));
        if (v > pv) {
          pv = v;
          p = i;
        }
      }
      unchecked((this.piv[k] = p));
      if (pv == 0.0) return false;
      const jEnd = k + ut < n - 1 ? k + ut : n - 1;
      if (p != k) {
        for (let j = k; j <= jEnd; j++) {
          const a = this.idx(k, j), b = this.idx(p, j);
          let t = unchecked(re[a]);
          unchecked((re[a] = re[b]));
          unchecked((re[b] = t));
          t = unchecked(im[a]);
          unchecked((im[a] = im[b]));
          unchecked((im[b] = t));
        }
      }
      const kk = this.idx(k, k);
      const pr = unchecked(re[kk]), pi = unchecked(im[kk]);
      const d = pr * pr + pi * pi;
      const ir = pr / d, ii = -pi / d;
      for (let i = k + 1; i <= last; i++) {
        const q = this.idx(i, k);
        const xr = unchecked(re[q]), xi = unchecked(im[q]);
        if (xr == 0.0 && xi == 0.0) continue;
        const lr = xr * ir - xi * ii, li = xr * ii + xi * ir;
        unchecked((re[q] = lr));
        unchecked((im[q] = li));
        for (let j = k + 1; j <= jEnd; j++) {
          const a = this.idx(k, j), b = this.idx(i, j);
          const ur = unchecked(re[a]), ui = unchecked(im[a]);
          unchecked((re[b] = re[b] - (lr * ur - li * ui)));
          unchecked((im[b] = im[b] - (lr * ui + li * ur)));
        }
      }
    }
    return true;
  }

  /** Overwrites (br, bi) with the solution, after factor(). */
  solve(br: StaticArray<f64>, bi: StaticArray<f64>): void {
    const n = this.n, kl = this.kl, ut = this.ut, re = this.re, im = this.im;
    for (let k = 0; k < n; k++) {
      const p = unchecked(this.piv[k]);
      if (p != k) {
        let t = unchecked(br[k]);
        unchecked((br[k] = br[p]));
        unchecked((br[p] = t));
        t = unchecked(bi[k]);
        unchecked((bi[k] = bi[p]));
        unchecked((bi[p] = t));
      }
      const xr = unchecked(br[k]), xi = unchecked(bi[k]);
      const last = k + kl < n - 1 ? k + kl : n - 1;
      for (let i = k + 1; i <= last; i++) {
        const q = this.idx(i, k);
        const lr = unchecked(re[q]), li = unchecked(im[q]);
        unchecked((br[i] = br[i] - (lr * xr - li * xi)));
        unchecked((bi[i] = bi[i] - (lr * xi + li * xr)));
      }
    }
    for (let i = n - 1; i >= 0; i--) {
      let sr = unchecked(br[i]), si = unchecked(bi[i]);
      const jEnd = i + ut < n - 1 ? i + ut : n - 1;
      for (let j = i + 1; j <= jEnd; j++) {
        const q = this.idx(i, j);
        const ur = unchecked(re[q]), ui = unchecked(im[q]);
        const vr = unchecked(br[j]), vi = unchecked(bi[j]);
        sr -= ur * vr - ui * vi;
        si -= ur * vi + ui * vr;
      }
      const q = this.idx(i, i);
      const pr = unchecked(re[q]), pi = unchecked(im[q]);
      const d = pr * pr + pi * pi;
      unchecked((br[i] = (sr * pr + si * pi) / d));
      unchecked((bi[i] = (si * pr - sr * pi) / d));
    }
  }
}

/** Refines eigenpairs of λ²M + λD + K; built once per speed, used for every mode. */
export class QuadraticRefiner {
  n: i32;
  M: Mat;
  D: Mat;
  K: Mat;
  /** perm[i]: original DOF at band position i */
  perm: StaticArray<i32>;
  band: ComplexBand;
  /** scratch in band order */
  xr: StaticArray<f64>;
  xi: StaticArray<f64>;

  constructor(M: Mat, D: Mat, K: Mat, perm: StaticArray<i32>) {
    const n = M.rows;
    this.n = n;
    this.M = M;
    this.D = D;
    this.K = K;
    this.perm = perm;
    let kl = 0, ku = 0;
    const a = M.data, d = D.data, k = K.data;
    for (let i = 0; i < n; i++) {
      const oi = unchecked(perm[i]) * n;
      for (let j = 0; j < n; j++) {
        const q = oi + unchecked(perm[j]);
        if (unchecked(a[q]) != 0.0 || unchecked(d[q]) != 0.0 || unchecked(k[q]) != 0.0) {
          if (i - j > kl) kl = i - j;
          if (j - i > ku) ku = j - i;
        }
      }
    }
    this.band = new ComplexBand(n, kl, ku);
    this.xr = new StaticArray<f64>(n);
    this.xi = new StaticArray<f64>(n);
  }

  /** Loads Q(λ) = λ²M + λD + K into the band (permuted order) and factors it. */
  private load(lr: f64, li: f64): bool {
    const n = this.n, b = this.band, perm = this.perm;
    const l2r = lr * lr - li * li, l2i = 2.0 * lr * li;
    const a = this.M.data, d = this.D.data, k = this.K.data;
    b.clear();
    for (let i = 0; i < n; i++) {
      const oi = unchecked(perm[i]) * n;
      const j0 = i - b.kl > 0 ? i - b.kl : 0;
      const j1 = i + b.ku < n - 1 ? i + b.ku : n - 1;
      for (let j = j0; j <= j1; j++) {
        const q = oi + unchecked(perm[j]);
        const m = unchecked(a[q]), dd = unchecked(d[q]);
        const x = b.idx(i, j);
        unchecked((b.re[x] = l2r * m + lr * dd + k[q]));
        unchecked((b.im[x] = l2i * m + li * dd));
      }
    }
    return b.factor();
  }

  /**
   * Newton steps from (λ, u) (u overwritten, λ returned in out[0..1]); stops when the step is below
   * 4 eps |λ| or after `maxSteps`. Returns the number of steps taken.
   */
  refine(ur: StaticArray<f64>, ui: StaticArray<f64>, lr0: f64, li0: f64, maxSteps: i32, out: StaticArray<f64>): i32 {
    const n = this.n, perm = this.perm, xr = this.xr, xi = this.xi;
    let lr = lr0, li = li0;
    let steps = 0;
    for (; steps < maxSteps; steps++) {
      if (!this.load(lr, li)) break; // exactly singular: λ is an eigenvalue in working precision
      // x = Q'(λ) u = (2λM + D) u, in band order
      const a = this.M.data, d = this.D.data;
      const b = this.band;
      for (let i = 0; i < n; i++) {
        const oi = unchecked(perm[i]) * n;
        const j0 = i - b.kl > 0 ? i - b.kl : 0;
        const j1 = i + b.ku < n - 1 ? i + b.ku : n - 1;
        let sr = 0.0, si = 0.0;
        for (let j = j0; j <= j1; j++) {
          const pj = unchecked(perm[j]);
          const q = oi + pj;
          const m = unchecked(a[q]), dd = unchecked(d[q]);
          // (2λ m + dd)
          const cr = 2.0 * lr * m + dd, ci = 2.0 * li * m;
          const vr = unchecked(ur[pj]), vi = unchecked(ui[pj]);
          sr += cr * vr - ci * vi;
          si += cr * vi + ci * vr;
        }
        unchecked((xr[i] = sr));
        unchecked((xi[i] = si));
      }
      b.solve(xr, xi);
      // uᴴu and uᴴw (w = x, back in original order via perm)
      let uu = 0.0, wr = 0.0, wi = 0.0, ww = 0.0;
      for (let i = 0; i < n; i++) {
        const pi = unchecked(perm[i]);
        const a0 = unchecked(ur[pi]), b0 = unchecked(ui[pi]);
        const c0 = unchecked(xr[i]), d0 = unchecked(xi[i]);
        uu += a0 * a0 + b0 * b0;
        wr += a0 * c0 + b0 * d0;
        wi += a0 * d0 - b0 * c0;
        ww += c0 * c0 + d0 * d0;
      }
      const den = wr * wr + wi * wi;
      if (!(den > 0.0) || !isFinite(den)) break;
      // δ = uu / (uᴴw)
      const dr = (uu * wr) / den, di = (-uu * wi) / den;
      lr -= dr;
      li -= di;
      const inv = 1.0 / Math.sqrt(ww);
      for (let i = 0; i < n; i++) {
        const pi = unchecked(perm[i]);
        unchecked((ur[pi] = xr[i] * inv));
        unchecked((ui[pi] = xi[i] * inv));
      }
      if (Math.hypot(dr, di) <= 4.0 * EPS * Math.hypot(lr, li)) {
        steps++;
        break;
      }
    }
    unchecked((out[0] = lr));
    unchecked((out[1] = li));
    return steps;
  }
}
