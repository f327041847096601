// What a callable method sees of the service: the twin, the caller, the live device model, the runner
// (when `twin serve --run` gave one), the history store and where files go.
import type { ElmModel } from "../../elm/model.js";
import type { AttrValue, HistoryStore, Json, Subject } from "../types.js";

/** One feature window the runner produced: wall-clock time, the feature vector, the recognised state. */
export interface RunnerWindow {
  timeMs: number;
  features: Record<string, number>;
  state: string;
}

/** The service's handle on its runner (docs/runner.md); the lead's binding implements it. */
export interface RunnerControl {
  readonly running: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** the recording directory of the current/last session, or null */
  sessionDir(): string | null;
  /** the recogniser in use (twin ELM model JSON document) and its file, or null */
  recogniser(): { model: ElmModel; file: string } | null;
  /** replace the recogniser (the runner restarts with it if running) */
  replaceRecogniser(model: ElmModel): Promise<void>;
  /** the windows the runner produced recently with fromMs <= timeMs < toMs, oldest first */
  windows(fromMs: number, toMs: number): RunnerWindow[];
}

/** The live values of the device's parts (paths relative to the device root, CAEX roles). */
export interface DeviceView {
  get(part: string, attribute: string): AttrValue | undefined;
  parts(): { path: string; role: string | undefined }[];
}

export interface MethodContext {
  twin: string;
  subject: Subject;
  /** absolute path of the twin's base rotor model (from the AML ExternalDataReference), or null */
  rotorModelFile: string | null;
  device: DeviceView;
  runner: RunnerControl | null;
  store: HistoryStore;
  /** the service's data directory (exports go to <dataDir>/archives/) */
  dataDir: string;
  /** the AML file (the files it references are found from it, for the archive) */
  amlFile: string;
  signal: AbortSignal;
}

export interface MethodDef {
  /** as in the AML Methods element */
  name: string;
  /** the built-in operation it runs (OPERATIONS) */
  operation: string;
  description: string;
  /** JSON Schema (draft 2020-12 subset Ajv understands) of the call's JSON body; additionalProperties false */
  argsSchema: Record<string, unknown>;
  run(ctx: MethodContext, args: Record<string, unknown>): Promise<Json>;
}

/** An operation: a MethodDef without the name the AML gives it. */
export type Operation = Omit<MethodDef, "name">;
