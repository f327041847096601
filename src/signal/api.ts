// The library face of `twin features`: a signal table (a CSV file, or CSV text parsed here) in, the
// feature table out (one job of the core), with the options checked as the command checks its flags.
import { readFileSync } from "node:fs";
import { CoreError } from "../core/core.js";
import { ArgumentError, InputError } from "../errors.js";
import { WINDOW_KINDS, type WindowKind } from "./core.js";
import { csvChunks, parseSignalCsv, type SignalTable } from "./csv.js";
import { type FeatureTable, featureJob } from "./features.js";

/** Default number of bands (or window/2 when smaller). */
export const DEFAULT_BANDS = 8;
/** Default number of shaft orders with a speed. */
export const DEFAULT_ORDERS = 3;
/** Most shaft orders a feature table may hold. */
export const MAX_ORDERS = 64;

/**
 * Reads a signal CSV file: a header of channel names, one column per channel, one row per sample;
 * a column named `t` is the time, not a channel.
 * @throws InputError for an unreadable file; CsvError (an InputError) for malformed content, located by line and column
 */
export function readSignalCsv(file: string): SignalTable {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as Error).message}`, { file });
  }
  return parseSignalCsv(text, file);
}

/** Options of `computeFeatures` (`twin features` flags in brackets). */
export interface FeaturesOptions {
  /** sampling frequency, Hz, > 0 [--fs] */
  fs: number;
  /** samples per window, integer ≥ 2 [--window] */
  window: number;
  /** samples between window starts, integer ≥ 1 [--hop]; default `window` (no overlap) */
  hop?: number;
  /** number of equal bands from 0 to fs/2, 1 … window/2 [--bands]; default 8 (or window/2 if smaller) */
  bands?: number;
  /** spectral window [--window-fn]; default "hann" */
  windowFn?: WindowKind;
  /** shaft speed, rev/min, > 0: adds the order amplitudes 1x … Kx [--speed-rpm] */
  speedRpm?: number;
  /** number of orders with `speedRpm`, 1 … 64 [--orders]; default 3 */
  orders?: number;
}

function positiveInt(name: string, x: number | undefined): void {
  if (x !== undefined && !(Number.isInteger(x) && x >= 1)) throw new ArgumentError(`${name}: must be an integer >= 1, got ${x}`, { path: name });
}

/**
 * Vibration features per window and channel (`twin features`): time-domain statistics, band powers
 * and, with a shaft speed, the order amplitudes. `signal` is a table from `readSignalCsv` /
 * `parseSignalCsv` or a CSV file name. Write the result with `featureCsv`.
 * @throws ArgumentError for a bad option (`path` = its name), also for a speed whose orders the window cannot resolve
 * @throws InputError for a malformed table, too few rows, or a channel constant over a window (located by file and line)
 * @throws NumericalError when the computation fails
 */
export function computeFeatures(signal: SignalTable | string, options: FeaturesOptions): FeatureTable {
  const { fs, window } = options;
  if (!(typeof fs === "number" && Number.isFinite(fs) && fs > 0)) throw new ArgumentError(`fs: must be a positive number, got ${fs}`, { path: "fs" });
  positiveInt("window", window);
  if (window < 2) throw new ArgumentError(`window: must be at least 2: ${window}`, { path: "window" });
  positiveInt("hop", options.hop);
  positiveInt("bands", options.bands);
  const half = Math.floor(window / 2);
  const bands = options.bands ?? Math.min(DEFAULT_BANDS, half);
  if (bands > half) throw new ArgumentError(`bands: at most window/2 = ${half} bands (each band needs a frequency bin): ${bands}`, { path: "bands" });
  const windowFn = options.windowFn ?? "hann";
  if (!(WINDOW_KINDS as readonly string[]).includes(windowFn)) {
    throw new ArgumentError(`windowFn: unknown window ${JSON.stringify(windowFn)} (one of ${WINDOW_KINDS.join(", ")})`, { path: "windowFn" });
  }
  const rpm = options.speedRpm;
  if (rpm !== undefined && !(Number.isFinite(rpm) && rpm > 0)) throw new ArgumentError(`speedRpm: must be a positive number, got ${rpm}`, { path: "speedRpm" });
  if (options.orders !== undefined && rpm === undefined) throw new ArgumentError("orders needs speedRpm", { path: "orders" });
  positiveInt("orders", options.orders);
  const orders = rpm === undefined ? 0 : options.orders ?? DEFAULT_ORDERS;
  if (orders > MAX_ORDERS) throw new ArgumentError(`orders: at most ${MAX_ORDERS}: ${orders}`, { path: "orders" });
  const table = typeof signal === "string" ? readSignalCsv(signal) : signal;
  const file = typeof signal === "string" ? signal : signal.file;
  try {
    // one job: every number of the feature table
    return featureJob(table, { fs, window, hop: options.hop ?? window, bands, windowFn, speedRpm: rpm ?? 0, orders }, file);
  } catch (e) {
    // the core's error detail is the request index of the field at fault (ABI.md, "jobFeatures")
    if (e instanceof CoreError && e.code === 1 && e.detail === 8) {
      throw new ArgumentError(`speedRpm ${rpm}: order ${orders}x of it is not below the Nyquist frequency fs/2 (fs = ${fs} Hz)`, { path: "speedRpm" });
    }
    if (e instanceof CoreError && e.code === 1 && e.detail === 4) {
      throw new ArgumentError(`speedRpm ${rpm}: a window of ${window} samples spans too few revolutions (or an order sits at a multiple of fs/2) for the order fit`, { path: "speedRpm" });
    }
    throw e;
  }
}

/** The feature table as CSV text in chunks (header, then one line per window), as `twin features` writes it. */
export function featureCsv(table: FeatureTable): Generator<string> {
  return csvChunks(table.header, table.rows, (r) => table.row(r));
}
