// The host talks to the core through f64 buffers only. `bufNew(n)` returns the byte address of n
// little-endian f64 values in linear memory (8-byte aligned); the host writes inputs there, passes the
// address to an export, and reads result buffers (returned as addresses) the same way. The core keeps
// every buffer alive until `bufFree`: the garbage collector never moves or frees a buffer the host holds.

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
