// ukf exports (assembly/ABI.md, section ukf): handle-based unscented Kalman filters.
import { clearError, setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT } from "../errors";
import { lookup, share, sizedBuffer as buffer } from "../mem";
import { buildUkf, registerUkf, getUkf, freeUkf } from "../ukf/registry";
import { itemSize, setItem, readItem, recordSize, runSteps } from "../ukf/access";
import { selfcheckUkfRun } from "../ukf/selfcheck";
import { ukfRunJob } from "../ukf/job";

/** Largest result of ukfRun (f64 values): 2^27 = 1 GiB. */
const MAX_RUN_VALUES: i64 = 1 << 27;


/** New filter; returns its handle (>= 1) or 0. See ABI.md for kinds, parameter layouts and options. */
export function ukfCreate(
  n: i32, m: i32, nu: i32, points: i32, alpha: f64, beta: f64, kappa: f64,
  fxKind: i32, hxKind: i32, paramsPtr: usize, options: i32,
): i32 {
  clearError();
  const params = lookup(paramsPtr);
  if (params == null) {
    setError(ERR_BAD_HANDLE, <f64>paramsPtr);
    return 0;
  }
  const f = buildUkf(n, m, nu, points, alpha, beta, kappa, fxKind, hxKind, params, options);
  if (f == null) return 0;
  return registerUkf(f);
}

export function ukfFree(h: i32): void {
  freeUkf(h);
}

/** Sets item `what` (x, P, Q, R, F, B, H, D) from the buffer at ptr; 1 on success, 0 on error. */
export function ukfSet(h: i32, what: i32, ptr: usize): i32 {
  clearError();
  const f = getUkf(h);
  if (f == null) return 0;
  const size = itemSize(f, what, true);
  if (size < 0) return 0;
  const b = buffer(ptr, size);
  if (b == null) return 0;
  return setItem(f, what, b) ? 1 : 0;
}

/** A new buffer holding item `what`; 0 on error. */
export function ukfGet(h: i32, what: i32): usize {
  clearError();
  const f = getUkf(h);
  if (f == null) return 0;
  const size = itemSize(f, what, false);
  if (size < 0) return 0;
  const out = new StaticArray<f64>(size);
  readItem(f, what, changetype<usize>(out));
  return share(out);
}

/** Writes item `what` into the existing buffer at outPtr; returns the number of values, 0 on error. */
export function ukfRead(h: i32, what: i32, outPtr: usize): i32 {
  clearError();
  const f = getUkf(h);
  if (f == null) return 0;
  const size = itemSize(f, what, false);
  if (size < 0) return 0;
  const b = buffer(outPtr, size);
  if (b == null) return 0;
  readItem(f, what, changetype<usize>(b));
  return size;
}

/** Time update with input u (nu values at uPtr; 0: none / zero input). 1 on success, 0 on error. */
export function ukfPredict(h: i32, uPtr: usize): i32 {
  clearError();
  const f = getUkf(h);
  if (f == null) return 0;
  let u: usize = 0;
  if (uPtr != 0 && f.nu > 0) {
    const b = buffer(uPtr, f.nu);
    if (b == null) return 0;
    u = changetype<usize>(b);
  }
  return f.predict(u) ? 1 : 0;
}

/** Measurement update with z (m values at zPtr) and input u (as ukfPredict). 1 / 0. */
export function ukfUpdate(h: i32, zPtr: usize, uPtr: usize): i32 {
  clearError();
  const f = getUkf(h);
  if (f == null) return 0;
  const zb = buffer(zPtr, f.m);
  if (zb == null) return 0;
  let u: usize = 0;
  if (uPtr != 0 && f.nu > 0) {
    const b = buffer(uPtr, f.nu);
    if (b == null) return 0;
    u = changetype<usize>(b);
  }
  return f.update(changetype<usize>(zb), u) ? 1 : 0;
}

/** Scalar facts about a filter (ABI.md, ukfInfo items); NaN with code 6 / 1 for a bad handle / item. */
export function ukfInfo(h: i32, item: i32): f64 {
  clearError();
  const f = getUkf(h);
  if (f == null) return NaN;
  if (item == 0) return <f64>f.n;
  if (item == 1) return <f64>f.m;
  if (item == 2) return <f64>f.nu;
  if (item == 3) return <f64>f.steps;
  if (item == 4) return <f64>f.updates;
  if (item == 5) return <f64>f.repairs;
  if (item == 6) return <f64>f.lastFlags;
  if (item == 7) return <f64>f.failStep;
  if (item == 8) return <f64>f.failStage;
  if (item == 9) return <f64>f.failIndex;
  if (item == 10) return f.w.c;
  if (item == 11) return f.w.lambda;
  if (item == 12) return <f64>f.options;
  setError(ERR_INVALID_INPUT, 1.0);
  return NaN;
}

/**
 * nSteps of predict(u_k) + update(z_k, u_k) in one call; returns a new buffer of nSteps records
 * (fields chosen by mask, ABI.md), or 0 (detail: the failing step).
 */
export function ukfRun(h: i32, zsPtr: usize, usPtr: usize, nSteps: i32, mask: i32): usize {
  clearError();
  const f = getUkf(h);
  if (f == null) return 0;
  if (nSteps < 0) {
    setError(ERR_INVALID_INPUT, 3.0);
    return 0;
  }
  if (mask < 0 || mask > 1023) {
    setError(ERR_INVALID_INPUT, 4.0);
    return 0;
  }
  const zs = buffer(zsPtr, nSteps * f.m);
  if (zs == null) return 0;
  let us: StaticArray<f64> | null = null;
  if (usPtr != 0 && f.nu > 0) {
    us = buffer(usPtr, nSteps * f.nu);
    if (us == null) return 0;
  }
  const total = <i64>nSteps * <i64>recordSize(f, mask);
  if (total > MAX_RUN_VALUES) {
    setError(ERR_INVALID_INPUT, 3.0);
    return 0;
  }
  const out = new StaticArray<f64>(<i32>total);
  if (!runSteps(f, zs, us, nSteps, mask, out)) return 0;
  return share(out);
}

/**
 * Job of `twin ukf run` (ABI.md, "jobUkfRun"): one request holding the case, one result holding every
 * step's record, or the failing step; no filter is kept.
 */
export function jobUkfRun(reqPtr: usize): usize {
  clearError();
  const req = lookup(reqPtr);
  if (req === null) {
    setError(ERR_BAD_HANDLE, <f64>reqPtr);
    return 0;
  }
  const out = ukfRunJob(req);
  return out === null ? 0 : share(out);
}

/** Self-check hash of a built-in filtering run (ABI.md, ukf section). */
export function selfcheckUkf(): i64 {
  return selfcheckUkfRun();
}
