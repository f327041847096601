// Reading and writing a filter's matrices by item code (ukfSet / ukfGet / ukfRead in assembly/ABI.md),
// and running many steps in one call (ukfRun).
import { setError, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { Ukf } from "./filter";
import { LinearProcess, LinearMeasurement } from "./models";
import { st, copy } from "./kernels";

export const ITEM_X: i32 = 0;
export const ITEM_P: i32 = 1;
export const ITEM_Q: i32 = 2;
export const ITEM_R: i32 = 3;
export const ITEM_F: i32 = 4;
export const ITEM_B: i32 = 5;
export const ITEM_H: i32 = 6;
export const ITEM_D: i32 = 7;
export const ITEM_Y: i32 = 8;
export const ITEM_S: i32 = 9;
export const ITEM_K: i32 = 10;
export const ITEM_X_PRIOR: i32 = 11;
export const ITEM_P_PRIOR: i32 = 12;
export const ITEM_WM: i32 = 13;
export const ITEM_WC: i32 = 14;
export const ITEM_SIGMAS: i32 = 15;
const ITEM_LAST: i32 = 15;

@inline function a(s: StaticArray<f64>): usize {
  return changetype<usize>(s);
}

/** Number of values of an item, or -1 (error set, detail 1 = the `what` argument) if it does not exist. */
export function itemSize(f: Ukf, what: i32, writing: bool): i32 {
  const n = f.n, m = f.m, nu = f.nu;
  let size = -1;
  if (what == ITEM_X || what == ITEM_X_PRIOR) size = n;
  else if (what == ITEM_P || what == ITEM_Q || what == ITEM_P_PRIOR) size = n * n;
  else if (what == ITEM_R || what == ITEM_S) size = m * m;
  else if (what == ITEM_F) size = f.fx instanceof LinearProcess ? n * n : -1;
  else if (what == ITEM_B) size = f.fx instanceof LinearProcess && nu > 0 ? n * nu : -1;
  else if (what == ITEM_H) size = f.hx instanceof LinearMeasurement ? m * n : -1;
  else if (what == ITEM_D) size = f.hx instanceof LinearMeasurement && nu > 0 ? m * nu : -1;
  else if (what == ITEM_Y) size = m;
  else if (what == ITEM_K) size = n * m;
  else if (what == ITEM_WM || what == ITEM_WC) size = 2 * n + 1;
  else if (what == ITEM_SIGMAS) size = (2 * n + 1) * n;
  if (writing && what > ITEM_D) size = -1; // results are read-only
  if (what < 0 || what > ITEM_LAST) size = -1;
  if (size < 0) setError(ERR_INVALID_INPUT, 1.0);
  return size;
}

/** Writes item `what` from src (already checked: long enough). False with the error set. */
export function setItem(f: Ukf, what: i32, src: StaticArray<f64>): bool {
  const size = itemSize(f, what, true);
  if (size < 0) return false;
  for (let i = 0; i < size; i++) {
    if (!isFinite(unchecked(src[i]))) {
      setError(ERR_NAN_INPUT, <f64>i);
      return false;
    }
  }
  if (what == ITEM_X) {
    copy(a(f.x), a(src), size);
    return true;
  }
  if (what == ITEM_P) return f.setP(src);
  if (what == ITEM_Q) return f.setQ(src);
  if (what == ITEM_R) return f.setR(src);
  if (what == ITEM_F) (f.fx as LinearProcess).setF(src, 0);
  else if (what == ITEM_B) (f.fx as LinearProcess).setB(src, 0);
  else if (what == ITEM_H) (f.hx as LinearMeasurement).setH(src, 0);
  else (f.hx as LinearMeasurement).setD(src, 0);
  return true;
}

/** out (rows x cols) = transpose of t (cols x rows). */
function untranspose(t: StaticArray<f64>, rows: i32, cols: i32, out: usize): void {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) st(out, i * cols + j, unchecked(t[j * rows + i]));
}

/** Writes item `what` to out (room checked by the caller). */
export function readItem(f: Ukf, what: i32, out: usize): void {
  const n = f.n, m = f.m, nu = f.nu;
  if (what == ITEM_X) copy(out, a(f.x), n);
  else if (what == ITEM_P) f.readP(out);
  else if (what == ITEM_Q) copy(out, a(f.Q), n * n);
  else if (what == ITEM_R) copy(out, a(f.R), m * m);
  else if (what == ITEM_F) untranspose((f.fx as LinearProcess).Ft, n, n, out);
  else if (what == ITEM_B) untranspose((f.fx as LinearProcess).Bt, n, nu, out);
  else if (what == ITEM_H) untranspose((f.hx as LinearMeasurement).Ht, m, n, out);
  else if (what == ITEM_D) untranspose((f.hx as LinearMeasurement).Dt, m, nu, out);
  else if (what == ITEM_Y) copy(out, a(f.y), m);
  else if (what == ITEM_S) copy(out, a(f.S), m * m);
  else if (what == ITEM_K) untranspose(f.KT, n, m, out);
  else if (what == ITEM_X_PRIOR) copy(out, a(f.xPrior), n);
  else if (what == ITEM_P_PRIOR) f.readPPrior(out);
  else if (what == ITEM_WM) copy(out, a(f.w.Wm), 2 * n + 1);
  else if (what == ITEM_WC) copy(out, a(f.w.Wc), 2 * n + 1);
  else f.sigmaPoints(out);
}

/** ukfRun record fields, in record order. */
export const OUT_X_PRIOR: i32 = 1;
export const OUT_P_PRIOR_DIAG: i32 = 2;
export const OUT_P_PRIOR: i32 = 4;
export const OUT_X_POST: i32 = 8;
export const OUT_P_POST_DIAG: i32 = 16;
export const OUT_P_POST: i32 = 32;
export const OUT_Y: i32 = 64;
export const OUT_S: i32 = 128;
export const OUT_K: i32 = 256;
export const OUT_FLAGS: i32 = 512;
export const OUT_ALL: i32 = 1023;

/** Values per step of a ukfRun record for an output mask. */
export function recordSize(f: Ukf, mask: i32): i32 {
  const n = f.n, m = f.m;
  let s = 0;
  if (mask & OUT_X_PRIOR) s += n;
  if (mask & OUT_P_PRIOR_DIAG) s += n;
  if (mask & OUT_P_PRIOR) s += n * n;
  if (mask & OUT_X_POST) s += n;
  if (mask & OUT_P_POST_DIAG) s += n;
  if (mask & OUT_P_POST) s += n * n;
  if (mask & OUT_Y) s += m;
  if (mask & OUT_S) s += m * m;
  if (mask & OUT_K) s += n * m;
  if (mask & OUT_FLAGS) s += 1;
  return s;
}

/**
 * nSteps of predict(u_k) then update(z_k, u_k), z_k at zs[k m], u_k at us[k nu] (us null: no input),
 * the selected fields of each step appended to out at out[k rec]. False with the error set (detail:
 * the 0-based step k) on a failure; the filter then holds the state after step k - 1.
 */
export function runSteps(f: Ukf, zs: StaticArray<f64>, us: StaticArray<f64> | null, nSteps: i32, mask: i32, out: StaticArray<f64>): bool {
  const n = f.n, m = f.m, nu = f.nu;
  const zb = a(zs);
  const ub = us == null ? <usize>0 : a(us as StaticArray<f64>);
  let o = a(out);
  let ok = true;
  for (let k = 0; k < nSteps; k++) {
    f.stepLabel = k;
    const u = ub == 0 || nu == 0 ? <usize>0 : ub + (<usize>(k * nu) << 3);
    if (!f.predict(u)) {
      ok = false;
      break;
    }
    let flags = f.lastFlags;
    if (mask & OUT_X_PRIOR) {
      copy(o, a(f.xPrior), n);
      o += <usize>n << 3;
    }
    if (mask & OUT_P_PRIOR_DIAG) {
      f.diagP(o, true);
      o += <usize>n << 3;
    }
    if (mask & OUT_P_PRIOR) {
      f.readPPrior(o);
      o += <usize>(n * n) << 3;
    }
    if (!f.update(zb + (<usize>(k * m) << 3), u)) {
      ok = false;
      break;
    }
    flags |= f.lastFlags;
    if (mask & OUT_X_POST) {
      copy(o, a(f.x), n);
      o += <usize>n << 3;
    }
    if (mask & OUT_P_POST_DIAG) {
      f.diagP(o, false);
      o += <usize>n << 3;
    }
    if (mask & OUT_P_POST) {
      f.readP(o);
      o += <usize>(n * n) << 3;
    }
    if (mask & OUT_Y) {
      copy(o, a(f.y), m);
      o += <usize>m << 3;
    }
    if (mask & OUT_S) {
      copy(o, a(f.S), m * m);
      o += <usize>(m * m) << 3;
    }
    if (mask & OUT_K) {
      readItem(f, ITEM_K, o);
      o += <usize>(n * m) << 3;
    }
    if (mask & OUT_FLAGS) {
      st(o, 0, <f64>flags);
      o += 8;
    }
  }
  f.stepLabel = -1;
  return ok;
}
