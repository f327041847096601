// Factors of the dispersion charts (R of subgroups and of moving ranges, S), n = 2..25, exactly as
// published in D. C. Montgomery, Introduction to Statistical Quality Control, 7th ed. (Wiley 2013),
// Appendix VI, and as src/spc/constants.ts holds them (same decimal literals, so the same doubles);
// for a width L other than 3 derived as constants.ts derives them (Montgomery eq. 6.13 for R,
// eqs. 6.27-6.29 for S), the same operations in the same order.

// n, c4, B3, B4, B5, B6, d2, d3, D1, D2, D3, D4   (Montgomery 7th ed., Appendix VI)
const COLS: i32 = 12;
const TABLE: StaticArray<f64> = [
  2, 0.7979, 0, 3.267, 0, 2.606, 1.128, 0.853, 0, 3.686, 0, 3.267,
  3, 0.8862, 0, 2.568, 0, 2.276, 1.693, 0.888, 0, 4.358, 0, 2.574,
  4, 0.9213, 0, 2.266, 0, 2.088, 2.059, 0.880, 0, 4.698, 0, 2.282,
  5, 0.9400, 0, 2.089, 0, 1.964, 2.326, 0.864, 0, 4.918, 0, 2.114,
  6, 0.9515, 0.030, 1.970, 0.029, 1.874, 2.534, 0.848, 0, 5.078, 0, 2.004,
  7, 0.9594, 0.118, 1.882, 0.113, 1.806, 2.704, 0.833, 0.204, 5.204, 0.076, 1.924,
  8, 0.9650, 0.185, 1.815, 0.179, 1.751, 2.847, 0.820, 0.388, 5.306, 0.136, 1.864,
  9, 0.9693, 0.239, 1.761, 0.232, 1.707, 2.970, 0.808, 0.547, 5.393, 0.184, 1.816,
  10, 0.9727, 0.284, 1.716, 0.276, 1.669, 3.078, 0.797, 0.687, 5.469, 0.223, 1.777,
  11, 0.9754, 0.321, 1.679, 0.313, 1.637, 3.173, 0.787, 0.811, 5.535, 0.256, 1.744,
  12, 0.9776, 0.354, 1.646, 0.346, 1.610, 3.258, 0.778, 0.922, 5.594, 0.283, 1.717,
  13, 0.9794, 0.382, 1.618, 0.374, 1.585, 3.336, 0.770, 1.025, 5.647, 0.307, 1.693,
  14, 0.9810, 0.406, 1.594, 0.399, 1.563, 3.407, 0.763, 1.118, 5.696, 0.328, 1.672,
  15, 0.9823, 0.428, 1.572, 0.421, 1.544, 3.472, 0.756, 1.203, 5.741, 0.347, 1.653,
  16, 0.9835, 0.448, 1.552, 0.440, 1.526, 3.532, 0.750, 1.282, 5.782, 0.363, 1.637,
  17, 0.9845, 0.466, 1.534, 0.458, 1.511, 3.588, 0.744, 1.356, 5.820, 0.378, 1.622,
  18, 0.9854, 0.482, 1.518, 0.475, 1.496, 3.640, 0.739, 1.424, 5.856, 0.391, 1.608,
  19, 0.9862, 0.497, 1.503, 0.490, 1.483, 3.689, 0.734, 1.487, 5.891, 0.403, 1.597,
  20, 0.9869, 0.510, 1.490, 0.504, 1.470, 3.735, 0.729, 1.549, 5.921, 0.415, 1.585,
  21, 0.9876, 0.523, 1.477, 0.516, 1.459, 3.778, 0.724, 1.605, 5.951, 0.425, 1.575,
  22, 0.9882, 0.534, 1.466, 0.528, 1.448, 3.819, 0.720, 1.659, 5.979, 0.434, 1.566,
  23, 0.9887, 0.545, 1.455, 0.539, 1.438, 3.858, 0.716, 1.710, 6.006, 0.443, 1.557,
  24, 0.9892, 0.555, 1.445, 0.549, 1.429, 3.895, 0.712, 1.759, 6.031, 0.451, 1.548,
  25, 0.9896, 0.565, 1.435, 0.559, 1.420, 3.931, 0.708, 1.806, 6.056, 0.459, 1.541,
];

export const MIN_TABLE_N: i32 = 2;
export const MAX_TABLE_N: i32 = 25;

@inline function at(n: i32, col: i32): f64 {
  return TABLE[(n - MIN_TABLE_N) * COLS + col];
}

/** Limit factors of a dispersion chart (the fields of constants.ts's DispersionFactors). */
export class DispersionFactors {
  /** E(statistic)/σ: d2 (R) or c4 (S) */
  bias: f64 = 0.0;
  /** sd(statistic)/σ: d3 (R) or √(1−c4²) (S) */
  spread: f64 = 0.0;
  /** limits as multiples of the centre line (D3, D4 or B3, B4): with σ from phase I */
  lowerOfCenter: f64 = 0.0;
  upperOfCenter: f64 = 0.0;
  /** limits as multiples of a known σ (D1, D2 or B5, B6) */
  lowerOfSigma: f64 = 0.0;
  upperOfSigma: f64 = 0.0;
}

/** R chart factors for subgroup size n (2..25) and width L (constants.ts rFactors). */
export function rFactors(n: i32, width: f64): DispersionFactors {
  const f = new DispersionFactors();
  const d2 = at(n, 6), d3 = at(n, 7);
  f.bias = d2;
  f.spread = d3;
  if (width == 3.0) {
    f.lowerOfCenter = at(n, 10);
    f.upperOfCenter = at(n, 11);
    f.lowerOfSigma = at(n, 8);
    f.upperOfSigma = at(n, 9);
    return f;
  }
  const r = d3 / d2;
  f.lowerOfCenter = Math.max(0.0, 1.0 - width * r);
  f.upperOfCenter = 1.0 + width * r;
  f.lowerOfSigma = Math.max(0.0, d2 - width * d3);
  f.upperOfSigma = d2 + width * d3;
  return f;
}

/** S chart factors for subgroup size n (2..25: the tabulated c4) and width L (constants.ts sFactors). */
export function sFactors(n: i32, width: f64): DispersionFactors {
  const f = new DispersionFactors();
  const c = at(n, 1);
  const s = Math.sqrt(1.0 - c * c);
  f.bias = c;
  f.spread = s;
  if (width == 3.0) {
    f.lowerOfCenter = at(n, 2);
    f.upperOfCenter = at(n, 3);
    f.lowerOfSigma = at(n, 4);
    f.upperOfSigma = at(n, 5);
    return f;
  }
  f.lowerOfCenter = Math.max(0.0, 1.0 - (width * s) / c);
  f.upperOfCenter = 1.0 + (width * s) / c;
  f.lowerOfSigma = Math.max(0.0, c - width * s);
  f.upperOfSigma = c + width * s;
  return f;
}
