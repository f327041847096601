// Replay sources (src/live/replay.ts) over CSV recordings: a time column in seconds (fs derived),
// a sample column with missing rows (a gap), a pump test bed's per-second feature file (';' and a
// datetime column, one 2 s interval), real-time pacing against as-fast-as-possible, and the
// located errors of bad URLs and files. Then `twin device replay` streaming a recording to a UDP
// source, as float32 and as int16 codes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { InputError } from "../src/errors.js";
import type { Frame } from "../src/live/frame.js";
import { InputDecoder } from "../src/live/decode.js";
import { parseReplayUrl } from "../src/live/replay.js";
import { openSource, type Source } from "../src/live/source.js";
import type { QualityEvent } from "../src/live/tracker.js";
import { UdpSource } from "../src/live/udp.js";
import { EmbeddedBroker } from "../src/live/broker.js";

const TMP = mkdtempSync(join(tmpdir(), "twin-replay-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const SKAB_LIKE = fileURLToPath(new URL("./data/live/skab-like.csv", import.meta.url));

function file(name: string, text: string): string {
  const p = join(TMP, name);
  writeFileSync(p, text);
  return p;
}

async function replayAll(url: string, options: { channels?: number } = {}): Promise<{ frames: Frame[]; events: QualityEvent[]; source: Source }> {
  const frames: Frame[] = [];
  const events: QualityEvent[] = [];
  const source = await openSource(url, { ...options, onFrame: (f) => frames.push(f), onEvent: (e) => events.push(e) });
  await source.finished;
  return { frames, events, source };
}

const x = (i: number): number => Math.sin(i / 7) * 3.3;

describe("replay of a CSV recording", () => {
  it("a time column in seconds: fs derived, frames of N samples, float32 values", async () => {
    const rows = ["t,x,y", ...Array.from({ length: 100 }, (_, i) => `${(i / 1000).toFixed(3)},${x(i)},${i}`)];
    const p = file("time.csv", rows.join("\n") + "\n");
    const { frames, events, source } = await replayAll(`replay:${p}?speed=fast&time=t&frame-samples=10`, { channels: 2 });
    expect(events).toEqual([]);
    expect(frames.map((f) => [f.seq, f.t0, f.samplesPerChannel, f.rateMilliHz, f.format, f.scale])).toEqual(
      [...Array(10).keys()].map((k) => [k, 10 * k, 10, 1_000_000, "float32", 1]),
    );
    for (const f of frames) {
      expect([...f.raw]).toEqual([...Array(10).keys()].flatMap((s) => [Math.fround(x(f.t0 + s)), f.t0 + s]));
    }
    expect(source.quality()).toMatchObject({ received: 10, accepted: 10, lost: 0, clockJumps: 0 });
  });

  it("a sample column with missing rows: the frames they belonged to are a gap, the last partial frame is delivered", async () => {
    const keep = [...Array(45).keys()].filter((i) => i !== 13 && i !== 14);
    const p = file("samples.csv", ["n,a", ...keep.map((i) => `${i},${i * 2}`)].join("\n") + "\n");
    const { frames, events } = await replayAll(`replay:${p}?speed=fast&index=n&fs=200&frame-samples=10`);
    expect(frames.map((f) => [f.seq, f.t0, f.samplesPerChannel])).toEqual([[0, 0, 10], [2, 20, 10], [3, 30, 10], [4, 40, 5]]);
    expect(events).toEqual([{ kind: "gap", from: 1, to: 1, lostFrames: 1, lostSamples: 10 }]);
  });

  it("a per-second feature file with ';' and a datetime column: fs = 1 Hz derived, a 2 s interval is a lost row, bad rows are located", async () => {
    const { frames, events, source } = await replayAll(`replay:${SKAB_LIKE}?speed=fast&time=datetime&columns=Accelerometer1RMS,Accelerometer2RMS`, { channels: 2 });
    expect(frames.map((f) => [f.seq, f.t0, f.samplesPerChannel, f.rateMilliHz])).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12].map((i) => [i, i, 1, 1000]),
    );
    expect([...frames[0]!.raw]).toEqual([Math.fround(0.2), Math.fround(0.27)]);
    expect([...frames[11]!.raw]).toEqual([Math.fround(0.211), Math.fround(0.2645)]);
    expect(events).toEqual([{ kind: "gap", from: 7, to: 7, lostFrames: 1, lostSamples: 1 }]);
    expect(source.quality()).toMatchObject({ received: 12, accepted: 12, lost: 1 });

    const bad = file("bad-rows.csv", "datetime;a\n2020-03-09 10:00:00;1\n2020-03-09 10:00:01;x\n2020-03-09 10:00:02;3\nnot a time;4\n2020-03-09 10:00:03;5\n");
    const r = await replayAll(`replay:${bad}?speed=fast&time=datetime&fs=1`);
    expect(r.frames.map((f) => [f.seq, f.raw[0]])).toEqual([[0, 1], [2, 3], [3, 5]]);
    expect(r.events).toEqual([
      { kind: "bad-line", line: 3, column: 21, reason: 'column "a": not a number: "x"' },
      { kind: "bad-line", line: 5, column: 1, reason: 'time "not a time": not seconds or YYYY-MM-DD hh:mm:ss' },
      { kind: "gap", from: 1, to: 1, lostFrames: 1, lostSamples: 1 },
    ]);
    expect(r.source.quality().badLines).toBe(2);
  });

  it("speed=1 follows the sample clock, speed=fast does not wait; both deliver the same frames in order", async () => {
    // 0.4 s of samples in frames of 0.1 s: the last frame is due 0.3 s after the first
    const p = file("paced.csv", ["a", ...Array.from({ length: 40 }, (_, i) => `${i}`)].join("\n") + "\n");
    const t0 = performance.now();
    const real = await replayAll(`replay:${p}?speed=1&fs=100&frame-samples=10`);
    const realMs = performance.now() - t0;
    const fast = await replayAll(`replay:${p}?speed=fast&fs=100`);
    expect(real.frames.map((f) => f.seq)).toEqual([0, 1, 2, 3]);
    expect(fast.frames).toEqual(real.frames);
    // a lower bound only (a loaded machine may be slower, never faster than the clock)
    expect(realMs).toBeGreaterThanOrEqual(290);
  });

  it("bad URLs and files are located errors", async () => {
    const noop = { onFrame: () => {} };
    const ok = file("ok.csv", "t,a\n0,1\n0.5,2\n1,3\n");
    await expect(openSource("ftp://x", noop)).rejects.toThrow("ftp://x: unknown source, expected one of udp://..., mqtt://..., serial:..., replay:...");
    await expect(openSource("ftp://x", noop)).rejects.toBeInstanceOf(InputError);
    await expect(openSource("udp://127.0.0.1", noop)).rejects.toThrow("udp://127.0.0.1: no port");
    await expect(openSource("mqtt://127.0.0.1:1883", noop)).rejects.toThrow("no topic");
    await expect(openSource(`replay:${ok}?speed=0`, noop)).rejects.toThrow("speed=0: a factor > 0 (1 = real time) or fast");
    await expect(openSource(`replay:${ok}?rate=3`, noop)).rejects.toThrow('unknown parameter "rate"');
    await expect(openSource(`replay:${join(TMP, "missing.csv")}`, noop)).rejects.toThrow(`${join(TMP, "missing.csv")}:1: cannot read: ENOENT`);
    await expect(openSource(`replay:${ok}?columns=b`, noop)).rejects.toThrow(`${ok}:1: no channel column "b" (the header has "t", "a")`);
    await expect(openSource(`replay:${ok}`, noop)).rejects.toThrow(`${ok}:1: no sample rate: give fs, or a time column to derive it from`);
    await expect(openSource(`replay:${ok}?time=t&fs=2`, { ...noop, channels: 3 })).rejects.toThrow("1 channel columns, the configuration has 3");
    await expect(openSource(`replay:${join(TMP, "nothing-here")}/`, noop)).rejects.toThrow(/cannot read/);
    expect(() => parseReplayUrl(`replay:${TMP}?fs=3`)).toThrow("fs are for CSV files, not a session");
    // a session directory without its recording
    await expect(openSource(`replay:${TMP}`, noop)).rejects.toThrow(`${join(TMP, "input.twrec")} not found`);
  });
});

describe("CSV lines through the InputDecoder", () => {
  function decodeLines(lines: string[], csv: ConstructorParameters<typeof InputDecoder>[0]["csv"], channels?: number) {
    const d = new InputDecoder({ ...(channels !== undefined ? { channels } : {}), csv });
    const frames: Frame[] = [];
    const events: QualityEvent[] = [];
    for (const r of [...lines.map((text) => d.push({ kind: "line", text })), d.end()]) {
      events.push(...r.events);
      frames.push(...r.frames.filter((x) => x.decision.deliver).map((x) => x.frame));
    }
    return { frames, events, quality: d.tracker.quality() };
  }

  it("rows without an index are consecutive samples; the stream's end delivers the last partial frame", () => {
    const { frames, events } = decodeLines(["1,2", "3,4", "5,6", "", "7,8", "9,10"], { fs: 50, samplesPerFrame: 2, header: false });
    expect(frames.map((f) => [f.seq, f.t0, [...f.raw]])).toEqual([[0, 0, [1, 2, 3, 4]], [1, 2, [5, 6, 7, 8]], [2, 4, [9, 10]]]);
    expect(events).toEqual([]);
  });

  it("a repeated index is refused, an index that goes back is a restart, a row of another width is refused, ovf refuses its frame", () => {
    // 75 frames, then the sender starts over at index 0 (far enough behind not to look like a copy)
    const lines = ["0,1", "1,2", "1,2", ...Array.from({ length: 148 }, (_, k) => `${k + 2},${k + 3}`), "0,9", "1,8", "2,7,5", "2,ovf", "3,6"];
    const { frames, events } = decodeLines(lines, { fs: 10, index: 0, samplesPerFrame: 2 });
    expect(frames.map((f) => [f.seq, f.t0, f.flags])).toEqual([...[...Array(75).keys()].map((k) => [k, 2 * k, 0]), [0, 0, 1]]);
    expect([...frames[75]!.raw]).toEqual([9, 8]);
    expect(events).toEqual([
      { kind: "bad-line", line: 3, reason: "sample index 1 again (the next one expected is 2)" },
      { kind: "restart", seq: 0, announced: true },
      { kind: "bad-line", line: 154, column: 5, reason: "3 fields, the first row had 2" },
      // ±Infinity is non-finite: the tracker's nan event
      { kind: "nan", seq: 1, samples: 1, channels: [0] },
    ]);
  });

  it("a column named without a header line, and a channel count the configuration does not have, are reported", () => {
    const named = decodeLines(["1,2", "3,4"], { fs: 1, columns: ["a"] });
    expect(named.frames).toEqual([]);
    expect(named.events).toEqual([1, 2].map((line) => ({ kind: "bad-line", line, reason: 'channel column "a" is a name, but no header line names the columns' })));
    const wide = decodeLines(["a,b,c", "1,2,3"], { fs: 1, samplesPerFrame: 1 }, 2);
    expect(wide.events).toEqual([{ kind: "channel-mismatch", seq: 0, channels: 3, expected: 2 }]);
    expect(() => new InputDecoder({ csv: { fs: 1e6 }, limits: { maxChannels: 4, maxSamplesPerChannel: 1024, maxFrameBytes: 65507 } })).toThrow("CSV frames of 4096 samples: the receiver's limit is 1024");
    expect(() => new InputDecoder({ csv: {} })).toThrow("CSV lines need fs");
  });
});

describe("twin device replay", () => {
  it("streams a recording to a UDP source: float32 values, or int16 codes with a scale; bad options exit 2", async () => {
    const rows = ["t;x;y", ...Array.from({ length: 64 }, (_, i) => `${i / 1000};${x(i)};${i % 2 === 0 ? 1 : -1}`)];
    const p = file("device.csv", rows.join("\n") + "\n");
    for (const format of ["float32", "int16"] as const) {
      const frames: Frame[] = [];
      const events: QualityEvent[] = [];
      const rx = await UdpSource.open({ channels: 2, onFrame: (f) => frames.push(f), onEvent: (e) => events.push(e) });
      const out: string[] = [];
      const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t) };
      const scale = format === "int16" ? ["--format", "int16", "--scale", "0.001"] : [];
      const code = await main(["device", "replay", p, "--to", `udp://127.0.0.1:${rx.address().port}`, "--time", "t", "--frame-samples", "16", "--speed", "fast", "--json", ...scale], io);
      expect(code, out.join("")).toBe(0);
      const summary = JSON.parse(out.join(""));
      expect(summary).toMatchObject({ frames: 4, samples: 64, channels: 2, fs: 1000, format, refusedRows: 0, clippedSamples: 0 });
      const end = Date.now() + 5000;
      while (frames.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
      await rx.close();
      expect(frames.map((f) => [f.seq, f.t0, f.samplesPerChannel, f.format])).toEqual([0, 1, 2, 3].map((k) => [k, 16 * k, 16, format]));
      expect(frames[0]!.flags).toBe(1); // FLAG_START
      // the START flag of the first frame is the only event
      expect(events).toEqual([{ kind: "restart", seq: 0, announced: true }]);
      const got = frames.flatMap((f) => [...f.raw].map((r) => r * f.scale));
      const want = [...Array(64).keys()].flatMap((i) => [x(i), i % 2 === 0 ? 1 : -1]);
      if (format === "float32") expect(got).toEqual(want.map((v) => Math.fround(v)));
      else expect(got).toEqual(want.map((v) => Math.round(v / 0.001) * Math.fround(0.001)));
    }
    const io = { out: () => {}, err: (t: string) => void errs.push(t) };
    const errs: string[] = [];
    expect(await main(["device", "replay", p, "--to", "tcp://h:1", "--fs", "1"], io)).toBe(2);
    expect(errs.join("")).toContain("--to: tcp://h:1: expected udp://host:port");
    expect(await main(["device", "replay", p, "--to", "udp://127.0.0.1:9", "--format", "int16"], io)).toBe(2);
    expect(errs.join("")).toContain("--format int16 needs --scale");
    expect(await main(["device", "replay", p, "--to", "udp://127.0.0.1:9", "--columns", "z", "--fs", "10"], io)).toBe(2);
    expect(errs.join("")).toContain(`${p}:1: no channel column "z"`);
  });

  it("streams a recording through the embedded MQTT broker, one frame per message", async () => {
    const p = file("mqtt.csv", ["a", ...Array.from({ length: 30 }, (_, i) => `${i / 4}`)].join("\n") + "\n");
    const broker = new EmbeddedBroker({ port: 0 });
    const url = await broker.start();
    const frames: Frame[] = [];
    const rx = await openSource(`${url}/rig/replay`, { channels: 1, onFrame: (f) => frames.push(f) });
    const out: string[] = [];
    const code = await main(["device", "replay", p, "--to", `${url}/rig/replay`, "--fs", "100", "--frame-samples", "8", "--speed", "fast"], { out: (t) => void out.push(t), err: (t) => void out.push(t) });
    expect(code, out.join("")).toBe(0);
    expect(out.join("")).toContain(`twin device replay: 4 frames (30 samples × 1 channels at 100 Hz, float32) sent to ${url}/rig/replay`);
    const end = Date.now() + 5000;
    while (frames.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    await rx.close();
    await broker.stop();
    expect(frames.map((f) => [f.seq, f.samplesPerChannel])).toEqual([[0, 8], [1, 8], [2, 8], [3, 6]]);
    expect(frames.flatMap((f) => [...f.raw])).toEqual([...Array(30).keys()].map((i) => i / 4));
  });
});
