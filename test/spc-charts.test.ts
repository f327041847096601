// Control charts against the shared reference cases, textbook examples and hand calculations. Every
// expected value is derived here from the raw data with the textbook formula (or is a published
// figure), never read back from the implementation.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildChart } from "../src/spc/chart.js";
import { readCounts, readSubgroups } from "../src/spc/csv.js";
import { individuals, packCounts, packSubgroups } from "../src/spc/data.js";
import { parseConventions } from "../src/spc/conventions.js";
import type { ChartOptions } from "../src/spc/options.js";
import type { ControlChart, CountData, SubgroupData } from "../src/spc/types.js";

const SHARED = new URL("./data/spc/", import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, SHARED), "utf8");

const sub = (data: SubgroupData) => ({ kind: "subgroups" as const, data });
const cnt = (data: CountData) => ({ kind: "counts" as const, data });
const indiv = (x: number[]) => sub(individuals(Float64Array.from(x)));
const counts = (n: number[], c: number[]) => cnt(packCounts(n.map((ni, i) => ({ label: String(i + 1), n: ni, count: c[i]! }))));
const mean = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;

// Montgomery, Introduction to SQC, 7th ed., Table 9.1: x_1..x_20 ~ N(10, 1), x_21..x_30 ~ N(11, 1)
const MONTGOMERY_9_1 = [9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.2, 10.34, 9.03, 11.47, 10.51, 9.4, 10.08, 9.37, 10.62, 10.31, 8.52, 10.84, 10.9, 9.33, 12.29, 11.5, 10.6, 11.08, 10.38, 11.62, 11.31, 10.52];

describe("X-bar/R: softwood chips (test/data/spc, 30 days x 4 truckloads)", () => {
  const text = read("softwood-chips.csv");
  const rows = text.trim().split("\n").slice(1).map((l) => l.split(",").slice(1).map(Number));
  const chart = buildChart("xbar-r", sub(readSubgroups(text, "softwood-chips.csv", "equal")));
  const means = rows.map(mean);
  const ranges = rows.map((r) => Math.max(...r) - Math.min(...r));
  const xbb = mean(means);
  const rbar = mean(ranges);

  it("X-bar-bar 79.76, R-bar 6.09, σ = R-bar/2.059", () => {
    expect(xbb).toBeCloseTo(79.7575, 10);
    expect(chart.params.center).toBeCloseTo(xbb, 12);
    expect(rbar).toBeCloseTo(6.0933, 4);
    expect(chart.secondary!.center[0]).toBeCloseTo(rbar, 12);
    expect(chart.params.sigma).toBeCloseTo(rbar / 2.059, 12);
  });

  it("X-bar limits X-bar-bar ± 3 R-bar/(d2 √4) = 75.3185 .. 84.1965 (shared/spec/spc.md)", () => {
    expect(chart.primary.lcl[0]).toBeCloseTo(xbb - (3 * rbar) / (2.059 * 2), 10);
    expect(chart.primary.ucl[0]).toBeCloseTo(84.1965, 4);
    expect(chart.primary.lcl[0]).toBeCloseTo(75.3185, 4);
  });

  it("R chart: LCL = D3 R-bar = 0, UCL = D4 R-bar with the published D4(4) = 2.282: 13.9", () => {
    // The MISSION's worked example rounds to 13.9; spec/spc.md prints 13.893, which is 2.28 x R-bar
    // (a two-decimal D4): the three-decimal table the spec prescribes gives 2.282 x 6.0933 = 13.905.
    expect(chart.secondary!.lcl[0]).toBe(0);
    expect(chart.secondary!.ucl[0]).toBeCloseTo(2.282 * rbar, 10);
    expect(Math.round(chart.secondary!.ucl[0]! * 10) / 10).toBe(13.9);
  });

  it("days 16 (low) and 25 (high) are beyond the X-bar limits; the R chart is in control", () => {
    expect(chart.beyond).toEqual([16, 25]);
    expect(chart.primary.stats[15]! < chart.primary.lcl[15]!).toBe(true);
    expect(chart.primary.stats[24]! > chart.primary.ucl[24]!).toBe(true);
    expect(chart.secondaryBeyond).toEqual([]);
    expect(chart.rules.nelson1).toEqual([16, 25]);
    expect(chart.rules.we1).toEqual([16, 25]);
  });

  it("run rules by hand: the 10 falling means 8..16 and the long run above the centre from 21", () => {
    // means 8..16 fall monotonically: 83.475 > 80.4 > 80.05 > 77.45 > 77.325 > 77.1 > 77.05 > 75.925 > 75.225
    expect(chart.rules.nelson3).toEqual([13, 14, 15, 16]);
    // samples 21..30 are all above 79.7575: a run of 10 → we4 at 28, 29, 30 and nelson2 at 29, 30;
    // 11..18 are 8 below (18 = 79.7 < 79.7575) → we4 at 18
    expect(means.slice(20).every((m) => m > xbb)).toBe(true);
    expect(means.slice(10, 18).every((m) => m < xbb)).toBe(true);
    expect(chart.rules.we4).toEqual([18, 28, 29, 30]);
    expect(chart.rules.nelson2).toEqual([29, 30]);
  });

  it("revision drops 16 and 25 and re-estimates from the other 28 days", () => {
    const r = buildChart("xbar-r", sub(readSubgroups(text, "f", "equal")), { revise: true });
    const keep = means.map((_, i) => i).filter((i) => i !== 15 && i !== 24);
    const xbb2 = mean(keep.map((i) => means[i]!));
    const rbar2 = mean(keep.map((i) => ranges[i]!));
    // after dropping 16 and 25 the new limits 75.17 .. 84.27 hold every other day: one revision
    expect(r.excluded).toEqual([16, 25]);
    expect(r.params.center).toBeCloseTo(xbb2, 10);
    expect(r.params.sigma).toBeCloseTo(rbar2 / 2.059, 10);
    // the revised limits are final: no remaining phase-I sample is beyond them
    for (let i = 0; i < 30; i++) {
      if (r.excluded.includes(i + 1)) continue;
      expect(r.primary.stats[i]! <= r.primary.ucl[i]! && r.primary.stats[i]! >= r.primary.lcl[i]!).toBe(true);
    }
  });

  it("phase I 1:15 fixes the limits; later days are judged against them", () => {
    const r = buildChart("xbar-r", sub(readSubgroups(text, "f", "equal")), { phase1: [1, 15] });
    const xbb15 = mean(means.slice(0, 15));
    const rbar15 = mean(ranges.slice(0, 15));
    expect(r.params.center).toBeCloseTo(xbb15, 10);
    expect(r.primary.ucl[29]).toBeCloseTo(xbb15 + (3 * rbar15) / 2.059 / 2, 10);
    const expectBeyond = means.map((m, i) => (m > r.primary.ucl[i]! || m < r.primary.lcl[i]! ? i + 1 : 0)).filter((s) => s > 0);
    expect(r.beyond).toEqual(expectBeyond);
    expect(r.phase1).toEqual([1, 15]);
  });
});

describe("p chart: test/data/spc/p-chart.csv", () => {
  const text = read("p-chart.csv");
  const chart = buildChart("p", cnt(readCounts(text, "p-chart.csv", "p")));
  const rows = text.trim().split("\n").slice(1).map((l) => l.split(",").map(Number));
  const pbar = 56 / 1375;
  it("p-bar = Σd/Σn = 56/1375 ≈ 0.04", () => {
    expect(rows.reduce((s, r) => s + r[2]!, 0)).toBe(56);
    expect(rows.reduce((s, r) => s + r[1]!, 0)).toBe(1375);
    expect(chart.params.center).toBeCloseTo(pbar, 15);
  });
  it("limits per sample p-bar ± 3√(p-bar(1−p-bar)/n_j), LCL clamped to 0; sample 8 out", () => {
    rows.forEach((r, i) => {
      const se = Math.sqrt((pbar * (1 - pbar)) / r[1]!);
      expect(chart.primary.ucl[i]).toBeCloseTo(pbar + 3 * se, 14);
      expect(chart.primary.lcl[i]).toBe(0); // p-bar − 3se < 0 for every n here
      expect(chart.primary.stats[i]).toBeCloseTo(r[2]! / r[1]!, 15);
    });
    expect(chart.beyond).toEqual([8]);
  });
  it("np chart of the same data: centre n p-bar, limits clamped to [0, n]", () => {
    const np = buildChart("np", cnt(readCounts(text, "f", "np")));
    rows.forEach((r, i) => {
      const n = r[1]!;
      expect(np.primary.center[i]).toBeCloseTo(n * pbar, 12);
      expect(np.primary.ucl[i]).toBeCloseTo(Math.min(n, n * pbar + 3 * Math.sqrt(n * pbar * (1 - pbar))), 12);
    });
    expect(np.beyond).toEqual([8]);
  });
});

describe("textbook attribute charts (Montgomery, Introduction to SQC, 7th ed.)", () => {
  it("Example 7.1 (orange juice cans, 30 samples of 50): p-bar 0.2313, UCL 0.4102, LCL 0.0524, samples 15 and 23 out", () => {
    const d = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6];
    expect(d.reduce((s, x) => s + x, 0)).toBe(347);
    const c = buildChart("p", counts(d.map(() => 50), d));
    expect(c.params.center).toBeCloseTo(347 / 1500, 14);
    expect(c.primary.ucl[0]).toBeCloseTo(0.4102, 4);
    expect(c.primary.lcl[0]).toBeCloseTo(0.0524, 4);
    expect(c.beyond).toEqual([15, 23]);
  });

  it("Example 7.3 (printed circuit boards, 26 samples): c-bar 19.85, UCL 33.22, LCL 6.48; 6 and 20 out; revised 19.67, 32.97, 6.36", () => {
    const d = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22, 18, 39, 30, 24, 16, 19, 17, 15];
    expect(d.reduce((s, x) => s + x, 0)).toBe(516);
    const c = buildChart("c", counts(d.map(() => 1), d));
    const cbar = 516 / 26;
    expect(c.params.center).toBeCloseTo(cbar, 14);
    expect(c.primary.ucl[0]).toBeCloseTo(cbar + 3 * Math.sqrt(cbar), 12);
    // the book rounds c-bar to 19.85 before computing the limits: ±0.01
    expect(Math.abs(c.primary.ucl[0]! - 33.22)).toBeLessThan(0.01);
    expect(Math.abs(c.primary.lcl[0]! - 6.48)).toBeLessThan(0.01);
    expect(c.beyond).toEqual([6, 20]);
    const r = buildChart("c", counts(d.map(() => 1), d), { revise: true });
    expect(r.excluded).toEqual([6, 20]);
    expect(r.params.center).toBeCloseTo(472 / 24, 12);
    expect(Math.abs(r.primary.ucl[0]! - 32.97)).toBeLessThan(0.005);
    expect(Math.abs(r.primary.lcl[0]! - 6.36)).toBeLessThan(0.005);
  });

  it("u chart with varying n (hand case): u-bar = Σc/Σn, limits u-bar ± 3√(u-bar/n_i), LCL clamped at 0", () => {
    const n = [1, 2, 4, 0.5, 2.5, 10];
    const c = [3, 2, 9, 0, 4, 20];
    const ubar = 38 / 20; // Σc = 38, Σn = 20
    const ch = buildChart("u", counts(n, c));
    expect(ch.params.center).toBeCloseTo(ubar, 15);
    n.forEach((ni, i) => {
      const se = Math.sqrt(ubar / ni);
      expect(ch.primary.stats[i]).toBeCloseTo(c[i]! / ni, 15);
      expect(ch.primary.ucl[i]).toBeCloseTo(ubar + 3 * se, 14);
      expect(ch.primary.lcl[i]).toBe(Math.max(0, ubar - 3 * se));
    });
    // n = 10: LCL = 1.9 − 3·√0.19 = 0.592 > 0 (not clamped)
    expect(ch.primary.lcl[5]).toBeGreaterThan(0.5);
  });

  it("p limits are clamped to [0, 1] and a known standard p replaces the estimate", () => {
    const ch = buildChart("p", counts([2, 2, 2], [1, 2, 1]), { center: 0.6 });
    const se = Math.sqrt((0.6 * 0.4) / 2);
    expect(ch.primary.ucl[0]).toBe(1); // 0.6 + 3·0.346 > 1
    expect(ch.primary.lcl[0]).toBe(0);
    expect(ch.primary.se[0]).toBeCloseTo(se, 15);
    expect(ch.params.centerKnown).toBe(true);
    expect(ch.beyond).toEqual([]); // 1.0 is not > 1 (strict comparison)
  });
});

describe("X-bar/S with unequal subgroup sizes (hand case, Montgomery §6.3.2)", () => {
  const groups = [[10, 12, 11], [9, 11, 13, 12, 10], [14, 10], [11, 12, 10, 13]];
  const data = packSubgroups(groups.map((v, i) => ({ label: `g${i + 1}`, values: Float64Array.from(v) })));
  const c4 = { 2: 0.7979, 3: 0.8862, 4: 0.9213, 5: 0.94 } as Record<number, number>;
  const sd = (a: number[]): number => {
    const m = mean(a);
    return Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1));
  };
  const chart = buildChart("xbar-s", sub(data));
  const N = 14;
  const grand = groups.flat().reduce((s, x) => s + x, 0) / N;
  const sigma = mean(groups.map((g) => sd(g) / c4[g.length]!));
  it("centre is the size-weighted grand mean, σ the mean of S_i/c4(n_i)", () => {
    expect(chart.params.center).toBeCloseTo(grand, 13);
    expect(chart.params.sigma).toBeCloseTo(sigma, 13);
  });
  it("limits per sample: X-bar ± 3σ/√n_i; S chart (qcc, the default): one centre Σn_i·S_i/Σn_i, limits ± 3σ√(1 − c4(n_i)²)", () => {
    // qcc 3.0 R/qcc.R stats.S: center = sum(sizes * S)/sum(sizes); limits.S: pmax(0, center − 3σ√(1−c4²)), center + 3σ√(1−c4²)
    const pooledS = groups.reduce((a, g) => a + g.length * sd(g), 0) / N;
    groups.forEach((g, i) => {
      const n = g.length;
      expect(chart.primary.ucl[i]).toBeCloseTo(grand + (3 * sigma) / Math.sqrt(n), 12);
      expect(chart.primary.lcl[i]).toBeCloseTo(grand - (3 * sigma) / Math.sqrt(n), 12);
      expect(chart.secondary!.stats[i]).toBeCloseTo(sd(g), 13);
      const w = 3 * sigma * Math.sqrt(1 - c4[n]! ** 2);
      expect(chart.secondary!.center[i]).toBeCloseTo(pooledS, 12);
      expect(chart.secondary!.ucl[i]).toBeCloseTo(pooledS + w, 12);
      expect(chart.secondary!.lcl[i]).toBeCloseTo(Math.max(0, pooledS - w), 12);
    });
  });
  it("Minitab's convention (--conventions minitab): S centre c4(n_i)σ per sample, limits B3, B4 times it", () => {
    const B3 = { 2: 0, 3: 0, 4: 0, 5: 0 } as Record<number, number>;
    const B4 = { 2: 3.267, 3: 2.568, 4: 2.266, 5: 2.089 } as Record<number, number>;
    const mt = buildChart("xbar-s", sub(data), { conventions: parseConventions("minitab") });
    groups.forEach((g, i) => {
      const n = g.length;
      expect(mt.secondary!.center[i]).toBeCloseTo(c4[n]! * sigma, 12);
      expect(mt.secondary!.ucl[i]).toBeCloseTo(B4[n]! * c4[n]! * sigma, 12);
      expect(mt.secondary!.lcl[i]).toBe(B3[n]! * c4[n]! * sigma);
      expect(mt.primary.ucl[i]).toBe(chart.primary.ucl[i]); // the X-bar chart is the same
    });
  });
  it("known standards: S limits B5σ, B6σ (n = 5: 0, 1.964)", () => {
    const k = buildChart("xbar-s", sub(data), { center: 11, stddev: 1.5 });
    expect(k.secondary!.ucl[1]).toBeCloseTo(1.964 * 1.5, 12);
    expect(k.secondary!.center[1]).toBeCloseTo(0.94 * 1.5, 12);
    expect(k.primary.ucl[1]).toBeCloseTo(11 + (3 * 1.5) / Math.sqrt(5), 12);
  });
});

describe("X-bar/R with unequal subgroup sizes (qcc 3.0 R/qcc.R: stats.R, sd.xbar UWAVE-R, limits.xbar, limits.R)", () => {
  const groups = [[10, 12, 11], [9, 11, 13, 12, 10], [14, 10], [11, 12, 10, 13]];
  const data = packSubgroups(groups.map((v, i) => ({ label: `g${i + 1}`, values: Float64Array.from(v) })));
  const d2 = { 2: 1.128, 3: 1.693, 4: 2.059, 5: 2.326 } as Record<number, number>;
  const d3 = { 2: 0.853, 3: 0.888, 4: 0.88, 5: 0.864 } as Record<number, number>;
  const D4 = { 2: 3.267, 3: 2.574, 4: 2.282, 5: 2.114 } as Record<number, number>;
  const ranges = groups.map((g) => Math.max(...g) - Math.min(...g)); // 2, 4, 4, 3
  const sigma = mean(groups.map((g, i) => ranges[i]! / d2[g.length]!));
  const grand = groups.flat().reduce((a, x) => a + x, 0) / 14;
  const chart = buildChart("xbar-r", sub(data));
  it("σ = mean of R_i/d2(n_i); X-bar limits grand mean ± 3σ/√n_i", () => {
    expect(ranges).toEqual([2, 4, 4, 3]);
    expect(chart.params.sigma).toBeCloseTo(sigma, 13);
    groups.forEach((g, i) => expect(chart.primary.ucl[i]).toBeCloseTo(grand + (3 * sigma) / Math.sqrt(g.length), 12));
  });
  it("R chart (default, qcc): one centre Σn_i·R_i/Σn_i = 46/14, limits centre ± 3·d3(n_i)·σ, LCL clamped at 0", () => {
    groups.forEach((g, i) => {
      const n = g.length;
      expect(chart.secondary!.center[i]).toBeCloseTo(46 / 14, 13);
      expect(chart.secondary!.se[i]).toBeCloseTo(d3[n]! * sigma, 13);
      expect(chart.secondary!.ucl[i]).toBeCloseTo(46 / 14 + 3 * d3[n]! * sigma, 12);
      expect(chart.secondary!.lcl[i]).toBe(Math.max(0, 46 / 14 - 3 * d3[n]! * sigma));
    });
  });
  it("R chart (minitab): centre d2(n_i)·σ per sample, limits D3, D4 times it", () => {
    const mt = buildChart("xbar-r", sub(data), { conventions: parseConventions("minitab") });
    groups.forEach((g, i) => {
      const n = g.length;
      expect(mt.secondary!.center[i]).toBeCloseTo(d2[n]! * sigma, 13);
      expect(mt.secondary!.ucl[i]).toBeCloseTo(D4[n]! * d2[n]! * sigma, 12);
      expect(mt.secondary!.lcl[i]).toBe(0);
    });
  });
  it("subgroups beyond the R tables (n > 25) are rejected", () => {
    const big = packSubgroups([{ label: "a", values: new Float64Array(26).map((_, i) => i) }, { label: "b", values: Float64Array.from([1, 2]) }]);
    expect(() => buildChart("xbar-r", sub(big))).toThrow(/subgroup of 26/);
  });
});

describe("zone widths: qcc's L/3 and 2L/3 (scaled) or 1σ and 2σ whatever L (minitab, legacy)", () => {
  // L = 2.4: scaled zones at 0.8σ and 1.6σ; known μ = 0, σ = 1
  const x = [0, 1.7, 1.8, 0, 0.9, 0.85, 0.95, 0.9];
  it("2 of 3 beyond 1.6σ fire under scaled zones, not beyond 2σ", () => {
    const q = buildChart("imr", indiv(x), { center: 0, stddev: 1, width: 2.4 });
    expect(q.rules.nelson5).toEqual([3]);
    // beyond 0.8σ: 2, 3, 5, 6, 7, 8: the windows ending at 6 (2..6), 7 (3..7) and 8 (4..8) hold four each
    expect(q.rules.nelson6).toEqual([6, 7, 8]);
    const m = buildChart("imr", indiv(x), { center: 0, stddev: 1, width: 2.4, conventions: parseConventions("minitab") });
    expect(m.rules.nelson5).toEqual([]);
    expect(m.rules.nelson6).toEqual([]);
  });
});

describe("individuals / moving range", () => {
  const x = MONTGOMERY_9_1.slice(0, 20);
  const mr = x.slice(1).map((v, i) => Math.abs(v - x[i]!));
  const mrbar = mean(mr);
  it("σ = MR-bar/1.128, I limits x-bar ± 3σ, MR chart 0 .. 3.267 MR-bar, MR labelled with the later sample", () => {
    const c = buildChart("imr", indiv(x));
    expect(c.params.sigma).toBeCloseTo(mrbar / 1.128, 13);
    expect(c.primary.ucl[0]).toBeCloseTo(mean(x) + (3 * mrbar) / 1.128, 12);
    expect(c.secondary!.samples[0]).toBe(2);
    expect(Array.from(c.secondary!.stats)).toEqual(mr);
    expect(c.secondary!.ucl[0]).toBeCloseTo(3.267 * mrbar, 12);
    expect(c.secondary!.lcl[0]).toBe(0);
  });
  it("--sigma-method sd: σ = s/c4(20) with c4(20) = 0.9869", () => {
    const c = buildChart("imr", indiv(x), { sigmaMethod: "sd" });
    const m = mean(x);
    const s = Math.sqrt(x.reduce((a, v) => a + (v - m) ** 2, 0) / 19);
    expect(c.params.sigma).toBeCloseTo(s / 0.9869, 13);
  });
  it("known σ: MR chart centre d2σ = 1.128σ and UCL D2σ = 3.686σ", () => {
    const c = buildChart("imr", indiv(x), { center: 10, stddev: 1 });
    expect(c.secondary!.center[0]).toBeCloseTo(1.128, 14);
    expect(c.secondary!.ucl[0]).toBeCloseTo(3.686, 14);
    expect(c.primary.ucl[0]).toBe(13);
  });
});

describe("EWMA (Montgomery 7th ed. Example 9.2 data: λ = 0.1, L = 2.7, μ0 = 10, σ = 1)", () => {
  const opts: Partial<ChartOptions> = { lambda: 0.1, width: 2.7, center: 10, stddev: 1 };
  const c = buildChart("ewma", indiv(MONTGOMERY_9_1), opts);
  it("z_i = 0.1 x_i + 0.9 z_(i−1) from z_0 = 10; exact limits 10 ± 2.7 √(0.1/1.9 (1 − 0.9^(2i)))", () => {
    let z = 10;
    MONTGOMERY_9_1.forEach((x, i) => {
      z = 0.1 * x + 0.9 * z;
      const w = 2.7 * Math.sqrt((0.1 / 1.9) * (1 - 0.9 ** (2 * (i + 1))));
      expect(c.primary.stats[i]).toBeCloseTo(z, 12);
      expect(c.primary.ucl[i]).toBeCloseTo(10 + w, 12);
      expect(c.primary.lcl[i]).toBeCloseTo(10 - w, 12);
    });
    // first limits: 10 ± 2.7·0.1 (√(0.1/1.9·0.19) = 0.1); z_1 = 9.945
    expect(c.primary.ucl[0]).toBeCloseTo(10.27, 12);
    expect(c.primary.stats[0]).toBeCloseTo(9.945, 12);
  });
  it("signals at samples 29 and 30 (the shift of +1σ starts at 21)", () => {
    expect(c.beyond).toEqual([29, 30]);
  });
  it("asymptotic limits 10 ± 2.7√(0.1/1.9) = 10.6194 / 9.3806", () => {
    const a = buildChart("ewma", indiv(MONTGOMERY_9_1), { ...opts, asymptotic: true });
    expect(a.primary.ucl[0]).toBeCloseTo(10 + 2.7 * Math.sqrt(0.1 / 1.9), 13);
    expect(a.primary.ucl[0]).toBeCloseTo(10.6194, 4);
  });
  it("subgroups: EWMA of the means with σ/√n_i and σ from R-bar/d2", () => {
    const text = read("softwood-chips.csv");
    const e = buildChart("ewma", sub(readSubgroups(text, "f", "auto")), { lambda: 0.2 });
    const xr = buildChart("xbar-r", sub(readSubgroups(text, "f", "equal")));
    expect(e.params.sigma).toBeCloseTo(xr.params.sigma, 14);
    expect(e.primary.ucl[0]).toBeCloseTo(79.7575 + 3 * (xr.params.sigma / 2) * Math.sqrt((0.2 / 1.8) * (1 - 0.64)), 10);
  });
});

describe("CUSUM (Montgomery 7th ed. Example 9.1: μ0 = 10, σ = 1, k = 0.5, h = 5)", () => {
  const c = buildChart("cusum", indiv(MONTGOMERY_9_1), { center: 10, stddev: 1 });
  it("C⁺_29 = 5.28 and C⁺_30 = 5.30 as published; signal at 29", () => {
    expect(c.cusum!.upper[28]).toBeCloseTo(5.28, 10);
    expect(c.cusum!.upper[29]).toBeCloseTo(5.3, 10);
    expect(c.cusum!.signalsUpper).toEqual([29, 30]);
    expect(c.cusum!.signalsLower).toEqual([]);
    expect(c.beyond).toEqual([29, 30]);
  });
  it("every C⁺, C⁻ equals the tabular recursion; head start H = h/2 signals earlier", () => {
    let cp = 0;
    let cm = 0;
    MONTGOMERY_9_1.forEach((x, i) => {
      cp = Math.max(0, cp + (x - 10) - 0.5);
      cm = Math.max(0, cm - (x - 10) - 0.5);
      expect(c.cusum!.upper[i]).toBeCloseTo(cp, 12);
      expect(c.cusum!.lower[i]).toBeCloseTo(cm, 12);
    });
    const fir = buildChart("cusum", indiv(MONTGOMERY_9_1), { center: 10, stddev: 1, headStart: 2.5 });
    expect(fir.cusum!.upper[0]).toBeCloseTo(Math.max(0, 2.5 + (9.45 - 10) - 0.5), 14);
    expect(fir.cusum!.signalsUpper[0]!).toBeLessThanOrEqual(29);
  });
  it("subgroups are standardised by σ/√n_i", () => {
    const g = packSubgroups([[10, 11], [12, 12, 13, 11]].map((v, i) => ({ label: String(i), values: Float64Array.from(v) })));
    const ch = buildChart("cusum", sub(g), { center: 10, stddev: 2, k: 0.5, h: 4 });
    const z1 = (10.5 - 10) / (2 / Math.sqrt(2));
    const z2 = (12 - 10) / (2 / Math.sqrt(4));
    expect(ch.cusum!.upper[0]).toBeCloseTo(Math.max(0, z1 - 0.5), 14);
    expect(ch.cusum!.upper[1]).toBeCloseTo(Math.max(0, Math.max(0, z1 - 0.5) + z2 - 0.5), 14);
  });
});

describe("run rules: firing convention of shared/spec/spc.md", () => {
  // known standards μ = 0, σ = 1 so the zones are at ±1, ±2, ±3
  const chartOf = (x: number[]): ControlChart => buildChart("imr", indiv(x), { center: 0, stddev: 1 });
  const idx = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it("a run of 10 above the centre flags 8, 9, 10 (we4) and 9, 10 (nelson2)", () => {
    const x = [-0.5, ...Array.from({ length: 10 }, (_, i) => 0.1 + 0.05 * (i % 2)), -0.2];
    const c = chartOf(x);
    expect(c.rules.we4).toEqual([9, 10, 11]); // points 2..11 are the run of 10
    expect(c.rules.nelson2).toEqual([10, 11]);
  });
  it("a point exactly on the centre line breaks a run", () => {
    const x = [...Array(5).fill(0.5), 0, ...Array(8).fill(0.5)];
    expect(chartOf(x).rules.we4).toEqual([14]);
  });
  it("six points rising fire nelson3 at the sixth; a tie breaks the trend", () => {
    expect(chartOf([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6]).rules.nelson3).toEqual([6, 7]);
    expect(chartOf([0, 0.1, 0.2, 0.2, 0.3, 0.4, 0.5]).rules.nelson3).toEqual([]);
    expect(chartOf([0.5, 0.4, 0.3, 0.2, 0.1, 0]).rules.nelson3).toEqual([6]);
  });
  it("fourteen alternating points fire nelson4 at the 14th", () => {
    const x = Array.from({ length: 15 }, (_, i) => (i % 2 === 0 ? 0.3 : -0.3));
    expect(chartOf(x).rules.nelson4).toEqual([14, 15]);
    x[7] = x[6]!; // a tie
    expect(chartOf(x).rules.nelson4).toEqual([]);
  });
  it("2 of 3 beyond 2σ on one side (we2 = nelson5), not across sides; the flagged point is itself beyond", () => {
    expect(chartOf([0, 2.5, 0.1, 2.1]).rules.we2).toEqual([4]);
    // point 4 (on the centre line) completes no pattern of its own: qcc's `viol.above[, 1]`
    expect(chartOf([0, 2.5, 2.2, 0]).rules.nelson5).toEqual([3]);
    expect(chartOf([0, 2.5, -2.5, 0]).rules.we2).toEqual([]);
    expect(chartOf([0, 2, 2.5, 0]).rules.we2).toEqual([]); // exactly 2σ is not beyond
  });
  it("4 of 5 beyond 1σ on one side (we3 = nelson6); only once 5 points exist (legacy: fewer at the start)", () => {
    expect(chartOf([0, 1.5, 1.2, 0.5, 1.1, 1.3]).rules.we3).toEqual([6]);
    expect(chartOf([1.5, 1.2, 1.1, 1.3]).rules.nelson6).toEqual([]);
    expect(chartOf([1.5, 1.2, 1.1, 1.3, 1.4]).rules.nelson6).toEqual([4 + 1]);
    const legacy = buildChart("imr", indiv([1.5, 1.2, 1.1, 1.3]), { center: 0, stddev: 1, conventions: parseConventions("legacy") });
    expect(legacy.rules.nelson6).toEqual([4]);
  });
  it("stratification: 15 points within 1σ fire nelson7 (exactly 1σ counts as inside)", () => {
    const x = [2.5, ...Array.from({ length: 16 }, (_, i) => (i % 3 === 0 ? 1 : -0.4)), 1.5];
    expect(chartOf(x).rules.nelson7).toEqual([16, 17]);
  });
  it("mixture: 8 points beyond 1σ with points on both sides fire nelson8 (qcc); one side only fires under minitab", () => {
    const x = [0, 1.5, -1.5, 1.2, -2.5, 1.1, -1.3, 2.2, -1.4, 1.6, 0.2];
    expect(chartOf(x).rules.nelson8).toEqual(idx(9, 10));
    const oneSide = [0, 1.5, 1.5, 1.2, 2.5, 1.1, 1.3, 2.2, 1.4, 1.6, 0.2];
    expect(chartOf(oneSide).rules.nelson8).toEqual([]);
    const mt = buildChart("imr", indiv(oneSide), { center: 0, stddev: 1, conventions: parseConventions("minitab") });
    expect(mt.rules.nelson8).toEqual(idx(9, 10));
  });
  it("beyond is strict: a point exactly on a limit does not fire rule 1", () => {
    const c = chartOf([0, 3, -3, 3.0001]);
    expect(c.beyond).toEqual([4]);
    expect(c.rules.nelson1).toEqual([4]);
  });
  it("--rules selects: only the enabled rules are reported", () => {
    const c = buildChart("imr", indiv([0, 1.5, 1.2, 0.5, 1.1, 1.3]), { center: 0, stddev: 1, rules: ["we3", "nelson2"] });
    expect(Object.keys(c.rules)).toEqual(["we3", "nelson2"]);
  });
});
