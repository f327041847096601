// A stand-in data acquisition for bench/runner.js, in its own process (the sender must not share the
// runner's event loop): one second of the test rig at 1200 rpm (20 whole revolutions, so the second
// repeats seamlessly) computed by the device simulator, then sent over and over as frames with
// increasing sequence numbers and sample clock, at `rate` times the real rate, for `seconds`, to every
// target (udp://host:port or mqtt://host:port/topic). Prints {"sent", "late", "maxLagMs"} as JSON.
// Usage: node bench/send-frames.js '{"fs":25600,"frameSamples":256,"rate":2,"seconds":60,"targets":["udp://127.0.0.1:5700"]}'
import { readFileSync } from "node:fs";
import { DeviceSimulator } from "../dist/device/simulator.js";
import { frameSpec } from "../dist/device/frames.js";
import { openTransmitter } from "../dist/device/transmit.js";
import { encodeFrame, FLAG_START } from "../dist/live/frame.js";
import { parseRotorModel } from "../dist/rotor/validate.js";

const o = JSON.parse(process.argv[2]);
const model = parseRotorModel(readFileSync(new URL("../models/test-rig.json", import.meta.url), "utf8"), "test-rig.json");
const sim = DeviceSimulator.open(model, {
  fs: o.fs, substeps: 1, speed: { kind: "constant", rpm: 1200 }, unbalance: [{ node: 4, magnitude: 1e-4, phase: 0 }], noise: 0.0005, seed: 3,
  adc: { bits: 16, fullScale: 1 }, tachWidth: 0.1,
});
// settle 2 s from rest, then keep one second
sim.step(2 * o.fs);
const second = sim.step(o.fs);
const spec = frameSpec(sim.info);
sim.free();
const per = o.frameSamples, C = spec.channels, framesPerSecond = o.fs / per;
const txs = await Promise.all(o.targets.map((t) => openTransmitter(t)));
const total = Math.round(o.seconds * framesPerSecond * o.rate);
const start = performance.now();
let late = 0, maxLag = 0;
for (let seq = 0; seq < total; seq++) {
  const k = seq % framesPerSecond;
  const raw = second.channels.subarray(k * per * C, (k + 1) * per * C);
  const frame = encodeFrame({ format: spec.format, channels: C, samplesPerChannel: per, seq, t0: seq * per, rateMilliHz: spec.rateMilliHz, scale: spec.scale, flags: seq === 0 ? FLAG_START : 0, raw });
  const due = start + ((seq + 1) * 1000) / (framesPerSecond * o.rate);
  const ahead = due - performance.now();
  if (ahead > 1) await new Promise((r) => setTimeout(r, ahead));
  const lag = performance.now() - due;
  if (lag > 5) late++;
  maxLag = Math.max(maxLag, lag);
  await Promise.all(txs.map((t) => t.send(frame)));
}
await Promise.all(txs.map((t) => t.close()));
console.log(JSON.stringify({ sent: total, late, maxLagMs: maxLag }));
