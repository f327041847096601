// The embedded MQTT broker: aedes (in memory, no persistence) on a node:net server. The runner
// starts it in-process by default so that a device needs nothing but an address; `twin broker`
// runs the same thing on its own. Any external broker (mosquitto, …) works the same by URL.
import { createServer, type Server, type Socket } from "node:net";
import { Aedes } from "aedes";

export interface BrokerOptions {
  /** Interface to listen on; default 127.0.0.1 (loopback only: the broker has no authentication). */
  host?: string;
  /** TCP port; 0 (default) = a free ephemeral port, see url(). */
  port?: number;
}

export class EmbeddedBroker {
  private aedes: Aedes | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private address: { host: string; port: number } | undefined;

  constructor(private readonly options: BrokerOptions = {}) {}

  /** Starts listening; resolves with the broker's `mqtt://host:port` URL. */
  async start(): Promise<string> {
    if (this.server !== undefined) throw new Error("broker already started");
    const host = this.options.host ?? "127.0.0.1";
    const port = this.options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port ${port}: an integer in 0..65535`);
    const aedes = await Aedes.createBroker();
    // a client that misbehaves (bad packet, reset connection) is aedes's to drop, not ours to crash on
    aedes.on("clientError", () => {});
    aedes.on("connectionError", () => {});
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
      aedes.handle(socket);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
    } catch (e) {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      throw e;
    }
    const a = server.address();
    if (a === null || typeof a === "string") throw new Error("broker: the server has no TCP address");
    this.aedes = aedes;
    this.server = server;
    this.address = { host, port: a.port };
    return this.url();
  }

  url(): string {
    if (this.address === undefined) throw new Error("broker not started");
    const h = this.address.host.includes(":") ? `[${this.address.host}]` : this.address.host;
    return `mqtt://${h}:${this.address.port}`;
  }

  port(): number {
    if (this.address === undefined) throw new Error("broker not started");
    return this.address.port;
  }

  /** Disconnects every client and closes the server and aedes; safe to call twice. */
  async stop(): Promise<void> {
    const server = this.server;
    const aedes = this.aedes;
    this.server = undefined;
    this.aedes = undefined;
    if (server === undefined || aedes === undefined) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    // server.close() waits for open connections: end any aedes did not (half-open, never sent CONNECT)
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
