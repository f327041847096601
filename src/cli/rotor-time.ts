// twin rotor time MODEL.json --speed W --t-end T --dt DT [--unbalance ...] [--out FILE.csv] [--accelerations]
// The library's rotorTime: one job, jobRotorTime (assembly/ABI.md, "Rotor jobs"); the CSV
// (rotorTimeCsv) is formatted from its result.
import { located, parseEach, parseNumber } from "../index.js";
import { loadRotorModel, NodeNumbering, parseUnbalance, rotorTime, rotorTimeCsv } from "../rotor/index.js";
import { UsageError, many, parseCommandLine, required, str } from "./args.js";
import { type Command, helpRequested, writeOutput } from "./common.js";

/**
 * Largest number of values a simulation may produce in this process (used by virtual-sensing);
 * `rotor time` itself is bounded by its job, which refuses more than 2^26 result values.
 */
export const MAX_VALUES = 50_000_000;

export const timeCommand: Command = {
  name: "rotor time",
  summary: "time response at constant speed (CSV of nodal displacements)",
  api: { module: "rotor", export: "rotorTime" },
  usage: `Usage: twin rotor time MODEL.json --speed W --t-end T --dt DT [--unbalance NODE:MAG:PHASE ...]
                        [--out FILE.csv] [--accelerations]

Time response at constant speed W (rad/s) from rest, by implicit time integration.
CSV columns: t, then x_<node>,y_<node> for every shaft node 0..N-1 and then for every pedestal
node N, N+1, ... (numbered in the order of the bearings that carry a pedestal; docs/rotor.md), in m,
then ax_<node>,ay_<node> for the same nodes (m/s^2) with --accelerations.

Options:
  --speed W                         rotor speed, rad/s
  --t-end T                         end time, s
  --dt DT                           time step, s
  --unbalance NODE:MAGNITUDE:PHASE  unbalance at a shaft node (kg m, rad), repeatable
  --out FILE.csv                    write the CSV to a file (default: standard output)
  --accelerations                   add nodal accelerations
  -h, --help                        show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        speed: { type: "string" },
        "t-end": { type: "string" },
        dt: { type: "string" },
        unbalance: { type: "string", multiple: true },
        out: { type: "string" },
        accelerations: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const speedText = required(values.speed, "--speed");
    const tEndText = required(values["t-end"], "--t-end");
    const dtText = required(values.dt, "--dt");
    const speed = parseNumber(speedText, "--speed", "nonnegative");
    const tEnd = parseNumber(tEndText, "--t-end", "positive");
    const dt = parseNumber(dtText, "--dt", "positive");
    if (dt > tEnd) throw new UsageError(`--dt ${dt} is larger than --t-end ${tEnd}`);
    const accelerations = values.accelerations === true;
    const model = loadRotorModel(positionals[0]!);
    const numbering = new NodeNumbering(model);
    const unbalance = parseEach(many(values.unbalance), (u, i, n) => ({ ...parseUnbalance(u, numbering, i, n), where: located("--unbalance", u, i, n) }));
    // the core refuses a result of more than 2^26 values (reported at --t-end)
    const result = rotorTime(model, {
      speed,
      tEnd,
      dt,
      accelerations,
      unbalance,
      labels: { speed: located("--speed", speedText), tEnd: `${located("--t-end", tEndText)} with ${located("--dt", dtText)}`, dt: located("--dt", dtText) },
    });
    const out = str(values.out);
    if (out !== undefined) writeOutput(out, rotorTimeCsv(result));
    else for (const chunk of rotorTimeCsv(result)) io.out(chunk);
    return 0;
  },
};
