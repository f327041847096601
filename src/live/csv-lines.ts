// Samples as text: CSV lines printed by a microcontroller sketch on a serial port, or the rows of a
// recorded CSV file. Each row gives one sample per channel; rows are grouped into frames (the one
// frame of docs/frame.md, built in memory) so the rest of the live path sees a text source exactly
// as it sees a binary one: same tracker, same events, same blocks.
//
// Framing rule (docs/sources.md): the sample index i (from an index column, a time column × fs, or
// the count of rows) puts a row into slot k = floor(i / N), N samples per frame. Frame k carries
// seq = k (mod 2^32), t0 = its first index, and is delivered only whole: a slot that misses a row is
// not emitted at all, so the tracker reports it as a lost frame (a gap). Samples are float32 with
// scale 1: exact for ADC codes (integers up to 2^24) and rounded to binary32 otherwise.
// Rows are parsed by the project's one CSV reader (src/io/csv.ts).
import { parseCsv, parseDecimal, CsvError, type CsvRecord } from "../io/csv.js";
import { FLAG_START, FRAME_VERSION, frameBytes, type Frame } from "./frame.js";

/** How text rows become samples (serial CSV mode, replay of a CSV file). */
export interface CsvLineOptions {
  /** One character; default "," (serial) or detected from the header among , ; tab (replay files). */
  separator?: string;
  /** The sample-index column (a non-negative integer per row): a name (with a header) or a 0-based position. */
  index?: string | number;
  /** A time column, seconds or `YYYY-MM-DD hh:mm:ss[.fff]` (read as UTC); the sample index is round((t − t_first) × fs). */
  time?: string | number;
  /** Channel columns (names or 0-based positions); default every column but the index and time columns. */
  columns?: (string | number)[];
  /** Sample rate in Hz; a replay file with a time column derives it when absent. */
  fs?: number;
  /** Samples per channel in one frame; default the samples of 0.1 s (at least 1, at most 4096). */
  samplesPerFrame?: number;
  /** A first line with a field that is not a number names the columns (default true). */
  header?: boolean;
}

/** A row that gave no sample. */
export interface LineProblem {
  line: number;
  column?: number;
  reason: string;
}

/** What one row produced. */
export interface RowResult {
  frames: Frame[];
  problems: LineProblem[];
}

/** The default frame size: 0.1 s of samples, 1..4096. */
export function defaultSamplesPerFrame(fs: number): number {
  return Math.max(1, Math.min(4096, Math.round(fs / 10)));
}

/** Sample rate in millihertz as the frame header stores it (an integer). */
export function rateMilliHz(fs: number): number {
  const r = Math.round(fs * 1000);
  if (!(r >= 1 && r <= 0xffffffff)) throw new RangeError(`fs ${fs} Hz: the frame stores 0.001 Hz .. 4294967.295 Hz`);
  return r;
}

// Arduino's Print writes "nan", "inf" and "ovf" for non-finite and huge floats: they are samples
// (the tracker rejects their frame and reports it), not broken lines.
const SPECIAL: Record<string, number> = { nan: NaN, inf: Infinity, "+inf": Infinity, "-inf": -Infinity, ovf: Infinity, "-ovf": -Infinity, infinity: Infinity, "-infinity": -Infinity };

function sampleValue(text: string): number | undefined {
  const x = parseDecimal(text);
  if (!Number.isNaN(x)) return x;
  const s = SPECIAL[text.toLowerCase()];
  return s;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?Z?$/;

/** Seconds of a time cell: a decimal number of seconds, or an ISO-like date and time (UTC). */
export function parseTime(text: string): number | undefined {
  const x = parseDecimal(text);
  if (Number.isFinite(x)) return x;
  const m = DATETIME.exec(text);
  if (m === null) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (!Number.isFinite(ms)) return undefined;
  // whole seconds and the fraction kept apart: a datetime's fraction is not rounded through ms
  return ms / 1000 + (m[7] !== undefined ? Number(m[7]) : 0);
}

type Column = string | number;

/**
 * Row → (sample index, channel values). Keeps the header, resolves named columns against it and
 * turns the time column into sample indices. One instance per stream: its state is the header, the
 * first time and the row count.
 */
export class CsvRows {
  private names: string[] | undefined;
  private resolved: { index?: number; time?: number; channels: number[] } | undefined;
  private firstTime: number | undefined;
  private count = 0;
  /** Fields of the header or first row. */
  private width = 0;
  /** Channels per sample, known from the options or the first data row. */
  channels: number | undefined;

  constructor(
    private readonly options: CsvLineOptions,
    private readonly fs: number,
  ) {
    if (options.columns !== undefined) this.channels = options.columns.length;
  }

  get header(): readonly string[] | undefined {
    return this.names;
  }

  /** One row: a header, a sample, or a problem (reason and 0-based field). */
  row(fields: readonly string[]): { kind: "header" } | { kind: "sample"; index: number; values: number[] } | { kind: "bad"; field?: number; reason: string } {
    const numeric = fields.every((f) => sampleValue(f) !== undefined || parseTime(f) !== undefined);
    if (!numeric && this.names === undefined && this.resolved === undefined && this.count === 0 && (this.options.header ?? true)) {
      this.names = [...fields];
      try {
        this.resolve(fields.length);
      } catch (e) {
        this.names = undefined;
        return { kind: "bad", reason: (e as Error).message };
      }
      return { kind: "header" };
    }
    if (this.resolved === undefined) {
      try {
        this.resolve(fields.length);
      } catch (e) {
        return { kind: "bad", reason: (e as Error).message };
      }
    }
    const r = this.resolved!;
    const needed = Math.max(r.index ?? -1, r.time ?? -1, ...r.channels) + 1;
    if (fields.length < needed) return { kind: "bad", field: fields.length, reason: `${fields.length} fields, ${needed} needed` };
    // implicit channels (every other column) are fixed by the header or first row: a longer row is
    // not silently cut to them (a line begun before the port opened would otherwise set the layout)
    if (this.options.columns === undefined && fields.length !== this.width) {
      return { kind: "bad", field: Math.min(fields.length, this.width), reason: `${fields.length} fields, ${this.names !== undefined ? "the header has" : "the first row had"} ${this.width}` };
    }
    let index: number;
    if (r.index !== undefined) {
      const x = parseDecimal(fields[r.index]!);
      if (!Number.isSafeInteger(x) || x < 0) return { kind: "bad", field: r.index, reason: `sample index ${JSON.stringify(fields[r.index])}: not an integer >= 0` };
      index = x;
    } else if (r.time !== undefined) {
      const t = parseTime(fields[r.time]!);
      if (t === undefined) return { kind: "bad", field: r.time, reason: `time ${JSON.stringify(fields[r.time])}: not seconds or YYYY-MM-DD hh:mm:ss` };
      this.firstTime ??= t;
      index = Math.round((t - this.firstTime) * this.fs);
      if (!Number.isSafeInteger(index) || index < 0) return { kind: "bad", field: r.time, reason: `time ${JSON.stringify(fields[r.time])} is before the first row's` };
    } else {
      index = this.count;
    }
    const values: number[] = [];
    for (const c of r.channels) {
      const v = sampleValue(fields[c]!);
      if (v === undefined) return { kind: "bad", field: c, reason: `${this.label(c)}: not a number: ${JSON.stringify(fields[c])}` };
      values.push(v);
    }
    this.count++;
    return { kind: "sample", index, values };
  }

  private label(c: number): string {
    const name = this.names?.[c];
    return name !== undefined ? `column ${JSON.stringify(name)}` : `column ${c + 1}`;
  }

  private position(col: Column, what: string): number {
    if (typeof col === "number") {
      if (!Number.isInteger(col) || col < 0) throw new Error(`${what} ${col}: not a 0-based column position`);
      return col;
    }
    if (this.names === undefined) throw new Error(`${what} ${JSON.stringify(col)} is a name, but no header line names the columns`);
    const j = this.names.indexOf(col);
    if (j < 0) throw new Error(`no ${what} ${JSON.stringify(col)} (the header has ${this.names.map((n) => JSON.stringify(n)).join(", ")})`);
    return j;
  }

  private resolve(width: number): void {
    // positions beyond the row are caught per row ("N fields, M needed")
    const o = this.options;
    const index = o.index !== undefined ? this.position(o.index, "index column") : undefined;
    const time = o.time !== undefined ? this.position(o.time, "time column") : undefined;
    let channels: number[];
    if (o.columns !== undefined) channels = o.columns.map((c) => this.position(c, "channel column"));
    else channels = [...Array(width).keys()].filter((j) => j !== index && j !== time);
    if (channels.length === 0) throw new Error("no channel columns");
    this.resolved = { ...(index !== undefined ? { index } : {}), ...(time !== undefined ? { time } : {}), channels };
    this.width = width;
    this.channels = channels.length;
  }
}

/**
 * Sample indices → whole frames (float32, scale 1). See the framing rule at the top of the file.
 * An index that goes back before the current slot is a restarted sender: the next frame carries
 * FLAG_START. An index repeated within the current slot is refused (the caller reports it).
 */
export class SlotFramer {
  private buf: Float32Array | undefined;
  private slot = -1;
  /** Index of the first sample held, the next index expected, and whether the slot is already lost. */
  private runStart = 0;
  private expect = 0;
  private dead = false;
  private started = false;
  private startFlag = false;
  private channels = 0;

  constructor(
    readonly samplesPerFrame: number,
    readonly rateMilliHz: number,
  ) {
    if (!Number.isInteger(samplesPerFrame) || samplesPerFrame < 1 || samplesPerFrame > 0xffff) throw new RangeError(`samples per frame ${samplesPerFrame}: 1..65535`);
  }

  /** Adds one sample; returns the frame it completed, if any, or a reason it was refused. */
  push(index: number, values: readonly number[]): { frame?: Frame; refused?: string } {
    const N = this.samplesPerFrame;
    if (this.started && values.length !== this.channels) return { refused: `${values.length} channels, earlier rows had ${this.channels}` };
    const k = Math.floor(index / N);
    if (!this.started) {
      this.begin(index, values.length, true);
    } else if (k === this.slot && index < this.expect) {
      return { refused: `sample index ${index} again (the next one expected is ${this.expect})` };
    } else if (k < this.slot) {
      // the index went back beyond the slot: a sender that started over
      this.startFlag = true;
      this.begin(index, values.length, true);
    } else if (k > this.slot) {
      // the previous slot was left before it was whole: it is lost (a gap in seq); a new slot
      // entered after its first index lost its first rows
      this.begin(index, values.length, index === k * N);
      if (this.dead) return {};
    } else if (index > this.expect) {
      this.dead = true;
    }
    if (this.dead) return {};
    const c = this.channels;
    const at = (index - this.runStart) * c;
    for (let j = 0; j < c; j++) this.buf![at + j] = values[j]!;
    this.expect = index + 1;
    if (this.expect === (k + 1) * N) return { frame: this.emit() };
    return {};
  }

  /** The stream ended: a slot begun at its start (or the stream's) is delivered with the samples it has. */
  end(): Frame | undefined {
    if (!this.started || this.dead || this.buf === undefined || this.expect === this.runStart) return undefined;
    const f = this.emit();
    this.dead = true;
    return f;
  }

  private begin(index: number, channels: number, whole: boolean): void {
    const N = this.samplesPerFrame;
    this.started = true;
    this.channels = channels;
    this.slot = Math.floor(index / N);
    this.runStart = index;
    this.expect = index;
    this.dead = !whole;
    if (whole) this.buf = new Float32Array((this.slot * N + N - index) * channels);
  }

  private emit(): Frame {
    const n = this.expect - this.runStart;
    const c = this.channels;
    const raw = this.buf!.length === n * c ? this.buf! : this.buf!.slice(0, n * c);
    const flags = this.startFlag ? FLAG_START : 0;
    this.startFlag = false;
    this.buf = undefined;
    this.dead = true;
    return {
      version: FRAME_VERSION,
      format: "float32",
      channels: c,
      samplesPerChannel: n,
      seq: this.slot % 0x100000000,
      t0: this.runStart,
      rateMilliHz: this.rateMilliHz,
      fs: this.rateMilliHz / 1000,
      scale: 1,
      flags,
      raw,
      byteLength: frameBytes("float32", c, n),
    };
  }
}

/**
 * Serial CSV mode: one text line at a time (without its line end) → frames and refused lines.
 * `line` numbers count every line pushed, from 1.
 */
export class CsvLineDecoder {
  private readonly rows: CsvRows;
  private readonly framer: SlotFramer;
  private readonly separator: string;
  private line = 0;

  constructor(options: CsvLineOptions) {
    const fs = options.fs;
    if (fs === undefined || !(fs > 0) || !Number.isFinite(fs)) throw new RangeError(`CSV lines need fs, the sample rate in Hz (> 0)${fs === undefined ? "" : `, not ${fs}`}`);
    this.separator = options.separator ?? ",";
    if (this.separator.length !== 1 || this.separator === '"' || this.separator === "\n" || this.separator === "\r") throw new RangeError(`CSV separator ${JSON.stringify(this.separator)}: one character, not a quote or line break`);
    this.rows = new CsvRows(options, fs);
    this.framer = new SlotFramer(options.samplesPerFrame ?? defaultSamplesPerFrame(fs), rateMilliHz(fs));
  }

  get channels(): number | undefined {
    return this.rows.channels;
  }

  get samplesPerFrame(): number {
    return this.framer.samplesPerFrame;
  }

  push(text: string): RowResult {
    const line = ++this.line;
    let records: CsvRecord[];
    try {
      records = parseCsv(text, "line", { delimiter: this.separator });
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      return { frames: [], problems: [{ line, ...(e.column !== undefined ? { column: e.column } : {}), reason: e.reason }] };
    }
    // a blank line, or one that is a quoted field with a line break (cannot happen: no line ends inside)
    if (records.length !== 1) return { frames: [], problems: records.length === 0 ? [] : [{ line, reason: "more than one record in a line" }] };
    return rowToFrames(this.rows, this.framer, records[0]!, line);
  }

  end(): RowResult {
    const f = this.framer.end();
    return { frames: f === undefined ? [] : [f], problems: [] };
  }
}

/** One parsed record through the row reader and the framer. */
export function rowToFrames(rows: CsvRows, framer: SlotFramer, r: CsvRecord, line: number): RowResult {
  const got = rows.row(r.fields);
  if (got.kind === "header") return { frames: [], problems: [] };
  if (got.kind === "bad") {
    const column = got.field === undefined ? undefined : got.field < r.fields.length ? r.fieldColumns[got.field] : r.endColumn;
    return { frames: [], problems: [{ line, ...(column !== undefined ? { column } : {}), reason: got.reason }] };
  }
  const out = framer.push(got.index, got.values);
  if (out.refused !== undefined) return { frames: [], problems: [{ line, reason: out.refused }] };
  return { frames: out.frame === undefined ? [] : [out.frame], problems: [] };
}
