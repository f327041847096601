// twin ukf run CASE.json [--json] [--check] [--sqrt] [--julier] [--strict] [--symmetrize]
// (shared/spec/ukf.md): runs a UKF case with the wasm filter; --check compares with its reference.
import { stringifyJson } from "../index.js";
import { runUkf, UKF_CHECK_TOLERANCE as CHECK_TOLERANCE, type UkfStepResult } from "../ukf/index.js";
import { UsageError, parseCommandLine } from "./args.js";
import { type Command, EXIT_FAILURE, helpRequested } from "./common.js";

const fmt = (x: number): string => (x === 0 ? "0" : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(6) : x.toPrecision(7));

function table(steps: UkfStepResult[]): string {
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
  api: { module: "ukf", export: "runUkf" },
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
    // one job: the whole run (predict + update per measurement) in the core
    const result = runUkf(file, { check, julier, sqrt: values.sqrt === true, strict: values.strict === true, symmetrize: values.symmetrize === true });
    const { steps, check: dev } = result;
    const repaired = steps.filter((s) => s.repaired !== undefined).map((s) => s.k);
    if (repaired.length > 0) {
      io.err(`twin ukf run: covariance repaired at ${repaired.length} step(s): ${repaired.slice(0, 20).join(", ")}${repaired.length > 20 ? ", ..." : ""}\n`);
    }
    const ok = dev === undefined || dev.ok;
    if (values.json === true) {
      // the command's JSON leaves out the posterior standard deviations (the table shows them)
      const out = { steps: steps.map(({ std_post: _std, ...s }) => s), ...(dev ? { check: dev } : {}) };
      io.out(stringifyJson(out) + "\n");
    } else {
      io.out(table(steps));
      if (dev) {
        io.out(`check: largest deviation ${dev.max_deviation.toExponential(3)} of the posterior std (${dev.where}; ${dev.values} values), tolerance ${CHECK_TOLERANCE}: ${ok ? "ok" : "FAILED"}\n`);
      }
    }
    if (!ok) {
      io.err(`twin ukf run: check failed: deviation ${dev!.max_deviation.toExponential(3)} > ${CHECK_TOLERANCE} at ${dev!.where}\n`);
      return EXIT_FAILURE;
    }
    return 0;
  },
};
