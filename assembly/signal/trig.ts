// cos and sin of a rational angle 2π p/q, reduced to the first octant with exact integer arithmetic
// before calling Math.cos/Math.sin. FFT twiddles and chirps computed this way are accurate to about
// one ulp for any index, are exactly symmetric (cos(π/2) is exactly 0, w_{q-p} = conj(w_p)) and never
// accumulate error as the recurrences w_{k+1} = w_k·w_1 do. The octant reduction is the one of
// FFTW's kernel/trig.c (Frigo & Johnson 2005, "The design and implementation of FFTW3", Proc. IEEE
// 93(2):216-231, §"Accuracy": twiddles computed directly, not by recurrence).

// Results of the last sincos2pi call (AssemblyScript has no tuples; two globals avoid an allocation).
export let trigCos: f64 = 1.0;
export let trigSin: f64 = 0.0;

const QUARTER_PI: f64 = 0.78539816339744830962;

/** Sets trigCos, trigSin to cos(2πp/q), sin(2πp/q); q >= 1, any p (reduced mod q).
 *  Reflections only (θ → 2π−θ, θ → π−θ, θ → π/2−θ), so cos(2π(q−p)/q) == cos(2πp/q) and
 *  sin(2π(q−p)/q) == −sin(2πp/q) bit for bit. */
export function sincos2pi(p: i64, q: i64): void {
  let r = p % q;
  if (r < 0) r += q;
  // the angle in units of one eighth of a turn divided by q: t/q octants, t in [0, 8q)
  let t = r << 3;
  let sinSign: f64 = 1.0, cosSign: f64 = 1.0;
  if (t > (q << 2)) {
    // θ in (π, 2π): cos θ = cos(2π−θ), sin θ = −sin(2π−θ)
    t = (q << 3) - t;
    sinSign = -1.0;
  }
  if (t > (q << 1)) {
    // θ in (π/2, π]: cos θ = −cos(π−θ), sin θ = sin(π−θ)
    t = (q << 2) - t;
    cosSign = -1.0;
  }
  octant(t, q);
  trigCos = cosSign * trigCos;
  trigSin = sinSign * trigSin;
}

/** θ = (π/4)·t/q with t in [0, 2q] (first quadrant): reflect the second octant about π/4. */
function octant(t: i64, q: i64): void {
  if (t > q) {
    // θ in (π/4, π/2]: cos θ = sin(π/2-θ), sin θ = cos(π/2-θ), π/2-θ = (π/4)(2q-t)/q
    const a = QUARTER_PI * (<f64>((q << 1) - t) / <f64>q);
    trigCos = Math.sin(a);
    trigSin = Math.cos(a);
  } else {
    const a = QUARTER_PI * (<f64>t / <f64>q);
    trigCos = Math.cos(a);
    trigSin = Math.sin(a);
  }
}
