// Run rules, incrementally: a port of src/spc/stream-rules.ts (the same ring buffer of the last 15
// points, the same scans, the same comparisons), so the core fires exactly the rules the host's
// streaming charts fire. Western Electric Statistical Quality Control Handbook (1956), rules 1-4;
// L. S. Nelson, J. Quality Technology 16(4):237-239 (1984), tests 1-8; evaluated as qcc 3.0 does, with
// the choices where packages differ (src/spc/conventions.ts) selected by convention bits.
//
// A rule set is an i32: bit i is rule i of ALL_RULES (src/spc/types.ts): 0 we1, 1 we2, 2 we3, 3 we4,
// 4 nelson1, 5 nelson2, 6 nelson3, 7 nelson4, 8 nelson5, 9 nelson6, 10 nelson7, 11 nelson8. The
// conventions are bits 12-15, 0 = qcc's choice (DEFAULT_CONVENTIONS): bit 12 windowZones `own`,
// bit 13 zoneWidth `sigma`, bit 14 mixture `either-side`, bit 15 startWindows `partial`.

export const RULE_WE1: i32 = 1 << 0;
export const RULE_WE2: i32 = 1 << 1;
export const RULE_WE3: i32 = 1 << 2;
export const RULE_WE4: i32 = 1 << 3;
export const RULE_N1: i32 = 1 << 4;
export const RULE_N2: i32 = 1 << 5;
export const RULE_N3: i32 = 1 << 6;
export const RULE_N4: i32 = 1 << 7;
export const RULE_N5: i32 = 1 << 8;
export const RULE_N6: i32 = 1 << 9;
export const RULE_N7: i32 = 1 << 10;
export const RULE_N8: i32 = 1 << 11;
export const RULES_ALL: i32 = 0xfff;

export const CONV_OWN_ZONES: i32 = 1 << 12;
export const CONV_SIGMA_ZONES: i32 = 1 << 13;
export const CONV_EITHER_SIDE: i32 = 1 << 14;
export const CONV_PARTIAL_START: i32 = 1 << 15;
export const CONV_ALL: i32 = 0xf000;

/** Longest window any rule looks at (Nelson 7: 15 points): the history kept. */
export const W: i32 = 15;

/** f64 values a RuleStream's state takes in a saved monitor. */
export const RULE_STATE_SIZE: i32 = 2 + 3 * W;

export class RuleStream {
  private x: StaticArray<f64> = new StaticArray<f64>(W);
  private c: StaticArray<f64> = new StaticArray<f64>(W); // centre line of each point
  private e: StaticArray<f64> = new StaticArray<f64>(W); // standard error of each point
  private out1: StaticArray<i32> = new StaticArray<i32>(W); // beyond its own 1σ line: +1 / −1 / 0
  private in1: StaticArray<i32> = new StaticArray<i32>(W); // within its own ±1σ, lines included
  private side: StaticArray<i32> = new StaticArray<i32>(W); // above / below / on the centre line
  private head: i32 = -1; // slot of the newest point
  private count: i32 = 0;
  readonly rules: i32;
  readonly conv: i32;
  private one: f64;
  private two: f64;

  /** `rules` and convention bits as above; zones for limits at ±width (conventions.ts zoneMultipliers). */
  constructor(rules: i32, conv: i32, width: f64) {
    this.rules = rules & RULES_ALL;
    this.conv = conv & CONV_ALL;
    if ((conv & CONV_SIGMA_ZONES) != 0) {
      this.one = 1.0;
      this.two = 2.0;
    } else {
      this.one = (width * 1.0) / 3.0;
      this.two = (width * 2.0) / 3.0;
    }
  }

  /** slot of the point `back` steps before the newest (0 = newest) */
  @inline private slot(back: i32): i32 {
    return (this.head - back + W) % W;
  }

  private mark(h: i32): void {
    const x = unchecked(this.x[h]), center = unchecked(this.c[h]), se = unchecked(this.e[h]);
    const hi1 = center + this.one * se;
    const lo1 = center - this.one * se;
    unchecked((this.out1[h] = x > hi1 ? 1 : x < lo1 ? -1 : 0));
    unchecked((this.in1[h] = x >= lo1 && x <= hi1 ? 1 : 0));
    unchecked((this.side[h] = x > center ? 1 : x < center ? -1 : 0));
  }

  /** Adds a point (statistic, centre, standard error, beyond-limits flag); returns the bits of the rules firing at it. */
  push(x: f64, center: f64, se: f64, beyond: bool): i32 {
    this.head = (this.head + 1) % W;
    const h = this.head;
    unchecked((this.x[h] = x));
    unchecked((this.c[h] = center));
    unchecked((this.e[h] = se));
    this.mark(h);
    if (this.count < W) this.count++;
    const on = this.rules;
    if (on == 0) return 0;
    let fired = 0;
    if (beyond) fired |= on & (RULE_WE1 | RULE_N1);
    if ((on & (RULE_WE2 | RULE_N5)) != 0 && this.kOfW(3, 2, this.two)) fired |= on & (RULE_WE2 | RULE_N5);
    if ((on & (RULE_WE3 | RULE_N6)) != 0 && this.kOfW(5, 4, this.one)) fired |= on & (RULE_WE3 | RULE_N6);
    if ((on & RULE_WE4) != 0 && this.sameSide(8)) fired |= RULE_WE4;
    if ((on & RULE_N2) != 0 && this.sameSide(9)) fired |= RULE_N2;
    if ((on & RULE_N3) != 0 && this.trend(6)) fired |= RULE_N3;
    if ((on & RULE_N4) != 0 && this.alternating(14)) fired |= RULE_N4;
    if ((on & RULE_N7) != 0 && this.inside(15)) fired |= RULE_N7;
    if ((on & RULE_N8) != 0 && this.mixture(8)) fired |= RULE_N8;
    return fired;
  }

  /** the newest point beyond ±z on one side and at least k of the last w beyond it on that side */
  private kOfW(w: i32, k: i32, z: f64): bool {
    if ((this.conv & CONV_PARTIAL_START) == 0 && this.count < w) return false;
    const h = this.head;
    const x = unchecked(this.x[h]);
    const hi = unchecked(this.c[h]) + z * unchecked(this.e[h]);
    const lo = unchecked(this.c[h]) - z * unchecked(this.e[h]);
    const side = x > hi ? 1 : x < lo ? -1 : 0;
    if (side == 0) return false;
    const newest = (this.conv & CONV_OWN_ZONES) == 0;
    const span = min(w, this.count);
    let n = 0;
    for (let b = 0; b < span; b++) {
      const j = this.slot(b);
      const xj = unchecked(this.x[j]);
      if (newest) {
        if (side > 0 ? xj > hi : xj < lo) n++;
      } else if (side > 0 ? xj > unchecked(this.c[j]) + z * unchecked(this.e[j]) : xj < unchecked(this.c[j]) - z * unchecked(this.e[j])) n++;
    }
    return n >= k;
  }

  /** the last `len` points all strictly on the same side of the centre line */
  private sameSide(len: i32): bool {
    if (this.count < len) return false;
    const s = unchecked(this.side[this.head]);
    if (s == 0) return false;
    for (let b = 1; b < len; b++) if (unchecked(this.side[this.slot(b)]) != s) return false;
    return true;
  }

  /** the last `len` points strictly increasing, or strictly decreasing (differences > 0 or < 0) */
  private trend(len: i32): bool {
    if (this.count < len) return false;
    let up = true;
    let down = true;
    for (let b = 0; b < len - 1; b++) {
      const d = unchecked(this.x[this.slot(b)]) - unchecked(this.x[this.slot(b + 1)]);
      if (!(d > 0.0)) up = false;
      if (!(d < 0.0)) down = false;
    }
    return up || down;
  }

  /** the last `len` points alternate up and down: each product of consecutive differences < 0 */
  private alternating(len: i32): bool {
    if (this.count < len) return false;
    for (let b = 0; b < len - 2; b++) {
      const mid = unchecked(this.x[this.slot(b + 1)]);
      const newer = unchecked(this.x[this.slot(b)]) - mid;
      const older = mid - unchecked(this.x[this.slot(b + 2)]);
      if (!(newer * older < 0.0)) return false;
    }
    return true;
  }

  /** the last `len` points all within ±1σ, the lines included */
  private inside(len: i32): bool {
    if (this.count < len) return false;
    for (let b = 0; b < len; b++) if (unchecked(this.in1[this.slot(b)]) != 1) return false;
    return true;
  }

  /** the last `len` points all beyond ±1σ (with points on both sides unless `either-side`) */
  private mixture(len: i32): bool {
    if (this.count < len) return false;
    let up = false;
    let dn = false;
    for (let b = 0; b < len; b++) {
      const o = unchecked(this.out1[this.slot(b)]);
      if (o == 0) return false;
      if (o > 0) up = true;
      else dn = true;
    }
    return (this.conv & CONV_EITHER_SIDE) != 0 || (up && dn);
  }

  /** Writes the history at buf[off …] (RULE_STATE_SIZE values: head, count, x, centre, se); returns the next offset. */
  save(buf: StaticArray<f64>, off: i32): i32 {
    let o = off;
    buf[o++] = <f64>this.head;
    buf[o++] = <f64>this.count;
    for (let i = 0; i < W; i++) unchecked((buf[o++] = this.x[i]));
    for (let i = 0; i < W; i++) unchecked((buf[o++] = this.c[i]));
    for (let i = 0; i < W; i++) unchecked((buf[o++] = this.e[i]));
    return o;
  }

  /**
   * Restores a history written by `save` (the zone flags are recomputed from the points: the same
   * arithmetic as at push time). -1 for an inconsistent head or count, else the next offset.
   */
  load(buf: StaticArray<f64>, off: i32): i32 {
    const head = buf[off], count = buf[off + 1];
    if (!(head >= -1.0 && head < <f64>W && head == Math.floor(head))) return -1;
    if (!(count >= 0.0 && count <= <f64>W && count == Math.floor(count))) return -1;
    if ((head < 0.0) != (count == 0.0)) return -1;
    this.head = <i32>head;
    this.count = <i32>count;
    let o = off + 2;
    for (let i = 0; i < W; i++) unchecked((this.x[i] = buf[o++]));
    for (let i = 0; i < W; i++) unchecked((this.c[i] = buf[o++]));
    for (let i = 0; i < W; i++) unchecked((this.e[i] = buf[o++]));
    for (let i = 0; i < W; i++) this.mark(i);
    return o;
  }
}
