// `twin device simulate` as a library: the rig's accelerations computed by the core's device
// simulator, streamed as frames at the real sample rate (or as fast as the transport takes them) over
// UDP, MQTT or a serial port, the ground truth written beside. The handle stops it; the summary is
// what `twin device simulate --json` prints.
import { readFileSync } from "node:fs";
import { ArgumentError, InputError, OutputError } from "../errors.js";
import { MAX_CHANNELS } from "../live/frame.js";
import { MAX_UDP_PAYLOAD } from "../live/udp.js";
import type { UnbalanceMass } from "../rotor/core.js";
import type { Located } from "../rotor/jobs.js";
import type { RotorModel } from "../rotor/model.js";
import type { ModelSource } from "../rotor/request.js";
import { parseRotorModel } from "../rotor/validate.js";
import type { Dof } from "../vsense/dofs.js";
import { defaultUnbalance } from "../vsense/defaults.js";
import { deviceFrameBytes, frameSpec } from "./frames.js";
import { streamDevice } from "./pacing.js";
import { type Adc, DEFAULT_SUBSTEPS, type DeviceEvent, type DeviceLabels, type DeviceOptions, DeviceSimulator, type SpeedProfile } from "./simulator.js";
import { openTransmitter, transportOf } from "./transmit.js";
import { TruthWriter } from "./truth.js";

/** The defaults of simulateDevice (and `twin device simulate`). */
export const DEVICE_DEFAULTS = { fs: 5120, rpm: 1200, frameSamples: 256, tachWidth: 0.1, seed: 1 } as const;

/** How messages name the options: simulateDevice's option names unless given (the CLI gives its flags). */
export type SimulateLabels = DeviceLabels & { to?: string; frameSamples?: string; unbalance?: string };

/** What simulateDevice streams, and where. Every field but `to` has a default. */
export interface SimulateDeviceOptions {
  /** udp://HOST:PORT, mqtt://HOST:PORT/TOPIC or serial:/dev/tty...?baud=N */
  to: string;
  /** sample rate, Hz, a whole number of mHz (default 5120) */
  fs?: number;
  /** seconds of signal to send (default: until stop()) */
  duration?: number;
  /** seconds simulated from rest before the first frame, sending nothing (the start-up transient); default 0 */
  preRoll?: number;
  /** shaft speed (default constant 1200 rpm) */
  speed?: SpeedProfile;
  /** unbalance masses from the start (node, kg m, rad); default 1e-4 kg m at phase 0 on the first disk */
  unbalance?: Located<UnbalanceMass>[];
  /** changes while running (an unbalance added, a bearing's stiffness scaled), in time order */
  events?: DeviceEvent[];
  /** accelerometer places; default x and y at every bearing node */
  sensors?: Dof[];
  /** sensor noise std, m/s²: one for every sensor or one per sensor (default 0) */
  noise?: number | number[];
  /** the ADC: binary32 values (default) or signed codes of 16 or 24 bits over ±fullScale m/s² */
  adc?: Adc;
  /** add a once-per-revolution tach channel with this pulse width (fraction of a revolution) */
  tachWidth?: number;
  /** samples per channel in a frame (default 256, at most 65535) */
  frameSamples?: number;
  /** Newmark steps per sample (default 4) */
  substeps?: number;
  /** during a speed change, re-evaluate the speed-dependent matrices every N samples (default: the samples of 1 ms) */
  matrixInterval?: number;
  /** seed of the sensor noise (default 1) */
  seed?: number;
  /** true (default): at the real sample rate; false: as fast as the transport takes frames */
  realtime?: boolean;
  /** write the ground truth to this base path: BASE.json (header) and BASE.f64 (values) */
  truth?: string;
  /** also velocity and/or acceleration of every node in the truth */
  truthQuantities?: { velocity?: boolean; acceleration?: boolean };
  /** recorded in the truth header as its source (default the function and the model file) */
  provenance?: Record<string, unknown>;
  /** how messages name the options (default these option names) */
  labels?: SimulateLabels;
}

/** What `twin device simulate --json` prints. */
export interface SimulateSummary {
  to: string;
  fs: number;
  channels: number;
  format: string;
  scale: number;
  frames: number;
  delivered: number;
  dropped: number;
  samples: number;
  clipped: number;
  /** seconds of signal sent */
  seconds: number;
  elapsedSeconds: number;
  maxLagMs: number;
  /** stopped before `duration` */
  interrupted: boolean;
  /** the truth files written */
  truth: string[];
}

/** A streaming device. */
export interface DeviceRun {
  /** resolves with the summary when the stream ends (duration reached, or stopped) */
  readonly summary: Promise<SimulateSummary>;
  /** stops the stream after the frame being sent; resolves with the summary */
  stop(): Promise<SimulateSummary>;
}

const LIB_LABELS: Required<Omit<SimulateLabels, "speed">> = {
  to: "to", fs: "fs", substeps: "substeps", seed: "seed", adc: "adc", fullScale: "adc.fullScale", tach: "tachWidth", sensors: "sensors", noise: "noise",
  events: "events", matrixInterval: "matrixInterval", frameSamples: "frameSamples", unbalance: "unbalance",
};

function modelSource(model: RotorModel | ModelSource | string): ModelSource {
  if (typeof model !== "string") return "model" in model && "file" in model ? (model as ModelSource) : { model: model as RotorModel, file: "model" };
  let text: string;
  try {
    text = readFileSync(model, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${model}: cannot read: ${err.code !== undefined ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, "")}` : err.message}`, { file: model });
  }
  return { model: parseRotorModel(text, model), file: model };
}

/** Opens the simulator; a value the core refuses is an ArgumentError whose path is the option it came from. */
function openSimulator(src: ModelSource, o: DeviceOptions, labels: DeviceLabels): DeviceSimulator {
  try {
    return DeviceSimulator.open(src, o, labels);
  } catch (e) {
    if (!(e instanceof ArgumentError) || e.path !== undefined) throw e;
    const given = Object.entries(labels).filter((kv): kv is [string, string] => typeof kv[1] === "string");
    const hit = given.filter(([, label]) => e.message.startsWith(`${label}:`) || e.message.startsWith(`${label}[`)).sort((a, b) => b[1].length - a[1].length)[0];
    if (hit === undefined) throw e;
    const path = hit[0] === "speed" ? "speed" : LIB_LABELS[hit[0] as keyof typeof LIB_LABELS];
    throw new ArgumentError(e.message, { path }, { cause: e });
  }
}

/**
 * Streams a simulated rig (`twin device simulate`): the rotor's response from rest computed by the
 * core (Newmark integration under the speed profile and the events), its accelerations at the
 * sensors with noise and ADC quantisation, sent as frames (docs/frame.md). Resolves once the stream
 * has started.
 * @param model a rotor model object, `{ model, file }`, or a model file
 * @throws ArgumentError for an option the simulator refuses (path: the option), ModelError for a bad model
 * @throws OutputError when the transport or the truth file cannot be opened or written
 */
export async function simulateDevice(model: RotorModel | ModelSource | string, options: SimulateDeviceOptions): Promise<DeviceRun> {
  const labels = { ...LIB_LABELS, ...options.labels };
  const bad = (label: keyof typeof LIB_LABELS, message: string): ArgumentError => new ArgumentError(`${labels[label]}${message}`, { path: LIB_LABELS[label] });
  let kind: ReturnType<typeof transportOf>;
  try {
    kind = transportOf(options.to);
  } catch (e) {
    throw bad("to", `: ${(e as Error).message}`);
  }
  const fs = options.fs ?? DEVICE_DEFAULTS.fs;
  if (!(Number.isFinite(fs) && fs > 0) || !Number.isInteger(fs * 1000) || fs * 1000 > 0xffffffff) throw bad("fs", ` ${fs}: must be a whole number of millihertz, at most 4294967.295 Hz (the frame's rate field)`);
  const frameSamples = options.frameSamples ?? DEVICE_DEFAULTS.frameSamples;
  if (!Number.isInteger(frameSamples) || frameSamples < 1 || frameSamples > 65535) throw bad("frameSamples", ` ${frameSamples}: an integer from 1 to 65535 (the frame's field)`);
  const preRollSamples = Math.round((options.preRoll ?? 0) * fs);
  const totalSamples = options.duration === undefined ? Infinity : Math.round(options.duration * fs);
  if (totalSamples < 1) throw new ArgumentError(`duration ${options.duration}: shorter than one sample at ${fs} Hz`, { path: "duration" });
  const src = modelSource(model);
  let unbalance: Located<UnbalanceMass>[] = (options.unbalance ?? []).map((u, i) => ({ ...u, where: u.where ?? `${labels.unbalance}[${i}]` }));
  if (unbalance.length === 0) {
    const d = defaultUnbalance(src.model);
    if (d === null) throw bad("unbalance", " is required: the model has no disk to put the default unbalance on");
    unbalance = d;
  }
  const deviceOptions: DeviceOptions = {
    fs,
    substeps: options.substeps ?? DEFAULT_SUBSTEPS,
    matrixInterval: options.matrixInterval ?? Math.max(1, Math.round(fs / 1000)),
    speed: options.speed ?? { kind: "constant", rpm: DEVICE_DEFAULTS.rpm },
    unbalance,
    events: (options.events ?? []).map((e, i) => ({ ...e, where: e.where ?? `${labels.events}[${i}]` })),
    ...(options.sensors !== undefined ? { sensors: options.sensors } : {}),
    noise: options.noise ?? 0,
    seed: options.seed ?? DEVICE_DEFAULTS.seed,
    adc: options.adc ?? { bits: 0 },
    ...(options.tachWidth !== undefined ? { tachWidth: options.tachWidth } : {}),
    truth: { velocity: options.truthQuantities?.velocity === true, acceleration: options.truthQuantities?.acceleration === true },
  };
  const deviceLabels: DeviceLabels = { ...labels, speed: options.labels?.speed ?? "speed" };
  const sim = openSimulator(src, deviceOptions, deviceLabels);
  try {
    const info = sim.info;
    if (info.channels > MAX_CHANNELS) throw bad("sensors", `: ${info.channels} channels, a frame carries at most ${MAX_CHANNELS}`);
    const spec = frameSpec(info);
    const bytes = deviceFrameBytes(spec, frameSamples);
    if (kind === "udp" && bytes > MAX_UDP_PAYLOAD) throw bad("frameSamples", ` ${frameSamples}: a frame of ${bytes} bytes does not fit a UDP datagram (${MAX_UDP_PAYLOAD}); use fewer samples per frame`);
    let tx;
    try {
      tx = await openTransmitter(options.to);
    } catch (e) {
      throw new OutputError(`${labels.to} ${options.to}: ${(e as Error).message}`);
    }
    let truth: TruthWriter | undefined;
    try {
      truth = options.truth === undefined ? undefined : new TruthWriter(options.truth, fs, info.truth, options.provenance ?? { command: "simulateDevice", model: src.file });
    } catch (e) {
      await tx.close();
      throw e;
    }
    const abort = new AbortController();
    const streamed = (async (): Promise<SimulateSummary> => {
      let stats;
      try {
        stats = await streamDevice(sim, spec, tx, { frameSamples, totalSamples, realtime: options.realtime !== false, signal: abort.signal, preRollSamples }, (b) => truth?.append(b.first, b.truth));
      } catch (e) {
        truth?.discard();
        throw e;
      } finally {
        await tx.close();
        sim.free();
      }
      let truthFiles: string[] = [];
      if (truth !== undefined) {
        try {
          truth.close();
        } catch (e) {
          throw new OutputError(`${truth.base}: cannot write the truth: ${(e as Error).message}`);
        }
        truthFiles = [`${truth.base}.json`, `${truth.base}.f64`];
      }
      return {
        to: options.to, fs, channels: info.channels, format: spec.format, scale: spec.scale, frames: stats.frames, delivered: stats.delivered, dropped: stats.dropped,
        samples: stats.samples, clipped: stats.clipped, seconds: stats.samples / fs, elapsedSeconds: stats.elapsedMs / 1000, maxLagMs: stats.maxLagMs, interrupted: stats.aborted,
        truth: truthFiles,
      };
    })();
    return {
      summary: streamed,
      stop: () => {
        abort.abort();
        return streamed;
      },
    };
  } catch (e) {
    sim.free();
    throw e;
  }
}
