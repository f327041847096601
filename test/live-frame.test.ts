// The live frame codec (src/live/frame.ts, docs/frame.md): CRC-32C against RFC 3720's vectors,
// round trips of the three sample formats, every FrameError reason with its byte offset, the doc's
// example bytes, the stream scanner (frames split at every byte, garbage between frames) and a
// seeded fuzz loop of mutated frames (decode throws nothing but FrameError, allocates within limits).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { crc32c } from "../src/live/crc.js";
import {
  decodeFrame, encodeFrame, FrameError, FrameScanner, frameBytes, toBlock, DEFAULT_LIMITS, FLAG_START, HEADER_BYTES,
  type Frame, type FrameBlock, type FrameErrorReason, type FrameLimits, type ScanEvent,
} from "../src/live/frame.js";
import { rng } from "./helpers/rng.js";

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const fill = (n: number, f: (i: number) => number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => f(i));

describe("CRC-32C (RFC 3720)", () => {
  it("gives the check value and the RFC 3720 B.4 vectors", () => {
    expect(crc32c(ascii("123456789"))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    // RFC 3720 B.4 lists the CRC bytes in transmission order (least significant first)
    expect(crc32c(fill(32, () => 0x00))).toBe(0x8a9136aa);
    expect(crc32c(fill(32, () => 0xff))).toBe(0x62a8ab43);
    expect(crc32c(fill(32, (i) => i))).toBe(0x46dd794e);
    expect(crc32c(fill(32, (i) => 31 - i))).toBe(0x113fdb5c);
    const scsiRead = Uint8Array.from([
      0x01, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x14, 0, 0, 0, 0, 0, 0x04, 0, 0, 0, 0, 0x14, 0, 0, 0, 0x18,
      0x28, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(crc32c(scsiRead)).toBe(0xd9963a56);
  });
  it("checks a range inside a larger buffer", () => {
    const b = new Uint8Array([0xaa, ...ascii("123456789"), 0xbb]);
    expect(crc32c(b, 1, 10)).toBe(0xe3069283);
  });
});

function block(over: Partial<FrameBlock> = {}): FrameBlock {
  const channels = over.channels ?? 2;
  const n = over.samplesPerChannel ?? 3;
  return {
    format: "int16", channels, samplesPerChannel: n, seq: 7, t0: 1536, rateMilliHz: 25_600_000, scale: 2 ** -11,
    raw: Array.from({ length: channels * n }, (_, i) => (i % 2 ? -1 : 1) * (i + 1) * 100),
    ...over,
  };
}

function codeOf(f: () => unknown): { reason: FrameErrorReason; offset: number } {
  try {
    f();
  } catch (e) {
    if (e instanceof FrameError) return { reason: e.reason, offset: e.offset };
    throw e;
  }
  throw new Error("no FrameError");
}

describe("frame round trips", () => {
  it("int16: raw codes, header fields and physical values", () => {
    const b = block({ raw: [100, -100, 200, -200, -32768, 32767], seq: 0xffffffff, t0: 2 ** 53 - 1, flags: FLAG_START });
    const bytes = encodeFrame(b);
    expect(bytes.length).toBe(frameBytes("int16", 2, 3));
    const f = decodeFrame(bytes);
    expect(f).toMatchObject({ version: 1, format: "int16", channels: 2, samplesPerChannel: 3, seq: 0xffffffff, t0: 2 ** 53 - 1, rateMilliHz: 25_600_000, fs: 25_600, scale: 2 ** -11, flags: FLAG_START, byteLength: 48 });
    expect([...f.raw]).toEqual([100, -100, 200, -200, -32768, 32767]);
    const blk = toBlock(f);
    expect(blk).toMatchObject({ seq: 0xffffffff, t0: 2 ** 53 - 1, fs: 25_600 });
    expect([...blk.channels[0]!]).toEqual([100 / 2048, 200 / 2048, -32768 / 2048]);
    expect([...blk.channels[1]!]).toEqual([-100 / 2048, -200 / 2048, 32767 / 2048]);
  });
  it("int24: sign extension of bit 23 and the extreme codes", () => {
    const raw = [0, -1, 1, -8388608, 8388607, -65536, 65535, 0x7fff00, -0x7fff00, 123456];
    const bytes = encodeFrame(block({ format: "int24", channels: 5, samplesPerChannel: 2, raw }));
    // -1 is FF FF FF, -8388608 is 00 00 80 (low byte first)
    expect([...bytes.subarray(HEADER_BYTES + 3, HEADER_BYTES + 6)]).toEqual([0xff, 0xff, 0xff]);
    expect([...bytes.subarray(HEADER_BYTES + 9, HEADER_BYTES + 12)]).toEqual([0x00, 0x00, 0x80]);
    const f = decodeFrame(bytes);
    expect(f.raw).toBeInstanceOf(Int32Array);
    expect([...f.raw]).toEqual(raw);
  });
  it("float32: values (NaN and infinities included) come back as binary32; scale applies", () => {
    const raw = [1.5, -0.1, NaN, Infinity, -Infinity, 3.4e38, -0, 1e-45];
    const f = decodeFrame(encodeFrame(block({ format: "float32", channels: 4, samplesPerChannel: 2, raw, scale: 1 })));
    expect(f.raw).toBeInstanceOf(Float32Array);
    expect([...f.raw]).toEqual(raw.map((v) => Math.fround(v)));
    expect(Object.is(f.raw[6], -0)).toBe(true);
    const g = decodeFrame(encodeFrame(block({ format: "float32", channels: 1, samplesPerChannel: 2, raw: [2, -4], scale: 0.5 })));
    expect([...toBlock(g).channels[0]!]).toEqual([1, -2]);
  });
  it("decodes a frame inside a larger buffer at an odd offset (pooled Buffers)", () => {
    const bytes = encodeFrame(block({ format: "int24" }));
    const big = new Uint8Array(bytes.length + 5);
    big.set(bytes, 3);
    const f = decodeFrame(big.subarray(3, 3 + bytes.length));
    expect([...f.raw]).toEqual([...decodeFrame(bytes).raw]);
  });
  it("64 channels, and the encoder refuses what no receiver accepts", () => {
    const f = decodeFrame(encodeFrame(block({ channels: 64, samplesPerChannel: 1, raw: Array.from({ length: 64 }, (_, i) => i) })));
    expect(f.channels).toBe(64);
    expect(() => encodeFrame(block({ channels: 65, samplesPerChannel: 1, raw: new Array(65).fill(0) }))).toThrow(RangeError);
    expect(() => encodeFrame(block({ raw: [1, 2, 3] }))).toThrow(/raw has 3 samples/);
    expect(() => encodeFrame(block({ raw: [40000, 0, 0, 0, 0, 0] }))).toThrow(/not an int16 code/);
    expect(() => encodeFrame(block({ scale: 0 }))).toThrow(RangeError);
    expect(() => encodeFrame(block({ scale: 1e39 }))).toThrow(RangeError);
    expect(() => encodeFrame(block({ flags: 2 }))).toThrow(RangeError);
  });
});

describe("FrameError reasons and offsets", () => {
  const good = encodeFrame(block());
  const mutate = (f: (b: Uint8Array, v: DataView) => void, src = good): Uint8Array => {
    const b = src.slice();
    f(b, new DataView(b.buffer));
    return b;
  };
  const cases: Array<[FrameErrorReason, number, Uint8Array, FrameLimits?]> = [
    ["bad-sync", 0, mutate((b) => (b[0] = 0x55))],
    ["bad-sync", 3, mutate((b) => (b[3] = 0x31))],
    ["short", 31, good.slice(0, 31)],
    ["short", 0, new Uint8Array(0)],
    ["too-long", 100, new Uint8Array(101), { ...DEFAULT_LIMITS, maxFrameBytes: 100 }],
    ["bad-version", 4, mutate((b) => (b[4] = 2))],
    ["bad-format", 5, mutate((b) => (b[5] = 0))],
    ["bad-format", 5, mutate((b) => (b[5] = 4))],
    ["bad-channels", 6, mutate((b) => (b[6] = 0))],
    ["too-many-channels", 6, mutate((b) => (b[6] = 65))],
    ["too-many-channels", 6, good, { ...DEFAULT_LIMITS, maxChannels: 1 }],
    ["bad-flags", 7, mutate((b) => (b[7] = 0x80))],
    ["bad-samples", 8, mutate((_, v) => v.setUint16(8, 0, true))],
    ["too-many-samples", 8, mutate((_, v) => v.setUint16(8, 5000, true))],
    ["too-long", 8, good.slice(0, 40), { ...DEFAULT_LIMITS, maxFrameBytes: 47 }],
    ["bad-reserved", 10, mutate((b) => (b[11] = 1))],
    ["bad-timestamp", 20, mutate((b) => (b[22] = 0x20))],
    ["bad-rate", 24, mutate((_, v) => v.setUint32(24, 0, true))],
    ["bad-scale", 28, mutate((_, v) => v.setFloat32(28, NaN, true))],
    ["bad-scale", 28, mutate((_, v) => v.setFloat32(28, Infinity, true))],
    ["bad-scale", 28, mutate((_, v) => v.setFloat32(28, 0, true))],
    ["length-mismatch", 47, good.slice(0, 47)],
    ["length-mismatch", 48, new Uint8Array([...good, 0])],
    ["length-mismatch", 48, mutate((_, v) => v.setUint16(8, 4, true))],
    ["crc", 44, mutate((b) => (b[HEADER_BYTES + 1] ^= 0x01))],
    ["crc", 44, mutate((b) => (b[47] ^= 0x80))],
    ["crc", 44, mutate((_, v) => v.setUint32(12, 8, true))],
  ];
  it.each(cases.map((c, i) => [i, ...c] as const))("case %i: %s at byte %i", (_i, reason, offset, bytes, limits) => {
    expect(codeOf(() => decodeFrame(bytes, limits ?? DEFAULT_LIMITS))).toEqual({ reason, offset });
  });
  it("the message names the reason and the offset", () => {
    expect(() => decodeFrame(mutate((b) => (b[5] = 9)))).toThrow("frame bad-format at byte 5: sample format code 9 (1 int16, 2 int24, 3 float32)");
  });
});

describe("docs/frame.md", () => {
  it("the example frame is exactly what the encoder produces", () => {
    const doc = readFileSync(new URL("../docs/frame.md", import.meta.url), "utf8");
    const m = /<!-- example-frame[^>]*-->\s*```\n([\s\S]*?)```/.exec(doc);
    expect(m).not.toBeNull();
    const docBytes = m![1]!.trim().split(/\s+/).map((h) => parseInt(h, 16));
    const bytes = encodeFrame({ format: "int16", channels: 2, samplesPerChannel: 3, seq: 7, t0: 1536, rateMilliHz: 25_600_000, scale: 0.00048828125, raw: [100, -100, 200, -200, -32768, 32767] });
    expect(docBytes).toEqual([...bytes]);
    expect(decodeFrame(Uint8Array.from(docBytes)).seq).toBe(7);
  });
  it("the size table's frame lengths are right and fit one Ethernet packet", () => {
    const doc = readFileSync(new URL("../docs/frame.md", import.meta.url), "utf8");
    const rows = [...doc.matchAll(/^\| (int16|int24|float32) \| (\d+) × (\d+) \| (\d+) \|$/gm)];
    expect(rows.length).toBe(4);
    for (const [, format, c, n, bytes] of rows) {
      expect(frameBytes(format as "int16" | "int24" | "float32", Number(c), Number(n))).toBe(Number(bytes));
      expect(Number(bytes)).toBeLessThanOrEqual(1472);
    }
  });
});

function frames(count: number, startSeq = 0): Uint8Array[] {
  return Array.from({ length: count }, (_, k) =>
    encodeFrame(block({ format: k % 3 === 0 ? "int24" : k % 3 === 1 ? "int16" : "float32", seq: startSeq + k, t0: (startSeq + k) * 3, raw: [k, -k | 0, 2 * k, -2 * k | 0, 3 * k, 7] })),
  );
}

function scanAll(chunks: Uint8Array[], limits: FrameLimits = DEFAULT_LIMITS): ScanEvent[] {
  const s = new FrameScanner(limits);
  const out: ScanEvent[] = [];
  for (const c of chunks) out.push(...s.push(c));
  out.push(...s.flush());
  return out;
}

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

const summary = (ev: ScanEvent[]): string[] =>
  ev.map((e) => (e.kind === "frame" ? `frame ${e.frame.seq}@${e.offset}` : e.kind === "skipped" ? `skip ${e.bytes}@${e.offset}` : `error ${e.error.reason}@${e.offset}`));

describe("FrameScanner", () => {
  const fs = frames(3);
  // garbage: a partial sync word, a false sync with a bad header, a corrupted frame, plain noise
  const corrupted = frames(1, 99)[0]!.slice();
  corrupted[40] ^= 0xff;
  const garbage1 = Uint8Array.from([0x00, 0x54, 0x57, 0x46, 0x99]);
  const falseSync = concat([ascii("TWFR"), new Uint8Array(40).fill(0x07)]);
  const stream = concat([garbage1, fs[0]!, falseSync, fs[1]!, corrupted, fs[2]!, ascii("TW")]);
  const o1 = garbage1.length;
  const o2 = o1 + fs[0]!.length;
  const o3 = o2 + falseSync.length;
  const o4 = o3 + fs[1]!.length;
  const o5 = o4 + corrupted.length;
  const expected = [
    `skip 5@0`, `frame 0@${o1}`, `error bad-version@${o2}`, `skip ${falseSync.length}@${o2}`, `frame 1@${o3}`,
    `error crc@${o4}`, `skip ${corrupted.length}@${o4}`, `frame 2@${o5}`, `skip 2@${o5 + fs[2]!.length}`,
  ];

  it("finds frames between garbage in one chunk and reports skipped bytes and errors", () => {
    expect(summary(scanAll([stream]))).toEqual(expected);
  });
  it("gives the same result with the stream split at every byte boundary", () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(summary(scanAll([stream.subarray(0, cut), stream.subarray(cut)])), `cut ${cut}`).toEqual(expected);
    }
  });
  it("gives the same result fed one byte at a time and in random chunks", () => {
    expect(summary(scanAll(Array.from(stream, (b) => Uint8Array.of(b))))).toEqual(expected);
    const r = rng(7);
    for (let trial = 0; trial < 50; trial++) {
      const chunks: Uint8Array[] = [];
      for (let p = 0; p < stream.length; ) {
        const n = 1 + Math.floor(r() * 40);
        chunks.push(stream.subarray(p, p + n));
        p += n;
      }
      expect(summary(scanAll(chunks))).toEqual(expected);
    }
  });
  it("decodes the samples of frames found in a stream", () => {
    const ev = scanAll([stream]).filter((e): e is Extract<ScanEvent, { kind: "frame" }> => e.kind === "frame");
    expect(ev.map((e) => [...e.frame.raw])).toEqual([0, 1, 2].map((k) => [k, -k | 0, 2 * k, -2 * k | 0, 3 * k, 7]));
  });
  it("resynchronises after a header announcing more than the limits (no buffering of it)", () => {
    const big = encodeFrame(block({ channels: 8, samplesPerChannel: 100, raw: new Array(800).fill(1) }));
    const ev = summary(scanAll([concat([big, fs[0]!])], { ...DEFAULT_LIMITS, maxFrameBytes: 1000 }));
    expect(ev[0]).toBe("error too-long@0");
    expect(ev.at(-1)).toBe(`frame 0@${big.length}`);
  });
});

describe("fuzz: mutated frames", () => {
  const limits: FrameLimits = { maxChannels: 8, maxSamplesPerChannel: 64, maxFrameBytes: 2048 };
  const seeds = [
    encodeFrame(block()),
    encodeFrame(block({ format: "int24", channels: 8, samplesPerChannel: 4, raw: Array.from({ length: 32 }, (_, i) => i * 1000 - 16000) })),
    encodeFrame(block({ format: "float32", channels: 3, samplesPerChannel: 5, raw: Array.from({ length: 15 }, (_, i) => i / 7), flags: FLAG_START })),
  ];

  function mutateOnce(r: () => number, src: Uint8Array): Uint8Array {
    const b = src.slice();
    const kind = Math.floor(r() * 6);
    const at = Math.floor(r() * b.length);
    if (kind === 0) {
      b[at] ^= 1 << Math.floor(r() * 8); // one bit flip
      return b;
    }
    if (kind === 1) {
      for (let k = 0; k < 1 + Math.floor(r() * 8); k++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      return b;
    }
    if (kind === 2) return b.slice(0, at); // truncation
    if (kind === 3) return concat([b, Uint8Array.from({ length: 1 + Math.floor(r() * 64) }, () => Math.floor(r() * 256))]);
    if (kind === 4) {
      // header length fields rewritten (channels, samples) so the announced length lies
      const v = new DataView(b.buffer);
      if (b.length >= 10) v.setUint16(8, Math.floor(r() * 65536), true);
      if (b.length >= 7) b[6] = Math.floor(r() * 256);
      return b;
    }
    return Uint8Array.from({ length: Math.floor(r() * 200) }, () => Math.floor(r() * 256));
  }

  it("decode returns a frame within the limits or throws FrameError, 20,000 mutations", () => {
    const r = rng(20261206);
    const reasons = new Map<string, number>();
    let decoded = 0;
    for (let i = 0; i < 20_000; i++) {
      const bytes = mutateOnce(r, seeds[i % seeds.length]!);
      let f: Frame;
      try {
        f = decodeFrame(bytes, limits);
      } catch (e) {
        expect(e).toBeInstanceOf(FrameError);
        const fe = e as FrameError;
        expect(fe.offset).toBeGreaterThanOrEqual(0);
        expect(fe.offset).toBeLessThanOrEqual(Math.max(bytes.length, limits.maxFrameBytes));
        reasons.set(fe.reason, (reasons.get(fe.reason) ?? 0) + 1);
        continue;
      }
      decoded++;
      expect(f.channels).toBeLessThanOrEqual(limits.maxChannels);
      expect(f.samplesPerChannel).toBeLessThanOrEqual(limits.maxSamplesPerChannel);
      expect(f.byteLength).toBe(bytes.length);
      expect(f.raw.length).toBe(f.channels * f.samplesPerChannel);
      // a frame that decodes is byte-identical to its re-encoding (nothing accepted that we would not send)
      expect([...encodeFrame({ ...f, raw: f.raw })]).toEqual([...bytes]);
    }
    // the mutations reach the CRC, the length check and the header checks
    for (const reason of ["crc", "length-mismatch", "short", "bad-sync", "too-many-channels"]) expect(reasons.get(reason) ?? 0, reason).toBeGreaterThan(0);
    // only mutations that change nothing (a truncation at the end never) decode: a flipped bit always fails the CRC
    expect(decoded).toBeLessThan(200);
  });

  it("the scanner survives random byte streams with frames mixed in", () => {
    const r = rng(42);
    for (let trial = 0; trial < 200; trial++) {
      const parts: Uint8Array[] = [];
      const good: number[] = [];
      for (let k = 0; k < 6; k++) {
        if (r() < 0.5) {
          const f = encodeFrame(block({ seq: trial * 10 + k }));
          parts.push(f);
          good.push(trial * 10 + k);
        } else parts.push(mutateOnce(r, seeds[k % 3]!));
      }
      const stream = concat(parts);
      const s = new FrameScanner(limits);
      const found: number[] = [];
      let consumed = 0;
      const take = (events: ScanEvent[]): void => {
        for (const e of events) {
          if (e.kind === "frame") {
            found.push(e.frame.seq);
            consumed += e.frame.byteLength;
          }
          if (e.kind === "skipped") consumed += e.bytes;
        }
      };
      for (let p = 0; p < stream.length; p += 17) take(s.push(stream.subarray(p, p + 17)));
      take(s.flush());
      // every byte is accounted for, once, as part of a frame or as skipped
      expect(consumed).toBe(stream.length);
      // every intact frame is found (a mutated frame may also decode if its mutation was harmless)
      for (const seq of good) expect(found).toContain(seq);
    }
  });
});
