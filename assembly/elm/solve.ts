// Output weights of the ELM. Batch: β = (HᵀH + I/C)⁻¹ HᵀT by Cholesky (regularised ELM, Huang, Zhou,
// Ding & Zhang 2012, IEEE TSMC-B 42(2):513, eq. (38); C = 0 here means no ridge term, the original
// least-squares ELM of Huang et al. 2006, Neurocomputing 70:489, which needs HᵀH positive definite).
// Online sequential: OS-ELM (Liang, Huang, Saratchandran & Sundararajan 2006, IEEE TNN 17(6):1411,
// eqs. (14)-(15)); with the ridge-initialised P_0 = (H_0ᵀH_0 + I/C)⁻¹ every update equals the batch
// ridge solution on all data seen (ReOS-ELM, Huynh & Won 2011, Pattern Recognit. Lett. 32(14):1930).
import { Mat } from "../linalg/matrix";
import { Cholesky } from "../linalg/cholesky";
import { EPS } from "../linalg/lu";
import { setError, ERR_NOT_POSITIVE_DEFINITE } from "../errors";
import { Hidden } from "./hidden";
import { abt, mulABt, transposed } from "./kernel";

/** X ← L⁻¹ X for lower-triangular L (n × n) and X (n × m), row-major (row operations, contiguous). */
export function forwardRows(l: usize, n: i32, x: usize, m: i32): void {
  for (let i = 0; i < n; i++) {
    const xi = x + ((<usize>i * <usize>m) << 3);
    const li = l + ((<usize>i * <usize>n) << 3);
    for (let k = 0; k < i; k++) {
      const c = load<f64>(li + (<usize>k << 3));
      if (c == 0.0) continue;
      const xk = x + ((<usize>k * <usize>m) << 3);
      for (let j = 0; j < m; j++) {
        const q = xi + (<usize>j << 3);
        store<f64>(q, load<f64>(q) - c * load<f64>(xk + (<usize>j << 3)));
      }
    }
    const inv = 1.0 / load<f64>(li + (<usize>i << 3));
    for (let j = 0; j < m; j++) {
      const q = xi + (<usize>j << 3);
      store<f64>(q, load<f64>(q) * inv);
    }
  }
}

/** X ← L⁻ᵀ X (back substitution with the transpose, reading L by rows). */
export function backwardRows(l: usize, n: i32, x: usize, m: i32): void {
  for (let i = n - 1; i >= 0; i--) {
    const xi = x + ((<usize>i * <usize>m) << 3);
    const inv = 1.0 / load<f64>(l + ((<usize>i * <usize>n + <usize>i) << 3));
    for (let j = 0; j < m; j++) {
      const q = xi + (<usize>j << 3);
      store<f64>(q, load<f64>(q) * inv);
    }
    // row i of L holds L[i][k], k < i: the coefficients of x_i in the equations of rows k
    const li = l + ((<usize>i * <usize>n) << 3);
    for (let k = 0; k < i; k++) {
      const c = load<f64>(li + (<usize>k << 3));
      if (c == 0.0) continue;
      const xk = x + ((<usize>k * <usize>m) << 3);
      for (let j = 0; j < m; j++) {
        const q = xk + (<usize>j << 3);
        store<f64>(q, load<f64>(q) - c * load<f64>(xi + (<usize>j << 3)));
      }
    }
  }
}

/**
 * Cholesky factor of an SPD matrix, refusing a numerically singular one: a pivot with
 * l_ii² <= n·eps·max_j g_jj leaves no correct digit in the solution (Higham 2002, Accuracy and
 * Stability of Numerical Algorithms, 2nd ed., §10.1), reported as not positive definite (code 3,
 * detail: column).
 */
export function cholesky(G: Mat): Cholesky | null {
  const n = G.rows;
  let dmax = 0.0;
  for (let i = 0; i < n; i++) dmax = Math.max(dmax, G.get(i, i));
  const c = Cholesky.factor(G);
  if (c === null) return null;
  const tol = <f64>n * EPS * dmax;
  for (let i = 0; i < n; i++) {
    const p = c.L.get(i, i);
    if (!(p * p > tol)) {
      setError(ERR_NOT_POSITIVE_DEFINITE, <f64>i);
      return null;
    }
  }
  return c;
}

/** P = (L Lᵀ)⁻¹ = L⁻ᵀ L⁻¹ from the Cholesky factor (Higham 2002, §14.2: triangular inverse, then product). */
export function inverseFromCholesky(c: Cholesky): StaticArray<f64> {
  const n = c.n;
  const l = changetype<usize>(c.L.data);
  // M = L⁻¹ by forward substitution on I; row i of M is zero beyond column i
  const M = new StaticArray<f64>(n * n);
  const pm = changetype<usize>(M);
  for (let i = 0; i < n; i++) {
    const mi = pm + ((<usize>i * <usize>n) << 3);
    const li = l + ((<usize>i * <usize>n) << 3);
    store<f64>(mi + (<usize>i << 3), 1.0);
    for (let k = 0; k < i; k++) {
      const cik = load<f64>(li + (<usize>k << 3));
      if (cik == 0.0) continue;
      const mk = pm + ((<usize>k * <usize>n) << 3);
      for (let j = 0; j <= k; j++) {
        const q = mi + (<usize>j << 3);
        store<f64>(q, load<f64>(q) - cik * load<f64>(mk + (<usize>j << 3)));
      }
    }
    const inv = 1.0 / load<f64>(li + (<usize>i << 3));
    for (let j = 0; j <= i; j++) {
      const q = mi + (<usize>j << 3);
      store<f64>(q, load<f64>(q) * inv);
    }
  }
  // P = Mᵀ M: P_ij = Σ_k M_ki M_kj = rows i, j of Mᵀ dotted; exactly symmetric
  const Mt = transposed(M, n, n);
  return mulABt(Mt, Mt, n, n, n, true);
}

/**
 * Batch fit on n samples: returns [β (L × m), P (L × L) if withP] or null (error set). `ridge` ≥ 0 is
 * added to the diagonal of HᵀH: 1/C of the regularised ELM (Huang et al. 2012, eq. (38)), or hpelm's
 * `norm` (hpelm/nnets/slfn_python.py, SLFNPython.add_batch: HH starts as norm·I and gains HᵀH;
 * solve_corr solves HH β = HᵀT by Cholesky, LAPACK dposv). ridge = 0: the plain normal equations.
 */
export function fitBatch(h: Hidden, X: usize, T: usize, n: i32, m: i32, ridge: f64, withP: bool): StaticArray<f64> | null {
  const L = h.L;
  const Ht = h.cols(X, n);
  const G = new Mat(L, L);
  abt(changetype<usize>(Ht), changetype<usize>(Ht), changetype<usize>(G.data), L, L, n, true);
  if (ridge > 0.0) {
    for (let i = 0; i < L; i++) G.addAt(i, i, ridge);
  }
  const Tt = new StaticArray<f64>(m * n);
  transposeInto(T, changetype<usize>(Tt), n, m);
  const out = new StaticArray<f64>(L * m + (withP ? L * L : 0));
  // HᵀT (L × m) straight into the result, then two triangular solves turn it into β
  abt(changetype<usize>(Ht), changetype<usize>(Tt), changetype<usize>(out), L, m, n, false);
  const c = cholesky(G);
  if (c === null) return null;
  const l = changetype<usize>(c.L.data);
  forwardRows(l, L, changetype<usize>(out), m);
  backwardRows(l, L, changetype<usize>(out), m);
  if (withP) {
    const P = inverseFromCholesky(c);
    memory.copy(changetype<usize>(out) + (<usize>(L * m) << 3), changetype<usize>(P), <usize>(L * L) << 3);
  }
  return out;
}

function transposeInto(src: usize, dst: usize, r: i32, c: i32): void {
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      store<f64>(dst + ((<usize>j * <usize>r + <usize>i) << 3), load<f64>(src + ((<usize>i * <usize>c + <usize>j) << 3)));
    }
  }
}

/**
 * OS-ELM update with n new samples: state [β (L × m), P (L × L)] is read, a new state returned (or
 * null, error set). The chunk is applied in blocks of at most L rows; for each block H_k (n_k × L),
 * K = I + H_k P H_kᵀ = Λ Λᵀ (Cholesky), V = Λ⁻¹ H_k P, F = Λ⁻¹ (T_k − H_k β), and
 *   P ← P − Vᵀ V   (= P − P H_kᵀ K⁻¹ H_k P, Liang et al. 2006 eq. (14), Woodbury identity),
 *   β ← β + Vᵀ F   (= β + P_new H_kᵀ (T_k − H_k β), eq. (15), as P_new H_kᵀ = P H_kᵀ K⁻¹).
 * Vᵀ V keeps P exactly symmetric. Blocks change only rounding, not the mathematics: applying rows
 * one block after another is the same recursion as applying them at once.
 */
export function updateState(h: Hidden, state: StaticArray<f64>, X: usize, T: usize, n: i32, m: i32): StaticArray<f64> | null {
  const L = h.L, d = h.d;
  const out = new StaticArray<f64>(L * m + L * L);
  memory.copy(changetype<usize>(out), changetype<usize>(state), <usize>(L * m + L * L) << 3);
  const pBeta = changetype<usize>(out);
  const pP = pBeta + (<usize>(L * m) << 3);
  for (let r0 = 0; r0 < n; r0 += L) {
    const nb = n - r0 < L ? n - r0 : L;
    const Hb = h.rows(X + (<usize>r0 * <usize>d << 3), nb);
    const pH = changetype<usize>(Hb);
    // V starts as H_k P (P symmetric, so H_k Pᵀ = H_k P)
    const V = new StaticArray<f64>(nb * L);
    abt(pH, pP, changetype<usize>(V), nb, L, L, false);
    const K = new Mat(nb, nb);
    abt(pH, changetype<usize>(V), changetype<usize>(K.data), nb, nb, L, false);
    for (let i = 0; i < nb; i++) K.addAt(i, i, 1.0);
    const c = cholesky(K);
    if (c === null) return null;
    const lk = changetype<usize>(c.L.data);
    // residual E = T_k − H_k β
    const betaT = new StaticArray<f64>(m * L);
    transposeInto(pBeta, changetype<usize>(betaT), L, m);
    const F = new StaticArray<f64>(nb * m);
    const pF = changetype<usize>(F);
    abt(pH, changetype<usize>(betaT), pF, nb, m, L, false);
    const pT = T + (<usize>r0 * <usize>m << 3);
    for (let k = 0; k < nb * m; k++) {
      const q = pF + (<usize>k << 3);
      store<f64>(q, load<f64>(pT + (<usize>k << 3)) - load<f64>(q));
    }
    forwardRows(lk, nb, changetype<usize>(V), L);
    forwardRows(lk, nb, pF, m);
    const Vt = transposed(V, nb, L);
    const S = mulABt(Vt, Vt, L, L, nb, true);
    const pS = changetype<usize>(S);
    for (let k = 0; k < L * L; k++) {
      const q = pP + (<usize>k << 3);
      store<f64>(q, load<f64>(q) - load<f64>(pS + (<usize>k << 3)));
    }
    const Ft = transposed(F, nb, m);
    const D = mulABt(Vt, Ft, L, m, nb);
    const pD = changetype<usize>(D);
    for (let k = 0; k < L * m; k++) {
      const q = pBeta + (<usize>k << 3);
      store<f64>(q, load<f64>(q) + load<f64>(pD + (<usize>k << 3)));
    }
  }
  return out;
}

/** Y = H β (n × m) for n samples. */
export function predict(h: Hidden, X: usize, n: i32, beta: usize, m: i32): StaticArray<f64> {
  const L = h.L;
  const H = h.rows(X, n);
  const betaT = new StaticArray<f64>(m * L);
  transposeInto(beta, changetype<usize>(betaT), L, m);
  return mulABt(H, betaT, n, m, L);
}

/**
 * Leverages h_i = h(x_i)ᵀ P h(x_i) of n rows, P = (HᵀH + I/C)⁻¹: the diagonal of the ridge hat matrix
 * for training rows. A training row's leave-one-out residual is its residual / (1 − h_i) (PRESS,
 * Allen 1974, Technometrics 16(1):125; exact for ridge least squares by Sherman-Morrison; used for
 * ELMs by Miche et al. 2010, IEEE TNN 21(1):158, OP-ELM).
 */
export function leverage(h: Hidden, X: usize, n: i32, P: usize): StaticArray<f64> {
  const L = h.L;
  const H = h.rows(X, n);
  const U = new StaticArray<f64>(n * L);
  abt(changetype<usize>(H), P, changetype<usize>(U), n, L, L, false);
  const out = new StaticArray<f64>(n);
  const ph = changetype<usize>(H), pu = changetype<usize>(U);
  for (let i = 0; i < n; i++) {
    const o = (<usize>i * <usize>L) << 3;
    let s = 0.0;
    for (let a = 0; a < L; a++) s += load<f64>(ph + o + (<usize>a << 3)) * load<f64>(pu + o + (<usize>a << 3));
    unchecked((out[i] = s));
  }
  return out;
}
