// selfcheckSignal: built-in signal computations whose output bits any engine can hash with no host
// (DESIGN.md, "The numerical core in WebAssembly"; hash rule in assembly/ABI.md, "Self-checks").
// Data: SplitMix64 (seed 0x5167a1) uniform numbers in [-1, 1). Hashed, in order:
//   1. radix-2 FFT, n = 64, of 64 complex values (re then im drawn alternately): re[64], im[64];
//   2. Bluestein FFT, n = 105, of the next 105 complex values: re, im; then its inverse: re, im;
//   3. real FFT n = 90 (packed, Bluestein half length 45) then n = 77 (odd), each re then im;
//   4. features of a 2-channel, 1200-sample signal at fs = 1000 Hz: channel 0 =
//      sin(2π·23.7 t) + 0.5 sin(2π·47.4 t + 0.3) + 0.1 u, channel 1 = u (u the PRNG), window 256,
//      hop 128, Hann, 8 bands, 3 orders at 23.7 Hz: the whole result buffer;
//   5. 1 if an error was left set, else 0 (as i32). A stage that fails hashes -4 instead.
import { Hasher } from "../hash";
import { SplitMix64 } from "../linalg/prng";
import { FftPlan, RealFftPlan } from "./fft";
import { FeatureExtractor, computeFeatures } from "./features";
import { WIN_HANN } from "./windows";
import { hasError, clearError } from "../errors";

function complexCase(h: Hasher, rng: SplitMix64, n: i32, inverseToo: bool): void {
  const re = new StaticArray<f64>(n), im = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) {
    re[i] = rng.uniform();
    im[i] = rng.uniform();
  }
  const plan = new FftPlan(n);
  plan.forward(re, im);
  h.array(re);
  h.array(im);
  if (inverseToo) {
    plan.inverse(re, im);
    h.array(re);
    h.array(im);
  }
}

function realCase(h: Hasher, rng: SplitMix64, n: i32): void {
  const x = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) x[i] = rng.uniform();
  const plan = new RealFftPlan(n);
  const nb = plan.bins;
  const re = new StaticArray<f64>(nb), im = new StaticArray<f64>(nb);
  plan.forward(x, 0, 1, re, im);
  h.array(re);
  h.array(im);
}

export function selfcheckSignalHash(): i64 {
  clearError();
  const h = new Hasher();
  const rng = new SplitMix64(0x5167a1);
  complexCase(h, rng, 64, false);
  complexCase(h, rng, 105, true);
  realCase(h, rng, 90);
  realCase(h, rng, 77);
  const ns = 1200, fs = 1000.0, f0 = 23.7;
  const x = new StaticArray<f64>(2 * ns);
  for (let j = 0; j < ns; j++) {
    const t = <f64>j / fs;
    x[2 * j] = Math.sin(2.0 * Math.PI * f0 * t) + 0.5 * Math.sin(2.0 * Math.PI * 2.0 * f0 * t + 0.3) + 0.1 * rng.uniform();
    x[2 * j + 1] = rng.uniform();
  }
  const ex = new FeatureExtractor(256, WIN_HANN, 8, 3, f0 / fs);
  const r = ex.ordersOk ? computeFeatures(ex, x, ns, 2, 128) : null;
  if (r === null) h.i32(-4);
  else h.array(r);
  h.i32(hasError() ? 1 : 0);
  return h.digest();
}
