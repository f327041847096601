// Eigenvalues of largest magnitude of a large real operator: the block Krylov–Schur method
// (Stewart 2001, "A Krylov–Schur algorithm for large eigenproblems", SIAM J. Matrix Anal. Appl.
// 23(3):601-614; in block form Zhou & Saad 2008, "Block Krylov–Schur method for large symmetric
// eigenvalue problems", Numer. Algorithms 47:341-359, here for a non-symmetric operator in real
// arithmetic with the real Schur form). The basis grows one vector per operator application with
// block width b (the band Arnoldi process, Ruhe 1979, Math. Comp. 33(146):680-687), orthogonalised by
// classical Gram-Schmidt with DGKS reorthogonalisation (Daniel, Gragg, Kaufman & Stewart 1976, Math.
// Comp. 30:772-795). A restart computes the real Schur form of the Rayleigh quotient, moves the wanted
// Ritz values to the top by orthogonal swaps (schur.ts, LAPACK dtrexc) and truncates; the wanted
// Schur vectors are accepted together once each one's coupling to the residual block is below
// tolerance (Stewart 2001, §4, deflation criterion).
//
// Why a block: a Krylov space of one start vector holds one eigenvector per eigenvalue in exact
// arithmetic, so the second copy of a double eigenvalue — every bending mode of an axisymmetric rotor,
// the x and y planes — appears only through rounding, late or never (the single-vector implicitly
// restarted Arnoldi this replaces lost such copies). A block of b random start vectors holds b
// independent vectors of every eigenspace of dimension <= b, so every eigenvalue of geometric
// multiplicity <= b is found with its multiplicity. The basis is stored one vector per row so that
// every O(n) loop is contiguous.
import { Mat } from "./matrix";
import { Eig, eig, realSchur } from "./eig";
import { SplitMix64 } from "./prng";
import { EPS } from "./lu";
import { standardiseAll, sortLargestFirst, blockSize, blockModulus } from "./schur";
import { HessEigvec } from "./hess-eigvec";
import { setError, hasError, ERR_INVALID_INPUT, ERR_NO_CONVERGENCE } from "../errors";

/**
 * y = Op x for x, y of length n. Subclasses override apply (e.g. shift-invert (A - σB)^-1 B through a
 * factorisation). The base class is the identity operator.
 */
export class LinearOperator {
  n: i32;

  constructor(n: i32) {
    this.n = n;
  }

  apply(x: StaticArray<f64>, y: StaticArray<f64>): void {
    for (let i = 0; i < this.n; i++) unchecked((y[i] = x[i]));
  }
}

/** A dense n x n matrix as an operator (tests, small models). */
export class DenseOperator extends LinearOperator {
  A: Mat;

  constructor(A: Mat) {
    super(A.rows);
    this.A = A;
  }

  apply(x: StaticArray<f64>, y: StaticArray<f64>): void {
    this.A.mulVec(x, y);
  }
}

/**
 * Block width: the largest eigenvalue multiplicity found with certainty. 2 covers the x/y double
 * roots of axisymmetric rotors (and isotropic supports), the only multiplicity the rotor models have
 * by construction; higher ones are coincidences that rounding still reveals.
 */
export const BLOCK: i32 = 2;

/**
 * Smallest basis. A block of width b raises the Krylov polynomial degree by one every b applications,
 * so a block basis needs more vectors than a single-vector one to separate outer eigenvalues of nearly
 * equal modulus: on random 100..300-order matrices (the hardest case: eigenvalues fill a disk) the
 * k <= 16 largest were missed in 19 of 88 runs with 20 vectors, 2 with 32.
 */
const MIN_BASIS: i32 = 32;

/** Fixed seed of the start block and of replacement vectors after a breakdown. */
const START_SEED: u64 = 0x5eed_a7c0_1d15_c0de;
/** Explicit-residual acceptance relative to |θ| for operators with inexact application, √eps. */
const VERIFY_RTOL: f64 = 1e-6;
/**
 * Moduli within this relative distance are not reordered against each other (schur.ts
 * sortLargestFirst): swapping (nearly) equal eigenvalues is ill-conditioned and pointless.
 */
const TIE_RTOL: f64 = 1e-6;
/** Ritz values of the locked block counted as the same cluster for their eigenvectors. */
const CLUSTER_RTOL: f64 = 1e-6;

/** Krylov decomposition Op V[:, 0:j] = V[:, 0:j+b] H[0:j+b, 0:j], V with orthonormal rows. */
class KrylovBasis {
  op: LinearOperator;
  n: i32;
  b: i32;
  /** columns of H (the largest m) */
  ldh: i32;
  /** rows of V: ldh + b */
  cap: i32;
  V: StaticArray<f64>;
  H: StaticArray<f64>;
  w: StaticArray<f64>;
  x: StaticArray<f64>;
  coef: StaticArray<f64>;
  dots: StaticArray<f64>;
  /** restart work: Schur factor, Schur vectors (transposed), new basis, couplings, eigenvalues */
  wT: StaticArray<f64>;
  wZ: StaticArray<f64>;
  wV: StaticArray<f64>;
  wR: StaticArray<f64>;
  wr: StaticArray<f64>;
  wi: StaticArray<f64>;
  /** largest ||Op v|| seen (a lower bound of ||Op||, for the attainable-accuracy floor) */
  opMax: f64 = 0.0;
  rng: SplitMix64;

  constructor(op: LinearOperator, mMax: i32, b: i32) {
    const cap = mMax + b;
    this.op = op;
    this.n = op.n;
    this.b = b;
    this.ldh = mMax;
    this.cap = cap;
    this.V = new StaticArray<f64>(cap * op.n);
    this.H = new StaticArray<f64>(cap * mMax);
    this.w = new StaticArray<f64>(op.n);
    this.x = new StaticArray<f64>(op.n);
    this.coef = new StaticArray<f64>(cap);
    this.dots = new StaticArray<f64>(cap);
    this.wT = new StaticArray<f64>(mMax * mMax);
    this.wZ = new StaticArray<f64>(mMax * mMax);
    this.wV = new StaticArray<f64>(mMax * op.n);
    this.wR = new StaticArray<f64>(b * mMax);
    this.wr = new StaticArray<f64>(mMax);
    this.wi = new StaticArray<f64>(mMax);
    this.rng = new SplitMix64(START_SEED);
  }

  /** w -= V_{0..j-1} c with c = V^T w (one classical Gram-Schmidt pass); c is added into coef. */
  project(w: StaticArray<f64>, j: i32): void {
    const n = this.n, V = this.V, h = this.coef, c = this.dots;
    for (let i = 0; i < j; i++) {
      const ri = i * n;
      let s = 0.0;
      for (let k = 0; k < n; k++) s += unchecked(V[ri + k] * w[k]);
      unchecked((c[i] = s));
    }
    for (let i = 0; i < j; i++) {
      const ri = i * n;
      const ci = unchecked(c[i]);
      unchecked((h[i] = h[i] + ci));
      if (ci == 0.0) continue;
      for (let k = 0; k < n; k++) unchecked((w[k] = w[k] - ci * V[ri + k]));
    }
  }

  /** Orthogonalises w against rows 0..j-1 (coefficients summed into coef[0..j-1]); returns ||w||. */
  orthogonalise(w: StaticArray<f64>, j: i32): f64 {
    const n = this.n;
    for (let i = 0; i < j; i++) unchecked((this.coef[i] = 0.0));
    let nrm = 0.0;
    for (let k = 0; k < n; k++) nrm += unchecked(w[k] * w[k]);
    nrm = Math.sqrt(nrm);
    for (let pass = 0; pass < 3; pass++) {
      this.project(w, j);
      const before = nrm;
      nrm = 0.0;
      for (let k = 0; k < n; k++) nrm += unchecked(w[k] * w[k]);
      nrm = Math.sqrt(nrm);
      if (nrm > 0.7071067811865476 * before) break; // DGKS criterion, η = 1/√2
    }
    return nrm;
  }

  /** Row j := a unit vector from the PRNG orthogonal to rows 0..j-1. */
  randomRow(j: i32): bool {
    const n = this.n, w = this.w;
    for (let attempt = 0; attempt < 5; attempt++) {
      for (let k = 0; k < n; k++) unchecked((w[k] = this.rng.uniform()));
      const nrm = this.orthogonalise(w, j);
      if (nrm > 1e-3) {
        const inv = 1.0 / nrm;
        const rj = j * n;
        for (let k = 0; k < n; k++) unchecked((this.V[rj + k] = w[k] * inv));
        return true;
      }
    }
    return false;
  }

  /**
   * Column c of the band Arnoldi process: w = Op v_c orthogonalised against v_0..v_{c+b-1} gives
   * H[0..c+b-1][c], and v_{c+b} = w / ||w|| with H[c+b][c] = ||w||. A breakdown (w in the span to
   * working accuracy: an invariant subspace) continues with a random direction and a zero coupling,
   * so the block keeps its width.
   */
  step(c: i32): bool {
    const n = this.n, b = this.b, ldh = this.ldh, V = this.V, H = this.H, w = this.w, x = this.x;
    memory.copy(changetype<usize>(x), changetype<usize>(V) + <usize>(c * n * 8), <usize>n * 8);
    this.op.apply(x, w);
    let opNorm = 0.0;
    for (let k = 0; k < n; k++) opNorm += unchecked(w[k] * w[k]);
    opNorm = Math.sqrt(opNorm);
    if (opNorm > this.opMax) this.opMax = opNorm;
    const j = c + b;
    const beta = this.orthogonalise(w, j);
    for (let i = 0; i < j; i++) unchecked((H[i * ldh + c] = this.coef[i]));
    const broke = !(beta > 10.0 * EPS * opNorm) || beta == 0.0;
    if (broke) {
      unchecked((H[j * ldh + c] = 0.0));
      return this.randomRow(j);
    }
    unchecked((H[j * ldh + c] = beta));
    const inv = 1.0 / beta;
    const rj = j * n;
    for (let k = 0; k < n; k++) unchecked((V[rj + k] = w[k] * inv));
    return true;
  }
}

/**
 * Required residual of a Ritz pair: tol |θ|, but never below the floor that rounding allows
 * (a small multiple of eps ||Op||), else tiny Ritz values of a large operator could never converge.
 */
@inline
function accuracy(modulus: f64, tol: f64, floor: f64): f64 {
  return Math.max(tol * modulus, floor);
}

/** true if eigenvalue (ar, ai) comes before (br, bi): larger modulus, then larger real, then imaginary part. */
function before(ar: f64, ai: f64, br: f64, bi: f64): bool {
  const ma = Math.hypot(ar, ai), mb = Math.hypot(br, bi);
  if (ma != mb) return ma > mb;
  if (ar != br) return ar > br;
  return ai > bi;
}

/**
 * The k largest Ritz pairs of the converged block (whole units; values of the quasi-triangular
 * T = H[0:kk, 0:kk], vectors V y with y by cluster-aware inverse iteration, hess-eigvec.ts), each
 * checked by one operator application: ||Op x - θ x|| <= max(2 (acc(θ) + δ), √eps |θ|), δ the norm
 * of the couplings dropped when locking (Op V = V T + E, ||E|| <= δ), so that no pair whose vector is
 * wrong (or zero) is ever reported. Units by decreasing modulus. Null if a check fails.
 */
function lockedPairs(kb: KrylovBasis, kk: i32, k: i32, tol: f64, floor: f64, dropped: f64): Eig | null {
  const n = kb.n, ldh = kb.ldh;
  const T = new StaticArray<f64>(kk * kk);
  let tnorm = 0.0;
  for (let i = 0; i < kk; i++)
    for (let j = 0; j < kk; j++) {
      const v = unchecked(kb.H[i * ldh + j]);
      unchecked((T[i * kk + j] = v));
      tnorm += v * v;
    }
  tnorm = Math.sqrt(tnorm);
  // eigenvalues in diagonal order: (re, im) with a pair's positive imaginary part first
  const dr = new StaticArray<f64>(kk), di = new StaticArray<f64>(kk);
  let i = 0;
  while (i < kk) {
    const sz = blockSize(kk, T, i);
    if (sz == 1) {
      unchecked((dr[i] = T[i * kk + i]));
      unchecked((di[i] = 0.0));
    } else {
      // standardised block [a b; c a], b c < 0
      const a = unchecked(T[i * kk + i]);
      const im = Math.sqrt(Math.abs(unchecked(T[i * kk + i + 1]))) * Math.sqrt(Math.abs(unchecked(T[(i + 1) * kk + i])));
      unchecked((dr[i] = a));
      unchecked((di[i] = im));
      unchecked((dr[i + 1] = a));
      unchecked((di[i + 1] = -im));
    }
    i += sz;
  }
  // unit order by decreasing modulus (insertion sort of block starts: deterministic and stable)
  const starts = new Array<i32>();
  i = 0;
  while (i < kk) {
    starts.push(i);
    i += blockSize(kk, T, i);
  }
  const u = starts.length;
  for (let a = 1; a < u; a++) {
    const s = starts[a];
    let p = a - 1;
    while (p >= 0 && before(unchecked(dr[s]), unchecked(di[s]), unchecked(dr[starts[p]]), unchecked(di[starts[p]]))) {
      starts[p + 1] = starts[p];
      p--;
    }
    starts[p + 1] = s;
  }
  // the first units up to k values
  let ko = 0, uo = 0;
  while (ko < k) {
    ko += blockSize(kk, T, starts[uo]);
    uo++;
  }
  const hv = new HessEigvec(kk);
  const Y = new StaticArray<f64>(kk * kk);
  const prev = new StaticArray<i32>(2 * kk);
  const wr = new StaticArray<f64>(ko), wi = new StaticArray<f64>(ko);
  const X = new Mat(n, ko);
  const xr = new StaticArray<f64>(n), xi = new StaticArray<f64>(n);
  const yr = new StaticArray<f64>(n), yi = new StaticArray<f64>(n);
  let c = 0;
  for (let q = 0; q < uo; q++) {
    const s = starts[q];
    const sz = blockSize(kk, T, s);
    const tr = unchecked(dr[s]), ti = unchecked(di[s]);
    // earlier values of the same cluster (same sign of the imaginary part): orthogonalise against them
    let np = 0;
    let c2 = 0;
    while (c2 < c) {
      const pr = unchecked(wr[c2]), pi = unchecked(wi[c2]);
      const psz = pi > 0.0 ? 2 : 1;
      if (Math.hypot(pr - tr, pi - ti) <= CLUSTER_RTOL * Math.hypot(tr, ti)) {
        unchecked((prev[2 * np] = c2));
        unchecked((prev[2 * np + 1] = psz == 2 ? c2 + 1 : -1));
        np++;
      }
      c2 += psz;
    }
    const res = hv.compute(T, tr, ti, tnorm, Y, kk, c, sz == 2 ? c + 1 : -1, prev, np);
    if (!isFinite(res)) return null;
    // x = V[0:kk] y, unit (complex) norm
    let ss = 0.0;
    for (let t = 0; t < sz; t++) {
      const col = t == 0 ? xr : xi;
      for (let r = 0; r < n; r++) unchecked((col[r] = 0.0));
      for (let r = 0; r < kk; r++) {
        const y = unchecked(Y[r * kk + c + t]);
        if (y == 0.0) continue;
        const o = r * n;
        for (let k = 0; k < n; k++) unchecked((col[k] = col[k] + y * kb.V[o + k]));
      }
      for (let k = 0; k < n; k++) ss += unchecked(col[k] * col[k]);
    }
    if (!(ss > 0.0) || !isFinite(ss)) return null;
    const inv = 1.0 / Math.sqrt(ss);
    for (let k = 0; k < n; k++) {
      unchecked((xr[k] = xr[k] * inv));
      if (sz == 2) unchecked((xi[k] = xi[k] * inv));
    }
    kb.op.apply(xr, yr);
    let r2 = 0.0;
    if (sz == 2) {
      kb.op.apply(xi, yi);
      for (let k = 0; k < n; k++) {
        const a = unchecked(yr[k]) - (tr * unchecked(xr[k]) - ti * unchecked(xi[k]));
        const bb = unchecked(yi[k]) - (tr * unchecked(xi[k]) + ti * unchecked(xr[k]));
        r2 += a * a + bb * bb;
      }
    } else {
      for (let k = 0; k < n; k++) {
        const a = unchecked(yr[k]) - tr * unchecked(xr[k]);
        r2 += a * a;
      }
    }
    const lim = Math.max(2.0 * (accuracy(Math.hypot(tr, ti), tol, floor) + dropped), VERIFY_RTOL * Math.hypot(tr, ti));
    if (!(Math.sqrt(r2) <= lim)) return null;
    for (let k = 0; k < n; k++) {
      X.set(k, c, unchecked(xr[k]));
      if (sz == 2) X.set(k, c + 1, unchecked(xi[k]));
    }
    unchecked((wr[c] = tr));
    unchecked((wi[c] = ti));
    if (sz == 2) {
      unchecked((wr[c + 1] = tr));
      unchecked((wi[c + 1] = -ti));
    }
    c += sz;
  }
  return new Eig(wr, wi, X);
}

/**
 * Small operators (the wanted subspace is not much smaller than the space): the operator as a dense
 * matrix (n applications to the unit vectors) and its full eigendecomposition; the k largest, whole
 * pairs, by decreasing modulus.
 */
function eigsDense(op: LinearOperator, k: i32): Eig | null {
  const n = op.n;
  const A = new Mat(n, n);
  const x = new StaticArray<f64>(n), y = new StaticArray<f64>(n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) unchecked((x[i] = i == j ? 1.0 : 0.0));
    op.apply(x, y);
    for (let i = 0; i < n; i++) A.set(i, j, unchecked(y[i]));
  }
  const e = eig(A);
  if (e === null) return null;
  const starts = new Array<i32>();
  let j = 0;
  while (j < n) {
    starts.push(j);
    j += unchecked(e.wi[j]) > 0.0 && j + 1 < n ? 2 : 1;
  }
  const u = starts.length;
  for (let a = 1; a < u; a++) {
    const s = starts[a];
    let p = a - 1;
    while (p >= 0 && before(unchecked(e.wr[s]), unchecked(e.wi[s]), unchecked(e.wr[starts[p]]), unchecked(e.wi[starts[p]]))) {
      starts[p + 1] = starts[p];
      p--;
    }
    starts[p + 1] = s;
  }
  let kk = 0, nu = 0;
  while (kk < k) {
    kk += unchecked(e.wi[starts[nu]]) > 0.0 ? 2 : 1;
    nu++;
  }
  const wr = new StaticArray<f64>(kk), wi = new StaticArray<f64>(kk);
  const V = new Mat(n, kk);
  let c = 0;
  for (let q = 0; q < nu; q++) {
    const s = starts[q];
    const sz = unchecked(e.wi[s]) > 0.0 ? 2 : 1;
    for (let t = 0; t < sz; t++) {
      unchecked((wr[c + t] = e.wr[s + t]));
      unchecked((wi[c + t] = e.wi[s + t]));
      for (let i = 0; i < n; i++) V.set(i, c + t, e.V.get(i, s + t));
    }
    c += sz;
  }
  return new Eig(wr, wi, V);
}

/**
 * k eigenpairs of largest |θ| of a real operator. Returns an Eig with n = k (or k + 1 so that a
 * conjugate pair is not split), values ordered by decreasing modulus (a pair: positive imaginary part
 * first), and V of size op.n x n in the real form of Eig.V, each eigenvector of unit norm.
 * Converged when every wanted Schur vector (or 2x2 block) has a coupling to the residual block below
 * max(tol |θ|, c eps ||Op||) (c = 10 m; ||Op|| estimated by the largest ||H||_F and ||Op v|| seen);
 * each eigenpair is then verified by applying Op to its eigenvector. Eigenvalues of geometric
 * multiplicity <= BLOCK come with as many independent vectors (within k).
 * Null + ERR_NO_CONVERGENCE (detail: restarts) after maxIter restarts, ERR_INVALID_INPUT for k outside
 * 1..op.n.
 */
export function eigsLargest(op: LinearOperator, k: i32, tol: f64, maxIter: i32): Eig | null {
  const n = op.n;
  if (k < 1 || k > n) {
    setError(ERR_INVALID_INPUT, <f64>k);
    return null;
  }
  if (!(tol > 0.0)) tol = EPS;
  const b = BLOCK;
  // Basis size: ARPACK's advice ncv >= 2k + 1 (Lehoucq, Sorensen & Yang 1998, ARPACK Users' Guide
  // §2.3.2), plus room for the residual block, and at least MIN_BASIS.
  let mMax = 2 * k + 2 * b;
  if (mMax < MIN_BASIS) mMax = MIN_BASIS;
  if (mMax + b >= n) return eigsDense(op, k);
  const kb = new KrylovBasis(op, mMax, b);
  for (let r = 0; r < b; r++) {
    if (!kb.randomRow(r)) {
      setError(ERR_NO_CONVERGENCE, 0);
      return null;
    }
  }
  const ldh = mMax;
  const room = mMax - b;
  let j = 0;
  let opNorm = 0.0;
  for (let iter = 0; iter <= maxIter; iter++) {
    // expand to m columns (the residual block then occupies rows m..m+b-1 of V)
    const m = j + b * ((mMax - j) / b);
    for (let c = j; c < m; c++) {
      if (!kb.step(c)) {
        setError(ERR_NO_CONVERGENCE, <f64>iter);
        return null;
      }
    }
    if (hasError()) return null;
    let hnorm = 0.0;
    for (let r = 0; r < m + b; r++)
      for (let c = 0; c < m; c++) hnorm += unchecked(kb.H[r * ldh + c] * kb.H[r * ldh + c]);
    hnorm = Math.sqrt(hnorm);
    if (!isFinite(hnorm)) {
      setError(ERR_NO_CONVERGENCE, <f64>iter); // the operator produced a non-finite vector
      return null;
    }
    opNorm = Math.max(opNorm, Math.max(hnorm, kb.opMax));
    const floor = 10.0 * <f64>m * EPS * opNorm;

    // real Schur form of the Rayleigh quotient S = H[0:m, 0:m] = Z T Zᵀ, standardised; the wanted
    // (the k largest, whole blocks) first, then half of the rest kept (Stewart 2001, §3), within the
    // room the next expansion needs
    const T = kb.wT, zt = kb.wZ;
    for (let r = 0; r < m; r++)
      for (let c = 0; c < m; c++) unchecked((T[r * m + c] = kb.H[r * ldh + c]));
    if (!realSchur(m, T, zt, kb.wr, kb.wi)) return null;
    standardiseAll(m, T, zt);
    let keepTarget = (m + k) / 2;
    if (keepTarget > room) keepTarget = room;
    const sorted = sortLargestFirst(m, T, zt, keepTarget, TIE_RTOL);
    if (sorted < 0) {
      setError(ERR_NO_CONVERGENCE, <f64>iter);
      return null;
    }
    let want = 0;
    while (want < k) want += blockSize(m, T, want);
    let keep = want;
    while (keep < keepTarget) {
      const sz = blockSize(m, T, keep);
      if (keep + sz > room || keep + sz > sorted) break;
      keep += sz;
    }
    // couplings of the Schur vectors to the residual block: R = H[m:m+b, 0:m] Z (b x keep)
    const R = kb.wR;
    for (let s = 0; s < b; s++) {
      const hr = (m + s) * ldh;
      for (let c = 0; c < keep; c++) {
        const zc = c * m;
        let acc = 0.0;
        for (let r = 0; r < m; r++) acc += unchecked(kb.H[hr + r] * zt[zc + r]);
        unchecked((R[s * m + c] = acc));
      }
    }
    // Converged when every wanted block is, in the same cycle (as ARPACK accepts; locking the early
    // ones would count them towards k, and an outer eigenvalue whose Ritz value still lies inside the
    // field of values, smaller in modulus, could then be missed)
    let done = true;
    let dropped2 = 0.0;
    for (let c = 0; c < want; ) {
      const sz = blockSize(m, T, c);
      let r2 = 0.0;
      for (let t = 0; t < sz; t++) for (let s = 0; s < b; s++) r2 += unchecked(R[s * m + c + t] * R[s * m + c + t]);
      if (!(Math.sqrt(r2) <= accuracy(blockModulus(m, T, c, sz), tol, floor))) done = false; // NaN-safe
      dropped2 += r2;
      c += sz;
    }
    if (iter == maxIter && !done) break;

    // restart: V[0:keep] = V[0:m] Z[:, 0:keep], residual block to rows keep..keep+b-1, H rebuilt as
    // [T[0:keep, 0:keep]; R] (a Krylov–Schur decomposition again)
    const Vn = kb.wV;
    memory.fill(changetype<usize>(Vn), 0, <usize>(keep * n * 8));
    for (let c = 0; c < keep; c++) {
      const oc = c * n, zc = c * m;
      for (let r = 0; r < m; r++) {
        const q = unchecked(zt[zc + r]);
        if (q == 0.0) continue;
        const orow = r * n;
        for (let i = 0; i < n; i++) unchecked((Vn[oc + i] = Vn[oc + i] + q * kb.V[orow + i]));
      }
    }
    memory.fill(changetype<usize>(kb.H), 0, <usize>(kb.cap * ldh * 8));
    for (let r = 0; r < keep; r++)
      for (let c = 0; c < keep; c++) unchecked((kb.H[r * ldh + c] = T[r * m + c]));
    for (let s = 0; s < b; s++)
      for (let c = 0; c < keep; c++) unchecked((kb.H[(keep + s) * ldh + c] = R[s * m + c]));
    memory.copy(changetype<usize>(kb.V) + <usize>(keep * n * 8), changetype<usize>(kb.V) + <usize>(m * n * 8), <usize>(b * n * 8));
    memory.copy(changetype<usize>(kb.V), changetype<usize>(Vn), <usize>(keep * n * 8));
    j = keep;
    if (done) {
      // the wanted Schur vectors span an invariant subspace of Op + E, ||E|| = ||R[:, 0:want]||
      const r = lockedPairs(kb, want, k, tol, floor, Math.sqrt(dropped2));
      if (r === null) {
        if (!hasError()) setError(ERR_NO_CONVERGENCE, <f64>iter);
        return null;
      }
      return r;
    }
  }
  setError(ERR_NO_CONVERGENCE, <f64>maxIter);
  return null;
}
