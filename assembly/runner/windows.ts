// Windowed features of the runner (ABI.md, "Hybrid runner", windows): the decimated measured
// channels and the virtual sensors, in windows of n filter-rate samples every `hop` samples. Per
// signal: the time and band features of assembly/signal/features.ts (the columns of `twin features`),
// then for each order k = 1 … K the amplitude and phase of the least-squares order fit
// (assembly/signal/orders.ts) at the window's mean shaft speed, the phase taken against the shaft
// angle (the tach mark or, at a fixed speed, the sample clock): x ≈ A_k cos(kψ + φ_k), ψ the shaft
// angle. A window holds only consecutive samples: a discontinuity starts the window over.
import { clearError } from "../errors";
import { FeatureExtractor, TIME_FEATURES } from "../signal/features";
import { OrderFit } from "../signal/orders";
import { wrapAngle } from "../vsense/metrics";

export const WIN_FLAG_CONSTANT: i32 = 1;
export const WIN_FLAG_NO_ORDERS: i32 = 2;

export class WindowBank {
  n: i32;
  hop: i32;
  S: i32;
  bands: i32;
  orders: i32;
  fsOut: f64;
  /** features per signal */
  perSignal: i32;
  ex: FeatureExtractor;
  /** signal samples, sample-major: x[j·S + s] */
  x: StaticArray<f64>;
  /** shaft angle (revolutions) and speed (rev/min) at each sample */
  angle: StaticArray<f64>;
  rpm: StaticArray<f64>;
  /** samples in the buffer */
  count: i32 = 0;
  /** absolute filter-rate index of the buffer's first sample */
  first: f64 = 0.0;
  fit: OrderFit | null = null;
  fitCps: f64 = -1.0;

  constructor(n: i32, hop: i32, S: i32, windowKind: i32, bands: i32, orders: i32, fsOut: f64) {
    this.n = n;
    this.hop = hop;
    this.S = S;
    this.bands = bands;
    this.orders = orders;
    this.fsOut = fsOut;
    this.ex = new FeatureExtractor(n, windowKind, bands, 0, 0.0);
    this.perSignal = TIME_FEATURES + bands + 2 * orders;
    this.x = new StaticArray<f64>(n * S);
    this.angle = new StaticArray<f64>(n);
    this.rpm = new StaticArray<f64>(n);
  }

  get features(): i32 {
    return this.S * this.perSignal;
  }

  reset(): void {
    this.count = 0;
  }

  /**
   * Adds sample j (absolute filter-rate index) of the S signals v[off …]; true when a window is
   * complete (then call compute, then advance).
   */
  push(v: StaticArray<f64>, off: i32, j: f64, angle: f64, rpm: f64): bool {
    if (this.count > 0 && j != this.first + <f64>this.count) this.count = 0;
    if (this.count == 0) this.first = j;
    const c = this.count, S = this.S;
    for (let s = 0; s < S; s++) unchecked((this.x[c * S + s] = v[off + s]));
    unchecked((this.angle[c] = angle));
    unchecked((this.rpm[c] = rpm));
    this.count = c + 1;
    return this.count == this.n;
  }

  /** Mean speed of the complete window, rev/min (summed in order). */
  meanRpm(): f64 {
    let s = 0.0;
    for (let j = 0; j < this.n; j++) s += unchecked(this.rpm[j]);
    return s / <f64>this.n;
  }

  /** Features of the complete window into out[o …] (S × perSignal values); the window's flags. */
  compute(out: StaticArray<f64>, o: i32): i32 {
    const S = this.S, P = this.perSignal, K = this.orders;
    let flags = 0;
    const rpm = this.meanRpm();
    let fit: OrderFit | null = null;
    if (K > 0) {
      const cps = rpm / (60.0 * this.fsOut);
      if (cps != this.fitCps) {
        this.fit = cps > 0.0 ? new OrderFit(this.n, cps, K) : null;
        this.fitCps = cps;
      }
      fit = this.fit;
      if (fit === null || !fit.ok) {
        fit = null;
        flags |= WIN_FLAG_NO_ORDERS;
      }
    }
    const a0 = unchecked(this.angle[0]);
    for (let s = 0; s < S; s++) {
      const base = o + s * P;
      if (!this.ex.compute(this.x, s, S, out, base)) {
        // a constant signal has no skewness or kurtosis: the window is flagged, its values 0
        clearError();
        flags |= WIN_FLAG_CONSTANT;
        for (let q = 0; q < TIME_FEATURES + this.bands; q++) unchecked((out[base + q] = 0.0));
      }
      const ob = base + TIME_FEATURES + this.bands;
      for (let k = 1; k <= K; k++) {
        if (fit === null) {
          unchecked((out[ob + 2 * (k - 1)] = 0.0));
          unchecked((out[ob + 2 * (k - 1) + 1] = 0.0));
          continue;
        }
        if (k == 1) fit.fit(this.x, s, S);
        const ka = <f64>k * a0;
        unchecked((out[ob + 2 * (k - 1)] = fit.amplitude(k)));
        unchecked((out[ob + 2 * (k - 1) + 1] = wrapAngle(fit.phase(k) - 2.0 * Math.PI * (ka - Math.floor(ka)))));
      }
    }
    return flags;
  }

  /** Drops the first hop samples (the next window starts hop samples later). */
  advance(): void {
    const S = this.S, hop = this.hop, n = this.n;
    if (hop >= n) {
      this.count = 0;
      this.first += <f64>hop;
      return;
    }
    const keep = n - hop;
    for (let i = 0; i < keep * S; i++) unchecked((this.x[i] = this.x[hop * S + i]));
    for (let i = 0; i < keep; i++) {
      unchecked((this.angle[i] = this.angle[hop + i]));
      unchecked((this.rpm[i] = this.rpm[hop + i]));
    }
    this.count = keep;
    this.first += <f64>hop;
  }

  stateSize(): i32 {
    return 4 + this.n * this.S + 2 * this.n;
  }

  save(b: StaticArray<f64>, o: i32): i32 {
    b[o++] = <f64>this.count;
    b[o++] = this.first;
    b[o++] = 0.0;
    b[o++] = 0.0;
    for (let i = 0; i < this.x.length; i++) unchecked((b[o++] = this.x[i]));
    for (let i = 0; i < this.n; i++) unchecked((b[o++] = this.angle[i]));
    for (let i = 0; i < this.n; i++) unchecked((b[o++] = this.rpm[i]));
    return o;
  }

  load(b: StaticArray<f64>, o: i32): i32 {
    this.count = <i32>b[o++];
    this.first = b[o++];
    o += 2;
    for (let i = 0; i < this.x.length; i++) unchecked((this.x[i] = b[o++]));
    for (let i = 0; i < this.n; i++) unchecked((this.angle[i] = b[o++]));
    for (let i = 0; i < this.n; i++) unchecked((this.rpm[i] = b[o++]));
    return o;
  }
}
