// Shewhart charts for variables: X-bar with R or S (equal or unequal subgroup sizes) and
// individuals with moving range. Montgomery, Introduction to SQC, 7th ed., §6.2 (X-bar/R), §6.3
// (X-bar/S, eqs. 6.27-6.33, unequal n), §6.4 (individuals, MR of span 2). Conventions of
// shared/spec/spc.md: the X-bar centre is the size-weighted grand mean, σ within is the mean of
// R_i/d2(n_i) (or S_i/c4(n_i)), the X-bar limits are centre ± L·σ/√n_i (= A2·R-bar for equal n up to
// the rounding of A2), the R and S limits are D3, D4 (B3, B4) times their centre line, clamped at 0.
// These are also qcc 3.0's (R/qcc.R: stats.xbar `sum(sizes * statistics)/sum(sizes)`, sd.xbar
// "UWAVE-R" `sum(R/d2)/length(sizes)` and "UWAVE-SD", limits.xbar `center ± nsigmas·std.dev/sqrt(sizes)`).
// With unequal sizes the R and S centre line follows conventions.ts (`dispersionCenter`): qcc's one
// pooled line Σn_i·R_i/Σn_i with limits centre ± L·d3(n_i)·σ (limits.R; S: ± L·σ·√(1−c4(n_i)²),
// limits.S), or Minitab's d2(n_i)·σ per point. The secondary chart gets the same run rules as the
// primary one (qcc evaluates the rules on any chart type, an R or S chart included).
import { c4, rFactors, sFactors, type DispersionFactors } from "./constants.js";
import { subgroupCount, subgroupStats, type SubgroupStats } from "./data.js";
import type { ChartOptions } from "./options.js";
import { newSeries, phase1Mask, resolvePhase1, runPhases } from "./phase.js";
import { beyondLimits, evaluateRules, type RuleContext } from "./rules.js";
import type { ChartSeries, ControlChart, ProcessParams, SubgroupData } from "./types.js";
import { SpcInputError } from "./types.js";

export type Dispersion = "r" | "s";

function requirePositiveSigma(sigma: number, what: string): void {
  if (!(sigma > 0) || !Number.isFinite(sigma)) throw new SpcInputError(`σ estimate ${sigma} from ${what} is not positive: the data show no variation`);
}

/**
 * Size-weighted mean Σn_i·R_i/Σn_i of the ranges (or standard deviations) over the mask: the pooled
 * centre line of qcc's R and S charts (R/qcc.R stats.R, stats.S: `sum(sizes * statistics)/sum(sizes)`).
 */
export function pooledDispersion(st: SubgroupStats, mask: Uint8Array, kind: Dispersion): number {
  const disp = kind === "r" ? st.ranges : st.sds;
  let sw = 0;
  let s = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      const n = st.sizes[i]!;
      sw += n;
      s += n * disp[i]!;
    }
  }
  return s / sw;
}

/** Size-weighted mean of the subgroup means over the mask (the grand mean of all observations). */
export function grandMean(st: SubgroupStats, mask: Uint8Array): number {
  let sw = 0;
  let s = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      const n = st.sizes[i]!;
      sw += n;
      s += n * st.means[i]!;
    }
  }
  return s / sw;
}

/** Dispersion factors per subgroup size, looked up once per distinct size. */
class FactorCache {
  private readonly cache = new Map<number, DispersionFactors>();
  constructor(private readonly kind: Dispersion, private readonly width: number) {}
  get(n: number): DispersionFactors {
    let f = this.cache.get(n);
    if (f === undefined) {
      f = this.kind === "r" ? rFactors(n, this.width) : sFactors(n, this.width);
      this.cache.set(n, f);
    }
    return f;
  }
}

/**
 * σ within from subgroups: mean over the mask of R_i/d2(n_i) (or S_i/c4(n_i)); for equal sizes
 * R-bar/d2 exactly, and R-bar itself is returned as `bar`.
 */
export function withinSigma(st: SubgroupStats, mask: Uint8Array, kind: Dispersion): { sigma: number; bar: number } {
  const disp = kind === "r" ? st.ranges : st.sds;
  const cache = new FactorCache(kind, 3);
  let count = 0;
  let sum = 0;
  if (st.equalSize > 0) {
    for (let i = 0; i < mask.length; i++) {
      if (mask[i] === 1) {
        sum += disp[i]!;
        count++;
      }
    }
    const bar = sum / count;
    return { sigma: bar / cache.get(st.equalSize).bias, bar };
  }
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      sum += disp[i]! / cache.get(st.sizes[i]!).bias;
      count++;
    }
  }
  return { sigma: sum / count, bar: NaN };
}

function checkSizes(st: SubgroupStats, kind: Dispersion): void {
  for (let i = 0; i < st.sizes.length; i++) {
    const n = st.sizes[i]!;
    if (n < 2) throw new SpcInputError(`sample ${i + 1}: subgroup of ${n}: X-bar charts need n ≥ 2`);
    if (kind === "r" && n > 25) throw new SpcInputError(`sample ${i + 1}: subgroup of ${n}: R charts are tabulated to n = 25 (use xbar-s)`);
  }
}

/** X-bar/R (kind "r") or X-bar/S (kind "s") chart. */
export function xbarChart(data: SubgroupData, kind: Dispersion, opts: ChartOptions): ControlChart {
  const m = subgroupCount(data);
  if (m === 0) throw new SpcInputError("no samples");
  const st = subgroupStats(data, kind === "s");
  checkSizes(st, kind);
  const L = opts.width;
  const range = resolvePhase1(opts.phase1, m);
  const known = opts.center !== undefined && opts.stddev !== undefined;
  const cache = new FactorCache(kind, L);
  const pooled = opts.conventions.dispersionCenter === "pooled";
  // bar: R-bar / S-bar (equal n); pooledCenter: Σn_i·R_i/Σn_i (unequal n, pooled convention)
  type Est = { params: ProcessParams; bar: number; pooledCenter: number };
  const estimate = (mask: Uint8Array): Est => {
    const center = opts.center ?? grandMean(st, mask);
    let sigma = opts.stddev ?? NaN;
    let bar = NaN;
    let pooledCenter = NaN;
    if (opts.stddev === undefined) {
      ({ sigma, bar } = withinSigma(st, mask, kind));
      requirePositiveSigma(sigma, kind === "r" ? "the subgroup ranges" : "the subgroup standard deviations");
      if (st.equalSize === 0 && pooled) pooledCenter = pooledDispersion(st, mask, kind);
    }
    return { params: { center, sigma, centerKnown: opts.center !== undefined, sigmaKnown: opts.stddev !== undefined }, bar, pooledCenter };
  };
  const build = ({ params, bar, pooledCenter }: Est): { primary: ChartSeries; secondary: ChartSeries } => {
    const primary = newSeries("xbar", m);
    const secondary = newSeries(kind, m);
    const { center: mu, sigma } = params;
    const disp = kind === "r" ? st.ranges : st.sds;
    primary.stats.set(st.means);
    secondary.stats.set(disp);
    let se = 0, dc = 0, dl = 0, du = 0, dse = 0;
    // limits depend only on n
    const limitsFor = (n: number): void => {
      se = sigma / Math.sqrt(n);
      const f = cache.get(n);
      dse = f.spread * sigma;
      if (params.sigmaKnown) {
        dc = f.bias * sigma;
        dl = f.lowerOfSigma * sigma;
        du = f.upperOfSigma * sigma;
      } else if (!Number.isNaN(pooledCenter)) {
        // qcc limits.R / limits.S: pmax(0, center − nsigmas·se), center + nsigmas·se
        dc = pooledCenter;
        dl = Math.max(0, dc - L * dse);
        du = dc + L * dse;
      } else {
        dc = st.equalSize > 0 ? bar : f.bias * sigma;
        dl = f.lowerOfCenter * dc;
        du = f.upperOfCenter * dc;
      }
    };
    if (st.equalSize > 0) {
      limitsFor(st.equalSize);
      primary.center.fill(mu);
      primary.se.fill(se);
      primary.lcl.fill(mu - L * se);
      primary.ucl.fill(mu + L * se);
      secondary.center.fill(dc);
      secondary.se.fill(dse);
      secondary.lcl.fill(dl);
      secondary.ucl.fill(du);
      return { primary, secondary };
    }
    let lastN = -1;
    for (let i = 0; i < m; i++) {
      const n = st.sizes[i]!;
      if (n !== lastN) {
        lastN = n;
        limitsFor(n);
      }
      primary.center[i] = mu;
      primary.se[i] = se;
      primary.lcl[i] = mu - L * se;
      primary.ucl[i] = mu + L * se;
      secondary.center[i] = dc;
      secondary.se[i] = dse;
      secondary.lcl[i] = dl;
      secondary.ucl[i] = du;
    }
    return { primary, secondary };
  };
  const phased = runPhases(phase1Mask(m, range), opts.revise && !known, 1, estimate, build, (r) => [
    ...new Set([...beyondLimits(r.primary), ...beyondLimits(r.secondary)]),
  ].sort((a, b) => a - b));
  const { primary, secondary } = phased.result;
  const ctx: RuleContext = { conventions: opts.conventions, width: L };
  return {
    chart: kind === "r" ? "xbar-r" : "xbar-s",
    ...(data.labels ? { labels: data.labels } : {}),
    sizes: st.sizes,
    width: L,
    params: phased.params.params,
    phase1: range,
    excluded: phased.excluded,
    primary,
    secondary,
    beyond: beyondLimits(primary),
    secondaryBeyond: beyondLimits(secondary),
    rules: evaluateRules(primary, opts.rules, ctx),
    secondaryRules: evaluateRules(secondary, opts.rules, ctx),
    conventions: opts.conventions,
  };
}

/** Moving ranges |x_i − x_(i−1)|, i = 1..m−1 (span 2). */
export function movingRanges(x: Float64Array): Float64Array {
  const mr = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 1; i < x.length; i++) mr[i - 1] = Math.abs(x[i]! - x[i - 1]!);
  return mr;
}

/**
 * σ of individual values over the mask: MR-bar/d2(2) using the moving ranges whose two points are
 * both included (Montgomery §6.4), or s/c4(count) (`sd`). Returns MR-bar as `bar` for method mr.
 */
export function individualsSigma(x: Float64Array, mask: Uint8Array, method: "mr" | "sd"): { sigma: number; bar: number } {
  if (method === "mr") {
    let sum = 0;
    let count = 0;
    for (let i = 1; i < x.length; i++) {
      if (mask[i] === 1 && mask[i - 1] === 1) {
        sum += Math.abs(x[i]! - x[i - 1]!);
        count++;
      }
    }
    if (count === 0) throw new SpcInputError("no two consecutive phase-I values: cannot form a moving range");
    const bar = sum / count;
    return { sigma: bar / rFactors(2, 3).bias, bar };
  }
  let count = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask[i] === 1) {
      sum += x[i]!;
      count++;
    }
  }
  if (count < 2) throw new SpcInputError("at least 2 phase-I values are needed for a standard deviation");
  const mean = sum / count;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask[i] === 1) {
      const e = x[i]! - mean;
      ss += e * e;
    }
  }
  return { sigma: Math.sqrt(ss / (count - 1)) / c4(count), bar: NaN };
}

/** Mean of the masked values. */
export function maskedMean(x: Float64Array, mask: Uint8Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask[i] === 1) {
      sum += x[i]!;
      count++;
    }
  }
  return sum / count;
}

/** Individuals and moving range (I-MR) chart; MR point i (samples 2..m) is |x_i − x_(i−1)|. */
export function imrChart(data: SubgroupData, opts: ChartOptions): ControlChart {
  const m = subgroupCount(data);
  for (let i = 0; i < m; i++) {
    if (data.offsets[i + 1]! - data.offsets[i]! !== 1) throw new SpcInputError(`sample ${i + 1}: an I-MR chart takes one value per sample`);
  }
  if (m < 2) throw new SpcInputError(`${m} value${m === 1 ? "" : "s"}: an I-MR chart needs at least 2`);
  const x = data.values;
  const L = opts.width;
  const range = resolvePhase1(opts.phase1, m);
  const known = opts.center !== undefined && opts.stddev !== undefined;
  const mrF = rFactors(2, L);
  type Est = { params: ProcessParams; bar: number };
  const estimate = (mask: Uint8Array): Est => {
    const center = opts.center ?? maskedMean(x, mask);
    let sigma = opts.stddev ?? NaN;
    let bar = NaN;
    if (opts.stddev === undefined) {
      ({ sigma, bar } = individualsSigma(x, mask, opts.sigmaMethod));
      requirePositiveSigma(sigma, opts.sigmaMethod === "mr" ? "the moving ranges" : "the standard deviation");
    }
    return { params: { center, sigma, centerKnown: opts.center !== undefined, sigmaKnown: opts.stddev !== undefined }, bar };
  };
  const mr = movingRanges(x);
  const build = ({ params, bar }: Est): { primary: ChartSeries; secondary: ChartSeries } => {
    const { center: mu, sigma } = params;
    const primary = newSeries("i", m);
    primary.stats.set(x);
    primary.center.fill(mu);
    primary.se.fill(sigma);
    primary.lcl.fill(mu - L * sigma);
    primary.ucl.fill(mu + L * sigma);
    const secondary = newSeries("mr", m - 1, 2);
    secondary.stats.set(mr);
    const centre = params.sigmaKnown ? mrF.bias * sigma : Number.isNaN(bar) ? mrF.bias * sigma : bar;
    secondary.center.fill(centre);
    secondary.se.fill(mrF.spread * sigma);
    secondary.lcl.fill(params.sigmaKnown ? mrF.lowerOfSigma * sigma : mrF.lowerOfCenter * centre);
    secondary.ucl.fill(params.sigmaKnown ? mrF.upperOfSigma * sigma : mrF.upperOfCenter * centre);
    return { primary, secondary };
  };
  const phased = runPhases(phase1Mask(m, range), opts.revise && !known, 2, estimate, build, (r) => [
    ...new Set([...beyondLimits(r.primary), ...beyondLimits(r.secondary)]),
  ].sort((a, b) => a - b));
  const { primary, secondary } = phased.result;
  const ctx: RuleContext = { conventions: opts.conventions, width: L };
  return {
    chart: "imr",
    ...(data.labels ? { labels: data.labels } : {}),
    sizes: new Float64Array(m).fill(1),
    width: L,
    params: phased.params.params,
    phase1: range,
    excluded: phased.excluded,
    primary,
    secondary,
    beyond: beyondLimits(primary),
    secondaryBeyond: beyondLimits(secondary),
    rules: evaluateRules(primary, opts.rules, ctx),
    // the MR chart as qcc would chart it: an R chart of the pairs (x_(i−1), x_i) with the same rules
    secondaryRules: evaluateRules(secondary, opts.rules, ctx),
    conventions: opts.conventions,
  };
}
