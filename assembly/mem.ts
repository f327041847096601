// The host talks to the core through f64 buffers only. `bufNew(n)` returns the byte address of n
// little-endian f64 values in linear memory (8-byte aligned); the host writes inputs there, passes the
// address to an export, and reads result buffers (returned as addresses) the same way. The core keeps
// every buffer alive until `bufFree`: the garbage collector never moves or frees a buffer the host holds.

import { setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "./errors";

const live = new Map<usize, StaticArray<f64>>();

/** Registers a core-made array as a result buffer the host owns, returning its address. */
export function share(a: StaticArray<f64>): usize {
  const p = changetype<usize>(a);
  live.set(p, a);
  return p;
}

/** The array behind a host-given address, or null if the module did not hand it out. */
export function lookup(p: usize): StaticArray<f64> | null {
  if (!live.has(p)) return null;
  return live.get(p);
}

export function bufNew(n: i32): usize {
  if (n < 0) n = 0;
  return share(new StaticArray<f64>(n));
}

export function bufFree(p: usize): void {
  if (live.has(p)) live.delete(p);
}

/** Number of f64 values in a buffer, or -1 for an unknown address. */
export function bufLen(p: usize): i32 {
  if (!live.has(p)) return -1;
  return live.get(p).length;
}

/** Number of live buffers: lets a host (and the tests) check it frees what it takes. */
export function bufCount(): i32 {
  return live.size;
}

/**
 * The buffer at host address p if it is live and holds at least n values; else null with error 6
 * (detail: the address) or 1 (detail: the buffer's length; also for n < 0).
 */
export function sizedBuffer(p: usize, n: i64): StaticArray<f64> | null {
  const a = lookup(p);
  if (a === null) {
    setError(ERR_BAD_HANDLE, <f64>p);
    return null;
  }
  if (n < 0 || <i64>a.length < n) {
    setError(ERR_INVALID_INPUT, <f64>a.length);
    return null;
  }
  return a;
}

/** As sizedBuffer, and its first n values finite with |x| <= maxAbs; else error 5 (detail: index). */
export function finiteBuffer(p: usize, n: i64, maxAbs: f64 = Infinity): StaticArray<f64> | null {
  const a = sizedBuffer(p, n);
  if (a === null) return null;
  const m = <i32>n;
  for (let i = 0; i < m; i++) {
    const v = unchecked(a[i]);
    if (!isFinite(v) || Math.abs(v) > maxAbs) {
      setError(ERR_NAN_INPUT, <f64>i);
      return null;
    }
  }
  return a;
}
