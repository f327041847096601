// The hardware stand-in (`twin device simulate`): the rig's sensor signals as an acquisition
// front end would deliver them, sample by sample from rest, and the truth behind them. Sample j is
// the integrator's state after j·substeps Newmark steps (t_j = j/fs, dt = 1/(fs·substeps)); before
// advancing from sample j the scheduled events of sample j (ceil(t_s·fs) = j) are applied and the
// matrices made those of Ω at the mid-time of j's matrix interval (intervals of R samples from
// sample 0: Ω((⌊j/R⌋·R + R/2)/fs), integrator.ts), rebuilt only when that speed or a bearing
// factor changed. Each sensor channel is the acceleration of
// its DOF plus white Gaussian noise (noise.ts of vsense: SplitMix64 + Marsaglia's polar method, drawn
// sample by sample, channel by channel, only for channels with a non-zero std), then the ADC:
// binary32 values (0 bits) or codes round-half-even(value/scale) clipped to the code range, scale =
// FS/2^(bits−1) with FS rounded to binary32 (the frame's scale field), so code·scale is what a
// receiver decodes. The tach channel is a once-per-revolution pulse: high while θ(t_j) mod 2π <
// 2π·width, else 0; high is 5.0 (V) for binary32 values and the half-range code 2^(bits−2) for codes. The state persists across steps, so any split
// of a run into steps gives the same bits.
import { setError, ERR_INVALID_INPUT, ERR_NO_CONVERGENCE } from "../errors";
import { responseDofs } from "../rotor/nodes";
import { UnbalanceSet } from "../rotor/unbalance";
import { Gaussian } from "../vsense/noise";
import { DeviceIntegrator } from "./integrator";
import { DeviceRequest, EVENT_UNBALANCE, TRUTH_VELOCITY, TRUTH_ACCELERATION } from "./request";

const TWO_PI: f64 = 2.0 * Math.PI;
/** Level of the tach pulse (V). */
export const TACH_HIGH: f64 = 5.0;
/** Largest number of values one step may return. */
const MAX_STEP_VALUES: f64 = <f64>(1 << 24);
/** Truth quantity codes (devDescribe). */
export const Q_SPEED: i32 = 0;
export const Q_DISP: i32 = 1;
export const Q_VEL: i32 = 2;
export const Q_ACC: i32 = 3;
export const Q_SENSOR_ACC: i32 = 4;

export class DeviceSim {
  q: DeviceRequest;
  nm: DeviceIntegrator;
  gauss: Gaussian;
  /** response DOFs (x of each response node) */
  nodes: StaticArray<i32>;
  /** sensor channels, channels incl. the tach, truth columns */
  s: i32;
  c: i32;
  t: i32;
  /** ADC step (0: binary32 values) and the tach's high level in output units */
  scale: f64 = 0;
  tachHigh: f64 = TACH_HIGH;
  codeMin: f64 = 0;
  codeMax: f64 = 0;
  /** index of the next sample to output; the integrator's state is at sample `at` */
  next: f64 = 0;
  at: f64 = 0;
  nextEvent: i32 = 0;
  clipped: f64 = 0;
  failed: bool = false;

  constructor(q: DeviceRequest, nm: DeviceIntegrator) {
    this.q = q;
    this.nm = nm;
    this.gauss = new Gaussian(q.seed);
    this.nodes = responseDofs(q.model!);
    this.s = q.sensors.length;
    this.c = this.s + (q.tach ? 1 : 0);
    const nr = this.nodes.length;
    let t = 1 + 2 * nr;
    if ((q.truthFlags & TRUTH_VELOCITY) != 0) t += 2 * nr;
    if ((q.truthFlags & TRUTH_ACCELERATION) != 0) t += 2 * nr;
    this.t = t + this.s;
    if (q.bits > 0) {
      const half = <f64>(1 << (q.bits - 1));
      this.scale = <f64>(<f32>q.fullScale) / half;
      this.codeMin = -half;
      this.codeMax = half - 1.0;
      // one scale serves every channel of a frame: the pulse is half the code range, never clipped
      // (an extreme code reads as over range at the receiver), whatever the accelerometers' FS
      this.tachHigh = <f64>(1 << (q.bits - 2));
    }
  }

  /** The simulator of a checked request; null with the integrator's error. */
  static open(q: DeviceRequest): DeviceSim | null {
    const p = q.profile;
    const nm = DeviceIntegrator.open(q.model!, p, p.speed((0.5 * <f64>q.interval) / q.fs), 1.0 / (q.fs * <f64>q.substeps), q.unb);
    if (nm === null) return null;
    return new DeviceSim(q, nm);
  }

  /** An output value: binary32 value, or ADC code (clipped values counted when `count`). */
  quantise(v: f64, count: bool): f64 {
    if (this.q.bits == 0) return <f64>(<f32>v);
    let k = nearest<f64>(v / this.scale) + 0.0; // IEEE roundTiesToEven; + 0 makes a −0 code 0
    if (k > this.codeMax) {
      k = this.codeMax;
      if (count) this.clipped += 1.0;
    } else if (k < this.codeMin) {
      k = this.codeMin;
      if (count) this.clipped += 1.0;
    }
    return k;
  }

  /** Time of sample j. */
  @inline time(j: f64): f64 {
    return j / this.q.fs;
  }

  /** Applies the events due before advancing from sample j. */
  private events(j: f64): void {
    const evs = this.q.events, nm = this.nm;
    while (this.nextEvent < evs.length && unchecked(evs[this.nextEvent]).sample <= j) {
      const ev = unchecked(evs[this.nextEvent++]);
      if (ev.kind == EVENT_UNBALANCE) {
        const u = nm.unb, n = u.length;
        const w = new UnbalanceSet(n + 1);
        for (let k = 0; k < n; k++) {
          unchecked((w.node[k] = u.node[k]));
          unchecked((w.me[k] = u.me[k]));
          unchecked((w.phase[k] = u.phase[k]));
        }
        unchecked((w.node[n] = ev.node));
        unchecked((w.me[n] = ev.me));
        unchecked((w.phase[n] = ev.phase));
        nm.unb = w;
      } else {
        const nb = nm.factor.length;
        for (let b = 0; b < nb; b++) if (ev.bearing < 0 || ev.bearing == b) unchecked((nm.factor[b] = ev.factor));
        nm.dirty = true;
      }
    }
  }

  /** The speed of the matrices used from sample j on: Ω at the mid-time of j's matrix interval. */
  matrixSpeed(j: f64): f64 {
    const r = <f64>this.q.interval;
    return this.q.profile.speed(this.time(Math.floor(j / r) * r + 0.5 * r));
  }

  /** Advances the integrator to sample j; false with the solver's error. */
  private advanceTo(j: f64): bool {
    const nm = this.nm, sub = this.q.substeps;
    while (this.at < j) {
      this.events(this.at);
      if (!nm.prepare(this.matrixSpeed(this.at))) return false;
      for (let k = 0; k < sub; k++) nm.step();
      this.at += 1.0;
    }
    return true;
  }

  /**
   * n samples into out from index o: n × c channel values (sample-major), then n × t truth values.
   * False with the error set (the response stopped being finite: code 4, detail the sample index).
   */
  step(n: i32, out: StaticArray<f64>, o: i32): bool {
    const q = this.q, nm = this.nm, s = this.s, c = this.c, t = this.t;
    const nodes = this.nodes, nr = nodes.length, sensors = q.sensors.dof, noise = q.noise;
    const vel = (q.truthFlags & TRUTH_VELOCITY) != 0, acc = (q.truthFlags & TRUTH_ACCELERATION) != 0;
    let oc = o, ot = o + n * c;
    for (let i = 0; i < n; i++) {
      const j = this.next;
      if (!this.advanceTo(j)) {
        this.failed = true;
        return false;
      }
      const tj = this.time(j);
      unchecked((out[ot++] = q.profile.speed(tj)));
      for (let k = 0; k < nr; k++) {
        const d = unchecked(nodes[k]);
        unchecked((out[ot++] = nm.disp(d)));
        unchecked((out[ot++] = nm.disp(d + 1)));
      }
      if (vel) {
        for (let k = 0; k < nr; k++) {
          const d = unchecked(nodes[k]);
          unchecked((out[ot++] = nm.vel(d)));
          unchecked((out[ot++] = nm.vel(d + 1)));
        }
      }
      if (acc) {
        for (let k = 0; k < nr; k++) {
          const d = unchecked(nodes[k]);
          unchecked((out[ot++] = nm.acc(d)));
          unchecked((out[ot++] = nm.acc(d + 1)));
        }
      }
      for (let k = 0; k < s; k++) {
        const a = nm.acc(unchecked(sensors[k]));
        if (!isFinite(a)) {
          setError(ERR_NO_CONVERGENCE, j);
          this.failed = true;
          return false;
        }
        unchecked((out[ot++] = a));
        const sd = unchecked(noise[k]);
        unchecked((out[oc++] = this.quantise(sd > 0.0 ? a + sd * this.gauss.normal() : a, true)));
      }
      if (q.tach) {
        const th = q.profile.angle(tj);
        const r = th - TWO_PI * Math.floor(th / TWO_PI);
        unchecked((out[oc++] = r < TWO_PI * q.tachWidth ? this.tachHigh : 0.0));
      }
      this.next = j + 1.0;
    }
    return true;
  }

  /** Refuses a step of n samples whose result would exceed the step limit (code 1, detail n). */
  checkCount(n: i32): bool {
    if (n < 0 || <f64>n * <f64>(this.c + this.t) > MAX_STEP_VALUES) {
      setError(ERR_INVALID_INPUT, <f64>n);
      return false;
    }
    return true;
  }
}

// ---- registry of simulators held by the host -------------------------------------------------

const sims = new Map<i32, DeviceSim>();
let nextHandle: i32 = 1;

export function registerSim(s: DeviceSim): i32 {
  const h = nextHandle++;
  sims.set(h, s);
  return h;
}

export function getSim(h: i32): DeviceSim | null {
  if (!sims.has(h)) return null;
  return sims.get(h);
}

export function freeSim(h: i32): void {
  if (sims.has(h)) sims.delete(h);
}
