// The hybrid runner (docs/runner.md): source -> conditioning -> core -> monitors -> sinks.
// The source delivers input units (datagrams, MQTT payloads, serial chunks or lines); one
// InputDecoder turns them into frames with the tracker's decisions (the same decoder replays a
// recorded session); each delivered frame becomes one block (raw × scale) and goes through one
// runnerStep call in the core; its result becomes records (virtual-sensor blocks, windows with the
// operating state, SPC points), the alarms follow them (ISA-18.2, alarms.ts), and every record goes
// to the sinks. The session recording keeps the input units, the request and the core's raw results;
// checkpoints keep the core's state, so a killed runner resumes where its last checkpoint stood.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Core, CoreError, CORE_ERRORS } from "../core/core.js";
import { dispatch, InputDecoder } from "../live/decode.js";
import type { Frame } from "../live/frame.js";
import type { ConnectionEvent } from "../live/mqtt.js";
import { readInputRecording, InputRecorder } from "../live/recording.js";
import { openSource, type InputUnit, type Source } from "../live/source.js";
import type { Decision, QualityEvent, StreamQuality, TrackerOptions } from "../live/tracker.js";
import type { ElmModel } from "../elm/model.js";
import type { RotorModel } from "../rotor/model.js";
import { rulesFromBits } from "../spc/core-stream.js";
import { AlarmManager, checkAlarmDefinitions, type AlarmDefinition, type AlarmEvent } from "./alarms.js";
import type { RunnerConfig } from "./config.js";
import { frameBlock, RunnerCore, type BlockResult } from "./core.js";
import type { RunnerRecord } from "./records.js";
import { RequestFault, runnerRequest, type RunnerRequest } from "./request.js";
import { RunnerConfigError } from "./errors.js";
import { SESSION_FORMAT, SESSION_VERSION, SessionDir, type CheckpointMeta, type SessionInfo } from "./session.js";
import { closeAll, openSinks, type Sink, type SinkSpec } from "./sinks/index.js";
import { EstimateLog, type TruthTable, type VirtualSensorScore } from "./score.js";

export interface RunOptions {
  config: RunnerConfig;
  /** the rotor model (null for a feature stream) */
  model: RotorModel | null;
  recogniser: ElmModel | null;
  /** overrides the configuration's source URL */
  source?: string;
  /** scores the virtual sensors against a simulator's truth (read when the run stops) */
  truth?: (() => TruthTable) | null;
  /** score only the samples in [from, to) s of the sample clock */
  scoreRange?: [number, number];
  /** continue the session in the recording directory from its last checkpoint */
  resume?: boolean;
  /** every record, in order (the CLI's --json log) */
  onRecord?: (r: RunnerRecord) => void;
  /**
   * The measured sensors' samples of every block the core took, in the sensors' units (raw × scale ÷
   * sensitivity), at the input rate: for displays. Not a record (sinks and sessions never see it: the
   * recording holds the input itself).
   */
  onMeasured?: (m: MeasuredBlock) => void;
  core?: Core;
  /** wall clock, ms (tests and benchmarks may pass their own) */
  now?: () => number;
}

/** One block of measured samples: values[k][i] is sensor names[k] at t + i / fs (sample clock, s). */
export interface MeasuredBlock {
  t: number;
  fs: number;
  names: string[];
  values: number[][];
}

/** Frames, windows, alarms and blocks counted so far. */
export interface RunnerCounters {
  /** frames received (delivered, duplicated, late or rejected), as the tracker counts them */
  received: number;
  /** frames through the core */
  processed: number;
  lost: number;
  duplicated: number;
  /** frames arriving after a later one (reordered): dropped */
  reordered: number;
  rejected: number;
  /** frames not processed because their rate differs from the session's */
  rateMismatch: number;
  windows: number;
  stateChanges: number;
  alarmsRaised: number;
  gaps: number;
  clockJumps: number;
  reconnects: number;
  blocks: number;
  samples: number;
}

/** The end of a run (what `twin run --json` prints last): the counters, the last state, active alarms, latency, scores, the session directory. */
export interface RunSummary extends RunnerCounters {
  type: "summary";
  source: string;
  inputRate: number | null;
  filterRate: number;
  seconds: number;
  state: string | null;
  activeAlarms: string[];
  quality: StreamQuality;
  scores: VirtualSensorScore[];
  /** latency from a frame's arrival to its outputs, ms */
  latency: { p50: number; p99: number; max: number; count: number };
  session: string | null;
  resumedFrom: { units: number; lostSeconds: number } | null;
}

/** The live counters of a running runner (the status line of `twin run`). */
export interface RunnerStatus {
  t: number;
  framesPerSecond: number;
  samplesPerSecond: number;
  lagMs: number;
  lost: number;
  rejected: number;
  state: string | null;
  activeAlarms: string[];
}

const MONITOR_PHASE_MONITORING = 1;
/** How often the input recording reaches the disk, ms. */
const FLUSH_MS = 100;

export class HybridRunner {
  readonly counters: RunnerCounters = {
    received: 0, processed: 0, lost: 0, duplicated: 0, reordered: 0, rejected: 0, rateMismatch: 0, windows: 0, stateChanges: 0, alarmsRaised: 0,
    gaps: 0, clockJumps: 0, reconnects: 0, blocks: 0, samples: 0,
  };
  private decoder: InputDecoder;
  private rc: RunnerCore | null = null;
  private req: RunnerRequest | null = null;
  private inputRate: number | null = null;
  private source: Source | null = null;
  private sinks: Sink[] = [];
  private alarms: AlarmManager;
  private readonly alarmDefs: AlarmDefinition[];
  private session: SessionDir | null = null;
  private info: SessionInfo | null = null;
  private recorder: InputRecorder | null = null;
  private units = 0;
  private startedMs: number;
  private lastArrivalMs = 0;
  private lastCheckpointT = 0;
  private checkpointDue = false;
  /** checkpoint writes, in order */
  private writes: Promise<void> = Promise.resolve();
  /** the recording is flushed this often (ms): a kill loses at most this much of it */
  private flushTimer: NodeJS.Timeout | undefined;
  private state: string | null = null;
  private lastT = 0;
  /** the alarms' clock: stream time, never going back (windows end after the blocks that ended them) */
  private alarmT = 0;
  private latencies: number[] = [];
  private readonly estimates: EstimateLog | null;
  private readonly outputHash = createHash("sha256");
  private replaying = false;
  private failure: Error | null = null;
  private resumedFrom: RunSummary["resumedFrom"] = null;
  /** the `resumed` record, emitted once the source is open (from then on nothing sent is missed) */
  private resumedRecord: RunnerRecord | null = null;
  private readonly core: Core;
  private readonly now: () => number;
  private readonly decoderOptions: TrackerOptions & { channels: number };
  private statusWindow = { atMs: 0, frames: 0, samples: 0 };

  private constructor(private readonly o: RunOptions) {
    this.core = o.core ?? Core.default();
    this.now = o.now ?? (() => performance.timeOrigin + performance.now());
    const src = o.config.source;
    this.decoderOptions = {
      channels: src.channels,
      ...(src.physicalRange !== undefined ? { physicalRange: src.physicalRange } : {}),
      ...(src.clockToleranceSamples !== undefined ? { clockToleranceSamples: src.clockToleranceSamples } : {}),
    };
    this.decoder = new InputDecoder(this.decoderOptions);
    this.alarmDefs = checkAlarmDefinitions(o.config.alarms, "alarms");
    this.alarms = new AlarmManager(this.alarmDefs);
    this.startedMs = this.now();
    this.estimates = o.truth ? new EstimateLog() : null;
  }

  /**
   * Checks that the core takes the configuration (a node the model does not have, a model the filter
   * cannot be reduced for, a recogniser whose features are missing): a RunnerConfigError located at the
   * configuration path that gave the refused value. The input rate is only known at the first frame;
   * the check uses the filter rate (what it checks does not depend on the rate).
   */
  static check(o: Pick<RunOptions, "config" | "model" | "recogniser" | "core">): void {
    const cfg = o.config;
    let req: RunnerRequest;
    try {
      req = runnerRequest(cfg, o.model, cfg.filter?.rate ?? 1, o.recogniser);
    } catch (e) {
      if (e instanceof RequestFault) throw new RunnerConfigError(cfg.file ?? undefined, [{ path: e.path, message: e.reason }]);
      throw e;
    }
    try {
      RunnerCore.open(req.builder.values, o.core ?? Core.default()).free();
    } catch (e) {
      if (!(e instanceof CoreError) || (e.code !== 1 && e.code !== 5)) throw e;
      const f = req.builder.fieldAt(e.detail);
      throw new RunnerConfigError(cfg.file ?? undefined, [{ path: f?.what ?? "", message: `refused by the core: ${CORE_ERRORS[e.code]} (value ${req.builder.values[e.detail]})` }]);
    }
  }

  /** Opens sinks, the session (new or resumed) and the source; processing starts with the first unit. */
  static async start(o: RunOptions): Promise<HybridRunner> {
    HybridRunner.check(o);
    const r = new HybridRunner(o);
    r.sinks = await openSinks(o.config.sinks as unknown as SinkSpec[], "sinks");
    try {
      if (o.config.recording !== null) {
        await r.openSession(o.config.recording.dir, o.resume === true);
        r.flushTimer = setInterval(() => void r.recorder?.flush().catch(() => undefined), FLUSH_MS);
        r.flushTimer.unref();
      }
      const url = o.source ?? o.config.source.url;
      r.source = await openSource(url, {
        ...r.decoderOptions,
        // the runner decodes every unit itself (the same path as a replay), the source only receives
        onFrame: () => {},
        onInput: (u) => r.input(u),
        onConnection: (e) => r.connection(e),
        onError: (e) => r.emit({ type: "quality", t: r.lastT, source: url, event: { kind: "error", message: e.message } }),
      });
      if (r.resumedRecord !== null) r.emit(r.resumedRecord);
    } catch (e) {
      await r.closeOutputs();
      throw e;
    }
    return r;
  }

  /** Resolves when a finite source (a replay) has been delivered completely. */
  get finished(): Promise<void> {
    return this.source?.finished ?? Promise.resolve();
  }

  /** A failure that stopped processing (a core error), or null. */
  get error(): Error | null {
    return this.failure;
  }

  status(): RunnerStatus {
    const nowMs = this.now();
    const dt = Math.max(1e-3, (nowMs - this.statusWindow.atMs) / 1000);
    const s: RunnerStatus = {
      t: this.lastT,
      framesPerSecond: this.statusWindow.atMs === 0 ? 0 : (this.counters.processed - this.statusWindow.frames) / dt,
      samplesPerSecond: this.statusWindow.atMs === 0 ? 0 : (this.counters.samples - this.statusWindow.samples) / dt,
      lagMs: this.latencies.length > 0 ? this.latencies[this.latencies.length - 1]! : 0,
      lost: this.counters.lost,
      rejected: this.counters.rejected,
      state: this.state,
      activeAlarms: this.activeAlarms(),
    };
    this.statusWindow = { atMs: nowMs, frames: this.counters.processed, samples: this.counters.samples };
    return s;
  }

  private activeAlarms(): string[] {
    return this.alarms.active().filter((a) => a.state !== "normal").map((a) => `${a.id}:${a.state}`);
  }

  /** Acknowledges an alarm (operator action; journalled as an alarm record). */
  acknowledge(id: string, user: string): void {
    for (const e of this.alarms.acknowledge(id, this.clock(this.lastT), user)) this.alarmRecord(e);
  }

  shelve(id: string, user: string, seconds: number): void {
    for (const e of this.alarms.shelve(id, this.clock(this.lastT), user, seconds)) this.alarmRecord(e);
  }

  private clock(t: number): number {
    this.alarmT = Math.max(this.alarmT, t);
    return this.alarmT;
  }

  // ---- the session ----------------------------------------------------------------------------

  private async openSession(dir: string, resume: boolean): Promise<void> {
    const s = new SessionDir(dir);
    this.session = s;
    if (!resume || !s.exists()) {
      this.info = {
        format: SESSION_FORMAT, version: SESSION_VERSION, startedAt: new Date(this.startedMs).toISOString(), startedEpochMs: this.startedMs,
        source: this.o.source ?? this.o.config.source.url, decoder: this.decoderOptions, inputRate: null, core: { sha256: this.core.sha256 },
        config: this.o.config.document, signals: [], features: [], monitors: this.o.config.monitors.map((m) => m.name), classes: this.o.recogniser?.classes ?? [], resumes: [],
      };
      s.create(this.info);
      this.recorder = await InputRecorder.open(s.path("input"));
      return;
    }
    // resume: rebuild the decoder by decoding the recorded units, restore the core from the
    // checkpoint, then run the units recorded after it through the core again (catch up)
    this.info = s.readInfo();
    this.startedMs = this.info.startedEpochMs;
    const cp = s.readCheckpoint();
    const rec = readInputRecording(s.path("input"));
    const from = cp?.meta.units ?? 0;
    if (cp !== null) {
      this.inputRate = this.info.inputRate;
      this.req = runnerRequest(this.o.config, this.o.model, this.inputRate!, this.o.recogniser);
      const stored = s.readRequest();
      if (!sameValues(stored, this.req.builder.values)) throw new Error(`${s.path("request")}: the configuration, model or recogniser differ from the session's: it cannot resume`);
      this.rc = RunnerCore.open(stored, this.core, cp.state);
      this.alarms = AlarmManager.restore(this.alarmDefs, cp.meta.alarms);
      Object.assign(this.counters, cp.meta.counters);
      this.lastT = cp.meta.t;
      this.alarmT = cp.meta.alarmT ?? 0;
      this.state = cp.meta.state;
      this.lastCheckpointT = cp.meta.t;
      s.reopenOutputs(cp.meta.outputBytes);
      // the output digest covers the file: hash what the checkpoint kept
      if (cp.meta.outputBytes > 0) this.outputHash.update(readFileSync(s.path("outputs")).subarray(0, cp.meta.outputBytes));
    } else {
      s.reopenOutputs(0);
    }
    let i = 0, lastMs = 0;
    this.replaying = true;
    for (const { unit, atMs } of rec.records) {
      if (i < from) this.decoder.push(unit);
      else this.consume(unit, atMs);
      lastMs = atMs;
      i++;
    }
    this.replaying = false;
    this.units = i;
    const lostSeconds = (this.now() - this.startedMs - lastMs) / 1000;
    this.resumedFrom = { units: from, lostSeconds };
    this.info.resumes.push({ at: new Date(this.now()).toISOString(), lostSeconds, fromUnit: from });
    s.writeInfo(this.info);
    this.recorder = await InputRecorder.open(s.path("input"), { append: true });
    this.resumedRecord = { type: "status", t: this.lastT, event: "resumed", fromUnit: from, replayedUnits: i - from, lostSeconds };
  }

  // ---- input ----------------------------------------------------------------------------------

  private input(unit: InputUnit): void {
    const atMs = this.now() - this.startedMs;
    if (this.checkpointDue) this.checkpoint();
    this.recorder?.append(unit, atMs);
    this.units++;
    this.consume(unit, atMs);
  }

  private consume(unit: InputUnit, atMs: number): void {
    const arrival = this.now();
    this.lastArrivalMs = atMs;
    const decoded = this.decoder.push(unit);
    dispatch(decoded, {
      onEvent: (e) => this.quality(e),
      onFrame: (f, d) => this.frame(f, d, arrival),
    });
  }

  private connection(e: ConnectionEvent): void {
    if (e.kind === "reconnected") this.counters.reconnects++;
    this.emit({ type: "quality", t: this.lastT, source: this.o.source ?? this.o.config.source.url, event: e });
  }

  private quality(e: QualityEvent): void {
    this.emit({ type: "quality", t: this.lastT, source: this.o.source ?? this.o.config.source.url, event: e });
  }

  private frame(f: Frame, d: Decision, arrival: number): void {
    if (this.failure !== null) return;
    if (this.rc === null) {
      this.inputRate = f.fs;
      this.req = runnerRequest(this.o.config, this.o.model, f.fs, this.o.recogniser);
      this.rc = RunnerCore.open(this.req.builder.values, this.core);
      if (this.session !== null && this.info !== null) {
        this.session.writeRequest(this.req.builder.values);
        this.info.inputRate = f.fs;
        this.info.signals = this.req.signals;
        this.info.features = this.req.features;
        this.session.writeInfo(this.info);
      }
    } else if (f.fs !== this.inputRate) {
      this.counters.rateMismatch++;
      return;
    }
    let res: BlockResult;
    try {
      res = this.rc.step(frameBlock(f, d.discontinuity));
    } catch (e) {
      this.failure = e as Error;
      this.emit({ type: "status", t: this.lastT, event: "failed", message: (e as Error).message });
      return;
    }
    this.counters.processed++;
    this.counters.blocks++;
    this.counters.samples += f.samplesPerChannel;
    if (this.o.onMeasured !== undefined) this.measured(f);
    this.session?.appendOutputs(res.raw);
    this.outputHash.update(Buffer.from(res.raw.buffer, res.raw.byteOffset, res.raw.byteLength));
    this.lastT = (f.t0 + f.samplesPerChannel) / f.fs;
    this.records(res);
    if (!this.replaying) this.latencies.push(this.now() - arrival);
    if (this.session !== null && this.o.config.recording !== null && this.lastT - this.lastCheckpointT >= this.o.config.recording.checkpointSeconds) this.checkpointDue = true;
  }

  /** The records of one block result, and the alarms they drive. */
  private records(res: BlockResult): void {
    const req = this.req!, cfg = this.o.config, fsOut = this.inputRate! / req.decimation;
    const V = cfg.virtualSensors.length;
    for (const run of res.runs) {
      const values: number[][] = cfg.virtualSensors.map((_, v) => Array.from({ length: run.count }, (_, i) => run.values[i * V + v]!));
      const t = run.first / fsOut;
      this.emit({ type: "estimates", t, fs: fsOut, names: cfg.virtualSensors.map((v) => v.name), values });
      this.estimates?.add(run.first * req.decimation, req.decimation, values);
      for (const def of this.alarmDefs) {
        if (!def.source.startsWith("threshold:")) continue;
        const v = cfg.virtualSensors.findIndex((x) => x.name === def.source.slice(10));
        if (v < 0) continue;
        let peak = 0;
        for (const x of values[v]!) peak = Math.max(peak, Math.abs(x));
        for (const e of this.alarms.evaluateThreshold(def.id, this.clock(t + (run.count - 1) / fsOut), peak)) this.alarmRecord(e);
      }
    }
    const classes = this.o.recogniser?.classes ?? [];
    for (const w of res.windows) {
      this.counters.windows++;
      const t = w.first / fsOut;
      const features: Record<string, number> = {};
      req.features.forEach((name, i) => (features[name] = w.features[i]!));
      const state = w.cls >= 0 ? classes[w.cls]! : w.cls === -1 ? "novel" : w.cls === -2 ? "unknown" : "unusable";
      this.emit({ type: "window", t, features, state, novelty: w.novelty, confidence: w.confidence, rpm: w.rpm });
      if (w.cls >= -1) {
        if (this.state !== null && state !== this.state) this.counters.stateChanges++;
        this.state = state;
      }
      cfg.monitors.forEach((m, i) => {
        const p = w.monitors[i]!;
        if (p.phase !== MONITOR_PHASE_MONITORING) return;
        const rules = rulesFromBits(p.fired);
        const fired = rules.length > 0 || p.beyond;
        this.emit({ type: "spc", t, monitor: m.name, value: p.value, center: p.center, lcl: p.lcl, ucl: p.ucl, rules: p.beyond && rules.length === 0 ? ["beyond"] : rules });
        for (const def of this.alarmDefs) {
          if (def.source !== `spc:${m.name}`) continue;
          for (const e of this.alarms.evaluate(def.id, this.clock(t), fired, p.stat, fired ? (rules[0] ?? "beyond") : "")) this.alarmRecord(e);
        }
      });
      for (const def of this.alarmDefs) {
        if (def.source !== "novelty" || w.cls < -1) continue;
        for (const e of this.alarms.evaluate(def.id, this.clock(t), w.cls === -1, w.novelty, "novel")) this.alarmRecord(e);
      }
      for (const e of this.alarms.tick(this.clock(t))) this.alarmRecord(e);
    }
  }

  private alarmRecord(e: AlarmEvent): void {
    if (e.from === "normal" && (e.state === "unack" || e.state === "latched")) this.counters.alarmsRaised++;
    this.emit(e);
  }

  private measured(f: Frame): void {
    const sensors = this.o.config.sensors;
    const n = f.samplesPerChannel, C = f.channels, raw = f.raw, scale = f.scale;
    const values = sensors.map((s) => {
      const row = new Array<number>(n);
      for (let i = 0; i < n; i++) row[i] = (raw[i * C + s.channel]! * scale) / s.sensitivity;
      return row;
    });
    this.o.onMeasured!({ t: f.t0 / f.fs, fs: f.fs, names: sensors.map((s) => s.name), values });
  }

  private emit(r: RunnerRecord): void {
    if (r.type === "quality") {
      const ev = r.event as { kind?: string; lostFrames?: number };
      if (ev.kind === "gap") this.counters.gaps++;
      if (ev.kind === "clock-jump") this.counters.clockJumps++;
    }
    this.o.onRecord?.(r);
    for (const s of this.sinks) s.write(r);
  }

  /**
   * A checkpoint between input units: the core's state and where it stands are taken now, and
   * written once the recording holds every unit they count (so a checkpoint never counts a unit the
   * recording lost); checkpoints are written in order.
   */
  private checkpoint(): void {
    this.checkpointDue = false;
    if (this.session === null || this.rc === null) return;
    const q = this.decoder.tracker.quality();
    this.syncCounters(q);
    const meta: CheckpointMeta = {
      version: 1, units: this.units, outputBytes: this.session.outputBytes, blocks: this.counters.blocks, t: this.lastT,
      alarms: this.alarms.snapshot(), alarmT: this.alarmT, state: this.state, counters: { ...this.counters }, lastArrivalMs: this.lastArrivalMs,
    };
    const state = this.rc.checkpoint();
    const session = this.session;
    session.syncOutputs();
    const flushed = this.recorder?.flush() ?? Promise.resolve();
    this.writes = this.writes.then(() => flushed).then(
      () => session.writeCheckpoint(state, meta),
      (e: Error) => this.emit({ type: "status", t: meta.t, event: "checkpoint-failed", message: e.message }),
    );
    this.lastCheckpointT = this.lastT;
  }

  private syncCounters(q: StreamQuality): void {
    this.counters.received = q.received;
    this.counters.lost = q.lost;
    this.counters.duplicated = q.duplicates;
    this.counters.reordered = q.late;
    this.counters.rejected = q.rejected;
  }

  /** Stops the source, writes the end of the session, closes the sinks; the summary. */
  async stop(): Promise<RunSummary> {
    await this.source?.close();
    this.source = null;
    if (this.flushTimer) clearInterval(this.flushTimer);
    await this.writes;
    const q = this.decoder.tracker.quality();
    this.syncCounters(q);
    const digest = this.outputHash.digest("hex");
    if (this.session !== null && this.info !== null) {
      await this.recorder?.close();
      this.session.closeOutputs();
      this.info.ended = { at: new Date(this.now()).toISOString(), units: this.units, blocks: this.counters.blocks, outputsSha256: digest };
      this.session.writeInfo(this.info);
    }
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const pct = (p: number): number => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);
    const summary: RunSummary = {
      type: "summary", ...this.counters, source: this.o.source ?? this.o.config.source.url, inputRate: this.inputRate, filterRate: this.inputRate === null || this.req === null ? (this.o.config.filter?.rate ?? 0) : this.inputRate / this.req.decimation,
      seconds: this.lastT, state: this.state, activeAlarms: this.activeAlarms(), quality: q, scores: this.estimates !== null && this.o.truth ? this.estimates.score(this.o.truth(), this.o.config.virtualSensors, 1, this.o.scoreRange) : [],
      latency: { p50: pct(0.5), p99: pct(0.99), max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!, count: sorted.length },
      session: this.session?.dir ?? null, resumedFrom: this.resumedFrom,
    };
    this.rc?.free();
    this.rc = null;
    await closeAll(this.sinks);
    return summary;
  }

  private async closeOutputs(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    await this.recorder?.close().catch(() => {});
    this.session?.closeOutputs();
    await closeAll(this.sinks).catch(() => {});
  }
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

export type { AlarmEvent, Source };
