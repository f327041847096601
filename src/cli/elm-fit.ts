// twin elm fit CASE.json [--json] [--check]   (shared/spec/elm.md)
import { parseCommandLine } from "./args.js";
import { stringifyJson } from "../index.js";
import { CASE_TOLERANCE, describeElmCase, fitElmWithNorms, readElmCase } from "../elm/index.js";
import { type Command, EXIT_FAILURE, helpRequested, requireFinite } from "./common.js";

export const elmFitCommand: Command = {
  name: "elm fit",
  summary: "fit an ELM test case (fixed hidden layer; batch or OS-ELM chunks) and check it",
  api: { module: "elm", export: "fitElm" },
  usage: `Usage: twin elm fit CASE.json [--json] [--check]

Fits the output weights of an extreme learning machine case with the case's own hidden layer:
beta = (HᵀH + I/C)⁻¹ HᵀT (no I/C when C is null), or (HᵀH + norm·I)⁻¹ HᵀT for hpelm's "norm",
or chunk by chunk by OS-ELM when the case gives "chunks". The hidden layer is one activation with
W and b, or hpelm's neuron blocks ("neurons": lin, sigm, tanh, rbf_l1, rbf_l2, rbf_linf; see
docs/elm.md). Prints beta, the test predictions Y_test and, for chunks, beta after each chunk.

Options:
  --json      print JSON { beta, Y_test, per_chunk: [{ n_seen, beta }] } (and "check" with --check;
              "H_train_first5rows" when the case's expected values have it)
  --check     compare with the case's "expected" values (beta, Y_test, per-chunk beta, the first
              rows of H): relative Frobenius error <= ${CASE_TOLERANCE}, exit 1 beyond it
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { json: { type: "boolean" }, check: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "CASE.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const file = positionals[0]!;
    const c = readElmCase(file);
    const { result: fit, norms } = fitElmWithNorms(c, { check: values.check === true });
    requireFinite(fit.beta.flat(), "beta");
    requireFinite(fit.Y_test.flat(), "Y_test");
    const check = fit.check;
    if (values.json === true) {
      io.out(stringifyJson(fit) + "\n");
    } else {
      const lines = [describeElmCase(c)];
      // the Frobenius norms are computed by the core (the job's result)
      (fit.per_chunk ?? []).forEach((p, k) => lines.push(`  after ${p.n_seen} rows: ||beta||_F = ${norms.per_chunk[k]!.toPrecision(10)}`));
      lines.push(`  beta ${c.L} x ${c.m}, ||beta||_F = ${norms.beta.toPrecision(10)}`);
      lines.push(`  Y_test ${c.nTest} x ${c.m}: ${fit.Y_test.slice(0, 5).map((r) => r.map((x) => x.toPrecision(8)).join(" ")).join("; ")}${c.nTest > 5 ? "; ..." : ""}`);
      for (const k of check ?? []) lines.push(`  check ${k.quantity}: relative error ${k.rel_error.toExponential(2)} ${k.ok ? "<=" : ">"} ${k.tolerance} ${k.ok ? "ok" : "FAIL"}`);
      if (check && check.length === 0) lines.push("  check: the case has no expected values");
      io.out(lines.join("\n") + "\n");
    }
    if (check && check.some((k) => !k.ok)) {
      io.err(`twin elm fit: ${file}: ${check.filter((k) => !k.ok).map((k) => k.quantity).join(", ")} beyond tolerance ${CASE_TOLERANCE}\n`);
      return EXIT_FAILURE;
    }
    return 0;
  },
};
