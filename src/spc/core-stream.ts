// The streaming charts of the core (assembly/spc/, assembly/ABI.md "Streaming SPC") from the host: a
// series through one chart in one spcStreamRun call, its points in the shape of stream.ts's, so the
// two can be compared number for number. The core's charts are the ones the hybrid runner monitors
// with (state in wasm memory, saved in checkpoints); stream.ts stays the host's reference.
import { Core } from "../core/core.js";
import { DEFAULT_CONVENTIONS, type RuleConventions } from "./conventions.js";
import type { StreamPoint } from "./stream.js";
import { ALL_RULES, type RuleName } from "./types.js";

/** The chart kinds the core streams (fixed subgroup size for X-bar). */
export type CoreChartKind = "imr" | "xbar-r" | "xbar-s" | "ewma" | "cusum";

export const CORE_CHART_CODES: Readonly<Record<CoreChartKind, number>> = { imr: 0, "xbar-r": 1, "xbar-s": 2, ewma: 3, cusum: 4 };

/** flags bit 16 (σ a known standard) and bit 17 (EWMA asymptotic limits). */
export const FLAG_SIGMA_KNOWN = 1 << 16;
export const FLAG_ASYMPTOTIC = 1 << 17;

/** Limits given (phase II): process mean and σ of one observation, as stream.ts's VariablesLimits. */
export interface GivenLimits {
  center: number;
  sigma: number;
  /** σ is a standard: MR/R/S limits D1σ, D2σ (B5σ, B6σ) */
  sigmaKnown?: boolean;
  /** the estimated MR-bar / R-bar / S-bar as the dispersion centre line */
  bar?: number;
}

/** Limits learned from the first `learn` points of the series (values, or subgroups for X-bar). */
export interface LearnedLimits {
  learn: number;
}

export interface CoreStreamSpec {
  chart: CoreChartKind;
  limits: GivenLimits | LearnedLimits;
  /** limit width L in standard errors (default 3; not CUSUM) */
  width?: number;
  /** X-bar: subgroup size 2..25 */
  n?: number;
  /** EWMA weight λ (default 0.2) and asymptotic limits */
  lambda?: number;
  asymptotic?: boolean;
  /** CUSUM reference value, decision interval and head start (defaults 0.5, 5, 0) */
  k?: number;
  h?: number;
  headStart?: number;
  /** run rules (default all; EWMA and CUSUM evaluate none) */
  rules?: readonly RuleName[];
  conventions?: RuleConventions;
  /** save the core's state after this many values and continue from a reloaded copy (0: never) */
  split?: number;
}

export interface CoreStreamRun {
  /** the limits used (learned or given) */
  center: number;
  sigma: number;
  /** dispersion centre (NaN: none) */
  bar: number;
  points: StreamPoint[];
}

/** Bit i set for rule ALL_RULES[i] (ABI.md, "Streaming SPC"). */
export function ruleBits(rules: readonly RuleName[]): number {
  let b = 0;
  for (const r of rules) b |= 1 << ALL_RULES.indexOf(r);
  return b;
}

/** Rule names of the set bits, in ALL_RULES order (the order stream.ts reports them in). */
export function rulesFromBits(bits: number): RuleName[] {
  return ALL_RULES.filter((_, i) => (bits & (1 << i)) !== 0);
}

/** Convention bits 12-15; 0 is qcc's choice for each (DEFAULT_CONVENTIONS). `dispersionCenter` needs none (fixed n). */
export function conventionBits(c: RuleConventions): number {
  return (c.windowZones === "own" ? 1 << 12 : 0) | (c.zoneWidth === "sigma" ? 1 << 13 : 0) | (c.mixture === "either-side" ? 1 << 14 : 0) | (c.startWindows === "partial" ? 1 << 15 : 0);
}

/** The spcStreamRun request of a series. */
export function coreStreamRequest(spec: CoreStreamSpec, values: ArrayLike<number>): Float64Array {
  const kind = CORE_CHART_CODES[spec.chart];
  const width = spec.width ?? 3;
  let p1: number, p2: number;
  switch (spec.chart) {
    case "imr": p1 = width; p2 = 0; break;
    case "xbar-r":
    case "xbar-s": p1 = spec.n ?? NaN; p2 = width; break;
    case "ewma": p1 = spec.lambda ?? 0.2; p2 = width; break;
    case "cusum": p1 = spec.k ?? 0.5; p2 = spec.h ?? 5; break;
  }
  const given = "center" in spec.limits ? spec.limits : undefined;
  let flags = ruleBits(spec.rules ?? ALL_RULES) | conventionBits(spec.conventions ?? DEFAULT_CONVENTIONS);
  if (given?.sigmaKnown === true) flags |= FLAG_SIGMA_KNOWN;
  if (spec.chart === "ewma" && spec.asymptotic === true) flags |= FLAG_ASYMPTOTIC;
  const head = [
    1, kind, given?.center ?? NaN, given?.sigma ?? NaN, p1, p2, flags, given?.bar ?? NaN, spec.chart === "cusum" ? (spec.headStart ?? 0) : 0,
    "learn" in spec.limits ? spec.limits.learn : 0, spec.split ?? 0, values.length,
  ];
  const req = new Float64Array(head.length + values.length);
  req.set(head);
  req.set(Array.from(values), head.length);
  return req;
}

/** Decodes a spcStreamRun result into stream.ts's point shape. */
export function decodeCoreStream(chart: CoreChartKind, r: Float64Array): CoreStreamRun {
  const m = r[1]!, w = r[5]!;
  const points: StreamPoint[] = [];
  for (let i = 0; i < m; i++) {
    const v = r.subarray(6 + i * w, 6 + (i + 1) * w);
    const p: StreamPoint = { sample: v[0]!, stat: v[1]!, center: v[2]!, se: v[3]!, lcl: v[4]!, ucl: v[5]!, beyond: v[6] === 1, rules: rulesFromBits(v[7]!) };
    if (v[8] === 1) p.secondary = { stat: v[9]!, center: v[10]!, se: v[11]!, lcl: v[12]!, ucl: v[13]!, beyond: v[14] === 1, rules: rulesFromBits(v[15]!) };
    if (chart === "cusum") p.cusum = { upper: v[1]!, lower: v[9]!, signalUpper: v[1]! > v[5]!, signalLower: v[9]! > v[13]! };
    points.push(p);
  }
  return { center: r[2]!, sigma: r[3]!, bar: r[4]!, points };
}

/** A series through one of the core's streaming charts (throws the core's error for a bad request). */
export function runCoreStream(values: ArrayLike<number>, spec: CoreStreamSpec, core: Core = Core.default()): CoreStreamRun {
  const req = coreStreamRequest(spec, values);
  const r = core.take(core.withBuffers([req], (p) => core.fn("spcStreamRun")(p!)), "spcStreamRun");
  return decodeCoreStream(spec.chart, r);
}
