// twin broker [--port N] [--host H]: the embedded MQTT broker (src/live/broker.ts) on its own, until
// SIGINT or SIGTERM. A thin porch over startBroker (machine-twin/live).
import { MQTT_PORT, startBroker } from "../live/index.js";
import { parseNumber } from "../index.js";
import { UsageError, parseCommandLine, str } from "./args.js";
import { type Command, helpRequested, nextStopSignal } from "./common.js";

export const brokerCommand: Command = {
  name: "broker",
  summary: "run the embedded MQTT broker (aedes) until SIGINT/SIGTERM",
  api: { module: "live", export: "startBroker" },
  usage: `Usage: twin broker [--port N] [--host H]

Runs the MQTT broker the live runner otherwise embeds in-process (aedes, in memory, no
authentication, no persistence) and prints its URL (mqtt://HOST:PORT) on standard output.
Devices publish one frame per message (docs/frame.md). Stops cleanly on SIGINT or SIGTERM.

Options:
  --port N    TCP port (default ${MQTT_PORT}; 0 = any free port, the URL printed says which)
  --host H    interface to listen on (default 127.0.0.1: loopback only)
  -h, --help  show this help
`,
  async run(argv, io) {
    const { values } = parseCommandLine(
      argv,
      { port: { type: "string" }, host: { type: "string" }, help: { type: "boolean", short: "h" } },
      { min: 0, max: 0, names: "" },
    );
    if (helpRequested(values, this, io)) return 0;
    const portText = str(values.port);
    const port = portText === undefined ? MQTT_PORT : parseNumber(portText, "--port", "integer");
    if (port > 65535) throw new UsageError(`--port: must be <= 65535: ${portText}`);
    const host = str(values.host) ?? "127.0.0.1";
    const broker = await startBroker({ host, port });
    io.out(`twin broker: listening on ${broker.url}\n`);
    const signal = await nextStopSignal();
    await broker.close();
    io.err(`twin broker: ${signal}, stopped\n`);
    return 0;
  },
};
