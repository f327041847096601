// Labelled operating states of the test rig for the live runner's recogniser
// (models/live/rig-states.*): each state is simulated by the device simulator exactly as
// `twin device simulate` streams it (the same core integration, noise and ADC codes, the same
// frames), and the runner's own windows give the feature rows, so the recogniser learns the
// features the runner will compute live. The ELM is then trained as `twin elm train` trains it.
import type { Core } from "../core/core.js";
import { DeviceSimulator, type DeviceOptions } from "../device/simulator.js";
import { deviceFrame, frameSpec } from "../device/frames.js";
import { decodeFrame } from "../live/frame.js";
import { train, type ElmModel } from "../elm/model.js";
import type { RotorModel } from "../rotor/model.js";
import { signalFeatureNames, type RunnerConfig } from "../runner/config.js";
import { frameBlock, RunnerCore } from "../runner/core.js";
import { runnerRequest } from "../runner/request.js";

/** The rig's acquisition as models/live/test-rig.json expects it. */
export const RIG_ACQUISITION = { fs: 4000, rpm: 1200, noise: 0.0005, fullScale: 1, frameSamples: 200, tachWidth: 0.1 } as const;

export interface RigState {
  /** the class label */
  name: string;
  /** unbalance masses from the start (node, kg m, rad) */
  unbalance: { node: number; magnitude: number; phase: number }[];
  /** the change that leads into the state */
  events: NonNullable<DeviceOptions["events"]>;
  seed: number;
  /** the recording's windows that start at or after `from` s, for `seconds` s, are the state's */
  from: number;
  seconds: number;
}

/** The nominal unbalance of the rig: 1e-4 kg m on disc 1 (node 4). */
export const NOMINAL_UNBALANCE = [{ node: 4, magnitude: 1e-4, phase: 0 }];
/** When the nominal state's windows start (s): the start-up transient from rest has decayed by then. */
export const STATE_FROM = 3;

/**
 * The nominal state (40 s), and the unbalance state entered by adding 3e-4 kg m to disc 1 while
 * running (fourfold unbalance): four recordings of 10 s from the step, the step a quarter of a window
 * later each time, so the windows hold the transient that follows a step at any point of a window, as
 * recordings of such events would; the recogniser then knows the state from the first windows on.
 */
export const RIG_STATES: readonly RigState[] = [
  { name: "normal", unbalance: NOMINAL_UNBALANCE, events: [], seed: 11, from: STATE_FROM, seconds: 40 },
  ...[0, 1, 2, 3].map((k) => {
    const t = STATE_FROM + 0.096 + (k * 0.5) / 4;
    return { name: "unbalance", unbalance: NOMINAL_UNBALANCE, events: [{ t, kind: "unbalance" as const, node: 4, magnitude: 3e-4, phase: 0 }], seed: 12 + k, from: t, seconds: 10 };
  }),
];

/** The device options of the rig in a state (the same as the demo's `twin device simulate`). */
export function rigDeviceOptions(state: Pick<RigState, "unbalance" | "events" | "seed">): DeviceOptions {
  const a = RIG_ACQUISITION;
  return {
    fs: a.fs, speed: { kind: "constant", rpm: a.rpm }, unbalance: state.unbalance, events: state.events, noise: a.noise, seed: state.seed,
    adc: { bits: 16, fullScale: a.fullScale }, tachWidth: a.tachWidth,
  };
}

/** The measured channels' window features only: the recogniser must not depend on the model. */
export function recogniserFeatures(cfg: RunnerConfig): string[] {
  // phases are angles (they wrap): the recogniser takes the amplitudes
  const per = signalFeatureNames(cfg.windows!).filter((f) => !f.endsWith("_phase"));
  return cfg.sensors.flatMap((s) => per.map((f) => `${s.name}_${f}`));
}

/**
 * The window feature rows of a state's recording (the windows that start at or after `from` s, for
 * `seconds` s from the start at rest), computed by the runner's pipeline on the simulator's frames (no
 * recogniser, no monitors).
 */
export function rigStateWindows(cfg: RunnerConfig, model: RotorModel, state: RigState, core: Core): { names: string[]; rows: Float64Array[] } {
  const settle = state.from, seconds = state.seconds;
  const bare: RunnerConfig = { ...cfg, recogniser: null, monitors: [], alarms: [], sinks: [], recording: null };
  const sim = DeviceSimulator.open(model, rigDeviceOptions(state), {}, core);
  const spec = frameSpec(sim.info);
  const req = runnerRequest(bare, model, RIG_ACQUISITION.fs, null);
  const rc = RunnerCore.open(req.builder.values, core);
  const rows: Float64Array[] = [];
  try {
    const total = Math.round((settle + seconds) * RIG_ACQUISITION.fs) / RIG_ACQUISITION.frameSamples;
    for (let seq = 0; seq < total; seq++) {
      const frame = decodeFrame(deviceFrame(spec, sim.step(RIG_ACQUISITION.frameSamples), seq));
      const res = rc.step(frameBlock(frame, false));
      for (const w of res.windows) if (w.first / cfg.filter!.rate >= settle && w.flags === 0) rows.push(w.features);
    }
  } finally {
    rc.free();
    sim.free();
  }
  return { names: req.features, rows };
}

/** The training table (CSV text: the recogniser's features and a `state` column) and the trained model. */
export function trainRigRecogniser(cfg: RunnerConfig, model: RotorModel, core: Core): { csv: string; model: ElmModel; rows: number } {
  const tables = RIG_STATES.map((s) => ({ state: s, ...rigStateWindows(cfg, model, s, core) }));
  const names = tables[0]!.names;
  const features = recogniserFeatures(cfg);
  const cols = features.map((f) => names.indexOf(f));
  const lines = [[...features, "state"].join(",")];
  const X: number[] = [];
  const labels: string[] = [];
  for (const t of tables) {
    for (const r of t.rows) {
      const v = cols.map((c) => r[c]!);
      lines.push([...v.map((x) => String(x)), t.state.name].join(","));
      X.push(...v);
      labels.push(t.state.name);
    }
  }
  const elm = train(features, Float64Array.from(X), labels, {
    label: "state", hidden: 100, activation: "sigmoid", C: 1, seed: 1, standardize: true, novelty: "distance", noveltyQuantile: 0.99, noveltyK: 5,
  });
  return { csv: lines.join("\n") + "\n", model: elm, rows: labels.length };
}
