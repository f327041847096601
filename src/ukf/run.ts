// Running a UKF case (shared/spec/ukf.md) with the wasm filter, and comparing the result with the
// case's reference outputs.
import { Core } from "../core/core.js";
import type { ReferenceStep, UkfCase } from "./case.js";
import { UkfCore, type UkfOptions } from "./core.js";

export interface CaseStep {
  k: number;
  x_prior: number[];
  P_prior_diag: number[];
  x_post: number[];
  P_post_diag: number[];
  y: number[];
  S: number[][];
  K: number[][];
  P_prior: number[][];
  P_post: number[][];
  /** repair flags of the step (0: nothing repaired; FLAGS in core.ts) */
  repaired: number;
}

export interface RunOptions extends UkfOptions {
  julier?: boolean;
}

const rows = (a: Float64Array, r: number, c: number): number[][] =>
  Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));

/** All steps of a case: predict, then update with measurements[k] (and inputs[k] if given). */
export function runCase(cs: UkfCase, opts: RunOptions = {}, core: Core = Core.default()): CaseStep[] {
  const uc = new UkfCore(core);
  const f = uc.create({
    dimX: cs.dimX,
    dimZ: cs.dimZ,
    dimU: cs.dimU,
    points: opts.julier ? "julier" : "merwe",
    alpha: cs.alpha,
    beta: cs.beta,
    kappa: cs.kappa,
    process: cs.process,
    measurement: cs.measurement,
    options: { sqrt: opts.sqrt, strict: opts.strict, symmetrise: opts.symmetrise },
  });
  try {
    f.set("x", cs.x0);
    f.set("P", cs.P0);
    f.set("Q", cs.Q);
    f.set("R", cs.R);
    const n = cs.dimX, m = cs.dimZ;
    const steps = f.run(cs.measurements, ["xPrior", "PPrior", "xPost", "PPost", "y", "S", "K", "flags"], cs.inputs);
    return steps.map((s, k) => {
      const Pp = s.PPrior!, Pq = s.PPost!;
      return {
        k,
        x_prior: Array.from(s.xPrior!),
        P_prior_diag: Array.from({ length: n }, (_, i) => Pp[i * n + i]!),
        x_post: Array.from(s.xPost!),
        P_post_diag: Array.from({ length: n }, (_, i) => Pq[i * n + i]!),
        y: Array.from(s.y!),
        S: rows(s.S!, m, m),
        K: rows(s.K!, n, m),
        P_prior: rows(Pp, n, n),
        P_post: rows(Pq, n, n),
        repaired: s.flags!,
      };
    });
  } finally {
    f.free();
  }
}

export interface Deviation {
  /** largest deviation, relative to the posterior standard deviation (see compareSteps) */
  max: number;
  /** where it occurred, e.g. "x_post[1] at step 12" */
  where: string;
  /** number of values compared */
  count: number;
}

/**
 * Largest deviation from the reference, each quantity made dimensionless with the reference's
 * posterior standard deviations s_i = sqrt(P_post[i][i]) of the same step (state space) and
 * t_j = sqrt(S[j][j]) (measurement space):
 *   x_prior, x_post: |dx_i| / s_i;  P entries: |dP_ij| / (s_i s_j);  y: |dy_j| / t_j;
 *   S: |dS_ij| / (t_i t_j);  K (state per measurement unit): |dK_ij| t_j / s_i.
 * A deviation of 1e-9 thus moves every estimate by 1e-9 of its own uncertainty.
 */
export function compareSteps(ours: CaseStep[], ref: ReferenceStep[]): Deviation {
  let max = -1, where = "", count = 0;
  const note = (d: number, what: string): void => {
    count++;
    const v = Number.isNaN(d) ? Infinity : d;
    if (v > max) {
      max = v;
      where = what;
    }
  };
  const N = Math.min(ours.length, ref.length);
  for (let k = 0; k < N; k++) {
    const a = ours[k]!, r = ref[k]!;
    const s = r.P_post_diag.map((p) => Math.sqrt(Math.abs(p)) || 1);
    const t = r.S.map((row, j) => Math.sqrt(Math.abs(row[j]!)) || 1);
    const at = (q: string, idx: string): string => `${q}${idx} at step ${k}`;
    const vec = (q: string, x: number[], y: number[], scale: number[]): void =>
      x.forEach((v, i) => note(Math.abs(v - y[i]!) / scale[i]!, at(q, `[${i}]`)));
    vec("x_prior", a.x_prior, r.x_prior, s);
    vec("x_post", a.x_post, r.x_post, s);
    vec("P_prior_diag", a.P_prior_diag, r.P_prior_diag, s.map((v) => v * v));
    vec("P_post_diag", a.P_post_diag, r.P_post_diag, s.map((v) => v * v));
    vec("y", a.y, r.y, t);
    const mat = (q: string, x: number[][], y: number[][], rs: number[], cs: number[], mul = false): void =>
      x.forEach((row, i) =>
        row.forEach((v, j) => {
          const scale = mul ? rs[i]! / cs[j]! : rs[i]! * cs[j]!;
          note(Math.abs(v - y[i]![j]!) / scale, at(q, `[${i}][${j}]`));
        }),
      );
    mat("S", a.S, r.S, t, t);
    if (r.K) mat("K", a.K, r.K, s, t, true);
    if (r.P_prior) mat("P_prior", a.P_prior, r.P_prior, s, s);
    if (r.P_post) mat("P_post", a.P_post, r.P_post, s, s);
  }
  return { max, where, count };
}
