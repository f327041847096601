// The streaming charts of the core (assembly/spc/, assembly/ABI.md "Streaming SPC") from the host: a
// series through one chart in one spcStreamRun call, or a chart and a phase-I learner held in the
// core through a handle, fed blocks of values, their state saved and restored (checkpoints). Points
// come back in the shape of stream.ts's, so the two can be compared number for number. The core's
// charts are the ones the hybrid runner monitors with; stream.ts stays the host's reference.
import { Core } from "../core/core.js";
import { DEFAULT_CONVENTIONS, type RuleConventions } from "./conventions.js";
import type { ChartStream, StreamInput, StreamPoint } from "./stream.js";
import { ALL_RULES, SpcInputError, type ChartKind, type RuleName } from "./types.js";

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
  /** phase I's MR-bar / R-bar / S-bar as the dispersion centre line */
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

/** The 9 chart fields of a request: [1, kind, centre, σ, p1, p2, flags, bar, head start] (spcMonitorNew). */
export function coreChartFields(spec: CoreStreamSpec): number[] {
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
  return [1, kind, given?.center ?? NaN, given?.sigma ?? NaN, p1, p2, flags, given?.bar ?? NaN, spec.chart === "cusum" ? (spec.headStart ?? 0) : 0];
}

/** The spcStreamRun request of a series. */
export function coreStreamRequest(spec: CoreStreamSpec, values: ArrayLike<number>): Float64Array {
  const head = [...coreChartFields(spec), "learn" in spec.limits ? spec.limits.learn : 0, spec.split ?? 0, values.length];
  const req = new Float64Array(head.length + values.length);
  req.set(head);
  req.set(Array.from(values), head.length);
  return req;
}

/** Decodes m points of w values each from r[at …] into stream.ts's point shape. */
function decodePoints(cusum: boolean, r: Float64Array, at: number, m: number, w: number): StreamPoint[] {
  const points: StreamPoint[] = [];
  for (let i = 0; i < m; i++) {
    const v = r.subarray(at + i * w, at + (i + 1) * w);
    const p: StreamPoint = { sample: v[0]!, stat: v[1]!, center: v[2]!, se: v[3]!, lcl: v[4]!, ucl: v[5]!, beyond: v[6] === 1, rules: rulesFromBits(v[7]!) };
    if (v[8] === 1) p.secondary = { stat: v[9]!, center: v[10]!, se: v[11]!, lcl: v[12]!, ucl: v[13]!, beyond: v[14] === 1, rules: rulesFromBits(v[15]!) };
    if (cusum) p.cusum = { upper: v[1]!, lower: v[9]!, signalUpper: v[1]! > v[5]!, signalLower: v[9]! > v[13]! };
    points.push(p);
  }
  return points;
}

/** Decodes a spcStreamRun result. */
export function decodeCoreStream(chart: CoreChartKind, r: Float64Array): CoreStreamRun {
  return { center: r[2]!, sigma: r[3]!, bar: r[4]!, points: decodePoints(chart === "cusum", r, 6, r[1]!, r[5]!) };
}

/** A series through one of the core's streaming charts (throws the core's error for a bad request). */
export function runCoreStream(values: ArrayLike<number>, spec: CoreStreamSpec, core: Core = Core.default()): CoreStreamRun {
  const req = coreStreamRequest(spec, values);
  const r = core.take(core.withBuffers([req], (p) => core.fn("spcStreamRun")(p!)), "spcStreamRun");
  return decodeCoreStream(spec.chart, r);
}

const KIND_NAMES: readonly CoreChartKind[] = ["imr", "xbar-r", "xbar-s", "ewma", "cusum"];

/**
 * A chart held in the core (spcMonitorNew): blocks of values in, the points they complete out; its
 * state saved (`save`) and restored (`CoreChartStream.restore`) with the same bits afterwards. As a
 * ChartStream it takes one value (I-MR, EWMA, CUSUM) or one whole subgroup (X-bar) per push. Free
 * it with `close`.
 */
export class CoreChartStream implements ChartStream {
  readonly chart: ChartKind;
  private closed = false;
  count = 0;

  private constructor(
    readonly core: Core,
    readonly handle: number,
    readonly kind: CoreChartKind,
    /** subgroup size (1 but for X-bar) */
    readonly n: number,
  ) {
    this.chart = kind;
  }

  /** A chart with given limits (`spec.limits` must be GivenLimits; `split` is ignored). */
  static open(spec: CoreStreamSpec, core: Core = Core.default()): CoreChartStream {
    if (!("center" in spec.limits)) throw new SpcInputError("a core chart stream needs given limits (learn them with CoreLearner)");
    const fields = coreChartFields(spec);
    const h = core.check(core.withBuffers([fields], (p) => core.fn("spcMonitorNew")(p!)), "spcMonitorNew");
    return new CoreChartStream(core, h, spec.chart, spec.chart === "xbar-r" || spec.chart === "xbar-s" ? fields[4]! : 1);
  }

  /** A chart from a state `save` gave (in this process or another). */
  static restore(state: ArrayLike<number>, core: Core = Core.default()): CoreChartStream {
    const h = core.check(core.withBuffers([state], (p) => core.fn("spcMonitorLoad")(p!)), "spcMonitorLoad");
    const kind = KIND_NAMES[state[1]!]!;
    const s = new CoreChartStream(core, h, kind, kind === "xbar-r" || kind === "xbar-s" ? state[4]! : 1);
    s.count = state[9]!;
    return s;
  }

  private live(): number {
    if (this.closed) throw new Error("core chart stream is closed");
    return this.handle;
  }

  /** Values through the chart; the points they complete (X-bar: one per n values, across blocks). */
  pushBlock(values: ArrayLike<number>): StreamPoint[] {
    const core = this.core;
    const r = core.take(core.withBuffers([values], (p) => core.fn("spcMonitorPush")(this.live(), p!, values.length)), "spcMonitorPush");
    const points = decodePoints(this.kind === "cusum", r, 2, r[0]!, r[1]!);
    this.count += points.length;
    return points;
  }

  push(input: StreamInput): StreamPoint {
    const v = typeof input === "number" ? [input] : "length" in input ? input : undefined;
    if (v === undefined || v.length !== this.n) throw new SpcInputError(`${this.kind}: expected ${this.n === 1 ? "one value" : `a subgroup of ${this.n}`}`);
    return this.pushBlock(v)[0]!;
  }

  /** The whole state (ABI.md, "The monitor's saved state"). */
  save(): Float64Array {
    return this.core.take(this.core.fn("spcMonitorSave")(this.live()), "spcMonitorSave");
  }

  close(): void {
    if (!this.closed) this.core.fn("spcMonitorFree")(this.handle);
    this.closed = true;
  }
}

/** Phase-I limits so far: points learned, centre, σ of one observation and MR-bar / R-bar / S-bar. */
export interface PhaseOneLimits {
  count: number;
  center: number;
  sigma: number;
  bar: number;
}

/** The phase-I learner held in the core (spcLearnerNew): the batch charts' phase-I centre and σ, bit for bit. */
export class CoreLearner {
  private closed = false;
  private constructor(readonly core: Core, readonly handle: number) {}

  /** For charts of `chart` (X-bar: subgroup size n). */
  static open(chart: CoreChartKind, n = 1, core: Core = Core.default()): CoreLearner {
    return new CoreLearner(core, core.check(core.fn("spcLearnerNew")(CORE_CHART_CODES[chart], n), "spcLearnerNew"));
  }

  static restore(state: ArrayLike<number>, core: Core = Core.default()): CoreLearner {
    return new CoreLearner(core, core.check(core.withBuffers([state], (p) => core.fn("spcLearnerLoad")(p!)), "spcLearnerLoad"));
  }

  private live(): number {
    if (this.closed) throw new Error("core learner is closed");
    return this.handle;
  }

  push(values: ArrayLike<number>): PhaseOneLimits {
    const core = this.core;
    const r = core.take(core.withBuffers([values], (p) => core.fn("spcLearnerPush")(this.live(), p!, values.length)), "spcLearnerPush");
    return { count: r[0]!, center: r[1]!, sigma: r[2]!, bar: r[3]! };
  }

  save(): Float64Array {
    return this.core.take(this.core.fn("spcLearnerSave")(this.live()), "spcLearnerSave");
  }

  close(): void {
    if (!this.closed) this.core.fn("spcLearnerFree")(this.handle);
    this.closed = true;
  }
}
