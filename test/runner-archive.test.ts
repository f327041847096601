// `twin archive create --session DIR`: a recorded runner session becomes a run of the package that
// reruns bit for bit from the package alone; a session whose outputs do not match its replay, or
// that did not end, is refused with the reason.
import { spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Core } from "../src/core/core.js";
import { sendFrames } from "../src/live/udp.js";
import { HybridRunner } from "../src/runner/pipeline.js";
import { RIG, ROOT, rigConfig, rigFrame, rigRecording } from "./helpers/rig-run.js";

const core = Core.default();
const rec = rigRecording(1, core);
const PER = 50;
const tmp = mkdtempSync(join(tmpdir(), "twin-session-archive-"));
const session = join(tmp, "session");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const twin = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin", "twin.js"), ...args], { encoding: "utf8", maxBuffer: 1 << 26 });

beforeAll(async () => {
  const port = await freePort();
  const cfg = rigConfig(rec, { source: { url: `udp://127.0.0.1:${port}`, channels: rec.m }, windows: { length: 200, hop: 100, bands: 4, orders: 2 }, recording: { dir: session, checkpointSeconds: 0.2 } });
  const runner = await HybridRunner.start({ config: cfg, model: RIG, recogniser: null, core });
  const frames = Array.from({ length: rec.n / PER }, (_, s) => rigFrame(rec, s, PER));
  await sendFrames(`udp://127.0.0.1:${port}`, frames, 4);
  for (let i = 0; i < 200 && runner.counters.processed < frames.length; i++) await new Promise((r) => setTimeout(r, 10));
  await runner.stop();
}, 60_000);

describe("twin archive create --session", () => {
  it("archives the session as a run that reruns bit for bit on the engines", () => {
    const pkg = join(tmp, "pkg");
    const c = twin("archive", "create", "--session", session, "-o", pkg, "--json");
    expect(c.status, c.stderr).toBe(0);
    expect(JSON.parse(c.stdout).runs.map((r: { id: string }) => r.id)).toContain("session-session");
    const run = JSON.parse(readFileSync(join(pkg, "data", "runs", "session-session", "run.json"), "utf8"));
    expect(run.invocation.entry).toBe("jobRunnerSession");
    // the archived run's output is the live runner's outputs.f64, byte for byte
    expect(readFileSync(join(pkg, "data", "runs", "session-session", "outputs", "replayed.f64")).equals(readFileSync(join(session, "outputs.f64")))).toBe(true);
    const r = twin("archive", "rerun", pkg, "--engine", "node", "--engine", "node-baseline", "--run", "session-session", "--json");
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).engines.every((e: { matched: number; compared: number }) => e.compared === 1 && e.matched === 1)).toBe(true);
  }, 120_000);

  it("refuses a session whose outputs differ from its replay, and one that did not end", () => {
    const bad = join(tmp, "tampered");
    cpSync(session, bad, { recursive: true });
    const out = readFileSync(join(bad, "outputs.f64"));
    out[1000] ^= 1;
    writeFileSync(join(bad, "outputs.f64"), out);
    const r = twin("archive", "create", "--session", bad, "-o", join(tmp, "pkg-bad"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}: the replay differs from the live outputs at byte 1000 of outputs.f64`);
    const open = join(tmp, "unended");
    cpSync(session, open, { recursive: true });
    const info = JSON.parse(readFileSync(join(open, "session.json"), "utf8"));
    delete info.ended;
    writeFileSync(join(open, "session.json"), JSON.stringify(info));
    const u = twin("archive", "create", "--session", open, "-o", join(tmp, "pkg-open"));
    expect(u.status).toBe(2);
    expect(u.stderr).toContain("the session did not end normally");
  }, 120_000);
});
