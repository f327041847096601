// Virtual sensing end to end (ABI.md, "Virtual sensing", jobVirtualSensing): simulate the rig with a
// known unbalance (truth.ts), take noisy accelerations at the sensor DOFs (noise.ts), run the virtual
// sensor (session.ts, on the reduced model of the possibly mismatched filter model, filter-model.ts)
// over the recording, and score its displacement estimates at the unmeasured DOFs against the truth
// (metrics.ts), together with the model alone run from rest (the open loop).
import { ERR_INVALID_INPUT } from "../errors";
import { RotorModel, decodeRotorModelAt, decodedEnd } from "../rotor/model";
import { UnbalanceSet } from "../rotor/unbalance";
import { OrderFit } from "../signal/orders";
import { Req, DofList, readDofList, listEnd, MAX_LIST } from "./request";
import { bearingPlaces, defaultEstimates } from "./places";
import { applyMismatch, MISMATCH_CODES } from "./mismatch";
import { Gaussian, addNoise, rms } from "./noise";
import { simulate } from "./truth";
import { buildFilterModel } from "./filter-model";
import { VsSession } from "./session";
import { estimateError, FIGURES } from "./metrics";

/** Values before the model in a virtual-sensing request. */
export const VS_HEADER: i32 = 12;
/** Values before wn_hz in a virtual-sensing result. */
export const VS_RESULT_HEADER: i32 = 13;
/** Largest number of recorded samples. */
export const MAX_SAMPLES: f64 = 16777216.0; // 2^24
/** Largest number of values in a result's time series. */
const MAX_SERIES: f64 = 67108864.0; // 2^26
const TWO_PI: f64 = 2.0 * Math.PI;

/** Shaft speed in rad/s from rev/min: ((rpm·2)·π)/60. */
export function rpmToRadS(rpm: f64): f64 {
  return (rpm * 2.0 * Math.PI) / 60.0;
}

/** A decoded virtual-sensing request (layout in ABI.md); indices of faults are absolute. */
export class VsRequest {
  base: i32 = 0;
  speedRpm: f64 = 0;
  speed: f64 = 0;
  fs: f64 = 0;
  noise: f64 = 0;
  seed: u64 = 0;
  modelError: f64 = 0;
  substeps: i32 = 1;
  modes: i32 = 1;
  series: bool = false;
  samples: i32 = 0;
  pre: i32 = 0;
  discarded: i32 = 0;
  model: RotorModel;
  filterModel: RotorModel;
  unb: UnbalanceSet;
  sensors: DofList | null = null;
  sensorsAt: i32 = 0;
  estimates: DofList | null = null;
  estimatesAt: i32 = 0;

  constructor(model: RotorModel, filterModel: RotorModel, unb: UnbalanceSet) {
    this.model = model;
    this.filterModel = filterModel;
    this.unb = unb;
  }
}

/**
 * Unbalance triples at pos: count c ≥ 1, then c × (shaft node, m·e ≥ 0 kg m, phase rad); at least one
 * m·e > 0 (else a fault at the count). `listEnd` is left after the list.
 */
export function readUnbalance(r: Req, pos: i32, model: RotorModel): UnbalanceSet | null {
  const c = r.int(pos, 1, MAX_LIST);
  if (!r.ok) return null;
  const u = new UnbalanceSet(c);
  let any = false;
  for (let q = 0; q < c; q++) {
    const p = pos + 1 + 3 * q;
    unchecked((u.node[q] = r.int(p, 0, model.nNodes - 1)));
    const me = r.above(p + 1, 0.0, false);
    unchecked((u.me[q] = me));
    unchecked((u.phase[q] = r.at(p + 2)));
    if (!r.ok) return null;
    if (me > 0.0) any = true;
  }
  if (!any) {
    r.fail(ERR_INVALID_INPUT, pos);
    return null;
  }
  unbEnd = pos + 1 + 3 * c;
  return u;
}
export let unbEnd: i32 = 0;

/** Decodes the virtual-sensing request that starts at `base` and runs to the end of the buffer. */
export function readVsRequest(r: Req, base: i32): VsRequest | null {
  r.int(base, 1, 1);
  const rpm = r.above(base + 1, 0.0, true);
  const fs = r.above(base + 2, 0.0, true);
  const tEnd = r.above(base + 3, 0.0, true);
  const tPre = r.above(base + 4, 0.0, false);
  const discard = r.above(base + 5, 0.0, false);
  const noise = r.above(base + 6, 0.0, false);
  const seed = r.seed(base + 7);
  const modelError = r.above(base + 8, 0.0, false);
  const substeps = r.int(base + 9, 1, 1 << 20);
  const modes = r.int(base + 10, 1, MAX_LIST);
  const series = r.int(base + 11, 0, 1);
  if (!r.ok) return null;
  const model = decodeRotorModelAt(r.buf, base + VS_HEADER);
  if (model === null) {
    r.ok = false;
    return null;
  }
  let pos = decodedEnd;
  const filterModel = decodeRotorModelAt(r.buf, base + VS_HEADER) as RotorModel;
  if (modes > model.nDof) r.fail(ERR_INVALID_INPUT, base + 10);
  const unb = readUnbalance(r, pos, model);
  if (unb === null) return null;
  const q = new VsRequest(model, filterModel, unb);
  q.base = base;
  pos = unbEnd;
  q.sensorsAt = pos;
  q.sensors = readDofList(r, pos, model);
  pos = listEnd;
  q.estimatesAt = pos;
  q.estimates = readDofList(r, pos, model);
  pos = listEnd;
  const nm = r.int(pos, 0, MAX_LIST);
  for (let i = 0; i < nm && r.ok; i++) {
    const p = pos + 1 + 2 * i;
    const code = r.int(p, 0, MISMATCH_CODES - 1);
    const pct = r.above(p + 1, -100.0, true);
    if (r.ok) applyMismatch(filterModel, code, pct);
  }
  pos += 1 + 2 * nm;
  r.end(pos);
  if (!r.ok) return null;

  q.speedRpm = rpm;
  q.speed = rpmToRadS(rpm);
  q.fs = fs;
  q.noise = noise;
  q.seed = seed;
  q.modelError = modelError;
  q.substeps = substeps;
  q.modes = modes;
  q.series = series == 1;
  const samples = Math.round(tEnd * fs), pre = Math.round(tPre * fs), discarded = Math.round(discard * fs);
  if (!(samples >= 2.0 && samples <= MAX_SAMPLES)) r.fail(ERR_INVALID_INPUT, base + 3);
  if (!(pre <= MAX_SAMPLES * 64.0)) r.fail(ERR_INVALID_INPUT, base + 4);
  if (!((pre + samples) * <f64>substeps < 2147483647.0)) r.fail(ERR_INVALID_INPUT, base + 9);
  const speedHz = q.speed / TWO_PI;
  if (!(speedHz < fs / 2.0)) r.fail(ERR_INVALID_INPUT, base + 1);
  // at least two revolutions are left for the error figures
  if (discarded > samples - Math.ceil((2.0 * fs) / speedHz)) r.fail(ERR_INVALID_INPUT, base + 5);
  if (!r.ok) return null;
  q.samples = <i32>samples;
  q.pre = <i32>pre;
  q.discarded = <i32>discarded;
  return q;
}

/** The sensors (given, or x and y at every bearing node) and estimates (given, or the defaults less the sensors). */
export function resolvedSensors(r: Req, q: VsRequest): DofList | null {
  const s = q.sensors !== null ? (q.sensors as DofList) : bearingPlaces(q.model);
  if (s.length == 0) {
    r.fail(ERR_INVALID_INPUT, q.sensorsAt);
    return null;
  }
  return s;
}

export function resolvedEstimates(r: Req, q: VsRequest, sensors: DofList): DofList | null {
  if (q.estimates === null) {
    const d = defaultEstimates(q.model, sensors, null);
    if (d.length == 0) {
      r.fail(ERR_INVALID_INPUT, q.estimatesAt);
      return null;
    }
    return d;
  }
  const e = q.estimates as DofList;
  for (let i = 0; i < e.length; i++) {
    if (sensors.has(e.node[i], e.dir[i])) {
      r.fail(ERR_INVALID_INPUT, q.estimatesAt + 1 + 2 * i);
      return null;
    }
  }
  return e;
}

/** Checks the size of the result's time series (a fault at the series flag). */
export function seriesFits(r: Req, q: VsRequest, m: i32, e: i32): bool {
  if (q.series && <f64>q.samples * <f64>(1 + m + 2 * e) > MAX_SERIES) {
    r.fail(ERR_INVALID_INPUT, q.base + 11);
    return false;
  }
  return true;
}

/** sensors then estimates, as one list of places for the truth simulation. */
function concat(model: RotorModel, a: DofList, b: DofList): DofList {
  const n = a.length + b.length;
  const nodes = new StaticArray<i32>(n), dirs = new StaticArray<i32>(n);
  for (let i = 0; i < a.length; i++) {
    unchecked((nodes[i] = a.node[i]));
    unchecked((dirs[i] = a.dir[i]));
  }
  for (let i = 0; i < b.length; i++) {
    unchecked((nodes[a.length + i] = b.node[i]));
    unchecked((dirs[a.length + i] = b.dir[i]));
  }
  return DofList.of(model, nodes, dirs);
}

/**
 * R_j = max(noise²·RMS(z_j)²/(1 + noise²), 1e-12·RMS(z_j)²): the added noise variance estimated from
 * the measured (noisy) signal alone, RMS(noisy)² = RMS(clean)²(1 + noise²) in expectation; the floor
 * keeps R positive definite for noise 0.
 */
export function measurementVariance(z: StaticArray<f64>, n: i32, noise: f64): f64 {
  const r = rms(z, n);
  const r2 = r * r;
  return Math.max((noise * noise * r2) / (1.0 + noise * noise), 1e-12 * r2);
}

/** The whole virtual-sensing run; the result buffer of jobVirtualSensing (ABI.md), or null (error set). */
export function runVirtualSensing(r: Req, q: VsRequest, sensors: DofList, estimates: DofList): StaticArray<f64> | null {
  const m = sensors.length, e = estimates.length, n = q.samples;
  if (!seriesFits(r, q, m, e)) return null;
  const rec = simulate(q.model, q.speed, q.unb, q.fs, n, q.pre, q.substeps, concat(q.model, sensors, estimates));
  if (rec === null) return null;

  // noisy accelerations at the sensors (the recording's own arrays), and R
  const z = new StaticArray<StaticArray<f64>>(m);
  for (let j = 0; j < m; j++) unchecked((z[j] = rec.acc[j]));
  const std = new StaticArray<f64>(m);
  addNoise(z, n, q.noise, new Gaussian(q.seed), std);
  const R = new StaticArray<f64>(m);
  for (let j = 0; j < m; j++) unchecked((R[j] = measurementVariance(z[j], n, q.noise)));

  // the virtual sensor over the whole recording
  const fm = buildFilterModel(q.filterModel, q.speed, q.modes, q.fs, q.unb, sensors, estimates, q.modelError);
  if (fm === null) return null;
  const session = VsSession.create(fm, R, q.fs, <f64>q.pre);
  if (session === null) return null;
  const zs = new StaticArray<f64>(n * m);
  for (let s = 0; s < n; s++) for (let j = 0; j < m; j++) unchecked((zs[s * m + j] = z[j][s]));
  const est = new StaticArray<f64>(n * e);
  if (!session.step(zs, 0, n, est, 0, 0)) return null;
  const repairs = session.ukf.repairs;

  // the model alone from rest at sample 0: x_k = F x_{k−1} + B u_k, k = 1 … pre + n − 1
  const k = fm.k, nx = 2 * k;
  const loop = new StaticArray<StaticArray<f64>>(e);
  for (let i = 0; i < e; i++) unchecked((loop[i] = new StaticArray<f64>(n)));
  let x = new StaticArray<f64>(nx);
  let fx = new StaticArray<f64>(nx);
  const F = fm.F.data, B = fm.B.data, O = fm.out.data;
  const total = q.pre + n;
  for (let t = 1; t < total; t++) {
    const th = q.speed * (<f64>t / q.fs);
    const u0 = Math.cos(th), u1 = Math.sin(th);
    for (let i = 0; i < nx; i++) {
      let s = 0.0;
      for (let j = 0; j < nx; j++) s += unchecked(F[i * nx + j]) * unchecked(x[j]);
      unchecked((fx[i] = s + unchecked(B[2 * i]) * u0 + unchecked(B[2 * i + 1]) * u1));
    }
    const tmp = x;
    x = fx;
    fx = tmp;
    if (t >= q.pre) {
      for (let i = 0; i < e; i++) {
        let s = 0.0;
        for (let j = 0; j < nx; j++) s += unchecked(O[i * nx + j]) * unchecked(x[j]);
        unchecked((loop[i][t - q.pre] = s));
      }
    }
  }

  // error figures
  const speedHz = q.speed / TWO_PI;
  const fit = new OrderFit(n - q.discarded, speedHz / q.fs, 1);
  if (!fit.ok) {
    r.fail(ERR_INVALID_INPUT, q.base + 5);
    return null;
  }
  const rows = q.series ? n : 0;
  const width = 1 + m + 2 * e;
  const eOff = VS_RESULT_HEADER + k + 4 * m;
  const sOff = eOff + e * (2 + 2 * FIGURES);
  const out = new StaticArray<f64>(sOff + rows * width);
  out[0] = 1.0;
  out[1] = q.speed;
  out[2] = <f64>n;
  out[3] = <f64>q.discarded;
  out[4] = <f64>q.pre;
  out[5] = <f64>q.pre / q.fs;
  out[6] = <f64>k;
  out[7] = <f64>m;
  out[8] = <f64>e;
  out[9] = fm.sigma;
  out[10] = <f64>repairs;
  out[12] = <f64>rows;
  for (let j = 0; j < k; j++) unchecked((out[VS_RESULT_HEADER + j] = fm.wn[j] / TWO_PI));
  for (let j = 0; j < m; j++) {
    const o = VS_RESULT_HEADER + k + 4 * j;
    unchecked((out[o] = <f64>sensors.node[j]));
    unchecked((out[o + 1] = <f64>sensors.dir[j]));
    unchecked((out[o + 2] = std[j]));
    unchecked((out[o + 3] = R[j]));
  }
  const series = new StaticArray<f64>(n);
  let worst = 0.0;
  for (let i = 0; i < e; i++) {
    const o = eOff + i * (2 + 2 * FIGURES);
    unchecked((out[o] = <f64>estimates.node[i]));
    unchecked((out[o + 1] = <f64>estimates.dir[i]));
    for (let s = 0; s < n; s++) unchecked((series[s] = est[s * e + i]));
    const truth = unchecked(rec.disp[m + i]);
    estimateError(truth, series, q.discarded, n, fit, out, o + 2);
    estimateError(truth, loop[i], q.discarded, n, fit, out, o + 2 + FIGURES);
    worst = i == 0 ? out[o + 2] : Math.max(worst, out[o + 2]);
  }
  out[11] = worst;
  for (let s = 0; s < rows; s++) {
    let o = sOff + s * width;
    unchecked((out[o++] = session.time(<f64>s)));
    for (let j = 0; j < m; j++) unchecked((out[o++] = z[j][s]));
    for (let i = 0; i < e; i++) {
      unchecked((out[o++] = rec.disp[m + i][s]));
      unchecked((out[o++] = est[s * e + i]));
    }
  }
  return out;
}
