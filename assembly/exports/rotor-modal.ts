// Rotor modal exports: modal, mode shape, campbell, reduce, selfcheckRotor (assembly/ABI.md, "Rotor",
// "Modal analysis"). Each export clears the error state, validates its arguments, and returns 0 with
// an error code on failure.
import { clearError, setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { lookup, share } from "../mem";
import { getModel } from "../rotor/model";
import { assembleRotor } from "../rotor/assemble";
import { ModalResult } from "../rotor/modal-result";
import { modalAnalysis, modeShapeXY, SOLVER_AUTO, SOLVER_DENSE, SOLVER_SHIFT_INVERT } from "../rotor/modal";
import { campbell } from "../rotor/campbell";
import { reduceRotor } from "../rotor/reduce";
import { selfcheckRotorHash } from "../rotor/selfcheck";

/** Largest mode count accepted: far above any rotor's useful modes, far below i32 overflow. */
const MAX_MODES: i32 = 1 << 16;

/** Checks a speed argument (argument index `arg` is the error detail). */
function finiteArg(v: f64, arg: i32): bool {
  if (!isFinite(v)) {
    setError(ERR_NAN_INPUT, <f64>arg);
    return false;
  }
  return true;
}

function countArg(v: i32, lo: i32, arg: i32): bool {
  if (v < lo || v > MAX_MODES) {
    setError(ERR_INVALID_INPUT, <f64>arg);
    return false;
  }
  return true;
}

function modalBuffer(r: ModalResult): usize {
  const out = new StaticArray<f64>(1 + 4 * r.count);
  out[0] = <f64>r.count;
  for (let m = 0; m < r.count; m++) {
    const o = 1 + 4 * m;
    unchecked((out[o] = r.wn[m]));
    unchecked((out[o + 1] = r.wd[m]));
    unchecked((out[o + 2] = r.logdec[m]));
    unchecked((out[o + 3] = r.whirl[m]));
  }
  return share(out);
}

function modalWith(h: i32, speed: f64, nModes: i32, solver: i32): usize {
  clearError();
  const model = getModel(h);
  if (model === null) return 0;
  if (!finiteArg(speed, 1) || !countArg(nModes, 1, 2)) return 0;
  const r = modalAnalysis(model, speed, nModes, solver);
  if (r === null) return 0;
  return modalBuffer(r);
}

/** [n, then n x (wn, wd, logdec, whirl)]: the first nModes modes by wd (whirl 1 fwd, -1 bwd, 0 mixed). */
export function rotorModal(h: i32, speed: f64, nModes: i32): usize {
  return modalWith(h, speed, nModes, SOLVER_AUTO);
}

/** rotorModal forced onto the dense state-matrix eigensolver. */
export function rotorModalDense(h: i32, speed: f64, nModes: i32): usize {
  return modalWith(h, speed, nModes, SOLVER_DENSE);
}

/** rotorModal forced onto the shift-invert Arnoldi solver. */
export function rotorModalShiftInvert(h: i32, speed: f64, nModes: i32): usize {
  return modalWith(h, speed, nModes, SOLVER_SHIFT_INVERT);
}

/** [nNodes, then per node re x, im x, re y, im y] of mode `mode` (0-based, rotorModal order). */
export function rotorModeShape(h: i32, speed: f64, mode: i32): usize {
  clearError();
  const model = getModel(h);
  if (model === null) return 0;
  if (!finiteArg(speed, 1) || !countArg(mode, 0, 2)) return 0;
  const r = modalAnalysis(model, speed, mode + 1, SOLVER_AUTO);
  if (r === null) return 0;
  if (mode >= r.count) {
    setError(ERR_INVALID_INPUT, 2); // the rotor has fewer reportable modes
    return 0;
  }
  const nn = model.nNodes;
  const xy = modeShapeXY(r, mode, nn);
  const out = new StaticArray<f64>(1 + 4 * nn);
  out[0] = <f64>nn;
  for (let k = 0; k < 4 * nn; k++) unchecked((out[1 + k] = xy[k]));
  return share(out);
}

/**
 * [nSpeeds, nModes, nSpeeds x nModes x (wn, wd, logdec, whirl) speed-major (NaN where a tracked mode
 * is absent), nCrit, nCrit x (mode, speed)].
 */
export function rotorCampbell(h: i32, speedsPtr: usize, nSpeeds: i32, nModes: i32): usize {
  clearError();
  const model = getModel(h);
  if (model === null) return 0;
  const sp = lookup(speedsPtr);
  if (sp === null) {
    setError(ERR_BAD_HANDLE, <f64>speedsPtr);
    return 0;
  }
  if (nSpeeds < 1) {
    setError(ERR_INVALID_INPUT, 2);
    return 0;
  }
  if (sp.length < nSpeeds) {
    setError(ERR_INVALID_INPUT, <f64>sp.length); // buffer shorter than needed: detail its length
    return 0;
  }
  if (!countArg(nModes, 1, 3)) return 0;
  const speeds = new StaticArray<f64>(nSpeeds);
  for (let i = 0; i < nSpeeds; i++) {
    const v = unchecked(sp[i]);
    if (!isFinite(v)) {
      setError(ERR_NAN_INPUT, <f64>i);
      return 0;
    }
    unchecked((speeds[i] = v));
  }
  const c = campbell(model, speeds, nModes, SOLVER_AUTO);
  if (c === null) return 0;
  const m = nSpeeds * nModes;
  const nc = c.critSpeed.length;
  const out = new StaticArray<f64>(2 + 4 * m + 1 + 2 * nc);
  out[0] = <f64>nSpeeds;
  out[1] = <f64>nModes;
  for (let k = 0; k < m; k++) {
    const o = 2 + 4 * k;
    unchecked((out[o] = c.wn[k]));
    unchecked((out[o + 1] = c.wd[k]));
    unchecked((out[o + 2] = c.logdec[k]));
    unchecked((out[o + 3] = c.whirl[k]));
  }
  const o = 2 + 4 * m;
  out[o] = <f64>nc;
  for (let i = 0; i < nc; i++) {
    out[o + 1 + 2 * i] = <f64>c.critMode[i];
    out[o + 2 + 2 * i] = c.critSpeed[i];
  }
  return share(out);
}

/** [k, n, A(2k x 2k), B(2k x n), C(n x 2k), Ad(2k x 2k), Bd(2k x n), wn(k)], all row-major. */
export function rotorReduce(h: i32, speed: f64, k: i32, dt: f64): usize {
  clearError();
  const model = getModel(h);
  if (model === null) return 0;
  if (!finiteArg(speed, 1) || !finiteArg(dt, 3)) return 0;
  if (k < 1 || k > model.nDof) {
    setError(ERR_INVALID_INPUT, 2);
    return 0;
  }
  if (!(dt > 0.0)) {
    setError(ERR_INVALID_INPUT, 3);
    return 0;
  }
  const r = reduceRotor(assembleRotor(model, speed), speed, k, dt);
  if (r === null) return 0;
  const n = r.n, k2 = 2 * k;
  const out = new StaticArray<f64>(2 + 2 * k2 * k2 + 3 * k2 * n + k);
  out[0] = <f64>k;
  out[1] = <f64>n;
  let o = 2;
  const parts: StaticArray<f64>[] = [r.A.data, r.B.data, r.C.data, r.Ad.data, r.Bd.data, r.wn];
  for (let q = 0; q < parts.length; q++) {
    const d = parts[q];
    for (let i = 0; i < d.length; i++) unchecked((out[o + i] = d[i]));
    o += d.length;
  }
  return share(out);
}

/** FNV-1a hash of the built-in rotor computation of assembly/rotor/selfcheck.ts (0 on failure). */
export function selfcheckRotor(): i64 {
  clearError();
  return selfcheckRotorHash();
}
