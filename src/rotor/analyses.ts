// The rotor analyses of the library, one per `twin rotor` command: each validates the model at the
// boundary (load.ts), makes the command's one job call (jobs.ts) and checks the result is finite.
// Each returns the object the command prints with --json. Units are SI: rad/s, s, m, kg m, N.
import { ArgumentError, NumericalError } from "../errors.js";
import { defaultCore, requireFinite } from "../core/default.js";
import type { Core } from "../core/core.js";
import type { ModalResult, Probe, ReducedModel, StaticResult, UnbalanceMass, UnbalanceResult } from "./core.js";
import { campbellSvg } from "./campbell-svg.js";
import { parseGrid } from "./grid.js";
import { campbellJob, DEFAULT_MODES, type Labels, type Located, modalJob, reduceJob, staticJob, timeJob, unbalanceJob } from "./jobs.js";
import { modelSource, type RotorModelInput } from "./load.js";
import { NodeNumbering } from "./nodes.js";
import type { Grid } from "./request.js";

/** Standard gravity, m/s² (CGPM 1901): the default of rotorStatic. */
export const STANDARD_GRAVITY = 9.80665;

/**
 * Speeds or frequencies (rad/s, each >= 0): one value, a list, a range `{ start, stop, step }` (stop
 * included when it lies on the grid, at most 10^6 values; expanded by the core), or the command
 * line's text, `"a,b,c"` or `"start:stop:step"`.
 */
export type SpeedGrid = number | readonly number[] | { start: number; stop: number; step: number } | Grid | string;

/** Options every analysis takes. */
export interface AnalysisOptions {
  /**
   * How refused values are named in error messages and in ArgumentError's `path` (default: the
   * option's name, e.g. `speeds`); the command line names its options here.
   */
  labels?: Labels;
  /** The core to run on (default: the package's build/core.wasm, loaded once per process). */
  core?: Core;
}

/** A list, range or text of speeds as the job request takes it. */
function toGrid(g: SpeedGrid, label: string): Grid {
  if (typeof g === "number") return { kind: "list", values: [g] };
  if (typeof g === "string") return parseGrid(g, label);
  if (Array.isArray(g)) return { kind: "list", values: [...(g as readonly number[])] };
  if ("kind" in g) return g.kind === "list" ? { kind: "list", values: [...g.values] } : { ...g };
  const r = g as { start: number; stop: number; step: number };
  return { kind: "range", start: r.start, stop: r.stop, step: r.step };
}

function labelsOf(o: AnalysisOptions, defaults: Labels): Labels {
  return { ...defaults, ...o.labels };
}

// ---- modal ----------------------------------------------------------------------------------------

/** Options of rotorModal. */
export interface RotorModalOptions extends AnalysisOptions {
  /** speeds in rad/s (default 0) */
  speeds?: SpeedGrid;
  /** modes per speed, lowest damped natural frequency first (default 8) */
  modes?: number;
}

/** What rotorModal returns (and `twin rotor modal --json` prints). */
export interface RotorModalResult {
  /** the model's name */
  model: string;
  /** degrees of freedom of the model */
  dof: number;
  /** per speed: natural frequencies wn, damped wd (rad/s), logarithmic decrements, whirl */
  results: ModalResult[];
}

/**
 * Damped complex modal analysis at each speed: gyroscopic terms scaled by speed, speed-dependent
 * bearing coefficients interpolated at that speed. One job of the core.
 * @throws ModelError for an invalid model (a path or an object); ArgumentError for a refused option
 * value; NumericalError when the core fails or a result is not finite
 */
export function rotorModal(model: RotorModelInput, options: RotorModalOptions = {}): RotorModalResult {
  const labels = labelsOf(options, { speeds: "speeds", modes: "modes" });
  const speeds = toGrid(options.speeds ?? 0, labels.speeds!);
  const src = modelSource(model);
  const { dof, results } = modalJob(options.core ?? defaultCore(), src, speeds, options.modes ?? DEFAULT_MODES, labels);
  for (const r of results) {
    requireFinite(r.wn, `modal at ${r.speed} rad/s: wn`);
    requireFinite(r.wd, `modal at ${r.speed} rad/s: wd`);
    requireFinite(r.logdec, `modal at ${r.speed} rad/s: logdec`);
  }
  return { model: src.model.name, dof, results };
}

// ---- campbell -------------------------------------------------------------------------------------

/** Options of rotorCampbell. */
export interface RotorCampbellOptions extends AnalysisOptions {
  /** speeds in rad/s, usually a range */
  speeds: SpeedGrid;
  /** tracked modes (default 8) */
  modes?: number;
}

/** What rotorCampbell returns (and `twin rotor campbell --json` prints). */
export interface RotorCampbellResult {
  model: string;
  dof: number;
  /** per speed the tracked modes; a mode absent at a speed is NaN there (null in JSON) */
  results: ModalResult[];
  /** crossings of a tracked mode's damped natural frequency with the 1X line: mode index (0-based), speed (rad/s) */
  critical: { mode: number; speed: number }[];
}

/**
 * Modal analysis over a speed range with the modes tracked from speed to speed, and the critical
 * speeds. Draw it with rotorCampbellSvg.
 * @throws ModelError, ArgumentError as rotorModal; NumericalError for an infinite result
 */
export function rotorCampbell(model: RotorModelInput, options: RotorCampbellOptions): RotorCampbellResult {
  const labels = labelsOf(options, { speeds: "speeds", modes: "modes" });
  if (options.speeds === undefined) throw new ArgumentError("speeds: required", { path: "speeds" });
  const speeds = toGrid(options.speeds, labels.speeds!);
  const src = modelSource(model);
  const { dof, campbell } = campbellJob(options.core ?? defaultCore(), src, speeds, options.modes ?? DEFAULT_MODES, labels);
  // NaN marks a mode absent at a speed (tracking); infinities are failures.
  for (const r of campbell.results) {
    for (const a of [r.wn, r.wd, r.logdec]) {
      if (a.some((x) => x === Infinity || x === -Infinity)) throw new NumericalError(`campbell at ${r.speed} rad/s: infinite value`);
    }
  }
  return { model: src.model.name, dof, results: campbell.results, critical: campbell.critical };
}

/** The Campbell diagram of a rotorCampbell result as a self-contained SVG document (byte-stable). */
export function rotorCampbellSvg(result: RotorCampbellResult): string {
  return campbellSvg(result.model, result);
}

// ---- unbalance ------------------------------------------------------------------------------------

/** An unbalance mass at a shaft node (kg m, phase in rad); `where` names it in messages (default `unbalance[i]`). */
export type UnbalanceInput = Located<UnbalanceMass>;
/** A probe at a shaft or pedestal node along `x`, `y` or an angle (rad from x); `where` names it in messages (default `probes[i]`). */
export type ProbeInput = Located<Probe>;

/** Options of rotorUnbalance. */
export interface RotorUnbalanceOptions extends AnalysisOptions {
  /** unbalance masses (at least one) */
  unbalance: readonly UnbalanceInput[];
  /** response probes (at least one); nodes are numbered as in docs/rotor.md, "Node numbering" */
  probes: readonly ProbeInput[];
  /** excitation frequencies = rotor speeds, rad/s */
  freqs: SpeedGrid;
}

/** What rotorUnbalance returns: `twin rotor unbalance --json`'s `{ freqs, probes }`, and the peaks. */
export interface RotorUnbalanceResult extends UnbalanceResult {
  /** per probe, the index into `freqs` of its largest amplitude (the first of equal ones) */
  peaks: number[];
}

/**
 * Steady-state response to unbalance masses over frequency (rotor speed = excitation frequency):
 * amplitude (m) and phase (rad) at each probe.
 * @throws ModelError, ArgumentError (a node that does not exist, no unbalance or probe), NumericalError
 */
export function rotorUnbalance(model: RotorModelInput, options: RotorUnbalanceOptions): RotorUnbalanceResult {
  const labels = labelsOf(options, { freqs: "freqs" });
  if (options.freqs === undefined) throw new ArgumentError("freqs: required", { path: "freqs" });
  if (!(options.unbalance?.length > 0)) throw new ArgumentError("unbalance: at least one unbalance mass is required", { path: "unbalance" });
  if (!(options.probes?.length > 0)) throw new ArgumentError("probes: at least one probe is required", { path: "probes" });
  const freqs = toGrid(options.freqs, labels.freqs!);
  const src = modelSource(model);
  const unbalance = options.unbalance.map((u, i) => ({ ...u, where: u.where ?? `unbalance[${i}]` }));
  const probes = options.probes.map((p, i) => ({ ...p, where: p.where ?? `probes[${i}]` }));
  const { response, peaks } = unbalanceJob(options.core ?? defaultCore(), src, unbalance, probes, freqs, labels);
  for (const p of response.probes) {
    requireFinite(p.amplitude, `unbalance response at node ${p.node}: amplitude`);
    requireFinite(p.phase, `unbalance response at node ${p.node}: phase`);
  }
  return { ...response, peaks };
}

// ---- time -----------------------------------------------------------------------------------------

/** Options of rotorTime. */
export interface RotorTimeOptions extends AnalysisOptions {
  /** rotor speed, rad/s */
  speed: number;
  /** end time, s */
  tEnd: number;
  /** time step, s (at most tEnd) */
  dt: number;
  /** unbalance masses at shaft nodes (default none: the rotor stays at rest) */
  unbalance?: readonly UnbalanceInput[];
  /** also return nodal accelerations (default false) */
  accelerations?: boolean;
}

/** What rotorTime returns: time rows of nodal displacements (and accelerations). */
export interface RotorTimeResult {
  /** response nodes: the shaft nodes, then the pedestal nodes in bearing order */
  nodes: number;
  /** shaft nodes (the first `shaftNodes` of the response nodes) */
  shaftNodes: number;
  /** time of each row, s */
  t: Float64Array;
  /** rows × (2 nodes) displacements, row-major: x_0, y_0, x_1, y_1, … (m) */
  disp: Float64Array;
  /** the same layout in m/s² (with `accelerations: true`) */
  acc?: Float64Array;
}

/**
 * Time response at constant speed from rest by implicit (Newmark) time integration. Write it as the
 * command line's CSV with rotorTimeCsv.
 * @throws ModelError, ArgumentError (dt larger than tEnd, too many result values), NumericalError
 */
export function rotorTime(model: RotorModelInput, options: RotorTimeOptions): RotorTimeResult {
  const labels = labelsOf(options, { speed: "speed", tEnd: "tEnd", dt: "dt" });
  const { speed, tEnd, dt } = options;
  if (dt > tEnd) throw new ArgumentError(`dt ${dt} is larger than tEnd ${tEnd}`, { path: "dt" });
  const src = modelSource(model);
  const unbalance = (options.unbalance ?? []).map((u, i) => ({ ...u, where: u.where ?? `unbalance[${i}]` }));
  const result = timeJob(options.core ?? defaultCore(), src, { speed, tEnd, dt, accelerations: options.accelerations === true, unbalance }, labels);
  requireFinite(result.t, "time response: t");
  requireFinite(result.disp, "time response: displacements");
  if (result.acc) requireFinite(result.acc, "time response: accelerations");
  return result;
}

/** The CSV header of a time response: t, x_<node>, y_<node> for every response node (then ax_, ay_). */
export function rotorTimeCsvHeader(nodes: number, accelerations: boolean): string {
  const cols = ["t"];
  for (let i = 0; i < nodes; i++) cols.push(`x_${i}`, `y_${i}`);
  if (accelerations) for (let i = 0; i < nodes; i++) cols.push(`ax_${i}`, `ay_${i}`);
  return cols.join(",");
}

/**
 * The time response as CSV text (`twin rotor time`'s output), in chunks of `rowsPerChunk` rows;
 * numbers in the shortest form that reads back to the same double.
 */
export function* rotorTimeCsv(r: Pick<RotorTimeResult, "nodes" | "t" | "disp" | "acc">, rowsPerChunk = 2000): Generator<string> {
  const w = 2 * r.nodes;
  let chunk = rotorTimeCsvHeader(r.nodes, r.acc !== undefined) + "\n";
  for (let i = 0; i < r.t.length; i++) {
    let line = String(r.t[i]!);
    for (let k = 0; k < w; k++) line += "," + String(r.disp[i * w + k]!);
    if (r.acc) for (let k = 0; k < w; k++) line += "," + String(r.acc[i * w + k]!);
    chunk += line + "\n";
    if ((i + 1) % rowsPerChunk === 0) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

// ---- static ---------------------------------------------------------------------------------------

/** Options of rotorStatic. */
export interface RotorStaticOptions extends AnalysisOptions {
  /** gravitational acceleration along -y, m/s² (default 9.80665) */
  g?: number;
  /** bearings as pins, as textbook and reference cases do (default false) */
  rigidSupports?: boolean;
}

/** What rotorStatic returns (and `twin rotor static --json` prints): deflection per shaft node (m), bearing forces (N). */
export type RotorStaticResult = StaticResult;

/**
 * Static deflection under gravity (consistent mass load along -y) and the bearing reaction forces.
 * @throws ModelError, ArgumentError, NumericalError
 */
export function rotorStatic(model: RotorModelInput, options: RotorStaticOptions = {}): RotorStaticResult {
  const labels = labelsOf(options, { g: "g" });
  const src = modelSource(model);
  const { deflection, bearingForces } = staticJob(options.core ?? defaultCore(), src, options.g ?? STANDARD_GRAVITY, options.rigidSupports === true, labels);
  requireFinite(deflection.x, "static deflection x");
  requireFinite(deflection.y, "static deflection y");
  requireFinite(bearingForces.flatMap((b) => [b.fx, b.fy]), "bearing forces");
  return { deflection, bearingForces };
}

// ---- reduce ---------------------------------------------------------------------------------------

/** Options of rotorReduce. */
export interface RotorReduceOptions extends AnalysisOptions {
  /** rotor speed, rad/s */
  speed: number;
  /** retained modes (1 to the model's degrees of freedom) */
  modes: number;
  /** sample time of the discrete model, s */
  dt: number;
}

/** What rotorReduce returns (and `twin rotor reduce --json` prints): the reduced model with the model's name. */
export interface RotorReduceResult extends ReducedModel {
  model: string;
}

/**
 * Modal reduction at a speed to `modes` modes: continuous state-space matrices A, B, C and their
 * discretisation Ad, Bd for the sample time dt (the UKF's process model).
 * @throws ModelError, ArgumentError (more modes than degrees of freedom, ...), NumericalError
 */
export function rotorReduce(model: RotorModelInput, options: RotorReduceOptions): RotorReduceResult {
  const src = modelSource(model);
  // the core refuses more modes than degrees of freedom; the message names the count
  const dof = new NodeNumbering(src.model).dof;
  const labels = labelsOf(options, { speed: "speed", modes: "modes", dt: "dt" });
  labels.modes = `${labels.modes} (the model has ${dof} degrees of freedom)`;
  const red = reduceJob(options.core ?? defaultCore(), src, options.speed, options.modes, options.dt, labels);
  for (const key of ["A", "B", "C", "Ad", "Bd"] as const) requireFinite(red[key].flat(), `reduced model ${key}`);
  requireFinite(red.wn, "reduced model wn");
  return { model: src.model.name, ...red };
}
