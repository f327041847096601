// Damped complex modes of large rotors: the roots λ nearest a real shift σ from the largest
// eigenvalues θ = 1/(λ - σ) of (A - σI)⁻¹, A the state matrix of modal-dense.ts, by Arnoldi
// (eigsLargest). The operator is applied without forming A: (A - σI)[u; v] = [a; b] means
//   v = a + σu,   (K + σD + σ²M) u = -(M b + (D + σM) a)
// (Ericsson & Ruhe 1980, Math. Comp. 35(152):1251, spectral transformation; Tisseur & Meerbergen
// 2001, SIAM Review 43(2):235, §6.1 for its use on the linearised quadratic problem), so each apply
// is one solve with a single real LU of the n x n matrix K + σD + σ²M.
import { Mat } from "../linalg/matrix";
import { LU } from "../linalg/lu";
import { LinearOperator, eigsLargest } from "../linalg/arnoldi";
import { clearError } from "../errors";
import { RotorSystem } from "./assemble";
import { velocityMatrix } from "./modal-dense";
import { ModalResult, Roots, OVERDAMPED_ZETA } from "./modal-result";
import { RowRanges, mulVecRanges, BandedLUSolver } from "./modal-sparse";
import { QuadraticRefiner } from "./modal-refine";

/** Arnoldi convergence tolerance on the Ritz residual, relative to |θ|. */
const ARNOLDI_TOL: f64 = 1e-14;
const ARNOLDI_MAXITER: i32 = 300;
/** Newton steps per eigenpair; convergence is quadratic, so 2-3 are used from Arnoldi accuracy. */
const REFINE_STEPS: i32 = 6;
/** Relative margin around the reporting cut for the values before refinement (they are within ~1e-9). */
const REFINE_MARGIN: f64 = 1e-6;

/**
 * x ↦ (A - σI)⁻¹ x on the state [u; v/s] of length 2n: the velocity part is divided by a frequency
 * scale s, a similarity D⁻¹(A - σI)⁻¹D with D = diag(I, sI) that leaves the eigenvalues and the
 * displacement parts of the eigenvectors unchanged. An eigenvector of A is [φ; λφ]: in SI units its
 * two halves differ by |λ| (10³..10⁶ rad/s), which makes the operator strongly non-normal (its norm
 * far above its spectral radius) and limits the attainable accuracy of the small wanted values to
 * eps ||Op||; with s of the order of the wanted |λ| the halves are balanced (Tisseur & Meerbergen
 * 2001, §4.2, on scaling the linearisation of a quadratic eigenproblem).
 */
class ShiftInvertOperator extends LinearOperator {
  nq: i32;
  sigma: f64;
  scale: f64;
  M: Mat;
  /** D + σM */
  E: Mat;
  rr: RowRanges;
  solver: BandedLUSolver;
  a: StaticArray<f64>;
  b: StaticArray<f64>;
  r: StaticArray<f64>;
  t: StaticArray<f64>;

  constructor(nq: i32, sigma: f64, scale: f64, M: Mat, E: Mat, solver: BandedLUSolver) {
    super(2 * nq);
    this.nq = nq;
    this.sigma = sigma;
    this.scale = scale;
    this.M = M;
    this.E = E;
    this.rr = RowRanges.of(M, E);
    this.solver = solver;
    this.a = new StaticArray<f64>(nq);
    this.b = new StaticArray<f64>(nq);
    this.r = new StaticArray<f64>(nq);
    this.t = new StaticArray<f64>(nq);
  }

  apply(x: StaticArray<f64>, y: StaticArray<f64>): void {
    const n = this.nq, a = this.a, b = this.b, r = this.r, t = this.t;
    for (let i = 0; i < n; i++) {
      unchecked((a[i] = x[i]));
      unchecked((b[i] = x[n + i]));
    }
    mulVecRanges(this.M, this.rr, b, r);
    mulVecRanges(this.E, this.rr, a, t);
    const sc = this.scale;
    for (let i = 0; i < n; i++) unchecked((r[i] = sc * r[i] + t[i]));
    this.solver.solveInPlace(r);
    const s = this.sigma, inv = 1.0 / sc;
    for (let i = 0; i < n; i++) {
      const u = -unchecked(r[i]);
      unchecked((y[i] = u));
      unchecked((y[n + i] = (a[i] + s * u) * inv));
    }
  }
}

/** Chooses σ and factors K + σD + σ²M; σ = 0 unless K is singular (free rotor). */
class Shift {
  sigma: f64;
  lu: LU;
  constructor(sigma: f64, lu: LU) {
    this.sigma = sigma;
    this.lu = lu;
  }
}

function factorShift(sys: RotorSystem, D: Mat): Shift | null {
  const lu0 = LU.factor(sys.K);
  if (lu0 !== null) return new Shift(0.0, lu0);
  // K is singular (rigid-body modes at λ = 0): shift to a small fraction of the stiffness-to-mass
  // scale, well below any elastic frequency yet far enough from 0 for a well-conditioned solve.
  // Any real σ that is not itself a root works; try a few in case one is.
  const n = sys.n;
  let kmax = 0.0, mmax = 0.0;
  for (let i = 0; i < n; i++) {
    kmax = Math.max(kmax, Math.abs(sys.K.get(i, i)));
    mmax = Math.max(mmax, Math.abs(sys.M.get(i, i)));
  }
  let sigma = 1e-3 * Math.sqrt(kmax / mmax);
  if (!(sigma > 1.0)) sigma = 1.0;
  for (let attempt = 0; attempt < 4; attempt++) {
    clearError(); // the previous factorisation's failure was expected and is handled here
    const P = sys.K.addScaled(D, sigma).addScaled(sys.M, sigma * sigma);
    const lu = LU.factor(P);
    if (lu !== null) return new Shift(sigma, lu);
    sigma *= 3.7;
  }
  return null;
}

/**
 * A frequency scale for the state (ShiftInvertOperator): s² = (zᵀKz + σ² zᵀMz) / zᵀMz, the Rayleigh
 * quotient of one inverse-iteration step z = (K + σD + σ²M)⁻¹ M 1 from the uniform displacement, which
 * approximates the lowest squared natural frequency from above (and is at least σ² for a free rotor,
 * whose K is singular). 1 if the estimate is not a positive finite number.
 */
function frequencyScale(sys: RotorSystem, solver: BandedLUSolver, sigma: f64): f64 {
  const n = sys.n;
  const one = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) unchecked((one[i] = 1.0));
  const z = new StaticArray<f64>(n);
  sys.M.mulVec(one, z);
  solver.solveInPlace(z);
  const kz = new StaticArray<f64>(n), mz = new StaticArray<f64>(n);
  sys.K.mulVec(z, kz);
  sys.M.mulVec(z, mz);
  let zk = 0.0, zm = 0.0;
  for (let i = 0; i < n; i++) {
    zk += unchecked(z[i] * kz[i]);
    zm += unchecked(z[i] * mz[i]);
  }
  const q = Math.abs(zk / zm) + sigma * sigma;
  const s = Math.sqrt(q);
  return isFinite(s) && s > 0.0 ? s : 1.0;
}

/**
 * The first `nModes` reportable modes (modal-result.ts rules) by shift-invert Arnoldi. Completeness:
 * the roots not found satisfy |λ - σ| >= R (R = the largest 1/|θ| found), hence |λ| >= R - σ, and
 * a reportable root has ζ < 0.9, so wd > sqrt(1 - 0.9²) (R - σ). The number of requested roots is
 * doubled until the last reported wd is below that bound (or every root has been computed), so the
 * result is the same set the dense solver reports. The roots that can be reported are then refined by
 * Newton's method on the quadratic pencil (modal-refine.ts) in the band order `perm` (newmark.ts
 * bandOrder).
 */
export function modalShiftInvert(sys: RotorSystem, speed: f64, nModes: i32, perm: StaticArray<i32>): ModalResult | null {
  const n = sys.n, n2 = 2 * n;
  const D = velocityMatrix(sys, speed);
  const sh = factorShift(sys, D);
  if (sh === null) return null;
  const sigma = sh.sigma;
  const solver = new BandedLUSolver(sh.lu);
  const op = new ShiftInvertOperator(n, sigma, frequencyScale(sys, solver, sigma), sys.M, D.addScaled(sys.M, sigma), solver);
  const refiner = new QuadraticRefiner(sys.M, D, sys.K, perm);
  const zetaFactor = Math.sqrt(1.0 - OVERDAMPED_ZETA * OVERDAMPED_ZETA);
  // Conjugate pairs count twice, and a free rotor adds up to 8 roots at 0 (4 rigid motions, each
  // double). The completeness bound below needs the farthest root found about 1/√(1 − 0.9²) = 2.3
  // times beyond the last reported wd; asking for twice the reported roots' count from the start saves
  // the first, almost always incomplete, round of the doubling (measured: 200-element damped rotor of
  // bench/rotor.js, 12 modes, 0.33 s -> 0.28 s; 400-element thick Timoshenko shaft, 12 modes, 8 s -> 2.8 s).
  let k = 4 * nModes + 8 + (sigma > 0.0 ? 8 : 0);
  const lam = new StaticArray<f64>(2);
  while (true) {
    if (k > n2) k = n2;
    const e = eigsLargest(op, k, ARNOLDI_TOL, ARNOLDI_MAXITER);
    if (e === null) return null;
    const raw = new Roots(n);
    let R = 0.0;
    const m = e.wr.length;
    for (let j = 0; j < m; j++) {
      const tr = unchecked(e.wr[j]), ti = unchecked(e.wi[j]);
      const t2 = tr * tr + ti * ti;
      R = Math.max(R, 1.0 / Math.sqrt(t2));
      if (ti > 0.0) {
        // θ = tr ± i ti; λ = σ + 1/θ has Im λ > 0 for the conjugate θ̄ = tr - i ti, whose vector is
        // V[:, j] - i V[:, j+1]
        const ur = new StaticArray<f64>(n);
        const ui = new StaticArray<f64>(n);
        for (let i = 0; i < n; i++) {
          unchecked((ur[i] = e.V.get(i, j)));
          unchecked((ui[i] = -e.V.get(i, j + 1)));
        }
        raw.push(sigma + tr / t2, ti / t2, ur, ui);
        j++; // the conjugate has the same modulus
      }
    }
    // completeness from the Krylov values (refinement moves them by far less than the 1e-6 margin)
    const pre = ModalResult.fromRoots(raw, nModes, sys.nNodes);
    const bound = zetaFactor * (R - sigma);
    const complete = pre.count >= nModes && unchecked(pre.wd[nModes - 1]) * (1.0 + REFINE_MARGIN) <= bound;
    if (!complete && k < n2) {
      k *= 2;
      continue;
    }
    // refine only what can be reported: every root up to the last reported wd (plus the margin, so a
    // root that refinement moves across the cut is still there), whatever its class
    const cut = pre.count > 0 ? unchecked(pre.wd[pre.count - 1]) * (1.0 + REFINE_MARGIN) : 0.0;
    const roots = new Roots(n);
    for (let i = 0; i < raw.count; i++) {
      if (!(raw.lamIm[i] <= cut)) continue;
      const ur = raw.vecRe[i], ui = raw.vecIm[i];
      refiner.refine(ur, ui, raw.lamRe[i], raw.lamIm[i], REFINE_STEPS, lam);
      roots.push(lam[0], lam[1], ur, ui);
    }
    return ModalResult.fromRoots(roots, nModes, sys.nNodes);
  }
}
