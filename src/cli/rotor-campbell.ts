// twin rotor campbell MODEL.json --speeds 0:1000:10 [--modes 8] [--json] [--svg out.svg]
// The library's rotorCampbell: one job, jobRotorCampbell (assembly/ABI.md, "Rotor jobs"); the SVG
// (rotorCampbellSvg) is drawn from its result.
import { located, parseNumber, stringifyJson } from "../index.js";
import { DEFAULT_MODES, formatCampbell, loadRotorModel, parseGrid, rotorCampbell, rotorCampbellSvg } from "../rotor/index.js";
import { parseCommandLine, required, str } from "./args.js";
import { type Command, helpRequested, writeOutput } from "./common.js";

export const campbellCommand: Command = {
  name: "rotor campbell",
  summary: "modal analysis over a speed range, critical speeds, Campbell diagram (SVG)",
  api: { module: "rotor", export: "rotorCampbell" },
  usage: `Usage: twin rotor campbell MODEL.json --speeds 0:1000:10 [--modes 8] [--json] [--svg out.svg]

Modal analysis over a speed range with the modes tracked from speed to speed, and the critical
speeds where a tracked mode's damped natural frequency crosses the 1X line.

Options:
  --speeds RANGE  speeds in rad/s, "start:stop:step" (or a list "a,b,c")
  --modes K       number of tracked modes (default ${DEFAULT_MODES})
  --json          print JSON { model, dof, results: [...], critical: [{ mode, speed }] }
                  (a mode absent at a speed is null there)
  --svg FILE      write the Campbell diagram as SVG
  -h, --help      show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        speeds: { type: "string" },
        modes: { type: "string" },
        json: { type: "boolean" },
        svg: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const speedsText = required(values.speeds, "--speeds");
    const modesText = str(values.modes) ?? String(DEFAULT_MODES);
    const speeds = parseGrid(speedsText, "--speeds");
    const modes = parseNumber(modesText, "--modes", "posinteger");
    const svgPath = str(values.svg);
    const model = loadRotorModel(positionals[0]!);
    const result = rotorCampbell(model, { speeds, modes, labels: { speeds: located("--speeds", speedsText), modes: located("--modes", modesText) } });
    if (svgPath !== undefined) writeOutput(svgPath, [rotorCampbellSvg(result)]);
    if (values.json === true) {
      io.out(stringifyJson(result) + "\n");
    } else {
      io.out(formatCampbell(result.model, result.dof, result));
      if (svgPath !== undefined) io.out(`\nCampbell diagram written to ${svgPath}\n`);
    }
    return 0;
  },
};
