// The streaming rig the HMI is shown with (test/hmi-browser.test.ts, bench/hmi.js): `twin serve` of
// models/aml/test-rig.aml running the hybrid runner on a UDP source, fed by `twin device simulate`
// with the unbalance step of `twin demo` (src/demo/live.ts), and a policy with an operator (who may
// acknowledge and shelve alarms) and a read-only viewer.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, ROOT, type ServeProcess, startServe } from "./service.js";

export const DEVICE = "TestRig";
/** the simulator's timeline (as `twin demo`): 4 s from rest unsent, 3e-4 kg m added to disc 1 at 10.25 s */
export const PRE_ROLL = 4;
export const STEP_AT = 10.25;

export async function freeUdpPort(): Promise<number> {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", r));
  const p = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

/**
 * The rig's runner configuration (models/live/test-rig.json) with the charts learning from 5 s
 * (skip 2, learn 10 windows, as `twin demo` does: the configuration itself learns from 50 s).
 */
export function runnerConfig(dir: string): string {
  const live = join(ROOT, "models", "live");
  const base = JSON.parse(readFileSync(join(live, "test-rig.json"), "utf8")) as {
    model: string; recogniser: { model: string }; monitors: Record<string, unknown>[];
  };
  const config = {
    ...base,
    model: join(live, base.model),
    recogniser: { ...base.recogniser, model: join(live, base.recogniser.model) },
    monitors: base.monitors.map((m) => ({ ...m, skip: 2, learn: 10 })),
    sinks: [],
    recording: { dir: join(dir, "session"), checkpointSeconds: 5 },
  };
  const path = join(dir, "runner.json");
  writeFileSync(path, JSON.stringify(config, null, 1));
  return path;
}

/** The rig's signal names (models/live/test-rig.json): measured sensors and virtual sensors. */
export function rigSignals(): { sensors: string[]; virtual: string[] } {
  const c = JSON.parse(readFileSync(join(ROOT, "models", "live", "test-rig.json"), "utf8")) as { sensors: { name: string }[]; virtualSensors: { name: string }[] };
  return { sensors: c.sensors.map((x) => x.name), virtual: c.virtualSensors.map((x) => x.name) };
}

/** Operators read the twin and change its alarms; viewers only read (docs/policies.md). */
export function policyFile(dir: string): string {
  const read = { grant: ["READ"], revoke: [] };
  const reads = { [`twin:/${DEVICE}`]: read, [`history:/${DEVICE}`]: read, [`event:/${DEVICE}`]: read };
  const policy = {
    format: "twin-policy",
    version: 1,
    entries: {
      operators: { subjects: ["role:operator"], resources: { ...reads, [`alarm:/${DEVICE}`]: { grant: ["READ", "WRITE"], revoke: [] } } },
      viewers: { subjects: ["role:viewer"], resources: { ...reads, [`alarm:/${DEVICE}`]: read } },
    },
  };
  const path = join(dir, "policy.json");
  writeFileSync(path, JSON.stringify(policy, null, 1));
  return path;
}

/** A token of the service whose data directory is `dir` (`twin serve token`). */
export function token(dir: string, subject: string, role: string): string {
  return execFileSync(process.execPath, [BIN, "serve", "token", "--subject", subject, "--role", role, "--data", dir], { encoding: "utf8" }).trim();
}

/** `twin serve` of the test rig with the runner listening on `udp`, the policy above, data in `dir`. */
export function serveRig(dir: string, udp: string): Promise<ServeProcess> {
  return startServe([join(ROOT, "models", "aml", "test-rig.aml"), "--run", runnerConfig(dir), "--source", udp, "--policy", policyFile(dir), "--port", "0", "--data", dir]);
}

/** The simulated rig at 1200 rpm streaming over UDP at its real rate for `seconds`, the unbalance step at STEP_AT. */
export function simulateRig(udp: string, seconds: number): ChildProcess {
  return spawn(process.execPath, [
    BIN, "device", "simulate", join(ROOT, "models", "test-rig.json"), "--to", udp, "--fs", "4000", "--rpm", "1200", "--noise", "0.0005",
    "--adc", "16", "--full-scale", "1", "--tach", "--frame-samples", "200", "--pre-roll", String(PRE_ROLL), "--unbalance", "4:1e-4:0",
    "--at", `${STEP_AT}:unbalance:4:3e-4:0`, "--duration", String(seconds), "--seed", "21",
  ], { stdio: "ignore" });
}
