// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA;
// constants as in Vigna's reference splitmix64.c). Deterministic data for start vectors and self-checks;
// the state is explicit so no global randomness exists in the module.
export class SplitMix64 {
  s: u64;

  constructor(seed: u64) {
    this.s = seed;
  }

  next(): u64 {
    this.s += 0x9e3779b97f4a7c15;
    let z = this.s;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }

  /** Uniform in [-1, 1): the top 53 bits as a fraction, doubled and shifted. */
  uniform(): f64 {
    return <f64>(this.next() >> 11) * 1.1102230246251565e-16 * 2.0 - 1.0;
  }
}
