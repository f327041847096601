// machine-twin/spc: each library function gives what its command prints with --json, and bad data
// passed in code gets the same typed error as the same content in a file, located by a path.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError, InputError, NumericalError, stringifyJson } from "../src/index.js";
import {
  CHART_KINDS, type ChartKind, controlChart, formatSpcChart, processCapability, readCapabilityData, readSpcData, spcChart, spcChartSvg, SpcInputError, SpcNumericalError,
} from "../src/spc/index.js";
import { cli, thrown } from "./helpers/cli-run.js";

const DATA = join(import.meta.dirname, "data", "spc");
const SOFTWOOD = join(DATA, "softwood-chips.csv");
const PCHART = join(DATA, "p-chart.csv");
const TMP = mkdtempSync(join(tmpdir(), "twin-api-spc-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));


function file(name: string, text: string): string {
  const p = join(TMP, name);
  writeFileSync(p, text);
  return p;
}


/** The JSON a value prints as (typed arrays as arrays). */
const asJson = (v: unknown): unknown => JSON.parse(stringifyJson(v));

const COUNTS = file("counts.csv", "lot,n,defects\n" + [3, 2, 4, 1, 2, 3, 12, 2, 3, 1, 2, 4].map((c, i) => `L${i + 1},${50 + (i % 3) * 10},${c}`).join("\n") + "\n");
const INDIVIDUALS = file("individuals.csv", "k,x\n" + [10.1, 9.8, 10.3, 10.0, 9.9, 10.2, 10.4, 9.7, 10.1, 10.0, 10.6, 10.9].map((x, i) => `${i + 1},${x}`).join("\n") + "\n");

function dataFor(kind: ChartKind): string {
  if (kind === "p" || kind === "np" || kind === "u") return kind === "p" ? PCHART : COUNTS;
  if (kind === "c") return file("c.csv", "lot,defects\n" + [3, 2, 4, 1, 9, 3].map((c, i) => `L${i + 1},${c}`).join("\n") + "\n");
  return kind === "imr" ? INDIVIDUALS : SOFTWOOD;
}

describe("spcChart equals `twin spc KIND --json`", () => {
  for (const kind of CHART_KINDS) {
    it(kind, async () => {
      const f = dataFor(kind);
      const extra = kind === "ewma" ? ["--lambda", "0.3"] : kind === "cusum" ? ["--k", "0.4", "--h", "4"] : ["--rules", "nelson"];
      const r = await cli(["spc", kind, "--data", f, "--json", ...extra]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      const options = kind === "ewma" ? { lambda: 0.3 } : kind === "cusum" ? { k: 0.4, h: 4 } : { rules: "nelson" };
      expect(asJson(spcChart(kind, readSpcData(f, kind), options))).toEqual(JSON.parse(r.out));
    });
  }

  it("the table and the SVG of a chart are the command's", async () => {
    const svg = join(TMP, "chart.svg");
    const r = await cli(["spc", "xbar-r", "--data", SOFTWOOD, "--svg", svg]);
    const chart = controlChart("xbar-r", readSpcData(SOFTWOOD, "xbar-r"));
    expect(r.out).toBe(formatSpcChart(chart, SOFTWOOD));
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(svg, "utf8")).toBe(spcChartSvg(chart, { source: "softwood-chips.csv" }));
  });

  it("values in code give the chart of the same values in a file", () => {
    const fromFile = spcChart("imr", readSpcData(INDIVIDUALS, "imr"));
    const values = [10.1, 9.8, 10.3, 10.0, 9.9, 10.2, 10.4, 9.7, 10.1, 10.0, 10.6, 10.9];
    expect(asJson(spcChart("imr", values.map((x, i) => ({ label: String(i + 1), values: [x] }))))).toEqual(asJson(fromFile));
    // unlabelled samples are labelled by their numbers, as the file's labels happen to be
    expect(asJson(spcChart("imr", values))).toEqual(asJson(fromFile));
  });
});

describe("processCapability equals `twin spc capability --json`", () => {
  it("subgroups, one-sided, regrouped individuals", async () => {
    const cases: [string[], Parameters<typeof processCapability>[1], string][] = [
      [["--lsl", "0.9", "--usl", "1.1"], { lsl: 0.9, usl: 1.1 }, SOFTWOOD],
      [["--usl", "1.1", "--within", "s", "--confidence", "0.9"], { usl: 1.1, within: "s", confidence: 0.9 }, SOFTWOOD],
      [["--lsl", "9", "--usl", "11", "--subgroup", "3"], { lsl: 9, usl: 11, subgroup: 3 }, INDIVIDUALS],
    ];
    for (const [flags, options, f] of cases) {
      const r = await cli(["spc", "capability", "--data", f, "--json", ...flags]);
      expect(r.err).toBe("");
      expect(asJson(processCapability(readCapabilityData(f, options.within), options))).toEqual(JSON.parse(r.out));
    }
  });
});

describe("bad data: the same typed error from code as from a file, located by a path", () => {
  it("a subgroup of one for an X-bar chart", async () => {
    const f = file("short.csv", "g,a,b,c\n1,1,2,3\n2,4\n");
    const r = await cli(["spc", "xbar-r", "--data", f]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${f}:3: subgroup of 1 value: X-bar charts need n ≥ 2\n`);
    expect(() => readSpcData(f, "xbar-r")).toThrow(SpcInputError);
    let e: unknown;
    try {
      spcChart("xbar-r", [[1, 2, 3], [4]]);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(SpcInputError);
    expect(e).toBeInstanceOf(InputError);
    const err = e as SpcInputError;
    expect(err.path).toBe("data[1]");
    expect(err.file).toBeUndefined();
    expect(err.message).toBe(`data[1]: ${r.err.slice(`${f}:3: `.length).trimEnd()}`);
  });

  it("attribute counts: negative, more defectives than items, not a number", async () => {
    const f = file("neg.csv", "lot,n,d\na,10,-1\n");
    const r = await cli(["spc", "p", "--data", f]);
    expect(r.err).toBe(`${f}:2: column 3 ("d"): negative count -1\n`);
    const neg = thrown(() => spcChart("p", [{ n: 10, count: -1 }]));
    expect(neg).toBeInstanceOf(SpcInputError);
    expect(neg.message).toBe("data[0].count: negative count -1");
    expect(neg.path).toBe("data[0].count");
    expect(() => spcChart("np", [{ n: 10, count: 2 }, { n: 10, count: 11 }])).toThrow("data[1]: 11 defectives in a sample of 10");
    expect(() => spcChart("c", [{ count: 1 }, { count: Number.NaN }])).toThrow("data[1].count: not a finite number: NaN");
    expect(() => spcChart("imr", [1, 2, "x" as unknown as number])).toThrow("data[2]: must be a number, an array of numbers or { label, values }");
    expect(() => spcChart("imr", [[1], [2], ["x" as unknown as number]])).toThrow('data[2][0]: not a finite number: "x"');
  });

  it("a fault of the data as a whole: the file's message minus its name", async () => {
    const f = file("flat.csv", "k,x\n1,5\n2,5\n3,5\n");
    const r = await cli(["spc", "imr", "--data", f]);
    expect(r.code).toBe(2);
    let e: unknown;
    try {
      spcChart("imr", [5, 5, 5]);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(SpcInputError);
    expect(`${f}: ${(e as Error).message}\n`).toBe(r.err);
  });

  it("bad options are ArgumentErrors naming the option; numerical failures are NumericalErrors", () => {
    expect(() => spcChart("ewma", [1, 2, 3, 4], { lambda: 2 })).toThrow(ArgumentError);
    expect(() => spcChart("imr", [1, 2, 3, 4], { rules: "nelson9" })).toThrow(/^rules: unknown rule "nelson9"/);
    expect(() => spcChart("imr", [1, 2, 3, 4], { conventions: "spss" as never })).toThrow(/^conventions: unknown conventions "spss"/);
    const none = thrown(() => processCapability([1, 2, 3], {}));
    expect(none).toBeInstanceOf(ArgumentError);
    expect(none.message).toBe("give lsl, usl or both");
    expect(() => processCapability([1, 2, 3, 4, 5], { lsl: 0, usl: 9, subgroup: 2 })).toThrow("5 values do not split into subgroups of 2");
    expect(new SpcNumericalError("x")).toBeInstanceOf(NumericalError);
  });
});
