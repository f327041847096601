// Special functions for capability confidence intervals: log-gamma, the regularised incomplete gamma
// functions P(a, x) and Q(a, x), their inverse, and the chi-square and normal quantiles built on them.
// Algorithms from W. H. Press et al., Numerical Recipes, 3rd ed. (Cambridge 2007), §6.1 (gammln,
// Lanczos approximation with g = 671/128, 14 terms, |error| < 1e-15), §6.2 (gammp/gammq by series and
// Lentz continued fraction; invgammp: initial guess of Abramowitz & Stegun 26.2.22 / 26.4.17, then
// Halley iteration). Wilson-Hilferty alone is off by several percent at 1-2 degrees of freedom in the
// lower tail, so it is used here only as a starting point for a > 1.
import { SpcNumericalError } from "./types.js";

const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
  0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3,
  -0.210264441724104883e-3, 0.217439618115212643e-3, -0.164318106536763890e-3, 0.844182239838527433e-4,
  -0.261908384015814087e-4, 0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0 (Numerical Recipes 3rd ed. §6.1, gammln). */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new SpcNumericalError(`lnGamma: argument ${x} is not > 0`);
  let y = x;
  let tmp = x + 5.2421875;
  tmp = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.999999999999997092;
  for (let j = 0; j < 14; j++) ser += LANCZOS[j]! / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

const EPS = 2.220446049250313e-16;
const FPMIN = Number.MIN_VALUE / EPS;

/** Iteration budget: both expansions need O(√a) terms when x ≈ a. */
function maxTerms(a: number): number {
  return 200 + Math.ceil(20 * Math.sqrt(a));
}

/** Series for P(a, x), valid and fast for x < a + 1 (NR3 §6.2, gser). */
function gser(a: number, x: number, gln: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  const limit = maxTerms(a);
  for (let i = 0; i < limit; i++) {
    ++ap;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) return sum * Math.exp(-x + a * Math.log(x) - gln);
  }
  throw new SpcNumericalError(`incomplete gamma series did not converge (a = ${a}, x = ${x})`);
}

/** Continued fraction for Q(a, x), valid for x ≥ a + 1 (NR3 §6.2, gcf, modified Lentz). */
function gcf(a: number, x: number, gln: number): number {
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  const limit = maxTerms(a);
  for (let i = 1; i <= limit; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) return Math.exp(-x + a * Math.log(x) - gln) * h;
  }
  throw new SpcNumericalError(`incomplete gamma continued fraction did not converge (a = ${a}, x = ${x})`);
}

/** Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a). */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new SpcNumericalError(`gammaP: bad arguments a = ${a}, x = ${x}`);
  if (x === 0) return 0;
  const gln = lnGamma(a);
  return x < a + 1 ? gser(a, x, gln) : 1 - gcf(a, x, gln);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the upper tail. */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new SpcNumericalError(`gammaQ: bad arguments a = ${a}, x = ${x}`);
  if (x === 0) return 1;
  const gln = lnGamma(a);
  return x < a + 1 ? 1 - gser(a, x, gln) : gcf(a, x, gln);
}

/**
 * x with P(a, x) = p (NR3 §6.2.1, invgammp): starting guess, then Halley's method on P(a, x) − p
 * with the density x^(a−1) e^(−x)/Γ(a) as derivative, to a relative step below 1e-12.
 */
export function invGammaP(p: number, a: number): number {
  if (!(a > 0)) throw new SpcNumericalError(`invGammaP: a = ${a} is not > 0`);
  if (!(p > 0 && p < 1)) throw new SpcNumericalError(`invGammaP: probability ${p} not in (0, 1)`);
  const gln = lnGamma(a);
  const a1 = a - 1;
  let lna1 = 0;
  let afac = 0;
  let x: number;
  if (a > 1) {
    lna1 = Math.log(a1);
    afac = Math.exp(a1 * (lna1 - 1) - gln);
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    // Abramowitz & Stegun 26.2.22 normal quantile, then Wilson-Hilferty (A&S 26.4.17)
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    x = Math.max(1e-3, a * Math.pow(1 - 1 / (9 * a) - z / (3 * Math.sqrt(a)), 3));
  } else {
    const t = 1 - a * (0.253 + a * 0.12);
    x = p < t ? Math.pow(p / t, 1 / a) : 1 - Math.log(1 - (p - t) / (1 - t));
  }
  for (let j = 0; j < 100; j++) {
    if (x <= 0) return 0;
    const err = gammaP(a, x) - p;
    const dens = a > 1 ? afac * Math.exp(-(x - a1) + a1 * (Math.log(x) - lna1)) : Math.exp(-x + a1 * Math.log(x) - gln);
    const u = err / dens;
    const step = u / (1 - 0.5 * Math.min(1, u * ((a - 1) / x - 1)));
    x -= step;
    if (x <= 0) x = 0.5 * (x + step);
    // Halley converges cubically: a step below 1e-12·x leaves an error far below the rounding noise
    // of P(a, x) itself (which limits the attainable accuracy for large a)
    if (Math.abs(step) < 1e-12 * x) return x;
  }
  throw new SpcNumericalError(`inverse incomplete gamma did not converge (p = ${p}, a = ${a})`);
}

/** Lower quantile of the chi-square distribution with `df` degrees of freedom: P(χ² ≤ q) = p. */
export function chiSquareQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new SpcNumericalError(`chi-square: ${df} degrees of freedom`);
  return 2 * invGammaP(p, df / 2);
}

/** Standard normal CDF: Φ(x) = ½ erfc(−x/√2) and erfc(y) = Q(½, y²) (NR3 §6.2.2), accurate in the lower tail. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new SpcNumericalError("normalCdf: NaN");
  const half = x === 0 ? 0.5 : 0.5 * gammaQ(0.5, 0.5 * x * x);
  return x <= 0 ? half : 1 - half;
}

/**
 * Standard normal quantile Φ⁻¹(p): A&S 26.2.22 start (|error| < 3e-3), then Halley's method on the
 * lower tail ½Q(½, z²/2) = min(p, 1−p), which keeps full relative accuracy for tiny p.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new SpcNumericalError(`normalQuantile: probability ${p} not in (0, 1)`);
  if (p === 0.5) return 0;
  const pp = p < 0.5 ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(pp));
  let z = -(t - (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481))); // z < 0 (lower tail)
  for (let j = 0; j < 50; j++) {
    const f = 0.5 * gammaQ(0.5, 0.5 * z * z) - pp; // Φ(z) − pp for z ≤ 0
    const dens = Math.exp(-0.5 * z * z) / 2.5066282746310002;
    const u = f / dens;
    const step = u / (1 + 0.5 * z * u); // Halley: Φ'' = −zΦ'
    z -= step;
    if (z > 0) z = 0; // stay in the lower tail
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return p < 0.5 ? z : -z;
}
