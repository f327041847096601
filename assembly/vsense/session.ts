// An incremental virtual sensor (ABI.md, "Virtual sensing", sessions): the reduced model and the
// unscented Kalman filter are built once; each block of measured samples steps the filter and gives
// the estimates of that block. Sample k of the session (counted over all blocks from 0) is at
// t_k = (n0 + k)/fs, n0 the index of the first sample from the time origin of the unbalance phase;
// its input is u_k = [cos Ωt_k, sin Ωt_k], and it is processed as predict(u_k), update(z_k, u_k) —
// the step of `ukfRun`. Nothing depends on how the samples are split into blocks: the same samples
// give the same bits in one block or in many (tested), and the batch job `jobVirtualSensing` runs its
// filter through this same code.
//
// UKF settings: Merwe points α = 1, β = 0, κ = 0 (for this linear model the UKF equals the Kalman
// filter), P symmetrised after every update (ukf option 4), x0 = 0, P0, Q from filter-model.ts, R
// diagonal as given.
import { setError, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { Ukf, OPT_SYMMETRISE } from "../ukf/filter";
import { buildUkf } from "../ukf/registry";
import { POINTS_MERWE } from "../ukf/sigma";
import { FX_LINEAR, HX_LINEAR } from "../ukf/models";
import { FilterModel } from "./filter-model";
import { DofList } from "./request";

export class VsSession {
  fm: FilterModel;
  ukf: Ukf;
  m: i32;
  e: i32;
  fs: f64;
  speed: f64;
  n0: f64;
  /** samples processed so far */
  count: f64 = 0.0;
  R: StaticArray<f64>;
  failed: bool = false;
  /** the places measured and estimated (set by the request reader, for vsSessionDescribe) */
  sensors: DofList | null = null;
  estimates: DofList | null = null;
  private u: StaticArray<f64> = new StaticArray<f64>(2);

  constructor(fm: FilterModel, ukf: Ukf, R: StaticArray<f64>, fs: f64, n0: f64) {
    this.fm = fm;
    this.ukf = ukf;
    this.m = fm.H.rows;
    this.e = fm.out.rows;
    this.R = R;
    this.fs = fs;
    this.speed = fm.speed;
    this.n0 = n0;
  }

  /** The filter on `fm` with measurement variances R (m values ≥ 0); null with the UKF's error. */
  static create(fm: FilterModel, R: StaticArray<f64>, fs: f64, n0: f64): VsSession | null {
    const nx = 2 * fm.k, m = fm.H.rows;
    const params = new StaticArray<f64>(nx * nx + nx * 2 + m * nx + m * 2);
    let o = 0;
    for (let i = 0; i < nx * nx; i++) unchecked((params[o++] = fm.F.data[i]));
    for (let i = 0; i < nx * 2; i++) unchecked((params[o++] = fm.B.data[i]));
    for (let i = 0; i < m * nx; i++) unchecked((params[o++] = fm.H.data[i]));
    for (let i = 0; i < m * 2; i++) unchecked((params[o++] = fm.D.data[i]));
    const ukf = buildUkf(nx, m, 2, POINTS_MERWE, 1.0, 0.0, 0.0, FX_LINEAR, HX_LINEAR, params, OPT_SYMMETRISE);
    if (ukf === null) return null;
    const P = new StaticArray<f64>(nx * nx);
    for (let i = 0; i < nx; i++) unchecked((P[i * nx + i] = fm.P0[i]));
    if (!ukf.setP(P)) return null;
    const Qc = new StaticArray<f64>(nx * nx);
    for (let i = 0; i < nx * nx; i++) unchecked((Qc[i] = fm.Q.data[i]));
    if (!ukf.setQ(Qc)) return null;
    const Rm = new StaticArray<f64>(m * m);
    for (let i = 0; i < m; i++) unchecked((Rm[i * m + i] = R[i]));
    if (!ukf.setR(Rm)) return null;
    return new VsSession(fm, ukf, R, fs, n0);
  }

  /** The input [cos Ωt, sin Ωt] of the last sample stepped or predicted. */
  get input(): StaticArray<f64> {
    return this.u;
  }

  /**
   * One sample z[zOff …] (m values, finite: the caller checks) through predict and update, as `step`
   * does it; false with the filter's error (the session is then unusable).
   */
  stepSample(z: StaticArray<f64>, zOff: i32): bool {
    return this.sample(changetype<usize>(z) + (<usize>zOff << 3));
  }

  /** A sample with no measurement (lost in transit): predict only, so time and state move on. */
  predictSample(): bool {
    // predict leaves the prior as the state estimate (x ← x⁻, P ← P⁻)
    return this.sample(0);
  }

  /** The next sample: predict(u_k), then update(z, u_k) unless z is 0 (no measurement). */
  private sample(z: usize): bool {
    if (this.failed) return false;
    const f = this.ukf, k = this.count;
    const th = this.speed * this.time(k);
    unchecked((this.u[0] = Math.cos(th)));
    unchecked((this.u[1] = Math.sin(th)));
    f.stepLabel = k < 2147483647.0 ? <i32>k : 2147483647;
    const up = changetype<usize>(this.u);
    const ok = f.predict(up) && (z == 0 || f.update(z, up));
    f.stepLabel = -1;
    if (!ok) {
      this.failed = true;
      return false;
    }
    this.count = k + 1.0;
    return true;
  }

  /** Values of the filter state (checkpoints): count, n0, failed, steps, updates, repairs, x, P. */
  stateSize(): i32 {
    const nx = 2 * this.fm.k;
    return 6 + nx + nx * nx;
  }

  save(b: StaticArray<f64>, o: i32): i32 {
    const f = this.ukf;
    b[o++] = this.count;
    b[o++] = this.n0;
    b[o++] = this.failed ? 1.0 : 0.0;
    b[o++] = <f64>f.steps;
    b[o++] = <f64>f.updates;
    b[o++] = <f64>f.repairs;
    for (let i = 0; i < f.x.length; i++) b[o++] = f.x[i];
    for (let i = 0; i < f.P.length; i++) b[o++] = f.P[i];
    return o;
  }

  load(b: StaticArray<f64>, o: i32): i32 {
    const f = this.ukf;
    this.count = b[o++];
    this.n0 = b[o++];
    this.failed = b[o++] != 0.0;
    f.steps = <i32>b[o++];
    f.updates = <i32>b[o++];
    f.repairs = <i32>b[o++];
    for (let i = 0; i < f.x.length; i++) f.x[i] = b[o++];
    for (let i = 0; i < f.P.length; i++) f.P[i] = b[o++];
    return o;
  }

  /** Time of session sample k (0-based over all blocks), s. */
  @inline time(k: f64): f64 {
    return (this.n0 + k) / this.fs;
  }

  /**
   * Steps the filter over nSamples samples z[zOff + s·m + j] (sample s, sensor j) and writes the
   * estimates to out[outOff + s·e + i]. False with the error set: code 5 (detail: zOff-relative index
   * + errBase) for a non-finite sample (nothing is processed then), or the filter's error (detail:
   * the session's sample index); after a filter failure the session is unusable.
   */
  step(z: StaticArray<f64>, zOff: i32, nSamples: i32, out: StaticArray<f64>, outOff: i32, errBase: i32): bool {
    if (this.failed) {
      setError(ERR_INVALID_INPUT, -1.0);
      return false;
    }
    const m = this.m, e = this.e, nx = 2 * this.fm.k;
    for (let i = 0; i < nSamples * m; i++) {
      if (!isFinite(unchecked(z[zOff + i]))) {
        setError(ERR_NAN_INPUT, <f64>(errBase + i));
        return false;
      }
    }
    const f = this.ukf;
    const up = changetype<usize>(this.u);
    const zp = changetype<usize>(z) + (<usize>zOff << 3);
    const x = f.x, om = this.fm.out.data;
    for (let s = 0; s < nSamples; s++) {
      const k = this.count;
      const th = this.speed * this.time(k);
      unchecked((this.u[0] = Math.cos(th)));
      unchecked((this.u[1] = Math.sin(th)));
      f.stepLabel = k < 2147483647.0 ? <i32>k : 2147483647;
      if (!f.predict(up) || !f.update(zp + (<usize>(s * m) << 3), up)) {
        f.stepLabel = -1;
        this.failed = true;
        return false;
      }
      for (let i = 0; i < e; i++) {
        let t = 0.0;
        for (let j = 0; j < nx; j++) t += unchecked(om[i * nx + j]) * unchecked(x[j]);
        unchecked((out[outOff + s * e + i] = t));
      }
      this.count = k + 1.0;
    }
    f.stepLabel = -1;
    return true;
  }
}

// ---- registry of sessions held by the host --------------------------------------------------

const sessions = new Map<i32, VsSession>();
let nextHandle: i32 = 1;

export function registerSession(s: VsSession): i32 {
  const h = nextHandle++;
  sessions.set(h, s);
  return h;
}

export function getSession(h: i32): VsSession | null {
  if (!sessions.has(h)) return null;
  return sessions.get(h);
}

export function freeSession(h: i32): void {
  if (sessions.has(h)) sessions.delete(h);
}
