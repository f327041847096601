// The shaft speed of the device simulator as a function of time: constant, or a linear run-up
// (or run-down) from Ω0 to Ω1 between t_a and t_b. The shaft angle θ(t) = ∫₀ᵗ Ω dτ is the exact
// integral of the piecewise-linear Ω (a piecewise quadratic), so the tach pulses and the unbalance
// forces follow the same angle with no accumulated quadrature error.

/** Profile kinds of the request (assembly/ABI.md, "Device simulator"). */
export const PROFILE_CONSTANT: i32 = 0;
export const PROFILE_RUNUP: i32 = 1;

/** rev/min → rad/s. */
export function rpmToRadS(rpm: f64): f64 {
  return (rpm * Math.PI) / 30.0;
}

export class SpeedProfile {
  kind: i32;
  /** rad/s */
  w0: f64;
  w1: f64;
  ta: f64;
  tb: f64;
  /** rad/s²: (Ω1 − Ω0)/(t_b − t_a), 0 for a constant profile */
  alpha: f64;

  constructor(kind: i32, w0: f64, w1: f64, ta: f64, tb: f64) {
    this.kind = kind;
    this.w0 = w0;
    this.w1 = kind == PROFILE_CONSTANT ? w0 : w1;
    this.ta = ta;
    this.tb = tb;
    this.alpha = kind == PROFILE_CONSTANT ? 0.0 : (w1 - w0) / (tb - ta);
  }

  get constant(): bool {
    return this.kind == PROFILE_CONSTANT;
  }

  /** Ω(t), rad/s. */
  speed(t: f64): f64 {
    if (this.kind == PROFILE_CONSTANT || t <= this.ta) return this.w0;
    if (t < this.tb) return this.w0 + this.alpha * (t - this.ta);
    return this.w1;
  }

  /** Ω̇(t), rad/s²: α inside the ramp t_a < t < t_b, else 0. */
  accel(t: f64): f64 {
    if (this.kind == PROFILE_CONSTANT || t <= this.ta || t >= this.tb) return 0.0;
    return this.alpha;
  }

  /** θ(t) = ∫₀ᵗ Ω dτ, rad (for a constant profile exactly Ω·t, the angle of rotorTime's load). */
  angle(t: f64): f64 {
    const w0 = this.w0;
    if (this.kind == PROFILE_CONSTANT || t <= this.ta) return w0 * t;
    if (t < this.tb) {
      const s = t - this.ta;
      return w0 * this.ta + w0 * s + 0.5 * this.alpha * s * s;
    }
    return w0 * this.ta + 0.5 * (w0 + this.w1) * (this.tb - this.ta) + this.w1 * (t - this.tb);
  }
}
