// Accuracy of a virtual sensor against the simulated truth: normalised RMS error over the evaluated
// samples, and the error of the synchronous (1X) component, amplitude and phase, from a least-squares
// fit of dc + A cos(Ωt + φ) over the same samples (the core's order fit, SignalCore.orders; exact for
// a steady sinusoid whatever the number of revolutions, see docs/features.md).
import type { SignalCore } from "../signal/core.js";

export interface EstimateError {
  /** RMS(estimate − truth) / RMS(truth) */
  nrmse: number;
  truth_rms: number;
  error_rms: number;
  /** 1X amplitudes (peak) of truth and estimate */
  truth_1x: number;
  estimate_1x: number;
  /** estimate_1x / truth_1x − 1 */
  amplitude_error_1x: number;
  /** phase(estimate) − phase(truth), wrapped to (−π, π] (rad) */
  phase_error_1x: number;
}

/** Wraps an angle to (−π, π]. */
export function wrapAngle(a: number): number {
  let r = a % (2 * Math.PI);
  if (r <= -Math.PI) r += 2 * Math.PI;
  if (r > Math.PI) r -= 2 * Math.PI;
  return r;
}

/** Error of `estimate` against `truth` over samples [from, end). */
export function estimateError(sig: SignalCore, truth: Float64Array, estimate: Float64Array, from: number, fs: number, speedHz: number): EstimateError {
  const n = truth.length;
  let se = 0, st = 0;
  for (let i = from; i < n; i++) {
    const e = estimate[i]! - truth[i]!;
    se += e * e;
    st += truth[i]! * truth[i]!;
  }
  const m = n - from;
  const error_rms = Math.sqrt(se / m), truth_rms = Math.sqrt(st / m);
  const ft = sig.orders(truth.subarray(from), fs, speedHz, 1);
  const fe = sig.orders(estimate.subarray(from), fs, speedHz, 1);
  const truth_1x = ft.amplitude[0]!, estimate_1x = fe.amplitude[0]!;
  return {
    nrmse: error_rms / truth_rms,
    truth_rms,
    error_rms,
    truth_1x,
    estimate_1x,
    amplitude_error_1x: estimate_1x / truth_1x - 1,
    phase_error_1x: wrapAngle(fe.phase[0]! - ft.phase[0]!),
  };
}
