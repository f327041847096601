// `twin run` as a library: a configuration (a file, a checked RunnerConfig or a plain object checked
// here as the file reader checks it), the models it names or the caller gives, and the hybrid runner
// started on them. The handle stops on request, after a duration, or at the end of a finite source,
// and every way ends in the same summary.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ArgumentError, InputError } from "../errors.js";
import { loadModel as loadElmModel, type ElmModel } from "../elm/model.js";
import { checkRotorModel, ModelError, parseRotorModel } from "../rotor/validate.js";
import type { RotorModel } from "../rotor/model.js";
import { readTruth } from "../device/truth.js";
import type { Json } from "../io/json.js";
import { checkRunnerConfig, loadRunnerConfig, type RunnerConfig } from "./config.js";
import { HybridRunner, type MeasuredBlock, type RunSummary, type RunnerStatus } from "./pipeline.js";
import type { RunnerRecord } from "./records.js";
import type { TruthTable } from "./score.js";

/** What runTwin needs besides the configuration; every field is optional. */
export interface RunTwinOptions {
  /** read this source URL instead of the configuration's `source.url` */
  source?: string;
  /** the rotor model: an object (checked as a model file is) or a file; default the configuration's `model` */
  model?: RotorModel | string;
  /** the ELM recogniser (`twin elm train`): an object or a file; default the configuration's `recogniser.model` */
  recogniser?: ElmModel | string;
  /**
   * score the virtual sensors against the simulator's truth (`simulateDevice({ truth })`): a file
   * (read when the run stops, so a simulator streaming this run may still be writing it) or a table
   */
  truth?: string | TruthTable;
  /** score only the samples between these times of the sample clock, s (needs `truth`) */
  scoreRange?: [number, number];
  /** record the session in this directory (instead of the configuration's `recording.dir`) */
  record?: string;
  /** continue the session in the recording directory from its last checkpoint */
  resume?: boolean;
  /** stop after this many seconds of wall-clock time */
  duration?: number;
  /** every record, in order (what `twin run --json` prints line by line) */
  onRecord?: (record: RunnerRecord) => void;
  /** the measured sensors' samples of every block the core took (for displays; not a record) */
  onMeasured?: (block: MeasuredBlock) => void;
}

/** A running hybrid runner. */
export interface TwinRun {
  /** resolves with the summary when the run has stopped: by stop(), after `duration`, or at the end of a finite source */
  readonly summary: Promise<RunSummary>;
  /** resolves when a finite source (a replay) has delivered everything */
  readonly finished: Promise<void>;
  /** why it stopped: "stopped", "duration" or "end of the source" (set once it stops) */
  readonly reason: TwinRunStopReason | null;
  /** a failure that stopped processing (a core error), or null */
  readonly error: Error | null;
  /** the live counters: stream time, frame rate, lag, losses, state, active alarms */
  status(): RunnerStatus;
  /** stops the source, ends the session, closes the sinks; resolves with the summary */
  stop(): Promise<RunSummary>;
}

/** Why a run stopped: stop() was called, the duration passed, or a finite source ended. */
export type TwinRunStopReason = "stopped" | "duration" | "end of the source";

/**
 * Checks a runner configuration given in code as `loadRunnerConfig` checks a file: every fault with
 * its JSON path. Relative paths in it (model, recogniser) resolve against `baseDir` (default the
 * working directory).
 * @throws RunnerConfigError listing every fault (`path` is the first one's)
 */
export function validateRunnerConfig(value: unknown, baseDir?: string): RunnerConfig {
  return checkRunnerConfig(value as Json, undefined, baseDir);
}

function isConfig(v: unknown): v is RunnerConfig {
  return typeof v === "object" && v !== null && "document" in v && "input" in v && "sensors" in v && "file" in v;
}

function rotorModelOf(m: RotorModel | string): RotorModel {
  if (typeof m !== "string") {
    const { model, faults } = checkRotorModel(m as unknown as Json);
    if (model === undefined) throw new ModelError("model", faults);
    return model;
  }
  let text: string;
  try {
    text = readFileSync(m, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${m}: cannot read: ${err.code !== undefined ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, "")}` : err.message}`, { file: m });
  }
  return parseRotorModel(text, m);
}

/**
 * Starts the hybrid runner (`twin run`): frames from the source go through the core's online pipeline
 * (virtual sensors, windows, state recognition, SPC), alarms follow ISA-18.2, records go to the sinks
 * and `onRecord`, and the session is recorded when a recording directory is set.
 * @param config a configuration file, a checked RunnerConfig, or an object checked as a file is
 * @throws RunnerConfigError for a configuration the runner refuses (every fault, with its JSON path)
 * @throws ModelError for a rotor model that is not valid; InputError for an unreadable file or source URL
 * @throws ArgumentError for options that do not fit (a rotor model for a feature stream, a score range without truth)
 */
export async function runTwin(config: RunnerConfig | string | object, options: RunTwinOptions = {}): Promise<TwinRun> {
  const cfg: RunnerConfig = typeof config === "string" ? loadRunnerConfig(config) : isConfig(config) ? { ...config } : validateRunnerConfig(config);
  if (options.record !== undefined) cfg.recording = { dir: resolve(options.record), checkpointSeconds: cfg.recording?.checkpointSeconds ?? 10 };
  if (cfg.input === "features" && options.model !== undefined) throw new ArgumentError("model: a feature-stream configuration uses no rotor model", { path: "model" });
  if (options.scoreRange !== undefined) {
    if (options.truth === undefined) throw new ArgumentError("scoreRange needs truth", { path: "scoreRange" });
    const [t0, t1] = options.scoreRange;
    if (!(Number.isFinite(t0) && Number.isFinite(t1) && t0 >= 0 && t1 > t0)) throw new ArgumentError(`scoreRange [${t0}, ${t1}]: expected 0 <= T0 < T1 (seconds of the sample clock)`, { path: "scoreRange" });
  }
  if (options.duration !== undefined && !(Number.isFinite(options.duration) && options.duration > 0)) throw new ArgumentError(`duration ${options.duration}: expected a number of seconds > 0`, { path: "duration" });
  if (options.resume === true && cfg.recording === null) throw new ArgumentError("resume: no recording directory to resume (recording.dir or record)", { path: "resume" });
  const modelGiven = options.model ?? cfg.model;
  const model = modelGiven === null ? null : rotorModelOf(modelGiven);
  const recGiven = options.recogniser ?? cfg.recogniser?.model;
  const recogniser = recGiven === undefined ? null : typeof recGiven === "string" ? loadElmModel(recGiven) : recGiven;
  const truthGiven = options.truth;
  const truth = truthGiven === undefined ? null : typeof truthGiven === "string" ? () => readTruth(truthGiven) : () => truthGiven;
  const runner = await HybridRunner.start({
    config: cfg, model, recogniser, truth, resume: options.resume === true,
    ...(options.scoreRange ? { scoreRange: options.scoreRange } : {}),
    ...(options.source !== undefined ? { source: options.source } : {}),
    ...(options.onRecord ? { onRecord: options.onRecord } : {}),
    ...(options.onMeasured ? { onMeasured: options.onMeasured } : {}),
  });
  return new TwinRunHandle(runner, options.duration);
}

class TwinRunHandle implements TwinRun {
  readonly summary: Promise<RunSummary>;
  reason: TwinRunStopReason | null = null;
  private resolveStop!: (reason: TwinRunStopReason) => void;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly runner: HybridRunner,
    duration: number | undefined,
  ) {
    const stopRequested = new Promise<TwinRunStopReason>((r) => (this.resolveStop = r));
    const waits: Promise<TwinRunStopReason>[] = [stopRequested, runner.finished.then(() => "end of the source" as const)];
    if (duration !== undefined) waits.push(new Promise((r) => (this.timer = setTimeout(() => r("duration"), duration * 1000))));
    this.summary = Promise.race(waits).then((reason) => {
      if (this.timer) clearTimeout(this.timer);
      this.reason = reason;
      return runner.stop();
    });
  }

  get finished(): Promise<void> {
    return this.runner.finished;
  }

  get error(): Error | null {
    return this.runner.error;
  }

  status(): RunnerStatus {
    return this.runner.status();
  }

  stop(): Promise<RunSummary> {
    this.resolveStop("stopped");
    return this.summary;
  }
}
