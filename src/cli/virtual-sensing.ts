// twin virtual-sensing MODEL.json [--speed-rpm R] [--unbalance NODE:MAG:PHASE ...] [--sensors NODE:DIR,...]
//                   [--estimate NODE:DIR,...] [--noise 0.01] [--mismatch bearing-k=+10%] [--modes K] ... [--json]
// Virtual sensing on a simulated rig (docs/vsense.md): noisy accelerations at the sensors, a UKF on
// the reduced model, the estimated displacements at unmeasured DOFs against the simulated truth.
import { many, type Options, type Parsed, parseCommandLine, parseEach, parseNumber, parseUnbalance, str, UsageError } from "../io/args.js";
import { stringifyJson } from "../io/json.js";
import type { UnbalanceMass } from "../rotor/core.js";
import type { RotorModel } from "../rotor/model.js";
import { NodeNumbering } from "../rotor/nodes.js";
import { csvChunks } from "../signal/csv.js";
import { defaultEstimates, defaultSensors, defaultUnbalance } from "../vsense/defaults.js";
import { type Dof, dofName, parseDofList, responseColumn } from "../vsense/dofs.js";
import { formatVirtualSensing } from "../vsense/format.js";
import { MISMATCH_PARAMETERS, parseMismatch } from "../vsense/mismatch.js";
import { type VirtualSensingOptions, type VirtualSensingRun, virtualSensing, VS_DEFAULTS } from "../vsense/pipeline.js";
import { column } from "../vsense/truth.js";
import { type Command, helpRequested, loadModelFile, writeOutput } from "./common.js";
import { MAX_VALUES } from "./rotor-time.js";

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
  --seed S               seed of the sensor noise, integer >= 0 (default ${VS_DEFAULTS.seed})
  --model-error E        process noise: modal force std as a fraction of the largest modal
                         unbalance force (default ${VS_DEFAULTS.modelError})
  --substeps N           Newmark steps of the truth per sample (default ${VS_DEFAULTS.substeps})`;

function num(values: Parsed["values"], key: string, fallback: number, rule: Parameters<typeof parseNumber>[2]): number {
  return parseNumber(str(values[key]) ?? String(fallback), `--${key}`, rule);
}

/** The run options other than sensors, estimates and modes, checked against the model. */
export function runOptions(values: Parsed["values"], model: RotorModel): Omit<VirtualSensingOptions, "sensors" | "estimates" | "modes"> & { estimates?: Dof[] } {
  const numbering = new NodeNumbering(model);
  const nodes = numbering.count;
  const rpm = num(values, "speed-rpm", VS_DEFAULTS.speedRpm, "positive");
  const given = parseEach(many(values.unbalance), (u, i, n) => parseUnbalance(u, numbering, i, n));
  let unbalance: UnbalanceMass[];
  if (given.length > 0) unbalance = given;
  else {
    const d = defaultUnbalance(model);
    if (d === null) throw new UsageError("--unbalance is required: the model has no disk to put the default unbalance on");
    unbalance = d;
  }
  if (unbalance.every((u) => u.magnitude === 0)) throw new UsageError("--unbalance: at least one unbalance must be non-zero (it drives the response)");
  const fs = num(values, "fs", VS_DEFAULTS.fs, "positive");
  const tEnd = num(values, "t-end", VS_DEFAULTS.tEnd, "positive");
  const tPre = num(values, "t-pre", VS_DEFAULTS.tPre, "nonnegative");
  const discard = num(values, "discard", VS_DEFAULTS.discard, "nonnegative");
  const substeps = num(values, "substeps", VS_DEFAULTS.substeps, "posinteger");
  const samples = Math.round(tEnd * fs), discarded = Math.round(discard * fs);
  const speedHz = rpm / 60;
  if (discarded > samples - Math.ceil((2 * fs) / speedHz)) {
    throw new UsageError(`--discard ${discard} s leaves less than two revolutions of the ${tEnd} s recording for the error figures`);
  }
  if (!(speedHz < fs / 2)) throw new UsageError(`--speed-rpm ${rpm}: the shaft frequency ${speedHz} Hz is not below fs/2 = ${fs / 2} Hz`);
  const rows = (Math.round(tPre * fs) + samples) * substeps + 1;
  if (rows * (1 + 4 * nodes) > MAX_VALUES) throw new UsageError(`${rows} time steps x ${nodes} nodes is too long a simulation: reduce --t-end, --t-pre, --fs or --substeps`);
  const noise = num(values, "noise", VS_DEFAULTS.noise, "nonnegative");
  const seed = num(values, "seed", VS_DEFAULTS.seed, "integer");
  const estimateText = str(values.estimate);
  return {
    speed: (rpm * 2 * Math.PI) / 60,
    unbalance,
    noise,
    mismatch: many(values.mismatch).map(parseMismatch),
    fs,
    tEnd,
    tPre,
    discard,
    seed,
    modelError: num(values, "model-error", VS_DEFAULTS.modelError, "nonnegative"),
    substeps,
    ...(estimateText !== undefined ? { estimates: parseDofList(estimateText, numbering, "--estimate") } : {}),
  };
}

/** The modes option: at least 1, at most the model's DOFs. */
export function parseModes(text: string | undefined, model: RotorModel, fallback: number): number {
  const modes = parseNumber(text ?? String(fallback), "--modes", "posinteger");
  const dof = new NodeNumbering(model).dof;
  if (modes > dof) throw new UsageError(`--modes ${modes} is more than the model's ${dof} degrees of freedom`);
  return modes;
}

/** CSV of a run: t, the noisy accelerations, then truth and estimate of every estimated DOF. */
export function* runCsv(run: VirtualSensingRun, sensors: Dof[], estimates: Dof[]): Generator<string> {
  const noisy = run.noisy;
  const rec = run.recording, w = 2 * rec.nodes;
  const tag = (d: Dof) => `${d.node}_${d.dir}`;
  const header = ["t", ...sensors.map((d) => `acc_${tag(d)}`), ...estimates.flatMap((d) => [`disp_${tag(d)}`, `est_${tag(d)}`])];
  const truth = estimates.map((d) => column(rec.disp, w, responseColumn(d)));
  yield* csvChunks(header, rec.samples, (i) => [rec.t[i]!, ...noisy.map((z) => z[i]!), ...estimates.flatMap((_, e) => [truth[e]![i]!, run.estimated[e]![i]!])]);
}

export const virtualSensingCommand: Command = {
  name: "virtual-sensing",
  summary: "estimate unmeasured rotor vibration from simulated accelerometers with a UKF, scored against the truth",
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
measurements. Details: docs/vsense.md.

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
    const sensors = sensorText !== undefined ? parseDofList(sensorText, new NodeNumbering(model), "--sensors") : defaultSensors(model);
    const modes = parseModes(str(values.modes), model, VS_DEFAULTS.modes);
    const { estimates: given, ...o } = runOptions(values, model);
    const estimates = given ?? defaultEstimates(model, sensors);
    if (estimates.length === 0) throw new UsageError("--estimate: nothing to estimate (every default location carries a sensor)");
    const clash = estimates.filter((e) => sensors.some((s) => s.node === e.node && s.dir === e.dir));
    if (clash.length > 0) throw new UsageError(`--estimate: ${clash.map(dofName).join(", ")} carr${clash.length > 1 ? "y" : "ies"} a sensor`);
    const run = virtualSensing(model, { ...o, sensors, estimates, modes });
    const out = str(values.out);
    if (out !== undefined) writeOutput(out, runCsv(run, sensors, estimates));
    if (values.json === true) io.out(stringifyJson(run.result) + "\n");
    else io.out(formatVirtualSensing(run.result) + (out !== undefined ? `time series written to ${out}\n` : ""));
    return 0;
  },
};
