// Sensor placement by Effective Independence (Kammer 1991, "Sensor placement for on-orbit modal
// identification and correlation of large space structures", J. Guidance Control Dyn. 14(2):251-259):
// with the target mode shapes Φ_c at the candidate DOFs (rows φ_i), the Fisher information of an
// unbiased modal estimate from those sensors is Φ_cᵀΦ_c (unit noise); the effective independence of
// candidate i is its contribution to the rank of that matrix,
//   E_i = φ_iᵀ (Φ_cᵀΦ_c)⁻¹ φ_i   (the diagonal of the projector Φ_c(Φ_cᵀΦ_c)⁻¹Φ_cᵀ, 0 ≤ E_i ≤ 1),
// and the candidate with the smallest E_i is removed, one at a time, until `count` remain. Minimising
// the loss of det(Φ_cᵀΦ_c) at each step makes the estimate of the modal coordinates from the chosen
// sensors as well conditioned (least variance) as the greedy search can.
// EfI-DPR (low-energy locations avoided): E_i is weighted by the driving-point residue
// DPR_i = Σ_j φ_ij² / ω_j, a measure of the response energy at DOF i (Meo & Zumpano 2005, "On the
// optimal sensor placement techniques for a bridge structure", Eng. Struct. 27(10):1488-1497, where
// it is compared with plain EfI and energy methods). The inverse of Φ_cᵀΦ_c is formed by the core's
// LU solver (linalgSolve).
import type { Core } from "../core/core.js";
import { type Dense, get } from "./dense.js";

export type PlacementMethod = "efi" | "efi-dpr";

export interface PlacementStep {
  /** candidate index removed at this step */
  removed: number;
  /** its (weighted) effective independence */
  score: number;
}

export interface Placement {
  /** chosen candidate indices, ascending */
  chosen: number[];
  /** E_i of the chosen candidates (unweighted), same order */
  efi: number[];
  /** weights (DPR_i, or 1 for plain EfI) of the chosen candidates */
  weight: number[];
  /** det(Φ_cᵀΦ_c) of the chosen set */
  fisherDet: number;
  /** removal order */
  steps: PlacementStep[];
}

/** (Φ_cᵀΦ_c)⁻¹ over the rows `rows` of phi, k × k row-major. */
function fisherInverse(core: Core, phi: Dense, rows: number[]): { inv: Float64Array; det: number } {
  const k = phi.c;
  const fim = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (const r of rows) s += get(phi, r, a) * get(phi, r, b);
      fim[a * k + b] = s;
    }
  }
  const inv = new Float64Array(k * k);
  core.withBuffers([fim], (pa) => {
    for (let j = 0; j < k; j++) {
      const e = new Float64Array(k);
      e[j] = 1;
      const x = core.withBuffers([e], (pb) => core.take(core.fn("linalgSolve")(pa!, pb!, k), "linalgSolve (Fisher information matrix)"));
      for (let i = 0; i < k; i++) inv[i * k + j] = x[i]!;
    }
  });
  const det = core.withBuffers([fim], (pa) => core.fn("linalgDet")(pa!, k));
  return { inv, det };
}

function efiOf(phi: Dense, inv: Float64Array, r: number): number {
  const k = phi.c;
  let s = 0;
  for (let a = 0; a < k; a++) {
    let t = 0;
    for (let b = 0; b < k; b++) t += inv[a * k + b]! * get(phi, r, b);
    s += get(phi, r, a) * t;
  }
  return s;
}

/** Driving-point residues Σ_j φ_ij² / ω_j of each row. */
export function drivingPointResidues(phi: Dense, wn: number[]): number[] {
  return Array.from({ length: phi.r }, (_, i) => {
    let s = 0;
    for (let j = 0; j < phi.c; j++) s += get(phi, i, j) ** 2 / wn[j]!;
    return s;
  });
}

/**
 * Chooses `count` of the candidate rows of phi (candidates × target modes, count ≥ modes) by
 * backward elimination on the (weighted) effective independence. Ties go to the later candidate
 * (the earlier one is kept), so the result does not depend on anything but the inputs.
 */
export function effectiveIndependence(core: Core, phi: Dense, wn: number[], count: number, method: PlacementMethod): Placement {
  const k = phi.c;
  if (count < k) throw new RangeError(`effective independence needs at least as many sensors (${count}) as target modes (${k})`);
  if (count > phi.r) throw new RangeError(`${count} sensors asked for, but only ${phi.r} candidates`);
  const weight = method === "efi-dpr" ? drivingPointResidues(phi, wn) : new Array<number>(phi.r).fill(1);
  let rows = Array.from({ length: phi.r }, (_, i) => i);
  const steps: PlacementStep[] = [];
  while (rows.length > count) {
    const { inv } = fisherInverse(core, phi, rows);
    let worst = -1, worstScore = Infinity;
    for (const r of rows) {
      const e = efiOf(phi, inv, r);
      // E_i = 1: the target modes cannot be told apart without this candidate (removing it would make
      // Φ_cᵀΦ_c singular); plain EfI never gets there, a weighted score could
      if (e >= 1 - 1e-9) continue;
      const s = e * weight[r]!;
      if (s <= worstScore) {
        worstScore = s;
        worst = r;
      }
    }
    if (worst < 0) throw new RangeError(`every remaining candidate is needed to resolve the ${k} target modes`);
    steps.push({ removed: worst, score: worstScore });
    rows = rows.filter((r) => r !== worst);
  }
  const { inv, det } = fisherInverse(core, phi, rows);
  return { chosen: rows, efi: rows.map((r) => efiOf(phi, inv, r)), weight: rows.map((r) => weight[r]!), fisherDet: det, steps };
}
