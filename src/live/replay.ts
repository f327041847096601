// Replay sources: a recorded input played back as if it arrived now.
//   - a CSV file of samples (a waveform, or a per-second feature stream: the same thing at fs = 1):
//     one row = one sample per channel, with a time or sample-index column or neither (rows are
//     consecutive samples); rows become float32 frames (src/live/csv-lines.ts), encoded as the
//     one binary frame and handed to the decoder as messages, so a session recording of a replay
//     holds frames like any other;
//   - a runner session (a directory with `input.twrec`, or the file itself): its units go through
//     the same InputDecoder as when they were received, to the same frames, decisions and events.
// Pacing: speed=1 real time (by the sample clock for CSV, by the recorded arrival times for a
// session), speed=N N times faster, speed=fast as fast as possible, yielding to the event loop
// after every unit. Wall-clock targets are computed from the start, so timer lateness never adds up.
import { createReadStream, existsSync, openSync, readSync, closeSync, statSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as yieldLoop, setTimeout as sleep } from "node:timers/promises";
import { CsvError, CsvStream, parseCsv, type CsvRecord } from "../io/csv.js";
import { CsvRows, defaultSamplesPerFrame, parseTime, rateMilliHz, rowToFrames, SlotFramer, type CsvLineOptions, type LineProblem } from "./csv-lines.js";
import { dispatch, InputDecoder, type DecoderOptions, type InputUnit } from "./decode.js";
import { encodeFrame, frameBytes, type Frame } from "./frame.js";
import { readInputRecording } from "./recording.js";
import type { Decision, QualityEvent, StreamQuality, StreamTracker } from "./tracker.js";

export type Speed = number | "fast";

export interface ReplayEndpoint {
  path: string;
  /** A session directory (or its input.twrec) or a CSV file. */
  kind: "session" | "csv";
  speed: Speed;
  /** CSV options given in the URL (they override the source options' csv). */
  csv: CsvLineOptions;
}

/** The file a session directory keeps its input in. */
export const SESSION_INPUT = "input.twrec";

const QUERY_KEYS = new Set(["speed", "fs", "time", "index", "columns", "frame-samples", "sep", "header"]);

function column(text: string): string | number {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** Parses `speed=1|N|fast`. */
export function parseSpeed(text: string, where: string): Speed {
  if (text === "fast") return "fast";
  const x = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(x > 0)) throw new Error(`${where}: speed=${text}: a factor > 0 (1 = real time) or fast`);
  return x;
}

/**
 * `replay:PATH[?speed=1|N|fast]` and for CSV files `fs=F`, `time=COL`, `index=COL`, `columns=A,B`,
 * `frame-samples=N`, `sep=;` (`%3B`), `header=0|1`. PATH is a session directory (it holds
 * input.twrec), a .twrec file, or a CSV file.
 */
export function parseReplayUrl(url: string): ReplayEndpoint {
  if (!url.startsWith("replay:")) throw new Error(`${url}: expected replay:PATH[?speed=1|N|fast]`);
  const rest = url.slice("replay:".length);
  const q = rest.indexOf("?");
  const path = decodeURIComponent(q < 0 ? rest : rest.slice(0, q));
  if (path === "") throw new Error(`${url}: no path, expected replay:PATH[?speed=1|N|fast]`);
  const params = new URLSearchParams(q < 0 ? "" : rest.slice(q + 1));
  for (const key of params.keys()) {
    if (!QUERY_KEYS.has(key)) throw new Error(`${url}: unknown parameter ${JSON.stringify(key)} (known: ${[...QUERY_KEYS].join(", ")})`);
    if (params.getAll(key).length > 1) throw new Error(`${url}: parameter ${key} given twice`);
  }
  const speed = parseSpeed(params.get("speed") ?? "1", url);
  const csv: CsvLineOptions = {};
  const fsText = params.get("fs");
  if (fsText !== null) {
    const fs = Number(fsText);
    if (!/^\d+(\.\d+)?$/.test(fsText) || !(fs > 0)) throw new Error(`${url}: fs=${fsText}: a sample rate in Hz > 0`);
    csv.fs = fs;
  }
  for (const key of ["time", "index"] as const) {
    const v = params.get(key);
    if (v !== null) csv[key] = column(v);
  }
  const columns = params.get("columns");
  if (columns !== null) csv.columns = columns.split(",").map(column);
  const n = params.get("frame-samples");
  if (n !== null) {
    if (!/^\d+$/.test(n) || Number(n) < 1) throw new Error(`${url}: frame-samples=${n}: an integer >= 1`);
    csv.samplesPerFrame = Number(n);
  }
  const sep = params.get("sep");
  if (sep !== null) csv.separator = sep;
  const header = params.get("header");
  if (header !== null) {
    if (header !== "0" && header !== "1") throw new Error(`${url}: header=${header}: 0 or 1`);
    csv.header = header === "1";
  }
  let kind: ReplayEndpoint["kind"];
  if (existsSync(path) && statSync(path).isDirectory()) kind = "session";
  else kind = path.endsWith(".twrec") ? "session" : "csv";
  if (kind === "session" && Object.keys(csv).length > 0) throw new Error(`${url}: ${Object.keys(csv).join(", ")} are for CSV files, not a session`);
  return { path, kind, speed, csv };
}

/** A CSV recording checked at open: its separator, columns, rate and frame size. */
export interface CsvRecordingInfo {
  path: string;
  separator: string;
  /** Header names, if the file has a header. */
  header: string[] | undefined;
  channels: number;
  fs: number;
  rateMilliHz: number;
  samplesPerFrame: number;
  /** The options the rows are read with (separator, fs and frame size resolved). */
  options: CsvLineOptions;
}

const PROBE_BYTES = 1 << 20;
const PROBE_ROWS = 1000;

function readHead(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CsvError(path, 1, undefined, `cannot read: ${err.code ?? err.message}`);
  }
  try {
    const buf = Buffer.alloc(PROBE_BYTES);
    const n = readSync(fd, buf, 0, PROBE_BYTES, 0);
    const text = buf.subarray(0, n).toString("utf8");
    // whole lines only (the last one may be cut by the probe size)
    if (n < PROBE_BYTES) return text;
    const lf = text.lastIndexOf("\n");
    return lf < 0 ? text : text.slice(0, lf + 1);
  } finally {
    closeSync(fd);
  }
}

/** The separator of a header or first line: the most frequent of , ; tab (comma on a tie). */
function detectSeparator(firstLine: string): string {
  const count = (c: string): number => firstLine.split(c).length - 1;
  const candidates = [",", ";", "\t"].map((c) => ({ c, n: count(c) }));
  candidates.sort((a, b) => b.n - a.n);
  return candidates[0]!.n > 0 ? candidates[0]!.c : ",";
}

/**
 * Checks a CSV recording before it is replayed: reads its first rows, detects the separator, resolves
 * the named columns against the header and derives fs from the time column when none is given
 * (1 / the median interval of the first 1000 rows). Errors are located (`file:line: ...`).
 */
export function inspectCsvRecording(path: string, given: CsvLineOptions, maxFrameBytes = 65507, maxSamplesPerChannel = 4096): CsvRecordingInfo {
  const head = readHead(path);
  const firstLine = head.split("\n", 1)[0] ?? "";
  const separator = given.separator ?? detectSeparator(firstLine);
  let records: CsvRecord[];
  try {
    records = parseCsv(head, path, { delimiter: separator });
  } catch (e) {
    if (e instanceof CsvError) throw e;
    throw new CsvError(path, 1, undefined, (e as Error).message);
  }
  if (records.length === 0) throw new CsvError(path, 1, undefined, "empty file");
  // a provisional rate: rows are checked here, the real one is known below
  const rows = new CsvRows(given, 1);
  const times: number[] = [];
  let timeCol: number | undefined;
  let samples = 0;
  for (const r of records.slice(0, PROBE_ROWS + 1)) {
    const got = rows.row(r.fields);
    // a column the options name that the file lacks: an error now, not one event per row
    if (got.kind === "bad" && samples === 0 && got.field === undefined) throw new CsvError(path, r.line, undefined, got.reason);
    if (got.kind !== "sample") continue;
    samples++;
    if (given.time !== undefined) {
      timeCol ??= typeof given.time === "number" ? given.time : rows.header!.indexOf(given.time);
      const t = parseTime(r.fields[timeCol] ?? "");
      if (t !== undefined) times.push(t);
    }
  }
  if (samples === 0) throw new CsvError(path, records[records.length - 1]!.line + 1, undefined, "no data rows");
  let fs = given.fs;
  if (fs === undefined) {
    if (given.time === undefined) throw new CsvError(path, 1, undefined, "no sample rate: give fs, or a time column to derive it from");
    const d = times.slice(1).map((t, i) => t - times[i]!).filter((x) => x > 0).sort((a, b) => a - b);
    if (d.length === 0) throw new CsvError(path, records[0]!.line, undefined, `the time column ${JSON.stringify(given.time)} does not advance in the first rows: give fs`);
    // the median interval: robust to the odd missing or doubled row
    fs = rateMilliHz(1 / d[Math.floor(d.length / 2)]!) / 1000;
  }
  const channels = rows.channels!;
  const fit = Math.floor((maxFrameBytes - frameBytes("float32", channels, 0)) / (4 * channels));
  const samplesPerFrame = given.samplesPerFrame ?? Math.max(1, Math.min(defaultSamplesPerFrame(fs), fit, maxSamplesPerChannel));
  if (frameBytes("float32", channels, samplesPerFrame) > maxFrameBytes || samplesPerFrame > maxSamplesPerChannel) {
    throw new CsvError(path, 1, undefined, `frames of ${samplesPerFrame} samples × ${channels} channels exceed the receiver's limits (at most ${Math.min(fit, maxSamplesPerChannel)} samples per frame)`);
  }
  return {
    path,
    separator,
    header: rows.header === undefined ? undefined : [...rows.header],
    channels,
    fs,
    rateMilliHz: rateMilliHz(fs),
    samplesPerFrame,
    options: { ...given, separator, fs, samplesPerFrame },
  };
}

/** What reading a CSV recording gives, batch by batch: frames and refused rows (file-located). */
export interface CsvBatch {
  frames: Frame[];
  problems: LineProblem[];
}

/**
 * The frames of a CSV recording, read as a stream (memory stays bounded by one chunk). A CSV syntax
 * error (an unterminated quote) ends the stream with a CsvError.
 */
export async function* csvRecordingFrames(info: CsvRecordingInfo): AsyncGenerator<CsvBatch> {
  const rows = new CsvRows(info.options, info.fs);
  const framer = new SlotFramer(info.samplesPerFrame, info.rateMilliHz);
  let batch: CsvBatch = { frames: [], problems: [] };
  const csv = new CsvStream(info.path, (r) => {
    const got = rowToFrames(rows, framer, r, r.line);
    batch.frames.push(...got.frames);
    batch.problems.push(...got.problems);
  }, { delimiter: info.separator });
  const stream = createReadStream(info.path, { encoding: "utf8", highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      csv.write(chunk as string);
      if (batch.frames.length > 0 || batch.problems.length > 0) {
        yield batch;
        batch = { frames: [], problems: [] };
      }
    }
  } finally {
    stream.destroy();
  }
  csv.end();
  const last = framer.end();
  if (last !== undefined) batch.frames.push(last);
  if (batch.frames.length > 0 || batch.problems.length > 0) yield batch;
}

/** A frame of a CSV recording as the bytes a device would send (float32, scale 1). */
export function frameToBytes(f: Frame): Uint8Array {
  return encodeFrame({ format: f.format, channels: f.channels, samplesPerChannel: f.samplesPerChannel, seq: f.seq, t0: f.t0, rateMilliHz: f.rateMilliHz, scale: f.scale, flags: f.flags, raw: f.raw });
}

/** Waits until `target` ms (performance.now() clock); fast pacing only yields to the event loop. */
export class Pacer {
  private start = -1;
  constructor(readonly speed: Speed) {}

  /** Waits until `ms` of recording time (from its start) have passed at this speed. */
  async until(ms: number): Promise<void> {
    if (this.speed === "fast") {
      await yieldLoop();
      return;
    }
    if (this.start < 0) this.start = performance.now() - ms / this.speed;
    const due = this.start + ms / this.speed;
    if (due <= performance.now()) {
      await yieldLoop();
      return;
    }
    // a timer may fire up to a millisecond early (it counts whole milliseconds): wait until it is due
    for (let wait = due - performance.now(); wait > 0; wait = due - performance.now()) await sleep(wait);
  }
}

export interface ReplaySourceOptions extends DecoderOptions {
  /** `replay:PATH?...` (see parseReplayUrl). */
  url: string;
  onFrame?: (frame: Frame, decision: Decision) => void;
  onEvent?: (event: QualityEvent) => void;
  /** Every unit as replayed, before decoding (a session recording of the replay). */
  onInput?: (unit: InputUnit) => void;
  /** A CSV syntax error or a read error mid-file: the replay stops there (finished still resolves). */
  onError?: (error: Error) => void;
}

export class ReplaySource {
  readonly tracker: StreamTracker;
  readonly endpoint: ReplayEndpoint;
  /** Resolves when everything has been delivered (or the source was closed). */
  readonly finished: Promise<void>;
  /** Set for a CSV file: what was read from its first rows. */
  readonly csv: CsvRecordingInfo | undefined;
  /** A session's recording: bytes of a torn last record that were dropped (0 for a CSV file). */
  readonly truncatedBytes: number;
  private stopped = false;

  private constructor(
    private readonly options: ReplaySourceOptions,
    endpoint: ReplayEndpoint,
    private readonly decoder: InputDecoder,
    csv: CsvRecordingInfo | undefined,
    units: Iterable<{ unit: InputUnit; atMs: number }> | undefined,
    truncatedBytes: number,
  ) {
    this.endpoint = endpoint;
    this.tracker = decoder.tracker;
    this.csv = csv;
    this.truncatedBytes = truncatedBytes;
    this.finished = this.run(units).catch((e: unknown) => {
      options.onError?.(e instanceof Error ? e : new Error(String(e)));
    });
  }

  /** Checks the file (located errors) and starts replaying on the next turn of the event loop. */
  static async open(options: ReplaySourceOptions): Promise<ReplaySource> {
    const endpoint = parseReplayUrl(options.url);
    const { csv: givenCsv, ...rest } = options;
    if (endpoint.kind === "session") {
      const file = endpoint.path.endsWith(".twrec") ? endpoint.path : join(endpoint.path, SESSION_INPUT);
      if (!existsSync(file)) throw new Error(`${options.url}: ${file} not found (a session directory holds ${SESSION_INPUT})`);
      const rec = readInputRecording(file);
      const decoder = new InputDecoder(givenCsv === undefined ? rest : { ...rest, csv: givenCsv });
      return new ReplaySource(options, endpoint, decoder, undefined, rec.records, rec.truncatedBytes);
    }
    const limits = new InputDecoder(rest).limits;
    const info = inspectCsvRecording(endpoint.path, { ...givenCsv, ...endpoint.csv }, limits.maxFrameBytes, limits.maxSamplesPerChannel);
    if (options.channels !== undefined && info.channels !== options.channels) {
      throw new Error(`${options.url}: ${info.channels} channel columns, the configuration has ${options.channels}`);
    }
    // frames built from the rows reach the decoder as messages: the CSV options are spent here
    return new ReplaySource(options, endpoint, new InputDecoder(rest), info, undefined, 0);
  }

  quality(): StreamQuality {
    return this.tracker.quality();
  }

  /** Stops replaying after the unit in hand; resolves when the replay has stopped. */
  async close(): Promise<void> {
    this.stopped = true;
    await this.finished;
  }

  private unit(unit: InputUnit): void {
    this.options.onInput?.(unit);
    dispatch(this.decoder.push(unit), this.options);
  }

  private async run(units: Iterable<{ unit: InputUnit; atMs: number }> | undefined): Promise<void> {
    // open() returns first: handlers see nothing before the caller holds the source
    await yieldLoop();
    const pacer = new Pacer(this.endpoint.speed);
    if (units !== undefined) {
      for (const { unit, atMs } of units) {
        await pacer.until(atMs);
        if (this.stopped) return;
        this.unit(unit);
      }
      // as the live source does at close: a partial frame or CSV line at the end is reported
      dispatch(this.decoder.end(), this.options);
      return;
    }
    const info = this.csv!;
    let firstSample: number | undefined;
    for await (const batch of csvRecordingFrames(info)) {
      for (const p of batch.problems) this.options.onEvent?.(this.tracker.badLine(p.line, p.column, p.reason));
      for (const f of batch.frames) {
        firstSample ??= f.t0;
        // a frame exists once its last sample is acquired
        await pacer.until(((f.t0 + f.samplesPerChannel - firstSample) / info.fs) * 1000);
        if (this.stopped) return;
        this.unit({ kind: "message", bytes: frameToBytes(f) });
      }
      if (this.stopped) return;
    }
  }
}
