// twin rotor campbell MODEL.json --speeds 0:1000:10 [--modes 8] [--json] [--svg out.svg]
// One job: jobRotorCampbell (assembly/ABI.md, "Rotor jobs"); the SVG is drawn from its result.
import { located, parseNumber } from "../io/values.js";
import { parseCommandLine, required, str } from "./args.js";
import { stringifyJson } from "../io/json.js";
import { campbellSvg } from "../rotor/campbell-svg.js";
import { formatCampbell } from "../rotor/format.js";
import { parseGrid } from "../rotor/grid.js";
import { campbellJob } from "../rotor/jobs.js";
import { type Command, helpRequested, NumericalError, writeOutput } from "./common.js";
import { DEFAULT_MODES } from "./rotor-modal.js";
import { loadModelSource, rotorJobCore } from "./rotor-common.js";

export const campbellCommand: Command = {
  name: "rotor campbell",
  summary: "modal analysis over a speed range, critical speeds, Campbell diagram (SVG)",
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
    const src = loadModelSource(positionals[0]!);
    const model = src.model;
    const { dof, campbell } = campbellJob(rotorJobCore(), src, speeds, modes, { speeds: located("--speeds", speedsText), modes: located("--modes", modesText) });
    // NaN marks a mode absent at a speed (tracking); infinities are failures.
    for (const r of campbell.results) {
      for (const a of [r.wn, r.wd, r.logdec]) {
        if (a.some((x) => x === Infinity || x === -Infinity)) throw new NumericalError(`campbell at ${r.speed} rad/s: infinite value`);
      }
    }
    if (svgPath !== undefined) writeOutput(svgPath, [campbellSvg(model.name, campbell)]);
    if (values.json === true) {
      io.out(stringifyJson({ model: model.name, dof, results: campbell.results, critical: campbell.critical }) + "\n");
    } else {
      io.out(formatCampbell(model.name, dof, campbell));
      if (svgPath !== undefined) io.out(`\nCampbell diagram written to ${svgPath}\n`);
    }
    return 0;
  },
};
