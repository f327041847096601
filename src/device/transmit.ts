// Where the device stand-in sends its frames, one frame per datagram, message or write:
// `udp://host:port` (node:dgram), `mqtt://host:port/topic` (MqttSink of src/live/mqtt.ts: QoS 1,
// dropped while the broker is away) and `serial:/dev/tty…?baud=N` (serialport: the frames as a byte
// stream; the receiver resynchronises on the sync word). Like a device without storage, a transmitter
// that cannot deliver drops the frame and says so (send resolves false): the receiver sees a gap.
import { createSocket, type Socket } from "node:dgram";
import { isIP } from "node:net";
import { SerialPort } from "serialport";
import { MqttSink, parseMqttUrl } from "../live/mqtt.js";
import { parseUdpUrl } from "../live/udp.js";

export interface Transmitter {
  readonly url: string;
  readonly kind: "udp" | "mqtt" | "serial";
  /** true once the frame left (UDP, serial) or the broker acknowledged it (MQTT) */
  send(frame: Uint8Array): Promise<boolean>;
  close(): Promise<void>;
}

export interface SerialEndpoint {
  path: string;
  baudRate: number;
}

export const DEFAULT_BAUD = 115200;

/** `serial:/dev/ttyUSB0?baud=115200` (baud optional, default 115200). */
export function parseSerialUrl(url: string): SerialEndpoint {
  if (!url.startsWith("serial:")) throw new Error(`${url}: expected serial:/dev/tty…[?baud=N]`);
  const rest = url.slice("serial:".length);
  const q = rest.indexOf("?");
  const path = q < 0 ? rest : rest.slice(0, q);
  if (path === "" || !path.startsWith("/")) throw new Error(`${url}: expected an absolute device path, serial:/dev/tty…[?baud=N]`);
  let baudRate = DEFAULT_BAUD;
  if (q >= 0) {
    const params = new URLSearchParams(rest.slice(q + 1));
    for (const k of params.keys()) if (k !== "baud") throw new Error(`${url}: unknown parameter ${JSON.stringify(k)} (only baud)`);
    const b = params.get("baud");
    if (b !== null) {
      if (!/^\d+$/.test(b) || Number(b) < 1) throw new Error(`${url}: baud must be a positive integer, got ${JSON.stringify(b)}`);
      baudRate = Number(b);
    }
  }
  return { path, baudRate };
}

/** The transport a URL names, checked (throws Error with the reason). */
export function transportOf(url: string): Transmitter["kind"] {
  if (url.startsWith("udp://")) {
    parseUdpUrl(url);
    return "udp";
  }
  if (url.startsWith("mqtt://")) {
    const e = parseMqttUrl(url);
    if (e.topic === undefined) throw new Error(`${url}: no topic, expected mqtt://host:port/topic`);
    if (e.topic.includes("+") || e.topic.includes("#")) throw new Error(`${url}: a device publishes to one topic, without wildcards`);
    return "mqtt";
  }
  if (url.startsWith("serial:")) {
    parseSerialUrl(url);
    return "serial";
  }
  throw new Error(`${url}: expected udp://host:port, mqtt://host:port/topic or serial:/dev/tty…[?baud=N]`);
}

class UdpTransmitter implements Transmitter {
  readonly kind = "udp";
  constructor(
    readonly url: string,
    private readonly socket: Socket,
    private readonly host: string,
    private readonly port: number,
  ) {}

  send(frame: Uint8Array): Promise<boolean> {
    return new Promise((resolve) => this.socket.send(frame, this.port, this.host, (err) => resolve(err === null || err === undefined)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

class MqttTransmitter implements Transmitter {
  readonly kind = "mqtt";
  constructor(
    readonly url: string,
    private readonly sink: MqttSink,
  ) {}

  send(frame: Uint8Array): Promise<boolean> {
    return this.sink.publish(frame);
  }

  close(): Promise<void> {
    return this.sink.close();
  }
}

/** A serial port; after a write error (the adapter unplugged) it reopens at most every reopenMs. */
class SerialTransmitter implements Transmitter {
  readonly kind = "serial";
  private port: SerialPort | null;
  private lastTry = 0;

  constructor(
    readonly url: string,
    private readonly endpoint: SerialEndpoint,
    port: SerialPort,
    private readonly reopenMs: number,
  ) {
    this.port = port;
  }

  static open(endpoint: SerialEndpoint): Promise<SerialPort> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: endpoint.path, baudRate: endpoint.baudRate, autoOpen: false });
      // an unplugged adapter shows as a failed write and a closed port; the event must not crash us
      port.on("error", () => {});
      port.open((err) => (err ? reject(new Error(`${endpoint.path}: cannot open: ${err.message}`)) : resolve(port)));
    });
  }

  async send(frame: Uint8Array): Promise<boolean> {
    if (this.port === null || !this.port.isOpen) {
      const now = Date.now();
      if (now - this.lastTry < this.reopenMs) return false;
      this.lastTry = now;
      try {
        this.port = await SerialTransmitter.open(this.endpoint);
      } catch {
        this.port = null;
        return false;
      }
    }
    const port = this.port;
    return new Promise((resolve) => {
      port.write(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength), (err) => {
        if (err) {
          this.port = null;
          resolve(false);
          return;
        }
        port.drain((e) => resolve(e === null || e === undefined));
      });
    });
  }

  close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (port === null || !port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }
}

/** Opens the transport a URL names (throws Error naming the URL when it cannot). */
export async function openTransmitter(url: string, options: { reopenMs?: number } = {}): Promise<Transmitter> {
  const kind = transportOf(url);
  if (kind === "udp") {
    const e = parseUdpUrl(url);
    if (e.port === 0) throw new Error(`${url}: port 0, expected the receiver's port`);
    return new UdpTransmitter(url, createSocket(isIP(e.host) === 6 ? "udp6" : "udp4"), e.host, e.port);
  }
  if (kind === "mqtt") return new MqttTransmitter(url, await MqttSink.open(url));
  const e = parseSerialUrl(url);
  return new SerialTransmitter(url, e, await SerialTransmitter.open(e), options.reopenMs ?? 500);
}
