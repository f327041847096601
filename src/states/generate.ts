// Demo data for operating-state recognition (docs/vsense.md, models/states/README.md): the rig
// simulated at several speeds and unbalance levels (labelled states, one of them reserved as "unseen"
// for novelty detection), recorded as accelerations at the bearings with seeded sensor noise, and a
// feature table per state as `twin features` computes it, with a `state` label column.
//
// Everything is computed by the core in one job call (jobStatesGenerate, assembly/vsense/states.ts):
// the simulation, the noise, the rounding of the recorded values to 6 significant digits (and of the
// time column to 12) exactly as Number(x.toPrecision(p)) rounds, and the features of those rounded
// values. The host writes the values with the shortest decimal that reads back to the same double
// (Number#toString), so each recording CSV holds exactly the values its features were computed from,
// and `twin features` on it gives the feature table byte for byte.
import { Core } from "../core/core.js";
import type { RotorModel } from "../rotor/model.js";
import { encodeRotorModel } from "../rotor/model.js";
import { csvChunks } from "../signal/csv.js";
import { featureNames, type WindowKind, windowCode } from "../signal/core.js";
import { dofFromCodes } from "../vsense/dofs.js";
import { RequestBuilder } from "../vsense/request.js";
import { runExplained } from "../vsense/jobs.js";

/** One operating state of the demo data. */
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

/** The recording and feature parameters of `twin states generate`. */
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

/** Significant digits of the recorded values and of the time column. */
export const VALUE_DIGITS = 6;
export const TIME_DIGITS = 12;

/** One generated file: its name in the output directory and its text. */
export interface GeneratedFile {
  name: string;
  text: string;
}

/** The generated files (name and text) and the channel names. */
export interface GenerateResult {
  files: GeneratedFile[];
  channels: string[];
}

/** Layout version 1 of a jobStatesGenerate request. */
export function statesRequest(model: RotorModel, o: GenerateOptions): RequestBuilder {
  const b = new RequestBuilder();
  b.add("layout version", 1)
    .add("fs", o.fs)
    .add("seconds", o.seconds)
    .add("settle", o.settle)
    .add("substeps", o.substeps)
    .add("--noise", o.noise)
    .add("--seed", o.seed)
    .add("window", o.window)
    .add("hop", o.hop)
    .add("bands", o.bands)
    .add("window function", windowCode(o.windowFn))
    .add("value digits", VALUE_DIGITS)
    .add("time digits", TIME_DIGITS)
    .add("the rotor model", ...encodeRotorModel(model))
    .add("states", o.states.length);
  o.states.forEach((s) => b.add(`state ${s.name}`, s.speedRpm, s.unbalance));
  return b;
}

function channelName(node: number, dir: number): string {
  const d = dofFromCodes(node, dir);
  return `a${d.dir}_${d.node}`;
}

/** Every file of the demo data set: <state>.csv, <state>.features.csv, states.json (one job call). */
export function statesJob(model: RotorModel, o: GenerateOptions, core: Core = Core.default()): GenerateResult {
  const b = statesRequest(model, o);
  const v = runExplained(core, "jobStatesGenerate", b, (what, code, offset) => {
    if (code === 1 && what === "the rotor model" && offset === 2) return "the model needs a disk to carry the unbalance of the states";
    if (code === 1 && what === "the rotor model" && offset === 3) return "the model needs a bearing to carry the accelerometers";
    return undefined;
  });
  if (v[0] !== 1) throw new Error(`jobStatesGenerate: result layout version ${v[0]}`);
  const ns = v[1]!, c = v[2]!, n = v[3]!, nw = v[4]!, nf = v[5]!;
  const channels: string[] = [];
  for (let j = 0; j < c; j++) channels.push(channelName(v[6 + 2 * j]!, v[7 + 2 * j]!));
  const names = featureNames(o.bands, 0);
  if (names.length !== nf) throw new Error(`jobStatesGenerate: ${nf} features per channel, expected ${names.length}`);
  const featureHeader = ["t_start", ...channels.flatMap((ch) => names.map((f) => `${ch}_${f}`)), "state"];
  const files: GeneratedFile[] = [];
  let at = 6 + 2 * c;
  for (let s = 0; s < ns; s++) {
    const spec = o.states[s]!;
    const rec = v.subarray(at, at + n * (1 + c));
    at += n * (1 + c);
    let csv = "";
    for (const chunk of csvChunks(["t", ...channels], n, (i) => Array.from(rec.subarray(i * (1 + c), (i + 1) * (1 + c))))) csv += chunk;
    files.push({ name: `${spec.name}.csv`, text: csv });
    const width = 1 + c * nf;
    const feats = v.subarray(at, at + nw * width);
    at += nw * width;
    let text = "";
    for (const chunk of csvChunks(featureHeader, nw, (w) => Array.from(feats.subarray(w * width, (w + 1) * width)))) text += chunk;
    // csvChunks writes numbers only: the label goes at the end of every data line
    const lines = text.split("\n");
    files.push({ name: `${spec.name}.features.csv`, text: lines.map((l, i) => (l === "" || i === 0 ? l : `${l},${spec.name}`)).join("\n") });
  }
  if (at !== v.length) throw new Error(`jobStatesGenerate: ${v.length} result values, the layout says ${at}`);
  const { states, ...rest } = o;
  const manifest = {
    format: "twin-states",
    version: 1,
    model: model.name,
    channels,
    unbalance_node: model.disks?.[0]?.node ?? null,
    ...rest,
    states: states.map((s) => ({ name: s.name, speed_rpm: s.speedRpm, unbalance_kg_m: s.unbalance, unseen: s.unseen })),
  };
  files.push({ name: "states.json", text: JSON.stringify(manifest, null, 2) + "\n" });
  return { files, channels };
}
