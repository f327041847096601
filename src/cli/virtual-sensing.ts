// twin virtual-sensing MODEL.json [--speed-rpm R] [--unbalance NODE:MAG:PHASE ...] [--sensors NODE:DIR,...]
//                   [--estimate NODE:DIR,...] [--noise 0.01] [--mismatch bearing-k=+10%] [--modes K] ... [--json]
// Virtual sensing on a simulated rig (docs/vsense.md): noisy accelerations at the sensors, a UKF on
// the reduced model, the estimated displacements at unmeasured DOFs against the simulated truth.
import { parseEach, parseNumber, stringifyJson } from "../index.js";
import { NodeNumbering, parseUnbalance, type RotorModel, type UnbalanceMass } from "../rotor/index.js";
import {
  defaultUnbalance,
  type Dof,
  dofName,
  formatVirtualSensing,
  MISMATCH_PARAMETERS,
  type Mismatch,
  parseDofList,
  parseMismatch,
  sameDof,
  virtualSensing,
  virtualSensingCsv,
  VS_CLI_NAMES,
  VS_DEFAULTS,
} from "../vsense/index.js";
import { UsageError, many, parseCommandLine, str, type Options, type Parsed } from "./args.js";
import { type Command, helpRequested, loadModelFile, writeOutput } from "./common.js";

/** Options shared with `twin sensor-placement` (the run that checks a placement). */
export const RUN_OPTIONS: Options = {
  "speed-rpm": { type: "string" },
  unbalance: { type: "string", multiple: true },
  estimate: { type: "string" },
  noise: { type: "string" },
  mismatch: { type: "string", multiple: true },
  "t-end": { type: "string" },
  "t-pre": { type: "string" },
  discard: { type: "string" },
  fs: { type: "string" },
  seed: { type: "string" },
  "model-error": { type: "string" },
  substeps: { type: "string" },
};

export const RUN_USAGE = `  --speed-rpm R          shaft speed, rev/min (default ${VS_DEFAULTS.speedRpm}: below the test rig's first critical, 1576 rpm)
  --unbalance N:ME:PHASE known unbalance, shaft node : m·e (kg m) : phase (rad), repeatable
                         (default 1e-4 kg m at phase 0 on the first disk)
  --estimate LIST        DOFs to estimate, NODE:DIR,..., shaft or pedestal nodes (default: the disks
                         and the node(s) nearest mid-span, x and y, except sensor DOFs)
  --noise L              sensor noise std as a fraction of the clean signal's RMS (default ${VS_DEFAULTS.noise})
  --mismatch P=+X%       the filter's model differs from the truth's: ${MISMATCH_PARAMETERS.join(", ")}
                         scaled by 1 + X/100, repeatable (the truth keeps the nominal model)
  --t-end T              recorded duration, s (default ${VS_DEFAULTS.tEnd})
  --t-pre T              simulated run-up from rest before the recording starts, s (default ${VS_DEFAULTS.tPre})
  --discard T            initial part of the recording left out of the error figures, s (default ${VS_DEFAULTS.discard})
  --fs HZ                sampling frequency of sensors and filter, Hz (default ${VS_DEFAULTS.fs})
  --seed S               seed of the sensor noise, integer 0 … 2^53 (default ${VS_DEFAULTS.seed})
  --model-error E        process noise: modal force std as a fraction of the largest modal
                         unbalance force (default ${VS_DEFAULTS.modelError})
  --substeps N           Newmark steps of the truth per sample (default ${VS_DEFAULTS.substeps})`;

function num(values: Parsed["values"], key: string, fallback: number, rule: Parameters<typeof parseNumber>[2]): number {
  return parseNumber(str(values[key]) ?? String(fallback), `--${key}`, rule);
}

/** The run options of the library's virtualSensing and sensorPlacement other than sensors and modes. */
export interface RunOptions {
  speedRpm: number;
  unbalance: UnbalanceMass[];
  noise: number;
  mismatch: Mismatch[];
  fs: number;
  tEnd: number;
  tPre: number;
  discard: number;
  seed: number;
  modelError: number;
  substeps: number;
  estimates?: Dof[];
}

/**
 * The run options other than sensors, estimates and modes, parsed and checked against the model's
 * node numbering (the library makes the same checks, naming its options). The conditions that need
 * arithmetic (enough samples, the discarded part, the shaft frequency below fs/2) are checked by the
 * core, which names the refused value.
 */
export function runOptions(values: Parsed["values"], model: RotorModel): RunOptions {
  const numbering = new NodeNumbering(model);
  const given = parseEach(many(values.unbalance), (u, i, n) => parseUnbalance(u, numbering, i, n));
  let unbalance: UnbalanceMass[];
  if (given.length > 0) unbalance = given;
  else {
    const d = defaultUnbalance(model);
    if (d === null) throw new UsageError("--unbalance is required: the model has no disk to put the default unbalance on");
    unbalance = d;
  }
  if (unbalance.every((u) => u.magnitude === 0)) throw new UsageError("--unbalance: at least one unbalance must be non-zero (it drives the response)");
  const estimateText = str(values.estimate);
  return {
    speedRpm: num(values, "speed-rpm", VS_DEFAULTS.speedRpm, "positive"),
    unbalance,
    noise: num(values, "noise", VS_DEFAULTS.noise, "nonnegative"),
    mismatch: many(values.mismatch).map(parseMismatch),
    fs: num(values, "fs", VS_DEFAULTS.fs, "positive"),
    tEnd: num(values, "t-end", VS_DEFAULTS.tEnd, "positive"),
    tPre: num(values, "t-pre", VS_DEFAULTS.tPre, "nonnegative"),
    discard: num(values, "discard", VS_DEFAULTS.discard, "nonnegative"),
    seed: seedOption(values),
    modelError: num(values, "model-error", VS_DEFAULTS.modelError, "nonnegative"),
    substeps: num(values, "substeps", VS_DEFAULTS.substeps, "posinteger"),
    ...(estimateText !== undefined ? { estimates: parseDofList(estimateText, numbering, "--estimate") } : {}),
  };
}

/** --seed: an integer in [0, 2^53] (every such integer is an exact f64 of the request). */
function seedOption(values: Parsed["values"]): number {
  const seed = num(values, "seed", VS_DEFAULTS.seed, "integer");
  if (seed > 2 ** 53) throw new UsageError(`--seed ${str(values.seed)}: must be at most 2^53 = 9007199254740992`);
  return seed;
}

/** The modes option: at least 1, at most the model's DOFs. */
export function parseModes(text: string | undefined, model: RotorModel, fallback: number): number {
  const modes = parseNumber(text ?? String(fallback), "--modes", "posinteger");
  const dof = new NodeNumbering(model).dof;
  if (modes > dof) throw new UsageError(`--modes ${modes} is more than the model's ${dof} degrees of freedom`);
  return modes;
}

export const virtualSensingCommand: Command = {
  name: "virtual-sensing",
  summary: "estimate unmeasured rotor vibration from simulated accelerometers with a UKF, scored against the truth",
  api: { module: "vsense", export: "virtualSensing" },
  usage: `Usage: twin virtual-sensing MODEL.json [--speed-rpm R] [--unbalance NODE:MAG:PHASE ...]
                             [--sensors NODE:DIR,...] [--estimate NODE:DIR,...] [--noise 0.01]
                             [--mismatch bearing-k=+10%] [--modes K] [--t-end T] [--fs HZ] [--seed S]
                             [--json] [--out FILE.csv]

Simulates the rig (full model, Newmark) with the known unbalance, adds seeded noise to the
accelerations at the sensor DOFs, runs the unscented Kalman filter on the reduced modal model
(process: exact discretisation with the unbalance force as input; measurement: accelerations,
H = [-Phi_s Kr, -Phi_s Cr], feedthrough Phi_s Phi^T f), and reports, for each estimated DOF, the
displacement NRMSE = RMS(error)/RMS(truth) and the 1X amplitude and phase errors, after the initial
part of the recording (--discard). "NRMSE model only" is the reduced model run from rest without
measurements. All of it is computed in the numerical core in one job call (jobVirtualSensing),
so a recorded run reruns bit for bit. Details: docs/vsense.md.

Nodes: shaft nodes 0..N-1, then pedestal nodes N, N+1, ... in the order of the bearings that carry
a pedestal (docs/rotor.md); a sensor on a pedestal node is an accelerometer on the bearing housing.

Options:
  --sensors LIST         accelerometer DOFs, NODE:DIR,..., shaft or pedestal nodes (default: x and y
                         at every bearing's shaft node)
  --modes K              modes of the filter's reduced model (default ${VS_DEFAULTS.modes})
${RUN_USAGE}
  --json                 print the result as JSON
  --out FILE.csv         write t, the noisy accelerations acc_<node>_<dir>, the true and estimated
                         displacements disp_<node>_<dir>, est_<node>_<dir>
  -h, --help             show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { ...RUN_OPTIONS, sensors: { type: "string" }, modes: { type: "string" }, json: { type: "boolean" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const model = loadModelFile(positionals[0]!);
    const sensorText = str(values.sensors);
    const sensors = sensorText !== undefined ? parseDofList(sensorText, new NodeNumbering(model), "--sensors") : [];
    const modes = parseModes(str(values.modes), model, VS_DEFAULTS.modes);
    const { estimates = [], ...o } = runOptions(values, model);
    const clash = estimates.filter((e) => sensors.some((s) => sameDof(s, e)));
    if (clash.length > 0) throw new UsageError(`--estimate: ${clash.map(dofName).join(", ")} carr${clash.length > 1 ? "y" : "ies"} a sensor`);
    const run = virtualSensing(model, { ...o, sensors, estimates, modes, series: str(values.out) !== undefined, names: VS_CLI_NAMES });
    const out = str(values.out);
    if (out !== undefined) writeOutput(out, virtualSensingCsv(run));
    if (values.json === true) io.out(stringifyJson(run.result) + "\n");
    else io.out(formatVirtualSensing(run.result) + (out !== undefined ? `time series written to ${out}\n` : ""));
    return 0;
  },
};
