// Signal processing of the core (assembly/signal): FFTs, windows, spectra, order fits and features,
// checked against closed forms and direct evaluations. Tolerances are stated next to each check.
import { describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { SignalCore, featureNames, type WindowKind } from "../src/signal/core.js";

const core = Core.load();
const sig = new SignalCore(core);
const EPS = 2.220446049250313e-16;

/** xoshiro128** (Blackman & Vigna 2018): fast deterministic test data, 53-bit uniforms in [0, 1). */
function rng(seed: number): () => number {
  let a = seed | 0, b = 0x9e3779b9, c = 0x243f6a88, d = 0xb7e15162;
  const next = (): number => {
    const r = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)), 9);
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return r >>> 0;
  };
  for (let i = 0; i < 16; i++) next();
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
}

/** Standard normal samples by Box & Muller (1958). */
function gaussian(n: number, seed: number): Float64Array {
  const u = rng(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - u()));
    const th = 2 * Math.PI * u();
    x[i] = r * Math.cos(th);
    if (i + 1 < n) x[i + 1] = r * Math.sin(th);
  }
  return x;
}

function uniform(n: number, seed: number): Float64Array {
  const u = rng(seed);
  return Float64Array.from({ length: n }, () => 2 * u() - 1);
}

/** Direct DFT with exact index reduction (jk mod n) and Neumaier-compensated sums: a reference
 *  whose own error is a few ulps, far below the FFT's. */
function dft(re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const n = re.length;
  const R = new Float64Array(n), I = new Float64Array(n);
  const cs = Float64Array.from({ length: n }, (_, k) => Math.cos((2 * Math.PI * k) / n));
  const sn = Float64Array.from({ length: n }, (_, k) => Math.sin((2 * Math.PI * k) / n));
  for (let k = 0; k < n; k++) {
    let sr = 0, cr = 0, si = 0, ci = 0;
    const add = (s: number, c: number, v: number): [number, number] => {
      const t = s + v;
      c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
      return [t, c];
    };
    for (let j = 0; j < n; j++) {
      const m = (j * k) % n;
      const c = cs[m]!, s = -sn[m]!;
      [sr, cr] = add(sr, cr, re[j]! * c);
      [sr, cr] = add(sr, cr, -im[j]! * s);
      [si, ci] = add(si, ci, re[j]! * s);
      [si, ci] = add(si, ci, im[j]! * c);
    }
    R[k] = sr + cr;
    I[k] = si + ci;
  }
  return { re: R, im: I };
}

function norm2(re: ArrayLike<number>, im?: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < re.length; i++) s += re[i]! * re[i]! + (im ? im[i]! * im[i]! : 0);
  return Math.sqrt(s);
}

function relErr(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number {
  let s = 0;
  for (let i = 0; i < a.re.length; i++) s += (a.re[i]! - b.re[i]!) ** 2 + (a.im[i]! - b.im[i]!) ** 2;
  return Math.sqrt(s) / norm2(b.re, b.im);
}

describe("complex FFT", () => {
  // Rounding error of a radix-2 FFT with accurate twiddles: ||ŷ − y||/||y|| <= log2(n)·η/(1 − log2(n)·η),
  // η = μ + γ4(√2 + μ), μ the twiddle error (Higham 2002, Accuracy and Stability of Numerical
  // Algorithms, 2nd ed., Thm 24.2): about 6·eps·log2 n. Bluestein is three radix-2 FFTs of length
  // m < 4n plus two chirp products, so we allow 20·eps·log2(m) for both; the brief's cruder bound
  // 1e-12·n is checked too. Measured: <= 1.5e-15 for n <= 512.
  const sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 31, 64, 97, 100, 105, 128, 255, 256, 500, 511, 512];
  for (const n of sizes) {
    it(`matches a direct DFT for n = ${n}`, () => {
      const re = uniform(n, n), im = uniform(n, n + 1000);
      const X = sig.fft(re, im);
      const ref = dft(re, im);
      let m = 1;
      while (m < (n & (n - 1) ? 2 * n - 1 : n)) m *= 2;
      const err = relErr(X, ref);
      expect(err).toBeLessThanOrEqual(Math.max(1, 20 * Math.log2(Math.max(m, 2))) * EPS);
      expect(err).toBeLessThanOrEqual(1e-12 * n);
    });
  }

  it("inverse(FFT(x)) = x for radix-2 and Bluestein lengths (relative 2-norm <= 40·eps·log2 m)", () => {
    for (const n of [1, 8, 1000, 997, 1024, 4096, 1155]) {
      const re = uniform(n, 7 * n), im = uniform(n, 7 * n + 1);
      const X = sig.fft(re, im);
      const x = sig.fft(X.re, X.im, true);
      let m = 1;
      while (m < (n & (n - 1) ? 2 * n - 1 : n)) m *= 2;
      expect(relErr(x, { re, im })).toBeLessThanOrEqual(40 * Math.max(1, Math.log2(m)) * EPS);
    }
  });

  it("satisfies Parseval, Σ|x|² = Σ|X|²/n, within 1e-12 relative (radix-2 and Bluestein)", () => {
    for (const n of [1000, 997, 1024, 4096, 3 * 5 * 7 * 11]) {
      const re = uniform(n, 3 * n), im = uniform(n, 3 * n + 1);
      const X = sig.fft(re, im);
      const et = norm2(re, im) ** 2;
      const ef = norm2(X.re, X.im) ** 2 / n;
      expect(Math.abs(et - ef) / et).toBeLessThanOrEqual(1e-12);
    }
  });

  it("keeps large Bluestein lengths accurate: a pure exponential of a prime length 100003 lands in one bin", () => {
    // the chirp angle π j²/n is reduced mod 2n exactly; unreduced, j² ~ 1e10 would cost ~1e-11.
    // Bound: 20·eps·log2(m), m = 262144, relative to the peak n. Measured 3.1e-16.
    const n = 100003, k0 = 7;
    const re = new Float64Array(n), im = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const a = (2 * Math.PI * ((k0 * j) % n)) / n;
      re[j] = Math.cos(a);
      im[j] = Math.sin(a);
    }
    const X = sig.fft(re, im);
    let err = 0;
    for (let k = 0; k < n; k++) err = Math.max(err, Math.hypot(X.re[k]! - (k === k0 ? n : 0), X.im[k]!));
    expect(err / n).toBeLessThanOrEqual(20 * 18 * EPS);
  });

  it("rejects bad arguments with codes and details", () => {
    const p = core.put([1, 2, 3, 4]);
    try {
      expect(core.fn("signalFft")(p, 0, 0)).toBe(0);
      expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([1, 1]);
      expect(core.fn("signalFft")(p, 3, 0)).toBe(0); // needs 6 values
      expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([1, 4]);
      expect(core.fn("signalFft")(12345678, 2, 0)).toBe(0);
      expect(core.exports.coreError()).toBe(6);
    } finally {
      core.free(p);
    }
    const q = core.put([1, NaN, 3, 4]);
    try {
      expect(core.fn("signalFft")(q, 2, 0)).toBe(0);
      expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([5, 1]);
    } finally {
      core.free(q);
    }
  });
});

describe("real FFT", () => {
  it("equals the complex FFT of the real sequence, bins 0 … n/2, within 20·eps·log2(m)·||X||", () => {
    for (const n of [1, 2, 3, 4, 10, 90, 77, 256, 1000, 997, 1024, 1155]) {
      const x = uniform(n, 11 * n);
      const r = sig.rfft(x);
      const full = sig.fft(x, new Float64Array(n));
      const m = Math.floor(n / 2) + 1;
      expect(r.re.length).toBe(m);
      const half = { re: full.re.slice(0, m), im: full.im.slice(0, m) };
      let mm = 1;
      while (mm < 2 * n) mm *= 2;
      expect(relErr(r, half)).toBeLessThanOrEqual(20 * Math.log2(mm) * EPS);
    }
  });
});

describe("windows", () => {
  // Periodic cosine-sum windows: for n > 2·(number of terms) the sums of cos(2πrj/n) over a period
  // vanish, so CG = a0 and EG = a0² + Σ a_r²/2 exactly (Heinzel et al. 2002 §9); rounding of n
  // terms of size <= 5 allows 1e-14 relative.
  const hft95 = [1, 1.9383379, 1.3045202, 0.402827, 0.0350665];
  const cases: [WindowKind, number[]][] = [
    ["rectangular", [1]],
    ["hann", [0.5, 0.5]],
    ["hamming", [0.54, 0.46]],
    ["blackman", [0.42, 0.5, 0.08]],
    ["flattop", hft95],
  ];
  for (const [kind, a] of cases) {
    it(`${kind}: coherent and energy gains, exact symmetry`, () => {
      const n = 1000;
      const w = sig.window(kind, n);
      const eg = a[0]! ** 2 + a.slice(1).reduce((s, v) => s + v * v / 2, 0);
      expect(Math.abs(w.coherentGain - a[0]!) / a[0]!).toBeLessThanOrEqual(1e-14);
      expect(Math.abs(w.energyGain - eg) / eg).toBeLessThanOrEqual(1e-14);
      for (let j = 1; j < n; j++) expect(w.w[j]).toBe(w.w[n - j]);
      // w_0 = Σ (−1)^r a_r, the value at the window's edge
      const w0 = a.reduce((s, v, r) => s + (r % 2 ? -v : v), 0);
      expect(Math.abs(w.w[0]! - w0)).toBeLessThanOrEqual(1e-15 * a.reduce((s, v) => s + v, 0));
    });
  }

  it("Hann peaks at exactly 1 in the middle and is 0 at the edge", () => {
    const w = sig.window("hann", 64).w;
    expect(w[0]).toBe(0);
    expect(w[32]).toBe(1);
  });

  it("flat-top amplitude spectrum reads a sine between bins within HFT95's 0.0044 dB flatness", () => {
    // 0.0044 dB = 5.07e-4 relative (Heinzel et al. 2002, HFT95 "emax"); we allow 5.2e-4.
    const n = 4096, A = 2.5;
    for (const bin of [100, 100.25, 100.5, 333.37]) {
      const x = Float64Array.from({ length: n }, (_, j) => A * Math.cos((2 * Math.PI * bin * j) / n + 0.7));
      const amp = sig.spectrum(x, "flattop", "amplitude");
      const peak = Math.max(...amp);
      expect(Math.abs(peak - A) / A).toBeLessThanOrEqual(5.2e-4);
    }
  });

  it("Hann amplitude spectrum is exact for a sine on a bin, and its power spectrum sums to the mean square", () => {
    const n = 2000, A = 1.7;
    const x = Float64Array.from({ length: n }, (_, j) => A * Math.sin((2 * Math.PI * 37 * j) / n));
    const amp = sig.spectrum(x, "hann", "amplitude");
    expect(Math.abs(amp[37]! - A) / A).toBeLessThanOrEqual(1e-13);
    // rectangular: Σ P_k = Σ x²/n (Parseval), rounding only
    const y = uniform(999, 5);
    const p = sig.spectrum(y, "rectangular", "power");
    const ms = y.reduce((s, v) => s + v * v, 0) / y.length;
    expect(Math.abs(p.reduce((s, v) => s + v, 0) - ms) / ms).toBeLessThanOrEqual(1e-12);
  });
});

describe("order amplitudes (least squares)", () => {
  it("recovers 1X/2X/3X of a stationary signal at a non-bin shaft frequency (measured ~3e-15)", () => {
    // noise-free data and a well-conditioned design (36 revolutions, orthogonal-ish columns): only
    // rounding remains, so 1e-11 (amplitude, relative; phase, rad) is far stricter than the 1e-6 asked.
    const fs = 2048, f0 = 1487 / 60; // 24.78 Hz: 3000 samples hold 36.3 revolutions, not an integer
    const amps = [1.3, 0.7, 0.25], phases = [0.4, -2.1, 2.9], dc = 0.1;
    const n = 3000;
    const x = Float64Array.from({ length: n }, (_, j) => {
      let v = dc;
      for (let k = 1; k <= 3; k++) v += amps[k - 1]! * Math.cos(2 * Math.PI * k * f0 * (j / fs) + phases[k - 1]!);
      return v;
    });
    const r = sig.orders(x, fs, f0, 3);
    expect(Math.abs(r.dc - dc)).toBeLessThanOrEqual(1e-11 * dc);
    for (let k = 0; k < 3; k++) {
      expect(Math.abs(r.amplitude[k]! - amps[k]!) / amps[k]!).toBeLessThanOrEqual(1e-11);
      expect(Math.abs(r.phase[k]! - phases[k]!)).toBeLessThanOrEqual(1e-11);
    }
    // the same signal through a Hann FFT would be biased by scalloping at the non-bin frequency:
    // the nearest bin reads low by far more than 1e-6 (this is why the fit is used)
    const amp = sig.spectrum(x, "hann", "amplitude");
    const bin = Math.round((f0 * n) / fs);
    expect(Math.abs(amp[bin]! - amps[0]!) / amps[0]!).toBeGreaterThan(1e-3);
  });

  it("rejects orders at or above fs/2 and windows too short for the fit", () => {
    const x = uniform(100, 1);
    expect(() => sig.orders(x, 100, 20, 3)).toThrow(CoreError); // 3X = 60 Hz >= 50 Hz
    expect(core.exports.coreErrorDetail()).toBe(3);
    expect(() => sig.orders(x.slice(0, 5), 100, 10, 3)).toThrow(CoreError); // 5 samples, 7 unknowns
  });
});

describe("features", () => {
  const F = (name: string) => featureNames(8, 0).indexOf(name);

  it("closed forms for a sine of M samples per period: rms A/√2, peak A, crest √2, kurtosis 3/2, shape, impulse", () => {
    // M = 20 samples per period, 50 periods; mean|x| = (2A/M)·cot(π/M) exactly for a sampled sine
    // (sum of sines in closed form). Rounding only: 1e-12 relative.
    const A = 3, M = 20, n = 1000;
    const x = Float64Array.from({ length: n }, (_, j) => A * Math.sin(2 * Math.PI * ((j % M) / M)));
    const r = sig.features(x, 1, { fs: 1000, window: n, bands: 8, windowFn: "rectangular" });
    const v = r.values;
    const meanAbs = ((2 * A) / M) / Math.tan(Math.PI / M);
    const close = (got: number, want: number) => expect(Math.abs(got - want) / Math.abs(want)).toBeLessThanOrEqual(1e-12);
    close(v[F("rms")]!, A / Math.SQRT2);
    close(v[F("std")]!, A / Math.SQRT2);
    close(v[F("peak")]!, A);
    close(v[F("peak_to_peak")]!, 2 * A);
    close(v[F("crest")]!, Math.SQRT2);
    close(v[F("kurtosis")]!, 1.5); // m4/m2² of a sine: (3A⁴/8)/(A²/2)²
    close(v[F("shape")]!, A / Math.SQRT2 / meanAbs);
    close(v[F("impulse")]!, A / meanAbs);
    expect(Math.abs(v[F("mean")]!)).toBeLessThanOrEqual(1e-14 * A);
    expect(Math.abs(v[F("skewness")]!)).toBeLessThanOrEqual(1e-12);
    // rectangular window, 50 Hz = band 1 of 8 (0–62.5 Hz) holds the whole mean square A²/2
    close(v[F("band1")]!, (A * A) / 2);
  });

  it("Gaussian noise: kurtosis 3 and skewness 0 within 5 standard errors", () => {
    // N = 2^20 samples: SE(kurtosis) ≈ √(24/N) = 0.0048, SE(skewness) ≈ √(6/N) = 0.0024
    // (Kendall & Stuart; Joanes & Gill 1998). Fixed seed, so the result is reproducible; the
    // tolerance is the statistical one, not fitted to this seed.
    const N = 1 << 20;
    const x = gaussian(N, 42);
    const r = sig.features(x, 1, { fs: 1, window: N, bands: 8 });
    const v = r.values;
    expect(Math.abs(v[F("kurtosis")]! - 3)).toBeLessThanOrEqual(5 * Math.sqrt(24 / N));
    expect(Math.abs(v[F("skewness")]!)).toBeLessThanOrEqual(5 * Math.sqrt(6 / N));
    expect(Math.abs(v[F("mean")]!)).toBeLessThanOrEqual(5 / Math.sqrt(N));
    expect(Math.abs(v[F("std")]! - 1)).toBeLessThanOrEqual(5 * Math.sqrt(1 / (2 * N)));
    // white noise spreads its power evenly: each of 8 bands ≈ 1/8 of the total. Each band sums
    // N/16 periodogram bins (χ²₂ each, relative SE 1/√(N/16) = 0.4 %, ~0.5 % with Hann's
    // correlation of neighbouring bins): 3 % is > 5 SE.
    let total = 0;
    for (let b = 1; b <= 8; b++) total += v[F(`band${b}`)]!;
    for (let b = 1; b <= 8; b++) expect(Math.abs(v[F(`band${b}`)]! / total - 1 / 8) * 8).toBeLessThanOrEqual(0.03);
  });

  it("band energies of a two-tone signal land in the right bands (Parseval-consistent)", () => {
    // fs 1000 Hz, 8 bands of 62.5 Hz. On-bin tones with Hann leak only into the neighbouring bins,
    // so band 1 holds exactly 2²/2 and band 5 (250–312.5 Hz) 0.5²/2, up to rounding (1e-12).
    const fs = 1000, n = 1000;
    const x = Float64Array.from({ length: n }, (_, j) => 2 * Math.sin((2 * Math.PI * 40 * j) / fs) + 0.5 * Math.cos((2 * Math.PI * 300 * j) / fs));
    const v = sig.features(x, 1, { fs, window: n, bands: 8, windowFn: "hann" }).values;
    expect(Math.abs(v[F("band1")]! - 2) / 2).toBeLessThanOrEqual(1e-12);
    expect(Math.abs(v[F("band5")]! - 0.125) / 0.125).toBeLessThanOrEqual(1e-12);
    for (const b of [2, 3, 4, 6, 7, 8]) expect(v[F(`band${b}`)]!).toBeLessThanOrEqual(1e-12 * 2.125);
    // off-bin tones (41.3 Hz, 297.7 Hz) with Blackman: leakage falls as 1/k³, so ≥ 99.99 % of each
    // tone's power stays in its band and the band sum still equals Σ(w x)²/Σw² ≈ 2.125
    const y = Float64Array.from({ length: n }, (_, j) => 2 * Math.sin((2 * Math.PI * 41.3 * j) / fs) + 0.5 * Math.cos((2 * Math.PI * 297.7 * j) / fs));
    const u = sig.features(y, 1, { fs, window: n, bands: 8, windowFn: "blackman" }).values;
    let total = 0;
    for (let b = 1; b <= 8; b++) total += u[F(`band${b}`)]!;
    expect(u[F("band1")]! / 2).toBeGreaterThan(0.9999);
    expect(u[F("band5")]! / 0.125).toBeGreaterThan(0.9999);
    expect(Math.abs(total - 2.125) / 2.125).toBeLessThanOrEqual(2e-3);
  });

  it("windows with hop, channels sample-major, orders per window", () => {
    const fs = 1000, f0 = 1518 / 60, n = 5000;
    const data = new Float64Array(2 * n);
    for (let j = 0; j < n; j++) {
      const t = j / fs;
      data[2 * j] = 1.2 * Math.cos(2 * Math.PI * f0 * t + 0.3) + 0.4 * Math.cos(2 * Math.PI * 2 * f0 * t - 1) + 0.05 * Math.cos(2 * Math.PI * 3 * f0 * t);
      data[2 * j + 1] = Math.sin(2 * Math.PI * 7.5 * t) + 2;
    }
    const r = sig.features(data, 2, { fs, window: 1024, hop: 300, bands: 4, speedHz: f0, orders: 3, windowFn: "hamming" });
    expect(r.windows).toBe(Math.floor((n - 1024) / 300) + 1);
    expect(r.names).toEqual(featureNames(4, 3));
    const nf = r.names.length;
    const o = r.names.indexOf("1x");
    for (let w = 0; w < r.windows; w++) {
      const a = r.values.subarray((w * 2) * nf, (w * 2 + 1) * nf);
      expect(Math.abs(a[o]! - 1.2) / 1.2).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(a[o + 1]! - 0.4) / 0.4).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(a[o + 2]! - 0.05) / 0.05).toBeLessThanOrEqual(1e-9);
      // channel 1 in the same window: its own window of samples (offset 1, stride 2)
      const b = r.values.subarray((w * 2 + 1) * nf, (w * 2 + 2) * nf);
      const start = w * 300;
      let mx = -Infinity;
      for (let j = start; j < start + 1024; j++) mx = Math.max(mx, data[2 * j + 1]!);
      expect(b[r.names.indexOf("peak")]).toBe(mx);
    }
  });

  it("reports a constant window (zero variance) as error 2 with the buffer index of its first sample", () => {
    const data = new Float64Array(2 * 100);
    for (let j = 0; j < 100; j++) {
      data[2 * j] = Math.sin(j);
      data[2 * j + 1] = j < 60 ? Math.cos(j) : 0.25;
    }
    try {
      sig.features(data, 2, { fs: 10, window: 20, hop: 20, bands: 2 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CoreError);
      expect((e as CoreError).code).toBe(2);
      expect((e as CoreError).detail).toBe(60 * 2 + 1); // window starting at sample 60, channel 1
    }
  });

  it("validates arguments (code 1/5, detail = argument position) and frees what it takes", () => {
    const before = core.exports.bufCount();
    const x = core.put(uniform(64, 3));
    const f = core.fn("signalFeatures");
    const cases: [number[], number, number][] = [
      [[x, 64, 1, 0, 16, 8, 1, 4, 0, 0], 1, 3], // fs 0
      [[x, 64, 1, NaN, 16, 8, 1, 4, 0, 0], 5, 3], // fs NaN
      [[x, 64, 1, 100, 65, 8, 1, 4, 0, 0], 1, 4], // window > samples
      [[x, 64, 1, 100, 16, 0, 1, 4, 0, 0], 1, 5], // hop 0
      [[x, 64, 1, 100, 16, 8, 5, 4, 0, 0], 1, 6], // window kind
      [[x, 64, 1, 100, 16, 8, 1, 9, 0, 0], 1, 7], // 9 bands > 16/2
      [[x, 64, 1, 100, 16, 8, 1, 4, 0, 3], 1, 8], // orders without a speed
      [[x, 64, 1, 100, 16, 8, 1, 4, 20, 3], 1, 8], // 3X = 60 Hz >= fs/2
      [[x, 64, 2, 100, 16, 8, 1, 4, 0, 0], 1, 64], // buffer of 64 values, 128 needed
    ];
    try {
      for (const [args, code, detail] of cases) {
        expect(f(...args)).toBe(0);
        expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([code, detail]);
      }
    } finally {
      core.free(x);
    }
    expect(core.exports.bufCount()).toBe(before);
  });
});
