// The virtual sensor's state-space model (ABI.md, "Virtual sensing"): the rotor reduced to k undamped
// modes (assembly/rotor/reduce.ts), driven by the known unbalance force, observed through
// accelerations, with the filter's noise model.
//
// Reduced model (Friswell et al. 2010, "Dynamics of Rotating Machines", §7.6; Craig & Kurdila 2006,
// "Fundamentals of Structural Dynamics", §10.4): q ≈ Φη with Φ mass-normalised (ΦᵀMΦ = I), x = [η; η̇],
//   η̈ + Cr η̇ + Kr η = Φᵀ f,   Kr = ΦᵀKΦ, Cr = Φᵀ(C + ΩG)Φ,   ẋ = A x + [0; Φᵀ] f.
//
// Input. An unbalance m·e at phase φ on node j gives f(t) = a cos Ωt + b sin Ωt with
// a = m e Ω² [cos φ, sin φ] and b = m e Ω² [−sin φ, cos φ] on (x_j, y_j) (the convention of
// assembly/rotor/unbalance.ts and newmark.ts). The filter's input is u_k = [cos Ωt_k, sin Ωt_k]. The
// discrete model is the exact solution over a sample for this sinusoidal force, not a zero-order hold:
//   x_k = e^{A dt} x_{k−1} + ∫₀^dt e^{As} [0; Φᵀ] f(t_k − s) ds = Ad x_{k−1} + Bu u_k,
//   Bu = [Γc Ba − Γs Bb,  Γs Ba + Γc Bb],  Γc + iΓs = ∫₀^dt e^{As} e^{iΩs} ds = (A + iΩI)⁻¹(e^{iΩdt} Ad − I)
// (cos/sin(Ω(t_k − s)) expanded; the integral of a matrix exponential times e^{iΩs} in closed form,
// Moler & Van Loan 2003, SIAM Review 45(1):3, §10). A + iΩI is invertible since A is damped; it is
// solved by complex LU (assembly/linalg/clu.ts).
//
// Measurement. Accelerations at the sensor DOFs s: z = Φ_s η̈ = Φ_s(−Kr η − Cr η̇ + Φᵀ f), so
//   z_k = H x_k + D u_k,   H = [−Φ_s Kr, −Φ_s Cr],   D = Φ_s Φᵀ [a b].
// Estimates: the displacements at the estimate DOFs e, [Φ_e, 0] x.
//
// Noise model (Simon 2006, "Optimal State Estimation", §5.5 and §7.1: Q and R state the designer's
// model and sensor uncertainty). Model error is a white modal force w (k values, std σ, held over a
// sample; the "discrete white noise" input model of Bar-Shalom, Li & Kirubarajan 2001, "Estimation
// with Applications to Tracking and Navigation", §6.3.3) whose exact discrete effect is G w,
// G = ∫₀^dt e^{As} ds [0; I] = Bd M Φ (Bd = ∫₀^dt e^{As} ds [0; Φᵀ] from the reduction, ΦᵀMΦ = I):
// Q = σ² G Gᵀ with σ = modelError × max_j |Φ_jᵀ(a − ib)|, the largest modal unbalance force
// amplitude. x0 = 0 and P0 = diag((2ρ)² for η_j, (2 max(ω_j, Ω) ρ)² for η̇_j), ρ the largest modal
// amplitude of the model's steady unbalance response η_ss = (Kr − Ω²I + iΩCr)⁻¹ Φᵀ(a − ib).
import { Mat, CMat } from "../linalg/matrix";
import { ComplexLU } from "../linalg/clu";
import { RotorModel } from "../rotor/model";
import { assembleRotor } from "../rotor/assemble";
import { reduceRotor } from "../rotor/reduce";
import { UnbalanceSet } from "../rotor/unbalance";
import { DofList } from "./request";

export class FilterModel {
  k: i32;
  n: i32;
  speed: f64;
  dt: f64;
  /** undamped natural frequencies of the retained modes, rad/s */
  wn: StaticArray<f64>;
  /** n × k mass-normalised modes */
  Phi: Mat;
  Kr: Mat;
  Cr: Mat;
  /** 2k × 2k: continuous A and its exponential e^{A dt} (the process matrix F) */
  A: Mat;
  F: Mat;
  /** 2k × k: response to a modal force held over a sample */
  G: Mat;
  /** 2k × 2: input matrix of u = [cos Ωt, sin Ωt] */
  B: Mat;
  /** m × 2k accelerations at the sensors, m × 2 feedthrough */
  H: Mat;
  D: Mat;
  /** k × 2: the modal unbalance force Φᵀ[a b] (the runner's virtual accelerations) */
  Fab: Mat;
  /** e × 2k: displacements at the estimate DOFs */
  out: Mat;
  /** modal force std σ, Q = σ² G Gᵀ (2k × 2k), diagonal of P0 (2k), ρ */
  sigma: f64 = 0.0;
  Q: Mat;
  P0: StaticArray<f64>;
  rho: f64 = 0.0;

  constructor(k: i32, n: i32) {
    this.k = k;
    this.n = n;
    this.wn = new StaticArray<f64>(k);
    this.Phi = new Mat(n, k);
    this.Kr = new Mat(k, k);
    this.Cr = new Mat(k, k);
    this.A = new Mat(2 * k, 2 * k);
    this.F = new Mat(2 * k, 2 * k);
    this.G = new Mat(2 * k, k);
    this.B = new Mat(2 * k, 2);
    this.H = new Mat(0, 0);
    this.D = new Mat(0, 0);
    this.Fab = new Mat(0, 0);
    this.out = new Mat(0, 0);
    this.Q = new Mat(2 * k, 2 * k);
    this.P0 = new StaticArray<f64>(2 * k);
  }
}

/** Cosine and sine parts a, b (n-vectors) of the unbalance force f(t) = a cos Ωt + b sin Ωt. */
export function unbalanceForce(unb: UnbalanceSet, n: i32, speed: f64, a: StaticArray<f64>, b: StaticArray<f64>): void {
  for (let i = 0; i < n; i++) {
    unchecked((a[i] = 0.0));
    unchecked((b[i] = 0.0));
  }
  for (let q = 0; q < unb.length; q++) {
    const F = unchecked(unb.me[q]) * speed * speed;
    const c = Math.cos(unchecked(unb.phase[q])), s = Math.sin(unchecked(unb.phase[q]));
    const dx = 4 * unchecked(unb.node[q]), dy = dx + 1;
    unchecked((a[dx] = a[dx] + F * c));
    unchecked((b[dx] = b[dx] - F * s));
    unchecked((a[dy] = a[dy] + F * s));
    unchecked((b[dy] = b[dy] + F * c));
  }
}

/** Σ_i Φ_ij f_i for every mode j (summed over i in order). */
function modalForce(Phi: Mat, f: StaticArray<f64>, j: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < Phi.rows; i++) s += Phi.get(i, j) * unchecked(f[i]);
  return s;
}

/** Rows `dofs` of Φ. */
function pickRows(Phi: Mat, places: DofList): Mat {
  const out = new Mat(places.length, Phi.cols);
  for (let r = 0; r < places.length; r++) {
    const d = unchecked(places.dof[r]);
    for (let j = 0; j < Phi.cols; j++) out.set(r, j, Phi.get(d, j));
  }
  return out;
}

/**
 * The filter model of `model` (the filter's, possibly mismatched, model) at speed Ω (rad/s) with k
 * modes and sample time 1/fs. Null with the error of the reduction or of a singular complex system.
 */
export function buildFilterModel(model: RotorModel, speed: f64, k: i32, fs: f64, unb: UnbalanceSet, sensors: DofList, estimates: DofList, modelError: f64): FilterModel | null {
  const dt = 1.0 / fs;
  const sys = assembleRotor(model, speed);
  const red = reduceRotor(sys, speed, k, dt);
  if (red === null) return null;
  const n = red.n, k2 = 2 * k;
  const fm = new FilterModel(k, n);
  fm.speed = speed;
  fm.dt = dt;
  for (let j = 0; j < k; j++) unchecked((fm.wn[j] = red.wn[j]));
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) fm.Phi.set(i, j, red.C.get(i, j));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      fm.Kr.set(i, j, red.A.get(k + i, j) * -1.0);
      fm.Cr.set(i, j, red.A.get(k + i, k + j) * -1.0);
    }
  }
  fm.A = red.A;
  fm.F = red.Ad;
  fm.G = red.Bd.mul(sys.M.mul(fm.Phi));

  const a = new StaticArray<f64>(n), b = new StaticArray<f64>(n);
  unbalanceForce(unb, n, speed, a, b);

  // Bu from Γ = (A + iΩI)⁻¹(e^{iΩdt} Ad − I), one complex LU for both force parts
  const W = speed;
  const AW = new CMat(k2, k2);
  for (let i = 0; i < k2; i++) {
    for (let j = 0; j < k2; j++) AW.set(i, j, red.A.get(i, j), i == j ? W : 0.0);
  }
  const lu = ComplexLU.factor(AW);
  if (lu === null) return null;
  const c = Math.cos(W * dt), s = Math.sin(W * dt);
  const gaRe = new StaticArray<f64>(k2), gaIm = new StaticArray<f64>(k2);
  const gbRe = new StaticArray<f64>(k2), gbIm = new StaticArray<f64>(k2);
  gammaTimes(fm, lu, a, c, s, gaRe, gaIm);
  gammaTimes(fm, lu, b, c, s, gbRe, gbIm);
  for (let i = 0; i < k2; i++) {
    fm.B.set(i, 0, unchecked(gaRe[i]) - unchecked(gbIm[i]));
    fm.B.set(i, 1, unchecked(gaIm[i]) + unchecked(gbRe[i]));
  }

  // measurement and estimate matrices
  const PhiS = pickRows(fm.Phi, sensors);
  const HK = PhiS.mul(fm.Kr).scale(-1.0), HC = PhiS.mul(fm.Cr).scale(-1.0);
  const m = sensors.length;
  fm.H = new Mat(m, k2);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < k; j++) {
      fm.H.set(i, j, HK.get(i, j));
      fm.H.set(i, k + j, HC.get(i, j));
    }
  }
  const ab = new Mat(n, 2);
  for (let i = 0; i < n; i++) {
    ab.set(i, 0, unchecked(a[i]));
    ab.set(i, 1, unchecked(b[i]));
  }
  fm.Fab = fm.Phi.transpose().mul(ab);
  fm.D = PhiS.mul(fm.Fab);
  const PhiE = pickRows(fm.Phi, estimates);
  fm.out = new Mat(estimates.length, k2);
  for (let i = 0; i < estimates.length; i++) for (let j = 0; j < k; j++) fm.out.set(i, j, PhiE.get(i, j));

  // Q = σ² G Gᵀ
  let best = 0.0;
  for (let j = 0; j < k; j++) best = Math.max(best, Math.hypot(modalForce(fm.Phi, a, j), modalForce(fm.Phi, b, j)));
  fm.sigma = modelError * best;
  const s2 = fm.sigma * fm.sigma;
  for (let i = 0; i < k2; i++) {
    for (let j = 0; j < k2; j++) {
      let t = 0.0;
      for (let l = 0; l < k; l++) t += fm.G.get(i, l) * fm.G.get(j, l);
      fm.Q.set(i, j, s2 * t);
    }
  }

  // P0 from the steady modal amplitude ρ
  const SS = new CMat(k, k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) SS.set(i, j, fm.Kr.get(i, j) - (i == j ? W * W : 0.0), W * fm.Cr.get(i, j));
  }
  const slu = ComplexLU.factor(SS);
  if (slu === null) return null;
  const xr = new StaticArray<f64>(k), xi = new StaticArray<f64>(k);
  for (let j = 0; j < k; j++) {
    unchecked((xr[j] = modalForce(fm.Phi, a, j)));
    unchecked((xi[j] = -modalForce(fm.Phi, b, j)));
  }
  slu.solveInPlace(xr, xi);
  let rho = 0.0;
  for (let j = 0; j < k; j++) rho = Math.max(rho, Math.hypot(unchecked(xr[j]), unchecked(xi[j])));
  fm.rho = rho;
  for (let j = 0; j < k; j++) {
    const p = 2.0 * rho;
    unchecked((fm.P0[j] = p * p));
    const v = 2.0 * Math.max(unchecked(fm.wn[j]), W) * rho;
    unchecked((fm.P0[k + j] = v * v));
  }
  return fm;
}

/** Γ v for v = [0; Φᵀ f]: (A + iΩI) g = (e^{iΩdt} Ad − I) v, with c + is = e^{iΩdt}. */
function gammaTimes(fm: FilterModel, lu: ComplexLU, f: StaticArray<f64>, c: f64, s: f64, re: StaticArray<f64>, im: StaticArray<f64>): void {
  const k = fm.k, k2 = 2 * k;
  const v = new StaticArray<f64>(k2);
  for (let j = 0; j < k; j++) unchecked((v[k + j] = modalForce(fm.Phi, f, j)));
  for (let i = 0; i < k2; i++) {
    let adv = 0.0;
    for (let j = 0; j < k2; j++) adv += fm.F.get(i, j) * unchecked(v[j]);
    unchecked((re[i] = c * adv - v[i]));
    unchecked((im[i] = s * adv));
  }
  lu.solveInPlace(re, im);
}
