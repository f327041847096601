// LU factorisation with partial pivoting, P A = L U (Golub & Van Loan, Matrix Computations, 4th ed.,
// Alg. 3.4.1, blocked as in §3.2.11). L (unit lower) and U share one row-major n x n array; every
// inner loop runs along a row, contiguous in memory.
import { Mat } from "./matrix";
import { setError, ERR_SINGULAR, ERR_INVALID_INPUT } from "../errors";
import { addr, subScaled } from "./raw";

/** Machine epsilon of binary64, 2^-52. */
export const EPS: f64 = 2.220446049250313e-16;

export class LU {
  n: i32;
  /** L below the diagonal (unit diagonal implied) and U on and above it, row-major. */
  lu: StaticArray<f64>;
  /** Row i of P A is row perm[i] of A. */
  perm: StaticArray<i32>;
  /** +1 or -1: the sign of the permutation, for det(). */
  sign: f64;

  constructor(n: i32, lu: StaticArray<f64>, perm: StaticArray<i32>, sign: f64) {
    this.n = n;
    this.lu = lu;
    this.perm = perm;
    this.sign = sign;
  }

  /**
   * Factors a square A (not modified). Returns null and sets ERR_SINGULAR (detail: column) when a
   * pivot satisfies |pivot| <= n * eps * max|A|: the solve would then amplify rounding errors by
   * more than 1/eps, i.e. carry no correct digits.
   */
  static factor(A: Mat): LU | null {
    if (A.rows != A.cols) {
      setError(ERR_INVALID_INPUT, 0);
      return null;
    }
    const n = A.rows;
    const a = new StaticArray<f64>(n * n);
    memory.copy(changetype<usize>(a), changetype<usize>(A.data), <usize>n * <usize>n * 8);
    const perm = new StaticArray<i32>(n);
    for (let i = 0; i < n; i++) unchecked((perm[i] = i));
    let amax = 0.0;
    for (let k = 0; k < n * n; k++) amax = Math.max(amax, Math.abs(unchecked(a[k])));
    const tol = <f64>n * EPS * amax;
    let sign = 1.0;
    // Blocked right-looking LU (Golub & Van Loan 4th ed. §3.2.11, Alg. 3.4.2 with partial pivoting):
    // factor a panel of NB columns with rank-1 updates, then update the trailing rows with the panel
    // (a matrix product reading NB rows of U12 per trailing row, which stay in cache).
    const NB = 32;
    for (let k0 = 0; k0 < n; k0 += NB) {
      const k1 = k0 + NB < n ? k0 + NB : n;
      for (let k = k0; k < k1; k++) {
        // pivot search down column k
        let p = k;
        let pv = Math.abs(unchecked(a[k * n + k]));
        for (let i = k + 1; i < n; i++) {
          const v = Math.abs(unchecked(a[i * n + k]));
          if (v > pv) {
            pv = v;
            p = i;
          }
        }
        if (!(pv > tol) || amax == 0.0) {
          setError(ERR_SINGULAR, <f64>k);
          return null;
        }
        if (p != k) {
          const rp = p * n, rk = k * n;
          for (let j = 0; j < n; j++) {
            const t = unchecked(a[rp + j]);
            unchecked((a[rp + j] = a[rk + j]));
            unchecked((a[rk + j] = t));
          }
          const t = unchecked(perm[p]);
          unchecked((perm[p] = perm[k]));
          unchecked((perm[k] = t));
          sign = -sign;
        }
        const rk = k * n;
        const inv = 1.0 / unchecked(a[rk + k]);
        for (let i = k + 1; i < n; i++) {
          const ri = i * n;
          const l = unchecked(a[ri + k]) * inv;
          unchecked((a[ri + k] = l));
          if (l == 0.0) continue;
          subScaled(addr(a), ri + k + 1, rk + k + 1, l, k1 - k - 1);
        }
      }
      if (k1 == n) break;
      // U12 = L11^-1 A12 (rows k0..k1-1, columns k1..n-1)
      for (let r = k0 + 1; r < k1; r++) {
        const rr = r * n;
        for (let c = k0; c < r; c++) {
          const l = unchecked(a[rr + c]);
          if (l == 0.0) continue;
          const rc = c * n;
          subScaled(addr(a), rr + k1, rc + k1, l, n - k1);
        }
      }
      // A22 -= L21 U12
      for (let i = k1; i < n; i++) {
        const ri = i * n;
        for (let c = k0; c < k1; c++) {
          const l = unchecked(a[ri + c]);
          if (l == 0.0) continue;
          const rc = c * n;
          subScaled(addr(a), ri + k1, rc + k1, l, n - k1);
        }
      }
    }
    return new LU(n, a, perm, sign);
  }

  /** Overwrites b with x such that A x = b (forward then back substitution). */
  solveInPlace(b: StaticArray<f64>): void {
    const n = this.n, a = this.lu, perm = this.perm;
    const y = new StaticArray<f64>(n);
    for (let i = 0; i < n; i++) unchecked((y[i] = b[perm[i]]));
    for (let i = 0; i < n; i++) {
      const ri = i * n;
      let s = unchecked(y[i]);
      for (let j = 0; j < i; j++) s -= unchecked(a[ri + j] * y[j]);
      unchecked((y[i] = s));
    }
    for (let i = n - 1; i >= 0; i--) {
      const ri = i * n;
      let s = unchecked(y[i]);
      for (let j = i + 1; j < n; j++) s -= unchecked(a[ri + j] * y[j]);
      unchecked((y[i] = s / a[ri + i]));
    }
    for (let i = 0; i < n; i++) unchecked((b[i] = y[i]));
  }

  solve(b: StaticArray<f64>): StaticArray<f64> {
    const x = new StaticArray<f64>(this.n);
    for (let i = 0; i < this.n; i++) unchecked((x[i] = b[i]));
    this.solveInPlace(x);
    return x;
  }

  /** X with A X = B for an n x m B, all columns at once (row operations keep rows contiguous). */
  solveMat(B: Mat): Mat {
    const n = this.n, m = B.cols, a = this.lu, perm = this.perm;
    assert(B.rows == n);
    const X = new Mat(n, m);
    const x = X.data, bd = B.data;
    for (let i = 0; i < n; i++) {
      const src = unchecked(perm[i]) * m, dst = i * m;
      for (let j = 0; j < m; j++) unchecked((x[dst + j] = bd[src + j]));
    }
    // forward: row i -= sum_k<i L[i,k] row k
    for (let i = 0; i < n; i++) {
      const ri = i * n, xi = i * m;
      for (let k = 0; k < i; k++) {
        const l = unchecked(a[ri + k]);
        if (l == 0.0) continue;
        const xk = k * m;
        for (let j = 0; j < m; j++) unchecked((x[xi + j] = x[xi + j] - l * x[xk + j]));
      }
    }
    // backward: row i = (row i - sum_k>i U[i,k] row k) / U[i,i]
    for (let i = n - 1; i >= 0; i--) {
      const ri = i * n, xi = i * m;
      for (let k = i + 1; k < n; k++) {
        const u = unchecked(a[ri + k]);
        if (u == 0.0) continue;
        const xk = k * m;
        for (let j = 0; j < m; j++) unchecked((x[xi + j] = x[xi + j] - u * x[xk + j]));
      }
      const inv = 1.0 / unchecked(a[ri + i]);
      for (let j = 0; j < m; j++) unchecked((x[xi + j] = x[xi + j] * inv));
    }
    return X;
  }

  /** det(A) = sign(P) * prod U[i,i]. */
  det(): f64 {
    let d = this.sign;
    const n = this.n;
    for (let i = 0; i < n; i++) d *= unchecked(this.lu[i * n + i]);
    return d;
  }
}
