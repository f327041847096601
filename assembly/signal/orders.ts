// Order amplitudes by linear least squares at known frequencies. With the shaft frequency f0 known,
// the model x_j ≈ c + Σ_{k=1..K} (a_k cos 2πk f0 t_j + b_k sin 2πk f0 t_j), t_j = j/fs, is linear in
// (c, a, b): the multi-harmonic extension of the three-parameter sine fit of IEEE Std 1057-2017
// (§"Three-parameter (known frequency) least-squares fit"). Unlike an FFT bin (or Goertzel at the
// nearest bin) it is exact for stationary sinusoids at any non-integer number of cycles per window:
// no leakage, no scalloping. Solved by Householder QR (Golub & Van Loan, Matrix Computations, 4th ed.,
// Alg. 5.2.1 and the least-squares solve of §5.3.3), never by normal equations (which square the
// condition number). The design matrix depends only on (n, f0/fs, K): it is factored once and
// reused for every window and channel.
// Amplitude A_k = √(a_k² + b_k²), phase φ_k = atan2(−b_k, a_k): x ≈ c + Σ A_k cos(2πk f0 t + φ_k).
// Angles: 2π·frac(k·(f0/fs)·j), the fraction taken before the multiplication by 2π, so the
// argument of cos/sin stays in [0, 2π) for long windows.

/** Rank tolerance: a column whose distance to the span of the previous ones is below this fraction
 *  of its own norm makes the fit ill-posed (window shorter than about one revolution, or an order at
 *  a multiple of fs/2). */
export const ORDER_RANK_TOL: f64 = 1e-8;

export class OrderFit {
  n: i32;
  orders: i32;
  p: i32;
  /** column-major n × p: Householder vectors on and below the diagonal, R above it */
  a: StaticArray<f64>;
  vtv: StaticArray<f64>;
  rdiag: StaticArray<f64>;
  y: StaticArray<f64>;
  coef: StaticArray<f64>;
  /** false if the design is numerically rank deficient; failedColumn then tells which column */
  ok: bool = true;
  failedColumn: i32 = -1;

  constructor(n: i32, cyclesPerSample: f64, orders: i32) {
    const p = 2 * orders + 1;
    assert(n >= 1 && orders >= 0);
    this.n = n;
    this.orders = orders;
    this.p = p;
    const a = new StaticArray<f64>(n * p);
    for (let i = 0; i < n; i++) unchecked((a[i] = 1.0));
    for (let k = 1; k <= orders; k++) {
      const r = <f64>k * cyclesPerSample;
      const cc = (2 * k - 1) * n, cs = 2 * k * n;
      for (let i = 0; i < n; i++) {
        const u = r * <f64>i;
        const th = 2.0 * Math.PI * (u - Math.floor(u));
        unchecked((a[cc + i] = Math.cos(th)));
        unchecked((a[cs + i] = Math.sin(th)));
      }
    }
    this.a = a;
    this.vtv = new StaticArray<f64>(p);
    this.rdiag = new StaticArray<f64>(p);
    this.y = new StaticArray<f64>(n);
    this.coef = new StaticArray<f64>(p);
    if (n < p) {
      this.ok = false;
      this.failedColumn = n;
    } else {
      this.factor();
    }
  }

  private factor(): void {
    const n = this.n, p = this.p, a = this.a;
    for (let j = 0; j < p; j++) {
      const cj = j * n;
      // norm of the original column j (for the rank test) is unchanged by earlier reflections
      // applied to the whole column, so take it over rows 0..n-1 of the current column
      let full = 0.0;
      for (let i = 0; i < n; i++) full += unchecked(a[cj + i]) * unchecked(a[cj + i]);
      let s = 0.0;
      for (let i = j; i < n; i++) s += unchecked(a[cj + i]) * unchecked(a[cj + i]);
      const sigma = Math.sqrt(s);
      if (!(sigma > ORDER_RANK_TOL * Math.sqrt(full))) {
        this.ok = false;
        this.failedColumn = j;
        return;
      }
      const x0 = unchecked(a[cj + j]);
      const alpha = x0 >= 0 ? -sigma : sigma;
      // v = x − α e1, vᵀv = 2σ(σ + |x0|)
      unchecked((a[cj + j] = x0 - alpha));
      const vtv = 2.0 * sigma * (sigma + Math.abs(x0));
      unchecked((this.vtv[j] = vtv));
      unchecked((this.rdiag[j] = alpha));
      for (let c = j + 1; c < p; c++) {
        const cc = c * n;
        let d = 0.0;
        for (let i = j; i < n; i++) d += unchecked(a[cj + i]) * unchecked(a[cc + i]);
        const f = (2.0 * d) / vtv;
        for (let i = j; i < n; i++) unchecked((a[cc + i] -= f * a[cj + i]));
      }
    }
  }

  /** Least-squares coefficients [c, a_1, b_1, …, a_K, b_K] of x[off + j·stride], j < n, into coef. */
  fit(x: StaticArray<f64>, off: i32, stride: i32): void {
    assert(this.ok);
    const n = this.n, p = this.p, a = this.a, y = this.y;
    for (let i = 0; i < n; i++) unchecked((y[i] = x[off + i * stride]));
    for (let j = 0; j < p; j++) {
      const cj = j * n;
      let d = 0.0;
      for (let i = j; i < n; i++) d += unchecked(a[cj + i]) * unchecked(y[i]);
      const f = (2.0 * d) / unchecked(this.vtv[j]);
      for (let i = j; i < n; i++) unchecked((y[i] -= f * a[cj + i]));
    }
    // back substitution R coef = (Qᵀy)[0:p]; R_jj = rdiag, R_jc (c > j) = a[c·n + j]
    const coef = this.coef;
    for (let j = p - 1; j >= 0; j--) {
      let s = unchecked(y[j]);
      for (let c = j + 1; c < p; c++) s -= unchecked(a[c * n + j]) * unchecked(coef[c]);
      unchecked((coef[j] = s / this.rdiag[j]));
    }
  }

  amplitude(k: i32): f64 {
    const ak = unchecked(this.coef[2 * k - 1]), bk = unchecked(this.coef[2 * k]);
    return Math.sqrt(ak * ak + bk * bk);
  }

  phase(k: i32): f64 {
    return Math.atan2(-unchecked(this.coef[2 * k]), unchecked(this.coef[2 * k - 1]));
  }
}
