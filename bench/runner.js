// bench/runner: the hybrid runner's figures (issue 12; docs/runner.md).
// - accuracy: online virtual sensing on the simulated rig (bearing accelerometers only, noise 1 % of
//   each channel's clean RMS, 1200 rpm, the filter's bearing stiffness +10 %): NRMSE at mid-span
//   against the simulator's truth, beside the offline filter (`twin virtual-sensing`) on the same case;
// - recognition: windows from the unbalance step to the recognised state, over several steps;
// - false alarms: a 10-minute in-control stream against what the rule sets' false-alarm rates predict
//   (each chart's rate measured on independent normal points by the same core charts);
// - SKAB: the pump test bed's experiments through the monitoring path (src/demo/skab.ts);
// - throughput: 4 channels × 25.6 kHz, filter at 5120 Hz with 16 states, windows and SPC, in the core,
//   beside a plain numpy pipeline of the same decimation and UKF (bench/runner_numpy.py) in the same run;
// - latency, no loss at twice the rate for 60 s over UDP and MQTT, ten rigs in one process (frames
//   sent by bench/send-frames.js in its own process).
// Only same-run ratios mean anything on a shared machine.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Core } from "../dist/core/core.js";
import { DeviceSimulator } from "../dist/device/simulator.js";
import { deviceFrame, frameSpec } from "../dist/device/frames.js";
import { decodeFrame } from "../dist/live/frame.js";
import { loadModel as loadElmModel } from "../dist/elm/model.js";
import { parseRotorModel } from "../dist/rotor/validate.js";
import { loadRunnerConfig } from "../dist/runner/config.js";
import { frameBlock, RunnerCore } from "../dist/runner/core.js";
import { runnerRequest } from "../dist/runner/request.js";
import { HybridRunner } from "../dist/runner/pipeline.js";
import { EstimateLog } from "../dist/runner/score.js";
import { VirtualSensorSession } from "../dist/vsense/session.js";
import { virtualSensing } from "../dist/vsense/jobs.js";
import { VS_DEFAULTS } from "../dist/vsense/defaults.js";
import { parseMismatch } from "../dist/vsense/mismatch.js";
import { learnSkab, runSkabExperiment, SKAB_EXPERIMENTS } from "../dist/demo/skab.js";
import { runCoreStream } from "../dist/spc/core-stream.js";
import { NOMINAL_UNBALANCE, RIG_ACQUISITION, rigDeviceOptions } from "../dist/demo/rig-states.js";

const ROOT = new URL("..", import.meta.url).pathname;
const CONFIG = join(ROOT, "models", "live", "test-rig.json");
const core = Core.default();
const base = loadRunnerConfig(CONFIG);
const model = parseRotorModel(readFileSync(base.model, "utf8"), base.model);
const recogniser = loadElmModel(base.recogniser.model);

/** Runs a simulated stream through a RunnerCore in-process (frames as the live path builds them). */
function simulate(cfg, options, seconds, preRoll, onResult, frameSamples = RIG_ACQUISITION.frameSamples, rec = null) {
  const sim = DeviceSimulator.open(model, options, {}, core);
  const spec = frameSpec(sim.info);
  const req = runnerRequest(cfg, model, options.fs, rec);
  const rc = RunnerCore.open(req.builder.values, core);
  let stepSeconds = 0;
  const truth = [];
  try {
    sim.step(Math.round(preRoll * options.fs));
    const frames = Math.round((seconds * options.fs) / frameSamples);
    for (let seq = 0; seq < frames; seq++) {
      const block = sim.step(frameSamples);
      truth.push(block);
      const frame = decodeFrame(deviceFrame(spec, block, seq));
      const b = frameBlock(frame, false);
      const t = performance.now();
      const res = rc.step(b);
      stepSeconds += (performance.now() - t) / 1000;
      onResult?.(res, req);
    }
  } finally {
    rc.free();
  }
  return { req, stepSeconds, truth, info: sim.info, free: () => sim.free() };
}

/** NRMSE of the virtual sensors (displacement places) against the simulator's truth, after `settle` s. */
function score(cfg, results, truthBlocks, info, D, settle) {
  const log = new EstimateLog();
  for (const r of results) for (const run of r.runs) {
    const V = cfg.virtualSensors.length;
    log.add(run.first * D, D, cfg.virtualSensors.map((_, v) => Array.from({ length: run.count }, (_, i) => run.values[i * V + v])));
  }
  const w = info.truth.length;
  const samples = truthBlocks.reduce((n, b) => n + b.samples, 0);
  const values = new Float64Array(samples * w);
  let o = 0;
  for (const b of truthBlocks) {
    values.set(b.truth, o);
    o += b.truth.length;
  }
  const table = { fs: info.fs, t0: truthBlocks[0].first, samples, columns: info.truth.map((c) => ({ ...c, name: `${c.quantity}_${c.node}_${c.dir}` })), values };
  return log.score(table, cfg.virtualSensors, settle);
}

function accuracy() {
  // 1 % noise: std = 1 % of each channel's clean RMS (the offline study's definition), from a clean run
  const cfg = { ...base, recogniser: null, monitors: [], alarms: [], sinks: [], recording: null };
  const clean = DeviceSimulator.open(model, { ...rigDeviceOptions({ unbalance: NOMINAL_UNBALANCE, events: [], seed: 1 }), noise: 0, adc: { bits: 0 } }, {}, core);
  clean.step(4 * RIG_ACQUISITION.fs);
  const b = clean.step(2 * RIG_ACQUISITION.fs);
  const C = clean.info.channels, S = C - 1;
  clean.free();
  const rms = Array.from({ length: S }, (_, c) => {
    let s = 0;
    for (let i = 0; i < b.samples; i++) s += b.channels[i * C + c] ** 2;
    return Math.sqrt(s / b.samples);
  });
  const noise = rms.map((r) => 0.01 * r);
  const results = [];
  const opts = { ...rigDeviceOptions({ unbalance: NOMINAL_UNBALANCE, events: [], seed: 5 }), noise };
  const sim = simulate(cfg, opts, 30, 4, (r) => results.push(r));
  const scores = score(cfg, results, sim.truth, sim.info, sim.req.decimation, 1);
  sim.free();
  // the offline filter on the same case (fs 2 kHz, 1 % noise, bearing-k +10 %, 8 modes)
  const off = virtualSensing(model, { ...VS_DEFAULTS, tEnd: 10, unbalance: NOMINAL_UNBALANCE, sensors: [], estimates: [{ node: 5, dir: "x" }, { node: 5, dir: "y" }], mismatch: [parseMismatch("bearing-k=+10%")], series: false }, core);
  const mid = scores.filter((s) => s.name === "mid_x" || s.name === "mid_y");
  return [{
    case: "online virtual sensing, simulated rig (1 % noise, 1200 rpm, filter bearing-k +10 %, 30 s after 4 s from rest)",
    nrmse_mid_x_pct: 100 * mid[0].nrmse,
    nrmse_mid_y_pct: 100 * mid[1].nrmse,
    nrmse_disc_x_pct: 100 * scores.find((s) => s.name === "disc_x").nrmse,
    offline_nrmse_mid_worst_pct: 100 * off.result.worst_nrmse,
    bound_pct: 2,
  }];
}

function recognition() {
  const cfg = { ...base, monitors: [], alarms: [], sinks: [], recording: null };
  const delays = [];
  for (let k = 0; k < 8; k++) {
    const stepAt = 6 + 0.0625 * k + 0.0137 * k;
    const results = [];
    const sim = simulate(cfg, rigDeviceOptions({ unbalance: NOMINAL_UNBALANCE, events: [{ t: stepAt, kind: "unbalance", node: 4, magnitude: 3e-4, phase: 0 }], seed: 40 + k }), 6, 3, (r) => results.push(r), RIG_ACQUISITION.frameSamples, recogniser);
    sim.free();
    const wins = results.flatMap((r) => r.windows).map((w) => ({ t: w.first / cfg.filter.rate, cls: w.cls }));
    const after = wins.filter((w) => w.t >= stepAt);
    const i = after.findIndex((w) => recogniser.classes[w.cls] === "unbalance");
    const before = wins.filter((w) => w.t + cfg.windows.length / cfg.filter.rate <= stepAt && recogniser.classes[w.cls] !== "normal").length;
    delays.push({ windows: i < 0 ? Infinity : i + 1, before });
  }
  return [{
    case: "unbalance step (+3e-4 kg m) recognised: windows after the step, 8 steps at different times",
    worst_windows: Math.max(...delays.map((d) => d.windows)),
    windows: delays.map((d) => d.windows).join(","),
    wrong_states_before: delays.reduce((n, d) => n + d.before, 0),
  }];
}

function falseAlarms() {
  const cfg = { ...base, recogniser: null, sinks: [], recording: null };
  const points = new Map(cfg.monitors.map((m) => [m.name, 0]));
  const signals = new Map(cfg.monitors.map((m) => [m.name, 0]));
  const sim = simulate(cfg, rigDeviceOptions({ unbalance: NOMINAL_UNBALANCE, events: [], seed: 77 }), 600, 4, (r) => {
    for (const w of r.windows) cfg.monitors.forEach((m, i) => {
      const p = w.monitors[i];
      if (p.phase !== 1) return;
      points.set(m.name, points.get(m.name) + 1);
      if (p.fired !== 0 || p.beyond) signals.set(m.name, signals.get(m.name) + 1);
    });
  }, 400);
  sim.free();
  // the charts start after `skip` windows of settling and `learn` of learning (phase I)
  // each chart's false-alarm rate on independent normal points, by the same core charts
  const g = (() => {
    let s = 12345n;
    const M = (1n << 64n) - 1n;
    const u = () => {
      s = (s + 0x9e3779b97f4a7c15n) & M;
      let z = s;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
      return (Number((z ^ (z >> 31n)) >> 11n) + 0.5) / 2 ** 53;
    };
    return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  })();
  const iid = Float64Array.from({ length: 200000 }, () => g());
  const rows = [];
  for (const m of cfg.monitors) {
    const run = runCoreStream(iid, { chart: m.chart, limits: { center: 0, sigma: 1 }, rules: m.rules, ...(m.chart === "ewma" ? { lambda: m.lambda, width: m.L } : { width: m.L }) }, core);
    const rate = run.points.filter((p) => p.rules.length > 0 || p.beyond).length / run.points.length;
    const n = points.get(m.name);
    rows.push({
      case: `10-minute in-control stream, monitor ${m.name} (${m.chart}${m.rules.length ? " " + m.rules.join("+") : ""})`,
      points: n,
      signals: signals.get(m.name),
      predicted_signals: n * rate,
      false_alarm_rate_iid: rate,
    });
  }
  return rows;
}

async function skab() {
  const learned = learnSkab(core);
  const rows = [];
  for (const leadIn of [0, 400]) {
    for (const f of SKAB_EXPERIMENTS) {
      const e = await runSkabExperiment(f, learned, core, leadIn);
      rows.push({
        case: `SKAB ${f.replace("skab_pump_state-", "").replace(".csv", "")}, limits ${leadIn ? `learned in-stream from its first ${leadIn} s` : "from the normal file"}`,
        changepoint_s: e.changepoint,
        detection_delay_s: e.detection ? e.detection.delay : "none",
        detected_by: e.detection ? e.detection.id : "-",
        alarms_before: e.alarmsBefore.length,
        active_at_change: e.activeAtChange.join(" ") || "-",
      });
    }
  }
  return rows;
}

/** The throughput configuration: 4 channels + tach at 25.6 kHz, filter 5120 Hz, 8 modes (16 states). */
function fastConfig() {
  return {
    ...base, recogniser: null, sinks: [], recording: null, alarms: [],
    filter: { ...base.filter, rate: 5120 },
    windows: { length: 2560, hop: 2560, window: "hann", bands: 4, orders: 2 },
    monitors: base.monitors.map((m) => ({ ...m, skip: 2, learn: 10 })),
  };
}

function throughput(dir) {
  const cfg = fastConfig();
  const fs = 25600;
  const opts = { ...rigDeviceOptions({ unbalance: NOMINAL_UNBALANCE, events: [], seed: 9 }), fs, substeps: 1 };
  const results = [];
  const warm = simulate(cfg, opts, 2, 1, null, 256);
  warm.free();
  const sim = simulate(cfg, opts, 30, 1, (r) => results.push(r), 256);
  const rtf = 30 / sim.stepSeconds;
  // the numpy pipeline on 5 s of the same stream, checked against the core's estimates
  const first = sim.truth[0].first;
  const blocks = sim.truth.slice(0, (5 * fs) / 256);
  const C = sim.info.channels;
  const samples = [];
  const spec = frameSpec(sim.info);
  for (const b of blocks) for (let i = 0; i < b.samples * C; i++) samples.push(b.channels[i] * spec.scale);
  const s = VirtualSensorSession.open(model, {
    speedRpm: cfg.filter.rpm, fs: cfg.filter.rate, n0: 0, modes: cfg.filter.modes, modelError: cfg.filter.modelError,
    unbalance: cfg.filter.unbalance.map((u) => ({ node: u.node, magnitude: u.me, phase: u.phase })),
    sensors: cfg.sensors.map((x) => ({ node: x.node, dir: x.dir })), estimates: [{ node: 5, dir: "x" }, { node: 5, dir: "y" }, { node: 4, dir: "x" }, { node: 4, dir: "y" }],
    mismatch: cfg.filter.mismatch, R: cfg.sensors.map((x) => x.noiseVariance),
  }, core);
  const mats = s.matrices();
  s.free();
  const D = fs / cfg.filter.rate, h = cfg.filter.firHalfLength;
  const job = {
    D, h, C, chans: cfg.sensors.map((x) => x.channel), gains: cfg.sensors.map((x) => 1 / x.sensitivity), samples, t0: first,
    F: rows(mats.F, mats.nx), B: rows(mats.B, 2), H: rows(mats.H, mats.nx), Dm: rows(mats.D, 2), out: rows(mats.out, mats.nx), Q: rows(mats.Q, mats.nx),
    R: cfg.sensors.map((x) => x.noiseVariance), P0: Array.from(mats.P0), fs_out: cfg.filter.rate, omega: (cfg.filter.rpm * 2 * Math.PI) / 60,
  };
  const file = join(dir, "runner-job.json");
  writeFileSync(file, JSON.stringify(job));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const py = JSON.parse(execFileSync("python3", [new URL("./runner_numpy.py", import.meta.url).pathname, file], { env, encoding: "utf8", maxBuffer: 1 << 28 }));
  const pyRtf = py.samples / fs / py.seconds;
  // agreement: the numpy pipeline's last estimates against the core's (mid_x, mid_y, disc_x, disc_y)
  const V = cfg.virtualSensors.length;
  const idx = ["mid_x", "mid_y", "disc_x", "disc_y"].map((n) => cfg.virtualSensors.findIndex((v) => v.name === n));
  const coreRows = new Map();
  for (const r of results) for (const run of r.runs) for (let i = 0; i < run.count; i++) coreRows.set(run.first + i, idx.map((v) => run.values[i * V + v]));
  let dmax = 0, xmax = 0, compared = 0;
  py.estimates.forEach((row, k) => {
    const c = coreRows.get(py.last_js[k]);
    compared++;
    if (!c) return;
    row.forEach((x, i) => {
      dmax = Math.max(dmax, Math.abs(x - c[i]));
      xmax = Math.max(xmax, Math.abs(c[i]));
    });
  });
  sim.free();
  return [{
    case: "throughput: 4 channels + tach × 25.6 kHz, filter 5120 Hz, 16 states, 0.5 s windows' features, 2 SPC monitors (core, 30 s of stream)",
    real_time_factor: rtf,
    rigs_per_core: Math.floor(rtf),
    cpu_share_one_rig_pct: 100 / rtf,
    numpy_real_time_factor: pyRtf,
    speedup_vs_numpy: rtf / pyRtf,
    max_rel_diff_vs_numpy: xmax > 0 && compared > 0 ? dmax / xmax : "not compared",
  }];
}

function rows(a, cols) {
  const out = [];
  for (let i = 0; i < a.length; i += cols) out.push(Array.from(a.subarray(i, i + cols)));
  return out;
}

async function freePort() {
  const s = createSocket("udp4");
  await new Promise((r) => s.bind(0, "127.0.0.1", r));
  const p = s.address().port;
  await new Promise((r) => s.close(r));
  return p;
}

/** Frames from bench/send-frames.js (its own process) into runners here; RSS sampled every 5 s. */
async function live(kind, rigs, rate, seconds, brokerUrl) {
  const cfg = fastConfig();
  const urls = [];
  const runners = [];
  for (let i = 0; i < rigs; i++) {
    const source = kind === "udp" ? `udp://127.0.0.1:${await freePort()}` : `${brokerUrl}/bench/rig${i}`;
    urls.push(source);
    runners.push(await HybridRunner.start({ config: cfg, model, recogniser: null, source, core }));
  }
  const rss = [];
  const timer = setInterval(() => rss.push(process.memoryUsage().rss / 2 ** 20), 5000);
  const t0 = performance.now();
  const child = spawn(process.execPath, [new URL("./send-frames.js", import.meta.url).pathname, JSON.stringify({ fs: 25600, frameSamples: 256, rate, seconds, targets: urls })], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  await new Promise((r) => child.once("exit", r));
  const sent = JSON.parse(out);
  const wall = (performance.now() - t0) / 1000;
  for (let i = 0; i < 300 && runners.some((r) => r.counters.processed < sent.sent); i++) await new Promise((r) => setTimeout(r, 20));
  clearInterval(timer);
  const sums = [];
  for (const r of runners) sums.push(await r.stop());
  const lat = sums.map((s) => s.latency);
  return {
    sent: sent.sent, processed: sums.reduce((n, s) => n + s.processed, 0) / rigs, lost: sums.reduce((n, s) => n + s.lost, 0),
    received: sums.reduce((n, s) => n + s.received, 0) / rigs, p50: Math.max(...lat.map((l) => l.p50)), p99: Math.max(...lat.map((l) => l.p99)),
    samplesPerSecond: sums.reduce((n, s) => n + s.samples, 0) / wall, rss, senderLate: sent.late,
  };
}

/** The parts by name (`npm run bench -- runner` runs them all; bench/runner.js PART... some). */
export const RUNNER_PARTS = { accuracy, recognition, falseAlarms, skab };

export async function runRunnerBench() {
  const dir = mkdtempSync(join(tmpdir(), "twin-bench-runner-"));
  const out = [];
  try {
    out.push(...accuracy());
    out.push(...recognition());
    out.push(...falseAlarms());
    out.push(...(await skab()));
    out.push(...throughput(dir));
    const lat = await live("udp", 1, 1, 20);
    out.push({ case: "latency, frame arrival to outputs, 1 rig at the real rate over UDP (20 s)", p50_ms: lat.p50, p99_ms: lat.p99, frames: lat.processed });
    const u = await live("udp", 1, 2, 60);
    out.push({ case: "no loss at 2× the rate for 60 s over UDP (loopback)", frames_sent: u.sent, frames_processed: u.processed, lost: u.lost, rss_MiB_first_last_max: `${u.rss[0]?.toFixed(0)} ${u.rss[u.rss.length - 1]?.toFixed(0)} ${Math.max(...u.rss).toFixed(0)}` });
    const broker = spawn(process.execPath, [join(ROOT, "bin", "twin.js"), "broker", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    const url = await new Promise((resolve) => broker.stdout.on("data", (d) => {
      const m = /(mqtt:\/\/\S+)/.exec(String(d));
      if (m) resolve(m[1]);
    }));
    try {
      const m = await live("mqtt", 1, 2, 60, url);
      out.push({ case: "no loss at 2× the rate for 60 s over MQTT (twin broker in its own process)", frames_sent: m.sent, frames_processed: m.processed, lost: m.lost, rss_MiB_first_last_max: `${m.rss[0]?.toFixed(0)} ${m.rss[m.rss.length - 1]?.toFixed(0)} ${Math.max(...m.rss).toFixed(0)}` });
    } finally {
      broker.kill("SIGTERM");
    }
    const ten = await live("udp", 10, 1, 20);
    out.push({ case: "ten rigs in one process over UDP (real rate, 20 s)", aggregate_samples_per_s: ten.samplesPerSecond, frames_per_rig: ten.processed, lost: ten.lost, p50_ms: ten.p50, p99_ms: ten.p99 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
