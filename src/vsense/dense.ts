// Small dense row-major matrices for assembling the filter's matrices (sizes of a few tens). The
// heavy numerics (eigenproblems, exponentials, solves, the filter itself) run in the wasm core; these
// are products and copies with a fixed summation order (k = 0, 1, ... ), so results are reproducible.

/** r × c row-major matrix. */
export interface Dense {
  r: number;
  c: number;
  v: Float64Array;
}

export function dense(r: number, c: number, v?: ArrayLike<number>): Dense {
  const out = new Float64Array(r * c);
  if (v !== undefined) {
    if (v.length !== r * c) throw new Error(`dense: ${v.length} values for ${r} x ${c}`);
    out.set(v);
  }
  return { r, c, v: out };
}

export function fromRows(rows: number[][]): Dense {
  const r = rows.length, c = rows[0]?.length ?? 0;
  const m = dense(r, c);
  rows.forEach((row, i) => m.v.set(row, i * c));
  return m;
}

export function toRows(m: Dense): number[][] {
  return Array.from({ length: m.r }, (_, i) => Array.from(m.v.subarray(i * m.c, (i + 1) * m.c)));
}

export function get(m: Dense, i: number, j: number): number {
  return m.v[i * m.c + j]!;
}

export function matmul(a: Dense, b: Dense): Dense {
  if (a.c !== b.r) throw new Error(`matmul: ${a.r}x${a.c} times ${b.r}x${b.c}`);
  const out = dense(a.r, b.c);
  for (let i = 0; i < a.r; i++) {
    for (let j = 0; j < b.c; j++) {
      let s = 0;
      for (let k = 0; k < a.c; k++) s += a.v[i * a.c + k]! * b.v[k * b.c + j]!;
      out.v[i * b.c + j] = s;
    }
  }
  return out;
}

export function transpose(a: Dense): Dense {
  const out = dense(a.c, a.r);
  for (let i = 0; i < a.r; i++) for (let j = 0; j < a.c; j++) out.v[j * a.r + i] = a.v[i * a.c + j]!;
  return out;
}

/** Rows `rows` of a. */
export function pickRows(a: Dense, rows: number[]): Dense {
  const out = dense(rows.length, a.c);
  rows.forEach((r, i) => out.v.set(a.v.subarray(r * a.c, (r + 1) * a.c), i * a.c));
  return out;
}

/** The block a[r0 .. r0+nr, c0 .. c0+nc]. */
export function block(a: Dense, r0: number, c0: number, nr: number, nc: number): Dense {
  const out = dense(nr, nc);
  for (let i = 0; i < nr; i++) for (let j = 0; j < nc; j++) out.v[i * nc + j] = a.v[(r0 + i) * a.c + c0 + j]!;
  return out;
}

export function scale(a: Dense, s: number): Dense {
  return { r: a.r, c: a.c, v: a.v.map((x) => x * s) };
}

/** [a, b] side by side (same row count). */
export function hcat(a: Dense, b: Dense): Dense {
  if (a.r !== b.r) throw new Error("hcat: row counts differ");
  const out = dense(a.r, a.c + b.c);
  for (let i = 0; i < a.r; i++) {
    out.v.set(a.v.subarray(i * a.c, (i + 1) * a.c), i * out.c);
    out.v.set(b.v.subarray(i * b.c, (i + 1) * b.c), i * out.c + a.c);
  }
  return out;
}

/** y = a x. */
export function matvec(a: Dense, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(a.r);
  for (let i = 0; i < a.r; i++) {
    let s = 0;
    for (let k = 0; k < a.c; k++) s += a.v[i * a.c + k]! * x[k]!;
    y[i] = s;
  }
  return y;
}
