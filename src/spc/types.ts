// Domain types of statistical process control: samples as read from a file, the rules, and a
// computed control chart. Per-point series are Float64Array so a chart of a million subgroups stays
// compact and its loops tight.
import { InputError, NumericalError } from "../errors.js";
import type { RuleConventions } from "./conventions.js";

/** The chart families of shared/spec/spc.md. */
export type ChartKind = "xbar-r" | "xbar-s" | "imr" | "p" | "np" | "c" | "u" | "ewma" | "cusum";

/** The chart kinds, in the order of the `twin spc` commands. */
export const CHART_KINDS: readonly ChartKind[] = ["xbar-r", "xbar-s", "imr", "p", "np", "c", "u", "ewma", "cusum"];

/** One rational subgroup of measurements (n ≥ 1; n = 1 for individual values). */
export interface Subgroup {
  label: string;
  values: Float64Array;
}

/**
 * Subgroups packed for fast loops: subgroup i holds values[offsets[i] .. offsets[i+1]).
 * Individual values are subgroups of one.
 */
export interface SubgroupData {
  labels?: string[];
  offsets: Int32Array;
  values: Float64Array;
}

/** Attribute samples packed: n inspected and the count found, per sample. */
export interface CountData {
  labels?: string[];
  n: Float64Array;
  counts: Float64Array;
}

/** One attribute sample: `count` defectives (p, np) or defects (c, u) found in `n` inspected units. */
export interface CountSample {
  label: string;
  /** units inspected (p, np: items; u: inspection units, may be fractional; c: 1) */
  n: number;
  count: number;
}

/** Western Electric rules 1-4 and Nelson rules 1-8 (Nelson 1984, J. Quality Technology 16(4):237-239). */
export type RuleName =
  | "we1" | "we2" | "we3" | "we4"
  | "nelson1" | "nelson2" | "nelson3" | "nelson4" | "nelson5" | "nelson6" | "nelson7" | "nelson8";

/** The Western Electric rules 1-4. */
export const WE_RULES: readonly RuleName[] = ["we1", "we2", "we3", "we4"];
/** The Nelson rules 1-8. */
export const NELSON_RULES: readonly RuleName[] = ["nelson1", "nelson2", "nelson3", "nelson4", "nelson5", "nelson6", "nelson7", "nelson8"];
/** Every run rule, in the canonical order of reports: we1..we4, nelson1..nelson8. */
export const ALL_RULES: readonly RuleName[] = [...WE_RULES, ...NELSON_RULES];

/** One firing of one rule: `sample` is the 1-based sample number in input order. */
export interface RuleViolation {
  rule: RuleName;
  sample: number;
}

/** Sample numbers at which each enabled rule fires (every enabled rule present, possibly empty). */
export type RuleReport = Partial<Record<RuleName, number[]>>;

/**
 * One plotted series with everything needed to judge a point: the statistic, the centre line, the
 * standard error of the statistic (zone width, 1σ) and the control limits (already clamped to the
 * statistic's range, e.g. [0, 1] for p). `samples` are the 1-based sample numbers of the points
 * (1..m, or 2..m for a moving range).
 */
export interface ChartSeries {
  /** what is plotted: "xbar", "r", "s", "i", "mr", "p", "np", "c", "u", "ewma", "cusum" */
  kind: string;
  samples: Int32Array;
  stats: Float64Array;
  center: Float64Array;
  se: Float64Array;
  lcl: Float64Array;
  ucl: Float64Array;
}

/** Process parameters a chart's limits derive from (estimated in phase I or given as standards). */
export interface ProcessParams {
  /** process mean (variables charts), p (p, np), c (c) or u (u) */
  center: number;
  /** σ of one observation (variables charts); NaN for attribute charts */
  sigma: number;
  /** true when the value was given as a known standard rather than estimated */
  centerKnown: boolean;
  sigmaKnown: boolean;
}

/** Tabular CUSUM columns (standardised units). */
export interface CusumSeries {
  k: number;
  h: number;
  headStart: number;
  upper: Float64Array;
  lower: Float64Array;
  signalsUpper: number[];
  signalsLower: number[];
}

/** A computed control chart (batch): phase-I estimate, limits, statistics and signals. */
export interface ControlChart {
  chart: ChartKind;
  /** input labels per sample (absent: the sample numbers) */
  labels?: string[];
  /** subgroup size per sample (1 for individuals, n inspected for attributes) */
  sizes: Float64Array;
  /** limit width in standard errors (L; 3 unless --sigma) */
  width: number;
  params: ProcessParams;
  /** 1-based inclusive range of samples that set the limits */
  phase1: [number, number];
  /** phase-I samples dropped by --revise (1-based), in the order they were dropped */
  excluded: number[];
  primary: ChartSeries;
  secondary?: ChartSeries;
  /** samples beyond the primary limits (CUSUM: either signal) */
  beyond: number[];
  /** samples beyond the secondary chart's limits */
  secondaryBeyond: number[];
  /** rules fired on the primary chart */
  rules: RuleReport;
  /** the same rules on the secondary (R, S, MR) chart; {} when there is none */
  secondaryRules: RuleReport;
  /** how the rules (and the R/S centre line for unequal n) were evaluated */
  conventions: RuleConventions;
  /** EWMA: λ and whether the limits are the asymptotic ones */
  ewma?: { lambda: number; asymptotic: boolean };
  cusum?: CusumSeries;
  /** values fed to EWMA/CUSUM (observations or subgroup means) */
  values?: Float64Array;
}

/**
 * The statistics themselves failed (not the input): e.g. a quantile iteration that did not converge.
 * A NumericalError.
 */
export class SpcNumericalError extends NumericalError {}

/**
 * Data no chart can be computed from (a malformed sample, too few samples, σ = 0 where it must be
 * > 0, ...). An InputError: `file` and `line` (and `column`) for data read from a file, `path`
 * (`data[3]`, `data[2].count`) for data passed in code, none for a fault of the data as a whole.
 */
export class SpcInputError extends InputError {}
