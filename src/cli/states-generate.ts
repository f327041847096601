// twin states generate [MODEL.json] [--out DIR] [--seed S] [--noise L]
// Demo data for operating-state recognition: the rig simulated in labelled states (speed x
// unbalance, one state reserved as unseen), bearing accelerations with seeded noise as CSV, and a
// feature table per state (as `twin features` computes it) with a `state` column.
import { join } from "node:path";
import { UsageError, parseCommandLine, str } from "./args.js";
import { examplePath, parseNumber } from "../index.js";
import { DEFAULT_STATES, STATES_DEFAULTS as GENERATE_DEFAULTS, generateStates, writeStates } from "../elm/index.js";
import { type Command, helpRequested, loadModelFile } from "./common.js";

export const DEFAULT_STATES_DIR = join("models", "states");

export const statesGenerateCommand: Command = {
  name: "states generate",
  summary: "simulate the rig in labelled operating states: bearing accelerations and feature tables (demo data)",
  api: { module: "elm", export: "generateStates" },
  usage: `Usage: twin states generate [MODEL.json] [--out DIR] [--seed S] [--noise L]

Simulates the rig (default: the packaged models/test-rig.json) in each operating state below, from
rest through a ${GENERATE_DEFAULTS.settle} s run-up, then records ${GENERATE_DEFAULTS.seconds} s of accelerations at the bearings
(x and y) at ${GENERATE_DEFAULTS.fs} Hz with sensor noise (std = L x RMS of the clean signal, seeded). Unbalance on the first disk.

${DEFAULT_STATES.map((s) => `  ${s.name}  ${String(s.speedRpm).padStart(4)} rpm, unbalance ${s.unbalance.toExponential(0)} kg m${s.unseen ? "  (unseen: not for training)" : ""}`).join("\n")}

Writes to DIR: <state>.csv (t, ax_<node>, ay_<node>), <state>.features.csv (the output of
"twin features <state>.csv --fs ${GENERATE_DEFAULTS.fs} --window ${GENERATE_DEFAULTS.window} --hop ${GENERATE_DEFAULTS.hop} --bands ${GENERATE_DEFAULTS.bands}" plus a "state" column) and
states.json (the parameters). The same seed writes the same bytes. Everything is computed in the
numerical core in one job call (jobStatesGenerate): the simulation, the noise, the rounding of the
values to 6 significant digits and the features of the rounded values.

Options:
  --out DIR     output directory, created if missing (default ${DEFAULT_STATES_DIR})
  --seed S      noise seed, integer 0 … 2^53 (default ${GENERATE_DEFAULTS.seed})
  --noise L     sensor noise relative to the clean RMS (default ${GENERATE_DEFAULTS.noise})
  -h, --help    show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { out: { type: "string" }, seed: { type: "string" }, noise: { type: "string" }, help: { type: "boolean", short: "h" } },
      { min: 0, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const file = positionals[0] ?? examplePath("test-rig.json");
    const model = loadModelFile(file);
    const seed = parseNumber(str(values.seed) ?? String(GENERATE_DEFAULTS.seed), "--seed", "integer");
    if (seed > 2 ** 53) throw new UsageError(`--seed ${str(values.seed)}: must be at most 2^53 = 9007199254740992`);
    const noise = parseNumber(str(values.noise) ?? String(GENERATE_DEFAULTS.noise), "--noise", "nonnegative");
    const dir = str(values.out) ?? DEFAULT_STATES_DIR;
    const data = generateStates(model, { seed, noise, file });
    const bytes = writeStates(dir, data);
    io.out(`${data.files.length} files, ${bytes} bytes written to ${dir}\n`);
    return 0;
  },
};
