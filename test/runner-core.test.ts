// The runner's online pipeline in the core (assembly/runner/, ABI.md "Hybrid runner"): its virtual
// sensor against the batch virtual-sensing job bit for bit, block-split invariance, checkpoints,
// gaps, the decimator against its design, and located configuration errors.
import { describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { VS_DEFAULTS } from "../src/vsense/defaults.js";
import type { RunnerConfig } from "../src/runner/config.js";
import { RIG, rigConfig, rigConfigDoc, rigRecording } from "./helpers/rig-run.js";
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
