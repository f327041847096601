// Demo data for operating-state recognition (docs/vsense.md, models/states/README.md): the rig
// simulated at several speeds and unbalance levels (labelled states, one of them reserved as "unseen"
// for novelty detection), recorded as accelerations at the bearings with seeded sensor noise, and a
// feature table per state computed exactly as `twin features` computes it (src/signal), with a
// `state` label column.
//
// Each state: the full model integrated from rest (Newmark, RotorCore.time) through a run-up of
// `settle` seconds, so that the free vibration excited by the start has decayed (the first bending
// mode of the test rig has a damping ratio of about 0.35 %: amplitude e^{-ζωt} ≈ 2 % after 10 s),
// then `seconds` of recording. Noise: std = noise × RMS of the clean channel (SplitMix64 stream of the
// state, seeded by seed and the state's index). Values are written with 6 significant digits
// (Number.prototype.toPrecision, exactly specified by ECMAScript), so the same seed gives the same bytes.
import { Core } from "../core/core.js";
import { RotorCore, type UnbalanceMass } from "../rotor/core.js";
import type { RotorModel } from "../rotor/model.js";
import { csvChunks, parseSignalCsv } from "../signal/csv.js";
import { featureTable } from "../signal/features.js";
import { SignalCore, type WindowKind } from "../signal/core.js";
import { defaultSensors } from "../vsense/defaults.js";
import { type Dof, responseColumn } from "../vsense/dofs.js";
import { SplitMix64 } from "../vsense/prng.js";
import { addNoise, column, simulate } from "../vsense/truth.js";

export interface StateSpec {
  /** label, also the file name stem */
  name: string;
  speedRpm: number;
  /** unbalance m·e on the first disk, kg m */
  unbalance: number;
  /** reserved for novelty detection: never used in training */
  unseen: boolean;
}

/**
 * Speeds below the test rig's first critical (1576 rpm) and between its bending and pedestal
 * criticals, two unbalance levels (ISO 1940 G2.5 for this 11.9 kg rotor at 1200 rpm is about
 * 2.4e-4 kg m); 1800 rpm is left out of training.
 */
export const DEFAULT_STATES: StateSpec[] = [
  { name: "s0900_u1", speedRpm: 900, unbalance: 1e-4, unseen: false },
  { name: "s0900_u4", speedRpm: 900, unbalance: 4e-4, unseen: false },
  { name: "s1200_u1", speedRpm: 1200, unbalance: 1e-4, unseen: false },
  { name: "s1200_u4", speedRpm: 1200, unbalance: 4e-4, unseen: false },
  { name: "s2400_u1", speedRpm: 2400, unbalance: 1e-4, unseen: false },
  { name: "s1800_u2", speedRpm: 1800, unbalance: 2e-4, unseen: true },
];

export interface GenerateOptions {
  states: StateSpec[];
  /** sampling frequency, Hz */
  fs: number;
  /** recorded seconds per state */
  seconds: number;
  /** simulated run-up before recording, s */
  settle: number;
  /** Newmark steps per sample */
  substeps: number;
  /** sensor noise relative to the clean RMS */
  noise: number;
  seed: number;
  /** features: samples per window, hop, bands, spectral window */
  window: number;
  hop: number;
  bands: number;
  windowFn: WindowKind;
}

export const GENERATE_DEFAULTS: Omit<GenerateOptions, "states"> = {
  fs: 2000,
  seconds: 3,
  settle: 10,
  substeps: 2,
  noise: 0.02,
  seed: 1,
  window: 200,
  hop: 100,
  bands: 4,
  windowFn: "hann",
};

export interface GeneratedFile {
  name: string;
  text: string;
}

/** 6 significant digits, shortest form of the rounded value. */
function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function channelName(d: Dof): string {
  return `a${d.dir}_${d.node}`;
}

/** The recording of one state as CSV text: t, then the accelerations of `channels`. */
export function recordState(rotor: RotorCore, model: RotorModel, spec: StateSpec, index: number, o: Omit<GenerateOptions, "states">, channels: Dof[]): string {
  const disk = model.disks?.[0];
  if (disk === undefined) throw new RangeError(`model ${model.name} has no disk to carry the unbalance`);
  const unbalance: UnbalanceMass[] = [{ node: disk.node, magnitude: spec.unbalance, phase: 0 }];
  const samples = Math.round(o.seconds * o.fs);
  const rec = simulate(rotor, { speed: (spec.speedRpm * 2 * Math.PI) / 60, unbalance, fs: o.fs, samples, preSamples: Math.round(o.settle * o.fs), substeps: o.substeps });
  const w = 2 * rec.nodes;
  const clean = channels.map((d) => column(rec.acc, w, responseColumn(d)));
  // one stream per state: seed and state index through SplitMix64's own mixing (distinct seeds)
  const rng = new SplitMix64((BigInt(o.seed) * 1000003n + BigInt(index)) & ((1n << 64n) - 1n));
  const { noisy } = addNoise(clean, o.noise, rng);
  const lines = [["t", ...channels.map(channelName)].join(",")];
  for (let i = 0; i < samples; i++) lines.push([String(Number((i / o.fs).toPrecision(12))), ...noisy.map((z) => fmt(z[i]!))].join(","));
  return lines.join("\n") + "\n";
}

/** Features of a recording, as `twin features FILE --fs --window --hop --bands --window-fn` gives them, plus `state`. */
export function stateFeatures(csv: string, file: string, state: string, o: Omit<GenerateOptions, "states">, sig: SignalCore): string {
  const table = parseSignalCsv(csv, file);
  const ft = featureTable(table, { fs: o.fs, window: o.window, hop: o.hop, bands: o.bands, windowFn: o.windowFn }, file, sig);
  let text = "";
  for (const chunk of csvChunks([...ft.header, "state"], ft.rows, (r) => ft.row(r))) text += chunk;
  // csvChunks writes numbers only: append the label to every line after the header
  const lines = text.split("\n");
  return lines.map((l, i) => (l === "" ? l : i === 0 ? l : `${l},${state}`)).join("\n");
}

export interface GenerateResult {
  files: GeneratedFile[];
  channels: string[];
}

/** Every file of the demo data set: <state>.csv, <state>.features.csv, states.json. */
export function generateStates(model: RotorModel, o: GenerateOptions, core: Core = Core.default()): GenerateResult {
  const channels = defaultSensors(model);
  const rotor = RotorCore.load(model, core);
  const sig = new SignalCore(core);
  const files: GeneratedFile[] = [];
  const { states, ...rest } = o;
  try {
    states.forEach((spec, i) => {
      const csv = recordState(rotor, model, spec, i, rest, channels);
      files.push({ name: `${spec.name}.csv`, text: csv });
      files.push({ name: `${spec.name}.features.csv`, text: stateFeatures(csv, `${spec.name}.csv`, spec.name, rest, sig) });
    });
  } finally {
    rotor.free();
  }
  const manifest = {
    format: "twin-states",
    version: 1,
    model: model.name,
    channels: channels.map(channelName),
    unbalance_node: model.disks?.[0]?.node ?? null,
    ...rest,
    states: states.map((s) => ({ name: s.name, speed_rpm: s.speedRpm, unbalance_kg_m: s.unbalance, unseen: s.unseen })),
  };
  files.push({ name: "states.json", text: JSON.stringify(manifest, null, 2) + "\n" });
  return { files, channels: channels.map(channelName) };
}
