// twin rotor modal MODEL.json [--speeds 0,100,200] [--modes 8] [--json]   (shared/spec/rotor.md)
// One job: jobRotorModal (assembly/ABI.md, "Rotor jobs"), every speed in one request.
import { located, parseNumber } from "../io/values.js";
import { parseCommandLine, str } from "./args.js";
import { stringifyJson } from "../io/json.js";
import { formatModal } from "../rotor/format.js";
import { parseGrid } from "../rotor/grid.js";
import { DEFAULT_MODES, modalJob } from "../rotor/jobs.js";
import { type Command, helpRequested, requireFinite } from "./common.js";
import { loadModelSource, rotorJobCore } from "./rotor-common.js";

export { DEFAULT_MODES };

export const modalCommand: Command = {
  name: "rotor modal",
  summary: "damped natural frequencies, log decrements and whirl at given speeds",
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
    const src = loadModelSource(positionals[0]!);
    const model = src.model;
    const { dof, results } = modalJob(rotorJobCore(), src, speeds, modes, { speeds: located("--speeds", speedsText), modes: located("--modes", modesText) });
    for (const r of results) {
      requireFinite(r.wn, `modal at ${r.speed} rad/s: wn`);
      requireFinite(r.wd, `modal at ${r.speed} rad/s: wd`);
      requireFinite(r.logdec, `modal at ${r.speed} rad/s: logdec`);
    }
    if (values.json === true) io.out(stringifyJson({ model: model.name, dof, results }) + "\n");
    else io.out(formatModal(model.name, dof, results));
    return 0;
  },
};

