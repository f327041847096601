// The TypeScript face of the signal part of the core (assembly/ABI.md, "Signal processing and
// vibration features"): FFTs, windows, spectra, order fits and the feature extractor.
import { Core } from "../core/core.js";

/** The spectral windows. */
export const WINDOW_KINDS = ["rectangular", "hann", "hamming", "blackman", "flattop"] as const;
/** A spectral window. */
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** Per-channel time-domain features, in the order of the core's feature vector. */
export const TIME_FEATURES = [
  "mean",
  "std",
  "rms",
  "peak",
  "peak_to_peak",
  "crest",
  "kurtosis",
  "skewness",
  "shape",
  "impulse",
] as const;

/** The core's code of a spectral window. */
export function windowCode(kind: WindowKind): number {
  return WINDOW_KINDS.indexOf(kind);
}

/** Feature names of one channel: time features, band1 … bandB, 1x … Kx. */
export function featureNames(bands: number, orders: number): string[] {
  const names: string[] = [...TIME_FEATURES];
  for (let b = 1; b <= bands; b++) names.push(`band${b}`);
  for (let k = 1; k <= orders; k++) names.push(`${k}x`);
  return names;
}

export interface FeatureOptions {
  /** sampling frequency (Hz) */
  fs: number;
  /** samples per window */
  window: number;
  /** samples between window starts (default: window) */
  hop?: number;
  windowFn?: WindowKind;
  /** equal-width bands from 0 to fs/2 (default 8) */
  bands?: number;
  /** shaft speed (Hz); with orders > 0 gives the order amplitudes */
  speedHz?: number;
  /** number of orders 1X … KX (default 3 when speedHz is given, else 0) */
  orders?: number;
}

/** The features of a signal: windows × channels × features, window-major. */
export interface FeatureResult {
  windows: number;
  channels: number;
  /** feature names of one channel */
  names: string[];
  /** windows × channels × names.length, window-major */
  values: Float64Array;
  /** first sample of each window */
  starts: number[];
}

export interface OrderFitResult {
  dc: number;
  amplitude: number[];
  phase: number[];
}

export class SignalCore {
  constructor(readonly core: Core = Core.default()) {}

  /** Complex DFT (or inverse, scaled 1/n) of re + i im. */
  fft(re: ArrayLike<number>, im: ArrayLike<number>, inverse = false): { re: Float64Array; im: Float64Array } {
    const n = re.length;
    if (im.length !== n) throw new Error("fft: re and im differ in length");
    const buf = new Float64Array(2 * n);
    buf.set(re, 0);
    buf.set(im, n);
    const c = this.core;
    const v = c.withBuffers([buf], (p) => c.take(c.fn("signalFft")(p!, n, inverse ? 1 : 0), "signalFft"));
    return { re: v.slice(0, n), im: v.slice(n) };
  }

  /** One-sided DFT X_0 … X_{floor(n/2)} of a real sequence. */
  rfft(x: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
    const c = this.core;
    const v = c.withBuffers([x], (p) => c.take(c.fn("signalRfft")(p!, x.length), "signalRfft"));
    const m = v.length / 2;
    return { re: v.slice(0, m), im: v.slice(m) };
  }

  window(kind: WindowKind, n: number): { w: Float64Array; coherentGain: number; energyGain: number } {
    const v = this.core.take(this.core.fn("signalWindow")(windowCode(kind), n), "signalWindow");
    return { coherentGain: v[0]!, energyGain: v[1]!, w: v.slice(2) };
  }

  /** One-sided peak-amplitude ("amplitude") or mean-square-per-bin ("power") spectrum. */
  spectrum(x: ArrayLike<number>, kind: WindowKind, mode: "amplitude" | "power"): Float64Array {
    const c = this.core;
    return c.withBuffers([x], (p) =>
      c.take(c.fn("signalSpectrum")(p!, x.length, windowCode(kind), mode === "amplitude" ? 0 : 1), "signalSpectrum"),
    );
  }

  /** Least-squares amplitudes and phases of orders 1 … K at speedHz: x ≈ dc + Σ A cos(2πk f0 t + φ). */
  orders(x: ArrayLike<number>, fs: number, speedHz: number, orders: number): OrderFitResult {
    const c = this.core;
    const v = c.withBuffers([x], (p) => c.take(c.fn("signalOrders")(p!, x.length, fs, speedHz, orders), "signalOrders"));
    const amplitude: number[] = [], phase: number[] = [];
    for (let k = 1; k <= orders; k++) {
      amplitude.push(v[2 * k - 1]!);
      phase.push(v[2 * k]!);
    }
    return { dc: v[0]!, amplitude, phase };
  }

  /** Features of a sample-major signal (data[j·channels + c]). Throws CoreError on failure. */
  features(data: Float64Array, channels: number, opts: FeatureOptions): FeatureResult {
    const hop = opts.hop ?? opts.window;
    const bands = opts.bands ?? 8;
    const speed = opts.speedHz ?? 0;
    const orders = opts.orders ?? (speed > 0 ? 3 : 0);
    const kind = opts.windowFn ?? "hann";
    const samples = data.length / channels;
    if (!Number.isInteger(samples)) throw new Error("features: data length is not a multiple of the channel count");
    const c = this.core;
    const v = c.withBuffers([data], (p) =>
      c.take(
        c.fn("signalFeatures")(p!, samples, channels, opts.fs, opts.window, hop, windowCode(kind), bands, speed, orders),
        "signalFeatures",
      ),
    );
    const windows = v[0]!, nf = v[1]!;
    const names = featureNames(bands, orders);
    if (nf !== names.length) throw new Error(`signalFeatures: ${nf} features per channel, expected ${names.length}`);
    const starts: number[] = [];
    for (let w = 0; w < windows; w++) starts.push(w * hop);
    return { windows, channels, names, values: v.slice(2), starts };
  }
}
