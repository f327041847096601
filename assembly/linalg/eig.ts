// Real non-symmetric eigenproblem: balancing by powers of 2 (EISPACK balanc, Parlett & Reinsch 1969,
// Numer. Math. 13:293), Householder reduction to upper Hessenberg form (orthes, Martin & Wilkinson 1968),
// Francis double-shift QR to real Schur form with eigenvectors by back substitution (hqr2, Peters &
// Wilkinson 1970, Numer. Math. 16:181; Wilkinson & Reinsch, Handbook II, contributions II/8, II/13,
// II/15; loop structure after the public-domain JAMA port, Golub & Van Loan 4th ed. Alg. 7.5.2).
// The accumulated transformation is kept as Z^T (its columns are rows of `zt`), so that the
// column rotations of the QR sweeps and the back transformation run over contiguous memory.
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

// complex division result (no closures or tuples in AssemblyScript)
let cdivr: f64 = 0.0;
let cdivi: f64 = 0.0;

/** (xr + i xi) / (yr + i yi), Smith's algorithm (Smith 1962, CACM 5(8):435). */
function cdiv(xr: f64, xi: f64, yr: f64, yi: f64): void {
  if (Math.abs(yr) > Math.abs(yi)) {
    const r = yi / yr, d = yr + r * yi;
    cdivr = (xr + r * xi) / d;
    cdivi = (xi - r * xr) / d;
  } else {
    const r = yr / yi, d = yi + r * yr;
    cdivr = (r * xr + xi) / d;
    cdivi = (r * xi - xr) / d;
  }
}

/**
 * Francis double-shift QR on the Hessenberg h (n x n). With zt non-null, h is driven to real Schur
 * form T, zt (= Z^T) accumulates the transformations, and the eigenvectors of T are back-substituted
 * into h's upper triangle and transformed back (zt then holds the eigenvectors as rows).
 * Returns false (ERR_NO_CONVERGENCE) after 30 max(10, n) iterations, LAPACK dlahqr's limit.
 */
function hqr2(nn: i32, h: StaticArray<f64>, d: StaticArray<f64>, e: StaticArray<f64>, zt: StaticArray<f64> | null): bool {
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
      if (Math.abs(unchecked(h[l * nn + l - 1])) < EPS * s) break;
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
        if (wantV) {
          x = unchecked(h[n * nn + n - 1]);
          s = Math.abs(x) + Math.abs(z);
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
  if (!wantV) return true;

  // back substitution: eigenvectors of the quasi-triangular T, stored in T's upper triangle
  if (norm == 0.0) return true;
  for (n = nn - 1; n >= 0; n--) {
    p = unchecked(d[n]);
    q = unchecked(e[n]);
    if (q == 0) {
      // real vector
      let l = n;
      unchecked((h[n * nn + n] = 1.0));
      for (let i = n - 1; i >= 0; i--) {
        const ri = i * nn;
        w = unchecked(h[ri + i]) - p;
        r = 0.0;
        for (let j = l; j <= n; j++) r += unchecked(h[ri + j]) * unchecked(h[j * nn + n]);
        if (unchecked(e[i]) < 0.0) {
          z = w;
          s = r;
        } else {
          l = i;
          if (unchecked(e[i]) == 0.0) {
            unchecked((h[ri + n] = w != 0.0 ? -r / w : -r / (EPS * norm)));
          } else {
            // solve the real 2x2 system
            x = unchecked(h[ri + i + 1]);
            y = unchecked(h[(i + 1) * nn + i]);
            q = (unchecked(d[i]) - p) * (unchecked(d[i]) - p) + unchecked(e[i]) * unchecked(e[i]);
            t = (x * s - z * r) / q;
            unchecked((h[ri + n] = t));
            unchecked((h[(i + 1) * nn + n] = Math.abs(x) > Math.abs(z) ? (-r - w * t) / x : (-s - y * t) / z));
          }
          // overflow control
          t = Math.abs(unchecked(h[ri + n]));
          if (EPS * t * t > 1) {
            for (let j = i; j <= n; j++) unchecked((h[j * nn + n] = h[j * nn + n] / t));
          }
        }
      }
    } else if (q < 0) {
      // complex vector (the second of the pair: columns n-1 (re) and n (im))
      let l = n - 1;
      const rn = n * nn, rn1 = (n - 1) * nn;
      if (Math.abs(unchecked(h[rn + n - 1])) > Math.abs(unchecked(h[rn1 + n]))) {
        unchecked((h[rn1 + n - 1] = q / h[rn + n - 1]));
        unchecked((h[rn1 + n] = -(h[rn + n] - p) / h[rn + n - 1]));
      } else {
        cdiv(0.0, -unchecked(h[rn1 + n]), unchecked(h[rn1 + n - 1]) - p, q);
        unchecked((h[rn1 + n - 1] = cdivr));
        unchecked((h[rn1 + n] = cdivi));
      }
      unchecked((h[rn + n - 1] = 0.0));
      unchecked((h[rn + n] = 1.0));
      for (let i = n - 2; i >= 0; i--) {
        const ri = i * nn;
        let ra = 0.0, sa = 0.0;
        for (let j = l; j <= n; j++) {
          const hij = unchecked(h[ri + j]);
          ra += hij * unchecked(h[j * nn + n - 1]);
          sa += hij * unchecked(h[j * nn + n]);
        }
        w = unchecked(h[ri + i]) - p;
        if (unchecked(e[i]) < 0.0) {
          z = w;
          r = ra;
          s = sa;
        } else {
          l = i;
          if (unchecked(e[i]) == 0) {
            cdiv(-ra, -sa, w, q);
            unchecked((h[ri + n - 1] = cdivr));
            unchecked((h[ri + n] = cdivi));
          } else {
            // solve the complex 2x2 system
            x = unchecked(h[ri + i + 1]);
            y = unchecked(h[(i + 1) * nn + i]);
            const di = unchecked(d[i]) - p, ei = unchecked(e[i]);
            let vr = di * di + ei * ei - q * q;
            const vi = di * 2.0 * q;
            if (vr == 0.0 && vi == 0.0) {
              vr = EPS * norm * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(z));
            }
            cdiv(x * r - z * ra + q * sa, x * s - z * sa - q * ra, vr, vi);
            unchecked((h[ri + n - 1] = cdivr));
            unchecked((h[ri + n] = cdivi));
            const ri1 = (i + 1) * nn;
            if (Math.abs(x) > Math.abs(z) + Math.abs(q)) {
              unchecked((h[ri1 + n - 1] = (-ra - w * h[ri + n - 1] + q * h[ri + n]) / x));
              unchecked((h[ri1 + n] = (-sa - w * h[ri + n] - q * h[ri + n - 1]) / x));
            } else {
              cdiv(-r - y * unchecked(h[ri + n - 1]), -s - y * unchecked(h[ri + n]), z, q);
              unchecked((h[ri1 + n - 1] = cdivr));
              unchecked((h[ri1 + n] = cdivi));
            }
          }
          // overflow control
          t = Math.max(Math.abs(unchecked(h[ri + n - 1])), Math.abs(unchecked(h[ri + n])));
          if (EPS * t * t > 1) {
            for (let j = i; j <= n; j++) {
              unchecked((h[j * nn + n - 1] = h[j * nn + n - 1] / t));
              unchecked((h[j * nn + n] = h[j * nn + n] / t));
            }
          }
        }
      }
    }
  }
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

function eigCore(A: Mat, wantV: bool): Eig | null {
  if (A.rows != A.cols) {
    setError(ERR_INVALID_INPUT, 0);
    return null;
  }
  const n = A.rows;
  const h = new StaticArray<f64>(n * n);
  memory.copy(changetype<usize>(h), changetype<usize>(A.data), <usize>n * <usize>n * 8);
  const scale = new StaticArray<f64>(n);
  balance(n, h, scale);
  const zt: StaticArray<f64> | null = wantV ? new StaticArray<f64>(n * n) : null;
  orthes(n, h, zt);
  const wr = new StaticArray<f64>(n);
  const wi = new StaticArray<f64>(n);
  if (!hqr2(n, h, wr, wi, zt)) return null;
  if (!wantV) return new Eig(wr, wi, new Mat(0, 0));
  const z = changetype<StaticArray<f64>>(zt);
  // undo balancing (x = D y), normalise each eigenvector to unit (complex) Euclidean norm, transpose
  const V = new Mat(n, n);
  const v = V.data;
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    for (let i = 0; i < n; i++) unchecked((z[rj + i] = z[rj + i] * scale[i]));
  }
  let j = 0;
  while (j < n) {
    const pair = unchecked(wi[j]) > 0.0 && j + 1 < n;
    let ss = 0.0;
    const rj = j * n;
    for (let i = 0; i < n; i++) ss += unchecked(z[rj + i] * z[rj + i]);
    if (pair) {
      const rj1 = rj + n;
      for (let i = 0; i < n; i++) ss += unchecked(z[rj1 + i] * z[rj1 + i]);
    }
    const inv = ss > 0.0 ? 1.0 / Math.sqrt(ss) : 1.0;
    const cols = pair ? 2 : 1;
    for (let c = 0; c < cols; c++) {
      const rc = (j + c) * n;
      for (let i = 0; i < n; i++) unchecked((v[i * n + j + c] = z[rc + i] * inv));
    }
    j += cols;
  }
  return new Eig(wr, wi, V);
}

/** Eigenvalues and eigenvectors of a real square A. Null + ERR_NO_CONVERGENCE if QR fails. */
export function eig(A: Mat): Eig | null {
  return eigCore(A, true);
}

/** Eigenvalues only (V is 0 x 0): hqr restricted to the active block, about 3x faster than eig. */
export function eigvals(A: Mat): Eig | null {
  return eigCore(A, false);
}
