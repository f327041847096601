// twin rotor reduce MODEL.json --speed W --modes K --dt DT [--json | --out FILE.json]
// The reduced state-space model the unscented Kalman filter runs as its process model.
// One job: jobRotorReduce (assembly/ABI.md, "Rotor jobs").
import { located, parseNumber } from "../io/values.js";
import { parseCommandLine, required, str } from "./args.js";
import { stringifyJson } from "../io/json.js";
import { formatReduced } from "../rotor/format.js";
import { reduceJob } from "../rotor/jobs.js";
import { NodeNumbering } from "../rotor/nodes.js";
import { type Command, helpRequested, requireFinite, writeOutput } from "./common.js";
import { loadModelSource, rotorJobCore } from "./rotor-common.js";

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
    const speedText = required(values.speed, "--speed");
    const modesText = required(values.modes, "--modes");
    const dtText = required(values.dt, "--dt");
    const speed = parseNumber(speedText, "--speed", "nonnegative");
    const modes = parseNumber(modesText, "--modes", "posinteger");
    const dt = parseNumber(dtText, "--dt", "positive");
    const src = loadModelSource(positionals[0]!);
    const model = src.model;
    // the core refuses more modes than degrees of freedom; the message names the count
    const dof = new NodeNumbering(model).dof;
    const red = reduceJob(rotorJobCore(), src, speed, modes, dt, {
      speed: located("--speed", speedText),
      modes: `${located("--modes", modesText)} (the model has ${dof} degrees of freedom)`,
      dt: located("--dt", dtText),
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
