// Rotor jobs (assembly/ABI.md, "Rotor jobs"): one export per recordable `twin rotor` command, taking
// one request buffer (layout version, the command's fields, the embedded model description) and
// returning one result buffer with everything the command reports. No state survives a call.
import { clearError } from "../errors";
import { share } from "../mem";
import { MAX_COUNT } from "../rotor/reader";
import { JOB_VERSION, openRequest, requestModel, readUnbalance, checkUnbalanceNodes } from "../rotor/job-request";
import { readGrid } from "../rotor/grid";
import { modalAnalysis, SOLVER_AUTO } from "../rotor/modal";
import { campbell } from "../rotor/campbell";
import { unbalanceResponse } from "../rotor/unbalance";
import { responseDofs } from "../rotor/nodes";
import { Newmark } from "../rotor/newmark";
import { writeTimeRows, timeRowCount, MAX_TIME_VALUES } from "../rotor/time-series";
import { staticDeflection } from "../rotor/static";
import { assembleRotor } from "../rotor/assemble";
import { reduceRotor } from "../rotor/reduce";

/** Largest mode count a request may ask for (as `rotorModal`). */
const MAX_MODES: i32 = 1 << 16;

/** Probe direction codes: x, y, an angle in rad from x. */
const PROBE_X: i32 = 0;
const PROBE_Y: i32 = 1;
const PROBE_ANGLE: i32 = 2;

function toStatic(a: Array<f64>): StaticArray<f64> {
  const out = new StaticArray<f64>(a.length);
  for (let i = 0; i < a.length; i++) unchecked((out[i] = a[i]));
  return out;
}

/**
 * `twin rotor modal`. Request: [1, nModes, speeds grid, model]. Result: [1, nDof, nSpeeds, then per
 * speed: speed, m, m × (wn, wd, logdec, whirl)].
 */
export function jobRotorModal(req: usize): usize {
  clearError();
  const r = openRequest(req);
  if (r === null) return 0;
  const nModes = r.int(1, 1, MAX_MODES);
  const speeds = readGrid(r, 2);
  const model = requestModel(r, r.end);
  if (model === null) return 0;
  const out = new Array<f64>();
  out.push(<f64>JOB_VERSION);
  out.push(<f64>model.nDof);
  out.push(<f64>speeds.length);
  for (let s = 0; s < speeds.length; s++) {
    const res = modalAnalysis(model, unchecked(speeds[s]), nModes, SOLVER_AUTO);
    if (res === null) return 0;
    out.push(unchecked(speeds[s]));
    out.push(<f64>res.count);
    for (let m = 0; m < res.count; m++) {
      out.push(unchecked(res.wn[m]));
      out.push(unchecked(res.wd[m]));
      out.push(unchecked(res.logdec[m]));
      out.push(unchecked(res.whirl[m]));
    }
  }
  return share(toStatic(out));
}

/**
 * `twin rotor campbell`. Request: [1, nModes, speeds grid, model]. Result: [1, nDof, S, M, speeds (S),
 * S × M × (wn, wd, logdec, whirl) speed-major (NaN where a tracked mode is absent), nCrit,
 * nCrit × (mode, speed)].
 */
export function jobRotorCampbell(req: usize): usize {
  clearError();
  const r = openRequest(req);
  if (r === null) return 0;
  const nModes = r.int(1, 1, MAX_MODES);
  const speeds = readGrid(r, 2);
  const model = requestModel(r, r.end);
  if (model === null) return 0;
  const c = campbell(model, speeds, nModes, SOLVER_AUTO);
  if (c === null) return 0;
  const ns = speeds.length, m = ns * nModes, nc = c.critSpeed.length;
  const out = new StaticArray<f64>(4 + ns + 4 * m + 1 + 2 * nc);
  out[0] = <f64>JOB_VERSION;
  out[1] = <f64>model.nDof;
  out[2] = <f64>ns;
  out[3] = <f64>nModes;
  let o = 4;
  for (let s = 0; s < ns; s++) unchecked((out[o++] = speeds[s]));
  for (let k = 0; k < m; k++) {
    unchecked((out[o++] = c.wn[k]));
    unchecked((out[o++] = c.wd[k]));
    unchecked((out[o++] = c.logdec[k]));
    unchecked((out[o++] = c.whirl[k]));
  }
  out[o++] = <f64>nc;
  for (let i = 0; i < nc; i++) {
    out[o++] = <f64>c.critMode[i];
    out[o++] = c.critSpeed[i];
  }
  return share(out);
}

/**
 * `twin rotor unbalance`. Request: [1, U, U × (node, magnitude, phase), P, P × (node, dir, angle),
 * frequencies grid, model]; dir 0 = x, 1 = y (angle 0), 2 = the angle in rad from x. Result:
 * [1, nDof, F, P, freqs (F), P × (node, dir, angle), P × F × (amplitude, phase) probe-major,
 * P × peak (frequency index of the probe's largest amplitude, the first of equal ones)].
 */
export function jobRotorUnbalance(req: usize): usize {
  clearError();
  const r = openRequest(req);
  if (r === null) return 0;
  const nU = r.int(1, 0, MAX_COUNT);
  const u = readUnbalance(r, 2, nU);
  const pBase = r.end;
  const nP = r.int(pBase, 1, MAX_COUNT);
  if (!r.ok) return 0;
  const pNode = new StaticArray<i32>(nP);
  const pDir = new StaticArray<i32>(nP);
  const pAngle = new StaticArray<f64>(nP);
  const pc = new StaticArray<f64>(nP);
  const ps = new StaticArray<f64>(nP);
  for (let p = 0; p < nP; p++) {
    const o = pBase + 1 + 3 * p;
    unchecked((pNode[p] = r.int(o, 0, i32.MAX_VALUE)));
    const dir = r.int(o + 1, PROBE_X, PROBE_ANGLE);
    unchecked((pDir[p] = dir));
    if (dir == PROBE_ANGLE) {
      const th = r.at(o + 2);
      unchecked((pAngle[p] = th));
      unchecked((pc[p] = Math.cos(th)));
      unchecked((ps[p] = Math.sin(th)));
    } else {
      r.zero(o + 2); // x and y are exact directions: no angle, no rounding of π/2
      unchecked((pc[p] = dir == PROBE_X ? 1.0 : 0.0));
      unchecked((ps[p] = dir == PROBE_Y ? 1.0 : 0.0));
    }
  }
  const freqs = readGrid(r, pBase + 1 + 3 * nP);
  const model = requestModel(r, r.end);
  if (model === null) return 0;
  checkUnbalanceNodes(r, u, 2, model);
  // probes: response nodes, shaft nodes then pedestal nodes (ABI.md, "Response nodes")
  const dofs = responseDofs(model);
  const pDof = new StaticArray<i32>(nP);
  for (let p = 0; p < nP; p++) {
    const node = unchecked(pNode[p]);
    r.require(node < dofs.length, pBase + 1 + 3 * p);
    if (!r.ok) return 0;
    unchecked((pDof[p] = dofs[node]));
  }
  if (!r.ok) return 0;
  const res = unbalanceResponse(model, u, freqs, pDof, pc, ps);
  if (res === null) return 0;
  const nF = freqs.length;
  const out = new StaticArray<f64>(4 + nF + 3 * nP + res.length + nP);
  out[0] = <f64>JOB_VERSION;
  out[1] = <f64>model.nDof;
  out[2] = <f64>nF;
  out[3] = <f64>nP;
  let o = 4;
  for (let f = 0; f < nF; f++) unchecked((out[o++] = freqs[f]));
  for (let p = 0; p < nP; p++) {
    unchecked((out[o++] = <f64>pNode[p]));
    unchecked((out[o++] = <f64>pDir[p]));
    unchecked((out[o++] = pAngle[p]));
  }
  for (let k = 0; k < res.length; k++) unchecked((out[o++] = res[k]));
  // each probe's peak: the frequency index of its largest amplitude (the first of equal ones)
  for (let p = 0; p < nP; p++) {
    let best = 0;
    for (let f = 1; f < nF; f++) if (unchecked(res[2 * (p * nF + f)]) > unchecked(res[2 * (p * nF + best)])) best = f;
    unchecked((out[o++] = <f64>best));
  }
  return share(out);
}

/**
 * `twin rotor time`. Request: [1, speed, tEnd, dt, withAcc, U, U × (node, magnitude, phase), model].
 * Result: [1, nRows, nR, nNodes, withAcc, nRows × (t, x_0, y_0, …, x_{nR−1}, y_{nR−1}[, ax_0, ay_0, …])].
 */
export function jobRotorTime(req: usize): usize {
  clearError();
  const r = openRequest(req);
  if (r === null) return 0;
  const speed = r.min(1, 0.0, false);
  const tEnd = r.min(2, 0.0, true);
  const dt = r.min(3, 0.0, true);
  const withAcc = r.flag(4);
  const nU = r.int(5, 0, MAX_COUNT);
  const u = readUnbalance(r, 6, nU);
  const model = requestModel(r, r.end);
  if (model === null) return 0;
  checkUnbalanceNodes(r, u, 6, model);
  const dofs = responseDofs(model);
  const nR = dofs.length;
  const stride = 1 + 2 * nR * (withAcc ? 2 : 1);
  const rows = timeRowCount(tEnd, dt);
  // the result's size: at most 2^26 values (detail: the index of tEnd)
  r.require(5.0 + rows * <f64>stride <= MAX_TIME_VALUES, 2);
  if (!r.ok) return 0;
  const nm = Newmark.create(model, speed, dt, u);
  if (nm === null) return 0;
  const nRows = <i32>rows;
  const out = new StaticArray<f64>(5 + nRows * stride);
  out[0] = <f64>JOB_VERSION;
  out[1] = rows;
  out[2] = <f64>nR;
  out[3] = <f64>model.nNodes;
  out[4] = withAcc ? 1.0 : 0.0;
  writeTimeRows(nm, dofs, nRows, dt, withAcc, out, 5);
  return share(out);
}

/**
 * `twin rotor static`. Request: [1, g, rigid, model]. Result: [1, g, rigid, nNodes, nBearings,
 * x (nNodes), y (nNodes), nBearings × (node, fx, fy)].
 */
export function jobRotorStatic(req: usize): usize {
  clearError();
  const r = openRequest(req);
  if (r === null) return 0;
  const g = r.at(1);
  const rigid = r.flag(2);
  const model = requestModel(r, 3);
  if (model === null) return 0;
  const s = staticDeflection(model, g, rigid);
  if (s === null) return 0;
  const nn = model.nNodes, nb = model.bearings.length;
  const out = new StaticArray<f64>(5 + 2 * nn + 3 * nb);
  out[0] = <f64>JOB_VERSION;
  out[1] = g;
  out[2] = rigid ? 1.0 : 0.0;
  out[3] = <f64>nn;
  out[4] = <f64>nb;
  for (let i = 0; i < nn; i++) {
    unchecked((out[5 + i] = s.x[i]));
    unchecked((out[5 + nn + i] = s.y[i]));
  }
  for (let b = 0; b < nb; b++) {
    const o = 5 + 2 * nn + 3 * b;
    out[o] = <f64>model.bearings[b].node;
    out[o + 1] = s.fx[b];
    out[o + 2] = s.fy[b];
  }
  return share(out);
}

/**
 * `twin rotor reduce`. Request: [1, speed, k, dt, model]. Result: [1, speed, dt, k, n, A (2k × 2k),
 * B (2k × n), C (n × 2k), Ad (2k × 2k), Bd (2k × n), wn (k)], matrices row-major.
 */
export function jobRotorReduce(req: usize): usize {
  clearError();
  const r = openRequest(req);
  if (r === null) return 0;
  const speed = r.min(1, 0.0, false);
  const k = r.int(2, 1, MAX_COUNT);
  const dt = r.min(3, 0.0, true);
  const model = requestModel(r, 4);
  if (model === null) return 0;
  r.require(k <= model.nDof, 2);
  if (!r.ok) return 0;
  const red = reduceRotor(assembleRotor(model, speed), speed, k, dt);
  if (red === null) return 0;
  const n = red.n, k2 = 2 * k;
  const out = new StaticArray<f64>(5 + 2 * k2 * k2 + 3 * k2 * n + k);
  out[0] = <f64>JOB_VERSION;
  out[1] = speed;
  out[2] = dt;
  out[3] = <f64>k;
  out[4] = <f64>n;
  let o = 5;
  const parts: StaticArray<f64>[] = [red.A.data, red.B.data, red.C.data, red.Ad.data, red.Bd.data, red.wn];
  for (let q = 0; q < parts.length; q++) {
    const d = parts[q];
    for (let i = 0; i < d.length; i++) unchecked((out[o + i] = d[i]));
    o += d.length;
  }
  return share(out);
}
