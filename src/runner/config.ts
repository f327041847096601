// The hybrid runner's configuration (docs/runner.md; JSON Schema in schemas/runner-config.schema.json):
// read, checked and resolved. Every fault is reported with its JSON path (`sensors[2].node`) as for
// rotor models (RunnerConfigError), all faults of a file together, before anything starts. Files the
// configuration reads (rotor model, recogniser) are relative to it; what the runner writes (the
// recording directory, sink files) is relative to the working directory.
import { dirname, resolve } from "node:path";
import { readFileSync } from "node:fs";
import { type Json } from "../io/json.js";
import { ModelError, type ModelFault, parseJsonDocument } from "../rotor/validate.js";
import { RunnerConfigError } from "./errors.js";
import { TIME_FEATURES, WINDOW_KINDS, type WindowKind } from "../signal/core.js";
import { ALL_RULES, WE_RULES, type RuleName } from "../spc/types.js";
import { MISMATCH_PARAMETERS, type Mismatch, type MismatchParameter } from "../vsense/mismatch.js";
import { AlarmConfigError, checkAlarmDefinitions } from "./alarms.js";
import { checkSinkSpecs, SinkConfigError } from "./sinks/sink.js";

export const CONFIG_FORMAT = "twin-runner-config";
export const CONFIG_VERSION = 1;

export type Direction = "x" | "y";
export type Quantity = "displacement" | "velocity" | "acceleration";
export const QUANTITIES: readonly Quantity[] = ["displacement", "velocity", "acceleration"];
export type ChartName = "imr" | "ewma" | "cusum";
export const CHARTS: readonly ChartName[] = ["imr", "ewma", "cusum"];

/** Where frames come from: the source URL (udp://, mqtt://, serial:, replay:) and the channels a frame carries. */
export interface SourceConfig {
  url: string;
  /** channels every frame must carry */
  channels: number;
  /** largest |physical value| accepted (beyond: over-range, frame rejected) */
  physicalRange?: number;
  clockToleranceSamples?: number;
}

/** A measured sensor: its channel, shaft node and direction, sensitivity and noise. */
export interface SensorConfig {
  name: string;
  channel: number;
  node: number;
  dir: Direction;
  /** unit of the frame's physical values (documentation; the filter works in m/s²) */
  unit: string;
  /** frame value per m/s² (e.g. 0.0102 for 100 mV/g sensors read in V) */
  sensitivity: number;
  /** measurement noise variance, (m/s²)² (the filter's R): noiseStd², or noiseVariance as given */
  noiseVariance: number;
}

/** Shaft speed: fixed, from a channel, or from a tach pulse channel. */
export type SpeedConfig =
  | { mode: "fixed"; rpm: number }
  | { mode: "channel"; channel: number; gain: number }
  | { mode: "tach"; channel: number; threshold: number; pulsesPerRev: number };

/** An unbalance mass at a shaft node (kg m, rad). */
export interface UnbalanceConfig {
  node: number;
  me: number;
  phase: number;
}

/** The unscented Kalman filter on the reduced rotor model. */
export interface FilterConfig {
  /** filter rate, Hz: the input rate divided by a whole number */
  rate: number;
  /** speed of the filter's model, rev/min */
  rpm: number;
  modes: number;
  modelError: number;
  firHalfLength: number;
  /** the nominal unbalance the filter's model is driven by */
  unbalance: UnbalanceConfig[];
  mismatch: Mismatch[];
  /** relative speed deviation beyond which virtual-sensor outputs are withheld */
  speedTolerance: number;
  /** longest gap (s) the filter predicts through before it starts over */
  maxPredictSeconds: number;
}

/** A virtual sensor: a quantity at a shaft node and direction, estimated by the filter. */
export interface VirtualSensorConfig {
  name: string;
  node: number;
  dir: Direction;
  quantity: Quantity;
}

/** The recognition windows and their features. */
export interface WindowConfig {
  /** filter-rate samples per window */
  length: number;
  hop: number;
  window: WindowKind;
  bands: number;
  /** orders 1X … KX (amplitude and phase against the shaft angle), 0 … 2 */
  orders: number;
}

/** The ELM state recogniser. */
export interface RecogniserConfig {
  /** model file of `twin elm train` (its features name window features) */
  model: string;
}

/** An SPC control chart on a window feature. */
export interface MonitorConfig {
  name: string;
  /** a window feature name (`<signal>_<feature>`) */
  feature: string;
  chart: ChartName;
  /** usable windows to let pass before learning or charting (a start-up transient) */
  skip: number;
  /** windows to learn the limits from (phase I), or given limits */
  learn?: number;
  limits?: { center: number; sigma: number };
  /** I-MR and EWMA limit width; EWMA λ; CUSUM k and h (standard errors) */
  L: number;
  lambda: number;
  k: number;
  h: number;
  rules: RuleName[];
}

/** Where the session is recorded, and how often it is checkpointed. */
export interface RecordingConfig {
  dir: string;
  /** seconds of stream between checkpoints */
  checkpointSeconds: number;
}

/** A channel of a feature stream (input "features"): one value per sample is one window's feature. */
export interface FeatureInputConfig {
  name: string;
  channel: number;
  /** multiplies the frame's physical value */
  gain: number;
}

/** A checked runner configuration (docs/runner.md; schemas/runner-config.schema.json), relative paths resolved. */
export interface RunnerConfig {
  /** the configuration file (absolute), for messages and relative paths; null for a configuration given in code */
  file: string | null;
  /** "waveforms": accelerations through the filter and windows; "features": a stream of feature vectors */
  input: "waveforms" | "features";
  /** the rotor model (waveforms; null for features) */
  model: string | null;
  source: SourceConfig;
  sensors: SensorConfig[];
  speed: SpeedConfig | null;
  filter: FilterConfig | null;
  /** the channels of a feature stream */
  features: FeatureInputConfig[];
  virtualSensors: VirtualSensorConfig[];
  windows: WindowConfig | null;
  recogniser: RecogniserConfig | null;
  monitors: MonitorConfig[];
  /** alarm definitions and sink specifications: checked by their own modules */
  alarms: Json;
  sinks: Json;
  recording: RecordingConfig | null;
  /** the document as written (recorded in sessions) */
  document: Json;
}

type Obj = { [key: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Collects faults by path while reading a document. */
class Reader {
  readonly faults: ModelFault[] = [];

  fault(path: string, message: string): void {
    this.faults.push({ path, message });
  }

  obj(v: Json | undefined, path: string, keys: { required: string[]; optional: string[] }): Obj | null {
    if (!isObj(v)) {
      this.fault(path, "must be an object");
      return null;
    }
    for (const k of keys.required) if (!(k in v)) this.fault(join(path, k), "missing");
    for (const k of Object.keys(v)) if (!keys.required.includes(k) && !keys.optional.includes(k)) this.fault(join(path, k), "unknown key");
    return v;
  }

  num(o: Obj, k: string, path: string, check: { min?: number; exclusiveMin?: number; max?: number; integer?: boolean }, dflt?: number): number {
    const p = join(path, k);
    const v = o[k];
    if (v === undefined) {
      if (dflt !== undefined) return dflt;
      this.fault(p, "missing");
      return NaN;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) {
      this.fault(p, "must be a finite number");
      return NaN;
    }
    if (check.integer && !Number.isInteger(v)) this.fault(p, `must be an integer: ${v}`);
    else if (check.min !== undefined && v < check.min) this.fault(p, `must be at least ${check.min}: ${v}`);
    else if (check.exclusiveMin !== undefined && !(v > check.exclusiveMin)) this.fault(p, `must be greater than ${check.exclusiveMin}: ${v}`);
    else if (check.max !== undefined && v > check.max) this.fault(p, `must be at most ${check.max}: ${v}`);
    return v;
  }

  str(o: Obj, k: string, path: string, dflt?: string, choices?: readonly string[]): string {
    const p = join(path, k);
    const v = o[k];
    if (v === undefined) {
      if (dflt !== undefined) return dflt;
      this.fault(p, "missing");
      return "";
    }
    if (typeof v !== "string" || v === "") {
      this.fault(p, "must be a non-empty string");
      return "";
    }
    if (choices && !choices.includes(v)) this.fault(p, `must be one of ${choices.join(", ")}: ${JSON.stringify(v)}`);
    return v;
  }

  arr(o: Obj, k: string, path: string, required: boolean): Json[] {
    const v = o[k];
    if (v === undefined) {
      if (required) this.fault(join(path, k), "missing");
      return [];
    }
    if (!Array.isArray(v)) {
      this.fault(join(path, k), "must be an array");
      return [];
    }
    return v;
  }
}

/** Checks that each name is a valid one and used once in the configuration (a fault otherwise). */
function nameRegistry(r: Reader): (name: string, path: string) => void {
  const names = new Map<string, string>();
  return (name, path) => {
    if (!NAME.test(name)) r.fault(path, `must be a name of letters, digits, _ and - starting with a letter: ${JSON.stringify(name)}`);
    else if (names.has(name)) r.fault(path, `repeats the name of ${names.get(name)}`);
    else names.set(name, path);
  };
}

const join = (path: string, k: string | number): string => (typeof k === "number" ? `${path}[${k}]` : path === "" ? k : `${path}.${k}`);
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/**
 * Checks a configuration document; `file` is where it came from (relative paths resolve against its
 * directory, and messages name it). Without a file (a configuration given in code) relative paths
 * resolve against `baseDir` (default the working directory).
 */
export function checkRunnerConfig(doc: Json, file: string | undefined, baseDir?: string): RunnerConfig {
  const r = new Reader();
  const features = isObj(doc) && doc.input === "features";
  const top = r.obj(
    doc,
    "",
    features
      ? { required: ["format", "version", "input", "source", "features"], optional: ["$schema", "description", "recogniser", "monitors", "alarms", "sinks", "recording"] }
      : {
          required: ["format", "version", "model", "source", "sensors", "speed", "filter"],
          optional: ["$schema", "description", "input", "virtualSensors", "windows", "recogniser", "monitors", "alarms", "sinks", "recording"],
        },
  );
  if (top === null) throw new RunnerConfigError(file, r.faults);
  if (top.format !== CONFIG_FORMAT) r.fault("format", `must be "${CONFIG_FORMAT}"`);
  if (top.version !== CONFIG_VERSION) r.fault("version", `must be ${CONFIG_VERSION}`);
  if (top.input !== undefined && top.input !== "waveforms" && top.input !== "features") r.fault("input", `must be "waveforms" or "features"`);
  const base = file !== undefined ? dirname(resolve(file)) : resolve(baseDir ?? ".");
  if (features) return featureConfig(r, top, file, base, doc);
  const model = resolve(base, r.str(top, "model", ""));

  const source = readSource(r, top);

  const named = nameRegistry(r);
  const sensors: SensorConfig[] = r.arr(top, "sensors", "", true).map((s, i) => {
    const p = join("sensors", i);
    const o = r.obj(s, p, { required: ["name", "channel", "node", "dir", "sensitivity"], optional: ["unit", "description", "noiseStd", "noiseVariance"] }) ?? {};
    if ((o.noiseStd === undefined) === (o.noiseVariance === undefined)) r.fault(p, "give the sensor's noise as noiseStd (m/s²) or noiseVariance ((m/s²)²), one of them");
    const std = o.noiseStd !== undefined ? r.num(o, "noiseStd", p, { exclusiveMin: 0 }) : NaN;
    const c: SensorConfig = {
      name: r.str(o, "name", p),
      channel: r.num(o, "channel", p, { min: 0, max: 63, integer: true }),
      node: r.num(o, "node", p, { min: 0, integer: true }),
      dir: r.str(o, "dir", p, undefined, ["x", "y"]) as Direction,
      unit: r.str(o, "unit", p, "m/s2"),
      sensitivity: r.num(o, "sensitivity", p, { exclusiveMin: 0 }),
      noiseVariance: o.noiseVariance !== undefined ? r.num(o, "noiseVariance", p, { exclusiveMin: 0 }) : std * std,
    };
    named(c.name, join(p, "name"));
    if (Number.isInteger(c.channel) && Number.isInteger(source.channels) && c.channel >= source.channels) r.fault(join(p, "channel"), `must be below source.channels (${source.channels}): ${c.channel}`);
    return c;
  });
  if (sensors.length === 0 && Array.isArray(top.sensors)) r.fault("sensors", "must name at least one sensor");
  sensors.forEach((s, i) => {
    const j = sensors.findIndex((t) => t.node === s.node && t.dir === s.dir);
    if (j < i) r.fault(join(join("sensors", i), "node"), `measures the same place as sensors[${j}] (${s.node}:${s.dir})`);
  });

  let speed: SpeedConfig = { mode: "fixed", rpm: NaN };
  const sp = r.obj(top.speed, "speed", { required: ["mode"], optional: ["rpm", "channel", "gain", "threshold", "pulsesPerRev"] });
  if (sp !== null) {
    const mode = r.str(sp, "mode", "speed", undefined, ["fixed", "channel", "tach"]);
    if (mode === "fixed") speed = { mode, rpm: r.num(sp, "rpm", "speed", { exclusiveMin: 0 }) };
    else if (mode === "channel") speed = { mode, channel: r.num(sp, "channel", "speed", { min: 0, max: 63, integer: true }), gain: r.num(sp, "gain", "speed", {}, 1) };
    else if (mode === "tach")
      speed = {
        mode,
        channel: r.num(sp, "channel", "speed", { min: 0, max: 63, integer: true }),
        threshold: r.num(sp, "threshold", "speed", {}),
        pulsesPerRev: r.num(sp, "pulsesPerRev", "speed", { min: 1, max: 1024, integer: true }, 1),
      };
    if (speed.mode !== "fixed" && speed.channel >= source.channels) r.fault("speed.channel", `must be below source.channels (${source.channels}): ${speed.channel}`);
  }

  const fo = r.obj(top.filter, "filter", {
    required: ["rate", "rpm", "unbalance"],
    optional: ["modes", "modelError", "firHalfLength", "mismatch", "speedTolerance", "maxPredictSeconds"],
  }) ?? {};
  const filter: FilterConfig = {
    rate: r.num(fo, "rate", "filter", { exclusiveMin: 0 }),
    rpm: r.num(fo, "rpm", "filter", { exclusiveMin: 0 }),
    modes: r.num(fo, "modes", "filter", { min: 1, integer: true }, 8),
    modelError: r.num(fo, "modelError", "filter", { min: 0 }, 0.05),
    firHalfLength: r.num(fo, "firHalfLength", "filter", { min: 1, max: 64, integer: true }, 8),
    unbalance: r.arr(fo, "unbalance", "filter", true).map((u, i) => {
      const p = join("filter.unbalance", i);
      const o = r.obj(u, p, { required: ["node", "me"], optional: ["phase"] }) ?? {};
      return { node: r.num(o, "node", p, { min: 0, integer: true }), me: r.num(o, "me", p, { min: 0 }), phase: r.num(o, "phase", p, {}, 0) };
    }),
    mismatch: r.arr(fo, "mismatch", "filter", false).map((u, i) => {
      const p = join("filter.mismatch", i);
      const o = r.obj(u, p, { required: ["parameter", "percent"], optional: [] }) ?? {};
      return {
        parameter: r.str(o, "parameter", p, undefined, MISMATCH_PARAMETERS) as MismatchParameter,
        percent: r.num(o, "percent", p, { exclusiveMin: -100 }),
      };
    }),
    speedTolerance: r.num(fo, "speedTolerance", "filter", { min: 0 }, 0.02),
    maxPredictSeconds: r.num(fo, "maxPredictSeconds", "filter", { min: 0 }, 2),
  };

  const virtualSensors: VirtualSensorConfig[] = r.arr(top, "virtualSensors", "", false).map((v, i) => {
    const p = join("virtualSensors", i);
    const o = r.obj(v, p, { required: ["name", "node", "dir", "quantity"], optional: ["description"] }) ?? {};
    const c: VirtualSensorConfig = {
      name: r.str(o, "name", p),
      node: r.num(o, "node", p, { min: 0, integer: true }),
      dir: r.str(o, "dir", p, undefined, ["x", "y"]) as Direction,
      quantity: r.str(o, "quantity", p, undefined, QUANTITIES) as Quantity,
    };
    named(c.name, join(p, "name"));
    const s = sensors.findIndex((t) => t.node === c.node && t.dir === c.dir);
    if (s >= 0) r.fault(join(p, "node"), `is measured by sensors[${s}]: a virtual sensor estimates an unmeasured place`);
    return c;
  });

  let windows: WindowConfig | null = null;
  if (top.windows !== undefined) {
    const wo = r.obj(top.windows, "windows", { required: ["length"], optional: ["hop", "window", "bands", "orders"] }) ?? {};
    const length = r.num(wo, "length", "windows", { min: 2, integer: true });
    windows = {
      length,
      hop: r.num(wo, "hop", "windows", { min: 1, integer: true }, length),
      window: r.str(wo, "window", "windows", "hann", WINDOW_KINDS) as WindowKind,
      bands: r.num(wo, "bands", "windows", { min: 1, max: Math.max(1, Math.floor(length / 2)), integer: true }, Math.min(8, Math.floor(length / 2))),
      orders: r.num(wo, "orders", "windows", { min: 0, max: 2, integer: true }, 2),
    };
  }

  let recogniser: RecogniserConfig | null = null;
  if (top.recogniser !== undefined) {
    const ro = r.obj(top.recogniser, "recogniser", { required: ["model"], optional: [] }) ?? {};
    recogniser = { model: resolve(base, r.str(ro, "model", "recogniser")) };
    if (windows === null) r.fault("recogniser", "needs windows (the recogniser classifies window features)");
  }

  const featureNames = windows === null ? [] : windowFeatureNames([...sensors.map((s) => s.name), ...virtualSensors.map((v) => v.name)], windows);
  const monitors = readMonitors(r, top, featureNames, windows !== null, named);
  const recording = readRecording(r, top);
  const { alarms, sinks } = alarmsAndSinks(r, top, monitors, virtualSensors.map((v) => v.name));
  if (r.faults.length > 0) throw new RunnerConfigError(file, r.faults);
  return {
    file: file !== undefined ? resolve(file) : null, input: "waveforms", model, source, sensors, speed, filter, features: [], virtualSensors, windows, recogniser, monitors,
    alarms, sinks, recording, document: doc,
  };
}

/**
 * The alarms (src/runner/alarms.ts) and sinks (src/runner/sinks) checked by their own modules, their
 * faults located here; every alarm source names something this configuration has. Output paths (sink
 * files, the recording) are relative to the working directory: a configuration can live read-only.
 */
function alarmsAndSinks(r: Reader, top: Obj, monitors: MonitorConfig[], virtualSensors: string[]): { alarms: Json; sinks: Json } {
  const alarms = top.alarms ?? [];
  try {
    checkAlarmDefinitions(alarms, "alarms").forEach((a, i) => {
      const ok = a.source === "novelty" || (a.source.startsWith("spc:") && monitors.some((m) => m.name === a.source.slice(4))) || (a.source.startsWith("threshold:") && virtualSensors.includes(a.source.slice(10)));
      if (!ok) r.fault(`alarms[${i}].source`, `names nothing this configuration has: ${JSON.stringify(a.source)} (novelty, spc:<monitor>, threshold:<virtual sensor>)`);
    });
  } catch (e) {
    if (!(e instanceof AlarmConfigError)) throw e;
    r.fault(e.path, e.message.slice(e.path.length + 2));
  }
  const sinks = top.sinks ?? [];
  try {
    checkSinkSpecs(sinks, "sinks");
  } catch (e) {
    if (!(e instanceof SinkConfigError)) throw e;
    r.fault(e.path, e.message.slice(e.path.length + 2));
  }
  return { alarms, sinks };
}

/** A feature-stream configuration: channels named as features, recogniser and monitors on them. */
function featureConfig(r: Reader, top: Obj, file: string | undefined, base: string, doc: Json): RunnerConfig {
  const source = readSource(r, top);
  const named = nameRegistry(r);
  const features: FeatureInputConfig[] = r.arr(top, "features", "", true).map((f, i) => {
    const p = join("features", i);
    const o = r.obj(f, p, { required: ["name", "channel"], optional: ["gain", "unit", "description"] }) ?? {};
    const c = { name: r.str(o, "name", p), channel: r.num(o, "channel", p, { min: 0, max: 63, integer: true }), gain: r.num(o, "gain", p, {}, 1) };
    named(c.name, join(p, "name"));
    if (Number.isInteger(c.channel) && c.channel >= source.channels) r.fault(join(p, "channel"), `must be below source.channels (${source.channels}): ${c.channel}`);
    return c;
  });
  if (features.length === 0 && Array.isArray(top.features)) r.fault("features", "must name at least one feature");
  let recogniser: RecogniserConfig | null = null;
  if (top.recogniser !== undefined) {
    const ro = r.obj(top.recogniser, "recogniser", { required: ["model"], optional: [] }) ?? {};
    recogniser = { model: resolve(base, r.str(ro, "model", "recogniser")) };
  }
  const monitors = readMonitors(r, top, features.map((f) => f.name), true, named);
  const recording = readRecording(r, top);
  const { alarms, sinks } = alarmsAndSinks(r, top, monitors, []);
  if (r.faults.length > 0) throw new RunnerConfigError(file, r.faults);
  return {
    file: file !== undefined ? resolve(file) : null, input: "features", model: null, source, sensors: [], speed: null, filter: null, features, virtualSensors: [], windows: null, recogniser,
    monitors, alarms, sinks, recording, document: doc,
  };
}

function readSource(r: Reader, top: Obj): SourceConfig {
  const so = r.obj(top.source, "source", { required: ["url", "channels"], optional: ["physicalRange", "clockToleranceSamples"] }) ?? {};
  const source: SourceConfig = {
    url: r.str(so, "url", "source"),
    channels: r.num(so, "channels", "source", { min: 1, max: 64, integer: true }),
  };
  if (so.physicalRange !== undefined) source.physicalRange = r.num(so, "physicalRange", "source", { exclusiveMin: 0 });
  if (so.clockToleranceSamples !== undefined) source.clockToleranceSamples = r.num(so, "clockToleranceSamples", "source", { min: 0, integer: true });
  return source;
}

function readRecording(r: Reader, top: Obj): RecordingConfig | null {
  if (top.recording === undefined) return null;
  const ro = r.obj(top.recording, "recording", { required: ["dir"], optional: ["checkpointSeconds"] }) ?? {};
  return { dir: resolve(r.str(ro, "dir", "recording")), checkpointSeconds: r.num(ro, "checkpointSeconds", "recording", { exclusiveMin: 0 }, 10) };
}

function readMonitors(r: Reader, top: Obj, features: string[], haveFeatures: boolean, named: (name: string, path: string) => void): MonitorConfig[] {
  return r.arr(top, "monitors", "", false).map((m, i) => {
    const p = join("monitors", i);
    const o = r.obj(m, p, { required: ["name", "feature", "chart"], optional: ["skip", "learn", "limits", "L", "lambda", "k", "h", "rules", "description"] }) ?? {};
    const c: MonitorConfig = {
      name: r.str(o, "name", p),
      feature: r.str(o, "feature", p),
      chart: r.str(o, "chart", p, undefined, CHARTS) as ChartName,
      skip: r.num(o, "skip", p, { min: 0, integer: true }, 0),
      L: r.num(o, "L", p, { exclusiveMin: 0 }, 3),
      lambda: r.num(o, "lambda", p, { exclusiveMin: 0, max: 1 }, 0.2),
      k: r.num(o, "k", p, { min: 0 }, 0.5),
      h: r.num(o, "h", p, { exclusiveMin: 0 }, 5),
      rules: r.arr(o, "rules", p, false).map((x, j) => {
        if (typeof x !== "string" || !(ALL_RULES as readonly string[]).includes(x)) r.fault(join(join(p, "rules"), j), `must be one of ${ALL_RULES.join(", ")}`);
        return x as RuleName;
      }),
    };
    if (o.rules === undefined) c.rules = c.chart === "imr" ? [...WE_RULES] : [];
    named(c.name, join(p, "name"));
    if (!haveFeatures) r.fault(p, "needs windows (monitors watch window features)");
    else if (c.feature !== "" && !features.includes(c.feature)) r.fault(join(p, "feature"), `is not a feature of this configuration: ${JSON.stringify(c.feature)} (${features.length > 12 ? `window features are <signal>_<name>, e.g. ${features[2]}` : `one of ${features.join(", ")}`})`);
    if (o.learn !== undefined && o.limits !== undefined) r.fault(p, "give either learn or limits, not both");
    else if (o.limits !== undefined) {
      const lp = join(p, "limits");
      const lo = r.obj(o.limits, lp, { required: ["center", "sigma"], optional: [] }) ?? {};
      c.limits = { center: r.num(lo, "center", lp, {}), sigma: r.num(lo, "sigma", lp, { exclusiveMin: 0 }) };
    } else c.learn = r.num(o, "learn", p, { min: c.chart === "imr" ? 2 : 1, integer: true }, 30);
    if (c.chart !== "imr" && o.rules !== undefined && c.rules.length > 0) r.fault(join(p, "rules"), "run rules apply to I-MR charts only (EWMA and CUSUM points are autocorrelated)");
    return c;
  });
}

/** Reads and checks a configuration file (located errors: RunnerConfigError). */
export function loadRunnerConfig(file: string): RunnerConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new RunnerConfigError(file, [{ path: "", message: `cannot read: ${(e as Error).message}` }]);
  }
  let doc: Json;
  try {
    doc = parseJsonDocument(text, file);
  } catch (e) {
    if (e instanceof ModelError) throw new RunnerConfigError(file, e.faults);
    throw e;
  }
  return checkRunnerConfig(doc, file);
}

/** Per-signal feature names of a window (the columns of `twin features`, then the orders). */
export function signalFeatureNames(w: WindowConfig): string[] {
  const names: string[] = [...TIME_FEATURES];
  for (let b = 1; b <= w.bands; b++) names.push(`band${b}`);
  for (let k = 1; k <= w.orders; k++) names.push(`${k}x`, `${k}x_phase`);
  return names;
}

/** Every window feature, signal by signal: `<signal>_<feature>`. */
export function windowFeatureNames(signals: string[], w: WindowConfig): string[] {
  const per = signalFeatureNames(w);
  return signals.flatMap((s) => per.map((f) => `${s}_${f}`));
}
