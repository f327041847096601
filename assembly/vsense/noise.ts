// Seeded Gaussian noise for simulated sensors, inside the core: the same seed gives the same noise on
// every engine. Uniforms from SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom
// number generators", OOPSLA; the generator of assembly/linalg/prng.ts, constants of Vigna's
// splitmix64.c): u = (next() >> 11)·2^−53 in [0, 1). Normal deviates by Marsaglia's polar method
// (Marsaglia & Bray 1964, "A convenient method for generating normal variables", SIAM Review
// 6(3):260-264): draw v1 = 2u − 1, v2 = 2u' − 1 until 0 < s = v1² + v2² < 1, then v1·f and v2·f with
// f = √(−2 ln s / s) are two independent N(0, 1) deviates; the first is returned, the second kept for
// the next call. Only +, −, ×, ÷, the IEEE square root and the module's own `Math.log` (compiled
// into the core) are used, so the deviates are the same bits everywhere.
import { SplitMix64 } from "../linalg/prng";

const TWO_POW_M53: f64 = 1.1102230246251565e-16; // 2^−53, exact

export class Gaussian {
  rng: SplitMix64;
  spare: f64 = 0.0;
  hasSpare: bool = false;

  constructor(seed: u64) {
    this.rng = new SplitMix64(seed);
  }

  /** Uniform in [0, 1): the top 53 bits as a fraction. */
  uniform01(): f64 {
    return <f64>(this.rng.next() >> 11) * TWO_POW_M53;
  }

  /** A standard normal deviate. */
  normal(): f64 {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = 0.0, v = 0.0, s = 0.0;
    do {
      u = 2.0 * this.uniform01() - 1.0;
      v = 2.0 * this.uniform01() - 1.0;
      s = u * u + v * v;
    } while (!(s > 0.0 && s < 1.0));
    const f = Math.sqrt((-2.0 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}

/** RMS of x[0 .. n): √(Σx²/n), summed in order. */
export function rms(x: StaticArray<f64>, n: i32): f64 {
  let s = 0.0;
  for (let i = 0; i < n; i++) s += unchecked(x[i]) * unchecked(x[i]);
  return Math.sqrt(s / <f64>n);
}

/**
 * Adds white Gaussian noise of standard deviation level × RMS(channel) to each channel (n samples
 * each), drawing channel by channel, sample by sample from g; the standard deviations go to std.
 */
export function addNoise(channels: StaticArray<StaticArray<f64>>, n: i32, level: f64, g: Gaussian, std: StaticArray<f64>): void {
  for (let c = 0; c < channels.length; c++) {
    const x = unchecked(channels[c]);
    const sd = level * rms(x, n);
    unchecked((std[c] = sd));
    for (let i = 0; i < n; i++) unchecked((x[i] = x[i] + sd * g.normal()));
  }
}
