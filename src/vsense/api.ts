// The virtual-sensing studies of the library (docs/vsense.md): `virtualSensing` and `sensorPlacement`
// do what `twin virtual-sensing` and `twin sensor-placement` do, with the commands' defaults filled
// in and their checks made; the core computes everything in one job call (jobs.ts).
import { ArgumentError } from "../errors.js";
import { defaultCore } from "../core/default.js";
import type { Core } from "../core/core.js";
import type { UnbalanceMass } from "../rotor/core.js";
import { modelSource, type RotorModelInput } from "../rotor/load.js";
import type { RotorModel } from "../rotor/model.js";
import { NodeNumbering } from "../rotor/nodes.js";
import { csvChunks } from "../signal/csv.js";
import { defaultUnbalance, VS_DEFAULTS } from "./defaults.js";
import { type Dof, dofName, parseDofList, sameDof } from "./dofs.js";
import { sensorPlacementJob, virtualSensingJob } from "./jobs.js";
import { type Mismatch, parseMismatch } from "./mismatch.js";
import { type PlacementMethod, VS_API_NAMES, type VsOptionNames } from "./request.js";
import type { PlacementResult, VirtualSensingRun } from "./result.js";

/** Options of the simulated run (virtualSensing, and the check runs of sensorPlacement); defaults in brackets. */
export interface VirtualSensingRunOptions {
  /** shaft speed, rev/min [1200] */
  speedRpm?: number;
  /** known unbalance masses at shaft nodes (kg m, rad) [1e-4 kg m at phase 0 on the first disk] */
  unbalance?: readonly UnbalanceMass[];
  /** DOFs to estimate, as `{ node, dir }` or the text "NODE:DIR,..." [the disks and mid-span, x and y, less the sensor DOFs] */
  estimates?: readonly Dof[] | string;
  /** sensor noise std as a fraction of the clean signal's RMS [0.01] */
  noise?: number;
  /** the filter's model differs from the truth's: `{ parameter, percent }` or the text "bearing-k=+10%" [none] */
  mismatch?: readonly (Mismatch | string)[];
  /** recorded duration, s [2] */
  tEnd?: number;
  /** simulated run-up from rest before the recording, s [1] */
  tPre?: number;
  /** initial part of the recording left out of the error figures, s [0.5] */
  discard?: number;
  /** sampling frequency of sensors and filter, Hz [2000] */
  fs?: number;
  /** seed of the sensor noise, an integer 0 … 2^53 [1] */
  seed?: number;
  /** process noise: modal force std as a fraction of the largest modal unbalance force [0.01] */
  modelError?: number;
  /** Newmark steps of the truth per sample [4] */
  substeps?: number;
  /** the core to run on (default: the package's build/core.wasm) */
  core?: Core;
  /**
   * How options are named in the messages of values the core refuses (default VS_API_NAMES, these
   * options' names; the command line passes VS_CLI_NAMES).
   */
  names?: VsOptionNames;
}

/** Options of virtualSensing. */
export interface VirtualSensingParams extends VirtualSensingRunOptions {
  /** accelerometer DOFs, shaft or pedestal nodes [x and y at every bearing's shaft node] */
  sensors?: readonly Dof[] | string;
  /** modes of the filter's reduced model [8] */
  modes?: number;
  /** also return the time series (for virtualSensingCsv) [false] */
  series?: boolean;
}

/** Options of sensorPlacement. */
export interface SensorPlacementParams extends VirtualSensingRunOptions {
  /** number of sensors to choose (at least `modes`) */
  count: number;
  /** candidate DOFs [x and y of every shaft node] */
  candidates?: readonly Dof[] | string;
  /** target modes [min(count, 8)] */
  modes?: number;
  /** Effective Independence, or weighted by the driving-point residue ["efi-dpr"] */
  method?: PlacementMethod;
  /** modes of the filter in the check runs [8] */
  filterModes?: number;
}

/** Places given as text or as objects, checked as the command line checks its lists. */
function dofs(v: readonly Dof[] | string | undefined, nodes: NodeNumbering, what: string): Dof[] {
  if (v === undefined) return [];
  if (typeof v === "string") return parseDofList(v, nodes, what);
  const out: Dof[] = [];
  v.forEach((d, i) => {
    const where = `${what}[${i}]`;
    if (d.dir !== "x" && d.dir !== "y") throw new ArgumentError(`${where}: dir must be "x" or "y", got ${JSON.stringify(d.dir)}`, { path: where });
    const dof: Dof = { node: nodes.check(d.node, where), dir: d.dir };
    if (out.some((o) => sameDof(o, dof))) throw new ArgumentError(`${where}: ${dofName(dof)} is listed twice`, { path: where });
    out.push(dof);
  });
  return out;
}

/** A number option within its rule, or the default. */
function num(v: number | undefined, fallback: number, what: string, rule: "positive" | "nonnegative" | "posinteger" | "seed"): number {
  const x = v ?? fallback;
  const ok =
    typeof x === "number" && Number.isFinite(x) &&
    (rule === "positive" ? x > 0 : rule === "nonnegative" ? x >= 0 : rule === "posinteger" ? Number.isInteger(x) && x >= 1 : Number.isInteger(x) && x >= 0 && x <= 2 ** 53);
  if (!ok) {
    const need = { positive: "> 0", nonnegative: ">= 0", posinteger: "an integer >= 1", seed: "an integer from 0 to 2^53" }[rule];
    throw new ArgumentError(`${what}: must be ${need}: ${x}`, { path: what });
  }
  return x;
}

function modesOption(v: number | undefined, fallback: number, what: string, model: RotorModel): number {
  const modes = num(v, fallback, what, "posinteger");
  const dof = new NodeNumbering(model).dof;
  if (modes > dof) throw new ArgumentError(`${what} ${modes} is more than the model's ${dof} degrees of freedom`, { path: what });
  return modes;
}

/** The run options with the defaults filled in and checked against the model. */
function runOptions(model: RotorModel, o: VirtualSensingRunOptions) {
  const nodes = new NodeNumbering(model);
  let unbalance: UnbalanceMass[];
  if (o.unbalance !== undefined && o.unbalance.length > 0) unbalance = o.unbalance.map((u, i) => ({ ...u, node: nodes.check(u.node, `unbalance[${i}]`, true) }));
  else {
    const d = defaultUnbalance(model);
    if (d === null) throw new ArgumentError("unbalance is required: the model has no disk to put the default unbalance on", { path: "unbalance" });
    unbalance = d;
  }
  if (unbalance.every((u) => u.magnitude === 0)) throw new ArgumentError("unbalance: at least one unbalance must be non-zero (it drives the response)", { path: "unbalance" });
  return {
    speedRpm: num(o.speedRpm, VS_DEFAULTS.speedRpm, "speedRpm", "positive"),
    unbalance,
    noise: num(o.noise, VS_DEFAULTS.noise, "noise", "nonnegative"),
    mismatch: (o.mismatch ?? []).map((m) => (typeof m === "string" ? parseMismatch(m) : m)),
    fs: num(o.fs, VS_DEFAULTS.fs, "fs", "positive"),
    tEnd: num(o.tEnd, VS_DEFAULTS.tEnd, "tEnd", "positive"),
    tPre: num(o.tPre, VS_DEFAULTS.tPre, "tPre", "nonnegative"),
    discard: num(o.discard, VS_DEFAULTS.discard, "discard", "nonnegative"),
    seed: num(o.seed, VS_DEFAULTS.seed, "seed", "seed"),
    modelError: num(o.modelError, VS_DEFAULTS.modelError, "modelError", "nonnegative"),
    substeps: num(o.substeps, VS_DEFAULTS.substeps, "substeps", "posinteger"),
    estimates: dofs(o.estimates, nodes, "estimates"),
  };
}

/**
 * Virtual sensing on a simulated rig: simulates the full model with the known unbalance, adds seeded
 * noise to the accelerations at the sensors, runs the unscented Kalman filter on the reduced modal
 * model and scores the estimated displacements at the unmeasured DOFs against the simulated truth.
 * One job of the core. `run.result` is what `twin virtual-sensing --json` prints.
 * @throws ModelError for an invalid model; ArgumentError for a refused option (a node that does not
 * exist, an estimate that carries a sensor, too many modes, a recording too short, ...); NumericalError
 */
export function virtualSensing(model: RotorModelInput, options: VirtualSensingParams = {}): VirtualSensingRun {
  const m = modelSource(model).model;
  const sensors = dofs(options.sensors, new NodeNumbering(m), "sensors");
  const modes = modesOption(options.modes, VS_DEFAULTS.modes, "modes", m);
  const o = runOptions(m, options);
  const clash = o.estimates.filter((e) => sensors.some((s) => sameDof(s, e)));
  if (clash.length > 0) throw new ArgumentError(`estimates: ${clash.map(dofName).join(", ")} carr${clash.length > 1 ? "y" : "ies"} a sensor`, { path: "estimates" });
  return virtualSensingJob(m, { ...o, sensors, modes, series: options.series === true }, options.core ?? defaultCore(), options.names ?? VS_API_NAMES);
}

/**
 * The time series of a virtualSensing run made with `series: true` as CSV text, in chunks: t, the
 * noisy accelerations acc_<node>_<dir>, then the true and estimated displacements disp_<node>_<dir>,
 * est_<node>_<dir> of every estimated DOF.
 * @throws Error for a run without its time series
 */
export function* virtualSensingCsv(run: VirtualSensingRun): Generator<string> {
  const ser = run.series;
  if (ser === null) throw new Error("the run has no time series");
  const tag = (d: Dof) => `${d.node}_${d.dir}`;
  const header = ["t", ...run.sensors.map((d) => `acc_${tag(d)}`), ...run.estimates.flatMap((d) => [`disp_${tag(d)}`, `est_${tag(d)}`])];
  const width = header.length;
  yield* csvChunks(header, ser.rows, (i) => Array.from(ser.values.subarray(i * width, (i + 1) * width)));
}

/**
 * Chooses `count` accelerometer DOFs by Effective Independence (Kammer 1991) on the target modes,
 * optionally weighted by the driving-point residue (Meo & Zumpano 2005), then checks them by virtual
 * sensing, and for comparison the bearing sensors. One job of the core; the result is what
 * `twin sensor-placement --json` prints.
 * @throws ModelError; ArgumentError (more sensors than candidates, fewer sensors than target modes, an unknown method, ...); NumericalError
 */
export function sensorPlacement(model: RotorModelInput, options: SensorPlacementParams): PlacementResult {
  const m = modelSource(model).model;
  const nodes = new NodeNumbering(m);
  const count = num(options.count, NaN, "count", "posinteger");
  const candidates = dofs(options.candidates, nodes, "candidates");
  // the default candidates are x and y of every shaft node
  const nCandidates = options.candidates !== undefined ? candidates.length : 2 * nodes.shaftNodes;
  if (count > nCandidates) throw new ArgumentError(`count ${count}: only ${nCandidates} candidates`, { path: "count" });
  const modes = modesOption(options.modes, Math.min(count, VS_DEFAULTS.modes), "modes", m);
  if (modes > count) throw new ArgumentError(`modes ${modes}: Effective Independence needs at least as many sensors as target modes (count ${count})`, { path: "modes" });
  const method = options.method ?? "efi-dpr";
  if (method !== "efi" && method !== "efi-dpr") throw new ArgumentError(`method: must be efi or efi-dpr, got ${JSON.stringify(method)}`, { path: "method" });
  const filterModes = modesOption(options.filterModes, VS_DEFAULTS.modes, "filterModes", m);
  const o = runOptions(m, options);
  return sensorPlacementJob(m, { count, modes, method, run: { ...o, sensors: candidates, modes: filterModes, series: false } }, options.core ?? defaultCore(), options.names ?? VS_API_NAMES);
}
