// Shewhart charts for attributes: fraction defective p, number defective np, defects c and defects
// per unit u. Montgomery, Introduction to SQC, 7th ed., §7.2 (p: p-bar = Σd/Σn, limits
// p-bar ± L√(p-bar(1−p-bar)/n_i) per sample, §7.2.2 variable sample size; np: n·p-bar ± L√(n p-bar(1−p-bar))),
// §7.3 (c: c-bar ± L√c-bar; u: u-bar = Σc/Σn, u-bar ± L√(u-bar/n_i)). Limits are clamped to the
// range of the statistic: p to [0, 1], np to [0, n_i], c and u at 0.
import type { ChartOptions } from "./options.js";
import { newSeries, phase1Mask, resolvePhase1, runPhases } from "./phase.js";
import { beyondLimits, evaluateRules } from "./rules.js";
import type { ChartSeries, ControlChart, CountData, ProcessParams } from "./types.js";
import { SpcInputError } from "./types.js";

export type AttributeKind = "p" | "np" | "c" | "u";

function validate(d: CountData, kind: AttributeKind): void {
  for (let i = 0; i < d.n.length; i++) {
    const n = d.n[i]!;
    const c = d.counts[i]!;
    if (!(n > 0) || !Number.isFinite(n)) throw new SpcInputError(`sample ${i + 1}: sample size ${n} is not positive`);
    if (!(c >= 0) || !Number.isFinite(c)) throw new SpcInputError(`sample ${i + 1}: count ${c} is negative`);
    if ((kind === "p" || kind === "np") && c > n) throw new SpcInputError(`sample ${i + 1}: ${c} defectives in a sample of ${n}`);
  }
}

/** p-bar = Σd/Σn (p, np), u-bar = Σc/Σn (u) or c-bar = mean c (c) over the mask. */
export function attributeCenter(d: CountData, mask: Uint8Array, kind: AttributeKind): number {
  let sc = 0;
  let sn = 0;
  let count = 0;
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] === 1) {
      sc += d.counts[i]!;
      sn += d.n[i]!;
      count++;
    }
  }
  return kind === "c" ? sc / count : sc / sn;
}

/** The statistic plotted for sample i. */
export function attributeStat(kind: AttributeKind, n: number, count: number): number {
  return kind === "p" || kind === "u" ? count / n : count;
}

/** Centre, standard error and clamped limits of sample i (shared with the streaming charts). */
export function attributeLimits(kind: AttributeKind, center: number, n: number, L: number): { c: number; se: number; lcl: number; ucl: number } {
  switch (kind) {
    case "p": {
      const se = Math.sqrt((center * (1 - center)) / n);
      return { c: center, se, lcl: Math.max(0, center - L * se), ucl: Math.min(1, center + L * se) };
    }
    case "np": {
      const c = n * center;
      const se = Math.sqrt(c * (1 - center));
      return { c, se, lcl: Math.max(0, c - L * se), ucl: Math.min(n, c + L * se) };
    }
    case "c": {
      const se = Math.sqrt(center);
      return { c: center, se, lcl: Math.max(0, center - L * se), ucl: center + L * se };
    }
    case "u": {
      const se = Math.sqrt(center / n);
      return { c: center, se, lcl: Math.max(0, center - L * se), ucl: center + L * se };
    }
  }
}

export function attributeChart(d: CountData, kind: AttributeKind, opts: ChartOptions): ControlChart {
  const m = d.n.length;
  if (m === 0) throw new SpcInputError("no samples");
  validate(d, kind);
  if (opts.center !== undefined) {
    const c = opts.center;
    if ((kind === "p" || kind === "np") && !(c >= 0 && c <= 1)) throw new SpcInputError(`--center ${c}: a standard fraction defective lies in [0, 1]`);
    if (!(c >= 0)) throw new SpcInputError(`--center ${c}: must be >= 0`);
  }
  const L = opts.width;
  const range = resolvePhase1(opts.phase1, m);
  const estimate = (mask: Uint8Array): ProcessParams => ({
    center: opts.center ?? attributeCenter(d, mask, kind),
    sigma: NaN,
    centerKnown: opts.center !== undefined,
    sigmaKnown: false,
  });
  const build = (params: ProcessParams): ChartSeries => {
    const s = newSeries(kind, m);
    for (let i = 0; i < m; i++) {
      const n = d.n[i]!;
      const lim = attributeLimits(kind, params.center, n, L);
      s.stats[i] = attributeStat(kind, n, d.counts[i]!);
      s.center[i] = lim.c;
      s.se[i] = lim.se;
      s.lcl[i] = lim.lcl;
      s.ucl[i] = lim.ucl;
    }
    return s;
  };
  const phased = runPhases(phase1Mask(m, range), opts.revise && opts.center === undefined, 1, estimate, build, beyondLimits);
  const primary = phased.result;
  return {
    chart: kind,
    ...(d.labels ? { labels: d.labels } : {}),
    sizes: d.n,
    width: L,
    params: phased.params,
    phase1: range,
    excluded: phased.excluded,
    primary,
    beyond: beyondLimits(primary),
    secondaryBeyond: [],
    rules: evaluateRules(primary, opts.rules, { conventions: opts.conventions, width: L }),
    secondaryRules: {},
    conventions: opts.conventions,
  };
}
