// twin device replay FILE.csv --to URL: a recording streamed as the hardware would stream it — the
// rows become frames (docs/frame.md) at the recording's sample clock, sent over UDP, MQTT or a serial
// port. The rows are read by the replay source's CSV reader (src/live/replay.ts), so a file a
// `replay:` source accepts is a file this command sends, framed the same way.
import { createSocket } from "node:dgram";
import { isIP } from "node:net";
import { InputError } from "../errors.js";
import { UsageError, parseCommandLine, required, str } from "./args.js";
import { parseNumber } from "../io/values.js";
import { encodeFrame, FLAG_START, INT_RANGE, type Frame, type SampleFormat } from "../live/frame.js";
import { MqttSink, parseMqttUrl } from "../live/mqtt.js";
import { csvRecordingFrames, inspectCsvRecording, Pacer, parseSpeed, type Speed } from "../live/replay.js";
import { loadSerialPort, parseSerialUrl } from "../live/serial.js";
import { MAX_UDP_PAYLOAD, parseUdpUrl } from "../live/udp.js";
import type { CsvLineOptions } from "../live/csv-lines.js";
import { type Command, helpRequested, type Io } from "./common.js";

export const deviceReplayCommand: Command = {
  name: "device replay",
  summary: "stream a CSV recording as live frames over udp://, mqtt:// or serial:",
  usage: `Usage: twin device replay FILE.csv --to URL [--fs F] [--time COL | --index COL] [--columns A,B]
                          [--separator C] [--speed 1|N|fast] [--format int16|int24|float32 --scale S]
                          [--frame-samples N] [--json]

Sends the rows of FILE.csv (one sample per channel per row) as binary frames (docs/frame.md) at
the recording's sample rate, like the device that recorded it: seq = frame slot, t0 = sample index,
FLAG_START on the first frame. Rows that give no sample are reported on standard error
(file:line:column) and skipped; the frame they belonged to is not sent (the receiver sees a gap).
The reader is the replay source's (docs/sources.md): the separator is detected (, ; tab), a header
line names the columns, a time column gives the sample index (and fs when --fs is absent).

Options:
  --to URL            udp://HOST:PORT, mqtt://HOST:PORT/TOPIC or serial:/dev/PORT?baud=115200
  --fs F              sample rate in Hz (default: derived from --time)
  --time COL          time column: seconds or YYYY-MM-DD hh:mm:ss (a name, or a 0-based position)
  --index COL         sample-index column (integers)
  --columns A,B       channel columns (default: every other column)
  --separator C       field separator (default: detected)
  --speed S           1 = real time (default), N = N times faster, fast = as fast as possible
  --format F          float32 (default: the values, rounded to binary32, scale 1), int16 or int24
                      (codes round(value / scale), clipped to the code range: the receiver reports
                      clipped codes as over range)
  --scale S           physical units per code (required with int16/int24)
  --frame-samples N   samples per channel in a frame (default: 0.1 s of samples)
  --json              print the summary as one JSON object
  -h, --help          show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        to: { type: "string" }, fs: { type: "string" }, time: { type: "string" }, index: { type: "string" }, columns: { type: "string" },
        separator: { type: "string" }, speed: { type: "string" }, format: { type: "string" }, scale: { type: "string" },
        "frame-samples": { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "FILE.csv" },
    );
    if (helpRequested(values, this, io)) return 0;
    const file = positionals[0]!;
    const to = required(values.to, "--to");
    const transport = checkTarget(to);
    const column = (t: string): string | number => (/^\d+$/.test(t) ? Number(t) : t);
    const csv: CsvLineOptions = {};
    const fsText = str(values.fs);
    if (fsText !== undefined) csv.fs = parseNumber(fsText, "--fs", "positive");
    const time = str(values.time);
    const index = str(values.index);
    if (time !== undefined && index !== undefined) throw new UsageError("--time and --index: give one");
    if (time !== undefined) csv.time = column(time);
    if (index !== undefined) csv.index = column(index);
    const columns = str(values.columns);
    if (columns !== undefined) csv.columns = columns.split(",").map((c) => column(c.trim()));
    const sep = str(values.separator);
    if (sep !== undefined) {
      if (sep.length !== 1) throw new UsageError(`--separator: one character, not ${JSON.stringify(sep)}`);
      csv.separator = sep;
    }
    const n = str(values["frame-samples"]);
    if (n !== undefined) csv.samplesPerFrame = parseNumber(n, "--frame-samples", "posinteger");
    let speed: Speed;
    try {
      speed = parseSpeed(str(values.speed) ?? "1", "--speed");
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const format = (str(values.format) ?? "float32") as SampleFormat;
    if (format !== "float32" && format !== "int16" && format !== "int24") throw new UsageError(`--format: int16, int24 or float32, not ${JSON.stringify(format)}`);
    const scaleText = str(values.scale);
    if (format !== "float32" && scaleText === undefined) throw new UsageError(`--format ${format} needs --scale (physical units per code)`);
    if (format === "float32" && scaleText !== undefined) throw new UsageError("--scale goes with --format int16 or int24");
    const scale = scaleText === undefined ? 1 : parseNumber(scaleText, "--scale", "positive");
    if (!Number.isFinite(Math.fround(scale)) || Math.fround(scale) === 0) throw new UsageError(`--scale: ${scaleText} does not fit a binary32`);

    const info = inspectCsvRecording(file, csv, transport === "udp" ? MAX_UDP_PAYLOAD : 65535 * 4, 0xffff);
    const sender = await openSender(to, transport);
    const pacer = new Pacer(speed);
    let frames = 0, samples = 0, refused = 0, clipped = 0, unsent = 0;
    let firstSample: number | undefined;
    const started = performance.now();
    try {
      for await (const batch of csvRecordingFrames(info)) {
        for (const p of batch.problems) {
          refused++;
          io.err(`${file}:${p.line}${p.column !== undefined ? `:${p.column}` : ""}: ${p.reason} (row skipped)\n`);
        }
        for (const f of batch.frames) {
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
    const summary = { file, to, fs: info.fs, channels: info.channels, samplesPerFrame: info.samplesPerFrame, format, scale, frames, unsent, samples, refusedRows: refused, clippedSamples: clipped, seconds };
    if (values.json === true) io.out(JSON.stringify(summary) + "\n");
    else {
      io.out(`twin device replay: ${frames} frames (${samples} samples × ${info.channels} channels at ${info.fs} Hz, ${format}) sent to ${to} in ${seconds.toFixed(2)} s\n`);
      if (unsent > 0) io.out(`  ${unsent} frames not delivered to the transport (broker or port down)\n`);
      if (refused > 0) io.out(`  ${refused} rows refused\n`);
      if (clipped > 0) io.out(`  ${clipped} samples clipped to the ${format} code range\n`);
    }
    return 0;
  },
};

type Transport = "udp" | "mqtt" | "serial";

function checkTarget(to: string): Transport {
  try {
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
  } catch (e) {
    throw new UsageError(`--to: ${(e as Error).message}`);
  }
  throw new UsageError(`--to: ${to}: expected udp://host:port, mqtt://host:port/topic or serial:/dev/PORT`);
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
