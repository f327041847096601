// The core's streaming charts (assembly/spc/, spcStreamRun) against the host's (src/spc/stream.ts):
// seeded random series with shifts, trends, stratification, mixtures, alternation and ties, every
// chart kind the core streams, every rule and convention; every number of every point must be the
// same bits (Object.is) and every rule firing the same. The phase-I learner must give the batch
// chart's centre, σ and dispersion centre bit for bit, and saving the state in the middle of a series
// and continuing from the reloaded copy must change no bit.
import { describe, expect, it } from "vitest";
import { buildChart } from "../src/spc/chart.js";
import { CONVENTION_PRESETS, type RuleConventions } from "../src/spc/conventions.js";
import { equalSubgroups, individuals } from "../src/spc/data.js";
import { individualsSigma } from "../src/spc/variables.js";
import type { ChartOptions } from "../src/spc/options.js";
import { CusumStream, EwmaStream, ImrStream, XbarStream, streamFromChart, type ChartStream, type StreamPoint } from "../src/spc/stream.js";
import { ALL_RULES, WE_RULES, type ControlChart, type RuleName } from "../src/spc/types.js";
import { Core, CoreError } from "../src/core/core.js";
import { CoreChartStream, CoreLearner, coreStreamRequest, runCoreStream, ruleBits, rulesFromBits, type CoreChartKind, type CoreStreamSpec } from "../src/spc/core-stream.js";
import { rng } from "./helpers/rng.js";

const core = Core.default();

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
  pick<T>(a: readonly T[]): T {
    return a[this.int(0, a.length - 1)]!;
  }
  normal(): number {
    const u1 = Math.max(this.u(), 1e-300);
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * this.u());
  }
  /** m values around 10 with the patterns the rules look for; rounded to 0.5 sometimes (ties). */
  series(m: number): Float64Array {
    const mean = new Array<number>(m).fill(0);
    const spread = new Array<number>(m).fill(1);
    const segments = this.int(0, 5);
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
    const round = this.uniform() < 0.3;
    return Float64Array.from(mean, (mu, i) => {
      const v = 10 + mu + spread[i]! * this.normal();
      return round ? Math.round(v * 2) / 2 : v;
    });
  }
  conventions(): RuleConventions {
    if (this.uniform() < 0.3) return { ...CONVENTION_PRESETS[this.pick(["qcc", "minitab", "legacy"] as const)] };
    return {
      windowZones: this.pick(["newest", "own"] as const),
      zoneWidth: this.pick(["scaled", "sigma"] as const),
      mixture: this.pick(["both-sides", "either-side"] as const),
      startWindows: this.pick(["full", "partial"] as const),
      dispersionCenter: "pooled",
    };
  }
  rules(): RuleName[] {
    return this.uniform() < 0.6 ? [...ALL_RULES] : ALL_RULES.filter(() => this.uniform() < 0.5);
  }
}

/** Differences between the host's and the core's points (at most 10). */
function differences(host: StreamPoint[], got: StreamPoint[]): string[] {
  const bad: string[] = [];
  const same = (where: string, a: unknown, b: unknown): void => {
    if (!Object.is(a, b) && bad.length < 10) bad.push(`${where}: core ${String(b)} host ${String(a)}`);
  };
  same("points", host.length, got.length);
  for (let i = 0; i < Math.min(host.length, got.length); i++) {
    const h = host[i]!, c = got[i]!;
    for (const k of ["sample", "stat", "center", "se", "lcl", "ucl", "beyond"] as const) same(`point ${i + 1} ${k}`, h[k], c[k]);
    same(`point ${i + 1} rules`, h.rules.join(","), c.rules.join(","));
    same(`point ${i + 1} has secondary`, h.secondary !== undefined, c.secondary !== undefined);
    if (h.secondary && c.secondary) {
      for (const k of ["stat", "center", "se", "lcl", "ucl", "beyond"] as const) same(`point ${i + 1} secondary ${k}`, h.secondary[k], c.secondary[k]);
      same(`point ${i + 1} secondary rules`, h.secondary.rules.join(","), c.secondary.rules.join(","));
    }
    same(`point ${i + 1} cusum`, JSON.stringify(h.cusum), JSON.stringify(c.cusum));
    if (h.cusum && c.cusum) for (const k of ["upper", "lower"] as const) same(`point ${i + 1} C ${k}`, h.cusum[k], c.cusum[k]);
  }
  return bad;
}

function pushAll(s: ChartStream, values: Float64Array, n: number): StreamPoint[] {
  const out: StreamPoint[] = [];
  if (n === 1) for (const v of values) out.push(s.push(v));
  else for (let i = 0; i + n <= values.length; i += n) out.push(s.push(values.subarray(i, i + n)));
  return out;
}

interface Trial {
  spec: CoreStreamSpec;
  values: Float64Array;
  host: StreamPoint[];
  /** the batch chart when the limits were learned */
  chart?: ControlChart;
}

/** One random series and chart: limits learned (checked against the batch chart) or given. */
function trial(g: Gen, chart: CoreChartKind): Trial | undefined {
  const sub = chart === "xbar-r" || chart === "xbar-s";
  const n = sub ? g.int(2, 25) : 1;
  const points = g.int(sub ? 3 : 20, sub ? 120 : 300);
  const values = g.series(points * n);
  const width = g.uniform() < 0.3 ? g.pick([2, 2.5, 3.5]) : 3;
  const rules = g.rules();
  const conventions = g.conventions();
  const spec: CoreStreamSpec = { chart, limits: { learn: 0 }, width, rules, conventions, split: g.uniform() < 0.8 ? g.int(0, values.length) : 0 };
  if (sub) spec.n = n;
  if (chart === "ewma") {
    spec.lambda = g.pick([0.05, 0.1, 0.2, 0.4, 1]);
    spec.asymptotic = g.uniform() < 0.3;
  }
  if (chart === "cusum") {
    spec.k = g.pick([0, 0.25, 0.5, 1]);
    spec.h = g.pick([2, 4, 5]);
    spec.headStart = g.uniform() < 0.3 ? spec.h / 2 : 0;
  }
  if (g.uniform() < 0.6) {
    // phase I: the batch chart's limits, then the host's stream continuing it from sample 1
    const learn = g.int(sub ? 2 : 3, points);
    spec.limits = { learn };
    const opts: Partial<ChartOptions> = { width, rules, conventions, phase1: [1, learn], lambda: spec.lambda, asymptotic: spec.asymptotic, k: spec.k, h: spec.h, headStart: spec.headStart };
    let c: ControlChart;
    try {
      c = buildChart(chart, { kind: "subgroups", data: sub ? equalSubgroups(values, n) : individuals(values) }, opts);
    } catch {
      return undefined; // σ = 0 on a coarse gauge: no chart to compare with
    }
    return { spec, values, host: pushAll(streamFromChart(c, rules), values, n), chart: c };
  }
  const center = 10 + g.pick([0, 0.5, -1]);
  const sigma = g.pick([1, 0.8, 1.3]);
  const sigmaKnown = g.uniform() < 0.5;
  const bar = !sigmaKnown && g.uniform() < 0.5 && chart !== "ewma" && chart !== "cusum" ? g.pick([1.1, 1.2, 2.3]) : undefined;
  spec.limits = { center, sigma, sigmaKnown, ...(bar !== undefined ? { bar } : {}) };
  const lim = { center, sigma, sigmaKnown, ...(bar !== undefined ? { bar } : {}) };
  let s: ChartStream;
  if (chart === "imr") s = new ImrStream(lim, width, rules, 1, conventions);
  else if (sub) s = new XbarStream(chart === "xbar-r" ? "r" : "s", lim, width, rules, 1, conventions);
  else if (chart === "ewma") s = new EwmaStream(lim, spec.lambda!, width, spec.asymptotic);
  else s = new CusumStream(lim, spec.k, spec.h, spec.headStart);
  return { spec, values, host: pushAll(s, values, n) };
}

const SERIES = 60;

describe("the core's streaming charts equal src/spc/stream.ts bit for bit", () => {
  for (const [k, chart] of (["imr", "xbar-r", "xbar-s", "ewma", "cusum"] as const).entries()) {
    it(`${chart}: ${SERIES} seeded series, limits learned or given, state saved and reloaded mid-series`, () => {
      const g = new Gen(7100 + k);
      const fired = new Set<RuleName>();
      const secFired = new Set<RuleName>();
      let learned = 0;
      let given = 0;
      let split = 0;
      let points = 0;
      for (let s = 0; s < SERIES; s++) {
        const t = trial(g, chart);
        if (t === undefined) continue;
        const run = runCoreStream(t.values, t.spec, core);
        expect(differences(t.host, run.points), `series ${s}`).toEqual([]);
        if (t.chart) {
          // the learner gives the batch chart's phase-I centre and σ
          expect(Object.is(run.center, t.chart.params.center), `series ${s} centre`).toBe(true);
          expect(Object.is(run.sigma, t.chart.params.sigma), `series ${s} σ`).toBe(true);
          if (chart !== "ewma" && chart !== "cusum") expect(Object.is(run.bar, t.chart.secondary!.center[0]), `series ${s} dispersion centre`).toBe(true);
          learned++;
        } else given++;
        if ((t.spec.split ?? 0) > 0) split++;
        points += run.points.length;
        for (const p of run.points) {
          for (const r of p.rules) fired.add(r);
          for (const r of p.secondary?.rules ?? []) secFired.add(r);
        }
      }
      expect(learned).toBeGreaterThan(SERIES / 3);
      expect(given).toBeGreaterThan(SERIES / 5);
      expect(split).toBeGreaterThan(SERIES / 2);
      expect(points).toBeGreaterThan(1000);
      if (chart === "imr" || chart === "xbar-r" || chart === "xbar-s") {
        // every rule fired somewhere, so the comparison of firings is not vacuous
        expect([...fired].sort()).toEqual([...ALL_RULES].sort());
        expect(secFired.size).toBeGreaterThan(6);
      } else {
        expect(fired.size).toBe(0);
      }
    });
  }

  it("a saved and reloaded state continues with the same bits at every split point", () => {
    const g = new Gen(99);
    const values = g.series(64);
    for (const spec of [
      { chart: "imr", limits: { learn: 20 } },
      { chart: "xbar-s", n: 4, limits: { learn: 5 } },
      { chart: "ewma", lambda: 0.1, limits: { learn: 20 } },
      { chart: "cusum", k: 0.5, h: 4, headStart: 1, limits: { center: 10, sigma: 1 } },
    ] as CoreStreamSpec[]) {
      const whole = runCoreStream(values, spec, core);
      for (let split = 1; split <= values.length; split++) {
        const again = runCoreStream(values, { ...spec, split }, core);
        expect(differences(whole.points, again.points), `${spec.chart} split ${split}`).toEqual([]);
        expect([again.center, again.sigma]).toEqual([whole.center, whole.sigma]);
      }
    }
  });
});

/** values in blocks of random sizes (0 included) */
function blocks(g: Gen, values: Float64Array): Float64Array[] {
  const out: Float64Array[] = [];
  for (let i = 0; i < values.length; ) {
    const k = Math.min(values.length - i, g.pick([0, 1, 1, 2, 3, 7, 16, 50]));
    out.push(values.subarray(i, i + k));
    i += k;
  }
  return out;
}

describe("charts and learners held in the core through handles", () => {
  for (const [k, chart] of (["imr", "xbar-r", "xbar-s", "ewma", "cusum"] as const).entries()) {
    it(`${chart}: blocks of any size, a checkpoint saved, the chart closed and restored from it`, () => {
      const g = new Gen(8200 + k);
      const before = core.exports.bufCount();
      let restored = 0;
      for (let s = 0; s < 25; s++) {
        const t = trial(g, chart);
        if (t === undefined) continue;
        const n = t.spec.n ?? 1;
        let given = t.spec.limits;
        if ("learn" in given) {
          // the learner fed in blocks, checkpointed half-way, gives the batch chart's phase-I centre and σ
          const phase1 = t.values.subarray(0, given.learn * n);
          let l = CoreLearner.open(chart, n, core);
          let est = { count: 0, center: NaN, sigma: NaN, bar: NaN };
          const parts = blocks(g, phase1);
          parts.forEach((b, i) => {
            if (i === Math.floor(parts.length / 2)) {
              const state = l.save();
              l.close();
              l = CoreLearner.restore(state, core);
            }
            est = l.push(b);
          });
          l.close();
          expect(est.count).toBe(given.learn);
          expect(Object.is(est.center, t.chart!.params.center) && Object.is(est.sigma, t.chart!.params.sigma), `series ${s}`).toBe(true);
          if (chart !== "ewma" && chart !== "cusum") expect(Object.is(est.bar, t.chart!.secondary!.center[0])).toBe(true);
          given = { center: est.center, sigma: est.sigma, bar: est.bar };
        }
        let stream = CoreChartStream.open({ ...t.spec, limits: given }, core);
        const got: StreamPoint[] = [];
        const parts = blocks(g, t.values);
        const at = g.int(0, parts.length);
        parts.forEach((b, i) => {
          if (i === at) {
            const state = stream.save();
            stream.close();
            stream = CoreChartStream.restore(state, core);
            restored++;
          }
          got.push(...stream.pushBlock(b));
        });
        expect(stream.count).toBe(got.length);
        stream.close();
        expect(differences(t.host, got), `series ${s}`).toEqual([]);
      }
      expect(restored).toBeGreaterThan(10);
      expect(core.exports.bufCount()).toBe(before);
    });
  }

  it("a chart stream takes one value or one subgroup per push, as stream.ts's", () => {
    const host = new XbarStream("s", { center: 10, sigma: 1 }, 3);
    const c = CoreChartStream.open({ chart: "xbar-s", n: 3, limits: { center: 10, sigma: 1 } }, core);
    for (const v of [[9, 10, 12], [10.5, 10.5, 11], [8, 9, 9.5]]) expect(differences([host.push(v)], [c.push(v)])).toEqual([]);
    expect(() => c.push(3)).toThrow(/subgroup of 3/);
    c.close();
  });

  it("refuses a corrupted state with the index of the first bad value", () => {
    const c = CoreChartStream.open({ chart: "ewma", lambda: 0.2, limits: { center: 0, sigma: 1 } }, core);
    c.pushBlock([0.5, -0.2, 1.1]);
    const state = c.save();
    c.close();
    const bad = (i: number, v: number): number => {
      const s = Float64Array.from(state);
      s[i] = v;
      try {
        CoreChartStream.restore(s, core).close();
      } catch (e) {
        if (e instanceof CoreError) return e.detail;
        throw e;
      }
      return -1;
    };
    expect(bad(0, 1)).toBe(0); // tag
    expect(bad(1, 7)).toBe(1); // kind
    expect(bad(4, 1.5)).toBe(4); // λ
    expect(bad(9, 0.5)).toBe(9); // sample count
    expect(bad(26, 1)).toBe(26); // an open subgroup on an EWMA
    expect(bad(32 + 1, 15)).toBe(33); // the primary ring's head (slot 15 of 0..14)
    expect(() => CoreChartStream.restore(state.subarray(0, 50), core)).toThrow(CoreError);
    expect(() => CoreChartStream.restore([...state, 0], core)).toThrow(CoreError);
  });
});

describe("spcStreamRun requests", () => {
  const values = Float64Array.from({ length: 40 }, (_, i) => 10 + Math.sin(i));
  const fail = (req: Float64Array): CoreError => {
    try {
      core.take(core.withBuffers([req], (p) => core.fn("spcStreamRun")(p!)), "spcStreamRun");
    } catch (e) {
      if (e instanceof CoreError) return e;
      throw e;
    }
    throw new Error("spcStreamRun accepted a bad request");
  };
  const base = (): Float64Array => coreStreamRequest({ chart: "imr", limits: { center: 10, sigma: 1 } }, values);

  it("rule bits follow ALL_RULES", () => {
    expect(ruleBits(["we1"])).toBe(1);
    expect(ruleBits(["nelson8"])).toBe(1 << 11);
    expect(ruleBits(ALL_RULES)).toBe(0xfff);
    expect(rulesFromBits(0b100000010001)).toEqual(["we1", "nelson1", "nelson8"]);
  });

  it("refuses bad fields with their index", () => {
    const cases: [number, number, number][] = [
      // field, value, expected code
      [0, 2, 1], // layout version
      [1, 5, 1], // chart kind
      [2, NaN, 5], // centre not finite
      [5, Infinity, 5], // p2 not finite
      [3, 0, 1], // σ not > 0
      [4, -1, 1], // L
      [6, 1 << 20, 1], // unknown flag bit
      [6, (1 << 17) | 1, 1], // asymptotic on I-MR
      [7, -1, 1], // negative dispersion centre
      [8, 1, 1], // head start on I-MR
      [9, 41, 1], // learning period longer than the series
      [10, 41, 1], // split beyond the series
      [11, 39, 1], // count does not match the buffer
    ];
    for (const [field, value, code] of cases) {
      const req = base();
      req[field] = value;
      const e = fail(req);
      expect([field, e.code, e.detail]).toEqual([field, code, field]);
    }
  });

  it("refuses a NaN value (code 5, its index), a subgroup count that does not divide, constant phase-I data", () => {
    const req = base();
    req[12 + 7] = NaN;
    expect([fail(req).code, fail(req).detail]).toEqual([5, 19]);
    const xbar = coreStreamRequest({ chart: "xbar-r", n: 3, limits: { center: 10, sigma: 1 } }, values);
    expect([fail(xbar).code, fail(xbar).detail]).toEqual([1, 11]);
    const flat = coreStreamRequest({ chart: "imr", limits: { learn: 10 } }, new Float64Array(20).fill(3));
    expect([fail(flat).code, fail(flat).detail]).toEqual([1, 9]);
  });

  it("frees what it takes", () => {
    const before = core.exports.bufCount();
    runCoreStream(values, { chart: "imr", limits: { learn: 10 }, split: 17 }, core);
    fail(base().fill(NaN, 0, 1));
    expect(core.exports.bufCount()).toBe(before);
  });
});

/** FNV-1a 64 over f64 bit patterns, NaN canonical (assembly/hash.ts, ABI.md "Self-checks"). */
class Fnv {
  h = 0xcbf29ce484222325n;
  private readonly view = new DataView(new ArrayBuffer(8));
  u64(v: bigint): void {
    for (let i = 0n; i < 8n; i++) {
      this.h ^= (v >> (8n * i)) & 0xffn;
      this.h = BigInt.asUintN(64, this.h * 0x100000001b3n);
    }
  }
  f64(x: number): void {
    this.view.setFloat64(0, Number.isNaN(x) ? NaN : x, true);
    this.u64(Number.isNaN(x) ? 0x7ff8000000000000n : this.view.getBigUint64(0, true));
  }
}

/** SplitMix64 (assembly/linalg/prng.ts): uniform in [-1, 1). */
function splitmix(seed: bigint): () => number {
  let s = seed;
  return () => {
    s = BigInt.asUintN(64, s + 0x9e3779b97f4a7c15n);
    let z = s;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    z = z ^ (z >> 31n);
    return Number(z >> 11n) * 1.1102230246251565e-16 * 2.0 - 1.0;
  };
}

describe("selfcheckSpc", () => {
  it("equals the hash of the same five charts computed by the host from ABI.md's description", () => {
    const u = splitmix(0x5bc0n);
    const x = Float64Array.from({ length: 240 }, (_, i) => {
      let v = 10.0 + u();
      if (i >= 120) v += 1.5;
      if (i >= 160 && i < 180) v += 0.05 * (i - 160);
      return v;
    });
    const h = new Fnv();
    const result = (center: number, sigma: number, bar: number, points: StreamPoint[]): void => {
      for (const v of [1, points.length, center, sigma, bar, 16]) h.f64(v);
      for (const p of points) {
        const sec = p.secondary;
        for (const v of [p.sample, p.stat, p.center, p.se, p.lcl, p.ucl, p.beyond ? 1 : 0, ruleBits(p.rules), sec ? 1 : 0]) h.f64(v);
        for (const v of [sec?.stat ?? NaN, sec?.center ?? NaN, sec?.se ?? NaN, sec?.lcl ?? NaN, sec?.ucl ?? NaN, sec?.beyond ? 1 : 0, ruleBits(sec?.rules ?? [])]) h.f64(v);
      }
    };
    const learned = (c: ControlChart, n: number, bar: number): void => result(c.params.center, c.params.sigma, bar, pushAll(streamFromChart(c), x, n));
    const mrBar = individualsSigma(x, Uint8Array.from(x, (_, i) => (i < 60 ? 1 : 0)), "mr").bar;
    const imr = buildChart("imr", { kind: "subgroups", data: individuals(x) }, { phase1: [1, 60] });
    learned(imr, 1, imr.secondary!.center[0]!);
    const xr = buildChart("xbar-r", { kind: "subgroups", data: equalSubgroups(x, 4) }, { phase1: [1, 15], conventions: { ...CONVENTION_PRESETS.minitab } });
    learned(xr, 4, xr.secondary!.center[0]!);
    const xs = new XbarStream("s", { center: 10, sigma: 0.6, sigmaKnown: true }, 2.5, WE_RULES, 1, { ...CONVENTION_PRESETS.legacy });
    result(10, 0.6, NaN, pushAll(xs, x, 5));
    learned(buildChart("ewma", { kind: "subgroups", data: individuals(x) }, { lambda: 0.2, phase1: [1, 60] }), 1, mrBar);
    learned(buildChart("cusum", { kind: "subgroups", data: individuals(x) }, { k: 0.5, h: 4, headStart: 2, phase1: [1, 60] }), 1, mrBar);
    h.u64(0n); // no error left set
    expect(BigInt.asUintN(64, BigInt(core.fn("selfcheckSpc")() as unknown as bigint))).toBe(h.h);
  });
});
