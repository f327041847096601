// Capability indices and their confidence intervals against textbook examples and hand calculation.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { capability, cpIntervalFactors, cpkInterval } from "../src/spc/capability.js";
import { readSubgroups } from "../src/spc/csv.js";
import { individuals } from "../src/spc/data.js";

const SHARED = new URL("./data/spc/", import.meta.url);
const mean = (a: number[]): number => a.reduce((s, x) => s + x, 0) / a.length;

describe("confidence intervals (Montgomery, Introduction to SQC, 7th ed., §8.3.5)", () => {
  it("Cp by chi-square: Ĉp = 2.29 from n = 20 gives 1.56 ≤ Cp ≤ 3.01", () => {
    const [lo, hi] = cpIntervalFactors(20, 0.95);
    // √(χ²_0.025,19 / 19) = √(8.907/19), √(χ²_0.975,19 / 19) = √(32.852/19) from the printed table
    expect(lo).toBeCloseTo(Math.sqrt(8.9065 / 19), 4);
    expect(hi).toBeCloseTo(Math.sqrt(32.8523 / 19), 4);
    // the book rounds the factors before multiplying (2.29 x 0.68 = 1.56; exact 1.568): ±0.01
    expect(Math.abs(2.29 * lo - 1.56)).toBeLessThan(0.01);
    expect(Math.abs(2.29 * hi - 3.01)).toBeLessThan(0.01);
  });
  it("Cpk by Bissell (1990): Ĉpk = 1.33 from n = 20 gives 0.88 ≤ Cpk ≤ 1.78", () => {
    const [lo, hi] = cpkInterval(1.33, 20, 0.95);
    const half = 1.959963984540054 * Math.sqrt(1 / 180 + (1.33 * 1.33) / 38);
    expect(hi - 1.33).toBeCloseTo(half, 12);
    expect(Math.round(lo * 100) / 100).toBe(0.88);
    expect(Math.round(hi * 100) / 100).toBe(1.78);
  });
});

describe("capability of the softwood chips (subgroups of 4, out of control)", () => {
  const text = readFileSync(new URL("softwood-chips.csv", SHARED), "utf8");
  const rows = text.trim().split("\n").slice(1).map((l) => l.split(",").slice(1).map(Number));
  const all = rows.flat();
  const mu = mean(all);
  const rbar = mean(rows.map((r) => Math.max(...r) - Math.min(...r)));
  const sw = rbar / 2.059;
  const so = Math.sqrt(all.reduce((s, x) => s + (x - mu) ** 2, 0) / (all.length - 1));
  const r = capability(readSubgroups(text, "f", "auto"), { lsl: 70, usl: 90 });
  it("indices from σ within = R-bar/d2 and σ overall = s of all 120 observations", () => {
    expect(r.observations).toBe(120);
    expect(r.mean).toBeCloseTo(mu, 12);
    expect(r.sigmaWithin).toBeCloseTo(sw, 12);
    expect(r.sigmaOverall).toBeCloseTo(so, 12);
    expect(r.cp).toBeCloseTo(20 / (6 * sw), 12);
    expect(r.cpk).toBeCloseTo(Math.min(90 - mu, mu - 70) / (3 * sw), 12);
    expect(r.pp).toBeCloseTo(20 / (6 * so), 12);
    expect(r.ppk).toBeCloseTo(Math.min(90 - mu, mu - 70) / (3 * so), 12);
    expect(r.performanceLimits[0]).toBeCloseTo(mu - 3 * sw, 12);
    expect(r.performanceLimits[1]).toBeCloseTo(mu + 3 * sw, 12);
  });
  it("is reported as not in control (days 16 and 25), so the indices are not meaningful", () => {
    expect(r.inControl).toBe(false);
    expect(r.beyond).toEqual([16, 25]);
  });
});

describe("capability of individual values in control", () => {
  // Montgomery 7th ed. Table 9.1, first 20 observations (in control, N(10, 1))
  const x = [9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.2, 10.34, 9.03, 11.47, 10.51, 9.4, 10.08, 9.37, 10.62, 10.31, 8.52, 10.84];
  const mr = mean(x.slice(1).map((v, i) => Math.abs(v - x[i]!)));
  it("σ within = MR-bar/1.128, in control, one-sided specification gives Cpk only", () => {
    const r = capability(individuals(Float64Array.from(x)), { usl: 14 });
    expect(r.inControl).toBe(true);
    expect(r.sigmaWithin).toBeCloseTo(mr / 1.128, 13);
    expect(r.cp).toBeNull();
    expect(r.cpk).toBeCloseTo((14 - mean(x)) / (3 * (mr / 1.128)), 12);
    expect(r.cpInterval).toBeNull();
  });
  it("rejects a missing specification and LSL ≥ USL", () => {
    expect(() => capability(individuals(Float64Array.from(x)), {})).toThrow();
    expect(() => capability(individuals(Float64Array.from(x)), { lsl: 5, usl: 5 })).toThrow();
  });
});
