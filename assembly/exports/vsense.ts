// Virtual-sensing exports (assembly/ABI.md, "Virtual sensing"): the jobs of `twin virtual-sensing`,
// `twin sensor-placement` and `twin states generate`, the incremental virtual-sensing session, the
// decimal rounding of recordings, and the part's self-check.
import { clearError, setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT } from "../errors";
import { lookup, share, sizedBuffer } from "../mem";
import { virtualSensingJob, sensorPlacementJob, sessionFromRequest } from "../vsense/jobs";
import { generateStates } from "../vsense/states";
import { registerSession, getSession, freeSession } from "../vsense/session";
import { roundSignificant } from "../vsense/decimal";
import { selfcheckVsenseHash } from "../vsense/selfcheck";

const TWO_PI: f64 = 2.0 * Math.PI;

function request(p: usize): StaticArray<f64> | null {
  const a = lookup(p);
  if (a === null) setError(ERR_BAD_HANDLE, <f64>p);
  return a;
}

function result(r: StaticArray<f64> | null): usize {
  return r === null ? 0 : share(r);
}

/** twin virtual-sensing: simulate, measure, filter, score (request and result layouts in ABI.md). */
export function jobVirtualSensing(req: usize): usize {
  clearError();
  const b = request(req);
  return b === null ? 0 : result(virtualSensingJob(b));
}

/** twin sensor-placement: Effective Independence, then two virtual-sensing checks. */
export function jobSensorPlacement(req: usize): usize {
  clearError();
  const b = request(req);
  return b === null ? 0 : result(sensorPlacementJob(b));
}

/** twin states generate: recordings and feature tables of labelled operating states. */
export function jobStatesGenerate(req: usize): usize {
  clearError();
  const b = request(req);
  return b === null ? 0 : result(generateStates(b));
}

/** A virtual-sensing session from its request; its handle (≥ 1), or 0 with the error set. */
export function vsSessionNew(req: usize): i32 {
  clearError();
  const b = request(req);
  if (b === null) return 0;
  const s = sessionFromRequest(b);
  return s === null ? 0 : registerSession(s);
}

/**
 * One block [nSamples, nSamples × m measurements] through session h: [nSamples, e, first sample
 * index, repairs so far, nSamples × e estimates]; 0 with the error set.
 */
export function vsSessionStep(h: i32, block: usize): usize {
  clearError();
  const s = getSession(h);
  if (s === null) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return 0;
  }
  const b = sizedBuffer(block, 1);
  if (b === null) return 0;
  const nv = b[0];
  const m = s.m, e = s.e;
  if (!(nv >= 0.0 && nv <= 16777216.0 && nv == Math.floor(nv)) || <f64>b.length != 1.0 + nv * <f64>m) {
    setError(ERR_INVALID_INPUT, 0.0);
    return 0;
  }
  const n = <i32>nv;
  const out = new StaticArray<f64>(4 + n * e);
  out[0] = nv;
  out[1] = <f64>e;
  out[2] = s.count;
  if (!s.step(b, 1, n, out, 4, 1)) return 0;
  out[3] = <f64>s.ukf.repairs;
  return share(out);
}

/**
 * What a session is: [1, k, m, e, speed (rad/s), fs, n0, samples processed, repairs, σ, wn_hz (k),
 * m × (node, dir, R), e × (node, dir)].
 */
export function vsSessionDescribe(h: i32): usize {
  clearError();
  const s = getSession(h);
  if (s === null) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return 0;
  }
  const k = s.fm.k, m = s.m, e = s.e;
  const out = new StaticArray<f64>(10 + k + 3 * m + 2 * e);
  out[0] = 1.0;
  out[1] = <f64>k;
  out[2] = <f64>m;
  out[3] = <f64>e;
  out[4] = s.speed;
  out[5] = s.fs;
  out[6] = s.n0;
  out[7] = s.count;
  out[8] = <f64>s.ukf.repairs;
  out[9] = s.fm.sigma;
  let o = 10;
  for (let j = 0; j < k; j++) out[o++] = s.fm.wn[j] / TWO_PI;
  const sn = s.sensors!, en = s.estimates!;
  for (let j = 0; j < m; j++) {
    out[o++] = <f64>sn.node[j];
    out[o++] = <f64>sn.dir[j];
    out[o++] = s.R[j];
  }
  for (let i = 0; i < e; i++) {
    out[o++] = <f64>en.node[i];
    out[o++] = <f64>en.dir[i];
  }
  return share(out);
}

/**
 * The filter's matrices: [1, nx, m, e, F (nx²), B (nx × 2), H (m × nx), D (m × 2), out (e × nx),
 * Q (nx²), diag P0 (nx)], nx = 2k, all row-major.
 */
export function vsSessionMatrices(h: i32): usize {
  clearError();
  const s = getSession(h);
  if (s === null) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return 0;
  }
  const fm = s.fm;
  const nx = 2 * fm.k;
  const parts: StaticArray<f64>[] = [fm.F.data, fm.B.data, fm.H.data, fm.D.data, fm.out.data, fm.Q.data, fm.P0];
  let len = 4;
  for (let q = 0; q < parts.length; q++) len += parts[q].length;
  const out = new StaticArray<f64>(len);
  out[0] = 1.0;
  out[1] = <f64>nx;
  out[2] = <f64>s.m;
  out[3] = <f64>s.e;
  let o = 4;
  for (let q = 0; q < parts.length; q++) {
    const d = parts[q];
    for (let i = 0; i < d.length; i++) unchecked((out[o++] = d[i]));
  }
  return share(out);
}

/** Forgets a session (unknown handles are ignored). */
export function vsSessionFree(h: i32): void {
  freeSession(h);
}

/** The first n values of buffer p each rounded to `digits` (1 … 15) significant digits, as Number(x.toPrecision(digits)). */
export function vsRoundSignificant(p: usize, n: i32, digits: i32): usize {
  clearError();
  if (n < 0 || n > (1 << 26)) {
    setError(ERR_INVALID_INPUT, 1.0);
    return 0;
  }
  if (digits < 1 || digits > 15) {
    setError(ERR_INVALID_INPUT, 2.0);
    return 0;
  }
  const b = sizedBuffer(p, n);
  if (b === null) return 0;
  const out = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) unchecked((out[i] = roundSignificant(b[i], digits)));
  return share(out);
}

/** Self-check hash of a small built-in virtual-sensing computation (ABI.md, "Self-checks"). */
export function selfcheckVsense(): i64 {
  return selfcheckVsenseHash();
}
