// Run rules, incrementally: the last MAX_RULE_WINDOW (15) points in a ring buffer, each rule checked
// by scanning its own window backwards from the newest point. Constant memory and O(15) work per
// point. Same rules and firing convention as rules.ts (which uses run lengths over whole arrays);
// the property tests check that both give the same firings.
import { MAX_RULE_WINDOW } from "./rules.js";
import type { RuleName } from "./types.js";

const W = MAX_RULE_WINDOW;

export class RuleStream {
  private readonly x = new Float64Array(W);
  private readonly cls1 = new Int8Array(W); // beyond 1σ: +1 / −1 / 0
  private readonly cls2 = new Int8Array(W); // beyond 2σ
  private readonly side = new Int8Array(W); // above / below / on the centre line
  private head = -1; // slot of the newest point
  private count = 0;
  private readonly enabled: ReadonlySet<RuleName>;

  constructor(rules: readonly RuleName[]) {
    this.enabled = new Set(rules);
  }

  /** slot of the point `back` steps before the newest (0 = newest) */
  private slot(back: number): number {
    return (this.head - back + W) % W;
  }

  /** Adds a point (statistic, centre, standard error, beyond-limits flag); returns the rules firing at it. */
  push(x: number, center: number, se: number, beyond: boolean): RuleName[] {
    this.head = (this.head + 1) % W;
    const h = this.head;
    const d = x - center;
    const e = center - x;
    this.x[h] = x;
    this.cls1[h] = d > se ? 1 : e > se ? -1 : 0;
    this.cls2[h] = d > 2 * se ? 1 : e > 2 * se ? -1 : 0;
    this.side[h] = x > center ? 1 : x < center ? -1 : 0;
    if (this.count < W) this.count++;
    const fired: RuleName[] = [];
    const on = this.enabled;
    if (on.size === 0) return fired;
    if (beyond) {
      if (on.has("we1")) fired.push("we1");
    }
    const kOf3 = this.kOfW(this.cls2, 3, 2);
    const kOf5 = this.kOfW(this.cls1, 5, 4);
    if (kOf3 && on.has("we2")) fired.push("we2");
    if (kOf5 && on.has("we3")) fired.push("we3");
    if (on.has("we4") && this.sameSide(8)) fired.push("we4");
    if (beyond && on.has("nelson1")) fired.push("nelson1");
    if (on.has("nelson2") && this.sameSide(9)) fired.push("nelson2");
    if (on.has("nelson3") && this.trend(6)) fired.push("nelson3");
    if (on.has("nelson4") && this.alternating(14)) fired.push("nelson4");
    if (kOf3 && on.has("nelson5")) fired.push("nelson5");
    if (kOf5 && on.has("nelson6")) fired.push("nelson6");
    if (on.has("nelson7") && this.allZone(15, true)) fired.push("nelson7");
    if (on.has("nelson8") && this.allZone(8, false)) fired.push("nelson8");
    return fired;
  }

  /** at least k of the last w points (fewer at the start) beyond the zone on one side */
  private kOfW(cls: Int8Array, w: number, k: number): boolean {
    const span = Math.min(w, this.count);
    let up = 0;
    let dn = 0;
    for (let b = 0; b < span; b++) {
      const c = cls[this.slot(b)]!;
      if (c === 1) up++;
      else if (c === -1) dn++;
    }
    return up >= k || dn >= k;
  }

  /** the last `len` points all strictly on the same side of the centre line */
  private sameSide(len: number): boolean {
    if (this.count < len) return false;
    const s = this.side[this.head]!;
    if (s === 0) return false;
    for (let b = 1; b < len; b++) if (this.side[this.slot(b)] !== s) return false;
    return true;
  }

  /** the last `len` points strictly increasing, or strictly decreasing */
  private trend(len: number): boolean {
    if (this.count < len) return false;
    let up = true;
    let down = true;
    for (let b = 0; b < len - 1; b++) {
      const newer = this.x[this.slot(b)]!;
      const older = this.x[this.slot(b + 1)]!;
      if (!(newer > older)) up = false;
      if (!(newer < older)) down = false;
    }
    return up || down;
  }

  /** the last `len` points alternate up and down (no ties) */
  private alternating(len: number): boolean {
    if (this.count < len) return false;
    let prevDir = 0;
    for (let b = 0; b < len - 1; b++) {
      const newer = this.x[this.slot(b)]!;
      const older = this.x[this.slot(b + 1)]!;
      const dir = newer > older ? 1 : newer < older ? -1 : 0;
      if (dir === 0 || dir === prevDir) return false;
      prevDir = dir;
    }
    return true;
  }

  /** the last `len` points all within 1σ (inside = true) or all beyond 1σ, either side (inside = false) */
  private allZone(len: number, inside: boolean): boolean {
    if (this.count < len) return false;
    for (let b = 0; b < len; b++) {
      const c = this.cls1[this.slot(b)]!;
      if (inside ? c !== 0 : c === 0) return false;
    }
    return true;
  }
}
