// Events of `twin serve` (src/service/events/): the bus (ids, order, ring replay, a throwing handler),
// Server-Sent Events over a real node:http server read by a real client (Last-Event-ID resume, a
// "missed" notice, heartbeats, a client that stops reading: dropped and told), the same over a
// WebSocket with `ws` (and a peer that never answers pings), MQTT through the EmbeddedBroker (topics,
// a broker stopped and restarted: reconnection, the queued events, a notice of the drops, the
// multi-process subscriber) and the threshold rules of the AML Events element.
import { createServer as createHttpServer, get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { connect as netConnect, createServer as createNetServer, type Server as NetServer, type Socket } from "node:net";
import { connect } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { EmbeddedBroker } from "../src/live/broker.js";
import {
  checkRules, partMatches, EventBus, EventPublisher, eventResource, eventTopic, RuleEngine, RuleError, serveSse, serveWebSocket, subscribeEvents,
  type EventRuleDef, type NewEvent, type PublisherNotice, type ReceivedEvent, type TwinEvent,
} from "../src/service/events/index.js";

async function until(cond: () => boolean, what: string, detail?: () => unknown, ms = 20000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}${detail ? `: ${JSON.stringify(detail())}` : ""}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const change = (k: number, twin = "rig", part = "Rotor/Bearing1"): NewEvent => ({
  type: "change", twin, part, attribute: "Temperature", oldValue: k === 0 ? null : k - 1, newValue: k, subject: "runner", source: "runner", timeMs: 1_700_000_000_000 + k, seq: k + 1,
});
const bigAlarm = (k: number): NewEvent => ({
  type: "alarm", twin: "rig", part: "", alarm: "temp-high", state: "unack", from: "normal", event: "activate", value: k, rule: "hi", priority: "high", message: "x".repeat(64 * 1024), timeMs: k,
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("event bus", () => {
  it("numbers events in order and delivers to matching subscribers in publication order, even when a handler publishes", () => {
    const bus = new EventBus();
    const a: number[] = [];
    const b: string[] = [];
    bus.subscribe((e) => e.type === "change", (e) => {
      a.push(e.id);
      // a rule raised by a change: published from inside a delivery
      if (e.type === "change" && e.newValue === 1) bus.publish({ type: "rule", twin: "rig", part: "", rule: "r", attribute: "Temperature", value: 1, threshold: 0.5, condition: "above", state: "raised", timeMs: 1 });
    });
    bus.subscribe(() => true, (e) => b.push(`${e.id}:${e.type}`));
    const first = bus.publish(change(0));
    bus.publish(change(1));
    bus.publish(change(2));
    expect(first.id).toBe(1);
    expect(bus.lastId).toBe(4);
    expect(a).toEqual([1, 2, 4]);
    // the rule event (id 3) reaches the second subscriber after change 2 and before change 4
    expect(b).toEqual(["1:change", "2:change", "3:rule", "4:change"]);
  });

  it("a throwing handler is counted and the others still get every event", () => {
    const bus = new EventBus();
    const got: number[] = [];
    bus.subscribe(() => true, () => {
      throw new Error("broken client");
    });
    bus.subscribe(() => true, (e) => got.push(e.id));
    for (let k = 0; k < 3; k++) bus.publish(change(k));
    expect(got).toEqual([1, 2, 3]);
    expect(bus.stats()).toEqual({ published: 3, subscribers: 2, handlerErrors: 3 });
  });

  it("unsubscribes, also from inside a delivery", () => {
    const bus = new EventBus();
    const got: number[] = [];
    const off = bus.subscribe(() => true, (e) => {
      got.push(e.id);
      if (e.id === 2) off();
    });
    for (let k = 0; k < 4; k++) bus.publish(change(k));
    expect(got).toEqual([1, 2]);
    expect(bus.stats().subscribers).toBe(0);
  });

  it("since(): replays from the ring, filtered; null when the ring no longer reaches back or the id is unknown", () => {
    const bus = new EventBus({ replay: 5 });
    expect(bus.since(0, () => true)).toEqual([]);
    for (let k = 0; k < 12; k++) bus.publish(change(k, k % 2 === 0 ? "rig" : "other"));
    // the ring holds 8..12
    expect(bus.since(7, () => true)!.map((e) => e.id)).toEqual([8, 9, 10, 11, 12]);
    expect(bus.since(9, (e) => e.twin === "rig")!.map((e) => e.id)).toEqual([11]);
    expect(bus.since(12, () => true)).toEqual([]);
    expect(bus.since(6, () => true)).toBeNull();
    expect(bus.since(13, () => true)).toBeNull();
    expect(bus.since(-1, () => true)).toBeNull();
    const none = new EventBus({ replay: 0 });
    none.publish(change(0));
    expect(none.since(1, () => true)).toEqual([]);
    expect(none.since(0, () => true)).toBeNull();
    expect(() => new EventBus({ replay: -1 })).toThrow(/replay -1/);
  });

  it("eventResource names the part, the device root without a trailing slash", () => {
    const bus = new EventBus();
    expect(eventResource(bus.publish(change(0)))).toBe("event:/rig/Rotor/Bearing1");
    expect(eventResource(bus.publish(change(0, "rig", "")))).toBe("event:/rig");
  });
});

/** A Server-Sent Events reader (WHATWG HTML §9.2.6 field parsing, enough for the server's output). */
interface SseMessage {
  id?: string;
  event: string;
  data: string;
}
function sseClient(url: string, headers: Record<string, string> = {}): Promise<{ res: IncomingMessage; msgs: SseMessage[]; comments: string[]; retry: string[]; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers }, (res) => {
      const msgs: SseMessage[] = [];
      const comments: string[] = [];
      const retry: string[] = [];
      let buf = "";
      let cur: Partial<SseMessage> & { data?: string } = {};
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          if (line === "") {
            if (cur.data !== undefined) msgs.push({ ...(cur.id !== undefined ? { id: cur.id } : {}), event: cur.event ?? "message", data: cur.data });
            cur = {};
          } else if (line.startsWith(":")) comments.push(line.slice(1).trim());
          else {
            const i = line.indexOf(":");
            const field = line.slice(0, i);
            const value = line.slice(i + 1).replace(/^ /, "");
            if (field === "data") cur.data = cur.data === undefined ? value : `${cur.data}\n${value}`;
            else if (field === "id") cur.id = value;
            else if (field === "event") cur.event = value;
            else if (field === "retry") retry.push(value);
          }
        }
      });
      res.on("error", () => {});
      resolve({ res, msgs, comments, retry, close: () => req.destroy() });
    });
    req.on("error", reject);
  });
}

async function httpServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createHttpServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(() => new Promise<void>((r) => {
    server.close(() => r());
    server.closeAllConnections();
  }));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

describe("server-sent events", () => {
  it("streams the filtered events with ids and types, resumes after Last-Event-ID, tells of a resume point gone", async () => {
    const bus = new EventBus({ replay: 4 });
    const { url } = await httpServer((req, res) => serveSse(req, res, bus, { filter: (e) => e.twin === "rig", heartbeatMs: 20 }));
    const c = await sseClient(url);
    expect(c.res.statusCode).toBe(200);
    expect(c.res.headers["content-type"]).toBe("text/event-stream; charset=utf-8");
    expect(c.res.headers["cache-control"]).toBe("no-cache");
    expect(c.res.headers["x-accel-buffering"]).toBe("no");
    await until(() => bus.stats().subscribers === 1, "the subscription");
    const published = [0, 1, 2, 3].map((k) => bus.publish(change(k, k === 2 ? "other" : "rig")));
    await until(() => c.msgs.length === 3, "3 events", () => c.msgs);
    expect(c.retry).toEqual(["3000"]);
    expect(c.msgs).toEqual(published.filter((e) => e.twin === "rig").map((e) => ({ id: String(e.id), event: "change", data: JSON.stringify(e) })));
    // heartbeats are comment lines: EventSource ignores them
    await until(() => c.comments.includes("heartbeat"), "a heartbeat comment");
    c.close();
    await until(() => bus.stats().subscribers === 0, "the subscription to end with the connection");

    // a reconnecting EventSource sends the last id it saw
    const more = [4, 5].map((k) => bus.publish(change(k)));
    const resumed = await sseClient(url, { "last-event-id": "2" });
    await until(() => resumed.msgs.length === 3, "the replay", () => resumed.msgs);
    expect(resumed.msgs.map((m) => m.id)).toEqual(["4", ...more.map((e) => String(e.id))]);
    const live = bus.publish(change(6));
    await until(() => resumed.msgs.length === 4, "the live event after the replay");
    expect(resumed.msgs[3]).toEqual({ id: String(live.id), event: "change", data: JSON.stringify(live) });
    resumed.close();

    // the ring (4 events: 4..7) no longer reaches back to id 1, and id 99 was never sent by this bus
    for (const last of ["1", "99", "abc"]) {
      const gone = await sseClient(url, { "last-event-id": last });
      await until(() => gone.msgs.length === 1, "the notice");
      expect(gone.msgs[0]).toEqual({ event: "notice", data: JSON.stringify({ type: "notice", missed: true }) });
      const next = bus.publish(change(7));
      await until(() => gone.msgs.length === 2, "the live event after the notice");
      expect(gone.msgs[1]!.id).toBe(String(next.id));
      gone.close();
    }
  });

  it("a client that stops reading has its events dropped, counted, and is told before the next one it gets", async () => {
    const bus = new EventBus();
    let serverRes: ServerResponse | undefined;
    const max = 256 * 1024;
    const { url } = await httpServer((req, res) => {
      serverRes = res;
      serveSse(req, res, bus, { filter: () => true, maxBufferBytes: max });
    });
    const c = await sseClient(url);
    await until(() => serverRes !== undefined && bus.stats().subscribers === 1, "the subscription");
    c.res.pause();
    // fill the kernel buffers and then the server's own, until it holds more than the limit
    const sent: TwinEvent[] = [];
    while (serverRes!.writableLength <= max) {
      sent.push(bus.publish(bigAlarm(sent.length)));
      await new Promise((r) => setImmediate(r));
    }
    const dropped = [0, 1, 2, 3, 4].map((k) => bus.publish(bigAlarm(1000 + k)));
    c.res.resume();
    // the server's buffer drains once the client reads; the next event it can take comes after a notice
    let last: TwinEvent | undefined;
    while (!c.msgs.some((m) => m.event === "notice")) {
      last = bus.publish(change(0));
      await until(() => serverRes!.writableLength <= max, "the buffer to drain");
      await new Promise((r) => setTimeout(r, 10));
    }
    await until(() => c.msgs.at(-1)?.id === String(last!.id), "the last event", () => c.msgs.length);
    const i = c.msgs.findIndex((m) => m.event === "notice");
    expect(c.msgs.slice(0, i).map((m) => Number(m.id))).toEqual(sent.map((e) => e.id));
    const notice = JSON.parse(c.msgs[i]!.data) as { dropped: number; total: number };
    // the 5 published while over the limit, and any of the probes that came before the drain
    expect(notice.dropped).toBeGreaterThanOrEqual(dropped.length);
    expect(notice).toEqual({ type: "notice", dropped: notice.dropped, total: notice.dropped });
    expect(Number(c.msgs[i + 1]!.id)).toBe(dropped.at(-1)!.id + notice.dropped - dropped.length + 1);
    c.close();
  });
});

describe("websocket events", () => {
  async function wsServer(bus: EventBus, o: { pingMs?: number; maxBufferBytes?: number } = {}): Promise<{ url: string; sockets: WebSocket[] }> {
    const sockets: WebSocket[] = [];
    const { server, url } = await httpServer((_req, res) => res.writeHead(404).end());
    const wss = new WebSocketServer({ server });
    wss.on("connection", (ws, req) => {
      sockets.push(ws);
      const last = new URL(req.url ?? "/", "http://x").searchParams.get("last");
      serveWebSocket(ws, bus, { filter: (e) => e.twin === "rig", ...(last !== null ? { lastEventId: last } : {}), ...o });
    });
    cleanups.push(() => {
      for (const s of wss.clients) s.terminate();
      wss.close();
    });
    return { url: url.replace("http:", "ws:"), sockets };
  }
  function client(url: string, o: { autoPong?: boolean } = {}): { ws: WebSocket; msgs: Record<string, unknown>[]; open: Promise<void>; closed: Promise<void> } {
    const ws = new WebSocket(url, o);
    const msgs: Record<string, unknown>[] = [];
    ws.on("message", (d) => msgs.push(JSON.parse(String(d)) as Record<string, unknown>));
    ws.on("error", () => {});
    cleanups.push(() => ws.terminate());
    return { ws, msgs, open: new Promise((r) => ws.once("open", () => r())), closed: new Promise((r) => ws.once("close", () => r())) };
  }

  it("sends each filtered event as one JSON message and resumes after a last event id", async () => {
    const bus = new EventBus();
    const { url } = await wsServer(bus);
    const c = client(`${url}/ws`);
    await c.open;
    await until(() => bus.stats().subscribers === 1, "the subscription");
    const evs = [0, 1, 2].map((k) => bus.publish(change(k, k === 1 ? "other" : "rig")));
    await until(() => c.msgs.length === 2, "2 events");
    expect(c.msgs).toEqual([evs[0], evs[2]]);
    c.ws.close();
    await c.closed;
    await until(() => bus.stats().subscribers === 0, "the unsubscription");
    const r = client(`${url}/ws?last=1`);
    await r.open;
    await until(() => r.msgs.length === 1, "the replay");
    expect(r.msgs).toEqual([evs[2]]);
  });

  it("terminates a peer that does not answer pings", async () => {
    const bus = new EventBus();
    const { url } = await wsServer(bus, { pingMs: 25 });
    const dead = client(`${url}/ws`, { autoPong: false });
    let code = 0;
    dead.ws.once("close", (c) => (code = c));
    await dead.open;
    await until(() => bus.stats().subscribers === 1, "the subscription");
    await dead.closed;
    // 1006: the connection ended without a closing handshake (RFC 6455 §7.1.5), as terminate() does
    expect(code).toBe(1006);
    await until(() => bus.stats().subscribers === 0, "the unsubscription");
  });

  it("a slow client is dropped events and told with a notice", async () => {
    const bus = new EventBus();
    const max = 256 * 1024;
    const { url, sockets } = await wsServer(bus, { maxBufferBytes: max });
    const c = client(`${url}/ws`);
    await c.open;
    await until(() => sockets.length === 1, "the server socket");
    const server = sockets[0]!;
    c.ws.pause();
    const sent: TwinEvent[] = [];
    while (server.bufferedAmount <= max) {
      sent.push(bus.publish(bigAlarm(sent.length)));
      await new Promise((r) => setImmediate(r));
    }
    for (let k = 0; k < 3; k++) bus.publish(bigAlarm(1000 + k));
    c.ws.resume();
    while (!c.msgs.some((m) => m.type === "notice")) {
      bus.publish(change(0));
      await until(() => server.bufferedAmount <= max, "the buffer to drain");
      await new Promise((r) => setTimeout(r, 10));
    }
    const i = c.msgs.findIndex((m) => m.type === "notice");
    expect(c.msgs.slice(0, i).map((m) => m.id)).toEqual(sent.map((e) => e.id));
    expect(c.msgs[i]!.dropped).toBeGreaterThanOrEqual(3);
    expect(c.msgs[i]).toEqual({ type: "notice", dropped: c.msgs[i]!.dropped, total: c.msgs[i]!.dropped });
  });
});

describe("mqtt events", () => {
  it("topics: prefix, twin, type, part levels, the root as _root, wildcards and NUL percent-encoded", () => {
    expect(eventTopic("twin", { twin: "rig", type: "change", part: "Rotor/Bearing1" })).toBe("twin/rig/events/change/Rotor/Bearing1");
    expect(eventTopic("plant/a", { twin: "rig", type: "alarm", part: "" })).toBe("plant/a/rig/events/alarm/_root");
    expect(eventTopic("twin", { twin: "a/b+#", type: "rule", part: "x+y/#/50%\u0000" })).toBe("twin/a%2Fb%2B%23/events/rule/x%2By/%23/50%25%00");
    expect(eventTopic("twin", { twin: "rig", type: "method", part: "_root" })).toBe("twin/rig/events/method/%5Froot");
  });

  it("publishes each event on its topic, QoS 1, not retained; subscribeEvents gets them with their origin", async () => {
    const broker = new EmbeddedBroker();
    const url = await broker.start();
    cleanups.push(() => broker.stop());
    const raw: { topic: string; qos: number; retain: boolean; body: unknown }[] = [];
    const sub = connect(url, { clientId: "events-test-raw" });
    cleanups.push(() => sub.endAsync(true));
    await new Promise<void>((resolve, reject) => sub.once("connect", () => sub.subscribe("twin/#", { qos: 1 }, (e) => (e ? reject(e) : resolve()))));
    sub.on("message", (topic, payload, packet) => raw.push({ topic, qos: packet.qos, retain: packet.retain, body: JSON.parse(payload.toString("utf8")) }));
    const received: ReceivedEvent[] = [];
    const other = await subscribeEvents(url, "twin", (e) => received.push(e));
    cleanups.push(() => other.close());
    await expect(subscribeEvents("mqtt://127.0.0.1:1", "twin", () => {})).rejects.toThrow(/cannot connect/);

    const bus = new EventBus();
    const pub = await EventPublisher.open({ url, clientId: "proc-a" });
    cleanups.push(() => pub.close());
    pub.attach(bus, (e) => e.type !== "method");
    const evs = [
      bus.publish(change(0)),
      bus.publish({ type: "method", twin: "rig", part: "", method: "reset", subject: "user:alice", status: "started", timeMs: 5 }),
      bus.publish(bigAlarm(1)),
      bus.publish({ type: "rule", twin: "rig", part: "Rotor/Bearing1", rule: "hot", attribute: "Temperature", value: 90, threshold: 80, condition: "above", state: "raised", timeMs: 6 }),
    ];
    await until(() => received.length === 3 && raw.length === 3, "3 events", () => ({ raw: raw.length, received: received.length }));
    const expected = [evs[0]!, evs[2]!, evs[3]!].map((e) => ({ ...e, origin: "proc-a" }));
    expect(received).toEqual(expected);
    expect(raw.map((m) => [m.topic, m.qos, m.retain])).toEqual([
      ["twin/rig/events/change/Rotor/Bearing1", 1, false],
      ["twin/rig/events/alarm/_root", 1, false],
      ["twin/rig/events/rule/Rotor/Bearing1", 1, false],
    ]);
    expect(raw.map((m) => m.body)).toEqual(expected);
    await until(() => pub.stats().published === 3, "the acknowledgements");
    expect(pub.stats()).toEqual({ published: 3, dropped: 0, queued: 0, connected: true });
    await expect(EventPublisher.open({ url, prefix: "a/+" })).rejects.toThrow(/prefix/);
    await expect(EventPublisher.open({ url, maxQueue: 0 })).rejects.toThrow(/maxQueue 0: a whole number >= 1/);
    await expect(EventPublisher.open({ url: "mqtt://127.0.0.1:1" })).rejects.toThrow(/cannot connect to the broker/);
  });

  /**
   * A loopback TCP relay to `target` that holds new connections off (closes them) until opened: the
   * test decides when the publisher may reach a restarted broker, so the subscriber is there first.
   */
  async function relay(target: () => number): Promise<{ port: number; open: boolean; close(): Promise<void> }> {
    const sockets = new Set<Socket>();
    const state = { open: true };
    const server: NetServer = createNetServer((down) => {
      sockets.add(down);
      down.once("close", () => sockets.delete(down));
      down.on("error", () => {});
      if (!state.open) return void down.destroy();
      const up = netConnect(target(), "127.0.0.1");
      sockets.add(up);
      up.once("close", () => {
        sockets.delete(up);
        down.destroy();
      });
      down.once("close", () => up.destroy());
      up.on("error", () => {});
      down.pipe(up).pipe(down);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const r = {
      port: (server.address() as { port: number }).port,
      get open() {
        return state.open;
      },
      set open(v: boolean) {
        state.open = v;
      },
      close: () => new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
    };
    return r;
  }

  it("a broker stopped and restarted: the publisher reconnects, delivers the queue, and announces the drops", async () => {
    let broker = new EmbeddedBroker();
    const url = await broker.start();
    const port = broker.port();
    cleanups.push(() => broker.stop());
    const r = await relay(() => port);
    cleanups.push(() => r.close());
    const logs: string[] = [];
    const bus = new EventBus();
    const pub = await EventPublisher.open({ url: `mqtt://127.0.0.1:${r.port}`, clientId: "proc-b", maxQueue: 3, log: (m) => logs.push(m), backoff: { initialMs: 20, maxMs: 100 } });
    cleanups.push(() => pub.close());
    pub.attach(bus);
    const got: ReceivedEvent[] = [];
    const notices: PublisherNotice[] = [];
    let sub = await subscribeEvents(url, "twin", (e) => got.push(e), { onNotice: (n) => notices.push(n) });
    const before = [0, 1].map((k) => bus.publish(change(k)));
    await until(() => got.length === 2 && pub.stats().published === 2, "2 events before the outage");

    r.open = false;
    await sub.close();
    await broker.stop();
    await until(() => !pub.stats().connected, "the publisher to see the broker gone");
    expect(logs.some((m) => m.includes("connection lost"))).toBe(true);
    const during = [2, 3, 4, 5, 6, 7, 8, 9].map((k) => bus.publish(change(k)));
    expect(pub.stats()).toEqual({ published: 2, dropped: 5, queued: 3, connected: false });

    broker = new EmbeddedBroker({ port });
    await broker.start();
    sub = await subscribeEvents(url, "twin", (e) => got.push(e), { onNotice: (n) => notices.push(n) });
    cleanups.push(() => sub.close());
    r.open = true;
    await until(() => got.length === 5 && notices.length === 1, "the queued events and the notice", () => ({ got: got.length, notices, stats: pub.stats() }));
    expect(logs.some((m) => m.includes("reconnected"))).toBe(true);
    expect(notices).toEqual([{ type: "notice", dropped: 5, total: 5, origin: "proc-b" }]);
    // the oldest were dropped: the newest 3 arrive, in order
    expect(got.map((e) => e.id)).toEqual([...before, ...during.slice(-3)].map((e) => e.id));
    await until(() => pub.stats().published === 5, "the acknowledgements");
    expect(pub.stats()).toEqual({ published: 5, dropped: 5, queued: 0, connected: true });
    const after = bus.publish(change(10));
    await until(() => got.length === 6, "a live event after the reconnection");
    expect(got[5]).toEqual({ ...after, origin: "proc-b" });
  });

  it("close() with the broker gone returns and counts what was left as dropped", async () => {
    const broker = new EmbeddedBroker();
    const url = await broker.start();
    const bus = new EventBus();
    const pub = await EventPublisher.open({ url, drainMs: 50 });
    pub.attach(bus);
    await broker.stop();
    await until(() => !pub.stats().connected, "disconnect");
    bus.publish(change(0));
    bus.publish(change(1));
    await pub.close();
    expect(pub.stats()).toEqual({ published: 0, dropped: 2, queued: 0, connected: false });
    // detached: later events are not taken
    bus.publish(change(2));
    expect(pub.stats().dropped).toBe(2);
  });
});

describe("rules", () => {
  const hot: EventRuleDef = { name: "bearing-hot", part: "Rotor/*", attribute: "Temperature", condition: "above", threshold: 80, hysteresis: 5 };
  const cold: EventRuleDef = { name: "oil-cold", part: "", attribute: "OilTemp", condition: "below", threshold: 10, hysteresis: 2 };

  it("raises above the threshold, clears only past the dead band, per matching part", () => {
    const eng = new RuleEngine("rig", [hot, cold]);
    const on = (part: string, v: number | string | boolean, t: number, attribute = "Temperature") => eng.onChange({ part, attribute, newValue: v, timeMs: t }).map((e) => e.type === "rule" ? `${e.part}:${e.state}@${e.value}` : "?");
    expect(on("Rotor/Bearing1", 80, 1)).toEqual([]);
    expect(on("Rotor/Bearing1", 81, 2)).toEqual(["Rotor/Bearing1:raised@81"]);
    expect(on("Rotor/Bearing1", 90, 3)).toEqual([]);
    // inside the dead band: still raised
    expect(on("Rotor/Bearing1", 76, 4)).toEqual([]);
    expect(on("Rotor/Bearing2", 85, 5)).toEqual(["Rotor/Bearing2:raised@85"]);
    // not matched: another depth, another attribute, not a number
    expect(on("Rotor", 99, 6)).toEqual([]);
    expect(on("Rotor/Bearing1/Sensor", 99, 6)).toEqual([]);
    expect(on("Rotor/Bearing3", 99, 6, "Speed")).toEqual([]);
    expect(on("Rotor/Bearing3", "99", 6)).toEqual([]);
    expect(on("Rotor/Bearing3", true, 6)).toEqual([]);
    expect(eng.active()).toEqual([{ rule: "bearing-hot", part: "Rotor/Bearing1", since: 2 }, { rule: "bearing-hot", part: "Rotor/Bearing2", since: 5 }]);
    expect(on("Rotor/Bearing1", 75, 7)).toEqual(["Rotor/Bearing1:cleared@75"]);
    expect(on("Rotor/Bearing1", 81, 8)).toEqual(["Rotor/Bearing1:raised@81"]);
    expect(eng.active().map((a) => [a.part, a.since])).toEqual([["Rotor/Bearing2", 5], ["Rotor/Bearing1", 8]]);

    // below, on the device root
    expect(on("", 9.5, 9, "OilTemp")).toEqual([":raised@9.5"]);
    expect(on("", 11.9, 10, "OilTemp")).toEqual([]);
    expect(on("", 12, 11, "OilTemp")).toEqual([":cleared@12"]);
    const full = eng.onChange({ part: "", attribute: "OilTemp", newValue: 3, timeMs: 12 });
    expect(full).toEqual([{ type: "rule", twin: "rig", part: "", rule: "oil-cold", attribute: "OilTemp", value: 3, threshold: 10, condition: "below", state: "raised", timeMs: 12 }]);
  });

  it("part patterns: * and ? match within one segment, never across segments", () => {
    expect(partMatches("Acc_*", "Acc_B0_x")).toBe(true);
    expect(partMatches("Acc_*", "Motor")).toBe(false);
    expect(partMatches("*/TorqueSensor", "Valve2/TorqueSensor")).toBe(true);
    expect(partMatches("*", "Valve2/TorqueSensor")).toBe(false);
    expect(partMatches("Valve?", "Valve12")).toBe(false);
    expect(partMatches("Valve?", "Valve1")).toBe(true);
    expect(partMatches("", "")).toBe(true);
    expect(partMatches("*", "")).toBe(false);
  });

  it("checkRules: CAEX text numbers, a missing hysteresis as none, and located errors", () => {
    expect(checkRules([{ name: "r", part: "A/*", attribute: "T", condition: "above", threshold: "1.5e2", hysteresis: " 2 " }, { name: "s", part: "", attribute: "T", condition: "below", threshold: -3 }], "Events")).toEqual([
      { name: "r", part: "A/*", attribute: "T", condition: "above", threshold: 150, hysteresis: 2 },
      { name: "s", part: "", attribute: "T", condition: "below", threshold: -3, hysteresis: 0 },
    ]);
    const bad = (def: unknown): RuleError => {
      try {
        checkRules([{ name: "ok", part: "", attribute: "T", condition: "above", threshold: 1 }, def], "rig.aml Events");
      } catch (e) {
        if (e instanceof RuleError) return e;
        throw e;
      }
      throw new Error("accepted");
    };
    const base = { name: "r2", part: "A", attribute: "T", condition: "above", threshold: 1, hysteresis: 0 };
    expect(bad({ ...base, hysteresis: -1 }).message).toBe('rig.aml Events[1]: rule "r2": hysteresis: expected a finite number >= 0, got -1');
    expect(bad({ ...base, threshold: "hot" })).toMatchObject({ rule: "r2", field: "threshold" });
    expect(bad({ ...base, threshold: Number.NaN }).field).toBe("threshold");
    expect(bad({ ...base, condition: "over" }).message).toMatch(/condition: expected "above" or "below", got "over"/);
    expect(bad({ ...base, part: "A//B" }).field).toBe("part");
    expect(bad({ ...base, attribute: "" }).field).toBe("attribute");
    expect(bad({ ...base, name: "ok" }).message).toMatch(/rule "ok": name: defined twice/);
    expect(bad({ ...base, name: undefined })).toMatchObject({ rule: undefined, field: "name" });
    expect(bad({ ...base, extra: 1 }).message).toMatch(/extra: unknown field/);
    expect(bad("r2").message).toBe("rig.aml Events[1]: rule: definition: expected an object with name, part, attribute, condition, threshold, hysteresis");
    expect(() => new RuleEngine("rig", [{ ...hot, hysteresis: -2 }])).toThrow(RuleError);
  });
});
