// MQTT sink: each record as one JSON message on <prefix>/<topic> — a virtual-sensor block (record
// type "estimates") whole, never a message per sample. Messages go through a bounded queue, in
// order, over one MqttSink (src/live/mqtt.ts) per topic; while the broker is away (restart, network)
// they wait in the queue, and when it is full the oldest are dropped and counted. The first message
// after a drop is a notice on <prefix>/notice saying how many were lost, so a subscriber knows its
// stream has a hole.
import { MqttSink, type QoS } from "../../live/mqtt.js";
import type { RecordType, RunnerRecord } from "../records.js";
import { errorText, selectedTypes, type Sink, type SinkStats } from "./sink.js";

/** The topic under the prefix for each record type. */
export const MQTT_TOPICS: Record<RecordType, string> = {
  estimates: "estimates",
  window: "state",
  spc: "spc",
  alarm: "alarms",
  quality: "quality",
  status: "status",
};

export const MQTT_DEFAULT_TYPES: readonly RecordType[] = ["estimates", "window", "spc", "alarm"];

export interface MqttRecordSinkOptions {
  url: string;
  prefix: string;
  qos?: QoS;
  /** Messages held while the broker is away (default 1000). */
  queue?: number;
  types?: RecordType[];
  /** Wait between attempts while disconnected (ms, default 50). */
  retryMs?: number;
  /** How long close() waits for the queue to drain (ms, default 2000). */
  drainMs?: number;
}

/** What the notice on <prefix>/notice carries. */
export interface DropNotice {
  type: "notice";
  /** Messages dropped since the previous notice. */
  dropped: number;
  /** All messages dropped by this sink. */
  total: number;
  byType: Partial<Record<RecordType, number>>;
}

interface Pending {
  type: RecordType;
  payload: Uint8Array;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class MqttRecordSink implements Sink {
  readonly name: string;
  private readonly queue: Pending[] = [];
  private pumping: Promise<void> | undefined;
  private stopped = false;
  private stop!: () => void;
  /** Resolves on close(): an in-flight publish to a vanished broker may never settle. */
  private readonly stopping = new Promise<false>((resolve) => (this.stop = () => resolve(false)));
  private sinceNotice: Partial<Record<RecordType, number>> = {};
  private readonly counts = { written: 0, dropped: 0, errors: 0, published: 0, notices: 0, lastError: undefined as string | undefined };

  private constructor(
    private readonly options: MqttRecordSinkOptions,
    private readonly types: Set<RecordType>,
    private readonly topics: Map<RecordType, MqttSink>,
    private readonly notice: MqttSink,
  ) {
    this.name = `mqtt ${options.url}/${options.prefix}`;
  }

  /** Connects one publisher per selected topic; rejects when the broker cannot be reached at start. */
  static async open(options: MqttRecordSinkOptions): Promise<MqttRecordSink> {
    const types = selectedTypes(options, MQTT_DEFAULT_TYPES);
    const opened: MqttSink[] = [];
    try {
      const topics = new Map<RecordType, MqttSink>();
      for (const t of types) {
        const s = await MqttSink.open(options.url, `${options.prefix}/${MQTT_TOPICS[t]}`, { qos: options.qos ?? 1 });
        opened.push(s);
        topics.set(t, s);
      }
      const notice = await MqttSink.open(options.url, `${options.prefix}/notice`, { qos: options.qos ?? 1 });
      opened.push(notice);
      return new MqttRecordSink(options, types, topics, notice);
    } catch (e) {
      await Promise.all(opened.map((s) => s.close()));
      throw e;
    }
  }

  write(r: RunnerRecord): void {
    if (!this.types.has(r.type)) return;
    this.counts.written++;
    if (this.stopped) {
      this.counts.dropped++;
      return;
    }
    if (this.queue.length >= (this.options.queue ?? 1000)) this.drop(this.queue.shift()!);
    this.queue.push({ type: r.type, payload: Buffer.from(JSON.stringify(r), "utf8") });
    this.pumping ??= this.pump().finally(() => (this.pumping = undefined));
  }

  stats(): SinkStats {
    const { lastError, ...c } = this.counts;
    return { ...c, queued: this.queue.length, connected: [...this.topics.values()].every((s) => s.connected), ...(lastError !== undefined ? { lastError } : {}) };
  }

  /** Waits (up to drainMs) for the queue to go out while the broker is there, then disconnects; what is left counts as dropped. */
  async close(): Promise<void> {
    const end = Date.now() + (this.options.drainMs ?? 2000);
    while (this.pumping !== undefined && Date.now() < end) await sleep(10);
    this.stopped = true;
    this.stop();
    await this.pumping;
    for (const p of this.queue.splice(0)) this.drop(p);
    await Promise.all([...this.topics.values(), this.notice].map((s) => s.close().catch((e: unknown) => void (this.counts.lastError = errorText(e)))));
  }

  private drop(p: Pending): void {
    this.counts.dropped++;
    this.sinceNotice[p.type] = (this.sinceNotice[p.type] ?? 0) + 1;
  }

  private async pump(): Promise<void> {
    const retry = this.options.retryMs ?? 50;
    while (this.queue.length > 0 && !this.stopped) {
      const pendingDrops = Object.values(this.sinceNotice).reduce((a, b) => a + b, 0);
      if (pendingDrops > 0) {
        const n: DropNotice = { type: "notice", dropped: pendingDrops, total: this.counts.dropped, byType: { ...this.sinceNotice } };
        if (await Promise.race([this.notice.publish(Buffer.from(JSON.stringify(n), "utf8")), this.stopping])) {
          this.counts.notices++;
          // drops counted while the notice was in flight stay for the next one
          for (const [k, v] of Object.entries(n.byType) as [RecordType, number][]) {
            const left = (this.sinceNotice[k] ?? 0) - v;
            if (left > 0) this.sinceNotice[k] = left;
            else delete this.sinceNotice[k];
          }
        } else if (!this.stopped) {
          await sleep(retry);
        }
        continue;
      }
      const p = this.queue.shift()!;
      const sink = this.topics.get(p.type)!;
      if (sink.connected && (await Promise.race([sink.publish(p.payload), this.stopping]))) {
        this.counts.published++;
        continue;
      }
      // not delivered: back to the head of the queue (or dropped if the queue filled meanwhile)
      if (!this.stopped && this.queue.length < (this.options.queue ?? 1000)) this.queue.unshift(p);
      else this.drop(p);
      if (!this.stopped) await sleep(retry);
    }
  }
}
