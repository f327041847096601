// `twin spc ...` as a user runs it (node bin/twin.js on the built dist/): the JSON of
// shared/spec/spc.md on the shared reference cases, the table output, the SVG file, and bad input
// reported as file:line with exit code 2.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const SHARED = fileURLToPath(new URL("./data/spc/", import.meta.url));
const SOFTWOOD = join(SHARED, "softwood-chips.csv");
const PCHART = join(SHARED, "p-chart.csv");
const TMP = mkdtempSync(join(tmpdir(), "twin-spc-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function twin(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]): any {
  const r = twin(args);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

function file(name: string, text: string): string {
  const p = join(TMP, name);
  writeFileSync(p, text);
  return p;
}

describe("twin spc charts (JSON of shared/spec/spc.md)", () => {
  it("xbar-r on the softwood chips", () => {
    const j = json(["spc", "xbar-r", "--data", SOFTWOOD, "--json"]);
    expect(j.chart).toBe("xbar-r");
    expect(j.n).toBe(4);
    expect(j.center).toBeCloseTo(79.7575, 4);
    expect(j.lcl).toBeCloseTo(75.3185, 4);
    expect(j.ucl).toBeCloseTo(84.1965, 4);
    expect(j.stats).toHaveLength(30);
    expect(j.stats[0]).toBeCloseTo(77.575, 10);
    expect(j.beyond).toEqual([16, 25]);
    expect(j.sigma).toBeCloseTo(2.9594, 4);
    expect(j.secondary.chart).toBe("r");
    expect(j.secondary.center).toBeCloseTo(6.0933, 4);
    expect(j.secondary.lcl).toBe(0);
    expect(j.secondary.ucl).toBeCloseTo(2.282 * 6.093333333333333, 10);
    expect(j.secondary.beyond).toEqual([]);
    expect(j.rules.nelson3).toEqual([13, 14, 15, 16]);
    expect(Object.keys(j.rules)).toHaveLength(12);
  });

  it("p chart: varying limits as arrays, clamped LCL 0 as one number, sample 8 out", () => {
    const j = json(["spc", "p", "--data", PCHART, "--json"]);
    expect(j.center).toBeCloseTo(56 / 1375, 15);
    expect(j.lcl).toBe(0);
    expect(Array.isArray(j.ucl)).toBe(true);
    expect(j.n).toEqual([100, 50, 100, 100, 75, 100, 100, 50, 100, 100, 100, 100, 100, 100, 100]);
    expect(j.beyond).toEqual([8]);
  });

  it("imr: MR points labelled with the later sample; phase I and known standards", () => {
    const f = file("ind.csv", "t,x\n1,10\n2,12\n3,11\n4,15\n5,9\n6,30\n");
    const j = json(["spc", "imr", "--data", f, "--json", "--phase1", "1:5"]);
    expect(j.secondary.samples).toEqual([2, 3, 4, 5, 6]);
    expect(j.secondary.stats).toEqual([2, 1, 4, 6, 21]);
    expect(j.center).toBeCloseTo(57 / 5, 12);
    expect(j.sigma).toBeCloseTo(13 / 4 / 1.128, 12);
    expect(j.beyond).toEqual([6]);
    const k = json(["spc", "imr", "--data", f, "--json", "--center", "10", "--stddev", "2"]);
    expect([k.lcl, k.center, k.ucl]).toEqual([4, 10, 16]);
    expect(k.standards).toEqual({ center: true, sigma: true });
  });

  it("ewma and cusum", () => {
    const f = file("m.csv", "i,x\n" + [9.45, 7.99, 9.29, 11.66, 12.16, 10.18, 8.04, 11.46, 9.2, 10.34].map((x, i) => `${i + 1},${x}`).join("\n") + "\n");
    const e = json(["spc", "ewma", "--data", f, "--lambda", "0.1", "--sigma", "2.7", "--center", "10", "--stddev", "1", "--json"]);
    expect(e.stats[0]).toBeCloseTo(9.945, 12);
    expect(e.ucl[0]).toBeCloseTo(10.27, 12);
    expect(e.lcl).toHaveLength(10);
    const c = json(["spc", "cusum", "--data", f, "--center", "10", "--stddev", "1", "--k", "0.5", "--h", "5", "--json"]);
    expect(c.upper[3]).toBeCloseTo(Math.max(0, Math.max(0, 0 + 11.66 - 10.5)), 12); // C⁺_1..3 are 0
    expect(c.lower[1]).toBeCloseTo(0.05 + (10 - 7.99) - 0.5, 12);
    expect(c.signalsUpper).toEqual([]);
    expect(c.beyond).toEqual([]);
  });

  it("capability: indices, performance limits and the in-control verdict", () => {
    const j = json(["spc", "capability", "--data", SOFTWOOD, "--lsl", "70", "--usl", "90", "--json"]);
    const sw = 6.093333333333333 / 2.059;
    expect(j.sigmaWithin).toBeCloseTo(sw, 12);
    expect(j.cp).toBeCloseTo(20 / (6 * sw), 12);
    expect(j.performanceLimits[0]).toBeCloseTo(79.7575 - 3 * sw, 10);
    expect(j.inControl).toBe(false);
    const t = twin(["spc", "capability", "--data", SOFTWOOD, "--lsl", "70", "--usl", "90"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/NOT IN CONTROL/);
  });

  it("table output and the SVG picture", () => {
    const svg = join(TMP, "sw.svg");
    const r = twin(["spc", "xbar-r", "--data", SOFTWOOD, "--svg", svg]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^X-bar \/ R chart/);
    expect(r.stdout).toMatch(/\n\s+16 16\s+75\.225\s+2\.7\s+below LCL/);
    const text = readFileSync(svg, "utf8");
    expect(text.startsWith("<?xml")).toBe(true);
    expect(text.trimEnd().endsWith("</svg>")).toBe(true);
    expect((text.match(/<circle /g) ?? []).length).toBe(60); // 30 X-bar + 30 R points
    expect(text).toContain("UCL = 84.197");
    // the same chart gives the same bytes
    const svg2 = join(TMP, "sw2.svg");
    twin(["spc", "xbar-r", "--data", SOFTWOOD, "--svg", svg2]);
    expect(readFileSync(svg2, "utf8")).toBe(text);
  });
});

describe("qcc conventions on the command line (test/data/spc/qcc-reference.json)", () => {
  const REF = JSON.parse(readFileSync(join(SHARED, "qcc-reference.json"), "utf8")) as { cases: any[] };
  const ref = (id: string): any => REF.cases.find((c) => c.id === id);

  it("xbar-r of unequal subgroups: limits per point from n_i, one pooled R centre, rules on both charts as qcc", () => {
    const c = ref("unequal-xbar-r");
    const j = json(["spc", "xbar-r", "--data", join(SHARED, c.file), "--json"]);
    expect(j.n).toEqual(c.primary.sizes);
    expect(j.rules).toEqual(c.primary.rules);
    expect(j.secondary.rules).toEqual(c.secondary.rules);
    expect(typeof j.secondary.center).toBe("number"); // one line: Σn_i·R_i/Σn_i
    expect(j.secondary.center).toBeCloseTo(c.secondary.center, 12);
    expect(j.ucl).toHaveLength(c.primary.ucl.length);
    j.ucl.forEach((u: number, i: number) => expect(u).toBeCloseTo(c.primary.ucl[i], 10));
    expect(j.conventions).toEqual({ preset: "qcc", windowZones: "newest", zoneWidth: "scaled", mixture: "both-sides", startWindows: "full", dispersionCenter: "pooled" });
    // Minitab's centre line d2(n_i)·σ per point, on request
    const m = json(["spc", "xbar-r", "--data", join(SHARED, c.file), "--json", "--conventions", "minitab"]);
    expect(Array.isArray(m.secondary.center)).toBe(true);
    expect(m.conventions.preset).toBe("minitab");
  });

  it("imr: an MR point beyond the MR UCL is a signal (rule 1 of the MR chart), in JSON and in the table", () => {
    const c = ref("imr-values");
    const f = join(SHARED, c.file);
    const j = json(["spc", "imr", "--data", f, "--json"]);
    expect(j.secondary.rules).toEqual(c.secondary.rules);
    expect(j.secondary.rules.nelson1).toEqual([15]);
    const t = twin(["spc", "imr", "--data", f]);
    expect(t.stdout).toMatch(/\n\s+15 15 .*MR out/);
    expect(t.stdout).toMatch(/MR chart nelson4: .*: 30\n/);
  });

  it("docs/spc-softwood-chips.svg is what the CLI draws today; day 6 (above the centre) carries no low-side flag", () => {
    const svg = join(TMP, "doc.svg");
    expect(twin(["spc", "xbar-r", "--data", "test/data/spc/softwood-chips.csv", "--svg", svg]).code).toBe(0);
    const text = readFileSync(svg, "utf8");
    expect(readFileSync(join(ROOT, "docs", "spc-softwood-chips.svg"), "utf8")).toBe(text);
    const j = json(["spc", "xbar-r", "--data", SOFTWOOD, "--json"]);
    for (const r of ["we2", "we3", "nelson5", "nelson6"]) expect(j.rules[r]).not.toContain(6);
    expect(j.rules.we2).toEqual(ref("softwood-xbar-r").primary.rules.we2);
    // the R chart's trend (ranges 19-24 rising) is drawn on the R panel
    expect(j.secondary.rules.nelson3).toEqual([24]);
    expect(text).toMatch(/<text x="699\.97" y="[\d.]+" font-size="9" font-weight="bold" fill="#d62728" text-anchor="middle">N3<\/text>/);
  });

  it("--conventions: an unknown preset is a usage error", () => {
    const r = twin(["spc", "xbar-r", "--data", SOFTWOOD, "--conventions", "sas"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--conventions: unknown conventions "sas" \(qcc, minitab or legacy\)/);
  });
});

describe("bad input: file:line: message, exit 2, no stack trace", () => {
  const cases: [string, string[], string, RegExp][] = [
    ["non-numeric cell", ["xbar-r"], "d,a,b\n1,1,2\n2,3,x\n", /:3:5: column 3 \("b"\): not a number: "x"/],
    ["subgroup of one for xbar-r", ["xbar-r"], "d,a,b,c\n1,1,2,3\n2,3,4\n3,5\n", /:4: subgroup of 1 value: X-bar charts need n ≥ 2/],
    ["subgroup beyond the R tables", ["xbar-r"], `d,${Array.from({ length: 26 }, (_, i) => `x${i + 1}`).join(",")}\n1,1,2,3\n2,${Array.from({ length: 26 }, (_, i) => i % 7).join(",")}\n`, /:3: subgroup of 26 values: R chart factors are tabulated to n = 25 \(use xbar-s\)/],
    ["empty cell inside a ragged row", ["xbar-r"], "d,a,b,c\n1,1,2,3\n2,3,,4\n", /:3:5: column 3 \("b"\): empty cell/],
    ["more cells than the header", ["xbar-r"], "d,a,b\n1,1,2\n2,3,4,5\n", /:3:7: 4 fields, the header has 3/],
    ["subgroup of one", ["xbar-s"], "d,a,b,c\n1,1,2,3\n2,3\n", /:3: subgroup of 1 value/],
    ["negative count", ["c"], "s,defects\n1,3\n2,-1\n", /:3: column 2 \("defects"\): negative count -1/],
    ["defectives above n", ["p"], "s,n,d\n1,10,2\n2,10,11\n", /:3: 11 defectives in a sample of 10/],
    ["fractional defectives", ["np"], "s,n,d\n1,10,2.5\n", /:2: column 3 \("d"\): count 2.5 is not a whole number/],
    ["no data rows", ["imr"], "t,x\n", /:2: no data rows/],
    ["wrong column count", ["u"], "s,n\n1,2\n", /:1: expected 3 columns/],
  ];
  for (const [what, chart, text, message] of cases) {
    it(what, () => {
      const f = file(`bad-${what.replace(/\W+/g, "-")}.csv`, text);
      const svg = join(TMP, `bad-${what.replace(/\W+/g, "-")}.svg`);
      const r = twin(["spc", ...chart, "--data", f, "--svg", svg]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.startsWith(f)).toBe(true);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(svg)).toBe(false);
    });
  }
  it("usage errors: unknown rule, missing --data, unknown option", () => {
    expect(twin(["spc", "xbar-r", "--data", SOFTWOOD, "--rules", "nelson9"]).code).toBe(2);
    expect(twin(["spc", "xbar-r"]).stderr).toMatch(/--data is required/);
    expect(twin(["spc", "p", "--data", PCHART, "--lambda", "0.2"]).code).toBe(2);
    expect(twin(["spc", "xbar-r", "--data", join(TMP, "missing.csv")]).stderr).toMatch(/missing\.csv: cannot read/);
  });
  it("data without variation is an input error, not NaN", () => {
    const f = file("flat.csv", "d,a,b\n1,5,5\n2,5,5\n");
    const r = twin(["spc", "xbar-r", "--data", f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/flat\.csv: σ estimate 0/);
  });
});
