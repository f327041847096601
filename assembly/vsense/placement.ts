// Sensor placement by Effective Independence (Kammer 1991, "Sensor placement for on-orbit modal
// identification and correlation of large space structures", J. Guidance Control Dyn.
// 14(2):251-259), ABI.md "Virtual sensing", jobSensorPlacement. With the K target mode shapes Φ_c at
// the candidate DOFs (rows φ_i), the Fisher information of an unbiased modal estimate from those
// sensors is Φ_cᵀΦ_c (unit noise); the effective independence of candidate i is its contribution to
// the rank of that matrix,
//   E_i = φ_iᵀ (Φ_cᵀΦ_c)⁻¹ φ_i   (the diagonal of the projector Φ_c(Φ_cᵀΦ_c)⁻¹Φ_cᵀ, 0 ≤ E_i ≤ 1),
// and the candidate with the smallest E_i is removed, one at a time, until `count` remain (ties: the
// later candidate goes). EfI-DPR weights E_i by the driving-point residue DPR_i = Σ_j φ_ij²/ω_j, a
// measure of the response energy at DOF i, so sensors stay away from low-energy locations (Meo &
// Zumpano 2005, "On the optimal sensor placement techniques for a bridge structure", Eng. Struct.
// 27(10):1488-1497). A candidate with E_i ≥ 1 − 1e-9 is never removed: without it Φ_cᵀΦ_c would be
// singular. The target modes are the lowest undamped modes of ((K + Kᵀ)/2, M) at the speed, the
// basis of the reduction in assembly/rotor/reduce.ts.
import { setError, ERR_INVALID_INPUT } from "../errors";
import { Mat } from "../linalg/matrix";
import { LU } from "../linalg/lu";
import { eigSymGeneralized } from "../linalg/eigsym";
import { RotorModel } from "../rotor/model";
import { assembleRotor } from "../rotor/assemble";
import { DofList } from "./request";

export const METHOD_EFI: i32 = 0;
export const METHOD_EFI_DPR: i32 = 1;

export class Placement {
  /** chosen candidate indices, ascending */
  chosen: StaticArray<i32>;
  /** E_i of the chosen candidates (unweighted) and their weights (DPR_i, or 1 for plain EfI) */
  efi: StaticArray<f64>;
  weight: StaticArray<f64>;
  fisherDet: f64 = 0.0;
  /** removal order: candidate index and its (weighted) score */
  removed: StaticArray<i32>;
  score: StaticArray<f64>;
  /** target natural frequencies, rad/s */
  wn: StaticArray<f64>;

  constructor(count: i32, removedCount: i32, k: i32) {
    this.chosen = new StaticArray<i32>(count);
    this.efi = new StaticArray<f64>(count);
    this.weight = new StaticArray<f64>(count);
    this.removed = new StaticArray<i32>(removedCount);
    this.score = new StaticArray<f64>(removedCount);
    this.wn = new StaticArray<f64>(k);
  }
}

/** The k lowest undamped modes of the model at `speed`: Φ (n × k, ΦᵀMΦ = I) and ω (rad/s). Null on failure. */
export function targetModes(model: RotorModel, speed: f64, k: i32, wn: StaticArray<f64>): Mat | null {
  const sys = assembleRotor(model, speed);
  const n = sys.n;
  const Ksym = sys.K.addScaled(sys.K.transpose(), 1.0).scale(0.5);
  const e = eigSymGeneralized(Ksym, sys.M);
  if (e === null) return null;
  const Phi = new Mat(n, k);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) Phi.set(i, j, e.vectors.get(i, j));
  for (let j = 0; j < k; j++) unchecked((wn[j] = Math.sqrt(Math.max(0.0, unchecked(e.values[j])))));
  return Phi;
}

/** (Φ_cᵀΦ_c)⁻¹ over the active rows (k × k, column by column from one LU) and det(Φ_cᵀΦ_c); null if singular. */
let fisherDet: f64 = 0.0;
function fisherInverse(phi: Mat, active: StaticArray<bool>): Mat | null {
  const k = phi.cols;
  const fim = new Mat(k, k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0.0;
      for (let r = 0; r < phi.rows; r++) if (unchecked(active[r])) s += phi.get(r, a) * phi.get(r, b);
      fim.set(a, b, s);
    }
  }
  const lu = LU.factor(fim);
  if (lu === null) return null;
  const inv = new Mat(k, k);
  for (let j = 0; j < k; j++) {
    const ej = new StaticArray<f64>(k);
    unchecked((ej[j] = 1.0));
    lu.solveInPlace(ej);
    for (let i = 0; i < k; i++) inv.set(i, j, unchecked(ej[i]));
  }
  fisherDet = lu.det();
  return inv;
}

function efiOf(phi: Mat, inv: Mat, r: i32): f64 {
  const k = phi.cols;
  let s = 0.0;
  for (let a = 0; a < k; a++) {
    let t = 0.0;
    for (let b = 0; b < k; b++) t += inv.get(a, b) * phi.get(r, b);
    s += phi.get(r, a) * t;
  }
  return s;
}

/**
 * Chooses `count` of the candidates by backward elimination. Null with the error set: code 2 if the
 * Fisher information matrix is singular (the candidates cannot resolve the target modes), code 1
 * (detail `countAt`) if every remaining candidate is needed before `count` is reached.
 */
export function effectiveIndependence(phi: Mat, wn: StaticArray<f64>, count: i32, method: i32, countAt: i32): Placement | null {
  const c = phi.rows, k = phi.cols;
  const weight = new StaticArray<f64>(c);
  for (let i = 0; i < c; i++) {
    if (method == METHOD_EFI_DPR) {
      let s = 0.0;
      for (let j = 0; j < k; j++) s += (phi.get(i, j) * phi.get(i, j)) / unchecked(wn[j]);
      unchecked((weight[i] = s));
    } else {
      unchecked((weight[i] = 1.0));
    }
  }
  const active = new StaticArray<bool>(c);
  for (let i = 0; i < c; i++) unchecked((active[i] = true));
  const p = new Placement(count, c - count, k);
  for (let j = 0; j < k; j++) unchecked((p.wn[j] = wn[j]));
  for (let step = 0; step < c - count; step++) {
    const inv = fisherInverse(phi, active);
    if (inv === null) return null;
    let worst = -1;
    let worstScore = Infinity;
    for (let r = 0; r < c; r++) {
      if (!unchecked(active[r])) continue;
      const e = efiOf(phi, inv, r);
      if (e >= 1.0 - 1e-9) continue;
      const s = e * unchecked(weight[r]);
      if (s <= worstScore) {
        worstScore = s;
        worst = r;
      }
    }
    if (worst < 0) {
      setError(ERR_INVALID_INPUT, <f64>countAt);
      return null;
    }
    unchecked((p.removed[step] = worst));
    unchecked((p.score[step] = worstScore));
    unchecked((active[worst] = false));
  }
  const inv = fisherInverse(phi, active);
  if (inv === null) return null;
  p.fisherDet = fisherDet;
  let o = 0;
  for (let r = 0; r < c; r++) {
    if (!unchecked(active[r])) continue;
    unchecked((p.chosen[o] = r));
    unchecked((p.efi[o] = efiOf(phi, inv, r)));
    unchecked((p.weight[o] = weight[r]));
    o++;
  }
  return p;
}

/** Rows of Φ at the candidate places. */
export function candidateShapes(Phi: Mat, places: DofList): Mat {
  const out = new Mat(places.length, Phi.cols);
  for (let r = 0; r < places.length; r++) for (let j = 0; j < Phi.cols; j++) out.set(r, j, Phi.get(places.dof[r], j));
  return out;
}
