// Campbell diagram: modes over a list of speeds, each column one physical mode followed by the shape
// of its mode, and the critical speeds where a mode's damped frequency meets the 1X line wd = Ω.
//
// Tracking (why not sort by frequency): where a backward branch crosses a forward branch the
// frequency order swaps, and sorted columns would jump from one physical mode to the other. Instead
// the modes at speed s+1 are matched to those at speed s by the modal assurance criterion on the
// complex shapes, MAC(a, b) = |aᴴb|² / ((aᴴa)(bᴴb)) (Allemang & Brown 1982, Proc. 1st IMAC, 110;
// Allemang 2003, Sound and Vibration 37(8):14 for complex vectors), with the assignment maximising
// the total MAC found by the Hungarian method (Kuhn 1955, Naval Res. Logist. Q. 2:83; Munkres 1957,
// J. SIAM 5(1):32; shortest-augmenting-path form with potentials, Jonker & Volgenant 1987,
// Computing 38:325). The optimal assignment is used rather than a greedy one so that two modes with
// similar shapes near a crossing cannot both claim the same successor.
import { RotorModel } from "./model";
import { ModalResult, mac } from "./modal-result";
import { modalAnalysis } from "./modal";

/** Modes computed beyond the requested ones at each speed, so a tracked mode that drops below or
 * rises above a neighbour still has a candidate to match. */
export const CAMPBELL_EXTRA_MODES: i32 = 4;
/**
 * A match with MAC below this is no match: the tracked mode has left the computed window and its
 * column is NaN at that speed (its last shape is kept, so it is found again if it returns). A planar
 * mode against a circular one of the same family has MAC 0.5 (isotropic supports at speed 0 split
 * into forward and backward circular modes), which must still match.
 */
export const MAC_MIN: f64 = 0.3;

/**
 * Minimum-cost assignment of an N x N cost matrix (row-major): returns col[row]. Hungarian method in
 * the O(N³) shortest-augmenting-path form with row and column potentials.
 */
export function assign(cost: StaticArray<f64>, N: i32): StaticArray<i32> {
  const INF = Infinity;
  const u = new StaticArray<f64>(N + 1);
  const v = new StaticArray<f64>(N + 1);
  const p = new StaticArray<i32>(N + 1); // p[j]: row matched to column j (1-based, 0 = none)
  const way = new StaticArray<i32>(N + 1);
  const minv = new StaticArray<f64>(N + 1);
  const used = new StaticArray<bool>(N + 1);
  for (let i = 1; i <= N; i++) {
    unchecked((p[0] = i));
    let j0 = 0;
    for (let j = 0; j <= N; j++) {
      unchecked((minv[j] = INF));
      unchecked((used[j] = false));
    }
    do {
      unchecked((used[j0] = true));
      const i0 = unchecked(p[j0]);
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= N; j++) {
        if (unchecked(used[j])) continue;
        const cur = unchecked(cost[(i0 - 1) * N + (j - 1)]) - unchecked(u[i0]) - unchecked(v[j]);
        if (cur < unchecked(minv[j])) {
          unchecked((minv[j] = cur));
          unchecked((way[j] = j0));
        }
        if (unchecked(minv[j]) < delta) {
          delta = unchecked(minv[j]);
          j1 = j;
        }
      }
      for (let j = 0; j <= N; j++) {
        if (unchecked(used[j])) {
          const r = unchecked(p[j]);
          unchecked((u[r] = u[r] + delta));
          unchecked((v[j] = v[j] - delta));
        } else {
          unchecked((minv[j] = minv[j] - delta));
        }
      }
      j0 = j1;
    } while (unchecked(p[j0]) != 0);
    do {
      const j1 = unchecked(way[j0]);
      unchecked((p[j0] = p[j1]));
      j0 = j1;
    } while (j0 != 0);
  }
  const col = new StaticArray<i32>(N);
  for (let j = 1; j <= N; j++) if (unchecked(p[j]) > 0) unchecked((col[p[j] - 1] = j - 1));
  return col;
}

export class CampbellResult {
  nSpeeds: i32;
  nModes: i32;
  /** speed-major: value of tracked mode j at speed s is at s * nModes + j; NaN where absent */
  wn: StaticArray<f64>;
  wd: StaticArray<f64>;
  logdec: StaticArray<f64>;
  whirl: StaticArray<f64>;
  /** critical speeds in increasing speed (ties: increasing mode) */
  critMode: Array<i32> = new Array<i32>();
  critSpeed: Array<f64> = new Array<f64>();

  constructor(nSpeeds: i32, nModes: i32) {
    this.nSpeeds = nSpeeds;
    this.nModes = nModes;
    const m = nSpeeds * nModes;
    this.wn = new StaticArray<f64>(m);
    this.wd = new StaticArray<f64>(m);
    this.logdec = new StaticArray<f64>(m);
    this.whirl = new StaticArray<f64>(m);
    for (let k = 0; k < m; k++) {
      unchecked((this.wn[k] = NaN));
      unchecked((this.wd[k] = NaN));
      unchecked((this.logdec[k] = NaN));
      unchecked((this.whirl[k] = NaN));
    }
  }

  set(s: i32, j: i32, res: ModalResult, m: i32): void {
    const k = s * this.nModes + j;
    unchecked((this.wn[k] = res.wn[m]));
    unchecked((this.wd[k] = res.wd[m]));
    unchecked((this.logdec[k] = res.logdec[m]));
    unchecked((this.whirl[k] = res.whirl[m]));
  }

  /**
   * Crossings of each tracked wd(Ω) with wd = Ω between consecutive speeds where the mode is present,
   * by linear interpolation of f = wd - Ω: Ω* = Ω_k + f_k (Ω_{k+1} - Ω_k) / (f_k - f_{k+1}).
   * A sample with f = 0 exactly is a crossing at that sample (counted once).
   */
  findCriticalSpeeds(speeds: StaticArray<f64>): void {
    const ns = this.nSpeeds, nm = this.nModes;
    for (let j = 0; j < nm; j++) {
      for (let s = 0; s < ns; s++) {
        const w0 = unchecked(this.wd[s * nm + j]);
        if (isNaN(w0)) continue;
        const f0 = w0 - unchecked(speeds[s]);
        if (f0 == 0.0) {
          this.addCritical(j, unchecked(speeds[s]));
          continue;
        }
        if (s + 1 >= ns) continue;
        const w1 = unchecked(this.wd[(s + 1) * nm + j]);
        if (isNaN(w1)) continue;
        const f1 = w1 - unchecked(speeds[s + 1]);
        if (f1 != 0.0 && (f0 < 0.0) != (f1 < 0.0)) {
          const s0 = unchecked(speeds[s]), s1 = unchecked(speeds[s + 1]);
          this.addCritical(j, s0 + (f0 * (s1 - s0)) / (f0 - f1));
        }
      }
    }
  }

  private addCritical(mode: i32, speed: f64): void {
    // insertion keeps (speed, mode) order; modes arrive in increasing order
    let pos = this.critSpeed.length;
    this.critSpeed.push(speed);
    this.critMode.push(mode);
    while (pos > 0 && this.critSpeed[pos - 1] > speed) {
      this.critSpeed[pos] = this.critSpeed[pos - 1];
      this.critMode[pos] = this.critMode[pos - 1];
      pos--;
    }
    this.critSpeed[pos] = speed;
    this.critMode[pos] = mode;
  }
}

/**
 * Tracked modal analysis over `speeds` (in the given order). The columns are the first `nModes`
 * modes (by wd) at the first speed; at each next speed the nModes + CAMPBELL_EXTRA_MODES lowest modes
 * are candidates, assigned to the columns by maximum total MAC against each column's most recent
 * shape. Null (error set) if a modal analysis fails.
 */
export function campbell(model: RotorModel, speeds: StaticArray<f64>, nModes: i32, solver: i32): CampbellResult | null {
  const ns = speeds.length;
  const out = new CampbellResult(ns, nModes);
  const refRe = new StaticArray<StaticArray<f64> | null>(nModes);
  const refIm = new StaticArray<StaticArray<f64> | null>(nModes);
  const nCand = nModes + CAMPBELL_EXTRA_MODES;
  for (let s = 0; s < ns; s++) {
    const res = modalAnalysis(model, unchecked(speeds[s]), nCand, solver);
    if (res === null) return null;
    if (s == 0) {
      const m = res.count < nModes ? res.count : nModes;
      for (let j = 0; j < m; j++) {
        out.set(0, j, res, j);
        unchecked((refRe[j] = res.shapeRe[j]));
        unchecked((refIm[j] = res.shapeIm[j]));
      }
      continue;
    }
    // cost = 1 - MAC on a square N x N matrix; padding rows/columns cost 1 (MAC 0: no match)
    const N = nModes > res.count ? nModes : res.count;
    const cost = new StaticArray<f64>(N * N);
    for (let k = 0; k < N * N; k++) unchecked((cost[k] = 1.0));
    for (let j = 0; j < nModes; j++) {
      const rr = unchecked(refRe[j]), ri = unchecked(refIm[j]);
      if (rr === null || ri === null) continue;
      for (let c = 0; c < res.count; c++) {
        unchecked((cost[j * N + c] = 1.0 - mac(rr, ri, unchecked(res.shapeRe[c]), unchecked(res.shapeIm[c]))));
      }
    }
    const col = assign(cost, N);
    for (let j = 0; j < nModes; j++) {
      const c = unchecked(col[j]);
      if (c >= res.count) continue;
      if (1.0 - unchecked(cost[j * N + c]) < MAC_MIN) continue;
      out.set(s, j, res, c);
      unchecked((refRe[j] = res.shapeRe[c]));
      unchecked((refIm[j] = res.shapeIm[c]));
    }
  }
  out.findCriticalSpeeds(speeds);
  return out;
}
