// MQTT source: one message = one frame (docs/frame.md), one block of samples, never one sample.
// Every message is decoded and classified by a StreamTracker exactly as a UDP datagram is; a
// malformed or oversized payload is counted and reported, never thrown. When the broker goes away
// the source reconnects with bounded exponential backoff, reports "disconnected" and "reconnected"
// (with the outage), and the frames the device sent meanwhile show up as a gap in sequence numbers
// reported by the tracker: nothing is replayed or interpolated.
import { connect, type IClientOptions, type MqttClient } from "mqtt";
import { dispatch, InputDecoder, type InputUnit } from "./decode.js";
import type { Frame, FrameLimits } from "./frame.js";
import type { Decision, QualityEvent, StreamQuality, StreamTracker, TrackerOptions } from "./tracker.js";

export type QoS = 0 | 1 | 2;

export interface MqttEndpoint {
  /** `mqtt://host:port`, what the client connects to. */
  url: string;
  host: string;
  port: number;
  /** The topic of `mqtt://host:port/topic`, if one was given. */
  topic?: string;
}

/** The IANA port of unencrypted MQTT, used when a URL names none. */
export const MQTT_PORT = 1883;

/**
 * Parses `mqtt://host[:port][/topic]`. The topic is the URL path without its first slash, percent-
 * decoded; a trailing `#` (multi-level wildcard, which a URL would take for a fragment) is kept.
 */
export function parseMqttUrl(url: string): MqttEndpoint {
  const hash = url.indexOf("#");
  let text = url;
  let wildcard = false;
  if (hash >= 0) {
    if (hash !== url.length - 1 || !url.slice(0, hash).endsWith("/")) throw new Error(`${url}: '#' only as the last topic level, expected mqtt://host:port/a/b/#`);
    text = url.slice(0, hash);
    wildcard = true;
  }
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new Error(`${url}: not a URL, expected mqtt://host:port[/topic]`);
  }
  if (u.protocol !== "mqtt:") throw new Error(`${url}: scheme ${u.protocol.replace(/:$/, "")}, expected mqtt://host:port[/topic]`);
  if (u.username !== "" || u.password !== "") throw new Error(`${url}: user and password are not supported, expected mqtt://host:port[/topic]`);
  if (u.search !== "") throw new Error(`${url}: no query allowed, expected mqtt://host:port[/topic]`);
  if (u.hostname === "") throw new Error(`${url}: no host, expected mqtt://host:port[/topic]`);
  const port = u.port === "" ? MQTT_PORT : Number(u.port);
  if (port === 0) throw new Error(`${url}: port 0, expected a broker's port (default ${MQTT_PORT})`);
  const host = u.hostname.startsWith("[") ? u.hostname.slice(1, -1) : u.hostname;
  const base = `mqtt://${u.hostname}:${port}`;
  const path = u.pathname.startsWith("/") ? u.pathname.slice(1) : u.pathname;
  let topic: string;
  try {
    topic = decodeURIComponent(path) + (wildcard ? "#" : "");
  } catch {
    throw new Error(`${url}: bad percent-encoding in the topic`);
  }
  if (topic === "") return { url: base, host, port };
  checkTopic(topic, true, url);
  return { url: base, host, port, topic };
}

/** MQTT 3.1.1 §4.7: wildcards only as whole levels, `#` last; none in a topic published to. */
export function checkTopic(topic: string, filter: boolean, where = topic): void {
  if (topic === "") throw new Error(`${where}: empty topic`);
  if (topic.includes("\u0000")) throw new Error(`${where}: a topic cannot contain NUL`);
  const levels = topic.split("/");
  levels.forEach((level, i) => {
    const wild = level.includes("+") || level.includes("#");
    if (!wild) return;
    if (!filter) throw new Error(`${where}: wildcards (+, #) are for subscribing, not in the topic ${topic} published to`);
    if (level !== "+" && level !== "#") throw new Error(`${where}: a wildcard must be a whole topic level: ${topic}`);
    if (level === "#" && i !== levels.length - 1) throw new Error(`${where}: '#' only as the last topic level: ${topic}`);
  });
}

/** The broker connection's own events (the stream's are QualityEvents). */
export type ConnectionEvent =
  | { kind: "disconnected"; error?: string }
  /** Connected and subscribed again after `outageMs` milliseconds and `attempts` connection attempts. */
  | { kind: "reconnected"; outageMs: number; attempts: number };

export interface ConnectionStats {
  connected: boolean;
  disconnects: number;
  reconnects: number;
  /** Milliseconds without a broker, over the completed outages. */
  outageMs: number;
}

export interface Backoff {
  /** First retry delay (ms), default 100. */
  initialMs: number;
  /** Ceiling of the doubling delay (ms), default 5000. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 100, maxMs: 5000 };

/** The delay before reconnection attempt `attempt` (1-based): initial × 2^(attempt−1), at most max. */
export function backoffDelay(attempt: number, b: Backoff = DEFAULT_BACKOFF): number {
  return Math.min(b.maxMs, b.initialMs * 2 ** Math.min(attempt - 1, 30));
}

export interface MqttSourceOptions extends TrackerOptions {
  /** `mqtt://host:port[/topic]`. */
  url: string;
  /** The topic (or filter) of one frame stream; required unless the URL has one. */
  topic?: string;
  /** Subscription QoS, default 1 (at least once: the tracker counts the copies as duplicates). */
  qos?: QoS;
  limits?: FrameLimits;
  backoff?: Partial<Backoff>;
  /** Default: twin-<random>. */
  clientId?: string;
  /** Seconds of silence before the client pings the broker (default 10): how soon a dead broker is noticed. */
  keepalive?: number;
  onFrame?: (frame: Frame, decision: Decision) => void;
  onEvent?: (event: QualityEvent) => void;
  onConnection?: (event: ConnectionEvent) => void;
  /** Every message payload as received, before decoding (session recording). */
  onInput?: (unit: InputUnit) => void;
  /** Client errors while running (the source keeps reconnecting). */
  onError?: (error: Error) => void;
}

type Phase = "connecting" | "up" | "down" | "closed";

export class MqttSource {
  readonly tracker: StreamTracker;
  readonly topic: string;
  private phase: Phase = "connecting";
  private timer: NodeJS.Timeout | undefined;
  private attempts = 0;
  private downSince = 0;
  private readonly stats: ConnectionStats = { connected: false, disconnects: 0, reconnects: 0, outageMs: 0 };

  private constructor(
    private readonly client: MqttClient,
    topic: string,
    private readonly decoder: InputDecoder,
  ) {
    this.topic = topic;
    this.tracker = decoder.tracker;
  }

  /** Connects and subscribes; resolves once the subscription is in place, rejects if the first connection fails. */
  static async open(options: MqttSourceOptions): Promise<MqttSource> {
    const endpoint = parseMqttUrl(options.url);
    const topic = options.topic ?? endpoint.topic;
    if (topic === undefined) throw new Error(`${options.url}: no topic (give one in the URL or as topic)`);
    checkTopic(topic, true);
    const qos = options.qos ?? 1;
    const backoff: Backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    if (!(backoff.initialMs > 0) || !(backoff.maxMs >= backoff.initialMs)) throw new RangeError(`backoff ${backoff.initialMs}→${backoff.maxMs} ms: need 0 < initial ≤ max`);
    const clientOptions: IClientOptions = {
      clientId: options.clientId ?? `twin-${Math.random().toString(16).slice(2, 10)}`,
      // our own backoff replaces mqtt.js's fixed-period reconnection
      reconnectPeriod: 0,
      // a clean session: the broker keeps nothing for us while we are away, so an outage is a gap
      clean: true,
      resubscribe: false,
      keepalive: options.keepalive ?? 10,
      connectTimeout: 5000,
    };
    // built before connecting: bad tracker options throw here, with no client to release
    const decoder = new InputDecoder(options);
    const client = connect(endpoint.url, clientOptions);
    const source = new MqttSource(client, topic, decoder);

    client.on("message", (_topic: string, payload: Buffer) => {
      const unit: InputUnit = { kind: "message", bytes: new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength) };
      options.onInput?.(unit);
      dispatch(source.decoder.push(unit), options);
    });

    return await new Promise<MqttSource>((resolve, reject) => {
      let lastError: Error | undefined;
      client.on("error", (err: Error) => {
        lastError = err;
        if (source.phase !== "connecting") options.onError?.(err);
      });
      client.on("connect", () => {
        client.subscribe(topic, { qos }, (err, granted) => {
          const refused = granted?.find((g) => g.qos === 128);
          if (err || refused !== undefined) {
            const e = err ?? new Error(`${endpoint.url}: the broker refused the subscription to ${topic}`);
            if (source.phase === "connecting") {
              source.phase = "closed";
              client.end(true, () => reject(e));
            } else {
              options.onError?.(e);
              // drop the connection: the next one subscribes again
              client.stream.destroy();
            }
            return;
          }
          if (source.phase === "closed") return;
          const was = source.phase;
          source.phase = "up";
          source.stats.connected = true;
          if (was === "connecting") {
            resolve(source);
          } else if (was === "down") {
            const outageMs = Date.now() - source.downSince;
            source.stats.reconnects++;
            source.stats.outageMs += outageMs;
            options.onConnection?.({ kind: "reconnected", outageMs, attempts: source.attempts });
          }
          source.attempts = 0;
        });
      });
      client.on("close", () => {
        if (source.phase === "closed") return;
        if (source.phase === "connecting") {
          source.phase = "closed";
          client.end(true, () => reject(lastError ?? new Error(`${endpoint.url}: connection closed before the subscription`)));
          return;
        }
        if (source.phase === "up") {
          source.phase = "down";
          source.downSince = Date.now();
          source.stats.connected = false;
          source.stats.disconnects++;
          options.onConnection?.(lastError === undefined ? { kind: "disconnected" } : { kind: "disconnected", error: lastError.message });
        }
        lastError = undefined;
        // one timer at a time: a failed attempt ends in "close" again and doubles the delay
        if (source.timer === undefined) {
          source.attempts++;
          source.timer = setTimeout(() => {
            source.timer = undefined;
            if (source.phase === "down") client.reconnect();
          }, backoffDelay(source.attempts, backoff));
        }
      });
    });
  }

  quality(): StreamQuality {
    return this.tracker.quality();
  }

  connection(): ConnectionStats {
    return { ...this.stats };
  }

  /** Unsubscribes (when connected), disconnects and releases the socket and timers; safe to call twice. */
  async close(): Promise<void> {
    if (this.phase === "closed") return;
    this.phase = "closed";
    this.stats.connected = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.client.endAsync(true);
  }
}

export interface MqttSinkOptions {
  qos?: QoS;
  clientId?: string;
  /** Reconnection period (ms) of the publishing client, default 100. */
  reconnectMs?: number;
}

/**
 * Publishes payloads (encoded frames) to one topic, retain = false. Like a device with no storage,
 * it drops what it cannot deliver: publish() while disconnected returns false instead of queueing,
 * so a broker outage is a gap at the receiver, as it would be in the field.
 */
export class MqttSink {
  private constructor(
    private readonly client: MqttClient,
    readonly topic: string,
    private readonly qos: QoS,
  ) {}

  static async open(url: string, topic?: string, options: MqttSinkOptions = {}): Promise<MqttSink> {
    const endpoint = parseMqttUrl(url);
    const t = topic ?? endpoint.topic;
    if (t === undefined) throw new Error(`${url}: no topic (give one in the URL or as topic)`);
    checkTopic(t, false);
    const client = connect(endpoint.url, {
      clientId: options.clientId ?? `twin-sink-${Math.random().toString(16).slice(2, 10)}`,
      reconnectPeriod: options.reconnectMs ?? 100,
      clean: true,
      queueQoSZero: false,
      connectTimeout: 5000,
    });
    // errors while connected are reported through publish(); a failed reconnection just retries
    client.on("error", () => {});
    await new Promise<void>((resolve, reject) => {
      const refused = (): void => {
        client.off("connect", up);
        client.end(true, () => reject(new Error(`${endpoint.url}: cannot connect to the broker`)));
      };
      const up = (): void => {
        // later disconnections are mqtt.js's to retry, not a failed open
        client.off("close", refused);
        resolve();
      };
      client.once("connect", up);
      client.once("close", refused);
    });
    return new MqttSink(client, t, options.qos ?? 1);
  }

  get connected(): boolean {
    return this.client.connected;
  }

  /** Sends one message; true once the broker has it (QoS ≥ 1: acknowledged), false when it was dropped. */
  async publish(payload: Uint8Array): Promise<boolean> {
    if (!this.client.connected) return false;
    try {
      await this.client.publishAsync(this.topic, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), { qos: this.qos, retain: false });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** Publishes every payload in order on one connection; resolves with how many the broker took. */
export async function publishFrames(url: string, topic: string | undefined, payloads: Iterable<Uint8Array>, options: MqttSinkOptions = {}): Promise<number> {
  const sink = await MqttSink.open(url, topic, options);
  let sent = 0;
  try {
    for (const p of payloads) if (await sink.publish(p)) sent++;
  } finally {
    await sink.close();
  }
  return sent;
}
