// Demo data for operating-state recognition (ABI.md, "Virtual sensing", jobStatesGenerate): the rig
// simulated in labelled states (speed × unbalance on the first disk), recorded as accelerations at
// the bearings with seeded sensor noise, the values rounded to a number of significant digits as a
// recorder writes them (decimal.ts: the values a CSV with that many digits reads back as), and the
// vibration features of every window computed from exactly those rounded values
// (assembly/signal/features.ts, as `signalFeatures` and `twin features` compute them).
//
// Each state: the full model integrated from rest (truth.ts) through `settle` seconds, so that the
// free vibration excited by the start has decayed, then `seconds` recorded at fs. Noise: std = noise ×
// RMS of the clean channel, drawn channel by channel from one stream per state, seeded by
// (seed · 1000003 + state index) mod 2^64 through SplitMix64 (noise.ts).
import { clearError, setError, ERR_INVALID_INPUT, ERR_SINGULAR } from "../errors";
import { decodeRotorModelAt, decodedEnd } from "../rotor/model";
import { UnbalanceSet } from "../rotor/unbalance";
import { FeatureExtractor, computeFeatures, windowCount } from "../signal/features";
import { Req, MAX_LIST } from "./request";
import { bearingPlaces } from "./places";
import { Gaussian, addNoise } from "./noise";
import { simulate } from "./truth";
import { roundSignificant } from "./decimal";
import { rpmToRadS, MAX_SAMPLES } from "./pipeline";

export const STATES_HEADER: i32 = 13;
const STATES_RESULT_HEADER: i32 = 6;
const MAX_RESULT: f64 = 134217728.0; // 2^27 values

/** The result buffer of jobStatesGenerate, or null (error set). */
export function generateStates(buf: StaticArray<f64>): StaticArray<f64> | null {
  const r = new Req(buf);
  r.int(0, 1, 1);
  const fs = r.above(1, 0.0, true);
  const seconds = r.above(2, 0.0, true);
  const settle = r.above(3, 0.0, false);
  const substeps = r.int(4, 1, 1 << 20);
  const noise = r.above(5, 0.0, false);
  const seed = r.seed(6);
  const window = r.int(7, 2, 1 << 24);
  const hop = r.int(8, 1, 1 << 24);
  const bands = r.int(9, 1, 1 << 23);
  const windowFn = r.int(10, 0, 4);
  const digits = r.int(11, 1, 15);
  const tDigits = r.int(12, 1, 15);
  if (!r.ok) return null;
  if (bands > window / 2) r.fail(ERR_INVALID_INPUT, 9);
  if (!r.ok) return null;
  const model = decodeRotorModelAt(buf, STATES_HEADER);
  if (model === null) return null;
  const pos = decodedEnd;
  const ns = r.int(pos, 1, MAX_LIST);
  for (let s = 0; s < ns && r.ok; s++) {
    r.above(pos + 1 + 2 * s, 0.0, true);
    r.above(pos + 2 + 2 * s, 0.0, true);
  }
  r.end(pos + 1 + 2 * ns);
  if (!r.ok) return null;
  // the unbalance sits on the first disk; the channels are the bearings' x and y
  if (model.disks.length == 0) r.fail(ERR_INVALID_INPUT, STATES_HEADER + 2);
  if (model.bearings.length == 0) r.fail(ERR_INVALID_INPUT, STATES_HEADER + 3);
  const samples = Math.round(seconds * fs), pre = Math.round(settle * fs);
  if (!(samples >= <f64>window && samples <= MAX_SAMPLES)) r.fail(ERR_INVALID_INPUT, 2);
  if (!((pre + samples) * <f64>substeps < 2147483647.0)) r.fail(ERR_INVALID_INPUT, 3);
  if (!r.ok) return null;
  const n = <i32>samples;
  const channels = bearingPlaces(model);
  const c = channels.length;
  const nw = windowCount(n, window, hop);
  const ex = new FeatureExtractor(window, windowFn, bands, 0, 0.0);
  const nf = ex.nFeatures;
  const stateSize = n * (1 + c) + nw * (1 + c * nf);
  const total = <f64>STATES_RESULT_HEADER + <f64>(2 * c) + <f64>ns * <f64>stateSize;
  if (total > MAX_RESULT) {
    r.fail(ERR_INVALID_INPUT, 2);
    return null;
  }
  const out = new StaticArray<f64>(<i32>total);
  out[0] = 1.0;
  out[1] = <f64>ns;
  out[2] = <f64>c;
  out[3] = <f64>n;
  out[4] = <f64>nw;
  out[5] = <f64>nf;
  for (let j = 0; j < c; j++) {
    unchecked((out[STATES_RESULT_HEADER + 2 * j] = <f64>channels.node[j]));
    unchecked((out[STATES_RESULT_HEADER + 2 * j + 1] = <f64>channels.dir[j]));
  }
  const t = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) unchecked((t[i] = roundSignificant(<f64>i / fs, tDigits)));
  const x = new StaticArray<f64>(n * c);
  const std = new StaticArray<f64>(c);
  let o = STATES_RESULT_HEADER + 2 * c;
  for (let s = 0; s < ns; s++) {
    const rpm = buf[pos + 1 + 2 * s], me = buf[pos + 2 + 2 * s];
    const unb = new UnbalanceSet(1);
    unb.node[0] = model.disks[0].node;
    unb.me[0] = me;
    unb.phase[0] = 0.0;
    const rec = simulate(model, rpmToRadS(rpm), unb, fs, n, <i32>pre, substeps, channels);
    if (rec === null) return null;
    addNoise(rec.acc, n, noise, new Gaussian(seed * 1000003 + <u64>s), std);
    for (let i = 0; i < n; i++) {
      unchecked((out[o++] = t[i]));
      for (let j = 0; j < c; j++) {
        const v = roundSignificant(unchecked(rec.acc[j][i]), digits);
        unchecked((x[i * c + j] = v));
        unchecked((out[o++] = v));
      }
    }
    const f = computeFeatures(ex, x, n, c, hop);
    if (f === null) {
      // a channel constant over a window (no noise, no motion): skewness and kurtosis undefined
      clearError();
      setError(ERR_SINGULAR, <f64>s);
      return null;
    }
    for (let w = 0; w < nw; w++) {
      unchecked((out[o++] = t[w * hop]));
      const base = 2 + w * c * nf;
      for (let q = 0; q < c * nf; q++) unchecked((out[o++] = f[base + q]));
    }
  }
  return out;
}
