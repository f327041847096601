// `twin device replay` as a library: a CSV recording streamed as the hardware would stream it — the
// rows become frames (docs/frame.md) at the recording's sample clock, sent over UDP, MQTT or a serial
// port. The rows are read by the replay source's CSV reader (src/live/replay.ts), so a file a
// `replay:` source accepts is a file this sends, framed the same way.
import { createSocket } from "node:dgram";
import { isIP } from "node:net";
import { ArgumentError, InputError } from "../errors.js";
import { encodeFrame, FLAG_START, INT_RANGE, type Frame, type SampleFormat } from "../live/frame.js";
import { MqttSink, parseMqttUrl } from "../live/mqtt.js";
import { csvRecordingFrames, inspectCsvRecording, Pacer, type Speed } from "../live/replay.js";
import { loadSerialPort, parseSerialUrl } from "../live/serial.js";
import { MAX_UDP_PAYLOAD, parseUdpUrl } from "../live/udp.js";
import type { LineProblem } from "../live/csv-lines.js";

/** How a CSV recording is read and sent. Every field but `to` has a default. */
export interface ReplayDeviceOptions {
  /** udp://HOST:PORT, mqtt://HOST:PORT/TOPIC or serial:/dev/PORT?baud=115200 */
  to: string;
  /** sample rate, Hz (default: derived from the time column) */
  fs?: number;
  /** time column, seconds or YYYY-MM-DD hh:mm:ss: a name, or a 0-based position */
  time?: string | number;
  /** sample-index column (integers) */
  index?: string | number;
  /** channel columns (default every other column) */
  columns?: (string | number)[];
  /** field separator, one character (default: detected among , ; tab) */
  separator?: string;
  /** 1 = real time (default), N = N times faster, "fast" = as fast as possible */
  speed?: Speed;
  /** float32 (default: the values rounded to binary32, scale 1), int16 or int24 (codes round(value / scale), clipped) */
  format?: SampleFormat;
  /** physical units per code (required with int16/int24) */
  scale?: number;
  /** samples per channel in a frame (default 0.1 s of samples) */
  frameSamples?: number;
  /** a row that gives no sample (it is skipped; its frame is not sent): file, line, column, reason */
  onProblem?: (problem: LineProblem & { file: string }) => void;
}

/** What `twin device replay --json` prints. */
export interface ReplaySummary {
  file: string;
  to: string;
  fs: number;
  channels: number;
  samplesPerFrame: number;
  format: SampleFormat;
  scale: number;
  /** frames the transport took */
  frames: number;
  /** frames not delivered to the transport (broker or port down) */
  unsent: number;
  samples: number;
  refusedRows: number;
  clippedSamples: number;
  /** wall-clock seconds */
  seconds: number;
}

/** A recording being streamed. */
export interface ReplayRun {
  /** resolves with the summary when the recording has been sent (or stop() was called) */
  readonly summary: Promise<ReplaySummary>;
  /** stops after the frame being sent; resolves with the summary */
  stop(): Promise<ReplaySummary>;
}

type Transport = "udp" | "mqtt" | "serial";

/** The transport of a target URL; throws an Error whose message starts with the URL. */
export function replayTarget(to: string): Transport {
  if (to.startsWith("udp:")) {
    parseUdpUrl(to);
    return "udp";
  }
  if (to.startsWith("mqtt:")) {
    if (parseMqttUrl(to).topic === undefined) throw new Error(`${to}: no topic, expected mqtt://host:port/topic`);
    return "mqtt";
  }
  if (to.startsWith("serial:")) {
    if (parseSerialUrl(to).mode !== "frames") throw new Error(`${to}: the replayer sends frames (mode=frames)`);
    return "serial";
  }
  throw new Error(`${to}: expected udp://host:port, mqtt://host:port/topic or serial:/dev/PORT`);
}

/**
 * Streams a CSV recording as live frames (`twin device replay`): one sample per channel per row, at
 * the recording's sample rate times `speed`; seq = frame slot, t0 = sample index, FLAG_START on the
 * first frame. Resolves once the file is checked and the transport open.
 * @throws ArgumentError for an option that does not fit (path: the option); CsvError (an InputError, file:line) for a recording that cannot be read
 * @throws InputError for a serial port that cannot be opened
 */
export async function replayDevice(file: string, options: ReplayDeviceOptions): Promise<ReplayRun> {
  let transport: Transport;
  try {
    transport = replayTarget(options.to);
  } catch (e) {
    throw new ArgumentError(`to: ${(e as Error).message}`, { path: "to" });
  }
  const format = options.format ?? "float32";
  if (format !== "float32" && format !== "int16" && format !== "int24") throw new ArgumentError(`format: int16, int24 or float32, not ${JSON.stringify(format)}`, { path: "format" });
  if (format !== "float32" && options.scale === undefined) throw new ArgumentError(`format ${format} needs scale (physical units per code)`, { path: "scale" });
  if (format === "float32" && options.scale !== undefined) throw new ArgumentError("scale goes with format int16 or int24", { path: "scale" });
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(Math.fround(scale)) || Math.fround(scale) === 0) throw new ArgumentError(`scale: ${scale} is not a binary32 > 0`, { path: "scale" });
  if (options.time !== undefined && options.index !== undefined) throw new ArgumentError("time and index: give one", { path: "index" });
  if (options.separator !== undefined && options.separator.length !== 1) throw new ArgumentError(`separator: one character, not ${JSON.stringify(options.separator)}`, { path: "separator" });
  const speed = options.speed ?? 1;
  if (speed !== "fast" && !(typeof speed === "number" && speed > 0 && Number.isFinite(speed))) throw new ArgumentError(`speed: a factor > 0 (1 = real time) or "fast", not ${JSON.stringify(speed)}`, { path: "speed" });
  const info = inspectCsvRecording(file, {
    ...(options.fs !== undefined ? { fs: options.fs } : {}),
    ...(options.time !== undefined ? { time: options.time } : {}),
    ...(options.index !== undefined ? { index: options.index } : {}),
    ...(options.columns !== undefined ? { columns: options.columns } : {}),
    ...(options.separator !== undefined ? { separator: options.separator } : {}),
    ...(options.frameSamples !== undefined ? { samplesPerFrame: options.frameSamples } : {}),
  }, transport === "udp" ? MAX_UDP_PAYLOAD : 65535 * 4, 0xffff);
  const sender = await openSender(options.to, transport);
  const pacer = new Pacer(speed);
  let stopped = false;
  const sent = (async (): Promise<ReplaySummary> => {
    let frames = 0, samples = 0, refused = 0, clipped = 0, unsent = 0;
    let firstSample: number | undefined;
    const started = performance.now();
    try {
      outer: for await (const batch of csvRecordingFrames(info)) {
        for (const p of batch.problems) {
          refused++;
          options.onProblem?.({ ...p, file });
        }
        for (const f of batch.frames) {
          if (stopped) break outer;
          firstSample ??= f.t0;
          await pacer.until(((f.t0 + f.samplesPerChannel - firstSample) / info.fs) * 1000);
          const enc = encode(f, format, scale, frames === 0);
          clipped += enc.clipped;
          if (await sender.send(enc.bytes)) {
            frames++;
            samples += f.samplesPerChannel;
          } else unsent++;
        }
      }
    } finally {
      await sender.close();
    }
    const seconds = (performance.now() - started) / 1000;
    return { file, to: options.to, fs: info.fs, channels: info.channels, samplesPerFrame: info.samplesPerFrame, format, scale, frames, unsent, samples, refusedRows: refused, clippedSamples: clipped, seconds };
  })();
  return {
    summary: sent,
    stop: () => {
      stopped = true;
      return sent;
    },
  };
}

/** One frame in the chosen sample format; FLAG_START on the first. */
function encode(f: Frame, format: SampleFormat, scale: number, first: boolean): { bytes: Uint8Array; clipped: number } {
  const flags = first ? FLAG_START : 0;
  const head = { channels: f.channels, samplesPerChannel: f.samplesPerChannel, seq: f.seq, t0: f.t0, rateMilliHz: f.rateMilliHz, flags };
  if (format === "float32") return { bytes: encodeFrame({ ...head, format, scale: 1, raw: f.raw }), clipped: 0 };
  const { min, max } = INT_RANGE[format];
  const raw = new Int32Array(f.raw.length);
  let clipped = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = f.raw[i]!;
    // NaN has no code: it is sent as a clipped code, which the receiver refuses as over range
    let code = Number.isNaN(v) ? max : Math.round(v / scale);
    if (code <= min || code >= max) {
      code = code <= min ? min : max;
      clipped++;
    }
    raw[i] = code;
  }
  return { bytes: encodeFrame({ ...head, format, scale, raw }), clipped };
}

interface Sender {
  /** true once the transport took the frame */
  send(bytes: Uint8Array): Promise<boolean>;
  close(): Promise<void>;
}

async function openSender(to: string, transport: Transport): Promise<Sender> {
  if (transport === "udp") {
    const target = parseUdpUrl(to);
    const socket = createSocket(isIP(target.host) === 6 ? "udp6" : "udp4");
    return {
      send: (bytes) => new Promise<boolean>((resolve) => socket.send(bytes, target.port, target.host, (err) => resolve(!err))),
      close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
    };
  }
  if (transport === "mqtt") {
    const sink = await MqttSink.open(to);
    return { send: (bytes) => sink.publish(bytes), close: () => sink.close() };
  }
  const { path, baudRate } = parseSerialUrl(to);
  const SerialPort = await loadSerialPort();
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(new InputError(`${to}: cannot open ${path}: ${err.message}`)) : resolve())));
  port.on("error", () => {});
  return {
    send: (bytes) =>
      new Promise<boolean>((resolve) => {
        if (!port.isOpen) return resolve(false);
        port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (err) => {
          if (err) return resolve(false);
          port.drain((e) => resolve(!e));
        });
      }),
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}
