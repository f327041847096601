// Dense linear algebra of the core (assembly/linalg), checked against analytic results.
// Tolerances: backward-stable algorithms (LU with partial pivoting, Cholesky, Householder/QR
// eigensolvers) give residuals of order c * n * eps * ||A|| (Golub & Van Loan 4th ed. §3.3, §8.3,
// §7.5); we allow c up to ~10-100 to absorb growth factors and the constants of the bounds.
import { describe, it, expect } from "vitest";
import { Core, CoreError } from "../src/core/core.js";

const core = Core.load();
const EPS = 2.220446049250313e-16;

/** Deterministic test data: SplitMix64 (Steele, Lea & Flood 2014) on BigInt, uniform in [-1, 1). */
function rng(seed: number): () => number {
  let s = BigInt(seed);
  const M = (1n << 64n) - 1n;
  return () => {
    s = (s + 0x9e3779b97f4a7c15n) & M;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    z = z ^ (z >> 31n);
    return Number(z >> 11n) / 2 ** 53 * 2 - 1;
  };
}

function randMat(n: number, seed: number): Float64Array {
  const r = rng(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) a[i] = r();
  return a;
}

function matVec(a: ArrayLike<number>, x: ArrayLike<number>, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j] * x[j];
    y[i] = s;
  }
  return y;
}

function matMul(a: ArrayLike<number>, b: ArrayLike<number>, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  return c;
}

/** Frobenius norm. */
function fro(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

function norm2(x: ArrayLike<number>): number {
  return fro(x);
}

function call(name: string, inputs: ArrayLike<number>[], ...ints: number[]): Float64Array {
  return core.withBuffers(inputs, (...ptrs) => core.take(core.fn(name)(...ptrs, ...ints), name));
}

function errorOf(name: string, inputs: ArrayLike<number>[], ...ints: number[]): CoreError {
  try {
    call(name, inputs, ...ints);
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error(`${name} did not fail`);
}

describe("LU solve", () => {
  it("solves random systems with a backward-stable residual", () => {
    // n = 100 exercises the blocked path (panel width 32) with a partial last panel
    for (const n of [1, 2, 5, 30, 100]) {
      const a = randMat(n, 100 + n);
      const r = rng(7 + n);
      const b = new Float64Array(n);
      for (let i = 0; i < n; i++) b[i] = r();
      const x = call("linalgSolve", [a, b], n);
      const res = matVec(a, x, n).map((v, i) => v - b[i]);
      // ||Ax - b|| <= c n eps ||A|| ||x|| (Higham 2002, Accuracy and Stability, Thm. 9.4); c = 10
      expect(norm2(res)).toBeLessThanOrEqual(10 * n * EPS * fro(a) * norm2(x));
    }
  });

  it("recovers a known solution of a well-conditioned system", () => {
    // diagonally dominant: cond(A) <= 3, so the forward error is a few eps
    const n = 20;
    const a = randMat(n, 5);
    for (let i = 0; i < n; i++) a[i * n + i] += 2 * n;
    const xTrue = Float64Array.from({ length: n }, (_, i) => i - 7.5);
    const b = matVec(a, xTrue, n);
    const x = call("linalgSolve", [a, b], n);
    for (let i = 0; i < n; i++) expect(Math.abs(x[i] - xTrue[i])).toBeLessThan(1e-13 * 10);
  });

  it("reports a singular matrix as error 2 with the pivot column", () => {
    // rank 2: row 2 = row 0 + row 1
    const a = [1, 2, 3, 4, 5, 6, 5, 7, 9];
    const e = errorOf("linalgSolve", [a, [1, 2, 3]], 3);
    expect(e.code).toBe(2);
    expect(e.detail).toBe(2);
    expect(errorOf("linalgSolve", [[0, 0, 0, 0], [1, 1]], 2).code).toBe(2);
  });

  it("reports NaN input as error 5 and a short buffer as error 1", () => {
    expect(errorOf("linalgSolve", [[1, NaN, 0, 1], [1, 1]], 2).code).toBe(5);
    expect(errorOf("linalgSolve", [[1, 0, 0], [1, 1]], 2).code).toBe(1);
  });

  it("computes determinants", () => {
    const det = core.fn("linalgDet");
    const d = core.withBuffers([[2, 0, 0, 0, 3, 0, 0, 0, -4]], (p) => det(p, 3));
    expect(d).toBe(-24);
    // permutation with one swap: det = -1
    expect(core.withBuffers([[0, 1, 1, 0]], (p) => det(p, 2))).toBe(-1);
    // Vandermonde det = prod_{i<j} (x_j - x_i)
    const xs = [0.5, -1, 2, 3.25, 1.5];
    const n = xs.length;
    const v = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) v[i * n + j] = xs[i] ** j;
    let exact = 1;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) exact *= xs[j] - xs[i];
    const dv = core.withBuffers([v], (p) => det(p, n));
    expect(Math.abs(dv - exact) / Math.abs(exact)).toBeLessThan(1e-12);
    expect(core.withBuffers([[1, 2, 2, 4]], (p) => det(p, 2))).toBe(0);
  });
});

describe("Cholesky", () => {
  it("factors SPD matrices: L L^T = A, L lower triangular", () => {
    for (const n of [1, 3, 10, 40]) {
      // A = B B^T + n I is SPD
      const bm = randMat(n, 200 + n);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += bm[i * n + k] * bm[j * n + k];
          a[i * n + j] = s + (i === j ? n : 0);
        }
      const l = call("linalgCholesky", [a], n);
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
      const lt = new Float64Array(n * n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lt[i * n + j] = l[j * n + i];
      const llt = matMul(l, lt, n);
      // ||L L^T - A|| <= c n eps ||A|| (Higham 2002, Thm. 10.3)
      expect(fro(llt.map((v, k) => v - a[k]))).toBeLessThanOrEqual(10 * n * EPS * fro(a));
    }
  });

  it("factors the Hilbert matrix of order 8 (SPD, cond ~ 1.5e10)", () => {
    const n = 8;
    const h = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = 1 / (i + j + 1);
    const l = call("linalgCholesky", [h], n);
    const lt = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) lt[i * n + j] = l[j * n + i];
    expect(fro(matMul(l, lt, n).map((v, k) => v - h[k]))).toBeLessThanOrEqual(10 * n * EPS * fro(h));
  });

  it("rejects indefinite matrices with error 3 and the failing column", () => {
    const e = errorOf("linalgCholesky", [[4, 2, 0, 2, 1, 0, 0, 0, 1]], 3); // singular PSD: pivot 1 is 0
    expect(e.code).toBe(3);
    expect(e.detail).toBe(1);
    expect(errorOf("linalgCholesky", [[1, 2, 2, 1]], 2).code).toBe(3); // eigenvalues 3, -1
    expect(errorOf("linalgCholesky", [[-1]], 1).code).toBe(3);
  });
});

describe("complex LU solve", () => {
  it("solves random complex systems with a small residual", () => {
    for (const n of [1, 4, 25]) {
      const re = randMat(n, 300 + n), im = randMat(n, 400 + n);
      const r = rng(500 + n);
      const br = Float64Array.from({ length: n }, () => r()), bi = Float64Array.from({ length: n }, () => r());
      const a = new Float64Array(2 * n * n);
      a.set(re, 0);
      a.set(im, n * n);
      const b = new Float64Array(2 * n);
      b.set(br, 0);
      b.set(bi, n);
      const x = call("linalgSolveComplex", [a, b], n);
      const xr = x.subarray(0, n), xi = x.subarray(n);
      const rr = matVec(re, xr, n).map((v, i) => v - matVec(im, xi, n)[i] - br[i]);
      const ri = matVec(re, xi, n).map((v, i) => v + matVec(im, xr, n)[i] - bi[i]);
      const normA = Math.hypot(fro(re), fro(im));
      expect(Math.hypot(norm2(rr), norm2(ri))).toBeLessThanOrEqual(20 * n * EPS * normA * norm2(x));
    }
  });

  it("solves (K - w^2 M + i w C) x = f for a 2-dof system against the closed form", () => {
    // A = [[2+i, -1], [-1, 2+i]]: x = A^-1 [1, 0] = [(2+i), 1] / ((2+i)^2 - 1)
    const x = call("linalgSolveComplex", [[2, -1, -1, 2, 1, 0, 0, 1], [1, 0, 0, 0]], 2);
    // (2+i)^2 - 1 = 2 + 4i
    const dr = 2, di = 4, dd = dr * dr + di * di;
    const x0r = (2 * dr + 1 * di) / dd, x0i = (1 * dr - 2 * di) / dd;
    const x1r = dr / dd, x1i = -di / dd;
    expect(x[0]).toBeCloseTo(x0r, 15);
    expect(x[2]).toBeCloseTo(x0i, 15);
    expect(x[1]).toBeCloseTo(x1r, 15);
    expect(x[3]).toBeCloseTo(x1i, 15);
  });

  it("reports a singular complex matrix as error 2", () => {
    // A = [[1, 2], [i, 2i]]: row 1 = i * row 0
    expect(errorOf("linalgSolveComplex", [[1, 2, 0, 0, 0, 0, 1, 2], [1, 1, 0, 0]], 2).code).toBe(2);
  });
});

/** Max over columns j of ||A v_j - λ_j B v_j|| (B = I when omitted). */
function symResidual(a: Float64Array, vals: Float64Array, vecs: Float64Array, n: number, b?: Float64Array): number {
  let worst = 0;
  for (let j = 0; j < n; j++) {
    const v = Float64Array.from({ length: n }, (_, i) => vecs[i * n + j]);
    const av = matVec(a, v, n);
    const bv = b ? matVec(b, v, n) : v;
    worst = Math.max(worst, norm2(av.map((x, i) => x - vals[j] * bv[i])));
  }
  return worst;
}

function gram(vecs: Float64Array, n: number, b?: Float64Array): Float64Array {
  // V^T B V
  const bv = b ? matMul(b, vecs, n) : vecs;
  const g = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += vecs[k * n + i] * bv[k * n + j];
      g[i * n + j] = s;
    }
  return g;
}

function maxIdentityError(g: Float64Array, n: number): number {
  let m = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m = Math.max(m, Math.abs(g[i * n + j] - (i === j ? 1 : 0)));
  return m;
}

describe("symmetric eigenproblem", () => {
  it("tridiagonal (2, -1): λ_k = 2 - 2 cos(kπ/(n+1)), orthonormal vectors", () => {
    for (const n of [1, 2, 7, 50]) {
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        a[i * n + i] = 2;
        if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
      }
      const out = call("linalgEigSym", [a], n);
      const vals = out.subarray(0, n), vecs = out.subarray(n);
      for (let k = 1; k <= n; k++) {
        // eigenvalues of a symmetric matrix are perfectly conditioned: |Δλ| <= c n eps ||A||_2 (Weyl)
        expect(Math.abs(vals[k - 1] - (2 - 2 * Math.cos((k * Math.PI) / (n + 1))))).toBeLessThanOrEqual(10 * n * EPS * 4);
      }
      expect(symResidual(a, vals, vecs, n)).toBeLessThanOrEqual(10 * n * EPS * 4);
      expect(maxIdentityError(gram(vecs, n), n)).toBeLessThanOrEqual(10 * n * EPS);
    }
  });

  it("random symmetric: Q D Q^T with known D from Householder reflections", () => {
    const n = 30;
    // Q = I - 2 u u^T / u^T u is orthogonal; A = Q diag(d) Q^T has eigenvalues d exactly (up to rounding of A)
    const r = rng(11);
    const u = Float64Array.from({ length: n }, () => r());
    const uu = u.reduce((s, x) => s + x * x, 0);
    const q = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q[i * n + j] = (i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu;
    const d = Float64Array.from({ length: n }, (_, i) => (i - 10) * 1.5 + (i % 3) * 0.1);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += q[i * n + k] * d[k] * q[j * n + k];
        a[i * n + j] = s;
      }
    const out = call("linalgEigSym", [a], n);
    const sorted = Array.from(d).sort((x, y) => x - y);
    for (let i = 0; i < n; i++) expect(Math.abs(out[i] - sorted[i])).toBeLessThanOrEqual(100 * n * EPS * 30);
    expect(symResidual(a, out.subarray(0, n), out.subarray(n), n)).toBeLessThanOrEqual(10 * n * EPS * fro(a));
  });

  it("generalised K v = λ M v: 2-dof spring-mass chain against the closed form, V^T M V = I", () => {
    // K = [[2k, -k], [-k, k]], M = diag(m, m): ω² = (k/m)(3 ∓ √5)/2
    const k = 1e6, m = 2.5;
    const out = call("linalgEigSymGeneralized", [[2 * k, -k, -k, k], [m, 0, 0, m]], 2);
    expect(out[0] / ((k / m) * (3 - Math.sqrt(5)) / 2) - 1).toBeLessThan(1e-14 * 10);
    expect(out[1] / ((k / m) * (3 + Math.sqrt(5)) / 2) - 1).toBeLessThan(1e-14 * 10);
  });

  it("generalised with a full SPD mass matrix: residual and M-orthonormality", () => {
    const n = 40;
    // K: (2,-1) stiffness chain scaled, M: consistent-mass-like SPD tridiagonal (4,1)/6 plus Hilbert-like coupling
    const K = new Float64Array(n * n), M = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      K[i * n + i] = 2e7;
      if (i > 0) K[i * n + i - 1] = K[(i - 1) * n + i] = -1e7;
      for (let j = 0; j < n; j++) M[i * n + j] = 0.1 / (i + j + 1);
      M[i * n + i] += 4 / 6;
      if (i > 0) {
        M[i * n + i - 1] += 1 / 6;
        M[(i - 1) * n + i] += 1 / 6;
      }
    }
    const out = call("linalgEigSymGeneralized", [K, M], n);
    const vals = out.subarray(0, n), vecs = out.subarray(n);
    for (let i = 1; i < n; i++) expect(vals[i]).toBeGreaterThanOrEqual(vals[i - 1]);
    // backward error relative to ||K|| + |λ| ||M||, times cond(M)-ish growth of the Cholesky reduction (cond(M) < 10 here)
    for (let j = 0; j < n; j++) {
      const v = Float64Array.from({ length: n }, (_, i) => vecs[i * n + j]);
      const res = matVec(K, v, n).map((x, i) => x - vals[j] * matVec(M, v, n)[i]);
      expect(norm2(res) / ((fro(K) + Math.abs(vals[j]) * fro(M)) * norm2(v))).toBeLessThanOrEqual(100 * n * EPS);
    }
    expect(maxIdentityError(gram(vecs, n, M), n)).toBeLessThanOrEqual(100 * n * EPS);
  });

  it("generalised with a non-SPD M reports error 3", () => {
    expect(errorOf("linalgEigSymGeneralized", [[1, 0, 0, 1], [1, 2, 2, 1]], 2).code).toBe(3);
  });
});

interface EigOut {
  wr: Float64Array;
  wi: Float64Array;
  V: Float64Array;
}

function eigOf(a: ArrayLike<number>, n: number): EigOut {
  const out = call("linalgEig", [a], n);
  return { wr: out.slice(0, n), wi: out.slice(n, 2 * n), V: out.slice(2 * n) };
}

/** Complex eigenvector j from the real form (cols = number of columns of V). */
function eigVec(e: EigOut, j: number, rows: number, cols: number): [Float64Array, Float64Array] {
  const re = new Float64Array(rows), im = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    if (e.wi[j] === 0) re[i] = e.V[i * cols + j];
    else if (e.wi[j] > 0) {
      re[i] = e.V[i * cols + j];
      im[i] = e.V[i * cols + j + 1];
    } else {
      re[i] = e.V[i * cols + j - 1];
      im[i] = -e.V[i * cols + j];
    }
  }
  return [re, im];
}

/** max_j ||A v_j - λ_j v_j|| / (||A||_F ||v_j||) over all eigenpairs, complex arithmetic. */
function eigResidual(a: ArrayLike<number>, e: EigOut, n: number): number {
  let worst = 0;
  const na = fro(a);
  for (let j = 0; j < e.wr.length; j++) {
    const [vr, vi] = eigVec(e, j, n, e.wr.length);
    const avr = matVec(a, vr, n), avi = matVec(a, vi, n);
    const lr = e.wr[j], li = e.wi[j];
    const rr = avr.map((x, i) => x - (lr * vr[i] - li * vi[i]));
    const ri = avi.map((x, i) => x - (lr * vi[i] + li * vr[i]));
    worst = Math.max(worst, Math.hypot(norm2(rr), norm2(ri)) / (na * Math.hypot(norm2(vr), norm2(vi))));
  }
  return worst;
}

/** Sorted (re, im) pairs for comparing spectra regardless of order. */
function sortedSpectrum(wr: ArrayLike<number>, wi: ArrayLike<number>): [number, number][] {
  return Array.from(wr, (r, i) => [r, wi[i]] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe("non-symmetric eigenproblem", () => {
  it("S D S^-1 with known real spectrum", () => {
    const n = 12;
    const s = randMat(n, 900);
    for (let i = 0; i < n; i++) s[i * n + i] += 4; // well conditioned S
    const d = Array.from({ length: n }, (_, i) => (i + 1) * (i % 2 ? -1 : 1));
    const sInv = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      const ej = new Float64Array(n);
      ej[j] = 1;
      const col = call("linalgSolve", [s, ej], n);
      for (let i = 0; i < n; i++) sInv[i * n + j] = col[i];
    }
    const sd = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sd[i * n + j] = s[i * n + j] * d[j];
    const a = matMul(sd, sInv, n);
    const e = eigOf(a, n);
    const got = sortedSpectrum(e.wr, e.wi);
    const want = d.slice().sort((x, y) => x - y);
    // eigenvalue error <= cond(S) * n * eps * ||A||; cond(S) ~ 10 here
    for (let i = 0; i < n; i++) {
      expect(Math.abs(got[i][0] - want[i])).toBeLessThan(1e-11 * fro(a));
      expect(got[i][1]).toBe(0);
    }
    expect(eigResidual(a, e, n)).toBeLessThanOrEqual(1e-13);
  });

  it("companion matrix of (x-1)(x-2)(x-3)(x^2+1)(x^2+2x+5): roots 1,2,3,±i,-1±2i", () => {
    // p(x) = (x^3 - 6x^2 + 11x - 6)(x^4 + 2x^3 + 6x^2 + 2x + 5)
    const c1 = [1, -6, 11, -6], c2 = [1, 2, 6, 2, 5];
    const p = new Array(8).fill(0);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 5; j++) p[i + j] += c1[i] * c2[j];
    const n = 7;
    const a = new Float64Array(n * n);
    for (let j = 0; j < n; j++) a[j] = -p[j + 1] / p[0];
    for (let i = 1; i < n; i++) a[i * n + i - 1] = 1;
    const e = eigOf(a, n);
    const got = sortedSpectrum(e.wr, e.wi);
    const want: [number, number][] = [[-1, -2], [-1, 2], [0, -1], [0, 1], [1, 0], [2, 0], [3, 0]];
    // polynomial roots are ill-conditioned in general; these simple roots lose ~3 digits here
    for (let i = 0; i < n; i++) {
      expect(Math.abs(got[i][0] - want[i][0])).toBeLessThan(1e-10);
      expect(Math.abs(got[i][1] - want[i][1])).toBeLessThan(1e-10);
    }
    expect(eigResidual(a, e, n)).toBeLessThanOrEqual(1e-12);
    // pairs are stored with the positive imaginary part first
    for (let j = 0; j < n; j++) if (e.wi[j] > 0) expect(e.wi[j + 1]).toBe(-e.wi[j]);
  });

  it("block rotation matrix: eigenvalues r e^{±iθ} and complex eigenvectors with residual <= 1e-12", () => {
    // A = Q blockdiag(r_k R(θ_k)) Q^T with Q orthogonal (Householder): known complex spectrum
    const n = 10;
    const r = rng(21);
    const u = Float64Array.from({ length: n }, () => r());
    const uu = u.reduce((s, x) => s + x * x, 0);
    const q = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q[i * n + j] = (i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu;
    const b = new Float64Array(n * n);
    const want: [number, number][] = [];
    for (let k = 0; k < n / 2; k++) {
      const rad = 1 + k * 0.5, th = 0.3 + 0.4 * k;
      const c = rad * Math.cos(th), s = rad * Math.sin(th);
      b[2 * k * n + 2 * k] = c;
      b[2 * k * n + 2 * k + 1] = -s;
      b[(2 * k + 1) * n + 2 * k] = s;
      b[(2 * k + 1) * n + 2 * k + 1] = c;
      want.push([c, s], [c, -s]);
    }
    const a = matMul(matMul(q, b, n), q, n); // Q = Q^T = Q^-1
    const e = eigOf(a, n);
    const got = sortedSpectrum(e.wr, e.wi);
    want.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    // normal matrix: eigenvalues perfectly conditioned, error ~ n eps ||A||
    for (let i = 0; i < n; i++) {
      expect(Math.abs(got[i][0] - want[i][0])).toBeLessThan(100 * n * EPS * fro(a));
      expect(Math.abs(got[i][1] - want[i][1])).toBeLessThan(100 * n * EPS * fro(a));
    }
    expect(eigResidual(a, e, n)).toBeLessThanOrEqual(1e-12);
  });

  it("random non-symmetric matrices: every eigenpair has residual <= 1e-12, unit-norm vectors", () => {
    for (const n of [1, 2, 3, 8, 40, 120]) {
      const a = randMat(n, 1000 + n);
      const e = eigOf(a, n);
      expect(eigResidual(a, e, n)).toBeLessThanOrEqual(1e-12);
      for (let j = 0; j < n; j++) {
        const [vr, vi] = eigVec(e, j, n, n);
        expect(Math.abs(Math.hypot(norm2(vr), norm2(vi)) - 1)).toBeLessThan(1e-14 * n);
      }
      // trace = sum of eigenvalues
      let tr = 0, sum = 0;
      for (let i = 0; i < n; i++) {
        tr += a[i * n + i];
        sum += e.wr[i];
      }
      expect(Math.abs(tr - sum)).toBeLessThan(100 * n * EPS * fro(a));
    }
  });

  it("badly scaled state matrix [[0, I], [-M^-1 K, -M^-1 C]] (balancing): residual <= 1e-12", () => {
    // 3-dof chain, K ~ 1e8 N/m, M ~ 1 kg: eigenvalues ~ ±1e4 i, entries span 1e0..1e8
    const m = [2, 1, 3], k = 1e8, c = 50;
    const n = 6;
    const a = new Float64Array(n * n);
    const K = [[2 * k, -k, 0], [-k, 2 * k, -k], [0, -k, k]];
    for (let i = 0; i < 3; i++) {
      a[i * n + 3 + i] = 1;
      for (let j = 0; j < 3; j++) {
        a[(3 + i) * n + j] = -K[i][j] / m[i];
        a[(3 + i) * n + 3 + j] = (i === j ? -c : 0) / m[i];
      }
    }
    const e = eigOf(a, n);
    expect(eigResidual(a, e, n)).toBeLessThanOrEqual(1e-12);
    for (let j = 0; j < n; j++) expect(e.wr[j]).toBeLessThan(0); // damped: stable
  });

  it("Jordan block and zero matrix", () => {
    const e0 = eigOf([0, 0, 0, 0], 2);
    expect(Array.from(e0.wr)).toEqual([0, 0]);
    const e1 = eigOf([3, 1, 0, 3], 2);
    expect(e1.wr[0]).toBe(3);
    expect(e1.wr[1]).toBe(3);
  });
});

describe("matrix exponential", () => {
  const expm = (a: ArrayLike<number>, n: number) => call("linalgExpm", [a], n);

  it("diagonal: exp(diag(d)) = diag(e^d) across all Padé degrees and with squaring", () => {
    // |d| chosen to hit degrees 3 (0.01), 5 (0.2), 7 (0.9), 9 (2), 13 (5) and 13 with squaring (30, -40)
    for (const d of [0.01, 0.2, -0.9, 2, 5, 30, -40]) {
      const e = expm([d, 0, 0, d / 2], 2);
      // Higham 2005: backward error <= u, so the relative forward error of e^d is ~ |d| u (the
      // condition number of exp at d is |d|); allow 100 eps (1 + |d|) for the squarings' roundings
      expect(Math.abs(e[0] / Math.exp(d) - 1)).toBeLessThan(100 * EPS * (1 + Math.abs(d)));
      expect(Math.abs(e[3] / Math.exp(d / 2) - 1)).toBeLessThan(100 * EPS * (1 + Math.abs(d)));
      expect(e[1]).toBe(0);
      expect(e[2]).toBe(0);
    }
  });

  it("nilpotent: exp(N) = I + N + N^2/2 exactly for a strictly upper triangular 3x3", () => {
    const e = expm([0, 2, 3, 0, 0, 4, 0, 0, 0], 3);
    const want = [1, 2, 3 + 4, 0, 1, 4, 0, 0, 1]; // N^2/2 has (0,2) = 2*4/2 = 4
    for (let i = 0; i < 9; i++) expect(Math.abs(e[i] - want[i])).toBeLessThan(1e-14 * 10);
  });

  it("rotation generator [[0,-t],[t,0]] -> [[cos t, -sin t],[sin t, cos t]]", () => {
    for (const t of [1e-3, 0.5, 1, 3, 10, 100]) {
      const e = expm([0, -t, t, 0], 2);
      // exp is well conditioned for normal A; squaring s ~ log2(t/5.37) times costs ~ s*eps each
      const tol = 100 * EPS * Math.max(1, t);
      expect(Math.abs(e[0] - Math.cos(t))).toBeLessThan(tol);
      expect(Math.abs(e[1] + Math.sin(t))).toBeLessThan(tol);
      expect(Math.abs(e[2] - Math.sin(t))).toBeLessThan(tol);
      expect(Math.abs(e[3] - Math.cos(t))).toBeLessThan(tol);
    }
  });

  it("exp(A) exp(-A) = I and exp(S D S^-1) = S exp(D) S^-1 for random A", () => {
    const n = 10;
    const a = randMat(n, 77).map((x) => x * 0.8); // ||A||_1 ~ 4: degree 9 or 13
    const ea = expm(a, n), ema = expm(a.map((x) => -x), n);
    const prod = matMul(ea, ema, n);
    // cond of exp here is modest (||A|| ~ 4): relative error ~ 1e-14 * e^{2||A||}-ish; 1e-12 is generous
    expect(maxIdentityError(prod, n)).toBeLessThan(1e-12);
    // exp(2A) = exp(A)^2 (exercises the squaring path against the un-squared one)
    const e2a = expm(a.map((x) => 2 * x), n);
    const sq = matMul(ea, ea, n);
    expect(fro(e2a.map((x, k) => x - sq[k])) / fro(sq)).toBeLessThan(1e-12);
  });

  it("state-transition matrix of an oscillator: exp([[0,1],[-w²,-2ζw]] t) against the closed form", () => {
    const w = 20, z = 0.05, t = 0.37;
    const wd = w * Math.sqrt(1 - z * z);
    const e = expm([0, t, -w * w * t, -2 * z * w * t], 2);
    const ex = Math.exp(-z * w * t), c = Math.cos(wd * t), s = Math.sin(wd * t);
    // x(t) for x0 = 1, v0 = 0: e^{-ζωt}(cos ωd t + ζω/ωd sin ωd t); for x0 = 0, v0 = 1: e^{-ζωt} sin(ωd t)/ωd
    expect(Math.abs(e[0] - ex * (c + ((z * w) / wd) * s))).toBeLessThan(1e-13);
    expect(Math.abs(e[1] - (ex * s) / wd)).toBeLessThan(1e-13);
  });
});

describe("eigsLargest (implicitly restarted Arnoldi)", () => {
  function eigs(a: Float64Array, n: number, k: number, tol = 1e-12, maxIter = 500) {
    const out = call("linalgEigsLargestDense", [a], n, k, tol, maxIter);
    const kk = out[0];
    return { kk, e: { wr: out.slice(1, 1 + kk), wi: out.slice(1 + kk, 1 + 2 * kk), V: out.slice(1 + 2 * kk) } as EigOut };
  }

  function largestOf(e: EigOut, count: number): [number, number][] {
    return Array.from(e.wr, (r, i) => [r, e.wi[i]] as [number, number])
      .sort((a, b) => Math.hypot(b[0], b[1]) - Math.hypot(a[0], a[1]) || b[0] - a[0] || b[1] - a[1])
      .slice(0, count);
  }

  it("matches dense eig on a random non-symmetric 150x150 matrix (complex pairs kept whole)", () => {
    const n = 150;
    const a = randMat(n, 4242);
    const full = eigOf(a, n);
    for (const k of [1, 4, 6]) {
      const { kk, e } = eigs(a, n, k);
      expect(kk === k || kk === k + 1).toBe(true);
      const want = largestOf(full, kk);
      const got = largestOf(e, kk);
      // random matrices have well-separated, moderately conditioned outer eigenvalues
      for (let i = 0; i < kk; i++) {
        expect(Math.abs(got[i][0] - want[i][0])).toBeLessThan(1e-9);
        expect(Math.abs(got[i][1] - want[i][1])).toBeLessThan(1e-9);
      }
      // residual of each returned eigenvector against A itself: ||Av - θv|| <= tol |θ| (+ rounding)
      for (let j = 0; j < kk; j++) {
        const [vr, vi] = eigVec(e, j, n, kk);
        const avr = matVec(a, vr, n), avi = matVec(a, vi, n);
        const rr = avr.map((x, i) => x - (e.wr[j] * vr[i] - e.wi[j] * vi[i]));
        const ri = avi.map((x, i) => x - (e.wr[j] * vi[i] + e.wi[j] * vr[i]));
        expect(Math.hypot(norm2(rr), norm2(ri))).toBeLessThan(1e-10 * Math.hypot(e.wr[j], e.wi[j]));
        expect(Math.abs(Math.hypot(norm2(vr), norm2(vi)) - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it("symmetric tridiagonal (2,-1), n = 200: the 5 largest are 2 - 2cos(kπ/(n+1)), k = n..n-4", () => {
    const n = 200;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    const { kk, e } = eigs(a, n, 5, 1e-12, 2000);
    expect(kk).toBe(5);
    for (let j = 0; j < 5; j++) {
      expect(e.wi[j]).toBe(0);
      // clustered spectrum (gaps ~ 5e-4): eigenvalue error ~ residual^2 / gap for symmetric A
      expect(Math.abs(e.wr[j] - (2 - 2 * Math.cos(((n - j) * Math.PI) / (n + 1))))).toBeLessThan(1e-10);
    }
  });

  it("small operator (n < 20): the Krylov space is the whole space", () => {
    const n = 6;
    const a = randMat(n, 31);
    const full = eigOf(a, n);
    const { kk, e } = eigs(a, n, 2);
    const want = largestOf(full, kk), got = largestOf(e, kk);
    for (let i = 0; i < kk; i++) expect(Math.hypot(got[i][0] - want[i][0], got[i][1] - want[i][1])).toBeLessThan(1e-12);
  });

  it("reports non-convergence (error 4) when the restart budget is too small", () => {
    const n = 200;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      a[i * n + i] = 2;
      if (i > 0) a[i * n + i - 1] = a[(i - 1) * n + i] = -1;
    }
    expect(errorOf("linalgEigsLargestDense", [a], n, 5, 1e-14, 0).code).toBe(4);
    expect(errorOf("linalgEigsLargestDense", [a], n, 0, 1e-12, 10).code).toBe(1);
  });
});

describe("eigsLargest robustness: multiple, imaginary and strongly non-normal spectra", () => {
  // Each case is checked against dense linalgEig of the same matrix: values (sorted by modulus) and the
  // TRUE residual ||A x - θ x|| / (|θ| ||x||) of every returned pair, recomputed here from A itself.
  function eigsOut(a: Float64Array, n: number, k: number, tol: number) {
    const out = call("linalgEigsLargestDense", [a], n, k, tol, 500);
    const kk = out[0];
    return { kk, e: { wr: out.slice(1, 1 + kk), wi: out.slice(1 + kk, 1 + 2 * kk), V: out.slice(1 + 2 * kk) } as EigOut };
  }
  function byModulus(e: EigOut, count: number): [number, number][] {
    return Array.from(e.wr, (r, i) => [r, e.wi[i]] as [number, number])
      .sort((x, y) => Math.hypot(y[0], y[1]) - Math.hypot(x[0], x[1]) || y[0] - x[0] || y[1] - x[1])
      .slice(0, count);
  }
  /** Checks values against dense eig and true residuals; returns the complex vectors. */
  function check(a: Float64Array, n: number, k: number, tol: number, valTol: number, resTol: number) {
    const { kk, e } = eigsOut(a, n, k, tol);
    expect(kk === k || kk === k + 1).toBe(true);
    const want = byModulus(eigOf(a, n), kk), got = byModulus(e, kk);
    for (let i = 0; i < kk; i++) {
      const s = Math.hypot(want[i][0], want[i][1]);
      expect(Math.abs(Math.hypot(got[i][0], got[i][1]) - s) / s).toBeLessThan(valTol);
      expect(Math.hypot(got[i][0] - want[i][0], Math.abs(got[i][1]) - Math.abs(want[i][1])) / s).toBeLessThan(valTol);
    }
    const vecs: [Float64Array, Float64Array][] = [];
    for (let j = 0; j < kk; j++) {
      const [vr, vi] = eigVec(e, j, n, kk);
      const nv = Math.hypot(norm2(vr), norm2(vi));
      expect(nv).toBeGreaterThan(0.5); // unit vectors, never zero
      const avr = matVec(a, vr, n), avi = matVec(a, vi, n);
      const rr = avr.map((x, i) => x - (e.wr[j] * vr[i] - e.wi[j] * vi[i]));
      const ri = avi.map((x, i) => x - (e.wr[j] * vi[i] + e.wi[j] * vr[i]));
      expect(Math.hypot(norm2(rr), norm2(ri)) / (nv * Math.hypot(e.wr[j], e.wi[j]))).toBeLessThan(resTol);
      vecs.push([vr, vi]);
    }
    return { kk, e, vecs };
  }
  function spd(nb: number, seed: number, shift: number): Float64Array {
    const r = randMat(nb, seed), b = new Float64Array(nb * nb);
    for (let i = 0; i < nb; i++)
      for (let j = 0; j < nb; j++) {
        let s = 0;
        for (let q = 0; q < nb; q++) s += r[i * nb + q] * r[j * nb + q];
        b[i * nb + j] = s / nb + (i === j ? shift : 0);
      }
    return b;
  }

  it("repeated eigenvalues: diag(B, B) returns every wanted value twice with independent vectors", () => {
    // n = 120 > m: the second copy is not in the Krylov space of one start vector (exact arithmetic);
    // it must be found by the locking + injection step. Well-conditioned random B: values to 1e-9.
    const nb = 60, n = 2 * nb;
    const b = randMat(nb, 7), a = new Float64Array(n * n);
    for (let i = 0; i < nb; i++)
      for (let j = 0; j < nb; j++) a[i * n + j] = a[(nb + i) * n + nb + j] = b[i * nb + j];
    for (const k of [1, 4, 10]) {
      const { kk, e, vecs } = check(a, n, k, 1e-12, 1e-9, 1e-10);
      // equal values (a copy) must have linearly independent vectors: |<x1, x2>| < 0.99 ||x1|| ||x2||
      for (let p = 0; p < kk; p++)
        for (let q = p + 1; q < kk; q++) {
          if (Math.hypot(e.wr[p] - e.wr[q], e.wi[p] - e.wi[q]) > 1e-8 * Math.hypot(e.wr[p], e.wi[p])) continue;
          const [xr, xi] = vecs[p], [yr, yi] = vecs[q];
          let dr = 0, di = 0;
          for (let i = 0; i < n; i++) {
            dr += xr[i] * yr[i] + xi[i] * yi[i];
            di += xr[i] * yi[i] - xi[i] * yr[i];
          }
          const c = Math.hypot(dr, di) / (Math.hypot(norm2(xr), norm2(xi)) * Math.hypot(norm2(yr), norm2(yi)));
          expect(c).toBeLessThan(0.99);
        }
      if (k === 4) {
        // the 4 largest of diag(B, B) are the 2 largest of B, each twice
        const mods = byModulus(e, kk).map(([r, i]) => Math.hypot(r, i));
        expect(Math.abs(mods[0] - mods[kk - 1]) / mods[0]).toBeLessThan(1e-9);
      }
    }
  });

  it("purely imaginary spectrum: [[0, -B], [I, 0]] with B SPD (undamped state matrix), even and odd k", () => {
    // eigenvalues ±i sqrt(eig(B)): all in conjugate pairs, so any real Ritz value is spurious
    const nb = 40, n = 2 * nb;
    const b = spd(nb, 11, 0.1), a = new Float64Array(n * n);
    for (let i = 0; i < nb; i++) {
      for (let j = 0; j < nb; j++) a[i * n + nb + j] = -b[i * nb + j];
      a[(nb + i) * n + i] = 1;
    }
    for (const k of [1, 5, 10, 20, 40]) {
      const { kk, e } = check(a, n, k, 1e-12, 1e-9, 1e-10);
      for (let j = 0; j < kk; j++) expect(Math.abs(e.wr[j])).toBeLessThan(1e-9 * Math.hypot(e.wr[j], e.wi[j]));
    }
  });

  it("strongly non-normal: inverse of the damped state matrix [[0, I], [-M⁻¹K, -M⁻¹C]], blocks ~1 and ~1e-4", () => {
    // A⁻¹ = [[-K⁻¹C, -K⁻¹M], [I, 0]] with M ~ 1, K ~ 1e4 (like a rotor's shift-invert operator):
    // ||A⁻¹|| ~ 1 while the eigenvalues are ~1e-2..1e-3, so Ritz values can lie far outside the spectrum.
    const nb = 30, n = 2 * nb;
    const M = spd(nb, 21, 1), K0 = spd(nb, 22, 0.05);
    const K = K0.map((x) => 1e4 * x);
    const C = M.map((x, i) => 0.02 * x + 1e-4 * K[i]); // Rayleigh damping: ζ from ~0.1% to ~10%
    const a = new Float64Array(n * n);
    for (let j = 0; j < nb; j++) {
      for (const [src, off] of [[C, 0], [M, nb]] as [Float64Array, number][]) {
        const col = new Float64Array(nb);
        for (let i = 0; i < nb; i++) col[i] = src[i * nb + j];
        const x = call("linalgSolve", [K, col], nb);
        for (let i = 0; i < nb; i++) a[i * n + off + j] = -x[i];
      }
      a[(nb + j) * n + j] = 1;
    }
    // the dense reference itself has errors ~ eps ||A|| / |θ| ~ 1e-12 relative for the smallest θ here
    for (const k of [2, 8, 16, 24]) check(a, n, k, 1e-14, 1e-8, 1e-9);
  });
});

describe("eig on strongly non-normal matrices: scaled Schur back substitution, residual-checked balancing", () => {
  // Every case checks (1) no NaN/Inf anywhere, (2) ||A v - λ v|| <= 4 n eps ||A||_F ||v|| for EVERY pair:
  // eig accepts its balanced vectors only below n eps ||A||_F (else it recomputes without balancing, a
  // backward-stable decomposition of A itself, Golub & Van Loan 4th ed. §7.5.6) and evaluating A v here
  // adds up to n eps ||A||_F ||v|| of rounding, so c = 4 leaves a factor 2 of margin; (3) the values
  // against a spectrum that is EXACT in floating point (integer / dyadic constructions), within the
  // first-order bound κ(λ) ||E|| with ||E|| <= 10 n eps ||A||_F (κ = ||x|| ||y|| / |y^T x|, Wilkinson 1965).
  type C = [number, number];
  function checkPairs(a: ArrayLike<number>, n: number, e: EigOut, c = 4): number {
    for (const arr of [e.wr, e.wi, e.V]) for (const x of arr) expect(Number.isFinite(x)).toBe(true);
    const na = fro(a);
    let worst = 0;
    for (let j = 0; j < n; j++) {
      const [vr, vi] = eigVec(e, j, n, n);
      const nv = Math.hypot(norm2(vr), norm2(vi));
      expect(Math.abs(nv - 1)).toBeLessThan(1e-12); // unit vectors, never zero
      const avr = matVec(a, vr, n), avi = matVec(a, vi, n);
      const rr = avr.map((x, i) => x - (e.wr[j] * vr[i] - e.wi[j] * vi[i]));
      const ri = avi.map((x, i) => x - (e.wr[j] * vi[i] + e.wi[j] * vr[i]));
      worst = Math.max(worst, Math.hypot(norm2(rr), norm2(ri)) / (n * EPS * na * nv));
    }
    expect(worst).toBeLessThanOrEqual(c);
    return worst;
  }
  /** Pairs each wanted value with the nearest unused computed one; returns the errors in wanted order. */
  function match(e: EigOut, want: C[]): number[] {
    const used = new Array(e.wr.length).fill(false);
    return want.map(([r, i]) => {
      let best = -1, d = Infinity;
      for (let j = 0; j < e.wr.length; j++) {
        const dj = Math.hypot(e.wr[j] - r, e.wi[j] - i);
        if (!used[j] && dj < d) [best, d] = [j, dj];
      }
      used[best] = true;
      return d;
    });
  }
  /** Integer matrix product in BigInt (exact). */
  function bmul(a: bigint[][], b: bigint[][]): bigint[][] {
    const n = a.length;
    return a.map((row) => Array.from({ length: n }, (_, j) => row.reduce((s, x, k) => s + x * b[k][j], 0n)));
  }
  function toF64(a: bigint[][]): Float64Array {
    const n = a.length, out = new Float64Array(n * n);
    a.forEach((row, i) => row.forEach((x, j) => {
      expect(x < 2n ** 53n && -x < 2n ** 53n).toBe(true); // exactly representable
      out[i * n + j] = Number(x);
    }));
    return out;
  }

  it.each([
    [9, 4, 7, 3],
    [9, 4, 11, 5],
  ])("S D S^-1, unimodular integer S = L U (L_ij = (7i + 3j) mod %i - %i, U_ij = (i + 2j) mod %i - %i; cond 5e6, 2e8)", (p1, q1, p2, q2) => {
    // S = L U with unit triangular integer L, U: det S = 1, so S^-1 is an integer matrix and A = S D S^-1
    // is formed exactly; D has real values and 2x2 blocks [[a, b], [-b, a]] (values a ± ib).
    const n = 10;
    const L: bigint[][] = [], U: bigint[][] = [];
    for (let i = 0; i < n; i++) {
      L.push([]);
      U.push([]);
      for (let j = 0; j < n; j++) {
        L[i].push(i === j ? 1n : i > j ? BigInt(((i * 7 + j * 3) % p1) - q1) : 0n);
        U[i].push(i === j ? 1n : j > i ? BigInt(((i + 2 * j) % p2) - q2) : 0n);
      }
    }
    // inverses of unit triangular integer matrices by substitution (exact)
    const inv = (T: bigint[][], lower: boolean): bigint[][] => {
      const X = T.map((_, i) => T.map((_, j) => (i === j ? 1n : 0n)));
      for (let col = 0; col < n; col++) {
        const order = lower ? [...Array(n).keys()] : [...Array(n).keys()].reverse();
        for (const i of order) {
          let s = i === col ? 1n : 0n;
          for (let k = 0; k < n; k++) if (k !== i && (lower ? k < i : k > i)) s -= T[i][k] * X[k][col];
          X[i][col] = s;
        }
      }
      return X;
    };
    const S = bmul(L, U), Si = bmul(inv(U, false), inv(L, true));
    const I = bmul(S, Si);
    I.forEach((row, i) => row.forEach((x, j) => expect(x).toBe(i === j ? 1n : 0n)));
    const D: bigint[][] = S.map(() => new Array(n).fill(0n));
    const want: C[] = [];
    const reals = [3n, -2n, 5n, 1n, -4n, 7n];
    for (let k = 0; k < 6; k++) {
      D[k][k] = reals[k];
      want.push([Number(reals[k]), 0]);
    }
    for (const [k, a, b] of [[6, 2, 3], [8, -1, 1]] as [number, number, number][]) {
      D[k][k] = D[k + 1][k + 1] = BigInt(a);
      D[k][k + 1] = BigInt(b);
      D[k + 1][k] = BigInt(-b);
      want.push([a, b], [a, -b]);
    }
    const a = toF64(bmul(bmul(S, D), Si));
    const Sf = toF64(S), Sif = toF64(Si);
    const condS = fro(Sf) * fro(Sif);
    expect(condS).toBeGreaterThan(1e6);
    expect(condS).toBeLessThan(1e9);
    const e = eigOf(a, n);
    checkPairs(a, n, e);
    // κ(λ_j) = ||S x_D|| ||y_D^T S^-1|| / |y_D^T x_D| with the eigenvectors x_D, y_D of D: e_j for a real
    // value; for a ± ib in a block (k, k+1), x_D = e_k ± i e_{k+1}, y_D = e_k ∓ i e_{k+1}, y_D^T x_D = 2
    const col = (M: Float64Array, j: number) => Array.from({ length: n }, (_, i) => M[i * n + j]);
    const row = (M: Float64Array, i: number) => Array.from(M.subarray(i * n, i * n + n));
    const kappa: number[] = [];
    for (let k = 0; k < 6; k++) kappa.push(norm2(col(Sf, k)) * norm2(row(Sif, k)));
    for (const k of [6, 8]) {
      const kp = Math.hypot(norm2(col(Sf, k)), norm2(col(Sf, k + 1))) * Math.hypot(norm2(row(Sif, k)), norm2(row(Sif, k + 1))) / 2;
      kappa.push(kp, kp);
    }
    const err = match(e, want);
    for (let j = 0; j < n; j++) expect(err[j]).toBeLessThanOrEqual(kappa[j] * 10 * n * EPS * fro(a));
  });

  it("rotated Jordan block J_4(2) plus simple values: vectors finite with small residual, values within ε^(1/4)", () => {
    // A = Q T Q^T (Q a Householder reflection) with T upper triangular: diag (2, 2, 2, 2, -1, 5, 0.5, -3),
    // ones above the diagonal, so λ = 2 is defective with one Jordan block of size 4. A perturbation E moves
    // it by about ||E||^(1/4) (Puiseux expansion, Wilkinson 1965 ch. 2 §11; Golub & Van Loan 4th ed. §7.2.4):
    // tolerance 2 (10 n eps ||A||_F)^(1/4). The simple values keep the first-order bound κ ||E||, κ from T.
    const n = 8;
    const d = [2, 2, 2, 2, -1, 5, 0.5, -3];
    const t = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) t[i * n + j] = i === j ? d[i] : 1;
    const r = rng(77);
    const u = Float64Array.from({ length: n }, () => r());
    const uu = u.reduce((s, x) => s + x * x, 0);
    const q = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) q[i * n + j] = (i === j ? 1 : 0) - (2 * u[i] * u[j]) / uu;
    const a = matMul(matMul(q, t, n), q, n);
    const e = eigOf(a, n);
    checkPairs(a, n, e);
    const E = 10 * n * EPS * fro(a);
    const err = match(e, d.map((x) => [x, 0] as C));
    for (let k = 0; k < 4; k++) expect(err[k]).toBeLessThanOrEqual(2 * E ** 0.25);
    for (let k = 4; k < n; k++) {
      // κ of the simple value t_kk of triangular T: x from back substitution, y from forward substitution
      const lam = d[k], x = new Float64Array(n), y = new Float64Array(n);
      x[k] = y[k] = 1;
      for (let i = k - 1; i >= 0; i--) {
        let s = 0;
        for (let j = i + 1; j <= k; j++) s += t[i * n + j] * x[j];
        x[i] = -s / (t[i * n + i] - lam);
      }
      for (let i = k + 1; i < n; i++) {
        let s = 0;
        for (let j = k; j < i; j++) s += y[j] * t[j * n + i];
        y[i] = -s / (t[i * n + i] - lam);
      }
      expect(err[k]).toBeLessThanOrEqual(norm2(x) * norm2(y) * E);
    }
  });

  it("Hessenberg with large upper part and small eigenvalues (off-diagonals 1e3 .. 1e150): no overflow, no NaN", () => {
    // T upper triangular with diagonal 1e-2 (1 + i g) (g = 0: an eigenvalue of multiplicity 8) and entries
    // ~s above it, plus a subdiagonal 1e-3. The back substitution multiplies by ~s / 1e-2 per row, so the
    // unscaled EISPACK recurrence overflowed to Inf/NaN for s >= 1e100; the scaled one (dtrevc/dlaln2) never
    // does. The spectrum is not known in closed form: the trace identity Σλ = tr A (to 10 n eps ||A||_F)
    // checks the values.
    const n = 8;
    for (const s of [1e3, 1e8, 1e100, 1e150]) {
      for (const g of [0, 1e-20, 1e-8]) {
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) {
          a[i * n + i] = 1e-2 * (1 + i * g);
          for (let j = i + 1; j < n; j++) a[i * n + j] = s * (1 + 0.1 * ((i * 3 + j * 5) % 7));
          if (i > 0) a[i * n + i - 1] = 1e-3;
        }
        const e = eigOf(a, n);
        checkPairs(a, n, e);
        let tr = 0, sum = 0;
        for (let i = 0; i < n; i++) {
          tr += a[i * n + i];
          sum += e.wr[i];
        }
        expect(Math.abs(sum - tr)).toBeLessThanOrEqual(10 * n * EPS * fro(a));
      }
    }
  });

  it("inverse of a damped chain's state matrix (stiffnesses 2^-4 .. 2^24) and its Arnoldi Hessenberg matrices", () => {
    // Chain fixed at one end: springs k_s, masses m_s (powers of 2 and 4), Rayleigh damping C = αM + βK.
    // A^-1 = [[-K^-1 C, -K^-1 M], [I, 0]] is EXACT in floating point: K^-1 is the flexibility matrix
    // F_ij = Σ_{s <= min(i,j)} 1/k_s (series springs) and K^-1 C = α F M + β I.
    // Reference: ω² = eig(M^-1/2 K M^-1/2) (symmetric solver, |Δω²| <= 10 n eps ||K~||, Weyl), modal
    // damping ζ = α/(2ω) + βω/2, λ = ω(-ζ ± i sqrt(1 - ζ²)), μ = 1/λ; |Δμ|/|μ| <= |Δω²|/ω² from the reference.
    // κ(μ) <= cond(Φ) κ_2x2 with Φ = M^-1/2 Q (cond = sqrt(m_max/m_min)) and, for the modal block
    // [[0, 1], [-ω², -2ζω]], x = (1, λ), y = (ω², -λ), y^T x = ω² - λ².
    const k = [2 ** -4, 2 ** 10, 2 ** 20, 2 ** 2, 2 ** 14, 2 ** 6, 2 ** 24, 2 ** 8, 2 ** 16, 2];
    const m = [1, 1, 4, 0.25, 1, 16, 1, 4, 1, 0.25];
    const nd = k.length, n = 2 * nd, alpha = 2 ** -6, beta = 2 ** -18;
    const F = new Float64Array(nd * nd);
    for (let i = 0; i < nd; i++)
      for (let j = 0; j < nd; j++) {
        let s = 0;
        for (let q = 0; q <= Math.min(i, j); q++) s += 1 / k[q];
        F[i * nd + j] = s;
      }
    const a = new Float64Array(n * n);
    for (let i = 0; i < nd; i++) {
      for (let j = 0; j < nd; j++) {
        const fm = F[i * nd + j] * m[j];
        a[i * n + j] = -(alpha * fm + (i === j ? beta : 0));
        a[i * n + nd + j] = -fm;
      }
      a[(nd + i) * n + i] = 1;
    }
    const kt = new Float64Array(nd * nd); // M^-1/2 K M^-1/2, exact (m are powers of 4)
    for (let i = 0; i < nd; i++) {
      const kii = k[i] + (i + 1 < nd ? k[i + 1] : 0);
      kt[i * nd + i] = kii / m[i];
      if (i + 1 < nd) kt[i * nd + i + 1] = kt[(i + 1) * nd + i] = -k[i + 1] / Math.sqrt(m[i] * m[i + 1]);
    }
    const w2 = call("linalgEigSym", [kt], nd).slice(0, nd);
    const dw2 = 10 * nd * EPS * fro(kt);
    const condPhi = Math.sqrt(Math.max(...m) / Math.min(...m));
    const want: C[] = [], kap: number[] = [], refErr: number[] = [];
    for (const x2 of w2) {
      const w = Math.sqrt(x2), z = alpha / (2 * w) + (beta * w) / 2;
      expect(z).toBeLessThan(1); // underdamped: complex pairs
      for (const sg of [1, -1]) {
        const lr = -z * w, li = sg * w * Math.sqrt(1 - z * z), l2 = lr * lr + li * li;
        want.push([lr / l2, -li / l2]);
        // κ_2x2: ||(1, λ)|| ||(ω², -λ)|| / |ω² - λ²|
        const nx = Math.sqrt(1 + l2), ny = Math.sqrt(x2 * x2 + l2);
        const den = Math.hypot(x2 - (lr * lr - li * li), -2 * lr * li);
        kap.push((condPhi * nx * ny) / den);
        refErr.push((Math.sqrt(1 / l2) * dw2) / x2);
      }
    }
    const e = eigOf(a, n);
    checkPairs(a, n, e);
    const err = match(e, want);
    for (let j = 0; j < n; j++) expect(err[j]).toBeLessThanOrEqual(kap[j] * 10 * n * EPS * fro(a) + refErr[j]);

    // Arnoldi with full reorthogonalisation (classical Gram-Schmidt twice, Giraud et al. 2005) over the whole
    // space from 5 start vectors: H = Q^T A^-1 Q is upper Hessenberg, similar to A^-1 up to a backward error
    // ~ n eps ||A^-1||; the values are checked with 100 instead of 10 in the bound for that extra error.
    // These H are the strongly non-normal case: balanced EISPACK vectors had residuals up to ~1000 n eps ||H||.
    for (let seed = 1; seed <= 5; seed++) {
      const Q: Float64Array[] = [];
      const h = new Float64Array(n * n);
      const r = rng(seed);
      let qv = Float64Array.from({ length: n }, () => r());
      qv = qv.map((x) => x / norm2(qv));
      Q.push(qv);
      for (let j = 0; j < n; j++) {
        const w = matVec(a, Q[j], n);
        for (let pass = 0; pass < 2; pass++)
          for (let i = 0; i <= j; i++) {
            let s = 0;
            for (let t = 0; t < n; t++) s += Q[i][t] * w[t];
            h[i * n + j] += s;
            for (let t = 0; t < n; t++) w[t] -= s * Q[i][t];
          }
        if (j + 1 < n) {
          const nw = norm2(w);
          expect(nw).toBeGreaterThan(1e-12 * fro(a)); // no breakdown: the start vector is generic
          h[(j + 1) * n + j] = nw;
          Q.push(w.map((x) => x / nw));
        }
      }
      const eh = eigOf(h, n);
      checkPairs(h, n, eh);
      const errH = match(eh, want);
      for (let j = 0; j < n; j++) expect(errH[j]).toBeLessThanOrEqual(kap[j] * 100 * n * EPS * fro(a) + refErr[j]);
    }
  });
});
