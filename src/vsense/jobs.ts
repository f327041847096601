// The virtual-sensing commands as single job calls (assembly/ABI.md, "Jobs" and "Virtual sensing"):
// the request is built from the parsed options (request.ts), the core computes everything in one
// runJob call, and the result buffer is read into the report (result.ts). A value the core refuses
// (error 1 or 5, detail = its index) becomes a usage error naming the option that gave it.
import { Core, CORE_ERRORS, CoreError } from "../core/core.js";
import { runJob } from "../core/job.js";
import { ArgumentError } from "../errors.js";
import type { RotorModel } from "../rotor/model.js";
import { VS_CLI_NAMES, type VsOptionNames, type PlacementMethod, type RequestBuilder, sensorPlacementRequest, virtualSensingRequest, type VirtualSensingOptions } from "./request.js";
import { type PlacementResult, readSensorPlacement, readVirtualSensing, type VirtualSensingRun } from "./result.js";

/**
 * Runs a job; a refused request value (code 1 or 5) is rethrown as a ArgumentError that names its
 * option, with the message `explain` gives for it (or a generic one).
 */
export function runExplained(core: Core, entry: string, b: RequestBuilder, explain: (what: string, code: number, offset: number) => string | undefined): Float64Array {
  try {
    return runJob(core, entry, b.values);
  } catch (e) {
    if (e instanceof CoreError && (e.code === 1 || e.code === 5) && e.operation === entry && Number.isInteger(e.detail) && e.detail >= 0 && e.detail < b.length) {
      const f = b.fieldAt(e.detail)!;
      const msg = explain(f.what, e.code, e.detail - f.at) ?? `${f.what}: refused by the core (${CORE_ERRORS[e.code]} at value ${e.detail - f.at + 1} of the option's part of the request)`;
      throw new ArgumentError(msg, { path: f.what });
    }
    throw e;
  }
}

const escapeRegExp = (t: string): string => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Messages for the conditions the core checks on a virtual-sensing request, naming the options by `n`. */
export function explainRun(o: VirtualSensingOptions, what: string, code: number, n: VsOptionNames = VS_CLI_NAMES): string | undefined {
  if (code !== 1) return undefined;
  if (what === n.speedRpm) return `${n.speedRpm} ${o.speedRpm}: the shaft frequency is not below half the sampling frequency (${n.fs} ${o.fs})`;
  if (what === n.tEnd) return `${n.tEnd} ${o.tEnd}: the recording must hold 2 to 16777216 samples at ${n.fs} ${o.fs}`;
  if (what === n.tPre) return `${n.tPre} ${o.tPre}: too long a run-up`;
  if (what === n.substeps) return `too long a simulation: reduce ${n.tEnd}, ${n.tPre}, ${n.fs} or ${n.substeps}`;
  if (what === n.discard) return `${n.discard} ${o.discard} s leaves less than two revolutions of the ${o.tEnd} s recording for the error figures`;
  if (what === n.series) return `${n.seriesOption}: the time series would hold more than 2^26 values: reduce ${n.tEnd} or ${n.fs}`;
  if (what === n.sensors) return `${n.sensors}: the model has no bearing to put the default sensors on`;
  if (what === n.estimates) return `${n.estimates}: nothing to estimate (every default location carries a sensor)`;
  if (what === n.modes || what === n.filterModes) return `${what} ${o.modes} is more than the model's degrees of freedom`;
  const m = new RegExp(`^${escapeRegExp(n.estimates)} item \\d+ \\((.*)\\)$`).exec(what);
  if (m !== null) return `${n.estimates}: ${m[1]} carries a sensor`;
  return undefined;
}

/** `twin virtual-sensing`: one jobVirtualSensing call; `names` names the options in messages. */
export function virtualSensingJob(model: RotorModel, o: VirtualSensingOptions, core: Core = Core.default(), names: VsOptionNames = VS_CLI_NAMES): VirtualSensingRun {
  const b = virtualSensingRequest(model, o, names);
  const v = runExplained(core, "jobVirtualSensing", b, (what, code) => explainRun(o, what, code, names));
  const { run, length } = readVirtualSensing(v, 0, model, o);
  if (length !== v.length) throw new Error(`jobVirtualSensing: ${v.length} result values, the layout says ${length}`);
  return run;
}

export interface PlacementOptions {
  count: number;
  /** target modes */
  modes: number;
  method: PlacementMethod;
  /** the check runs; their `sensors` are the candidates ([] = x and y of every shaft node), `modes` the filter's */
  run: VirtualSensingOptions;
}

/** `twin sensor-placement`: one jobSensorPlacement call; `names` names the options in messages. */
export function sensorPlacementJob(model: RotorModel, o: PlacementOptions, core: Core = Core.default(), names: VsOptionNames = VS_CLI_NAMES): PlacementResult {
  const n = names;
  const b = sensorPlacementRequest(model, o.count, o.modes, o.method, o.run, n);
  const run = { ...n, sensors: n.candidates, modes: n.filterModes };
  const v = runExplained(core, "jobSensorPlacement", b, (what, code, offset) => {
    if (code === 1 && what === n.count) return `${n.count} ${o.count}: every remaining candidate is needed to resolve the ${o.modes} target modes before ${o.count} are left (or there are fewer candidates)`;
    if (code === 1 && what === n.targetModes) return `${n.targetModes} ${o.modes}: Effective Independence needs at least as many sensors as target modes (${n.count} ${o.count}), and at most the model's degrees of freedom`;
    if (code === 1 && what === n.estimates) return `${n.estimates}: every estimated DOF carries a sensor of the chosen set or of the bearing set`;
    // value 3 of a model description is its bearing count
    if (code === 1 && what === "the rotor model" && offset === 3) return "the model has no bearing for the comparison run with bearing sensors";
    return explainRun(o.run, what, code, run);
  });
  return readSensorPlacement(v, model, o.method, o.run).result;
}

