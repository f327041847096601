// Special functions behind the capability intervals, against closed forms and standard tables.
import { describe, expect, it } from "vitest";
import { chiSquareQuantile, gammaP, gammaQ, invGammaP, lnGamma, normalCdf, normalQuantile } from "../src/spc/special.js";

/** P(χ²_ν ≤ x) for even ν = 2k: 1 − e^(−x/2) Σ_(j<k) (x/2)^j / j! (Poisson sum; exact). */
function chiCdfEven(x: number, nu: number): number {
  const k = nu / 2;
  let term = 1;
  let sum = 1;
  for (let j = 1; j < k; j++) {
    term *= x / 2 / j;
    sum += term;
  }
  return 1 - Math.exp(-x / 2) * sum;
}

describe("log-gamma (NR3 §6.1)", () => {
  it("matches factorials and Γ(1/2) = √π to 1e-14 relative", () => {
    let f = 1;
    for (let n = 1; n <= 30; n++) {
      if (n > 1) f *= n - 1;
      expect(lnGamma(n)).toBeCloseTo(Math.log(f), 12);
    }
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnGamma(10.5)).toBeCloseTo(13.940625219403763, 12);
  });
});

describe("incomplete gamma and chi-square quantiles (NR3 §6.2)", () => {
  it("P(1, x) = 1 − e^(−x) and P + Q = 1", () => {
    for (const x of [0.01, 0.5, 1, 2, 5, 20]) {
      expect(gammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
      for (const a of [0.5, 3, 40]) expect(gammaP(a, x) + gammaQ(a, x)).toBeCloseTo(1, 14);
    }
  });

  it("2 degrees of freedom: q = −2 ln(1 − p) exactly", () => {
    for (const p of [1e-6, 0.025, 0.5, 0.975, 0.999]) {
      expect(chiSquareQuantile(p, 2) / (-2 * Math.log1p(-p))).toBeCloseTo(1, 12);
    }
  });

  it("1 degree of freedom: q = Φ⁻¹((1 + p)/2)² (small-df lower tail where Wilson-Hilferty fails)", () => {
    // Φ⁻¹(0.5125) and Φ⁻¹(0.9875) from the table: 0.0313381..., 2.2414027...
    expect(chiSquareQuantile(0.025, 1)).toBeCloseTo(0.000982069117, 12);
    expect(chiSquareQuantile(0.975, 1)).toBeCloseTo(5.023886187, 8);
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(1.959963984540054 ** 2, 11);
  });

  it("even degrees of freedom up to 400: the Poisson-sum CDF at the quantile returns p", () => {
    for (const nu of [2, 4, 10, 38, 100, 400]) {
      for (const p of [0.001, 0.025, 0.5, 0.975, 0.999]) {
        const q = chiSquareQuantile(p, nu);
        expect(Math.abs(chiCdfEven(q, nu) - p)).toBeLessThan(1e-12);
      }
    }
  });

  it("reproduces the printed table for 19 df (8.907, 32.852) and 10 df (18.307)", () => {
    expect(chiSquareQuantile(0.025, 19)).toBeCloseTo(8.907, 3);
    expect(chiSquareQuantile(0.975, 19)).toBeCloseTo(32.852, 3);
    expect(chiSquareQuantile(0.95, 10)).toBeCloseTo(18.307, 3);
  });

  it("large df (a = 50000) converges", () => {
    const q = chiSquareQuantile(0.975, 1e5);
    // Wilson-Hilferty is accurate to ~1e-7 relative at this df
    const z = 1.959963984540054;
    const wh = 1e5 * (1 - 2 / 9e5 + z * Math.sqrt(2 / 9e5)) ** 3;
    expect(q / wh).toBeCloseTo(1, 6);
  });

  it("rejects p outside (0, 1)", () => {
    expect(() => invGammaP(0, 2)).toThrow();
    expect(() => invGammaP(1, 2)).toThrow();
  });
});

describe("normal distribution", () => {
  it("quantiles to 1e-13 (A&S table values)", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 13);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.8413447460685429)).toBeCloseTo(1, 13);
    expect(normalQuantile(1e-10) / -6.361340902404056).toBeCloseTo(1, 12);
    expect(normalQuantile(0.3)).toBeCloseTo(-normalQuantile(0.7), 15);
  });
  it("CDF: Φ(1) = 0.8413447460685429, Φ(−5) = 2.866515718791939e-7", () => {
    expect(normalCdf(1)).toBeCloseTo(0.8413447460685429, 15);
    expect(normalCdf(-5) / 2.866515718791939e-7).toBeCloseTo(1, 12);
  });
});
