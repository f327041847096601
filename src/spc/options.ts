// Options shared by every chart (shared/spec/spc.md, command-line names in brackets).
import { DEFAULT_CONVENTIONS, type RuleConventions } from "./conventions.js";
import type { RuleName } from "./types.js";
import { ALL_RULES } from "./types.js";

/** σ of individual values: from the mean moving range / 1.128 ("mr") or from s / c4 ("sd"). */
export type SigmaMethod = "mr" | "sd";

export interface ChartOptions {
  /** limit width L in standard errors [--sigma], default 3 */
  width: number;
  /** individuals: σ from the mean moving range / 1.128 or from s / c4 [--sigma-method] */
  sigmaMethod: SigmaMethod;
  /** 1-based inclusive samples that set the limits [--phase1 a:b]; default all */
  phase1?: [number, number];
  /** drop phase-I samples beyond the limits and re-estimate until none is [--revise] */
  revise: boolean;
  /** known standard centre: mean (variables), p (p, np), c (c), u (u) [--center] */
  center?: number;
  /** known standard σ of one observation (variables charts) [--stddev] */
  stddev?: number;
  /** EWMA weight λ in (0, 1] [--lambda] */
  lambda: number;
  /** EWMA: asymptotic instead of exact time-varying limits [--asymptotic] */
  asymptotic: boolean;
  /** CUSUM reference value k, decision interval h and head start, in standard errors [--k --h --head-start] */
  k: number;
  h: number;
  headStart: number;
  /** run rules to evaluate [--rules] */
  rules: RuleName[];
  /** how rules and dispersion centre lines are evaluated where packages differ [--conventions] (default qcc) */
  conventions: RuleConventions;
}

export const DEFAULT_OPTIONS: Readonly<ChartOptions> = {
  width: 3,
  sigmaMethod: "mr",
  revise: false,
  lambda: 0.2,
  asymptotic: false,
  k: 0.5,
  h: 5,
  headStart: 0,
  rules: [...ALL_RULES],
  conventions: DEFAULT_CONVENTIONS,
};

export function withDefaults(o: Partial<ChartOptions>): ChartOptions {
  const out: ChartOptions = { ...DEFAULT_OPTIONS, rules: [...DEFAULT_OPTIONS.rules], conventions: { ...DEFAULT_CONVENTIONS } };
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}
