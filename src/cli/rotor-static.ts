// twin rotor static MODEL.json [--rigid-supports] [--g 9.80665] [--json]
// The library's rotorStatic: one job, jobRotorStatic (assembly/ABI.md, "Rotor jobs").
import { located, parseNumber, stringifyJson } from "../index.js";
import { formatStatic, loadRotorModel, rotorStatic, STANDARD_GRAVITY } from "../rotor/index.js";
import { parseCommandLine, str } from "./args.js";
import { type Command, helpRequested } from "./common.js";

export const staticCommand: Command = {
  name: "rotor static",
  summary: "static deflection under gravity and bearing reaction forces",
  api: { module: "rotor", export: "rotorStatic" },
  usage: `Usage: twin rotor static MODEL.json [--rigid-supports] [--g 9.80665] [--json]

Static deflection under gravity (along -y, consistent mass load) and bearing reaction forces.

Options:
  --rigid-supports   replace the bearings by pins (as textbook and reference cases do)
  --g G              gravitational acceleration, m/s^2 (default ${STANDARD_GRAVITY})
  --json             print JSON { deflection: { x, y }, bearingForces: [{ node, fx, fy }] }
  -h, --help         show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { "rigid-supports": { type: "boolean" }, g: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const gText = str(values.g) ?? String(STANDARD_GRAVITY);
    const g = parseNumber(gText, "--g", "finite");
    const rigid = values["rigid-supports"] === true;
    const model = loadRotorModel(positionals[0]!);
    const result = rotorStatic(model, { g, rigidSupports: rigid, labels: { g: located("--g", gText) } });
    if (values.json === true) io.out(stringifyJson(result) + "\n");
    else io.out(formatStatic(model.name, result, g, rigid));
    return 0;
  },
};
