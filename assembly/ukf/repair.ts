// Repair of a covariance that has lost positive definiteness (rounding in P+ = P- - K S K^T, an
// indefinite Q, a host-set P). Two stages, cheapest first:
//  1. symmetrise, A <- (A + A^T)/2: the Cholesky factorisation reads one triangle, and the nearest
//     symmetric matrix to A in any unitarily invariant norm is its symmetric part (Higham 1988, §1);
//  2. nearest positive (semi)definite matrix: with (A + A^T)/2 = V diag(l) V^T, the nearest symmetric
//     positive semidefinite matrix in the Frobenius norm is V diag(max(l, 0)) V^T (Higham 1988,
//     "Computing a nearest symmetric positive semidefinite matrix", Linear Algebra Appl. 103:103-118,
//     Theorem 2.1). Eigenvalues are clipped to a small positive floor delta instead of 0 so the
//     result is definite: delta = 1e-12 lambda_max, 200x above the rounding of the reconstruction
//     (~ n eps lambda_max for n <= 40), raised 1000x on a retry; at most 3 tries.
// The eigen-decomposition allocates (linalg/eigsym.ts): repairs are rare events, off the hot path.
import { Mat } from "../linalg/matrix";
import { eigSym } from "../linalg/eigsym";
import { ld, st, copy, cholUpper } from "./kernels";

/** Flags of what a repair did, reported per step (assembly/ABI.md). */
export const REPAIR_SYMMETRISED: i32 = 1;
export const REPAIR_CLIPPED: i32 = 2;

/** a <- (a + a^T)/2 in place. */
export function symmetrise(a: usize, n: i32): void {
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (ld(a, i * n + j) + ld(a, j * n + i));
      st(a, i * n + j, v);
      st(a, j * n + i, v);
    }
}

/** u <- c * a (all n^2 values) and its upper Cholesky factor; true on success. */
export function factorScaled(a: usize, n: i32, c: f64, u: usize): bool {
  const nn = n * n;
  if (c == 1.0) copy(u, a, nn);
  else for (let k = 0; k < nn; k++) st(u, k, c * ld(a, k));
  return cholUpper(u, n) < 0;
}

/**
 * Makes the covariance at a (n x n) factorable: returns the repair flags (> 0) with a repaired in
 * place and u = chol_upper(c a), or -1 if a has no positive eigenvalue or is not finite (nothing
 * meaningful to repair to). Call only after factorScaled(a) failed.
 */
export function repairCovariance(a: usize, n: i32, c: f64, u: usize): i32 {
  for (let k = 0; k < n * n; k++) if (!isFinite(ld(a, k))) return -1;
  symmetrise(a, n);
  if (factorScaled(a, n, c, u)) return REPAIR_SYMMETRISED;
  const A = new Mat(n, n);
  copy(changetype<usize>(A.data), a, n * n);
  const e = eigSym(A);
  if (e == null) return -1;
  const lam = e.values;
  const V = e.vectors.data;
  const lmax = lam[n - 1];
  if (!(lmax > 0.0) || !isFinite(lmax)) return -1;
  let delta = 1e-12 * lmax;
  for (let attempt = 0; attempt < 3; attempt++) {
    // a = V diag(max(l, delta)) V^T, upper triangle computed, then mirrored (exactly symmetric)
    for (let i = 0; i < n; i++)
      for (let j = i; j < n; j++) {
        let s = 0.0;
        for (let k = 0; k < n; k++) s += unchecked(V[i * n + k] * V[j * n + k]) * Math.max(unchecked(lam[k]), delta);
        st(a, i * n + j, s);
        st(a, j * n + i, s);
      }
    if (factorScaled(a, n, c, u)) return REPAIR_SYMMETRISED | REPAIR_CLIPPED;
    delta *= 1000.0;
  }
  return -1;
}
