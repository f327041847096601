// The events of a twin: what the bus carries and what SSE, WebSocket and MQTT clients receive. Every
// event names its twin and part, so access control works per event resource ("event:/<twin>/<part>",
// src/service/types.ts) and a client filter is a plain predicate.
import type { AttrValue, ChangeSource, Json } from "../types.js";

export type TwinEvent =
  | { type: "change"; id: number; twin: string; part: string; attribute: string; oldValue: AttrValue | null; newValue: AttrValue; subject: string; source: ChangeSource; timeMs: number; seq: number }
  | { type: "alarm"; id: number; twin: string; part: string; alarm: string; state: string; from: string; event: string; value: number; rule: string; priority: string; message: string; user?: string; timeMs: number }
  | { type: "method"; id: number; twin: string; part: string; method: string; subject: string; status: "started" | "done" | "failed"; detail?: Json; timeMs: number }
  | { type: "rule"; id: number; twin: string; part: string; rule: string; attribute: string; value: number; threshold: number; condition: "above" | "below"; state: "raised" | "cleared"; timeMs: number };

export type EventType = TwinEvent["type"];

/** Omit applied to each member of a union (the built-in Omit would merge the members). */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event before the bus numbers it: `id` is assigned by the bus (strictly increasing per process). */
export type NewEvent = DistributiveOmit<TwinEvent, "id">;

export const EVENT_TYPES: readonly EventType[] = ["change", "alarm", "method", "rule"];

export function isEventType(s: string): s is EventType {
  return (EVENT_TYPES as readonly string[]).includes(s);
}

/** The policy resource of an event: "event:/<twin>/<part>", "event:/<twin>" for the device root (part ""). */
export function eventResource(e: TwinEvent): string {
  return e.part === "" ? `event:/${e.twin}` : `event:/${e.twin}/${e.part}`;
}

/**
 * What a stream client gets instead of events it did not receive: `missed` when its Last-Event-ID is
 * older than the replay ring (or unknown to this process), `dropped` when it read too slowly.
 */
export type EventNotice =
  | { type: "notice"; missed: true }
  | { type: "notice"; dropped: number; total: number };
