// The hybrid runner inside `twin serve`: started with the twin (--run CONFIG) or by the vsense.start
// method, its outputs written to the attributes the twin's Communication element binds them to. High-rate
// signals never reach the history: virtual sensors and measured signals arrive as per-window values
// (window features such as mid_x_rms), state, confidence, novelty and speed once per window, the count
// of active alarms at each alarm transition. Alarm transitions become alarm events.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ElmModel } from "../elm/model.js";
import type { RotorModel } from "../rotor/model.js";
import type { RunnerConfig } from "../runner/config.js";
import { windowFeatureNames } from "../runner/config.js";
import { HybridRunner, type MeasuredBlock, type RunnerStatus } from "../runner/pipeline.js";
import type { RunnerRecord } from "../runner/records.js";
import { checkValue, ValueError } from "./device.js";
import type { LiveTwin, WriteItem } from "./live-twin.js";
import type { RunnerControl } from "./methods/index.js";
import type { AttrValue } from "./types.js";
import type { BindingSpec } from "./twins.js";

/** The bound outputs a window gives. */
const WINDOW_OUTPUTS = new Set(["state", "confidence", "novelty", "speed"]);

export interface RunnerBindingOptions {
  config: RunnerConfig;
  model: RotorModel | null;
  recogniser: ElmModel | null;
  recogniserFile: string | null;
  /** overrides the configuration's source URL */
  source?: string;
  /** sessions go to <dataDir>/sessions/<twin>/<start time> */
  dataDir: string;
  log: (message: string) => void;
  /** recent windows kept for states.update, s (default 600) */
  keepSeconds?: number;
}

export interface AlarmView {
  id: string;
  state: string;
  priority: string;
  message: string;
  source: string;
  sinceMs: number;
}

/** What the runner's records carry, for a display that names its traces before the first record. */
export interface RunnerSignals {
  /** virtual sensors: the names of the `estimates` records */
  virtual: string[];
  /** measured sensors (their samples are not in the records; their window features are) */
  sensors: string[];
  /** window feature names of each measured sensor (`<sensor>_<feature>`) */
  sensorFeatures: Record<string, string[]>;
  /** SPC monitors: the `monitor` of the `spc` records */
  monitors: string[];
  /** operating states the recogniser knows (the `state` of a window besides novel/unknown/unusable) */
  classes: string[];
}

/** The measured sensors' samples of one block (the pipeline's onMeasured), for displays. */
export type MeasuredRecord = { type: "measured" } & MeasuredBlock;
export type RecordListener = (r: RunnerRecord | MeasuredRecord) => void;

export class RunnerBinding implements RunnerControl {
  private readonly listeners = new Set<RecordListener>();
  private lastRpm: number | null = null;
  private runner: HybridRunner | null = null;
  private session: string | null = null;
  private recogniserNow: { model: ElmModel; file: string } | null;
  private recent: { timeMs: number; features: Record<string, number>; state: string }[] = [];
  private readonly alarmStates = new Map<string, AlarmView>();
  private storeFailing = false;
  /** attributes whose runner value was refused (logged once each) */
  private readonly refused = new Set<string>();
  private transitions: Promise<void> = Promise.resolve();

  constructor(
    private readonly twin: LiveTwin,
    private readonly bindings: BindingSpec[],
    private readonly o: RunnerBindingOptions,
  ) {
    this.recogniserNow = o.recogniser && o.recogniserFile ? { model: o.recogniser, file: o.recogniserFile } : null;
    for (const b of bindings) {
      const part = twin.device.part(b.part);
      if (part === undefined || !part.attributes.has(b.attribute)) throw new Error(`binding ${b.name}: ${twin.name} has no attribute ${b.part ? `${b.part}/` : ""}@${b.attribute}`);
      if (!WINDOW_OUTPUTS.has(b.output) && b.output !== "alarms.active" && !b.output.startsWith("feature:")) {
        throw new Error(`binding ${b.name}: unknown runner output ${JSON.stringify(b.output)} (state, confidence, novelty, speed, alarms.active, feature:<name>)`);
      }
    }
  }

  get running(): boolean {
    return this.runner !== null;
  }

  /**
   * Every record the runner emits, in order, to `listener` (the HMI's live feed) until the returned
   * function is called. A listener that throws is dropped, so one client cannot stop the twin's outputs.
   */
  onRecord(listener: RecordListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The runner's status (frame rate, lag, state, active alarms), or null when it is not running. The
   * runner measures its rates since the previous call: one caller (the live feed's ticker) should ask.
   */
  status(): RunnerStatus | null {
    return this.runner?.status() ?? null;
  }

  /** The shaft speed of the last window with a speed, rpm, or null (none yet, or the runner stopped). */
  speedRpm(): number | null {
    return this.runner === null ? null : this.lastRpm;
  }

  signals(): RunnerSignals {
    const c = this.o.config;
    const sensors = c.sensors.map((s) => s.name);
    const sensorFeatures: Record<string, string[]> = {};
    for (const s of sensors) sensorFeatures[s] = c.windows === null ? [] : windowFeatureNames([s], c.windows);
    return { virtual: c.virtualSensors.map((v) => v.name), sensors, sensorFeatures, monitors: c.monitors.map((m) => m.name), classes: this.recogniserNow?.model.classes ?? [] };
  }

  /** Starts and stops run one after another (a stop during a start waits for it). */
  private serial<T>(f: () => Promise<T>): Promise<T> {
    const p = this.transitions.then(f);
    this.transitions = p.then(
      () => undefined,
      () => undefined,
    );
    return p;
  }

  start(): Promise<void> {
    return this.serial(async () => {
      if (this.runner !== null) return;
      const stamp = new Date().toISOString().replace(/[:.]/g, "-");
      const dir = join(this.o.dataDir, "sessions", this.twin.name, stamp);
      mkdirSync(dir, { recursive: true });
      const config: RunnerConfig = { ...this.o.config, recording: { dir, checkpointSeconds: this.o.config.recording?.checkpointSeconds ?? 10 } };
      this.runner = await HybridRunner.start({
        config,
        model: this.o.model,
        recogniser: this.recogniserNow?.model ?? null,
        ...(this.o.source !== undefined ? { source: this.o.source } : {}),
        onRecord: (r) => this.record(r),
        onMeasured: (m) => {
          if (this.listeners.size > 0) this.fanOut({ type: "measured", ...m });
        },
      });
      this.session = dir;
      this.o.log(`${this.twin.name}: hybrid runner started (source ${this.o.source ?? this.o.config.source.url}, session ${dir})`);
    });
  }

  stop(): Promise<void> {
    return this.serial(async () => {
      const r = this.runner;
      if (r === null) return;
      this.runner = null;
      this.lastRpm = null;
      const s = await r.stop();
      this.o.log(`${this.twin.name}: hybrid runner stopped after ${s.windows} windows, ${s.processed} frames`);
    });
  }

  sessionDir(): string | null {
    return this.session;
  }

  recogniser(): { model: ElmModel; file: string } | null {
    return this.recogniserNow;
  }

  async replaceRecogniser(model: ElmModel): Promise<void> {
    const text = JSON.stringify(model, null, 2) + "\n";
    const dir = join(this.o.dataDir, "recognisers");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${this.twin.name}-${createHash("sha256").update(text).digest("hex").slice(0, 16)}.elm.json`);
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
    this.recogniserNow = { model, file };
    if (this.running) {
      await this.stop();
      await this.start();
    }
  }

  windows(fromMs: number, toMs: number): { timeMs: number; features: Record<string, number>; state: string }[] {
    return this.recent.filter((w) => w.timeMs >= fromMs && w.timeMs < toMs);
  }

  acknowledge(id: string, user: string): boolean {
    if (this.runner === null || !this.alarmStates.has(id)) return false;
    this.runner.acknowledge(id, user);
    return true;
  }

  shelve(id: string, user: string, seconds: number): boolean {
    if (this.runner === null || !this.alarmStates.has(id)) return false;
    this.runner.shelve(id, user, seconds);
    return true;
  }

  alarms(): AlarmView[] {
    return [...this.alarmStates.values()];
  }

  private record(r: RunnerRecord): void {
    if (r.type === "window") this.window(r);
    else if (r.type === "alarm") this.alarm(r);
    this.fanOut(r);
  }

  private fanOut(r: RunnerRecord | MeasuredRecord): void {
    for (const l of this.listeners) {
      try {
        l(r);
      } catch (e) {
        this.listeners.delete(l);
        this.o.log(`${this.twin.name}: a live-feed listener failed and was removed: ${(e as Error).message}`);
      }
    }
  }

  private window(r: Extract<RunnerRecord, { type: "window" }>): void {
    const now = Date.now();
    if (Number.isFinite(r.rpm) && r.rpm >= 0) this.lastRpm = r.rpm;
    this.recent.push({ timeMs: now, features: r.features, state: r.state });
    const keep = (this.o.keepSeconds ?? 600) * 1000;
    while (this.recent.length > 0 && this.recent[0]!.timeMs < now - keep) this.recent.shift();
    const values = new Map<string, Record<string, AttrValue>>();
    for (const b of this.bindings) {
      let v: AttrValue | undefined;
      if (b.output === "state") v = r.state;
      else if (b.output === "confidence") v = r.confidence;
      else if (b.output === "novelty") v = r.novelty;
      else if (b.output === "speed") v = r.rpm;
      else if (b.output.startsWith("feature:")) v = r.features[b.output.slice(8)];
      // a window without a usable value (no speed yet, a NaN feature) leaves the attribute as it is
      if (v === undefined || (typeof v === "number" && !Number.isFinite(v))) continue;
      const part = values.get(b.part) ?? {};
      part[b.attribute] = v;
      values.set(b.part, part);
    }
    this.push(values);
  }

  private alarm(r: Extract<RunnerRecord, { type: "alarm" }>): void {
    const now = Date.now();
    if (r.state === "normal") this.alarmStates.delete(r.id);
    else this.alarmStates.set(r.id, { id: r.id, state: r.state, priority: r.priority, message: r.message, source: r.source, sinceMs: this.alarmStates.get(r.id)?.sinceMs ?? now });
    this.twin.publish({
      type: "alarm", twin: this.twin.name, part: "", alarm: r.id, state: r.state, from: r.from, event: r.event, value: r.value, rule: r.rule, priority: r.priority, message: r.message,
      ...(r.user !== undefined ? { user: r.user } : {}), timeMs: now,
    });
    const values = new Map<string, Record<string, AttrValue>>();
    for (const b of this.bindings) {
      if (b.output !== "alarms.active") continue;
      const part = values.get(b.part) ?? {};
      part[b.attribute] = this.alarmStates.size;
      values.set(b.part, part);
    }
    if (values.size > 0) this.push(values);
  }

  private push(values: Map<string, Record<string, AttrValue>>): void {
    // a value its attribute refuses (type, CAEX constraint) is left out, said once per attribute: the
    // window's other values are still stored
    for (const [part, v] of values) {
      const p = this.twin.device.part(part)!;
      for (const [name, x] of Object.entries(v)) {
        try {
          checkValue(p.attributes.get(name)!, x, "");
        } catch (e) {
          if (!(e instanceof ValueError)) throw e;
          delete v[name];
          const key = `${part}/@${name}`;
          if (!this.refused.has(key)) this.o.log(`${this.twin.name}: runner output for ${key} not stored: ${e.message}`);
          this.refused.add(key);
        }
      }
      if (Object.keys(v).length === 0) values.delete(part);
    }
    if (values.size === 0) return;
    const items: WriteItem[] = [...values].map(([part, v]) => ({ part, values: v, pointer: "" }));
    this.twin.write({ subject: "runner", source: "runner", items, skipUnchanged: true }).then(
      () => {
        if (this.storeFailing) this.o.log(`${this.twin.name}: runner values are stored again`);
        this.storeFailing = false;
      },
      (e: unknown) => {
        // the runner keeps running; a store that went away loses these windows' values, once said
        if (!this.storeFailing) this.o.log(`${this.twin.name}: runner values not stored: ${(e as Error).message}`);
        this.storeFailing = true;
      },
    );
  }
}
