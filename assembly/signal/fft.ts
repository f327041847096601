// Complex discrete Fourier transform of any length n >= 1, X_k = Σ_j x_j e^{-2πi jk/n}, and its
// inverse x_j = (1/n) Σ_k X_k e^{+2πi jk/n}.
// - n a power of two: iterative radix-2 decimation in time (Cooley & Tukey 1965, Math. Comp.
//   19(90):297-301), bit-reversal permutation then log2 n butterfly stages, in the loop order of
//   Van Loan 1992, "Computational Frameworks for the FFT", Alg. 1.6.2. Twiddles are precomputed
//   one by one with sincos2pi (no recurrences).
// - any other n: Bluestein's chirp-z algorithm (Bluestein 1970, IEEE Trans. Audio Electroacoust.
//   18(4):451-455): jk = (j² + k² − (k−j)²)/2 turns the DFT into a circular convolution of length
//   m = 2^ceil(log2(2n−1)), done with radix-2 transforms. The chirp angle π j²/n is evaluated as
//   2π (j² mod 2n)/(2n) in exact integer arithmetic, so it stays accurate for large j.
// Deterministic: every loop runs in a fixed order, no data-dependent branches.
import { sincos2pi, trigCos, trigSin } from "./trig";

@inline
function ld(a: StaticArray<f64>, i: i32): f64 {
  return load<f64>(changetype<usize>(a) + (<usize>i << 3));
}

@inline
function st(a: StaticArray<f64>, i: i32, v: f64): void {
  store<f64>(changetype<usize>(a) + (<usize>i << 3), v);
}

export function isPowerOfTwo(n: i32): bool {
  return n > 0 && (n & (n - 1)) == 0;
}

/** A precomputed transform of one length; forward() and inverse() work in place on split planes. */
export class FftPlan {
  n: i32;
  radix2: bool;
  // radix-2: wr[k] + i wi[k] = e^{-2πik/n}, k < n/2; rev = bit-reversal permutation
  wr: StaticArray<f64> = new StaticArray<f64>(0);
  wi: StaticArray<f64> = new StaticArray<f64>(0);
  rev: StaticArray<i32> = new StaticArray<i32>(0);
  // Bluestein: chirp c_j = e^{-πi j²/n} (j < n), the transform of the convolution kernel
  // b_j = conj(c_|j|) (wrapped mod m) and the inner radix-2 plan of length m with its work planes
  m: i32 = 0;
  inner: FftPlan | null = null;
  cr: StaticArray<f64> = new StaticArray<f64>(0);
  ci: StaticArray<f64> = new StaticArray<f64>(0);
  br: StaticArray<f64> = new StaticArray<f64>(0);
  bi: StaticArray<f64> = new StaticArray<f64>(0);
  ar: StaticArray<f64> = new StaticArray<f64>(0);
  ai: StaticArray<f64> = new StaticArray<f64>(0);

  constructor(n: i32) {
    assert(n >= 1);
    this.n = n;
    this.radix2 = isPowerOfTwo(n);
    if (this.radix2) {
      const h = n >> 1;
      this.wr = new StaticArray<f64>(h);
      this.wi = new StaticArray<f64>(h);
      for (let k = 0; k < h; k++) {
        sincos2pi(<i64>k, <i64>n);
        st(this.wr, k, trigCos);
        st(this.wi, k, -trigSin);
      }
      this.rev = new StaticArray<i32>(n);
      let bits = 0;
      while ((1 << bits) < n) bits++;
      // rev(i) = rev(i >> 1) >> 1 with the low bit of i moved to the top
      for (let i = 1; i < n; i++) {
        unchecked((this.rev[i] = (this.rev[i >> 1] >> 1) | ((i & 1) << (bits - 1))));
      }
    } else {
      let m = 1;
      while (m < 2 * n - 1) m <<= 1;
      this.m = m;
      const inner = new FftPlan(m);
      this.inner = inner;
      this.cr = new StaticArray<f64>(n);
      this.ci = new StaticArray<f64>(n);
      const q = (<i64>n) << 1;
      for (let j = 0; j < n; j++) {
        sincos2pi(((<i64>j) * (<i64>j)) % q, q);
        st(this.cr, j, trigCos);
        st(this.ci, j, -trigSin);
      }
      this.br = new StaticArray<f64>(m);
      this.bi = new StaticArray<f64>(m);
      for (let j = 0; j < n; j++) {
        st(this.br, j, ld(this.cr, j));
        st(this.bi, j, -ld(this.ci, j));
        if (j > 0) {
          st(this.br, m - j, ld(this.cr, j));
          st(this.bi, m - j, -ld(this.ci, j));
        }
      }
      inner.transform(this.br, this.bi, false);
      this.ar = new StaticArray<f64>(m);
      this.ai = new StaticArray<f64>(m);
    }
  }

  /** X = DFT(x) in place on the first n values of re and im. */
  forward(re: StaticArray<f64>, im: StaticArray<f64>): void {
    this.transform(re, im, false);
  }

  /** x = inverse DFT(X) (scaled by 1/n) in place. */
  inverse(re: StaticArray<f64>, im: StaticArray<f64>): void {
    this.transform(re, im, true);
    const n = this.n;
    const s = 1.0 / <f64>n;
    for (let i = 0; i < n; i++) {
      st(re, i, ld(re, i) * s);
      st(im, i, ld(im, i) * s);
    }
  }

  /** Unscaled transform with kernel e^{∓2πi jk/n} (inv: +). */
  transform(re: StaticArray<f64>, im: StaticArray<f64>, inv: bool): void {
    assert(re.length >= this.n && im.length >= this.n);
    if (this.radix2) this.radix2Transform(re, im, inv);
    else this.bluestein(re, im, inv);
  }

  private radix2Transform(re: StaticArray<f64>, im: StaticArray<f64>, inv: bool): void {
    const n = this.n;
    const rev = this.rev;
    for (let i = 0; i < n; i++) {
      const j = unchecked(rev[i]);
      if (j > i) {
        const tr = ld(re, i), ti = ld(im, i);
        st(re, i, ld(re, j));
        st(im, i, ld(im, j));
        st(re, j, tr);
        st(im, j, ti);
      }
    }
    const sgn: f64 = inv ? -1.0 : 1.0;
    const pr = changetype<usize>(re), pi = changetype<usize>(im);
    const wr = this.wr, wi = this.wi;
    // block-outer order: each block of `size` values is finished before the next one is touched,
    // so every stage streams through memory once (the twiddle table is read with stride `step`)
    for (let half = 1; half < n; half <<= 1) {
      const size = half << 1;
      const step = n / size;
      for (let start = 0; start < n; start += size) {
        let pa = <usize>start << 3;
        let pb = <usize>(start + half) << 3;
        let tw = 0;
        for (let j = 0; j < half; j++) {
          const c = ld(wr, tw);
          const s = sgn * ld(wi, tw);
          const xr = load<f64>(pr + pb), xi = load<f64>(pi + pb);
          const tr = c * xr - s * xi;
          const ti = c * xi + s * xr;
          const ur = load<f64>(pr + pa), ui = load<f64>(pi + pa);
          store<f64>(pr + pb, ur - tr);
          store<f64>(pi + pb, ui - ti);
          store<f64>(pr + pa, ur + tr);
          store<f64>(pi + pa, ui + ti);
          pa += 8;
          pb += 8;
          tw += step;
        }
      }
    }
  }

  private bluestein(re: StaticArray<f64>, im: StaticArray<f64>, inv: bool): void {
    const n = this.n, m = this.m;
    const ar = this.ar, ai = this.ai, cr = this.cr, ci = this.ci;
    // the inverse kernel is the conjugate one: conj(DFT(conj x)); conjugating in and out
    const sg: f64 = inv ? -1.0 : 1.0;
    for (let j = 0; j < n; j++) {
      const xr = ld(re, j), xi = sg * ld(im, j);
      const c = ld(cr, j), s = ld(ci, j);
      st(ar, j, xr * c - xi * s);
      st(ai, j, xr * s + xi * c);
    }
    for (let j = n; j < m; j++) {
      st(ar, j, 0.0);
      st(ai, j, 0.0);
    }
    const inner = changetype<FftPlan>(this.inner);
    inner.transform(ar, ai, false);
    const br = this.br, bi = this.bi;
    for (let j = 0; j < m; j++) {
      const xr = ld(ar, j), xi = ld(ai, j);
      const yr = ld(br, j), yi = ld(bi, j);
      st(ar, j, xr * yr - xi * yi);
      st(ai, j, xr * yi + xi * yr);
    }
    inner.transform(ar, ai, true);
    const sm = 1.0 / <f64>m;
    for (let k = 0; k < n; k++) {
      const xr = ld(ar, k) * sm, xi = ld(ai, k) * sm;
      const c = ld(cr, k), s = ld(ci, k);
      st(re, k, xr * c - xi * s);
      st(im, k, sg * (xr * s + xi * c));
    }
  }
}

/**
 * One-sided DFT of a real sequence: X_k for k = 0 … floor(n/2). For even n the n reals are packed
 * as n/2 complex values z_j = x_{2j} + i x_{2j+1}, transformed with one half-length FFT and split
 * by X_k = E_k + e^{-2πik/n} O_k, E_k = (Z_k + conj Z_{h−k})/2, O_k = (Z_k − conj Z_{h−k})/(2i)
 * (Press et al., Numerical Recipes 3rd ed. 2007, §12.3.2; Brigham 1988, The FFT and its
 * Applications, §9.3). Odd n: a full complex transform with zero imaginary parts.
 */
export class RealFftPlan {
  n: i32;
  h: i32;
  plan: FftPlan;
  tr: StaticArray<f64>;
  ti: StaticArray<f64>;
  zr: StaticArray<f64>;
  zi: StaticArray<f64>;

  constructor(n: i32) {
    assert(n >= 1);
    const even = (n & 1) == 0;
    const h = even ? n >> 1 : n;
    const nk = (n >> 1) + 1;
    this.n = n;
    this.h = h;
    this.plan = new FftPlan(h);
    this.zr = new StaticArray<f64>(h);
    this.zi = new StaticArray<f64>(h);
    this.tr = new StaticArray<f64>(even ? nk : 0);
    this.ti = new StaticArray<f64>(even ? nk : 0);
    if (even) {
      for (let k = 0; k < nk; k++) {
        sincos2pi(<i64>k, <i64>n);
        st(this.tr, k, trigCos);
        st(this.ti, k, -trigSin);
      }
    }
  }

  /** Number of one-sided values, floor(n/2) + 1. */
  get bins(): i32 {
    return (this.n >> 1) + 1;
  }

  /** X_k (k < bins) of x[off + j·stride], j < n, into outRe/outIm. */
  forward(x: StaticArray<f64>, off: i32, stride: i32, outRe: StaticArray<f64>, outIm: StaticArray<f64>): void {
    const n = this.n, h = this.h;
    const zr = this.zr, zi = this.zi;
    if ((n & 1) != 0) {
      for (let j = 0; j < n; j++) {
        st(zr, j, ld(x, off + j * stride));
        st(zi, j, 0.0);
      }
      this.plan.forward(zr, zi);
      const nb = this.bins;
      for (let k = 0; k < nb; k++) {
        st(outRe, k, ld(zr, k));
        st(outIm, k, ld(zi, k));
      }
      return;
    }
    for (let j = 0; j < h; j++) {
      st(zr, j, ld(x, off + 2 * j * stride));
      st(zi, j, ld(x, off + (2 * j + 1) * stride));
    }
    this.plan.forward(zr, zi);
    const tr = this.tr, ti = this.ti;
    for (let k = 0; k <= h; k++) {
      const a = k == h ? 0 : k;
      const b = k == 0 ? 0 : h - k;
      const zkr = ld(zr, a), zki = ld(zi, a);
      const zmr = ld(zr, b), zmi = -ld(zi, b); // conj Z_{h-k}
      const er = 0.5 * (zkr + zmr), ei = 0.5 * (zki + zmi);
      // O = (Z_k − conj Z_{h−k})/(2i) = (dr + i di)/(2i) = (di − i dr)/2
      const dr = zkr - zmr, di = zki - zmi;
      const or = 0.5 * di, oi = -0.5 * dr;
      const c = ld(tr, k), s = ld(ti, k);
      st(outRe, k, er + (c * or - s * oi));
      st(outIm, k, ei + (c * oi + s * or));
    }
  }
}
