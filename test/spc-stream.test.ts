// Property test: a stream built from a batch chart's limits, fed the same samples one at a time,
// reproduces the batch chart exactly: every statistic, centre, standard error and limit (same
// arithmetic, so bit-identical), every beyond-limits flag and every rule firing. The batch rules use
// run lengths over whole arrays, the stream a 15-point ring buffer: two implementations of one rule
// set. Series come from a seeded generator (mulberry32) with shifts, trends, stratification,
// mixtures, alternation and rounding (ties), so every rule fires somewhere.
import { describe, expect, it } from "vitest";
import { buildChart, type ChartInput } from "../src/spc/chart.js";
import { individuals, packCounts, packSubgroups } from "../src/spc/data.js";
import { MAX_RULE_WINDOW } from "../src/spc/rules.js";
import { streamFromChart, type StreamInput } from "../src/spc/stream.js";
import { ALL_RULES, type ChartKind, type ControlChart, type RuleName } from "../src/spc/types.js";
import type { ChartOptions } from "../src/spc/options.js";
import { CONVENTION_PRESETS, type RuleConventions } from "../src/spc/conventions.js";
import { rng } from "./helpers/rng.js";

class Gen {
  private readonly u: () => number;
  constructor(seed: number) {
    this.u = rng(seed);
  }
  uniform(): number {
    return this.u();
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.u() * (hi - lo + 1));
  }
  normal(): number {
    // Box-Muller
    const u1 = Math.max(this.u(), 1e-300);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * this.u());
  }
  poisson(lambda: number): number {
    // Knuth; lambda here stays below ~60
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= this.u();
    } while (p > l);
    return k - 1;
  }
  binomial(n: number, p: number): number {
    let c = 0;
    for (let i = 0; i < n; i++) if (this.u() < p) c++;
    return c;
  }
  /** A mean path with the patterns the rules look for: shift, trend, stratification, mixture, alternation. */
  path(m: number): { mean: number[]; spread: number[] } {
    const mean = new Array<number>(m).fill(0);
    const spread = new Array<number>(m).fill(1);
    const segments = this.int(0, 4);
    for (let s = 0; s < segments; s++) {
      const a = this.int(0, m - 1);
      const b = Math.min(m, a + this.int(5, 40));
      const kind = this.int(0, 4);
      for (let i = a; i < b; i++) {
        if (kind === 0) mean[i] = mean[i]! + 1.5; // shift
        else if (kind === 1) mean[i] = mean[i]! + 0.25 * (i - a); // trend
        else if (kind === 2) spread[i] = 0.2; // stratification
        else if (kind === 3) mean[i] = mean[i]! + ((i - a) % 2 === 0 ? 2.2 : -2.2); // mixture
        else mean[i] = mean[i]! + ((i - a) % 2 === 0 ? 0.6 : -0.6); // alternation
      }
    }
    return { mean, spread };
  }
}

interface Case {
  input: ChartInput;
  pushes: StreamInput[];
}

function variablesCase(g: Gen, m: number, n: () => number): Case {
  const { mean, spread } = g.path(m);
  const round = g.uniform() < 0.3; // coarse gauge: ties
  const groups = mean.map((mu, i) => {
    const k = n();
    const v = Float64Array.from({ length: k }, () => {
      const x = 50 + mu + spread[i]! * g.normal();
      return round ? Math.round(x * 2) / 2 : x;
    });
    return { label: `s${i + 1}`, values: v };
  });
  return { input: { kind: "subgroups", data: packSubgroups(groups) }, pushes: groups.map((gr) => gr.values) };
}

function individualsCase(g: Gen, m: number): Case {
  const { mean, spread } = g.path(m);
  const round = g.uniform() < 0.3;
  const x = Float64Array.from(mean, (mu, i) => {
    const v = 10 + mu + spread[i]! * g.normal();
    return round ? Math.round(v * 2) / 2 : v;
  });
  return { input: { kind: "subgroups", data: individuals(x) }, pushes: Array.from(x) };
}

function countCase(g: Gen, m: number, kind: "p" | "np" | "c" | "u"): Case {
  const { mean } = g.path(m);
  const fixedN = g.uniform() < 0.4;
  const n0 = g.int(20, 200);
  const samples = mean.map((mu, i) => {
    if (kind === "c") return { label: String(i + 1), n: 1, count: g.poisson(Math.max(0.5, 8 + 2 * mu)) };
    if (kind === "u") {
      const n = fixedN ? 2 : 0.5 + g.int(0, 9) * 0.5;
      return { label: String(i + 1), n, count: g.poisson(Math.max(0.2, n * (4 + mu))) };
    }
    const n = fixedN ? n0 : g.int(20, 200);
    const p = Math.min(0.95, Math.max(0.005, 0.08 + 0.03 * mu));
    return { label: String(i + 1), n, count: g.binomial(n, p) };
  });
  return { input: { kind: "counts", data: packCounts(samples) }, pushes: samples.map((s) => ({ n: s.n, count: s.count })) };
}

function randomOptions(g: Gen, m: number, kind: ChartKind, variables: boolean): Partial<ChartOptions> {
  const o: Partial<ChartOptions> = {};
  if (g.uniform() < 0.3) o.width = [2.5, 3, 3.5][g.int(0, 2)]!;
  if (g.uniform() < 0.4 && m >= 6) o.phase1 = [1, g.int(5, m)];
  if (g.uniform() < 0.3) o.revise = true;
  if (variables && g.uniform() < 0.2) {
    o.center = 50 + (kind === "imr" || kind === "ewma" || kind === "cusum" ? -40 : 0);
    o.stddev = 1;
  }
  if (g.uniform() < 0.2) o.rules = ALL_RULES.filter(() => g.uniform() < 0.5);
  if (kind === "imr" && g.uniform() < 0.3) o.sigmaMethod = "sd";
  if (kind === "ewma") {
    o.lambda = [0.05, 0.1, 0.2, 0.4, 1][g.int(0, 4)]!;
    o.asymptotic = g.uniform() < 0.3;
  }
  if (kind === "cusum") {
    o.k = [0, 0.25, 0.5, 1][g.int(0, 3)]!;
    o.h = [2, 4, 5][g.int(0, 2)]!;
    o.headStart = g.uniform() < 0.3 ? o.h / 2 : 0;
  }
  // the conventions: a preset, or each choice drawn on its own
  const u = g.uniform();
  if (u < 0.4) o.conventions = randomConventions(g);
  else if (u < 0.6) o.conventions = { ...CONVENTION_PRESETS[(["qcc", "minitab", "legacy"] as const)[g.int(0, 2)]!] };
  return o;
}

function randomConventions(g: Gen): RuleConventions {
  const pick = <T>(a: readonly T[]): T => a[g.int(0, a.length - 1)]!;
  return {
    windowZones: pick(["newest", "own"] as const),
    zoneWidth: pick(["scaled", "sigma"] as const),
    mixture: pick(["both-sides", "either-side"] as const),
    startWindows: pick(["full", "partial"] as const),
    dispersionCenter: pick(["pooled", "per-n"] as const),
  };
}

function rulesAt(c: ControlChart, report = c.rules): Map<number, RuleName[]> {
  const map = new Map<number, RuleName[]>();
  for (const r of ALL_RULES) for (const s of report[r] ?? []) map.set(s, [...(map.get(s) ?? []), r]);
  return map;
}

/** Compares point by point; returns the mismatches (one expect per series keeps the test fast). */
function compare(c: ControlChart, pushes: StreamInput[]): { points: number; bad: string[] } {
  const stream = streamFromChart(c);
  const byRule = rulesAt(c);
  const secByRule = rulesAt(c, c.secondaryRules);
  const beyond = new Set(c.beyond);
  const secBeyond = new Set(c.secondaryBeyond);
  const bad: string[] = [];
  const same = (what: string, sample: number, a: unknown, b: unknown): void => {
    if (!Object.is(a, b) && bad.length < 10) bad.push(`${c.chart} sample ${sample} ${what}: stream ${String(a)} batch ${String(b)}`);
  };
  const sec = c.secondary;
  const secIndex = new Map<number, number>();
  if (sec) sec.samples.forEach((s, i) => secIndex.set(s, i));
  pushes.forEach((input, i) => {
    const p = stream.push(input);
    const sample = i + 1;
    same("sample", sample, p.sample, sample);
    same("stat", sample, p.stat, c.primary.stats[i]);
    same("center", sample, p.center, c.primary.center[i]);
    same("se", sample, p.se, c.primary.se[i]);
    same("lcl", sample, p.lcl, c.primary.lcl[i]);
    same("ucl", sample, p.ucl, c.primary.ucl[i]);
    same("beyond", sample, p.beyond, beyond.has(sample));
    same("rules", sample, p.rules.join(","), (byRule.get(sample) ?? []).join(","));
    if (sec && c.chart !== "cusum") {
      const j = secIndex.get(sample);
      if (j === undefined) same("secondary", sample, p.secondary, undefined);
      else {
        same("secondary stat", sample, p.secondary?.stat, sec.stats[j]);
        same("secondary center", sample, p.secondary?.center, sec.center[j]);
        same("secondary lcl", sample, p.secondary?.lcl, sec.lcl[j]);
        same("secondary ucl", sample, p.secondary?.ucl, sec.ucl[j]);
        same("secondary beyond", sample, p.secondary?.beyond, secBeyond.has(sample));
        same("secondary rules", sample, p.secondary?.rules.join(","), (secByRule.get(sample) ?? []).join(","));
      }
    }
    if (c.chart === "cusum") {
      same("C+", sample, p.cusum?.upper, c.cusum!.upper[i]);
      same("C-", sample, p.cusum?.lower, c.cusum!.lower[i]);
      same("signal+", sample, p.cusum?.signalUpper, c.cusum!.signalsUpper.includes(sample));
      same("signal-", sample, p.cusum?.signalLower, c.cusum!.signalsLower.includes(sample));
    }
  });
  same("count", pushes.length, stream.count, pushes.length);
  return { points: pushes.length, bad };
}

const SERIES = 120;

describe("streaming charts equal the batch charts (seeded random series)", () => {
  const kinds: { kind: ChartKind; make: (g: Gen, m: number) => Case; variables: boolean; min: number; name?: string }[] = [
    { kind: "xbar-r", make: (g, m) => { const n = g.int(2, 10); return variablesCase(g, m, () => n); }, variables: true, min: 1 },
    { kind: "xbar-r", make: (g, m) => variablesCase(g, m, () => g.int(2, 12)), variables: true, min: 1, name: "xbar-r, unequal n" },
    { kind: "xbar-s", make: (g, m) => variablesCase(g, m, () => g.int(2, 12)), variables: true, min: 1 },
    { kind: "imr", make: (g, m) => individualsCase(g, m), variables: true, min: 3 },
    { kind: "p", make: (g, m) => countCase(g, m, "p"), variables: false, min: 1 },
    { kind: "np", make: (g, m) => countCase(g, m, "np"), variables: false, min: 1 },
    { kind: "c", make: (g, m) => countCase(g, m, "c"), variables: false, min: 1 },
    { kind: "u", make: (g, m) => countCase(g, m, "u"), variables: false, min: 1 },
    { kind: "ewma", make: (g, m) => (g.uniform() < 0.5 ? individualsCase(g, m) : variablesCase(g, m, () => g.int(2, 6))), variables: true, min: 3 },
    { kind: "cusum", make: (g, m) => (g.uniform() < 0.5 ? individualsCase(g, m) : variablesCase(g, m, () => 4)), variables: true, min: 3 },
  ];
  for (const [k, spec] of kinds.entries()) {
    it(`${spec.name ?? spec.kind}: ${SERIES} series`, () => {
      const g = new Gen(1000 + k);
      const fired = new Set<RuleName>();
      const secFired = new Set<RuleName>();
      let points = 0;
      let done = 0;
      for (let s = 0; s < SERIES; s++) {
        const m = g.int(spec.min, 300);
        const c = spec.make(g, m);
        const opts = randomOptions(g, m, spec.kind, spec.variables);
        let chart: ControlChart;
        try {
          chart = buildChart(spec.kind, c.input, opts);
        } catch {
          continue; // e.g. revision left too few samples, or σ = 0 on a coarse gauge: not a streaming question
        }
        const r = compare(chart, c.pushes);
        expect(r.bad).toEqual([]);
        points += r.points;
        for (const r of ALL_RULES) if ((chart.rules[r] ?? []).length) fired.add(r);
        for (const r of ALL_RULES) if ((chart.secondaryRules[r] ?? []).length) secFired.add(r);
        done++;
      }
      expect(done).toBeGreaterThan(SERIES * 0.9);
      expect(points).toBeGreaterThan(1000);
      // the generator's patterns exercise every rule on the Shewhart charts
      if (spec.kind === "xbar-r" || spec.kind === "imr" || spec.kind === "xbar-s") {
        expect([...fired].sort()).toEqual([...ALL_RULES].sort());
        // and the secondary charts' rules fire too (so they are compared, not vacuously equal)
        expect(secFired.size).toBeGreaterThan(6);
      }
    });
  }

  it("the rule history is bounded by 15 points", () => {
    expect(MAX_RULE_WINDOW).toBe(15);
  });
});
