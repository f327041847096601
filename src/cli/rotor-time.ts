// twin rotor time MODEL.json --speed W --t-end T --dt DT [--unbalance ...] [--out FILE.csv] [--accelerations]
// One job: jobRotorTime (assembly/ABI.md, "Rotor jobs"); the CSV is formatted from its result.
import { located, parseEach, parseNumber, parseUnbalance } from "../io/values.js";
import { UsageError, many, parseCommandLine, required, str } from "./args.js";
import type { TimeResult } from "../rotor/core.js";
import { timeJob } from "../rotor/jobs.js";
import { NodeNumbering } from "../rotor/nodes.js";
import { type Command, helpRequested, requireFinite, writeOutput } from "./common.js";
import { loadModelSource, rotorJobCore } from "./rotor-common.js";

/**
 * Largest number of values a simulation may produce in this process (used by virtual-sensing);
 * `rotor time` itself is bounded by its job, which refuses more than 2^26 result values.
 */
export const MAX_VALUES = 50_000_000;

export const timeCommand: Command = {
  name: "rotor time",
  summary: "time response at constant speed (CSV of nodal displacements)",
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
    const src = loadModelSource(positionals[0]!);
    const numbering = new NodeNumbering(src.model);
    const unbalance = parseEach(many(values.unbalance), (u, i, n) => ({ ...parseUnbalance(u, numbering, i, n), where: located("--unbalance", u, i, n) }));
    // the core refuses a result of more than 2^26 values (reported at --t-end)
    const result = timeJob(rotorJobCore(), src, { speed, tEnd, dt, accelerations, unbalance }, {
      speed: located("--speed", speedText),
      tEnd: `${located("--t-end", tEndText)} with ${located("--dt", dtText)}`,
      dt: located("--dt", dtText),
    });
    requireFinite(result.t, "time response: t");
    requireFinite(result.disp, "time response: displacements");
    if (result.acc) requireFinite(result.acc, "time response: accelerations");
    const out = str(values.out);
    if (out !== undefined) writeOutput(out, csvChunks(result));
    else for (const chunk of csvChunks(result)) io.out(chunk);
    return 0;
  },
};

/** Column names for `nodes` response nodes (shaft nodes, then pedestal nodes: the core's row layout). */
export function csvHeader(nodes: number, accelerations: boolean): string {
  const cols = ["t"];
  for (let i = 0; i < nodes; i++) cols.push(`x_${i}`, `y_${i}`);
  if (accelerations) for (let i = 0; i < nodes; i++) cols.push(`ax_${i}`, `ay_${i}`);
  return cols.join(",");
}

/** CSV text in chunks of rows; numbers in the shortest form that reads back to the same double. */
export function* csvChunks(r: TimeResult, rowsPerChunk = 2000): Generator<string> {
  const w = 2 * r.nodes;
  let chunk = csvHeader(r.nodes, r.acc !== undefined) + "\n";
  for (let i = 0; i < r.t.length; i++) {
    let line = String(r.t[i]!);
    for (let k = 0; k < w; k++) line += "," + String(r.disp[i * w + k]!);
    if (r.acc) for (let k = 0; k < w; k++) line += "," + String(r.acc[i * w + k]!);
    chunk += line + "\n";
    if ((i + 1) % rowsPerChunk === 0) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}
