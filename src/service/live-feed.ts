// The HMI's live feed of one twin (GET /api/<Device>/_live): the hybrid runner's records as Server-Sent
// Events (WHATWG HTML §9.2). A client first gets `hello` naming what the traces will carry, then the
// record types it asked for: `estimates` decimated for display (decimate.ts), `window`, `spc` and
// `alarm` records as the runner emits them (src/runner/records.ts), and a `status` every second.
// The measured sensors' samples come from the pipeline's onMeasured hook (not a record: sinks and
// sessions never see them), decimated on their own and sent as `estimates` events too, with the
// sensors' names; their per-window features (`<sensor>_<feature>`) arrive in the `window` records, and
// `hello.sensorFeatures` names them. Backpressure as for the event stream: a client whose unsent bytes
// exceed the limit loses records and is told how many (DropGate, events/stream.ts). The runner is
// listened to, and its status asked for, only while a client is connected.
import type { ServerResponse } from "node:http";
import type { RunnerRecord } from "../runner/records.js";
import { DisplayDecimator } from "./decimate.js";
import { DEFAULT_MAX_BUFFER, DropGate, type StreamWire } from "./events/stream.js";
import type { MeasuredRecord, RunnerBinding } from "./runner-binding.js";

export const LIVE_TYPES = ["estimates", "window", "spc", "alarm", "status"] as const;
export type LiveType = (typeof LIVE_TYPES)[number];

/** The first event of every client. */
export interface LiveHello {
  /** virtual sensors (the names of the `estimates` events) */
  signals: string[];
  /** measured sensors */
  sensors: string[];
  /** the window features of each measured sensor, as named in the `window` events */
  sensorFeatures: Record<string, string[]>;
  monitors: string[];
  classes: string[];
  running: boolean;
  /** the most `estimates` samples per second and signal the feed sends, Hz */
  displayRate: number;
}

/** Sent every statusMs. `t` is the runner's stream time (s), null while it does not run. */
export interface LiveStatus {
  type: "status";
  t: number | null;
  running: boolean;
  framesPerSecond: number;
  lagMs: number;
  state: string | null;
  /** "<alarm id>:<ISA-18.2 state>" of every alarm not in the normal state */
  activeAlarms: string[];
}

export interface LiveFeedOptions {
  /** Hz, default 100 */
  displayRate?: number;
  /** status interval, ms (default 1000) */
  statusMs?: number;
  /** unsent bytes per client beyond which its records are dropped (default 1 MiB) */
  maxBufferBytes?: number;
}

export interface LiveClientOptions {
  types: ReadonlySet<LiveType>;
  /** whether this caller may see an alarm record (READ on alarm:/<Device>/<id>) */
  mayReadAlarm: (id: string) => boolean;
}

interface Client {
  types: ReadonlySet<LiveType>;
  mayReadAlarm: (id: string) => boolean;
  gate: DropGate;
}

export class LiveFeed {
  readonly displayRate: number;
  private readonly statusMs: number;
  private readonly maxBuffer: number;
  private readonly clients = new Set<Client>();
  private readonly decimator: DisplayDecimator;
  private readonly measuredDecimator: DisplayDecimator;
  private unsubscribe: (() => void) | null = null;
  private ticker: NodeJS.Timeout | undefined;
  private lastStatus: LiveStatus | null = null;

  constructor(
    private readonly runner: RunnerBinding | null,
    o: LiveFeedOptions = {},
  ) {
    // 400 Hz: 20 points per revolution at 1200 rpm, enough for a whirl orbit
    this.displayRate = o.displayRate ?? 400;
    this.statusMs = o.statusMs ?? 1000;
    this.maxBuffer = o.maxBufferBytes ?? DEFAULT_MAX_BUFFER;
    if (!(this.statusMs > 0)) throw new RangeError(`statusMs ${this.statusMs}: a number > 0`);
    this.decimator = new DisplayDecimator(this.displayRate);
    this.measuredDecimator = new DisplayDecimator(this.displayRate);
  }

  get clientCount(): number {
    return this.clients.size;
  }

  hello(): LiveHello {
    const s = this.runner?.signals();
    return {
      signals: s?.virtual ?? [], sensors: s?.sensors ?? [], sensorFeatures: s?.sensorFeatures ?? {}, monitors: s?.monitors ?? [], classes: s?.classes ?? [],
      running: this.runner?.running ?? false, displayRate: this.displayRate,
    };
  }

  /** Takes over the response: the stream stays open until the client goes or the server closes it. */
  serve(res: ServerResponse, o: LiveClientOptions): void {
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive",
      // nginx buffers responses unless told not to, which would hold the traces back
      "x-accel-buffering": "no",
    });
    res.write("retry: 3000\n\n");
    const wire: StreamWire = {
      buffered: () => res.writableLength,
      send: (type, json) => void res.write(`event: ${type}\ndata: ${json}\n\n`),
    };
    const client: Client = { types: o.types, mayReadAlarm: o.mayReadAlarm, gate: new DropGate(wire, this.maxBuffer) };
    wire.send("hello", JSON.stringify(this.hello()), undefined);
    if (client.types.has("status")) client.gate.offer("status", JSON.stringify(this.lastStatus ?? this.status()));
    this.clients.add(client);
    if (this.clients.size === 1) this.listen();
    const gone = (): void => {
      if (!this.clients.delete(client)) return;
      if (this.clients.size === 0) this.quiet();
    };
    res.once("close", gone);
    res.once("error", gone);
  }

  /** Stops listening to the runner (the server is closing; its connections are ended by it). */
  close(): void {
    this.clients.clear();
    this.quiet();
  }

  private listen(): void {
    if (this.runner !== null) this.unsubscribe = this.runner.onRecord((r) => this.record(r));
    // the rates in a status are measured over the real interval, whenever the timer fires
    this.ticker = setInterval(() => this.tick(), this.statusMs);
    this.ticker.unref();
  }

  private quiet(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    clearInterval(this.ticker);
    this.ticker = undefined;
    this.decimator.reset();
    this.lastStatus = null;
  }

  private status(): LiveStatus {
    const s = this.runner?.status() ?? null;
    const st: LiveStatus = {
      type: "status", t: s?.t ?? null, running: s !== null, framesPerSecond: s?.framesPerSecond ?? 0, lagMs: s?.lagMs ?? 0, state: s?.state ?? null, activeAlarms: s?.activeAlarms ?? [],
    };
    this.lastStatus = st;
    return st;
  }

  private tick(): void {
    const json = JSON.stringify(this.status());
    for (const c of this.clients) if (c.types.has("status")) c.gate.offer("status", json);
  }

  private record(r: RunnerRecord | MeasuredRecord): void {
    if (r.type === "estimates" || r.type === "measured") {
      if (![...this.clients].some((c) => c.types.has("estimates"))) return;
      // virtual and measured signals come at different rates: each has its own decimator
      const d = r.type === "estimates" ? this.decimator : this.measuredDecimator;
      for (const b of d.push(r.t, r.fs, r.names, r.values)) this.send("estimates", JSON.stringify(b));
    } else if (r.type === "window" || r.type === "spc") {
      this.send(r.type, JSON.stringify(r));
    } else if (r.type === "alarm") {
      const json = JSON.stringify(r);
      for (const c of this.clients) if (c.types.has("alarm") && c.mayReadAlarm(r.id)) c.gate.offer("alarm", json);
    }
  }

  private send(type: LiveType, json: string): void {
    for (const c of this.clients) if (c.types.has(type)) c.gate.offer(type, json);
  }
}
