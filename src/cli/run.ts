// twin run CONFIG.json [--duration S] [--json] [--source URL] [--model FILE] [--recogniser FILE]
//          [--truth FILE] [--record DIR] [--resume]: the hybrid runner (src/runner/pipeline.ts) as a long-running
// process. A thin porch over runTwin (machine-twin/runner): it checks the options, starts the runner,
// prints the status line and the summary.
import { parseNumber } from "../index.js";
import { loadRunnerConfig, runTwin, type RunSummary, type RunnerRecord, type RunnerStatus } from "../runner/index.js";
import { UsageError, parseCommandLine, str } from "./args.js";
import { type Command, helpRequested, loadModelFile, nextStopSignal } from "./common.js";

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toPrecision(d) : String(x));

function statusLine(s: RunnerStatus): string {
  const alarms = s.activeAlarms.length === 0 ? "none" : s.activeAlarms.join(" ");
  return `t ${s.t.toFixed(1)} s | ${fmt(s.framesPerSecond)} frames/s ${fmt(s.samplesPerSecond)} samples/s | lag ${fmt(s.lagMs)} ms | lost ${s.lost} rejected ${s.rejected} | state ${s.state ?? "-"} | alarms ${alarms}`;
}

export function summaryText(s: RunSummary): string {
  const lines = [
    `twin run: ${s.source}, ${s.seconds.toFixed(2)} s of stream at ${s.inputRate ?? "?"} Hz (filter ${s.filterRate} Hz)`,
    `frames    received ${s.received}, processed ${s.processed}, lost ${s.lost}, duplicated ${s.duplicated}, reordered ${s.reordered}, rejected ${s.rejected}` +
      (s.rateMismatch > 0 ? `, other rate ${s.rateMismatch}` : ""),
    `windows   ${s.windows}; state changes ${s.stateChanges}; last state ${s.state ?? "-"}`,
    `alarms    raised ${s.alarmsRaised}; active ${s.activeAlarms.join(", ") || "none"}`,
    `latency   p50 ${fmt(s.latency.p50)} ms, p99 ${fmt(s.latency.p99)} ms (${s.latency.count} blocks)`,
  ];
  for (const sc of s.scores) lines.push(`score     ${sc.name}: NRMSE ${(100 * sc.nrmse).toFixed(3)} % against ${sc.truth} (${sc.samples} samples)`);
  if (s.session !== null) lines.push(`session   ${s.session}${s.resumedFrom ? ` (resumed from unit ${s.resumedFrom.units}, ${s.resumedFrom.lostSeconds.toFixed(1)} s lost)` : ""}`);
  return lines.join("\n") + "\n";
}

export const runnerCommand: Command = {
  name: "run",
  summary: "the hybrid runner: live frames fused with the rotor model (virtual sensors, states, SPC, alarms)",
  api: { module: "runner", export: "runTwin" },
  usage: `Usage: twin run CONFIG.json [--duration S] [--json] [--source URL] [--model FILE]
                [--recogniser FILE] [--truth FILE [--score T0:T1]] [--record DIR] [--resume]

Runs the configuration's pipeline (docs/runner.md; schema: schemas/runner-config.schema.json):
frames from the source (udp://, mqtt://, serial:, replay:) go through the core's online pipeline
(decimation, the unscented Kalman filter on the reduced rotor model, virtual sensors, windowed
features, ELM state recognition, SPC), alarms follow ISA-18.2, records go to the sinks, and the
session is recorded (recording.dir) so that \`twin archive create --session DIR\` can archive it.
Stops after --duration seconds, at the end of a replay, or on SIGINT/SIGTERM, then prints the
summary: frames received/processed/lost/duplicated/reordered/rejected, windows, state changes,
alarms raised and, with --truth, the virtual sensors' NRMSE against the simulator's truth.

Options:
  --duration S       stop after S seconds of wall-clock time
  --json             every record as one JSON line on standard output, the summary last
  --source URL       read this source instead of the configuration's source.url
  --model FILE       use this rotor model instead of the configuration's model
  --recogniser FILE  use this ELM model (twin elm train) instead of the configuration's
  --truth FILE       score the virtual sensors against a truth file (twin device simulate --truth)
  --score T0:T1      score only the samples between T0 and T1 s of the sample clock
  --record DIR       record the session in DIR (instead of the configuration's recording.dir)
  --resume           continue the session in the recording directory from its last checkpoint
  -h, --help         show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        duration: { type: "string" }, json: { type: "boolean" }, source: { type: "string" }, model: { type: "string" }, recogniser: { type: "string" },
        truth: { type: "string" }, score: { type: "string" }, resume: { type: "boolean" }, record: { type: "string" }, help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "CONFIG.json" },
    );
    if (helpRequested(values, this, io)) return 0;
    const cfg = loadRunnerConfig(positionals[0]!);
    const record = str(values.record);
    const durationText = str(values.duration);
    const duration = durationText === undefined ? undefined : parseNumber(durationText, "--duration", "positive");
    const modelFile = str(values.model) ?? cfg.model;
    if (cfg.input === "features" && str(values.model) !== undefined) throw new UsageError("--model: a feature-stream configuration uses no rotor model");
    // the model is read here, before the other options are checked, as it always was
    const model = modelFile === null ? undefined : loadModelFile(modelFile);
    const recogniser = str(values.recogniser);
    const truth = str(values.truth);
    const scoreText = str(values.score);
    let scoreRange: [number, number] | undefined;
    if (scoreText !== undefined) {
      if (truth === undefined) throw new UsageError("--score needs --truth FILE");
      const m = /^([^:]+):([^:]+)$/.exec(scoreText);
      if (m === null) throw new UsageError(`--score ${JSON.stringify(scoreText)}: expected T0:T1 (seconds of the sample clock)`);
      scoreRange = [parseNumber(m[1]!, "--score T0", "nonnegative"), parseNumber(m[2]!, "--score T1", "positive")];
      if (!(scoreRange[1] > scoreRange[0])) throw new UsageError(`--score ${scoreText}: T1 must be after T0`);
    }
    if (values.resume === true && cfg.recording === null && record === undefined) throw new UsageError("--resume: no recording directory to resume (recording.dir or --record)");
    const json = values.json === true;
    const tty = process.stderr.isTTY === true && !json;
    const source = str(values.source);
    const runner = await runTwin(cfg, {
      resume: values.resume === true,
      ...(model !== undefined ? { model } : {}),
      ...(recogniser !== undefined ? { recogniser } : {}),
      ...(truth !== undefined ? { truth } : {}),
      ...(scoreRange ? { scoreRange } : {}),
      ...(record !== undefined ? { record } : {}),
      ...(duration !== undefined ? { duration } : {}),
      ...(source !== undefined ? { source } : {}),
      ...(json ? { onRecord: (r: RunnerRecord) => io.out(JSON.stringify(r) + "\n") } : {}),
    });
    const timer = tty ? setInterval(() => io.err(`\r\x1b[K${statusLine(runner.status())}`), 1000) : undefined;
    const summary = await Promise.race([nextStopSignal().then(() => runner.stop()), runner.summary]);
    if (timer) {
      clearInterval(timer);
      io.err("\n");
    }
    if (json) io.out(JSON.stringify(summary) + "\n");
    else io.out(summaryText(summary));
    if (runner.error !== null) {
      io.err(`twin run: the pipeline stopped: ${runner.error.message}\n`);
      return 1;
    }
    return 0;
  },
};

