// Stream quality (src/live/tracker.ts): gaps (u32 wrap included), duplicates, late (reordered)
// frames, NaN and over-range samples, clock jumps, rate changes, restarts, channel mismatches and
// malformed input; the counts add up (received = accepted + duplicates + late + rejected) and match
// exactly what a seeded "network" did to a frame sequence.
import { describe, expect, it } from "vitest";
import { decodeFrame, encodeFrame, FLAG_START, FrameError, type Frame, type FrameBlock } from "../src/live/frame.js";
import { seqDistance, StreamTracker, type Decision, type QualityEvent, type StreamQuality } from "../src/live/tracker.js";

const N = 4; // samples per channel per frame

function frame(seq: number, over: Partial<FrameBlock> = {}): Frame {
  const channels = over.channels ?? 2;
  const n = over.samplesPerChannel ?? N;
  return decodeFrame(
    encodeFrame({
      format: "int16", channels, samplesPerChannel: n, seq, t0: seq * n, rateMilliHz: 1_000_000, scale: 0.01,
      raw: Array.from({ length: channels * n }, (_, i) => i - 3),
      ...over,
    }),
  );
}

function run(t: StreamTracker, frames: Frame[]): Decision[] {
  return frames.map((f) => t.frame(f));
}

function balanced(q: StreamQuality): void {
  expect(q.received).toBe(q.accepted + q.duplicates + q.late + q.rejected);
  expect(q.rejected).toBe(q.malformed + q.channelMismatch + q.badSampleFrames);
}

describe("serial-number arithmetic", () => {
  it("takes distances modulo 2^32 as signed 32-bit values", () => {
    expect(seqDistance(1, 0)).toBe(1);
    expect(seqDistance(0, 0xffffffff)).toBe(1);
    expect(seqDistance(0xffffffff, 0)).toBe(-1);
    expect(seqDistance(5, 0xfffffffe)).toBe(7);
    expect(seqDistance(0x7fffffff, 0)).toBe(0x7fffffff);
    expect(seqDistance(0x80000000, 0)).toBe(-0x80000000);
  });
});

describe("StreamTracker", () => {
  it("delivers an in-order stream; only the first frame starts a new run", () => {
    const t = new StreamTracker({ channels: 2 });
    const d = run(t, [0, 1, 2, 3].map((s) => frame(s)));
    expect(d.map((x) => [x.deliver, x.discontinuity, x.events.length])).toEqual([[true, true, 0], [true, false, 0], [true, false, 0], [true, false, 0]]);
    expect(t.quality()).toMatchObject({ received: 4, accepted: 4, lost: 0, gaps: 0, duplicates: 0, late: 0, rejected: 0 });
  });

  it("reports a gap with lost frames and samples and marks the next frame discontinuous", () => {
    const t = new StreamTracker();
    const d = run(t, [frame(10), frame(11), frame(14), frame(15)]);
    expect(d[2]!.events).toEqual([{ kind: "gap", from: 12, to: 13, lostFrames: 2, lostSamples: 2 * N }]);
    expect(d[2]!.deliver).toBe(true);
    expect(d[2]!.discontinuity).toBe(true);
    expect(d[3]!.discontinuity).toBe(false);
    expect(t.quality()).toMatchObject({ received: 4, accepted: 4, lost: 2, gaps: 1 });
  });

  it("handles the u32 wrap: no gap across it, and a gap that spans it", () => {
    const wrapT0 = (s: number, k: number): Frame => frame(s, { t0: 1000 + k * N });
    const t = new StreamTracker();
    const d = run(t, [wrapT0(0xfffffffe, 0), wrapT0(0xffffffff, 1), wrapT0(0, 2), wrapT0(1, 3)]);
    expect(d.flatMap((x) => x.events)).toEqual([]);
    expect(d.slice(1).every((x) => x.deliver && !x.discontinuity)).toBe(true);

    const u = new StreamTracker();
    const e = run(u, [wrapT0(0xfffffffe, 0), wrapT0(2, 4)]);
    expect(e[1]!.events).toEqual([{ kind: "gap", from: 0xffffffff, to: 1, lostFrames: 3, lostSamples: 3 * N }]);
    // and the frame that arrives late from inside the wrapped gap is recognised as late
    expect(u.frame(wrapT0(0, 2)).events).toEqual([{ kind: "late", seq: 0, behind: 2 }]);
    expect(u.quality()).toMatchObject({ lost: 2, late: 1 });
  });

  it("drops duplicates and counts them", () => {
    const t = new StreamTracker();
    const d = run(t, [frame(0), frame(1), frame(1), frame(2), frame(0)]);
    expect(d.map((x) => x.deliver)).toEqual([true, true, false, true, false]);
    expect(d[2]!.events).toEqual([{ kind: "duplicate", seq: 1 }]);
    expect(d[4]!.events).toEqual([{ kind: "duplicate", seq: 0 }]);
    expect(d[3]!.discontinuity).toBe(false);
    const q = t.quality();
    expect(q).toMatchObject({ received: 5, accepted: 3, duplicates: 2, lost: 0 });
    balanced(q);
  });

  it("drops late (reordered) frames: reported, not re-inserted; the hole stays a hole", () => {
    const t = new StreamTracker();
    const d = run(t, [frame(0), frame(2), frame(1), frame(3)]);
    expect(d[1]!.events).toEqual([{ kind: "gap", from: 1, to: 1, lostFrames: 1, lostSamples: N }]);
    expect(d[2]).toEqual({ deliver: false, discontinuity: false, events: [{ kind: "late", seq: 1, behind: 1 }] });
    expect(d[3]!.deliver && !d[3]!.discontinuity).toBe(true);
    const q = t.quality();
    expect(q).toMatchObject({ received: 4, accepted: 3, late: 1, lost: 0, gaps: 1 });
    balanced(q);
    // a second copy of the late frame is a duplicate
    expect(t.frame(frame(1)).events).toEqual([{ kind: "duplicate", seq: 1 }]);
  });

  it("rejects frames with NaN or infinite samples and names the channels", () => {
    const t = new StreamTracker();
    const f32 = (seq: number, raw: number[]): Frame => frame(seq, { format: "float32", channels: 3, samplesPerChannel: 2, t0: seq * 2, raw, scale: 1 });
    const d = run(t, [f32(0, [1, 2, 3, 4, 5, 6]), f32(1, [1, NaN, 3, 4, NaN, Infinity]), f32(2, [1, 2, 3, 4, 5, 6])]);
    expect(d[1]).toEqual({ deliver: false, discontinuity: false, events: [{ kind: "nan", seq: 1, samples: 3, channels: [1, 2] }] });
    // no gap (the frame arrived), but the delivered stream has a hole: the next frame is discontinuous
    expect(d[2]!.events).toEqual([]);
    expect(d[2]!.discontinuity).toBe(true);
    const q = t.quality();
    expect(q).toMatchObject({ received: 3, accepted: 2, rejected: 1, nanSamples: 3, nanFrames: 1, lost: 0 });
    balanced(q);
  });

  it("rejects clipped ADC codes and values beyond the physical range", () => {
    const t = new StreamTracker({ physicalRange: 100 });
    const d = run(t, [
      frame(0, { raw: [0, 1, 2, 3, 4, 5, 6, 32767] }),
      frame(1, { raw: [-32768, 1, 2, 3, 4, 5, 6, 7] }),
      frame(2, { format: "int24", raw: [0, 8388607, 2, -8388608, 4, 5, 6, 7] }),
      frame(3, { raw: [10000, 1, 2, -10001, 4, 5, 6, 7] }), // 10000 × 0.01 = 100: in range; −100.01: beyond
      frame(4, { format: "float32", scale: 1, raw: [0, 1, 3.4e38, 3, 4, 5, 6, 7] }),
      frame(5),
    ]);
    expect(d.map((x) => x.events)).toEqual([
      [{ kind: "over-range", seq: 0, samples: 1, channels: [1] }],
      [{ kind: "over-range", seq: 1, samples: 1, channels: [0] }],
      [{ kind: "over-range", seq: 2, samples: 2, channels: [1] }],
      [{ kind: "over-range", seq: 3, samples: 1, channels: [1] }],
      [{ kind: "over-range", seq: 4, samples: 1, channels: [0] }],
      [],
    ]);
    expect(d.map((x) => x.deliver)).toEqual([false, false, false, false, false, true]);
    const q = t.quality();
    expect(q).toMatchObject({ overRangeSamples: 6, overRangeFrames: 5, accepted: 1 });
    balanced(q);
    // without a physical range only the clipped codes count
    const u = new StreamTracker();
    expect(u.frame(frame(0, { raw: [32766, -32767, 0, 0, 0, 0, 0, 0] })).deliver).toBe(true);
  });

  it("reports clock jumps (forward and back) and rate changes; the frame is delivered as discontinuous", () => {
    const t = new StreamTracker();
    const d = run(t, [frame(0), frame(1), frame(2, { t0: 2 * N + 100 }), frame(3, { t0: 3 * N + 100 }), frame(4, { t0: 7 }), frame(5, { t0: 7 + N, rateMilliHz: 2_000_000 })]);
    expect(d[2]!.events).toEqual([{ kind: "clock-jump", seq: 2, expectedT0: 2 * N, t0: 2 * N + 100, jump: 100 }]);
    expect(d[2]!.deliver && d[2]!.discontinuity).toBe(true);
    expect(d[3]!.events).toEqual([]);
    expect(d[3]!.discontinuity).toBe(false);
    expect(d[4]!.events).toEqual([{ kind: "clock-jump", seq: 4, expectedT0: 4 * N + 100, t0: 7, jump: 7 - 4 * N - 100 }]);
    expect(d[5]!.events).toEqual([{ kind: "rate-change", seq: 5, fromMilliHz: 1_000_000, toMilliHz: 2_000_000 }]);
    expect(d[5]!.discontinuity).toBe(true);
    expect(t.quality()).toMatchObject({ clockJumps: 2, rateChanges: 1, accepted: 6 });
  });

  it("checks the clock across a gap and honours a tolerance", () => {
    const t = new StreamTracker({ clockToleranceSamples: 2 });
    const d = run(t, [frame(0), frame(3), frame(4, { t0: 4 * N + 2 }), frame(5, { t0: 5 * N + 5 })]);
    expect(d[1]!.events.map((e) => e.kind)).toEqual(["gap"]);
    expect(d[2]!.events).toEqual([]);
    expect(d[3]!.events).toEqual([{ kind: "clock-jump", seq: 5, expectedT0: 5 * N + 2, t0: 5 * N + 5, jump: 3 }]);
  });

  it("starts over on FLAG_START and on a sequence number far behind the window", () => {
    const t = new StreamTracker({ window: 16 });
    const d = run(t, [frame(100), frame(101), frame(0, { flags: FLAG_START }), frame(1), frame(500), frame(2, { t0: 9999 })]);
    expect(d[2]!.events).toEqual([{ kind: "restart", seq: 0, announced: true }]);
    expect(d[2]!.deliver && d[2]!.discontinuity).toBe(true);
    expect(d[3]!.events).toEqual([]);
    expect(d[4]!.events).toEqual([{ kind: "gap", from: 2, to: 499, lostFrames: 498, lostSamples: 498 * N }]);
    expect(d[5]!.events).toEqual([{ kind: "restart", seq: 2, announced: false }]);
    expect(t.quality().restarts).toBe(2);
  });

  it("a copy of a START frame is a duplicate; the same START frame after a reboot is a restart", () => {
    const t = new StreamTracker({ duplicateHorizon: 8 });
    const s0 = frame(0, { flags: FLAG_START });
    const d = run(t, [s0, frame(1), s0, frame(2)]);
    expect(d.map((x) => x.deliver)).toEqual([true, true, false, true]);
    expect(d[2]!.events).toEqual([{ kind: "duplicate", seq: 0 }]);
    expect(d[3]!.discontinuity).toBe(false);
    for (let s = 3; s < 20; s++) t.frame(frame(s));
    // the sender reboots: seq 0, t0 0 again, then 1, 2, … are delivered, not taken for old copies
    const e = run(t, [frame(0, { flags: FLAG_START }), frame(1), frame(2)]);
    expect(e.map((x) => [x.deliver, x.discontinuity, x.events.map((ev) => ev.kind)])).toEqual([[true, true, ["restart"]], [true, false, []], [true, false, []]]);
    expect(t.quality()).toMatchObject({ restarts: 2, duplicates: 1, lost: 0, clockJumps: 0 });
  });

  it("takes a received sequence number with another timestamp as an unannounced restart, not a duplicate", () => {
    const t = new StreamTracker();
    const d = run(t, [frame(0), frame(1), frame(2), frame(0, { t0: 50_000 }), frame(1, { t0: 50_000 + N })]);
    expect(d[3]!.events).toEqual([{ kind: "restart", seq: 0, announced: false }]);
    expect(d[3]!.deliver && d[3]!.discontinuity).toBe(true);
    expect(d[4]!.events).toEqual([]);
    expect(d[4]!.deliver && !d[4]!.discontinuity).toBe(true);
    expect(t.quality()).toMatchObject({ received: 5, accepted: 5, duplicates: 0, restarts: 1 });
    expect(() => new StreamTracker({ window: 1 })).toThrow(RangeError);
  });

  it("rejects a frame with another channel count than configured", () => {
    const t = new StreamTracker({ channels: 2 });
    const d = run(t, [frame(0), frame(1, { channels: 3 }), frame(2)]);
    expect(d[1]).toEqual({ deliver: false, discontinuity: false, events: [{ kind: "channel-mismatch", seq: 1, channels: 3, expected: 2 }] });
    // it arrived in sequence (no gap), but the delivered stream has a hole
    expect(d[2]!.events).toEqual([]);
    expect(d[2]!.deliver && d[2]!.discontinuity).toBe(true);
    expect(t.quality()).toMatchObject({ received: 3, accepted: 2, rejected: 1, channelMismatch: 1, lost: 0 });
    balanced(t.quality());
  });

  it("counts malformed input by reason and skipped bytes", () => {
    const t = new StreamTracker();
    expect(t.malformed(new FrameError("crc", 44, "x"), 48)).toEqual({ kind: "malformed", reason: "crc", offset: 44, bytes: 48 });
    t.malformed(new FrameError("crc", 44, "x"), 48);
    t.malformed(new FrameError("bad-sync", 0, "x"), 7);
    expect(t.skipped(13)).toEqual({ kind: "skipped", bytes: 13 });
    const q = t.quality();
    expect(q).toMatchObject({ received: 3, rejected: 3, malformed: 3, malformedByReason: { crc: 2, "bad-sync": 1 }, skippedBytes: 13 });
    balanced(q);
  });

  it("random headers never break it: no throw, counts balanced, delivered frames strictly in sequence within a run", () => {
    let a = 99;
    const r = (): number => {
      a = (a + 0x6d2b79f5) >>> 0;
      let x = a;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const t = new StreamTracker({ channels: 2, window: 32, physicalRange: 1e6 });
    let seq = 0xfffffff0;
    let last: { seq: number; t0: number } | undefined;
    for (let i = 0; i < 5000; i++) {
      const u = r();
      seq = (seq + (u < 0.7 ? 1 : u < 0.8 ? 0 : u < 0.9 ? -Math.floor(r() * 40) : Math.floor(r() * 100)) + 0x100000000) % 0x100000000;
      const t0 = r() < 0.95 ? seq % 1_000_000 * N : Math.floor(r() * 1e9);
      const d = t.frame(frame(seq, { t0, flags: r() < 0.01 ? FLAG_START : 0, channels: r() < 0.02 ? 3 : 2, rateMilliHz: r() < 0.01 ? 2_000_000 : 1_000_000 }));
      if (d.deliver) {
        if (last !== undefined && !d.discontinuity) {
          expect(d.events).toEqual([]);
          expect(seqDistance(seq, last.seq)).toBe(1);
          expect(t0).toBe(last.t0 + N);
        }
        last = { seq, t0 };
      } else {
        expect(d.discontinuity).toBe(false);
      }
    }
    const q = t.quality();
    balanced(q);
    expect(q.received).toBe(5000);
    expect(q.lost).toBeGreaterThanOrEqual(0);
    expect(q.restarts).toBeGreaterThan(0);
    expect(q.duplicates).toBeGreaterThan(0);
  });

  it("matches exactly what a seeded network did: loss, duplication, reordering, corruption", () => {
    let a = 12345;
    const r = (): number => {
      a = (a + 0x6d2b79f5) >>> 0;
      let x = a;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const start = 0xffffffff - 500; // the run crosses the u32 wrap
    const out: Array<Frame | "garbage"> = [];
    let dropped = 0;
    let dups = 0;
    let swaps = 0;
    let garbage = 0;
    let held: Frame | undefined;
    for (let k = 0; k < 2000; k++) {
      const f = frame((start + k) % 0x100000000, { t0: k * N });
      const u = r();
      if (u < 0.01 && held === undefined) {
        dropped++;
        continue;
      }
      if (u < 0.02 && held === undefined && k < 1999) {
        held = f; // sent after the next frame
        swaps++;
        continue;
      }
      out.push(f);
      if (held !== undefined) {
        out.push(held);
        held = undefined;
      }
      if (u > 0.99) {
        out.push(f);
        dups++;
      }
      if (u > 0.985 && u <= 0.99) {
        out.push("garbage");
        garbage++;
      }
    }
    const t = new StreamTracker({ channels: 2 });
    const kinds = new Map<QualityEvent["kind"], number>();
    let delivered = 0;
    for (const f of out) {
      const events = f === "garbage" ? [t.malformed(new FrameError("crc", 44, "garbage"), 48)] : t.frame(f).events;
      for (const e of events) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
      if (f !== "garbage" && t.quality().accepted > delivered) delivered++;
    }
    expect(dropped).toBeGreaterThan(5);
    expect(swaps).toBeGreaterThan(5);
    expect(dups).toBeGreaterThan(5);
    const q = t.quality();
    expect(q).toMatchObject({
      received: 2000 - dropped + dups + garbage, accepted: 2000 - dropped - swaps, lost: dropped, late: swaps, duplicates: dups,
      malformed: garbage, rejected: garbage, clockJumps: 0, restarts: 0,
    });
    expect(kinds.get("late")).toBe(swaps);
    expect(kinds.get("gap")).toBe(q.gaps);
    balanced(q);
  });
});
