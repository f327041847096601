// twin device replay FILE.csv --to URL: a recording streamed as the hardware would stream it — the
// rows become frames (docs/frame.md) at the recording's sample clock, sent over UDP, MQTT or a serial
// port. The rows are read by the replay source's CSV reader (src/live/replay.ts), so a file a
// `replay:` source accepts is a file this command sends, framed the same way. A thin porch over
// replayDevice (machine-twin/device).
import { parseNumber } from "../index.js";
import { replayDevice, replayTarget, type ReplayDeviceOptions } from "../device/index.js";
import type { SampleFormat } from "../live/index.js";
import { UsageError, parseCommandLine, required, str } from "./args.js";
import { type Command, helpRequested } from "./common.js";

export const deviceReplayCommand: Command = {
  name: "device replay",
  summary: "stream a CSV recording as live frames over udp://, mqtt:// or serial:",
  api: { module: "device", export: "replayDevice" },
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
    try {
      replayTarget(to);
    } catch (e) {
      throw new UsageError(`--to: ${(e as Error).message}`);
    }
    const column = (t: string): string | number => (/^\d+$/.test(t) ? Number(t) : t);
    const options: ReplayDeviceOptions = { to, onProblem: (p) => io.err(`${file}:${p.line}${p.column !== undefined ? `:${p.column}` : ""}: ${p.reason} (row skipped)\n`) };
    const fsText = str(values.fs);
    if (fsText !== undefined) options.fs = parseNumber(fsText, "--fs", "positive");
    const time = str(values.time);
    const index = str(values.index);
    if (time !== undefined && index !== undefined) throw new UsageError("--time and --index: give one");
    if (time !== undefined) options.time = column(time);
    if (index !== undefined) options.index = column(index);
    const columns = str(values.columns);
    if (columns !== undefined) options.columns = columns.split(",").map((c) => column(c.trim()));
    const sep = str(values.separator);
    if (sep !== undefined) {
      if (sep.length !== 1) throw new UsageError(`--separator: one character, not ${JSON.stringify(sep)}`);
      options.separator = sep;
    }
    const n = str(values["frame-samples"]);
    if (n !== undefined) options.frameSamples = parseNumber(n, "--frame-samples", "posinteger");
    options.speed = parseSpeed(str(values.speed) ?? "1");
    const format = (str(values.format) ?? "float32") as SampleFormat;
    if (format !== "float32" && format !== "int16" && format !== "int24") throw new UsageError(`--format: int16, int24 or float32, not ${JSON.stringify(format)}`);
    const scaleText = str(values.scale);
    if (format !== "float32" && scaleText === undefined) throw new UsageError(`--format ${format} needs --scale (physical units per code)`);
    if (format === "float32" && scaleText !== undefined) throw new UsageError("--scale goes with --format int16 or int24");
    const scale = scaleText === undefined ? undefined : parseNumber(scaleText, "--scale", "positive");
    if (scale !== undefined && (!Number.isFinite(Math.fround(scale)) || Math.fround(scale) === 0)) throw new UsageError(`--scale: ${scaleText} does not fit a binary32`);
    options.format = format;
    if (scale !== undefined) options.scale = scale;

    const run = await replayDevice(file, options);
    const summary = await run.summary;
    if (values.json === true) io.out(JSON.stringify(summary) + "\n");
    else {
      io.out(`twin device replay: ${summary.frames} frames (${summary.samples} samples × ${summary.channels} channels at ${summary.fs} Hz, ${format}) sent to ${to} in ${summary.seconds.toFixed(2)} s\n`);
      if (summary.unsent > 0) io.out(`  ${summary.unsent} frames not delivered to the transport (broker or port down)\n`);
      if (summary.refusedRows > 0) io.out(`  ${summary.refusedRows} rows refused\n`);
      if (summary.clippedSamples > 0) io.out(`  ${summary.clippedSamples} samples clipped to the ${format} code range\n`);
    }
    return 0;
  },
};

/** --speed: 1 (real time), a factor N > 0, or fast. */
function parseSpeed(text: string): number | "fast" {
  if (text === "fast") return "fast";
  const x = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(x > 0)) throw new UsageError(`--speed: speed=${text}: a factor > 0 (1 = real time) or fast`);
  return x;
}
