// Our charts and run rules against qcc 3.0 itself. test/data/spc/qcc-reference.json holds what the
// real qcc (luca-scr/qcc @ af35099, run in R 4.2.2 by test/data/spc/qcc-reference.R; provenance in
// test/data/spc/README.md) computed for each case: statistics, centre, limits per point and the
// points each of qccRulesViolatingWER1..4 / qccRulesViolatingNEL1..8 flags, on the primary chart and
// on the R, S or moving-range chart (qcc has no MR chart: the script charts the pairs
// (x_(i−1), x_i) with qcc's R chart, the way qcc's documentation builds one). With the default
// conventions (qcc) every rule list must be identical, batch and streaming.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildChart, type ChartInput, isCountChart } from "../src/spc/chart.js";
import { parseConventions } from "../src/spc/conventions.js";
import { maxSubgroupOf, readCounts, readSubgroups, shapeOf } from "../src/spc/csv.js";
import type { ChartOptions } from "../src/spc/options.js";
import { streamFromChart, type StreamInput } from "../src/spc/stream.js";
import { ALL_RULES, type ChartKind, type ChartSeries, type ControlChart, type RuleName, type RuleReport } from "../src/spc/types.js";

const DIR = new URL("./data/spc/", import.meta.url);

interface QccSeries {
  type: string;
  samples: number[];
  sizes: number[];
  nsigmas: number;
  center: number | number[];
  stdDev: number | number[];
  statistics: number[];
  lcl: number[];
  ucl: number[];
  rules: Record<RuleName, number[]>;
}

interface QccCase {
  id: string;
  file: string;
  chart: ChartKind;
  options: { phase1?: [number, number]; width?: number; center?: number; stddev?: number };
  primary: QccSeries;
  secondary?: QccSeries;
}

const REF = JSON.parse(readFileSync(new URL("qcc-reference.json", DIR), "utf8")) as { generator: Record<string, string>; cases: QccCase[] };

function inputOf(c: QccCase): ChartInput {
  const text = readFileSync(new URL(c.file, DIR), "utf8");
  return isCountChart(c.chart)
    ? { kind: "counts", data: readCounts(text, c.file, c.chart) }
    : { kind: "subgroups", data: readSubgroups(text, c.file, shapeOf(c.chart), maxSubgroupOf(c.chart)) };
}

function optionsOf(c: QccCase): Partial<ChartOptions> {
  return { phase1: c.options.phase1, width: c.options.width, center: c.options.center, stddev: c.options.stddev };
}

/**
 * Relative tolerance of limits and centre lines. qcc and we use the same formulas; the constants
 * differ: qcc's d3 (se.R.unscaled) has 7 digits where the published table (Montgomery App. VI, which
 * the spec prescribes) has 3, so R and MR limits and zones differ by up to ~3e-4 relative; qcc's c4
 * is exact where the table has 4 decimals (S limits, and σ of X-bar/S: ~2e-5).
 */
function tolerance(c: QccCase, q: QccSeries): number {
  if (q.type === "R" || q.type === "S") return 1e-3;
  if (c.chart === "xbar-s") return 1e-4;
  return 1e-11;
}

function closeAll(what: string, ours: ArrayLike<number>, theirs: number[], rel: number): void {
  expect(ours.length, what).toBe(theirs.length);
  for (let i = 0; i < theirs.length; i++) {
    const a = ours[i]!;
    const b = theirs[i]!;
    const scale = Math.max(1, Math.abs(b));
    if (!(Math.abs(a - b) <= rel * scale)) expect.fail(`${what}[${i}]: ours ${a}, qcc ${b} (relative tolerance ${rel})`);
  }
}

function rulesEqual(what: string, ours: RuleReport, theirs: Record<RuleName, number[]>): void {
  const got: Record<string, number[]> = {};
  for (const r of ALL_RULES) got[r] = ours[r] ?? [];
  expect(got, what).toEqual(theirs);
}

function compareSeries(c: QccCase, what: string, s: ChartSeries, q: QccSeries): void {
  const rel = tolerance(c, q);
  expect(Array.from(s.samples), `${what} samples`).toEqual(q.samples);
  closeAll(`${what} statistics`, s.stats, q.statistics, 1e-12);
  const centre = typeof q.center === "number" ? q.samples.map(() => q.center as number) : q.center;
  closeAll(`${what} centre`, s.center, centre, rel);
  closeAll(`${what} lcl`, s.lcl, q.lcl, rel);
  closeAll(`${what} ucl`, s.ucl, q.ucl, rel);
}

/** What a stream fed the same samples reports, per rule (primary and secondary). */
function streamRules(chart: ControlChart, c: QccCase): { primary: RuleReport; secondary: RuleReport } {
  const stream = streamFromChart(chart);
  const input = inputOf(c);
  const pushes: StreamInput[] = [];
  if (input.kind === "counts") for (let i = 0; i < input.data.n.length; i++) pushes.push({ n: input.data.n[i]!, count: input.data.counts[i]! });
  else for (let i = 0; i + 1 < input.data.offsets.length; i++) pushes.push(input.data.values.subarray(input.data.offsets[i]!, input.data.offsets[i + 1]!));
  const primary: RuleReport = {};
  const secondary: RuleReport = {};
  for (const r of ALL_RULES) {
    primary[r] = [];
    secondary[r] = [];
  }
  for (const x of pushes) {
    const p = stream.push(x);
    for (const r of p.rules) primary[r]!.push(p.sample);
    for (const r of p.secondary?.rules ?? []) secondary[r]!.push(p.sample);
  }
  return { primary, secondary };
}

describe(`qcc ${REF.generator.qcc} (${REF.generator.qccCommit.slice(0, 7)}, ${REF.generator.R}) reference results`, () => {
  it("covers every rule on some chart, and both charts of every variables case", () => {
    const fired = new Set<string>();
    for (const c of REF.cases) {
      for (const q of [c.primary, c.secondary]) for (const r of ALL_RULES) if (q && q.rules[r].length) fired.add(r);
      if (!isCountChart(c.chart)) expect(c.secondary, c.id).toBeDefined();
    }
    expect([...fired].sort()).toEqual([...ALL_RULES].sort());
  });

  for (const c of REF.cases) {
    describe(c.id, () => {
      const chart = buildChart(c.chart, inputOf(c), optionsOf(c));
      it(`${c.chart}: statistics, centre and limits per point as qcc (type ${c.primary.type}${c.secondary ? ` and ${c.secondary.type}` : ""})`, () => {
        expect(Array.from(chart.sizes)).toEqual(c.primary.sizes);
        compareSeries(c, "primary", chart.primary, c.primary);
        if (c.secondary) compareSeries(c, "secondary", chart.secondary!, c.secondary);
        if (!Number.isNaN(chart.params.sigma) && typeof c.primary.stdDev === "number") {
          expect(Math.abs(chart.params.sigma - c.primary.stdDev) / c.primary.stdDev).toBeLessThan(tolerance(c, c.primary) + 1e-12);
        }
      });
      it("every rule flags the same points as qcc, on the primary chart", () => {
        rulesEqual("primary rules", chart.rules, c.primary.rules);
      });
      if (c.secondary) {
        it(`and on the ${c.secondary.type === "R" && c.chart === "imr" ? "moving-range" : c.secondary.type} chart`, () => {
          rulesEqual("secondary rules", chart.secondaryRules, c.secondary!.rules);
          // an MR (R, S) point beyond its UCL is a signal: rule 1 of the secondary chart
          expect(chart.secondaryRules.nelson1).toEqual(chart.secondaryBeyond);
        });
      }
      it("a stream fed the same samples fires the same rules", () => {
        const s = streamRules(chart, c);
        rulesEqual("stream primary", s.primary, c.primary.rules);
        if (c.secondary) rulesEqual("stream secondary", s.secondary, c.secondary.rules);
      });
    });
  }
});

describe("what the reference cases were designed to show", () => {
  const byId = new Map(REF.cases.map((c) => [c.id, c]));
  const get = (id: string): QccCase => byId.get(id)!;

  it("softwood chips: day 6 (above the centre) is not flagged by the low-side 2-of-3 pattern of days 4-5", () => {
    const c = get("softwood-xbar-r");
    expect(c.primary.rules.we2).not.toContain(6);
    expect(c.primary.rules.we2).toContain(5);
    const chart = buildChart("xbar-r", inputOf(c));
    expect(chart.rules.we2).not.toContain(6);
    expect(chart.primary.stats[5]! > chart.primary.center[5]!).toBe(true);
  });

  it("rules-individuals (μ = 0, σ = 1 known): the flagged point of a k-of-w pattern is itself beyond, on the pattern's side", () => {
    const r = get("rules-individuals-known").primary.rules;
    // 9-11: 2.5, 2.2, −0.5 → 10 flagged, 11 (below the centre) not
    expect(r.nelson5).toContain(10);
    expect(r.nelson5).not.toContain(11);
    // 29-33: four below −1σ then +0.9 → 32 flagged, 33 not
    expect(r.nelson6).toContain(32);
    expect(r.nelson6).not.toContain(33);
    // 104-112 all above +1σ: no mixture (one side); 114-122 alternate beyond ±1σ: mixture at 121, 122
    expect(r.nelson8).toEqual([121, 122]);
    // 88-103 within ±1σ, four of them exactly on ±1: stratification at 102, 103 (the lines count as inside)
    expect(r.nelson7).toContain(102);
    expect(r.nelson7).toContain(103);
    // 54-60 rise: trend at 59, 60; 61-69 fall with a tie at 63/64: only 64-69 count (69)
    expect(r.nelson3).toEqual([59, 60, 69]);
    // points exactly on the centre (34, 44) break the runs: 35-43 give nelson2 at 43 only
    expect(r.nelson2.filter((s) => s < 50)).toEqual([43]);
  });

  it("unequal n: qcc judges a 2-of-3 or 4-of-5 window against its newest point's zone; per-point zones differ", () => {
    const c = get("unequal-xbar-r");
    const own = buildChart("xbar-r", inputOf(c), { conventions: { ...parseConventions("qcc"), windowZones: "own" } });
    expect(own.rules.nelson5).not.toEqual(c.primary.rules.nelson5);
    expect(own.rules.nelson6).not.toEqual(c.primary.rules.nelson6);
  });

  it("imr-values: the spike at hour 15 puts MR 15 above the MR UCL, a rule-1 signal of the MR chart", () => {
    const c = get("imr-values");
    expect(c.secondary!.rules.nelson1).toEqual([15]);
    const chart = buildChart("imr", inputOf(c));
    expect(chart.secondaryRules.we1).toEqual([15]);
    expect(chart.secondaryBeyond).toEqual([15]);
  });
});
