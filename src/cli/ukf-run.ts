// twin ukf run CASE.json [--json] [--check] [--sqrt] [--julier] [--strict] [--symmetrize]
// (shared/spec/ukf.md): runs a UKF case with the wasm filter; --check compares with its reference.
import { readFileSync } from "node:fs";
import { Core, CoreError, DEFAULT_CORE_PATH } from "../core/core.js";
import { InputError } from "../errors.js";
import { UsageError, parseCommandLine } from "./args.js";
import { stringifyJson } from "../io/json.js";
import { parseUkfCase, readReference } from "../ukf/case.js";
import { compareSteps, decodeUkfRun, ukfRequest, type CaseStep, type UkfRequestLayout } from "../ukf/run.js";
import { UkfStepError } from "../ukf/core.js";
import type { UkfCase } from "../ukf/case.js";
import { runJob } from "../core/job.js";
import { type Command, EXIT_FAILURE, NumericalError, helpRequested, requireFinite } from "./common.js";

/** --check tolerance: largest deviation from the reference relative to the posterior std. */
export const CHECK_TOLERANCE = 1e-9;

const fmt = (x: number): string => (x === 0 ? "0" : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(6) : x.toPrecision(7));

/**
 * A job failure (the core refused a value of the request) named by the case's JSON path. The case was
 * validated before, so these are the faults only the core can see: a P0 that cannot be factored or
 * repaired, a Q or R without a square root (square-root form).
 */
function located(e: unknown, cs: UkfCase, layout: UkfRequestLayout, file: string): never {
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
  if (e.code === 3) {
    throw new NumericalError(
      `${file}: ${where}: not positive ${where === "P0" ? "definite and not repairable (or --strict)" : "semidefinite: the square-root form needs its square root"}`,
    );
  }
  throw new InputError(`${file}: ${where}: ${e.message}`);
}

function table(steps: CaseStep[]): string {
  const lines = ["k  x_post (± posterior std)  y"];
  for (const s of steps) {
    const xs = s.x_post.map((v, i) => `${fmt(v)} ± ${fmt(s.std_post[i]!)}`).join(", ");
    lines.push(`${s.k}  [${xs}]  [${s.y.map(fmt).join(", ")}]${s.repaired ? `  (repaired: flags ${s.repaired})` : ""}`);
  }
  return lines.join("\n") + "\n";
}

export const ukfRunCommand: Command = {
  name: "ukf run",
  summary: "run an unscented Kalman filter case (predict + update per measurement)",
  usage: `Usage: twin ukf run CASE.json [--json] [--check] [--sqrt] [--julier] [--strict] [--symmetrize]

Runs the case's unscented Kalman filter with the wasm core: per step k, predict, then update
with measurements[k]. FilterPy's conventions (Merwe scaled sigma points from the upper Cholesky
factor, sigma points redrawn before the update, P+ = P- - K S K^T). A covariance that loses positive
definiteness is symmetrised, else replaced by the nearest positive definite matrix (Higham 1988),
and the step is reported; a NaN measurement or an unrepairable covariance is an error with the step.

Options:
  --json         print { "steps": [ { k, x_prior, P_prior_diag, x_post, P_post_diag, y, S } ] }
  --check        compare with the case's filterpy_outputs; prints the largest deviation relative
                 to the posterior standard deviation, exit 1 beyond ${CHECK_TOLERANCE}
  --sqrt         square-root UKF (Van der Merwe & Wan 2001: QR and Cholesky rank-1 updates)
  --julier       Julier & Uhlmann (1997) sigma points with the case's kappa (alpha, beta unused)
  --strict       no repair: a covariance that is not positive definite is an error (as FilterPy)
  --symmetrize   P <- (P + P^T)/2 after every update
  -h, --help     show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        json: { type: "boolean" },
        check: { type: "boolean" },
        sqrt: { type: "boolean" },
        julier: { type: "boolean" },
        strict: { type: "boolean" },
        symmetrize: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "CASE.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const check = values.check === true;
    const julier = values.julier === true;
    if (check && julier) throw new UsageError("--check compares with FilterPy's Merwe sigma points: it cannot be combined with --julier");
    const file = positionals[0]!;
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(`${file}: cannot read: ${(e as Error).message}`);
    }
    const cs = parseUkfCase(text, file);
    const reference = check ? readReference(cs, file) : undefined;
    let core: Core;
    try {
      core = Core.default();
    } catch (e) {
      throw new Error(`cannot load the numerical core ${DEFAULT_CORE_PATH}: ${(e as Error).message}`, { cause: e });
    }
    // one job: the whole run (predict + update per measurement) in the core
    const { req, layout } = ukfRequest(cs, { sqrt: values.sqrt === true, julier, strict: values.strict === true, symmetrise: values.symmetrize === true });
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
    const repaired = steps.filter((s) => s.repaired !== 0).map((s) => s.k);
    if (repaired.length > 0) {
      io.err(`twin ukf run: covariance repaired at ${repaired.length} step(s): ${repaired.slice(0, 20).join(", ")}${repaired.length > 20 ? ", ..." : ""}\n`);
    }
    const dev = reference ? compareSteps(steps, reference) : undefined;
    const ok = dev === undefined || dev.max <= CHECK_TOLERANCE;
    if (values.json === true) {
      const out: Record<string, unknown> = {
        steps: steps.map((s) => ({
          k: s.k, x_prior: s.x_prior, P_prior_diag: s.P_prior_diag, x_post: s.x_post, P_post_diag: s.P_post_diag, y: s.y, S: s.S,
          ...(s.repaired !== 0 ? { repaired: s.repaired } : {}),
        })),
      };
      if (dev) out.check = { max_deviation: dev.max, where: dev.where, values: dev.count, tolerance: CHECK_TOLERANCE, ok };
      io.out(stringifyJson(out) + "\n");
    } else {
      io.out(table(steps));
      if (dev) {
        io.out(`check: largest deviation ${dev.max.toExponential(3)} of the posterior std (${dev.where}; ${dev.count} values), tolerance ${CHECK_TOLERANCE}: ${ok ? "ok" : "FAILED"}\n`);
      }
    }
    if (!ok) {
      io.err(`twin ukf run: check failed: deviation ${dev!.max.toExponential(3)} > ${CHECK_TOLERANCE} at ${dev!.where}\n`);
      return EXIT_FAILURE;
    }
    return 0;
  },
};
