// Serial source (src/live/serial.ts) through a pseudo-terminal pair made by Debian's socat
// (`socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B`): a writer on one end, the source on the
// other. Binary frames with garbage between them and a corrupted CRC; the socat pair killed and
// restarted on the same link paths (disconnected, reconnected, the frames sent meanwhile a gap);
// CSV lines with a sample-index column (a missing line is a gap, a malformed line a located event,
// a "nan" sample a refused frame) that replay through the InputDecoder to the same result.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SerialPort } from "serialport";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { InputDecoder, type InputUnit } from "../src/live/decode.js";
import { encodeFrame, frameBytes as frameLength, type Frame } from "../src/live/frame.js";
import type { ConnectionEvent } from "../src/live/mqtt.js";
import { parseSerialUrl, SerialSource } from "../src/live/serial.js";
import { openSource } from "../src/live/source.js";
import type { QualityEvent } from "../src/live/tracker.js";
import { need, tool } from "./helpers/engines.js";

const TMP = mkdtempSync(join(tmpdir(), "twin-serial-"));
/** Every socat started: a test that fails before stopping its pair must not leave it running. */
const started: ChildProcess[] = [];
afterAll(() => {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
  rmSync(TMP, { recursive: true, force: true });
});

const C = 2;
const N = 16;

function frameBytes(seq: number): Uint8Array {
  const raw = Array.from({ length: C * N }, (_, i) => ((seq * 31 + i * 7) % 2001) - 1000);
  return encodeFrame({ format: "int16", channels: C, samplesPerChannel: N, seq, t0: seq * N, rateMilliHz: 1_000_000, scale: 0.01, raw });
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A socat PTY pair with stable link paths; stop() kills it and waits for the links to go. */
async function ptyPair(dir: string): Promise<{ a: string; b: string; stop: () => Promise<void> }> {
  const a = join(dir, "a"), b = join(dir, "b");
  const proc: ChildProcess = spawn(tool("socat"), ["-d", "-d", `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: "ignore" });
  started.push(proc);
  await until(() => existsSync(a) && existsSync(b), 5000);
  if (!existsSync(a) || !existsSync(b)) throw new Error("socat did not create the PTY pair");
  return {
    a,
    b,
    stop: async () => {
      // socat may have ended by itself (it stops a while after one side closes)
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((r) => proc.once("exit", () => r()));
        proc.kill("SIGTERM");
        await exited;
      }
      await until(() => !existsSync(a) && !existsSync(b), 5000);
    },
  };
}

async function writer(path: string): Promise<{ write: (bytes: Uint8Array | string) => Promise<void>; close: () => Promise<void> }> {
  const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
  port.on("error", () => {});
  return {
    write: (bytes) => new Promise<void>((res, rej) => port.write(typeof bytes === "string" ? bytes : Buffer.from(bytes), (e) => (e ? rej(e) : port.drain((d) => (d ? rej(d) : res()))))),
    close: () => new Promise<void>((res) => (port.isOpen ? port.close(() => res()) : res())),
  };
}

describe("parseSerialUrl", () => {
  it("reads path, baud, mode and the CSV parameters, and says what is wrong otherwise", () => {
    expect(parseSerialUrl("serial:/dev/ttyUSB0")).toEqual({ path: "/dev/ttyUSB0", baudRate: 115200, mode: "frames", csv: {} });
    expect(parseSerialUrl("serial:/dev/ttyACM1?baud=9600&mode=csv&fs=1000&index=0&columns=1,ax&frame-samples=32&sep=%3B&header=0")).toEqual({
      path: "/dev/ttyACM1", baudRate: 9600, mode: "csv",
      csv: { fs: 1000, index: 0, columns: [1, "ax"], samplesPerFrame: 32, separator: ";", header: false },
    });
    expect(() => parseSerialUrl("serial:")).toThrow("serial:: no device path");
    expect(() => parseSerialUrl("serial:/dev/x?baud=fast")).toThrow("serial:/dev/x?baud=fast: baud=fast: an integer >= 1");
    expect(() => parseSerialUrl("serial:/dev/x?mode=text")).toThrow("mode=text: frames or csv");
    expect(() => parseSerialUrl("serial:/dev/x?speed=2")).toThrow('unknown parameter "speed"');
    expect(() => parseSerialUrl("serial:/dev/x?fs=100")).toThrow("fs only with mode=csv");
    expect(() => parseSerialUrl("serial:/dev/x?mode=csv&fs=0")).toThrow("fs=0: a sample rate in Hz > 0");
  });

  it("a port that cannot be opened and a CSV mode without fs are errors at open", async () => {
    await expect(openSource(`serial:${join(TMP, "no-such-port")}`, { onFrame: () => {} })).rejects.toThrow(/cannot open/);
    await expect(SerialSource.open({ url: `serial:${join(TMP, "no-such-port")}?mode=csv` })).rejects.toThrow("CSV lines need fs");
  });
});

describe("SerialSource through a socat PTY pair", () => {
  it("finds frames between garbage bytes, counts the skipped bytes and a CRC error", async (ctx) => {
    need(ctx, "socat");
    const dir = mkdtempSync(join(TMP, "frames-"));
    const pty = await ptyPair(dir);
    const delivered: Frame[] = [];
    const events: QualityEvent[] = [];
    const units: InputUnit[] = [];
    const source = await SerialSource.open({ url: `serial:${pty.b}?baud=115200`, channels: C, onFrame: (f) => delivered.push(f), onEvent: (e) => events.push(e), onInput: (u) => units.push(u) });
    const w = await writer(pty.a);
    // garbage without the sync word's first byte ('T'), so none of it can look like a frame start
    const garbage = (n: number, k: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 37 + k * 11) % 80);
    let garbageBytes = 0;
    const stream: Uint8Array[] = [];
    for (let seq = 0; seq < 40; seq++) {
      const f = frameBytes(seq);
      if (seq === 20) f[40] ^= 0x01; // corrupted in transit: the CRC fails
      stream.push(f);
      if (seq % 7 === 3) {
        const g = garbage(5 + seq, seq);
        garbageBytes += g.length;
        stream.push(g);
      }
    }
    for (const s of stream) await w.write(s);
    await until(() => source.quality().received === 40, 10_000);
    const q = source.quality();
    expect(delivered.map((f) => f.seq)).toEqual([...Array(40).keys()].filter((s) => s !== 20));
    for (const f of delivered) expect([...f.raw]).toEqual([...Array(C * N).keys()].map((i) => ((f.seq * 31 + i * 7) % 2001) - 1000));
    const len = frameLength("int16", C, N);
    // the corrupted frame is one malformed frame, and its bytes are skipped
    expect(q).toMatchObject({ received: 40, accepted: 39, malformed: 1, malformedByReason: { crc: 1 }, lost: 1, gaps: 1, skippedBytes: garbageBytes + len });
    expect(events.filter((e) => e.kind === "gap")).toEqual([{ kind: "gap", from: 20, to: 20, lostFrames: 1, lostSamples: N }]);
    expect(units.every((u) => u.kind === "chunk")).toBe(true);
    expect(units.reduce((n, u) => n + (u.kind === "chunk" ? u.bytes.length : 0), 0)).toBe(stream.reduce((n, s) => n + s.length, 0));
    await w.close();
    await source.close();
    await pty.stop();
  });

  it("reports the PTY pair killed and restarted: disconnected, reconnected, and the frames sent meanwhile as a gap", async (ctx) => {
    need(ctx, "socat");
    const dir = mkdtempSync(join(TMP, "unplug-"));
    let pty = await ptyPair(dir);
    const delivered: number[] = [];
    const events: QualityEvent[] = [];
    const conn: ConnectionEvent[] = [];
    const source = await SerialSource.open({
      url: `serial:${pty.b}`, channels: C, backoff: { initialMs: 20, maxMs: 200 },
      onFrame: (f) => delivered.push(f.seq), onEvent: (e) => events.push(e), onConnection: (e) => conn.push(e),
    });
    let w = await writer(pty.a);
    for (let seq = 0; seq < 10; seq++) await w.write(frameBytes(seq));
    await until(() => delivered.length === 10, 5000);
    await w.close();
    await pty.stop();
    await until(() => conn.length === 1, 5000);
    expect(conn[0]!.kind).toBe("disconnected");
    expect(source.connection()).toMatchObject({ connected: false, disconnects: 1 });
    pty = await ptyPair(dir);
    await until(() => conn.length === 2, 10_000);
    expect(conn[1]).toMatchObject({ kind: "reconnected" });
    expect((conn[1] as { outageMs: number }).outageMs).toBeGreaterThan(0);
    // frames 10..14 were sent while the port was away: the device's sequence continues at 15
    w = await writer(pty.a);
    for (let seq = 15; seq < 25; seq++) await w.write(frameBytes(seq));
    await until(() => delivered.length === 20, 5000);
    expect(delivered).toEqual([...Array(10).keys(), ...Array.from({ length: 10 }, (_, i) => 15 + i)]);
    expect(events).toEqual([{ kind: "gap", from: 10, to: 14, lostFrames: 5, lostSamples: 5 * N }]);
    expect(source.connection()).toMatchObject({ connected: true, disconnects: 1, reconnects: 1 });
    await w.close();
    await source.close();
    await pty.stop();
  });

  it("CSV lines: a sample-index column finds a missing line (a gap), a malformed line is located, a nan refuses its frame; the recorded lines decode the same", async (ctx) => {
    need(ctx, "socat");
    const dir = mkdtempSync(join(TMP, "csv-"));
    const pty = await ptyPair(dir);
    const delivered: Frame[] = [];
    const events: QualityEvent[] = [];
    const units: InputUnit[] = [];
    const source = await SerialSource.open({
      url: `serial:${pty.b}?mode=csv&fs=100&index=idx&frame-samples=8`, channels: 2,
      onFrame: (f) => delivered.push(f), onEvent: (e) => events.push(e), onInput: (u) => units.push(u),
    });
    const w = await writer(pty.a);
    const lines = ["idx,a,b"];
    for (let i = 0; i < 48; i++) {
      if (i === 17) continue; // never printed: slot 2 (16..23) is incomplete
      if (i === 30) lines.push("30,abc,1"); // slot 3 (24..31) loses this sample
      else if (i === 40) lines.push("40,nan,1"); // slot 5 (40..47) carries a NaN
      else lines.push(`${i},${i * 3},${-i}`);
    }
    await w.write(lines.map((l, k) => l + (k % 5 === 0 ? "\r\n" : "\n")).join(""));
    await until(() => source.quality().received === 4, 5000);
    await w.close();
    await source.close();
    await pty.stop();
    expect(delivered.map((f) => [f.seq, f.t0, f.samplesPerChannel, f.format, f.scale])).toEqual([[0, 0, 8, "float32", 1], [1, 8, 8, "float32", 1], [4, 32, 8, "float32", 1]]);
    expect([...delivered[2]!.raw]).toEqual([...Array(8).keys()].flatMap((k) => [(32 + k) * 3, -(32 + k)]));
    const badLine = lines.indexOf("30,abc,1") + 1;
    expect(events).toEqual([
      { kind: "bad-line", line: badLine, column: 4, reason: 'column "a": not a number: "abc"' },
      { kind: "gap", from: 2, to: 3, lostFrames: 2, lostSamples: 16 },
      { kind: "nan", seq: 5, samples: 1, channels: [0] },
    ]);
    expect(source.quality()).toMatchObject({ received: 4, accepted: 3, rejected: 1, badLines: 1, lost: 2, nanFrames: 1 });
    // CR of CRLF lines is not part of the line
    expect(units).toEqual(lines.map((text) => ({ kind: "line", text })));
    // the units as recorded, through a fresh decoder: the same frames and events
    const d = new InputDecoder({ channels: 2, csv: { fs: 100, index: "idx", samplesPerFrame: 8 } });
    const again: Frame[] = [];
    const againEvents: QualityEvent[] = [];
    for (const u of [...units.map((u) => d.push(u)), d.end()]) {
      againEvents.push(...u.events);
      again.push(...u.frames.filter((x) => x.decision.deliver).map((x) => x.frame));
    }
    expect(again).toEqual(delivered);
    expect(againEvents).toEqual(events);
  });

  it("twin device replay writes a recording's frames to a serial port", async (ctx) => {
    need(ctx, "socat");
    const dir = mkdtempSync(join(TMP, "device-"));
    const pty = await ptyPair(dir);
    const csv = join(dir, "rec.csv");
    writeFileSync(csv, ["n,a,b", ...Array.from({ length: 100 }, (_, i) => `${i},${i},${-2 * i}`)].join("\n") + "\n");
    const delivered: Frame[] = [];
    const source = await openSource(`serial:${pty.b}`, { channels: 2, onFrame: (f) => delivered.push(f) });
    const out: string[] = [];
    const code = await main(["device", "replay", csv, "--to", `serial:${pty.a}?baud=115200`, "--index", "n", "--fs", "500", "--frame-samples", "25", "--format", "int16", "--scale", "1", "--speed", "fast"], { out: (t) => void out.push(t), err: (t) => void out.push(t) });
    expect(code, out.join("")).toBe(0);
    await until(() => delivered.length === 4, 5000);
    await source.close();
    await pty.stop();
    expect(delivered.map((f) => [f.seq, f.t0, f.format, f.rateMilliHz])).toEqual([0, 1, 2, 3].map((k) => [k, 25 * k, "int16", 500_000]));
    expect(delivered.flatMap((f) => [...f.raw])).toEqual([...Array(100).keys()].flatMap((i) => [i, i === 0 ? 0 : -2 * i]));
  });
});
