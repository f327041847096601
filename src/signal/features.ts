// Features of a signal table (CSV) → a feature table: one row per window, a `t_start` column, then
// `<channel>_<feature>` for every channel and feature (docs/features.md).
import { CoreError } from "../core/core.js";
import { InputError } from "../io/args.js";
import type { SignalTable } from "./csv.js";
import { type FeatureOptions, type FeatureResult, SignalCore } from "./core.js";

export interface FeatureTable {
  header: string[];
  rows: number;
  row(r: number): number[];
  result: FeatureResult;
}

/**
 * Runs the core's feature extractor on a parsed table. A window in which a channel is constant
 * (zero variance: skewness and kurtosis are 0/0) is an input error naming the file lines.
 */
export function featureTable(table: SignalTable, opts: FeatureOptions, file: string, sig: SignalCore = new SignalCore()): FeatureTable {
  const nCh = table.channels.length;
  if (table.rows < opts.window) {
    throw new InputError(`${file}: ${table.rows} data rows, fewer than the window of ${opts.window} samples`);
  }
  let result: FeatureResult;
  try {
    result = sig.features(table.data, nCh, opts);
  } catch (e) {
    if (e instanceof CoreError && e.code === 2 && e.operation === "signalFeatures") {
      const start = Math.floor(e.detail / nCh), ch = e.detail - start * nCh;
      const first = table.lines[start]!, last = table.lines[start + opts.window - 1]!;
      throw new InputError(
        `${file}:${first}: channel ${JSON.stringify(table.channels[ch])} is constant over the window of lines ${first}-${last}: ` +
          `its skewness and kurtosis are undefined`,
      );
    }
    throw e;
  }
  const nf = result.names.length;
  const header = ["t_start"];
  for (const ch of table.channels) for (const name of result.names) header.push(`${ch}_${name}`);
  const width = nCh * nf;
  const t = table.t;
  return {
    header,
    rows: result.windows,
    result,
    row(r: number): number[] {
      const start = result.starts[r]!;
      const out = [t ? t[start]! : start / opts.fs];
      const v = result.values.subarray(r * width, (r + 1) * width);
      for (let i = 0; i < width; i++) out.push(v[i]!);
      return out;
    },
  };
}
