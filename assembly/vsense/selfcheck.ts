// selfcheckVsense: a small built-in run of every virtual-sensing job and of a session, hashed so any
// engine can compare it with no host (hash rule in assembly/ABI.md, "Self-checks"; the computation is
// listed in ABI.md, "Virtual sensing"). The rotor is the self-check rotor of assembly/rotor/selfcheck.ts
// (ROSS's example rotor: 6 elements, disks at nodes 2 and 4, bearings at nodes 0 and 6).
import { Hasher } from "../hash";
import { clearError, hasError } from "../errors";
import { selfcheckDescription } from "../rotor/selfcheck";
import { virtualSensingJob, sensorPlacementJob, sessionFromRequest } from "./jobs";
import { generateStates } from "./states";
import { roundSignificant } from "./decimal";

class Builder {
  v: Array<f64> = new Array<f64>();

  add(x: f64): Builder {
    this.v.push(x);
    return this;
  }

  addAll(a: StaticArray<f64>): Builder {
    for (let i = 0; i < a.length; i++) this.v.push(a[i]);
    return this;
  }

  done(): StaticArray<f64> {
    const out = new StaticArray<f64>(this.v.length);
    for (let i = 0; i < this.v.length; i++) unchecked((out[i] = this.v[i]));
    return out;
  }
}

/** The virtual-sensing request of the self-check (ABI.md layout): 1500 rpm, fs 400 Hz, 100 samples after 20. */
function vsRequest(series: f64, withSensors: bool): Builder {
  const b = new Builder();
  // version, rpm, fs, t_end, t_pre, discard, noise, seed, model error, substeps, modes, series
  b.add(1).add(1500).add(400).add(0.25).add(0.05).add(0.05).add(0.01).add(7).add(0.01).add(1).add(4).add(series);
  b.addAll(selfcheckDescription());
  b.add(1).add(2).add(1e-4).add(0.3); // unbalance at node 2
  if (withSensors) b.add(4).add(0).add(0).add(0).add(1).add(6).add(0).add(6).add(1);
  else b.add(0); // candidates: every shaft node
  b.add(0); // default estimates
  b.add(1).add(0).add(10); // bearing-k +10 %
  return b;
}

export function selfcheckVsenseHash(): i64 {
  const h = new Hasher();
  clearError();
  // 1. jobVirtualSensing with its time series
  const vs = virtualSensingJob(vsRequest(1, true).done());
  if (vs === null) {
    h.i32(-1);
    return h.digest();
  }
  h.array(vs);
  // 2. the same filter as a session, the measurements in blocks of 1, 7 and the rest
  const k = <i32>vs[6], m = <i32>vs[7], e = <i32>vs[8], rows = <i32>vs[12];
  const sb = new Builder();
  sb.add(1).add(1500).add(400).add(<f64>vs[4]).add(4).add(0.01);
  sb.addAll(selfcheckDescription());
  sb.add(1).add(2).add(1e-4).add(0.3);
  sb.add(4).add(0).add(0).add(0).add(1).add(6).add(0).add(6).add(1);
  sb.add(0);
  sb.add(1).add(0).add(10);
  sb.add(<f64>m);
  for (let j = 0; j < m; j++) sb.add(vs[13 + k + 4 * j + 3]);
  const s = sessionFromRequest(sb.done());
  if (s === null) {
    h.i32(-2);
    return h.digest();
  }
  const sOff = 13 + k + 4 * m + e * 16, width = 1 + m + 2 * e;
  const z = new StaticArray<f64>(rows * m);
  for (let r = 0; r < rows; r++) for (let j = 0; j < m; j++) unchecked((z[r * m + j] = vs[sOff + r * width + 1 + j]));
  const est = new StaticArray<f64>(rows * e);
  let done = 0;
  const blocks: StaticArray<i32> = [1, 7, rows - 8];
  for (let q = 0; q < 3; q++) {
    if (!s.step(z, done * m, blocks[q], est, done * e, 0)) {
      h.i32(-2);
      return h.digest();
    }
    done += blocks[q];
  }
  h.array(est);
  // 3. jobSensorPlacement: 3 sensors, 2 target modes, EfI-DPR
  const sp = new Builder().add(1).add(3).add(2).add(1).addAll(vsRequest(0, false).done()).done();
  const p = sensorPlacementJob(sp);
  if (p === null) {
    h.i32(-3);
    return h.digest();
  }
  h.array(p);
  // 4. jobStatesGenerate: two states, 0.25 s at 400 Hz after 0.05 s, windows of 40 every 20, 4 bands
  const st = new Builder().add(1).add(400).add(0.25).add(0.05).add(1).add(0.02).add(3).add(40).add(20).add(4).add(1).add(6).add(12);
  st.addAll(selfcheckDescription());
  st.add(2).add(1500).add(1e-4).add(2100).add(2e-4);
  const g = generateStates(st.done());
  if (g === null) {
    h.i32(-4);
    return h.digest();
  }
  h.array(g);
  // 5. decimal rounding: ties, carries, extremes
  const xs: StaticArray<f64> = [0.5, 2.5, -1.25, 0.125, 999999.5, 9.999995, 1e-7, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 123456789.0, -0.0];
  for (let i = 0; i < xs.length; i++) {
    h.f64(roundSignificant(xs[i], 1));
    h.f64(roundSignificant(xs[i], 6));
    h.f64(roundSignificant(xs[i], 15));
  }
  h.i32(hasError() ? 1 : 0);
  return h.digest();
}
