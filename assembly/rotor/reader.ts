// Checked reading of a flat f64 buffer (a model description or a job request, assembly/ABI.md): every
// value is read by index with its rule, and the first failure is kept in errors.ts with that index, so
// the host can name the offending value (a JSON path, a command-line option).
import { setError, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";

/** Largest count accepted for any list: keeps index arithmetic far from i32 overflow. */
export const MAX_COUNT: i32 = 1 << 20;

export class Reader {
  buf: StaticArray<f64>;
  ok: bool = true;
  /** one past the last value of a decoded part (set by the decoders) */
  end: i32 = 0;

  constructor(buf: StaticArray<f64>) {
    this.buf = buf;
  }

  /** Value at i; a missing value is an invalid input at i, a NaN/inf a NaN input at i. */
  at(i: i32): f64 {
    if (!this.ok) return 0.0;
    if (i < 0 || i >= this.buf.length) return this.fail(ERR_INVALID_INPUT, i);
    const v = unchecked(this.buf[i]);
    if (!isFinite(v)) return this.fail(ERR_NAN_INPUT, i);
    return v;
  }

  fail(code: i32, i: i32): f64 {
    if (this.ok) setError(code, <f64>i);
    this.ok = false;
    return 0.0;
  }

  /** Fails with an invalid input at i unless `cond` holds (and nothing failed before). */
  require(cond: bool, i: i32): void {
    if (this.ok && !cond) this.fail(ERR_INVALID_INPUT, i);
  }

  /** A value that must satisfy lo <= v (strictly lo < v if strict). */
  min(i: i32, lo: f64, strict: bool): f64 {
    const v = this.at(i);
    if (this.ok && (strict ? !(v > lo) : !(v >= lo))) this.fail(ERR_INVALID_INPUT, i);
    return v;
  }

  /** A value in the open interval (lo, hi). */
  open(i: i32, lo: f64, hi: f64): f64 {
    const v = this.at(i);
    if (this.ok && !(v > lo && v < hi)) this.fail(ERR_INVALID_INPUT, i);
    return v;
  }

  /** A value that must be exactly 0 (a slot the value's kind does not use). */
  zero(i: i32): void {
    const v = this.at(i);
    if (this.ok && v != 0.0) this.fail(ERR_INVALID_INPUT, i);
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

  flag(i: i32): bool {
    return this.int(i, 0, 1) == 1;
  }
}
