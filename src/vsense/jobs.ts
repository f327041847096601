// The virtual-sensing commands as single job calls (assembly/ABI.md, "Jobs" and "Virtual sensing"):
// the request is built from the parsed options (request.ts), the core computes everything in one
// runJob call, and the result buffer is read into the report (result.ts). A value the core refuses
// (error 1 or 5, detail = its index) becomes a usage error naming the option that gave it.
import { Core, CORE_ERRORS, CoreError } from "../core/core.js";
import { runJob } from "../core/job.js";
import { ArgumentError } from "../errors.js";
import type { RotorModel } from "../rotor/model.js";
import { type PlacementMethod, type RequestBuilder, sensorPlacementRequest, virtualSensingRequest, type VirtualSensingOptions } from "./request.js";
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
      throw new ArgumentError(msg);
    }
    throw e;
  }
}

/** Messages for the conditions the core checks on a virtual-sensing request. */
export function explainRun(o: VirtualSensingOptions, what: string, code: number): string | undefined {
  if (code !== 1) return undefined;
  switch (what) {
    case "--speed-rpm":
      return `--speed-rpm ${o.speedRpm}: the shaft frequency is not below half the sampling frequency (--fs ${o.fs})`;
    case "--t-end":
      return `--t-end ${o.tEnd}: the recording must hold 2 to 16777216 samples at --fs ${o.fs}`;
    case "--t-pre":
      return `--t-pre ${o.tPre}: too long a run-up`;
    case "--substeps":
      return "too long a simulation: reduce --t-end, --t-pre, --fs or --substeps";
    case "--discard":
      return `--discard ${o.discard} s leaves less than two revolutions of the ${o.tEnd} s recording for the error figures`;
    case "--out (time series)":
      return "--out: the time series would hold more than 2^26 values: reduce --t-end or --fs";
    case "--sensors":
      return "--sensors: the model has no bearing to put the default sensors on";
    case "--estimate":
      return "--estimate: nothing to estimate (every default location carries a sensor)";
    case "--modes":
    case "--filter-modes":
      return `${what} ${o.modes} is more than the model's degrees of freedom`;
    default:
      {
        const m = /^--estimate item \d+ \((.*)\)$/.exec(what);
        if (m !== null) return `--estimate: ${m[1]} carries a sensor`;
      }
      return undefined;
  }
}

/** `twin virtual-sensing`: one jobVirtualSensing call. */
export function virtualSensingJob(model: RotorModel, o: VirtualSensingOptions, core: Core = Core.default()): VirtualSensingRun {
  const b = virtualSensingRequest(model, o);
  const v = runExplained(core, "jobVirtualSensing", b, (what, code) => explainRun(o, what, code));
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

/** `twin sensor-placement`: one jobSensorPlacement call. */
export function sensorPlacementJob(model: RotorModel, o: PlacementOptions, core: Core = Core.default()): PlacementResult {
  const b = sensorPlacementRequest(model, o.count, o.modes, o.method, o.run);
  const v = runExplained(core, "jobSensorPlacement", b, (what, code, offset) => {
    if (code === 1 && what === "--count") return `--count ${o.count}: every remaining candidate is needed to resolve the ${o.modes} target modes before ${o.count} are left (or there are fewer candidates)`;
    if (code === 1 && what === "--modes") return `--modes ${o.modes}: Effective Independence needs at least as many sensors as target modes (--count ${o.count}), and at most the model's degrees of freedom`;
    if (code === 1 && what === "--estimate") return "--estimate: every estimated DOF carries a sensor of the chosen set or of the bearing set";
    // value 3 of a model description is its bearing count
    if (code === 1 && what === "the rotor model" && offset === 3) return "the model has no bearing for the comparison run with bearing sensors";
    return explainRun(o.run, what, code);
  });
  return readSensorPlacement(v, model, o.method, o.run).result;
}

