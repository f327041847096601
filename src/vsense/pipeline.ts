// Virtual sensing end to end (docs/vsense.md): simulate the rig with a known unbalance (the truth),
// take noisy accelerations at the sensor DOFs, run the unscented Kalman filter of the core on the
// reduced modal model of the (possibly mismatched) rotor model, and compare the estimated
// displacements at the unmeasured DOFs with the truth.
//
// Filter tuning (Simon 2006, "Optimal State Estimation", §5.5 and §7.1 for Q and R as the designer's
// statement of model and sensor uncertainty):
// - R = diag(r_j), r_j = noise² · RMS(z_j)² / (1 + noise²): the added noise has std noise × RMS(clean),
//   and RMS(noisy)² = RMS(clean)² (1 + noise²) in expectation, so R comes from the measured signal alone.
//   A floor (1e-6 RMS(z_j))² keeps R positive definite for noise 0.
// - Q = σ² G Gᵀ: model error as a white modal force w (std σ per mode, held over a sample; G in
//   filter-model.ts), σ = modelError × max_j |Φ_jᵀ(a − i b)| (the largest modal unbalance force
//   amplitude), the "discrete white noise" input model (Bar-Shalom, Li & Kirubarajan 2001, "Estimation
//   with Applications to Tracking and Navigation", §6.3.3) with the exact response G of the modal model.
// - x0 = 0 (the filter starts when the recording starts, the machine has been running already: its
//   state is unknown), P0 = diag((2ρ)² for η_j, (2 max(ω_j, Ω) ρ)² for η̇_j), ρ = the largest modal
//   amplitude of the model's steady unbalance response η_ss = (Kr − Ω²I + iΩCr)⁻¹ Φᵀ(a − ib).
import { Core } from "../core/core.js";
import { RotorCore, type UnbalanceMass } from "../rotor/core.js";
import type { RotorModel } from "../rotor/model.js";
import { NodeNumbering } from "../rotor/nodes.js";
import { SignalCore } from "../signal/core.js";
import { UkfCore } from "../ukf/core.js";
import { type Dense, get, matvec, toRows } from "./dense.js";
import { type Dof, dofName, responseColumn } from "./dofs.js";
import { type FilterMatrices, filterMatrices, modalBasis, type ModalBasis, unbalanceForce } from "./filter-model.js";
import { type EstimateError, estimateError } from "./metrics.js";
import { applyMismatch, type Mismatch, mismatchName } from "./mismatch.js";
import { SplitMix64 } from "./prng.js";
import { addNoise, column, type Recording, rms, simulate } from "./truth.js";

export interface VirtualSensingOptions {
  /** rad/s */
  speed: number;
  unbalance: UnbalanceMass[];
  sensors: Dof[];
  estimates: Dof[];
  /** relative noise: std = noise × RMS of the clean acceleration */
  noise: number;
  mismatch: Mismatch[];
  /** modes of the filter's reduced model */
  modes: number;
  /** sampling frequency of the sensors and of the filter, Hz */
  fs: number;
  /** recorded duration, s */
  tEnd: number;
  /** simulated run before the recording starts, s */
  tPre: number;
  /** initial part of the recording left out of the error figures, s */
  discard: number;
  seed: number;
  /** model error level: modal force noise std relative to the largest modal unbalance force */
  modelError: number;
  /** Newmark steps per sample of the truth (default 4) */
  substeps?: number;
}

export const VS_DEFAULTS = {
  speedRpm: 1200,
  noise: 0.01,
  modes: 8,
  fs: 2000,
  tEnd: 2,
  tPre: 1,
  discard: 0.5,
  seed: 1,
  modelError: 0.01,
  substeps: 4,
};

export interface DofReport extends EstimateError {
  dof: string;
  /** the same figures for the model alone (no measurements), run from rest like the truth */
  open_loop: EstimateError;
}

export interface VirtualSensingResult {
  model: string;
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

/** Largest modal amplitude of the steady unbalance response of the reduced model. */
function steadyModalAmplitude(core: Core, basis: ModalBasis, a: Float64Array, b: Float64Array): number {
  const k = basis.k, W = basis.speed;
  const mat = new Float64Array(2 * k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      mat[i * k + j] = get(basis.Kr, i, j) - (i === j ? W * W : 0);
      mat[k * k + i * k + j] = W * get(basis.Cr, i, j);
    }
  }
  const rhs = new Float64Array(2 * k);
  for (let j = 0; j < k; j++) {
    let sa = 0, sb = 0;
    for (let i = 0; i < basis.n; i++) {
      sa += get(basis.Phi, i, j) * a[i]!;
      sb += get(basis.Phi, i, j) * b[i]!;
    }
    rhs[j] = sa;
    rhs[k + j] = -sb;
  }
  const x = core.withBuffers([mat, rhs], (pa, pb) => core.take(core.fn("linalgSolveComplex")(pa!, pb!, k), "linalgSolveComplex"));
  let rho = 0;
  for (let j = 0; j < k; j++) rho = Math.max(rho, Math.hypot(x[j]!, x[k + j]!));
  return rho;
}

/** max_j |Φ_jᵀ (a − i b)|. */
function maxModalForce(basis: ModalBasis, a: Float64Array, b: Float64Array): number {
  let best = 0;
  for (let j = 0; j < basis.k; j++) {
    let sa = 0, sb = 0;
    for (let i = 0; i < basis.n; i++) {
      sa += get(basis.Phi, i, j) * a[i]!;
      sb += get(basis.Phi, i, j) * b[i]!;
    }
    best = Math.max(best, Math.hypot(sa, sb));
  }
  return best;
}

/** Filter inputs u_k = [cos Ωt_k, sin Ωt_k] for the sample times t. */
export function harmonicInputs(t: Float64Array, speed: number): Float64Array {
  const u = new Float64Array(2 * t.length);
  for (let i = 0; i < t.length; i++) {
    u[2 * i] = Math.cos(speed * t[i]!);
    u[2 * i + 1] = Math.sin(speed * t[i]!);
  }
  return u;
}

/** The model alone, from rest at t = 0: x_k = F x_{k−1} + B u_k; displacements `out` x at the given sample times. */
function openLoop(fm: FilterMatrices, speed: number, dt: number, total: number, first: number): Float64Array[] {
  const nx = fm.F.r, ne = fm.out.r;
  let x: Float64Array = new Float64Array(nx);
  const series = Array.from({ length: ne }, () => new Float64Array(total - first));
  for (let k = 1; k < total; k++) {
    const tk = k * dt;
    const u = [Math.cos(speed * tk), Math.sin(speed * tk)];
    const fx = matvec(fm.F, x);
    for (let i = 0; i < nx; i++) fx[i] = fx[i]! + get(fm.B, i, 0) * u[0]! + get(fm.B, i, 1) * u[1]!;
    x = fx;
    if (k >= first) {
      const y = matvec(fm.out, x);
      for (let e = 0; e < ne; e++) series[e]![k - first] = y[e]!;
    }
  }
  return series;
}

function diag(values: number[]): number[][] {
  return values.map((v, i) => values.map((_, j) => (i === j ? v : 0)));
}

export interface VirtualSensingRun {
  result: VirtualSensingResult;
  recording: Recording;
  /** noisy accelerations per sensor, one value per recorded sample */
  noisy: Float64Array[];
  /** estimated displacement per estimated DOF, one value per recorded sample */
  estimated: Float64Array[];
}

export function virtualSensing(model: RotorModel, o: VirtualSensingOptions, core: Core = Core.default()): VirtualSensingRun {
  const samples = Math.round(o.tEnd * o.fs);
  const preSamples = Math.round(o.tPre * o.fs);
  const discarded = Math.round(o.discard * o.fs);
  if (samples < 2 || discarded >= samples - 1) throw new RangeError(`the recording (${samples} samples) must be longer than the discarded part (${discarded})`);
  const dt = 1 / o.fs;

  // the truth: nominal model
  const truthRotor = RotorCore.load(model, core);
  let recording: Recording;
  try {
    recording = simulate(truthRotor, { speed: o.speed, unbalance: o.unbalance, fs: o.fs, samples, preSamples, substeps: o.substeps ?? VS_DEFAULTS.substeps });
  } finally {
    truthRotor.free();
  }
  const width = 2 * recording.nodes;
  const clean = o.sensors.map((d) => column(recording.acc, width, responseColumn(d)));
  const { noisy, std } = addNoise(clean, o.noise, new SplitMix64(o.seed));

  // the filter's model: possibly mismatched
  const filterRotor = RotorCore.load(o.mismatch.length > 0 ? applyMismatch(model, o.mismatch) : model, core);
  let basis: ModalBasis;
  try {
    basis = modalBasis(filterRotor, o.speed, o.modes, dt);
  } finally {
    filterRotor.free();
  }
  const fm = filterMatrices(core, basis, o.unbalance, o.sensors, o.estimates, new NodeNumbering(model));
  const { a, b } = unbalanceForce(o.unbalance, basis.n, o.speed);
  const k = basis.k, nx = 2 * k, m = o.sensors.length;

  const R = noisy.map((z) => {
    const r2 = rms(z) ** 2;
    return Math.max((o.noise * o.noise * r2) / (1 + o.noise * o.noise), 1e-12 * r2);
  });
  const sigma = o.modelError * maxModalForce(basis, a, b);
  const Q = new Float64Array(nx * nx);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < nx; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += get(basis.G, i, l) * get(basis.G, j, l);
      Q[i * nx + j] = sigma * sigma * s;
    }
  }
  const rho = steadyModalAmplitude(core, basis, a, b);
  const P0 = diag([...basis.wn.map(() => (2 * rho) ** 2), ...basis.wn.map((w) => (2 * Math.max(w, o.speed) * rho) ** 2)]);

  const filter = new UkfCore(core).create({
    dimX: nx,
    dimZ: m,
    dimU: 2,
    alpha: 1,
    beta: 0,
    kappa: 0,
    process: { kind: "linear", F: toRows(fm.F), B: toRows(fm.B) },
    measurement: { kind: "linear", H: toRows(fm.H), D: toRows(fm.D) },
    options: { symmetrise: true },
  });
  let xs: Float64Array[];
  let repairs: number;
  try {
    filter.set("x", new Float64Array(nx));
    filter.set("P", P0);
    filter.set("Q", Q);
    filter.set("R", diag(R));
    const zs = new Float64Array(samples * m);
    for (let i = 0; i < samples; i++) for (let j = 0; j < m; j++) zs[i * m + j] = noisy[j]![i]!;
    // step i: predict from the previous sample (the first: from the recording's start state x0) to
    // sample i, then update with z_i; u_i is the force phase at sample i
    const us = harmonicInputs(recording.t, o.speed);
    xs = filter.run(zs, ["xPost"], us).map((s) => s.xPost!);
    repairs = filter.repairs;
  } finally {
    filter.free();
  }

  const sig = new SignalCore(core);
  const speedHz = o.speed / (2 * Math.PI);
  const estimated = o.estimates.map((_, e) => Float64Array.from(xs, (x) => rowTimes(fm.out, e, x)));
  const loop = openLoop(fm, o.speed, dt, preSamples + samples, preSamples);
  const estimates: DofReport[] = o.estimates.map((d, e) => {
    const truth = column(recording.disp, width, responseColumn(d));
    return {
      dof: dofName(d),
      ...estimateError(sig, truth, estimated[e]!, discarded, o.fs, speedHz),
      open_loop: estimateError(sig, truth, loop[e]!, discarded, o.fs, speedHz),
    };
  });
  const result: VirtualSensingResult = {
    model: model.name,
    speed: o.speed,
    speed_rpm: (o.speed * 60) / (2 * Math.PI),
    fs: o.fs,
    samples,
    discarded,
    t_pre: preSamples / o.fs,
    modes: k,
    wn_hz: basis.wn.map((w) => w / (2 * Math.PI)),
    noise: o.noise,
    seed: o.seed,
    mismatch: o.mismatch.map(mismatchName),
    sensors: o.sensors.map((d, j) => ({ dof: dofName(d), noise_std: std[j]!, R: R[j]! })),
    filter: { model_error: o.modelError, sigma_modal_force: sigma, repairs },
    estimates,
    worst_nrmse: Math.max(...estimates.map((e) => e.nrmse)),
  };
  return { result, recording, noisy, estimated };
}

function rowTimes(a: Dense, row: number, x: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.c; j++) s += a.v[row * a.c + j]! * x[j]!;
  return s;
}
