// Reordering a real Schur form T = Zᵀ A Z (quasi-upper-triangular, 1x1 and 2x2 diagonal blocks) by
// orthogonal swaps of adjacent blocks, so that chosen eigenvalues lead: the restart of the Krylov–Schur
// method (arnoldi.ts). Ports of LAPACK 3.12: dlanv2 (standardised 2x2 Schur factor), dlaexc (swap of
// adjacent blocks by the direct method of Bai & Demmel 1993, "On swapping diagonal blocks in real Schur
// form", Linear Algebra Appl. 186:73-95, with its backward-stability test), dlasy2 (the small Sylvester
// equation it needs, here solved by Gaussian elimination with complete pivoting on the Kronecker form),
// dlarfg/dlarfx (Householder reflectors of order 3) and dlartg (plane rotations).
//
// Storage: T is n x n row-major; Z is kept transposed, zt (row r = Schur vector r), so that updating
// the Schur vectors runs over contiguous memory.
import { EPS } from "./lu";

const SAFMIN: f64 = 2.2250738585072014e-308;

// results of lanv2 (no tuples in AssemblyScript): the standardised block and the rotation
let nvA: f64 = 0.0, nvB: f64 = 0.0, nvC: f64 = 0.0, nvD: f64 = 0.0, nvCs: f64 = 1.0, nvSn: f64 = 0.0;

@inline
function sign(a: f64, b: f64): f64 {
  const x = Math.abs(a);
  return b >= 0.0 ? x : -x;
}

/**
 * LAPACK dlanv2: the Schur factorisation of a real 2x2 matrix in standard form,
 * [a b; c d] = [cs -sn; sn cs] [A B; C D] [cs sn; -sn cs], where either C = 0 (real eigenvalues A, D)
 * or A = D and B C < 0 (the pair A ± sqrt(-B C) i). Result in nvA..nvD, nvCs, nvSn.
 * (The overflow rescaling loop of dlanv2 for entries near the range limits is left out: Rayleigh
 * quotients of the operators here are far from them.)
 */
function lanv2(a0: f64, b0: f64, c0: f64, d0: f64): void {
  let a = a0, b = b0, c = c0, d = d0;
  let cs = 1.0, sn = 0.0;
  const MULTPL = 4.0;
  if (c == 0.0) {
    cs = 1.0;
    sn = 0.0;
  } else if (b == 0.0) {
    // swap rows and columns
    cs = 0.0;
    sn = 1.0;
    const temp = d;
    d = a;
    a = temp;
    b = -c;
    c = 0.0;
  } else if (a - d == 0.0 && sign(1.0, b) != sign(1.0, c)) {
    cs = 1.0;
    sn = 0.0;
  } else {
    let temp = a - d;
    let p = 0.5 * temp;
    const bcmax = Math.max(Math.abs(b), Math.abs(c));
    const bcmis = Math.min(Math.abs(b), Math.abs(c)) * sign(1.0, b) * sign(1.0, c);
    let scale = Math.max(Math.abs(p), bcmax);
    let z = (p / scale) * p + (bcmax / scale) * bcmis;
    if (z >= MULTPL * EPS) {
      // real eigenvalues
      z = p + sign(Math.sqrt(scale) * Math.sqrt(z), p);
      a = d + z;
      d = d - (bcmax / z) * bcmis;
      const tau = Math.hypot(c, z);
      cs = z / tau;
      sn = c / tau;
      b = b - c;
      c = 0.0;
    } else {
      // complex or (almost) equal real eigenvalues: make the diagonal elements equal
      const sigma = b + c;
      const tau = Math.hypot(sigma, temp);
      cs = Math.sqrt(0.5 * (1.0 + Math.abs(sigma) / tau));
      sn = -(p / (tau * cs)) * sign(1.0, sigma);
      // [AA BB; CC DD] = [a b; c d] [cs -sn; sn cs]
      const aa = a * cs + b * sn, bb = -a * sn + b * cs;
      const cc = c * cs + d * sn, dd = -c * sn + d * cs;
      // [a b; c d] = [cs sn; -sn cs] [AA BB; CC DD]
      a = aa * cs + cc * sn;
      b = bb * cs + dd * sn;
      c = -aa * sn + cc * cs;
      d = -bb * sn + dd * cs;
      temp = 0.5 * (a + d);
      a = temp;
      d = temp;
      if (c != 0.0) {
        if (b != 0.0) {
          if (sign(1.0, b) == sign(1.0, c)) {
            // real eigenvalues: reduce to upper triangular form
            const sab = Math.sqrt(Math.abs(b)), sac = Math.sqrt(Math.abs(c));
            p = sign(sab * sac, c);
            const tau2 = 1.0 / Math.sqrt(Math.abs(b + c));
            a = temp + p;
            d = temp - p;
            b = b - c;
            c = 0.0;
            const cs1 = sab * tau2, sn1 = sac * tau2;
            const t2 = cs * cs1 - sn * sn1;
            sn = cs * sn1 + sn * cs1;
            cs = t2;
          }
        } else {
          b = -c;
          c = 0.0;
          const t2 = cs;
          cs = -sn;
          sn = t2;
        }
      }
    }
  }
  nvA = a;
  nvB = b;
  nvC = c;
  nvD = d;
  nvCs = cs;
  nvSn = sn;
}

/** Rows r1, r2 of T from column c0 on: x ← cs x + sn y, y ← cs y − sn x (BLAS drot). */
function rotRows(n: i32, t: StaticArray<f64>, r1: i32, r2: i32, c0: i32, cs: f64, sn: f64): void {
  const o1 = r1 * n, o2 = r2 * n;
  for (let j = c0; j < n; j++) {
    const x = unchecked(t[o1 + j]), y = unchecked(t[o2 + j]);
    unchecked((t[o1 + j] = cs * x + sn * y));
    unchecked((t[o2 + j] = cs * y - sn * x));
  }
}

/** Columns c1, c2 of T for rows 0..rows-1, same rotation. */
function rotCols(n: i32, t: StaticArray<f64>, c1: i32, c2: i32, rows: i32, cs: f64, sn: f64): void {
  for (let i = 0; i < rows; i++) {
    const o = i * n;
    const x = unchecked(t[o + c1]), y = unchecked(t[o + c2]);
    unchecked((t[o + c1] = cs * x + sn * y));
    unchecked((t[o + c2] = cs * y - sn * x));
  }
}

/** Schur vectors c1, c2 (rows of zt, length len): Z ← Z G. */
function rotVecs(len: i32, zt: StaticArray<f64>, c1: i32, c2: i32, cs: f64, sn: f64): void {
  const o1 = c1 * len, o2 = c2 * len;
  for (let i = 0; i < len; i++) {
    const x = unchecked(zt[o1 + i]), y = unchecked(zt[o2 + i]);
    unchecked((zt[o1 + i] = cs * x + sn * y));
    unchecked((zt[o2 + i] = cs * y - sn * x));
  }
}

/**
 * Standardises the 2x2 block at (j, j+1) (dlanv2) and applies the rotation to the rest of T and to Z.
 * Returns true if the block stays a complex pair, false if it split into two real eigenvalues.
 */
export function standardiseBlock(n: i32, t: StaticArray<f64>, zt: StaticArray<f64>, j: i32): bool {
  const o = j * n, o1 = o + n;
  lanv2(unchecked(t[o + j]), unchecked(t[o + j + 1]), unchecked(t[o1 + j]), unchecked(t[o1 + j + 1]));
  unchecked((t[o + j] = nvA));
  unchecked((t[o + j + 1] = nvB));
  unchecked((t[o1 + j] = nvC));
  unchecked((t[o1 + j + 1] = nvD));
  const cs = nvCs, sn = nvSn;
  if (j + 2 < n) rotRows(n, t, j, j + 1, j + 2, cs, sn);
  rotCols(n, t, j, j + 1, j, cs, sn);
  rotVecs(n, zt, j, j + 1, cs, sn);
  return nvC != 0.0;
}

/** Brings every 2x2 block of a fresh real Schur form (realSchur) to standard form. */
export function standardiseAll(n: i32, t: StaticArray<f64>, zt: StaticArray<f64>): void {
  let j = 0;
  while (j < n) {
    if (j + 1 < n && unchecked(t[(j + 1) * n + j]) != 0.0) {
      standardiseBlock(n, t, zt, j);
      j += 2;
    } else j++;
  }
}

/** Size (1 or 2) of the diagonal block starting at row i. */
@inline
export function blockSize(n: i32, t: StaticArray<f64>, i: i32): i32 {
  return i + 1 < n && unchecked(t[(i + 1) * n + i]) != 0.0 ? 2 : 1;
}

/** |λ| of the block at i (size sz): |t_ii|, or sqrt(det) of a 2x2 block with a complex pair. */
@inline
export function blockModulus(n: i32, t: StaticArray<f64>, i: i32, sz: i32): f64 {
  const o = i * n;
  if (sz == 1) return Math.abs(unchecked(t[o + i]));
  const a = unchecked(t[o + i]), b = unchecked(t[o + i + 1]), c = unchecked(t[o + n + i]), d = unchecked(t[o + n + i + 1]);
  return Math.sqrt(Math.abs(a * d - b * c));
}

// Householder reflector of order 3 (dlarfg): v = [v0, v1, v2] with the unit entry at `unit`
let hv0: f64 = 0.0, hv1: f64 = 0.0, hv2: f64 = 0.0, htau: f64 = 0.0;

/**
 * LAPACK dlarfg on the 3-vector (x0, x1, x2) whose entry `alphaAt` is α: H = I − τ v vᵀ with
 * H x = β e_alphaAt, v[alphaAt] = 1. τ = 0 (H = I) when the other two entries are zero.
 */
function larfg3(x0: f64, x1: f64, x2: f64, alphaAt: i32): void {
  let alpha: f64, p: f64, q: f64;
  if (alphaAt == 0) {
    alpha = x0;
    p = x1;
    q = x2;
  } else {
    alpha = x2;
    p = x0;
    q = x1;
  }
  const xnorm = Math.hypot(p, q);
  if (xnorm == 0.0) {
    htau = 0.0;
    hv0 = alphaAt == 0 ? 1.0 : 0.0;
    hv1 = 0.0;
    hv2 = alphaAt == 2 ? 1.0 : 0.0;
    return;
  }
  const beta = -sign(Math.hypot(alpha, xnorm), alpha);
  htau = (beta - alpha) / beta;
  const f = 1.0 / (alpha - beta);
  if (alphaAt == 0) {
    hv0 = 1.0;
    hv1 = p * f;
    hv2 = q * f;
  } else {
    hv0 = p * f;
    hv1 = q * f;
    hv2 = 1.0;
  }
}

/** Rows r..r+2 of the ld-wide row-major c, columns c0..c1-1: C ← (I − τ v vᵀ) C (dlarfx 'L'). */
function reflectRows(c: StaticArray<f64>, ld: i32, r: i32, c0: i32, c1: i32, v0: f64, v1: f64, v2: f64, tau: f64): void {
  if (tau == 0.0) return;
  const o0 = r * ld, o1 = o0 + ld, o2 = o1 + ld;
  for (let j = c0; j < c1; j++) {
    const s = tau * (v0 * unchecked(c[o0 + j]) + v1 * unchecked(c[o1 + j]) + v2 * unchecked(c[o2 + j]));
    unchecked((c[o0 + j] = c[o0 + j] - s * v0));
    unchecked((c[o1 + j] = c[o1 + j] - s * v1));
    unchecked((c[o2 + j] = c[o2 + j] - s * v2));
  }
}

/** Columns k..k+2 of c, rows r0..r1-1: C ← C (I − τ v vᵀ) (dlarfx 'R'). */
function reflectCols(c: StaticArray<f64>, ld: i32, k: i32, r0: i32, r1: i32, v0: f64, v1: f64, v2: f64, tau: f64): void {
  if (tau == 0.0) return;
  for (let i = r0; i < r1; i++) {
    const o = i * ld + k;
    const s = tau * (v0 * unchecked(c[o]) + v1 * unchecked(c[o + 1]) + v2 * unchecked(c[o + 2]));
    unchecked((c[o] = c[o] - s * v0));
    unchecked((c[o + 1] = c[o + 1] - s * v1));
    unchecked((c[o + 2] = c[o + 2] - s * v2));
  }
}

/** Schur vectors k..k+2 (rows of zt, length len): Z ← Z (I − τ v vᵀ). */
function reflectVecs(zt: StaticArray<f64>, len: i32, k: i32, v0: f64, v1: f64, v2: f64, tau: f64): void {
  if (tau == 0.0) return;
  const o0 = k * len, o1 = o0 + len, o2 = o1 + len;
  for (let i = 0; i < len; i++) {
    const s = tau * (v0 * unchecked(zt[o0 + i]) + v1 * unchecked(zt[o1 + i]) + v2 * unchecked(zt[o2 + i]));
    unchecked((zt[o0 + i] = zt[o0 + i] - s * v0));
    unchecked((zt[o1 + i] = zt[o1 + i] - s * v1));
    unchecked((zt[o2 + i] = zt[o2 + i] - s * v2));
  }
}

/**
 * X (n1 x n2, row-major in x) with T11 X − X T22 = T12 for the blocks of the 4x4 (ld 4) d: the
 * Sylvester equation of dlaexc (LAPACK dlasy2 with isgn = −1, scale = 1), as the (n1 n2)-order linear
 * system (I ⊗ T11 − T22ᵀ ⊗ I) vec X = vec T12, by Gaussian elimination with complete pivoting; a
 * pivot below smin = max(eps max|T11|,|T22|, safmin/eps) is replaced by smin, as dlasy2 does.
 */
function sylvester(d: StaticArray<f64>, n1: i32, n2: i32, x: StaticArray<f64>): void {
  const nd = n1 * n2;
  const a = new StaticArray<f64>(16);
  const rhs = new StaticArray<f64>(4);
  const cp = new StaticArray<i32>(4);
  let tmax = 0.0;
  for (let i = 0; i < n1 + n2; i++) for (let j = 0; j < n1 + n2; j++) tmax = Math.max(tmax, Math.abs(unchecked(d[i * 4 + j])));
  const smin = Math.max(EPS * tmax, SAFMIN / EPS);
  // unknown (i, j) of X at index i + n1 j
  for (let j = 0; j < n2; j++) {
    for (let i = 0; i < n1; i++) {
      const r = i + n1 * j;
      unchecked((rhs[r] = d[i * 4 + n1 + j]));
      for (let k = 0; k < n1; k++) unchecked((a[r * 4 + k + n1 * j] = a[r * 4 + k + n1 * j] + d[i * 4 + k]));
      for (let k = 0; k < n2; k++) unchecked((a[r * 4 + i + n1 * k] = a[r * 4 + i + n1 * k] - d[(n1 + k) * 4 + n1 + j]));
    }
  }
  for (let c = 0; c < nd; c++) unchecked((cp[c] = c));
  for (let k = 0; k < nd; k++) {
    let pr = k, pc = k, big = -1.0;
    for (let i = k; i < nd; i++)
      for (let j = k; j < nd; j++) {
        const v = Math.abs(unchecked(a[i * 4 + j]));
        if (v > big) {
          big = v;
          pr = i;
          pc = j;
        }
      }
    if (pr != k) {
      for (let j = 0; j < nd; j++) {
        const t = unchecked(a[k * 4 + j]);
        unchecked((a[k * 4 + j] = a[pr * 4 + j]));
        unchecked((a[pr * 4 + j] = t));
      }
      const t = unchecked(rhs[k]);
      unchecked((rhs[k] = rhs[pr]));
      unchecked((rhs[pr] = t));
    }
    if (pc != k) {
      for (let i = 0; i < nd; i++) {
        const t = unchecked(a[i * 4 + k]);
        unchecked((a[i * 4 + k] = a[i * 4 + pc]));
        unchecked((a[i * 4 + pc] = t));
      }
      const t = unchecked(cp[k]);
      unchecked((cp[k] = cp[pc]));
      unchecked((cp[pc] = t));
    }
    if (Math.abs(unchecked(a[k * 4 + k])) < smin) unchecked((a[k * 4 + k] = smin));
    const piv = unchecked(a[k * 4 + k]);
    for (let i = k + 1; i < nd; i++) {
      const l = unchecked(a[i * 4 + k]) / piv;
      if (l == 0.0) continue;
      for (let j = k + 1; j < nd; j++) unchecked((a[i * 4 + j] = a[i * 4 + j] - l * a[k * 4 + j]));
      unchecked((rhs[i] = rhs[i] - l * rhs[k]));
    }
  }
  const y = new StaticArray<f64>(4);
  for (let i = nd - 1; i >= 0; i--) {
    let s = unchecked(rhs[i]);
    for (let j = i + 1; j < nd; j++) s -= unchecked(a[i * 4 + j]) * unchecked(y[j]);
    unchecked((y[i] = s / a[i * 4 + i]));
  }
  // undo the column permutation: y[k] is the unknown cp[k]
  for (let k = 0; k < nd; k++) {
    const u = unchecked(cp[k]);
    const i = u % n1, j = u / n1;
    unchecked((x[i * n2 + j] = y[k]));
  }
}

/**
 * LAPACK dlaexc: swaps the adjacent diagonal blocks T11 (n1 x n1, at j1) and T22 (n2 x n2) by an
 * orthogonal similarity, updating T and Z. Returns false, leaving T and Z unchanged, when the swap
 * would not be backward stable (the eigenvalues are too close: Bai & Demmel 1993, §4).
 */
export function swapBlocks(n: i32, t: StaticArray<f64>, zt: StaticArray<f64>, j1: i32, n1: i32, n2: i32): bool {
  const j2 = j1 + 1;
  if (n1 == 1 && n2 == 1) {
    // two 1x1 blocks: one rotation, exact in the sense that the off-diagonal element is unchanged
    const t11 = unchecked(t[j1 * n + j1]), t22 = unchecked(t[j2 * n + j2]);
    const f = unchecked(t[j1 * n + j2]), g = t22 - t11;
    let cs = 1.0, sn = 0.0;
    if (g != 0.0) {
      if (f == 0.0) {
        cs = 0.0;
        sn = 1.0;
      } else {
        const r = Math.hypot(f, g);
        cs = f / r;
        sn = g / r;
      }
    }
    if (j1 + 2 < n) rotRows(n, t, j1, j2, j1 + 2, cs, sn);
    rotCols(n, t, j1, j2, j1, cs, sn);
    unchecked((t[j1 * n + j1] = t22));
    unchecked((t[j2 * n + j2] = t11));
    rotVecs(n, zt, j1, j2, cs, sn);
    return true;
  }
  const nd = n1 + n2;
  const d = new StaticArray<f64>(16);
  let dnorm = 0.0;
  for (let i = 0; i < nd; i++)
    for (let j = 0; j < nd; j++) {
      const v = unchecked(t[(j1 + i) * n + j1 + j]);
      unchecked((d[i * 4 + j] = v));
      dnorm = Math.max(dnorm, Math.abs(v));
    }
  const thresh = Math.max(10.0 * EPS * dnorm, SAFMIN / EPS);
  const x = new StaticArray<f64>(4);
  sylvester(d, n1, n2, x);
  const j3 = j1 + 2, j4 = j1 + 3;
  if (n1 == 1 && n2 == 2) {
    // u = [scale, X11, X12], reflector onto e3
    larfg3(1.0, unchecked(x[0]), unchecked(x[1]), 2);
    const v0 = hv0, v1 = hv1, v2 = hv2, tau = htau;
    const t11 = unchecked(t[j1 * n + j1]);
    reflectRows(d, 4, 0, 0, 3, v0, v1, v2, tau);
    reflectCols(d, 4, 0, 0, 3, v0, v1, v2, tau);
    const err = Math.max(Math.max(Math.abs(unchecked(d[8])), Math.abs(unchecked(d[9]))), Math.abs(unchecked(d[10]) - t11));
    if (!(err <= thresh)) return false;
    reflectRows(t, n, j1, j1, n, v0, v1, v2, tau);
    reflectCols(t, n, j1, 0, j3, v0, v1, v2, tau); // rows 0..j2: row j3 is set below
    unchecked((t[j3 * n + j1] = 0.0));
    unchecked((t[j3 * n + j2] = 0.0));
    unchecked((t[j3 * n + j3] = t11));
    reflectVecs(zt, n, j1, v0, v1, v2, tau);
  } else if (n1 == 2 && n2 == 1) {
    // u = [-X11, -X21, scale], reflector onto e1
    larfg3(-unchecked(x[0]), -unchecked(x[1]), 1.0, 0);
    const v0 = hv0, v1 = hv1, v2 = hv2, tau = htau;
    const t33 = unchecked(t[j3 * n + j3]);
    reflectRows(d, 4, 0, 0, 3, v0, v1, v2, tau);
    reflectCols(d, 4, 0, 0, 3, v0, v1, v2, tau);
    const err = Math.max(Math.max(Math.abs(unchecked(d[4])), Math.abs(unchecked(d[8]))), Math.abs(unchecked(d[0]) - t33));
    if (!(err <= thresh)) return false;
    reflectCols(t, n, j1, 0, j3 + 1, v0, v1, v2, tau);
    reflectRows(t, n, j1, j2, n, v0, v1, v2, tau);
    unchecked((t[j1 * n + j1] = t33));
    unchecked((t[j2 * n + j1] = 0.0));
    unchecked((t[j3 * n + j1] = 0.0));
    reflectVecs(zt, n, j1, v0, v1, v2, tau);
  } else {
    // n1 = n2 = 2: two reflectors
    larfg3(-unchecked(x[0]), -unchecked(x[2]), 1.0, 0);
    const u0 = hv0, u1 = hv1, u2 = hv2, tau1 = htau;
    const temp = -tau1 * (unchecked(x[1]) + u1 * unchecked(x[3]));
    larfg3(-temp * u1 - unchecked(x[3]), -temp * u2, 1.0, 0);
    const w0 = hv0, w1 = hv1, w2 = hv2, tau2 = htau;
    reflectRows(d, 4, 0, 0, 4, u0, u1, u2, tau1);
    reflectCols(d, 4, 0, 0, 4, u0, u1, u2, tau1);
    reflectRows(d, 4, 1, 0, 4, w0, w1, w2, tau2);
    reflectCols(d, 4, 1, 0, 4, w0, w1, w2, tau2);
    const err = Math.max(
      Math.max(Math.abs(unchecked(d[8])), Math.abs(unchecked(d[9]))),
      Math.max(Math.abs(unchecked(d[12])), Math.abs(unchecked(d[13]))),
    );
    if (!(err <= thresh)) return false;
    reflectRows(t, n, j1, j1, n, u0, u1, u2, tau1);
    reflectCols(t, n, j1, 0, j4 + 1, u0, u1, u2, tau1);
    reflectRows(t, n, j2, j1, n, w0, w1, w2, tau2);
    reflectCols(t, n, j2, 0, j4 + 1, w0, w1, w2, tau2);
    unchecked((t[j3 * n + j1] = 0.0));
    unchecked((t[j3 * n + j2] = 0.0));
    unchecked((t[j4 * n + j1] = 0.0));
    unchecked((t[j4 * n + j2] = 0.0));
    reflectVecs(zt, n, j1, u0, u1, u2, tau1);
    reflectVecs(zt, n, j2, w0, w1, w2, tau2);
  }
  // standardise the moved 2x2 blocks (T22 now at j1, T11 at j1 + n2)
  if (n2 == 2) standardiseBlock(n, t, zt, j1);
  if (n1 == 2) standardiseBlock(n, t, zt, j1 + n2);
  return true;
}

/**
 * Reorders the standardised real Schur form so that its leading `count` eigenvalues (whole blocks)
 * are the largest in modulus, in decreasing order: a selection sort whose every move is a chain of
 * adjacent swaps (LAPACK dtrexc). Moduli within a relative `tie` of the largest remaining one count
 * as equal and keep their order, so that no swap is asked between (nearly) equal eigenvalues — the
 * two copies of a double eigenvalue, the members of a tight cluster — where the direct swap is
 * ill-conditioned and its order meaningless. Returns the number of leading values in place (>= count,
 * a 2x2 block is never split), or -1 if a swap was refused (eigenvalues closer than `tie` suggested).
 */
export function sortLargestFirst(n: i32, t: StaticArray<f64>, zt: StaticArray<f64>, count: i32, tie: f64): i32 {
  let pos = 0;
  while (pos < count && pos < n) {
    let mx = 0.0;
    let i = pos;
    while (i < n) {
      const sz = blockSize(n, t, i);
      mx = Math.max(mx, blockModulus(n, t, i, sz));
      i += sz;
    }
    // the first block within the tie of the maximum
    let sel = pos;
    i = pos;
    while (i < n) {
      const sz = blockSize(n, t, i);
      if (blockModulus(n, t, i, sz) >= mx * (1.0 - tie)) {
        sel = i;
        break;
      }
      i += sz;
    }
    let here = sel;
    while (here > pos) {
      const nb = here >= 2 && unchecked(t[(here - 1) * n + here - 2]) != 0.0 ? 2 : 1;
      const nf = blockSize(n, t, here);
      if (!swapBlocks(n, t, zt, here - nb, nb, nf)) return -1;
      here -= nb;
    }
    pos += blockSize(n, t, pos);
  }
  return pos;
}
