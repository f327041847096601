// Streaming SPC exports (assembly/ABI.md, "Streaming SPC"): a whole series through one streaming
// chart (phase I learned or limits given); monitors and learners held through handles, fed blocks of
// values, their state saved to and restored from buffers; and the part's self-check. The runner's
// pipeline uses the classes of assembly/spc/ (SpcMonitor, SpcLearner) directly.
import { clearError, setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { lookup, share, finiteBuffer } from "../mem";
import { spcRun, writePoint, RUN_POINT } from "../spc/run";
import { SpcMonitor } from "../spc/monitor";
import { SpcLearner } from "../spc/learner";
import { registerMonitor, getMonitor, freeMonitor, registerLearner, getLearner, freeLearner } from "../spc/registry";
import { selfcheckSpcHash } from "../spc/selfcheck";

const MAX_BLOCK: i32 = 1 << 26;

function request(p: usize): StaticArray<f64> | null {
  const a = lookup(p);
  if (a === null) setError(ERR_BAD_HANDLE, <f64>p);
  return a;
}

/** A series through one streaming chart: request and result layouts in ABI.md. */
export function spcStreamRun(req: usize): usize {
  clearError();
  const b = request(req);
  if (b === null) return 0;
  const r = spcRun(b);
  return r === null ? 0 : share(r);
}

/** A monitor from [1, kind, centre, σ, p1, p2, flags, bar, head start]; its handle, or 0 with the error set. */
export function spcMonitorNew(req: usize): i32 {
  clearError();
  const b = request(req);
  if (b === null) return 0;
  if (b.length != 9) {
    setError(ERR_INVALID_INPUT, <f64>b.length);
    return 0;
  }
  if (b[0] != 1.0) {
    setError(ERR_INVALID_INPUT, 0.0);
    return 0;
  }
  for (let i = 1; i < 9; i++) {
    // only bar may be NaN; integers must be exact
    if (i == 7) continue;
    if (!isFinite(b[i])) {
      setError(ERR_NAN_INPUT, <f64>i);
      return 0;
    }
  }
  if (!(b[1] >= 0.0 && b[1] <= 4.0 && b[1] == Math.floor(b[1]))) {
    setError(ERR_INVALID_INPUT, 1.0);
    return 0;
  }
  if (!(b[6] >= 0.0 && b[6] <= 262143.0 && b[6] == Math.floor(b[6]))) {
    setError(ERR_INVALID_INPUT, 6.0);
    return 0;
  }
  const kind = <i32>b[1], flags = <i32>b[6];
  const bad = SpcMonitor.badArgument(kind, b[2], b[3], b[4], b[5], flags, b[7], b[8]);
  if (bad >= 0) {
    setError(ERR_INVALID_INPUT, <f64>(bad + 1));
    return 0;
  }
  return registerMonitor(new SpcMonitor(kind, b[2], b[3], b[4], b[5], flags, b[7], b[8]));
}

/** The n values at p (finite) through monitor h: [P, 16, P × 16] for the P points they complete. */
export function spcMonitorPush(h: i32, p: usize, n: i32): usize {
  clearError();
  const m = getMonitor(h);
  if (m === null) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return 0;
  }
  if (n < 0 || n > MAX_BLOCK) {
    setError(ERR_INVALID_INPUT, 2.0);
    return 0;
  }
  const x = finiteBuffer(p, n);
  if (x === null) return 0;
  // points this block completes: the open subgroup's values plus n, in whole subgroups
  const points = (m.pending + n) / m.n;
  const out = new StaticArray<f64>(2 + points * RUN_POINT);
  out[0] = <f64>points;
  out[1] = <f64>RUN_POINT;
  let o = 2;
  for (let i = 0; i < n; i++) {
    m.push(unchecked(x[i]));
    if (m.ready) {
      writePoint(m, out, o);
      o += RUN_POINT;
    }
  }
  return share(out);
}

/** The state of monitor h (ABI.md, "The monitor's saved state"). */
export function spcMonitorSave(h: i32): usize {
  clearError();
  const m = getMonitor(h);
  if (m === null) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return 0;
  }
  const out = new StaticArray<f64>(m.stateSize());
  m.save(out, 0);
  return share(out);
}

/** A monitor from a saved state (the whole buffer); its handle, or 0 with error 1 (detail: the first bad index). */
export function spcMonitorLoad(p: usize): i32 {
  clearError();
  const b = request(p);
  if (b === null) return 0;
  const m = SpcMonitor.load(b, 0);
  if (m === null) {
    setError(ERR_INVALID_INPUT, <f64>SpcMonitor.loadBad);
    return 0;
  }
  if (SpcMonitor.loadEnd != b.length) {
    setError(ERR_INVALID_INPUT, <f64>b.length);
    return 0;
  }
  return registerMonitor(m);
}

/** Forgets a monitor (unknown handles are ignored). */
export function spcMonitorFree(h: i32): void {
  freeMonitor(h);
}

/** A learner for charts of `kind` with subgroup size n (1 for kinds 0, 3, 4); its handle, or 0 with error 1 (detail: argument position). */
export function spcLearnerNew(kind: i32, n: i32): i32 {
  clearError();
  const bad = SpcLearner.badArgument(kind, n);
  if (bad >= 0) {
    setError(ERR_INVALID_INPUT, <f64>bad);
    return 0;
  }
  return registerLearner(new SpcLearner(kind, n));
}

/** The n values at p (finite) into learner h; then [points learned, centre, σ, bar]. */
export function spcLearnerPush(h: i32, p: usize, n: i32): usize {
  clearError();
  const l = getLearner(h);
  if (l === null) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return 0;
  }
  if (n < 0 || n > MAX_BLOCK) {
    setError(ERR_INVALID_INPUT, 2.0);
    return 0;
  }
  const x = finiteBuffer(p, n);
  if (x === null) return 0;
  for (let i = 0; i < n; i++) l.push(unchecked(x[i]));
  const out = new StaticArray<f64>(4);
  out[0] = <f64>l.count;
  out[1] = l.center();
  out[2] = l.sigma();
  out[3] = l.bar();
  return share(out);
}

/** The state of learner h (ABI.md, "The monitor's saved state"). */
export function spcLearnerSave(h: i32): usize {
  clearError();
  const l = getLearner(h);
  if (l === null) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return 0;
  }
  const out = new StaticArray<f64>(l.stateSize());
  l.save(out, 0);
  return share(out);
}

/** A learner from a saved state (the whole buffer); its handle, or 0 with error 1 (detail: the first bad index). */
export function spcLearnerLoad(p: usize): i32 {
  clearError();
  const b = request(p);
  if (b === null) return 0;
  const l = SpcLearner.load(b, 0);
  if (l === null) {
    setError(ERR_INVALID_INPUT, <f64>SpcLearner.loadBad);
    return 0;
  }
  if (SpcLearner.loadEnd != b.length) {
    setError(ERR_INVALID_INPUT, <f64>b.length);
    return 0;
  }
  return registerLearner(l);
}

/** Forgets a learner (unknown handles are ignored). */
export function spcLearnerFree(h: i32): void {
  freeLearner(h);
}

/** Self-check hash of five streaming charts (ABI.md, "Streaming SPC"). */
export function selfcheckSpc(): i64 {
  return selfcheckSpcHash();
}
