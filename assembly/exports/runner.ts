// Hybrid-runner exports (assembly/ABI.md, "Hybrid runner"): the online pipeline as a handle the
// host steps block by block, its checkpoint, and the recorded session as one job.
import { clearError, setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT } from "../errors";
import { lookup, share } from "../mem";
import { Runner, runnerFromRequest } from "../runner/runner";

const runners = new Map<i32, Runner>();
let nextHandle: i32 = 1;

function buffer(p: usize): StaticArray<f64> | null {
  const a = lookup(p);
  if (a === null) setError(ERR_BAD_HANDLE, <f64>p);
  return a;
}

function runner(h: i32): Runner | null {
  if (!runners.has(h)) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return null;
  }
  return runners.get(h);
}

/** A runner from request RN; its handle (≥ 1), or 0 with the error set. */
export function runnerNew(req: usize): i32 {
  clearError();
  const b = buffer(req);
  if (b === null) return 0;
  // the runner keeps its own copy: the host frees its buffers
  const own = new StaticArray<f64>(b.length);
  for (let i = 0; i < b.length; i++) unchecked((own[i] = b[i]));
  const r = runnerFromRequest(own);
  if (r === null) return 0;
  const h = nextHandle++;
  runners.set(h, r);
  return h;
}

/** One block through runner h: the block result, or 0 with the error set. */
export function runnerStep(h: i32, block: usize): usize {
  clearError();
  const r = runner(h);
  if (r === null) return 0;
  const b = buffer(block);
  if (b === null) return 0;
  const out = r.step(b);
  return out === null ? 0 : share(out);
}

/** The checkpoint of runner h (its whole state), or 0 with the error set. */
export function runnerSave(h: i32): usize {
  clearError();
  const r = runner(h);
  return r === null ? 0 : share(r.save());
}

/** A runner from request RN and a checkpoint of the same configuration; its handle, or 0 with the error set. */
export function runnerLoad(req: usize, state: usize): i32 {
  const h = runnerNew(req);
  if (h == 0) return 0;
  const s = buffer(state);
  if (s === null || !runners.get(h).load(s)) {
    runners.delete(h);
    return 0;
  }
  return h;
}

/** [1, fs_in, fs_out, C, m, V, F, monitors, k, e, taps, recogniser (0/1), checkpoint size]. */
export function runnerDescribe(h: i32): usize {
  clearError();
  const r = runner(h);
  if (r === null) return 0;
  const out = new StaticArray<f64>(13);
  out[0] = 1.0;
  out[1] = r.fsIn;
  out[2] = r.fsOut;
  out[3] = <f64>r.C;
  out[4] = <f64>r.m;
  out[5] = <f64>r.V;
  out[6] = <f64>r.F;
  out[7] = <f64>r.mon.count;
  out[8] = r.vs === null ? 0.0 : <f64>r.vs!.fm.k;
  out[9] = r.vs === null ? 0.0 : <f64>r.vs!.e;
  out[10] = <f64>r.dec.N;
  out[11] = r.rec !== null ? 1.0 : 0.0;
  out[12] = <f64>r.stateSize();
  return share(out);
}

/** Forgets runner h (unknown handles are ignored). */
export function runnerFree(h: i32): void {
  if (runners.has(h)) runners.delete(h);
}

/**
 * A recorded session as one job: request [1, L, request RN (L values), B, then B blocks each as
 * [length, block]]; result: the B block results one after the other, exactly as runnerStep gave
 * them live. 0 with the error set (detail: the index in this request).
 */
export function jobRunnerSession(req: usize): usize {
  clearError();
  const b = buffer(req);
  if (b === null) return 0;
  if (b.length < 3 || b[0] != 1.0) { setError(ERR_INVALID_INPUT, 0.0); return 0; }
  const L = b[1];
  if (!(L >= 1.0 && L == Math.floor(L) && L + 3.0 <= <f64>b.length)) { setError(ERR_INVALID_INPUT, 1.0); return 0; }
  const nl = <i32>L;
  const rq = new StaticArray<f64>(nl);
  for (let i = 0; i < nl; i++) unchecked((rq[i] = b[2 + i]));
  const r = runnerFromRequest(rq);
  if (r === null) {
    relocateBy(2);
    return 0;
  }
  let p = 2 + nl;
  const B = b[p];
  if (!(B >= 0.0 && B == Math.floor(B))) { setError(ERR_INVALID_INPUT, <f64>p); return 0; }
  p++;
  const parts = new Array<StaticArray<f64>>();
  let total = 0;
  for (let k = 0; k < <i32>B; k++) {
    if (p >= b.length) { setError(ERR_INVALID_INPUT, <f64>p); return 0; }
    const len = b[p];
    if (!(len >= 3.0 && len == Math.floor(len) && <f64>p + 1.0 + len <= <f64>b.length)) { setError(ERR_INVALID_INPUT, <f64>p); return 0; }
    const n = <i32>len;
    const blk = new StaticArray<f64>(n);
    for (let i = 0; i < n; i++) unchecked((blk[i] = b[p + 1 + i]));
    const out = r.step(blk);
    if (out === null) {
      relocateBy(p + 1);
      return 0;
    }
    parts.push(out);
    total += out.length;
    p += 1 + n;
  }
  if (p != b.length) { setError(ERR_INVALID_INPUT, <f64>p); return 0; }
  const res = new StaticArray<f64>(total);
  let o = 0;
  for (let k = 0; k < parts.length; k++) {
    const a = parts[k];
    for (let i = 0; i < a.length; i++) unchecked((res[o++] = a[i]));
  }
  return share(res);
}

import { coreError, coreErrorDetail } from "../errors";

/** Moves the detail of a failure inside an embedded buffer to this request's index (codes 1 and 5). */
function relocateBy(base: i32): void {
  const c = coreError();
  if (c != 1 && c != 5) return;
  const d = coreErrorDetail();
  clearError();
  setError(c, d + <f64>base);
}
