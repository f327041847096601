// twin rotor static MODEL.json [--rigid-supports] [--g 9.80665] [--json]
// One job: jobRotorStatic (assembly/ABI.md, "Rotor jobs").
import { located, parseNumber } from "../io/values.js";
import { parseCommandLine, str } from "./args.js";
import { stringifyJson } from "../io/json.js";
import { formatStatic } from "../rotor/format.js";
import { staticJob } from "../rotor/jobs.js";
import { type Command, helpRequested, requireFinite } from "./common.js";
import { loadModelSource, rotorJobCore } from "./rotor-common.js";

/** Standard gravity, m/s^2 (CGPM 1901). */
export const STANDARD_GRAVITY = 9.80665;

export const staticCommand: Command = {
  name: "rotor static",
  summary: "static deflection under gravity and bearing reaction forces",
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
    const src = loadModelSource(positionals[0]!);
    const { g: gUsed, rigidSupports, ...result } = staticJob(rotorJobCore(), src, g, rigid, { g: located("--g", gText) });
    requireFinite(result.deflection.x, "static deflection x");
    requireFinite(result.deflection.y, "static deflection y");
    requireFinite(result.bearingForces.flatMap((b) => [b.fx, b.fy]), "bearing forces");
    if (values.json === true) io.out(stringifyJson(result) + "\n");
    else io.out(formatStatic(src.model.name, result, gUsed, rigidSupports));
    return 0;
  },
};
