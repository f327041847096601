// Real non-symmetric eigenproblem: balancing by powers of 2 (EISPACK balanc, Parlett & Reinsch 1969,
// Numer. Math. 13:293), Householder reduction to upper Hessenberg form (orthes, Martin & Wilkinson 1968),
// Francis double-shift QR to real Schur form with eigenvectors by back substitution (hqr2, Peters &
// Wilkinson 1970, Numer. Math. 16:181; Wilkinson & Reinsch, Handbook II, contributions II/8, II/13,
// II/15; loop structure after the public-domain JAMA port, Golub & Van Loan 4th ed. Alg. 7.5.2).
// The accumulated transformation is kept as Z^T (its columns are rows of `zt`), so that the
// column rotations of the QR sweeps and the back transformation run over contiguous memory.
// Eigenvectors of the Schur factor by scaled back substitution after LAPACK dtrevc / dlaln2 (Anderson
// et al., LAPACK Users' Guide 3rd ed. 1999; Golub & Van Loan 4th ed. §7.6.4): no overflow or NaN for
// strongly non-normal matrices. eig() checks every residual against the unbalanced A and recomputes
// without balancing when balancing spoiled them (James, Langou & Lowery 2014, arXiv:1401.5766).
import { cdiv, cdivr, cdivi } from "./complex";
import { Mat } from "./matrix";
import { setError, ERR_INVALID_INPUT, ERR_NO_CONVERGENCE } from "../errors";
import { EPS } from "./lu";

export class Eig {
  n: i32;
  /** Real and imaginary parts of the eigenvalues; a complex pair is stored (j, j+1) with wi[j] > 0. */
  wr: StaticArray<f64>;
  wi: StaticArray<f64>;
  /**
   * rows x n, real form: for a real eigenvalue j, column j is its eigenvector; for a pair (j, j+1)
   * with wi[j] > 0, v_j = V[:,j] + i V[:,j+1] and v_{j+1} = conj(v_j). Each eigenvector has unit
   * Euclidean norm (complex norm for a pair). Empty (0 x 0) when only values were requested.
   */
  V: Mat;

  constructor(wr: StaticArray<f64>, wi: StaticArray<f64>, V: Mat) {
    this.n = wr.length;
    this.wr = wr;
    this.wi = wi;
    this.V = V;
  }

  /** Real part of the complex eigenvector j (length V.rows). */
  vectorRe(j: i32, out: StaticArray<f64>): void {
    const V = this.V, r = V.rows, c = V.cols;
    const col = unchecked(this.wi[j]) < 0.0 ? j - 1 : j;
    for (let i = 0; i < r; i++) unchecked((out[i] = V.data[i * c + col]));
  }

  /** Imaginary part of the complex eigenvector j (zero for a real eigenvalue). */
  vectorIm(j: i32, out: StaticArray<f64>): void {
    const V = this.V, r = V.rows, c = V.cols;
    const wij = unchecked(this.wi[j]);
    if (wij == 0.0) {
      for (let i = 0; i < r; i++) unchecked((out[i] = 0.0));
    } else if (wij > 0.0) {
      for (let i = 0; i < r; i++) unchecked((out[i] = V.data[i * c + j + 1]));
    } else {
      for (let i = 0; i < r; i++) unchecked((out[i] = -V.data[i * c + j]));
    }
  }
}

/**
 * Balancing (EISPACK balanc without the permutation step): diagonal D of powers of 2 such that
 * rows and columns of D^-1 A D have similar 1-norms. Exact in floating point; reduces the norm, and
 * so the rounding errors, of badly scaled matrices (e.g. state matrices mixing m and rad, N and N m).
 */
function balance(n: i32, h: StaticArray<f64>, scale: StaticArray<f64>): void {
  for (let i = 0; i < n; i++) unchecked((scale[i] = 1.0));
  let noconv = true;
  let sweeps = 0;
  while (noconv && sweeps < 100) {
    noconv = false;
    sweeps++;
    for (let i = 0; i < n; i++) {
      let c = 0.0, r = 0.0;
      for (let j = 0; j < n; j++) {
        if (j == i) continue;
        c += Math.abs(unchecked(h[j * n + i]));
        r += Math.abs(unchecked(h[i * n + j]));
      }
      if (c == 0.0 || r == 0.0) continue;
      let g = r / 2.0;
      let f = 1.0;
      const s = c + r;
      while (c < g) {
        f *= 2.0;
        c *= 4.0;
      }
      g = r * 2.0;
      while (c >= g) {
        f /= 2.0;
        c /= 4.0;
      }
      if ((c + r) / f < 0.95 * s) {
        g = 1.0 / f;
        unchecked((scale[i] = scale[i] * f));
        noconv = true;
        const ri = i * n;
        for (let j = 0; j < n; j++) unchecked((h[ri + j] = h[ri + j] * g));
        for (let j = 0; j < n; j++) unchecked((h[j * n + i] = h[j * n + i] * f));
      }
    }
  }
}

/** Householder reduction of h to upper Hessenberg form; zt receives Z^T (A Z = Z H) if non-null. */
function orthes(n: i32, h: StaticArray<f64>, zt: StaticArray<f64> | null): void {
  const ort = new StaticArray<f64>(n);
  const f = new StaticArray<f64>(n);
  const high = n - 1;
  for (let m = 1; m <= high - 1; m++) {
    let scale = 0.0;
    for (let i = m; i <= high; i++) scale += Math.abs(unchecked(h[i * n + m - 1]));
    if (scale == 0.0) continue;
    let hh = 0.0;
    for (let i = high; i >= m; i--) {
      const o = unchecked(h[i * n + m - 1]) / scale;
      unchecked((ort[i] = o));
      hh += o * o;
    }
    let g = Math.sqrt(hh);
    if (unchecked(ort[m]) > 0) g = -g;
    hh = hh - unchecked(ort[m]) * g;
    unchecked((ort[m] = ort[m] - g));
    // H = (I - u u^T / hh) H : f^T = u^T H (rows accumulated in order), then rank-1 update
    for (let j = m; j < n; j++) unchecked((f[j] = 0.0));
    for (let i = m; i <= high; i++) {
      const oi = unchecked(ort[i]);
      const ri = i * n;
      for (let j = m; j < n; j++) unchecked((f[j] = f[j] + oi * h[ri + j]));
    }
    for (let j = m; j < n; j++) unchecked((f[j] = f[j] / hh));
    for (let i = m; i <= high; i++) {
      const oi = unchecked(ort[i]);
      const ri = i * n;
      for (let j = m; j < n; j++) unchecked((h[ri + j] = h[ri + j] - f[j] * oi));
    }
    // H = H (I - u u^T / hh)
    for (let i = 0; i <= high; i++) {
      const ri = i * n;
      let s = 0.0;
      for (let j = m; j <= high; j++) s += unchecked(ort[j] * h[ri + j]);
      s = s / hh;
      for (let j = m; j <= high; j++) unchecked((h[ri + j] = h[ri + j] - s * ort[j]));
    }
    unchecked((ort[m] = scale * ort[m]));
    unchecked((h[m * n + m - 1] = scale * g));
  }
  if (zt === null) return;
  // accumulate Z = prod of reflectors, stored transposed: Z[i][j] == zt[j*n + i]
  for (let k = 0; k < n * n; k++) unchecked((zt[k] = 0.0));
  for (let i = 0; i < n; i++) unchecked((zt[i * n + i] = 1.0));
  for (let m = high - 1; m >= 1; m--) {
    const hm = unchecked(h[m * n + m - 1]);
    if (hm == 0.0) continue;
    for (let i = m + 1; i <= high; i++) unchecked((ort[i] = h[i * n + m - 1]));
    for (let j = m; j <= high; j++) {
      const rj = j * n;
      let g = 0.0;
      for (let i = m; i <= high; i++) g += unchecked(ort[i] * zt[rj + i]);
      g = g / unchecked(ort[m]) / hm; // two divisions avoid a possible underflow (EISPACK ortran)
      for (let i = m; i <= high; i++) unchecked((zt[rj + i] = zt[rj + i] + g * ort[i]));
    }
  }
}


// Overflow thresholds of LAPACK dtrevc: smlnum = unfl n / ulp, bignum = (1 - ulp) / smlnum.
const SAFMIN: f64 = 2.2250738585072014e-308;

// results of the small scaled solvers (no tuples in AssemblyScript)
let sx1r: f64 = 0.0;
let sx1i: f64 = 0.0;
let sx2r: f64 = 0.0;
let sx2i: f64 = 0.0;
let sscale: f64 = 1.0;

/**
 * Scaled solve of (a - λ) x = s b, λ = lr + i li (LAPACK dlaln2 with na = 1; Anderson et al.,
 * LAPACK Users' Guide 3rd ed. 1999): a pivot smaller than smin is replaced by smin (a backward
 * perturbation of at most smin), and s <= 1 keeps |x| below bignum. Result: sx1r, sx1i, sscale.
 */
function solve1(a: f64, lr: f64, li: f64, br: f64, bi: f64, smin: f64, bignum: f64): void {
  let cr = a - lr, ci = -li;
  let cn = Math.abs(cr) + Math.abs(ci);
  if (cn < smin) {
    cr = smin;
    ci = 0.0;
    cn = smin;
  }
  const bn = Math.abs(br) + Math.abs(bi);
  sscale = 1.0;
  if (cn < 1.0 && bn > 1.0 && bn > bignum * cn) sscale = 1.0 / bn;
  cdiv(sscale * br, sscale * bi, cr, ci);
  sx1r = cdivr;
  sx1i = cdivi;
}

/**
 * Scaled solve of ([[a11, a12], [a21, a22]] - λ I) x = s b for a real 2x2 diagonal block of T and a
 * complex λ = lr + i li, b = (b1, b2) (LAPACK dlaln2 with na = 2): Gaussian elimination with complete
 * pivoting, the second pivot perturbed to at least smin, s <= 1 against overflow. Result: sx1, sx2, sscale.
 */
function solve2(
  a11: f64, a12: f64, a21: f64, a22: f64, lr: f64, li: f64,
  b1r: f64, b1i: f64, b2r: f64, b2i: f64, smin: f64, bignum: f64,
): void {
  const c11r = a11 - lr, c22r = a22 - lr, cdi = -li; // C = A - λI; both diagonal entries have Im = -li
  const m11 = Math.abs(c11r) + Math.abs(cdi), m12 = Math.abs(a12);
  const m21 = Math.abs(a21), m22 = Math.abs(c22r) + Math.abs(cdi);
  let cmax = m11;
  let piv = 0;
  if (m12 > cmax) { cmax = m12; piv = 1; }
  if (m21 > cmax) { cmax = m21; piv = 2; }
  if (m22 > cmax) { cmax = m22; piv = 3; }
  sscale = 1.0;
  if (cmax < smin) {
    // the whole block is negligible: solve with smin I (dlaln2)
    const bn = Math.max(Math.abs(b1r) + Math.abs(b1i), Math.abs(b2r) + Math.abs(b2i));
    if (smin < 1.0 && bn > 1.0 && bn > bignum * smin) sscale = 1.0 / bn;
    const t = sscale / smin;
    sx1r = b1r * t;
    sx1i = b1i * t;
    sx2r = b2r * t;
    sx2i = b2i * t;
    return;
  }
  // pivot u11 = C[p][q]; u12 = C[p][q'], l = C[p'][q], o = C[p'][q'] (p', q' the other row, column)
  let u11r: f64, u11i: f64, u12r: f64, u12i: f64, lwr: f64, lwi: f64, opr: f64, opi: f64;
  let bpr: f64, bpi: f64, bqr: f64, bqi: f64;
  if (piv == 0) {
    u11r = c11r; u11i = cdi; u12r = a12; u12i = 0.0; lwr = a21; lwi = 0.0; opr = c22r; opi = cdi;
    bpr = b1r; bpi = b1i; bqr = b2r; bqi = b2i;
  } else if (piv == 1) {
    u11r = a12; u11i = 0.0; u12r = c11r; u12i = cdi; lwr = c22r; lwi = cdi; opr = a21; opi = 0.0;
    bpr = b1r; bpi = b1i; bqr = b2r; bqi = b2i;
  } else if (piv == 2) {
    u11r = a21; u11i = 0.0; u12r = c22r; u12i = cdi; lwr = c11r; lwi = cdi; opr = a12; opi = 0.0;
    bpr = b2r; bpi = b2i; bqr = b1r; bqi = b1i;
  } else {
    u11r = c22r; u11i = cdi; u12r = a21; u12i = 0.0; lwr = a12; lwi = 0.0; opr = c11r; opi = cdi;
    bpr = b2r; bpi = b2i; bqr = b1r; bqi = b1i;
  }
  // l21 = l / u11, u22 = o - l21 u12, b_q -= l21 b_p
  cdiv(lwr, lwi, u11r, u11i);
  const l21r = cdivr, l21i = cdivi;
  let u22r = opr - (l21r * u12r - l21i * u12i);
  let u22i = opi - (l21r * u12i + l21i * u12r);
  let u22n = Math.abs(u22r) + Math.abs(u22i);
  if (u22n < smin) {
    u22r = smin;
    u22i = 0.0;
    u22n = smin;
  }
  bqr = bqr - (l21r * bpr - l21i * bpi);
  bqi = bqi - (l21r * bpi + l21i * bpr);
  // |x_p| is about |b_p| |u22| / |u11| / |u22|: bound both solution components before dividing (dlaln2)
  const u11n = Math.abs(u11r) + Math.abs(u11i);
  const bbnd = Math.max((Math.abs(bpr) + Math.abs(bpi)) * (u22n / u11n), Math.abs(bqr) + Math.abs(bqi));
  if (bbnd > 1.0 && u22n < 1.0 && bbnd >= bignum * u22n) sscale = 1.0 / bbnd;
  cdiv(sscale * bqr, sscale * bqi, u22r, u22i);
  const xqr = cdivr, xqi = cdivi;
  cdiv(sscale * bpr - (u12r * xqr - u12i * xqi), sscale * bpi - (u12r * xqi + u12i * xqr), u11r, u11i);
  const xpr = cdivr, xpi = cdivi;
  // the pivot column q holds x_p's unknown: q = 0 for piv 0, 2 and q = 1 for piv 1, 3
  if (piv == 0 || piv == 2) {
    sx1r = xpr; sx1i = xpi; sx2r = xqr; sx2i = xqi;
  } else {
    sx1r = xqr; sx1i = xqi; sx2r = xpr; sx2i = xpi;
  }
  // final guard of dlaln2: |x| cmax must stay below bignum for the caller's update
  const xn = Math.max(Math.abs(sx1r) + Math.abs(sx1i), Math.abs(sx2r) + Math.abs(sx2i));
  if (xn > 1.0 && cmax > 1.0 && xn > bignum / cmax) {
    const t = cmax / bignum;
    sx1r *= t; sx1i *= t; sx2r *= t; sx2i *= t;
    sscale *= t;
  }
}

@inline
function scaleRange(x: StaticArray<f64>, from: i32, to: i32, f: f64): void {
  for (let k = from; k <= to; k++) unchecked((x[k] = x[k] * f));
}

/**
 * Eigenvectors of the real quasi-triangular Schur factor T (in h; 2x2 blocks marked by e[i] < 0 on
 * their second row) by scaled back substitution, after LAPACK dtrevc (Anderson et al., LAPACK Users'
 * Guide 3rd ed. 1999; Golub & Van Loan 4th ed. §7.6.4): diagonal pivots T_ii - λ smaller than
 * smin = max(ulp |λ|, smlnum) are perturbed to smin, every 1x1 / 2x2 solve is scaled (dlaln2) and the
 * partial solution is rescaled whenever the next right-hand side could exceed bignum, so nothing
 * overflows and no NaN appears, however close (or equal) the eigenvalues are. Row-oriented (dot
 * products over contiguous rows of T). Each vector is normalised to max |re| + |im| = 1 and stored in
 * T's upper triangle: column j for a real λ_j; columns (j - 1, j) = (Re, Im) for the pair whose second
 * member is j, the vector of λ = d[j] + i |e[j]| (Im of row j is 1 before scaling, Re of row j is 0).
 */
function schurVectors(nn: i32, h: StaticArray<f64>, d: StaticArray<f64>, e: StaticArray<f64>): void {
  const ulp = EPS;
  const smlnum = SAFMIN * (<f64>nn / ulp);
  const bignum = (1.0 - ulp) / smlnum;
  // rnorm[i] = sum_{k > i} |T_ik| bounds a right-hand side by rnorm[i] * max |x|
  const rnorm = new StaticArray<f64>(nn);
  for (let i = 0; i < nn; i++) {
    const ri = i * nn;
    let s = 0.0;
    for (let k = i + 1; k < nn; k++) s += Math.abs(unchecked(h[ri + k]));
    unchecked((rnorm[i] = s));
  }
  const xr = new StaticArray<f64>(nn);
  const xi = new StaticArray<f64>(nn);
  for (let ki = nn - 1; ki >= 0; ki--) {
    const eki = unchecked(e[ki]);
    if (eki > 0.0) continue; // first member of a complex pair: solved with its partner ki + 1
    const cplx = eki < 0.0;
    const lr = unchecked(d[ki]);
    const li = cplx ? -eki : 0.0; // λ = lr + i li
    const smin = Math.max(ulp * (Math.abs(lr) + Math.abs(li)), smlnum);
    let i: i32;
    let xmax: f64;
    if (!cplx) {
      unchecked((xr[ki] = 1.0));
      unchecked((xi[ki] = 0.0));
      xmax = 1.0;
      i = ki - 1;
    } else {
      // null vector of the 2x2 block (rows ki-1, ki) for λ, with x_ki = i (EISPACK hqr2 / JAMA):
      // the division is by the larger off-diagonal, or by (T_11 - λ), |T_11 - λ| >= li > 0
      const rn = ki * nn, rn1 = (ki - 1) * nn;
      const c = unchecked(h[rn + ki - 1]), b = unchecked(h[rn1 + ki]);
      if (Math.abs(c) > Math.abs(b)) {
        unchecked((xr[ki - 1] = eki / c));
        unchecked((xi[ki - 1] = -(h[rn + ki] - lr) / c));
      } else {
        cdiv(0.0, -b, unchecked(h[rn1 + ki - 1]) - lr, eki);
        unchecked((xr[ki - 1] = cdivr));
        unchecked((xi[ki - 1] = cdivi));
      }
      unchecked((xr[ki] = 0.0));
      unchecked((xi[ki] = 1.0));
      xmax = Math.max(1.0, Math.abs(unchecked(xr[ki - 1])) + Math.abs(unchecked(xi[ki - 1])));
      i = ki - 2;
    }
    while (i >= 0) {
      const two = i > 0 && unchecked(e[i]) < 0.0; // rows (i-1, i) are a 2x2 block
      const i0 = two ? i - 1 : i;
      // keep every right-hand side below bignum (dtrevc's check, for the row-oriented update)
      const bnd = two ? Math.max(unchecked(rnorm[i0]), unchecked(rnorm[i])) : unchecked(rnorm[i]);
      if (xmax > 1.0 && bnd > bignum / xmax) {
        const f = 1.0 / xmax;
        scaleRange(xr, i + 1, ki, f);
        if (cplx) scaleRange(xi, i + 1, ki, f);
        xmax = 1.0;
      }
      // b = -T[i0..i, i+1..ki] x
      const ri = i * nn;
      let br = 0.0, bi = 0.0;
      for (let k = i + 1; k <= ki; k++) br -= unchecked(h[ri + k]) * unchecked(xr[k]);
      if (cplx) for (let k = i + 1; k <= ki; k++) bi -= unchecked(h[ri + k]) * unchecked(xi[k]);
      if (!two) {
        solve1(unchecked(h[ri + i]), lr, li, br, bi, smin, bignum);
        if (sscale != 1.0) {
          scaleRange(xr, i + 1, ki, sscale);
          if (cplx) scaleRange(xi, i + 1, ki, sscale);
          xmax *= sscale;
        }
        unchecked((xr[i] = sx1r));
        unchecked((xi[i] = sx1i));
        xmax = Math.max(xmax, Math.abs(sx1r) + Math.abs(sx1i));
      } else {
        const r0 = i0 * nn;
        let b0r = 0.0, b0i = 0.0;
        for (let k = i + 1; k <= ki; k++) b0r -= unchecked(h[r0 + k]) * unchecked(xr[k]);
        if (cplx) for (let k = i + 1; k <= ki; k++) b0i -= unchecked(h[r0 + k]) * unchecked(xi[k]);
        solve2(
          unchecked(h[r0 + i0]), unchecked(h[r0 + i]), unchecked(h[ri + i0]), unchecked(h[ri + i]),
          lr, li, b0r, b0i, br, bi, smin, bignum,
        );
        if (sscale != 1.0) {
          scaleRange(xr, i + 1, ki, sscale);
          if (cplx) scaleRange(xi, i + 1, ki, sscale);
          xmax *= sscale;
        }
        unchecked((xr[i0] = sx1r));
        unchecked((xi[i0] = sx1i));
        unchecked((xr[i] = sx2r));
        unchecked((xi[i] = sx2i));
        xmax = Math.max(xmax, Math.max(Math.abs(sx1r) + Math.abs(sx1i), Math.abs(sx2r) + Math.abs(sx2i)));
      }
      i = i0 - 1;
    }
    // normalise to max |re| + |im| = 1 (dtrevc) and store in T's column(s), which no later
    // (smaller) ki reads: vector ki only uses columns <= ki of T
    let emax = 0.0;
    for (let k = 0; k <= ki; k++) emax = Math.max(emax, Math.abs(unchecked(xr[k])) + Math.abs(unchecked(xi[k])));
    const f = emax > 0.0 ? 1.0 / emax : 1.0;
    if (!cplx) {
      for (let k = 0; k <= ki; k++) unchecked((h[k * nn + ki] = xr[k] * f));
    } else {
      for (let k = 0; k < ki; k++) unchecked((h[k * nn + ki - 1] = xr[k] * f));
      for (let k = 0; k <= ki; k++) unchecked((h[k * nn + ki] = xi[k] * f));
    }
  }
}

/**
 * Francis double-shift QR on the Hessenberg h (n x n). With zt non-null, h is driven to real Schur
 * form T, zt (= Z^T) accumulates the transformations, and the eigenvectors of T are back-substituted
 * into h's upper triangle and transformed back (zt then holds the eigenvectors as rows).
 * With backsub false it stops at the Schur form (T in h, Z^T in zt).
 * Returns false (ERR_NO_CONVERGENCE) after 30 max(10, n) iterations, LAPACK dlahqr's limit.
 */
function hqr2(nn: i32, h: StaticArray<f64>, d: StaticArray<f64>, e: StaticArray<f64>, zt: StaticArray<f64> | null, backsub: bool = true): bool {
  const wantV = zt !== null;
  const low = 0;
  const high = nn - 1;
  let n = nn - 1;
  let exshift = 0.0;
  let p = 0.0, q = 0.0, r = 0.0, s = 0.0, z = 0.0;
  let t: f64, w: f64, x: f64, y: f64;

  let norm = 0.0;
  for (let i = 0; i < nn; i++) {
    for (let j = i > 0 ? i - 1 : 0; j < nn; j++) norm += Math.abs(unchecked(h[i * nn + j]));
  }

  let iter = 0;
  let total = 0;
  const maxTotal = 30 * (nn > 10 ? nn : 10);
  while (n >= low) {
    // look for a single small subdiagonal element
    let l = n;
    while (l > low) {
      s = Math.abs(unchecked(h[(l - 1) * nn + l - 1])) + Math.abs(unchecked(h[l * nn + l]));
      if (s == 0.0) s = norm;
      const sub = Math.abs(unchecked(h[l * nn + l - 1]));
      if (sub == 0.0 || sub < EPS * s) break; // an exact zero deflates even when norm == 0
      l--;
    }
    if (l == n) {
      // one root found
      unchecked((h[n * nn + n] = h[n * nn + n] + exshift));
      unchecked((d[n] = h[n * nn + n]));
      unchecked((e[n] = 0.0));
      n--;
      iter = 0;
    } else if (l == n - 1) {
      // two roots found
      w = unchecked(h[n * nn + n - 1]) * unchecked(h[(n - 1) * nn + n]);
      p = (unchecked(h[(n - 1) * nn + n - 1]) - unchecked(h[n * nn + n])) / 2.0;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      unchecked((h[n * nn + n] = h[n * nn + n] + exshift));
      unchecked((h[(n - 1) * nn + n - 1] = h[(n - 1) * nn + n - 1] + exshift));
      x = unchecked(h[n * nn + n]);
      if (q >= 0) {
        // real pair
        z = p >= 0 ? p + z : p - z;
        unchecked((d[n - 1] = x + z));
        unchecked((d[n] = d[n - 1]));
        if (z != 0.0) unchecked((d[n] = x - w / z));
        unchecked((e[n - 1] = 0.0));
        unchecked((e[n] = 0.0));
        x = unchecked(h[n * nn + n - 1]);
        s = Math.abs(x) + Math.abs(z);
        // s == 0: the block is [[a, b], [0, a]] already triangular (a rotation would be 0/0 = NaN)
        if (wantV && s != 0.0) {
          p = x / s;
          q = z / s;
          r = Math.sqrt(p * p + q * q);
          p = p / r;
          q = q / r;
          // row modification
          const r1 = (n - 1) * nn, r2 = n * nn;
          for (let j = n - 1; j < nn; j++) {
            z = unchecked(h[r1 + j]);
            unchecked((h[r1 + j] = q * z + p * h[r2 + j]));
            unchecked((h[r2 + j] = q * h[r2 + j] - p * z));
          }
          // column modification
          for (let i = 0; i <= n; i++) {
            const ri = i * nn;
            z = unchecked(h[ri + n - 1]);
            unchecked((h[ri + n - 1] = q * z + p * h[ri + n]));
            unchecked((h[ri + n] = q * h[ri + n] - p * z));
          }
          // accumulate (rows n-1, n of Z^T)
          const zt1 = changetype<StaticArray<f64>>(zt);
          const c1 = (n - 1) * nn, c2 = n * nn;
          for (let i = low; i <= high; i++) {
            z = unchecked(zt1[c1 + i]);
            unchecked((zt1[c1 + i] = q * z + p * zt1[c2 + i]));
            unchecked((zt1[c2 + i] = q * zt1[c2 + i] - p * z));
          }
        }
      } else {
        // complex pair
        unchecked((d[n - 1] = x + p));
        unchecked((d[n] = x + p));
        unchecked((e[n - 1] = z));
        unchecked((e[n] = -z));
      }
      n = n - 2;
      iter = 0;
    } else {
      // no convergence yet
      if (++total > maxTotal) {
        setError(ERR_NO_CONVERGENCE, <f64>total);
        return false;
      }
      x = unchecked(h[n * nn + n]);
      y = 0.0;
      w = 0.0;
      if (l < n) {
        y = unchecked(h[(n - 1) * nn + n - 1]);
        w = unchecked(h[n * nn + n - 1]) * unchecked(h[(n - 1) * nn + n]);
      }
      // Wilkinson's original ad hoc shift (exceptional shift after 10 and 20 fruitless iterations)
      if (iter == 10 || iter == 20) {
        exshift += x;
        for (let i = low; i <= n; i++) unchecked((h[i * nn + i] = h[i * nn + i] - x));
        s = Math.abs(unchecked(h[n * nn + n - 1])) + Math.abs(unchecked(h[(n - 1) * nn + n - 2]));
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      // MATLAB's ad hoc shift (JAMA)
      if (iter == 30) {
        s = (y - x) / 2.0;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2.0 + s);
          for (let i = low; i <= n; i++) unchecked((h[i * nn + i] = h[i * nn + i] - s));
          exshift += s;
          x = y = w = 0.964;
        }
      }
      iter++;
      // look for two consecutive small subdiagonal elements
      let m = n - 2;
      while (m >= l) {
        z = unchecked(h[m * nn + m]);
        r = x - z;
        s = y - z;
        p = (r * s - w) / unchecked(h[(m + 1) * nn + m]) + unchecked(h[m * nn + m + 1]);
        q = unchecked(h[(m + 1) * nn + m + 1]) - z - r - s;
        r = unchecked(h[(m + 2) * nn + m + 1]);
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p = p / s;
        q = q / s;
        r = r / s;
        if (m == l) break;
        if (
          Math.abs(unchecked(h[m * nn + m - 1])) * (Math.abs(q) + Math.abs(r)) <
          EPS * (Math.abs(p) * (Math.abs(unchecked(h[(m - 1) * nn + m - 1])) + Math.abs(z) + Math.abs(unchecked(h[(m + 1) * nn + m + 1]))))
        )
          break;
        m--;
      }
      for (let i = m + 2; i <= n; i++) {
        unchecked((h[i * nn + i - 2] = 0.0));
        if (i > m + 2) unchecked((h[i * nn + i - 3] = 0.0));
      }
      // double QR step on rows l..n and columns m..n
      const jEnd = wantV ? nn : n + 1;
      const iStart = wantV ? 0 : l;
      for (let k = m; k <= n - 1; k++) {
        const notlast = k != n - 1;
        if (k != m) {
          p = unchecked(h[k * nn + k - 1]);
          q = unchecked(h[(k + 1) * nn + k - 1]);
          r = notlast ? unchecked(h[(k + 2) * nn + k - 1]) : 0.0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x == 0.0) continue;
          p = p / x;
          q = q / x;
          r = r / x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s != 0) {
          if (k != m) unchecked((h[k * nn + k - 1] = -s * x));
          else if (l != m) unchecked((h[k * nn + k - 1] = -h[k * nn + k - 1]));
          p = p + s;
          x = p / s;
          y = q / s;
          z = r / s;
          q = q / p;
          r = r / p;
          // row modification
          const rk = k * nn, rk1 = rk + nn, rk2 = rk1 + nn;
          if (notlast) {
            for (let j = k; j < jEnd; j++) {
              p = unchecked(h[rk + j]) + q * unchecked(h[rk1 + j]) + r * unchecked(h[rk2 + j]);
              unchecked((h[rk2 + j] = h[rk2 + j] - p * z));
              unchecked((h[rk + j] = h[rk + j] - p * x));
              unchecked((h[rk1 + j] = h[rk1 + j] - p * y));
            }
          } else {
            for (let j = k; j < jEnd; j++) {
              p = unchecked(h[rk + j]) + q * unchecked(h[rk1 + j]);
              unchecked((h[rk + j] = h[rk + j] - p * x));
              unchecked((h[rk1 + j] = h[rk1 + j] - p * y));
            }
          }
          // column modification
          const iEnd = n < k + 3 ? n : k + 3;
          for (let i = iStart; i <= iEnd; i++) {
            const ri = i * nn;
            p = x * unchecked(h[ri + k]) + y * unchecked(h[ri + k + 1]);
            if (notlast) {
              p = p + z * unchecked(h[ri + k + 2]);
              unchecked((h[ri + k + 2] = h[ri + k + 2] - p * r));
            }
            unchecked((h[ri + k] = h[ri + k] - p));
            unchecked((h[ri + k + 1] = h[ri + k + 1] - p * q));
          }
          // accumulate transformations (rows k, k+1, k+2 of Z^T: contiguous)
          if (wantV) {
            const zt1 = changetype<StaticArray<f64>>(zt);
            if (notlast) {
              for (let i = low; i <= high; i++) {
                p = x * unchecked(zt1[rk + i]) + y * unchecked(zt1[rk1 + i]) + z * unchecked(zt1[rk2 + i]);
                unchecked((zt1[rk2 + i] = zt1[rk2 + i] - p * r));
                unchecked((zt1[rk + i] = zt1[rk + i] - p));
                unchecked((zt1[rk1 + i] = zt1[rk1 + i] - p * q));
              }
            } else {
              for (let i = low; i <= high; i++) {
                p = x * unchecked(zt1[rk + i]) + y * unchecked(zt1[rk1 + i]);
                unchecked((zt1[rk + i] = zt1[rk + i] - p));
                unchecked((zt1[rk1 + i] = zt1[rk1 + i] - p * q));
              }
            }
          }
        }
      }
    }
  }
  if (!wantV || !backsub) return true;

  // eigenvectors of the quasi-triangular T, stored in T's upper triangle
  if (norm == 0.0) return true;
  schurVectors(nn, h, d, e);
  // back transformation: X = Z Y with Y upper triangular (in h); in transposed form
  // row j of X^T = sum_{k <= j} Y[k][j] * row k of Z^T, done for j descending so it works in place
  const zt1 = changetype<StaticArray<f64>>(zt);
  for (let j = nn - 1; j >= 0; j--) {
    const rj = j * nn;
    const yjj = unchecked(h[j * nn + j]);
    for (let i = 0; i < nn; i++) unchecked((zt1[rj + i] = zt1[rj + i] * yjj));
    for (let k = 0; k < j; k++) {
      const ykj = unchecked(h[k * nn + j]);
      if (ykj == 0.0) continue;
      const rk = k * nn;
      for (let i = 0; i < nn; i++) unchecked((zt1[rj + i] = zt1[rj + i] + ykj * zt1[rk + i]));
    }
  }
  return true;
}

/**
 * True when every eigenpair satisfies ||A v - λ v||_2 <= n eps ||A||_F ||v||_2, the backward error
 * of a backward-stable Schur decomposition (Golub & Van Loan 4th ed. §7.5.6). Cost: one product A V.
 */
function residualsSmall(A: Mat, e: Eig): bool {
  const n = A.rows, a = A.data, v = e.V.data, wr = e.wr, wi = e.wi;
  let normA = 0.0;
  for (let k = 0; k < n * n; k++) normA += unchecked(a[k] * a[k]);
  normA = Math.sqrt(normA);
  if (normA == 0.0) return true;
  const tol = <f64>n * EPS * normA;
  // R = A V, row-oriented (contiguous rows of V)
  const R = new StaticArray<f64>(n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < n; k++) {
      const aik = unchecked(a[ri + k]);
      if (aik == 0.0) continue;
      const rk = k * n;
      for (let j = 0; j < n; j++) unchecked((R[ri + j] = R[ri + j] + aik * v[rk + j]));
    }
  }
  for (let j = 0; j < n; j++) {
    const lr = unchecked(wr[j]), li = unchecked(wi[j]);
    if (li < 0.0) continue; // second of a pair: same vector, conjugated
    let s = 0.0, nv = 0.0;
    if (li == 0.0) {
      for (let i = 0; i < n; i++) {
        const x = unchecked(v[i * n + j]);
        const r = unchecked(R[i * n + j]) - lr * x;
        s += r * r;
        nv += x * x;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const xr = unchecked(v[i * n + j]), xi = unchecked(v[i * n + j + 1]);
        const rr = unchecked(R[i * n + j]) - (lr * xr - li * xi);
        const ri = unchecked(R[i * n + j + 1]) - (lr * xi + li * xr);
        s += rr * rr + ri * ri;
        nv += xr * xr + xi * xi;
      }
    }
    if (!(Math.sqrt(s) <= tol * Math.sqrt(nv))) return false; // NaN-safe
  }
  return true;
}

// whether the last eigCore call scaled anything in balance()
let lastBalanced = false;

function eigCore(A: Mat, wantV: bool, balanced: bool): Eig | null {
  if (A.rows != A.cols) {
    setError(ERR_INVALID_INPUT, 0);
    return null;
  }
  const n = A.rows;
  const h = new StaticArray<f64>(n * n);
  memory.copy(changetype<usize>(h), changetype<usize>(A.data), <usize>n * <usize>n * 8);
  const scale = new StaticArray<f64>(n);
  lastBalanced = false;
  if (balanced) {
    balance(n, h, scale);
    for (let i = 0; i < n; i++) if (unchecked(scale[i]) != 1.0) lastBalanced = true;
  } else {
    for (let i = 0; i < n; i++) unchecked((scale[i] = 1.0));
  }
  const zt: StaticArray<f64> | null = wantV ? new StaticArray<f64>(n * n) : null;
  orthes(n, h, zt);
  const wr = new StaticArray<f64>(n);
  const wi = new StaticArray<f64>(n);
  if (!hqr2(n, h, wr, wi, zt)) return null;
  if (!wantV) return new Eig(wr, wi, new Mat(0, 0));
  const z = changetype<StaticArray<f64>>(zt);
  // undo balancing (x = D y), normalise each eigenvector to unit (complex) Euclidean norm, transpose;
  // the norm is taken of x / max|x_i| so that a large balancing factor cannot overflow it
  const V = new Mat(n, n);
  const v = V.data;
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    for (let i = 0; i < n; i++) unchecked((z[rj + i] = z[rj + i] * scale[i]));
  }
  let j = 0;
  while (j < n) {
    const pair = unchecked(wi[j]) > 0.0 && j + 1 < n;
    const cols = pair ? 2 : 1;
    const rj = j * n;
    let amax = 0.0;
    for (let i = 0; i < cols * n; i++) amax = Math.max(amax, Math.abs(unchecked(z[rj + i])));
    let inv = 1.0;
    if (amax > 0.0) {
      const f = 1.0 / amax;
      let ss = 0.0;
      for (let i = 0; i < cols * n; i++) {
        const t = unchecked(z[rj + i]) * f;
        ss += t * t;
      }
      inv = f / Math.sqrt(ss);
    }
    for (let c = 0; c < cols; c++) {
      const rc = (j + c) * n;
      for (let i = 0; i < n; i++) unchecked((v[i * n + j + c] = z[rc + i] * inv));
    }
    j += cols;
  }
  return new Eig(wr, wi, V);
}

/**
 * Eigenvalues and eigenvectors of a real square A. Null + ERR_NO_CONVERGENCE if QR fails or a vector
 * is not finite (never a silent NaN).
 *
 * Balancing makes the Schur vectors backward stable for D^-1 A D, not for A: undoing D can raise the
 * residual ||A v - λ v|| by up to cond(D), and for strongly non-normal matrices (e.g. the Arnoldi
 * Hessenberg matrix of a shift-invert operator) to 1e-9 ||A|| and worse (James, Langou & Lowery 2014,
 * arXiv:1401.5766). So the residuals are checked against A itself (one product A V), and if any pair
 * misses n eps ||A||_F the decomposition is recomputed without balancing (LAPACK dgeevx balanc = 'N'),
 * which is backward stable in ||A|| (Golub & Van Loan 4th ed. §7.5.6). Values and vectors then both
 * come from that run, so eig's values may differ from eigvals' in the last digits for such matrices.
 */
export function eig(A: Mat): Eig | null {
  let e = eigCore(A, true, true);
  if (e === null) return null;
  if (lastBalanced && !residualsSmall(A, e)) {
    const e2 = eigCore(A, true, false);
    if (e2 === null) return null;
    e = e2;
  }
  const v = e.V.data, n = A.rows;
  for (let k = 0; k < n * n; k++) {
    if (!isFinite(unchecked(v[k]))) {
      setError(ERR_NO_CONVERGENCE, <f64>(k % n));
      return null;
    }
  }
  return e;
}

/**
 * Real Schur decomposition of the n x n row-major `h` (overwritten): on return h holds T = Z^T A Z,
 * quasi-upper-triangular with exact zeros below its 1x1 and 2x2 diagonal blocks (hqr2 leaves
 * negligible subdiagonals and orthes its reflectors there), and zt holds Z^T (row r: Schur vector r).
 * No balancing: the similarity must stay orthogonal. The 2x2 blocks are not standardised (schur.ts
 * does that). wr, wi receive the eigenvalues in diagonal order. False (+ ERR_NO_CONVERGENCE) if QR fails.
 */
export function realSchur(n: i32, h: StaticArray<f64>, zt: StaticArray<f64>, wr: StaticArray<f64>, wi: StaticArray<f64>): bool {
  orthes(n, h, zt);
  if (!hqr2(n, h, wr, wi, zt, false)) return false;
  for (let i = 1; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j < i - 1; j++) unchecked((h[ri + j] = 0.0));
    // a complex pair occupies rows (i-1, i) with wi[i-1] > 0 and wi[i] < 0; every other subdiagonal is 0
    if (!(unchecked(wi[i - 1]) > 0.0 && unchecked(wi[i]) < 0.0)) unchecked((h[ri + i - 1] = 0.0));
  }
  return true;
}

/** Eigenvalues only (V is 0 x 0): hqr restricted to the active block, about 3x faster than eig. */
export function eigvals(A: Mat): Eig | null {
  return eigCore(A, false, true);
}
