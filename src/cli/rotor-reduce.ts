// twin rotor reduce MODEL.json --speed W --modes K --dt DT [--json | --out FILE.json]
// The reduced state-space model the unscented Kalman filter runs as its process model.
import { parseCommandLine, parseNumber, required, str, UsageError } from "../io/args.js";
import { stringifyJson } from "../io/json.js";
import { formatReduced } from "../rotor/format.js";
import { type Command, helpRequested, loadModelFile, requireFinite, withRotor, writeOutput } from "./common.js";

export const reduceCommand: Command = {
  name: "rotor reduce",
  summary: "reduced (modal) state-space model at a speed, continuous and discrete (for the UKF)",
  usage: `Usage: twin rotor reduce MODEL.json --speed W --modes K --dt DT [--json] [--out FILE.json]

Modal reduction of the rotor model at speed W (rad/s) to K modes: continuous state-space matrices
A, B, C and their discretisation Ad, Bd for the sample time DT (s).

Options:
  --speed W       rotor speed, rad/s
  --modes K       number of retained modes
  --dt DT         sample time of the discrete model, s
  --json          print the model as JSON
  --out FILE      write the model as JSON to FILE
                  JSON: { model, speed, modes, dof, dt, wn, A, B, C, Ad, Bd }
  -h, --help      show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        speed: { type: "string" },
        modes: { type: "string" },
        dt: { type: "string" },
        json: { type: "boolean" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const speed = parseNumber(required(values.speed, "--speed"), "--speed", "nonnegative");
    const modes = parseNumber(required(values.modes, "--modes"), "--modes", "posinteger");
    const dt = parseNumber(required(values.dt, "--dt"), "--dt", "positive");
    const model = loadModelFile(positionals[0]!);
    const red = withRotor(model, (r) => {
      if (modes > r.dof) throw new UsageError(`--modes ${modes} is more than the model's ${r.dof} degrees of freedom`);
      return r.reduce(speed, modes, dt);
    });
    for (const key of ["A", "B", "C", "Ad", "Bd"] as const) requireFinite(red[key].flat(), `reduced model ${key}`);
    requireFinite(red.wn, "reduced model wn");
    const json = stringifyJson({ model: model.name, ...red }) + "\n";
    const out = str(values.out);
    if (out !== undefined) writeOutput(out, [json]);
    if (values.json === true) io.out(json);
    else io.out(formatReduced(model.name, red) + (out !== undefined ? `\nreduced model written to ${out}\n` : ""));
    return 0;
  },
};
