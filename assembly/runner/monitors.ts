// The runner's SPC monitors (ABI.md, "Hybrid runner", monitors): each watches one window feature
// with a streaming chart of individual values (I-MR, EWMA or CUSUM; assembly/spc/monitor.ts, the
// host's src/spc/stream.ts bit for bit). Limits are given, or learned from the first `learn` usable
// windows (phase I, assembly/spc/learner.ts: centre = mean, σ = MR-bar/d2 as the batch I-MR chart),
// after which the chart runs with those fixed limits (phase II). Windows flagged constant are not
// plotted: their features are not measurements.
import { Request } from "../elm/request";
import { SpcMonitor } from "../spc/monitor";
import { SPC_IMR, SPC_EWMA, SPC_CUSUM } from "../spc/kinds";
import { SpcLearner } from "../spc/learner";

/** Values per monitor in each window of the block result. */
export const MONITOR_VALUES: i32 = 8;
export const PHASE_LEARNING: f64 = 0.0;
export const PHASE_MONITORING: f64 = 1.0;
export const PHASE_SKIPPED: f64 = 2.0;
/** the learning period showed no variation (σ = 0): no limits can be drawn, the monitor stays idle */
export const PHASE_NO_VARIATION: f64 = 3.0;
/** the first `skip` usable windows (a start-up transient) are neither learned from nor charted */
export const PHASE_SETTLING: f64 = 4.0;

const MAX_MONITORS: i32 = 1024;
/** request offset (from the monitor's first value) of each argument SpcMonitor.badArgument names */
const ARG_AT: StaticArray<i32> = [1, 4, 5, 6, 7, 8, 0, 9];

class Watch {
  feature: i32;
  kind: i32;
  skip: i32;
  /** usable windows seen so far while settling */
  seen: i32 = 0;
  learn: i32;
  p1: f64;
  p2: f64;
  flags: i32;
  headStart: f64;
  learner: SpcLearner;
  chart: SpcMonitor | null = null;
  idle: bool = false;
  /** size of a saved chart of this kind (reserved in the state whether the chart exists yet or not) */
  chartSize: i32;

  constructor(feature: i32, kind: i32, skip: i32, learn: i32, p1: f64, p2: f64, flags: i32, headStart: f64) {
    this.feature = feature;
    this.kind = kind;
    this.skip = skip;
    this.learn = learn;
    this.p1 = p1;
    this.p2 = p2;
    this.flags = flags;
    this.headStart = headStart;
    this.learner = new SpcLearner(kind, 1);
    this.chartSize = new SpcMonitor(kind, 0.0, 1.0, p1, p2, flags, NaN, headStart).stateSize();
  }

  /** The chart from the learned centre and σ (false when σ is not > 0). */
  startChart(): void {
    const c = this.learner.center(), s = this.learner.sigma();
    const bar = this.kind == SPC_IMR ? this.learner.bar() : NaN;
    if (SpcMonitor.badArgument(this.kind, c, s, this.p1, this.p2, this.flags, bar, this.headStart) >= 0) {
      this.idle = true;
      return;
    }
    this.chart = new SpcMonitor(this.kind, c, s, this.p1, this.p2, this.flags, bar, this.headStart);
  }
}

export class MonitorBank {
  list: Array<Watch> = new Array<Watch>();

  get count(): i32 {
    return this.list.length;
  }

  /** One window's features f (usable: not flagged constant): MONITOR_VALUES per monitor onto w. */
  push(f: StaticArray<f64>, usable: bool, w: Array<f64>): void {
    for (let i = 0; i < this.list.length; i++) {
      const m = this.list[i];
      const x = unchecked(f[m.feature]);
      if (!usable || m.idle) {
        put(w, m.idle ? PHASE_NO_VARIATION : PHASE_SKIPPED, x, NaN, NaN, NaN, NaN, 0, false);
        continue;
      }
      if (m.seen < m.skip) {
        m.seen++;
        put(w, PHASE_SETTLING, x, NaN, NaN, NaN, NaN, 0, false);
        continue;
      }
      if (m.chart === null) {
        m.learner.push(x);
        if (m.learner.count >= m.learn) m.startChart();
        put(w, PHASE_LEARNING, x, NaN, NaN, NaN, NaN, 0, false);
        continue;
      }
      const c = m.chart!;
      c.push(x);
      put(w, PHASE_MONITORING, x, c.stat, c.center, c.lcl, c.ucl, c.fired, c.beyond);
    }
  }

  stateSize(): i32 {
    let n = 1;
    for (let i = 0; i < this.list.length; i++) {
      const m = this.list[i];
      n += 3 + m.learner.stateSize() + m.chartSize;
    }
    return n;
  }

  save(b: StaticArray<f64>, o: i32): i32 {
    b[o++] = <f64>this.list.length;
    for (let i = 0; i < this.list.length; i++) {
      const m = this.list[i];
      b[o++] = m.chart !== null ? 1.0 : 0.0;
      b[o++] = m.idle ? 1.0 : 0.0;
      b[o++] = <f64>m.seen;
      o = m.learner.save(b, o);
      if (m.chart !== null) o = m.chart!.save(b, o);
      else for (let q = 0; q < m.chartSize; q++) b[o++] = 0.0;
    }
    return o;
  }

  /** Reads a state written by save (the caller has checked it belongs to this configuration). */
  load(b: StaticArray<f64>, o: i32): i32 {
    o++;
    for (let i = 0; i < this.list.length; i++) {
      const m = this.list[i];
      const hasChart = b[o++] != 0.0;
      m.idle = b[o++] != 0.0;
      m.seen = <i32>b[o++];
      const l = SpcLearner.load(b, o);
      if (l !== null) m.learner = l;
      o += m.learner.stateSize();
      // the state was written by save for this configuration (its digest checked): it loads
      m.chart = hasChart ? SpcMonitor.load(b, o) : null;
      o += m.chartSize;
    }
    return o;
  }
}

function put(w: Array<f64>, phase: f64, x: f64, stat: f64, center: f64, lcl: f64, ucl: f64, fired: i32, beyond: bool): void {
  w.push(phase);
  w.push(x);
  w.push(stat);
  w.push(center);
  w.push(lcl);
  w.push(ucl);
  w.push(<f64>fired);
  w.push(beyond ? 1.0 : 0.0);
}

export let monitorsEnd: i32 = 0;

/**
 * Monitors at r[p …]: a count, then per monitor 10 values [feature index (< F), kind (0 I-MR, 3 EWMA,
 * 4 CUSUM), skip (usable windows to let pass first), learn (windows; 0 = limits given), center,
 * sigma (given limits; ignored when learning), p1, p2, flags (rule and convention bits of
 * assembly/spc/rules.ts), CUSUM head start]. Null with the error at the offending index.
 */
export function readMonitors(r: Request, p: i32, F: i32): MonitorBank | null {
  const n = r.int(p, 0, MAX_MONITORS);
  if (!r.ok) return null;
  const bank = new MonitorBank();
  for (let i = 0; i < n; i++) {
    const q = p + 1 + 10 * i;
    const feature = r.int(q, 0, F - 1);
    const kind = r.int(q + 1, 0, 4);
    if (r.ok && !(kind == SPC_IMR || kind == SPC_EWMA || kind == SPC_CUSUM)) r.fail(1, q + 1);
    const skip = r.int(q + 2, 0, 1 << 24);
    const learn = r.int(q + 3, 0, 1 << 24);
    const center = r.at(q + 4), sigma = r.at(q + 5), p1 = r.at(q + 6), p2 = r.at(q + 7);
    const flags = r.int(q + 8, 0, (1 << 18) - 1);
    const hs = r.at(q + 9);
    if (!r.ok) return null;
    if (learn == 1 && kind == SPC_IMR) { r.fail(1, q + 3); return null; }
    // with learning, the arguments are checked with a unit σ now and with the learned σ later
    const bad = SpcMonitor.badArgument(kind, learn > 0 ? 0.0 : center, learn > 0 ? 1.0 : sigma, p1, p2, flags, NaN, hs);
    if (bad >= 0) { r.fail(1, q + unchecked(ARG_AT[bad])); return null; }
    const m = new Watch(feature, kind, skip, learn, p1, p2, flags, hs);
    if (learn == 0) m.chart = new SpcMonitor(kind, center, sigma, p1, p2, flags, NaN, hs);
    bank.list.push(m);
  }
  monitorsEnd = p + 1 + 10 * n;
  return bank;
}
