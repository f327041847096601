// MQTT source (src/live/mqtt.ts) against the embedded aedes broker (src/live/broker.ts) and against
// Debian's mosquitto started here on loopback: frames published with some dropped, duplicated and
// reordered by the test, plus garbage, a wrong CRC, an oversized payload, extra channels, a NaN
// sample and a clipped ADC code; the source's counts match exactly what the publisher did. Then
// mosquitto is killed mid-stream and restarted on the same port: the source reports the outage,
// reconnects and the tracker reports the frames published meanwhile as one gap. Also `twin broker`
// as a child process.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EmbeddedBroker } from "../src/live/broker.js";
import { encodeFrame, type Frame } from "../src/live/frame.js";
import { backoffDelay, type ConnectionEvent, MqttSink, MqttSource, parseMqttUrl, publishFrames } from "../src/live/mqtt.js";
import type { QualityEvent } from "../src/live/tracker.js";
import { need } from "./helpers/engines.js";
import { impairedStream } from "./helpers/impaired-stream.js";
import { rng } from "./helpers/rng.js";
import { startMosquitto, stopChild } from "./helpers/mosquitto.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));


const C = 4;
const N = 128;
// room for a float32 frame of C × N samples (2084 bytes)
const LIMITS = { maxChannels: C, maxSamplesPerChannel: N, maxFrameBytes: 4096 };

function frameBytes(seq: number, channels = C): Uint8Array {
  const raw = Array.from({ length: channels * N }, (_, i) => ((seq * 7 + i * 13) % 20001) - 10000);
  return encodeFrame({ format: "int16", channels, samplesPerChannel: N, seq, t0: seq * N, rateMilliHz: 25_600_000, scale: 0.001, raw });
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const tcpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length;

interface Recorder {
  delivered: Frame[];
  discontinuities: number[];
  events: QualityEvent[];
  connection: ConnectionEvent[];
}

function recorder(): Recorder {
  return { delivered: [], discontinuities: [], events: [], connection: [] };
}

async function openSource(url: string, topic: string, rec: Recorder): Promise<MqttSource> {
  return MqttSource.open({
    url, topic, channels: C, limits: LIMITS, backoff: { initialMs: 50, maxMs: 1000 },
    onFrame: (f, d) => {
      rec.delivered.push(f);
      if (d.discontinuity) rec.discontinuities.push(f.seq);
    },
    onEvent: (e) => rec.events.push(e),
    onConnection: (e) => rec.connection.push(e),
  });
}

/** Frame `seq` with sample `i` (interleaved index) replaced by the int16 code `code`. */
function withSample(seq: number, i: number, code: number): Uint8Array {
  const raw = Array.from({ length: C * N }, (_, k) => ((seq * 7 + k * 13) % 20001) - 10000);
  raw[i] = code;
  return encodeFrame({ format: "int16", channels: C, samplesPerChannel: N, seq, t0: seq * N, rateMilliHz: 25_600_000, scale: 0.001, raw });
}

/** The first sequence number after exchange()'s frames. */
const NEXT = 305;

/**
 * Publishes frames 0..304 through a broker with the test's own loss, late frames, copies and hostile
 * payloads, and checks the source counted exactly that. Frames 300..304 come after the hostile
 * payloads: 302 has a NaN sample, 303 a clipped ADC code.
 */
async function exchange(url: string, topic: string, source: MqttSource, rec: Recorder): Promise<void> {
  const r = rng(1207);
  const { payloads: payloads, dropped, late, dups, garbage } = impairedStream(r, 300, (seq) => frameBytes(seq), { drop: 0.03, late: 0.06, garbage: 0.94, dup: 0.97 });
  const wrongCrc = frameBytes(5000);
  wrongCrc[100] ^= 0x10;
  payloads.push(wrongCrc, new Uint8Array(5000), frameBytes(6000, C + 1), new Uint8Array(0));
  payloads.push(frameBytes(300), frameBytes(301));
  // well-formed frames with bad samples take their sequence numbers but are not delivered
  const nan = Array.from({ length: C * N }, (_, i) => Math.sin(i));
  nan[9] = Number.NaN;
  payloads.push(encodeFrame({ format: "float32", channels: C, samplesPerChannel: N, seq: 302, t0: 302 * N, rateMilliHz: 25_600_000, scale: 1, raw: nan }));
  payloads.push(withSample(303, 6, 32767));
  payloads.push(frameBytes(304));
  expect(dropped.size).toBeGreaterThanOrEqual(3);
  expect(late.size).toBeGreaterThanOrEqual(3);
  expect(dups).toBeGreaterThanOrEqual(3);
  expect(garbage).toBeGreaterThanOrEqual(3);

  expect(await publishFrames(url, topic, payloads)).toBe(payloads.length);
  await until(() => source.quality().received === payloads.length, 20_000);
  const q = source.quality();
  const malformed = garbage + 4;
  expect(q).toMatchObject({
    received: payloads.length,
    accepted: 303 - dropped.size - late.size,
    lost: dropped.size,
    late: late.size,
    duplicates: dups,
    malformed,
    rejected: malformed + 2,
    badSampleFrames: 2,
    clockJumps: 0,
    nanFrames: 1,
    nanSamples: 1,
    overRangeFrames: 1,
    overRangeSamples: 1,
  });
  expect(q.received).toBe(q.accepted + q.duplicates + q.late + q.rejected);
  expect(q.malformedByReason.crc).toBeGreaterThanOrEqual(1);
  expect(q.malformedByReason["too-long"]).toBeGreaterThanOrEqual(1);
  expect(q.malformedByReason["too-many-channels"]).toBeGreaterThanOrEqual(1);

  const seqs = rec.delivered.map((f) => f.seq);
  expect(seqs).toEqual([...Array(302).keys()].filter((s) => !dropped.has(s) && !late.has(s)).concat([304]));
  for (const f of rec.delivered) expect([...f.raw]).toEqual([...Array(C * N).keys()].map((i) => ((f.seq * 7 + i * 13) % 20001) - 10000));
  const holes = new Set([...dropped, ...late, 302, 303]);
  expect(rec.discontinuities).toEqual(seqs.filter((s) => s === 0 || holes.has(s - 1)));
  expect(rec.events.filter((e) => e.kind === "late").map((e) => (e as { seq: number }).seq).sort((a, b) => a - b)).toEqual([...late].sort((a, b) => a - b));
  expect(rec.events.filter((e) => e.kind === "duplicate")).toHaveLength(dups);
  expect(rec.events.filter((e) => e.kind === "malformed")).toHaveLength(malformed);
  expect(rec.events.filter((e) => e.kind === "nan")).toEqual([{ kind: "nan", seq: 302, samples: 1, channels: [1] }]);
  expect(rec.events.filter((e) => e.kind === "over-range")).toEqual([{ kind: "over-range", seq: 303, samples: 1, channels: [2] }]);
  const gapFrames = rec.events.flatMap((e) => (e.kind === "gap" ? [e.lostFrames] : [])).reduce((a, b) => a + b, 0);
  expect(gapFrames).toBe(dropped.size + late.size);
  expect(rec.connection).toEqual([]);
}

describe("parseMqttUrl", () => {
  it("parses host, port and topic and says what is wrong otherwise", () => {
    expect(parseMqttUrl("mqtt://127.0.0.1:1883")).toEqual({ url: "mqtt://127.0.0.1:1883", host: "127.0.0.1", port: 1883 });
    expect(parseMqttUrl("mqtt://broker.local")).toEqual({ url: "mqtt://broker.local:1883", host: "broker.local", port: 1883 });
    expect(parseMqttUrl("mqtt://[::1]:1884/twin/rig1/frames")).toEqual({ url: "mqtt://[::1]:1884", host: "::1", port: 1884, topic: "twin/rig1/frames" });
    expect(parseMqttUrl("mqtt://h:1/twin/+/frames").topic).toBe("twin/+/frames");
    expect(parseMqttUrl("mqtt://h:1/twin/#").topic).toBe("twin/#");
    expect(parseMqttUrl("mqtt://h:1/a%20b").topic).toBe("a b");
    expect(() => parseMqttUrl("127.0.0.1:1883")).toThrow("not a URL");
    expect(() => parseMqttUrl("udp://h:1")).toThrow("udp://h:1: scheme udp, expected mqtt://host:port[/topic]");
    expect(() => parseMqttUrl("mqtt://h:70000")).toThrow("not a URL");
    expect(() => parseMqttUrl("mqtt://h:0")).toThrow("port 0");
    expect(() => parseMqttUrl("mqtt://u:p@h:1")).toThrow("user and password");
    expect(() => parseMqttUrl("mqtt://h:1/a?x=1")).toThrow("no query");
    expect(() => parseMqttUrl("mqtt://h:1/a#b")).toThrow("'#' only as the last topic level");
    expect(() => parseMqttUrl("mqtt://h:1/a/#/b")).toThrow("'#' only as the last topic level");
    expect(() => parseMqttUrl("mqtt://h:1/a+/b")).toThrow("a wildcard must be a whole topic level");
  });

  it("backs off exponentially within bounds", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((a) => backoffDelay(a))).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });
});

describe("MqttSource through the embedded aedes broker", () => {
  it("counts exactly what the publisher did; stop() disconnects the clients and no socket is left behind", async () => {
    const before = tcpHandles();
    const broker = new EmbeddedBroker();
    const url = await broker.start();
    expect(url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(broker.port()).toBeGreaterThan(0);
    const rec = recorder();
    const source = await openSource(`${url}/twin/rig1/frames`, "twin/rig1/frames", rec);
    await exchange(url, "twin/rig1/frames", source, rec);
    const received = source.quality().received;
    // another topic is not this stream
    expect(await publishFrames(url, "twin/rig2/frames", [frameBytes(NEXT)])).toBe(1);
    expect(await publishFrames(url, "twin/rig1/frames", [frameBytes(NEXT)])).toBe(1);
    await until(() => rec.delivered.at(-1)?.seq === NEXT, 10_000);
    expect(source.quality().received).toBe(received + 1);
    expect(rec.delivered.at(-1)?.seq).toBe(NEXT);
    // stopping the broker disconnects its clients: the source says so and keeps trying
    await broker.stop();
    await broker.stop();
    await until(() => rec.connection.length === 1, 10_000);
    expect(rec.connection).toHaveLength(1);
    expect(rec.connection[0]).toMatchObject({ kind: "disconnected" });
    expect([undefined, "read ECONNRESET"]).toContain((rec.connection[0] as { error?: string }).error);
    expect(source.connection()).toMatchObject({ connected: false, disconnects: 1, reconnects: 0 });
    await source.close();
    await source.close();
    await until(() => tcpHandles() === before, 5000);
    expect(tcpHandles()).toBe(before);
  });

  it("fails to open without a broker, leaking nothing", async () => {
    const before = tcpHandles();
    const broker = new EmbeddedBroker();
    const url = await broker.start();
    await broker.stop(); // the port is free again: nobody listens there
    await expect(MqttSource.open({ url, topic: "t" })).rejects.toThrow();
    await expect(MqttSink.open(url, "t")).rejects.toThrow("cannot connect");
    await until(() => tcpHandles() === before, 5000);
    expect(tcpHandles()).toBe(before);
  });
});

/** A free TCP port on loopback (bound, read and released). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const a = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  if (a === null || typeof a === "string") throw new Error("no port");
  return a.port;
}

describe("MqttSource through Debian's mosquitto", () => {
  it("counts the same exchange, then survives mosquitto killed and restarted, reporting the outage and the gap", async (ctx) => {
    need(ctx, "mosquitto");
    const dir = mkdtempSync(join(tmpdir(), "twin-mosquitto-"));
    const port = await freePort();
    const conf = join(dir, "mosquitto.conf");
    writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
    let broker = await startMosquitto(conf, port);
    const url = `mqtt://127.0.0.1:${port}`;
    const topic = "twin/rig1/frames";
    let source: MqttSource | undefined;
    let sink: MqttSink | undefined;
    try {
      const rec = recorder();
      source = await openSource(url, topic, rec);
      await exchange(url, topic, source, rec);
      const q0 = source.quality();

      sink = await MqttSink.open(url, topic);
      const s = sink;
      for (let seq = NEXT; seq < NEXT + 10; seq++) expect(await s.publish(frameBytes(seq))).toBe(true);
      await until(() => rec.delivered.at(-1)?.seq === NEXT + 9, 10_000);
      expect(rec.delivered.at(-1)?.seq).toBe(NEXT + 9);

      await stopChild(broker, "SIGKILL");
      await until(() => rec.connection.length === 1 && !s.connected, 10_000);
      // a killed broker is seen as a closed connection, or (timing) as a reset: either way one "disconnected"
      expect(rec.connection).toHaveLength(1);
      expect(rec.connection[0]).toMatchObject({ kind: "disconnected" });
      expect([undefined, "read ECONNRESET"]).toContain((rec.connection[0] as { error?: string }).error);
      expect(source.connection()).toMatchObject({ connected: false, disconnects: 1, reconnects: 0 });
      // the device keeps producing while the broker is down: these frames are lost
      for (let seq = NEXT + 10; seq < NEXT + 20; seq++) expect(await s.publish(frameBytes(seq))).toBe(false);

      broker = await startMosquitto(conf, port);
      await until(() => rec.connection.length === 2 && s.connected, 20_000);
      expect(rec.connection).toHaveLength(2);
      const back = rec.connection[1]!;
      expect(back.kind).toBe("reconnected");
      if (back.kind === "reconnected") {
        expect(back.outageMs).toBeGreaterThanOrEqual(0);
        expect(back.attempts).toBeGreaterThanOrEqual(1);
      }
      expect(source.connection()).toMatchObject({ connected: true, disconnects: 1, reconnects: 1 });
      expect(s.connected).toBe(true);
      for (let seq = NEXT + 20; seq < NEXT + 30; seq++) expect(await s.publish(frameBytes(seq))).toBe(true);
      await until(() => rec.delivered.at(-1)?.seq === NEXT + 29, 10_000);

      const q = source.quality();
      expect(q.received - q0.received).toBe(20);
      expect(q.accepted - q0.accepted).toBe(20);
      expect(q.lost - q0.lost).toBe(10);
      expect(q.gaps - q0.gaps).toBe(1);
      expect(rec.events.filter((e) => e.kind === "gap").at(-1)).toEqual({ kind: "gap", from: NEXT + 10, to: NEXT + 19, lostFrames: 10, lostSamples: 10 * N });
      expect(rec.delivered.slice(-20).map((f) => f.seq)).toEqual([...Array(10).keys()].map((k) => NEXT + k).concat([...Array(10).keys()].map((k) => NEXT + 20 + k)));
      // the frame after the outage is marked as not continuing the one before: nothing filled in
      expect(rec.discontinuities.at(-1)).toBe(NEXT + 20);
    } finally {
      await sink?.close();
      await source?.close();
      await stopChild(broker, "SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("twin broker", () => {
  it("runs the embedded broker as its own process, relays frames and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [join(ROOT, "bin/twin.js"), "broker", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const exit = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    try {
      await until(() => /listening on mqtt:\/\/127\.0\.0\.1:\d+\n/.test(out) || child.exitCode !== null, 20_000);
      const url = /listening on (mqtt:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      expect(url, err).toBeDefined();
      const rec = recorder();
      const source = await openSource(url!, "twin/cli", rec);
      expect(await publishFrames(url!, "twin/cli", [frameBytes(0), frameBytes(1), frameBytes(3)])).toBe(3);
      await until(() => source.quality().received === 3, 10_000);
      expect(rec.delivered.map((f) => f.seq)).toEqual([0, 1, 3]);
      expect(source.quality()).toMatchObject({ accepted: 3, lost: 1, gaps: 1 });
      await source.close();
      child.kill("SIGTERM");
      expect(await exit).toBe(0);
      expect(err).toContain("SIGTERM, stopped");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 30_000);
});
