// The device simulator's rotor: Newmark's average-acceleration integrator of `rotorTime`
// (assembly/rotor/newmark.ts, same step, same band storage) with what a running machine adds:
//   - a time-varying speed Ω(t) (profile.ts): the unbalance force of a mass m·e at phase φ is
//     m e (Ω² [cos ψ, sin ψ] + Ω̇ [sin ψ, −cos ψ]), ψ = θ(t) + φ, θ = ∫Ω dt. It is the reaction
//     −m p̈ of the mass at p = e [cos ψ, sin ψ] (p̈ = −e Ω² [cos ψ, sin ψ] + e Ω̇ [−sin ψ, cos ψ]),
//     which at constant speed is the load of Friswell et al. 2010, "Dynamics of Rotating Machines"
//     (unbalance.ts) and rotorTime's bit for bit (the same code).
//   - the speed-dependent matrices C(Ω) + Ω G and K(Ω) (bearing coefficients at Ω), held constant
//     over a matrix interval (simulator.ts) and re-evaluated at the speed its caller gives whenever
//     that speed or a bearing factor differs from the one they were built for (the effective matrix
//     is re-factored then; at constant speed it never is, so that path is rotorTime's exactly);
//   - bearing stiffness factors: bearing b's stiffness coefficients (kxx, kxy, kyx, kyy) times f_b,
//     its damping unchanged (a worn or loosened bearing), applied as a correction (f_b − 1)·k_b.
import { Mat } from "../linalg/matrix";
import { RotorModel, SupportCoefficients } from "../rotor/model";
import { RotorSystem, assembleRotor, applySpeed, addSupport, bandOrder } from "../rotor/assemble";
import { BandLU, bandwidths, toBand } from "../rotor/band";
import { Newmark } from "../rotor/newmark";
import { UnbalanceSet } from "../rotor/unbalance";
import { SpeedProfile } from "./profile";

const BETA: f64 = 0.25;
const GAMMA: f64 = 0.5;

export class DeviceIntegrator extends Newmark {
  model: RotorModel;
  profile: SpeedProfile;
  /** stiffness factor of each bearing (1 = as the model says) */
  factor: StaticArray<f64>;
  /** the bearing factors changed since the matrices were built */
  dirty: bool = false;
  /** times the effective matrix was re-factored */
  rebuilds: i32 = 0;
  private sys: RotorSystem | null = null;
  private perm: StaticArray<i32>;

  constructor(base: Newmark, model: RotorModel, profile: SpeedProfile) {
    super(base.n, base.dt, base.speed, base.unb, base.M, base.Cg, base.K, base.C, base.lu, base.pos);
    this.model = model;
    this.profile = profile;
    this.perm = bandOrder(model);
    const nb = model.bearings.length;
    this.factor = new StaticArray<f64>(nb);
    for (let b = 0; b < nb; b++) unchecked((this.factor[b] = 1.0));
  }

  /**
   * From rest at the matrices of speed `wm` (the first interval's mid-time speed), with the
   * consistent initial acceleration M a(0) = f(0) of this load. Null with the solver's error.
   */
  static open(model: RotorModel, profile: SpeedProfile, wm: f64, dt: f64, unb: UnbalanceSet): DeviceIntegrator | null {
    const base = Newmark.create(model, wm, dt, unb);
    if (base === null) return null;
    const d = new DeviceIntegrator(base, model, profile);
    d.load(0.0, d.f);
    const mlu = BandLU.factor(d.M);
    if (mlu === null) return null;
    for (let i = 0; i < d.n; i++) unchecked((d.a[i] = d.f[i]));
    mlu.solveInPlace(d.a);
    return d;
  }

  /** Unbalance load at time t (internal order): rotorTime's at constant speed, else with Ω̇. */
  load(t: f64, f: StaticArray<f64>): void {
    const p = this.profile;
    if (p.constant) {
      super.load(t, f);
      return;
    }
    for (let i = 0; i < this.n; i++) unchecked((f[i] = 0.0));
    const u = this.unb;
    const w = p.speed(t), wd = p.accel(t), th = p.angle(t);
    for (let k = 0; k < u.length; k++) {
      const d = 4 * unchecked(u.node[k]);
      const me = unchecked(u.me[k]);
      const ps = th + unchecked(u.phase[k]);
      const c = Math.cos(ps), s = Math.sin(ps);
      const px = unchecked(this.pos[d]), py = unchecked(this.pos[d + 1]);
      unchecked((f[px] = f[px] + me * (w * w * c + wd * s)));
      unchecked((f[py] = f[py] + me * (w * w * s - wd * c)));
    }
  }

  /** Makes the matrices those of speed w and the current bearing factors (no-op if they are). */
  prepare(w: f64): bool {
    if (w == this.speed && !this.dirty) return true;
    const model = this.model;
    if (this.sys === null) this.sys = assembleRotor(model, w);
    const sys = this.sys!;
    applySpeed(model, sys, w);
    const nb = model.bearings.length;
    for (let b = 0; b < nb; b++) {
      const fb = unchecked(this.factor[b]);
      if (fb == 1.0) continue;
      const br = unchecked(model.bearings[b]);
      const c = br.coefficientsAt(w);
      const dk = new SupportCoefficients();
      dk.kxx = (fb - 1.0) * c.kxx;
      dk.kxy = (fb - 1.0) * c.kxy;
      dk.kyx = (fb - 1.0) * c.kyx;
      dk.kyy = (fb - 1.0) * c.kyy;
      addSupport(sys.K, sys.C, 4 * br.node, br.pedestal >= 0 ? model.pedestalDof(br.pedestal) : -1, dk);
    }
    const dt = this.dt;
    const a0 = 1.0 / (BETA * dt * dt), a1 = GAMMA / (BETA * dt);
    const Cg = sys.C.addScaled(sys.G, w);
    const Keff = sys.K.addScaled(Cg, a1).addScaled(sys.M, a0);
    // the band must hold every matrix of the step: widen it (M too) if this speed couples more
    let kl = this.M.kl, ku = this.M.ku;
    const mats: Mat[] = [sys.K, Cg];
    for (let q = 0; q < 2; q++) {
      const bw = bandwidths(mats[q], this.perm);
      if (bw[0] > kl) kl = bw[0];
      if (bw[1] > ku) ku = bw[1];
    }
    const lu = BandLU.factor(toBand(Keff, this.perm, kl, ku));
    if (lu === null) return false;
    if (kl != this.M.kl || ku != this.M.ku) this.M = toBand(sys.M, this.perm, kl, ku);
    this.Cg = toBand(Cg, this.perm, kl, ku);
    this.K = toBand(sys.K, this.perm, kl, ku);
    this.C = toBand(sys.C, this.perm, kl, ku);
    this.lu = lu;
    this.speed = w;
    this.dirty = false;
    this.rebuilds++;
    return true;
  }

  /** Velocity of original DOF d. */
  @inline vel(d: i32): f64 {
    return unchecked(this.v[this.pos[d]]);
  }
}
