// A simulated test-rig recording for the runner tests: the virtual-sensing job's noisy bearing
// accelerations (the core's truth, noise and filter), and a runner configuration whose filter is the
// job's filter, so the runner's estimates can be compared with the job's bit for bit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Core } from "../../src/core/core.js";
import type { Json } from "../../src/io/json.js";
import { encodeFrame } from "../../src/live/frame.js";
import { parseRotorModel } from "../../src/rotor/validate.js";
import { checkRunnerConfig, type RunnerConfig } from "../../src/runner/config.js";
import { VS_DEFAULTS } from "../../src/vsense/defaults.js";
import { virtualSensingJob as virtualSensing } from "../../src/vsense/jobs.js";
import { parseMismatch } from "../../src/vsense/mismatch.js";
import type { VirtualSensingRun } from "../../src/vsense/result.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const RIG_FILE = join(ROOT, "models", "test-rig.json");
export const RIG = parseRotorModel(readFileSync(RIG_FILE, "utf8"), "test-rig.json");
export const UNBALANCE = [{ node: 4, magnitude: 1e-4, phase: 0.3 }];

export interface RigRecording {
  run: VirtualSensingRun;
  /** measurements, sample-major (n × m) */
  z: Float64Array;
  /** the job's estimates, sample-major (n × e) */
  estimates: Float64Array;
  n: number;
  m: number;
  e: number;
}

export function rigRecording(tEnd = 1, core: Core = Core.default()): RigRecording {
  const run = virtualSensing(
    RIG,
    { ...VS_DEFAULTS, tEnd, unbalance: UNBALANCE, sensors: [], estimates: [], mismatch: [parseMismatch("bearing-k=+10%")], series: true },
    core,
  );
  const m = run.sensors.length, e = run.estimates.length, n = run.series!.rows, width = 1 + m + 2 * e;
  const z = new Float64Array(n * m), estimates = new Float64Array(n * e);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) z[i * m + j] = run.series!.values[i * width + 1 + j]!;
    for (let k = 0; k < e; k++) estimates[i * e + k] = run.series!.values[i * width + 2 + m + 2 * k]!;
  }
  return { run, z, estimates, n, m, e };
}

/** A configuration document whose filter is the recording's (same places, R, model error, mismatch). */
export function rigConfigDoc(rec: RigRecording, over: Record<string, Json> = {}): Record<string, Json> {
  const { run, m } = rec;
  return {
    format: "twin-runner-config",
    version: 1,
    model: RIG_FILE,
    source: { url: "udp://127.0.0.1:0", channels: m },
    sensors: run.sensors.map((s, i) => ({ name: `a${s.dir}_${s.node}`, channel: i, node: s.node, dir: s.dir, sensitivity: 1, noiseVariance: run.result.sensors[i]!.R })),
    speed: { mode: "fixed", rpm: VS_DEFAULTS.speedRpm },
    filter: {
      rate: VS_DEFAULTS.fs, rpm: VS_DEFAULTS.speedRpm, modes: VS_DEFAULTS.modes, modelError: VS_DEFAULTS.modelError,
      unbalance: UNBALANCE.map((u) => ({ node: u.node, me: u.magnitude, phase: u.phase })), mismatch: [{ parameter: "bearing-k", percent: 10 }],
    },
    virtualSensors: run.estimates.map((d) => ({ name: `d${d.dir}_${d.node}`, node: d.node, dir: d.dir, quantity: "displacement" })),
    ...over,
  };
}

export function rigConfig(rec: RigRecording, over: Record<string, Json> = {}, file = join(ROOT, "models", "live", "test.json")): RunnerConfig {
  return checkRunnerConfig(rigConfigDoc(rec, over), file);
}

/** Frame `seq` of the recording: `per` samples from sample seq·per, float32, t0 on the job's clock. */
export function rigFrame(rec: RigRecording, seq: number, per: number): Uint8Array {
  const { m, z } = rec;
  const raw = new Float32Array(per * m);
  for (let i = 0; i < per * m; i++) raw[i] = z[seq * per * m + i]!;
  return encodeFrame({ format: "float32", channels: m, samplesPerChannel: per, seq, t0: rec.run.preSamples + seq * per, rateMilliHz: VS_DEFAULTS.fs * 1000, scale: 1, raw, flags: seq === 0 ? 1 : 0 });
}
