// The features job (assembly/ABI.md, "jobFeatures"): `twin features` in one call — the shaft speed
// converted from rev/min, each window's start time, and every feature of every window and channel,
// laid out as the rows of the feature table the command writes.
import { setError, ERR_INVALID_INPUT } from "../errors";
import { Request } from "../elm/request";
import { WIN_KINDS } from "./windows";
import { FeatureExtractor, windowCount } from "./features";

/** Largest input and result (values): 2^26, as signalFeatures. */
const MAX_LEN: i32 = 1 << 26;
const MAX_ORDERS: i32 = 64;
/** Largest |x| accepted: its square stays far from overflow. */
const MAX_ABS: f64 = 1e150;

export const FEATURES_REQUEST_HEADER: i32 = 11;
export const FEATURES_RESULT_HEADER: i32 = 5;

/**
 * jobFeatures: request [1, nSamples, nChannels, fs, window, hop, windowFn, bands, speedRpm, orders,
 * hasT, t (nSamples, if hasT), x (nSamples × nChannels, sample-major)]; result [1, nWindows,
 * nChannels, nFeatures, speedHz, then per window: t_start, nChannels × nFeatures values].
 */
export function featuresJob(req: StaticArray<f64>): StaticArray<f64> | null {
  const r = new Request(req);
  r.version(0, 1);
  const nSamples = r.int(1, 1, MAX_LEN);
  const nCh = r.int(2, 1, MAX_LEN);
  const fs = r.min(3, 0.0, true);
  const window = r.int(4, 2, nSamples);
  const hop = r.int(5, 1, MAX_LEN);
  const windowFn = r.int(6, 0, WIN_KINDS - 1);
  const bands = r.int(7, 1, window >> 1);
  const rpm = r.min(8, 0.0, false);
  const orders = r.int(9, 0, MAX_ORDERS);
  const hasT = r.flag(10);
  if (!r.ok) return null;
  // revolutions per minute to revolutions per second (Hz)
  const speedHz = rpm / 60.0;
  if (orders > 0 && !(speedHz > 0.0 && <f64>orders * speedHz < 0.5 * fs)) {
    r.fail(ERR_INVALID_INPUT, 8);
    return null;
  }
  if (<f64>nSamples * <f64>nCh > <f64>MAX_LEN) {
    r.fail(ERR_INVALID_INPUT, 2);
    return null;
  }
  const nw = windowCount(nSamples, window, hop);
  const nf = 10 + bands + orders;
  const row = 1 + nCh * nf;
  if (<f64>nw * <f64>row + <f64>FEATURES_RESULT_HEADER > <f64>MAX_LEN) {
    r.fail(ERR_INVALID_INPUT, 5);
    return null;
  }
  const t0 = FEATURES_REQUEST_HEADER;
  const x0 = r.block(t0, hasT ? nSamples : 0, 1);
  const end = r.block(x0, <i64>nSamples * <i64>nCh, 1, MAX_ABS);
  r.end(end);
  if (!r.ok) return null;
  const ex = new FeatureExtractor(window, windowFn, bands, orders, speedHz / fs);
  if (!ex.ordersOk) {
    // the order fit is numerically rank-deficient: too few revolutions in a window (error at the window)
    setError(ERR_INVALID_INPUT, 4.0);
    return null;
  }
  const out = new StaticArray<f64>(FEATURES_RESULT_HEADER + nw * row);
  out[0] = 1.0;
  out[1] = <f64>nw;
  out[2] = <f64>nCh;
  out[3] = <f64>nf;
  out[4] = speedHz;
  for (let w = 0; w < nw; w++) {
    const o = FEATURES_RESULT_HEADER + w * row;
    const start = w * hop;
    // the t value of the window's first row, or its sample index over fs
    unchecked((out[o] = hasT ? unchecked(req[t0 + start]) : <f64>start / fs));
    for (let c = 0; c < nCh; c++) {
      // a constant channel fails with error 2 at the request index of the window's first value of it
      if (!ex.compute(req, x0 + start * nCh + c, nCh, out, o + 1 + c * nf)) return null;
    }
  }
  return out;
}
