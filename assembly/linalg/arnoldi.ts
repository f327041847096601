// Eigenvalues of largest magnitude of a large real operator: implicitly restarted Arnoldi with exact
// shifts (Sorensen 1992, SIAM J. Matrix Anal. Appl. 13(1):357-385; Lehoucq & Sorensen 1996, SIAM J.
// Matrix Anal. Appl. 17(4):789-821, the method of ARPACK). Orthogonality is kept by classical
// Gram-Schmidt with DGKS reorthogonalisation (Daniel, Gragg, Kaufman & Stewart 1976, Math. Comp.
// 30:772-795). Shifts are applied as implicit single (real shift) or Francis double (complex pair)
// QR steps on the small Hessenberg matrix (Golub & Van Loan 4th ed. Alg. 7.5.1). The basis is
// stored one vector per row so that every O(n) loop is contiguous.
import { Mat } from "./matrix";
import { Eig, eig } from "./eig";
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

/** One implicit single-shift QR step H <- G^T H G, Q <- Q G (Givens bulge chase, G&VL §7.5). */
function shiftReal(m: i32, H: StaticArray<f64>, Q: StaticArray<f64>, mu: f64): void {
  let x = unchecked(H[0]) - mu;
  let y = m > 1 ? unchecked(H[m]) : 0.0;
  for (let i = 0; i < m - 1; i++) {
    const r = Math.hypot(x, y);
    let c = 1.0, s = 0.0;
    if (r != 0.0) {
      c = x / r;
      s = y / r;
    }
    // rows i, i+1
    const c0 = i > 0 ? i - 1 : 0;
    for (let j = c0; j < m; j++) {
      const a = unchecked(H[i * m + j]), b = unchecked(H[(i + 1) * m + j]);
      unchecked((H[i * m + j] = c * a + s * b));
      unchecked((H[(i + 1) * m + j] = -s * a + c * b));
    }
    // columns i, i+1
    const r1 = i + 2 < m ? i + 2 : m - 1;
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
    if (i > 0) unchecked((H[(i + 1) * m + i - 1] = 0.0)); // the chased bulge, exactly zero
    if (i + 1 < m - 1) {
      x = unchecked(H[(i + 1) * m + i]);
      y = unchecked(H[(i + 2) * m + i]);
    }
  }
}

/**
 * One Francis double-shift step with the pair μ, conj(μ) given by s = 2 Re μ, t = |μ|²
 * (Golub & Van Loan 4th ed. Alg. 7.5.1), Householder reflectors of size 3 (2 at the end).
 */
function shiftPair(m: i32, H: StaticArray<f64>, Q: StaticArray<f64>, s: f64, t: f64): void {
  const h00 = unchecked(H[0]), h01 = unchecked(H[1]), h10 = unchecked(H[m]), h11 = unchecked(H[m + 1]);
  let x = h00 * h00 + h01 * h10 - s * h00 + t;
  let y = h10 * (h00 + h11 - s);
  let z = m > 2 ? h10 * unchecked(H[2 * m + 1]) : 0.0;
  for (let k = 0; k < m - 1; k++) {
    const len = k + 2 < m ? 3 : 2;
    // The reflector is scale-invariant: scale [x y z] to unit 1-norm first, as EISPACK hqr2 does, so
    // that squares of a nearly deflated (tiny) bulge neither underflow nor make 2 / v^T v overflow.
    const sc = Math.abs(x) + Math.abs(y) + (len == 3 ? Math.abs(z) : 0.0);
    if (sc > 0.0) {
      x /= sc;
      y /= sc;
      z /= sc;
    }
    // Householder v with (I - 2 v v^T / v^T v) [x y z]^T = -sign(x) ||.|| e1
    let nrm = Math.sqrt(x * x + y * y + (len == 3 ? z * z : 0.0));
    if (nrm == 0.0) {
      if (k + 1 < m - 1) {
        x = unchecked(H[(k + 1) * m + k]);
        y = unchecked(H[(k + 2) * m + k]);
        z = k + 3 < m ? unchecked(H[(k + 3) * m + k]) : 0.0;
      }
      continue;
    }
    if (x < 0) nrm = -nrm;
    const v0 = x + nrm, v1 = y, v2 = len == 3 ? z : 0.0;
    const vv = v0 * v0 + v1 * v1 + v2 * v2;
    const tau = 2.0 / vv;
    // rows k..k+len-1 from column max(0, k-1)
    const c0 = k > 0 ? k - 1 : 0;
    for (let j = c0; j < m; j++) {
      const a0 = unchecked(H[k * m + j]), a1 = unchecked(H[(k + 1) * m + j]);
      const a2 = len == 3 ? unchecked(H[(k + 2) * m + j]) : 0.0;
      const p = tau * (v0 * a0 + v1 * a1 + v2 * a2);
      unchecked((H[k * m + j] = a0 - p * v0));
      unchecked((H[(k + 1) * m + j] = a1 - p * v1));
      if (len == 3) unchecked((H[(k + 2) * m + j] = a2 - p * v2));
    }
    // columns k..k+len-1, rows 0..min(k+3, m-1)
    const r1 = k + 3 < m ? k + 3 : m - 1;
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
    if (k > 0) {
      unchecked((H[(k + 1) * m + k - 1] = 0.0));
      if (len == 3) unchecked((H[(k + 2) * m + k - 1] = 0.0));
    }
    if (k + 1 < m - 1) {
      x = unchecked(H[(k + 1) * m + k]);
      y = unchecked(H[(k + 2) * m + k]);
      z = k + 3 < m ? unchecked(H[(k + 3) * m + k]) : 0.0;
    }
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
 * k eigenpairs of largest |θ| of a real operator. Returns an Eig with n = k (or k + 1 so that a
 * conjugate pair is not split), values ordered by decreasing modulus (a pair: positive imaginary part
 * first), and V of size op.n x n in the real form of Eig.V, each eigenvector of unit norm.
 * Converged when every wanted Ritz pair has residual ||Op x - θ x|| <= tol * max(|θ|, eps ||H||).
 * Null + ERR_NO_CONVERGENCE (detail: restarts) after maxIter restarts, ERR_INVALID_INPUT for k
 * outside 1..op.n.
 */
export function eigsLargest(op: LinearOperator, k: i32, tol: f64, maxIter: i32): Eig | null {
  const n = op.n;
  if (k < 1 || k > n) {
    setError(ERR_INVALID_INPUT, <f64>k);
    return null;
  }
  if (!(tol > 0.0)) tol = EPS;
  // subspace size: ARPACK's advice ncv >= 2 k + 1, at least 20 for fast restarts, at most n
  let m = 2 * k + 1;
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
  for (let iter = 0; iter <= maxIter; iter++) {
    // Ritz pairs of H
    memory.copy(changetype<usize>(Hm.data), changetype<usize>(ar.H), <usize>(m * m * 8));
    const e = eig(Hm);
    if (e === null) return null;
    const order = orderUnits(e);
    // wanted units: whole units until at least k values
    let kk = 0, nu = 0;
    while (kk < k) {
      kk += unitSize(e, unchecked(order[nu]));
      nu++;
    }
    // convergence: residual of Ritz pair = beta |e_m^T y| (y unit norm)
    let hnorm = 0.0;
    for (let i = 0; i < m * m; i++) hnorm += unchecked(ar.H[i] * ar.H[i]);
    hnorm = Math.sqrt(hnorm);
    const Y = e.V;
    let converged = true;
    for (let u = 0; u < nu; u++) {
      const j = unchecked(order[u]);
      let last = Math.abs(Y.get(m - 1, j));
      if (unitSize(e, j) == 2) last = Math.hypot(last, Y.get(m - 1, j + 1));
      const theta = Math.hypot(unchecked(e.wr[j]), unchecked(e.wi[j]));
      if (ar.beta * last > tol * Math.max(theta, EPS * hnorm)) {
        converged = false;
        break;
      }
    }
    if (converged) return ritzVectors(ar, e, order, nu, kk);
    if (iter == maxIter) break;

    // implicit restart: apply the unwanted Ritz values as exact shifts (Sorensen 1992, §4)
    for (let i = 0; i < m * m; i++) unchecked((Q[i] = 0.0));
    for (let i = 0; i < m; i++) unchecked((Q[i * m + i] = 1.0));
    const uAll = order.length;
    for (let u = nu; u < uAll; u++) {
      const j = unchecked(order[u]);
      if (unitSize(e, j) == 2) {
        const re = unchecked(e.wr[j]), im = unchecked(e.wi[j]);
        shiftPair(m, ar.H, Q, 2.0 * re, re * re + im * im);
      } else {
        shiftReal(m, ar.H, Q, unchecked(e.wr[j]));
      }
    }
    // new basis V_kk = V_m Q[:, 0..kk-1], and v̂ = V_m Q[:, kk]; f = v̂ H[kk][kk-1] + f Q[m-1][kk-1]
    const kr = kk < m ? kk : m - 1;
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
    if (beta > 10.0 * EPS * hnorm && beta > 0.0) {
      unchecked((ar.H[kr * m + kr - 1] = beta));
      const inv = 1.0 / beta;
      for (let i = 0; i < n; i++) unchecked((ar.V[kr * n + i] = w[i] * inv));
    } else {
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

/** Ritz vectors x = V_m y of the first nu units (kk values), normalised, in Eig's real form. */
function ritzVectors(ar: Arnoldi, e: Eig, order: StaticArray<i32>, nu: i32, kk: i32): Eig {
  const n = ar.n, m = ar.m;
  const wr = new StaticArray<f64>(kk);
  const wi = new StaticArray<f64>(kk);
  const X = new Mat(n, kk);
  const col = new StaticArray<f64>(n);
  let c = 0;
  for (let u = 0; u < nu; u++) {
    const j = unchecked(order[u]);
    const sz = unitSize(e, j);
    for (let t = 0; t < sz; t++) {
      unchecked((wr[c + t] = e.wr[j + t]));
      unchecked((wi[c + t] = e.wi[j + t]));
    }
    let ss = 0.0;
    for (let t = 0; t < sz; t++) {
      for (let i = 0; i < n; i++) unchecked((col[i] = 0.0));
      for (let r = 0; r < m; r++) {
        const y = e.V.get(r, j + t);
        if (y == 0.0) continue;
        const rr = r * n;
        for (let i = 0; i < n; i++) unchecked((col[i] = col[i] + y * ar.V[rr + i]));
      }
      for (let i = 0; i < n; i++) {
        X.set(i, c + t, unchecked(col[i]));
        ss += unchecked(col[i] * col[i]);
      }
    }
    const inv = ss > 0.0 ? 1.0 / Math.sqrt(ss) : 1.0;
    for (let t = 0; t < sz; t++) for (let i = 0; i < n; i++) X.set(i, c + t, X.get(i, c + t) * inv);
    c += sz;
  }
  return new Eig(wr, wi, X);
}
