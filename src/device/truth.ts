// The simulator's ground truth beside the stream, for scoring the runner's virtual sensors:
// BASE.f64, the samples × columns matrix of the core's truth values (little-endian binary64,
// row-major, one row per sample from sample index t0 on), and BASE.json, its header (docs/device.md):
// fs, t0, samples, the columns (quantity, node, dir, unit) and the data file's size and SHA-256.
// Exact: the values are the core's bits. The matrix is appended as blocks arrive and renamed into
// place, and the header written atomically, when the run ends: a reader never sees half a file.
import { createHash, type Hash } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { columnName, type TruthColumn, type TruthQuantity } from "./simulator.js";

export const TRUTH_FORMAT = "twin-device-truth";
export const TRUTH_VERSION = 1;

const UNIT: Record<TruthQuantity, string> = {
  speed: "rad/s",
  displacement: "m",
  velocity: "m/s",
  acceleration: "m/s^2",
  "sensor-acceleration": "m/s^2",
};

/** The header of a truth file (BASE.json): fs, first sample index, sample count, columns, provenance. */
export interface TruthHeader {
  format: typeof TRUTH_FORMAT;
  version: number;
  fs: number;
  /** sample index of the first row (the frames' t0 of the same sample) */
  t0: number;
  samples: number;
  columns: (TruthColumn & { name: string; unit: string })[];
  data: { file: string; type: "float64"; byteOrder: "little-endian"; layout: "row-major"; bytes: number; sha256: string };
  /** what produced it (free-form, e.g. the command line) */
  source?: Record<string, unknown>;
}

/** The simulator's ground truth read back: the header (fs, first sample, columns, source) and the values, samples × columns, row-major. */
export interface Truth extends Omit<TruthHeader, "data" | "source"> {
  /** samples × columns, row-major */
  values: Float64Array;
  source?: Record<string, unknown>;
}

/** BASE from BASE, BASE.json or BASE.f64. */
export function truthBase(path: string): string {
  return path.endsWith(".json") || path.endsWith(".f64") ? path.slice(0, path.lastIndexOf(".")) : path;
}

/** Appends truth rows to BASE.f64 (through a temporary file) and writes BASE.json on close. */
export class TruthWriter {
  private fd: number;
  private readonly tmp: string;
  private readonly hash: Hash = createHash("sha256");
  private rows = 0;
  private bytes = 0;
  private t0: number | undefined;
  private closed = false;

  constructor(
    path: string,
    private readonly fs: number,
    private readonly columns: TruthColumn[],
    private readonly source?: Record<string, unknown>,
  ) {
    this.base = truthBase(path);
    this.tmp = join(dirname(this.base), `.${basename(this.base)}.f64.${process.pid}.tmp`);
    this.fd = openSync(this.tmp, "w");
  }

  readonly base: string;

  /** Rows of `first` … (values: rows × columns, row-major); rows must follow on each other. */
  append(first: number, values: Float64Array): void {
    const w = this.columns.length;
    if (values.length % w !== 0) throw new RangeError(`truth block of ${values.length} values is not whole rows of ${w}`);
    if (this.t0 === undefined) this.t0 = first;
    else if (first !== this.t0 + this.rows) throw new RangeError(`truth rows from ${first}, expected ${this.t0 + this.rows}`);
    const bytes = new Uint8Array(values.length * 8);
    const dv = new DataView(bytes.buffer);
    for (let i = 0; i < values.length; i++) dv.setFloat64(8 * i, values[i]!, true);
    writeSync(this.fd, bytes);
    this.hash.update(bytes);
    this.rows += values.length / w;
    this.bytes += bytes.length;
  }

  /** Moves the matrix into place and writes the header; returns the header. */
  close(): TruthHeader {
    if (this.closed) throw new Error("truth file already closed");
    this.closed = true;
    fsyncSync(this.fd);
    closeSync(this.fd);
    const dataFile = `${this.base}.f64`;
    renameSync(this.tmp, dataFile);
    const header: TruthHeader = {
      format: TRUTH_FORMAT,
      version: TRUTH_VERSION,
      fs: this.fs,
      t0: this.t0 ?? 0,
      samples: this.rows,
      columns: this.columns.map((c) => ({ ...c, name: columnName(c), unit: UNIT[c.quantity] })),
      data: { file: basename(dataFile), type: "float64", byteOrder: "little-endian", layout: "row-major", bytes: this.bytes, sha256: this.hash.digest("hex") },
      ...(this.source !== undefined ? { source: this.source } : {}),
    };
    writeFileAtomic(`${this.base}.json`, JSON.stringify(header, null, 2) + "\n");
    return header;
  }

  /** Drops the temporary file (a run that failed before any truth was worth keeping). */
  discard(): void {
    if (!this.closed) {
      this.closed = true;
      closeSync(this.fd);
      rmSync(this.tmp, { force: true });
    }
  }
}

const QUANTITIES = Object.keys(UNIT) as TruthQuantity[];

function fail(file: string, path: string, message: string): never {
  throw new InputError(`${file}: ${path}: ${message}`);
}

/** Reads BASE.json and BASE.f64 (path: either, or BASE); InputError `file: json.path: message` on bad input. */
export function readTruth(path: string): Truth {
  const base = truthBase(path);
  const hfile = `${base}.json`;
  let text: string;
  try {
    text = readFileSync(hfile, "utf8");
  } catch (e) {
    throw new InputError(`${hfile}: cannot read: ${(e as Error).message}`);
  }
  let h: TruthHeader;
  try {
    h = JSON.parse(text) as TruthHeader;
  } catch (e) {
    throw new InputError(`${hfile}: not JSON: ${(e as Error).message}`);
  }
  if (h === null || typeof h !== "object") fail(hfile, "$", "expected an object");
  if (h.format !== TRUTH_FORMAT) fail(hfile, "format", `expected "${TRUTH_FORMAT}"`);
  if (h.version !== TRUTH_VERSION) fail(hfile, "version", `expected ${TRUTH_VERSION}`);
  if (typeof h.fs !== "number" || !(h.fs > 0)) fail(hfile, "fs", "expected a number > 0");
  if (!Number.isSafeInteger(h.t0) || h.t0 < 0) fail(hfile, "t0", "expected an integer >= 0");
  if (!Number.isSafeInteger(h.samples) || h.samples < 0) fail(hfile, "samples", "expected an integer >= 0");
  if (!Array.isArray(h.columns) || h.columns.length === 0) fail(hfile, "columns", "expected a non-empty array");
  h.columns.forEach((c, i) => {
    if (c === null || typeof c !== "object") fail(hfile, `columns[${i}]`, "expected an object");
    if (!QUANTITIES.includes(c.quantity)) fail(hfile, `columns[${i}].quantity`, `expected one of ${QUANTITIES.join(", ")}`);
    if (!Number.isInteger(c.node)) fail(hfile, `columns[${i}].node`, "expected an integer");
    if (c.quantity === "speed" ? c.dir !== null : c.dir !== "x" && c.dir !== "y") fail(hfile, `columns[${i}].dir`, c.quantity === "speed" ? "expected null" : 'expected "x" or "y"');
  });
  const d = h.data;
  if (d === null || typeof d !== "object" || typeof d.file !== "string" || d.file.includes("/") || d.file.includes("\\")) fail(hfile, "data.file", "expected a file name beside the header");
  if (d.type !== "float64" || d.byteOrder !== "little-endian" || d.layout !== "row-major") fail(hfile, "data", "expected float64, little-endian, row-major");
  const dfile = join(dirname(hfile), d.file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(dfile);
  } catch (e) {
    throw new InputError(`${dfile}: cannot read: ${(e as Error).message}`);
  }
  const expected = h.samples * h.columns.length * 8;
  if (bytes.length !== expected || d.bytes !== expected) fail(hfile, "data.bytes", `${dfile} has ${bytes.length} bytes, samples × columns × 8 = ${expected}`);
  const sha = createHash("sha256").update(bytes).digest("hex");
  if (sha !== d.sha256) fail(hfile, "data.sha256", `${dfile} has SHA-256 ${sha}`);
  const values = new Float64Array(bytes.length / 8);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < values.length; i++) values[i] = dv.getFloat64(8 * i, true);
  return {
    format: h.format,
    version: h.version,
    fs: h.fs,
    t0: h.t0,
    samples: h.samples,
    columns: h.columns,
    values,
    ...(h.source !== undefined ? { source: h.source } : {}),
  };
}

/** The column `name` (e.g. "displacement_6_x") as its own array, or undefined. */
export function truthColumn(t: Truth, name: string): Float64Array | undefined {
  const k = t.columns.findIndex((c) => c.name === name);
  if (k < 0) return undefined;
  const w = t.columns.length, out = new Float64Array(t.samples);
  for (let i = 0; i < t.samples; i++) out[i] = t.values[i * w + k]!;
  return out;
}

/** Value of column k at sample index j (the frames' clock), or undefined outside the file. */
export function truthAt(t: Truth, j: number, k: number): number | undefined {
  const i = j - t.t0;
  if (!Number.isInteger(i) || i < 0 || i >= t.samples || k < 0 || k >= t.columns.length) return undefined;
  return t.values[i * t.columns.length + k];
}
