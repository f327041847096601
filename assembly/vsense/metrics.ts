// Accuracy of a virtual sensor against the simulated truth (ABI.md, "Virtual sensing"), over the
// samples [from, n) of each series: the normalised RMS error, and the error of the synchronous (1X)
// component from the least-squares fit dc + A cos(Ωt + φ) over the same samples (the order fit of
// assembly/signal/orders.ts, IEEE Std 1057-2017's three-parameter sine fit at the known frequency:
// exact for a steady sinusoid whatever the number of revolutions).
import { OrderFit } from "../signal/orders";

/** Values per figure set, in result order. */
export const FIGURES: i32 = 7;

const TWO_PI: f64 = 2.0 * Math.PI;

/** An angle wrapped to (−π, π] (the remainder is exact: IEEE fmod). */
export function wrapAngle(a: f64): f64 {
  let r = a % TWO_PI;
  if (r <= -Math.PI) r += TWO_PI;
  if (r > Math.PI) r -= TWO_PI;
  return r;
}

/**
 * Writes [nrmse, truth_rms, error_rms, truth_1x, estimate_1x, amplitude_error_1x, phase_error_1x]
 * to out[o ...]: error_rms = √(Σ(est − truth)²/m), truth_rms = √(Σtruth²/m) over m = n − from
 * samples, nrmse = error_rms/truth_rms, amplitude_error_1x = A_est/A_truth − 1, phase_error_1x =
 * wrap(φ_est − φ_truth). `fit` is the order fit for n − from samples at the shaft frequency (1 order).
 */
export function estimateError(truth: StaticArray<f64>, est: StaticArray<f64>, from: i32, n: i32, fit: OrderFit, out: StaticArray<f64>, o: i32): void {
  let se = 0.0, st = 0.0;
  for (let i = from; i < n; i++) {
    const e = unchecked(est[i]) - unchecked(truth[i]);
    se += e * e;
    st += unchecked(truth[i]) * unchecked(truth[i]);
  }
  const m = <f64>(n - from);
  const errorRms = Math.sqrt(se / m), truthRms = Math.sqrt(st / m);
  fit.fit(truth, from, 1);
  const t1 = fit.amplitude(1), tp = fit.phase(1);
  fit.fit(est, from, 1);
  const e1 = fit.amplitude(1), ep = fit.phase(1);
  unchecked((out[o] = errorRms / truthRms));
  unchecked((out[o + 1] = truthRms));
  unchecked((out[o + 2] = errorRms));
  unchecked((out[o + 3] = t1));
  unchecked((out[o + 4] = e1));
  unchecked((out[o + 5] = e1 / t1 - 1.0));
  unchecked((out[o + 6] = wrapAngle(ep - tp)));
}
