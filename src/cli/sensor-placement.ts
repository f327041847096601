// twin sensor-placement MODEL.json --count N [--candidates NODE:DIR,...] [--modes K] [--method efi-dpr]
//                     [run options of twin virtual-sensing] [--json]
// Chooses N accelerometer DOFs by Effective Independence (Kammer 1991) on the target modes, then
// runs the virtual-sensing pipeline with them (and with the bearing sensors, for comparison).
import { parseNumber, stringifyJson } from "../index.js";
import { NodeNumbering } from "../rotor/index.js";
import { formatVirtualSensing, parseDofList, sensorPlacement, VS_CLI_NAMES, VS_DEFAULTS } from "../vsense/index.js";
import { UsageError, parseCommandLine, required, str } from "./args.js";
import { type Command, helpRequested, loadModelFile } from "./common.js";
import { parseModes, RUN_OPTIONS, RUN_USAGE, runOptions } from "./virtual-sensing.js";

export const sensorPlacementCommand: Command = {
  name: "sensor-placement",
  summary: "choose accelerometer locations by Effective Independence and check them by virtual sensing",
  api: { module: "vsense", export: "sensorPlacement" },
  usage: `Usage: twin sensor-placement MODEL.json --count N [--candidates NODE:DIR,...] [--modes K]
                              [--method efi|efi-dpr] [--filter-modes K] [virtual-sensing options] [--json]

Effective Independence (Kammer 1991, J. Guidance Control Dyn. 14(2):251-259): starting from all
candidates, removes one at a time the DOF contributing least to the rank of the Fisher information
matrix of the K target modes (the lowest undamped modes at the speed), until N remain. With
--method efi-dpr (default) each DOF's effective independence is weighted by its driving-point
residue sum(phi^2/omega), which keeps sensors away from low-response locations (Meo & Zumpano 2005,
Eng. Struct. 27(10):1488-1497). Then the virtual-sensing pipeline of "twin virtual-sensing" runs
with the chosen sensors and, for comparison, with x and y at every bearing. Details: docs/vsense.md.

Options:
  --count N              number of sensors (required; at least K)
  --candidates LIST      candidate DOFs, NODE:DIR,..., shaft or pedestal nodes (docs/rotor.md)
                         (default: x and y of every shaft node)
  --modes K              target modes (default min(N, ${VS_DEFAULTS.modes}))
  --method M             efi or efi-dpr (default efi-dpr)
  --filter-modes K       modes of the filter in the check runs (default ${VS_DEFAULTS.modes})
${RUN_USAGE}
  --json                 print the result as JSON
  -h, --help             show this help

Estimated DOFs that carry a chosen sensor are left out of both check runs.
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        ...RUN_OPTIONS,
        count: { type: "string" },
        candidates: { type: "string" },
        modes: { type: "string" },
        method: { type: "string" },
        "filter-modes": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const model = loadModelFile(positionals[0]!);
    const numbering = new NodeNumbering(model);
    const count = parseNumber(required(values.count, "--count"), "--count", "posinteger");
    const candText = str(values.candidates);
    // [] = the core's default, x and y of every shaft node
    const candidates = candText !== undefined ? parseDofList(candText, numbering, "--candidates") : [];
    // the default candidates are x and y of every shaft node
    const nCandidates = candText !== undefined ? candidates.length : 2 * numbering.shaftNodes;
    if (count > nCandidates) throw new UsageError(`--count ${count}: only ${nCandidates} candidates`);
    const modes = parseModes(str(values.modes), model, Math.min(count, VS_DEFAULTS.modes));
    if (modes > count) throw new UsageError(`--modes ${modes}: Effective Independence needs at least as many sensors as target modes (--count ${count})`);
    const method = str(values.method) ?? "efi-dpr";
    if (method !== "efi" && method !== "efi-dpr") throw new UsageError(`--method: must be efi or efi-dpr, got ${JSON.stringify(method)}`);
    const filterModes = parseModes(str(values["filter-modes"]), model, VS_DEFAULTS.modes);
    const o = runOptions(values, model);
    const result = sensorPlacement(model, {
      ...o,
      count,
      ...(candText !== undefined ? { candidates } : {}),
      modes,
      method,
      filterModes,
      names: VS_CLI_NAMES,
    });
    if (values.json === true) {
      io.out(stringifyJson(result) + "\n");
      return 0;
    }
    const lines = [
      `sensor placement: ${model.name}, ${count} sensors from ${result.candidates.length} candidates by ${method === "efi" ? "Effective Independence" : "EfI-DPR"}`,
      `  target modes: ${modes} (${result.target_wn_hz.map((f) => f.toFixed(1)).join(", ")} Hz)`,
      `  chosen: ${result.sensors.map((s) => `${s.dof} (E ${s.efi.toFixed(3)}${method === "efi-dpr" ? `, DPR ${s.weight.toExponential(2)}` : ""})`).join(", ")}`,
      `  det(Fisher information) ${result.fisher_det.toExponential(3)}; removed, first to last: ${result.removed.map((r) => r.dof).join(", ")}`,
      "",
      "check with the chosen sensors:",
      formatVirtualSensing(result.check),
      `for comparison, with the bearing sensors ${result.bearing_sensors.sensors.map((s) => s.dof).join(", ")}: worst NRMSE ${(100 * result.bearing_sensors.worst_nrmse).toFixed(3)} %`,
    ];
    io.out(lines.join("\n") + "\n");
    return 0;
  },
};
