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

function places(b: RequestBuilder, what: string, list: Dof[]): void {
  b.add(what, list.length);
  list.forEach((d, i) => b.add(`${what} item ${i + 1} (${d.node}:${d.dir})`, d.node, dirCode(d.dir)));
}

function unbalance(b: RequestBuilder, list: UnbalanceMass[]): void {
  b.add("--unbalance", list.length);
  list.forEach((u, i) => b.add(`--unbalance #${i + 1}`, u.node, u.magnitude, u.phase));
}

function mismatch(b: RequestBuilder, list: Mismatch[]): void {
  b.add("--mismatch", list.length);
  list.forEach((m, i) => b.add(`--mismatch #${i + 1}`, mismatchCode(m), m.percent));
}

/** Layout version 1 of a virtual-sensing request (jobVirtualSensing; embedded in jobSensorPlacement). */
export function virtualSensingRequest(model: RotorModel, o: VirtualSensingOptions, names = { sensors: "--sensors", modes: "--modes" }): RequestBuilder {
  const b = new RequestBuilder();
  b.add("layout version", 1)
    .add("--speed-rpm", o.speedRpm)
    .add("--fs", o.fs)
    .add("--t-end", o.tEnd)
    .add("--t-pre", o.tPre)
    .add("--discard", o.discard)
    .add("--noise", o.noise)
    .add("--seed", o.seed)
    .add("--model-error", o.modelError)
    .add("--substeps", o.substeps)
    .add(names.modes, o.modes)
    .add("--out (time series)", o.series ? 1 : 0)
    .add("the rotor model", ...encodeRotorModel(model));
  unbalance(b, o.unbalance);
  places(b, names.sensors, o.sensors);
  places(b, "--estimate", o.estimates);
  mismatch(b, o.mismatch);
  return b;
}

/** Effective Independence, or weighted by the driving-point residue. */
export type PlacementMethod = "efi" | "efi-dpr";

/** Layout version 1 of a sensor-placement request; the run's sensor list holds the candidates. */
export function sensorPlacementRequest(model: RotorModel, count: number, targetModes: number, method: PlacementMethod, run: VirtualSensingOptions): RequestBuilder {
  const b = new RequestBuilder();
  b.add("layout version", 1).add("--count", count).add("--modes", targetModes).add("--method", method === "efi" ? 0 : 1);
  // in the embedded request the sensor list holds the candidates and "modes" are the filter's
  return b.append(virtualSensingRequest(model, { ...run, series: false }, { sensors: "--candidates", modes: "--filter-modes" }));
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
