// UDP source (src/live/udp.ts) on a real socket on 127.0.0.1 with an ephemeral port: 1,000 frames
// sent with ~1 % dropped, some duplicated and some reordered by the test sender, plus garbage,
// a wrong CRC, an oversized datagram and a frame with more channels than configured. The source's
// counts match exactly what the sender did; close() leaves no socket handle behind.
import { describe, expect, it } from "vitest";
import { encodeFrame, type Frame } from "../src/live/frame.js";
import type { QualityEvent } from "../src/live/tracker.js";
import { parseUdpUrl, sendFrames, UdpSource } from "../src/live/udp.js";
import { impairedStream } from "./helpers/impaired-stream.js";
import { rng } from "./helpers/rng.js";


const C = 4;
const N = 128; // 4 × 128 int16: a 1060-byte frame, within one Ethernet packet

function frameBytes(seq: number, channels = C): Uint8Array {
  const raw = Array.from({ length: channels * N }, (_, i) => ((seq * 7 + i * 13) % 20001) - 10000);
  return encodeFrame({ format: "int16", channels, samplesPerChannel: N, seq, t0: seq * N, rateMilliHz: 25_600_000, scale: 0.001, raw });
}

const udpHandles = (): number => process.getActiveResourcesInfo().filter((r) => r === "UDPWrap" || r === "UDPWRAP").length;

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("parseUdpUrl", () => {
  it("parses host and port and says what is wrong otherwise", () => {
    expect(parseUdpUrl("udp://127.0.0.1:5005")).toEqual({ host: "127.0.0.1", port: 5005 });
    expect(parseUdpUrl("udp://[::1]:0")).toEqual({ host: "::1", port: 0 });
    expect(parseUdpUrl("udp://sensor.local:9")).toEqual({ host: "sensor.local", port: 9 });
    expect(() => parseUdpUrl("127.0.0.1:5005")).toThrow("127.0.0.1:5005: not a URL, expected udp://host:port");
    expect(() => parseUdpUrl("mqtt://h:1883")).toThrow("mqtt://h:1883: scheme mqtt, expected udp://host:port");
    expect(() => parseUdpUrl("tcp://h:1")).toThrow("tcp://h:1: scheme tcp, expected udp://host:port");
    expect(() => parseUdpUrl("udp://h")).toThrow("udp://h: no port, expected udp://host:port");
    expect(() => parseUdpUrl("udp://h:70000")).toThrow("udp://h:70000: not a URL, expected udp://host:port");
    expect(() => parseUdpUrl("udp://h:5/x")).toThrow("nothing after the port");
    expect(() => parseUdpUrl("udp://u:p@h:5")).toThrow("no user or password");
    expect(() => parseUdpUrl("not a url")).toThrow("not a URL");
  });
});

describe("UdpSource on loopback", () => {
  it("counts exactly what the sender did: loss, duplicates, reordering, garbage, bad CRC, oversize, extra channels", async () => {
    const before = udpHandles();
    const delivered: Frame[] = [];
    const discontinuities: number[] = [];
    const events: QualityEvent[] = [];
    const source = await UdpSource.open({
      channels: C, limits: { maxChannels: C, maxSamplesPerChannel: N, maxFrameBytes: 1472 }, recvBufferSize: 4 << 20,
      onFrame: (f, d) => {
        delivered.push(f);
        if (d.discontinuity) discontinuities.push(f.seq);
      },
      onEvent: (e) => events.push(e),
    });
    expect(udpHandles()).toBe(before + 1);
    const { host, port } = source.address();
    expect(host).toBe("127.0.0.1");
    expect(port).toBeGreaterThan(0);

    const r = rng(1206);
    const { payloads: datagrams, dropped, late, dups, garbage } = impairedStream(r, 1000, (seq) => frameBytes(seq), { drop: 0.01, late: 0.02, garbage: 0.98, dup: 0.99 });
    const wrongCrc = frameBytes(5000);
    wrongCrc[100] ^= 0x10;
    const oversize = new Uint8Array(2000);
    const tooManyChannels = frameBytes(6000, C + 1);
    datagrams.push(wrongCrc, oversize, tooManyChannels);
    // the last frames (after the hostile datagrams) show the source still runs
    datagrams.push(frameBytes(1000), frameBytes(1001));
    expect(dropped.size).toBeGreaterThanOrEqual(5);
    expect(late.size).toBeGreaterThanOrEqual(5);
    expect(dups).toBeGreaterThanOrEqual(5);
    expect(garbage).toBeGreaterThanOrEqual(5);

    expect(await sendFrames(`udp://127.0.0.1:${port}`, datagrams)).toBe(datagrams.length);
    await until(() => source.quality().received === datagrams.length, 10_000);
    const q = source.quality();
    const malformed = garbage + 3;
    expect(q).toMatchObject({
      received: datagrams.length,
      accepted: 1002 - dropped.size - late.size,
      lost: dropped.size,
      late: late.size,
      duplicates: dups,
      malformed,
      rejected: malformed,
      clockJumps: 0,
      nanSamples: 0,
      overRangeSamples: 0,
    });
    expect(q.received).toBe(q.accepted + q.duplicates + q.late + q.rejected);
    expect(q.malformedByReason.crc).toBeGreaterThanOrEqual(1);
    expect(q.malformedByReason["too-long"]).toBeGreaterThanOrEqual(1);
    expect(q.malformedByReason["too-many-channels"]).toBeGreaterThanOrEqual(1);

    // delivered: strictly increasing, none of the dropped or late frames, samples intact
    const seqs = delivered.map((f) => f.seq);
    expect(seqs).toEqual([...Array(1002).keys()].filter((s) => !dropped.has(s) && !late.has(s)));
    for (const f of delivered) expect([...f.raw]).toEqual([...Array(C * N).keys()].map((i) => ((f.seq * 7 + i * 13) % 20001) - 10000));
    // a discontinuity after every hole (and at the start)
    const holes = new Set([...dropped, ...late]);
    expect(discontinuities).toEqual(seqs.filter((s) => s === 0 || holes.has(s - 1)));
    // every event reported once
    expect(events.filter((e) => e.kind === "late").map((e) => (e as { seq: number }).seq).sort((a, b) => a - b)).toEqual([...late].sort((a, b) => a - b));
    expect(events.filter((e) => e.kind === "duplicate")).toHaveLength(dups);
    expect(events.filter((e) => e.kind === "malformed")).toHaveLength(malformed);
    const gapFrames = events.flatMap((e) => (e.kind === "gap" ? [e.lostFrames] : [])).reduce((a, b) => a + b, 0);
    expect(gapFrames).toBe(dropped.size + late.size);

    await source.close();
    await source.close(); // twice is harmless
    // node drops a closed handle from its active list after the close callback has run
    await until(() => udpHandles() === before, 2000);
    expect(udpHandles()).toBe(before);
  });

  it("rejects a bind to a port in use with the socket's error and leaks nothing", async () => {
    const before = udpHandles();
    const a = await UdpSource.open();
    await expect(UdpSource.open({ port: a.address().port })).rejects.toThrow(/EADDRINUSE/);
    await a.close();
    await until(() => udpHandles() === before, 2000);
    expect(udpHandles()).toBe(before);
  });
});
