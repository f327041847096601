// The library face of the chart and capability commands: samples from code or a file in, the chart
// (or its JSON report, or the capability report) out. Options are checked here as the command line
// checks its flags, so a caller gets an ArgumentError naming the option instead of a wrong chart.
import { ArgumentError } from "../errors.js";
import { capability, type CapabilityReport } from "./capability.js";
import { buildChart, isCountChart } from "./chart.js";
import { type ConventionPreset, parseConventions, type RuleConventions } from "./conventions.js";
import { equalSubgroups } from "./data.js";
import { capabilityRule, packCountData, packMeasurements, subgroupRuleOf, type SpcCounts, type SpcData, type SpcMeasurements } from "./input.js";
import type { ChartOptions, SigmaMethod } from "./options.js";
import { chartJson } from "./report.js";
import { parseRuleSelection } from "./rules.js";
import { type ChartKind, CHART_KINDS, type ControlChart, type RuleName, SpcInputError, type SubgroupData } from "./types.js";

/** Run rules: the names, or a selection as the command line takes it (`all`, `nelson`, `we`, `none`, `nelson1,we4`). */
export type RuleSelection = readonly RuleName[] | string;

/** How the rules judge points where packages differ: a preset name or the conventions themselves. */
export type ConventionsChoice = ConventionPreset | RuleConventions;

/** Options of a control chart (`twin spc CHART` flags in brackets); every one optional. */
export interface SpcChartOptions {
  /** limit width in standard errors [--sigma], > 0; default 3 */
  width?: number;
  /** individuals (imr, ewma, cusum): σ from MR-bar/1.128 ("mr", default) or s/c4 ("sd") [--sigma-method] */
  sigmaMethod?: SigmaMethod;
  /** 1-based inclusive samples that set the limits [--phase1 A:B]; default all */
  phase1?: [number, number];
  /** drop phase-I samples beyond the limits and re-estimate until none is [--revise]; default false */
  revise?: boolean;
  /** known standard centre: mean (variables charts), p (p, np), c (c), u (u) [--center] */
  center?: number;
  /** known standard σ of one observation, > 0 (variables charts) [--stddev] */
  stddev?: number;
  /** EWMA weight in (0, 1] [--lambda]; default 0.2 */
  lambda?: number;
  /** EWMA: asymptotic limits instead of the exact time-varying ones [--asymptotic]; default false */
  asymptotic?: boolean;
  /** CUSUM reference value, standard errors, ≥ 0 [--k]; default 0.5 */
  k?: number;
  /** CUSUM decision interval, standard errors, > 0 [--h]; default 5 */
  h?: number;
  /** CUSUM head start, standard errors, ≥ 0 [--head-start]; default 0 */
  headStart?: number;
  /** run rules [--rules]; default all */
  rules?: RuleSelection;
  /** rule conventions [--conventions]; default "qcc" */
  conventions?: ConventionsChoice;
}

function option(name: string, value: number | undefined, ok: (x: number) => boolean, rule: string): void {
  if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && ok(value))) {
    throw new ArgumentError(`${name}: must be ${rule}, got ${String(value)}`, { path: name });
  }
}

/** The rules named by a selection. @throws ArgumentError for an unknown rule */
export function ruleSelection(rules: RuleSelection, name = "rules"): RuleName[] {
  try {
    return typeof rules === "string" ? parseRuleSelection(rules) : parseRuleSelection(rules.length === 0 ? "none" : rules.join(","));
  } catch (e) {
    throw new ArgumentError(`${name}: ${(e as Error).message}`, { path: name });
  }
}

/** The conventions of a choice (a preset name: case and surrounding blanks ignored). @throws ArgumentError for an unknown preset */
export function conventionsOf(c: string | RuleConventions, name = "conventions"): RuleConventions {
  if (typeof c !== "string") return { ...c };
  try {
    return parseConventions(c);
  } catch (e) {
    throw new ArgumentError(`${name}: ${(e as Error).message}`, { path: name });
  }
}

function chartOptions(o: SpcChartOptions): Partial<ChartOptions> {
  option("width", o.width, (x) => x > 0, "a positive number");
  option("center", o.center, () => true, "a finite number");
  option("stddev", o.stddev, (x) => x > 0, "a positive number");
  option("lambda", o.lambda, (x) => x > 0 && x <= 1, "in (0, 1]");
  option("k", o.k, (x) => x >= 0, "a number >= 0");
  option("h", o.h, (x) => x > 0, "a positive number");
  option("headStart", o.headStart, (x) => x >= 0, "a number >= 0");
  if (o.sigmaMethod !== undefined && o.sigmaMethod !== "mr" && o.sigmaMethod !== "sd") {
    throw new ArgumentError(`sigmaMethod: expected mr or sd, got ${JSON.stringify(o.sigmaMethod)}`, { path: "sigmaMethod" });
  }
  return {
    width: o.width, sigmaMethod: o.sigmaMethod, phase1: o.phase1, revise: o.revise, center: o.center, stddev: o.stddev,
    lambda: o.lambda, asymptotic: o.asymptotic, k: o.k, h: o.h, headStart: o.headStart,
    rules: o.rules === undefined ? undefined : ruleSelection(o.rules),
    conventions: o.conventions === undefined ? undefined : conventionsOf(o.conventions),
  };
}

function checkKind(kind: ChartKind): void {
  if (!CHART_KINDS.includes(kind)) throw new ArgumentError(`kind: unknown chart ${JSON.stringify(kind)} (one of ${CHART_KINDS.join(", ")})`, { path: "kind" });
}

/**
 * Computes a control chart (`twin spc KIND`): phase-I estimate, limits, statistics, points beyond
 * the limits and run rules, of the primary chart and (xbar-r, xbar-s, imr) the dispersion chart.
 * `data`: measurements for xbar-r, xbar-s, imr, ewma, cusum; `{ n, count }` samples for p, np, c, u;
 * or what `readSpcData` read from a file.
 * @throws SpcInputError for data no chart can be computed from (located by `path` in `data`)
 * @throws ArgumentError for a bad option (`path` = its name)
 * @throws SpcNumericalError when the statistics fail
 */
export function controlChart(kind: ChartKind, data: SpcData, options: SpcChartOptions = {}): ControlChart {
  checkKind(kind);
  const opts = chartOptions(options);
  const input = isCountChart(kind)
    ? { kind: "counts" as const, data: packCountData(data, kind) }
    : { kind: "subgroups" as const, data: packMeasurements(data, subgroupRuleOf(kind)) };
  return buildChart(kind, input, opts);
}

/** The JSON report of a chart, as `twin spc KIND --json` prints it (shared/spec/spc.md). */
export interface SpcChartReport {
  chart: ChartKind;
  /** subgroup size per sample, or one number when all are equal */
  n: number | number[];
  /** centre line and limits: one number when constant, else per sample (absent for CUSUM: see `upper`, `lower`) */
  center: number | number[];
  lcl?: number | number[];
  ucl?: number | number[];
  /** the plotted statistic per sample (CUSUM: the monitored values) */
  stats: Float64Array;
  /** samples (1-based) beyond the limits (CUSUM: either signal) */
  beyond: number[];
  rules?: Partial<Record<RuleName, number[]>>;
  /** the R, S or MR chart */
  secondary?: Record<string, unknown>;
  /** σ of one observation (variables charts) */
  sigma?: number;
  width: number;
  phase1: [number, number];
  excluded: number[];
  standards: { center: boolean; sigma: boolean };
  conventions: RuleConventions & { preset: string };
  labels: string[];
  [key: string]: unknown;
}

/** The JSON report of a computed chart (what `--json` prints). */
export function spcChartJson(chart: ControlChart): SpcChartReport {
  return chartJson(chart) as SpcChartReport;
}

/**
 * A control chart's JSON report (`twin spc KIND --json`): `controlChart` then `spcChartJson`.
 * @throws SpcInputError, ArgumentError, SpcNumericalError as `controlChart`
 */
export function spcChart(kind: ChartKind, data: SpcData, options: SpcChartOptions = {}): SpcChartReport {
  return spcChartJson(controlChart(kind, data, options));
}

/** Options of `processCapability` (`twin spc capability` flags in brackets). */
export interface CapabilityOptions {
  /** lower specification limit [--lsl]; give lsl, usl or both */
  lsl?: number;
  /** upper specification limit [--usl], above lsl */
  usl?: number;
  /** form consecutive subgroups of this size from the values, read in order [--subgroup] */
  subgroup?: number;
  /** σ within from ranges ("r", default) or standard deviations ("s") [--within] */
  within?: "r" | "s";
  /** level of the confidence intervals, in (0, 1) [--confidence]; default 0.95 */
  confidence?: number;
  /** use samples A..B only (1-based, inclusive) [--phase1] */
  phase1?: [number, number];
  /** rules of the in-control check [--rules]; default all */
  rules?: RuleSelection;
  /** rule conventions [--conventions]; default "qcc" */
  conventions?: ConventionsChoice;
}

/**
 * Process capability and performance (`twin spc capability`): Cp, Cpk, Pp, Ppk with confidence
 * intervals, the performance limits and whether the X-bar/R, X-bar/S or I-MR chart shows the process
 * in control. `data`: individual values or subgroups (or what `readSpcData` read for "xbar-s").
 * @throws ArgumentError for bad options (no limit, usl ≤ lsl, ...)
 * @throws SpcInputError for data it cannot be computed from
 * @throws SpcNumericalError when the statistics fail
 */
export function processCapability(data: SpcMeasurements, options: CapabilityOptions): CapabilityReport {
  const { lsl, usl, subgroup } = options;
  option("lsl", lsl, () => true, "a finite number");
  option("usl", usl, () => true, "a finite number");
  if (lsl === undefined && usl === undefined) throw new ArgumentError("give lsl, usl or both", { path: "lsl" });
  if (lsl !== undefined && usl !== undefined && !(usl > lsl)) throw new ArgumentError(`usl ${usl} must be above lsl ${lsl}`, { path: "usl" });
  option("subgroup", subgroup, (x) => Number.isInteger(x) && x >= 1, "an integer >= 1");
  const within = options.within ?? "r";
  if (within !== "r" && within !== "s") throw new ArgumentError(`within: expected r or s, got ${JSON.stringify(within)}`, { path: "within" });
  option("confidence", options.confidence, (x) => x > 0 && x < 1, "in (0, 1)");
  let packed = packMeasurements(data, capabilityRule(within));
  if (subgroup !== undefined) packed = regroup(packed, subgroup);
  return capability(packed, {
    lsl, usl, within, confidence: options.confidence, phase1: options.phase1,
    rules: options.rules === undefined ? undefined : ruleSelection(options.rules),
    conventions: options.conventions === undefined ? undefined : conventionsOf(options.conventions),
  });
}

/** The values read in order, in consecutive subgroups of n (n = 1: individuals). */
function regroup(data: SubgroupData, n: number): SubgroupData {
  const total = data.values.length;
  if (n > 1 && total % n !== 0) throw new SpcInputError(`${total} values do not split into subgroups of ${n}`);
  if (n > 1) return equalSubgroups(data.values, n);
  return { offsets: Int32Array.from({ length: total + 1 }, (_, i) => i), values: data.values };
}

export type { CapabilityReport, SpcCounts };
