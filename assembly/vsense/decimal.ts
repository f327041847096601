// Rounding a double to p significant decimal digits, exactly as ECMAScript's
// `Number(x.toPrecision(p))` does it (ECMA-262, 15th ed., §21.1.3.5 Number.prototype.toPrecision:
// "let e and n be integers such that 10^(p−1) ≤ n < 10^p and for which n × 10^(e−p+1) − x is as close
// to zero as possible; if there are two such sets of e and n, pick the e and n for which
// n × 10^(e−p+1) is larger" — i.e. half away from zero on |x|; then §7.1.4.1.1 StringToNumber: the
// decimal n × 10^k read back as the nearest double, ties to even). A recording written with p digits
// is then exactly the values the core computed its features from.
//
// Both steps are decided exactly. The digit string n is estimated in floating point and then settled
// by exact comparisons of x with the midpoints (n ± ½)·10^k; the decimal n·10^k is converted by one
// correctly rounded multiplication or division when |k| ≤ 22 and n < 2^53 (both factors exact
// doubles: Clinger 1990, "How to read floating point numbers accurately", PLDI, the "fast path"),
// otherwise estimated and settled by exact comparisons with the midpoints between neighbouring
// doubles (Clinger's AlgorithmR idea). The exact comparisons use a small big-integer (u32 limbs).

const LIMBS: i32 = 48; // 1536 bits: the largest product compared is below 2^1250

class BigNat {
  d: StaticArray<u32> = new StaticArray<u32>(LIMBS);
  n: i32 = 0;

  set(v: u64): void {
    this.n = 0;
    while (v != 0) {
      unchecked((this.d[this.n++] = <u32>(v & 0xffffffff)));
      v >>= 32;
    }
  }

  mulSmall(m: u32): void {
    let carry: u64 = 0;
    for (let i = 0; i < this.n; i++) {
      const t = <u64>unchecked(this.d[i]) * <u64>m + carry;
      unchecked((this.d[i] = <u32>(t & 0xffffffff)));
      carry = t >> 32;
    }
    if (carry != 0) {
      assert(this.n < LIMBS);
      unchecked((this.d[this.n++] = <u32>carry));
    }
  }

  /** this · 10^e, e ≥ 0 */
  mulPow10(e: i32): void {
    while (e >= 9) {
      this.mulSmall(1000000000);
      e -= 9;
    }
    let m: u32 = 1;
    for (let i = 0; i < e; i++) m *= 10;
    if (m != 1) this.mulSmall(m);
  }

  /** this · 2^s, s ≥ 0 */
  shl(s: i32): void {
    if (this.n == 0) return;
    const words = s >> 5, bits = s & 31;
    assert(this.n + words + 1 <= LIMBS);
    if (bits == 0) {
      for (let i = this.n - 1; i >= 0; i--) unchecked((this.d[i + words] = this.d[i]));
      unchecked((this.d[this.n + words] = 0)); // the top limb below is then trimmed
    } else {
      unchecked((this.d[this.n + words] = this.d[this.n - 1] >> (32 - bits)));
      for (let i = this.n - 1; i > 0; i--) unchecked((this.d[i + words] = (this.d[i] << bits) | (this.d[i - 1] >> (32 - bits))));
      unchecked((this.d[words] = this.d[0] << bits));
    }
    for (let i = 0; i < words; i++) unchecked((this.d[i] = 0));
    this.n += words + 1;
    while (this.n > 0 && unchecked(this.d[this.n - 1]) == 0) this.n--;
  }

  cmp(o: BigNat): i32 {
    if (this.n != o.n) return this.n < o.n ? -1 : 1;
    for (let i = this.n - 1; i >= 0; i--) {
      const a = unchecked(this.d[i]), b = unchecked(o.d[i]);
      if (a != b) return a < b ? -1 : 1;
    }
    return 0;
  }
}

const L = new BigNat();
const R = new BigNat();

/** sign(a·2^ae2 − b·10^be10·2^be2) for integers a, b ≥ 0, exactly. */
function cmpExact(a: u64, ae2: i32, b: u64, be10: i32, be2: i32): i32 {
  L.set(a);
  R.set(b);
  if (be10 >= 0) R.mulPow10(be10);
  else L.mulPow10(-be10);
  const d = ae2 - be2;
  if (d >= 0) L.shl(d);
  else R.shl(-d);
  return L.cmp(R);
}

/** Mantissa and binary exponent of a positive finite double: a = mant · 2^exp2, mant < 2^53. */
let mant: u64 = 0;
let exp2: i32 = 0;
function decompose(a: f64): void {
  const bits = reinterpret<u64>(a);
  const e = <i32>((bits >> 52) & 0x7ff);
  const f = bits & 0xfffffffffffff;
  if (e == 0) {
    mant = f;
    exp2 = -1074;
  } else {
    mant = f | 0x10000000000000;
    exp2 = e - 1075;
  }
}

// 10^0 … 10^22: exactly representable doubles
const P10: StaticArray<f64> = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * a · 10^e in floating point, within a few ulps and without intermediate overflow: the starting point
 * that decimalToDouble then corrects to the exactly rounded double by exact integer comparison.
 */
function scale10(a: f64, e: i32): f64 {
  let v = a;
  while (e > 300) {
    v *= 1e300;
    e -= 300;
  }
  while (e < -300) {
    v /= 1e300;
    e += 300;
  }
  return e >= 0 ? v * Math.pow(10.0, <f64>e) : v / Math.pow(10.0, <f64>-e);
}

/** The double nearest to n · 10^k (ties to even), n < 2^53 a positive integer. */
export function decimalToDouble(n: u64, k: i32): f64 {
  const nf = <f64>n;
  if (k >= 0 && k <= 22) return nf * unchecked(P10[k]);
  if (k < 0 && k >= -22) return nf / unchecked(P10[-k]);
  let y = scale10(nf, k);
  if (y == 0.0) y = 4.9406564584124654e-324; // start from the smallest subnormal and settle below
  if (!isFinite(y)) {
    // DBL_MAX + ulp/2 = (2^54 − 1)·2^970: at or above it the decimal reads as infinity (ties to even)
    if (-cmpExact(0x3fffffffffffff, 970, n, k, 0) >= 0) return Infinity;
    y = 1.7976931348623157e308;
  }
  for (let iter = 0; iter < 64; iter++) {
    decompose(y);
    const m = mant, e = exp2;
    // rounding interval of y: [low, high]; below a power of two (normal, not the smallest exponent) the
    // lower neighbour is half as far
    let lowC: u64, lowE: i32;
    if (m == 0x10000000000000 && e > -1074) {
      lowC = 4 * m - 1;
      lowE = e - 2;
    } else {
      lowC = 2 * m - 1;
      lowE = e - 1;
    }
    const cLow = -cmpExact(lowC, lowE, n, k, 0); // sign(n·10^k − low)
    if (cLow < 0) {
      y = reinterpret<f64>(reinterpret<u64>(y) - 1);
      if (y == 0.0) return 0.0;
      continue;
    }
    const cHigh = -cmpExact(2 * m + 1, e - 1, n, k, 0);
    if (cHigh > 0) {
      const next = reinterpret<f64>(reinterpret<u64>(y) + 1);
      if (!isFinite(next)) return Infinity;
      y = next;
      continue;
    }
    if (cLow == 0 && (m & 1) != 0) return reinterpret<f64>(reinterpret<u64>(y) - 1);
    if (cHigh == 0 && (m & 1) != 0) {
      const next = reinterpret<f64>(reinterpret<u64>(y) + 1);
      return next;
    }
    return y;
  }
  assert(false); // the estimate is within a few ulps: a handful of iterations settle it
  return y;
}

let lastDigits: u64 = 0;
let lastExp10: i32 = 0;

/**
 * x rounded to p significant digits (1 ≤ p ≤ 15), the value of Number(x.toPrecision(p)). ±0 gives
 * +0; NaN and infinities are returned unchanged. The digit string and exponent are left in
 * lastDigits/lastExp10 (x = ±lastDigits·10^lastExp10 before the conversion back).
 */
export function roundSignificant(x: f64, p: i32): f64 {
  assert(p >= 1 && p <= 15);
  if (x == 0.0) return 0.0; // −0 too: toPrecision writes "0"
  if (!isFinite(x)) return x;
  const neg = x < 0.0;
  const a = Math.abs(x);
  decompose(a);
  const m = mant, e2 = exp2;
  let lo: u64 = 1;
  for (let i = 1; i < p; i++) lo *= 10;
  const hi = lo * 10;
  let k = <i32>Math.floor(Math.log10(a)) - p + 1;
  let n: u64 = 0;
  for (let iter = 0; iter < 8; iter++) {
    const est = Math.round(scale10(a, -k));
    n = est < 1.0 ? <u64>1 : est > 9.0e15 ? <u64>9000000000000000 : <u64>est;
    // settle n: (n − ½)·10^k ≤ a < (n + ½)·10^k, i.e. 2a·2^0 against (2n ∓ 1)·10^k
    while (n > 0 && cmpExact(m, e2 + 1, 2 * n - 1, k, 0) < 0) n--;
    while (cmpExact(m, e2 + 1, 2 * n + 1, k, 0) >= 0) n++;
    if (n >= hi) {
      k++;
      continue;
    }
    if (n < lo) {
      k--;
      continue;
    }
    break;
  }
  assert(n >= lo && n < hi);
  lastDigits = n;
  lastExp10 = k;
  const v = decimalToDouble(n, k);
  return neg ? -v : v;
}
