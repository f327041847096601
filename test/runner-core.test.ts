// The runner's online pipeline in the core (assembly/runner/, ABI.md "Hybrid runner"): its virtual
// sensor against the batch virtual-sensing job bit for bit, block-split invariance, checkpoints,
// gaps, the decimator against its design, and located configuration errors.
import { describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { VS_DEFAULTS } from "../src/vsense/defaults.js";
import type { RunnerConfig } from "../src/runner/config.js";
import { RIG, ROOT, rigConfig, rigConfigDoc, rigRecording } from "./helpers/rig-run.js";
import { join } from "node:path";
import { readCsvTable } from "../src/io/csv.js";
import { predict, train } from "../src/elm/model.js";
import { runCoreStream, rulesFromBits } from "../src/spc/core-stream.js";
import { checkRunnerConfig } from "../src/runner/config.js";
import { runnerRequest } from "../src/runner/request.js";
import { RunnerCore, type BlockResult } from "../src/runner/core.js";
import type { Json } from "../src/io/json.js";

const core = Core.default();
const rec = rigRecording(1, core);
const { run, z, m, n } = rec;
const jobEstimates = rec.estimates;
const configDoc = (over: Record<string, Json> = {}): Record<string, Json> => rigConfigDoc(rec, over);
const config = (over: Record<string, Json> = {}): RunnerConfig => rigConfig(rec, over);

/** Input blocks [n, flags, t0, values] of the recording's samples [from, to). */
function block(from: number, to: number, flags = 0, t0 = run.preSamples + from): Float64Array {
  const b = new Float64Array(3 + (to - from) * m);
  b[0] = to - from;
  b[1] = flags;
  b[2] = t0;
  b.set(z.subarray(from * m, to * m), 3);
  return b;
}

function open(cfg: RunnerConfig, inputRate = VS_DEFAULTS.fs): RunnerCore {
  return RunnerCore.open(runnerRequest(cfg, RIG, inputRate, null).builder.values, core);
}

/** The virtual-sensor samples of a sequence of block results, in order. */
function estimates(results: BlockResult[]): { first: number[]; values: number[] } {
  const first: number[] = [], values: number[] = [];
  for (const r of results) for (const run of r.runs) {
    first.push(run.first);
    values.push(...run.values);
  }
  return { first, values };
}

describe("the runner's virtual sensor", () => {
  it("equals the batch virtual-sensing job bit for bit (no decimation, displacement at the job's places)", () => {
    const r = open(config());
    try {
      expect(r.shape.taps).toBe(1);
      const out = r.step(block(0, n));
      expect(out.runs.length).toBe(1);
      expect(out.runs[0]!.first).toBe(run.preSamples);
      const got = out.runs[0]!.values;
      expect(Buffer.from(out.runs[0]!.values.buffer).equals(Buffer.from(jobEstimates.buffer))).toBe(true);
    } finally {
      r.free();
    }
  });

  it("gives the same bits for any split of the samples into blocks, and after a checkpoint and restore", () => {
    const cfg = config({ windows: { length: 200, hop: 100, bands: 4, orders: 2 } });
    const whole = open(cfg);
    const ref = whole.step(block(0, n));
    whole.free();
    const sizes = [1, 7, 100, 333, 2, 557];
    const r = open(cfg);
    const results: BlockResult[] = [];
    let at = 0, k = 0;
    let resumed: RunnerCore | null = null;
    try {
      while (at < n) {
        const b = Math.min(n - at, sizes[k++ % sizes.length]!);
        const target = resumed ?? r;
        results.push(target.step(block(at, at + b)));
        at += b;
        if (resumed === null && at > n / 2) {
          // the rest runs in a runner restored from a checkpoint
          resumed = RunnerCore.open(runnerRequest(cfg, RIG, VS_DEFAULTS.fs, null).builder.values, core, r.checkpoint());
        }
      }
      const got = estimates(results);
      expect(got.values.length).toBe(ref.runs[0]!.values.length);
      expect(Buffer.from(Float64Array.from(got.values).buffer).equals(Buffer.from(ref.runs[0]!.values.buffer))).toBe(true);
      const wins = results.flatMap((x) => x.windows);
      expect(wins.length).toBe(ref.windows.length);
      wins.forEach((w, i) => {
        expect(w.first).toBe(ref.windows[i]!.first);
        expect(Buffer.from(w.features.buffer).equals(Buffer.from(ref.windows[i]!.features.buffer))).toBe(true);
      });
    } finally {
      r.free();
      resumed?.free();
    }
  });

  it("predicts through lost samples without inventing measurements, and reports the discontinuity", () => {
    const r = open(config());
    try {
      r.step(block(0, 500));
      const after = r.step(block(600, n, 1));
      expect(after.predicted).toBe(100);
      expect(after.runs[0]!.first).toBe(run.preSamples + 600);
      // a gap beyond filter.maxPredictSeconds restarts the filter
      const r2 = open(config({ filter: { ...(configDoc().filter as Record<string, Json>), maxPredictSeconds: 0.01 } }));
      r2.step(block(0, 500));
      const later = r2.step(block(600, 700, 1));
      expect(later.filterRestarts).toBe(1);
      expect(later.predicted).toBe(0);
      r2.free();
    } finally {
      r.free();
    }
  });

  it("refuses a non-finite sample in a block with its index, and keeps its state", () => {
    const r = open(config());
    try {
      const b = block(0, 10);
      b[3 + 5] = NaN;
      expect(() => r.step(b)).toThrowError(CoreError);
      const ok = r.step(block(0, 10));
      expect(ok.runs[0]!.count).toBe(10);
    } finally {
      r.free();
    }
  });
});

describe("decimation", () => {
  it("a decimating runner keeps the 1X vibration: its estimates follow the undecimated filter's", () => {
    // the same measurements, at twice the rate by repeating each sample, decimated by 2: not a signal
    // model, but the decimator must pass the band of the shaft frequency with unit gain
    const cfg = config({ filter: { ...(configDoc().filter as Record<string, Json>), rate: VS_DEFAULTS.fs / 2 } });
    const r = open(cfg, VS_DEFAULTS.fs);
    try {
      expect(r.shape.fsOut).toBe(VS_DEFAULTS.fs / 2);
      expect(r.shape.taps).toBe(2 * 8 * 2 + 1);
      const out = r.step(block(0, n));
      const got = estimates([out]);
      expect(got.values.length).toBeGreaterThan(0);
      expect(got.first[0]! * 2).toBeGreaterThanOrEqual(run.preSamples + 16);
    } finally {
      r.free();
    }
  });
});

describe("configuration faults are located", () => {
  it("names the JSON path of a bad value", () => {
    expect(() => config({ speed: { mode: "tach", channel: 9, threshold: 1 } })).toThrowError(/speed\.channel: must be below source\.channels/);
    expect(() => config({ virtualSensors: [{ name: "v", node: run.sensors[0]!.node, dir: run.sensors[0]!.dir, quantity: "velocity" }] })).toThrowError(/virtualSensors\[0\]\.node: is measured by sensors\[0\]/);
    expect(() => config({ monitors: [{ name: "m", feature: "nope", chart: "imr" }] })).toThrowError(/monitors\[0\]: needs windows/);
  });

  it("a node the model does not have is refused by the core at the path that gave it", () => {
    const cfg = config({ virtualSensors: [{ name: "far", node: 999, dir: "x", quantity: "displacement" }] });
    const req = runnerRequest(cfg, RIG, VS_DEFAULTS.fs, null).builder;
    try {
      RunnerCore.open(req.values, core);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CoreError);
      expect(req.fieldAt((err as CoreError).detail)!.what).toMatch(/virtualSensors/);
    }
  });
});

describe("recognition and SPC in the runner", () => {
  // an ELM trained on the bundled operating-state features (models/states: 1200 rpm at two unbalances)
  const table = (name: string) => readCsvTable(join(ROOT, "models", "states", `${name}.features.csv`));
  const t1 = table("s1200_u1"), t4 = table("s1200_u4");
  const features = t1.header.filter((h) => h !== "t_start" && h !== "state");
  const rows = [...t1.rows, ...t4.rows];
  const X = Float64Array.from(rows.flatMap((r) => features.map((f) => Number(r.fields[t1.header.indexOf(f)]))));
  const labels = rows.map((r) => r.fields[t1.header.indexOf("state")]!);
  const opts = { label: "state", hidden: 60, activation: "sigmoid" as const, C: 1, seed: 1, standardize: true, noveltyQuantile: 0.99, noveltyK: 5 };
  // with a novelty detector (this recording's noise differs from the training data's: every window is
  // novel) and without one (then every window gets a class)
  const models = [train(features, X, labels, { ...opts, novelty: "distance" }), train(features, X, labels, { ...opts, novelty: null })];

  it.each([0, 1])("classifies each window as `twin elm predict` classifies its feature row, bit for bit (model %i)", (which) => {
    const model = models[which]!;
    const cfg = config({ windows: { length: 200, hop: 100, bands: 4, orders: 0 } });
    const r = RunnerCore.open(runnerRequest(cfg, RIG, VS_DEFAULTS.fs, model).builder.values, core);
    try {
      const out = r.step(block(0, n));
      expect(out.windows.length).toBe(Math.floor((n - 200) / 100) + 1);
      const names = runnerRequest(cfg, RIG, VS_DEFAULTS.fs, null).features;
      const Xw = Float64Array.from(out.windows.flatMap((w) => model.features.map((f) => w.features[names.indexOf(f)]!)));
      const ref = predict(model, Xw, out.windows.length, null);
      out.windows.forEach((w, i) => {
        const p = ref.predictions[i]!;
        expect(w.cls).toBe(p.class === null ? -1 : model.classes.indexOf(p.class));
        expect(Object.is(w.novelty, p.novelty_score ?? 0)).toBe(true);
        expect(Object.is(w.confidence, Math.max(...p.scores))).toBe(true);
      });
      expect(out.windows.every((w) => (which === 0 ? w.cls === -1 : w.cls >= 0))).toBe(true);
    } finally {
      r.free();
    }
  });

  it("an SPC monitor learns its limits and charts each window's feature as the streaming chart does", () => {
    const cfg = config({
      windows: { length: 200, hop: 50, bands: 4, orders: 2 },
      monitors: [
        { name: "imr", feature: "dx_5_1x", chart: "imr", learn: 10, rules: ["we1", "we2", "we3", "we4"] },
        { name: "ewma", feature: "ax_1_rms", chart: "ewma", learn: 10, lambda: 0.2 },
      ],
    });
    const r = open(cfg);
    try {
      const out = r.step(block(0, n));
      const names = runnerRequest(cfg, RIG, VS_DEFAULTS.fs, null).features;
      for (const [i, m] of cfg.monitors.entries()) {
        const values = out.windows.map((w) => w.features[names.indexOf(m.feature)]!);
        const opts = { chart: m.chart, rules: m.rules, ...(m.chart === "ewma" ? { lambda: 0.2 } : {}) };
        // phase I: the limits of the first 10 windows; phase II: a chart of the rest with those limits
        const learned = runCoreStream(values, { ...opts, limits: { learn: 10 } }, core);
        const ref = runCoreStream(values.slice(10), { ...opts, limits: { center: learned.center, sigma: learned.sigma, ...(m.chart === "imr" ? { bar: learned.bar } : {}) } }, core);
        const points = out.windows.map((w) => w.monitors[i]!);
        expect(points.slice(0, 10).every((p) => p.phase === 0)).toBe(true);
        const charted = points.slice(10);
        expect(charted.every((p) => p.phase === 1)).toBe(true);
        expect(ref.points.length).toBe(charted.length);
        charted.forEach((p, k) => {
          const q = ref.points[k]!;
          expect([p.stat, p.center, p.lcl, p.ucl].map((x, j) => Object.is(x, [q.stat, q.center, q.lcl, q.ucl][j]))).toEqual([true, true, true, true]);
          expect(rulesFromBits(p.fired)).toEqual(q.rules);
        });
      }
    } finally {
      r.free();
    }
  });

  it("runs a feature stream (input \"features\"): every sample is a window, monitored and classified", () => {
    const cfg = checkRunnerConfig(
      {
        format: "twin-runner-config", version: 1, input: "features",
        source: { url: "udp://127.0.0.1:0", channels: 3 },
        features: [{ name: "a", channel: 0 }, { name: "b", channel: 2, gain: 2 }],
        monitors: [{ name: "m", feature: "b", chart: "imr", learn: 5 }],
      },
      join(ROOT, "models", "live", "f.json"),
    );
    const r = RunnerCore.open(runnerRequest(cfg, null, 1, null).builder.values, core);
    try {
      const b = new Float64Array(3 + 8 * 3);
      b.set([8, 0, 100]);
      for (let i = 0; i < 8; i++) b.set([i, 99, 1 + (i % 3) * 0.1], 3 + i * 3);
      const out = r.step(b);
      expect(out.windows.map((w) => w.first)).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
      expect(out.windows.map((w) => Array.from(w.features))).toEqual(Array.from({ length: 8 }, (_, i) => [i, 2 * (1 + (i % 3) * 0.1)]));
      expect(out.windows.slice(5).every((w) => w.monitors[0]!.phase === 1)).toBe(true);
    } finally {
      r.free();
    }
  });
});
