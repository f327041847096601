// UDP source: one datagram = one frame (docs/frame.md), through node:dgram. Every datagram is
// decoded and classified by a StreamTracker; delivered frames and quality events go to the
// caller's handlers. A malformed or oversized datagram is counted and reported, never thrown.
// UDP has no connection, so there is nothing to reconnect: a silent sender shows up as a gap
// when it resumes (sequence numbers) and as a clock jump if its sample clock moved on.
import { createSocket, type Socket } from "node:dgram";
import { isIP } from "node:net";
import { dispatch, InputDecoder, type InputUnit } from "./decode.js";
import type { Frame, FrameLimits } from "./frame.js";
import type { Decision, QualityEvent, StreamQuality, StreamTracker, TrackerOptions } from "./tracker.js";

export interface UdpEndpoint {
  host: string;
  port: number;
}

/** Largest UDP payload over IPv4 (65535 − 20 IP − 8 UDP): the default datagram ceiling. */
export const MAX_UDP_PAYLOAD = 65507;

/** Parses `udp://host:port` (IPv4, `[IPv6]` or a name; port 0 = any free port when binding). */
export function parseUdpUrl(url: string): UdpEndpoint {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`${url}: not a URL, expected udp://host:port`);
  }
  if (u.protocol !== "udp:") throw new Error(`${url}: scheme ${u.protocol.replace(/:$/, "")}, expected udp://host:port`);
  if (u.username !== "" || u.password !== "") throw new Error(`${url}: a UDP address takes no user or password`);
  if ((u.pathname !== "" && u.pathname !== "/") || u.search !== "" || u.hash !== "") throw new Error(`${url}: expected udp://host:port with nothing after the port`);
  if (u.hostname === "") throw new Error(`${url}: no host, expected udp://host:port`);
  if (u.port === "") throw new Error(`${url}: no port, expected udp://host:port`);
  const port = Number(u.port);
  const host = u.hostname.startsWith("[") ? u.hostname.slice(1, -1) : u.hostname;
  return { host, port };
}

export interface UdpSourceOptions extends TrackerOptions {
  /** Where to bind; default 127.0.0.1 and a free port (see address()). */
  host?: string;
  port?: number;
  limits?: FrameLimits;
  /** Requested kernel receive buffer (bytes): bursts beyond it are dropped by the kernel, as loss. */
  recvBufferSize?: number;
  onFrame?: (frame: Frame, decision: Decision) => void;
  onEvent?: (event: QualityEvent) => void;
  /** Every datagram as received, before decoding (session recording). */
  onInput?: (unit: InputUnit) => void;
  /** Socket errors after binding (rare for a receiving UDP socket); the source keeps listening. */
  onError?: (error: Error) => void;
}

export class UdpSource {
  readonly tracker: StreamTracker;
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    tracker: StreamTracker,
  ) {
    this.tracker = tracker;
  }

  /** Binds the socket; resolves once it listens. */
  static async open(options: UdpSourceOptions = {}): Promise<UdpSource> {
    const host = options.host ?? "127.0.0.1";
    const port = options.port ?? 0;
    const decoder = new InputDecoder(options);
    const type = isIP(host) === 6 ? "udp6" : "udp4";
    const socket = createSocket({ type, ...(options.recvBufferSize !== undefined ? { recvBufferSize: options.recvBufferSize } : {}) });
    const source = new UdpSource(socket, decoder.tracker);
    socket.on("message", (msg: Buffer) => {
      const unit: InputUnit = { kind: "message", bytes: new Uint8Array(msg.buffer, msg.byteOffset, msg.byteLength) };
      options.onInput?.(unit);
      dispatch(decoder.push(unit), options);
    });
    await new Promise<void>((resolve, reject) => {
      // a failed bind (address in use, no such interface) must not leave the socket's handle open
      const fail = (err: Error): void => {
        socket.close(() => reject(err));
      };
      socket.once("error", fail);
      socket.bind(port, host, () => {
        socket.off("error", fail);
        resolve();
      });
    });
    // after binding, a socket error goes to the caller instead of crashing the process
    socket.on("error", (err) => options.onError?.(err));
    return source;
  }

  address(): UdpEndpoint {
    const a = this.socket.address();
    return { host: a.address, port: a.port };
  }

  quality(): StreamQuality {
    return this.tracker.quality();
  }

  /** Stops receiving and releases the socket; safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}

/**
 * Sends datagrams (encoded frames or anything else) to `to`, in order, from an ephemeral socket.
 * Yields to the event loop every `burst` datagrams so a receiver in the same process keeps up.
 */
export async function sendFrames(to: UdpEndpoint | string, datagrams: Iterable<Uint8Array>, burst = 16): Promise<number> {
  const target = typeof to === "string" ? parseUdpUrl(to) : to;
  const socket = createSocket(isIP(target.host) === 6 ? "udp6" : "udp4");
  let sent = 0;
  try {
    for (const d of datagrams) {
      await new Promise<void>((resolve, reject) => socket.send(d, target.port, target.host, (err) => (err ? reject(err) : resolve())));
      sent++;
      if (sent % burst === 0) await new Promise<void>((r) => setImmediate(r));
    }
  } finally {
    await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
  return sent;
}
