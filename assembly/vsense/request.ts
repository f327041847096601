// Reading job and session requests (ABI.md, "Virtual sensing"): every value is checked where it is
// read, and the first fault is reported with its index in the request buffer (code 1 invalid, code 5
// not finite), as every job does (ABI.md, "Jobs").
import { setError, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { RotorModel } from "../rotor/model";
import { responseDofs } from "../rotor/nodes";

/** Largest count of any list in a request (keeps index arithmetic far from overflow). */
export const MAX_LIST: i32 = 1 << 16;
/** Largest integer a seed may be: every integer up to 2^53 is an exact f64. */
export const MAX_SEED: f64 = 9007199254740992.0;

export class Req {
  buf: StaticArray<f64>;
  ok: bool = true;

  constructor(buf: StaticArray<f64>) {
    this.buf = buf;
  }

  fail(code: i32, i: i32): void {
    if (this.ok) setError(code, <f64>i);
    this.ok = false;
  }

  /** The value at i: present (else code 1 at i) and finite (else code 5 at i). */
  at(i: i32): f64 {
    if (!this.ok) return 0.0;
    if (i < 0 || i >= this.buf.length) {
      this.fail(ERR_INVALID_INPUT, i);
      return 0.0;
    }
    const v = unchecked(this.buf[i]);
    if (!isFinite(v)) {
      this.fail(ERR_NAN_INPUT, i);
      return 0.0;
    }
    return v;
  }

  /** A value > lo (strict) or ≥ lo. */
  above(i: i32, lo: f64, strict: bool): f64 {
    const v = this.at(i);
    if (this.ok && (strict ? !(v > lo) : !(v >= lo))) this.fail(ERR_INVALID_INPUT, i);
    return v;
  }

  /** An integer in [lo, hi]. */
  int(i: i32, lo: i32, hi: i32): i32 {
    const v = this.at(i);
    if (!this.ok) return 0;
    if (v != Math.floor(v) || v < <f64>lo || v > <f64>hi) {
      this.fail(ERR_INVALID_INPUT, i);
      return 0;
    }
    return <i32>v;
  }

  /** An integer in [0, 2^53] (a seed). */
  seed(i: i32): u64 {
    const v = this.at(i);
    if (!this.ok) return 0;
    if (v != Math.floor(v) || v < 0.0 || v > MAX_SEED) {
      this.fail(ERR_INVALID_INPUT, i);
      return 0;
    }
    return <u64>v;
  }

  /** Faults index i unless the whole buffer has been read (trailing values are an error). */
  end(i: i32): void {
    if (this.ok && i != this.buf.length) this.fail(ERR_INVALID_INPUT, i);
  }
}

/** Translational places of a model: response node (shaft or pedestal node) and direction (0 x, 1 y). */
export class DofList {
  node: StaticArray<i32>;
  dir: StaticArray<i32>;
  /** index in the model's DOF vector */
  dof: StaticArray<i32>;

  constructor(n: i32) {
    this.node = new StaticArray<i32>(n);
    this.dir = new StaticArray<i32>(n);
    this.dof = new StaticArray<i32>(n);
  }

  get length(): i32 {
    return this.node.length;
  }

  /** True if (node, dir) is in the list. */
  has(node: i32, dir: i32): bool {
    for (let i = 0; i < this.node.length; i++) if (unchecked(this.node[i]) == node && unchecked(this.dir[i]) == dir) return true;
    return false;
  }

  /** A list of the given places with their DOF indices in `model`. */
  static of(model: RotorModel, nodes: StaticArray<i32>, dirs: StaticArray<i32>): DofList {
    const rd = responseDofs(model);
    const out = new DofList(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      unchecked((out.node[i] = nodes[i]));
      unchecked((out.dir[i] = dirs[i]));
      unchecked((out.dof[i] = rd[nodes[i]] + dirs[i]));
    }
    return out;
  }
}

/**
 * A list of (node, dir) pairs at index `pos`: a count c (0 ≤ c ≤ MAX_LIST), then c pairs; node a
 * response node of the model (0 … nNodes + nPedestals − 1), dir 0 (x) or 1 (y), no pair twice.
 * Returns null for c = 0 (the caller's default) or a fault; `listEnd` is the index after the list.
 */
export let listEnd: i32 = 0;
export function readDofList(r: Req, pos: i32, model: RotorModel): DofList | null {
  const c = r.int(pos, 0, MAX_LIST);
  listEnd = pos + 1 + 2 * c;
  if (!r.ok || c == 0) return null;
  const nr = model.nNodes + model.pedestals.length;
  const nodes = new StaticArray<i32>(c);
  const dirs = new StaticArray<i32>(c);
  for (let i = 0; i < c; i++) {
    const p = pos + 1 + 2 * i;
    const node = r.int(p, 0, nr - 1);
    const dir = r.int(p + 1, 0, 1);
    if (!r.ok) return null;
    for (let j = 0; j < i; j++) {
      if (unchecked(nodes[j]) == node && unchecked(dirs[j]) == dir) {
        r.fail(ERR_INVALID_INPUT, p);
        return null;
      }
    }
    unchecked((nodes[i] = node));
    unchecked((dirs[i] = dir));
  }
  return DofList.of(model, nodes, dirs);
}
