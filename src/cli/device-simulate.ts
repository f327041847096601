// twin device simulate MODEL.json --to URL [--fs F] [--duration T] [--rpm R | --run-up R0:R1:TA:TB] ...
// The hardware stand-in: the rig's bearing accelerations (and a tach pulse) computed by the core's
// device simulator (assembly/device/, ABI.md "Device simulator"), streamed as frames (docs/frame.md)
// at the real sample rate over UDP, MQTT or a serial port, with the ground truth written beside.
// Registered by the `device` dispatcher (src/cli/device.ts) as `twin device simulate`.
import { located, parseEach, parseNumber } from "../index.js";
import { DEFAULT_SUBSTEPS, DEVICE_DEFAULTS, simulateDevice, transportOf, type Adc, type DeviceEvent, type SimulateDeviceOptions, type SpeedProfile } from "../device/index.js";
import { NodeNumbering, parseUnbalance } from "../rotor/index.js";
import { parseDofList } from "../vsense/index.js";
import { UsageError, many, parseCommandLine, required, str } from "./args.js";
import { type Command, type Io, helpRequested, runCommand } from "./common.js";
import { loadModelSource } from "./rotor-common.js";

export { DEVICE_DEFAULTS };

/** `RPM0:RPM1:TA:TB`. */
export function parseRunUp(text: string): SpeedProfile {
  const where = located("--run-up", text);
  const p = text.split(":");
  if (p.length !== 4) throw new UsageError(`${where}: expected RPM0:RPM1:TA:TB`);
  const rpm0 = parseNumber(p[0]!, `${where}: RPM0`, "nonnegative");
  const rpm1 = parseNumber(p[1]!, `${where}: RPM1`, "nonnegative");
  const ta = parseNumber(p[2]!, `${where}: TA`, "nonnegative");
  const tb = parseNumber(p[3]!, `${where}: TB`, "nonnegative");
  if (!(tb > ta)) throw new UsageError(`${where}: TB must be > TA`);
  return { kind: "run-up", rpm0, rpm1, ta, tb };
}

/** `T:unbalance:NODE:ME:PHASE` or `T:bearing-stiffness:INDEX|all:FACTOR`. */
export function parseAt(text: string, nodes: NodeNumbering, i = 0, count = 1): DeviceEvent {
  const where = located("--at", text, i, count);
  const p = text.split(":");
  const t = parseNumber(p[0] ?? "", `${where}: time`, "nonnegative");
  if (p[1] === "unbalance") {
    if (p.length !== 5) throw new UsageError(`${where}: expected T:unbalance:NODE:ME:PHASE`);
    const node = nodes.check(parseNumber(p[2]!, `${where}: node`, "integer"), where, true);
    return { t, kind: "unbalance", node, magnitude: parseNumber(p[3]!, `${where}: magnitude`, "nonnegative"), phase: parseNumber(p[4]!, `${where}: phase`), where };
  }
  if (p[1] === "bearing-stiffness") {
    if (p.length !== 4) throw new UsageError(`${where}: expected T:bearing-stiffness:INDEX|all:FACTOR`);
    const bearing = p[2] === "all" ? "all" : parseNumber(p[2]!, `${where}: bearing index`, "integer");
    return { t, kind: "bearing-stiffness", bearing, factor: parseNumber(p[3]!, `${where}: factor`, "positive"), where };
  }
  throw new UsageError(`${where}: expected T:unbalance:NODE:ME:PHASE or T:bearing-stiffness:INDEX|all:FACTOR`);
}

function parseAdc(adcText: string | undefined, fsText: string | undefined): Adc {
  const a = adcText ?? "float";
  if (a === "float") {
    if (fsText !== undefined) throw new UsageError(`--full-scale applies to --adc 16 or 24 (integer codes), not to float values`);
    return { bits: 0 };
  }
  if (a !== "16" && a !== "24") throw new UsageError(`--adc ${JSON.stringify(a)}: expected 16, 24 or float`);
  if (fsText === undefined) throw new UsageError(`--adc ${a} needs --full-scale FS (m/s²: codes span ±FS)`);
  const fullScale = parseNumber(fsText, "--full-scale", "positive");
  if (!Number.isFinite(Math.fround(fullScale)) || Math.fround(fullScale) === 0) throw new UsageError(`--full-scale ${fsText}: outside the binary32 range of the frame's scale`);
  return { bits: a === "16" ? 16 : 24, fullScale };
}

export const deviceSimulateCommand: Command = {
  name: "device simulate",
  summary: "stream a simulated rig's accelerometers (and tach) as frames over UDP, MQTT or serial",
  api: { module: "device", export: "simulateDevice" },
  usage: `Usage: twin device simulate MODEL.json --to URL [--fs F] [--duration T]
                            [--rpm R | --run-up RPM0:RPM1:TA:TB] [--unbalance NODE:ME:PHASE ...]
                            [--at T:unbalance:NODE:ME:PHASE ...] [--at T:bearing-stiffness:INDEX|all:FACTOR ...]
                            [--sensors NODE:DIR,...] [--noise STD[,STD...]] [--adc 16|24|float --full-scale FS]
                            [--pre-roll S]
                            [--tach] [--frame-samples N] [--seed S] [--speed 1|fast] [--truth FILE] [--json]

The hardware stand-in (docs/device.md): the rotor's response from rest computed by the numerical core
(Newmark time integration of the finite-element model under the speed profile and the schedule),
its accelerations at the sensors with noise and ADC quantisation, streamed as binary frames
(docs/frame.md) at the real sample rate. The ground truth (speed, displacement of every node, the
clean sensor accelerations) is written with --truth, aligned with the frames by sample index.

Options:
  --to URL                  udp://HOST:PORT, mqtt://HOST:PORT/TOPIC or serial:/dev/tty...?baud=N
  --fs F                    sample rate, Hz, a whole number of mHz (default ${DEVICE_DEFAULTS.fs})
  --duration T              seconds of signal to send (default: until SIGINT/SIGTERM)
  --pre-roll S              simulate S seconds from rest before the first frame, sending nothing (the
                            start-up transient); times (--at, the frames' t0) count from rest
  --rpm R                   constant shaft speed, rev/min (default ${DEVICE_DEFAULTS.rpm})
  --run-up RPM0:RPM1:TA:TB  speed RPM0 until TA s, linear to RPM1 at TB s, then RPM1
  --unbalance NODE:ME:PHASE unbalance at a shaft node from the start (kg m, rad), repeatable
                            (default 1e-4 kg m at phase 0 on the first disk)
  --at T:unbalance:NODE:ME:PHASE
                            add an unbalance at T s, repeatable
  --at T:bearing-stiffness:INDEX|all:FACTOR
                            from T s, bearing INDEX's (0-based, or every bearing's) stiffness is
                            FACTOR × the model's (e.g. 0.7: a 30 % drop), repeatable, in time order
  --sensors LIST            accelerometer places NODE:DIR,... (default: x and y at every bearing node)
  --noise STD[,STD...]      sensor noise standard deviation, m/s²: one for every sensor or one per
                            sensor (default 0)
  --adc 16|24|float         signed integer codes of 16 or 24 bits, or float32 values (default float)
  --full-scale FS           ADC range ±FS in m/s² (with --adc 16 or 24)
  --tach                    add a once-per-revolution pulse channel after the sensors (5 V as
                            float, half the code range as ADC codes)
  --tach-width W            pulse width as a fraction of a revolution (default ${DEVICE_DEFAULTS.tachWidth})
  --frame-samples N         samples per channel in one frame (default ${DEVICE_DEFAULTS.frameSamples})
  --substeps N              Newmark steps per sample (default ${DEFAULT_SUBSTEPS})
  --matrix-interval N       during a speed change, re-evaluate the speed-dependent matrices every N
                            samples at the interval's mid-time speed (default: the samples of 1 ms)
  --seed S                  seed of the sensor noise, integer 0 ... 2^53 (default ${DEVICE_DEFAULTS.seed})
  --speed 1|fast            1: real time (default); fast: as fast as the transport takes frames
  --truth FILE              write the ground truth to FILE.json (header) and FILE.f64 (values)
  --truth-quantities LIST   also velocity and/or acceleration of every node in the truth
  --json                    print the summary as JSON
  -h, --help                show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        to: { type: "string" },
        fs: { type: "string" },
        duration: { type: "string" },
        "pre-roll": { type: "string" },
        rpm: { type: "string" },
        "run-up": { type: "string" },
        unbalance: { type: "string", multiple: true },
        at: { type: "string", multiple: true },
        sensors: { type: "string" },
        noise: { type: "string" },
        adc: { type: "string" },
        "full-scale": { type: "string" },
        tach: { type: "boolean" },
        "tach-width": { type: "string" },
        "frame-samples": { type: "string" },
        substeps: { type: "string" },
        "matrix-interval": { type: "string" },
        seed: { type: "string" },
        speed: { type: "string" },
        truth: { type: "string" },
        "truth-quantities": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "MODEL.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const to = required(values.to, "--to");
    transportKind(to);
    const fsText = str(values.fs);
    const fs = parseNumber(fsText ?? String(DEVICE_DEFAULTS.fs), "--fs", "positive");
    if (!Number.isInteger(fs * 1000) || fs * 1000 > 0xffffffff) throw new UsageError(`--fs ${fsText}: must be a whole number of millihertz, at most 4294967.295 Hz (the frame's rate field)`);
    const preText = str(values["pre-roll"]);
    const preRoll = preText === undefined ? 0 : parseNumber(preText, "--pre-roll", "nonnegative");
    const durText = str(values.duration);
    const duration = durText === undefined ? undefined : parseNumber(durText, "--duration", "positive");
    if (duration !== undefined && Math.round(duration * fs) < 1) throw new UsageError(`--duration ${durText}: shorter than one sample at ${fs} Hz`);
    if (values.rpm !== undefined && values["run-up"] !== undefined) throw new UsageError("--rpm and --run-up exclude each other");
    const runUp = str(values["run-up"]);
    const speed: SpeedProfile = runUp !== undefined ? parseRunUp(runUp) : { kind: "constant", rpm: parseNumber(str(values.rpm) ?? String(DEVICE_DEFAULTS.rpm), "--rpm", "nonnegative") };
    const pace = str(values.speed) ?? "1";
    if (pace !== "1" && pace !== "fast") throw new UsageError(`--speed ${JSON.stringify(pace)}: expected 1 (real time) or fast`);
    const frameSamples = parseNumber(str(values["frame-samples"]) ?? String(DEVICE_DEFAULTS.frameSamples), "--frame-samples", "posinteger");
    if (frameSamples > 65535) throw new UsageError(`--frame-samples ${frameSamples}: at most 65535 (the frame's field)`);
    const adc = parseAdc(str(values.adc), str(values["full-scale"]));
    const tachWidthText = str(values["tach-width"]);
    if (tachWidthText !== undefined && values.tach !== true) throw new UsageError("--tach-width needs --tach");
    const tachWidth = values.tach === true ? parseNumber(tachWidthText ?? String(DEVICE_DEFAULTS.tachWidth), "--tach-width", "positive") : undefined;
    if (tachWidth !== undefined && !(tachWidth < 1)) throw new UsageError(`--tach-width ${tachWidthText}: must be a fraction of a revolution, < 1`);
    const tq = str(values["truth-quantities"]);
    const truthQ = { velocity: false, acceleration: false };
    if (tq !== undefined) {
      for (const q of tq.split(",").map((s) => s.trim())) {
        if (q !== "velocity" && q !== "acceleration") throw new UsageError(`--truth-quantities ${JSON.stringify(tq)}: expected velocity and/or acceleration, comma-separated`);
        truthQ[q] = true;
      }
    }
    const truthPath = str(values.truth);
    if (tq !== undefined && truthPath === undefined) throw new UsageError("--truth-quantities needs --truth FILE");

    const src = loadModelSource(positionals[0]!);
    const numbering = new NodeNumbering(src.model);
    const unbalance = parseEach(many(values.unbalance), (u, i, n) => ({ ...parseUnbalance(u, numbering, i, n), where: located("--unbalance", u, i, n) }));
    if (unbalance.length === 0 && (src.model.disks ?? []).length === 0) throw new UsageError("--unbalance is required: the model has no disk to put the default unbalance on");
    const events = parseEach(many(values.at), (t, i, n) => parseAt(t, numbering, i, n));
    const sensorsText = str(values.sensors);
    const options: SimulateDeviceOptions = {
      to,
      fs,
      preRoll,
      ...(duration !== undefined ? { duration } : {}),
      substeps: parseNumber(str(values.substeps) ?? String(DEFAULT_SUBSTEPS), "--substeps", "posinteger"),
      matrixInterval: parseNumber(str(values["matrix-interval"]) ?? String(Math.max(1, Math.round(fs / 1000))), "--matrix-interval", "posinteger"),
      speed,
      unbalance,
      events,
      ...(sensorsText !== undefined ? { sensors: parseDofList(sensorsText, numbering, "--sensors") } : {}),
      noise: parseNoise(str(values.noise)),
      seed: parseNumber(str(values.seed) ?? String(DEVICE_DEFAULTS.seed), "--seed", "integer"),
      adc,
      ...(tachWidth !== undefined ? { tachWidth } : {}),
      frameSamples,
      realtime: pace === "1",
      ...(truthPath !== undefined ? { truth: truthPath } : {}),
      truthQuantities: truthQ,
      provenance: { command: "twin device simulate", model: src.file, argv },
      labels: {
        to: "--to", fs: "--fs", substeps: "--substeps", speed: speed.kind === "constant" ? "--rpm" : "--run-up", seed: "--seed", adc: "--adc", fullScale: "--full-scale",
        tach: "--tach", sensors: "--sensors", noise: "--noise", events: "--at", matrixInterval: "--matrix-interval", frameSamples: "--frame-samples", unbalance: "--unbalance",
      },
    };
    const run = await simulateDevice(src, options);
    const stop = (): void => void run.stop();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    let summary;
    try {
      summary = await run.summary;
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
    if (values.json === true) io.out(JSON.stringify(summary) + "\n"); // one line: the last line of an NDJSON log
    else {
      io.out(`twin device simulate: ${summary.frames} frames (${summary.samples} samples × ${summary.channels} channels, ${summary.format}) to ${to}`);
      io.out(`, ${summary.delivered} delivered, ${summary.dropped} dropped, ${summary.clipped} codes clipped${summary.interrupted ? ", interrupted" : ""}\n`);
      if (summary.truth.length > 0) io.out(`truth: ${summary.truth.join(", ")}\n`);
    }
    return 0;
  },
};

/** --to: the transport of the URL, or a usage error naming it. */
function transportKind(to: string): string {
  try {
    return transportOf(to);
  } catch (e) {
    throw new UsageError(`--to: ${(e as Error).message}`);
  }
}

/** `twin device simulate ARGS`: the command with its errors turned into messages and exit codes. */
export async function deviceSimulate(argv: string[], io: Io): Promise<number> {
  return runCommand(deviceSimulateCommand, argv, io);
}

/** --noise: one std for every sensor channel, or a comma-separated std per sensor channel. */
function parseNoise(text: string | undefined): number | number[] {
  if (text === undefined) return 0;
  const parts = text.split(",");
  const v = parts.map((p) => parseNumber(p.trim(), "--noise", "nonnegative"));
  return v.length === 1 ? v[0]! : v;
}
