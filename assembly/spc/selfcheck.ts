// selfcheckSpc: built-in streaming-chart computations whose output bits any engine can hash with no
// host (hash rule in assembly/ABI.md, "Self-checks"). Data: SplitMix64 (seed 0x5bc0) uniform numbers
// u in [-1, 1): x_i = 10 + u_i + s_i with a step s_i = 1.5 from i = 120 on and a trend 0.05·(i − 160)
// from i = 160 to 179, 240 values. Hashed, in order, the whole spcStreamRun result of:
//   1. I-MR, limits learned from the first 60 values, all rules, qcc conventions, split at 97;
//   2. X-bar/R, n = 4, learned from the first 15 subgroups, all rules, minitab conventions
//      (bits 12, 13, 14), split at 50;
//   3. X-bar/S, n = 5, centre 10, σ 0.6 given as standards (flag 16), L = 2.5, WE rules, legacy
//      conventions (bits 12-15), split at 0;
//   4. EWMA λ = 0.2, L = 3, learned from 60 values, split at 61;
//   5. CUSUM k = 0.5, h = 4, head start 2, learned from 60 values, split at 200;
// then 1 if an error was left set, else 0 (as i32). A failed run hashes its number negated (i32).
import { Hasher } from "../hash";
import { SplitMix64 } from "../linalg/prng";
import { hasError, clearError } from "../errors";
import { spcRun, RUN_HEADER } from "./run";

const N: i32 = 240;

function request(kind: f64, center: f64, sigma: f64, p1: f64, p2: f64, flags: f64, headStart: f64, learn: f64, split: f64, x: StaticArray<f64>): StaticArray<f64> {
  const b = new StaticArray<f64>(RUN_HEADER + x.length);
  b[0] = 1.0;
  b[1] = kind;
  b[2] = center;
  b[3] = sigma;
  b[4] = p1;
  b[5] = p2;
  b[6] = flags;
  b[7] = NaN;
  b[8] = headStart;
  b[9] = learn;
  b[10] = split;
  b[11] = <f64>x.length;
  for (let i = 0; i < x.length; i++) b[RUN_HEADER + i] = x[i];
  return b;
}

function run(h: Hasher, stage: i32, req: StaticArray<f64>): void {
  const r = spcRun(req);
  if (r === null) h.i32(-stage);
  else h.array(r);
}

export function selfcheckSpcHash(): i64 {
  clearError();
  const h = new Hasher();
  const rng = new SplitMix64(0x5bc0);
  const x = new StaticArray<f64>(N);
  for (let i = 0; i < N; i++) {
    let v = 10.0 + rng.uniform();
    if (i >= 120) v += 1.5;
    if (i >= 160 && i < 180) v += 0.05 * <f64>(i - 160);
    x[i] = v;
  }
  run(h, 1, request(0, NaN, NaN, 3, 0, 0xfff, 0, 60, 97, x));
  run(h, 2, request(1, NaN, NaN, 4, 3, <f64>(0xfff | 0x7000), 0, 15, 50, x));
  run(h, 3, request(2, 10, 0.6, 5, 2.5, <f64>(0xf | 0xf000 | 0x10000), 0, 0, 0, x));
  run(h, 4, request(3, NaN, NaN, 0.2, 3, 0, 0, 60, 61, x));
  run(h, 5, request(4, NaN, NaN, 0.5, 4, 0, 2, 60, 200, x));
  h.i32(hasError() ? 1 : 0);
  return h.digest();
}
