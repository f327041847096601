// Process capability and performance (Montgomery, Introduction to SQC, 7th ed., §8.3): Cp = (USL − LSL)/6σ,
// Cpk = min(USL − μ, μ − LSL)/3σ with σ within (R-bar/d2, S-bar/c4 or MR-bar/1.128), Pp and Ppk the same
// with σ overall (the sample standard deviation of all phase-I observations; AIAG SPC manual, 2nd ed.),
// performance limits μ ± 3σ within. The indices describe the process only when it is in statistical
// control, so the report carries the verdict of its own control chart (X-bar/R, X-bar/S or I-MR with
// the same rules) and the signals behind it.
// Confidence intervals: Cp (and Pp) from the chi-square distribution of the variance estimate,
// Ĉp √(χ²_(α/2, N−1)/(N−1)) ≤ Cp ≤ Ĉp √(χ²_(1−α/2, N−1)/(N−1)) (Montgomery §8.3.5, eq. 8.19; lower
// quantiles here); Cpk (and Ppk) by Bissell's normal approximation, Ĉpk ∓ z_(1−α/2) √(1/(9N) + Ĉpk²/(2(N−1)))
// (A. F. Bissell 1990, "How reliable is your capability index?", Applied Statistics 39(3):331-340;
// Montgomery eq. 8.21). N is the number of observations; for σ within these intervals are the usual
// approximation (the range estimate has somewhat fewer effective degrees of freedom).
import { DEFAULT_CONVENTIONS, type RuleConventions } from "./conventions.js";
import { subgroupStats } from "./data.js";
import { withDefaults } from "./options.js";
import { chiSquareQuantile, normalQuantile } from "./special.js";
import type { ControlChart, RuleName, RuleReport, SubgroupData } from "./types.js";
import { ALL_RULES, SpcInputError } from "./types.js";
import { imrChart, xbarChart } from "./variables.js";

export interface CapabilityOptions {
  lsl?: number;
  usl?: number;
  /** within-subgroup σ from ranges (default), standard deviations; individuals use MR-bar/1.128 */
  within: "r" | "s";
  /** two-sided confidence level of the intervals (default 0.95) */
  confidence: number;
  phase1?: [number, number];
  rules: RuleName[];
  /** how the in-control check evaluates the rules (conventions.ts; default qcc) */
  conventions: RuleConventions;
}

export const DEFAULT_CAPABILITY: Readonly<CapabilityOptions> = { within: "r", confidence: 0.95, rules: [...ALL_RULES], conventions: DEFAULT_CONVENTIONS };

/** What `twin spc capability --json` prints: the indices, their confidence intervals, σ within and overall, and the in-control verdict with its signals. */
export interface CapabilityReport {
  observations: number;
  subgroups: number;
  /** common subgroup size (1: individuals), 0 when sizes differ */
  subgroupSize: number;
  lsl: number | null;
  usl: number | null;
  mean: number;
  sigmaWithin: number;
  sigmaOverall: number;
  cp: number | null;
  cpk: number;
  cpl: number | null;
  cpu: number | null;
  pp: number | null;
  ppk: number;
  performanceLimits: [number, number];
  inControl: boolean;
  /** the chart that judged control and what it flagged */
  controlChart: string;
  beyond: number[];
  secondaryBeyond: number[];
  rules: RuleReport;
  /** the rules on the R, S or MR chart */
  secondaryRules: RuleReport;
  confidence: number;
  cpInterval: [number, number] | null;
  cpkInterval: [number, number];
  ppInterval: [number, number] | null;
  ppkInterval: [number, number];
}

/** Chi-square interval factors [√(χ²_lo/ν), √(χ²_hi/ν)] for ν = N − 1 (Montgomery eq. 8.19). */
export function cpIntervalFactors(observations: number, confidence: number): [number, number] {
  const nu = observations - 1;
  const alpha = 1 - confidence;
  return [Math.sqrt(chiSquareQuantile(alpha / 2, nu) / nu), Math.sqrt(chiSquareQuantile(1 - alpha / 2, nu) / nu)];
}

/** Bissell (1990) approximate interval for Cpk from N observations. */
export function cpkInterval(cpk: number, observations: number, confidence: number): [number, number] {
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const h = z * Math.sqrt(1 / (9 * observations) + (cpk * cpk) / (2 * (observations - 1)));
  return [cpk - h, cpk + h];
}

export function capability(data: SubgroupData, options: Partial<CapabilityOptions>): CapabilityReport {
  const o: CapabilityOptions = { ...DEFAULT_CAPABILITY, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const lsl = o.lsl ?? null;
  const usl = o.usl ?? null;
  if (lsl === null && usl === null) throw new SpcInputError("capability needs --lsl, --usl or both");
  if (lsl !== null && usl !== null && !(usl > lsl)) throw new SpcInputError(`USL ${usl} is not above LSL ${lsl}`);
  if (!(o.confidence > 0 && o.confidence < 1)) throw new SpcInputError(`confidence ${o.confidence} not in (0, 1)`);
  const st = subgroupStats(data);
  const individual = st.equalSize === 1;
  const chartOpts = withDefaults({ phase1: o.phase1, rules: o.rules, sigmaMethod: "mr", conventions: o.conventions });
  const chart: ControlChart = individual ? imrChart(data, chartOpts) : xbarChart(data, o.within, chartOpts);
  const [a, b] = chart.phase1;
  // all phase-I observations, in input order
  let count = 0;
  let sum = 0;
  for (let i = a - 1; i < b; i++) {
    for (let j = data.offsets[i]!; j < data.offsets[i + 1]!; j++) {
      sum += data.values[j]!;
      count++;
    }
  }
  if (count < 2) throw new SpcInputError("capability needs at least 2 observations");
  const mean = sum / count;
  let ss = 0;
  for (let j = data.offsets[a - 1]!; j < data.offsets[b]!; j++) {
    const e = data.values[j]! - mean;
    ss += e * e;
  }
  const sigmaOverall = Math.sqrt(ss / (count - 1));
  const sigmaWithin = chart.params.sigma;
  const cpu = usl !== null ? (usl - mean) / (3 * sigmaWithin) : null;
  const cpl = lsl !== null ? (mean - lsl) / (3 * sigmaWithin) : null;
  const ppu = usl !== null ? (usl - mean) / (3 * sigmaOverall) : null;
  const ppl = lsl !== null ? (mean - lsl) / (3 * sigmaOverall) : null;
  const both = lsl !== null && usl !== null;
  const cp = both ? (usl - lsl) / (6 * sigmaWithin) : null;
  const pp = both ? (usl - lsl) / (6 * sigmaOverall) : null;
  const cpk = Math.min(cpu ?? Infinity, cpl ?? Infinity);
  const ppk = Math.min(ppu ?? Infinity, ppl ?? Infinity);
  const quiet = (r: RuleReport): boolean => Object.values(r).every((v) => v === undefined || v.length === 0);
  // in control: nothing beyond the limits and no rule firing on either chart
  const inControl = chart.beyond.length === 0 && chart.secondaryBeyond.length === 0 && quiet(chart.rules) && quiet(chart.secondaryRules);
  const f = cpIntervalFactors(count, o.confidence);
  return {
    observations: count,
    subgroups: b - a + 1,
    subgroupSize: st.equalSize,
    lsl,
    usl,
    mean,
    sigmaWithin,
    sigmaOverall,
    cp,
    cpk,
    cpl,
    cpu,
    pp,
    ppk,
    performanceLimits: [mean - 3 * sigmaWithin, mean + 3 * sigmaWithin],
    inControl,
    controlChart: individual ? "imr" : o.within === "r" ? "xbar-r" : "xbar-s",
    beyond: chart.beyond,
    secondaryBeyond: chart.secondaryBeyond,
    rules: chart.rules,
    secondaryRules: chart.secondaryRules,
    confidence: o.confidence,
    cpInterval: cp !== null ? [cp * f[0], cp * f[1]] : null,
    cpkInterval: cpkInterval(cpk, count, o.confidence),
    ppInterval: pp !== null ? [pp * f[0], pp * f[1]] : null,
    ppkInterval: cpkInterval(ppk, count, o.confidence),
  };
}
