// Linear-algebra exports (assembly/ABI.md, "Linear algebra"). Each export clears the error state,
// validates its buffers, and returns 0 (or NaN for linalgDet) with an error code on failure.
import { Mat, CMat } from "../linalg/matrix";
import { LU } from "../linalg/lu";
import { Cholesky } from "../linalg/cholesky";
import { ComplexLU } from "../linalg/clu";
import { Eig, eig } from "../linalg/eig";
import { expm } from "../linalg/expm";
import { DenseOperator, eigsLargest } from "../linalg/arnoldi";
import { SymEig, eigSym, eigSymGeneralized } from "../linalg/eigsym";
import { share, lookup, finiteBuffer as input } from "../mem";
import { Hasher } from "../hash";
import { SplitMix64 } from "../linalg/prng";
import { setError, clearError, hasError, ERR_BAD_HANDLE, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";


function inputMat(p: usize, n: i32): Mat | null {
  if (n <= 0) {
    setError(ERR_INVALID_INPUT, <f64>n);
    return null;
  }
  const a = input(p, n * n);
  if (a === null) return null;
  return Mat.fromArray(n, n, a);
}

/** x of A x = b, A n x n row-major, b of length n; LU with partial pivoting. */
export function linalgSolve(aPtr: usize, bPtr: usize, n: i32): usize {
  clearError();
  const A = inputMat(aPtr, n);
  if (A === null) return 0;
  const b = input(bPtr, n);
  if (b === null) return 0;
  const lu = LU.factor(A);
  if (lu === null) return 0;
  const x = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) unchecked((x[i] = b[i]));
  lu.solveInPlace(x);
  return share(x);
}

/** det(A) via LU; NaN with an error code for bad input; 0 (no error) for a singular A. */
export function linalgDet(aPtr: usize, n: i32): f64 {
  clearError();
  const A = inputMat(aPtr, n);
  if (A === null) return NaN;
  const lu = LU.factor(A);
  if (lu === null) {
    clearError(); // a singular matrix has determinant 0: not a failure here
    return 0.0;
  }
  return lu.det();
}

/** Lower-triangular L with A = L L^T (n x n row-major). */
export function linalgCholesky(aPtr: usize, n: i32): usize {
  clearError();
  const A = inputMat(aPtr, n);
  if (A === null) return 0;
  const c = Cholesky.factor(A);
  if (c === null) return 0;
  const out = new StaticArray<f64>(n * n);
  for (let k = 0; k < n * n; k++) unchecked((out[k] = c.L.data[k]));
  return share(out);
}

/** x of A x = b, complex: A as 2n^2 (real plane, imaginary plane), b as 2n (re[n], im[n]). */
export function linalgSolveComplex(aPtr: usize, bPtr: usize, n: i32): usize {
  clearError();
  if (n <= 0) {
    setError(ERR_INVALID_INPUT, <f64>n);
    return 0;
  }
  const a = input(aPtr, 2 * n * n);
  if (a === null) return 0;
  const b = input(bPtr, 2 * n);
  if (b === null) return 0;
  const A = new CMat(n, n);
  for (let k = 0; k < n * n; k++) {
    unchecked((A.re[k] = a[k]));
    unchecked((A.im[k] = a[n * n + k]));
  }
  const lu = ComplexLU.factor(A);
  if (lu === null) return 0;
  const xr = new StaticArray<f64>(n);
  const xi = new StaticArray<f64>(n);
  for (let i = 0; i < n; i++) {
    unchecked((xr[i] = b[i]));
    unchecked((xi[i] = b[n + i]));
  }
  lu.solveInPlace(xr, xi);
  const out = new StaticArray<f64>(2 * n);
  for (let i = 0; i < n; i++) {
    unchecked((out[i] = xr[i]));
    unchecked((out[n + i] = xi[i]));
  }
  return share(out);
}

/** [values(n) ascending, vectors(n x n) row-major with column j = eigenvector j]. */
function packSym(r: SymEig): usize {
  const n = r.values.length;
  const out = new StaticArray<f64>(n + n * n);
  for (let i = 0; i < n; i++) unchecked((out[i] = r.values[i]));
  for (let k = 0; k < n * n; k++) unchecked((out[n + k] = r.vectors.data[k]));
  return share(out);
}

/** Symmetric eigenproblem A v = λ v (tred2 + tql2). */
export function linalgEigSym(aPtr: usize, n: i32): usize {
  clearError();
  const A = inputMat(aPtr, n);
  if (A === null) return 0;
  const r = eigSym(A);
  if (r === null) return 0;
  return packSym(r);
}

/** Generalised symmetric-definite K v = λ M v; vectors M-orthonormal. */
export function linalgEigSymGeneralized(kPtr: usize, mPtr: usize, n: i32): usize {
  clearError();
  const K = inputMat(kPtr, n);
  if (K === null) return 0;
  const M = inputMat(mPtr, n);
  if (M === null) return 0;
  const r = eigSymGeneralized(K, M);
  if (r === null) return 0;
  return packSym(r);
}

/** [wr(n), wi(n), V(n x n) in the real form of Eig.V], or [wr, wi] only for linalgEigvals. */
function packEig(r: Eig, withV: bool): usize {
  const n = r.n;
  const rows = r.V.rows;
  const out = new StaticArray<f64>(2 * n + (withV ? rows * n : 0));
  for (let i = 0; i < n; i++) {
    unchecked((out[i] = r.wr[i]));
    unchecked((out[n + i] = r.wi[i]));
  }
  if (withV) for (let k = 0; k < rows * n; k++) unchecked((out[2 * n + k] = r.V.data[k]));
  return share(out);
}

/** Real non-symmetric eigenproblem (balance + orthes + hqr2). */
export function linalgEig(aPtr: usize, n: i32): usize {
  clearError();
  const A = inputMat(aPtr, n);
  if (A === null) return 0;
  const r = eig(A);
  if (r === null) return 0;
  return packEig(r, true);
}

/** exp(A), n x n row-major (scaling and squaring, Padé 13). */
export function linalgExpm(aPtr: usize, n: i32): usize {
  clearError();
  const A = inputMat(aPtr, n);
  if (A === null) return 0;
  const E = expm(A);
  if (hasError()) return 0;
  const out = new StaticArray<f64>(n * n);
  for (let k = 0; k < n * n; k++) unchecked((out[k] = E.data[k]));
  return share(out);
}

/**
 * Test hook: eigsLargest on a dense A wrapped as an operator. Returns [kk, wr(kk), wi(kk), V(n x kk)]
 * with kk = k or k + 1 (a conjugate pair is not split).
 */
export function linalgEigsLargestDense(aPtr: usize, n: i32, k: i32, tol: f64, maxIter: i32): usize {
  clearError();
  const A = inputMat(aPtr, n);
  if (A === null) return 0;
  const r = eigsLargest(new DenseOperator(A), k, tol, maxIter);
  if (r === null) return 0;
  const kk = r.n;
  const out = new StaticArray<f64>(1 + 2 * kk + n * kk);
  out[0] = <f64>kk;
  for (let i = 0; i < kk; i++) {
    unchecked((out[1 + i] = r.wr[i]));
    unchecked((out[1 + kk + i] = r.wi[i]));
  }
  for (let q = 0; q < n * kk; q++) unchecked((out[1 + 2 * kk + q] = r.V.data[q]));
  return share(out);
}

/**
 * Self-check: FNV-1a digest of a fixed computation. A 12 x 12 matrix A with entries uniform in
 * [-1, 1) from SplitMix64(seed 2024), row-major, and b_i = i + 1. Hashed in order: LU solution x of
 * A x = b (12), det(A), eig(A) wr (12), wi (12), V (144), expm(A) (144), then with K = A^T A + 12 I
 * and M = tridiag(1, 4, 1) / 6 the generalised symmetric eigenvalues (12) and vectors (144), then
 * eigsLargest(A, k = 3, tol 1e-12, 300 restarts): kk, wr, wi, V (12 x kk). A failure hashes the error code.
 */
export function selfcheckLinalg(): i64 {
  clearError();
  const n = 12;
  const rng = new SplitMix64(2024);
  const A = new Mat(n, n);
  for (let k = 0; k < n * n; k++) unchecked((A.data[k] = rng.uniform()));
  const h = new Hasher();
  const lu = LU.factor(A);
  if (lu === null) {
    h.i32(-1);
  } else {
    const b = new StaticArray<f64>(n);
    for (let i = 0; i < n; i++) unchecked((b[i] = <f64>(i + 1)));
    h.array(lu.solve(b));
    h.f64(lu.det());
  }
  const e = eig(A);
  if (e === null) h.i32(-2);
  else {
    h.array(e.wr);
    h.array(e.wi);
    h.array(e.V.data);
  }
  h.array(expm(A).data);
  const K = A.transpose().mul(A);
  for (let i = 0; i < n; i++) K.addAt(i, i, <f64>n);
  const M = new Mat(n, n);
  for (let i = 0; i < n; i++) {
    M.set(i, i, 4.0 / 6.0);
    if (i > 0) {
      M.set(i, i - 1, 1.0 / 6.0);
      M.set(i - 1, i, 1.0 / 6.0);
    }
  }
  const g = eigSymGeneralized(K, M);
  if (g === null) h.i32(-3);
  else {
    h.array(g.values);
    h.array(g.vectors.data);
  }
  const s = eigsLargest(new DenseOperator(A), 3, 1e-12, 300);
  if (s === null) h.i32(-4);
  else {
    h.i32(s.n);
    h.array(s.wr);
    h.array(s.wi);
    h.array(s.V.data);
  }
  h.i32(hasError() ? 1 : 0);
  clearError();
  return h.digest();
}
