// `runUkf`: a UKF case (shared/spec/ukf.md) from a file or given in code, run as one job of the core
// (jobUkfRun) and, on request, compared with the case's FilterPy reference. What `twin ukf run` does,
// without the printing.
import { ArgumentError, InputError, NumericalError, formatLocation } from "../errors.js";
import { CoreError, type Core } from "../core/core.js";
import { defaultCore, requireFinite } from "../core/default.js";
import { runJob } from "../core/job.js";
import { loadUkfCase, readReference, type UkfCase, validateUkfCase } from "./case.js";
import { UkfStepError } from "./core.js";
import { compareSteps, decodeUkfRun, ukfRequest, type UkfRequestLayout } from "./run.js";

/** Tolerance of the reference check: largest deviation relative to the posterior standard deviation. */
export const UKF_CHECK_TOLERANCE = 1e-9;

/** Options of runUkf (all default false). */
export interface RunUkfOptions {
  /** compare with the case's `filterpy_outputs` (not with `julier`) */
  check?: boolean;
  /** square-root UKF (Van der Merwe & Wan 2001) */
  sqrt?: boolean;
  /** Julier & Uhlmann (1997) sigma points with the case's kappa */
  julier?: boolean;
  /** no repair: a covariance that is not positive definite is an error (as FilterPy) */
  strict?: boolean;
  /** P <- (P + P^T)/2 after every update */
  symmetrize?: boolean;
  /** the core to run on (default: the package's build/core.wasm) */
  core?: Core;
}

/** One filter step as `twin ukf run --json` prints it. */
export interface UkfStepResult {
  k: number;
  x_prior: number[];
  P_prior_diag: number[];
  x_post: number[];
  P_post_diag: number[];
  y: number[];
  S: number[][];
  /** repair flags when a covariance had to be repaired at this step (absent: nothing repaired) */
  repaired?: number;
  /** posterior standard deviations √(P_post)_ii, computed by the core (not in the command's JSON) */
  std_post: number[];
}

/** The reference comparison of runUkf with `check: true`. */
export interface UkfCheckResult {
  /** largest deviation relative to the posterior standard deviation */
  max_deviation: number;
  /** where it occurred, e.g. "x_post[1] at step 12" */
  where: string;
  /** number of values compared */
  values: number;
  tolerance: number;
  /** max_deviation <= tolerance */
  ok: boolean;
}

/** What runUkf returns (`twin ukf run --json` prints it without `std_post`). */
export interface RunUkfResult {
  steps: UkfStepResult[];
  check?: UkfCheckResult;
}

/**
 * A job failure (the core refused a value of the request) named by the case's JSON path. The case was
 * validated before, so these are the faults only the core can see: a P0 that cannot be factored or
 * repaired, a Q or R without a square root (square-root form).
 */
function located(e: unknown, cs: UkfCase, layout: UkfRequestLayout, file: string | undefined): never {
  if (!(e instanceof CoreError) || e instanceof UkfStepError) throw e;
  const i = e.detail;
  const path = (base: number, cols: number, name: string): string => {
    const k = i - base;
    return cols > 0 ? `${name}[${Math.floor(k / cols)}][${k % cols}]` : name;
  };
  let where: string | undefined;
  if (i >= layout.inputs && i < layout.end) where = path(layout.inputs, cs.dimU, "inputs");
  else if (i >= layout.measurements) where = path(layout.measurements, cs.dimZ, "measurements");
  else if (i >= layout.R) where = i === layout.R && e.code === 3 ? "R" : path(layout.R, cs.dimZ, "R");
  else if (i >= layout.Q) where = i === layout.Q && e.code === 3 ? "Q" : path(layout.Q, cs.dimX, "Q");
  else if (i >= layout.P0) where = i === layout.P0 && e.code === 3 ? "P0" : path(layout.P0, cs.dimX, "P0");
  else if (i >= layout.x0) where = `x0[${i - layout.x0}]`;
  if (where === undefined) throw e;
  const at = formatLocation({ ...(file !== undefined && { file }), path: where });
  if (e.code === 3) {
    throw new NumericalError(`${at}not positive ${where === "P0" ? "definite and not repairable (or --strict)" : "semidefinite: the square-root form needs its square root"}`);
  }
  throw new InputError(`${at}${e.message}`, { ...(file !== undefined && { file }), path: where });
}

/**
 * Runs a UKF case: per step k, predict, then update with measurements[k] (FilterPy's conventions).
 * The case is the path of its JSON file or the case document as an object (`dim_x`, `P0`, ...).
 * A covariance that loses positive definiteness is repaired and the step marked (`repaired`).
 * @throws InputError (unreadable file) / ModelError (invalid case, located by JSON path);
 * ArgumentError for `check` with `julier`; NumericalError (UkfStepError) for a failed step
 */
export function runUkf(ukfCase: string | Record<string, unknown>, options: RunUkfOptions = {}): RunUkfResult {
  const check = options.check === true;
  const julier = options.julier === true;
  if (check && julier) throw new ArgumentError("check compares with FilterPy's Merwe sigma points: it cannot be combined with julier", { path: "check" });
  const file = typeof ukfCase === "string" ? ukfCase : undefined;
  const cs = file !== undefined ? loadUkfCase(file) : validateUkfCase(ukfCase);
  const reference = check ? readReference(cs, file) : undefined;
  const core = options.core ?? defaultCore();
  // one job: the whole run (predict + update per measurement) in the core
  const { req, layout } = ukfRequest(cs, { sqrt: options.sqrt === true, julier, strict: options.strict === true, symmetrise: options.symmetrize === true });
  let result: Float64Array;
  try {
    result = runJob(core, "jobUkfRun", req);
  } catch (e) {
    located(e, cs, layout, file);
  }
  const steps = decodeUkfRun(result);
  for (const s of steps) {
    requireFinite(s.x_post, `step ${s.k}: x_post`);
    requireFinite(s.P_post_diag, `step ${s.k}: P_post_diag`);
  }
  const out: RunUkfResult = {
    steps: steps.map((s) => ({
      k: s.k, x_prior: s.x_prior, P_prior_diag: s.P_prior_diag, x_post: s.x_post, P_post_diag: s.P_post_diag, y: s.y, S: s.S,
      ...(s.repaired !== 0 ? { repaired: s.repaired } : {}),
      std_post: s.std_post,
    })),
  };
  if (reference) {
    const dev = compareSteps(steps, reference);
    out.check = { max_deviation: dev.max, where: dev.where, values: dev.count, tolerance: UKF_CHECK_TOLERANCE, ok: dev.max <= UKF_CHECK_TOLERANCE };
  }
  return out;
}
