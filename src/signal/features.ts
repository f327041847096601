// Features of a signal table (CSV) → a feature table: one row per window, a `t_start` column, then
// `<channel>_<feature>` for every channel and feature (docs/features.md). One job of the core
// (jobFeatures, assembly/ABI.md) computes every number of the table, the shaft speed in Hz and the
// window start times included; the host only parses the CSV into the request and names the columns.
import { type Core, CoreError } from "../core/core.js";
import { runJob } from "../core/job.js";
import { InputError } from "../errors.js";
import type { SignalTable } from "./csv.js";
import { type FeatureResult, type WindowKind, SignalCore, featureNames, windowCode } from "./core.js";

/** Options of `twin features` as the request holds them (the speed in rev/min, as given). */
export interface FeatureJobOptions {
  /** sampling frequency (Hz) */
  fs: number;
  /** samples per window */
  window: number;
  /** samples between window starts (default: window) */
  hop?: number;
  windowFn?: WindowKind;
  /** equal-width bands from 0 to fs/2 (default 8) */
  bands?: number;
  /** shaft speed, rev/min (0 or absent: none) */
  speedRpm?: number;
  /** number of orders 1X … KX (default 3 with a speed, else 0) */
  orders?: number;
}

/** A feature table: the column names, the number of windows, row r (t_start, then every channel's features), the values. */
export interface FeatureTable {
  header: string[];
  rows: number;
  /** row r of the table: t_start, then every channel's features */
  row(r: number): number[];
  result: FeatureResult;
  /** the speed the core used, Hz (speedRpm / 60) */
  speedHz: number;
}

/** Values of the request before the t column, and of the result before the first window. */
export const FEATURES_REQUEST_HEADER = 11;
export const FEATURES_RESULT_HEADER = 5;

/** The request of jobFeatures for a parsed table; x0 is the index of the first sample value. */
export function featuresRequest(table: SignalTable, o: FeatureJobOptions): { req: Float64Array; x0: number } {
  const nCh = table.channels.length;
  const hop = o.hop ?? o.window;
  const bands = o.bands ?? 8;
  const rpm = o.speedRpm ?? 0;
  const orders = o.orders ?? (rpm > 0 ? 3 : 0);
  const t = table.t;
  const head = [1, table.rows, nCh, o.fs, o.window, hop, windowCode(o.windowFn ?? "hann"), bands, rpm, orders, t ? 1 : 0];
  const x0 = head.length + (t ? table.rows : 0);
  const req = new Float64Array(x0 + table.rows * nCh);
  req.set(head);
  if (t) req.set(t, head.length);
  req.set(table.data.subarray(0, table.rows * nCh), x0);
  return { req, x0 };
}

/**
 * Runs the feature job on a parsed table. A window in which a channel is constant (zero variance:
 * skewness and kurtosis are 0/0) is an input error naming the file lines.
 */
export function featureJob(table: SignalTable, o: FeatureJobOptions, file: string, sig: SignalCore = new SignalCore(), record = true): FeatureTable {
  const nCh = table.channels.length;
  if (table.rows < o.window) {
    throw new InputError(`${file}: ${table.rows} data rows, fewer than the window of ${o.window} samples`);
  }
  const { req, x0 } = featuresRequest(table, o);
  let v: Float64Array;
  try {
    v = record ? runJob(sig.core, "jobFeatures", req) : callJob(sig.core, "jobFeatures", req);
  } catch (e) {
    if (e instanceof CoreError && e.code === 2) {
      const k = e.detail - x0;
      const start = Math.floor(k / nCh), ch = k - start * nCh;
      const first = table.lines[start]!, last = table.lines[start + o.window - 1]!;
      throw new InputError(
        `${file}:${first}: channel ${JSON.stringify(table.channels[ch])} is constant over the window of lines ${first}-${last}: ` +
          `its skewness and kurtosis are undefined`,
      );
    }
    throw e;
  }
  if (v[0] !== 1) throw new Error(`jobFeatures result version ${v[0]}, expected 1`);
  const windows = v[1]!, nf = v[3]!;
  const orders = o.orders ?? ((o.speedRpm ?? 0) > 0 ? 3 : 0);
  const names = featureNames(o.bands ?? 8, orders);
  if (nf !== names.length) throw new Error(`jobFeatures: ${nf} features per channel, expected ${names.length}`);
  const width = nCh * nf, stride = 1 + width;
  const values = new Float64Array(windows * width);
  for (let w = 0; w < windows; w++) values.set(v.subarray(FEATURES_RESULT_HEADER + w * stride + 1, FEATURES_RESULT_HEADER + (w + 1) * stride), w * width);
  const hop = o.hop ?? o.window;
  const header = ["t_start"];
  for (const ch of table.channels) for (const name of names) header.push(`${ch}_${name}`);
  return {
    header,
    rows: windows,
    speedHz: v[4]!,
    // the sample index of each window's first row (an index, not a result)
    result: { windows, channels: nCh, names, values, starts: Array.from({ length: windows }, (_, w) => w * hop) },
    row: (r: number): number[] => Array.from(v.subarray(FEATURES_RESULT_HEADER + r * stride, FEATURES_RESULT_HEADER + (r + 1) * stride)),
  };
}

/** A job call that is not a command's recorded invocation (a library use inside another command). */
function callJob(core: Core, entry: string, req: Float64Array): Float64Array {
  const p = core.put(req);
  try {
    return core.take(core.fn(entry)(p), entry);
  } finally {
    core.free(p);
  }
}

/**
 * The feature table as a library call (the state generator computes one per recording inside its own
 * command, so these calls are not that command's recorded job): the same job, no speed (the order
 * features need the speed in rev/min: use featureJob).
 */
export function featureTable(
  table: SignalTable,
  opts: { fs: number; window: number; hop?: number; windowFn?: WindowKind; bands?: number; speedHz?: number; orders?: number },
  file: string,
  sig: SignalCore = new SignalCore(),
): FeatureTable {
  if (opts.speedHz !== undefined && opts.speedHz > 0) {
    throw new Error("featureTable: give the speed in rev/min to featureJob (speedRpm): the core converts it");
  }
  return featureJob(table, { fs: opts.fs, window: opts.window, hop: opts.hop, windowFn: opts.windowFn, bands: opts.bands, orders: opts.orders }, file, sig, false);
}
