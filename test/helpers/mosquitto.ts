// Debian's mosquitto for the MQTT tests (test/live-mqtt.test.ts, test/runner-sinks.test.ts): a
// throwaway broker on a loopback port with its own configuration file, started until its port takes
// connections, and a stop that waits for the process to exit.
import { type ChildProcess, spawn } from "node:child_process";
import { createConnection } from "node:net";
import { tool } from "./engines.js";

/** True when a TCP connection to 127.0.0.1:port succeeds. */
export async function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ host: "127.0.0.1", port });
    c.once("connect", () => {
      c.destroy();
      resolve(true);
    });
    c.once("error", () => resolve(false));
  });
}

/** mosquitto -c conf, resolved once it listens on `port` (15 s at most, else it is killed and the test fails with its stderr). */
export async function startMosquitto(conf: string, port: number): Promise<ChildProcess> {
  const child = spawn(tool("mosquitto"), ["-c", conf], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  let exited = false;
  child.once("exit", () => (exited = true));
  const end = Date.now() + 15_000;
  while (!(await portOpen(port))) {
    if (exited || Date.now() > end) {
      child.kill("SIGKILL");
      throw new Error(`mosquitto did not start on port ${port}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

/** Sends `signal` and waits for the process to exit (at once if it already has). */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill(signal);
  await gone;
}
