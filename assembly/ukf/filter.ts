// The unscented Kalman filter with additive process and measurement noise (Julier & Uhlmann 1997;
// Wan & Van der Merwe 2000, "The unscented Kalman filter for nonlinear estimation", IEEE AS-SPCC,
// Alg. 3.1 with additive noise), in FilterPy's conventions (rlabbe/filterpy UnscentedKalmanFilter):
//   predict: chi = sigma(x, P); Y_r = f(chi_r, u); x- = sum Wm_r Y_r;
//            P- = sum Wc_r (Y_r - x-)(Y_r - x-)^T + Q
//   update:  chi = sigma(x-, P-) REDRAWN (not the propagated Y); Z_r = h(chi_r, u); zp = sum Wm_r Z_r;
//            S = sum Wc_r (Z_r - zp)(Z_r - zp)^T + R; Pxz = sum Wc_r (chi_r - x-)(Z_r - zp)^T;
//            K = Pxz S^-1; y = z - zp; x+ = x- + K y; P+ = P- - K S K^T (no Joseph form)
// sigma(x, P): x, x + U_i, x - U_i with U the upper Cholesky factor of c P (rows U_i).
// Square-root form (option OPT_SQRT; Van der Merwe & Wan 2001, "The square-root unscented Kalman
// filter for state and parameter-estimation", ICASSP, Alg. 3.1): P = Rp^T Rp is carried as its upper
// factor, P- by a QR of [sqrt(Wc_i)(Y_i - x-), i >= 1; sqrt(Q)] and a rank-1 update (downdate if
// Wc_0 < 0) with Y_0 - x-, S likewise, P+ by m rank-1 downdates with the columns of K R_y^T; its
// sigma points are the rows of sqrt(c) Rp, so both forms agree in exact arithmetic.
// A step allocates nothing: every workspace is made once by the constructor.
import { setError, ERR_NOT_POSITIVE_DEFINITE, ERR_NAN_INPUT } from "../errors";
import { SigmaWeights } from "./sigma";
import { Process, Measurement, LinearProcess } from "./models";
import { ld, st, axpy, gemmNT, copy, fill, firstNonFinite, cholUpper, cholSolveRows, cholRank1, qrR, gramUpper } from "./kernels";
import { symmetrise, factorScaled, repairCovariance } from "./repair";
import { Mat } from "../linalg/matrix";
import { eigSym } from "../linalg/eigsym";

/** Options (bit set) of ukfCreate. */
export const OPT_SQRT: i32 = 1;
/** No repair: a covariance that is not positive definite is an error, as in FilterPy. */
export const OPT_STRICT: i32 = 2;
/** P <- (P + P^T)/2 after every update (standard form). */
export const OPT_SYMMETRISE: i32 = 4;

/** Per-step repair flags (ukfInfo item 6, ukfRun record). Bits 0-1: P; bits 2-3: S. */
export const FLAG_P_SYMMETRISED: i32 = 1;
export const FLAG_P_CLIPPED: i32 = 2;
export const FLAG_S_SYMMETRISED: i32 = 4;
export const FLAG_S_CLIPPED: i32 = 8;

/** Failure stages (ukfInfo item 8). */
export const FAIL_PREDICT_P: i32 = 1;
export const FAIL_UPDATE_P: i32 = 2;
export const FAIL_S: i32 = 3;
export const FAIL_MEASUREMENT: i32 = 4;
export const FAIL_INPUT: i32 = 5;
export const FAIL_MODEL_OUTPUT: i32 = 6;

@inline function row(base: usize, r: i32, len: i32): usize {
  return base + (<usize>(r * len) << 3);
}

@inline function a(s: StaticArray<f64>): usize {
  return changetype<usize>(s);
}

export class Ukf {
  n: i32;
  m: i32;
  nu: i32;
  np: i32;
  w: SigmaWeights;
  fx: Process;
  hx: Measurement;
  options: i32;
  sqrtForm: bool;

  x: StaticArray<f64>;
  /** standard form: P; square-root form: unused (P is Rp^T Rp) */
  P: StaticArray<f64>;
  Q: StaticArray<f64>;
  R: StaticArray<f64>;
  /** square-root form: upper factors of P, Q, R (X^T X = the covariance) */
  Rp: StaticArray<f64>;
  Sq: StaticArray<f64>;
  Sr: StaticArray<f64>;

  // results of the last predict / update
  xPrior: StaticArray<f64>;
  PPrior: StaticArray<f64>; // standard: P-; square-root: its factor
  y: StaticArray<f64>;
  S: StaticArray<f64>;
  KT: StaticArray<f64>; // K^T, m x n

  // workspaces
  U: StaticArray<f64>;
  chi: StaticArray<f64>;
  Y: StaticArray<f64>;
  Z: StaticArray<f64>;
  xm: StaticArray<f64>;
  Pn: StaticArray<f64>;
  zp: StaticArray<f64>;
  dx: StaticArray<f64>;
  PxzT: StaticArray<f64>;
  SKt: StaticArray<f64>;
  Us: StaticArray<f64>;
  Cx: StaticArray<f64>; // square-root: (3n) x n compound matrix
  Cz: StaticArray<f64>; // square-root: (2n + 2m) x m (m extra rows: room for the repair fallback)
  Rn: StaticArray<f64>;
  Ry: StaticArray<f64>;
  v: StaticArray<f64>;
  qw: StaticArray<f64>;
  Dt: StaticArray<f64>; // deviations transposed, (max(n, m)) x (2n + 1)
  Ew: StaticArray<f64>; // the same, columns weighted by Wc

  steps: i32 = 0;
  updates: i32 = 0;
  repairs: i32 = 0;
  lastFlags: i32 = 0;
  failStep: i32 = -1;
  failStage: i32 = 0;
  failIndex: i32 = -1;
  /** step number reported on failure; ukfRun sets it to its own step index */
  stepLabel: i32 = -1;

  constructor(n: i32, m: i32, nu: i32, w: SigmaWeights, fx: Process, hx: Measurement, options: i32) {
    this.n = n;
    this.m = m;
    this.nu = nu;
    const np = 2 * n + 1;
    this.np = np;
    this.w = w;
    this.fx = fx;
    this.hx = hx;
    this.options = options;
    this.sqrtForm = (options & OPT_SQRT) != 0;
    const nn = n * n, mm = m * m;
    this.x = new StaticArray<f64>(n);
    this.P = new StaticArray<f64>(nn);
    this.Q = new StaticArray<f64>(nn);
    this.R = new StaticArray<f64>(mm);
    this.Rp = new StaticArray<f64>(nn);
    this.Sq = new StaticArray<f64>(nn);
    this.Sr = new StaticArray<f64>(mm);
    this.xPrior = new StaticArray<f64>(n);
    this.PPrior = new StaticArray<f64>(nn);
    this.y = new StaticArray<f64>(m);
    this.S = new StaticArray<f64>(mm);
    this.KT = new StaticArray<f64>(m * n);
    this.U = new StaticArray<f64>(nn);
    this.chi = new StaticArray<f64>(np * n);
    this.Y = new StaticArray<f64>(np * n);
    this.Z = new StaticArray<f64>(np * m);
    this.xm = new StaticArray<f64>(n);
    this.Pn = new StaticArray<f64>(nn);
    this.zp = new StaticArray<f64>(m);
    this.dx = new StaticArray<f64>(n);
    this.PxzT = new StaticArray<f64>(m * n);
    this.SKt = new StaticArray<f64>(m * n);
    this.Us = new StaticArray<f64>(mm);
    const sq = (options & OPT_SQRT) != 0;
    this.Cx = new StaticArray<f64>(sq ? 3 * n * n : 0);
    this.Cz = new StaticArray<f64>(sq ? (2 * n + 2 * m) * m : 0);
    this.Rn = new StaticArray<f64>(nn);
    this.Ry = new StaticArray<f64>(mm);
    this.v = new StaticArray<f64>(n > m ? n : m);
    this.qw = new StaticArray<f64>(n > m ? n : m);
    this.Dt = new StaticArray<f64>((n > m ? n : m) * np);
    this.Ew = new StaticArray<f64>((n > m ? n : m) * np);
    // FilterPy's defaults: x = 0, P = Q = R = I
    for (let i = 0; i < n; i++) {
      this.P[i * n + i] = 1.0;
      this.Q[i * n + i] = 1.0;
      this.Rp[i * n + i] = 1.0;
      this.Sq[i * n + i] = 1.0;
    }
    for (let i = 0; i < m; i++) {
      this.R[i * m + i] = 1.0;
      this.Sr[i * m + i] = 1.0;
    }
  }

  // ---- failure bookkeeping -------------------------------------------------------------------

  private label(update: bool): i32 {
    if (this.stepLabel >= 0) return this.stepLabel;
    return update ? (this.steps > 0 ? this.steps - 1 : 0) : this.steps;
  }

  private fail(code: i32, stage: i32, index: i32, update: bool): bool {
    const k = this.label(update);
    this.failStep = k;
    this.failStage = stage;
    this.failIndex = index;
    setError(code, <f64>k);
    return false;
  }

  /** The status items (ukfInfo 6-9) describe the last predict/update call only. */
  private clearStatus(): void {
    this.lastFlags = 0;
    this.failStep = -1;
    this.failStage = 0;
    this.failIndex = -1;
  }

  private repaired(flags: i32): void {
    this.lastFlags |= flags;
    this.repairs++;
  }

  // ---- setting matrices -----------------------------------------------------------------------

  /** Sets P (n x n). Square-root form: factors it (repairing if allowed); false on failure. */
  setP(src: StaticArray<f64>): bool {
    const n = this.n;
    copy(a(this.P), a(src), n * n);
    if (!this.sqrtForm) return true;
    if (factorScaled(a(this.P), n, 1.0, a(this.Rp))) return true;
    if ((this.options & OPT_STRICT) != 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, FAIL_UPDATE_P, -1, false);
    const f = repairCovariance(a(this.P), n, 1.0, a(this.Rp));
    if (f < 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, FAIL_UPDATE_P, -1, false);
    this.repaired(f);
    return true;
  }

  /** Sets Q; square-root form: also its square root (must be positive semidefinite). */
  setQ(src: StaticArray<f64>): bool {
    copy(a(this.Q), a(src), this.n * this.n);
    if (!this.sqrtForm) return true;
    return psdRoot(a(this.Q), this.n, a(this.Sq));
  }

  setR(src: StaticArray<f64>): bool {
    copy(a(this.R), a(src), this.m * this.m);
    if (!this.sqrtForm) return true;
    return psdRoot(a(this.R), this.m, a(this.Sr));
  }

  /** The current P into out (square-root form: Rp^T Rp). */
  readP(out: usize): void {
    if (this.sqrtForm) gramUpper(a(this.Rp), this.n, out);
    else copy(out, a(this.P), this.n * this.n);
  }

  readPPrior(out: usize): void {
    if (this.sqrtForm) gramUpper(a(this.PPrior), this.n, out);
    else copy(out, a(this.PPrior), this.n * this.n);
  }

  /** diag(P) (square-root form: squared column norms of Rp, no full product). */
  diagP(out: usize, prior: bool): void {
    const n = this.n;
    const src = prior ? a(this.PPrior) : this.sqrtForm ? a(this.Rp) : a(this.P);
    if (!this.sqrtForm) {
      for (let i = 0; i < n; i++) st(out, i, ld(src, i * n + i));
      return;
    }
    for (let i = 0; i < n; i++) {
      let s = 0.0;
      for (let k = 0; k <= i; k++) {
        const t = ld(src, k * n + i);
        s += t * t;
      }
      st(out, i, s);
    }
  }

  /** The 2n+1 sigma points of the last draw (rows x, x + U_i, x - U_i; x = chi row 0) into out. */
  sigmaPoints(out: usize): void {
    const n = this.n, chi = a(this.chi), U = a(this.U);
    copy(out, chi, n);
    for (let i = 0; i < n; i++) {
      const ui = row(U, i, n), p = row(out, 1 + i, n), q = row(out, n + 1 + i, n);
      for (let j = 0; j < n; j++) {
        const xj = ld(chi, j), uj = ld(ui, j);
        st(p, j, xj + uj);
        st(q, j, xj - uj);
      }
    }
  }

  // ---- the unscented transform ----------------------------------------------------------------

  /**
   * U = sigma offsets of the current (x, P) and chi = the 2n+1 sigma rows (only row 0, x, if the model
   * maps x and the offsets separately; sigmaPoints forms them on demand). Standard form: Cholesky
   * of c P, repaired when it fails (unless strict). False (error set) if P cannot be factored.
   */
  private draw(update: bool): bool {
    const n = this.n, c = this.w.c;
    const U = a(this.U);
    if (this.sqrtForm) {
      const s = Math.sqrt(c);
      const rp = a(this.Rp);
      for (let k = 0; k < n * n; k++) st(U, k, s * ld(rp, k));
    } else if (!factorScaled(a(this.P), n, c, U)) {
      const stage = update ? FAIL_UPDATE_P : FAIL_PREDICT_P;
      if ((this.options & OPT_STRICT) != 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, stage, -1, update);
      const f = repairCovariance(a(this.P), n, c, U);
      if (f < 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, stage, -1, update);
      this.repaired(f);
    }
    const x = a(this.x), chi = a(this.chi);
    copy(chi, x, n);
    // linear models map x and the offsets U separately (models.ts): the other rows are formed on
    // demand (sigmaPoints) and the cross covariance reads U
    if (!(update ? this.hx.pointsNeeded : this.fx.pointsNeeded)) return true;
    for (let i = 0; i < n; i++) {
      const ui = row(U, i, n), p = row(chi, 1 + i, n), q = row(chi, n + 1 + i, n);
      for (let j = 0; j < n; j++) {
        const xj = ld(x, j), uj = ld(ui, j);
        st(p, j, xj + uj);
        st(q, j, xj - uj);
      }
    }
    return true;
  }

  /**
   * mean[0..len) = sum_r Wm_r rows_r (r in order; four rows per pass, each entry summed in the same
   * order as one row at a time); then the deviations rows_r - mean into v (r = 0) and Dt (r >= 1,
   * transposed, for weightedCov), and into rows_r as well if keepRows. Returns the first non-finite
   * value of rows (index), or -1: a non-finite term always makes its mean entry non-finite (finite
   * weights), so the rows are scanned only when the mean is not finite.
   */
  private meanAndDeviations(rows: usize, len: i32, mean: usize, keepRows: bool): i32 {
    const np = this.np;
    const wm = a(this.w.Wm);
    const rb = <usize>len << 3;
    fill(mean, 0.0, len);
    let r = 0;
    for (; r + 3 < np; r += 4) {
      const w0 = ld(wm, r), w1 = ld(wm, r + 1), w2 = ld(wm, r + 2), w3 = ld(wm, r + 3);
      let p = row(rows, r, len), q = mean;
      const end = mean + rb;
      while (q < end) {
        store<f64>(q, load<f64>(q) + w0 * load<f64>(p) + w1 * load<f64>(p + rb) + w2 * load<f64>(p + 2 * rb) + w3 * load<f64>(p + 3 * rb));
        p += 8;
        q += 8;
      }
    }
    for (; r < np; r++) axpy(mean, row(rows, r, len), ld(wm, r), len);
    if (firstNonFinite(mean, len) >= 0) {
      const bad = firstNonFinite(rows, np * len);
      if (bad >= 0) return bad;
    }
    // deviations: d_0 into v, d_r (r >= 1) as the columns of Dt (len x (np - 1), see weightedCov);
    // rows_r themselves overwritten only if keepRows
    const v = a(this.v), dt = a(this.Dt);
    for (let j = 0; j < len; j++) st(v, j, ld(rows, j) - ld(mean, j));
    if (keepRows) copy(rows, v, len);
    const kb = <usize>(np - 1) << 3;
    for (let r = 1; r < np; r++) {
      const p = row(rows, r, len);
      let q = dt + (<usize>(r - 1) << 3);
      for (let j = 0; j < len; j++) {
        const dv = ld(p, j) - ld(mean, j);
        store<f64>(q, dv);
        if (keepRows) st(p, j, dv);
        q += kb;
      }
    }
    return -1;
  }

  /**
   * out (len x len) = sum_r Wc_r d_r d_r^T + noise, d_r the deviations left by meanAndDeviations. Every point but the
   * centre has the same weight w (Merwe and Julier sets, sigma.ts), so
   * out = w (D1^T D1) + Wc_0 d_0 d_0^T + noise with D1 the rows r >= 1: D1^T (in Dt) and d_0 (in v)
   * as left by meanAndDeviations, D1^T D1 by the tiled gemmNT (upper triangle only: it is symmetric), then scaled and mirrored.
   */
  private weightedCov(len: i32, noise: usize, out: usize): void {
    const np = this.np, k = np - 1;
    const dt = a(this.Dt), d = a(this.v);
    const w = this.w.w, w0 = this.w.wc0;
    gemmNT(dt, dt, out, len, len, k, true);
    for (let i = 0; i < len; i++) {
      const d0i = w0 * ld(d, i);
      const oi = row(out, i, len);
      for (let j = i; j < len; j++) st(oi, j, w * ld(oi, j) + d0i * ld(d, j));
    }
    for (let i = 1; i < len; i++) {
      const oi = row(out, i, len);
      for (let j = 0; j < i; j++) st(oi, j, ld(out, j * len + i));
    }
    for (let t = 0; t < len * len; t++) st(out, t, ld(out, t) + ld(noise, t));
  }

  // ---- predict / update -----------------------------------------------------------------------

  /** Time update with input u (address of nu values, 0 for none). False with the error set. */
  predict(u: usize): bool {
    this.clearStatus();
    const n = this.n;
    if (u != 0 && this.nu > 0) {
      const bad = firstNonFinite(u, this.nu);
      if (bad >= 0) return this.fail(ERR_NAN_INPUT, FAIL_INPUT, bad, false);
    }
    if (this.nu == 0) u = 0;
    if (!this.draw(false)) return false;
    const Y = a(this.Y), xm = a(this.xm);
    if (!this.sqrtForm && this.fx instanceof LinearProcess && this.predictLinear(this.fx as LinearProcess, u)) {
      const badP = firstNonFinite(a(this.Pn), n * n);
      if (badP >= 0) return this.fail(ERR_NAN_INPUT, FAIL_MODEL_OUTPUT, badP, false);
      copy(a(this.P), a(this.Pn), n * n);
      copy(a(this.PPrior), a(this.P), n * n);
      copy(a(this.x), xm, n);
      copy(a(this.xPrior), xm, n);
      this.steps++;
      return true;
    }
    this.fx.propagate(a(this.chi), a(this.U), Y, u);
    const bad = this.meanAndDeviations(Y, n, xm, this.sqrtForm);
    if (bad >= 0) return this.fail(ERR_NAN_INPUT, FAIL_MODEL_OUTPUT, bad, false);
    if (this.sqrtForm) {
      if (!this.sqrtCovariance(Y, n, a(this.Sq), a(this.Cx), a(this.Rn), FAIL_PREDICT_P, false, a(this.Q))) return false;
      copy(a(this.Rp), a(this.Rn), n * n);
      copy(a(this.PPrior), a(this.Rp), n * n);
    } else {
      this.weightedCov(n, a(this.Q), a(this.Pn));
      const badP = firstNonFinite(a(this.Pn), n * n);
      if (badP >= 0) return this.fail(ERR_NAN_INPUT, FAIL_MODEL_OUTPUT, badP, false);
      copy(a(this.P), a(this.Pn), n * n);
      copy(a(this.PPrior), a(this.P), n * n);
    }
    copy(a(this.x), xm, n);
    copy(a(this.xPrior), xm, n);
    this.steps++;
    return true;
  }

  /**
   * Standard form, linear process: the propagated points are Y_0 = F x + B u and Y_0 +- A_i with
   * A_i = F U_i, so with e = Y_0 - mean, sum_r Wc_r (Y_r - mean)(Y_r - mean)^T
   * = Wc_0 e e^T + w sum_i [(e + A_i)(e + A_i)^T + (e - A_i)(e - A_i)^T] = 2w A^T A + (Wc_0 + 2n w) e e^T,
   * and the mean sum_r Wm_r Y_r = Y_0 (Wm_0 + 2n w = 1): e = 0 and P- = 2w A^T A + Q, the same
   * sums as the point-by-point form in exact arithmetic (they differ by rounding only) at half the
   * multiply-adds and without forming the 2n+1 rows. xm <- Y_0, Pn <- P- (not yet checked).
   * False (nothing decided; the caller runs the general form) if some Y_0 +- A_i could overflow
   * (max|Y_0| + max_j sqrt((A^T A)_jj) >= max|Y_0| + max|A| not below half the largest double) or any
   * value is not finite, so that
   * the general form reports the model-output failure exactly as before.
   */
  private predictLinear(lp: LinearProcess, u: usize): bool {
    const n = this.n;
    const xm = a(this.xm), At = a(this.Rn), Pn = a(this.Pn), Q = a(this.Q);
    lp.f(a(this.chi), xm, u);
    lp.offsetsT(a(this.U), At); // At = F U^T = A^T: row j holds component j of every offset
    gemmNT(At, At, Pn, n, n, n, true); // (A^T A)_jk = sum_i A_ij A_ik, upper triangle
    // overflow guard: |A_ij| <= sqrt((A^T A)_jj), and a NaN or inf in Y_0 or A reaches m0 or dmax
    let m0 = 0.0, dmax = 0.0;
    for (let j = 0; j < n; j++) {
      m0 = Math.max(m0, Math.abs(ld(xm, j)));
      dmax = Math.max(dmax, ld(Pn, j * n + j));
    }
    if (!(m0 + Math.sqrt(dmax) < 8.98e307)) return false; // also false for NaN (Math.max propagates it)
    // scale the upper triangle, mirror it, add Q (to both triangles: Q as the host set it)
    const w2 = 2.0 * this.w.w;
    for (let i = 0; i < n; i++) {
      const pi = row(Pn, i, n), qi = row(Q, i, n);
      st(pi, i, w2 * ld(pi, i) + ld(qi, i));
      for (let j = i + 1; j < n; j++) {
        const v = w2 * ld(pi, j);
        st(pi, j, v + ld(qi, j));
        st(Pn, j * n + i, v + ld(Q, j * n + i));
      }
    }
    return true;
  }

  /**
   * Square-root form: out (upper, len x len) with out^T out = sum_{r>=1} Wc_r d_r d_r^T + root^T root
   * + Wc_0 d_0 d_0^T (QR of the compound matrix, then a rank-1 update or downdate). If the downdate
   * fails the covariance is formed explicitly and repaired (unless strict). noise: the covariance
   * whose root is `root`, for that fallback.
   */
  private sqrtCovariance(d: usize, len: i32, root: usize, C: usize, out: usize, stage: i32, update: bool, noise: usize): bool {
    const np = this.np, n = this.n;
    const wc = a(this.w.Wc);
    for (let r = 1; r < np; r++) {
      const s = Math.sqrt(ld(wc, r)); // Wc_r = 1/(2c) > 0 for r >= 1
      const src = row(d, r, len), dst = row(C, r - 1, len);
      for (let j = 0; j < len; j++) st(dst, j, s * ld(src, j));
    }
    copy(row(C, 2 * n, len), root, len * len);
    qrR(C, 2 * n + len, len, out, a(this.qw));
    const w0 = ld(wc, 0);
    if (w0 == 0.0) return true;
    const v = a(this.v), s0 = Math.sqrt(Math.abs(w0));
    for (let j = 0; j < len; j++) st(v, j, s0 * ld(d, j));
    // keep a copy of the factor: a failed downdate leaves it half modified
    copy(C, out, len * len);
    if (cholRank1(out, len, v, w0 > 0.0 ? 1.0 : -1.0) < 0) return true;
    // fallback: the covariance itself, out^T out + Wc_0 d_0 d_0^T, repaired
    if ((this.options & OPT_STRICT) != 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, stage, -1, update);
    const full = row(C, len, len); // C has >= 2 len rows (Cx: 3n, Cz: 2n + 2m): room for a second block
    gramUpper(C, len, full);
    for (let i = 0; i < len; i++)
      for (let j = 0; j < len; j++) st(full, i * len + j, ld(full, i * len + j) + w0 * ld(d, i) * ld(d, j));
    const f = repairCovariance(full, len, 1.0, out);
    if (f < 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, stage, -1, update);
    this.repaired(stage == FAIL_S ? f << 2 : f);
    return true;
  }

  /** Measurement update with z (m values) and input u (0 for none). False with the error set. */
  update(z: usize, u: usize): bool {
    this.clearStatus();
    const n = this.n, m = this.m, np = this.np;
    const badZ = firstNonFinite(z, m);
    if (badZ >= 0) return this.fail(ERR_NAN_INPUT, FAIL_MEASUREMENT, badZ, true);
    if (u != 0 && this.nu > 0) {
      const bad = firstNonFinite(u, this.nu);
      if (bad >= 0) return this.fail(ERR_NAN_INPUT, FAIL_INPUT, bad, true);
    }
    if (this.nu == 0) u = 0;
    if (!this.draw(true)) return false;
    const chi = a(this.chi), Z = a(this.Z), zp = a(this.zp), x = a(this.x);
    this.hx.observe(chi, a(this.U), Z, u);
    const bad = this.meanAndDeviations(Z, m, zp, true);
    if (bad >= 0) return this.fail(ERR_NAN_INPUT, FAIL_MODEL_OUTPUT, bad, true);
    const S = a(this.S), Us = a(this.Us), Ry = a(this.Ry);
    if (this.sqrtForm) {
      if (!this.sqrtCovariance(Z, m, a(this.Sr), a(this.Cz), Ry, FAIL_S, true, a(this.R))) return false;
      gramUpper(Ry, m, S);
      copy(Us, Ry, m * m);
    } else {
      this.weightedCov(m, a(this.R), S);
      if (!factorScaled(S, m, 1.0, Us)) {
        if ((this.options & OPT_STRICT) != 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, FAIL_S, -1, true);
        const f = repairCovariance(S, m, 1.0, Us);
        if (f < 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, FAIL_S, -1, true);
        this.repaired(f << 2);
      }
    }
    // Pxz^T (m x n) = sum_r Wc_r (Z_r - zp) (chi_r - x)^T. chi_r - x is formed from U as the sigma
    // rows would give it, (x_j +- U_ij) - x_j; the centre term is exactly 0 (skipped), the points
    // x + U_i and x - U_i are summed together (fixed order: i = 0..n-1, + before -), and the entries
    // j < i are exact zeros (U upper triangular) and skipped.
    const PxzT = a(this.PxzT), wc = a(this.w.Wc), U = a(this.U);
    fill(PxzT, 0.0, m * n);
    for (let i = 0; i < n; i++) {
      const zp1 = row(Z, 1 + i, m), zm1 = row(Z, n + 1 + i, m);
      const wp = ld(wc, 1 + i), wn = ld(wc, n + 1 + i);
      const jo = <usize>i << 3;
      let k = 0;
      for (; k < m; k++) {
        const sp = wp * ld(zp1, k), sn = wn * ld(zm1, k);
        let p = row(PxzT, k, n) + jo, q = row(U, i, n) + jo, xq = x + jo;
        const end = row(PxzT, k, n) + (<usize>n << 3);
        while (p < end) {
          const xj = load<f64>(xq), uj = load<f64>(q);
          store<f64>(p, load<f64>(p) + sp * ((xj + uj) - xj) + sn * ((xj - uj) - xj));
          p += 8;
          q += 8;
          xq += 8;
        }
      }
    }
    // K^T = S^-1 Pxz^T (S = Us^T Us)
    const KT = a(this.KT);
    copy(KT, PxzT, m * n);
    cholSolveRows(Us, m, KT, n);
    const badK = firstNonFinite(KT, m * n);
    if (badK >= 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, FAIL_S, -1, true);
    // y = z - zp; x+ = x- + K y (committed only after the covariance succeeded)
    const yv = a(this.y);
    for (let j = 0; j < m; j++) st(yv, j, ld(z, j) - ld(zp, j));
    const xn = a(this.xm);
    copy(xn, x, n);
    for (let j = 0; j < m; j++) axpy(xn, row(KT, j, n), ld(yv, j), n);
    if (this.sqrtForm) {
      if (!this.sqrtDowndate(Ry)) return false;
    } else {
      // P+ = P- - K (S K^T)
      const SKt = a(this.SKt), P = a(this.P);
      fill(SKt, 0.0, m * n);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < m; j++) axpy(row(SKt, i, n), row(KT, j, n), ld(S, i * m + j), n);
      // rows of P two K columns per pass (each entry: same operations, same order as one at a time)
      for (let i = 0; i < n; i++) {
        const pi = row(P, i, n);
        let j = 0;
        for (; j + 1 < m; j += 2) {
          const s0 = -ld(KT, j * n + i), s1 = -ld(KT, (j + 1) * n + i);
          let p = pi, q0 = row(SKt, j, n), q1 = q0 + (<usize>n << 3);
          const end = pi + (<usize>n << 3);
          while (p < end) {
            store<f64>(p, load<f64>(p) + s0 * load<f64>(q0) + s1 * load<f64>(q1));
            p += 8;
            q0 += 8;
            q1 += 8;
          }
        }
        if (j < m) axpy(pi, row(SKt, j, n), -ld(KT, j * n + i), n);
      }
      if ((this.options & OPT_SYMMETRISE) != 0) symmetrise(P, n);
    }
    copy(x, xn, n);
    this.updates++;
    return true;
  }

  /** Rp <- factor of Rp^T Rp - (K Ry^T)(K Ry^T)^T by m rank-1 downdates (repair on failure). */
  private sqrtDowndate(Ry: usize): bool {
    const n = this.n, m = this.m;
    const Rp = a(this.Rp), Rn = a(this.Rn), KT = a(this.KT), v = a(this.v);
    copy(Rn, Rp, n * n);
    let ok = true;
    for (let j = 0; j < m && ok; j++) {
      // column j of K Ry^T: sum_l Ry[j, l] K[:, l] = sum_l Ry[j, l] K^T[l, :]
      fill(v, 0.0, n);
      for (let l = j; l < m; l++) axpy(v, row(KT, l, n), ld(Ry, j * m + l), n);
      ok = cholRank1(Rn, n, v, -1.0) < 0;
    }
    if (ok) {
      copy(Rp, Rn, n * n);
      return true;
    }
    if ((this.options & OPT_STRICT) != 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, FAIL_UPDATE_P, -1, true);
    // explicit P+ = Rp^T Rp - K S K^T, repaired
    const P = a(this.P), S = a(this.S), SKt = a(this.SKt);
    gramUpper(Rp, n, P);
    fill(SKt, 0.0, m * n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) axpy(row(SKt, i, n), row(KT, j, n), ld(S, i * m + j), n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) axpy(row(P, i, n), row(SKt, j, n), -ld(KT, j * n + i), n);
    const f = repairCovariance(P, n, 1.0, Rn);
    if (f < 0) return this.fail(ERR_NOT_POSITIVE_DEFINITE, FAIL_UPDATE_P, -1, true);
    this.repaired(f);
    copy(Rp, Rn, n * n);
    return true;
  }
}

/**
 * Upper "square root" X of a symmetric positive semidefinite A (n x n at p): X^T X = A. Cholesky when
 * A is definite; otherwise (a singular Q, e.g. FilterPy's Q_discrete_white_noise, which has rank 1)
 * from the eigen-decomposition, eigenvalues below 0 clipped to 0 if they are within rounding
 * (>= -1e-12 lambda_max), else ERR_NOT_POSITIVE_DEFINITE. The result is made upper triangular by a QR.
 */
function psdRoot(p: usize, n: i32, out: usize): bool {
  if (factorScaled(p, n, 1.0, out)) return true;
  const C = new StaticArray<f64>(n * n);
  copy(a(C), p, n * n);
  symmetrise(a(C), n);
  const ok = eigRoot(a(C), n);
  if (!ok) {
    setError(ERR_NOT_POSITIVE_DEFINITE, -1.0);
    return false;
  }
  const w = new StaticArray<f64>(n);
  qrR(a(C), n, n, out, a(w));
  return true;
}

/** c (symmetric) <- rows sqrt(l_k) v_k^T, so that c^T c = the input; false if clearly indefinite. */
function eigRoot(c: usize, n: i32): bool {
  const A = new Mat(n, n);
  copy(a(A.data), c, n * n);
  const e = eigSym(A);
  if (e == null) return false;
  const lam = e.values, V = e.vectors.data;
  const lmax = lam[n - 1];
  if (!isFinite(lmax) || lmax < 0.0) return false;
  for (let k = 0; k < n; k++) {
    let l = unchecked(lam[k]);
    if (l < -1e-12 * lmax) return false;
    const s = Math.sqrt(Math.max(l, 0.0));
    for (let j = 0; j < n; j++) st(c, k * n + j, s * unchecked(V[j * n + k]));
  }
  return true;
}
