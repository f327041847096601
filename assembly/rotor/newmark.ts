// Time response at constant speed Ω by Newmark's average-acceleration method (β = 1/4, γ = 1/2;
// Newmark 1959, J. Eng. Mech. Div. 85(3):67; the effective-stiffness form of Chopra, "Dynamics of
// Structures", 4th ed., Table 15.3.3): unconditionally stable, second-order accurate, and for an
// undamped linear system it conserves E = ½ v'Mv + ½ u'Ku exactly up to the work of the loads.
//   M a + (C + Ω G) v + K u = f(t),   f = unbalance m e Ω² [cos(Ωt + φ), sin(Ωt + φ)] on x, y,
// from rest (u = v = 0, M a0 = f(0)).
// Speed: the DOFs are renumbered node by node with each pedestal's 2 DOFs right after its bearing's
// node, which keeps every matrix banded (half-bandwidth 7 for a bare shaft); the effective matrix is
// factored once by band LU and each step costs two band mat-vecs and one band solve, O(n·bandwidth).
import { Mat } from "../linalg/matrix";
import { RotorModel } from "./model";
import { assembleRotor, bandOrder } from "./assemble";
import { BandMatrix, BandLU, bandwidths, toBand } from "./band";
import { UnbalanceSet } from "./unbalance";

const BETA: f64 = 0.25;
const GAMMA: f64 = 0.5;

export class Newmark {
  n: i32;
  dt: f64;
  speed: f64;
  /** band forms of M, C + ΩG, K, C in the internal order */
  M: BandMatrix;
  Cg: BandMatrix;
  K: BandMatrix;
  C: BandMatrix;
  lu: BandLU;
  /** internal index of original DOF d */
  pos: StaticArray<i32>;
  u: StaticArray<f64>;
  v: StaticArray<f64>;
  a: StaticArray<f64>;
  /** load at the current time, and scratch */
  f: StaticArray<f64>;
  private fNew: StaticArray<f64>;
  private w1: StaticArray<f64>;
  private w2: StaticArray<f64>;
  private rhs: StaticArray<f64>;
  unb: UnbalanceSet;
  step_: i32 = 0;
  /** energy bookkeeping: work of the loads, dissipated energy (trapezoidal, exact for this scheme) */
  work: f64 = 0;
  dissipated: f64 = 0;
  /** keep work/dissipated up to date (costs one more band mat-vec per step) */
  trackEnergy: bool = false;

  constructor(n: i32, dt: f64, speed: f64, unb: UnbalanceSet, M: BandMatrix, Cg: BandMatrix, K: BandMatrix, C: BandMatrix, lu: BandLU, pos: StaticArray<i32>) {
    this.n = n;
    this.dt = dt;
    this.speed = speed;
    this.unb = unb;
    this.M = M;
    this.Cg = Cg;
    this.K = K;
    this.C = C;
    this.lu = lu;
    this.pos = pos;
    this.u = new StaticArray<f64>(n);
    this.v = new StaticArray<f64>(n);
    this.a = new StaticArray<f64>(n);
    this.f = new StaticArray<f64>(n);
    this.fNew = new StaticArray<f64>(n);
    this.w1 = new StaticArray<f64>(n);
    this.w2 = new StaticArray<f64>(n);
    this.rhs = new StaticArray<f64>(n);
  }

  /** Sets up the integrator from rest; null with the solver's error (singular M or effective matrix). */
  static create(model: RotorModel, speed: f64, dt: f64, unb: UnbalanceSet): Newmark | null {
    const sys = assembleRotor(model, speed);
    const n = sys.n;
    const Cg = sys.C.addScaled(sys.G, speed);
    const a0 = 1.0 / (BETA * dt * dt), a1 = GAMMA / (BETA * dt);
    const Keff = sys.K.addScaled(Cg, a1).addScaled(sys.M, a0);
    const perm = bandOrder(model);
    let kl = 0, ku = 0;
    const mats: Mat[] = [sys.M, sys.K, Cg];
    for (let q = 0; q < 3; q++) {
      const bw = bandwidths(mats[q], perm);
      if (bw[0] > kl) kl = bw[0];
      if (bw[1] > ku) ku = bw[1];
    }
    const lu = BandLU.factor(toBand(Keff, perm, kl, ku));
    if (lu == null) return null;
    const Mb = toBand(sys.M, perm, kl, ku);
    const pos = new StaticArray<i32>(n);
    for (let i = 0; i < n; i++) unchecked((pos[perm[i]] = i));
    const nm = new Newmark(n, dt, speed, unb, Mb, toBand(Cg, perm, kl, ku), toBand(sys.K, perm, kl, ku), toBand(sys.C, perm, kl, ku), lu, pos);
    // consistent initial acceleration from rest: M a0 = f(0)
    nm.load(0.0, nm.f);
    const mlu = BandLU.factor(Mb);
    if (mlu == null) return null;
    for (let i = 0; i < n; i++) unchecked((nm.a[i] = nm.f[i]));
    mlu.solveInPlace(nm.a);
    return nm;
  }

  /** Unbalance load at time t into f (internal order). */
  load(t: f64, f: StaticArray<f64>): void {
    for (let i = 0; i < this.n; i++) unchecked((f[i] = 0.0));
    const u = this.unb, w = this.speed;
    for (let k = 0; k < u.length; k++) {
      const d = 4 * unchecked(u.node[k]);
      const amp = unchecked(u.me[k]) * w * w;
      const ph = w * t + unchecked(u.phase[k]);
      const px = unchecked(this.pos[d]), py = unchecked(this.pos[d + 1]);
      unchecked((f[px] = f[px] + amp * Math.cos(ph)));
      unchecked((f[py] = f[py] + amp * Math.sin(ph)));
    }
  }

  /** Advances one step to t = (step+1) dt. */
  step(): void {
    const n = this.n, dt = this.dt;
    const a0 = 1.0 / (BETA * dt * dt), a1 = GAMMA / (BETA * dt), a2 = 1.0 / (BETA * dt);
    const a3 = 1.0 / (2.0 * BETA) - 1.0, a4 = GAMMA / BETA - 1.0, a5 = (dt / 2.0) * (GAMMA / BETA - 2.0);
    const u = this.u, v = this.v, a = this.a, w1 = this.w1, w2 = this.w2, rhs = this.rhs;
    const fNew = this.fNew;
    this.step_++;
    this.load(<f64>this.step_ * dt, fNew);
    for (let i = 0; i < n; i++) {
      const ui = unchecked(u[i]), vi = unchecked(v[i]), ai = unchecked(a[i]);
      unchecked((w1[i] = a0 * ui + a2 * vi + a3 * ai));
      unchecked((w2[i] = a1 * ui + a4 * vi + a5 * ai));
    }
    // rhs = f_{n+1} + M w1 + Cg w2 (one pass over the two bands)
    const M = this.M.data, C = this.Cg.data, kl = this.M.kl, ku = this.M.ku, w = this.M.w;
    for (let i = 0; i < n; i++) {
      const j0 = i - kl > 0 ? i - kl : 0;
      const j1 = i + ku < n - 1 ? i + ku : n - 1;
      const o = i * w - i + kl;
      let s = unchecked(fNew[i]);
      for (let j = j0; j <= j1; j++) s += unchecked(M[o + j]) * unchecked(w1[j]) + unchecked(C[o + j]) * unchecked(w2[j]);
      unchecked((rhs[i] = s));
    }
    this.lu.solveInPlace(rhs);
    // energy bookkeeping before the state moves: W += Δu·(f_n + f_{n+1})/2, D += dt v̄'C v̄
    const f = this.f;
    if (this.trackEnergy) {
      let dw = 0.0;
      for (let i = 0; i < n; i++) dw += (unchecked(rhs[i]) - unchecked(u[i])) * 0.5 * (unchecked(f[i]) + unchecked(fNew[i]));
      this.work += dw;
    }
    for (let i = 0; i < n; i++) {
      const un = unchecked(rhs[i]);
      const an = a0 * (un - unchecked(u[i])) - a2 * unchecked(v[i]) - a3 * unchecked(a[i]);
      const vn = unchecked(v[i]) + dt * ((1.0 - GAMMA) * unchecked(a[i]) + GAMMA * an);
      unchecked((w1[i] = 0.5 * (unchecked(v[i]) + vn))); // mean velocity of the step
      unchecked((u[i] = un));
      unchecked((v[i] = vn));
      unchecked((a[i] = an));
      unchecked((f[i] = fNew[i]));
    }
    if (this.trackEnergy) {
      this.C.mulVec(w1, w2);
      let dd = 0.0;
      for (let i = 0; i < n; i++) dd += unchecked(w1[i]) * unchecked(w2[i]);
      this.dissipated += dt * dd;
    }
  }

  /** ½ v'Mv + ½ u'Ku */
  energy(): f64 {
    const n = this.n, t = this.rhs;
    this.M.mulVec(this.v, t);
    let e = 0.0;
    for (let i = 0; i < n; i++) e += unchecked(this.v[i]) * unchecked(t[i]);
    this.K.mulVec(this.u, t);
    let p = 0.0;
    for (let i = 0; i < n; i++) p += unchecked(this.u[i]) * unchecked(t[i]);
    return 0.5 * (e + p);
  }

  /** Displacement of original DOF d. */
  @inline disp(d: i32): f64 {
    return unchecked(this.u[this.pos[d]]);
  }

  @inline acc(d: i32): f64 {
    return unchecked(this.a[this.pos[d]]);
  }
}
