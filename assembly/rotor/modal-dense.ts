// Damped complex modes by the dense eigenvalues of the first-order state matrix
// A = [[0, I], [-M⁻¹K, -M⁻¹D]], D = C + Ω G (the linearisation of the quadratic eigenproblem
// (λ²M + λD + K) φ = 0: Tisseur & Meerbergen 2001, SIAM Review 43(2):235, §3.4; Friswell et al. 2010,
// "Dynamics of Rotating Machines", §2.3). The reference solver: all 2n roots, O((2n)³).
import { Mat } from "../linalg/matrix";
import { LU } from "../linalg/lu";
import { eig } from "../linalg/eig";
import { RotorSystem } from "./assemble";
import { ModalResult, Roots } from "./modal-result";

/** D = C + Ω G, the velocity matrix at speed Ω. */
export function velocityMatrix(sys: RotorSystem, speed: f64): Mat {
  return sys.C.addScaled(sys.G, speed);
}

/** The 2n x 2n state matrix of M q'' + D q' + K q = 0 with state [q; q']; null if M is singular. */
export function stateMatrix(sys: RotorSystem, speed: f64): Mat | null {
  const n = sys.n;
  const lu = LU.factor(sys.M);
  if (lu === null) return null;
  const MK = lu.solveMat(sys.K);
  const MD = lu.solveMat(velocityMatrix(sys, speed));
  const n2 = 2 * n;
  const A = new Mat(n2, n2);
  const a = A.data, mk = MK.data, md = MD.data;
  for (let i = 0; i < n; i++) {
    unchecked((a[i * n2 + n + i] = 1.0));
    const row = (n + i) * n2;
    for (let j = 0; j < n; j++) {
      unchecked((a[row + j] = -mk[i * n + j]));
      unchecked((a[row + n + j] = -md[i * n + j]));
    }
  }
  return A;
}

/** Every root of the state matrix with Im λ > 0 and the displacement part of its eigenvector. */
export function rootsDense(sys: RotorSystem, speed: f64): Roots | null {
  const A = stateMatrix(sys, speed);
  if (A === null) return null;
  const e = eig(A);
  if (e === null) return null;
  const n = sys.n, n2 = 2 * n;
  const roots = new Roots(n);
  const V = e.V;
  for (let j = 0; j < n2; j++) {
    const wi = unchecked(e.wi[j]);
    if (wi > 0.0) {
      // real form: columns (j, j+1) hold the real and imaginary parts of the vector of wr + i wi
      const vr = new StaticArray<f64>(n);
      const vi = new StaticArray<f64>(n);
      for (let i = 0; i < n; i++) {
        unchecked((vr[i] = V.get(i, j)));
        unchecked((vi[i] = V.get(i, j + 1)));
      }
      roots.push(unchecked(e.wr[j]), wi, vr, vi);
      j++;
    }
  }
  return roots;
}

export function modalDense(sys: RotorSystem, speed: f64, nModes: i32): ModalResult | null {
  const roots = rootsDense(sys, speed);
  if (roots === null) return null;
  return ModalResult.fromRoots(roots, nModes, sys.nNodes);
}
