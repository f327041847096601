// Result buffers of the virtual-sensing jobs (assembly/ABI.md, "Virtual sensing") read into the
// documented report objects. Every number is the core's; the host only copies and names them, and
// echoes the options it put into the request.
import type { RotorModel } from "../rotor/model.js";
import { type Dof, dofFromCodes, dofName } from "./dofs.js";
import { mismatchName } from "./mismatch.js";
import type { PlacementMethod, VirtualSensingOptions } from "./request.js";

/** Error figures of one estimated DOF over the scored samples. */
export interface EstimateError {
  /** RMS(estimate − truth) / RMS(truth) */
  nrmse: number;
  truth_rms: number;
  error_rms: number;
  /** 1X amplitudes (peak) of truth and estimate */
  truth_1x: number;
  estimate_1x: number;
  /** estimate_1x / truth_1x − 1 */
  amplitude_error_1x: number;
  /** phase(estimate) − phase(truth), wrapped to (−π, π] (rad) */
  phase_error_1x: number;
}

/** The error figures of one estimated DOF, with the filter and with the model alone. */
export interface DofReport extends EstimateError {
  dof: string;
  /** the same figures for the model alone (no measurements), run from rest like the truth */
  open_loop: EstimateError;
}

/** The report of a virtual-sensing run (`twin virtual-sensing --json`). */
export interface VirtualSensingResult {
  model: string;
  /** rad/s */
  speed: number;
  speed_rpm: number;
  fs: number;
  samples: number;
  /** samples at the start of the recording left out of the error figures */
  discarded: number;
  t_pre: number;
  modes: number;
  wn_hz: number[];
  noise: number;
  seed: number;
  mismatch: string[];
  sensors: { dof: string; noise_std: number; R: number }[];
  filter: { model_error: number; sigma_modal_force: number; repairs: number };
  estimates: DofReport[];
  /** largest NRMSE over the estimated DOFs */
  worst_nrmse: number;
}

/** The time series of a run: per recorded sample t, the noisy accelerations, truth and estimate per estimated DOF. */
export interface VirtualSensingSeries {
  rows: number;
  /** row-major, 1 + m + 2e values per row */
  values: Float64Array;
}

/** A virtual-sensing run: its report, the places used, and the time series when asked for. */
export interface VirtualSensingRun {
  result: VirtualSensingResult;
  /** samples simulated before the recording (the index n0 of its first sample) */
  preSamples: number;
  sensors: Dof[];
  estimates: Dof[];
  series: VirtualSensingSeries | null;
}

const FIGURES = ["nrmse", "truth_rms", "error_rms", "truth_1x", "estimate_1x", "amplitude_error_1x", "phase_error_1x"] as const;

function figures(v: Float64Array, o: number): EstimateError {
  const out = {} as Record<(typeof FIGURES)[number], number>;
  FIGURES.forEach((name, i) => (out[name] = v[o + i]!));
  return out;
}

function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`virtual-sensing result: ${what}`);
}

/** Reads a jobVirtualSensing result (layout version 1) at offset `at` of `v`; returns the run and its length. */
export function readVirtualSensing(v: Float64Array, at: number, model: RotorModel, o: VirtualSensingOptions): { run: VirtualSensingRun; length: number } {
  check(v[at] === 1, `layout version ${v[at]}`);
  const k = v[at + 6]!, m = v[at + 7]!, e = v[at + 8]!, rows = v[at + 12]!;
  const wnAt = at + 13, sAt = wnAt + k, eAt = sAt + 4 * m, serAt = eAt + e * 16;
  const width = 1 + m + 2 * e;
  const length = serAt - at + rows * width;
  check(at + length <= v.length, "shorter than its counts say");
  const sensors: Dof[] = [], estimates: Dof[] = [];
  const sensorRows = [];
  for (let j = 0; j < m; j++) {
    const o2 = sAt + 4 * j;
    const d = dofFromCodes(v[o2]!, v[o2 + 1]!);
    sensors.push(d);
    sensorRows.push({ dof: dofName(d), noise_std: v[o2 + 2]!, R: v[o2 + 3]! });
  }
  const reports: DofReport[] = [];
  for (let i = 0; i < e; i++) {
    const o2 = eAt + 16 * i;
    const d = dofFromCodes(v[o2]!, v[o2 + 1]!);
    estimates.push(d);
    reports.push({ dof: dofName(d), ...figures(v, o2 + 2), open_loop: figures(v, o2 + 9) });
  }
  const result: VirtualSensingResult = {
    model: model.name,
    speed: v[at + 1]!,
    speed_rpm: o.speedRpm,
    fs: o.fs,
    samples: v[at + 2]!,
    discarded: v[at + 3]!,
    t_pre: v[at + 5]!,
    modes: k,
    wn_hz: Array.from(v.subarray(wnAt, wnAt + k)),
    noise: o.noise,
    seed: o.seed,
    mismatch: o.mismatch.map(mismatchName),
    sensors: sensorRows,
    filter: { model_error: o.modelError, sigma_modal_force: v[at + 9]!, repairs: v[at + 10]! },
    estimates: reports,
    worst_nrmse: v[at + 11]!,
  };
  const series = rows > 0 ? { rows, values: v.slice(serAt, serAt + rows * width) } : null;
  return { run: { result, preSamples: v[at + 4]!, sensors, estimates, series }, length };
}

/** A sensor placement with its check runs (`twin sensor-placement --json`). */
export interface PlacementResult {
  model: string;
  method: PlacementMethod;
  count: number;
  target_modes: number;
  target_wn_hz: number[];
  candidates: string[];
  sensors: { dof: string; efi: number; weight: number }[];
  fisher_det: number;
  removed: { dof: string; score: number }[];
  check: VirtualSensingResult;
  bearing_sensors: VirtualSensingResult;
}

/** Reads a jobSensorPlacement result (layout version 1). */
export function readSensorPlacement(v: Float64Array, model: RotorModel, method: PlacementMethod, run: VirtualSensingOptions): { result: PlacementResult; chosen: Dof[]; bearings: Dof[] } {
  check(v[0] === 1, `layout version ${v[0]}`);
  const n = v[1]!, k = v[2]!, c = v[3]!;
  let o = 6;
  const wn = Array.from(v.subarray(o, o + k));
  o += k;
  const candidates: string[] = [];
  for (let i = 0; i < c; i++, o += 2) candidates.push(dofName(dofFromCodes(v[o]!, v[o + 1]!)));
  const chosen: Dof[] = [];
  const sensors: PlacementResult["sensors"] = [];
  for (let i = 0; i < n; i++, o += 4) {
    const d = dofFromCodes(v[o]!, v[o + 1]!);
    chosen.push(d);
    sensors.push({ dof: dofName(d), efi: v[o + 2]!, weight: v[o + 3]! });
  }
  const removed: PlacementResult["removed"] = [];
  for (let i = 0; i < c - n; i++, o += 3) removed.push({ dof: dofName(dofFromCodes(v[o]!, v[o + 1]!)), score: v[o + 2]! });
  const first = readVirtualSensing(v, o + 1, model, run);
  check(first.length === v[o], "first check run length");
  o += 1 + first.length;
  const second = readVirtualSensing(v, o + 1, model, run);
  check(second.length === v[o] && o + 1 + second.length === v.length, "second check run length");
  return {
    result: {
      model: model.name,
      method,
      count: n,
      target_modes: k,
      target_wn_hz: wn,
      candidates,
      sensors,
      fisher_det: v[5]!,
      removed,
      check: first.run.result,
      bearing_sensors: second.run.result,
    },
    chosen,
    bearings: second.run.sensors,
  };
}
