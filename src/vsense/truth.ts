// The simulated rig (the "truth" of a virtual-sensing study, and the source of demo recordings): the
// full finite-element model integrated by the core's Newmark scheme (RotorCore.time) at a step
// `substeps` times finer than the sampling interval, sampled at fs, with seeded sensor noise.
import type { RotorCore, UnbalanceMass } from "../rotor/core.js";
import type { SplitMix64 } from "./prng.js";

export interface RecordingOptions {
  /** rad/s */
  speed: number;
  unbalance: UnbalanceMass[];
  /** sampling frequency, Hz */
  fs: number;
  /** samples recorded */
  samples: number;
  /** samples simulated before the recording starts (the machine was already running) */
  preSamples: number;
  /** integration steps per sample (default 4) */
  substeps?: number;
}

export interface Recording {
  fs: number;
  nodes: number;
  samples: number;
  /** time of each sample since the simulation started from rest (s) */
  t: Float64Array;
  /** samples × 2·nodes (x_0, y_0, x_1, ...), m */
  disp: Float64Array;
  /** samples × 2·nodes, m/s² */
  acc: Float64Array;
}

export function simulate(rotor: RotorCore, o: RecordingOptions): Recording {
  const sub = o.substeps ?? 4;
  const dt = 1 / (o.fs * sub);
  const steps = (o.preSamples + o.samples - 1) * sub;
  // half a step beyond the last one so that floor(tEnd/dt) cannot round down
  const r = rotor.time({ speed: o.speed, tEnd: (steps + 0.5) * dt, dt, unbalance: o.unbalance, accelerations: true });
  const w = 2 * r.nodes;
  if (r.t.length < steps + 1) throw new Error(`simulate: ${r.t.length} time steps, expected ${steps + 1}`);
  const t = new Float64Array(o.samples);
  const disp = new Float64Array(o.samples * w);
  const acc = new Float64Array(o.samples * w);
  for (let j = 0; j < o.samples; j++) {
    const row = (o.preSamples + j) * sub;
    t[j] = r.t[row]!;
    disp.set(r.disp.subarray(row * w, (row + 1) * w), j * w);
    acc.set(r.acc!.subarray(row * w, (row + 1) * w), j * w);
  }
  for (const v of [disp, acc]) for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i]!)) throw new Error("simulate: non-finite response");
  return { fs: o.fs, nodes: r.nodes, samples: o.samples, t, disp, acc };
}

/** Column `col` of a samples × width table. */
export function column(table: Float64Array, width: number, col: number): Float64Array {
  const n = table.length / width;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = table[i * width + col]!;
  return out;
}

export function rms(x: ArrayLike<number>, from = 0): number {
  let s = 0;
  for (let i = from; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / (x.length - from));
}

/**
 * Adds white Gaussian noise of standard deviation level × RMS(clean signal) to each channel; the
 * draws are channel by channel, sample by sample, from `rng`. Returns { noisy, std }.
 */
export function addNoise(channels: Float64Array[], level: number, rng: SplitMix64): { noisy: Float64Array[]; std: number[] } {
  const std: number[] = [];
  const noisy = channels.map((x) => {
    const sd = level * rms(x);
    std.push(sd);
    const y = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) y[i] = x[i]! + sd * rng.normal();
    return y;
  });
  return { noisy, std };
}
