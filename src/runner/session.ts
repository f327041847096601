// A runner session on disk (docs/runner.md, "Sessions"): everything needed to replay the run through
// the archived core and get the same output bits.
//   session.json     what ran: configuration document, source, input rate, decoder settings, core hash
//   request.f64      the runner's core request (little-endian f64; assembly/ABI.md request RN)
//   input.twrec      every input unit as received, with its arrival time (docs/sources.md)
//   outputs.f64      the core's block results, one after the other, as they came out live
//   checkpoint.f64   the core's state at the last checkpoint (runnerSave)
//   checkpoint.json  where that state stands: input units consumed, output bytes, alarms, counters
// Files that change are replaced atomically (write, fsync, rename), appends go to the end only, so a
// kill -9 leaves a session that resumes from its last checkpoint.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, truncateSync, writeSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import type { Json } from "../io/json.js";
import type { TrackerOptions } from "../live/tracker.js";
import { f64Bytes, f64FromBytes } from "../core/job.js";
import type { AlarmSnapshot } from "./alarms.js";

export const SESSION_FORMAT = "twin-session";
export const SESSION_VERSION = 1;

export const FILES = {
  session: "session.json",
  request: "request.f64",
  input: "input.twrec",
  outputs: "outputs.f64",
  checkpoint: "checkpoint.f64",
  checkpointMeta: "checkpoint.json",
} as const;

export interface SessionInfo {
  format: typeof SESSION_FORMAT;
  version: number;
  /** wall-clock start of the recording (arrival times count from it) */
  startedAt: string;
  startedEpochMs: number;
  source: string;
  /** the decoder's settings, so a replay decodes the same frames */
  decoder: TrackerOptions & { channels: number };
  /** the frames' sample rate, Hz (known at the first frame; null before) */
  inputRate: number | null;
  core: { sha256: string };
  config: Json;
  /** names of the outputs, for readers of outputs.f64 */
  signals: string[];
  features: string[];
  monitors: string[];
  classes: string[];
  /** restarts after a kill, with the interval lost to each */
  resumes: { at: string; lostSeconds: number; fromUnit: number }[];
  /** set when the run ended normally */
  ended?: { at: string; units: number; blocks: number; outputsSha256: string };
}

export interface CheckpointMeta {
  version: 1;
  /** input units consumed (the state is after units [0, units)) */
  units: number;
  /** bytes of outputs.f64 written by then */
  outputBytes: number;
  blocks: number;
  /** sample time of the last block, s */
  t: number;
  alarms: AlarmSnapshot;
  /** the alarms' clock */
  alarmT: number;
  /** the operating state recognised last */
  state: string | null;
  counters: Record<string, number>;
  /** arrival time (ms since the session started) of the last unit consumed */
  lastArrivalMs: number;
}

function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, typeof data === "string" ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export class SessionDir {
  private outFd: number | undefined;
  outputBytes = 0;

  constructor(readonly dir: string) {}

  path(name: keyof typeof FILES): string {
    return join(this.dir, FILES[name]);
  }

  exists(): boolean {
    return existsSync(this.path("session"));
  }

  /** A new session (the directory must not hold one). */
  create(info: SessionInfo): void {
    mkdirSync(this.dir, { recursive: true });
    if (this.exists()) throw new InputError(`${this.dir}: already holds a session (resume it with --resume, or choose another recording.dir)`);
    this.writeInfo(info);
    this.outFd = openSync(this.path("outputs"), "w");
    this.outputBytes = 0;
  }

  readInfo(): SessionInfo {
    let doc: SessionInfo;
    try {
      doc = JSON.parse(readFileSync(this.path("session"), "utf8")) as SessionInfo;
    } catch (e) {
      throw new InputError(`${this.path("session")}: cannot read the session: ${(e as Error).message}`);
    }
    if (doc.format !== SESSION_FORMAT || doc.version !== SESSION_VERSION) throw new InputError(`${this.path("session")}: not a twin session (format ${SESSION_FORMAT} version ${SESSION_VERSION})`);
    return doc;
  }

  writeInfo(info: SessionInfo): void {
    writeAtomic(this.path("session"), JSON.stringify(info, null, 1) + "\n");
  }

  writeRequest(values: ArrayLike<number>): void {
    writeAtomic(this.path("request"), f64Bytes(Float64Array.from(values)));
  }

  readRequest(): Float64Array {
    return f64FromBytes(readFileSync(this.path("request")));
  }

  appendOutputs(raw: Float64Array): void {
    if (this.outFd === undefined) throw new Error("the session's outputs are not open");
    const bytes = f64Bytes(raw);
    writeSync(this.outFd, bytes);
    this.outputBytes += bytes.length;
  }

  /** Makes the appended outputs durable (before a checkpoint that counts them). */
  syncOutputs(): void {
    if (this.outFd !== undefined) fsyncSync(this.outFd);
  }

  writeCheckpoint(state: Float64Array, meta: CheckpointMeta): void {
    this.syncOutputs();
    writeAtomic(this.path("checkpoint"), f64Bytes(state));
    writeAtomic(this.path("checkpointMeta"), JSON.stringify(meta) + "\n");
  }

  /** The last checkpoint, or null if the session never reached one. */
  readCheckpoint(): { state: Float64Array; meta: CheckpointMeta } | null {
    if (!existsSync(this.path("checkpointMeta"))) return null;
    const meta = JSON.parse(readFileSync(this.path("checkpointMeta"), "utf8")) as CheckpointMeta;
    return { state: f64FromBytes(readFileSync(this.path("checkpoint"))), meta };
  }

  /** Reopens outputs.f64 for appending after cutting it back to `bytes` (what the checkpoint counted). */
  reopenOutputs(bytes: number): void {
    const have = existsSync(this.path("outputs")) ? statSync(this.path("outputs")).size : 0;
    if (have < bytes) throw new InputError(`${this.path("outputs")}: ${have} bytes, but the checkpoint counts ${bytes}`);
    truncateSync(this.path("outputs"), bytes);
    this.outFd = openSync(this.path("outputs"), "a");
    this.outputBytes = bytes;
  }

  closeOutputs(): void {
    if (this.outFd !== undefined) {
      fsyncSync(this.outFd);
      closeSync(this.outFd);
      this.outFd = undefined;
    }
  }
}
