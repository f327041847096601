// `twin device simulate` end to end: frames sent over UDP to a UdpSource and through the embedded
// aedes broker to an MqttSource (and over a socat pseudo-terminal pair to a FrameScanner) decode to
// exactly the samples of the core's simulator run directly, in order, with seq from 0, FLAG_START
// on the first frame and t0 = the sample index; the truth file written beside reads back to the
// core's bits; bad options are located errors (exit 2).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SerialPort } from "serialport";
import { afterAll, describe, expect, it } from "vitest";
import { deviceSimulate } from "../src/cli/device-simulate.js";
import { type DeviceOptions, DeviceSimulator } from "../src/device/simulator.js";
import { readTruth, truthAt, truthColumn, TruthWriter } from "../src/device/truth.js";
import { parseSerialUrl, transportOf } from "../src/device/transmit.js";
import { EmbeddedBroker } from "../src/live/broker.js";
import { FLAG_START, type Frame, FrameScanner } from "../src/live/frame.js";
import { MqttSource } from "../src/live/mqtt.js";
import { UdpSource } from "../src/live/udp.js";
import { parseRotorModel } from "../src/rotor/validate.js";
import { InputError } from "../src/errors.js";
import { CI, programPath } from "./helpers/engines.js";

const MODEL = fileURLToPath(new URL("../models/test-rig.json", import.meta.url));
const model = parseRotorModel(readFileSync(MODEL, "utf8"), MODEL);
const dir = mkdtempSync(join(tmpdir(), "twin-device-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Collects text written to an Io. */
function capture(): { io: { out(t: string): void; err(t: string): void }; out: () => string; err: () => string } {
  const o: string[] = [], e: string[] = [];
  return { io: { out: (t) => void o.push(t), err: (t) => void e.push(t) }, out: () => o.join(""), err: () => e.join("") };
}

// the same run as the command line below, built directly
const FS = 2048, FRAME = 128, SECONDS = 1;
const OPTIONS: DeviceOptions = {
  fs: FS,
  speed: { kind: "run-up", rpm0: 600, rpm1: 1200, ta: 0.2, tb: 0.8 },
  unbalance: [{ node: 4, magnitude: 1e-4, phase: 0 }],
  events: [{ t: 0.5, kind: "unbalance", node: 7, magnitude: 1e-4, phase: 0.5 }],
  noise: 0.01,
  seed: 5,
  adc: { bits: 16, fullScale: 4 },
  tachWidth: 0.1,
  matrixInterval: 2, // the command's default at 2048 Hz: the samples of 1 ms
};
const ARGS = ["--fs", String(FS), "--duration", String(SECONDS), "--run-up", "600:1200:0.2:0.8", "--unbalance", "4:1e-4:0", "--at", "0.5:unbalance:7:1e-4:0.5",
  "--noise", "0.01", "--seed", "5", "--adc", "16", "--full-scale", "4", "--tach", "--frame-samples", String(FRAME), "--speed", "fast", "--json"];

function reference(): { channels: Float64Array; truth: Float64Array; c: number } {
  const sim = DeviceSimulator.open({ model, file: MODEL }, OPTIONS);
  const b = sim.step(FS * SECONDS);
  const c = sim.info.channels;
  sim.free();
  return { channels: b.channels, truth: b.truth, c };
}

/** The frames' raw samples in order, checked for seq, flags and t0. */
function samplesOf(frames: Frame[], c: number): Float64Array {
  const out = new Float64Array(frames.length * FRAME * c);
  frames.forEach((f, k) => {
    expect(f.seq).toBe(k);
    expect(f.flags).toBe(k === 0 ? FLAG_START : 0);
    expect(f.t0).toBe(k * FRAME);
    expect(f.fs).toBe(FS);
    expect(f.format).toBe("int16");
    expect(f.scale).toBe(Math.fround(4 / 32768));
    expect(f.channels).toBe(c);
    out.set(f.raw, k * FRAME * c);
  });
  return out;
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}

describe("twin device simulate", () => {
  const ref = reference();
  const frames = (FS * SECONDS) / FRAME;

  it("streams over UDP to a UdpSource the samples of the core's run, and writes the truth beside", async () => {
    const got: Frame[] = [];
    const src = await UdpSource.open({ channels: ref.c, recvBufferSize: 1 << 22, onFrame: (f) => void got.push(f) });
    const { port } = src.address();
    const cap = capture();
    const base = join(dir, "udp-truth");
    const code = await deviceSimulate([MODEL, "--to", `udp://127.0.0.1:${port}`, ...ARGS, "--truth", base], cap.io);
    expect(cap.err()).toBe("");
    expect(code).toBe(0);
    await until(() => got.length === frames, 10_000);
    await src.close();
    const summary = JSON.parse(cap.out().trim().split("\n").pop()!);
    expect(summary).toMatchObject({ frames, delivered: frames, dropped: 0, samples: FS * SECONDS, clipped: 0, channels: ref.c, format: "int16" });
    expect(got.length).toBe(frames);
    expect(Array.from(samplesOf(got, ref.c))).toEqual(Array.from(ref.channels));
    expect(src.quality()).toMatchObject({ received: frames, accepted: frames, lost: 0, duplicates: 0, late: 0, rejected: 0 });
    // the truth: the core's values, bit for bit, aligned by sample index
    const t = readTruth(`${base}.json`);
    expect(t.fs).toBe(FS);
    expect(t.t0).toBe(0);
    expect(t.samples).toBe(FS * SECONDS);
    expect(Buffer.from(t.values.buffer).equals(Buffer.from(ref.truth.buffer))).toBe(true);
    expect(t.columns[0]!.name).toBe("speed");
    expect(truthColumn(t, "displacement_6_x")!.length).toBe(FS * SECONDS);
    expect(truthAt(t, 100, 0)).toBe(ref.truth[100 * t.columns.length]);
    expect(t.source).toMatchObject({ command: "twin device simulate" });
  });

  it("publishes through the embedded MQTT broker to an MqttSource, one frame per message", async () => {
    const broker = new EmbeddedBroker({ host: "127.0.0.1", port: 0 });
    const url = await broker.start();
    const got: Frame[] = [];
    const src = await MqttSource.open({ url, topic: "rig/acc", channels: ref.c, onFrame: (f) => void got.push(f) });
    try {
      const cap = capture();
      const code = await deviceSimulate([MODEL, "--to", `${url}/rig/acc`, ...ARGS], cap.io);
      expect(cap.err()).toBe("");
      expect(code).toBe(0);
      await until(() => got.length === frames, 10_000);
      expect(JSON.parse(cap.out())).toMatchObject({ frames, delivered: frames, dropped: 0 });
      expect(got.length).toBe(frames);
      expect(Array.from(samplesOf(got, ref.c))).toEqual(Array.from(ref.channels));
      expect(src.quality()).toMatchObject({ received: frames, accepted: frames, lost: 0 });
    } finally {
      await src.close();
      await broker.stop();
    }
  });

  it("writes the frames to a serial port (a socat pseudo-terminal pair) as one byte stream", async (ctx) => {
    const socat = programPath("socat");
    if (socat === undefined) {
      if (CI) throw new Error("socat (Debian package socat) is required under CI=true");
      ctx.skip("socat (Debian package socat) is not installed");
    }
    const a = join(dir, "ttyA"), b = join(dir, "ttyB");
    const child = spawn(socat!, ["-d", "-d", `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: "ignore" });
    try {
      await until(() => existsSync(a) && existsSync(b), 10_000);
      const reader = new SerialPort({ path: b, baudRate: 115200 });
      const scanner = new FrameScanner();
      const got: Frame[] = [];
      reader.on("data", (chunk: Buffer) => {
        for (const e of scanner.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) if (e.kind === "frame") got.push(e.frame);
      });
      await new Promise<void>((r) => reader.once("open", () => r()));
      const cap = capture();
      const code = await deviceSimulate([MODEL, "--to", `serial:${a}?baud=115200`, ...ARGS], cap.io);
      expect(cap.err()).toBe("");
      expect(code).toBe(0);
      await until(() => got.length === frames, 10_000);
      await new Promise<void>((r) => reader.close(() => r()));
      expect(got.length).toBe(frames);
      expect(Array.from(samplesOf(got, ref.c))).toEqual(Array.from(ref.channels));
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("drops frames while the serial port is gone (socat killed) and resumes on the reopened port", async (ctx) => {
    const socat = programPath("socat");
    if (socat === undefined) {
      if (CI) throw new Error("socat (Debian package socat) is required under CI=true");
      ctx.skip("socat (Debian package socat) is not installed");
    }
    const a = join(dir, "ttyC"), b = join(dir, "ttyD");
    const start = () => spawn(socat!, [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: "ignore" });
    const got: Frame[] = [];
    const open = async (): Promise<SerialPort> => {
      const scanner = new FrameScanner();
      const r = new SerialPort({ path: b, baudRate: 115200 });
      r.on("error", () => {});
      r.on("data", (chunk: Buffer) => {
        for (const e of scanner.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) if (e.kind === "frame") got.push(e.frame);
      });
      await new Promise<void>((res) => r.once("open", () => res()));
      return r;
    };
    let child = start();
    let reader: SerialPort | undefined;
    try {
      await until(() => existsSync(a) && existsSync(b), 10_000);
      reader = await open();
      const cap = capture();
      // real time: 4 s of 20 frames per second
      const run = deviceSimulate([MODEL, "--to", `serial:${a}`, "--fs", "1000", "--frame-samples", "50", "--duration", "4", "--json"], cap.io);
      await until(() => got.length >= 10, 10_000);
      const died = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM"); // the adapter unplugged
      await died;
      await new Promise((r) => setTimeout(r, 500));
      child = start();
      await until(() => existsSync(a) && existsSync(b), 10_000);
      reader = await open();
      expect(await run).toBe(0);
      await until(() => got.some((f) => f.seq === 79), 5_000);
      const s = JSON.parse(cap.out());
      expect(s.frames).toBe(80);
      expect(s.dropped).toBeGreaterThan(0);
      expect(s.delivered + s.dropped).toBe(80);
      const seqs = got.map((f) => f.seq);
      expect(seqs.at(-1)).toBe(79);
      for (let k = 1; k < seqs.length; k++) expect(seqs[k]!).toBeGreaterThan(seqs[k - 1]!);
      expect(seqs.length).toBeLessThan(80); // a gap, never filled in
      got.forEach((f) => expect(f.t0).toBe(f.seq * 50));
    } finally {
      if (reader?.isOpen) await new Promise<void>((r) => reader!.close(() => r()));
      child.kill("SIGTERM");
    }
  });

  it("paces frames at the sample rate: a real-time run takes at least its signal's duration", async () => {
    const src = await UdpSource.open({});
    const cap = capture();
    const code = await deviceSimulate([MODEL, "--to", `udp://127.0.0.1:${src.address().port}`, "--fs", "1000", "--duration", "0.3", "--frame-samples", "50", "--json"], cap.io);
    await src.close();
    expect(code).toBe(0);
    const s = JSON.parse(cap.out());
    expect(s).toMatchObject({ frames: 6, samples: 300, seconds: 0.3, format: "float32", scale: 1 });
    // the last frame is due when its last sample is acquired, 0.3 s after the start
    expect(s.elapsedSeconds).toBeGreaterThanOrEqual(0.3 - 1e-3);
  });

  it("refuses bad options with located errors (exit 2)", async () => {
    const cases: [string[], RegExp][] = [
      [["--to", "tcp://x:1"], /--to: tcp:\/\/x:1: expected udp/],
      [["--to", "mqtt://127.0.0.1:1883"], /no topic/],
      [["--to", "udp://127.0.0.1:9", "--adc", "16"], /--adc 16 needs --full-scale/],
      [["--to", "udp://127.0.0.1:9", "--full-scale", "3"], /--full-scale applies to --adc 16 or 24/],
      [["--to", "udp://127.0.0.1:9", "--adc", "12", "--full-scale", "3"], /--adc "12": expected 16, 24 or float/],
      [["--to", "udp://127.0.0.1:9", "--fs", "0.0001"], /--fs 0.0001: must be a whole number of millihertz/],
      [["--to", "udp://127.0.0.1:9", "--sensors", "1:x,99:y"], /--sensors .*99:y/],
      [["--to", "udp://127.0.0.1:9", "--at", "1:loose:3"], /--at "1:loose:3": expected T:unbalance/],
      [["--to", "udp://127.0.0.1:9", "--at", "1:unbalance:40:1e-4:0"], /--at "1:unbalance:40:1e-4:0"/],
      [["--to", "udp://127.0.0.1:9", "--at", "1:bearing-stiffness:7:0.7"], /--at "1:bearing-stiffness:7:0.7": bearing: is not a bearing index/],
      [["--to", "udp://127.0.0.1:9", "--at", "2:bearing-stiffness:all:0.7", "--at", "1:bearing-stiffness:all:1"], /--at #2 "1:bearing-stiffness:all:1": time: .*time order/],
      [["--to", "udp://127.0.0.1:9", "--run-up", "0:1200:3:2"], /--run-up "0:1200:3:2": TB must be > TA/],
      [["--to", "udp://127.0.0.1:9", "--rpm", "100", "--run-up", "0:1:0:1"], /exclude each other/],
      [["--to", "udp://127.0.0.1:9", "--speed", "2"], /--speed "2": expected 1/],
      [["--to", "udp://127.0.0.1:9", "--frame-samples", "8000"], /does not fit a UDP datagram/],
      [["--to", "udp://127.0.0.1:9", "--tach-width", "0.2"], /--tach-width needs --tach/],
      [["--to", "udp://127.0.0.1:9", "--unbalance", "3:-1:0"], /--unbalance "3:-1:0": magnitude: must be >= 0/],
    ];
    for (const [args, re] of cases) {
      const cap = capture();
      expect(await deviceSimulate([MODEL, ...args], cap.io), args.join(" ")).toBe(2);
      expect(cap.err(), args.join(" ")).toMatch(re);
    }
    const bad = join(dir, "bad-model.json");
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(MODEL, "utf8")), bearings: [{ node: 40, kxx: 1e6, kyy: 1e6 }] }));
    const cap = capture();
    expect(await deviceSimulate([bad, "--to", "udp://127.0.0.1:9"], cap.io)).toBe(2);
    expect(cap.err()).toMatch(/bad-model\.json: bearings\[0\]\.node/);
  });

  it("truth files: round trip of a written file, located errors for a damaged one", () => {
    const base = join(dir, "t");
    const cols = [{ quantity: "speed" as const, node: -1, dir: null }, { quantity: "displacement" as const, node: 3, dir: "y" as const }];
    const w = new TruthWriter(`${base}.json`, 100, cols);
    w.append(40, Float64Array.of(1, 2e-7, 1, -0));
    w.append(42, Float64Array.of(1.5, Number.MIN_VALUE));
    expect(() => w.append(50, Float64Array.of(1, 2))).toThrow(/expected 43/);
    const h = w.close();
    expect(h).toMatchObject({ samples: 3, t0: 40, fs: 100 });
    const t = readTruth(base);
    expect(Array.from(t.values)).toEqual([1, 2e-7, 1, -0, 1.5, Number.MIN_VALUE]);
    expect(Object.is(t.values[3], -0)).toBe(true);
    expect(t.columns.map((c) => c.name)).toEqual(["speed", "displacement_3_y"]);
    expect(truthAt(t, 42, 1)).toBe(Number.MIN_VALUE);
    expect(truthAt(t, 43, 1)).toBeUndefined();
    const data = readFileSync(`${base}.f64`);
    data[3] ^= 1;
    writeFileSync(`${base}.f64`, data);
    expect(() => readTruth(base)).toThrow(InputError);
    expect(() => readTruth(base)).toThrow(/t\.json: data\.sha256: .*t\.f64 has SHA-256/);
    writeFileSync(`${base}.json`, JSON.stringify({ ...h, columns: [{ ...h.columns[0], quantity: "jerk" }, h.columns[1]] }));
    expect(() => readTruth(base)).toThrow(/t\.json: columns\[0\]\.quantity: expected one of/);
  });

  it("parses transport URLs", () => {
    expect(parseSerialUrl("serial:/dev/ttyUSB0?baud=921600")).toEqual({ path: "/dev/ttyUSB0", baudRate: 921600 });
    expect(parseSerialUrl("serial:/dev/ttyACM0")).toEqual({ path: "/dev/ttyACM0", baudRate: 115200 });
    expect(() => parseSerialUrl("serial:/dev/ttyUSB0?baud=fast")).toThrow(/baud must be a positive integer/);
    expect(() => parseSerialUrl("serial:/dev/ttyUSB0?parity=even")).toThrow(/unknown parameter/);
    expect(transportOf("udp://127.0.0.1:5000")).toBe("udp");
    expect(transportOf("mqtt://127.0.0.1:1883/rig/acc")).toBe("mqtt");
    expect(() => transportOf("mqtt://127.0.0.1:1883/rig/#")).toThrow();
  });
});
