// Reporting of damped complex modes of M q'' + D q' + K q = 0 (D = C + Ω G): which roots count as
// modes, how they are sorted, and the whirl direction of each mode's orbit. Both eigensolvers
// (modal-dense.ts, modal-shift.ts) hand their raw roots to `ModalResult.fromRoots`.

/** Roots with |λ| below this (rad/s) are rigid-body modes (DESIGN.md, "Rotor model JSON"). */
export const RIGID_BODY_LIMIT: f64 = 0.1;
/** Roots with damping ratio ζ at or above this are overdamped and not reported. */
export const OVERDAMPED_ZETA: f64 = 0.9;
/**
 * A node whose orbit is smaller than this fraction of the largest orbit of the mode does not vote on
 * the whirl direction: its ellipse is rounding noise.
 */
export const WHIRL_NODE_FLOOR: f64 = 1e-3;
/**
 * |κ| (signed minor/major axis ratio) below this is a straight-line orbit with no rotation sense;
 * the same threshold as ROSS (petrobras/ross, ross/results.py, `whirl`).
 */
export const WHIRL_KAPPA_TOL: f64 = 1e-3;

export const WHIRL_FORWARD: f64 = 1.0;
export const WHIRL_BACKWARD: f64 = -1.0;
export const WHIRL_MIXED: f64 = 0.0;

/** Raw eigenpairs λ, φ (φ: displacement part, length ndof) collected by a solver, unfiltered. */
export class Roots {
  ndof: i32;
  count: i32 = 0;
  lamRe: Array<f64> = new Array<f64>();
  lamIm: Array<f64> = new Array<f64>();
  vecRe: Array<StaticArray<f64>> = new Array<StaticArray<f64>>();
  vecIm: Array<StaticArray<f64>> = new Array<StaticArray<f64>>();

  constructor(ndof: i32) {
    this.ndof = ndof;
  }

  push(lr: f64, li: f64, vr: StaticArray<f64>, vi: StaticArray<f64>): void {
    this.lamRe.push(lr);
    this.lamIm.push(li);
    this.vecRe.push(vr);
    this.vecIm.push(vi);
    this.count++;
  }
}

/** Modes at one speed, sorted by damped natural frequency, with their complex shapes. */
export class ModalResult {
  count: i32;
  ndof: i32;
  lamRe: StaticArray<f64>;
  lamIm: StaticArray<f64>;
  /** |λ| (rad/s) */
  wn: StaticArray<f64>;
  /** |Im λ| (rad/s) */
  wd: StaticArray<f64>;
  /** -Re λ / |λ| */
  zeta: StaticArray<f64>;
  /** 2π ζ / sqrt(1 - ζ²) */
  logdec: StaticArray<f64>;
  /** WHIRL_FORWARD, WHIRL_BACKWARD or WHIRL_MIXED */
  whirl: StaticArray<f64>;
  /** mode j's shape: shapeRe[j][k] + i shapeIm[j][k], k over all DOF */
  shapeRe: StaticArray<StaticArray<f64>>;
  shapeIm: StaticArray<StaticArray<f64>>;

  constructor(count: i32, ndof: i32) {
    this.count = count;
    this.ndof = ndof;
    this.lamRe = new StaticArray<f64>(count);
    this.lamIm = new StaticArray<f64>(count);
    this.wn = new StaticArray<f64>(count);
    this.wd = new StaticArray<f64>(count);
    this.zeta = new StaticArray<f64>(count);
    this.logdec = new StaticArray<f64>(count);
    this.whirl = new StaticArray<f64>(count);
    this.shapeRe = new StaticArray<StaticArray<f64>>(count);
    this.shapeIm = new StaticArray<StaticArray<f64>>(count);
  }

  /**
   * Keeps roots with Im λ > 0, |λ| >= RIGID_BODY_LIMIT and ζ < OVERDAMPED_ZETA (the reporting rule of
   * ROSS and of spec/rotor.md), sorts them by wd (ties by |λ|, then by solver order: a stable
   * insertion sort, so the result does not depend on anything but the roots), keeps the first
   * `nModes`, and classifies each mode's whirl from the orbits of the first `nNodes` shaft nodes.
   */
  static fromRoots(roots: Roots, nModes: i32, nNodes: i32): ModalResult {
    const keep = new Array<i32>();
    for (let i = 0; i < roots.count; i++) {
      const lr = roots.lamRe[i], li = roots.lamIm[i];
      if (!(li > 0.0)) continue;
      const w = Math.hypot(lr, li);
      if (w < RIGID_BODY_LIMIT) continue;
      if (-lr / w >= OVERDAMPED_ZETA) continue;
      // insertion keeps `keep` sorted by (wd, wn); equal keys stay in solver order
      let pos = keep.length;
      keep.push(i);
      while (pos > 0) {
        const j = keep[pos - 1];
        const wj = roots.lamIm[j];
        if (wj > li || (wj == li && Math.hypot(roots.lamRe[j], wj) > w)) {
          keep[pos] = j;
          pos--;
        } else break;
      }
      keep[pos] = i;
    }
    const count = keep.length < nModes ? keep.length : nModes;
    const r = new ModalResult(count, roots.ndof);
    for (let m = 0; m < count; m++) {
      const i = keep[m];
      const lr = roots.lamRe[i], li = roots.lamIm[i];
      const w = Math.hypot(lr, li);
      const z = -lr / w;
      unchecked((r.lamRe[m] = lr));
      unchecked((r.lamIm[m] = li));
      unchecked((r.wn[m] = w));
      unchecked((r.wd[m] = li));
      unchecked((r.zeta[m] = z));
      unchecked((r.logdec[m] = (2.0 * Math.PI * z) / Math.sqrt(1.0 - z * z)));
      const vr = roots.vecRe[i], vi = roots.vecIm[i];
      unchecked((r.shapeRe[m] = vr));
      unchecked((r.shapeIm[m] = vi));
      unchecked((r.whirl[m] = whirlDirection(vr, vi, nNodes)));
    }
    return r;
  }
}

/**
 * Whirl of a mode from the orbits of its shaft nodes. At node i the motion is
 * x = Re(a e^{iωt}), y = Re(b e^{iωt}) (a, b the complex x and y amplitudes). Split into circular
 * components (Lee 1993, "Vibration Analysis of Rotors", §2.2): [x; y] = Re((f [1; -i] + g [1; i]) e^{iωt})
 * with f = (a + i b)/2 turning from +x towards +y (forward: the sense of the shaft rotation, as in
 * ROSS, whose kappa is negative when 0 < arg b - arg a < π) and g = (a - i b)/2 turning backward.
 * κ = (|f| - |g|) / (|f| + |g|) is ROSS's signed minor/major axis ratio. Forward if every voting node
 * has κ >= -tol (this includes all-planar modes), else backward if every one has κ <= tol, else mixed
 * (ROSS `whirl`).
 */
export function whirlDirection(vr: StaticArray<f64>, vi: StaticArray<f64>, nNodes: i32): f64 {
  let amax = 0.0;
  for (let i = 0; i < nNodes; i++) {
    const o = 4 * i;
    const s = Math.sqrt(
      unchecked(vr[o] * vr[o] + vi[o] * vi[o] + vr[o + 1] * vr[o + 1] + vi[o + 1] * vi[o + 1]),
    );
    if (s > amax) amax = s;
  }
  let allFwd = true, allBwd = true;
  for (let i = 0; i < nNodes; i++) {
    const o = 4 * i;
    const ar = unchecked(vr[o]), ai = unchecked(vi[o]);
    const br = unchecked(vr[o + 1]), bi = unchecked(vi[o + 1]);
    if (Math.sqrt(ar * ar + ai * ai + br * br + bi * bi) <= WHIRL_NODE_FLOOR * amax) continue;
    // f = (a + i b)/2, g = (a - i b)/2 (the factor 1/2 cancels in κ)
    const f = Math.hypot(ar - bi, ai + br);
    const g = Math.hypot(ar + bi, ai - br);
    const kappa = (f - g) / (f + g);
    if (kappa < -WHIRL_KAPPA_TOL) allFwd = false;
    if (kappa > WHIRL_KAPPA_TOL) allBwd = false;
  }
  // a mode whose orbits are all straight lines passes both tests: ROSS calls it forward, so do we
  if (allFwd) return WHIRL_FORWARD;
  if (allBwd) return WHIRL_BACKWARD;
  return WHIRL_MIXED;
}

/** Modal assurance criterion (Allemang & Brown 1982) of two complex vectors given as planes. */
export function mac(ar: StaticArray<f64>, ai: StaticArray<f64>, br: StaticArray<f64>, bi: StaticArray<f64>): f64 {
  let sr = 0.0, si = 0.0, na = 0.0, nb = 0.0;
  const n = ar.length;
  for (let k = 0; k < n; k++) {
    const a = unchecked(ar[k]), b = unchecked(ai[k]), c = unchecked(br[k]), d = unchecked(bi[k]);
    // conj(a + ib)(c + id)
    sr += a * c + b * d;
    si += a * d - b * c;
    na += a * a + b * b;
    nb += c * c + d * d;
  }
  if (na == 0.0 || nb == 0.0) return 0.0;
  return (sr * sr + si * si) / (na * nb);
}
