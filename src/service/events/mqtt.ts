// Twin events to an MQTT broker, QoS 1, retain false, one JSON message per event on
// `<prefix>/<twin>/events/<type>/<part>` (topics.ts), each stamped with `origin` (the publisher's client
// id) so a process subscribed to the same broker can tell its own events from another's. While the
// broker is away events wait in a bounded queue; when it is full the oldest are dropped and counted,
// and the first message after the reconnection is a notice on `<prefix>/notice` with the count. The
// connection is retried with bounded exponential backoff (src/live/mqtt.ts backoffDelay).
import { connect, type MqttClient } from "mqtt";
import { backoffDelay, DEFAULT_BACKOFF, parseMqttUrl, type Backoff } from "../../live/mqtt.js";
import type { EventBus, EventFilter } from "./bus.js";
import { isEventType, type TwinEvent } from "./model.js";
import { checkPrefix, eventTopic } from "./topics.js";

export interface EventPublisherOptions {
  /** mqtt://host:port */
  url: string;
  /** Topic prefix, default "twin". */
  prefix?: string;
  /** Default: twin-events-<random>. */
  clientId?: string;
  /** Events held while the broker is away (default 1000). */
  maxQueue?: number;
  log?: (m: string) => void;
  backoff?: Partial<Backoff>;
  /** How long close() waits for the queue to go out (ms, default 2000). */
  drainMs?: number;
}

/** What the notice on `<prefix>/notice` carries. */
export interface PublisherNotice {
  type: "notice";
  /** Events dropped since the previous notice. */
  dropped: number;
  /** All events this publisher dropped. */
  total: number;
  origin: string;
}

export interface EventPublisherStats {
  published: number;
  dropped: number;
  queued: number;
  connected: boolean;
}

interface Pending {
  topic: string;
  payload: Buffer;
}

/** Publishes in flight at once: mqtt.js keeps them in its store and resends them after a reconnection. */
const WINDOW = 64;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class EventPublisher {
  private readonly queue: Pending[] = [];
  private readonly unsubscribes: (() => void)[] = [];
  private inflight = 0;
  private pumping = false;
  private closed = false;
  private closing: Promise<void> | undefined;
  private up = true;
  private attempts = 0;
  private timer: NodeJS.Timeout | undefined;
  private sinceNotice = 0;
  private readonly counts = { published: 0, dropped: 0 };
  /** Woken when an in-flight publish settles. */
  private settled: () => void = () => {};

  private constructor(
    private readonly client: MqttClient,
    private readonly prefix: string,
    private readonly clientId: string,
    private readonly o: EventPublisherOptions,
    private readonly backoff: Backoff,
  ) {}

  /** Connects; rejects when the broker cannot be reached at start. */
  static async open(o: EventPublisherOptions): Promise<EventPublisher> {
    const endpoint = parseMqttUrl(o.url);
    const prefix = o.prefix ?? "twin";
    checkPrefix(prefix);
    const maxQueue = o.maxQueue ?? 1000;
    if (!Number.isInteger(maxQueue) || maxQueue < 1) throw new RangeError(`maxQueue ${maxQueue}: a whole number >= 1`);
    const backoff: Backoff = { ...DEFAULT_BACKOFF, ...o.backoff };
    if (!(backoff.initialMs > 0) || !(backoff.maxMs >= backoff.initialMs)) throw new RangeError(`backoff ${backoff.initialMs}→${backoff.maxMs} ms: need 0 < initial ≤ max`);
    const clientId = o.clientId ?? `twin-events-${Math.random().toString(16).slice(2, 10)}`;
    // our backoff replaces mqtt.js's fixed-period reconnection
    const client = connect(endpoint.url, { clientId, reconnectPeriod: 0, clean: true, connectTimeout: 5000, keepalive: 10 });
    let lastError: Error | undefined;
    client.on("error", (e: Error) => (lastError = e));
    await new Promise<void>((resolve, reject) => {
      const refused = (): void => {
        client.off("connect", connected);
        client.end(true, () => reject(new Error(`${endpoint.url}: cannot connect to the broker${lastError ? ` (${lastError.message})` : ""}`)));
      };
      const connected = (): void => {
        client.off("close", refused);
        resolve();
      };
      client.once("connect", connected);
      client.once("close", refused);
    });
    const p = new EventPublisher(client, prefix, clientId, o, backoff);
    client.on("close", () => p.lost(lastError));
    client.on("connect", () => {
      lastError = undefined;
      p.back();
    });
    return p;
  }

  /** Publishes every event of the bus that the filter takes (default: all), from now on. */
  attach(bus: EventBus, filter: EventFilter = () => true): void {
    if (this.closing !== undefined) throw new Error("event publisher closed");
    this.unsubscribes.push(bus.subscribe(filter, (e) => this.enqueue(e)));
  }

  stats(): EventPublisherStats {
    return { ...this.counts, queued: this.queue.length + this.inflight, connected: !this.closed && this.client.connected };
  }

  /** Stops taking events, waits (up to drainMs) for the queue to go out, disconnects; what is left counts as dropped. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const u of this.unsubscribes.splice(0)) u();
    const end = Date.now() + (this.o.drainMs ?? 2000);
    while ((this.queue.length > 0 || this.inflight > 0) && this.client.connected && Date.now() < end) await sleep(10);
    this.closed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.counts.dropped += this.queue.splice(0).length;
    // a forced end fails the publishes still in flight: they count as dropped as they settle
    await this.client.endAsync(true);
    this.settled();
  }

  private enqueue(e: TwinEvent): void {
    if (this.closed) return;
    const maxQueue = this.o.maxQueue ?? 1000;
    const topic = eventTopic(this.prefix, e);
    const payload = Buffer.from(JSON.stringify({ ...e, origin: this.clientId }), "utf8");
    if (this.queue.length >= maxQueue) {
      this.counts.dropped++;
      this.sinceNotice++;
      // the oldest goes: a subscriber catching up wants the present state, and the notice tells it of the hole
      this.queue.shift();
    }
    this.queue.push({ topic, payload });
    void this.pump();
  }

  private lost(error: Error | undefined): void {
    if (this.closed) return;
    if (this.up) {
      this.up = false;
      this.o.log?.(`mqtt ${this.o.url}: connection lost${error ? ` (${error.message})` : ""}`);
    }
    // one timer at a time: a failed attempt ends in "close" again and doubles the delay
    if (this.timer === undefined) {
      this.attempts++;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.closed) this.client.reconnect();
      }, backoffDelay(this.attempts, this.backoff));
    }
  }

  private back(): void {
    if (this.closed) return;
    if (!this.up) {
      this.up = true;
      this.o.log?.(`mqtt ${this.o.url}: reconnected after ${this.attempts} attempt${this.attempts === 1 ? "" : "s"}`);
    }
    this.attempts = 0;
    void this.pump();
  }

  private send(topic: string, payload: Buffer, isEvent: boolean): void {
    this.inflight++;
    this.client.publishAsync(topic, payload, { qos: 1, retain: false }).then(
      () => void (isEvent && this.counts.published++),
      () => void (isEvent && this.counts.dropped++),
    ).finally(() => {
      this.inflight--;
      this.settled();
    });
  }

  /** Hands queued events to mqtt.js while connected, at most WINDOW unacknowledged; one pump at a time. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed && this.client.connected && this.queue.length > 0) {
        if (this.inflight >= WINDOW) {
          await new Promise<void>((r) => (this.settled = r));
          continue;
        }
        if (this.sinceNotice > 0) {
          const n: PublisherNotice = { type: "notice", dropped: this.sinceNotice, total: this.counts.dropped, origin: this.clientId };
          this.sinceNotice = 0;
          this.send(`${this.prefix}/notice`, Buffer.from(JSON.stringify(n), "utf8"), false);
          continue;
        }
        const p = this.queue.shift()!;
        this.send(p.topic, p.payload, true);
      }
    } finally {
      this.pumping = false;
    }
  }
}

/** A received event, with the client id of the process that published it. */
export type ReceivedEvent = TwinEvent & { origin?: string };

export interface SubscribeEventsOptions {
  /** Drop notices of the publishers (events they could not deliver). */
  onNotice?: (n: PublisherNotice) => void;
  /** Messages on the event topics that are not events (another program's, or damaged). */
  onInvalid?: (topic: string, reason: string) => void;
  clientId?: string;
}

/** The shape every event has in common; enough to tell an event from another program's message. */
function asEvent(x: unknown): ReceivedEvent | string {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return "not a JSON object";
  const r = x as Record<string, unknown>;
  if (typeof r.type !== "string" || !isEventType(r.type)) return `type ${JSON.stringify(r.type)} is not an event type`;
  for (const k of ["id", "timeMs"]) if (typeof r[k] !== "number") return `${k} is not a number`;
  for (const k of ["twin", "part"]) if (typeof r[k] !== "string") return `${k} is not a string`;
  if (r.origin !== undefined && typeof r.origin !== "string") return "origin is not a string";
  return x as ReceivedEvent;
}

function asNotice(x: unknown): PublisherNotice | undefined {
  if (typeof x !== "object" || x === null) return undefined;
  const r = x as Record<string, unknown>;
  return r.type === "notice" && typeof r.dropped === "number" && typeof r.total === "number" && typeof r.origin === "string" ? (x as PublisherNotice) : undefined;
}

/**
 * Subscribes to the events of every twin under `prefix` (the multi-process case: one process reads
 * what others publish). mqtt.js reconnects and subscribes again on its own; an outage is a gap (the
 * publishers' notices tell of their own drops). Resolves once subscribed.
 */
export async function subscribeEvents(url: string, prefix: string, onEvent: (e: ReceivedEvent) => void, o: SubscribeEventsOptions = {}): Promise<{ close(): Promise<void> }> {
  const endpoint = parseMqttUrl(url);
  checkPrefix(prefix);
  const client = connect(endpoint.url, { clientId: o.clientId ?? `twin-events-sub-${Math.random().toString(16).slice(2, 10)}`, reconnectPeriod: 500, clean: true, connectTimeout: 5000 });
  client.on("error", () => {});
  const eventsFilter = `${prefix}/+/events/#`;
  const noticeTopic = `${prefix}/notice`;
  client.on("message", (topic: string, payload: Buffer) => {
    let body: unknown;
    try {
      body = JSON.parse(payload.toString("utf8"));
    } catch {
      o.onInvalid?.(topic, "not JSON");
      return;
    }
    if (topic === noticeTopic) {
      const n = asNotice(body);
      if (n !== undefined) o.onNotice?.(n);
      else o.onInvalid?.(topic, "not a notice");
      return;
    }
    const e = asEvent(body);
    if (typeof e === "string") o.onInvalid?.(topic, e);
    else onEvent(e);
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (e: Error): void => {
      client.off("connect", connected);
      client.off("close", closed);
      client.end(true, () => reject(e));
    };
    const closed = (): void => fail(new Error(`${endpoint.url}: cannot connect to the broker`));
    const connected = (): void => {
      client.off("close", closed);
      client.subscribe([eventsFilter, noticeTopic], { qos: 1 }, (err, granted) => {
        if (err) return fail(err);
        if (granted?.some((g) => g.qos === 128)) return fail(new Error(`${endpoint.url}: the broker refused the subscription to ${eventsFilter}`));
        resolve();
      });
    };
    client.once("connect", connected);
    client.once("close", closed);
  });
  return { close: () => client.endAsync(true) };
}
