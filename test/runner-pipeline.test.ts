// The hybrid runner end to end over UDP (src/runner/pipeline.ts): frames of a simulated rig with a
// bad network's faults (loss, duplicates, reordering, garbage, a wrong CRC, NaN and over-range
// samples, a frame with too many channels); the runner keeps running, counts each fault, emits no
// estimate from a bad frame, records the session, and the session replays through the core as one
// job to the same output bytes.
import { createSocket } from "node:dgram";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Core } from "../src/core/core.js";
import { f64Bytes, resultDigest, runJob } from "../src/core/job.js";
import { encodeFrame } from "../src/live/frame.js";
import { sendFrames } from "../src/live/udp.js";
import { HybridRunner, type RunSummary } from "../src/runner/pipeline.js";
import type { RunnerRecord } from "../src/runner/records.js";
import { readNdjson } from "../src/runner/sinks/index.js";
import { fileSha256, readSessionInput, sessionJobRequest } from "../src/runner/replay.js";
import { impairedStream } from "./helpers/impaired-stream.js";
import { rng } from "./helpers/rng.js";
import { RIG, rigConfig, rigFrame, rigRecording } from "./helpers/rig-run.js";

const core = Core.default();
const rec = rigRecording(1, core);
const PER = 50;
const FRAMES = rec.n / PER;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function settle(runner: HybridRunner, expectProcessed: number, records: RunnerRecord[]): Promise<void> {
  for (let i = 0; i < 200 && runner.counters.processed < expectProcessed; i++) await new Promise((r) => setTimeout(r, 10));
  void records;
}

describe("the runner over UDP", () => {
  it("keeps running through a bad network, reports every fault, and its session replays bit for bit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "twin-runner-"));
    dirs.push(dir);
    const port = await freePort();
    const cfg = rigConfig(rec, {
      source: { url: `udp://127.0.0.1:${port}`, channels: rec.m, physicalRange: 10 },
      windows: { length: 200, hop: 100, bands: 4, orders: 2 },
      recording: { dir: join(dir, "session"), checkpointSeconds: 0.25 },
    });
    const records: RunnerRecord[] = [];
    const runner = await HybridRunner.start({ config: cfg, model: RIG, recogniser: null, onRecord: (r) => records.push(r), core });
    // a random bad network (seeded), plus one fault of each kind for certain: frame 5 lost, frame 9
    // after frame 10, frame 12 twice, garbage after frame 14
    const random = impairedStream(rng(11), FRAMES - 16, (seq) => rigFrame(rec, seq + 16, PER), { drop: 0.05, late: 0.1, garbage: 0.9, dup: 0.95 });
    const fixed: Uint8Array[] = [];
    for (let s = 0; s < 16; s++) {
      if (s === 5 || s === 9) continue;
      fixed.push(rigFrame(rec, s, PER));
      if (s === 10) fixed.push(rigFrame(rec, 9, PER));
      if (s === 12) fixed.push(rigFrame(rec, 12, PER));
      if (s === 14) fixed.push(Uint8Array.from({ length: 77 }, (_, i) => (i * 37) & 255));
    }
    const stream = {
      payloads: [...fixed, ...random.payloads],
      dropped: new Set([5, ...[...random.dropped].map((x) => x + 16)]),
      late: new Set([9, ...[...random.late].map((x) => x + 16)]),
      dups: 1 + random.dups,
      garbage: 1 + random.garbage,
    };
    // faults of their own: a wrong CRC, a NaN sample, an over-range sample, one channel too many
    const bad: Uint8Array[] = [];
    const crc = rigFrame(rec, 3, PER).slice();
    crc[40] ^= 0xff;
    bad.push(crc);
    const nanRaw = new Float32Array(PER * rec.m).fill(0.001);
    nanRaw[17] = NaN;
    const mk = (raw: Float32Array, channels: number, seq: number): Uint8Array =>
      encodeFrame({ format: "float32", channels, samplesPerChannel: PER, seq, t0: rec.run.preSamples + seq * PER, rateMilliHz: 2000000, scale: 1, raw });
    bad.push(mk(nanRaw, rec.m, FRAMES));
    const over = new Float32Array(PER * rec.m).fill(0.001);
    over[5] = 50;
    bad.push(mk(over, rec.m, FRAMES + 1));
    bad.push(mk(new Float32Array(PER * (rec.m + 1)), rec.m + 1, FRAMES + 2));
    await sendFrames(`udp://127.0.0.1:${port}`, [...stream.payloads, ...bad], 4);
    const delivered = FRAMES - stream.dropped.size - stream.late.size;
    await settle(runner, delivered, records);
    await new Promise((r) => setTimeout(r, 100));
    const summary: RunSummary = await runner.stop();

    expect(runner.error).toBeNull();
    expect(summary.processed).toBe(delivered);
    expect(summary.duplicated).toBe(stream.dups);
    expect(summary.reordered).toBe(stream.late.size);
    // a late frame's number counts as lost until it arrives, then not
    expect(summary.lost).toBe(stream.dropped.size);
    // garbage, the CRC error, NaN, over-range and the channel mismatch are rejected
    expect(summary.rejected).toBe(stream.garbage + 4);
    const kinds = records.filter((r) => r.type === "quality").map((r) => (r.event as { kind: string }).kind);
    for (const k of ["restart", "gap", "duplicate", "late", "malformed", "nan", "over-range"]) expect(kinds, k).toContain(k);
    const reasons = records.filter((r) => r.type === "quality" && (r.event as { kind: string }).kind === "malformed").map((r) => (r.event as { reason: string }).reason);
    expect(reasons).toContain("crc");
    expect(reasons).toContain("too-many-channels");
    // no estimate from a rejected frame: every estimate sample lies in a frame that was processed
    const est = records.filter((r): r is Extract<RunnerRecord, { type: "estimates" }> => r.type === "estimates");
    const processedSeqs = new Set<number>();
    for (let s = 0; s < FRAMES; s++) if (!stream.dropped.has(s) && !stream.late.has(s)) processedSeqs.add(s);
    for (const e of est) {
      const first = Math.round(e.t * 2000) - rec.run.preSamples;
      for (let i = 0; i < e.values[0]!.length; i++) expect(processedSeqs.has(Math.floor((first + i) / PER))).toBe(true);
    }
    expect(summary.windows).toBeGreaterThan(0);

    // the session: outputs.f64 as recorded live equals the replay's job result, byte for byte
    const sdir = join(dir, "session");
    const input = readSessionInput(join(sdir, "session.json"), join(sdir, "request.f64"), join(sdir, "input.twrec"));
    expect(input.blocks.length).toBe(delivered);
    const result = runJob(core, "jobRunnerSession", sessionJobRequest(input.request, input.blocks));
    expect(Buffer.from(f64Bytes(result)).equals(readFileSync(join(sdir, "outputs.f64")))).toBe(true);
    expect(input.info.ended!.outputsSha256).toBe(fileSha256(join(sdir, "outputs.f64")));
    expect(resultDigest(result)).toMatch(/^[0-9a-f]{64}$/);
  }, 60_000);
});

describe("a clock jump and a sender restart", () => {
  it("reports them, starts the stream over where the clock says, and keeps estimating", async () => {
    const port = await freePort();
    const cfg = rigConfig(rec, { source: { url: `udp://127.0.0.1:${port}`, channels: rec.m } });
    const records: RunnerRecord[] = [];
    const runner = await HybridRunner.start({ config: cfg, model: RIG, recogniser: null, onRecord: (r) => records.push(r), core });
    // frames of 20 samples: 80 of them before the restart, more than the tracker's duplicate
    // horizon (64 frames), so the restarted sender's frame 0 is a restart, not a copy of the first
    const P = 20;
    const frames: Uint8Array[] = [];
    for (let s = 0; s < 10; s++) frames.push(rigFrame(rec, s, P));
    // frame 10 says its first sample is 400 samples later than the clock gives (a clock jump)
    for (let s = 10; s < 80; s++) {
      const raw = new Float32Array(P * rec.m);
      for (let i = 0; i < raw.length; i++) raw[i] = rec.z[s * P * rec.m + i]!;
      frames.push(encodeFrame({ format: "float32", channels: rec.m, samplesPerChannel: P, seq: s, t0: rec.run.preSamples + s * P + 400, rateMilliHz: 2000000, scale: 1, raw }));
    }
    // then the sender restarts: sequence and clock from 0 again, announced
    for (let s = 0; s < 5; s++) frames.push(rigFrame(rec, s, P));
    await sendFrames(`udp://127.0.0.1:${port}`, frames, 4);
    for (let i = 0; i < 200 && runner.counters.processed < frames.length; i++) await new Promise((r) => setTimeout(r, 10));
    const summary = await runner.stop();
    expect(runner.error).toBeNull();
    expect(summary.processed).toBe(frames.length);
    const kinds = records.filter((r) => r.type === "quality").map((r) => (r.event as { kind: string }).kind);
    expect(kinds).toContain("clock-jump");
    expect(kinds.filter((k) => k === "restart").length).toBe(2);
    // estimates continue after both: the last block's estimates are on the restarted clock
    const est = records.filter((r): r is Extract<RunnerRecord, { type: "estimates" }> => r.type === "estimates");
    const last = est[est.length - 1]!;
    expect(Math.round(last.t * 2000)).toBe(rec.run.preSamples + 4 * P);
    expect(est.every((e) => e.values.every((v) => v.every(Number.isFinite)))).toBe(true);
  }, 60_000);
});

describe("the runner's sinks", () => {
  it("writes every record to the configured NDJSON and CSV files, the same records the log gets", async () => {
    const dir = mkdtempSync(join(tmpdir(), "twin-runner-sinks-"));
    dirs.push(dir);
    const port = await freePort();
    const cfg = rigConfig(rec, {
      source: { url: `udp://127.0.0.1:${port}`, channels: rec.m },
      windows: { length: 200, hop: 100, bands: 4, orders: 2 },
      sinks: [
        { type: "ndjson", path: join(dir, "records-{n}.ndjson") },
        { type: "csv", path: join(dir, "{type}-{n}.csv"), types: ["window"] },
      ],
    });
    const records: RunnerRecord[] = [];
    const runner = await HybridRunner.start({ config: cfg, model: RIG, recogniser: null, onRecord: (r) => records.push(r), core });
    await sendFrames(`udp://127.0.0.1:${port}`, Array.from({ length: FRAMES }, (_, s) => rigFrame(rec, s, PER)), 4);
    for (let i = 0; i < 200 && runner.counters.processed < FRAMES; i++) await new Promise((r) => setTimeout(r, 10));
    await runner.stop();
    const files = readdirSync(dir).sort();
    const nd = readNdjson(readFileSync(join(dir, files.find((f) => f.startsWith("records-"))!), "utf8"));
    expect(nd.partial).toBe(false);
    expect(nd.records).toEqual(JSON.parse(JSON.stringify(records)));
    const csv = readFileSync(join(dir, files.find((f) => f.startsWith("window-"))!), "utf8").trim().split("\n");
    expect(csv.length - 1).toBe(records.filter((r) => r.type === "window").length);
  }, 60_000);
});
