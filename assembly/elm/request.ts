// Reading a job request (assembly/ABI.md, "Jobs: recordable invocations") field by field, with the
// checks every job makes: value 0 is the layout version, counts and codes are f64 holding exact
// integers in a range, reals are finite (error 5, detail: the index) and within their range (error 1,
// detail: the index), arrays lie inside the buffer, and the buffer ends where the layout ends. The
// first failure is kept (errors.ts) and every later read returns 0, so a decoder reads straight through
// and tests `ok` once. Shared by the elm, ukf and signal jobs.
import { setError, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";

/** Largest number of values of one array in a request (2^27 f64 = 1 GiB). */
export const MAX_VALUES: i64 = 1 << 27;

export class Request {
  buf: StaticArray<f64>;
  ok: bool = true;

  constructor(buf: StaticArray<f64>) {
    this.buf = buf;
  }

  get length(): i32 {
    return this.buf.length;
  }

  /** Address of value i (for kernels that read raw memory). */
  addr(i: i32): usize {
    return changetype<usize>(this.buf) + (<usize>i << 3);
  }

  fail(code: i32, i: i64): f64 {
    if (this.ok) setError(code, <f64>i);
    this.ok = false;
    return 0.0;
  }

  /** Value i, finite; past the end: error 1 with detail = the request's length. */
  at(i: i32): f64 {
    if (!this.ok) return 0.0;
    if (i < 0 || i >= this.buf.length) return this.fail(ERR_INVALID_INPUT, this.buf.length);
    const v = unchecked(this.buf[i]);
    if (!isFinite(v)) return this.fail(ERR_NAN_INPUT, i);
    return v;
  }

  /** The layout version at index i must be `version`. */
  version(i: i32, version: i32): void {
    this.int(i, version, version);
  }

  /** An integer in [lo, hi]. */
  int(i: i32, lo: i64, hi: i64): i32 {
    const v = this.at(i);
    if (!this.ok) return 0;
    if (v != Math.floor(v) || v < <f64>lo || v > <f64>hi) {
      this.fail(ERR_INVALID_INPUT, i);
      return 0;
    }
    return <i32>v;
  }

  /** An integer in [0, 2^32 − 1] (a 32-bit word), returned as the f64 that holds it. */
  word(i: i32): f64 {
    const v = this.at(i);
    if (!this.ok) return 0.0;
    if (v != Math.floor(v) || v < 0.0 || v > 4294967295.0) {
      this.fail(ERR_INVALID_INPUT, i);
      return 0.0;
    }
    return v;
  }

  /** An integer in [0, 2^53] (a seed), returned as u64. */
  seed(i: i32): u64 {
    const v = this.at(i);
    if (!this.ok) return 0;
    if (v != Math.floor(v) || v < 0.0 || v > 9007199254740992.0) {
      this.fail(ERR_INVALID_INPUT, i);
      return 0;
    }
    return <u64>v;
  }

  flag(i: i32): bool {
    return this.int(i, 0, 1) == 1;
  }

  /** A finite real with lo <= v (lo < v when strict). */
  min(i: i32, lo: f64, strict: bool): f64 {
    const v = this.at(i);
    if (this.ok && (strict ? !(v > lo) : !(v >= lo))) this.fail(ERR_INVALID_INPUT, i);
    return v;
  }

  /** A finite real in [lo, hi]. */
  range(i: i32, lo: f64, hi: f64): f64 {
    const v = this.at(i);
    if (this.ok && !(v >= lo && v <= hi)) this.fail(ERR_INVALID_INPUT, i);
    return v;
  }

  /** Any finite real. */
  real(i: i32): f64 {
    return this.at(i);
  }

  /**
   * `count` values from index i, each finite with |x| <= maxAbs (else error 5, detail: its index);
   * returns i + count, the index after the array. An array that does not fit: error 1 (detail: the
   * request's length); a count beyond MAX_VALUES: error 1 (detail: `countIndex`, where the count is).
   */
  block(i: i32, count: i64, countIndex: i32, maxAbs: f64 = Infinity): i32 {
    if (!this.ok) return i;
    if (count < 0 || count > MAX_VALUES) {
      this.fail(ERR_INVALID_INPUT, countIndex);
      return i;
    }
    if (<i64>i + count > <i64>this.buf.length) {
      this.fail(ERR_INVALID_INPUT, this.buf.length);
      return i;
    }
    const end = i + <i32>count;
    for (let k = i; k < end; k++) {
      const v = unchecked(this.buf[k]);
      if (!isFinite(v) || Math.abs(v) > maxAbs) {
        this.fail(ERR_NAN_INPUT, k);
        return i;
      }
    }
    return end;
  }

  /** `count` integers in [lo, hi] from index i; returns i + count. */
  ints(i: i32, count: i64, countIndex: i32, lo: f64, hi: f64): i32 {
    const end = this.block(i, count, countIndex);
    if (!this.ok) return i;
    for (let k = i; k < end; k++) {
      const v = unchecked(this.buf[k]);
      if (v != Math.floor(v) || v < lo || v > hi) {
        this.fail(ERR_INVALID_INPUT, k);
        return i;
      }
    }
    return end;
  }

  /** The layout ends at index `end`: a longer request is error 1 with detail = end (the first extra value). */
  end(end: i32): void {
    if (this.ok && end != this.buf.length) this.fail(ERR_INVALID_INPUT, end < this.buf.length ? end : this.buf.length);
  }

  /** Copy of `count` values from index i. */
  copy(i: i32, count: i32): StaticArray<f64> {
    const out = new StaticArray<f64>(count);
    memory.copy(changetype<usize>(out), this.addr(i), <usize>count << 3);
    return out;
  }
}

/** A product of counts as i64 (for size checks before any i32 arithmetic). */
export function prod(a: i32, b: i32): i64 {
  return <i64>a * <i64>b;
}
