// Vibration features of a multichannel signal, per window and channel (assembly/ABI.md, "Signal").
// Time domain, on the window's n samples x_j:
//   mean, std = √m2 (population), rms = √(Σx²/n), peak = max|x|, peak_to_peak = max − min,
//   crest = peak/rms, kurtosis = m4/m2² (Pearson's β2, 3 for a Gaussian, not the excess),
//   skewness = m3/m2^{3/2} (g1 of Joanes & Gill 1998, The Statistician 47(1):183-189),
//   shape = rms/mean|x|, impulse = peak/mean|x|.
// Central moments by the two-pass algorithm with the exact correction for the rounding of the mean
// (Chan, Golub & LeVeque 1983, "Algorithms for computing the sample variance", Am. Stat. 37(3):242,
// eq. 1.7, extended to m3 and m4 by the binomial shift formulas). The data are scaled by 1/peak
// first, so no power overflows; the returned values are scaled back.
// Frequency domain: the windowed one-sided periodogram P_k = s_k |X_k|² / (n²·EG), X = DFT(w·x),
// EG = Σw²/n the window's energy gain, s_k = 1 at k = 0 and k = n/2, 2 otherwise. Then Σ_k P_k =
// Σ(w_j x_j)²/Σw_j² (Parseval), which is the mean square Σx²/n for the rectangular window. Band b
// (b = 0 … B−1) sums P_k over the bins with frequency k·fs/n in [b, b+1)·fs/(2B): bin k belongs to
// band min(B−1, floor(2Bk/n)) (the bin at fs/2 to the last band). Unit: (signal unit)².
// Orders: amplitudes A_1 … A_K of the least-squares fit of orders.ts at k·f0.
import { FftPlan, RealFftPlan } from "./fft";
import { Window } from "./windows";
import { OrderFit } from "./orders";
import { setError, ERR_SINGULAR } from "../errors";

export const TIME_FEATURES: i32 = 10;

@inline
function ld(a: StaticArray<f64>, i: i32): f64 {
  return load<f64>(changetype<usize>(a) + (<usize>i << 3));
}

@inline
function st(a: StaticArray<f64>, i: i32, v: f64): void {
  store<f64>(changetype<usize>(a) + (<usize>i << 3), v);
}

/** Everything that depends only on the configuration: FFT plan, window, order fit, scratch. */
export class FeatureExtractor {
  n: i32;
  bands: i32;
  orders: i32;
  nFeatures: i32;
  win: Window;
  rfft: RealFftPlan;
  fit: OrderFit | null;
  y: StaticArray<f64>;
  xr: StaticArray<f64>;
  xi: StaticArray<f64>;
  band: StaticArray<i32>;

  /** n ≥ 2 samples per window, 1 ≤ bands ≤ n/2, orders ≥ 0 at cyclesPerSample = f0/fs. */
  constructor(n: i32, windowKind: i32, bands: i32, orders: i32, cyclesPerSample: f64) {
    this.n = n;
    this.bands = bands;
    this.orders = orders;
    this.nFeatures = TIME_FEATURES + bands + orders;
    this.win = new Window(windowKind, n);
    this.rfft = new RealFftPlan(n);
    this.fit = orders > 0 ? new OrderFit(n, cyclesPerSample, orders) : null;
    this.y = new StaticArray<f64>(n);
    const nb = (n >> 1) + 1;
    this.xr = new StaticArray<f64>(nb);
    this.xi = new StaticArray<f64>(nb);
    this.band = new StaticArray<i32>(nb);
    const B = <i64>bands;
    for (let k = 0; k < nb; k++) {
      let b = <i32>((2 * B * <i64>k) / <i64>n);
      if (b > bands - 1) b = bands - 1;
      unchecked((this.band[k] = b));
    }
  }

  /** False if the order fit is ill-posed for this window (see OrderFit.ok). */
  get ordersOk(): bool {
    const f = this.fit;
    return f === null || f.ok;
  }

  /**
   * Features of x[off + j·stride], j < n, into out[o … o + nFeatures). Returns false (error 2,
   * detail = off, the buffer index of the window's first sample) if the window is constant: its
   * skewness and kurtosis are 0/0.
   */
  compute(x: StaticArray<f64>, off: i32, stride: i32, out: StaticArray<f64>, o: i32): bool {
    const n = this.n;
    const y = this.y;
    let peak = 0.0, mx = -Infinity, mn = Infinity;
    for (let j = 0; j < n; j++) {
      const v = ld(x, off + j * stride);
      const av = Math.abs(v);
      if (av > peak) peak = av;
      if (v > mx) mx = v;
      if (v < mn) mn = v;
    }
    if (!(mx > mn)) {
      setError(ERR_SINGULAR, <f64>off);
      return false;
    }
    // scale to max|y| = 1: every power below stays in [0, 1]
    const inv = 1.0 / peak;
    let s = 0.0, sq = 0.0, sabs = 0.0;
    for (let j = 0; j < n; j++) {
      const v = ld(x, off + j * stride) * inv;
      st(y, j, v);
      s += v;
      sq += v * v;
      sabs += Math.abs(v);
    }
    const fn = <f64>n;
    const mean = s / fn;
    let d1 = 0.0, d2 = 0.0, d3 = 0.0, d4 = 0.0;
    for (let j = 0; j < n; j++) {
      const d = ld(y, j) - mean;
      const dd = d * d;
      d1 += d;
      d2 += dd;
      d3 += dd * d;
      d4 += dd * dd;
    }
    // moments about the exact mean of y from those about the rounded one (δ = mean error)
    const delta = d1 / fn;
    const s2 = d2 / fn, s3 = d3 / fn, s4 = d4 / fn;
    const m2 = s2 - delta * delta;
    const m3 = s3 - 3.0 * delta * s2 + 2.0 * delta * delta * delta;
    const m4 = s4 - 4.0 * delta * s3 + 6.0 * delta * delta * s2 - 3.0 * delta * delta * delta * delta;
    if (!(m2 > 0.0)) {
      setError(ERR_SINGULAR, <f64>off);
      return false;
    }
    const rmsY = Math.sqrt(sq / fn);
    const meanAbsY = sabs / fn;
    st(out, o + 0, mean * peak);
    st(out, o + 1, Math.sqrt(m2) * peak);
    st(out, o + 2, rmsY * peak);
    st(out, o + 3, peak);
    st(out, o + 4, mx - mn);
    st(out, o + 5, 1.0 / rmsY);
    st(out, o + 6, m4 / (m2 * m2));
    st(out, o + 7, m3 / (m2 * Math.sqrt(m2)));
    st(out, o + 8, rmsY / meanAbsY);
    st(out, o + 9, 1.0 / meanAbsY);
    this.bandEnergies(peak * peak, out, o + TIME_FEATURES);
    const fit = this.fit;
    if (fit !== null) {
      fit.fit(x, off, stride);
      const ob = o + TIME_FEATURES + this.bands;
      for (let k = 1; k <= this.orders; k++) st(out, ob + k - 1, fit.amplitude(k));
    }
    return true;
  }

  /** Band sums of the one-sided periodogram of w·y (y in this.y), times scale². */
  private bandEnergies(scale2: f64, out: StaticArray<f64>, o: i32): void {
    const n = this.n;
    const w = this.win.w;
    const y = this.y;
    for (let j = 0; j < n; j++) st(y, j, ld(y, j) * unchecked(w[j]));
    this.rfft.forward(y, 0, 1, this.xr, this.xi);
    for (let b = 0; b < this.bands; b++) st(out, o + b, 0.0);
    const fn = <f64>n;
    const norm = scale2 / (fn * fn * this.win.energyGain);
    const nb = (n >> 1) + 1;
    const xr = this.xr, xi = this.xi;
    for (let k = 0; k < nb; k++) {
      const re = ld(xr, k), im = ld(xi, k);
      const single = k == 0 || 2 * k == n;
      const p = (single ? 1.0 : 2.0) * (re * re + im * im) * norm;
      const b = o + unchecked(this.band[k]);
      st(out, b, ld(out, b) + p);
    }
  }
}

/** Number of windows of length n with hop h in nSamples samples (0 if nSamples < n). */
export function windowCount(nSamples: i32, n: i32, hop: i32): i32 {
  if (nSamples < n) return 0;
  return (nSamples - n) / hop + 1;
}

/**
 * All features of a sample-major signal (x[j·nCh + c] = channel c at sample j): result
 * [nWindows, nFeatures, nWindows × nCh × nFeatures], window w from sample w·hop, or null (error set).
 */
export function computeFeatures(ex: FeatureExtractor, x: StaticArray<f64>, nSamples: i32, nCh: i32, hop: i32): StaticArray<f64> | null {
  const nw = windowCount(nSamples, ex.n, hop);
  const nf = ex.nFeatures;
  const out = new StaticArray<f64>(2 + nw * nCh * nf);
  out[0] = <f64>nw;
  out[1] = <f64>nf;
  for (let w = 0; w < nw; w++) {
    for (let c = 0; c < nCh; c++) {
      if (!ex.compute(x, w * hop * nCh + c, nCh, out, 2 + (w * nCh + c) * nf)) return null;
    }
  }
  return out;
}

// re-exported for the export layer
export { FftPlan, RealFftPlan };
