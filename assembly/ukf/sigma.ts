// Sigma-point families of the unscented transform. Both place 2n+1 points at x and x +- the rows of
// an upper factor U with U^T U = c P; they differ in the scale c and the weights.

export const POINTS_MERWE: i32 = 0;
export const POINTS_JULIER: i32 = 1;

export class SigmaWeights {
  n: i32;
  /** c: the sigma offsets are the rows of U with U^T U = c P */
  c: f64;
  lambda: f64;
  /** Wm[0], Wc[0]; every other point has weight w in both sums */
  wm0: f64;
  wc0: f64;
  w: f64;
  Wm: StaticArray<f64>;
  Wc: StaticArray<f64>;

  constructor(n: i32, c: f64, lambda: f64, wm0: f64, wc0: f64, w: f64) {
    this.n = n;
    this.c = c;
    this.lambda = lambda;
    this.wm0 = wm0;
    this.wc0 = wc0;
    this.w = w;
    const np = 2 * n + 1;
    this.Wm = new StaticArray<f64>(np);
    this.Wc = new StaticArray<f64>(np);
    this.Wm[0] = wm0;
    this.Wc[0] = wc0;
    for (let i = 1; i < np; i++) {
      unchecked((this.Wm[i] = w));
      unchecked((this.Wc[i] = w));
    }
  }

  /**
   * Scaled sigma points (Van der Merwe 2004, PhD thesis "Sigma-point Kalman filters for probabilistic
   * inference in dynamic state-space models", OHSU, §3.2.2, eqs. 3.11-3.12; Julier 2002, "The scaled
   * unscented transformation", ACC), as FilterPy's MerweScaledSigmaPoints:
   * lambda = alpha^2 (n + kappa) - n, c = n + lambda, Wm0 = lambda / c, Wc0 = Wm0 + 1 - alpha^2 + beta,
   * Wi = 1 / (2c). Null if c <= 0 (no real sigma points).
   */
  static merwe(n: i32, alpha: f64, beta: f64, kappa: f64): SigmaWeights | null {
    const nf = <f64>n;
    const lambda = alpha * alpha * (nf + kappa) - nf;
    const c = nf + lambda;
    if (!(c > 0.0)) return null;
    const wm0 = lambda / c;
    return new SigmaWeights(n, c, lambda, wm0, wm0 + (1.0 - alpha * alpha + beta), 0.5 / c);
  }

  /**
   * Julier & Uhlmann 1997, "A new extension of the Kalman filter to nonlinear systems", SPIE 3068,
   * eq. (12) (as FilterPy's JulierSigmaPoints): c = n + kappa, W0 = kappa / c, Wi = 1 / (2c), Wm = Wc.
   * Null if c <= 0.
   */
  static julier(n: i32, kappa: f64): SigmaWeights | null {
    const c = <f64>n + kappa;
    if (!(c > 0.0)) return null;
    return new SigmaWeights(n, c, kappa, kappa / c, kappa / c, 0.5 / c);
  }
}
