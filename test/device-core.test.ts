// The device simulator in the core (assembly/device/, ABI.md "Device simulator"): at constant speed
// its signals are rotorTime's bit for bit; any split into steps and a second run give the same bits;
// a run-up's tach pulses sit where the exact shaft angle puts them; an unbalance added at t_s leaves
// every sample up to t_s alone and then grows the 1X amplitude by the ratio of the frequency-domain
// steady states; the ADC rounds half to even and clips; the noise has the asked std.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { ArgumentError as UsageError } from "../src/errors.js";
import { timeJob, unbalanceJob } from "../src/rotor/jobs.js";
import { parseRotorModel } from "../src/rotor/validate.js";
import { ModelError } from "../src/rotor/validate.js";
import { type DeviceBlock, type DeviceOptions, DeviceSimulator } from "../src/device/simulator.js";

const MODEL_FILE = fileURLToPath(new URL("../models/test-rig.json", import.meta.url));
const model = parseRotorModel(readFileSync(MODEL_FILE, "utf8"), MODEL_FILE);
const src = { model, file: MODEL_FILE };
const core = Core.default();
const UNB = [{ node: 4, magnitude: 1e-4, phase: 0 }];

function run(o: DeviceOptions, splits: number[]): { blocks: DeviceBlock[]; sim: DeviceSimulator } {
  const sim = DeviceSimulator.open(src, o);
  const blocks = splits.map((n) => sim.step(n));
  return { blocks, sim };
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : r;
}

/** Amplitude of the component at w (rad/s) of x sampled at fs from sample j0, by least squares on cos, sin. */
function amplitude1x(x: number[], fs: number, w: number, j0: number): number {
  let cc = 0, ss = 0, cs = 0, xc = 0, xs = 0;
  x.forEach((v, i) => {
    const t = (j0 + i) / fs;
    const c = Math.cos(w * t), s = Math.sin(w * t);
    cc += c * c;
    ss += s * s;
    cs += c * s;
    xc += v * c;
    xs += v * s;
  });
  const det = cc * ss - cs * cs;
  const a = (xc * ss - xs * cs) / det, b = (xs * cc - xc * cs) / det;
  return Math.hypot(a, b);
}

describe("device simulator (core)", () => {
  it("at constant speed equals jobRotorTime's accelerations and displacements bit for bit", () => {
    const fs = 2000, substeps = 4, samples = 501;
    const { blocks, sim } = run({ fs, substeps, speed: { kind: "constant", rpm: 1200 }, unbalance: UNB }, [samples]);
    const info = sim.info;
    sim.free();
    const w = info.profile.w0;
    expect(w).toBe((1200 * Math.PI) / 30);
    const ref = timeJob(core, src, { speed: w, tEnd: (samples - 1) / fs, dt: 1 / (fs * substeps), accelerations: true, unbalance: UNB });
    expect(ref.t.length).toBe((samples - 1) * substeps + 1);
    const b = blocks[0]!;
    const nr = ref.nodes, nt = info.truth.length, c = info.channels;
    expect(nt).toBe(1 + 2 * nr + info.sensors.length);
    let compared = 0;
    for (let j = 0; j < samples; j++) {
      const row = j * substeps;
      expect(b.truth[j * nt]).toBe(w);
      for (let k = 0; k < 2 * nr; k++) expect(b.truth[j * nt + 1 + k]).toBe(ref.disp[row * 2 * nr + k]);
      info.sensors.forEach((s, k) => {
        const col = 2 * s.dof.node + (s.dof.dir === "x" ? 0 : 1);
        const a = ref.acc![row * 2 * nr + col]!;
        expect(b.truth[j * nt + 1 + 2 * nr + k]).toBe(a); // the clean acceleration: bit for bit
        expect(b.channels[j * c + k]).toBe(Math.fround(a)); // float channel: the same value as binary32
        compared++;
      });
    }
    expect(compared).toBe(samples * 4);
  });

  const busy: DeviceOptions = {
    fs: 2048,
    speed: { kind: "run-up", rpm0: 300, rpm1: 1500, ta: 0.1, tb: 0.6 },
    unbalance: UNB,
    events: [
      { t: 0.3, kind: "unbalance", node: 7, magnitude: 5e-5, phase: 1 },
      { t: 0.45, kind: "bearing-stiffness", bearing: "all", factor: 0.7 },
    ],
    noise: [0.01, 0.02, 0, 0.05],
    seed: 7,
    adc: { bits: 16, fullScale: 0.25 },
    tachWidth: 0.25,
    truth: { velocity: true, acceleration: true },
  };

  it("gives the same bits for any split into steps and on a second run", () => {
    const a = run(busy, [1600]);
    const b = run(busy, [1, 333, 0, 666, 600]);
    const c = run(busy, [1600]);
    const ch = (r: { blocks: DeviceBlock[] }) => concat(r.blocks.map((x) => x.channels));
    const tr = (r: { blocks: DeviceBlock[] }) => concat(r.blocks.map((x) => x.truth));
    expect(Buffer.from(ch(b).buffer).equals(Buffer.from(ch(a).buffer))).toBe(true);
    expect(Buffer.from(tr(b).buffer).equals(Buffer.from(tr(a).buffer))).toBe(true);
    expect(Buffer.from(ch(c).buffer).equals(Buffer.from(ch(a).buffer))).toBe(true);
    expect(b.blocks.map((x) => x.first)).toEqual([0, 1, 334, 334, 1000]);
    expect(a.blocks[0]!.clipped).toBe(b.blocks.reduce((s, x) => s + x.clipped, 0));
    expect(a.blocks[0]!.clipped).toBeGreaterThan(0); // ±0.25 m/s² is too small for this run: codes clip
    // the speed changes every sample of the ramp, the bearing event once more
    expect(a.sim.describe().rebuilds).toBeGreaterThan(1000);
    expect(a.sim.describe().samples).toBe(1600);
    for (const r of [a, b, c]) r.sim.free();
  });

  it("re-evaluates the matrices once per interval of R samples: fewer rebuilds, the same response to 1e-3, any split", () => {
    const o: DeviceOptions = { fs: 2000, speed: { kind: "run-up", rpm0: 300, rpm1: 1200, ta: 0, tb: 1 }, unbalance: UNB, sensors: [{ node: 5, dir: "x" }] };
    const every = run(o, [2400]);
    const r8 = run({ ...o, matrixInterval: 8 }, [2400]);
    const r8split = run({ ...o, matrixInterval: 8 }, [5, 1000, 3, 1392]);
    expect(every.sim.describe().rebuilds).toBe(2000); // one per sample of the ramp
    expect(r8.sim.describe()).toMatchObject({ rebuilds: 250, matrixInterval: 8 });
    for (const r of [every, r8, r8split]) r.sim.free();
    const a = every.blocks[0]!.channels, b = r8.blocks[0]!.channels;
    expect(Array.from(concat(r8split.blocks.map((x) => x.channels)))).toEqual(Array.from(b));
    let peak = 0, diff = 0;
    for (let j = 0; j < a.length; j++) {
      peak = Math.max(peak, Math.abs(a[j]!));
      diff = Math.max(diff, Math.abs(a[j]! - b[j]!));
    }
    expect(diff).toBeGreaterThan(0);
    expect(diff / peak).toBeLessThan(1e-3);
  });

  it("puts the tach pulses of a run-up where the exact shaft angle puts them", () => {
    const fs = 1000, width = 0.2;
    const sp = { kind: "run-up" as const, rpm0: 0, rpm1: 1200, ta: 0.5, tb: 1.5 };
    const n = 2500;
    const { blocks, sim } = run({ fs, speed: sp, unbalance: UNB, tachWidth: width, substeps: 2 }, [n]);
    const info = sim.info;
    sim.free();
    const c = info.channels, tach = c - 1;
    const w1 = (1200 * Math.PI) / 30, alpha = w1 / (sp.tb - sp.ta);
    const theta = (t: number): number => {
      if (t <= sp.ta) return 0;
      if (t < sp.tb) return 0.5 * alpha * (t - sp.ta) ** 2;
      return 0.5 * w1 * (sp.tb - sp.ta) + w1 * (t - sp.tb);
    };
    let rising = 0, checked = 0;
    for (let j = 0; j < n; j++) {
      const v = blocks[0]!.channels[j * c + tach]!;
      expect(v === 5 || v === 0).toBe(true);
      if (j > 0 && v === 5 && blocks[0]!.channels[(j - 1) * c + tach] === 0) rising++;
      const th = theta(j / fs);
      const r = th - 2 * Math.PI * Math.floor(th / (2 * Math.PI));
      // away from the pulse's edges (where the last bit of θ could decide), the level is the angle's
      if (Math.abs(r - 2 * Math.PI * width) > 1e-9 && !(r > 0 && r < 1e-9) && Math.abs(r - 2 * Math.PI) > 1e-9) {
        expect(v, `sample ${j}`).toBe(r < 2 * Math.PI * width ? 5 : 0);
        checked++;
      }
      // the speed column of the truth is Ω(t_j)
      expect(blocks[0]!.truth[j * info.truth.length]).toBeCloseTo(j / fs <= sp.ta ? 0 : j / fs < sp.tb ? alpha * (j / fs - sp.ta) : w1, 9);
    }
    expect(checked).toBeGreaterThan(0.95 * n); // at 1200 rpm and 1 kHz every 50th sample lies on a revolution boundary
    // revolutions = θ(t_end)/2π: the shaft stands still (pulse high from the start) until t_a
    const revs = Math.floor(theta((n - 1) / fs) / (2 * Math.PI));
    expect(rising).toBe(revs);
    expect(revs).toBe(Math.floor((0.5 * w1 * 1.0 + w1 * (2.499 - 1.5)) / (2 * Math.PI)));
  });

  it("an unbalance added at t_s leaves the samples before it alone and grows 1X by the steady-state ratio", () => {
    const fs = 2000, ts = 4.5, n = 18001;
    const base: DeviceOptions = { fs, speed: { kind: "constant", rpm: 1200 }, unbalance: UNB, sensors: [{ node: 5, dir: "x" }] };
    const add = { node: 7, magnitude: 2e-4, phase: 1.2 };
    const a = run({ ...base, events: [{ t: ts, kind: "unbalance", ...add }] }, [n]);
    const b = run(base, [n]);
    a.sim.free();
    b.sim.free();
    const xa = Array.from(a.blocks[0]!.channels), xb = Array.from(b.blocks[0]!.channels);
    const se = Math.ceil(ts * fs);
    // the event acts on the steps after sample ceil(t_s·fs): samples up to it are the same bits
    expect(xa.slice(0, se + 1)).toEqual(xb.slice(0, se + 1));
    expect(xa[se + 1]).not.toBe(xb[se + 1]);
    const w = (1200 * Math.PI) / 30;
    const ss = unbalanceJob(core, src, UNB, [{ node: 5, dir: "x" }], { kind: "list", values: [w] });
    const ss2 = unbalanceJob(core, src, [...UNB, add], [{ node: 5, dir: "x" }], { kind: "list", values: [w] });
    const A1 = ss.response.probes[0]!.amplitude[0]!, A2 = ss2.response.probes[0]!.amplitude[0]!;
    // accelerations at a single frequency: amplitude w² times the displacement's
    const win = 2000; // 1 s = 20 revolutions, ≥ 3.5 s after each change (the start transient decays in about 3 s)
    const m1 = amplitude1x(xa.slice(se - win, se), fs, w, se - win);
    const m2 = amplitude1x(xa.slice(n - win), fs, w, n - win);
    expect(m1 / (w * w * A1)).toBeCloseTo(1, 2);
    expect(m2 / (w * w * A2)).toBeCloseTo(1, 2);
    expect(m2 / m1).toBeCloseTo(A2 / A1, 2);
    expect(A2 / A1).toBeGreaterThan(2);
  });

  it("a bearing stiffness drop at t_s moves the 1X response to the steady state of the softened model", () => {
    const fs = 2000, ts = 4.5, n = 18001, factor = 0.2;
    const probe = [{ node: 5, dir: "x" as const }];
    const { blocks, sim } = run({ fs, speed: { kind: "constant", rpm: 1200 }, unbalance: UNB, sensors: probe, events: [{ t: ts, kind: "bearing-stiffness", bearing: "all", factor }] }, [n]);
    expect(sim.describe().rebuilds).toBe(1);
    sim.free();
    const x = Array.from(blocks[0]!.channels);
    const w = (1200 * Math.PI) / 30;
    const soft = { ...model, bearings: model.bearings.map((b) => ({ ...b, kxx: (b.kxx as number) * factor, kxy: (b.kxy as number) * factor, kyx: (b.kyx as number) * factor, kyy: (b.kyy as number) * factor })) };
    const A1 = unbalanceJob(core, src, UNB, probe, { kind: "list", values: [w] }).response.probes[0]!.amplitude[0]!;
    const A2 = unbalanceJob(core, { model: soft, file: "soft" }, UNB, probe, { kind: "list", values: [w] }).response.probes[0]!.amplitude[0]!;
    const se = Math.ceil(ts * fs), win = 2000;
    const m1 = amplitude1x(x.slice(se - win, se), fs, w, se - win);
    const m2 = amplitude1x(x.slice(n - win), fs, w, n - win);
    expect(Math.abs(A2 / A1 - 1)).toBeGreaterThan(0.05); // the drop matters at this speed
    expect(m1 / (w * w * A1)).toBeCloseTo(1, 2);
    expect(m2 / (w * w * A2)).toBeCloseTo(1, 2);
  });

  it("during a slow run-up below the first critical, follows the steady state at the instantaneous speed", () => {
    const fs = 1000, rpm0 = 600, rpm1 = 1200, ta = 2, tb = 12;
    const { blocks, sim } = run({ fs, speed: { kind: "run-up", rpm0, rpm1, ta, tb }, unbalance: UNB, sensors: [{ node: 5, dir: "x" }] }, [12_000]);
    const info = sim.info;
    sim.free();
    const nt = info.truth.length, col = info.truth.findIndex((c) => c.quantity === "displacement" && c.node === 5 && c.dir === "x");
    const w0 = (rpm0 * Math.PI) / 30, w1 = (rpm1 * Math.PI) / 30, alpha = (w1 - w0) / (tb - ta);
    const theta = (t: number): number => (t <= ta ? w0 * t : w0 * ta + w0 * (t - ta) + 0.5 * alpha * (t - ta) ** 2);
    for (const tc of [5, 8, 11]) {
      // 1X amplitude against the shaft angle over ±0.25 s around tc
      let cc = 0, ss = 0, cs = 0, xc = 0, xs = 0;
      for (let j = (tc - 0.25) * fs; j < (tc + 0.25) * fs; j++) {
        const c = Math.cos(theta(j / fs)), s = Math.sin(theta(j / fs)), v = blocks[0]!.truth[j * nt + col]!;
        cc += c * c;
        ss += s * s;
        cs += c * s;
        xc += v * c;
        xs += v * s;
      }
      const det = cc * ss - cs * cs;
      const a = (xc * ss - xs * cs) / det, b = (xs * cc - xc * cs) / det;
      const w = blocks[0]!.truth[tc * fs * nt]!;
      expect(w).toBeCloseTo(w0 + alpha * (tc - ta), 9);
      const steady = unbalanceJob(core, src, UNB, [{ node: 5, dir: "x" }], { kind: "list", values: [w] }).response.probes[0]!;
      expect(Math.hypot(a, b) / steady.amplitude[0]!).toBeCloseTo(1, 2);
      // x = |Q| cos(θ + arg Q): the unbalance force turns with the shaft angle θ(t) = ∫Ω, not with Ω·t
      const lag = Math.atan2(-b, a) - steady.phase[0]!;
      expect(Math.abs(Math.atan2(Math.sin(lag), Math.cos(lag)))).toBeLessThan(0.01);
    }
  });

  it("quantises to codes round-half-even, clips at the ends of the range and counts the clipped", () => {
    for (const bits of [16, 24] as const) {
      const fs = 2000, n = 600, fullScale = 0.3;
      const { blocks, sim } = run({ fs, speed: { kind: "constant", rpm: 1200 }, unbalance: UNB, adc: { bits, fullScale }, tachWidth: 0.1, sensors: [{ node: 5, dir: "x" }, { node: 1, dir: "y" }] }, [n]);
      const info = sim.info;
      sim.free();
      const half = 2 ** (bits - 1);
      expect(info.scale).toBe(Math.fround(fullScale) / half); // FS as the frame's binary32 scale carries it
      expect(info.tachHigh).toBe(half / 2); // half the code range, whatever FS: never an over-range code
      const b = blocks[0]!, c = info.channels, nt = info.truth.length, s = info.sensors.length;
      let clipped = 0;
      for (let j = 0; j < n; j++) {
        for (let k = 0; k < s; k++) {
          const a = b.truth[j * nt + nt - s + k]!;
          let code = roundHalfEven(a / info.scale);
          if (code > half - 1 || code < -half) {
            clipped++;
            code = code > 0 ? half - 1 : -half;
          }
          expect(b.channels[j * c + k]).toBe(code + 0); // codes are integers: never −0
        }
      }
      expect(clipped).toBeGreaterThan(0);
      expect(b.clipped).toBe(clipped);
    }
  });

  it("adds noise of the asked standard deviation, the same for the same seed, another for another", () => {
    const fs = 2000, n = 8000, std = 0.05;
    const o: DeviceOptions = { fs, speed: { kind: "constant", rpm: 1200 }, unbalance: UNB, noise: std, seed: 3 };
    const a = run(o, [n]), b = run({ ...o, seed: 4 }, [n]);
    const info = a.sim.info;
    a.sim.free();
    b.sim.free();
    const c = info.channels, nt = info.truth.length, s = info.sensors.length;
    for (let k = 0; k < s; k++) {
      let sum = 0, sq = 0;
      for (let j = 0; j < n; j++) {
        const e = a.blocks[0]!.channels[j * c + k]! - a.blocks[0]!.truth[j * nt + nt - s + k]!;
        sum += e;
        sq += e * e;
      }
      const mean = sum / n, sd = Math.sqrt(sq / n - mean * mean);
      expect(Math.abs(mean)).toBeLessThan(4 * (std / Math.sqrt(n)));
      expect(sd / std).toBeCloseTo(1, 1);
    }
    expect(a.blocks[0]!.channels[0]).not.toBe(b.blocks[0]!.channels[0]);
  });

  it("refuses bad requests with the value located", () => {
    const ok: DeviceOptions = { fs: 2000, speed: { kind: "constant", rpm: 1200 }, unbalance: UNB };
    const fail = (o: DeviceOptions): Error => {
      try {
        DeviceSimulator.open(src, o).free();
      } catch (e) {
        return e as Error;
      }
      throw new Error("accepted");
    };
    let e = fail({ ...ok, sensors: [{ node: 99, dir: "x" }] });
    expect(e).toBeInstanceOf(UsageError);
    expect(e.message).toMatch(/--sensors: 99:x: is not a shaft or pedestal node/);
    e = fail({ ...ok, events: [{ t: 2, kind: "unbalance", node: 4, magnitude: 1e-4, phase: 0 }, { t: 1, kind: "unbalance", node: 4, magnitude: 1e-4, phase: 0, where: '--at #2 "1:unbalance:4:1e-4:0"' }] });
    expect(e.message).toMatch(/--at #2 "1:unbalance:4:1e-4:0": time: .*time order/);
    e = fail({ ...ok, events: [{ t: 1, kind: "bearing-stiffness", bearing: 5, factor: 0.7 }] });
    expect(e.message).toMatch(/event 1: bearing: is not a bearing index/);
    e = fail({ ...ok, speed: { kind: "run-up", rpm0: 0, rpm1: 100, ta: 2, tb: 1 } });
    expect(e.message).toMatch(/--run-up: TB: must be > TA/);
    e = fail({ ...ok, noise: [0.1, 0.1] });
    expect(e.message).toMatch(/--noise: needs none, one, or one std per sensor channel/);
    e = fail({ ...ok, unbalance: [{ node: 13, magnitude: 1e-4, phase: 0 }] });
    expect(e.message).toMatch(/unbalance 1: node: is not a shaft node/);
    const bad = { ...model, bearings: model.bearings.map((b, i) => (i === 0 ? { ...b, kxx: Number.NaN } : b)) };
    expect(() => DeviceSimulator.open({ model: bad, file: "m.json" }, ok).free()).toThrow(ModelError);
    // a step too large for one result, or after free, is refused; nothing leaks
    const before = core.exports.bufCount();
    const sim = DeviceSimulator.open(src, ok);
    expect(() => sim.step(-1)).toThrow(CoreError);
    expect(() => sim.step(1 << 22)).toThrow(/devStep: invalid input/);
    expect(sim.step(3).first).toBe(0); // a refused step produced nothing
    sim.free();
    expect(() => sim.step(1)).toThrow(/freed/);
    expect(core.fn("devStep")(sim.handle, 1)).toBe(0);
    expect(core.exports.coreError()).toBe(6);
    expect(core.exports.bufCount()).toBe(before);
  });
});
