// The rotor commands as jobs (assembly/ABI.md, "Rotor jobs"): for each, the request built from what
// the user gave (one `runJob` call) and the result buffer read back into the shapes the formatters
// print. Every number of a result comes from the core; the host only copies values out of the buffer.
import type { Core } from "../core/core.js";
import type { CampbellResult, ModalResult, Probe, ProbeDir, ReducedModel, StaticResult, TimeResult, UnbalanceMass, UnbalanceResult, Whirl } from "./core.js";
import { type Grid, JOB_VERSION, type ModelSource, RotorRequest } from "./request.js";

export const ROTOR_JOBS = {
  modal: "jobRotorModal",
  campbell: "jobRotorCampbell",
  unbalance: "jobRotorUnbalance",
  time: "jobRotorTime",
  static: "jobRotorStatic",
  reduce: "jobRotorReduce",
} as const;

/** Modes per speed when the caller names no number (`twin rotor modal`, `campbell`, the service's methods). */
export const DEFAULT_MODES = 8;

/** Probe direction codes of a request (ABI.md): x, y (exact directions) or an angle in rad. */
export const PROBE_CODE = { x: 0, y: 1, angle: 2 } as const;

/** The labels a refused value is reported with (defaults: the command-line options). */
export type Labels = Partial<Record<"speeds" | "freqs" | "modes" | "speed" | "tEnd" | "dt" | "g", string>>;

/** An unbalance or probe with where the user gave it (e.g. `--probe #2 "4:x"`), for messages. */
export type Located<T> = T & { where?: string };

/** A result reader: values in order, checked against the layout's length. */
class Cursor {
  private i = 0;
  constructor(
    private readonly v: Float64Array,
    private readonly entry: string,
  ) {
    if (v[0] !== JOB_VERSION) throw new Error(`${entry}: result layout ${v[0]} is not ${JOB_VERSION}`);
    this.i = 1;
  }
  next(): number {
    if (this.i >= this.v.length) throw new Error(`${this.entry}: result ends early (${this.v.length} values)`);
    return this.v[this.i++]!;
  }
  take(n: number): Float64Array {
    if (this.i + n > this.v.length) throw new Error(`${this.entry}: result ends early (${this.v.length} values)`);
    const out = this.v.subarray(this.i, this.i + n);
    this.i += n;
    return out;
  }
  /** r × c row-major block as nested arrays */
  matrix(r: number, c: number): number[][] {
    const out: number[][] = [];
    for (let k = 0; k < r; k++) out.push(Array.from(this.take(c)));
    return out;
  }
  end(): void {
    if (this.i !== this.v.length) throw new Error(`${this.entry}: ${this.v.length - this.i} values after the end of the result`);
  }
}

function whirlOf(code: number): Whirl {
  return code > 0 ? "forward" : code < 0 ? "backward" : "mixed";
}

/** m modal quadruples (wn, wd, logdec, whirl) at `speed`. */
function modes(c: Cursor, speed: number, m: number): ModalResult {
  const r: ModalResult = { speed, wn: [], wd: [], logdec: [], whirl: [] };
  for (let j = 0; j < m; j++) {
    r.wn.push(c.next());
    r.wd.push(c.next());
    r.logdec.push(c.next());
    r.whirl.push(whirlOf(c.next()));
  }
  return r;
}

// ---- modal ---------------------------------------------------------------------------------------

export interface ModalJobResult {
  dof: number;
  results: ModalResult[];
}

export function modalRequest(src: ModelSource, speeds: Grid, nModes: number, labels: Labels = {}): RotorRequest {
  return new RotorRequest()
    .put(labels.modes ?? "--modes", "must be an integer from 1 to 65536", nModes)
    .grid(labels.speeds ?? "--speeds", speeds)
    .model(src);
}

export function readModal(v: Float64Array): ModalJobResult {
  const c = new Cursor(v, ROTOR_JOBS.modal);
  const dof = c.next(), ns = c.next();
  const results: ModalResult[] = [];
  for (let s = 0; s < ns; s++) {
    const speed = c.next();
    results.push(modes(c, speed, c.next()));
  }
  c.end();
  return { dof, results };
}

/** `twin rotor modal`: damped modes at every speed, one job. */
export function modalJob(core: Core, src: ModelSource, speeds: Grid, nModes: number, labels?: Labels): ModalJobResult {
  return readModal(modalRequest(src, speeds, nModes, labels).run(core, ROTOR_JOBS.modal));
}

// ---- campbell ------------------------------------------------------------------------------------

export interface CampbellJobResult {
  dof: number;
  campbell: CampbellResult;
}

export function campbellRequest(src: ModelSource, speeds: Grid, nModes: number, labels: Labels = {}): RotorRequest {
  return new RotorRequest()
    .put(labels.modes ?? "--modes", "must be an integer from 1 to 65536", nModes)
    .grid(labels.speeds ?? "--speeds", speeds)
    .model(src);
}

export function readCampbell(v: Float64Array): CampbellJobResult {
  const c = new Cursor(v, ROTOR_JOBS.campbell);
  const dof = c.next(), ns = c.next(), nm = c.next();
  const speeds = Array.from(c.take(ns));
  const results = speeds.map((s) => modes(c, s, nm));
  const nc = c.next();
  const critical: CampbellResult["critical"] = [];
  for (let k = 0; k < nc; k++) critical.push({ mode: c.next(), speed: c.next() });
  c.end();
  return { dof, campbell: { speeds, results, critical } };
}

/** `twin rotor campbell`: tracked modes over the speeds and the critical speeds, one job. */
export function campbellJob(core: Core, src: ModelSource, speeds: Grid, nModes: number, labels?: Labels): CampbellJobResult {
  return readCampbell(campbellRequest(src, speeds, nModes, labels).run(core, ROTOR_JOBS.campbell));
}

// ---- unbalance -----------------------------------------------------------------------------------

export interface UnbalanceJobResult {
  dof: number;
  response: UnbalanceResult;
  /** per probe, the frequency index of its largest amplitude (the first of equal ones) */
  peaks: number[];
}

function putUnbalance(req: RotorRequest, unbalance: Located<UnbalanceMass>[]): void {
  req.put("--unbalance", "needs at most 1048576 unbalance masses", unbalance.length);
  unbalance.forEach((u, i) => {
    const where = u.where ?? `unbalance ${i + 1}`;
    req.put(`${where}: node`, "is not a shaft node of the model (an unbalance sits on the shaft)", u.node);
    req.put(`${where}: magnitude`, "must be >= 0", u.magnitude);
    req.put(`${where}: phase`, "must be finite", u.phase);
  });
}

export function unbalanceRequest(
  src: ModelSource,
  unbalance: Located<UnbalanceMass>[],
  probes: Located<Probe>[],
  freqs: Grid,
  labels: Labels = {},
): RotorRequest {
  const req = new RotorRequest();
  putUnbalance(req, unbalance);
  req.put("--probe", "needs 1 to 1048576 probes", probes.length);
  probes.forEach((p, i) => {
    const where = p.where ?? `probe ${i + 1}`;
    req.put(`${where}: node`, "is not a shaft or pedestal node of the model", p.node);
    if (p.dir === "x" || p.dir === "y") req.put(`${where}: direction`, "must be x, y or an angle", PROBE_CODE[p.dir], 0);
    else req.put(`${where}: direction`, "must be x, y or an angle", PROBE_CODE.angle, p.dir);
  });
  return req.grid(labels.freqs ?? "--freqs", freqs).model(src);
}

function probeDir(code: number, angle: number): ProbeDir {
  if (code === PROBE_CODE.x) return "x";
  if (code === PROBE_CODE.y) return "y";
  return angle;
}

export function readUnbalance(v: Float64Array): UnbalanceJobResult {
  const c = new Cursor(v, ROTOR_JOBS.unbalance);
  const dof = c.next(), nf = c.next(), np = c.next();
  const freqs = Array.from(c.take(nf));
  const heads: { node: number; dir: ProbeDir }[] = [];
  for (let p = 0; p < np; p++) {
    const node = c.next(), code = c.next(), angle = c.next();
    heads.push({ node, dir: probeDir(code, angle) });
  }
  const probes = heads.map((h) => {
    const amplitude: number[] = [], phase: number[] = [];
    for (let k = 0; k < nf; k++) {
      amplitude.push(c.next());
      phase.push(c.next());
    }
    return { node: h.node, dir: h.dir, amplitude, phase };
  });
  const peaks = Array.from(c.take(np));
  c.end();
  return { dof, response: { freqs, probes }, peaks };
}

/** `twin rotor unbalance`: steady-state response at every probe and frequency, one job. */
export function unbalanceJob(
  core: Core,
  src: ModelSource,
  unbalance: Located<UnbalanceMass>[],
  probes: Located<Probe>[],
  freqs: Grid,
  labels?: Labels,
): UnbalanceJobResult {
  return readUnbalance(unbalanceRequest(src, unbalance, probes, freqs, labels).run(core, ROTOR_JOBS.unbalance));
}

// ---- time ----------------------------------------------------------------------------------------

export interface TimeJob {
  speed: number;
  tEnd: number;
  dt: number;
  accelerations: boolean;
  unbalance: Located<UnbalanceMass>[];
}

/** Largest result of a time response (ABI.md): 2^26 values. */
export const MAX_TIME_VALUES = 2 ** 26;

export function timeRequest(src: ModelSource, o: TimeJob, labels: Labels = {}): RotorRequest {
  const req = new RotorRequest()
    .put(labels.speed ?? "--speed", "must be >= 0", o.speed)
    .put(labels.tEnd ?? "--t-end", `gives more than ${MAX_TIME_VALUES} result values (time steps x columns): increase --dt or reduce --t-end`, o.tEnd)
    .put(labels.dt ?? "--dt", "must be > 0", o.dt)
    .put("--accelerations", "must be 0 or 1", o.accelerations ? 1 : 0);
  putUnbalance(req, o.unbalance);
  return req.model(src);
}

export function readTime(v: Float64Array): TimeResult & { shaftNodes: number } {
  const c = new Cursor(v, ROTOR_JOBS.time);
  const rows = c.next(), nodes = c.next(), shaftNodes = c.next(), withAcc = c.next() === 1;
  const w = 2 * nodes;
  const t = new Float64Array(rows);
  const disp = new Float64Array(rows * w);
  const acc = withAcc ? new Float64Array(rows * w) : undefined;
  for (let r = 0; r < rows; r++) {
    t[r] = c.next();
    disp.set(c.take(w), r * w);
    if (acc) acc.set(c.take(w), r * w);
  }
  c.end();
  return acc ? { nodes, shaftNodes, t, disp, acc } : { nodes, shaftNodes, t, disp };
}

/** `twin rotor time`: Newmark response from rest, one job. */
export function timeJob(core: Core, src: ModelSource, o: TimeJob, labels?: Labels): TimeResult & { shaftNodes: number } {
  return readTime(timeRequest(src, o, labels).run(core, ROTOR_JOBS.time));
}

// ---- static --------------------------------------------------------------------------------------

export interface StaticJobResult extends StaticResult {
  g: number;
  rigidSupports: boolean;
}

export function staticRequest(src: ModelSource, g: number, rigidSupports: boolean, labels: Labels = {}): RotorRequest {
  return new RotorRequest()
    .put(labels.g ?? "--g", "must be finite", g)
    .put("--rigid-supports", "must be 0 or 1", rigidSupports ? 1 : 0)
    .model(src);
}

export function readStatic(v: Float64Array): StaticJobResult {
  const c = new Cursor(v, ROTOR_JOBS.static);
  const g = c.next(), rigid = c.next() === 1, nn = c.next(), nb = c.next();
  const x = Array.from(c.take(nn)), y = Array.from(c.take(nn));
  const bearingForces: StaticResult["bearingForces"] = [];
  for (let b = 0; b < nb; b++) bearingForces.push({ node: c.next(), fx: c.next(), fy: c.next() });
  c.end();
  return { g, rigidSupports: rigid, deflection: { x, y }, bearingForces };
}

/** `twin rotor static`: deflection under gravity and bearing forces, one job. */
export function staticJob(core: Core, src: ModelSource, g: number, rigidSupports: boolean, labels?: Labels): StaticJobResult {
  return readStatic(staticRequest(src, g, rigidSupports, labels).run(core, ROTOR_JOBS.static));
}

// ---- reduce --------------------------------------------------------------------------------------

export function reduceRequest(src: ModelSource, speed: number, nModes: number, dt: number, labels: Labels = {}): RotorRequest {
  return new RotorRequest()
    .put(labels.speed ?? "--speed", "must be >= 0", speed)
    .put(labels.modes ?? "--modes", "must be an integer from 1 to the model's degrees of freedom", nModes)
    .put(labels.dt ?? "--dt", "must be > 0", dt)
    .model(src);
}

export function readReduce(v: Float64Array): ReducedModel {
  const c = new Cursor(v, ROTOR_JOBS.reduce);
  const speed = c.next(), dt = c.next(), k = c.next(), n = c.next(), k2 = 2 * k;
  const A = c.matrix(k2, k2), B = c.matrix(k2, n), C = c.matrix(n, k2), Ad = c.matrix(k2, k2), Bd = c.matrix(k2, n);
  const wn = Array.from(c.take(k));
  c.end();
  return { speed, modes: k, dof: n, dt, wn, A, B, C, Ad, Bd };
}

/** `twin rotor reduce`: the k-mode state-space model, one job. */
export function reduceJob(core: Core, src: ModelSource, speed: number, nModes: number, dt: number, labels?: Labels): ReducedModel {
  return readReduce(reduceRequest(src, speed, nModes, dt, labels).run(core, ROTOR_JOBS.reduce));
}
