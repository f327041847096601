// The virtual sensor's state-space model: the rotor reduced to k undamped modes (RotorCore.reduce,
// assembly/rotor/reduce.ts), driven by the known unbalance force, observed through accelerations.
//
// Reduced model (Friswell et al. 2010, "Dynamics of Rotating Machines", §7.6; Craig & Kurdila 2006,
// §10.4): q ≈ Φη with Φ mass-normalised (ΦᵀMΦ = I), x = [η; η̇],
//   η̈ + Cr η̇ + Kr η = Φᵀ f,   Kr = ΦᵀKΦ, Cr = Φᵀ(C + ΩG)Φ,   ẋ = A x + [0; Φᵀ] f.
//
// Input. An unbalance m·e at phase φ on node j gives f(t) = a cos Ωt + b sin Ωt with
// a = m e Ω² [cos φ, sin φ] and b = m e Ω² [−sin φ, cos φ] on (x_j, y_j) (the core's convention,
// assembly/rotor/unbalance.ts). The filter's input is u_k = [cos Ωt_k, sin Ωt_k]. The discrete model
// is the exact solution over a sample for this sinusoidal force, not a zero-order hold of it:
//   x_k = e^{A dt} x_{k−1} + ∫₀^dt e^{As} [0; Φᵀ] f(t_k − s) ds = Ad x_{k−1} + Bu u_k,
//   Bu = [Γc Ba − Γs Bb,  Γs Ba + Γc Bb],  Γc + iΓs = ∫₀^dt e^{As} e^{iΩs} ds = (A + iΩI)⁻¹(e^{iΩdt} Ad − I),
// (expand cos/sin(Ω(t_k − s)); the integral of a matrix exponential times e^{iΩs} in closed form, e.g.
// Moler & Van Loan 2003, SIAM Review 45(1):3, §10). A + iΩI is invertible since A is damped (no
// eigenvalue on the imaginary axis); the complex solve runs in the core (linalgSolveComplex).
//
// Measurement. Accelerations at the sensor DOFs s: z = Φ_s η̈ = Φ_s(−Kr η − Cr η̇ + Φᵀ f), so
//   z_k = H x_k + D u_k,   H = [−Φ_s Kr, −Φ_s Cr],   D = Φ_s Φᵀ [a b],
// the feedthrough of the force to the accelerations (truncated-mode form of the M⁻¹ term).
//
// Process noise input. Model error enters as a modal force w (k values, held over a sample); its
// exact discrete effect is G w with G = ∫₀^dt e^{As} ds [0; I] = Bd M Φ (Bd = ∫₀^dt e^{As} ds [0; Φᵀ]
// from the core, and ΦᵀMΦ = I).
import type { Core } from "../core/core.js";
import type { RotorCore, UnbalanceMass } from "../rotor/core.js";
import { type Dense, block, dense, fromRows, get, hcat, matmul, pickRows, scale, transpose } from "./dense.js";
import type { NodeNumbering } from "../rotor/nodes.js";
import { type Dof, dofIndex } from "./dofs.js";

export interface ModalBasis {
  speed: number;
  dt: number;
  /** retained modes */
  k: number;
  /** model DOFs */
  n: number;
  /** undamped natural frequencies of the retained modes (rad/s) */
  wn: number[];
  /** n × k mass-normalised modes */
  Phi: Dense;
  Kr: Dense;
  Cr: Dense;
  /** continuous 2k × 2k system matrix */
  A: Dense;
  /** e^{A dt} */
  Ad: Dense;
  /** 2k × k: response to a modal force held over one sample */
  G: Dense;
}

/** Reduces the loaded rotor at `speed` (rad/s) to k modes with sample time dt. */
export function modalBasis(rotor: RotorCore, speed: number, k: number, dt: number): ModalBasis {
  const red = rotor.reduce(speed, k, dt);
  const n = red.dof;
  const C = fromRows(red.C);
  const Phi = block(C, 0, 0, n, k);
  const A = fromRows(red.A);
  const Kr = scale(block(A, k, 0, k, k), -1);
  const Cr = scale(block(A, k, k, k, k), -1);
  const M = dense(n, n, rotor.matrices(speed).M);
  const G = matmul(fromRows(red.Bd), matmul(M, Phi));
  return { speed, dt, k, n, wn: red.wn, Phi, Kr, Cr, A, Ad: fromRows(red.Ad), G };
}

/** Cosine and sine parts of the unbalance force, f(t) = a cos Ωt + b sin Ωt (n-vectors). */
export function unbalanceForce(unbalance: UnbalanceMass[], n: number, speed: number): { a: Float64Array; b: Float64Array } {
  const a = new Float64Array(n), b = new Float64Array(n);
  for (const u of unbalance) {
    const F = u.magnitude * speed * speed;
    const c = Math.cos(u.phase), s = Math.sin(u.phase);
    const dx = 4 * u.node, dy = dx + 1;
    a[dx] = a[dx]! + F * c;
    b[dx] = b[dx]! - F * s;
    a[dy] = a[dy]! + F * s;
    b[dy] = b[dy]! + F * c;
  }
  return { a, b };
}

/** Γ v = (A + iΩI)⁻¹ (e^{iΩdt} Ad − I) v for a real 2k-vector v: { re, im }. */
function gammaTimes(core: Core, basis: ModalBasis, v: Float64Array): { re: Float64Array; im: Float64Array } {
  const m = 2 * basis.k, W = basis.speed, dt = basis.dt;
  const c = Math.cos(W * dt), s = Math.sin(W * dt);
  const mat = new Float64Array(2 * m * m);
  mat.set(basis.A.v, 0);
  for (let i = 0; i < m; i++) mat[m * m + i * m + i] = W;
  const rhs = new Float64Array(2 * m);
  for (let i = 0; i < m; i++) {
    let adv = 0;
    for (let j = 0; j < m; j++) adv += get(basis.Ad, i, j) * v[j]!;
    rhs[i] = c * adv - v[i]!;
    rhs[m + i] = s * adv;
  }
  const x = core.withBuffers([mat, rhs], (pa, pb) => core.take(core.fn("linalgSolveComplex")(pa!, pb!, m), "linalgSolveComplex"));
  return { re: x.slice(0, m), im: x.slice(m) };
}

/** [0; Φᵀ f] for a force vector f. */
function modalInput(basis: ModalBasis, f: Float64Array): Float64Array {
  const k = basis.k;
  const out = new Float64Array(2 * k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < basis.n; i++) s += get(basis.Phi, i, j) * f[i]!;
    out[k + j] = s;
  }
  return out;
}

/** Exact discrete input matrix (2k × 2) of the force a cos Ωt + b sin Ωt for u_k = [cos Ωt_k, sin Ωt_k]. */
export function harmonicInput(core: Core, basis: ModalBasis, a: Float64Array, b: Float64Array): Dense {
  const ga = gammaTimes(core, basis, modalInput(basis, a));
  const gb = gammaTimes(core, basis, modalInput(basis, b));
  const m = 2 * basis.k;
  const Bu = dense(m, 2);
  for (let i = 0; i < m; i++) {
    Bu.v[2 * i] = ga.re[i]! - gb.im[i]!;
    Bu.v[2 * i + 1] = ga.im[i]! + gb.re[i]!;
  }
  return Bu;
}

export interface FilterMatrices {
  /** Ad */
  F: Dense;
  /** 2k × 2, input [cos Ωt_k, sin Ωt_k] */
  B: Dense;
  /** m × 2k, accelerations at the sensors */
  H: Dense;
  /** m × 2 feedthrough */
  D: Dense;
  /** e × 2k: displacements at the estimated DOFs, [Φ_e, 0] */
  out: Dense;
}

/** `nodes` maps the sensor and estimate DOFs (shaft or pedestal nodes) to rows of Φ. */
export function filterMatrices(core: Core, basis: ModalBasis, unbalance: UnbalanceMass[], sensors: Dof[], estimates: Dof[], nodes: NodeNumbering): FilterMatrices {
  const { a, b } = unbalanceForce(unbalance, basis.n, basis.speed);
  const k = basis.k;
  const PhiS = pickRows(basis.Phi, sensors.map((d) => dofIndex(d, nodes)));
  const H = hcat(scale(matmul(PhiS, basis.Kr), -1), scale(matmul(PhiS, basis.Cr), -1));
  const ab = dense(basis.n, 2);
  for (let i = 0; i < basis.n; i++) {
    ab.v[2 * i] = a[i]!;
    ab.v[2 * i + 1] = b[i]!;
  }
  const D = matmul(PhiS, matmul(transpose(basis.Phi), ab));
  const PhiE = pickRows(basis.Phi, estimates.map((d) => dofIndex(d, nodes)));
  return { F: basis.Ad, B: harmonicInput(core, basis, a, b), H, D, out: hcat(PhiE, dense(estimates.length, k)) };
}
