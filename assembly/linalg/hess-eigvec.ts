// Eigenvectors of a small upper Hessenberg (or quasi-triangular) matrix for given eigenvalues, robust
// for clusters: the Ritz vectors of the Krylov–Schur method (arnoldi.ts).
import { cdiv, cdivr, cdivi } from "./complex";
import { SplitMix64 } from "./prng";
import { EPS } from "./lu";

/** Seed of the inverse-iteration start vectors (fixed: results are deterministic). */
const START_SEED: u64 = 0x5eed_a7c0_1d15_c0de;

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
export class HessEigvec {
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
