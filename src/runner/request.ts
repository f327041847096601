// The core request of a runner (assembly/ABI.md, "Hybrid runner", request RN) from a checked
// configuration, the rotor model and the recogniser's model file. Each value is noted with the
// configuration path it came from, so a value the core refuses is reported against that path.
import type { RotorModel } from "../rotor/model.js";
import { RequestBuilder, sessionRequest } from "../vsense/request.js";
import { windowCode } from "../signal/core.js";
import { encodeModelBlock } from "../elm/jobs.js";
import { modelNumbers, type ElmModel } from "../elm/model.js";
import { conventionBits, ruleBits } from "../spc/core-stream.js";
import { DEFAULT_CONVENTIONS } from "../spc/conventions.js";
import { QUANTITIES, type RunnerConfig, windowFeatureNames } from "./config.js";

export const SPEED_CODE = { fixed: 0, channel: 1, tach: 2 } as const;
export const CHART_CODE = { imr: 0, ewma: 3, cusum: 4 } as const;

/** A configuration the core cannot run, with the path of the value at fault (a RunnerConfigError once the runner places it in its file). */
export class RequestFault extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "RequestFault";
  }
}

export interface RunnerRequest {
  builder: RequestBuilder;
  /** the decimation factor input rate / filter rate */
  decimation: number;
  /** window feature names, in the order of the result */
  features: string[];
  /** signals: sensors, then virtual sensors */
  signals: string[];
}

/** The decimation factor: the input rate must be the filter rate times a whole number. */
export function decimationFactor(inputRate: number, filterRate: number): number {
  const D = Math.round(inputRate / filterRate);
  if (!(D >= 1) || inputRate / D !== filterRate) {
    throw new RequestFault("filter.rate", `the input rate ${inputRate} Hz is not a whole multiple of the filter rate ${filterRate} Hz`);
  }
  return D;
}

/**
 * The request of a runner fed at `inputRate` (Hz, the frames' rate). `recogniser` is the model file
 * the configuration names (already read), or null.
 */
export function runnerRequest(cfg: RunnerConfig, model: RotorModel | null, inputRate: number, recogniser: ElmModel | null): RunnerRequest {
  if (cfg.input === "features") return featureRequest(cfg, inputRate, recogniser);
  if (model === null || cfg.filter === null || cfg.speed === null) throw new Error("a waveform configuration needs its rotor model, filter and speed");
  const filter = cfg.filter;
  const D = decimationFactor(inputRate, filter.rate);
  const b = new RequestBuilder();
  b.add("layout version", 1).add("request kind (waveforms)", 0).add("the input rate (frames)", inputRate).add("source.channels", cfg.source.channels).add("filter.rate", D).add("filter.firHalfLength", filter.firHalfLength);
  b.add("sensors", cfg.sensors.length);
  cfg.sensors.forEach((s, i) => b.add(`sensors[${i}].channel`, s.channel).add(`sensors[${i}].sensitivity`, 1 / s.sensitivity));
  const sp = cfg.speed;
  b.add("speed.mode", SPEED_CODE[sp.mode]);
  b.add(sp.mode === "fixed" ? "speed.rpm" : "speed.gain", sp.mode === "fixed" ? sp.rpm : sp.mode === "channel" ? sp.gain : 0);
  b.add("speed.channel", sp.mode === "fixed" ? -1 : sp.channel);
  b.add("speed.threshold", sp.mode === "tach" ? sp.threshold : 0);
  b.add("speed.pulsesPerRev", sp.mode === "tach" ? sp.pulsesPerRev : 1);
  b.add("filter.speedTolerance", filter.speedTolerance);
  b.add("filter.maxPredictSeconds", Math.round(filter.maxPredictSeconds * filter.rate));
  // the virtual sensor's places: the measured ones, and every place a virtual sensor names
  const places: { node: number; dir: "x" | "y" }[] = [];
  for (const v of cfg.virtualSensors) if (!places.some((p) => p.node === v.node && p.dir === v.dir)) places.push({ node: v.node, dir: v.dir });
  const se = sessionRequest(model, {
    speedRpm: filter.rpm,
    fs: filter.rate,
    n0: 0,
    modes: filter.modes,
    modelError: filter.modelError,
    unbalance: filter.unbalance.map((u) => ({ node: u.node, magnitude: u.me, phase: u.phase })),
    sensors: cfg.sensors.map((s) => ({ node: s.node, dir: s.dir })),
    estimates: places,
    mismatch: filter.mismatch,
    R: cfg.sensors.map((s) => s.noiseVariance),
  });
  b.add("the filter's session request (length)", se.length);
  b.append(renameSession(se, cfg));
  b.add("virtualSensors", cfg.virtualSensors.length);
  cfg.virtualSensors.forEach((v, i) => {
    const at = places.findIndex((p) => p.node === v.node && p.dir === v.dir);
    b.add(`virtualSensors[${i}].node`, at).add(`virtualSensors[${i}].quantity`, QUANTITIES.indexOf(v.quantity));
  });
  const signals = [...cfg.sensors.map((s) => s.name), ...cfg.virtualSensors.map((v) => v.name)];
  const w = cfg.windows;
  const features = w === null ? [] : windowFeatureNames(signals, w);
  if (w === null) b.add("windows", 0, 0, 0, 0, 0);
  else b.add("windows.length", w.length).add("windows.hop", w.hop).add("windows.window", windowCode(w.window)).add("windows.bands", w.bands).add("windows.orders", w.orders);
  recogniserAndMonitors(b, cfg, features, recogniser);
  return { builder: b, decimation: D, features, signals };
}

/** A feature-stream request (kind 1): the channels are the features. */
function featureRequest(cfg: RunnerConfig, inputRate: number, recogniser: ElmModel | null): RunnerRequest {
  const b = new RequestBuilder();
  b.add("layout version", 1).add("request kind (features)", 1).add("the input rate (frames)", inputRate).add("source.channels", cfg.source.channels);
  b.add("features", cfg.features.length);
  cfg.features.forEach((f, i) => b.add(`features[${i}].channel`, f.channel).add(`features[${i}].gain`, f.gain));
  const features = cfg.features.map((f) => f.name);
  recogniserAndMonitors(b, cfg, features, recogniser);
  return { builder: b, decimation: 1, features, signals: [] };
}

function recogniserAndMonitors(b: RequestBuilder, cfg: RunnerConfig, features: string[], recogniser: ElmModel | null): void {
  if (recogniser === null) b.add("recogniser", 0);
  else {
    b.add("recogniser", 1);
    b.addAll("recogniser.model", encodeModelBlock(modelNumbers(recogniser), false, true));
    recogniser.features.forEach((f, i) => {
      const at = features.indexOf(f);
      if (at < 0) throw new RequestFault("recogniser.model", `the model's feature ${JSON.stringify(f)} (features[${i}]) is not a feature of this configuration`);
      b.add(`recogniser.model: features[${i}]`, at);
    });
  }
  b.add("monitors", cfg.monitors.length);
  cfg.monitors.forEach((m, i) => {
    const p = `monitors[${i}]`;
    const flags = ruleBits(m.rules) | conventionBits(DEFAULT_CONVENTIONS);
    const [p1, p2] = m.chart === "imr" ? [m.L, 0] : m.chart === "ewma" ? [m.lambda, m.L] : [m.k, m.h];
    b.add(`${p}.feature`, features.indexOf(m.feature)).add(`${p}.chart`, CHART_CODE[m.chart]).add(`${p}.skip`, m.skip).add(`${p}.learn`, m.learn ?? 0);
    b.add(`${p}.limits.center`, m.limits?.center ?? 0).add(`${p}.limits.sigma`, m.limits?.sigma ?? 1);
    b.add(m.chart === "imr" ? `${p}.L` : m.chart === "ewma" ? `${p}.lambda` : `${p}.k`, p1).add(m.chart === "cusum" ? `${p}.h` : `${p}.L`, p2);
    b.add(`${p}.rules`, flags).add(`${p} (CUSUM head start)`, 0);
  });
}

/** "sensors item 2 (10:x)" → sensors[1].node; "estimates item …" → the first virtual sensor at that place. */
function placeName(what: string, cfg: RunnerConfig): string | undefined {
  const m = /^(sensors|estimates) item (\d+) \((\d+):([xy])\)$/.exec(what);
  if (m === null) return undefined;
  if (m[1] === "sensors") return `sensors[${Number(m[2]) - 1}].node`;
  const i = cfg.virtualSensors.findIndex((v) => v.node === Number(m[3]) && v.dir === m[4]);
  return `virtualSensors[${i}].node`;
}

/** The session request's fields named after the configuration's paths. */
function renameSession(se: RequestBuilder, cfg: RunnerConfig): RequestBuilder {
  const out = new RequestBuilder();
  const names: Record<string, string> = {
    speed_rpm: "filter.rpm", fs: "filter.rate", modes: "filter.modes", model_error: "filter.modelError", "the rotor model": `model (${cfg.model})`,
    "--unbalance": "filter.unbalance", sensors: "sensors", estimates: "virtualSensors", "--mismatch": "filter.mismatch", R: "sensors[].noiseStd (the variance)",
  };
  for (let i = 0; i < se.length; ) {
    const f = se.fieldAt(i)!;
    let end = i + 1;
    while (end < se.length && se.fieldAt(end)!.at === f.at) end++;
    const what = names[f.what] ?? placeName(f.what, cfg) ?? f.what.replace(/^--unbalance #(\d+)/, (_, k) => `filter.unbalance[${Number(k) - 1}]`).replace(/^--mismatch #(\d+)/, (_, k) => `filter.mismatch[${Number(k) - 1}]`);
    out.add(what, ...se.values.slice(i, end));
    i = end;
  }
  return out;
}

