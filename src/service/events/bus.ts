// The in-process event bus: numbers events (ids strictly increasing per process), hands each to the
// subscribers whose filter takes it, in publication order, and keeps the last N in a ring so that a
// stream client reconnecting with Last-Event-ID (WHATWG HTML, server-sent events) gets what it missed.
import type { NewEvent, TwinEvent } from "./model.js";

export type EventFilter = (e: TwinEvent) => boolean;
export type EventHandler = (e: TwinEvent) => void;

export interface EventBusOptions {
  /** How many of the last events the ring keeps for replay (default 1000; 0 keeps none). */
  replay?: number;
}

export interface EventBusStats {
  published: number;
  subscribers: number;
  /** Deliveries that threw (the handler's own fault: counted, the event dropped for that handler only). */
  handlerErrors: number;
}

interface Subscription {
  filter: EventFilter;
  handler: EventHandler;
  active: boolean;
}

export class EventBus {
  private readonly capacity: number;
  /** Ring of the last `capacity` events; `head` is where the next one goes. */
  private readonly ring: TwinEvent[] = [];
  private head = 0;
  private next = 1;
  private subs: Subscription[] = [];
  /** Events published while a delivery is running wait here, so every subscriber sees publication order. */
  private readonly pending: TwinEvent[] = [];
  private delivering = false;
  private counts = { published: 0, handlerErrors: 0 };

  constructor(o: EventBusOptions = {}) {
    const n = o.replay ?? 1000;
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`event bus replay ${n}: a whole number >= 0`);
    this.capacity = n;
  }

  get lastId(): number {
    return this.next - 1;
  }

  publish(e: NewEvent): TwinEvent {
    const ev: TwinEvent = { ...e, id: this.next++ };
    this.counts.published++;
    if (this.capacity > 0) {
      if (this.ring.length < this.capacity) this.ring.push(ev);
      else this.ring[this.head] = ev;
      this.head = (this.head + 1) % this.capacity;
    }
    this.pending.push(ev);
    // a handler that publishes (a rule raised by a change) gets its event delivered after the current one
    if (!this.delivering) this.drain();
    return ev;
  }

  /** Delivers every later event the filter takes to the handler; returns the unsubscribe function. */
  subscribe(filter: EventFilter, handler: EventHandler): () => void {
    const s: Subscription = { filter, handler, active: true };
    this.subs = [...this.subs, s];
    return () => {
      if (!s.active) return;
      s.active = false;
      this.subs = this.subs.filter((x) => x !== s);
    };
  }

  /**
   * The events after `id` that the filter takes, oldest first; null when the ring no longer holds all
   * events after `id` (the caller missed some), or when `id` is beyond this process's last id (a
   * client of an earlier process: its ids mean nothing here).
   */
  since(id: number, filter: EventFilter): TwinEvent[] | null {
    if (!Number.isInteger(id) || id < 0 || id > this.lastId) return null;
    if (id === this.lastId) return [];
    const ordered = this.ordered();
    const oldest = ordered[0]?.id ?? this.next;
    if (id < oldest - 1) return null;
    return ordered.filter((e) => e.id > id && filter(e));
  }

  stats(): EventBusStats {
    return { ...this.counts, subscribers: this.subs.length };
  }

  private ordered(): TwinEvent[] {
    if (this.ring.length < this.capacity) return [...this.ring];
    return [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
  }

  private drain(): void {
    this.delivering = true;
    try {
      for (let ev = this.pending.shift(); ev !== undefined; ev = this.pending.shift()) {
        // a snapshot: subscribing or unsubscribing inside a handler does not disturb this delivery
        for (const s of this.subs) {
          if (!s.active) continue;
          try {
            if (s.filter(ev)) s.handler(ev);
          } catch {
            this.counts.handlerErrors++;
          }
        }
      }
    } finally {
      this.delivering = false;
    }
  }
}
