// Incremental control charts for live monitoring (the hybrid runner): `push` one value, subgroup or
// attribute count and get the new point's statistic, limits and the rules it fires. Limits are fixed
// (phase II): from known standards, or from a batch phase-I chart via `streamFromChart`. Memory per
// chart is constant: the rule history (15 points), the previous value (moving range), the EWMA or
// CUSUM state. Formulas are those of the batch modules (cited there), evaluated the same way, so a
// stream reproduces a batch chart point for point (test/spc-stream.test.ts).
import { attributeLimits, attributeStat, type AttributeKind } from "./attributes.js";
import { rFactors, sFactors, type DispersionFactors } from "./constants.js";
import { DEFAULT_CONVENTIONS, type RuleConventions } from "./conventions.js";
import { checkCusum } from "./cusum.js";
import { checkLambda, nextWeight } from "./ewma.js";
import { RuleStream } from "./stream-rules.js";
import type { ChartKind, ControlChart, RuleName } from "./types.js";
import { ALL_RULES, SpcInputError } from "./types.js";

/** A plotted point with its limits. */
export interface StreamSeriesPoint {
  stat: number;
  center: number;
  se: number;
  lcl: number;
  ucl: number;
  beyond: boolean;
}

/** A point of the R, S or MR chart with the rules firing at it (the same rules as the primary chart). */
export interface StreamSecondaryPoint extends StreamSeriesPoint {
  rules: RuleName[];
}

export interface StreamPoint extends StreamSeriesPoint {
  /** 1-based sample number */
  sample: number;
  /** rules firing at this point (primary statistic) */
  rules: RuleName[];
  /** R, S or MR point (absent for the first individual value: no moving range yet); CUSUM: C⁻ */
  secondary?: StreamSecondaryPoint;
  /** CUSUM: C⁺ and C⁻ and their signals (stat/beyond above are those of C⁺ and either signal) */
  cusum?: { upper: number; lower: number; signalUpper: boolean; signalLower: boolean };
}

export type StreamInput = number | ArrayLike<number> | { n: number; count: number };

export interface ChartStream {
  readonly chart: ChartKind;
  /** points pushed so far */
  readonly count: number;
  push(input: StreamInput): StreamPoint;
}

function point(stat: number, center: number, se: number, lcl: number, ucl: number): StreamSeriesPoint {
  return { stat, center, se, lcl, ucl, beyond: stat > ucl || stat < lcl };
}

function asValues(input: StreamInput, what: string): ArrayLike<number> {
  if (typeof input === "number") return [input];
  if ("length" in input) return input;
  throw new SpcInputError(`${what}: expected a value or a subgroup of values`);
}

function asCount(input: StreamInput): { n: number; count: number } {
  if (typeof input === "object" && !("length" in input)) return input;
  throw new SpcInputError("attribute chart: expected { n, count }");
}

/** Mean, range and sample SD of a subgroup, in the order of data.ts (same arithmetic, same bits). */
function summarize(v: ArrayLike<number>): { n: number; mean: number; range: number; sd: number } {
  const n = v.length;
  let sum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let j = 0; j < n; j++) {
    const x = v[j]!;
    sum += x;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const mean = sum / n;
  let ss = 0;
  for (let j = 0; j < n; j++) {
    const e = v[j]! - mean;
    ss += e * e;
  }
  return { n, mean, range: hi - lo, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN };
}

/** Fixed limits of a variables chart: process mean and σ of one observation. */
export interface VariablesLimits {
  center: number;
  sigma: number;
  /** σ given as a standard (R/S/MR limits D1σ, D2σ) rather than estimated (D3, D4 times the centre) */
  sigmaKnown?: boolean;
  /** estimated R-bar / S-bar / MR-bar when the dispersion centre is that average itself (equal n) */
  bar?: number;
  /**
   * pooled R or S centre Σn_i·R_i/Σn_i of an unequal-n phase I (conventions `dispersionCenter:
   * "pooled"`, qcc's limits.R/limits.S): limits centre ± L·d3(n)·σ (± L·σ·√(1−c4²)), lower clamped at 0
   */
  pooled?: number;
}

abstract class Base {
  count = 0;
  protected readonly rules: RuleStream;
  /** the same rules on the R, S or MR chart */
  protected readonly secondaryRules: RuleStream;
  constructor(rules: readonly RuleName[], first: number, width: number, conventions: RuleConventions) {
    this.rules = new RuleStream(rules, { conventions, width });
    this.secondaryRules = new RuleStream(rules, { conventions, width });
    this.count = first - 1;
  }
  protected secondaryPoint(p: StreamSeriesPoint): StreamSecondaryPoint {
    return { ...p, rules: this.secondaryRules.push(p.stat, p.center, p.se, p.beyond) };
  }
}

/** X-bar with R or S. */
export class XbarStream extends Base implements ChartStream {
  readonly chart: ChartKind;
  private readonly cache = new Map<number, DispersionFactors>();
  constructor(private readonly kind: "r" | "s", private readonly lim: VariablesLimits, private readonly width = 3, rules: readonly RuleName[] = ALL_RULES, first = 1, conventions: RuleConventions = DEFAULT_CONVENTIONS) {
    super(rules, first, width, conventions);
    this.chart = kind === "r" ? "xbar-r" : "xbar-s";
  }
  push(input: StreamInput): StreamPoint {
    const v = asValues(input, this.chart);
    const g = summarize(v);
    if (g.n < 2) throw new SpcInputError(`${this.chart}: subgroup of ${g.n}, need n ≥ 2`);
    let f = this.cache.get(g.n);
    if (f === undefined) {
      f = this.kind === "r" ? rFactors(g.n, this.width) : sFactors(g.n, this.width);
      this.cache.set(g.n, f);
    }
    const { center: mu, sigma } = this.lim;
    const L = this.width;
    const se = sigma / Math.sqrt(g.n);
    const p = point(g.mean, mu, se, mu - L * se, mu + L * se);
    let dc: number, dl: number, du: number;
    const dse = f.spread * sigma;
    if (this.lim.sigmaKnown === true) {
      dc = f.bias * sigma;
      dl = f.lowerOfSigma * sigma;
      du = f.upperOfSigma * sigma;
    } else if (this.lim.pooled !== undefined) {
      dc = this.lim.pooled;
      dl = Math.max(0, dc - L * dse);
      du = dc + L * dse;
    } else {
      dc = this.lim.bar !== undefined ? this.lim.bar : f.bias * sigma;
      dl = f.lowerOfCenter * dc;
      du = f.upperOfCenter * dc;
    }
    const secondary = this.secondaryPoint(point(this.kind === "r" ? g.range : g.sd, dc, dse, dl, du));
    this.count++;
    return { sample: this.count, ...p, rules: this.rules.push(p.stat, p.center, p.se, p.beyond), secondary };
  }
}

/** Individuals with moving range. */
export class ImrStream extends Base implements ChartStream {
  readonly chart: ChartKind = "imr";
  private prev = NaN;
  private readonly fw: DispersionFactors;
  constructor(private readonly lim: VariablesLimits, private readonly width = 3, rules: readonly RuleName[] = ALL_RULES, first = 1, conventions: RuleConventions = DEFAULT_CONVENTIONS) {
    super(rules, first, width, conventions);
    this.fw = rFactors(2, width);
  }
  push(input: StreamInput): StreamPoint {
    const v = asValues(input, "imr");
    if (v.length !== 1) throw new SpcInputError("imr: one value per sample");
    const x = v[0]!;
    const { center: mu, sigma } = this.lim;
    const L = this.width;
    const p = point(x, mu, sigma, mu - L * sigma, mu + L * sigma);
    let secondary: StreamSecondaryPoint | undefined;
    if (!Number.isNaN(this.prev)) {
      const fw = this.fw;
      const known = this.lim.sigmaKnown === true;
      const centre = known ? fw.bias * sigma : this.lim.bar !== undefined ? this.lim.bar : fw.bias * sigma;
      secondary = this.secondaryPoint(point(Math.abs(x - this.prev), centre, fw.spread * sigma, known ? fw.lowerOfSigma * sigma : fw.lowerOfCenter * centre, known ? fw.upperOfSigma * sigma : fw.upperOfCenter * centre));
    }
    this.prev = x;
    this.count++;
    const out: StreamPoint = { sample: this.count, ...p, rules: this.rules.push(p.stat, p.center, p.se, p.beyond) };
    if (secondary) out.secondary = secondary;
    return out;
  }
}

/** p, np, c or u against a fixed centre (p-bar, c-bar, u-bar or a standard). */
export class AttributeStream extends Base implements ChartStream {
  readonly chart: ChartKind;
  constructor(private readonly kind: AttributeKind, private readonly center: number, private readonly width = 3, rules: readonly RuleName[] = ALL_RULES, first = 1, conventions: RuleConventions = DEFAULT_CONVENTIONS) {
    super(rules, first, width, conventions);
    this.chart = kind;
  }
  push(input: StreamInput): StreamPoint {
    const { n, count } = typeof input === "number" && this.kind === "c" ? { n: 1, count: input } : asCount(input);
    if (!(n > 0) || !(count >= 0) || ((this.kind === "p" || this.kind === "np") && count > n)) {
      throw new SpcInputError(`${this.kind}: bad sample n = ${n}, count = ${count}`);
    }
    const lim = attributeLimits(this.kind, this.center, n, this.width);
    const p = point(attributeStat(this.kind, n, count), lim.c, lim.se, lim.lcl, lim.ucl);
    this.count++;
    return { sample: this.count, ...p, rules: this.rules.push(p.stat, p.center, p.se, p.beyond) };
  }
}

/** EWMA of values or subgroup means; exact (time-varying) or asymptotic limits. */
export class EwmaStream extends Base implements ChartStream {
  readonly chart: ChartKind = "ewma";
  private z: number;
  private q = 1;
  private readonly keep: number;
  private readonly r2: number;
  private readonly f: number;
  constructor(private readonly lim: VariablesLimits, private readonly lambda: number, private readonly width = 3, private readonly asymptotic = false, first = 1) {
    super([], first, width, DEFAULT_CONVENTIONS);
    checkLambda(lambda);
    this.z = lim.center;
    this.keep = 1 - lambda;
    this.r2 = this.keep * this.keep;
    this.f = lambda / (2 - lambda);
  }
  push(input: StreamInput): StreamPoint {
    const v = asValues(input, "ewma");
    const n = v.length;
    const x = n === 1 ? v[0]! : summarize(v).mean;
    const mu = this.lim.center;
    this.q = nextWeight(this.q, this.r2);
    this.z = this.lambda * x + this.keep * this.z;
    const s = this.lim.sigma * Math.sqrt((this.asymptotic ? this.f : this.f * (1 - this.q)) / n);
    const p = point(this.z, mu, s, mu - this.width * s, mu + this.width * s);
    this.count++;
    return { sample: this.count, ...p, rules: [] };
  }
}

/** Standardised tabular CUSUM with optional head start. */
export class CusumStream extends Base implements ChartStream {
  readonly chart: ChartKind = "cusum";
  private cp: number;
  private cm: number;
  constructor(private readonly lim: VariablesLimits, private readonly k = 0.5, private readonly h = 5, headStart = 0, first = 1) {
    super([], first, 3, DEFAULT_CONVENTIONS);
    checkCusum(k, h, headStart);
    this.cp = headStart;
    this.cm = headStart;
  }
  push(input: StreamInput): StreamPoint {
    const v = asValues(input, "cusum");
    const n = v.length;
    const x = n === 1 ? v[0]! : summarize(v).mean;
    const z = (x - this.lim.center) / (this.lim.sigma / Math.sqrt(n));
    this.cp = Math.max(0, this.cp + z - this.k);
    this.cm = Math.max(0, this.cm - z - this.k);
    const up = this.cp > this.h;
    const lo = this.cm > this.h;
    this.count++;
    return {
      sample: this.count, stat: this.cp, center: 0, se: 1, lcl: 0, ucl: this.h, beyond: up || lo, rules: [],
      secondary: { ...point(this.cm, 0, 1, 0, this.h), rules: [] },
      cusum: { upper: this.cp, lower: this.cm, signalUpper: up, signalLower: lo },
    };
  }
}

/**
 * A stream that continues a batch chart: same limits (phase-I estimate or standards), same options.
 * Sample numbers continue from `first` (default 1: replays the batch series from its start).
 */
export function streamFromChart(chart: ControlChart, rules: readonly RuleName[] = ruleNames(chart), first = 1): ChartStream {
  const p = chart.params;
  const sec = chart.secondary;
  const equal = chart.sizes.length > 0 && chart.sizes.every((n) => n === chart.sizes[0]);
  const lim: VariablesLimits = { center: p.center, sigma: p.sigma, sigmaKnown: p.sigmaKnown };
  const conv = chart.conventions;
  switch (chart.chart) {
    case "xbar-r":
    case "xbar-s":
      if (!p.sigmaKnown && sec) {
        if (equal) lim.bar = sec.center[0]!;
        else if (conv.dispersionCenter === "pooled") lim.pooled = sec.center[0]!;
      }
      return new XbarStream(chart.chart === "xbar-r" ? "r" : "s", lim, chart.width, rules, first, conv);
    case "imr":
      if (!p.sigmaKnown && sec && sec.center.length > 0) {
        const f = rFactors(2, chart.width);
        // MR-bar itself when σ came from the moving ranges; otherwise d2·σ is recomputed anyway
        if (sec.center[0] !== f.bias * p.sigma) lim.bar = sec.center[0]!;
      }
      return new ImrStream(lim, chart.width, rules, first, conv);
    case "p":
    case "np":
    case "c":
    case "u":
      return new AttributeStream(chart.chart, p.center, chart.width, rules, first, conv);
    case "ewma": {
      const e = chart.ewma!;
      return new EwmaStream(lim, e.lambda, chart.width, e.asymptotic, first);
    }
    case "cusum": {
      const c = chart.cusum!;
      return new CusumStream(lim, c.k, c.h, c.headStart, first);
    }
  }
}

/** The rules a batch chart evaluated (keys of its report). */
export function ruleNames(chart: ControlChart): RuleName[] {
  return ALL_RULES.filter((r) => chart.rules[r] !== undefined);
}
