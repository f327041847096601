// One stream client of the bus (SSE or WebSocket): replay from Last-Event-ID, then live events, with
// per-client backpressure. When the client's unsent bytes exceed the limit its events are dropped and
// counted, and the next event it does get is preceded by a notice with the count (as the runner's
// browser feed does, src/runner/sinks/feed.ts): a slow client costs bounded memory and knows what it
// missed.
import type { EventBus, EventFilter } from "./bus.js";
import type { EventNotice, TwinEvent } from "./model.js";

/** How one transport writes: `buffered` is the bytes accepted but not yet handed to the kernel. */
export interface StreamWire {
  buffered(): number;
  /** An event (with its id) or a notice (id undefined). */
  send(type: string, json: string, id: number | undefined): void;
}

export interface StreamOptions {
  filter: EventFilter;
  /** The client's last seen event id (SSE Last-Event-ID): replay what came after it. */
  lastEventId?: string;
  /** Unsent bytes beyond which the client's events are dropped (default 1 MiB). */
  maxBufferBytes?: number;
}

export const DEFAULT_MAX_BUFFER = 1 << 20;

/**
 * Drops what a slow consumer cannot take and tells it how much before the next thing it gets; the
 * notice is {type:"notice", dropped, total}. Shared with the runner's feed (src/runner/sinks/feed.ts).
 */
export class DropGate {
  dropped = 0;
  droppedTotal = 0;

  constructor(
    private readonly wire: StreamWire,
    private readonly maxBuffer: number,
  ) {}

  /** True when sent, false when dropped. */
  offer(type: string, json: string, id?: number): boolean {
    if (this.wire.buffered() > this.maxBuffer) {
      this.dropped++;
      this.droppedTotal++;
      return false;
    }
    if (this.dropped > 0) {
      const n: EventNotice = { type: "notice", dropped: this.dropped, total: this.droppedTotal };
      this.wire.send("notice", JSON.stringify(n), undefined);
      this.dropped = 0;
    }
    this.wire.send(type, json, id);
    return true;
  }
}

/**
 * A Last-Event-ID as the bus's id: a decimal whole number, else undefined (absent or empty: a fresh
 * client) or NaN (something this process never sent).
 */
export function parseLastEventId(s: string | undefined): number | undefined {
  if (s === undefined || s.trim() === "") return undefined;
  return /^\s*\d{1,15}\s*$/.test(s) ? Number(s) : Number.NaN;
}

/**
 * Connects a client to the bus: first the replay after lastEventId (or a "missed" notice when the
 * ring no longer has it), then live events. Returns the unsubscribe function.
 */
export function attachStream(bus: EventBus, wire: StreamWire, o: StreamOptions): () => void {
  const max = o.maxBufferBytes ?? DEFAULT_MAX_BUFFER;
  if (!(max >= 0)) throw new RangeError(`maxBufferBytes ${max}: a number >= 0`);
  const gate = new DropGate(wire, max);
  // highest id sent or dropped: an event both replayed and delivered live goes out once
  let last = bus.lastId;
  const deliver = (e: TwinEvent): void => {
    if (e.id <= last) return;
    last = e.id;
    gate.offer(e.type, JSON.stringify(e), e.id);
  };
  const from = parseLastEventId(o.lastEventId);
  if (from !== undefined) {
    const replay = bus.since(from, o.filter);
    if (replay === null) {
      const n: EventNotice = { type: "notice", missed: true };
      wire.send("notice", JSON.stringify(n), undefined);
    } else {
      last = from;
      for (const e of replay) deliver(e);
      last = bus.lastId;
    }
  }
  return bus.subscribe(o.filter, deliver);
}
