// `twin broker` as a library: the embedded MQTT broker (aedes, in memory) started and handed back
// with its URL and a close().
import { ArgumentError } from "../errors.js";
import { EmbeddedBroker } from "./broker.js";
import { MQTT_PORT } from "./mqtt.js";

/** Where the broker listens. */
export interface StartBrokerOptions {
  /** interface to listen on; default 127.0.0.1 (loopback only: the broker has no authentication) */
  host?: string;
  /** TCP port; default 1883 (MQTT_PORT); 0 = any free port (the handle's url says which) */
  port?: number;
}

/** A running broker. */
export interface BrokerHandle {
  /** `mqtt://HOST:PORT` */
  readonly url: string;
  readonly port: number;
  /** disconnects every client and stops listening; safe to call twice */
  close(): Promise<void>;
}

/**
 * Starts the embedded MQTT broker the live runner otherwise embeds in-process (`twin broker`):
 * devices publish one frame per message (docs/frame.md), runners subscribe.
 * @throws ArgumentError for a port outside 0..65535
 */
export async function startBroker(options: StartBrokerOptions = {}): Promise<BrokerHandle> {
  const port = options.port ?? MQTT_PORT;
  if (!Number.isInteger(port) || port < 0) throw new ArgumentError(`port: must be an integer in 0..65535: ${port}`, { path: "port" });
  if (port > 65535) throw new ArgumentError(`port: must be <= 65535: ${port}`, { path: "port" });
  const broker = new EmbeddedBroker({ host: options.host ?? "127.0.0.1", port });
  const url = await broker.start();
  return { url, port: broker.port(), close: () => broker.stop() };
}
