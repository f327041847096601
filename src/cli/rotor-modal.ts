// twin rotor modal MODEL.json [--speeds 0,100,200] [--modes 8] [--json]   (shared/spec/rotor.md)
// The library's rotorModal: one job, jobRotorModal (assembly/ABI.md, "Rotor jobs"), every speed in one request.
import { located, parseNumber, stringifyJson } from "../index.js";
import { DEFAULT_MODES, formatModal, loadRotorModel, parseGrid, rotorModal } from "../rotor/index.js";
import { parseCommandLine, str } from "./args.js";
import { type Command, helpRequested } from "./common.js";

export const modalCommand: Command = {
  name: "rotor modal",
  summary: "damped natural frequencies, log decrements and whirl at given speeds",
  api: { module: "rotor", export: "rotorModal" },
  usage: `Usage: twin rotor modal MODEL.json [--speeds 0,100,200] [--modes 8] [--json]

Damped complex modal analysis at each speed (rad/s): gyroscopic terms scaled by speed,
speed-dependent bearing coefficients interpolated at that speed.

Options:
  --speeds LIST   speeds in rad/s, "a,b,c" or "start:stop:step" (default 0)
  --modes K       number of modes per speed, lowest damped frequency first (default ${DEFAULT_MODES})
  --json          print JSON { model, dof, results: [{ speed, wn, wd, logdec, whirl }] }
  -h, --help      show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { speeds: { type: "string" }, modes: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const speedsText = str(values.speeds) ?? "0";
    const modesText = str(values.modes) ?? String(DEFAULT_MODES);
    const speeds = parseGrid(speedsText, "--speeds");
    const modes = parseNumber(modesText, "--modes", "posinteger");
    const model = loadRotorModel(positionals[0]!);
    const result = rotorModal(model, { speeds, modes, labels: { speeds: located("--speeds", speedsText), modes: located("--modes", modesText) } });
    if (values.json === true) io.out(stringifyJson(result) + "\n");
    else io.out(formatModal(result.model, result.dof, result.results));
    return 0;
  },
};

