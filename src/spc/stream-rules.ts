// Run rules, incrementally: the last MAX_RULE_WINDOW (15) points in a ring buffer, each rule checked
// by scanning its own window backwards from the newest point. Constant memory and O(15) work per
// point. Same rules, conventions (conventions.ts) and arithmetic as rules.ts, which uses run lengths
// over whole arrays and cites qcc 3.0 for each rule; the property tests check both give the same
// firings.
import { DEFAULT_CONVENTIONS, type RuleConventions, zoneMultipliers } from "./conventions.js";
import { MAX_RULE_WINDOW, type RuleContext } from "./rules.js";
import type { RuleName } from "./types.js";

const W = MAX_RULE_WINDOW;

export class RuleStream {
  private readonly x = new Float64Array(W);
  private readonly c = new Float64Array(W); // centre line of each point
  private readonly e = new Float64Array(W); // standard error of each point
  private readonly out1 = new Int8Array(W); // beyond its own 1σ line: +1 / −1 / 0
  private readonly in1 = new Uint8Array(W); // within its own ±1σ, lines included
  private readonly side = new Int8Array(W); // above / below / on the centre line
  private head = -1; // slot of the newest point
  private count = 0;
  private readonly enabled: ReadonlySet<RuleName>;
  private readonly conv: RuleConventions;
  private readonly one: number;
  private readonly two: number;

  constructor(rules: readonly RuleName[], ctx: RuleContext = { conventions: DEFAULT_CONVENTIONS, width: 3 }) {
    this.enabled = new Set(rules);
    this.conv = ctx.conventions;
    ({ one: this.one, two: this.two } = zoneMultipliers(ctx.conventions, ctx.width));
  }

  /** slot of the point `back` steps before the newest (0 = newest) */
  private slot(back: number): number {
    return (this.head - back + W) % W;
  }

  /** Adds a point (statistic, centre, standard error, beyond-limits flag); returns the rules firing at it. */
  push(x: number, center: number, se: number, beyond: boolean): RuleName[] {
    this.head = (this.head + 1) % W;
    const h = this.head;
    const hi1 = center + this.one * se;
    const lo1 = center - this.one * se;
    this.x[h] = x;
    this.c[h] = center;
    this.e[h] = se;
    this.out1[h] = x > hi1 ? 1 : x < lo1 ? -1 : 0;
    this.in1[h] = x >= lo1 && x <= hi1 ? 1 : 0;
    this.side[h] = x > center ? 1 : x < center ? -1 : 0;
    if (this.count < W) this.count++;
    const fired: RuleName[] = [];
    const on = this.enabled;
    if (on.size === 0) return fired;
    if (beyond) {
      if (on.has("we1")) fired.push("we1");
    }
    const kOf3 = (on.has("we2") || on.has("nelson5")) && this.kOfW(3, 2, this.two);
    const kOf5 = (on.has("we3") || on.has("nelson6")) && this.kOfW(5, 4, this.one);
    if (kOf3 && on.has("we2")) fired.push("we2");
    if (kOf5 && on.has("we3")) fired.push("we3");
    if (on.has("we4") && this.sameSide(8)) fired.push("we4");
    if (beyond && on.has("nelson1")) fired.push("nelson1");
    if (on.has("nelson2") && this.sameSide(9)) fired.push("nelson2");
    if (on.has("nelson3") && this.trend(6)) fired.push("nelson3");
    if (on.has("nelson4") && this.alternating(14)) fired.push("nelson4");
    if (kOf3 && on.has("nelson5")) fired.push("nelson5");
    if (kOf5 && on.has("nelson6")) fired.push("nelson6");
    if (on.has("nelson7") && this.inside(15)) fired.push("nelson7");
    if (on.has("nelson8") && this.mixture(8)) fired.push("nelson8");
    return fired;
  }

  /** the newest point beyond ±z on one side and at least k of the last w beyond it on that side */
  private kOfW(w: number, k: number, z: number): boolean {
    if (this.conv.startWindows === "full" && this.count < w) return false;
    const h = this.head;
    const x = this.x[h]!;
    const hi = this.c[h]! + z * this.e[h]!;
    const lo = this.c[h]! - z * this.e[h]!;
    const side = x > hi ? 1 : x < lo ? -1 : 0;
    if (side === 0) return false;
    const newest = this.conv.windowZones === "newest";
    const span = Math.min(w, this.count);
    let n = 0;
    for (let b = 0; b < span; b++) {
      const j = this.slot(b);
      const xj = this.x[j]!;
      if (newest) {
        if (side > 0 ? xj > hi : xj < lo) n++;
      } else if (side > 0 ? xj > this.c[j]! + z * this.e[j]! : xj < this.c[j]! - z * this.e[j]!) n++;
    }
    return n >= k;
  }

  /** the last `len` points all strictly on the same side of the centre line */
  private sameSide(len: number): boolean {
    if (this.count < len) return false;
    const s = this.side[this.head]!;
    if (s === 0) return false;
    for (let b = 1; b < len; b++) if (this.side[this.slot(b)] !== s) return false;
    return true;
  }

  /** the last `len` points strictly increasing, or strictly decreasing (differences > 0 or < 0) */
  private trend(len: number): boolean {
    if (this.count < len) return false;
    let up = true;
    let down = true;
    for (let b = 0; b < len - 1; b++) {
      const d = this.x[this.slot(b)]! - this.x[this.slot(b + 1)]!;
      if (!(d > 0)) up = false;
      if (!(d < 0)) down = false;
    }
    return up || down;
  }

  /** the last `len` points alternate up and down: each product of consecutive differences < 0 */
  private alternating(len: number): boolean {
    if (this.count < len) return false;
    for (let b = 0; b < len - 2; b++) {
      const mid = this.x[this.slot(b + 1)]!;
      const newer = this.x[this.slot(b)]! - mid;
      const older = mid - this.x[this.slot(b + 2)]!;
      if (!(newer * older < 0)) return false;
    }
    return true;
  }

  /** the last `len` points all within ±1σ, the lines included */
  private inside(len: number): boolean {
    if (this.count < len) return false;
    for (let b = 0; b < len; b++) if (this.in1[this.slot(b)] !== 1) return false;
    return true;
  }

  /** the last `len` points all beyond ±1σ (with points on both sides under `both-sides`) */
  private mixture(len: number): boolean {
    if (this.count < len) return false;
    let up = false;
    let dn = false;
    for (let b = 0; b < len; b++) {
      const o = this.out1[this.slot(b)]!;
      if (o === 0) return false;
      if (o > 0) up = true;
      else dn = true;
    }
    return this.conv.mixture === "either-side" || (up && dn);
  }
}
