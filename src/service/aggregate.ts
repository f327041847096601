// Aggregated twins (MISSION.md "Twin architecture": an aggregated twin forwards requests to its child
// twins, transparently). A request for a part the aggregated twin's AML hands to a child twin goes to
// that child — another `twin serve` over HTTP, or a twin of the same process — with the caller's
// credentials and conditional headers; the answer comes back with the child's part paths put under the
// aggregated twin's (Valve1's "TorqueSensor" is the refinery's "Valve1/TorqueSensor"), so a client sees
// the same responses as from a centralised twin. A child that does not answer in time gives 504, one
// that cannot be reached 502, both naming the child.
import { Agent as HttpAgent, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Problem } from "./problem.js";

export interface ForwardRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** path below the child's /api/<Device>, "" for its root (already percent-encoded segments) */
  path: string;
  /** the query string without "?" */
  query: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ForwardResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** How a child twin is reached. */
export interface ChildTransport {
  readonly describe: string;
  send(device: string, r: ForwardRequest, timeoutMs: number): Promise<ForwardResponse>;
}

/** Headers passed on to a child and back from it. */
const REQUEST_HEADERS = ["authorization", "if-match", "if-none-match", "content-type", "accept", "last-event-id"];
const RESPONSE_HEADERS = ["content-type", "etag", "retry-after", "www-authenticate", "cache-control"];

export function forwardedHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of REQUEST_HEADERS) {
    const v = h[k];
    if (typeof v === "string") out[k] = v;
  }
  return out;
}

/** A child served by another process, by URL (http://host:port), over kept-alive connections. */
export class HttpChild implements ChildTransport {
  private readonly agent: HttpAgent | HttpsAgent;
  private readonly request: typeof httpRequest;

  constructor(
    readonly name: string,
    private readonly base: URL,
  ) {
    if (base.protocol !== "http:" && base.protocol !== "https:") throw new Error(`child ${name}: ${base.href} is not an http(s) URL`);
    // keep-alive: a forwarded request reuses a connection instead of a TCP handshake per request
    this.agent = base.protocol === "https:" ? new HttpsAgent({ keepAlive: true, maxSockets: 64 }) : new HttpAgent({ keepAlive: true, maxSockets: 64 });
    this.request = base.protocol === "https:" ? httpsRequest : httpRequest;
  }

  get describe(): string {
    return `${this.name} at ${this.base.origin}`;
  }

  send(device: string, r: ForwardRequest, timeoutMs: number): Promise<ForwardResponse> {
    const url = new URL(`/api/${encodeURIComponent(device)}${r.path === "" ? "" : `/${r.path}`}${r.query === "" ? "" : `?${r.query}`}`, this.base);
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (p: Problem): void => {
        if (settled) return;
        settled = true;
        req.destroy();
        reject(p);
      };
      const req = this.request(url, { method: r.method, headers: r.body !== undefined ? { ...r.headers, "content-length": String(Buffer.byteLength(r.body)) } : r.headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.once("error", (e) => fail(Problem.badGateway(`child twin ${this.describe} broke off its answer: ${e.message}`, this.name)));
        res.once("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const headers: Record<string, string> = {};
          for (const k of RESPONSE_HEADERS) {
            const v = res.headers[k];
            if (typeof v === "string") headers[k] = v;
          }
          resolve({ status: res.statusCode ?? 502, headers, body: Buffer.concat(chunks).toString("utf8") });
        });
      });
      const timer = setTimeout(() => fail(Problem.gatewayTimeout(`child twin ${this.describe} did not answer within ${timeoutMs} ms`, this.name)), timeoutMs);
      req.once("error", (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        fail(Problem.badGateway(`child twin ${this.describe} cannot be reached: ${e.code ?? e.message}`, this.name));
      });
      req.end(r.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Puts a child's part paths under `prefix` in a JSON answer (parts, attributes, history, search hits). */
export function rewritePaths(json: unknown, prefix: string): unknown {
  const put = (p: unknown): unknown => (typeof p === "string" ? (p === "" ? prefix : `${prefix}/${p}`) : p);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== "object") return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) {
      if ((k === "path" || k === "part") && typeof x === "string") out[k] = put(x);
      else if (k === "attributes" || k === "value" || k === "oldValue" || k === "newValue") out[k] = x; // data, never paths
      else out[k] = walk(x);
    }
    return out;
  };
  return walk(json);
}
