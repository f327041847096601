// spcStreamRun: a whole series through one streaming chart, as the host's tests and tools call it
// (request and result layouts in ABI.md, "Streaming SPC"). Optionally the limits are learned first
// from the series' first points (phase I, learner.ts), as a batch chart with phase I = 1..learn sets
// them, and the monitor then charts the whole series from its first value; optionally the state of
// the learner and of the monitor is saved after `split` values into a fresh buffer and both continue
// from a copy loaded from it, so a test can check that a restart changes no bit.
import { setError, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { SpcMonitor, FLAG_SIGMA_KNOWN } from "./monitor";
import { SPC_XBAR_R, SPC_XBAR_S } from "./kinds";
import { SpcLearner } from "./learner";

export const RUN_HEADER: i32 = 12;
/** Values per point in the result. */
export const RUN_POINT: i32 = 16;
const MAX_VALUES: f64 = 67108864.0;

function intField(b: StaticArray<f64>, i: i32, lo: f64, hi: f64): bool {
  const v = b[i];
  if (!(v >= lo && v <= hi && v == Math.floor(v))) {
    setError(isFinite(v) ? ERR_INVALID_INPUT : ERR_NAN_INPUT, <f64>i);
    return false;
  }
  return true;
}

/** Writes the monitor's last point at out[o …] (RUN_POINT values). */
export function writePoint(m: SpcMonitor, out: StaticArray<f64>, o: i32): void {
  out[o] = m.count;
  out[o + 1] = m.stat;
  out[o + 2] = m.center;
  out[o + 3] = m.se;
  out[o + 4] = m.lcl;
  out[o + 5] = m.ucl;
  out[o + 6] = m.beyond ? 1.0 : 0.0;
  out[o + 7] = <f64>m.fired;
  out[o + 8] = m.hasSecondary ? 1.0 : 0.0;
  out[o + 9] = m.secStat;
  out[o + 10] = m.secCenter;
  out[o + 11] = m.secSe;
  out[o + 12] = m.secLcl;
  out[o + 13] = m.secUcl;
  out[o + 14] = m.secBeyond ? 1.0 : 0.0;
  out[o + 15] = <f64>m.secFired;
}

/** A copy of the monitor through its saved state (null with error 1 if the state did not load: a bug). */
function reload(m: SpcMonitor): SpcMonitor | null {
  const buf = new StaticArray<f64>(m.stateSize() + 3);
  const end = m.save(buf, 3);
  const c = SpcMonitor.load(buf, 3);
  if (c === null || end != buf.length || SpcMonitor.loadEnd != end) {
    setError(ERR_INVALID_INPUT, -1.0);
    return null;
  }
  return c;
}

function reloadLearner(l: SpcLearner): SpcLearner | null {
  const buf = new StaticArray<f64>(l.stateSize() + 2);
  const end = l.save(buf, 2);
  const c = SpcLearner.load(buf, 2);
  if (c === null || end != buf.length || SpcLearner.loadEnd != end) {
    setError(ERR_INVALID_INPUT, -1.0);
    return null;
  }
  return c;
}

/** The result of a request (ABI.md), or null with the error set. */
export function spcRun(b: StaticArray<f64>): StaticArray<f64> | null {
  if (b.length < RUN_HEADER) {
    setError(ERR_INVALID_INPUT, <f64>b.length);
    return null;
  }
  if (b[0] != 1.0) {
    setError(ERR_INVALID_INPUT, 0.0);
    return null;
  }
  if (!intField(b, 1, 0.0, 4.0) || !intField(b, 6, 0.0, 262143.0)) return null;
  if (!intField(b, 11, 0.0, MAX_VALUES) || <f64>b.length != <f64>RUN_HEADER + b[11]) {
    setError(ERR_INVALID_INPUT, 11.0);
    return null;
  }
  const kind = <i32>b[1], flags = <i32>b[6];
  const nv = <i32>b[11];
  const sub = kind == SPC_XBAR_R || kind == SPC_XBAR_S;
  // the subgroup size must be known before the learner and the counts can be checked
  const n = sub ? (b[4] >= 2.0 && b[4] <= 25.0 && b[4] == Math.floor(b[4]) ? <i32>b[4] : 0) : 1;
  if (n == 0) {
    setError(isFinite(b[4]) ? ERR_INVALID_INPUT : ERR_NAN_INPUT, 4.0);
    return null;
  }
  if (nv % n != 0) {
    setError(ERR_INVALID_INPUT, 11.0);
    return null;
  }
  const points = nv / n;
  if (!intField(b, 9, 0.0, <f64>points) || !intField(b, 10, 0.0, <f64>nv)) return null;
  const learn = <i32>b[9], split = <i32>b[10];
  for (let i = 0; i < nv; i++) {
    if (!isFinite(b[RUN_HEADER + i])) {
      setError(ERR_NAN_INPUT, <f64>(RUN_HEADER + i));
      return null;
    }
  }
  // NaN or infinity where a number is needed: code 5 (centre and σ only when given)
  for (let i = learn > 0 ? 4 : 2; i <= 8; i++) {
    if (i != 6 && i != 7 && !isFinite(b[i])) {
      setError(ERR_NAN_INPUT, <f64>i);
      return null;
    }
  }
  let center = b[2], sigma = b[3], bar = b[7];
  let learner: SpcLearner | null = null;
  if (learn > 0) {
    if ((flags & FLAG_SIGMA_KNOWN) != 0) {
      setError(ERR_INVALID_INPUT, 6.0);
      return null;
    }
    let l = new SpcLearner(kind, n);
    for (let i = 0; i < learn * n; i++) {
      if (i == split && split > 0) {
        const c = reloadLearner(l);
        if (c === null) return null;
        l = c;
      }
      l.push(b[RUN_HEADER + i]);
    }
    learner = l;
    center = l.center();
    sigma = l.sigma();
    bar = l.bar();
    if (!(isFinite(sigma) && sigma > 0.0 && isFinite(center))) {
      setError(ERR_INVALID_INPUT, 9.0);
      return null;
    }
  }
  const bad = SpcMonitor.badArgument(kind, center, sigma, b[4], b[5], flags, bar, b[8]);
  if (bad >= 0) {
    // argument position p is request field p + 1
    setError(ERR_INVALID_INPUT, <f64>(bad + 1));
    return null;
  }
  let m = learner !== null ? SpcMonitor.learned(learner, kind, b[4], b[5], flags, b[8])! : new SpcMonitor(kind, center, sigma, b[4], b[5], flags, bar, b[8]);
  const out = new StaticArray<f64>(6 + points * RUN_POINT);
  out[0] = 1.0;
  out[1] = <f64>points;
  out[2] = center;
  out[3] = sigma;
  out[4] = bar;
  out[5] = <f64>RUN_POINT;
  let o = 6;
  for (let i = 0; i < nv; i++) {
    if (i == split && split > 0) {
      const c = reload(m);
      if (c === null) return null;
      m = c;
    }
    m.push(b[RUN_HEADER + i]);
    if (m.ready) {
      writePoint(m, out, o);
      o += RUN_POINT;
    }
  }
  return out;
}
