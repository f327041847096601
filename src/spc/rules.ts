// Run rules over a whole series (batch). Western Electric Statistical Quality Control Handbook (1956),
// rules 1-4; L. S. Nelson, "The Shewhart control chart - tests for special causes", J. Quality
// Technology 16(4):237-239 (1984), tests 1-8; each evaluated exactly as qcc 3.0 does (R/rules.R,
// qccRulesViolatingWER1..4 and qccRulesViolatingNEL1..8, luca-scr/qcc @ af35099), with the choices
// where packages differ in conventions.ts. Zones are in standard errors of the plotted statistic,
// so the rules work with varying limits (p, u, unequal n) as well.
//
// Firing convention (shared/spec/spc.md, and qcc's qccRulesViolatingRun): a run rule fires at the
// point where the run first reaches its length and at every later point while it continues (a run
// of 10 above the centre flags points 8, 9 and 10 under we4). A "k of the last w" rule (WE2/WE3 =
// Nelson 5/6) fires at a point that is itself beyond the zone on the pattern's side and has at least
// k of the last w points (itself included) beyond it on that side (qcc: `viol.above[, 1]`, the
// window's newest point, must be beyond): a point on the other side of the centre line is never
// flagged. Comparisons are strict: "beyond" is > or <; a point on the centre line belongs to neither
// side and breaks a run; a tie breaks a trend and an alternation; Nelson 7 counts a point exactly on
// the 1σ line as inside (qcc: `>=`, `<=`). This module computes the rules with run lengths over
// arrays; stream-rules.ts computes them again with a bounded ring buffer, and the tests check both
// agree and both equal qcc's output (test/spc-qcc.test.ts).
import { DEFAULT_CONVENTIONS, type RuleConventions, zoneMultipliers } from "./conventions.js";
import type { ChartSeries, RuleName, RuleReport } from "./types.js";
import { ALL_RULES, NELSON_RULES, WE_RULES } from "./types.js";

/** A rule's short code (N1, W2, ...) and what it detects. */
export interface RuleInfo {
  /** short label drawn next to a flagged point */
  short: string;
  text: string;
}

/** What each rule detects: its short code on charts and a sentence. */
export const RULE_INFO: Readonly<Record<RuleName, RuleInfo>> = {
  we1: { short: "WE1", text: "1 point beyond a control limit" },
  we2: { short: "WE2", text: "2 of 3 points beyond 2σ on the same side" },
  we3: { short: "WE3", text: "4 of 5 points beyond 1σ on the same side" },
  we4: { short: "WE4", text: "8 points in a row on the same side of the centre" },
  nelson1: { short: "N1", text: "1 point beyond a control limit" },
  nelson2: { short: "N2", text: "9 points in a row on the same side of the centre" },
  nelson3: { short: "N3", text: "6 points in a row steadily increasing or decreasing" },
  nelson4: { short: "N4", text: "14 points in a row alternating up and down" },
  nelson5: { short: "N5", text: "2 of 3 points beyond 2σ on the same side" },
  nelson6: { short: "N6", text: "4 of 5 points beyond 1σ on the same side" },
  nelson7: { short: "N7", text: "15 points in a row within 1σ (stratification)" },
  nelson8: { short: "N8", text: "8 points in a row beyond 1σ (mixture)" },
};

/** Longest window any rule looks at (Nelson 7: 15 points): the history a stream must keep. */
export const MAX_RULE_WINDOW = 15;

/** `all`, `nelson`, `we`, `none`, or a comma list of rule names (`nelson1,we4`). */
export function parseRuleSelection(text: string): RuleName[] {
  const t = text.trim().toLowerCase();
  if (t === "all") return [...ALL_RULES];
  if (t === "nelson") return [...NELSON_RULES];
  if (t === "we") return [...WE_RULES];
  if (t === "none") return [];
  const out: RuleName[] = [];
  for (const part of t.split(",")) {
    const name = part.trim() as RuleName;
    if (!(ALL_RULES as readonly string[]).includes(name)) {
      throw new RangeError(`unknown rule ${JSON.stringify(part.trim())} (all, nelson, we, none or a list of we1..we4, nelson1..nelson8)`);
    }
    if (!out.includes(name)) out.push(name);
  }
  // report in the canonical order whatever order they were given in
  return ALL_RULES.filter((r) => out.includes(r));
}

/** Samples whose statistic lies strictly beyond its (clamped) limits. */
export function beyondLimits(s: ChartSeries): number[] {
  const out: number[] = [];
  const { stats, lcl, ucl, samples } = s;
  for (let i = 0; i < stats.length; i++) {
    const x = stats[i]!;
    if (x > ucl[i]! || x < lcl[i]!) out.push(samples[i]!);
  }
  return out;
}

/** The evaluation context of one series: zone multipliers and conventions. */
export interface RuleContext {
  conventions: RuleConventions;
  /** limit width L in standard errors (zones at L/3, 2L/3 under `scaled` zones) */
  width: number;
}

/**
 * k of the last w points beyond ±z standard errors on the side of point i, point i itself beyond
 * (qcc R/rules.R qccRulesViolatingWER2 with run.points = k, run.length = w). `newest`: the window's
 * points are judged against point i's zone; `own`: each against its own.
 */
function kOfW(s: ChartSeries, i: number, w: number, k: number, z: number, newest: boolean, partial: boolean): boolean {
  if (!partial && i < w - 1) return false;
  const { stats, center, se } = s;
  const x = stats[i]!;
  const hi = center[i]! + z * se[i]!;
  const lo = center[i]! - z * se[i]!;
  const side = x > hi ? 1 : x < lo ? -1 : 0;
  if (side === 0) return false;
  let count = 0;
  for (let j = Math.max(0, i - w + 1); j <= i; j++) {
    const xj = stats[j]!;
    if (newest) {
      if (side > 0 ? xj > hi : xj < lo) count++;
    } else if (side > 0 ? xj > center[j]! + z * se[j]! : xj < center[j]! - z * se[j]!) count++;
  }
  return count >= k;
}

/**
 * Evaluates the enabled rules on a series. O(m) time: run lengths for the run rules, a scan of the
 * last 3 or 5 points for the k-of-w rules.
 */
export function evaluateRules(s: ChartSeries, rules: readonly RuleName[], ctx: RuleContext = { conventions: DEFAULT_CONVENTIONS, width: 3 }): RuleReport {
  const report: RuleReport = {};
  for (const r of rules) report[r] = [];
  if (rules.length === 0) return report;
  const on = (r: RuleName): number[] | undefined => report[r];
  const we1 = on("we1"), we2 = on("we2"), we3 = on("we3"), we4 = on("we4");
  const n1 = on("nelson1"), n2 = on("nelson2"), n3 = on("nelson3"), n4 = on("nelson4");
  const n5 = on("nelson5"), n6 = on("nelson6"), n7 = on("nelson7"), n8 = on("nelson8");
  const conv = ctx.conventions;
  const { one, two } = zoneMultipliers(conv, ctx.width);
  const newest = conv.windowZones === "newest";
  const partial = conv.startWindows === "partial";
  const bothSides = conv.mixture === "both-sides";
  const { stats, center, se, lcl, ucl, samples } = s;
  const m = stats.length;
  let sameRun = 0; // same-side run length ending here
  let side = 0;
  let upRun = 0; // number of consecutive strict rises ending here
  let downRun = 0;
  let altRun = 0; // number of consecutive sign changes of the differences ending here
  let inRun = 0; // points within ±1σ (inclusive)
  let outRun = 0; // points beyond ±1σ (strict)
  let lastUp = -Infinity; // index of the last point above +1σ / below −1σ
  let lastDn = -Infinity;
  for (let i = 0; i < m; i++) {
    const x = stats[i]!;
    const c = center[i]!;
    const sample = samples[i]!;
    // Nelson 2 / WE4: qcc `diffs <- statistics - center; diffs > 0`, `diffs < 0`
    const sgn = x > c ? 1 : x < c ? -1 : 0;
    sameRun = sgn !== 0 && sgn === side ? sameRun + 1 : sgn !== 0 ? 1 : 0;
    side = sgn;
    if (i > 0) {
      // Nelson 3: runs of `diff(statistics) > 0` (or < 0) of length 5; Nelson 4: runs of
      // `diffs[-1] * diffs[-length(diffs)] < 0` of length 12 (qccRulesViolatingNEL3, NEL4)
      const d = x - stats[i - 1]!;
      upRun = d > 0 ? upRun + 1 : 0;
      downRun = d < 0 ? downRun + 1 : 0;
      if (i > 1) altRun = d * (stats[i - 1]! - stats[i - 2]!) < 0 ? altRun + 1 : 0;
    }
    // Nelson 7, 8: the 1σ limits of each point (qccRulesSigmaLimits, k = 1)
    const hi1 = c + one * se[i]!;
    const lo1 = c - one * se[i]!;
    const above1 = x > hi1;
    const below1 = x < lo1;
    inRun = x >= lo1 && x <= hi1 ? inRun + 1 : 0;
    outRun = above1 || below1 ? outRun + 1 : 0;
    if (above1) lastUp = i;
    if (below1) lastDn = i;

    if (x > ucl[i]! || x < lcl[i]!) {
      we1?.push(sample);
      n1?.push(sample);
    }
    if ((we2 || n5) && kOfW(s, i, 3, 2, two, newest, partial)) {
      we2?.push(sample);
      n5?.push(sample);
    }
    if ((we3 || n6) && kOfW(s, i, 5, 4, one, newest, partial)) {
      we3?.push(sample);
      n6?.push(sample);
    }
    if (sameRun >= 8) we4?.push(sample);
    if (sameRun >= 9) n2?.push(sample);
    if (upRun >= 5 || downRun >= 5) n3?.push(sample);
    if (altRun >= 12) n4?.push(sample);
    if (inRun >= 15) n7?.push(sample);
    // qccRulesViolatingNEL8: 8 in a row beyond 1σ with `any(above)` and `any(below)` in the window
    if (outRun >= 8 && (!bothSides || (i - lastUp < 8 && i - lastDn < 8))) n8?.push(sample);
  }
  return report;
}
