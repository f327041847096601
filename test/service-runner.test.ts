// twin serve models/aml/test-rig.aml --run models/live/test-rig.json with a simulated device streaming
// over UDP (twin device simulate, at the real rate): the hybrid runner's outputs reach the attributes
// the twin's Communication element binds — virtual sensors (mid-span and disc RMS), measured RMS,
// speed, operating state — once per window, and their history grows; the runner is stopped and started
// by the twin's methods.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freeUdpPort } from "./helpers/hmi-rig.js";
import { afterAll, describe, expect, it } from "vitest";
import { call, ROOT, type ServeProcess, startServe, until } from "./helpers/service.js";
import { execFileSync } from "node:child_process";

const dir = mkdtempSync(join(tmpdir(), "twin-serve-run-"));
let serve: ServeProcess | undefined;

afterAll(async () => {
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function simulate(url: string, seconds: number): Promise<number | null> {
  const child = spawn(process.execPath, [
    join(ROOT, "bin", "twin.js"), "device", "simulate", join(ROOT, "models", "test-rig.json"), "--to", url, "--fs", "4000", "--rpm", "1200", "--noise", "0.0005",
    "--adc", "16", "--full-scale", "1", "--tach", "--frame-samples", "200", "--pre-roll", "1", "--duration", String(seconds), "--seed", "7",
  ], { stdio: "ignore" });
  return new Promise((r) => child.once("exit", (code) => r(code)));
}

describe("the hybrid runner feeds the twin", () => {
  it("virtual-sensor attributes and their history change while a simulated device streams", async () => {
    const udp = `udp://127.0.0.1:${await freeUdpPort()}`;
    serve = await startServe([join(ROOT, "models", "aml", "test-rig.aml"), "--run", join(ROOT, "models", "live", "test-rig.json"), "--source", udp, "--port", "0", "--data", dir]);
    const token = execFileSync(process.execPath, [join(ROOT, "bin", "twin.js"), "serve", "token", "--subject", "user:erin", "--role", "engineer", "--data", dir], { encoding: "utf8" }).trim();
    const get = async (p: string): Promise<unknown> => (await call(`${serve!.url}/api/TestRig${p}`, { token })).body;
    expect(((await get("/Shaft?Attribute=MidSpanRmsX")) as { value: number }).value).toBe(0);
    const sim = simulate(udp, 6);
    const mid = await until(async () => {
      const h = (await get("/Shaft?Attribute=MidSpanRmsX&History=50")) as { history: { newValue: number; source: string; subject: string }[] };
      return h.history.length >= 3 ? h.history : undefined;
    }, 30_000, "three windows of the mid-span virtual sensor");
    expect(await sim).toBe(0);
    // per-window values from the runner, not raw samples: a displacement RMS of a few micrometres
    for (const r of mid) {
      expect(r.source).toBe("runner");
      expect(r.subject).toBe("runner");
      expect(r.newValue).toBeGreaterThan(1e-8);
      expect(r.newValue).toBeLessThan(1e-3);
    }
    const disc = (await get("/Disc0?Attribute=VibrationRmsX")) as { value: number };
    expect(disc.value).toBeGreaterThan(0);
    const speed = (await get("/Motor?Attribute=Speed")) as { value: number };
    expect(speed.value).toBeGreaterThan(1150);
    expect(speed.value).toBeLessThan(1250);
    const acc = (await get("/Acc_B0_x?Attribute=Rms")) as { value: number };
    expect(acc.value).toBeGreaterThan(0);
    // the recogniser's confidence (its winning output) is stored whatever its size
    expect(((await get("?Attribute=StateConfidence")) as { value: number }).value).not.toBe(0);
    const state = (await get("?Attribute=OperatingState")) as { value: string };
    expect(["normal", "unbalance", "novel"]).toContain(state.value);
    // the history holds one record per window and bound attribute, nothing at the sample rate
    const all = (await get("/_history?limit=10000")) as { records: unknown[] };
    expect(all.records.length).toBeLessThan(20 * 16);
  }, 90_000);

  it("the twin's methods stop and start the runner", async () => {
    const token = execFileSync(process.execPath, [join(ROOT, "bin", "twin.js"), "serve", "token", "--subject", "user:erin", "--role", "engineer", "--data", dir], { encoding: "utf8" }).trim();
    const stop = await call(`${serve!.url}/api/TestRig/_methods/stopVirtualSensing`, { token, body: {} });
    expect(stop.status).toBe(200);
    const again = await call(`${serve!.url}/api/TestRig/_methods/stopVirtualSensing`, { token, body: {} });
    expect(again.status).toBe(409);
    const start = await call(`${serve!.url}/api/TestRig/_methods/startVirtualSensing`, { token, body: {} });
    expect(start.status).toBe(200);
  }, 30_000);
});
