// SHA-256 (NIST FIPS 180-4, §6.2) inside the core, so that the canonical hash of a job's result — the
// number a recorded run is checked against — is computed by the archived module itself and any engine
// can produce it with no host code. Canonical bytes of a result buffer: each f64 value as its 8
// IEEE-754 bytes, little-endian (the order in linear memory), every NaN replaced by the quiet NaN
// 0x7ff8000000000000 first (engines differ in NaN payloads: V8 and wasmtime give 0xfff8…, wabt
// 0x7ff8…). The host computes the same digest in src/archive/hash.ts (`resultDigest`); they must agree.

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes
const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/** Incremental SHA-256 over bytes. */
export class Sha256 {
  h: StaticArray<u32> = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  block: StaticArray<u8> = new StaticArray<u8>(64);
  w: StaticArray<u32> = new StaticArray<u32>(64);
  fill: i32 = 0;
  /** message length in bytes */
  length: u64 = 0;

  private compress(): void {
    const w = this.w, b = this.block, h = this.h;
    for (let t = 0; t < 16; t++) {
      const o = 4 * t;
      unchecked((w[t] = (<u32>b[o] << 24) | (<u32>b[o + 1] << 16) | (<u32>b[o + 2] << 8) | <u32>b[o + 3]));
    }
    for (let t = 16; t < 64; t++) {
      const x = unchecked(w[t - 15]), y = unchecked(w[t - 2]);
      const s0 = rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >> 3);
      const s1 = rotr<u32>(y, 17) ^ rotr<u32>(y, 19) ^ (y >> 10);
      unchecked((w[t] = w[t - 16] + s0 + w[t - 7] + s1));
    }
    let a = unchecked(h[0]), bb = unchecked(h[1]), c = unchecked(h[2]), d = unchecked(h[3]);
    let e = unchecked(h[4]), f = unchecked(h[5]), g = unchecked(h[6]), hh = unchecked(h[7]);
    for (let t = 0; t < 64; t++) {
      const S1 = rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = hh + S1 + ch + unchecked(K[t]) + unchecked(w[t]);
      const S0 = rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22);
      const maj = (a & bb) ^ (a & c) ^ (bb & c);
      const t2 = S0 + maj;
      hh = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = bb;
      bb = a;
      a = t1 + t2;
    }
    unchecked((h[0] = h[0] + a));
    unchecked((h[1] = h[1] + bb));
    unchecked((h[2] = h[2] + c));
    unchecked((h[3] = h[3] + d));
    unchecked((h[4] = h[4] + e));
    unchecked((h[5] = h[5] + f));
    unchecked((h[6] = h[6] + g));
    unchecked((h[7] = h[7] + hh));
  }

  byte(x: u8): void {
    unchecked((this.block[this.fill] = x));
    this.fill++;
    this.length++;
    if (this.fill == 64) {
      this.compress();
      this.fill = 0;
    }
  }

  /** The 8 bytes of v, least significant first (linear-memory order of an f64). */
  u64le(v: u64): void {
    for (let i = 0; i < 8; i++) this.byte(<u8>(v >> (<u64>(8 * i))));
  }

  /** Pads (§5.1.1) and returns the 32-byte digest as 4 big-endian words. */
  finish(): StaticArray<u64> {
    const bits = this.length * 8;
    this.byte(0x80);
    while (this.fill != 56) this.byte(0);
    for (let i = 7; i >= 0; i--) this.byte(<u8>(bits >> (<u64>(8 * i))));
    const out = new StaticArray<u64>(4);
    for (let k = 0; k < 4; k++) unchecked((out[k] = (<u64>this.h[2 * k] << 32) | <u64>this.h[2 * k + 1]));
    return out;
  }
}

/** The canonical NaN of every digest and self-check. */
export const CANONICAL_NAN: u64 = 0x7ff8000000000000;

/** SHA-256 of the canonical bytes of a (the first n values; all when n < 0). */
export function digestF64(a: StaticArray<f64>, n: i32 = -1): StaticArray<u64> {
  const m = n < 0 ? a.length : n;
  const s = new Sha256();
  for (let i = 0; i < m; i++) {
    const x = unchecked(a[i]);
    s.u64le(x != x ? CANONICAL_NAN : reinterpret<u64>(x));
  }
  return s.finish();
}
