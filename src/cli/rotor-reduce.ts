// twin rotor reduce MODEL.json --speed W --modes K --dt DT [--json | --out FILE.json]
// The reduced state-space model the unscented Kalman filter runs as its process model.
// The library's rotorReduce: one job, jobRotorReduce (assembly/ABI.md, "Rotor jobs").
import { located, parseNumber, stringifyJson } from "../index.js";
import { formatReduced, loadRotorModel, rotorReduce } from "../rotor/index.js";
import { parseCommandLine, required, str } from "./args.js";
import { type Command, helpRequested, writeOutput } from "./common.js";

export const reduceCommand: Command = {
  name: "rotor reduce",
  summary: "reduced (modal) state-space model at a speed, continuous and discrete (for the UKF)",
  api: { module: "rotor", export: "rotorReduce" },
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
    const model = loadRotorModel(positionals[0]!);
    const red = rotorReduce(model, { speed, modes, dt, labels: { speed: located("--speed", speedText), modes: located("--modes", modesText), dt: located("--dt", dtText) } });
    const json = stringifyJson(red) + "\n";
    const out = str(values.out);
    if (out !== undefined) writeOutput(out, [json]);
    if (values.json === true) io.out(json);
    else io.out(formatReduced(model.name, red) + (out !== undefined ? `\nreduced model written to ${out}\n` : ""));
    return 0;
  },
};
