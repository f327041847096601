// Static deflection under gravity (acting along -y) with the consistent load f = M·u_g, u_g the rigid
// translation of g in -y (every y DOF -g): the load a consistent-mass FE model feels in a uniform
// field, the one ROSS's run_static applies (petrobras/ross, rotor_assembly.py).
//
// Elastic supports: K q = f with bearing (and pedestal) stiffness at speed 0, solved by LU (cross-
// coupled bearings make K non-symmetric).
// Rigid supports: the bearing nodes' x and y are constrained to zero and K_shaft is solved on the
// free DOFs (pedestals drop out). ROSS instead sets k = 1e20 at the bearings; its deflections differ
// from exact pins by about f/1e20 (4e-18 m on the reference case, 1e-14 relative) and its reactions
// 1e20·q equal the constraint forces to the same order, so the exact constraint reproduces ROSS's
// numbers far inside 1e-6 without a stiffness 1e11 times the shaft's conditioning the solve.
// Reactions are R = K_shaft q - f at the constrained DOFs (the force the pin exerts on the shaft).
import { Mat } from "../linalg/matrix";
import { LU } from "../linalg/lu";
import { RotorModel } from "./model";
import { assembleRotor } from "./assemble";

export class StaticResult {
  /** deflection per node (m) */
  x: StaticArray<f64>;
  y: StaticArray<f64>;
  /** force the bearing exerts on the shaft (N), per bearing */
  fx: StaticArray<f64>;
  fy: StaticArray<f64>;

  constructor(nNodes: i32, nBearings: i32) {
    this.x = new StaticArray<f64>(nNodes);
    this.y = new StaticArray<f64>(nNodes);
    this.fx = new StaticArray<f64>(nBearings);
    this.fy = new StaticArray<f64>(nBearings);
  }
}

/** Consistent gravity load f = M u_g, u_g = -g on every y DOF (shaft nodes and pedestals). */
function gravityLoad(model: RotorModel, M: Mat, g: f64): StaticArray<f64> {
  const n = M.rows;
  const u = new StaticArray<f64>(n);
  for (let i = 0; i < model.nNodes; i++) unchecked((u[4 * i + 1] = -g));
  for (let p = 0; p < model.pedestals.length; p++) unchecked((u[model.pedestalDof(p) + 1] = -g));
  const f = new StaticArray<f64>(n);
  M.mulVec(u, f);
  return f;
}

/** Static deflection; null with the solver's error (singular: a support set that allows a mechanism). */
export function staticDeflection(model: RotorModel, g: f64, rigid: bool): StaticResult | null {
  const sys = assembleRotor(model, 0.0);
  const f = gravityLoad(model, sys.M, g);
  const n = sys.n;
  const nb = model.bearings.length;
  const res = new StaticResult(model.nNodes, nb);
  const q = new StaticArray<f64>(n);
  if (!rigid) {
    const lu = LU.factor(sys.K);
    if (lu == null) return null;
    for (let i = 0; i < n; i++) unchecked((q[i] = f[i]));
    lu.solveInPlace(q);
    for (let b = 0; b < nb; b++) {
      const br = unchecked(model.bearings[b]);
      const c = br.coefficientsAt(0.0);
      let dx = q[4 * br.node], dy = q[4 * br.node + 1];
      if (br.pedestal >= 0) {
        const pd = model.pedestalDof(br.pedestal);
        dx -= q[pd];
        dy -= q[pd + 1];
      }
      res.fx[b] = -(c.kxx * dx + c.kxy * dy);
      res.fy[b] = -(c.kyx * dx + c.kyy * dy);
    }
  } else {
    // shaft DOFs only (pedestal DOFs are behind the pins), minus x, y of every bearing node
    const ns = 4 * model.nNodes;
    const fixed = new StaticArray<bool>(ns);
    for (let b = 0; b < nb; b++) {
      const node = unchecked(model.bearings[b]).node;
      fixed[4 * node] = true;
      fixed[4 * node + 1] = true;
    }
    const map = new StaticArray<i32>(ns); // free index -> DOF
    let nf = 0;
    for (let i = 0; i < ns; i++) if (!fixed[i]) map[nf++] = i;
    const Kff = new Mat(nf, nf);
    const qf = new StaticArray<f64>(nf);
    const Ks = sys.Kshaft;
    for (let a = 0; a < nf; a++) {
      const i = map[a];
      for (let c = 0; c < nf; c++) Kff.set(a, c, Ks.get(i, map[c]));
      qf[a] = f[i];
    }
    const lu = LU.factor(Kff);
    if (lu == null) return null;
    lu.solveInPlace(qf);
    for (let a = 0; a < nf; a++) q[map[a]] = qf[a];
    // reaction at each pinned node, given to the first bearing on that node
    const taken = new StaticArray<bool>(model.nNodes);
    for (let b = 0; b < nb; b++) {
      const node = unchecked(model.bearings[b]).node;
      if (taken[node]) continue;
      taken[node] = true;
      for (let d = 0; d < 2; d++) {
        const i = 4 * node + d;
        let s = 0.0;
        for (let j = 0; j < ns; j++) s += Ks.get(i, j) * q[j];
        const r = s - f[i];
        if (d == 0) res.fx[b] = r;
        else res.fy[b] = r;
      }
    }
  }
  for (let i = 0; i < model.nNodes; i++) {
    res.x[i] = q[4 * i];
    res.y[i] = q[4 * i + 1];
  }
  return res;
}
