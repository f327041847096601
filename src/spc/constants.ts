// Factors for constructing variables control charts, n = 2..25, exactly as published in
// D. C. Montgomery, Introduction to Statistical Quality Control, 7th ed. (Wiley 2013), Appendix VI
// "Factors for Constructing Variables Control Charts" (the same values as ASTM E2587 / ASTM MNL7).
// The charts use the tabulated values, so results match the established packages and hand
// calculations from the book; test/spc-constants.test.ts checks every entry against the exact
// definitions (d2, d3 by numerical integration, c4 from the gamma function).
//
// Known published roundings (kept as printed): D1, D2, D3, D4 of some n and d3(19) = 0.734 differ
// from the exact values by 1-2 units of the third decimal (the classical table derived them from
// older d3 values); see the test for the list.
import { lnGamma } from "./special.js";
import { SpcInputError } from "./types.js";

export interface ChartFactors {
  n: number;
  A: number; A2: number; A3: number;
  c4: number;
  B3: number; B4: number; B5: number; B6: number;
  d2: number; d3: number;
  D1: number; D2: number; D3: number; D4: number;
}

// n, A, A2, A3, c4, B3, B4, B5, B6, d2, d3, D1, D2, D3, D4   (Montgomery 7th ed., Appendix VI)
const TABLE: readonly (readonly number[])[] = [
  [2, 2.121, 1.880, 2.659, 0.7979, 0, 3.267, 0, 2.606, 1.128, 0.853, 0, 3.686, 0, 3.267],
  [3, 1.732, 1.023, 1.954, 0.8862, 0, 2.568, 0, 2.276, 1.693, 0.888, 0, 4.358, 0, 2.574],
  [4, 1.500, 0.729, 1.628, 0.9213, 0, 2.266, 0, 2.088, 2.059, 0.880, 0, 4.698, 0, 2.282],
  [5, 1.342, 0.577, 1.427, 0.9400, 0, 2.089, 0, 1.964, 2.326, 0.864, 0, 4.918, 0, 2.114],
  [6, 1.225, 0.483, 1.287, 0.9515, 0.030, 1.970, 0.029, 1.874, 2.534, 0.848, 0, 5.078, 0, 2.004],
  [7, 1.134, 0.419, 1.182, 0.9594, 0.118, 1.882, 0.113, 1.806, 2.704, 0.833, 0.204, 5.204, 0.076, 1.924],
  [8, 1.061, 0.373, 1.099, 0.9650, 0.185, 1.815, 0.179, 1.751, 2.847, 0.820, 0.388, 5.306, 0.136, 1.864],
  [9, 1.000, 0.337, 1.032, 0.9693, 0.239, 1.761, 0.232, 1.707, 2.970, 0.808, 0.547, 5.393, 0.184, 1.816],
  [10, 0.949, 0.308, 0.975, 0.9727, 0.284, 1.716, 0.276, 1.669, 3.078, 0.797, 0.687, 5.469, 0.223, 1.777],
  [11, 0.905, 0.285, 0.927, 0.9754, 0.321, 1.679, 0.313, 1.637, 3.173, 0.787, 0.811, 5.535, 0.256, 1.744],
  [12, 0.866, 0.266, 0.886, 0.9776, 0.354, 1.646, 0.346, 1.610, 3.258, 0.778, 0.922, 5.594, 0.283, 1.717],
  [13, 0.832, 0.249, 0.850, 0.9794, 0.382, 1.618, 0.374, 1.585, 3.336, 0.770, 1.025, 5.647, 0.307, 1.693],
  [14, 0.802, 0.235, 0.817, 0.9810, 0.406, 1.594, 0.399, 1.563, 3.407, 0.763, 1.118, 5.696, 0.328, 1.672],
  [15, 0.775, 0.223, 0.789, 0.9823, 0.428, 1.572, 0.421, 1.544, 3.472, 0.756, 1.203, 5.741, 0.347, 1.653],
  [16, 0.750, 0.212, 0.763, 0.9835, 0.448, 1.552, 0.440, 1.526, 3.532, 0.750, 1.282, 5.782, 0.363, 1.637],
  [17, 0.728, 0.203, 0.739, 0.9845, 0.466, 1.534, 0.458, 1.511, 3.588, 0.744, 1.356, 5.820, 0.378, 1.622],
  [18, 0.707, 0.194, 0.718, 0.9854, 0.482, 1.518, 0.475, 1.496, 3.640, 0.739, 1.424, 5.856, 0.391, 1.608],
  [19, 0.688, 0.187, 0.698, 0.9862, 0.497, 1.503, 0.490, 1.483, 3.689, 0.734, 1.487, 5.891, 0.403, 1.597],
  [20, 0.671, 0.180, 0.680, 0.9869, 0.510, 1.490, 0.504, 1.470, 3.735, 0.729, 1.549, 5.921, 0.415, 1.585],
  [21, 0.655, 0.173, 0.663, 0.9876, 0.523, 1.477, 0.516, 1.459, 3.778, 0.724, 1.605, 5.951, 0.425, 1.575],
  [22, 0.640, 0.167, 0.647, 0.9882, 0.534, 1.466, 0.528, 1.448, 3.819, 0.720, 1.659, 5.979, 0.434, 1.566],
  [23, 0.626, 0.162, 0.633, 0.9887, 0.545, 1.455, 0.539, 1.438, 3.858, 0.716, 1.710, 6.006, 0.443, 1.557],
  [24, 0.612, 0.157, 0.619, 0.9892, 0.555, 1.445, 0.549, 1.429, 3.895, 0.712, 1.759, 6.031, 0.451, 1.548],
  [25, 0.600, 0.153, 0.606, 0.9896, 0.565, 1.435, 0.559, 1.420, 3.931, 0.708, 1.806, 6.056, 0.459, 1.541],
];

export const MIN_TABLE_N = 2;
export const MAX_TABLE_N = 25;

const FACTORS: readonly ChartFactors[] = TABLE.map((r) => ({
  n: r[0]!, A: r[1]!, A2: r[2]!, A3: r[3]!, c4: r[4]!, B3: r[5]!, B4: r[6]!, B5: r[7]!, B6: r[8]!,
  d2: r[9]!, d3: r[10]!, D1: r[11]!, D2: r[12]!, D3: r[13]!, D4: r[14]!,
}));

/** The published factors for subgroup size n (2..25). */
export function factors(n: number): ChartFactors {
  if (!Number.isInteger(n) || n < MIN_TABLE_N || n > MAX_TABLE_N) {
    throw new SpcInputError(`subgroup size ${n}: range-based factors are tabulated for n = ${MIN_TABLE_N}..${MAX_TABLE_N}`);
  }
  return FACTORS[n - MIN_TABLE_N]!;
}

/** All published rows (n = 2..25), for tests and documentation. */
export function factorTable(): readonly ChartFactors[] {
  return FACTORS;
}

/**
 * c4(n) = √(2/(n−1)) Γ(n/2) / Γ((n−1)/2), the bias of the sample standard deviation under
 * normality (Montgomery 7th ed. §6.3.1): tabulated value for n ≤ 25, the formula beyond.
 */
export function c4(n: number): number {
  if (n <= MAX_TABLE_N) return factors(n).c4;
  return Math.sqrt(2 / (n - 1)) * Math.exp(lnGamma(n / 2) - lnGamma((n - 1) / 2));
}

/** Limit factors of a dispersion chart (R or S) for subgroup size n and width L. */
export interface DispersionFactors {
  /** E(statistic)/σ: d2 (R) or c4 (S) */
  bias: number;
  /** sd(statistic)/σ: d3 (R) or √(1−c4²) (S) */
  spread: number;
  /** limits as multiples of the centre line (D3, D4 or B3, B4): used with an estimated σ */
  lowerOfCenter: number;
  upperOfCenter: number;
  /** limits as multiples of a known σ (D1, D2 or B5, B6) */
  lowerOfSigma: number;
  upperOfSigma: number;
}

/**
 * R chart factors (Montgomery 7th ed. §6.2.1 and eq. 6.13): the tabulated D1..D4 for width 3;
 * D3 = max(0, 1 − L·d3/d2), D4 = 1 + L·d3/d2, D1 = max(0, d2 − L·d3), D2 = d2 + L·d3 for another L.
 */
export function rFactors(n: number, width: number): DispersionFactors {
  const f = factors(n);
  if (width === 3) return { bias: f.d2, spread: f.d3, lowerOfCenter: f.D3, upperOfCenter: f.D4, lowerOfSigma: f.D1, upperOfSigma: f.D2 };
  const r = f.d3 / f.d2;
  return {
    bias: f.d2, spread: f.d3,
    lowerOfCenter: Math.max(0, 1 - width * r), upperOfCenter: 1 + width * r,
    lowerOfSigma: Math.max(0, f.d2 - width * f.d3), upperOfSigma: f.d2 + width * f.d3,
  };
}

/**
 * S chart factors (Montgomery 7th ed. §6.3.1, eqs. 6.27-6.29): the tabulated B3..B6 for width 3 and
 * n ≤ 25; otherwise from c4: B3 = max(0, 1 − L√(1−c4²)/c4), B4 = 1 + L√(1−c4²)/c4,
 * B5 = max(0, c4 − L√(1−c4²)), B6 = c4 + L√(1−c4²).
 */
export function sFactors(n: number, width: number): DispersionFactors {
  const c = c4(n);
  const s = Math.sqrt(1 - c * c);
  if (width === 3 && n <= MAX_TABLE_N) {
    const f = factors(n);
    return { bias: c, spread: s, lowerOfCenter: f.B3, upperOfCenter: f.B4, lowerOfSigma: f.B5, upperOfSigma: f.B6 };
  }
  return {
    bias: c, spread: s,
    lowerOfCenter: Math.max(0, 1 - (width * s) / c), upperOfCenter: 1 + (width * s) / c,
    lowerOfSigma: Math.max(0, c - width * s), upperOfSigma: c + width * s,
  };
}
