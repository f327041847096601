// Phase I in the core: the centre and σ of a learning period, summed in the order of the batch charts
// of src/spc/variables.ts, so a learner fed the phase-I values gives the batch chart's limits bit for
// bit. Individual values (I-MR, and the EWMA and CUSUM of individual values, src/spc/monitored.ts):
// centre = Σx/m (maskedMean), σ = MR-bar/d2(2) with MR-bar = Σ|x_i − x_(i−1)|/(m − 1) and d2 = 1.128
// (individualsSigma, method "mr"; Montgomery, Introduction to SQC, 7th ed., §6.4). Subgroups of a
// fixed size n: centre = Σ n·x̄_i / Σ n (grandMean), σ = R-bar/d2(n) or S-bar/c4(n) (withinSigma;
// Montgomery §6.2, §6.3).
import { rFactors, sFactors } from "./factors";
import { SPC_XBAR_R, SPC_XBAR_S, SPC_KINDS } from "./kinds";
import { MIN_TABLE_N, MAX_TABLE_N } from "./factors";

/** First value of a saved learner state ("SPCL"). */
export const LEARNER_TAG: f64 = 1397768012.0;
const FIXED: i32 = 10;

export class SpcLearner {
  readonly kind: i32;
  /** subgroup size (1: individual values) */
  readonly n: i32;
  /** points learned: values, or complete subgroups */
  count: i32 = 0;
  private sum: f64 = 0.0; // Σx (individuals) or Σ n·x̄ (subgroups)
  private weight: f64 = 0.0; // Σ n (subgroups)
  private disp: f64 = 0.0; // Σ moving ranges, ranges or standard deviations
  private dispCount: i32 = 0;
  private prev: f64 = NaN;
  private group: StaticArray<f64>;
  private filled: i32 = 0;
  private bias: f64;

  /** A learner for a monitor of `kind` (monitor.ts codes) with subgroup size n (X-bar: 2..25; others 1). */
  constructor(kind: i32, n: i32 = 1) {
    const sub = kind == SPC_XBAR_R || kind == SPC_XBAR_S;
    const size = sub ? n : 1;
    this.group = new StaticArray<f64>(size);
    this.kind = kind;
    this.n = size;
    this.bias = kind == SPC_XBAR_S ? sFactors(size, 3.0).bias : rFactors(sub ? size : 2, 3.0).bias;
  }

  /** -1 if (kind, n) make a learner, else the position of the bad one. */
  static badArgument(kind: i32, n: i32): i32 {
    if (kind < 0 || kind >= SPC_KINDS) return 0;
    const sub = kind == SPC_XBAR_R || kind == SPC_XBAR_S;
    if (sub ? n < MIN_TABLE_N || n > MAX_TABLE_N : n != 1) return 1;
    return -1;
  }

  push(x: f64): void {
    if (this.n == 1) {
      this.sum += x;
      if (this.count > 0) {
        this.disp += Math.abs(x - this.prev);
        this.dispCount++;
      }
      this.prev = x;
      this.count++;
      return;
    }
    unchecked((this.group[this.filled++] = x));
    if (this.filled < this.n) return;
    this.filled = 0;
    // data.ts subgroupStats: mean, range, two-pass standard deviation
    const n = this.n, v = this.group;
    let s = 0.0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < n; j++) {
      const xj = unchecked(v[j]);
      s += xj;
      if (xj < lo) lo = xj;
      if (xj > hi) hi = xj;
    }
    const fn = <f64>n;
    const mean = s / fn;
    let d = hi - lo;
    if (this.kind == SPC_XBAR_S) {
      let ss = 0.0;
      for (let j = 0; j < n; j++) {
        const e = unchecked(v[j]) - mean;
        ss += e * e;
      }
      d = Math.sqrt(ss / <f64>(n - 1));
    }
    this.weight += fn;
    this.sum += fn * mean;
    this.disp += d;
    this.dispCount++;
    this.count++;
  }

  /** The mean of the values (NaN before the first point). */
  center(): f64 {
    return this.n == 1 ? this.sum / <f64>this.count : this.sum / this.weight;
  }

  /** MR-bar, R-bar or S-bar (NaN before two values / one subgroup). */
  bar(): f64 {
    return this.disp / <f64>this.dispCount;
  }

  /** σ of one observation: bar()/d2 or bar()/c4. */
  sigma(): f64 {
    return this.bar() / this.bias;
  }

  stateSize(): i32 {
    return FIXED + this.n;
  }

  /** Writes the state at buf[off …]: tag, kind, n, count, sum, weight, disp, dispCount, prev, filled, open subgroup (n). */
  save(buf: StaticArray<f64>, off: i32): i32 {
    let o = off;
    buf[o++] = LEARNER_TAG;
    buf[o++] = <f64>this.kind;
    buf[o++] = <f64>this.n;
    buf[o++] = <f64>this.count;
    buf[o++] = this.sum;
    buf[o++] = this.weight;
    buf[o++] = this.disp;
    buf[o++] = <f64>this.dispCount;
    buf[o++] = this.prev;
    buf[o++] = <f64>this.filled;
    for (let j = 0; j < this.n; j++) buf[o++] = unchecked(this.group[j]);
    return o;
  }

  /** A learner from a state written by `save`; `SpcLearner.loadEnd` = the next offset; null (`loadBad` = index) if it is not one. */
  static load(buf: StaticArray<f64>, off: i32): SpcLearner | null {
    SpcLearner.loadBad = -1;
    if (off < 0 || buf.length - off < FIXED) return SpcLearner.fail(off < 0 ? 0 : buf.length);
    if (buf[off] != LEARNER_TAG) return SpcLearner.fail(off);
    const kv = buf[off + 1], nv = buf[off + 2];
    if (!(kv >= 0.0 && kv < <f64>SPC_KINDS && kv == Math.floor(kv))) return SpcLearner.fail(off + 1);
    if (!(nv >= 1.0 && nv <= <f64>MAX_TABLE_N && nv == Math.floor(nv))) return SpcLearner.fail(off + 2);
    if (SpcLearner.badArgument(<i32>kv, <i32>nv) >= 0) return SpcLearner.fail(off + 2);
    const l = new SpcLearner(<i32>kv, <i32>nv);
    if (buf.length - off < l.stateSize()) return SpcLearner.fail(buf.length);
    const cv = buf[off + 3], dc = buf[off + 7], fv = buf[off + 9];
    if (!(cv >= 0.0 && cv <= 2147483647.0 && cv == Math.floor(cv))) return SpcLearner.fail(off + 3);
    if (!(dc >= 0.0 && dc <= cv && dc == Math.floor(dc))) return SpcLearner.fail(off + 7);
    if (!(fv >= 0.0 && fv < nv && fv == Math.floor(fv))) return SpcLearner.fail(off + 9);
    l.count = <i32>cv;
    l.sum = buf[off + 4];
    l.weight = buf[off + 5];
    l.disp = buf[off + 6];
    l.dispCount = <i32>dc;
    l.prev = buf[off + 8];
    l.filled = <i32>fv;
    let o = off + FIXED;
    for (let j = 0; j < l.n; j++) unchecked((l.group[j] = buf[o++]));
    SpcLearner.loadEnd = o;
    return l;
  }

  static loadEnd: i32 = 0;
  static loadBad: i32 = -1;

  private static fail(at: i32): SpcLearner | null {
    SpcLearner.loadBad = at;
    return null;
  }
}
