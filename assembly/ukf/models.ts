// Process and measurement models of the UKF (assembly/ABI.md, "Unscented Kalman filter"). A model maps
// the whole sigma set at once: the sigma points are always x and x +- the rows of an upper triangular
// offset matrix U, which lets the linear models propagate x and the offsets separately,
// F (x +- U_i) + B u = (F x + B u) +- F U_i, equal in exact arithmetic and half the work (U is
// triangular). Nonlinear models map each point.
import { setError, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { ld, st, axpy, fill, copy, gemmNTFrom } from "./kernels";

export const FX_LINEAR: i32 = 0;
export const FX_PENDULUM: i32 = 1;
export const HX_LINEAR: i32 = 0;
export const HX_RANGE_BEARING: i32 = 1;
export const HX_PENDULUM: i32 = 2;

@inline function row(base: usize, r: i32, len: i32): usize {
  return base + (<usize>(r * len) << 3);
}

/** out (rows x cols) = transpose of a[aOff ...] (cols x rows), both row-major. */
function transposeInto(a: StaticArray<f64>, aOff: i32, rows: i32, cols: i32, out: StaticArray<f64>): void {
  for (let i = 0; i < cols; i++) for (let j = 0; j < rows; j++) unchecked((out[j * cols + i] = a[aOff + i * rows + j]));
}

function checkFinite(p: StaticArray<f64>, off: i32, len: i32): bool {
  for (let i = 0; i < len; i++) {
    const v = unchecked(p[off + i]);
    if (!isFinite(v)) {
      setError(ERR_NAN_INPUT, <f64>(off + i));
      return false;
    }
  }
  return true;
}

export abstract class Process {
  n: i32;
  nu: i32;
  /** false: propagate reads only chi row 0 and the offsets U, so the filter need not form the rest */
  pointsNeeded: bool = true;

  constructor(n: i32, nu: i32) {
    this.n = n;
    this.nu = nu;
  }

  /** Y row r = f(chi row r, u) for the 2n+1 sigma points; U: their offsets; u = 0 for no input. */
  propagate(chi: usize, U: usize, Y: usize, u: usize): void {
    const n = this.n;
    for (let r = 0; r < 2 * n + 1; r++) this.f(row(chi, r, n), row(Y, r, n), u);
  }

  /** out = f(x, u) for one state. */
  abstract f(x: usize, out: usize, u: usize): void;
}

export abstract class Measurement {
  n: i32;
  m: i32;
  nu: i32;
  /** false: observe reads only chi row 0 and the offsets U */
  pointsNeeded: bool = true;

  constructor(n: i32, m: i32, nu: i32) {
    this.n = n;
    this.m = m;
    this.nu = nu;
  }

  /** Z row r = h(chi row r, u). */
  observe(chi: usize, U: usize, Z: usize, u: usize): void {
    const n = this.n, m = this.m;
    for (let r = 0; r < 2 * n + 1; r++) this.h(row(chi, r, n), row(Z, r, m), u);
  }

  abstract h(x: usize, out: usize, u: usize): void;
}

/** x' = F x + B u; F n x n, B n x nu, loadable (and replaceable) from host buffers. */
export class LinearProcess extends Process {
  /** F^T and B^T: rows of these are what the axpy loops read; F itself for the tiled U F^T */
  Ft: StaticArray<f64>;
  Fr: StaticArray<f64>;
  Bt: StaticArray<f64>;
  /** U F^T, n x n workspace */
  A: StaticArray<f64>;

  constructor(n: i32, nu: i32) {
    super(n, nu);
    this.pointsNeeded = false;
    this.Ft = new StaticArray<f64>(n * n);
    this.Fr = new StaticArray<f64>(n * n);
    this.Bt = new StaticArray<f64>(n * (nu > 0 ? nu : 1));
    this.A = new StaticArray<f64>(n * n);
  }

  setF(a: StaticArray<f64>, off: i32): void {
    transposeInto(a, off, this.n, this.n, this.Ft);
    for (let k = 0; k < this.n * this.n; k++) unchecked((this.Fr[k] = a[off + k]));
  }

  setB(a: StaticArray<f64>, off: i32): void {
    if (this.nu > 0) transposeInto(a, off, this.nu, this.n, this.Bt);
  }

  /** out = F x + B u as sum_k x_k F^T[k, :] + sum_k u_k B^T[k, :]. */
  f(x: usize, out: usize, u: usize): void {
    const n = this.n;
    const ft = changetype<usize>(this.Ft);
    fill(out, 0.0, n);
    for (let k = 0; k < n; k++) {
      const s = ld(x, k);
      if (s != 0.0) axpy(out, row(ft, k, n), s, n);
    }
    if (u != 0) {
      const bt = changetype<usize>(this.Bt);
      for (let k = 0; k < this.nu; k++) {
        const s = ld(u, k);
        if (s != 0.0) axpy(out, row(bt, k, n), s, n);
      }
    }
  }

  /** out (n x n) = F U^T: column i is F applied to the offset U_i (U upper triangular). */
  offsetsT(U: usize, out: usize): void {
    const n = this.n;
    gemmNTFrom(changetype<usize>(this.Fr), U, out, n, n, n, false, false, true);
  }

  propagate(chi: usize, U: usize, Y: usize, u: usize): void {
    const n = this.n;
    this.f(chi, Y, u);
    // A = U F^T (row i: F applied to the offset U_i), register-tiled
    const A = changetype<usize>(this.A);
    gemmNTFrom(U, changetype<usize>(this.Fr), A, n, n, n, false, true, false);
    for (let i = 0; i < n; i++) {
      const ai = row(A, i, n), p = row(Y, 1 + i, n), q = row(Y, n + 1 + i, n);
      for (let j = 0; j < n; j++) {
        const y0 = ld(Y, j), aj = ld(ai, j);
        st(p, j, y0 + aj);
        st(q, j, y0 - aj);
      }
    }
  }
}

/** z = H x + D u; H m x n, D m x nu. */
export class LinearMeasurement extends Measurement {
  Ht: StaticArray<f64>;
  Dt: StaticArray<f64>;
  /** H itself (m x n) for the tiled U H^T, and that product (n x m) */
  Hr: StaticArray<f64>;
  UH: StaticArray<f64>;

  constructor(n: i32, m: i32, nu: i32) {
    super(n, m, nu);
    this.pointsNeeded = false;
    this.Ht = new StaticArray<f64>(n * m);
    this.Dt = new StaticArray<f64>(m * (nu > 0 ? nu : 1));
    this.Hr = new StaticArray<f64>(m * n);
    this.UH = new StaticArray<f64>(n * m);
  }

  setH(a: StaticArray<f64>, off: i32): void {
    transposeInto(a, off, this.n, this.m, this.Ht);
    for (let k = 0; k < this.m * this.n; k++) unchecked((this.Hr[k] = a[off + k]));
  }

  setD(a: StaticArray<f64>, off: i32): void {
    if (this.nu > 0) transposeInto(a, off, this.nu, this.m, this.Dt);
  }

  h(x: usize, out: usize, u: usize): void {
    const n = this.n, m = this.m;
    const ht = changetype<usize>(this.Ht);
    fill(out, 0.0, m);
    for (let k = 0; k < n; k++) {
      const s = ld(x, k);
      if (s != 0.0) axpy(out, row(ht, k, m), s, m);
    }
    if (u != 0) {
      const dt = changetype<usize>(this.Dt);
      for (let k = 0; k < this.nu; k++) {
        const s = ld(u, k);
        if (s != 0.0) axpy(out, row(dt, k, m), s, m);
      }
    }
  }

  observe(chi: usize, U: usize, Z: usize, u: usize): void {
    const n = this.n, m = this.m;
    this.h(chi, Z, u);
    // UH = U H^T (row i: H applied to the offset U_i; U upper triangular), register-tiled
    const uh = changetype<usize>(this.UH);
    gemmNTFrom(U, changetype<usize>(this.Hr), uh, n, m, n, false, true, false);
    for (let i = 0; i < n; i++) {
      const a = row(Z, 1 + i, m);
      copy(a, row(uh, i, m), m);
      const b = row(Z, n + 1 + i, m);
      for (let j = 0; j < m; j++) {
        const z0 = ld(Z, j), aj = ld(a, j);
        st(a, j, z0 + aj);
        st(b, j, z0 - aj);
      }
    }
  }
}

/**
 * Damped pendulum, state [theta, omega], semi-implicit (symplectic) Euler step as in the test case
 * ukf_03_pendulum: omega1 = omega + dt (-(g/L) sin theta - c omega), theta1 = theta + dt omega1.
 * Parameters [dt, g, L, c].
 */
export class PendulumProcess extends Process {
  dt: f64;
  gL: f64;
  c: f64;

  constructor(dt: f64, g: f64, L: f64, c: f64) {
    super(2, 0);
    this.dt = dt;
    this.gL = g / L;
    this.c = c;
  }

  f(x: usize, out: usize, u: usize): void {
    const th = ld(x, 0), om = ld(x, 1);
    const om1 = om + this.dt * (-this.gL * Math.sin(th) - this.c * om);
    st(out, 0, th + this.dt * om1);
    st(out, 1, om1);
  }
}

/** Radar at the origin: z = [sqrt(px^2 + py^2), atan2(py, px)] (rad); parameters [index of px, of py]. */
export class RangeBearing extends Measurement {
  ix: i32;
  iy: i32;

  constructor(n: i32, ix: i32, iy: i32) {
    super(n, 2, 0);
    this.ix = ix;
    this.iy = iy;
  }

  h(x: usize, out: usize, u: usize): void {
    const px = ld(x, this.ix), py = ld(x, this.iy);
    st(out, 0, Math.sqrt(px * px + py * py));
    st(out, 1, Math.atan2(py, px));
  }
}

/** Horizontal bob position z = [L sin(theta)], theta = x[0]; parameter [L]. */
export class PendulumMeasurement extends Measurement {
  L: f64;

  constructor(n: i32, L: f64) {
    super(n, 1, 0);
    this.L = L;
  }

  h(x: usize, out: usize, u: usize): void {
    st(out, 0, this.L * Math.sin(ld(x, 0)));
  }
}

/** Number of parameter values a process model reads (-1: unknown kind). */
export function processParamCount(kind: i32, n: i32, nu: i32): i32 {
  if (kind == FX_LINEAR) return n * n + n * nu;
  if (kind == FX_PENDULUM) return 4;
  return -1;
}

export function measurementParamCount(kind: i32, n: i32, m: i32, nu: i32): i32 {
  if (kind == HX_LINEAR) return m * n + m * nu;
  if (kind == HX_RANGE_BEARING) return 2;
  if (kind == HX_PENDULUM) return 1;
  return -1;
}

/**
 * Builds a process model from params[off ...]. Null with ERR_NAN_INPUT (detail: index in params) for
 * a non-finite value, ERR_INVALID_INPUT (detail: index, or argPos for a wrong dimension) otherwise.
 */
export function makeProcess(kind: i32, n: i32, nu: i32, p: StaticArray<f64>, off: i32, argPos: i32): Process | null {
  const cnt = processParamCount(kind, n, nu);
  if (!checkFinite(p, off, cnt)) return null;
  if (kind == FX_LINEAR) {
    const lp = new LinearProcess(n, nu);
    lp.setF(p, off);
    lp.setB(p, off + n * n);
    return lp;
  }
  // pendulum: a 2-state model without inputs
  if (n != 2 || nu != 0) {
    setError(ERR_INVALID_INPUT, <f64>argPos);
    return null;
  }
  const L = unchecked(p[off + 2]);
  if (!(L > 0.0)) {
    setError(ERR_INVALID_INPUT, <f64>(off + 2));
    return null;
  }
  return new PendulumProcess(unchecked(p[off]), unchecked(p[off + 1]), L, unchecked(p[off + 3]));
}

export function makeMeasurement(kind: i32, n: i32, m: i32, nu: i32, p: StaticArray<f64>, off: i32, argPos: i32): Measurement | null {
  const cnt = measurementParamCount(kind, n, m, nu);
  if (!checkFinite(p, off, cnt)) return null;
  if (kind == HX_LINEAR) {
    const lm = new LinearMeasurement(n, m, nu);
    lm.setH(p, off);
    lm.setD(p, off + m * n);
    return lm;
  }
  if (kind == HX_RANGE_BEARING) {
    if (m != 2) {
      setError(ERR_INVALID_INPUT, <f64>argPos);
      return null;
    }
    for (let q = 0; q < 2; q++) {
      const v = unchecked(p[off + q]);
      if (v != Math.floor(v) || v < 0.0 || v >= <f64>n) {
        setError(ERR_INVALID_INPUT, <f64>(off + q));
        return null;
      }
    }
    return new RangeBearing(n, <i32>unchecked(p[off]), <i32>unchecked(p[off + 1]));
  }
  if (m != 1) {
    setError(ERR_INVALID_INPUT, <f64>argPos);
    return null;
  }
  return new PendulumMeasurement(n, unchecked(p[off]));
}
