// Real signals through the runner's monitoring path: the SKAB pump test bed's per-second feature
// files (test/data/skab/README.md) replayed through `twin run` with a feature-stream configuration.
// The pump's own signals are watched: the two vibration RMS channels (I-MR charts, rule we1), the motor
// current and the flow rate (EWMA charts); the thermal and electrical supply values (temperatures,
// pressure, voltage) follow the room and the mains from day to day and are recorded, not charted.
// The charts take their limits from the normal file (phase I, the core's learner), and the recogniser
// is an ELM with a distance novelty detector trained on the normal file's rows of the same four
// signals (one class: anything it has not seen is novel). For each experiment file: the detection
// delay after the labelled changepoint (the first alarm that activates at or after it), the alarms
// that activated before it, and those still active when it came.
import { join } from "node:path";
import { Core, PACKAGE_ROOT } from "../core/core.js";
import { train, type ElmModel } from "../elm/model.js";
import { readCsvTable } from "../io/csv.js";
import type { Json } from "../io/json.js";
import { checkRunnerConfig, type RunnerConfig } from "../runner/config.js";
import { HybridRunner, type RunSummary } from "../runner/pipeline.js";
import type { RunnerRecord } from "../runner/records.js";
import { runCoreStream } from "../spc/core-stream.js";

export const SKAB_DIR = join(PACKAGE_ROOT, "test", "data", "skab");
export const SKAB_NORMAL = "skab_pump_state-normal_anomaly-free.csv";
export const SKAB_EXPERIMENTS = [
  "skab_pump_state-rotor-imbalance_sharp_other14.csv",
  "skab_pump_state-rotor-imbalance_linear_other15.csv",
  "skab_pump_state-valve1-closure_valve1-0.csv",
] as const;
/** The feature channels (the label columns anomaly and changepoint are left out). */
export const SKAB_CHANNELS = ["Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure", "Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS"] as const;
const VIBRATION = new Set(["Accelerometer1RMS", "Accelerometer2RMS"]);
/** The signals charted and recognised: vibration, then the pump's current and flow. */
export const SKAB_WATCHED = ["Accelerometer1RMS", "Accelerometer2RMS", "Current", "Volume Flow RateRMS"] as const;

/** A name the configuration accepts for each channel. */
const featureName = (c: string): string => c.replace(/[^A-Za-z0-9]+/g, "_").replace(/_$/, "");

export interface SkabLearned {
  monitors: { feature: string; chart: "imr" | "ewma"; center: number; sigma: number }[];
  recogniser: ElmModel;
}

export interface SkabExperiment {
  file: string;
  rows: number;
  /** seconds from the file's first row to the labelled changepoint */
  changepoint: number;
  /** first alarm at or after the changepoint: its delay (s), id and source */
  detection: { delay: number; id: string; source: string } | null;
  /** alarms that activated before the changepoint */
  alarmsBefore: { t: number; id: string }[];
  /** alarms still active (not returned to normal) when the changepoint came */
  activeAtChange: string[];
  summary: RunSummary;
}

/** Seconds since the first row of a `YYYY-MM-DD hh:mm:ss` column (UTC), row by row. */
function seconds(values: string[]): number[] {
  const t = values.map((v) => Date.parse(v.replace(" ", "T") + "Z") / 1000);
  return t.map((x) => x - t[0]!);
}

/** Phase I on the normal file: each monitor's centre and σ (the core's learner) and the recogniser. */
export function learnSkab(core: Core = Core.default()): SkabLearned {
  const table = readCsvTable(join(SKAB_DIR, SKAB_NORMAL));
  const col = (name: string): number[] => table.rows.map((r) => Number(r.fields[table.header.indexOf(name)]));
  const monitors = SKAB_WATCHED.map((c) => {
    const chart = VIBRATION.has(c) ? ("imr" as const) : ("ewma" as const);
    const v = col(c);
    const learned = runCoreStream(v, { chart, limits: { learn: v.length }, rules: chart === "imr" ? ["we1"] : [], ...(chart === "ewma" ? { lambda: 0.2 } : {}) }, core);
    return { feature: featureName(c), chart, center: learned.center, sigma: learned.sigma };
  });
  const n = table.rows.length, d = SKAB_WATCHED.length;
  const X = new Float64Array(n * d);
  const cols = SKAB_WATCHED.map((c) => col(c));
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X[i * d + j] = cols[j]![i]!;
  const recogniser = train(SKAB_WATCHED.map(featureName), X, new Array<string>(n).fill("normal"), {
    label: "state", hidden: 50, activation: "sigmoid", C: 1, seed: 1, standardize: true, novelty: "distance", noveltyQuantile: 0.999, noveltyK: 5,
  });
  return { monitors, recogniser };
}

/**
 * The feature-stream configuration of a replayed SKAB file: the charts with the normal file's limits,
 * or (leadIn > 0) learning their limits in the stream from the file's own first `leadIn` rows (the
 * SKAB benchmark's protocol: each experiment starts with normal operation of that day).
 */
export function skabConfig(file: string, learned: SkabLearned, leadIn = 0): RunnerConfig {
  const doc: Json = {
    format: "twin-runner-config",
    version: 1,
    input: "features",
    source: { url: `replay:${join(SKAB_DIR, file)}?speed=fast&time=datetime&columns=${SKAB_CHANNELS.map(encodeURIComponent).join(",")}`, channels: SKAB_CHANNELS.length },
    features: SKAB_CHANNELS.map((c, i) => ({ name: featureName(c), channel: i })),
    monitors: learned.monitors.map((m) => ({
      name: `spc-${m.feature}`, feature: m.feature, chart: m.chart, ...(leadIn > 0 ? { learn: leadIn } : { limits: { center: m.center, sigma: m.sigma } }),
      ...(m.chart === "imr" ? { rules: ["we1"] } : { lambda: 0.2 }),
    })),
    // a few seconds' persistence before an alarm: a 1 s sample beyond a limit alone is not a change
    alarms: [
      ...learned.monitors.map((m) => ({ id: `${m.feature}`, source: `spc:spc-${m.feature}`, priority: "medium", onDelay: 5, offDelay: 10 })),
      { id: "novel", source: "novelty", priority: "high", onDelay: 5, offDelay: 10 },
    ],
  };
  return checkRunnerConfig(doc, join(SKAB_DIR, "skab-runner.json"));
}

/** One experiment file replayed through the runner: detection delay and alarms before the changepoint. */
export async function runSkabExperiment(file: string, learned: SkabLearned, core: Core = Core.default(), leadIn = 0): Promise<SkabExperiment> {
  const table = readCsvTable(join(SKAB_DIR, file));
  const t = seconds(table.rows.map((r) => r.fields[table.header.indexOf("datetime")]!));
  const cpRow = table.rows.findIndex((r) => Number(r.fields[table.header.indexOf("changepoint")]) === 1);
  const changepoint = t[cpRow]!;
  const records: RunnerRecord[] = [];
  const runner = await HybridRunner.start({ config: skabConfig(file, learned, leadIn), model: null, recogniser: learned.recogniser, core, onRecord: (r) => records.push(r) });
  await runner.finished;
  const summary = await runner.stop();
  const raised = records.filter((r): r is Extract<RunnerRecord, { type: "alarm" }> => r.type === "alarm" && r.from === "normal" && r.state !== "normal");
  const first = raised.find((a) => a.t >= changepoint);
  return {
    file,
    rows: table.rows.length,
    changepoint,
    detection: first ? { delay: first.t - changepoint, id: first.id, source: first.source } : null,
    alarmsBefore: raised.filter((a) => a.t < changepoint).map((a) => ({ t: a.t, id: a.id })),
    activeAtChange: activeAt(records, changepoint),
    summary,
  };
}

/** Alarms whose condition was active at time t (the last transition before t left them active). */
function activeAt(records: RunnerRecord[], t: number): string[] {
  const last = new Map<string, boolean>();
  for (const r of records) {
    if (r.type !== "alarm" || r.t >= t) continue;
    if (r.event === "activate") last.set(r.id, true);
    else if (r.event === "clear") last.set(r.id, false);
  }
  return [...last].filter(([, on]) => on).map(([id]) => id);
}
