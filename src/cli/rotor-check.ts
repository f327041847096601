// twin rotor check CASE.json [--json]: runs a reference case (a model with another code's results,
// the format of shared testdata/rotor) and compares, exit 1 beyond the case's tolerances. Not
// recordable: it makes one rotor job call per expected result and compares on the host.
import { stringifyJson } from "../index.js";
import { rotorCheck } from "../rotor/index.js";
import { parseCommandLine } from "./args.js";
import { type Command, helpRequested } from "./common.js";

export const checkCommand: Command = {
  name: "rotor check",
  summary: "run a reference case (model + published results) and compare within its tolerances",
  api: { module: "rotor", export: "rotorCheck" },
  usage: `Usage: twin rotor check CASE.json [--json]

CASE.json holds { "model": <rotor model>, "tolerance": {..}, "expected": { "modal": [..],
"unbalance": {..}, "static_rigid_supports": {..} } } (any of the three). Each expected result is
recomputed and the largest deviation printed with its tolerance (defaults: frequencies 1e-4 relative,
log decrement 1e-4 absolute, unbalance amplitude 1e-3 relative, static 1e-6 relative).
Exit 0 when every comparison passes, 1 otherwise.

Options:
  --json       print { case, comparisons: [{ what, kind, maxDeviation, tolerance, at, pass }], pass }
  -h, --help   show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "CASE.json" });
    if (helpRequested(values, this, io)) return 0;
    const file = positionals[0]!;
    // not a recordable command: one job per expected result, compared in the library
    const { comparisons, pass, model } = rotorCheck(file);
    if (values.json === true) io.out(stringifyJson({ case: file, comparisons, pass }) + "\n");
    else {
      const w = Math.max(...comparisons.map((c) => c.what.length), 4);
      io.out(`${file}: ${model}\n`);
      for (const c of comparisons) {
        io.out(`  ${c.pass ? "ok  " : "FAIL"}  ${c.what.padEnd(w)}  max ${c.kind} deviation ${c.maxDeviation.toExponential(2)} (tolerance ${c.tolerance.toExponential(1)}) at ${c.at}\n`);
      }
      if (comparisons.length === 0) io.out("  nothing to compare: no expected results\n");
    }
    return pass ? 0 : 1;
  },
};
