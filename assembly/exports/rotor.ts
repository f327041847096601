// Rotor model exports: load, matrices, static, unbalance, time (assembly/ABI.md, "Rotor").
import { clearError, setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { lookup, share, sizedBuffer as buffer } from "../mem";
import { RotorModel, decodeRotorModel, registerModel, getModel, freeModel } from "../rotor/model";
import { assembleRotor } from "../rotor/assemble";
import { staticDeflection } from "../rotor/static";
import { UnbalanceSet, unbalanceResponse, probeCos, probeSin } from "../rotor/unbalance";
import { Newmark } from "../rotor/newmark";
import { writeTimeRows, timeRowCount, MAX_TIME_VALUES } from "../rotor/time-series";
import { pedestalNodeOrder, responseDofs } from "../rotor/nodes";

/** Decodes and keeps a rotor model description; returns its handle (1, 2, ...) or 0. */
export function rotorLoad(descPtr: usize): i32 {
  clearError();
  const buf = lookup(descPtr);
  if (buf == null) {
    setError(ERR_BAD_HANDLE, <f64>descPtr);
    return 0;
  }
  const m = decodeRotorModel(buf);
  if (m == null) return 0;
  return registerModel(m);
}

export function rotorFree(h: i32): void {
  freeModel(h);
}

export function rotorDof(h: i32): i32 {
  clearError();
  const m = getModel(h);
  return m == null ? 0 : m.nDof;
}

export function rotorNodes(h: i32): i32 {
  clearError();
  const m = getModel(h);
  return m == null ? 0 : m.nNodes;
}

/**
 * The response-node numbering (ABI.md, "Response nodes"): [nNodes, nPedestals, then per pedestal node
 * nNodes + j (j = 0 … nPedestals − 1): pedestal index p (place in the description's pedestal list),
 * bearing index, the bearing's shaft node, x DOF].
 */
export function rotorResponseNodes(h: i32): usize {
  clearError();
  const m = getModel(h);
  if (m == null) return 0;
  const order = pedestalNodeOrder(m);
  const np = order.length;
  const out = new StaticArray<f64>(2 + 4 * np);
  out[0] = <f64>m.nNodes;
  out[1] = <f64>np;
  for (let j = 0; j < np; j++) {
    const p = order[j];
    const b = m.pedestals[p].bearing;
    out[2 + 4 * j] = <f64>p;
    out[3 + 4 * j] = <f64>b;
    out[4 + 4 * j] = <f64>m.bearings[b].node;
    out[5 + 4 * j] = <f64>m.pedestalDof(p);
  }
  return share(out);
}

/** [n, M, K, C, G] (each n x n row-major), bearings at `speed`, G per unit speed. */
export function rotorMatrices(h: i32, speed: f64): usize {
  clearError();
  const m = getModel(h);
  if (m == null) return 0;
  if (!isFinite(speed)) {
    setError(ERR_NAN_INPUT, 1);
    return 0;
  }
  const s = assembleRotor(m, speed);
  const n = s.n, nn = n * n;
  const out = new StaticArray<f64>(1 + 4 * nn);
  out[0] = <f64>n;
  const mats = [s.M, s.K, s.C, s.G];
  for (let q = 0; q < 4; q++) {
    const d = mats[q].data;
    const o = 1 + q * nn;
    for (let k = 0; k < nn; k++) unchecked((out[o + k] = d[k]));
  }
  return share(out);
}

/** [nNodes, nBearings, x[nNodes], y[nNodes], per bearing: node, fx, fy] (gravity g along -y). */
export function rotorStatic(h: i32, g: f64, rigid: i32): usize {
  clearError();
  const m = getModel(h);
  if (m == null) return 0;
  if (!isFinite(g)) {
    setError(ERR_NAN_INPUT, 1);
    return 0;
  }
  const r = staticDeflection(m, g, rigid != 0);
  if (r == null) return 0;
  const nn = m.nNodes, nb = m.bearings.length;
  const out = new StaticArray<f64>(2 + 2 * nn + 3 * nb);
  out[0] = <f64>nn;
  out[1] = <f64>nb;
  for (let i = 0; i < nn; i++) {
    out[2 + i] = r.x[i];
    out[2 + nn + i] = r.y[i];
  }
  for (let b = 0; b < nb; b++) {
    const o = 2 + 2 * nn + 3 * b;
    out[o] = <f64>m.bearings[b].node;
    out[o + 1] = r.fx[b];
    out[o + 2] = r.fy[b];
  }
  return share(out);
}

/**
 * Decodes nUnb triples (node, magnitude kg m, phase rad) at unbPtr; null with ERR_INVALID_INPUT /
 * ERR_NAN_INPUT (detail: index in that buffer) or ERR_BAD_HANDLE for an unknown buffer. The node must
 * be a shaft node (0 … nNodes − 1): a pedestal node (nNodes and up) carries no unbalance.
 */
function readUnbalance(model: RotorModel, unbPtr: usize, nUnb: i32): UnbalanceSet | null {
  const u = new UnbalanceSet(nUnb < 0 ? 0 : nUnb);
  if (nUnb <= 0) return u;
  const b = buffer(unbPtr, 3 * nUnb);
  if (b == null) return null;
  for (let k = 0; k < nUnb; k++) {
    const node = b[3 * k];
    if (!finiteAt(b, 3 * k) || !finiteAt(b, 3 * k + 1) || !finiteAt(b, 3 * k + 2)) return null;
    if (node != Math.floor(node) || node < 0 || node >= <f64>model.nNodes) {
      setError(ERR_INVALID_INPUT, <f64>(3 * k));
      return null;
    }
    u.node[k] = <i32>node;
    u.me[k] = b[3 * k + 1];
    u.phase[k] = b[3 * k + 2];
  }
  return u;
}


function finiteAt(b: StaticArray<f64>, i: i32): bool {
  if (isFinite(b[i])) return true;
  setError(ERR_NAN_INPUT, <f64>i);
  return false;
}

/** Probe-major: for each probe, for each frequency: amplitude (m), phase (rad). */
export function rotorUnbalance(
  h: i32,
  unbPtr: usize,
  nUnb: i32,
  freqsPtr: usize,
  nFreqs: i32,
  probesPtr: usize,
  nProbes: i32,
): usize {
  clearError();
  const m = getModel(h);
  if (m == null) return 0;
  if (nUnb < 0 || nFreqs < 0 || nProbes < 0) {
    setError(ERR_INVALID_INPUT, nUnb < 0 ? 2 : nFreqs < 0 ? 4 : 6);
    return 0;
  }
  const u = readUnbalance(m, unbPtr, nUnb);
  if (u == null) return 0;
  const freqs = new StaticArray<f64>(nFreqs);
  if (nFreqs > 0) {
    const fb = buffer(freqsPtr, nFreqs);
    if (fb == null) return 0;
    for (let i = 0; i < nFreqs; i++) {
      if (!finiteAt(fb, i)) return 0;
      freqs[i] = fb[i];
    }
  }
  // probes: response nodes, shaft nodes then pedestal nodes (ABI.md, "Response nodes")
  const dofs = responseDofs(m);
  const pn = new StaticArray<i32>(nProbes);
  const pa = new StaticArray<f64>(nProbes);
  if (nProbes > 0) {
    const pb = buffer(probesPtr, 2 * nProbes);
    if (pb == null) return 0;
    for (let p = 0; p < nProbes; p++) {
      if (!finiteAt(pb, 2 * p) || !finiteAt(pb, 2 * p + 1)) return 0;
      const node = pb[2 * p];
      if (node != Math.floor(node) || node < 0 || node >= <f64>dofs.length) {
        setError(ERR_INVALID_INPUT, <f64>(2 * p));
        return 0;
      }
      pn[p] = dofs[<i32>node];
      pa[p] = pb[2 * p + 1];
    }
  }
  const r = unbalanceResponse(m, u, freqs, pn, probeCos(pa), probeSin(pa));
  if (r == null) return 0;
  return share(r);
}

/** Checks speed, tEnd, dt (arguments 1, 2, 3) and returns the number of output rows, or -1. */
function timeRows(speed: f64, tEnd: f64, dt: f64, width: i32): i32 {
  if (!isFinite(speed)) return timeFail(ERR_NAN_INPUT, 1);
  if (!isFinite(tEnd)) return timeFail(ERR_NAN_INPUT, 2);
  if (!isFinite(dt)) return timeFail(ERR_NAN_INPUT, 3);
  if (tEnd < 0) return timeFail(ERR_INVALID_INPUT, 2);
  if (!(dt > 0)) return timeFail(ERR_INVALID_INPUT, 3);
  const rows = timeRowCount(tEnd, dt);
  // cap the result at 2^26 values (512 MiB): beyond that the host asked for more than it can read
  if (rows * <f64>width > MAX_TIME_VALUES) return timeFail(ERR_INVALID_INPUT, 2);
  return <i32>rows;
}

function timeFail(code: i32, d: i32): i32 {
  setError(code, <f64>d);
  return -1;
}

/**
 * Newmark time response from rest at constant speed: [nRows, nR, then nRows rows of
 * t, x_0, y_0, ..., x_{nR-1}, y_{nR-1} (and ax_0, ay_0, ... if withAcc)], nRows = round(tEnd/dt) + 1,
 * over the nR = nNodes + nPedestals response nodes (shaft nodes, then pedestal nodes in bearing order).
 */
export function rotorTime(h: i32, speed: f64, tEnd: f64, dt: f64, unbPtr: usize, nUnb: i32, withAcc: i32): usize {
  clearError();
  const m = getModel(h);
  if (m == null) return 0;
  const dofs = responseDofs(m);
  const nn = dofs.length;
  const stride = 1 + 2 * nn * (withAcc != 0 ? 2 : 1);
  const rows = timeRows(speed, tEnd, dt, stride);
  if (rows < 0) return 0;
  if (nUnb < 0) {
    setError(ERR_INVALID_INPUT, 5);
    return 0;
  }
  const u = readUnbalance(m, unbPtr, nUnb);
  if (u == null) return 0;
  const nm = Newmark.create(m, speed, dt, u);
  if (nm == null) return 0;
  const out = new StaticArray<f64>(2 + rows * stride);
  out[0] = <f64>rows;
  out[1] = <f64>nn;
  writeTimeRows(nm, dofs, rows, dt, withAcc != 0, out, 2);
  return share(out);
}

/**
 * Energy balance of the same integration: [nRows, then nRows rows of t, E, W, D] with
 * E = ½ v'Mv + ½ u'Ku, W the work of the unbalance forces and D the energy dissipated by C
 * (trapezoidal sums, which the average-acceleration scheme makes exact: E + D = W up to rounding
 * when K is symmetric; the gyroscopic forces do no work).
 */
export function rotorTimeEnergy(h: i32, speed: f64, tEnd: f64, dt: f64, unbPtr: usize, nUnb: i32): usize {
  clearError();
  const m = getModel(h);
  if (m == null) return 0;
  const rows = timeRows(speed, tEnd, dt, 4);
  if (rows < 0) return 0;
  if (nUnb < 0) {
    setError(ERR_INVALID_INPUT, 5);
    return 0;
  }
  const u = readUnbalance(m, unbPtr, nUnb);
  if (u == null) return 0;
  const nm = Newmark.create(m, speed, dt, u);
  if (nm == null) return 0;
  nm.trackEnergy = true;
  const out = new StaticArray<f64>(1 + rows * 4);
  out[0] = <f64>rows;
  for (let r = 0; r < rows; r++) {
    if (r > 0) nm.step();
    const o = 1 + r * 4;
    out[o] = <f64>r * dt;
    out[o + 1] = nm.energy();
    out[o + 2] = nm.work;
    out[o + 3] = nm.dissipated;
  }
  return share(out);
}
export * from "./rotor-jobs";
