// Eigenvalues of largest magnitude of a large real operator: implicitly restarted Arnoldi with exact
// shifts (Sorensen 1992, SIAM J. Matrix Anal. Appl. 13(1):357-385; Lehoucq & Sorensen 1996, SIAM J.
// Matrix Anal. Appl. 17(4):789-821, the method of ARPACK). Orthogonality is kept by classical
// Gram-Schmidt with DGKS reorthogonalisation (Daniel, Gragg, Kaufman & Stewart 1976, Math. Comp.
// 30:772-795). Shifts are applied as implicit single (real shift) or Francis double (complex pair)
// QR steps on the small Hessenberg matrix (Golub & Van Loan 4th ed. Alg. 7.5.1). The basis is
// stored one vector per row so that every O(n) loop is contiguous.
import { cdiv, cdivr, cdivi } from "./complex";
import { Mat } from "./matrix";
import { Eig, eigvals } from "./eig";
import { SplitMix64 } from "./prng";
import { EPS } from "./lu";
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

/** Fixed seed of the start vector (and of replacement vectors after a breakdown). */
const START_SEED: u64 = 0x5eed_a7c0_1d15_c0de;

/** State of an Arnoldi factorisation Op V_j = V_j H_j + f e_j^T. */
class Arnoldi {
  op: LinearOperator;
  n: i32;
  m: i32;
  /** m basis vectors as rows (row j = v_j). */
  V: StaticArray<f64>;
  /** m x m upper Hessenberg, row-major. */
  H: StaticArray<f64>;
  /** residual f and its norm. */
  f: StaticArray<f64>;
  beta: f64 = 0.0;
  /** largest ||Op v|| seen (a lower bound of ||Op||, for the attainable-accuracy floor). */
  opMax: f64 = 0.0;
  w: StaticArray<f64>;
  hcol: StaticArray<f64>;
  coef: StaticArray<f64>;
  rng: SplitMix64;

  constructor(op: LinearOperator, m: i32) {
    this.op = op;
    this.n = op.n;
    this.m = m;
    this.V = new StaticArray<f64>(m * op.n);
    this.H = new StaticArray<f64>(m * m);
    this.f = new StaticArray<f64>(op.n);
    this.w = new StaticArray<f64>(op.n);
    this.hcol = new StaticArray<f64>(m);
    this.coef = new StaticArray<f64>(m);
    this.rng = new SplitMix64(START_SEED);
  }

  /** w -= V_{0..j-1} c with c = V^T w (one classical Gram-Schmidt pass); c is added into hcol. */
  project(w: StaticArray<f64>, j: i32): void {
    const n = this.n, V = this.V, h = this.hcol, c = this.coef;
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

  /** Orthogonalises w against v_0..v_{j-1} with DGKS: a second pass when the norm dropped below 1/√2. */
  orthogonalise(w: StaticArray<f64>, j: i32): f64 {
    const n = this.n;
    let norm0 = 0.0;
    for (let k = 0; k < n; k++) norm0 += unchecked(w[k] * w[k]);
    norm0 = Math.sqrt(norm0);
    let nrm = norm0;
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

  /** A unit vector orthogonal to v_0..v_{j-1} from the PRNG, written to row j (after a breakdown). */
  randomRow(j: i32): bool {
    const n = this.n, w = this.w;
    for (let attempt = 0; attempt < 5; attempt++) {
      for (let k = 0; k < n; k++) unchecked((w[k] = this.rng.uniform()));
      for (let i = 0; i < j; i++) unchecked((this.hcol[i] = 0.0));
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

  /** Extends the factorisation from j0 columns (v_{j0} already in row j0) to m. */
  extend(j0: i32): bool {
    const n = this.n, m = this.m, V = this.V, H = this.H, w = this.w, h = this.hcol;
    const x = new StaticArray<f64>(n);
    for (let j = j0; j < m; j++) {
      const rj = j * n;
      for (let k = 0; k < n; k++) unchecked((x[k] = V[rj + k]));
      this.op.apply(x, w);
      let opNorm = 0.0;
      for (let k = 0; k < n; k++) opNorm += unchecked(w[k] * w[k]);
      opNorm = Math.sqrt(opNorm);
      if (opNorm > this.opMax) this.opMax = opNorm;
      for (let i = 0; i <= j; i++) unchecked((h[i] = 0.0));
      const beta = this.orthogonalise(w, j + 1);
      for (let i = 0; i <= j; i++) unchecked((H[i * m + j] = h[i]));
      // breakdown: Op v_j lies in span(V) to working accuracy (an invariant subspace was found)
      const broke = !(beta > 10.0 * EPS * opNorm) || beta == 0.0;
      if (j + 1 < m) {
        if (broke) {
          unchecked((H[(j + 1) * m + j] = 0.0));
          if (!this.randomRow(j + 1)) return false;
        } else {
          unchecked((H[(j + 1) * m + j] = beta));
          const inv = 1.0 / beta;
          const r1 = (j + 1) * n;
          for (let k = 0; k < n; k++) unchecked((V[r1 + k] = w[k] * inv));
        }
      } else {
        if (broke) {
          for (let k = 0; k < n; k++) unchecked((this.f[k] = 0.0));
          this.beta = 0.0;
        } else {
          for (let k = 0; k < n; k++) unchecked((this.f[k] = w[k]));
          this.beta = beta;
        }
      }
    }
    return true;
  }
}

/**
 * One implicit single-shift QR step on the unreduced diagonal block lo..hi of H: H <- G^T H G,
 * Q <- Q G (Givens bulge chase, Golub & Van Loan 4th ed. §7.5.2); rows are rotated up to column m-1
 * and columns from row 0, so the rest of H stays consistent with the similarity.
 */
function shiftReal(m: i32, H: StaticArray<f64>, Q: StaticArray<f64>, mu: f64, lo: i32, hi: i32): void {
  let x = unchecked(H[lo * m + lo]) - mu;
  let y = unchecked(H[(lo + 1) * m + lo]);
  for (let i = lo; i < hi; i++) {
    const r = Math.hypot(x, y);
    let c = 1.0, s = 0.0;
    if (r != 0.0) {
      c = x / r;
      s = y / r;
    }
    // rows i, i+1
    const c0 = i > lo ? i - 1 : lo;
    for (let j = c0; j < m; j++) {
      const a = unchecked(H[i * m + j]), b = unchecked(H[(i + 1) * m + j]);
      unchecked((H[i * m + j] = c * a + s * b));
      unchecked((H[(i + 1) * m + j] = -s * a + c * b));
    }
    // columns i, i+1
    const r1 = i + 2 <= hi ? i + 2 : hi;
    for (let k = 0; k <= r1; k++) {
      const a = unchecked(H[k * m + i]), b = unchecked(H[k * m + i + 1]);
      unchecked((H[k * m + i] = c * a + s * b));
      unchecked((H[k * m + i + 1] = -s * a + c * b));
    }
    for (let k = 0; k < m; k++) {
      const a = unchecked(Q[k * m + i]), b = unchecked(Q[k * m + i + 1]);
      unchecked((Q[k * m + i] = c * a + s * b));
      unchecked((Q[k * m + i + 1] = -s * a + c * b));
    }
    if (i > lo) unchecked((H[(i + 1) * m + i - 1] = 0.0)); // the chased bulge, exactly zero
    if (i + 1 < hi) {
      x = unchecked(H[(i + 1) * m + i]);
      y = unchecked(H[(i + 2) * m + i]);
    }
  }
}

/**
 * One Francis double-shift step on the unreduced block lo..hi with the pair μ, conj(μ) given by
 * s = 2 Re μ, t = |μ|² (Golub & Van Loan 4th ed. Alg. 7.5.1), Householder reflectors of size 3
 * (2 at the end of the block).
 */
function shiftPair(m: i32, H: StaticArray<f64>, Q: StaticArray<f64>, s: f64, t: f64, lo: i32, hi: i32): void {
  const h00 = unchecked(H[lo * m + lo]), h01 = unchecked(H[lo * m + lo + 1]);
  const h10 = unchecked(H[(lo + 1) * m + lo]), h11 = unchecked(H[(lo + 1) * m + lo + 1]);
  let x = h00 * h00 + h01 * h10 - s * h00 + t;
  let y = h10 * (h00 + h11 - s);
  let z = lo + 2 <= hi ? h10 * unchecked(H[(lo + 2) * m + lo + 1]) : 0.0;
  for (let k = lo; k < hi; k++) {
    const len = k + 2 <= hi ? 3 : 2;
    if (len == 2) z = 0.0;
    // The reflector is scale-invariant: scale [x y z] to unit 1-norm first, as EISPACK hqr2 does, so
    // that squares of a nearly deflated (tiny) bulge neither underflow nor make 2 / v^T v overflow.
    const sc = Math.abs(x) + Math.abs(y) + Math.abs(z);
    let skip = !(sc > 0.0);
    if (!skip) {
      x /= sc;
      y /= sc;
      z /= sc;
    }
    if (!skip) {
      // Householder v with (I - 2 v v^T / v^T v) [x y z]^T = -sign(x) ||.|| e1
      let nrm = Math.sqrt(x * x + y * y + z * z);
      if (x < 0) nrm = -nrm;
      const v0 = x + nrm, v1 = y, v2 = z;
      const tau = 2.0 / (v0 * v0 + v1 * v1 + v2 * v2);
      // rows k..k+len-1 from column max(lo, k-1)
      const c0 = k > lo ? k - 1 : lo;
      for (let j = c0; j < m; j++) {
        const a0 = unchecked(H[k * m + j]), a1 = unchecked(H[(k + 1) * m + j]);
        const a2 = len == 3 ? unchecked(H[(k + 2) * m + j]) : 0.0;
        const p = tau * (v0 * a0 + v1 * a1 + v2 * a2);
        unchecked((H[k * m + j] = a0 - p * v0));
        unchecked((H[(k + 1) * m + j] = a1 - p * v1));
        if (len == 3) unchecked((H[(k + 2) * m + j] = a2 - p * v2));
      }
      // columns k..k+len-1, rows 0..min(k+3, hi)
      const r1 = k + 3 <= hi ? k + 3 : hi;
      for (let i = 0; i <= r1; i++) {
        const a0 = unchecked(H[i * m + k]), a1 = unchecked(H[i * m + k + 1]);
        const a2 = len == 3 ? unchecked(H[i * m + k + 2]) : 0.0;
        const p = tau * (v0 * a0 + v1 * a1 + v2 * a2);
        unchecked((H[i * m + k] = a0 - p * v0));
        unchecked((H[i * m + k + 1] = a1 - p * v1));
        if (len == 3) unchecked((H[i * m + k + 2] = a2 - p * v2));
      }
      for (let i = 0; i < m; i++) {
        const a0 = unchecked(Q[i * m + k]), a1 = unchecked(Q[i * m + k + 1]);
        const a2 = len == 3 ? unchecked(Q[i * m + k + 2]) : 0.0;
        const p = tau * (v0 * a0 + v1 * a1 + v2 * a2);
        unchecked((Q[i * m + k] = a0 - p * v0));
        unchecked((Q[i * m + k + 1] = a1 - p * v1));
        if (len == 3) unchecked((Q[i * m + k + 2] = a2 - p * v2));
      }
      // the chased bulge below the subdiagonal is zero by construction
      if (k > lo) {
        unchecked((H[(k + 1) * m + k - 1] = 0.0));
        if (len == 3) unchecked((H[(k + 2) * m + k - 1] = 0.0));
      }
    }
    if (k + 1 < hi) {
      x = unchecked(H[(k + 1) * m + k]);
      y = unchecked(H[(k + 2) * m + k]);
      z = k + 3 <= hi ? unchecked(H[(k + 3) * m + k]) : 0.0;
    }
  }
}

/**
 * Applies one shift (real, or a conjugate pair) to every unreduced diagonal block of H of size >= 2,
 * after setting negligible subdiagonals (<= eps (|h_ii| + |h_i+1,i+1|), a backward error of eps ||H||)
 * to zero, as ARPACK dnapps does (Lehoucq & Sorensen 1996, §3). A bulge chased through a zero
 * subdiagonal dies there, so without this split the blocks below a breakdown (a random restart
 * direction, or an injected one) would never be filtered and the iteration would stagnate.
 */
function applyShift(m: i32, H: StaticArray<f64>, Q: StaticArray<f64>, pair: bool, re: f64, im: f64): void {
  for (let i = 0; i + 1 < m; i++) {
    const sub = Math.abs(unchecked(H[(i + 1) * m + i]));
    const d = Math.abs(unchecked(H[i * m + i])) + Math.abs(unchecked(H[(i + 1) * m + i + 1]));
    if (sub <= EPS * d || sub < 1e-300) unchecked((H[(i + 1) * m + i] = 0.0));
  }
  let lo = 0;
  while (lo < m) {
    let hi = lo;
    while (hi + 1 < m && unchecked(H[(hi + 1) * m + hi]) != 0.0) hi++;
    if (hi > lo) {
      if (pair) shiftPair(m, H, Q, 2.0 * re, re * re + im * im, lo, hi);
      else shiftReal(m, H, Q, re, lo, hi);
    }
    lo = hi + 1;
  }
}

/**
 * Ritz values of H grouped into units (a real value, or a conjugate pair with the positive imaginary
 * part first) and ordered by decreasing modulus; ties by larger real part, then larger imaginary part.
 * Returns the start index (into e.wr) of each unit in that order; the pair flag follows from e.wi.
 */
function orderUnits(e: Eig): StaticArray<i32> {
  const m = e.n;
  const starts = new Array<i32>();
  let j = 0;
  while (j < m) {
    starts.push(j);
    j += unchecked(e.wi[j]) > 0.0 && j + 1 < m ? 2 : 1;
  }
  const u = starts.length;
  const order = new StaticArray<i32>(u);
  for (let i = 0; i < u; i++) unchecked((order[i] = starts[i]));
  // insertion sort (u <= m is small): deterministic and stable
  for (let i = 1; i < u; i++) {
    const a = unchecked(order[i]);
    let p = i - 1;
    while (p >= 0 && before(e, a, unchecked(order[p]))) {
      unchecked((order[p + 1] = order[p]));
      p--;
    }
    unchecked((order[p + 1] = a));
  }
  return order;
}

/** true if unit a comes before unit b in the wanted ordering. */
function before(e: Eig, a: i32, b: i32): bool {
  const ma = Math.hypot(unchecked(e.wr[a]), unchecked(e.wi[a]));
  const mb = Math.hypot(unchecked(e.wr[b]), unchecked(e.wi[b]));
  if (ma != mb) return ma > mb;
  if (unchecked(e.wr[a]) != unchecked(e.wr[b])) return unchecked(e.wr[a]) > unchecked(e.wr[b]);
  return unchecked(e.wi[a]) > unchecked(e.wi[b]);
}

@inline
function unitSize(e: Eig, j: i32): i32 {
  return unchecked(e.wi[j]) > 0.0 && j + 1 < e.n ? 2 : 1;
}

/**
 * Eigenvectors of the small Hessenberg H for given Ritz values by inverse iteration (Wilkinson 1965,
 * The Algebraic Eigenvalue Problem, ch. 9 §§47-54; LAPACK dlaein/dhsein): each step solves
 * (H - θI) z = y by Gaussian elimination with partial pivoting, which for a Hessenberg matrix only
 * ever swaps adjacent rows (Wilkinson ch. 4 §33), in complex arithmetic (one code path for real θ).
 * Unlike back substitution in the Schur form this is backward stable column by column, needs no
 * overflow guards beyond a perturbed zero pivot, and its residual ||H y - θ y|| is measured, not
 * assumed. Near-equal Ritz values (a double eigenvalue) start from a vector orthogonalised against
 * the vectors already found for the cluster, so a two-dimensional eigenspace yields two vectors.
 */
class HessEigvec {
  m: i32;
  ar: StaticArray<f64>;
  ai: StaticArray<f64>;
  br: StaticArray<f64>;
  bi: StaticArray<f64>;
  rng: SplitMix64;

  constructor(m: i32) {
    this.m = m;
    this.ar = new StaticArray<f64>(m * m);
    this.ai = new StaticArray<f64>(m * m);
    this.br = new StaticArray<f64>(m);
    this.bi = new StaticArray<f64>(m);
    this.rng = new SplitMix64(START_SEED ^ 0x1234_5678);
  }

  /** z = (H - θI)^-1 b in place of (br, bi); tiny replaces a zero pivot. False if not finite. */
  solve(H: StaticArray<f64>, tr: f64, ti: f64, tiny: f64): bool {
    const m = this.m, ar = this.ar, ai = this.ai, br = this.br, bi = this.bi;
    for (let q = 0; q < m * m; q++) {
      unchecked((ar[q] = H[q]));
      unchecked((ai[q] = 0.0));
    }
    for (let i = 0; i < m; i++) {
      unchecked((ar[i * m + i] = ar[i * m + i] - tr));
      unchecked((ai[i * m + i] = -ti));
    }
    for (let c = 0; c < m - 1; c++) {
      const rc = c * m, rn = rc + m;
      if (Math.abs(unchecked(ar[rn + c])) + Math.abs(unchecked(ai[rn + c])) > Math.abs(unchecked(ar[rc + c])) + Math.abs(unchecked(ai[rc + c]))) {
        for (let j = c; j < m; j++) {
          let t = unchecked(ar[rc + j]);
          unchecked((ar[rc + j] = ar[rn + j]));
          unchecked((ar[rn + j] = t));
          t = unchecked(ai[rc + j]);
          unchecked((ai[rc + j] = ai[rn + j]));
          unchecked((ai[rn + j] = t));
        }
        let t = unchecked(br[c]);
        unchecked((br[c] = br[c + 1]));
        unchecked((br[c + 1] = t));
        t = unchecked(bi[c]);
        unchecked((bi[c] = bi[c + 1]));
        unchecked((bi[c + 1] = t));
      }
      if (unchecked(ar[rc + c]) == 0.0 && unchecked(ai[rc + c]) == 0.0) unchecked((ar[rc + c] = tiny));
      const lnr = unchecked(ar[rn + c]), lni = unchecked(ai[rn + c]);
      if (lnr == 0.0 && lni == 0.0) continue;
      cdiv(lnr, lni, unchecked(ar[rc + c]), unchecked(ai[rc + c]));
      const lr = cdivr, li = cdivi;
      for (let j = c + 1; j < m; j++) {
        const ur = unchecked(ar[rc + j]), ui = unchecked(ai[rc + j]);
        unchecked((ar[rn + j] = ar[rn + j] - (lr * ur - li * ui)));
        unchecked((ai[rn + j] = ai[rn + j] - (lr * ui + li * ur)));
      }
      const ur = unchecked(br[c]), ui = unchecked(bi[c]);
      unchecked((br[c + 1] = br[c + 1] - (lr * ur - li * ui)));
      unchecked((bi[c + 1] = bi[c + 1] - (lr * ui + li * ur)));
    }
    const last = (m - 1) * m + m - 1;
    if (unchecked(ar[last]) == 0.0 && unchecked(ai[last]) == 0.0) unchecked((ar[last] = tiny));
    for (let i = m - 1; i >= 0; i--) {
      const ri = i * m;
      let sr = unchecked(br[i]), si = unchecked(bi[i]);
      for (let j = i + 1; j < m; j++) {
        const ur = unchecked(ar[ri + j]), ui = unchecked(ai[ri + j]);
        sr -= ur * unchecked(br[j]) - ui * unchecked(bi[j]);
        si -= ur * unchecked(bi[j]) + ui * unchecked(br[j]);
      }
      cdiv(sr, si, unchecked(ar[ri + i]), unchecked(ai[ri + i]));
      unchecked((br[i] = cdivr));
      unchecked((bi[i] = cdivi));
    }
    let ok = true;
    for (let i = 0; i < m; i++) if (!isFinite(unchecked(br[i])) || !isFinite(unchecked(bi[i]))) ok = false;
    return ok;
  }

  /**
   * Unit eigenvector (yr + i yi) of H for θ = tr + i ti, written to columns cr (and ci if ti != 0) of
   * the m x ldy row-major Y. Columns prev[0..np-1] of Y (re, im pairs, im = -1 for real) are earlier
   * vectors of the same cluster to orthogonalise the start against. Returns ||H y - θ y|| (or +inf).
   */
  compute(H: StaticArray<f64>, tr: f64, ti: f64, hnorm: f64, Y: StaticArray<f64>, ldy: i32, cr: i32, ci: i32,
          prev: StaticArray<i32>, np: i32): f64 {
    const m = this.m, br = this.br, bi = this.bi;
    // a perturbed zero pivot of size eps ||H|| is the backward error inverse iteration tolerates
    const tiny = Math.max(EPS * hnorm, 1e-300);
    for (let i = 0; i < m; i++) {
      unchecked((br[i] = this.rng.uniform()));
      unchecked((bi[i] = ti != 0.0 ? this.rng.uniform() : 0.0));
    }
    // complex Gram-Schmidt (twice) against the cluster's earlier vectors
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < np; q++) {
        const pr = unchecked(prev[2 * q]), pi = unchecked(prev[2 * q + 1]);
        let dr = 0.0, di = 0.0; // d = p^H b
        for (let i = 0; i < m; i++) {
          const xr = unchecked(Y[i * ldy + pr]), xi = pi >= 0 ? unchecked(Y[i * ldy + pi]) : 0.0;
          dr += xr * unchecked(br[i]) + xi * unchecked(bi[i]);
          di += xr * unchecked(bi[i]) - xi * unchecked(br[i]);
        }
        for (let i = 0; i < m; i++) {
          const xr = unchecked(Y[i * ldy + pr]), xi = pi >= 0 ? unchecked(Y[i * ldy + pi]) : 0.0;
          unchecked((br[i] = br[i] - (dr * xr - di * xi)));
          if (ti != 0.0) unchecked((bi[i] = bi[i] - (dr * xi + di * xr)));
        }
      }
    }
    if (!this.normalise()) return Infinity;
    // three steps: the first already gains a factor ~ gap / (eps ||H||); the rest polish
    for (let it = 0; it < 3; it++) {
      if (!this.solve(H, tr, ti, tiny)) return Infinity;
      if (ti == 0.0) for (let i = 0; i < m; i++) unchecked((bi[i] = 0.0));
      if (!this.normalise()) return Infinity;
    }
    // residual ||H y - θ y||
    let rs = 0.0;
    for (let i = 0; i < m; i++) {
      const ri = i * m;
      let sr = 0.0, si = 0.0;
      const j0 = i > 0 ? i - 1 : 0;
      for (let j = j0; j < m; j++) {
        sr += unchecked(H[ri + j] * br[j]);
        si += unchecked(H[ri + j] * bi[j]);
      }
      sr -= tr * unchecked(br[i]) - ti * unchecked(bi[i]);
      si -= tr * unchecked(bi[i]) + ti * unchecked(br[i]);
      rs += sr * sr + si * si;
    }
    for (let i = 0; i < m; i++) {
      unchecked((Y[i * ldy + cr] = br[i]));
      if (ci >= 0) unchecked((Y[i * ldy + ci] = bi[i]));
    }
    return Math.sqrt(rs);
  }

  normalise(): bool {
    const m = this.m, br = this.br, bi = this.bi;
    let big = 0.0;
    for (let i = 0; i < m; i++) big = Math.max(big, Math.abs(unchecked(br[i])) + Math.abs(unchecked(bi[i])));
    if (!(big > 0.0) || !isFinite(big)) return false;
    // scale first so that the sum of squares can neither overflow nor underflow
    let ss = 0.0;
    for (let i = 0; i < m; i++) {
      unchecked((br[i] = br[i] / big));
      unchecked((bi[i] = bi[i] / big));
      ss += unchecked(br[i] * br[i] + bi[i] * bi[i]);
    }
    const inv = 1.0 / Math.sqrt(ss);
    for (let i = 0; i < m; i++) {
      unchecked((br[i] = br[i] * inv));
      unchecked((bi[i] = bi[i] * inv));
    }
    return true;
  }
}


/** Explicit-residual acceptance relative to |θ| for operators with inexact application, √eps. */
const VERIFY_RTOL: f64 = 1.4901161193847656e-8;
/** Restarts after an injection before convergence may be accepted again (the new block must fill). */
const POST_INJECT_CYCLES: i32 = 3;
/** Bounds on the completeness checks: injections, and convergences at which locking was too coarse. */
const MAX_INJECTIONS: i32 = 8;
const MAX_POSTPONED: i32 = 8;

/** Ritz values of H counted as the same cluster (a numerically multiple eigenvalue). */
const CLUSTER_RTOL: f64 = 1e-6;

/**
 * Wanted Ritz pairs of the current factorisation: values (in order), Ritz vectors y of H (m x kk, real
 * form like Eig.V) and residual bounds. The bound of a pair is ||Op V y - θ V y|| <= β |e_m^T y| +
 * ||H y - θ y|| + δ (from Op V = V H + f e_m^T + E with orthonormal V and ||E|| <= δ, the sum of the
 * residuals dropped when locking), with y of unit (complex) norm.
 */
class RitzSet {
  kk: i32;
  nu: i32;
  wr: StaticArray<f64>;
  wi: StaticArray<f64>;
  /** m x kk, row-major. */
  Y: StaticArray<f64>;
  /** per value (a pair's two entries are equal). */
  bound: StaticArray<f64>;

  constructor(m: i32, kk: i32, nu: i32) {
    this.kk = kk;
    this.nu = nu;
    this.wr = new StaticArray<f64>(kk);
    this.wi = new StaticArray<f64>(kk);
    this.Y = new StaticArray<f64>(m * kk);
    this.bound = new StaticArray<f64>(kk);
  }
}

function ritzSet(ar: Arnoldi, e: Eig, order: StaticArray<i32>, nu: i32, kk: i32, hnorm: f64, hv: HessEigvec, dropped: f64): RitzSet {
  const m = ar.m;
  const rs = new RitzSet(m, kk, nu);
  const prev = new StaticArray<i32>(2 * kk);
  let c = 0;
  for (let u = 0; u < nu; u++) {
    const j = unchecked(order[u]);
    const sz = unitSize(e, j);
    const tr = unchecked(e.wr[j]), ti = sz == 2 ? unchecked(e.wi[j]) : 0.0;
    // earlier wanted values within the cluster radius (same sign of the imaginary part)
    let np = 0;
    let c2 = 0;
    for (let v = 0; v < u; v++) {
      const pr = unchecked(rs.wr[c2]), pi = unchecked(rs.wi[c2]);
      const psz = pi > 0.0 ? 2 : 1;
      if (Math.hypot(pr - tr, pi - ti) <= CLUSTER_RTOL * Math.hypot(tr, ti)) {
        unchecked((prev[2 * np] = c2));
        unchecked((prev[2 * np + 1] = psz == 2 ? c2 + 1 : -1));
        np++;
      }
      c2 += psz;
    }
    const res = hv.compute(ar.H, tr, ti, hnorm, rs.Y, kk, c, sz == 2 ? c + 1 : -1, prev, np);
    let last = Math.abs(rs.Y[(m - 1) * kk + c]);
    if (sz == 2) last = Math.hypot(last, rs.Y[(m - 1) * kk + c + 1]);
    const b = ar.beta * last + res + dropped;
    for (let t = 0; t < sz; t++) {
      unchecked((rs.wr[c + t] = tr));
      unchecked((rs.wi[c + t] = t == 0 ? ti : -ti));
      unchecked((rs.bound[c + t] = isFinite(b) ? b : Infinity));
    }
    c += sz;
  }
  return rs;
}

/**
 * Ritz vectors x = V_m y (unit norm, Eig's real form) of a RitzSet, each checked by one extra operator
 * application: ||Op x - θ x|| <= max(2 acc(θ), √eps |θ|), so that no pair whose vector is wrong (or
 * zero) is ever reported, whatever the small eigenproblem did. Null if a check fails.
 */
function verifiedRitzVectors(ar: Arnoldi, rs: RitzSet, tol: f64, floor: f64): Eig | null {
  const n = ar.n, m = ar.m, kk = rs.kk;
  const X = new Mat(n, kk);
  const col = new StaticArray<f64>(n);
  const xr = new StaticArray<f64>(n), xi = new StaticArray<f64>(n);
  const yr = new StaticArray<f64>(n), yi = new StaticArray<f64>(n);
  let c = 0;
  while (c < kk) {
    const sz = unchecked(rs.wi[c]) > 0.0 ? 2 : 1;
    let ss = 0.0;
    for (let t = 0; t < sz; t++) {
      for (let i = 0; i < n; i++) unchecked((col[i] = 0.0));
      for (let r = 0; r < m; r++) {
        const y = unchecked(rs.Y[r * kk + c + t]);
        if (y == 0.0) continue;
        const rr = r * n;
        for (let i = 0; i < n; i++) unchecked((col[i] = col[i] + y * ar.V[rr + i]));
      }
      for (let i = 0; i < n; i++) ss += unchecked(col[i] * col[i]);
      if (t == 0) memory.copy(changetype<usize>(xr), changetype<usize>(col), <usize>n * 8);
      else memory.copy(changetype<usize>(xi), changetype<usize>(col), <usize>n * 8);
    }
    if (!(ss > 0.0) || !isFinite(ss)) return null;
    const inv = 1.0 / Math.sqrt(ss);
    for (let i = 0; i < n; i++) {
      unchecked((xr[i] = xr[i] * inv));
      if (sz == 2) unchecked((xi[i] = xi[i] * inv));
    }
    const tr = unchecked(rs.wr[c]), ti = sz == 2 ? unchecked(rs.wi[c]) : 0.0;
    ar.op.apply(xr, yr);
    let res = 0.0;
    if (sz == 2) {
      ar.op.apply(xi, yi);
      for (let i = 0; i < n; i++) {
        const a = unchecked(yr[i]) - (tr * unchecked(xr[i]) - ti * unchecked(xi[i]));
        const b = unchecked(yi[i]) - (tr * unchecked(xi[i]) + ti * unchecked(xr[i]));
        res += a * a + b * b;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const a = unchecked(yr[i]) - tr * unchecked(xr[i]);
        res += a * a;
      }
    }
    res = Math.sqrt(res);
    // 2 acc: the bound is rigorous up to rounding; √eps |θ|: an operator applied less accurately than
    // the floor assumes (an ill-conditioned factorisation) must not make a correct pair fail forever,
    // while a spurious pair (residual of the order of |θ|, or a zero or NaN vector) still fails.
    const lim = Math.max(2.0 * accuracy(tr, ti, tol, floor), VERIFY_RTOL * Math.hypot(tr, ti));
    if (!(res <= lim)) return null;
    for (let i = 0; i < n; i++) {
      X.set(i, c, unchecked(xr[i]));
      if (sz == 2) X.set(i, c + 1, unchecked(xi[i]));
    }
    c += sz;
  }
  const wr = new StaticArray<f64>(kk), wi = new StaticArray<f64>(kk);
  for (let i = 0; i < kk; i++) {
    unchecked((wr[i] = rs.wr[i]));
    unchecked((wi[i] = rs.wi[i]));
  }
  return new Eig(wr, wi, X);
}

/**
 * Required residual of a Ritz pair: tol |θ|, but never below the floor that rounding allows
 * (a small multiple of eps ||Op||), else tiny Ritz values of a large operator could never converge.
 */
@inline
function accuracy(tr: f64, ti: f64, tol: f64, floor: f64): f64 {
  return Math.max(tol * Math.hypot(tr, ti), floor);
}

/**
 * k eigenpairs of largest |θ| of a real operator. Returns an Eig with n = k (or k + 1 so that a
 * conjugate pair is not split), values ordered by decreasing modulus (a pair: positive imaginary part
 * first), and V of size op.n x n in the real form of Eig.V, each eigenvector of unit norm.
 * Converged when every wanted Ritz pair has the residual bound β|e_m^T y| + ||Hy - θy|| + δ <=
 * max(tol |θ|, c eps ||Op||) (c = 10 m; ||Op|| estimated by the largest ||H||_F and ||Op v|| seen;
 * y by inverse iteration, never trusted from the dense solver), which is then verified by applying Op
 * to each returned vector. A multiple eigenvalue is returned with as many independent vectors as its
 * multiplicity (within k): after convergence the found subspace is locked and the iteration continues
 * from a random orthogonal vector until no larger value appears. Null + ERR_NO_CONVERGENCE (detail:
 * restarts) after maxIter restarts, ERR_INVALID_INPUT for k outside 1..op.n.
 */
export function eigsLargest(op: LinearOperator, k: i32, tol: f64, maxIter: i32): Eig | null {
  const n = op.n;
  if (k < 1 || k > n) {
    setError(ERR_INVALID_INPUT, <f64>k);
    return null;
  }
  if (!(tol > 0.0)) tol = EPS;
  // Subspace size: ARPACK's advice ncv >= 2 k + 1, at least 20 for fast restarts, at most n, and
  // EVEN: a real H of odd order has a real eigenvalue, which for a spectrum made of conjugate pairs
  // only (every undamped or gyroscopic state matrix) is a spurious Ritz value that can sit among the
  // wanted ones and never converge (observed: the ROSS rotor at rest, k = 24, m = 49).
  let m = 2 * k + 2;
  if (m < 20) m = 20;
  if (m > n) m = n;
  const ar = new Arnoldi(op, m);
  // deterministic start vector: uniform(-1, 1) entries from SplitMix64, normalised
  {
    let s = 0.0;
    for (let i = 0; i < n; i++) {
      const v = ar.rng.uniform();
      unchecked((ar.V[i] = v));
      s += v * v;
    }
    const inv = 1.0 / Math.sqrt(s);
    for (let i = 0; i < n; i++) unchecked((ar.V[i] = ar.V[i] * inv));
  }
  if (!ar.extend(0)) {
    setError(ERR_NO_CONVERGENCE, 0);
    return null;
  }
  const Hm = new Mat(m, m);
  const Q = new StaticArray<f64>(m * m);
  const hv = new HessEigvec(m);
  let opNorm = 0.0;
  // locking and injection state (completeness check for multiple eigenvalues, see the restart)
  let dropped = 0.0, lastKth = 0.0;
  let injections = 0, postponed = 0, sinceInject = POST_INJECT_CYCLES;
  let wantInject = false;
  for (let iter = 0; iter <= maxIter; iter++) {
    let hnorm = 0.0;
    for (let i = 0; i < m * m; i++) hnorm += unchecked(ar.H[i] * ar.H[i]);
    hnorm = Math.sqrt(hnorm);
    if (!isFinite(hnorm)) {
      // the operator produced a non-finite vector
      setError(ERR_NO_CONVERGENCE, <f64>iter);
      return null;
    }
    opNorm = Math.max(opNorm, Math.max(hnorm, ar.opMax));
    const floor = 10.0 * <f64>m * EPS * opNorm;
    // Ritz values of H (values only: the vectors come from inverse iteration, see HessEigvec)
    memory.copy(changetype<usize>(Hm.data), changetype<usize>(ar.H), <usize>(m * m * 8));
    const e = eigvals(Hm);
    if (e === null) return null;
    const order = orderUnits(e);
    // wanted units: whole units until at least k values
    let kk = 0, nu = 0;
    while (kk < k) {
      kk += unitSize(e, unchecked(order[nu]));
      nu++;
    }
    const rs = ritzSet(ar, e, order, nu, kk, hnorm, hv, dropped);
    // NaN-safe: a bound that is not a number never counts as converged
    let nconv = 0;
    let accMin = Infinity, kth = Infinity;
    for (let i = 0; i < kk; i++) {
      const acc = accuracy(unchecked(rs.wr[i]), unchecked(rs.wi[i]), tol, floor);
      if (unchecked(rs.bound[i]) <= acc) nconv++;
      accMin = Math.min(accMin, acc);
      kth = Math.min(kth, Math.hypot(unchecked(rs.wr[i]), unchecked(rs.wi[i])));
    }
    sinceInject++;
    if (nconv == kk && sinceInject > POST_INJECT_CYCLES) {
      const r = verifiedRitzVectors(ar, rs, tol, floor);
      if (hasError()) return null;
      if (r !== null) {
        // Completeness (see the restart below): done when the Krylov space is the whole space, when
        // the last injected direction revealed no value larger than the k-th, or checks are exhausted.
        const grew = injections > 0 && kth > lastKth * (1.0 + CLUSTER_RTOL);
        if (m == n || (injections > 0 && !grew) || injections >= MAX_INJECTIONS || postponed >= MAX_POSTPONED) return r;
        lastKth = kth;
        wantInject = true;
      } else {
        nconv = 0; // a bound was wrong: keep iterating (the check is repeated at the next success)
      }
    }
    if (iter == maxIter) break;

    // Retained size: kk plus min(nconv, (m - kk) / 2) values, whole units (ARPACK dnaup2, Lehoucq
    // 1995, Rice Univ. thesis §5.1.2: keeping converged values' neighbours avoids stagnation).
    let target = wantInject ? kk : kk + min(nconv, (m - kk) / 2);
    let kr = kk, nr = nu;
    while (kr < target && nr < order.length) {
      const sz = unitSize(e, unchecked(order[nr]));
      if (kr + sz > m - 1) break;
      kr += sz;
      nr++;
    }
    if (kr > m - 1) kr = m - 1; // only when every Ritz value is wanted (m = n): plain truncation

    // implicit restart: apply the unwanted Ritz values as exact shifts (Sorensen 1992, §4)
    for (let i = 0; i < m * m; i++) unchecked((Q[i] = 0.0));
    for (let i = 0; i < m; i++) unchecked((Q[i * m + i] = 1.0));
    const uAll = order.length;
    for (let u = nr; u < uAll; u++) {
      const j = unchecked(order[u]);
      applyShift(m, ar.H, Q, unitSize(e, j) == 2, unchecked(e.wr[j]), unchecked(e.wi[j]));
    }
    // new basis V_kr = V_m Q[:, 0..kr-1], v̂ = V_m Q[:, kr]; f = v̂ H[kr][kr-1] + f Q[m-1][kr-1]
    // (Sorensen 1992, eq. 4.3; e_m^T Q has kr - 1 leading zeros since m - kr shifts were applied)
    const nv = kr + 1;
    const Vn = new StaticArray<f64>(nv * n);
    for (let c = 0; c < nv; c++) {
      const rc = c * n;
      for (let j = 0; j < m; j++) {
        const q = unchecked(Q[j * m + c]);
        if (q == 0.0) continue;
        const rj = j * n;
        for (let i = 0; i < n; i++) unchecked((Vn[rc + i] = Vn[rc + i] + q * ar.V[rj + i]));
      }
    }
    const bk = unchecked(ar.H[kr * m + kr - 1]);
    const sig = unchecked(Q[(m - 1) * m + kr - 1]);
    const f = ar.f, w = ar.w;
    for (let i = 0; i < n; i++) unchecked((w[i] = bk * Vn[kr * n + i] + sig * f[i]));
    memory.copy(changetype<usize>(ar.V), changetype<usize>(Vn), <usize>(kr * n * 8));
    // H <- leading kr x kr block
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) if (i >= kr || j >= kr) unchecked((ar.H[i * m + j] = 0.0));
    // re-orthogonalise the new residual against V_kr; the coefficients belong to column kr-1 of H
    for (let i = 0; i < m; i++) unchecked((ar.hcol[i] = 0.0));
    const beta = ar.orthogonalise(w, kr);
    for (let i = 0; i < kr; i++) unchecked((ar.H[i * m + kr - 1] = ar.H[i * m + kr - 1] + ar.hcol[i]));
    // Completeness check by locking and injection (Lehoucq & Sorensen 1996, §4, locking by setting a
    // small coupling to zero; Saad 2011, Numerical Methods for Large Eigenvalue Problems, §4.2.3,
    // deflation with a fresh start vector): a Krylov space of one start vector holds one vector per
    // eigenvalue in exact arithmetic, so a second copy of a multiple eigenvalue (an axisymmetric rotor:
    // every frequency twice) is otherwise found only by chance. Once the wanted values converged,
    // V_kk is locked as invariant (the dropped residual w, <= acc/4, enters δ) and the iteration goes
    // on from a random vector orthogonal to it; missed values then appear in the lower block of H.
    const inject = wantInject && kr == kk && beta <= 0.25 * accMin;
    if (wantInject && !inject) postponed++;
    if (inject) {
      dropped += beta;
      injections++;
      sinceInject = 0;
      wantInject = false;
      unchecked((ar.H[kr * m + kr - 1] = 0.0));
      if (!ar.randomRow(kr)) {
        setError(ERR_NO_CONVERGENCE, <f64>iter);
        return null;
      }
    } else if (beta > 10.0 * EPS * hnorm && beta > 0.0) {
      unchecked((ar.H[kr * m + kr - 1] = beta));
      const inv = 1.0 / beta;
      for (let i = 0; i < n; i++) unchecked((ar.V[kr * n + i] = w[i] * inv));
    } else {
      // V_kr spans an invariant subspace: continue from a random direction orthogonal to it
      unchecked((ar.H[kr * m + kr - 1] = 0.0));
      if (!ar.randomRow(kr)) {
        setError(ERR_NO_CONVERGENCE, <f64>iter);
        return null;
      }
    }
    if (!ar.extend(kr)) {
      setError(ERR_NO_CONVERGENCE, <f64>iter);
      return null;
    }
    if (hasError()) return null;
  }
  setError(ERR_NO_CONVERGENCE, <f64>maxIter);
  return null;
}
