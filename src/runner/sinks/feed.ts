// The browser feed: an HTTP server on loopback serving the runner's records as Server-Sent Events
// (GET /events, WHATWG HTML "Server-sent events") and over a WebSocket (/ws, RFC 6455, the `ws`
// package). A client picks record types with ?types=estimates,alarm (default: all). Every client first
// gets a "hello" naming its types. Backpressure: when a client's unsent bytes exceed maxBufferBytes,
// its records are dropped and counted, and the next record it does get is preceded by a "notice" with
// the count — a slow browser costs bounded memory and knows what it missed. Only pages served from
// loopback may connect (Origin checked, CORS granted to them): the feed has no authentication.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { DropGate } from "../../service/events/stream.js";
import { isRecordType, RECORD_TYPES, type RecordType, type RunnerRecord } from "../records.js";
import { selectedTypes, type Sink, type SinkStats } from "./sink.js";

export interface FeedOptions {
  /** 127.0.0.1 (default), ::1 or localhost. */
  host?: string;
  /** 0 (default): a free port, see address(). */
  port?: number;
  /** Unsent bytes per client beyond which its records are dropped (default 1 MiB). */
  maxBufferBytes?: number;
  /** Record types the feed offers (default all). */
  types?: RecordType[];
}

/** Sent to a client before the first record it gets after drops. */
export interface FeedNotice {
  type: "notice";
  dropped: number;
  total: number;
}

interface Client {
  types: Set<RecordType>;
  /** Bytes accepted for sending but not yet handed to the kernel. */
  buffered(): number;
  send(type: string, json: string): void;
  end(): Promise<void>;
  /** Drops records while buffered() exceeds maxBufferBytes, then sends the FeedNotice. */
  gate: DropGate;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** True for no Origin (a non-browser client) or a page served from a loopback host. */
export function loopbackOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === "http:" || u.protocol === "https:") && LOOPBACK.has(u.hostname);
  } catch {
    return false;
  }
}

export class FeedSink implements Sink {
  name: string;
  private readonly clients = new Set<Client>();
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly offered: Set<RecordType>;
  private readonly maxBuffer: number;
  private readonly counts = { written: 0, dropped: 0, errors: 0, delivered: 0, connections: 0 };
  private where: { host: string; port: number } | undefined;

  private constructor(
    private readonly server: Server,
    options: FeedOptions,
  ) {
    this.offered = selectedTypes(options);
    this.maxBuffer = options.maxBufferBytes ?? 1 << 20;
    this.name = "feed";
  }

  static async open(options: FeedOptions = {}): Promise<FeedSink> {
    const host = options.host ?? "127.0.0.1";
    if (!LOOPBACK.has(host)) throw new RangeError(`feed host ${host}: loopback only (127.0.0.1, ::1, localhost)`);
    const server = createServer();
    const feed = new FeedSink(server, options);
    server.on("request", (req, res) => feed.request(req, res));
    server.on("upgrade", (req, socket, head) => feed.upgrade(req, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const a = server.address();
    if (a === null || typeof a === "string") throw new Error("feed: the server has no TCP address");
    feed.where = { host: a.address, port: a.port };
    feed.name = `feed ${feed.url()}`;
    return feed;
  }

  address(): { host: string; port: number } {
    if (this.where === undefined) throw new Error("feed not listening");
    return { ...this.where };
  }

  /** http://host:port */
  url(): string {
    const { host, port } = this.address();
    return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  }

  clientCount(): number {
    return this.clients.size;
  }

  write(r: RunnerRecord): void {
    if (!this.offered.has(r.type)) return;
    this.counts.written++;
    let json: string | undefined;
    for (const c of this.clients) {
      if (!c.types.has(r.type)) continue;
      json ??= JSON.stringify(r);
      if (c.gate.offer(r.type, json)) this.counts.delivered++;
      else this.counts.dropped++;
    }
  }

  stats(): SinkStats {
    return { ...this.counts, clients: this.clients.size };
  }

  /** Ends every client (SSE streams end, WebSockets close with 1001 "going away") and the server. */
  async close(): Promise<void> {
    const clients = [...this.clients];
    this.clients.clear();
    await Promise.all(clients.map((c) => c.end()));
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    this.wss.close();
  }

  /** The client's record types from ?types=, or an error text. */
  private parseTypes(req: IncomingMessage): Set<RecordType> | string {
    const q = new URL(req.url ?? "/", "http://localhost").searchParams.get("types");
    if (q === null || q === "") return new Set(this.offered);
    const out = new Set<RecordType>();
    for (const t of q.split(",")) {
      if (!isRecordType(t)) return `unknown record type ${JSON.stringify(t)} (expected ${RECORD_TYPES.join(", ")})`;
      if (!this.offered.has(t)) return `this feed does not offer ${t} (it offers ${[...this.offered].join(", ")})`;
      out.add(t);
    }
    return out;
  }

  private cors(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (!loopbackOrigin(origin)) {
      res.writeHead(403, { "content-type": "text/plain; charset=utf-8" }).end("the feed serves pages from loopback only\n");
      return false;
    }
    if (origin !== undefined) {
      res.setHeader("access-control-allow-origin", origin);
      res.setHeader("vary", "Origin");
    }
    return true;
  }

  private request(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (!this.cors(req, res)) return;
    if (req.method === "OPTIONS") {
      res.writeHead(204, { "access-control-allow-methods": "GET", "access-control-max-age": "600" }).end();
      return;
    }
    if (path !== "/events") {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("the feed serves GET /events (SSE) and /ws (WebSocket)\n");
      return;
    }
    if (req.method !== "GET") {
      res.writeHead(405, { allow: "GET", "content-type": "text/plain; charset=utf-8" }).end("GET only\n");
      return;
    }
    const types = this.parseTypes(req);
    if (typeof types === "string") {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end(types + "\n");
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
    const buffered = (): number => res.writableLength;
    // one event per record: "event: <type>" and the JSON on one data line (JSON has no raw newline)
    const send = (type: string, json: string): void => void res.write(`event: ${type}\ndata: ${json}\n\n`);
    const client: Client = {
      types, buffered, send,
      gate: new DropGate({ buffered, send }, this.maxBuffer),
      end: () => new Promise<void>((resolve) => {
        if (res.writableEnded) return resolve();
        res.end(resolve);
        // a client that stopped reading never lets end() finish
        res.socket?.destroySoon();
        setTimeout(() => {
          res.destroy();
          resolve();
        }, 1000).unref();
      }),
    };
    this.clients.add(client);
    this.counts.connections++;
    res.on("close", () => this.clients.delete(client));
    client.send("hello", JSON.stringify({ type: "hello", types: [...types] }));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const refuse = (code: number, text: string): void => {
      socket.end(`HTTP/1.1 ${code} ${text}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${text}\n`);
    };
    if (path !== "/ws") return refuse(404, "Not Found");
    if (!loopbackOrigin(req.headers.origin)) return refuse(403, "Forbidden");
    const types = this.parseTypes(req);
    if (typeof types === "string") return refuse(400, "Bad Request");
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const buffered = (): number => ws.bufferedAmount;
      const send = (_type: string, json: string): void => ws.send(json);
      const client: Client = {
        types, buffered, send,
        gate: new DropGate({ buffered, send }, this.maxBuffer),
        end: () => new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          ws.once("close", () => resolve());
          ws.close(1001, "feed closed");
          // a client that does not answer the closing handshake
          setTimeout(() => ws.terminate(), 1000).unref();
        }),
      };
      this.clients.add(client);
      this.counts.connections++;
      ws.on("close", () => this.clients.delete(client));
      ws.on("error", () => this.clients.delete(client));
      // incoming messages are not part of the feed's protocol: ignored
      ws.on("message", () => {});
      client.send("hello", JSON.stringify({ type: "hello", types: [...types] }));
    });
  }
}
