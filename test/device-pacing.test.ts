// The device's clock (src/device/pacing.ts) on a virtual wall clock: frame k is due at
// start + (k + 1)·N/fs, computed from the start, so a late frame goes at once and the frames after it
// are back on schedule (no drift), and the lag is reported; `fast` never waits.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeFrame } from "../src/live/frame.js";
import { frameSpec } from "../src/device/frames.js";
import { streamDevice } from "../src/device/pacing.js";
import { DeviceSimulator } from "../src/device/simulator.js";
import type { Transmitter } from "../src/device/transmit.js";
import { parseRotorModel } from "../src/rotor/validate.js";

const MODEL = fileURLToPath(new URL("../models/test-rig.json", import.meta.url));
const model = parseRotorModel(readFileSync(MODEL, "utf8"), MODEL);

/** A transmitter that records when (virtual ms) each frame left; it drops those listed. */
function recorder(clock: { t: number }, drop: Set<number> = new Set()): Transmitter & { sent: { at: number; frame: Uint8Array }[] } {
  const sent: { at: number; frame: Uint8Array }[] = [];
  let k = 0;
  return {
    url: "test:",
    kind: "udp",
    sent,
    async send(frame) {
      sent.push({ at: clock.t, frame });
      return !drop.has(k++);
    },
    async close() {},
  };
}

describe("device pacing", () => {
  it("sends frame k at start + (k+1)·N/fs; a late frame goes at once and the next is on time again", async () => {
    const sim = DeviceSimulator.open({ model, file: MODEL }, { fs: 1000, speed: { kind: "constant", rpm: 1200 }, unbalance: [{ node: 4, magnitude: 1e-4, phase: 0 }] });
    const clock = { t: 1000 };
    const tx = recorder(clock, new Set([3]));
    const sleeps: number[] = [];
    const stats = await streamDevice(
      sim,
      frameSpec(sim.info),
      tx,
      {
        frameSamples: 100,
        totalSamples: 550,
        realtime: true,
        now: () => clock.t,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock.t += ms;
        },
      },
      // the machine stalls for 250 ms while the third frame is computed
      (b) => {
        if (b.first === 200) clock.t += 250;
      },
    );
    sim.free();
    // due 100, 200, 300, 400, 500, 550 ms after the start: the third frame, due at 300 ms, is ready at
    // 450 ms and leaves at once (150 ms late), the fourth (due 400) too, then the schedule holds again
    expect(tx.sent.map((s) => s.at - 1000)).toEqual([100, 200, 450, 450, 500, 550]);
    expect(sleeps).toEqual([100, 100, 50, 50]);
    expect(stats).toMatchObject({ frames: 6, delivered: 5, dropped: 1, samples: 550, maxLagMs: 150, elapsedMs: 550, aborted: false });
    const frames = tx.sent.map((s) => decodeFrame(s.frame));
    expect(frames.map((f) => [f.seq, f.t0, f.samplesPerChannel, f.flags])).toEqual([[0, 0, 100, 1], [1, 100, 100, 0], [2, 200, 100, 0], [3, 300, 100, 0], [4, 400, 100, 0], [5, 500, 50, 0]]);
  });

  it("never waits in fast mode and stops at the abort signal", async () => {
    const sim = DeviceSimulator.open({ model, file: MODEL }, { fs: 1000, speed: { kind: "constant", rpm: 1200 }, unbalance: [{ node: 4, magnitude: 1e-4, phase: 0 }] });
    const clock = { t: 0 };
    const tx = recorder(clock);
    const abort = new AbortController();
    const orig = tx.send.bind(tx);
    tx.send = async (f) => {
      if (tx.sent.length === 3) abort.abort();
      return orig(f);
    };
    const stats = await streamDevice(sim, frameSpec(sim.info), tx, {
      frameSamples: 10,
      totalSamples: Infinity,
      realtime: false,
      signal: abort.signal,
      now: () => clock.t,
      sleep: async () => {
        throw new Error("slept in fast mode");
      },
    });
    sim.free();
    expect(stats).toMatchObject({ frames: 4, samples: 40, aborted: true, maxLagMs: 0 });
  });
});
