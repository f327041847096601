// Events over a WebSocket (RFC 6455, the `ws` package): each event as one JSON text message, notices
// ({type:"notice"}) when events were dropped or a resume point is gone. The server pings every
// pingMs (RFC 6455 §5.5.2); a peer that has not answered the previous ping by the next one is dead
// (a half-open TCP connection never reports itself) and is terminated.
import type { WebSocket } from "ws";
import type { EventBus, EventFilter } from "./bus.js";
import { attachStream, type StreamWire } from "./stream.js";

export interface WebSocketStreamOptions {
  filter: EventFilter;
  lastEventId?: string;
  /** Unsent bytes beyond which this client's events are dropped (default 1 MiB). */
  maxBufferBytes?: number;
  /** Ping interval (default 30000 ms). */
  pingMs?: number;
}

export function serveWebSocket(ws: WebSocket, bus: EventBus, o: WebSocketStreamOptions): void {
  const pingMs = o.pingMs ?? 30000;
  if (!(pingMs > 0)) throw new RangeError(`pingMs ${pingMs}: a number > 0`);
  const wire: StreamWire = {
    buffered: () => ws.bufferedAmount,
    send: (_type, json) => {
      if (ws.readyState === ws.OPEN) ws.send(json);
    },
  };
  const unsubscribe = attachStream(bus, wire, o);
  let alive = true;
  ws.on("pong", () => (alive = true));
  const ping = setInterval(() => {
    if (!alive) {
      ws.terminate();
      return;
    }
    alive = false;
    if (ws.readyState === ws.OPEN) ws.ping();
  }, pingMs);
  ping.unref();
  const cleanup = (): void => {
    clearInterval(ping);
    unsubscribe();
  };
  ws.once("close", cleanup);
  // an error is followed by close; the listener keeps it from being an uncaught exception
  ws.on("error", cleanup);
  // the stream is one-way: messages from the client are not part of the protocol
  ws.on("message", () => {});
}
