// Steady-state unbalance response in the frequency domain (Friswell et al. 2010, "Dynamics of
// Rotating Machines", §6.2 and §5.6.1): with speed = excitation frequency Ω and q(t) = Re(Q e^{iΩt}),
//   (K(Ω) − Ω² M + iΩ (C(Ω) + Ω G)) Q = F,
// bearing coefficients at Ω. An unbalance m·e at phase φ on node j rotates with the shaft: the force
// m e Ω² [cos(Ωt + φ), sin(Ωt + φ)] has phasors F_x = m e Ω² e^{iφ}, F_y = −i m e Ω² e^{iφ}, ROSS's
// convention (rotor_assembly.py `_unbalance_force`, b0 = [1, −i] m e e^{iφ}). A probe at angle θ
// from x reads Q_x cos θ + Q_y sin θ; amplitude |.|, phase arg(.) (numpy.angle; ROSS 2.3 reports the
// lag 2π − (arg mod 2π) instead, results.py Orbit.calculate_amplitude).
// A probe is given by the DOF of its x (the y DOF follows): a shaft node's or a pedestal's (nodes.ts).
// The complex system is solved in its real-equivalent form [[A, −B], [B, A]] with re/im interleaved
// per DOF in the banded order of assemble.ts (bandOrder): half-bandwidths 2kl+1, 2ku+1, so a frequency
// costs O(n·bandwidth²) instead of the dense O(n³) (band LU with partial pivoting, band.ts).
import { Mat } from "../linalg/matrix";
import { RotorModel } from "./model";
import { RotorSystem, assembleStructure, applySpeed, bandOrder } from "./assemble";
import { BandMatrix, BandLU, bandwidths } from "./band";

/** Unbalance masses: node, magnitude m·e (kg m), phase (rad). */
export class UnbalanceSet {
  node: StaticArray<i32>;
  me: StaticArray<f64>;
  phase: StaticArray<f64>;

  constructor(n: i32) {
    this.node = new StaticArray<i32>(n);
    this.me = new StaticArray<f64>(n);
    this.phase = new StaticArray<f64>(n);
  }

  get length(): i32 {
    return this.node.length;
  }
}

/** Adds the phasors of the unbalance forces at frequency w to (fr, fi). */
export function unbalancePhasors(u: UnbalanceSet, w: f64, fr: StaticArray<f64>, fi: StaticArray<f64>): void {
  for (let k = 0; k < u.length; k++) {
    const d = 4 * unchecked(u.node[k]);
    const a = unchecked(u.me[k]) * w * w;
    const c = Math.cos(unchecked(u.phase[k])), s = Math.sin(unchecked(u.phase[k]));
    // x: a e^{iφ};  y: −i a e^{iφ} = a (sin φ − i cos φ)
    unchecked((fr[d] = fr[d] + a * c));
    unchecked((fi[d] = fi[d] + a * s));
    unchecked((fr[d + 1] = fr[d + 1] + a * s));
    unchecked((fi[d + 1] = fi[d + 1] - a * c));
  }
}

/** Direction cosines of probes given by angles θ from x: [cos θ_0, …] and [sin θ_0, …]. */
export function probeCos(angles: StaticArray<f64>): StaticArray<f64> {
  const out = new StaticArray<f64>(angles.length);
  for (let p = 0; p < angles.length; p++) unchecked((out[p] = Math.cos(angles[p])));
  return out;
}

export function probeSin(angles: StaticArray<f64>): StaticArray<f64> {
  const out = new StaticArray<f64>(angles.length);
  for (let p = 0; p < angles.length; p++) unchecked((out[p] = Math.sin(angles[p])));
  return out;
}

/**
 * Probe-major [amplitude, phase] pairs: out[2 (p nF + f)], out[2 (p nF + f) + 1]; probe p reads the
 * DOFs probeDof[p] (x) and probeDof[p] + 1 (y) as Q_x c_p + Q_y s_p (c_p, s_p the direction cosines:
 * cos θ, sin θ of an angle θ from x, or exactly (1, 0) for x and (0, 1) for y). Null with
 * ERR_SINGULAR when the dynamic stiffness is singular at some frequency (an undamped resonance hit
 * exactly, or a free rotor at Ω = 0 with a non-zero load).
 */
export function unbalanceResponse(
  model: RotorModel,
  u: UnbalanceSet,
  freqs: StaticArray<f64>,
  probeDof: StaticArray<i32>,
  probeC: StaticArray<f64>,
  probeS: StaticArray<f64>,
): StaticArray<f64> | null {
  const nF = freqs.length, nP = probeDof.length;
  const out = new StaticArray<f64>(2 * nF * nP);
  const sys = new RotorSystem(model.nDof, model.nNodes, 0.0);
  assembleStructure(model, sys);
  const n = sys.n;
  const perm = bandOrder(model);
  const pos = new StaticArray<i32>(n);
  for (let i = 0; i < n; i++) unchecked((pos[perm[i]] = i));
  const fr = new StaticArray<f64>(n);
  const fi = new StaticArray<f64>(n);
  const z = new StaticArray<f64>(2 * n);
  for (let f = 0; f < nF; f++) {
    const w = unchecked(freqs[f]);
    for (let i = 0; i < n; i++) {
      unchecked((fr[i] = 0.0));
      unchecked((fi[i] = 0.0));
    }
    unbalancePhasors(u, w, fr, fi);
    let zero = true;
    for (let i = 0; i < n; i++) if (unchecked(fr[i]) != 0.0 || unchecked(fi[i]) != 0.0) zero = false;
    if (!zero) {
      // a zero load (Ω = 0 or no unbalance) has the zero response: no solve, so a free rotor's
      // singular K at Ω = 0 is not an error there
      applySpeed(model, sys, w);
      const lu = BandLU.factor(dynamicStiffness(sys, w, perm));
      if (lu == null) return null;
      for (let i = 0; i < n; i++) {
        const d = unchecked(perm[i]);
        unchecked((z[2 * i] = fr[d]));
        unchecked((z[2 * i + 1] = fi[d]));
      }
      lu.solveInPlace(z);
      for (let i = 0; i < n; i++) {
        const d = unchecked(perm[i]);
        unchecked((fr[d] = z[2 * i]));
        unchecked((fi[d] = z[2 * i + 1]));
      }
    }
    for (let p = 0; p < nP; p++) {
      const d = unchecked(probeDof[p]);
      const ct = unchecked(probeC[p]), st = unchecked(probeS[p]);
      const re = unchecked(fr[d]) * ct + unchecked(fr[d + 1]) * st;
      const im = unchecked(fi[d]) * ct + unchecked(fi[d + 1]) * st;
      const o = 2 * (p * nF + f);
      unchecked((out[o] = Math.hypot(re, im)));
      unchecked((out[o + 1] = Math.atan2(im, re)));
    }
  }
  return out;
}

/**
 * Real-equivalent band form of K − Ω² M + iΩ (C + Ω G) in the internal order: unknowns
 * (re_0, im_0, re_1, im_1, ...), block (i, j) = [[a, −b], [b, a]], a + ib the complex entry.
 */
function dynamicStiffness(sys: RotorSystem, w: f64, perm: StaticArray<i32>): BandMatrix {
  const n = sys.n, w2 = w * w;
  let kl = 0, ku = 0;
  const mats: Mat[] = [sys.M, sys.K, sys.C, sys.G];
  for (let q = 0; q < 4; q++) {
    const bw = bandwidths(mats[q], perm);
    if (bw[0] > kl) kl = bw[0];
    if (bw[1] > ku) ku = bw[1];
  }
  const B = new BandMatrix(2 * n, 2 * kl + 1, 2 * ku + 1);
  const M = sys.M, K = sys.K, C = sys.C, G = sys.G;
  for (let i = 0; i < n; i++) {
    const ri = unchecked(perm[i]);
    const j0 = i - kl > 0 ? i - kl : 0;
    const j1 = i + ku < n - 1 ? i + ku : n - 1;
    for (let j = j0; j <= j1; j++) {
      const rj = unchecked(perm[j]);
      const a = K.get(ri, rj) - w2 * M.get(ri, rj);
      const b = w * C.get(ri, rj) + w2 * G.get(ri, rj);
      B.set(2 * i, 2 * j, a);
      B.set(2 * i, 2 * j + 1, -b);
      B.set(2 * i + 1, 2 * j, b);
      B.set(2 * i + 1, 2 * j + 1, a);
    }
  }
  return B;
}
