// Tabular CUSUM in standardised form (Montgomery, Introduction to SQC, 7th ed., §9.1.2-9.1.4 and
// §9.1.8 "standardized cusum"): z_i = (x̄_i − centre)/(σ/√n_i), C⁺_i = max(0, C⁺_(i−1) + z_i − k),
// C⁻_i = max(0, C⁻_(i−1) − z_i − k), signal when C > h; k and h in standard errors. A head start
// (fast initial response, Lucas & Crosier 1982, Technometrics 24(3):199-205) starts both sums at H
// instead of 0. The sums are not reset after a signal (the chart reports the process as it ran).
import type { ChartOptions } from "./options.js";
import { newSeries, phase1Mask, resolvePhase1, runPhases } from "./phase.js";
import { beyondLimits } from "./rules.js";
import { estimateMonitored, monitoredValues } from "./monitored.js";
import type { ChartSeries, ControlChart, ProcessParams, SubgroupData } from "./types.js";
import { SpcInputError } from "./types.js";

export function checkCusum(k: number, h: number, headStart: number): void {
  if (!(k >= 0) || !Number.isFinite(k)) throw new SpcInputError(`k = ${k}: must be >= 0`);
  if (!(h > 0) || !Number.isFinite(h)) throw new SpcInputError(`h = ${h}: must be > 0`);
  if (!(headStart >= 0 && headStart < h)) throw new SpcInputError(`head start ${headStart}: must lie in [0, h)`);
}

/** C⁺ into `up`, C⁻ into `lo` (both non-negative), limits 0 and h. */
export function cusumInto(
  x: Float64Array, sizes: Float64Array | null, mu: number, sigma: number, k: number, h: number, headStart: number,
  up: ChartSeries, lo: ChartSeries,
): void {
  let cp = headStart;
  let cm = headStart;
  for (let i = 0; i < x.length; i++) {
    const n = sizes === null ? 1 : sizes[i]!;
    const z = (x[i]! - mu) / (sigma / Math.sqrt(n));
    cp = Math.max(0, cp + z - k);
    cm = Math.max(0, cm - z - k);
    up.stats[i] = cp;
    lo.stats[i] = cm;
  }
  for (const s of [up, lo]) {
    s.center.fill(0);
    s.se.fill(1);
    s.lcl.fill(0);
    s.ucl.fill(h);
  }
}

export function cusumChart(data: SubgroupData, opts: ChartOptions): ControlChart {
  checkCusum(opts.k, opts.h, opts.headStart);
  const mon = monitoredValues(data);
  const m = mon.values.length;
  const range = resolvePhase1(opts.phase1, m);
  const known = opts.center !== undefined && opts.stddev !== undefined;
  const build = (p: ProcessParams): { up: ChartSeries; lo: ChartSeries } => {
    const up = newSeries("cusum-upper", m);
    const lo = newSeries("cusum-lower", m);
    cusumInto(mon.values, mon.individual ? null : mon.sizes, p.center, p.sigma, opts.k, opts.h, opts.headStart, up, lo);
    return { up, lo };
  };
  const union = (r: { up: ChartSeries; lo: ChartSeries }): number[] => [...new Set([...beyondLimits(r.up), ...beyondLimits(r.lo)])].sort((a, b) => a - b);
  const phased = runPhases(phase1Mask(m, range), opts.revise && !known, mon.individual ? 2 : 1, (mask) => estimateMonitored(mon, mask, opts), build, union);
  const { up, lo } = phased.result;
  return {
    chart: "cusum",
    ...(data.labels ? { labels: data.labels } : {}),
    sizes: mon.sizes,
    width: opts.width,
    params: phased.params,
    phase1: range,
    excluded: phased.excluded,
    primary: up,
    secondary: lo,
    beyond: union(phased.result),
    secondaryBeyond: beyondLimits(lo),
    rules: {},
    secondaryRules: {},
    conventions: opts.conventions,
    cusum: { k: opts.k, h: opts.h, headStart: opts.headStart, upper: up.stats, lower: lo.stats, signalsUpper: beyondLimits(up), signalsLower: beyondLimits(lo) },
    values: mon.values,
  };
}
