// twin features SIGNAL.csv --fs HZ --window N [--hop N] [--speed-rpm R] [--orders K] [--bands 8]
//                [--window-fn hann] [-o FEATURES.csv]                       (shared/spec/elm.md)
import { ArgumentError } from "../errors.js";
import { UsageError, parseCommandLine, required, str } from "./args.js";
import { parseNumber } from "../index.js";
import { computeFeatures, DEFAULT_BANDS, DEFAULT_ORDERS, featureCsv, MAX_ORDERS, readSignalCsv, WINDOW_KINDS, type WindowKind } from "../signal/index.js";
import { type Command, helpRequested, requireFinite, writeOutput } from "./common.js";

export { DEFAULT_BANDS, DEFAULT_ORDERS, MAX_ORDERS };

export const featuresCommand: Command = {
  name: "features",
  summary: "vibration features per window and channel of a signal CSV",
  api: { module: "signal", export: "computeFeatures" },
  usage: `Usage: twin features SIGNAL.csv --fs HZ --window N [--hop N] [--speed-rpm R] [--orders K]
                     [--bands 8] [--window-fn hann] [-o FEATURES.csv]

SIGNAL.csv: a header of channel names, one column per channel, one row per sample (a column
named "t" is not a channel). Windows of N samples start every --hop samples. Output: one row per
window; column t_start (the t value of the window's first row, or its index / fs without a t
column), then <channel>_<feature> for mean, std, rms, peak, peak_to_peak, crest, kurtosis,
skewness, shape, impulse, band1..bandB (mean-square power in B equal bands from 0 to fs/2) and,
with --speed-rpm, the amplitudes 1x..Kx of the shaft orders (least-squares fit).

Options:
  --fs HZ            sampling frequency, Hz (required)
  --window N         samples per window, >= 2 (required)
  --hop N            samples between window starts (default N: no overlap)
  --speed-rpm R      shaft speed, rev/min: adds the order amplitudes 1x..Kx
  --orders K         number of orders with --speed-rpm (default ${DEFAULT_ORDERS})
  --bands B          number of bands, 1..N/2 (default ${DEFAULT_BANDS}, or N/2 if smaller)
  --window-fn NAME   ${WINDOW_KINDS.join(", ")} (default hann)
  -o, --out FILE     write the CSV to FILE (default: standard output)
  -h, --help         show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        fs: { type: "string" },
        window: { type: "string" },
        hop: { type: "string" },
        "speed-rpm": { type: "string" },
        orders: { type: "string" },
        bands: { type: "string" },
        "window-fn": { type: "string" },
        out: { type: "string", short: "o" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "SIGNAL.csv" },
    );
    if (helpRequested(values, this, io)) return 0;
    const fs = parseNumber(required(values.fs, "--fs"), "--fs", "positive");
    const window = parseNumber(required(values.window, "--window"), "--window", "posinteger");
    if (window < 2) throw new UsageError(`--window: must be at least 2: ${window}`);
    const hop = parseNumber(str(values.hop) ?? String(window), "--hop", "posinteger");
    const bands = parseNumber(str(values.bands) ?? String(Math.min(DEFAULT_BANDS, Math.floor(window / 2))), "--bands", "posinteger");
    if (bands > Math.floor(window / 2)) throw new UsageError(`--bands: at most window/2 = ${Math.floor(window / 2)} bands (each band needs a frequency bin): ${bands}`);
    const windowFn = str(values["window-fn"]) ?? "hann";
    if (!(WINDOW_KINDS as readonly string[]).includes(windowFn)) {
      throw new UsageError(`--window-fn: unknown window ${JSON.stringify(windowFn)} (one of ${WINDOW_KINDS.join(", ")})`);
    }
    const rpm = str(values["speed-rpm"]);
    // the speed goes to the core in rev/min, as given: the core converts it to Hz
    const speedRpm = rpm === undefined ? 0 : parseNumber(rpm, "--speed-rpm", "positive");
    const ordersText = str(values.orders);
    if (ordersText !== undefined && rpm === undefined) throw new UsageError("--orders needs --speed-rpm");
    const orders = rpm === undefined ? 0 : parseNumber(ordersText ?? String(DEFAULT_ORDERS), "--orders", "posinteger");
    if (orders > MAX_ORDERS) throw new UsageError(`--orders: at most ${MAX_ORDERS}: ${orders}`);
    const file = positionals[0]!;
    const table = readSignalCsv(file);
    let ft;
    try {
      ft = computeFeatures(table, { fs, window, hop, bands, windowFn: windowFn as WindowKind, ...(rpm !== undefined && { speedRpm, orders }) });
    } catch (e) {
      // the library names its option; the command names its flag, as the user typed it
      if (e instanceof ArgumentError && e.path === "speedRpm") throw new UsageError(`--speed-rpm ${rpm}${e.message.slice(e.message.indexOf(":"))}`);
      throw e;
    }
    requireFinite(ft.result.values, "features");
    const out = str(values.out);
    const chunks = featureCsv(ft);
    if (out !== undefined) writeOutput(out, chunks);
    else for (const chunk of chunks) io.out(chunk);
    return 0;
  },
};
