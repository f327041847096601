// Exponentially weighted moving average chart (Roberts 1959; Montgomery, Introduction to SQC, 7th ed.,
// §9.2, eqs. 9.22-9.25): z_0 = centre, z_i = λ x̄_i + (1−λ) z_(i−1), limits
// centre ± L σ/√n_i √(λ/(2−λ) (1 − (1−λ)^(2i))) (exact, time-varying) or without the last factor
// (asymptotic), written σ·√(λ/(2−λ)(1 − (1−λ)^(2i))/n_i) with one square root. (1−λ)^(2i) is carried as
// a running product (nextWeight) so batch and stream give the same bits.
import type { ChartOptions } from "./options.js";
import { newSeries, phase1Mask, resolvePhase1, runPhases } from "./phase.js";
import { beyondLimits } from "./rules.js";
import { estimateMonitored, monitoredValues } from "./monitored.js";
import type { ChartSeries, ControlChart, ProcessParams, SubgroupData } from "./types.js";
import { SpcInputError } from "./types.js";

/**
 * (1−λ)^(2i) from (1−λ)^(2(i−1)). Flushed to 0 below 1e-17, where 1 − q already rounds to 1 (so no
 * result changes): otherwise the product sticks at the smallest subnormal number, and subnormal
 * arithmetic is about 10x slower on x86.
 */
export function nextWeight(q: number, r2: number): number {
  return q < 1e-17 ? 0 : q * r2;
}

export function checkLambda(lambda: number): void {
  if (!(lambda > 0 && lambda <= 1)) throw new SpcInputError(`λ = ${lambda}: the EWMA weight lies in (0, 1]`);
}

/**
 * EWMA statistic and limits over a whole series, in place into `out` (Float64Arrays of length m).
 * The tight loop the benchmark measures.
 */
export function ewmaInto(
  x: Float64Array, sizes: Float64Array | null, mu: number, sigma: number, lambda: number, L: number, asymptotic: boolean,
  out: ChartSeries,
): void {
  const m = x.length;
  const keep = 1 - lambda;
  const r2 = keep * keep;
  const f = lambda / (2 - lambda);
  const { stats, center, se, lcl, ucl } = out;
  let z = mu;
  let q = 1;
  center.fill(mu);
  for (let i = 0; i < m; i++) {
    q = nextWeight(q, r2);
    z = lambda * x[i]! + keep * z;
    const n = sizes === null ? 1 : sizes[i]!;
    const s = sigma * Math.sqrt((asymptotic ? f : f * (1 - q)) / n);
    stats[i] = z;
    se[i] = s;
    lcl[i] = mu - L * s;
    ucl[i] = mu + L * s;
  }
}

export function ewmaChart(data: SubgroupData, opts: ChartOptions): ControlChart {
  checkLambda(opts.lambda);
  const mon = monitoredValues(data);
  const m = mon.values.length;
  const range = resolvePhase1(opts.phase1, m);
  const known = opts.center !== undefined && opts.stddev !== undefined;
  const build = (p: ProcessParams): ChartSeries => {
    const s = newSeries("ewma", m);
    ewmaInto(mon.values, mon.individual ? null : mon.sizes, p.center, p.sigma, opts.lambda, opts.width, opts.asymptotic, s);
    return s;
  };
  const phased = runPhases(phase1Mask(m, range), opts.revise && !known, mon.individual ? 2 : 1, (mask) => estimateMonitored(mon, mask, opts), build, beyondLimits);
  const primary = phased.result;
  return {
    chart: "ewma",
    ...(data.labels ? { labels: data.labels } : {}),
    sizes: mon.sizes,
    width: opts.width,
    params: phased.params,
    phase1: range,
    excluded: phased.excluded,
    primary,
    beyond: beyondLimits(primary),
    secondaryBeyond: [],
    rules: {},
    secondaryRules: {},
    conventions: opts.conventions,
    ewma: { lambda: opts.lambda, asymptotic: opts.asymptotic },
    values: mon.values,
  };
}
