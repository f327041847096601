// The shaft speed and angle of the hybrid runner (ABI.md, "Hybrid runner", speed): fixed, from a
// speed channel, or from a once-per-revolution (or p-per-revolution) tach pulse channel, per input
// sample. The angle, in revolutions modulo 1, is the phase reference of the order features.
// Tach: a rising crossing of the threshold between samples s − 1 and s is placed by linear
// interpolation at s − 1 + (thr − x[s−1])/(x[s] − x[s−1]) (the usual zero-crossing interpolation of
// tachometer processing, e.g. ISO 7919-1 keyphasor practice); speed = 60·fs/(p·ΔT) rev/min from the
// last two crossings ΔT samples apart; the angle grows linearly from the last crossing at that speed.

export const SPEED_FIXED: i32 = 0;
export const SPEED_CHANNEL: i32 = 1;
export const SPEED_TACH: i32 = 2;

export class SpeedTrack {
  mode: i32;
  fs: f64;
  /** rev/min for SPEED_FIXED; the gain from channel value to rev/min for SPEED_CHANNEL */
  rpmOrGain: f64;
  channel: i32;
  threshold: f64;
  pulsesPerRev: f64;
  /** rev/min now (0 until known) */
  rpm: f64 = 0.0;
  /** shaft angle now, revolutions in [0, 1) */
  angle: f64 = 0.0;
  /** 1 when the speed is known */
  known: bool = false;
  // tach state
  prev: f64 = 0.0;
  havePrev: bool = false;
  lastCross: f64 = -1.0;
  period: f64 = 0.0;
  /** pulses since the last reset */
  pulses: i32 = 0;

  constructor(mode: i32, fs: f64, rpmOrGain: f64, channel: i32, threshold: f64, pulsesPerRev: f64) {
    this.mode = mode;
    this.fs = fs;
    this.rpmOrGain = rpmOrGain;
    this.channel = channel;
    this.threshold = threshold;
    this.pulsesPerRev = pulsesPerRev;
    if (mode == SPEED_FIXED) {
      this.rpm = rpmOrGain;
      this.known = true;
    }
  }

  /** After a discontinuity: the tach history is gone (the speed is unknown until two new pulses). */
  reset(): void {
    if (this.mode == SPEED_TACH) {
      this.havePrev = false;
      this.lastCross = -1.0;
      this.period = 0.0;
      this.pulses = 0;
      this.known = false;
      this.rpm = 0.0;
    }
  }

  /** Sample s (absolute input index) with its channel values at x[off …]. */
  push(x: StaticArray<f64>, off: i32, s: f64): void {
    if (this.mode == SPEED_FIXED) {
      const u = (this.rpm * s) / (60.0 * this.fs);
      this.angle = u - Math.floor(u);
      return;
    }
    const v = unchecked(x[off + this.channel]);
    if (this.mode == SPEED_CHANNEL) {
      this.rpm = v * this.rpmOrGain;
      this.known = true;
      const a = this.angle + this.rpm / (60.0 * this.fs);
      this.angle = a - Math.floor(a);
      return;
    }
    if (this.havePrev && this.prev < this.threshold && v >= this.threshold) {
      const cross = s - 1.0 + (this.threshold - this.prev) / (v - this.prev);
      if (this.lastCross >= 0.0) {
        this.period = (cross - this.lastCross) * this.pulsesPerRev;
        this.rpm = (60.0 * this.fs) / this.period;
        this.known = true;
      }
      this.lastCross = cross;
      this.pulses++;
    }
    this.prev = v;
    this.havePrev = true;
    if (this.known) {
      const a = (s - this.lastCross) / this.period;
      this.angle = a - Math.floor(a);
    }
  }

  stateSize(): i32 {
    return 9;
  }

  save(b: StaticArray<f64>, o: i32): i32 {
    b[o++] = this.rpm;
    b[o++] = this.angle;
    b[o++] = this.known ? 1.0 : 0.0;
    b[o++] = this.prev;
    b[o++] = this.havePrev ? 1.0 : 0.0;
    b[o++] = this.lastCross;
    b[o++] = this.period;
    b[o++] = <f64>this.pulses;
    b[o++] = 0.0;
    return o;
  }

  load(b: StaticArray<f64>, o: i32): i32 {
    this.rpm = b[o++];
    this.angle = b[o++];
    this.known = b[o++] != 0.0;
    this.prev = b[o++];
    this.havePrev = b[o++] != 0.0;
    this.lastCross = b[o++];
    this.period = b[o++];
    this.pulses = <i32>b[o++];
    o++;
    return o;
  }
}
