// Seeded pseudo-random numbers for simulated sensor noise: the same seed gives the same noise, so a
// virtual-sensing run or a generated recording is reproducible byte for byte.
// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA;
// constants of Vigna's splitmix64.c, the same generator as assembly/linalg/prng.ts), in exact 64-bit
// integer arithmetic (BigInt), and normal deviates by Marsaglia's polar method (Marsaglia & Bray 1964,
// SIAM Review 6(3):260-264), which needs only +, ×, √ and ln.

const MASK = (1n << 64n) - 1n;

export class SplitMix64 {
  private s: bigint;
  /** the second normal deviate of the last polar pair, if unused */
  private spare: number | null = null;

  /** seed: an integer in [0, 2^64) */
  constructor(seed: number | bigint) {
    const s = BigInt(seed);
    if (s < 0n || s > MASK) throw new RangeError(`seed ${seed} is outside [0, 2^64)`);
    this.s = s;
  }

  next(): bigint {
    this.s = (this.s + 0x9e3779b97f4a7c15n) & MASK;
    let z = this.s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  }

  /** Uniform in [0, 1): the top 53 bits as a fraction. */
  uniform(): number {
    return Number(this.next() >> 11n) * 2 ** -53;
  }

  /** Standard normal deviate (polar method: rejection of points outside the unit disc). */
  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }
}
