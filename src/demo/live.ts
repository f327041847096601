// The demo's live part (docs/runner.md): the simulated test rig streams at its real sample rate over
// UDP and, the same frames, through the embedded MQTT broker; two hybrid runners (one per transport)
// estimate the mid-span vibration from the bearing accelerometers, recognise the operating state and
// watch the 1X vibration with a control chart. An unbalance is added while it runs. The runners'
// outputs are compared with each other (the transport changes no bit) and the UDP runner's virtual
// sensors with the simulator's truth; its session is what the archive part then archives and reruns.
import { join } from "node:path";
import { createSocket } from "node:dgram";
import { readFileSync } from "node:fs";
import { Core, PACKAGE_ROOT } from "../core/core.js";
import { DeviceSimulator } from "../device/simulator.js";
import { frameSpec } from "../device/frames.js";
import { streamDevice } from "../device/pacing.js";
import { openTransmitter, type Transmitter } from "../device/transmit.js";
import { readTruth, TruthWriter } from "../device/truth.js";
import { loadModel as loadElmModel } from "../elm/model.js";
import { EmbeddedBroker } from "../live/broker.js";
import { parseRotorModel } from "../rotor/validate.js";
import { loadRunnerConfig, type RunnerConfig } from "../runner/config.js";
import { HybridRunner, type RunSummary } from "../runner/pipeline.js";
import type { RunnerRecord } from "../runner/records.js";
import type { VirtualSensorScore } from "../runner/score.js";
import { NOMINAL_UNBALANCE, RIG_ACQUISITION, rigDeviceOptions } from "./rig-states.js";

export const LIVE_CONFIG = join(PACKAGE_ROOT, "models", "live", "test-rig.json");

/** The stream: 4 s from rest not sent (start-up transient), then 8 s sent; +3e-4 kg m on disc 1 at 10.25 s. */
export const LIVE_TIMELINE = { preRoll: 4, seconds: 8, stepAt: 10.25, stepMe: 3e-4, seed: 21 } as const;

export interface LiveDemoResult {
  /** the UDP runner's session directory */
  session: string;
  udp: RunSummary;
  mqtt: RunSummary;
  /** the two runners' outputs.f64 are the same bytes */
  sameOutputs: boolean;
  /** virtual sensors against the simulator's truth before the unbalance step */
  scores: VirtualSensorScore[];
  /** the window (start time, s) where the new state was first recognised, and its number among the windows that start after the step */
  recognised: { t: number; windows: number } | null;
  /** the first SPC alarm after the step */
  spcAlarm: { t: number; id: string; rule: string } | null;
  /** a state recognised before the step other than normal, or an alarm before it (none expected) */
  before: { states: string[]; alarms: string[] };
  seconds: number;
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket("udp4");
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** One frame to every transmitter (UDP and MQTT). */
function both(a: Transmitter, b: Transmitter): Transmitter {
  return {
    url: `${a.url} + ${b.url}`,
    kind: a.kind,
    send: async (f) => (await Promise.all([a.send(f), b.send(f)])).every(Boolean),
    close: async () => {
      await Promise.all([a.close(), b.close()]);
    },
  };
}

/** Runs the live part in `dir` (sessions, truth); `core` is shared by the simulator and the runners. */
export async function runLiveDemo(dir: string, core: Core = Core.default()): Promise<LiveDemoResult> {
  const t0 = performance.now();
  const T = LIVE_TIMELINE;
  const base = loadRunnerConfig(LIVE_CONFIG);
  const model = parseRotorModel(readFileSync(base.model!, "utf8"), base.model!);
  const recogniser = loadElmModel(base.recogniser!.model);
  const broker = new EmbeddedBroker({ port: 0 });
  const brokerUrl = await broker.start();
  const udpUrl = `udp://127.0.0.1:${await freeUdpPort()}`;
  const mqttUrl = `${brokerUrl}/twin/demo/rig`;
  const truthPath = join(dir, "truth");
  const records: RunnerRecord[] = [];
  // the charts learn from 5 s here (after 1 s of settling): a shortcut that fits the demo's short
  // stream; the configuration itself learns from 50 s, as phase I of individual values needs
  const monitors = base.monitors.map((m) => ({ ...m, skip: 2, learn: 10 }));
  const config = (name: string): RunnerConfig => ({ ...base, monitors, sinks: [], recording: { dir: join(dir, name), checkpointSeconds: 2 } });
  let udp: HybridRunner | undefined, mqtt: HybridRunner | undefined;
  try {
    udp = await HybridRunner.start({
      config: config("session-udp"), model, recogniser, source: udpUrl, core, truth: () => readTruth(truthPath),
      scoreRange: [T.preRoll + 0.5, T.stepAt], onRecord: (r) => records.push(r),
    });
    mqtt = await HybridRunner.start({ config: config("session-mqtt"), model, recogniser, source: mqttUrl, core });
    const sim = DeviceSimulator.open(model, rigDeviceOptions({
      unbalance: NOMINAL_UNBALANCE,
      events: [{ t: T.stepAt, kind: "unbalance", node: 4, magnitude: T.stepMe, phase: 0 }],
      seed: T.seed,
    }), {}, core);
    const truth = new TruthWriter(truthPath, sim.info.fs, sim.info.truth, { command: "twin demo (live part)" });
    const tx = both(await openTransmitter(udpUrl), await openTransmitter(mqttUrl));
    try {
      await streamDevice(sim, frameSpec(sim.info), tx, {
        frameSamples: RIG_ACQUISITION.frameSamples, totalSamples: T.seconds * RIG_ACQUISITION.fs, realtime: true, preRollSamples: T.preRoll * RIG_ACQUISITION.fs,
      }, (b) => truth.append(b.first, b.truth));
      truth.close();
    } finally {
      await tx.close();
      sim.free();
    }
    // the last frames' outputs: the runners process every frame as it arrives
    const expected = (T.seconds * RIG_ACQUISITION.fs) / RIG_ACQUISITION.frameSamples;
    for (let i = 0; i < 200 && (udp.counters.processed < expected || mqtt.counters.processed < expected); i++) await new Promise((r) => setTimeout(r, 10));
    const u = await udp.stop();
    const m = await mqtt.stop();
    udp = mqtt = undefined;
    const same = readFileSync(join(dir, "session-udp", "outputs.f64")).equals(readFileSync(join(dir, "session-mqtt", "outputs.f64")));
    const windows = records.filter((r): r is Extract<RunnerRecord, { type: "window" }> => r.type === "window");
    const win = base.windows!.length / base.filter!.rate;
    // windows are counted from the first that starts after the step (the one holding it is mixed)
    const firstAfter = windows.findIndex((w) => w.t >= T.stepAt);
    const hit = windows.findIndex((w, i) => i >= firstAfter && w.state === "unbalance");
    const alarms = records.filter((r): r is Extract<RunnerRecord, { type: "alarm" }> => r.type === "alarm" && r.from === "normal" && r.state !== "normal");
    const spc = alarms.find((a) => a.source.startsWith("spc:") && a.t + win > T.stepAt);
    return {
      session: join(dir, "session-udp"),
      udp: u,
      mqtt: m,
      sameOutputs: same,
      scores: u.scores,
      recognised: hit < 0 ? null : { t: windows[hit]!.t, windows: hit - firstAfter + 1 },
      spcAlarm: spc ? { t: spc.t, id: spc.id, rule: spc.rule } : null,
      before: {
        states: [...new Set(windows.filter((w) => w.t + win <= T.stepAt && w.state !== "normal").map((w) => w.state))],
        alarms: alarms.filter((a) => a.t + win <= T.stepAt).map((a) => `${a.id} at ${a.t.toFixed(2)} s`),
      },
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await udp?.stop().catch(() => undefined);
    await mqtt?.stop().catch(() => undefined);
    await broker.stop();
  }
}
