// Running a UKF case (shared/spec/ukf.md) as one job of the core (jobUkfRun, assembly/ABI.md), and
// comparing the result with the case's reference outputs.
import { Core } from "../core/core.js";
import { runJob } from "../core/job.js";
import type { ReferenceStep, UkfCase } from "./case.js";
import { UkfStepError, type UkfOptions } from "./core.js";

/** One step of a run with every matrix the core returns. */
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
  /** posterior standard deviations √(P_post)_ii, computed by the core */
  std_post: number[];
}

/** Options of runCase: the filter's options and Julier sigma points. */
export interface RunOptions extends UkfOptions {
  julier?: boolean;
}

/** Codes of the request (ABI.md, "jobUkfRun"). */
const FX_KIND = { linear: 0, pendulum: 1 } as const;
const HX_KIND = { linear: 0, range_bearing: 1, pendulum: 2 } as const;

/** Values of the request before the model parameters, and of the result before the first record. */
export const UKF_REQUEST_HEADER = 12;
export const UKF_RESULT_HEADER = 10;

const zeros = (r: number, c: number): number[][] => Array.from({ length: r }, () => new Array<number>(c).fill(0));

/** Where each part of a jobUkfRun request starts (to locate a failure the core reports by index). */
export interface UkfRequestLayout {
  params: number;
  x0: number;
  P0: number;
  Q: number;
  R: number;
  measurements: number;
  inputs: number;
  end: number;
}

/** The request of jobUkfRun for a case. */
export function ukfRequest(cs: UkfCase, opts: RunOptions = {}): { req: Float64Array; layout: UkfRequestLayout } {
  const n = cs.dimX, m = cs.dimZ, nu = cs.dimU;
  const params: number[] = [];
  const p = cs.process;
  if (p.kind === "linear") params.push(...p.F.flat(), ...(nu > 0 ? (p.B ?? zeros(n, nu)).flat() : []));
  else params.push(p.dt, p.g, p.L, p.c);
  const h = cs.measurement;
  if (h.kind === "linear") params.push(...h.H.flat(), ...(nu > 0 ? (h.D ?? zeros(m, nu)).flat() : []));
  else if (h.kind === "range_bearing") params.push(h.px, h.py);
  else params.push(h.L);
  const options = (opts.sqrt ? 1 : 0) | (opts.strict ? 2 : 0) | (opts.symmetrise ? 4 : 0);
  const N = cs.measurements.length;
  const head = [1, n, m, nu, opts.julier ? 1 : 0, cs.alpha, cs.beta, cs.kappa, FX_KIND[p.kind], HX_KIND[h.kind], options, N];
  const parts: number[][] = [head, params, cs.x0, cs.P0.flat(), cs.Q.flat(), cs.R.flat(), cs.measurements.flat(), nu > 0 ? cs.inputs!.flat() : []];
  const starts: number[] = [];
  let size = 0;
  for (const part of parts) {
    starts.push(size);
    size += part.length;
  }
  const req = new Float64Array(size);
  parts.forEach((part, i) => req.set(part, starts[i]!));
  const [, params0, x0, P0, Q, R, measurements, inputs] = starts as [number, number, number, number, number, number, number, number];
  return { req, layout: { params: params0, x0, P0, Q, R, measurements, inputs, end: size } };
}

/** Values of one step record (ABI.md): x⁻, diag P⁻, P⁻, x⁺, diag P⁺, P⁺, y, S, K, flags, std⁺. */
export function recordSize(n: number, m: number): number {
  return 5 * n + 2 * n * n + m + m * m + n * m + 1;
}

const rows = (a: Float64Array, r: number, c: number): number[][] =>
  Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));

/** The steps of a jobUkfRun result; a failed step is thrown as UkfStepError (with its stage). */
export function decodeUkfRun(v: Float64Array): CaseStep[] {
  if (v[0] !== 1) throw new Error(`jobUkfRun result version ${v[0]}, expected 1`);
  const n = v[2]!, m = v[3]!, status = v[4]!, done = v[5]!;
  const rec = recordSize(n, m);
  const steps: CaseStep[] = [];
  for (let k = 0; k < done; k++) {
    let o = UKF_RESULT_HEADER + k * rec;
    const take = (len: number): Float64Array => {
      const a = v.subarray(o, o + len);
      o += len;
      return a;
    };
    const x_prior = Array.from(take(n)), P_prior_diag = Array.from(take(n)), P_prior = rows(take(n * n), n, n);
    const x_post = Array.from(take(n)), P_post_diag = Array.from(take(n)), P_post = rows(take(n * n), n, n);
    const y = Array.from(take(m)), S = rows(take(m * m), m, m), K = rows(take(n * m), n, m);
    const repaired = take(1)[0]!;
    const std_post = Array.from(take(n));
    steps.push({ k, x_prior, P_prior_diag, x_post, P_post_diag, y, S, K, P_prior, P_post, repaired, std_post });
  }
  if (status !== 0) throw new UkfStepError(v[7]!, v[6]!, status, v[8]!, "jobUkfRun");
  return steps;
}

/** All steps of a case in one job: predict, then update with measurements[k] (and inputs[k] if given). */
export function runCase(cs: UkfCase, opts: RunOptions = {}, core: Core = Core.default()): CaseStep[] {
  return decodeUkfRun(runJob(core, "jobUkfRun", ukfRequest(cs, opts).req));
}

/** The largest deviation of a run from its reference (compareSteps). */
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
