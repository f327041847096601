// Global matrices of the rotor: M q'' + (C + Ω G) q' + K q = f (Friswell et al. 2010, "Dynamics of
// Rotating Machines", §5.5: direct stiffness assembly of shaft elements, disks and supports).
// DOF numbering of assembly/ABI.md: node i has 4i + [x, y, α, β]; pedestal p has 4 nNodes + 2p + [x, y].
import { Mat } from "../linalg/matrix";
import { RotorModel, SupportCoefficients } from "./model";
import { shaftElementMatrices } from "./element";
import { addDisk } from "./disk";

export class RotorSystem {
  /** number of DOF */
  n: i32;
  nNodes: i32;
  /** shaft + disks + pedestal masses */
  M: Mat;
  /** shaft + bearings (at the assembly speed) + pedestals */
  K: Mat;
  /** bearings (at speed) + pedestals + Rayleigh alpha M + beta Kshaft */
  C: Mat;
  /** gyroscopic matrix at unit speed */
  G: Mat;
  /** shaft stiffness alone */
  Kshaft: Mat;
  /** speed the bearing coefficients were taken at (rad/s) */
  speed: f64;

  constructor(n: i32, nNodes: i32, speed: f64) {
    this.n = n;
    this.nNodes = nNodes;
    this.M = new Mat(n, n);
    this.K = new Mat(n, n);
    this.C = new Mat(n, n);
    this.G = new Mat(n, n);
    this.Kshaft = new Mat(n, n);
    this.speed = speed;
  }
}

/**
 * Adds a 2x2 support (K, C) acting on DOFs (i, i+1) relative to (j, j+1), or to the ground when
 * j < 0: the force on i is -K (q_i - q_j) - C (q_i' - q_j'), the reaction on j its opposite.
 */
export function addSupport(K: Mat, C: Mat, i: i32, j: i32, c: SupportCoefficients): void {
  addPair(K, i, j, c.kxx, c.kxy, c.kyx, c.kyy);
  addPair(C, i, j, c.cxx, c.cxy, c.cyx, c.cyy);
}

function addPair(A: Mat, i: i32, j: i32, xx: f64, xy: f64, yx: f64, yy: f64): void {
  add2(A, i, i, xx, xy, yx, yy, 1.0);
  if (j >= 0) {
    add2(A, j, j, xx, xy, yx, yy, 1.0);
    add2(A, i, j, xx, xy, yx, yy, -1.0);
    add2(A, j, i, xx, xy, yx, yy, -1.0);
  }
}

@inline function add2(A: Mat, r: i32, c: i32, xx: f64, xy: f64, yx: f64, yy: f64, s: f64): void {
  A.addAt(r, c, s * xx);
  A.addAt(r, c + 1, s * xy);
  A.addAt(r + 1, c, s * yx);
  A.addAt(r + 1, c + 1, s * yy);
}

/** Shaft elements and disks only: M, Kshaft, G (supports and damping are added by assembleRotor). */
export function assembleStructure(model: RotorModel, sys: RotorSystem): void {
  const M = sys.M, Ks = sys.Kshaft, G = sys.G;
  const ne = model.elements.length;
  for (let e = 0; e < ne; e++) {
    const em = shaftElementMatrices(unchecked(model.elements[e]));
    const o = 4 * e;
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        const k = i * 8 + j;
        M.addAt(o + i, o + j, unchecked(em.M[k]));
        Ks.addAt(o + i, o + j, unchecked(em.K[k]));
        G.addAt(o + i, o + j, unchecked(em.G[k]));
      }
    }
  }
  for (let d = 0; d < model.disks.length; d++) addDisk(unchecked(model.disks[d]), M, G);
  for (let p = 0; p < model.pedestals.length; p++) {
    const q = model.pedestalDof(p);
    const m = unchecked(model.pedestals[p]).m;
    M.addAt(q, q, m);
    M.addAt(q + 1, q + 1, m);
  }
}

/** Assembles the rotor with bearing coefficients taken at `speed` (rad/s). */
export function assembleRotor(model: RotorModel, speed: f64): RotorSystem {
  const sys = new RotorSystem(model.nDof, model.nNodes, speed);
  assembleStructure(model, sys);
  applySpeed(model, sys, speed);
  return sys;
}

/**
 * Rebuilds K and C of an assembled system for bearing coefficients at `speed` (the structure, M,
 * Kshaft and G, does not depend on speed): lets a frequency sweep assemble the shaft only once.
 */
export function applySpeed(model: RotorModel, sys: RotorSystem, speed: f64): void {
  const n = sys.n;
  const K = sys.K, C = sys.C;
  sys.speed = speed;
  const bytes = <usize>n * <usize>n * 8;
  memory.copy(changetype<usize>(K.data), changetype<usize>(sys.Kshaft.data), bytes);
  memory.fill(changetype<usize>(C.data), 0, bytes);
  for (let b = 0; b < model.bearings.length; b++) {
    const br = unchecked(model.bearings[b]);
    const j = br.pedestal >= 0 ? model.pedestalDof(br.pedestal) : -1;
    addSupport(K, C, 4 * br.node, j, br.coefficientsAt(speed));
  }
  for (let p = 0; p < model.pedestals.length; p++) {
    addSupport(K, C, model.pedestalDof(p), -1, unchecked(model.pedestals[p]).c);
  }
  // Rayleigh damping of the rotor (Rayleigh 1877, Theory of Sound §97; DESIGN.md "damping")
  if (model.alpha != 0.0 || model.beta != 0.0) {
    const c = C.data, m = sys.M.data, ks = sys.Kshaft.data;
    const a = model.alpha, bt = model.beta;
    for (let k = 0; k < n * n; k++) unchecked((c[k] = c[k] + a * m[k] + bt * ks[k]));
  }
}

/**
 * Internal DOF order that keeps every rotor matrix banded: node by node, each pedestal's 2 DOFs right
 * after the node of its bearing (half-bandwidth 7 for a bare shaft). perm[internal] = ABI DOF.
 */
export function bandOrder(model: RotorModel): StaticArray<i32> {
  const perm = new StaticArray<i32>(model.nDof);
  let k = 0;
  for (let i = 0; i < model.nNodes; i++) {
    for (let d = 0; d < 4; d++) perm[k++] = 4 * i + d;
    for (let b = 0; b < model.bearings.length; b++) {
      const br = unchecked(model.bearings[b]);
      if (br.node != i || br.pedestal < 0) continue;
      const p = model.pedestalDof(br.pedestal);
      perm[k++] = p;
      perm[k++] = p + 1;
    }
  }
  return perm;
}
