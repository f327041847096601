// Allocation-free dense kernels for the UKF on raw addresses of row-major f64 arrays. The filter
// preallocates every workspace, so a step allocates nothing; loops are written in "axpy" form (a
// row updated by a multiple of another row, contiguous in row-major storage) rather than as dot
// products, so they are bound by loads/stores and not by the latency of one running sum.
// linalg/cholesky.ts allocates its factor and works on the lower triangle; the sigma points of
// FilterPy are the ROWS of the upper factor (scipy.linalg.cholesky), hence this in-place upper form.

@inline export function ld(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

@inline export function st(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

/** y[0..len) += s * x[0..len) */
export function axpy(y: usize, x: usize, s: f64, len: i32): void {
  const end = y + (<usize>len << 3);
  while (y < end) {
    store<f64>(y, load<f64>(y) + s * load<f64>(x));
    y += 8;
    x += 8;
  }
}

/** d[0..len) = a[0..len) - b[0..len) */
export function sub(d: usize, a: usize, b: usize, len: i32): void {
  for (let i = 0; i < len; i++) st(d, i, ld(a, i) - ld(b, i));
}

export function copy(d: usize, s: usize, len: i32): void {
  memory.copy(d, s, <usize>len << 3);
}

export function fill(d: usize, v: f64, len: i32): void {
  for (let i = 0; i < len; i++) st(d, i, v);
}

/** True if every value is finite; else false (index via firstNonFinite). */
export function firstNonFinite(p: usize, len: i32): i32 {
  for (let i = 0; i < len; i++) {
    const v = ld(p, i);
    if (!(v - v == 0.0)) return i; // NaN - NaN and inf - inf are NaN
  }
  return -1;
}

/**
 * In-place upper Cholesky A = U^T U of the symmetric n x n matrix at a (upper triangle read, strict
 * lower triangle set to 0). Right-looking outer-product form (Golub & Van Loan, Matrix Computations,
 * 4th ed., Alg. 4.2.2 transposed; LAPACK dpotrf 'U'): row k of U is scaled, then the trailing upper
 * triangle loses the outer product of row k with itself. Returns -1, or the column whose pivot was
 * not > 0 (A is then not positive definite; a is left partly overwritten).
 */
export function cholUpper(a: usize, n: i32): i32 {
  const nb = <usize>n << 3;
  // Panels of (up to) four pivots: the panel rows are finished one after another with the updates
  // of the earlier panel rows (in order), then every later row i gets
  // (((a_ij + s0 u0j) + s1 u1j) + s2 u2j) + s3 u3j in one sweep. Each entry sees the same operations
  // in the same order as the one-pivot form (the factor is the same up to the sign of zero entries,
  // as a row is skipped only when all four multipliers are 0), with a quarter of the loads and
  // stores of the trailing matrix.
  for (let k = 0; k < n; k += 4) {
    const kb = k + 4 < n ? 4 : n - k;
    for (let p = 0; p < kb; p++) {
      const kp = k + p;
      const rp = a + <usize>kp * nb;
      const off = <usize>kp << 3;
      for (let q = 0; q < p; q++) {
        const rq = a + <usize>(k + q) * nb;
        const sq = -load<f64>(rq + off);
        if (sq != 0.0) axpy(rp + off, rq + off, sq, n - kp);
      }
      const piv = load<f64>(rp + off);
      if (!(piv > 0.0)) return kp;
      const d = Math.sqrt(piv);
      store<f64>(rp + off, d);
      const inv = 1.0 / d;
      for (let j = kp + 1; j < n; j++) st(rp, j, ld(rp, j) * inv);
    }
    if (kb < 4) break; // the last rows are all inside this panel
    const r0 = a + <usize>k * nb, r1 = r0 + nb, r2 = r1 + nb, r3 = r2 + nb;
    for (let i = k + 4; i < n; i++) {
      const off = <usize>i << 3;
      const s0 = -load<f64>(r0 + off), s1 = -load<f64>(r1 + off), s2 = -load<f64>(r2 + off), s3 = -load<f64>(r3 + off);
      if (s0 == 0.0 && s1 == 0.0 && s2 == 0.0 && s3 == 0.0) continue;
      let pi = a + <usize>i * nb + off;
      const end = a + <usize>i * nb + nb;
      let o = off;
      while (pi < end) {
        store<f64>(pi, load<f64>(pi) + s0 * load<f64>(r0 + o) + s1 * load<f64>(r1 + o) + s2 * load<f64>(r2 + o) + s3 * load<f64>(r3 + o));
        pi += 8;
        o += 8;
      }
    }
  }
  for (let i = 1; i < n; i++) fill(a + <usize>i * nb, 0.0, i);
  return -1;
}

/**
 * Solves (U^T U) X = B in place for an upper triangular n x n U and B with n rows of len values
 * (each row of B one component of all right-hand sides): forward substitution with U^T, then back
 * substitution with U, on whole rows (Golub & Van Loan 4th ed. §3.1, row versions).
 */
export function cholSolveRows(u: usize, n: i32, b: usize, len: i32): void {
  const rowBytes = <usize>len << 3;
  // U^T y = b: y_i = (b_i - sum_{k<i} U[k,i] y_k) / U[i,i]
  for (let i = 0; i < n; i++) {
    const bi = b + <usize>i * rowBytes;
    for (let k = 0; k < i; k++) {
      const s = ld(u, k * n + i);
      if (s != 0.0) axpy(bi, b + <usize>k * rowBytes, -s, len);
    }
    const inv = 1.0 / ld(u, i * n + i);
    for (let j = 0; j < len; j++) st(bi, j, ld(bi, j) * inv);
  }
  // U x = y: x_i = (y_i - sum_{k>i} U[i,k] x_k) / U[i,i]
  for (let i = n - 1; i >= 0; i--) {
    const bi = b + <usize>i * rowBytes;
    for (let k = i + 1; k < n; k++) {
      const s = ld(u, i * n + k);
      if (s != 0.0) axpy(bi, b + <usize>k * rowBytes, -s, len);
    }
    const inv = 1.0 / ld(u, i * n + i);
    for (let j = 0; j < len; j++) st(bi, j, ld(bi, j) * inv);
  }
}

/**
 * Rank-1 modification of an upper Cholesky factor: U'^T U' = U^T U + sign * v v^T (v is destroyed).
 * Update (sign +1) and downdate (sign -1) by hyperbolic/plane rotations applied row by row
 * (Gill, Golub, Murray & Saunders 1974, Math. Comp. 28(126):505, method C1; the form of LINPACK
 * dchud/dchdd). Returns -1, or the column at which a downdate would make the matrix indefinite
 * (U is then partly modified; the caller restores it).
 */
export function cholRank1(u: usize, n: i32, v: usize, sign: f64): i32 {
  for (let k = 0; k < n; k++) {
    const rk = u + (<usize>(k * n) << 3);
    const ukk = ld(rk, k);
    const vk = ld(v, k);
    const r2 = ukk * ukk + sign * vk * vk;
    if (!(r2 > 0.0) || !(ukk > 0.0)) return k;
    const r = Math.sqrt(r2);
    const c = r / ukk;
    const s = vk / ukk;
    st(rk, k, r);
    const invc = 1.0 / c;
    for (let j = k + 1; j < n; j++) {
      const ukj = (ld(rk, j) + sign * s * ld(v, j)) * invc;
      st(rk, j, ukj);
      st(v, j, c * ld(v, j) - s * ukj);
    }
  }
  return -1;
}

/**
 * R factor of the Householder QR of the p x n matrix at a (p >= n), written to the n x n upper
 * triangular r with non-negative diagonal; a is destroyed. Golub & Van Loan 4th ed. Alg. 5.2.1
 * (Householder vectors of Alg. 5.1.1), the reflector applied as w = v^T A, A -= tau v w on whole rows.
 * w: workspace of n values. R^T R = A^T A, so R is the upper Cholesky factor of A^T A.
 */
export function qrR(a: usize, p: i32, n: i32, r: usize, w: usize): void {
  for (let k = 0; k < n; k++) {
    // column k below the diagonal: norm with scaling against overflow
    let scale = 0.0;
    for (let i = k; i < p; i++) scale = Math.max(scale, Math.abs(ld(a, i * n + k)));
    if (scale == 0.0) continue;
    let ss = 0.0;
    for (let i = k; i < p; i++) {
      const t = ld(a, i * n + k) / scale;
      ss += t * t;
    }
    const akk = ld(a, k * n + k);
    const alpha = (akk > 0.0 ? -scale : scale) * Math.sqrt(ss); // -sign(akk) |x|: no cancellation
    // v = x - alpha e1 (stored in column k, v_k = akk - alpha); H = I - v v^T / (alpha (alpha - akk))
    const vk = akk - alpha;
    st(a, k * n + k, vk);
    const tau = -1.0 / (alpha * vk); // = 2 / v^T v
    const len = n - k - 1;
    if (len > 0) {
      fill(w, 0.0, len);
      for (let i = k; i < p; i++) {
        const vi = ld(a, i * n + k);
        if (vi != 0.0) axpy(w, a + (<usize>(i * n + k + 1) << 3), vi, len);
      }
      for (let i = k; i < p; i++) {
        const vi = ld(a, i * n + k);
        if (vi != 0.0) axpy(a + (<usize>(i * n + k + 1) << 3), w, -tau * vi, len);
      }
    }
    st(a, k * n + k, alpha);
  }
  // copy R, rows made sign-positive on the diagonal (R -> D R, D = diag(+-1), keeps R^T R)
  for (let i = 0; i < n; i++) {
    const sgn = ld(a, i * n + i) < 0.0 ? -1.0 : 1.0;
    for (let j = 0; j < i; j++) st(r, i * n + j, 0.0);
    for (let j = i; j < n; j++) st(r, i * n + j, sgn * ld(a, i * n + j));
  }
}

/** out (n x n) = U^T U for upper triangular U: the covariance of a square-root factor. */
export function gramUpper(u: usize, n: i32, out: usize): void {
  fill(out, 0.0, n * n);
  // out[i, :] += U[k, i] * U[k, :] for k <= i (row axpys), i.e. sum over the rows k of U
  for (let k = 0; k < n; k++) {
    const rk = u + (<usize>(k * n) << 3);
    for (let i = k; i < n; i++) {
      const s = ld(rk, i);
      if (s != 0.0) axpy(out + (<usize>(i * n + k) << 3), rk + (<usize>k << 3), s, n - k);
    }
  }
}

/** sum_t a[t] b[t], t in [0, k): one dot product with two running sums (even / odd t). */
function dot(a: usize, b: usize, k: i32): f64 {
  let s0 = 0.0, s1 = 0.0;
  let t = 0;
  for (; t + 1 < k; t += 2) {
    const o = <usize>t << 3;
    s0 += load<f64>(a + o) * load<f64>(b + o);
    s1 += load<f64>(a + o + 8) * load<f64>(b + o + 8);
  }
  if (t < k) s0 += load<f64>(a + (<usize>t << 3)) * load<f64>(b + (<usize>t << 3));
  return s0 + s1;
}

/**
 * C[i, j] = sum_t A[i, t] B[j, t] (C = A B^T; A: rows x k, B: cols x k, C: rows x cols, all row-major)
 * for j >= jFrom(i), where jFrom(i) = i rounded down to a multiple of 4 if `upper` (the upper triangle
 * plus a few entries below it, which the caller overwrites), else 0. Register tiles of 2 x 4 entries,
 * 8 independent sums: 6 loads per 8 multiply-adds instead of 3 memory operations per multiply-add of
 * a row update (the blocking idea of Goto & van de Geijn 2008, ACM TOMS 34(3), at register level).
 */
export function gemmNT(A: usize, B: usize, C: usize, rows: i32, cols: i32, k: i32, upper: bool): void {
  gemmNTFrom(A, B, C, rows, cols, k, upper, false, false);
}

/**
 * gemmNT; if `triA`, A is upper triangular (A[i, t] = 0 for t < i) and the sums of rows i, i+1
 * start at t = i; if `triB`, B is (B[j, t] = 0 for t < j) and the sums of a 4-column tile from j start
 * at t = j. The skipped terms are exact zeros (the other factor finite), so the sums are unchanged
 * (up to the sign of a zero result).
 */
export function gemmNTFrom(A: usize, B: usize, C: usize, rows: i32, cols: i32, k: i32, upper: bool, triA: bool, triB: bool): void {
  const kb = <usize>k << 3;
  let i = 0;
  for (; i + 1 < rows; i += 2) {
    const t0: usize = triA ? <usize>i << 3 : 0;
    const a0 = A + <usize>i * kb, a1 = a0 + kb;
    const c0 = C + (<usize>(i * cols) << 3), c1 = c0 + (<usize>cols << 3);
    let j = upper ? i & ~3 : 0; // whole 4-column tiles from the diagonal block on: no short tail
    for (; j + 3 < cols; j += 4) {
      const b0 = B + <usize>j * kb, b1 = b0 + kb, b2 = b1 + kb, b3 = b2 + kb;
      let s00 = 0.0, s01 = 0.0, s02 = 0.0, s03 = 0.0, s10 = 0.0, s11 = 0.0, s12 = 0.0, s13 = 0.0;
      const tj: usize = triB ? <usize>j << 3 : 0;
      for (let o: usize = t0 > tj ? t0 : tj; o < kb; o += 8) {
        const x0 = load<f64>(a0 + o), x1 = load<f64>(a1 + o);
        const y0 = load<f64>(b0 + o), y1 = load<f64>(b1 + o), y2 = load<f64>(b2 + o), y3 = load<f64>(b3 + o);
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      const jo = <usize>j << 3;
      store<f64>(c0 + jo, s00);
      store<f64>(c0 + jo + 8, s01);
      store<f64>(c0 + jo + 16, s02);
      store<f64>(c0 + jo + 24, s03);
      store<f64>(c1 + jo, s10);
      store<f64>(c1 + jo + 8, s11);
      store<f64>(c1 + jo + 16, s12);
      store<f64>(c1 + jo + 24, s13);
    }
    for (; j < cols; j++) {
      const bj = B + <usize>j * kb;
      const t = t0 >> 3;
      st(c0, j, dot(a0 + t0, bj + t0, k - <i32>t));
      st(c1, j, dot(a1 + t0, bj + t0, k - <i32>t));
    }
  }
  if (i < rows) {
    const a0 = A + <usize>i * kb, c0 = C + (<usize>(i * cols) << 3);
    for (let j = upper ? i : 0; j < cols; j++) st(c0, j, dot(a0, B + <usize>j * kb, k));
  }
}
