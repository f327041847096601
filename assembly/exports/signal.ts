// Signal-processing exports (assembly/ABI.md, "Signal processing and vibration features"). Each
// export clears the error state, checks its arguments and buffers, and returns 0 with an error code
// on failure, else the address of a new buffer the host must bufFree.
import { share, lookup, finiteBuffer as input } from "../mem";
import { setError, clearError, ERR_BAD_HANDLE, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { FftPlan, RealFftPlan } from "../signal/fft";
import { Window, WIN_KINDS } from "../signal/windows";
import { OrderFit } from "../signal/orders";
import { FeatureExtractor, computeFeatures, windowCount } from "../signal/features";
import { selfcheckSignalHash } from "../signal/selfcheck";
import { featuresJob } from "../signal/job";

/** Largest transform length and largest input (values) accepted: 2^26. */
const MAX_LEN: i32 = 1 << 26;
/** Largest order count. */
const MAX_ORDERS: i32 = 64;
/** Largest |x| accepted by features and orders: its square stays far from overflow. */
const MAX_ABS: f64 = 1e150;


/** False + error 1 (detail: argument position) unless lo <= v <= hi. */
function intArg(v: i32, lo: i32, hi: i32, pos: i32): bool {
  if (v < lo || v > hi) {
    setError(ERR_INVALID_INPUT, <f64>pos);
    return false;
  }
  return true;
}

/** False + error 5 (not finite) or 1 (not > 0 / not >= 0) with detail = argument position. */
function realArg(v: f64, pos: i32, strictlyPositive: bool): bool {
  if (!isFinite(v)) {
    setError(ERR_NAN_INPUT, <f64>pos);
    return false;
  }
  if (strictlyPositive ? !(v > 0.0) : !(v >= 0.0)) {
    setError(ERR_INVALID_INPUT, <f64>pos);
    return false;
  }
  return true;
}

/** DFT (inverse = 0) or inverse DFT scaled by 1/n (inverse != 0) of n complex values [re(n), im(n)]. */
export function signalFft(ptr: usize, n: i32, inverse: i32): usize {
  clearError();
  if (!intArg(n, 1, MAX_LEN, 1)) return 0;
  const a = input(ptr, 2 * n);
  if (a === null) return 0;
  const re = new StaticArray<f64>(n), im = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) {
    unchecked((re[i] = a[i]));
    unchecked((im[i] = a[n + i]));
  }
  const plan = new FftPlan(n);
  if (inverse != 0) plan.inverse(re, im);
  else plan.forward(re, im);
  const out = new StaticArray<f64>(2 * n);
  for (let i = 0; i < n; i++) {
    unchecked((out[i] = re[i]));
    unchecked((out[n + i] = im[i]));
  }
  return share(out);
}

/** One-sided DFT X_0 … X_{floor(n/2)} of n real values: [re(m), im(m)], m = floor(n/2) + 1. */
export function signalRfft(ptr: usize, n: i32): usize {
  clearError();
  if (!intArg(n, 1, MAX_LEN, 1)) return 0;
  const x = input(ptr, n);
  if (x === null) return 0;
  const plan = new RealFftPlan(n);
  const m = plan.bins;
  const re = new StaticArray<f64>(m), im = new StaticArray<f64>(m);
  plan.forward(x, 0, 1, re, im);
  const out = new StaticArray<f64>(2 * m);
  for (let i = 0; i < m; i++) {
    unchecked((out[i] = re[i]));
    unchecked((out[m + i] = im[i]));
  }
  return share(out);
}

/** Window kind (0 rect, 1 Hann, 2 Hamming, 3 Blackman, 4 flat-top HFT95) of length n: [CG, EG, w(n)]. */
export function signalWindow(kind: i32, n: i32): usize {
  clearError();
  if (!intArg(kind, 0, WIN_KINDS - 1, 0) || !intArg(n, 1, MAX_LEN, 1)) return 0;
  const win = new Window(kind, n);
  const out = new StaticArray<f64>(n + 2);
  out[0] = win.coherentGain;
  out[1] = win.energyGain;
  for (let i = 0; i < n; i++) unchecked((out[i + 2] = win.w[i]));
  return share(out);
}

/**
 * One-sided spectrum of n real values with window `kind`, m = floor(n/2) + 1 values.
 * mode 0: peak amplitude, |X_k|·s_k/(n·CG) (s_k = 1 at k = 0 and k = n/2, else 2);
 * mode 1: power per bin (mean square), |X_k|²·s_k/(n²·EG).
 */
export function signalSpectrum(ptr: usize, n: i32, kind: i32, mode: i32): usize {
  clearError();
  if (!intArg(n, 2, MAX_LEN, 1) || !intArg(kind, 0, WIN_KINDS - 1, 2) || !intArg(mode, 0, 1, 3)) return 0;
  const x = input(ptr, n);
  if (x === null) return 0;
  const win = new Window(kind, n);
  const y = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) unchecked((y[i] = x[i] * win.w[i]));
  const plan = new RealFftPlan(n);
  const m = plan.bins;
  const re = new StaticArray<f64>(m), im = new StaticArray<f64>(m);
  plan.forward(y, 0, 1, re, im);
  const out = new StaticArray<f64>(m);
  const fn = <f64>n;
  for (let k = 0; k < m; k++) {
    const s: f64 = k == 0 || 2 * k == n ? 1.0 : 2.0;
    const p = unchecked(re[k]) * unchecked(re[k]) + unchecked(im[k]) * unchecked(im[k]);
    unchecked((out[k] = mode == 0 ? (s * Math.sqrt(p)) / (fn * win.coherentGain) : (s * p) / (fn * fn * win.energyGain)));
  }
  return share(out);
}

/**
 * Least-squares order fit of n samples at fs (Hz) with shaft frequency speedHz (Hz), orders 1 … K:
 * [c, A_1, φ_1, …, A_K, φ_K], x ≈ c + Σ A_k cos(2πk·speedHz·j/fs + φ_k).
 */
export function signalOrders(ptr: usize, n: i32, fs: f64, speedHz: f64, orders: i32): usize {
  clearError();
  if (!intArg(n, 1, MAX_LEN, 1) || !realArg(fs, 2, true) || !realArg(speedHz, 3, true)) return 0;
  if (!intArg(orders, 1, MAX_ORDERS, 4)) return 0;
  if (!(<f64>orders * speedHz < 0.5 * fs)) {
    setError(ERR_INVALID_INPUT, 3.0);
    return 0;
  }
  const x = input(ptr, n, MAX_ABS);
  if (x === null) return 0;
  const fit = new OrderFit(n, speedHz / fs, orders);
  if (!fit.ok) {
    setError(ERR_INVALID_INPUT, 3.0);
    return 0;
  }
  fit.fit(x, 0, 1);
  const out = new StaticArray<f64>(1 + 2 * orders);
  out[0] = fit.coef[0];
  for (let k = 1; k <= orders; k++) {
    out[2 * k - 1] = fit.amplitude(k);
    out[2 * k] = fit.phase(k);
  }
  return share(out);
}

/**
 * Features of a sample-major signal (x[j·nChannels + c]), windows of `window` samples every `hop`:
 * [nWindows, nFeatures, nWindows × nChannels × nFeatures] (layout and definitions in ABI.md).
 */
export function signalFeatures(
  xPtr: usize,
  nSamples: i32,
  nChannels: i32,
  fs: f64,
  window: i32,
  hop: i32,
  windowFn: i32,
  bands: i32,
  speedHz: f64,
  orders: i32,
): usize {
  clearError();
  if (!intArg(nSamples, 1, MAX_LEN, 1) || !intArg(nChannels, 1, MAX_LEN, 2) || !realArg(fs, 3, true)) return 0;
  if (!intArg(window, 2, nSamples, 4) || !intArg(hop, 1, MAX_LEN, 5) || !intArg(windowFn, 0, WIN_KINDS - 1, 6)) return 0;
  if (!intArg(bands, 1, window >> 1, 7) || !realArg(speedHz, 8, false) || !intArg(orders, 0, MAX_ORDERS, 9)) return 0;
  if (orders > 0 && !(speedHz > 0.0 && <f64>orders * speedHz < 0.5 * fs)) {
    setError(ERR_INVALID_INPUT, 8.0);
    return 0;
  }
  if (<f64>nSamples * <f64>nChannels > <f64>MAX_LEN) {
    setError(ERR_INVALID_INPUT, 2.0);
    return 0;
  }
  const nf = 10 + bands + orders;
  if (<f64>windowCount(nSamples, window, hop) * <f64>nChannels * <f64>nf > <f64>MAX_LEN) {
    setError(ERR_INVALID_INPUT, 5.0);
    return 0;
  }
  const x = input(xPtr, nSamples * nChannels, MAX_ABS);
  if (x === null) return 0;
  const ex = new FeatureExtractor(window, windowFn, bands, orders, speedHz / fs);
  if (!ex.ordersOk) {
    setError(ERR_INVALID_INPUT, 8.0);
    return 0;
  }
  const out = computeFeatures(ex, x, nSamples, nChannels, hop);
  if (out === null) return 0;
  return share(out);
}

/** Job of `twin features` (ABI.md, "jobFeatures"): the whole feature table of a signal in one call. */
export function jobFeatures(reqPtr: usize): usize {
  clearError();
  const req = lookup(reqPtr);
  if (req === null) {
    setError(ERR_BAD_HANDLE, <f64>reqPtr);
    return 0;
  }
  const out = featuresJob(req);
  return out === null ? 0 : share(out);
}

/** Self-check hash of FFTs of both kinds and of a feature computation (ABI.md, "Self-checks"). */
export function selfcheckSignal(): i64 {
  return selfcheckSignalHash();
}
