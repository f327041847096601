// machine-twin/runner: the hybrid runner (docs/runner.md, docs/api/runner.md): a configuration, frames
// from a live or recorded source through the core's online pipeline, records to sinks, sessions
// recorded and replayed.
export { runTwin, validateRunnerConfig, type RunTwinOptions, type TwinRun, type TwinRunStopReason } from "./run.js";
export { loadRunnerConfig, signalFeatureNames, windowFeatureNames } from "./config.js";
export type {
  RunnerConfig, SourceConfig, SensorConfig, SpeedConfig, UnbalanceConfig, FilterConfig, VirtualSensorConfig, WindowConfig, RecogniserConfig, MonitorConfig,
  RecordingConfig, FeatureInputConfig,
} from "./config.js";
export { RUNNER_CONFIG_SCHEMA } from "./schema.js";
export { replaySession, sessionFiles, type SessionFiles, type SessionReplay, type SessionReplaySummary } from "./session-replay.js";
export { checkSession, type SessionCheck } from "./archive.js";
export type { RunSummary, RunnerStatus, RunnerCounters, MeasuredBlock } from "./pipeline.js";
export { RECORD_TYPES, type RunnerRecord, type RecordType, type AlarmState } from "./records.js";
export type { TruthTable, VirtualSensorScore } from "./score.js";
export { readNdjson, NdjsonError } from "./sinks/ndjson.js";
export type { SinkSpec } from "./sinks/sink.js";
export type { AlarmDefinition, AlarmPriority } from "./alarms.js";
export { RunnerConfigError, type ConfigFault } from "./errors.js";
export { AlarmConfigError } from "./alarms.js";
export { SinkConfigError } from "./sinks/sink.js";
