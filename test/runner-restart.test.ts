// kill -9 during a run, then `twin run --resume`: the runner restores the core from its last
// checkpoint, runs the units recorded after it through the core again, reports the interval lost
// while nothing listened, and goes on; the whole session still replays through the core (one job) to
// the same output bytes as the two processes wrote, so the restart changed no bit.
import { spawn, type ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Core } from "../src/core/core.js";
import { f64Bytes, runJob } from "../src/core/job.js";
import { readSessionInput, sessionJobRequest } from "../src/runner/replay.js";
import { rigConfigDoc, rigFrame, rigRecording, ROOT } from "./helpers/rig-run.js";

const core = Core.default();
const rec = rigRecording(3, core);
const PER = 50;
const FRAMES = rec.n / PER;
const tmp = mkdtempSync(join(tmpdir(), "twin-restart-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

function twinRun(args: string[]): { child: ChildProcess; out: () => string } {
  const child = spawn(process.execPath, [join(ROOT, "bin", "twin.js"), "run", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  return { child, out: () => out };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe("restart after kill -9", () => {
  it("resumes from the last checkpoint, reports the lost interval, and the session still reruns bit for bit", async () => {
    const port = await freePort();
    const session = join(tmp, "session");
    const cfgFile = join(tmp, "rig.json");
    writeFileSync(
      cfgFile,
      JSON.stringify(
        rigConfigDoc(rec, {
          source: { url: `udp://127.0.0.1:${port}`, channels: rec.m },
          windows: { length: 200, hop: 100, bands: 4, orders: 2 },
          monitors: [{ name: "mid", feature: "dx_5_1x", chart: "imr", learn: 5 }],
          recording: { dir: session, checkpointSeconds: 0.2 },
        }),
      ),
    );
    const sock = createSocket("udp4");
    const send = (seq: number): Promise<void> => new Promise((r, j) => sock.send(rigFrame(rec, seq, PER), port, "127.0.0.1", (e) => (e ? j(e) : r())));

    // first process: frames until a checkpoint exists and some more, then kill -9
    const first = twinRun([cfgFile, "--json"]);
    await until(() => first.out().length > 0 || existsSync(join(session, "input.twrec")), "the runner to start");
    await sleep(300);
    let seq = 0;
    for (; seq < 40; seq++) {
      await send(seq);
      await sleep(5);
    }
    await until(() => existsSync(join(session, "checkpoint.json")), "a checkpoint");
    for (; seq < 50; seq++) await send(seq);
    // the recording reaches the disk every 100 ms: wait for it, then kill
    await sleep(400);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const killedAt = JSON.parse(readFileSync(join(session, "checkpoint.json"), "utf8")) as { units: number };
    expect(killedAt.units).toBeGreaterThan(0);

    // frames sent while nothing listens are lost
    for (; seq < 60; seq++) await send(seq);

    // the second process resumes and receives the rest
    const second = twinRun([cfgFile, "--json", "--resume"]);
    await until(() => second.out().includes('"event":"resumed"'), "the resumed record");
    for (; seq < FRAMES; seq++) {
      await send(seq);
      await sleep(5);
    }
    await sleep(500);
    second.child.kill("SIGTERM");
    const code = await new Promise<number | null>((r) => second.child.once("exit", r));
    sock.close();
    expect(code, second.out()).toBe(0);
    const lines = second.out().trim().split("\n");
    const summary = JSON.parse(lines[lines.length - 1]!) as { type: string; resumedFrom: { units: number; lostSeconds: number }; lost: number; processed: number };
    expect(summary.type).toBe("summary");
    expect(summary.resumedFrom.units).toBe(killedAt.units);
    expect(summary.resumedFrom.lostSeconds).toBeGreaterThan(0);
    // frames 50 … 59 never reached a runner: the tracker reports them in a gap (on a loaded machine the
    // gap may start earlier: frames the first process received but had not yet recorded when killed)
    const gaps = lines.flatMap((l) => {
      const r = JSON.parse(l) as { type: string; event?: { kind?: string; from?: number; to?: number; lostFrames?: number } };
      return r.type === "quality" && r.event?.kind === "gap" ? [r.event as { from: number; to: number; lostFrames: number }] : [];
    });
    expect(gaps.some((g) => g.from <= 50 && g.from >= 40 && g.to >= 59), JSON.stringify(gaps)).toBe(true);

    // the session as one job: the same bytes the two processes wrote
    const input = readSessionInput(join(session, "session.json"), join(session, "request.f64"), join(session, "input.twrec"));
    const result = runJob(core, "jobRunnerSession", sessionJobRequest(input.request, input.blocks));
    expect(Buffer.from(f64Bytes(result)).equals(readFileSync(join(session, "outputs.f64")))).toBe(true);
    // every frame is in the session except those reported lost: 50 … 59, and on a loaded machine the
    // last of the burst before the kill (received, not yet on disk) or a datagram the kernel dropped
    expect(input.blocks.length).toBe(FRAMES - gaps.reduce((s, g) => s + g.lostFrames, 0));
  }, 90_000);
});
