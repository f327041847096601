// Server-sent events (WHATWG HTML §9.2, "Server-sent events"): each event as `id:`, `event:` and one
// `data:` line (JSON has no raw newline), a `retry:` telling EventSource how soon to reconnect, and a
// comment line every heartbeatMs so proxies and idle timeouts keep the connection open. A reconnecting
// EventSource sends Last-Event-ID, and gets what it missed from the bus's ring.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EventBus, EventFilter } from "./bus.js";
import { attachStream, type StreamWire } from "./stream.js";

export interface SseOptions {
  filter: EventFilter;
  /** Default: the request's Last-Event-ID header. */
  lastEventId?: string;
  /** Interval of the comment lines (default 15000 ms). */
  heartbeatMs?: number;
  /** Unsent bytes beyond which this client's events are dropped (default 1 MiB). */
  maxBufferBytes?: number;
  /** The reconnection time sent as `retry:` (default 3000 ms). */
  retryMs?: number;
}

export function serveSse(req: IncomingMessage, res: ServerResponse, bus: EventBus, o: SseOptions): void {
  const heartbeatMs = o.heartbeatMs ?? 15000;
  const retryMs = o.retryMs ?? 3000;
  if (!(heartbeatMs > 0)) throw new RangeError(`heartbeatMs ${heartbeatMs}: a number > 0`);
  if (!Number.isInteger(retryMs) || retryMs < 0) throw new RangeError(`retryMs ${retryMs}: a whole number >= 0`);
  const header = req.headers["last-event-id"];
  const lastEventId = o.lastEventId ?? (typeof header === "string" ? header : undefined);
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
    // nginx buffers responses unless told not to, which would hold events back
    "x-accel-buffering": "no",
  });
  res.write(`retry: ${retryMs}\n\n`);
  const wire: StreamWire = {
    buffered: () => res.writableLength,
    send: (type, json, id) => void res.write(`${id === undefined ? "" : `id: ${id}\n`}event: ${type}\ndata: ${json}\n\n`),
  };
  const unsubscribe = attachStream(bus, wire, { filter: o.filter, lastEventId, maxBufferBytes: o.maxBufferBytes });
  const heartbeat = setInterval(() => {
    // a comment line (starts with ':') is ignored by EventSource; skipped while the client lags anyway
    if (res.writableLength === 0) res.write(": heartbeat\n\n");
  }, heartbeatMs);
  heartbeat.unref();
  const cleanup = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  res.once("close", cleanup);
  res.once("error", cleanup);
}
