// machine-twin/live: the embedded broker as `twin broker` runs it (a frame published reaches a
// subscriber), the frame codec's round trip, and its errors' classes.
import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { ArgumentError, InputError } from "../src/errors.js";
import { main } from "../src/cli/main.js";
import { decodeFrame, encodeFrame, FrameError, startBroker } from "../src/live/index.js";

describe("startBroker", () => {
  it("carries a frame from a publisher to a subscriber, and closes", async () => {
    const broker = await startBroker({ port: 0 });
    try {
      expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
      const frame = encodeFrame({ format: "float32", channels: 1, samplesPerChannel: 2, seq: 0, t0: 0, rateMilliHz: 1_000_000, scale: 1, raw: [0.5, -0.5] });
      const sub = await mqtt.connectAsync(broker.url);
      const got = new Promise<Buffer>((resolve) => sub.on("message", (_t, payload) => resolve(payload)));
      await sub.subscribeAsync("rig/frames");
      const pub = await mqtt.connectAsync(broker.url);
      await pub.publishAsync("rig/frames", Buffer.from(frame));
      const f = decodeFrame(new Uint8Array(await got));
      expect(Array.from(f.raw)).toEqual([0.5, -0.5]);
      await pub.endAsync();
      await sub.endAsync();
    } finally {
      await broker.close();
    }
    await broker.close();
  });

  it("a port out of range: ArgumentError with the path", async () => {
    await expect(startBroker({ port: 70000 })).rejects.toMatchObject({ name: "ArgumentError", path: "port" });
    await expect(startBroker({ port: 70000 })).rejects.toBeInstanceOf(ArgumentError);
  });

  it("`twin broker --help` names it", async () => {
    let out = "";
    await main(["broker", "--help"], { out: (t) => void (out += t), err: () => {} });
    expect(out).toContain('import { startBroker } from "machine-twin/live"');
  });
});

describe("the frame codec", () => {
  it("refuses a corrupted frame with a FrameError, an InputError naming the reason and the byte", () => {
    const bytes = encodeFrame({ format: "int16", channels: 2, samplesPerChannel: 1, seq: 1, t0: 5, rateMilliHz: 1000, scale: 1, raw: [1, 2] });
    bytes[bytes.length - 1]! ^= 0xff;
    let caught: unknown;
    try {
      decodeFrame(bytes);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(FrameError);
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as FrameError).reason).toBe("crc");
    expect((caught as FrameError).name).toBe("FrameError");
  });
});
