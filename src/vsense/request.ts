// Requests of the virtual-sensing jobs and sessions (assembly/ABI.md, "Virtual sensing"): the host
// writes the parsed options, lists and the rotor model (exactly as encodeRotorModel gives it) into one
// f64 buffer, and notes which option each value came from, so that a value the core refuses (error
// 1 or 5, detail = its index) is reported against the option that gave it. No value is computed here.
import { encodeRotorModel, type RotorModel } from "../rotor/model.js";
import type { UnbalanceMass } from "../rotor/core.js";
import { dirCode, type Dof } from "./dofs.js";
import { type Mismatch, mismatchCode } from "./mismatch.js";

/** A request under construction: values and, for each stretch of them, what gave them. */
export class RequestBuilder {
  readonly values: number[] = [];
  private readonly fields: { at: number; what: string }[] = [];

  /** Appends values given by `what` (an option name, or a description for messages). */
  add(what: string, ...values: number[]): this {
    return this.addAll(what, values);
  }

  /** As add, for an array of any length (a spread of a long array would overflow the stack). */
  addAll(what: string, values: ArrayLike<number>): this {
    this.fields.push({ at: this.values.length, what });
    for (let i = 0; i < values.length; i++) this.values.push(values[i]!);
    return this;
  }

  get length(): number {
    return this.values.length;
  }

  /** What gave the value at `index` (the last field starting at or before it). */
  fieldAt(index: number): { at: number; what: string } | undefined {
    let f: { at: number; what: string } | undefined;
    for (const x of this.fields) if (x.at <= index) f = x;
    return f;
  }

  /** Appends another request's values and fields (offset by the current length). */
  append(other: RequestBuilder): this {
    const base = this.values.length;
    for (const f of other.fields) this.fields.push({ at: base + f.at, what: f.what });
    this.values.push(...other.values);
    return this;
  }
}

/** Options of a virtual-sensing run as the command line gives them (units as written). */
export interface VirtualSensingOptions {
  speedRpm: number;
  /** sampling frequency of sensors and filter, Hz */
  fs: number;
  /** recorded duration, s */
  tEnd: number;
  /** simulated run before the recording starts, s */
  tPre: number;
  /** initial part of the recording left out of the error figures, s */
  discard: number;
  /** relative noise: std = noise × RMS of the clean acceleration */
  noise: number;
  seed: number;
  /** model error level: modal force noise std relative to the largest modal unbalance force */
  modelError: number;
  /** Newmark steps of the truth per sample */
  substeps: number;
  /** modes of the filter's reduced model */
  modes: number;
  unbalance: UnbalanceMass[];
  /** [] = the core's default (x and y at every bearing) */
  sensors: Dof[];
  /** [] = the core's default (disks and mid-span, less the sensors) */
  estimates: Dof[];
  mismatch: Mismatch[];
  /** return the time series (t, measurements, truth and estimates) */
  series: boolean;
}

/**
 * How the options of a virtual-sensing request are named in messages: the library's option names
 * (VS_API_NAMES) or the command line's (VS_CLI_NAMES). A value the core refuses is reported under its name.
 */
export interface VsOptionNames {
  speedRpm: string;
  fs: string;
  tEnd: string;
  tPre: string;
  discard: string;
  noise: string;
  seed: string;
  modelError: string;
  substeps: string;
  /** the filter's modes (virtual sensing) */
  modes: string;
  /** the time-series flag, and the option that asks for it */
  series: string;
  seriesOption: string;
  unbalance: string;
  sensors: string;
  estimates: string;
  mismatch: string;
  /** sensor placement: the number of sensors, the target modes, the candidates, the check runs' filter modes */
  count: string;
  targetModes: string;
  candidates: string;
  filterModes: string;
}

/** The library's option names (virtualSensing, sensorPlacement). */
export const VS_API_NAMES: VsOptionNames = {
  speedRpm: "speedRpm", fs: "fs", tEnd: "tEnd", tPre: "tPre", discard: "discard", noise: "noise", seed: "seed",
  modelError: "modelError", substeps: "substeps", modes: "modes", series: "series", seriesOption: "series",
  unbalance: "unbalance", sensors: "sensors", estimates: "estimates", mismatch: "mismatch",
  count: "count", targetModes: "modes", candidates: "candidates", filterModes: "filterModes",
};

/** The command line's option names (`twin virtual-sensing`, `twin sensor-placement`). */
export const VS_CLI_NAMES: VsOptionNames = {
  speedRpm: "--speed-rpm", fs: "--fs", tEnd: "--t-end", tPre: "--t-pre", discard: "--discard", noise: "--noise", seed: "--seed",
  modelError: "--model-error", substeps: "--substeps", modes: "--modes", series: "--out (time series)", seriesOption: "--out",
  unbalance: "--unbalance", sensors: "--sensors", estimates: "--estimate", mismatch: "--mismatch",
  count: "--count", targetModes: "--modes", candidates: "--candidates", filterModes: "--filter-modes",
};

function places(b: RequestBuilder, what: string, list: Dof[]): void {
  b.add(what, list.length);
  list.forEach((d, i) => b.add(`${what} item ${i + 1} (${d.node}:${d.dir})`, d.node, dirCode(d.dir)));
}

function unbalance(b: RequestBuilder, list: UnbalanceMass[], what = "--unbalance"): void {
  b.add(what, list.length);
  list.forEach((u, i) => b.add(`${what} #${i + 1}`, u.node, u.magnitude, u.phase));
}

function mismatch(b: RequestBuilder, list: Mismatch[], what = "--mismatch"): void {
  b.add(what, list.length);
  list.forEach((m, i) => b.add(`${what} #${i + 1}`, mismatchCode(m), m.percent));
}

/**
 * Layout version 1 of a virtual-sensing request (jobVirtualSensing; embedded in jobSensorPlacement);
 * `names` names each value's option for messages.
 */
export function virtualSensingRequest(model: RotorModel, o: VirtualSensingOptions, names: VsOptionNames = VS_CLI_NAMES): RequestBuilder {
  const b = new RequestBuilder();
  b.add("layout version", 1)
    .add(names.speedRpm, o.speedRpm)
    .add(names.fs, o.fs)
    .add(names.tEnd, o.tEnd)
    .add(names.tPre, o.tPre)
    .add(names.discard, o.discard)
    .add(names.noise, o.noise)
    .add(names.seed, o.seed)
    .add(names.modelError, o.modelError)
    .add(names.substeps, o.substeps)
    .add(names.modes, o.modes)
    .add(names.series, o.series ? 1 : 0)
    .add("the rotor model", ...encodeRotorModel(model));
  unbalance(b, o.unbalance, names.unbalance);
  places(b, names.sensors, o.sensors);
  places(b, names.estimates, o.estimates);
  mismatch(b, o.mismatch, names.mismatch);
  return b;
}

/** Effective Independence, or weighted by the driving-point residue. */
export type PlacementMethod = "efi" | "efi-dpr";

/** Layout version 1 of a sensor-placement request; the run's sensor list holds the candidates. */
export function sensorPlacementRequest(model: RotorModel, count: number, targetModes: number, method: PlacementMethod, run: VirtualSensingOptions, names: VsOptionNames = VS_CLI_NAMES): RequestBuilder {
  const b = new RequestBuilder();
  b.add("layout version", 1).add(names.count, count).add(names.targetModes, targetModes).add("--method", method === "efi" ? 0 : 1);
  // in the embedded request the sensor list holds the candidates and "modes" are the filter's
  return b.append(virtualSensingRequest(model, { ...run, series: false }, { ...names, sensors: names.candidates, modes: names.filterModes }));
}

/** Options of a virtual-sensing session (vsSessionNew). */
export interface SessionOptions {
  speedRpm: number;
  fs: number;
  /** index of the first sample from the time origin of the unbalance phase */
  n0: number;
  modes: number;
  modelError: number;
  unbalance: UnbalanceMass[];
  sensors: Dof[];
  estimates: Dof[];
  mismatch: Mismatch[];
  /** measurement noise variance of each sensor, (m/s²)² */
  R: number[];
}

/** Layout version 1 of a session request. */
export function sessionRequest(model: RotorModel, o: SessionOptions): RequestBuilder {
  const b = new RequestBuilder();
  b.add("layout version", 1).add("speed_rpm", o.speedRpm).add("fs", o.fs).add("n0", o.n0).add("modes", o.modes).add("model_error", o.modelError);
  b.add("the rotor model", ...encodeRotorModel(model));
  unbalance(b, o.unbalance);
  places(b, "sensors", o.sensors);
  places(b, "estimates", o.estimates);
  mismatch(b, o.mismatch);
  b.add("R", o.R.length, ...o.R);
  return b;
}
