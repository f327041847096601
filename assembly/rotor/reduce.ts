// Modal reduction of the rotor at speed Ω to k modes, as a continuous and a discrete (zero-order
// hold) state-space model for estimators (the UKF runs on it).
//
// Basis: the k lowest undamped modes Φ of (K_sym, M), K_sym = (K + Kᵀ)/2, mass-normalised so
// ΦᵀMΦ = I (Craig & Kurdila 2006, "Fundamentals of Structural Dynamics", §10.4; Friswell et al. 2010,
// "Dynamics of Rotating Machines", §7.6 for rotors, where the non-symmetric parts of K and the
// gyroscopic and damping terms are projected on the undamped basis). With q = Φη:
//   η'' + Cr η' + Kr η = Φᵀ f,  Kr = ΦᵀKΦ (full K), Cr = Φᵀ(C + ΩG)Φ
//   z = [η; η'],  z' = A z + B f,  q = C z
//   A = [[0, I], [-Kr, -Cr]],  B = [[0], [Φᵀ]],  C = [Φ, 0].
// Discretisation: Ad = e^{A dt}, Bd = ∫₀^dt e^{Aτ} dτ B. Van Loan (1978, IEEE TAC 23(3):395, Thm. 1):
// expm([[A, I], [0, 0]] dt) = [[e^{A dt}, Γ], [0, I]] with Γ = ∫₀^dt e^{Aτ} dτ, then Bd = Γ B. Using I in
// place of B keeps the exponential 4k x 4k whatever the number n of force inputs.
import { Mat } from "../linalg/matrix";
import { eigSymGeneralized } from "../linalg/eigsym";
import { expm } from "../linalg/expm";
import { RotorSystem } from "./assemble";
import { velocityMatrix } from "./modal-dense";
import { hasError } from "../errors";

export class ReducedModel {
  k: i32;
  n: i32;
  /** 2k x 2k */
  A: Mat;
  /** 2k x n */
  B: Mat;
  /** n x 2k */
  C: Mat;
  /** 2k x 2k */
  Ad: Mat;
  /** 2k x n */
  Bd: Mat;
  /** undamped natural frequencies of the basis modes (rad/s), sqrt of the generalised eigenvalues */
  wn: StaticArray<f64>;

  constructor(k: i32, n: i32) {
    this.k = k;
    this.n = n;
    this.A = new Mat(2 * k, 2 * k);
    this.B = new Mat(2 * k, n);
    this.C = new Mat(n, 2 * k);
    this.Ad = new Mat(2 * k, 2 * k);
    this.Bd = new Mat(2 * k, n);
    this.wn = new StaticArray<f64>(k);
  }
}

/** Φᵀ X Φ for an n x n X and an n x k Φ. */
function project(Phi: Mat, X: Mat): Mat {
  return Phi.transpose().mul(X.mul(Phi));
}

/** Reduces `sys` at `speed` to 1 <= k <= n modes with sample time dt > 0; null (error set) on failure. */
export function reduceRotor(sys: RotorSystem, speed: f64, k: i32, dt: f64): ReducedModel | null {
  const n = sys.n;
  const Ksym = sys.K.addScaled(sys.K.transpose(), 1.0).scale(0.5);
  const e = eigSymGeneralized(Ksym, sys.M);
  if (e === null) return null;
  const Phi = new Mat(n, k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) Phi.set(i, j, e.vectors.get(i, j));
  const r = new ReducedModel(k, n);
  // a free rotor's rigid-body eigenvalues are 0 up to rounding, possibly slightly negative
  for (let j = 0; j < k; j++) unchecked((r.wn[j] = Math.sqrt(Math.max(0.0, unchecked(e.values[j])))));
  const Kr = project(Phi, sys.K);
  const Cr = project(Phi, velocityMatrix(sys, speed));
  const k2 = 2 * k;
  for (let i = 0; i < k; i++) {
    r.A.set(i, k + i, 1.0);
    for (let j = 0; j < k; j++) {
      r.A.set(k + i, j, -Kr.get(i, j));
      r.A.set(k + i, k + j, -Cr.get(i, j));
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < n; j++) r.B.set(k + i, j, Phi.get(j, i));
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) r.C.set(i, j, Phi.get(i, j));
  // Van Loan block exponential
  const k4 = 2 * k2;
  const S = new Mat(k4, k4);
  for (let i = 0; i < k2; i++) {
    for (let j = 0; j < k2; j++) S.set(i, j, r.A.get(i, j) * dt);
    S.set(i, k2 + i, dt);
  }
  const E = expm(S);
  if (hasError()) return null; // expm reports a non-finite input by error code
  const Gamma = new Mat(k2, k2);
  for (let i = 0; i < k2; i++) {
    for (let j = 0; j < k2; j++) {
      r.Ad.set(i, j, E.get(i, j));
      Gamma.set(i, j, E.get(i, k2 + j));
    }
  }
  r.Bd = Gamma.mul(r.B);
  return r;
}
