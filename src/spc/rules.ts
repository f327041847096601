// Run rules over a whole series (batch). Western Electric Statistical Quality Control Handbook (1956),
// rules 1-4; L. S. Nelson, "The Shewhart control chart - tests for special causes", J. Quality
// Technology 16(4):237-239 (1984), tests 1-8. Zones are in standard errors of the plotted statistic
// (zone C within 1σ of the centre, B 1-2σ, A 2-3σ), so the rules work with varying limits (p, u,
// unequal n) as well.
//
// Firing convention (shared/spec/spc.md): a rule fires at a point when the pattern, ending at that
// point, is complete: the first point that completes it and every later point while it continues
// (a run of 10 above the centre flags points 8, 9 and 10 under we4). "k of the last w" rules look at
// the last w points (fewer at the start of the series). Comparisons are strict: "beyond" is > or <;
// a point on the centre line belongs to neither side and breaks a run; a tie breaks a trend and an
// alternation. This module computes the rules with run lengths and sliding counts over arrays;
// stream.ts computes them again with a bounded ring buffer, and the tests check both agree.
import type { ChartSeries, RuleName, RuleReport } from "./types.js";
import { ALL_RULES, NELSON_RULES, WE_RULES } from "./types.js";

export interface RuleInfo {
  /** short label drawn next to a flagged point */
  short: string;
  text: string;
}

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
  nelson8: { short: "N8", text: "8 points in a row beyond 1σ, either side (mixture)" },
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

/**
 * Evaluates the enabled rules on a series. O(m) time: run lengths for the run rules, sliding counts
 * (one point in, one out) for the k-of-w rules.
 */
export function evaluateRules(s: ChartSeries, rules: readonly RuleName[]): RuleReport {
  const report: RuleReport = {};
  for (const r of rules) report[r] = [];
  if (rules.length === 0) return report;
  const on = (r: RuleName): number[] | undefined => report[r];
  const we1 = on("we1"), we2 = on("we2"), we3 = on("we3"), we4 = on("we4");
  const n1 = on("nelson1"), n2 = on("nelson2"), n3 = on("nelson3"), n4 = on("nelson4");
  const n5 = on("nelson5"), n6 = on("nelson6"), n7 = on("nelson7"), n8 = on("nelson8");
  const { stats, center, se, lcl, ucl, samples } = s;
  const m = stats.length;
  // per-point class: beyond 2σ (+1/−1/0), beyond 1σ (+1/−1/0)
  const z2 = new Int8Array(m);
  const z1 = new Int8Array(m);
  let sameRun = 0; // same-side run length ending here (signed side)
  let side = 0;
  let upRun = 0; // number of consecutive strict rises ending here
  let downRun = 0;
  let altRun = 0; // number of consecutive alternating non-zero differences ending here
  let lastDir = 0;
  let inCRun = 0;
  let outCRun = 0;
  let a2Up = 0, a2Dn = 0, a1Up = 0, a1Dn = 0; // counts in the sliding windows of 3 and 5
  for (let i = 0; i < m; i++) {
    const x = stats[i]!;
    const c = center[i]!;
    const sd = se[i]!;
    const sample = samples[i]!;
    const d = x - c;
    const e = c - x;
    const cls2 = d > 2 * sd ? 1 : e > 2 * sd ? -1 : 0;
    const cls1 = d > sd ? 1 : e > sd ? -1 : 0;
    z2[i] = cls2;
    z1[i] = cls1;
    // sliding windows: add point i, drop the point that left the window
    if (cls2 === 1) a2Up++;
    else if (cls2 === -1) a2Dn++;
    if (i >= 3) {
      const old = z2[i - 3]!;
      if (old === 1) a2Up--;
      else if (old === -1) a2Dn--;
    }
    if (cls1 === 1) a1Up++;
    else if (cls1 === -1) a1Dn++;
    if (i >= 5) {
      const old = z1[i - 5]!;
      if (old === 1) a1Up--;
      else if (old === -1) a1Dn--;
    }
    const sgn = x > c ? 1 : x < c ? -1 : 0;
    sameRun = sgn !== 0 && sgn === side ? sameRun + 1 : sgn !== 0 ? 1 : 0;
    side = sgn;
    if (i > 0) {
      const prev = stats[i - 1]!;
      const dir = x > prev ? 1 : x < prev ? -1 : 0;
      upRun = dir === 1 ? upRun + 1 : 0;
      downRun = dir === -1 ? downRun + 1 : 0;
      altRun = dir === 0 ? 0 : lastDir !== 0 && dir === -lastDir ? altRun + 1 : 1;
      lastDir = dir;
    }
    inCRun = cls1 === 0 ? inCRun + 1 : 0;
    outCRun = cls1 !== 0 ? outCRun + 1 : 0;

    const beyond = x > ucl[i]! || x < lcl[i]!;
    if (beyond) {
      we1?.push(sample);
      n1?.push(sample);
    }
    if (a2Up >= 2 || a2Dn >= 2) {
      we2?.push(sample);
      n5?.push(sample);
    }
    if (a1Up >= 4 || a1Dn >= 4) {
      we3?.push(sample);
      n6?.push(sample);
    }
    if (sameRun >= 8) we4?.push(sample);
    if (sameRun >= 9) n2?.push(sample);
    if (upRun >= 5 || downRun >= 5) n3?.push(sample);
    if (altRun >= 13) n4?.push(sample);
    if (inCRun >= 15) n7?.push(sample);
    if (outCRun >= 8) n8?.push(sample);
  }
  return report;
}
