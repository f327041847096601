// Virtual sensing in the core (assembly/vsense, src/vsense): the noise generator against a reference
// implementation of its documented algorithm; the filter's model (read back from a session) against
// the core's frequency-domain unbalance response; the mismatch; the end-to-end estimate on the test
// rig against the simulated truth; the previous host implementation's figures reproduced on the same
// truth; Effective Independence's exact properties; batch and incremental filters giving the same
// bits; the decimal rounding of recordings against ECMAScript's toPrecision. Real runs of the core.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { RotorCore } from "../src/rotor/core.js";
import type { RotorModel } from "../src/rotor/model.js";
import { parseRotorModel } from "../src/rotor/validate.js";
import { VS_DEFAULTS } from "../src/vsense/defaults.js";
import { type Dof, dofName } from "../src/vsense/dofs.js";
import { sensorPlacementJob as sensorPlacement, virtualSensingJob as virtualSensing } from "../src/vsense/jobs.js";
import { parseMismatch } from "../src/vsense/mismatch.js";
import { type SessionOptions, type VirtualSensingOptions, virtualSensingRequest } from "../src/vsense/request.js";
import type { VirtualSensingRun } from "../src/vsense/result.js";
import { VirtualSensorSession } from "../src/vsense/session.js";

const ROOT = join(import.meta.dirname, "..");
const RIG = parseRotorModel(readFileSync(join(ROOT, "models", "test-rig.json"), "utf8"), "test-rig.json");
const core = Core.default();
const UNBALANCE = [{ node: 4, magnitude: 1e-4, phase: 0.3 }];
const dofs = (s: string): Dof[] => s.split(",").map((x) => ({ node: Number(x.split(":")[0]), dir: x.split(":")[1] as "x" | "y" }));

function options(over: Partial<VirtualSensingOptions> = {}): VirtualSensingOptions {
  return { ...VS_DEFAULTS, unbalance: UNBALANCE, sensors: [], estimates: [], mismatch: [], series: false, ...over };
}

/** Vigna's splitmix64.c and Marsaglia's polar method, as docs/vsense.md and ABI.md describe them (test reference). */
class ReferenceNoise {
  private s: bigint;
  private spare: number | null = null;
  constructor(seed: bigint) {
    this.s = seed;
  }
  next(): bigint {
    const M = (1n << 64n) - 1n;
    this.s = (this.s + 0x9e3779b97f4a7c15n) & M;
    let z = this.s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    return z ^ (z >> 31n);
  }
  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    for (;;) {
      const u = 2 * Number(this.next() >> 11n) * 2 ** -53 - 1;
      const v = 2 * Number(this.next() >> 11n) * 2 ** -53 - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }
}

/** Column `c` of a run's time series. */
function column(run: VirtualSensingRun, c: number): Float64Array {
  const s = run.series!;
  const w = s.values.length / s.rows;
  return Float64Array.from({ length: s.rows }, (_, i) => s.values[i * w + c]!);
}

describe("sensor noise (SplitMix64 + polar method, in the core)", () => {
  it("the reference generator reproduces Vigna's splitmix64.c (seed 1234567) and the core's SplitMix64 stream", () => {
    const g = new ReferenceNoise(1234567n);
    expect([g.next(), g.next(), g.next()]).toEqual([6457827717110365317n, 3203168211198807973n, 9817491932198370423n]);
    // elmWeights draws (next() >> 11) 2^-53 · 2 − 1 from SplitMix64(seed): the generator the noise uses
    const w = core.take(core.fn("elmWeights")(3, 5, 42), "elmWeights");
    const h = new ReferenceNoise(42n);
    for (let i = 0; i < w.length; i++) expect(Number(h.next() >> 11n) * 2 ** -53 * 2 - 1).toBe(w[i]);
  });

  // the noise the core adds: noisy − clean of two runs that differ in --noise only
  const base = { tEnd: 1, series: true, seed: 11 };
  const clean = virtualSensing(RIG, options({ ...base, noise: 0 }), core);
  const noisy = virtualSensing(RIG, options({ ...base, noise: 0.01 }), core);
  const m = noisy.sensors.length, n = noisy.series!.rows;

  it("is the documented stream: std = noise × RMS(clean), deviates drawn channel by channel from SplitMix64(seed)", () => {
    const ref = new ReferenceNoise(11n);
    for (let j = 0; j < m; j++) {
      const x = column(clean, 1 + j), y = column(noisy, 1 + j);
      let s = 0;
      for (const v of x) s += v * v;
      const std = noisy.result.sensors[j]!.noise_std;
      expect(Math.abs(std / (0.01 * Math.sqrt(s / n)) - 1)).toBeLessThan(1e-14);
      // (noisy − clean)/std recovers the deviate up to the rounding of clean + std·g (|clean| ≈ 100 std)
      for (let i = 0; i < n; i++) expect(Math.abs((y[i]! - x[i]!) / std - ref.normal())).toBeLessThan(1e-9);
    }
  });

  it("is standard normal (mean, variance, tails within sampling error)", () => {
    const g: number[] = [];
    for (let j = 0; j < m; j++) {
      const x = column(clean, 1 + j), y = column(noisy, 1 + j), std = noisy.result.sensors[j]!.noise_std;
      for (let i = 0; i < n; i++) g.push((y[i]! - x[i]!) / std);
    }
    const N = g.length;
    const mean = g.reduce((a, b) => a + b, 0) / N;
    const var_ = g.reduce((a, b) => a + b * b, 0) / N;
    const beyond2 = g.filter((z) => Math.abs(z) > 2).length / N;
    // 5 standard errors: mean 1/√N, variance √(2/N), tail fraction √(p(1−p)/N) with p = 0.0455
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(var_ - 1)).toBeLessThan(5 * Math.sqrt(2 / N));
    expect(Math.abs(beyond2 - 0.0455)).toBeLessThan(5 * Math.sqrt((0.0455 * 0.9545) / N));
  });

  it("R = noise²·RMS(z)²/(1 + noise²) from the measured signal", () => {
    for (let j = 0; j < m; j++) {
      const z = column(noisy, 1 + j);
      let s = 0;
      for (const v of z) s += v * v;
      const r2 = s / n;
      expect(Math.abs(noisy.result.sensors[j]!.R / ((1e-4 * r2) / (1 + 1e-4)) - 1)).toBeLessThan(1e-13);
    }
  });
});

/** A session on `model`, with every place given. */
function session(model: RotorModel, o: Partial<SessionOptions>): VirtualSensorSession {
  const sensors = o.sensors ?? dofs("1:x,1:y,12:x,12:y");
  return VirtualSensorSession.open(model, {
    speedRpm: 1200,
    fs: 2000,
    n0: 0,
    modes: 8,
    modelError: 0.01,
    unbalance: UNBALANCE,
    estimates: dofs("5:x,5:y,10:x,10:y,13:x,13:y"),
    mismatch: [],
    R: sensors.map(() => 1e-8),
    ...o,
    sensors,
  }, core);
}

describe("the filter's model (read back from a session)", () => {
  it("with every mode kept, the discrete model's steady state is the core's unbalance response", () => {
    // Exact discretisation of the harmonic input means the discrete steady state equals the
    // continuous one: x_k = Re(X e^{iΩt_k}), (I − e^{−iΩdt} F) X = B [1, −i]ᵀ. With all 56 modes the
    // modal model is the full model, so the displacements [Φ_e, 0] X must match rotorUnbalance
    // (frequency domain, banded complex solve) up to rounding, and the accelerations H X + D [1, −i]ᵀ
    // −Ω² times it. Tolerance 1e-6 relative (measured up to 9e-8 with the host implementation): the
    // full basis spans 26 Hz to 60 kHz, so A + iΩI and the steady-state system have condition numbers
    // of order (ω_max/Ω)² ~ 1e7. Sensors and estimates include the pedestal nodes 12 and 13 (bearing
    // housings); with the pedestals listed in reverse order the node numbers name the same housings.
    const reversed = { ...RIG, pedestals: [...RIG.pedestals!].reverse() };
    for (const model of [RIG, reversed]) steadyStateMatches(model);
  });

  function steadyStateMatches(model: RotorModel): void {
    const nDof = 4 * (model.shaft.length + 1) + 2 * model.pedestals!.length;
    const s = session(model, { modes: nDof });
    const rotor = RotorCore.load(model, core);
    try {
      const info = s.describe();
      const M = s.matrices();
      const W = info.speed, dt = 1 / info.fs, nx = M.nx;
      expect(nx).toBe(2 * nDof);
      const c = Math.cos(W * dt), sn = Math.sin(W * dt);
      const mat = new Float64Array(2 * nx * nx);
      for (let i = 0; i < nx; i++) {
        for (let j = 0; j < nx; j++) {
          const f = M.F[i * nx + j]!;
          mat[i * nx + j] = (i === j ? 1 : 0) - c * f;
          mat[nx * nx + i * nx + j] = sn * f;
        }
      }
      const rhs = new Float64Array(2 * nx);
      for (let i = 0; i < nx; i++) {
        rhs[i] = M.B[2 * i]!;
        rhs[nx + i] = -M.B[2 * i + 1]!;
      }
      const X = core.withBuffers([mat, rhs], (pa, pb) => core.take(core.fn("linalgSolveComplex")(pa!, pb!, nx), "solve"));
      const probe = (d: Dof) => ({ node: d.node, dir: d.dir });
      const ref = (list: Dof[]) => rotor.unbalance(UNBALANCE, [W], list.map(probe)).probes;
      ref(info.estimates).forEach((p, e) => {
        let re = 0, im = 0;
        for (let j = 0; j < nx; j++) {
          re += M.out[e * nx + j]! * X[j]!;
          im += M.out[e * nx + j]! * X[nx + j]!;
        }
        const amp = p.amplitude[0]!, ph = p.phase[0]!;
        expect(Math.hypot(re - amp * Math.cos(ph), im - amp * Math.sin(ph)) / amp).toBeLessThan(1e-6);
      });
      ref(info.sensors.map((x) => x.dof)).forEach((p, e) => {
        let re = M.D[2 * e]!, im = -M.D[2 * e + 1]!;
        for (let j = 0; j < nx; j++) {
          re += M.H[e * nx + j]! * X[j]!;
          im += M.H[e * nx + j]! * X[nx + j]!;
        }
        const amp = p.amplitude[0]!, ph = p.phase[0]!, w2 = W * W;
        expect(Math.hypot(re + w2 * amp * Math.cos(ph), im + w2 * amp * Math.sin(ph)) / (w2 * amp)).toBeLessThan(1e-6);
      });
    } finally {
      s.free();
      rotor.free();
    }
  }

  it("steady states at the two housings differ, so a swapped pedestal numbering could not pass", () => {
    const rotor = RotorCore.load(RIG, core);
    try {
      const r = rotor.unbalance(UNBALANCE, [(1200 * 2 * Math.PI) / 60], dofs("12:x,12:y,13:x,13:y"));
      const [x12, y12, x13, y13] = r.probes.map((p) => p.amplitude[0]!);
      expect(Math.abs(x12! - x13!) / Math.max(x12!, x13!)).toBeGreaterThan(0.05);
      expect(Math.abs(y12! - y13!) / Math.max(y12!, y13!)).toBeGreaterThan(0.05);
    } finally {
      rotor.free();
    }
  });

  it("a mismatch scales the filter model's supports in the core: the same bits as the scaled model file", () => {
    const scaled = structuredClone(RIG);
    for (const b of scaled.bearings) for (const k of ["kxx", "kxy", "kyx", "kyy"] as const) if (typeof b[k] === "number") b[k] = b[k] * 1.1;
    for (const p of scaled.pedestals!) p.m = p.m * 0.95;
    const a = session(RIG, { mismatch: [parseMismatch("bearing-k=+10%"), parseMismatch("pedestal-m=-5%")] });
    const b = session(scaled, {});
    const c = session(RIG, {});
    try {
      expect(a.matrices()).toEqual(b.matrices());
      expect(a.matrices().F).not.toEqual(c.matrices().F);
    } finally {
      for (const s of [a, b, c]) s.free();
    }
    expect(() => parseMismatch("bearing-k=10")).toThrow(/PARAMETER=\+P%/);
    expect(() => parseMismatch("shaft-e=+1%")).toThrow(/unknown parameter/);
  });

  it("the truth keeps the nominal model: a mismatch changes the estimates, not the simulated truth", () => {
    const a = virtualSensing(RIG, options({ tEnd: 0.5, discard: 0.1, series: true }), core);
    const b = virtualSensing(RIG, options({ tEnd: 0.5, discard: 0.1, series: true, mismatch: [parseMismatch("bearing-k=+10%")] }), core);
    const m = a.sensors.length;
    for (let e = 0; e < a.estimates.length; e++) {
      expect(column(b, 1 + m + 2 * e)).toEqual(column(a, 1 + m + 2 * e));
      expect(column(b, 2 + m + 2 * e)).not.toEqual(column(a, 2 + m + 2 * e));
    }
    for (let j = 0; j < m; j++) expect(column(b, 1 + j)).toEqual(column(a, 1 + j));
  });
});

describe("virtual sensing on the test rig", () => {
  // Acceptance figure of the task: mid-span displacement NRMSE <= 5 % with the matched model and 1 %
  // noise. Measured: 0.05-0.1 % (the residual is the truncation to 8 modes and Newmark's period
  // error); the test asserts the 5 % requirement and, as a regression bound, 0.5 %.
  const matched = virtualSensing(RIG, options(), core);

  it("estimates the mid-span displacement within 5 % NRMSE (matched model, 1 % noise)", () => {
    const r = matched.result;
    for (const e of r.estimates) {
      expect(e.nrmse).toBeLessThan(0.05);
      expect(e.nrmse).toBeLessThan(0.005);
      // 1X: amplitude within 0.5 %, phase within 0.5 degree
      expect(Math.abs(e.amplitude_error_1x)).toBeLessThan(0.005);
      expect(Math.abs(e.phase_error_1x)).toBeLessThan((0.5 * Math.PI) / 180);
    }
    // the core's defaults: sensors at the bearing nodes 1 and 10; estimates at the disks (4, 7) and
    // the nodes nearest mid-span (5, 6)
    expect(r.sensors.map((s) => s.dof)).toEqual(["1:x", "1:y", "10:x", "10:y"]);
    expect(r.estimates.map((e) => e.dof)).toEqual(["4:x", "4:y", "5:x", "5:y", "6:x", "6:y", "7:x", "7:y"]);
    expect(r.filter.repairs).toBe(0);
    expect(r.discarded).toBe(1000);
    expect(r.samples).toBe(4000);
    expect(r.worst_nrmse).toBe(Math.max(...r.estimates.map((e) => e.nrmse)));
  });

  it("corrects a bearing-stiffness mismatch (+10 %) with the measurements", () => {
    const r = virtualSensing(RIG, options({ mismatch: [parseMismatch("bearing-k=+10%")] }), core).result;
    // measured: filter 0.25-0.4 %, model alone 1-5 %; the filter must beat the model alone on every
    // DOF and stay within the 5 % figure
    for (const e of r.estimates) {
      expect(e.nrmse).toBeLessThan(0.05);
      expect(e.nrmse).toBeLessThan(e.open_loop.nrmse);
    }
    expect(Math.max(...r.estimates.map((e) => e.open_loop.nrmse))).toBeGreaterThan(0.02); // the mismatch is visible without the filter
    expect(r.mismatch).toEqual(["bearing-k=+10%"]);
  });

  it("is deterministic for a seed and depends on it", () => {
    const again = virtualSensing(RIG, options(), core);
    expect(again.result).toEqual(matched.result);
    const other = virtualSensing(RIG, options({ seed: 2 }), core).result;
    expect(other.estimates[0]!.nrmse).not.toBe(matched.result.estimates[0]!.nrmse);
    expect(Math.abs(other.estimates[0]!.nrmse - matched.result.estimates[0]!.nrmse)).toBeLessThan(0.005);
  });

  it("without noise the filter reproduces the model's own accuracy", () => {
    const r = virtualSensing(RIG, options({ noise: 0 }), core).result;
    for (const e of r.estimates) expect(e.nrmse).toBeLessThan(Math.max(2 * e.open_loop.nrmse, 0.002));
  });
});

describe("the previous host implementation's figures, reproduced on the same truth", () => {
  // test/data/vsense/previous-host.json: the results of src/vsense before issue 11 (host TypeScript
  // filter matrices, noise and metrics) for eight runs and both placement methods. The truth (the
  // core's Newmark run) is the same bits, so are the noise std (noise × RMS of the clean truth) and
  // every truth figure; the noise is the same generator (SplitMix64 + polar) now in the core, with the
  // core's logarithm; the filter model and metrics are the same formulas summed in the same order.
  // What differs: the filter input's sample time is now (n0 + k)/fs (was the Newmark step time
  // k·substeps·dt) and the trigonometric functions are the core's. Measured: R identical, NRMSE and
  // error RMS within 4.7e-11 relative, 1X figures within 1e-14; asserted: 1e-9 relative (phase and
  // amplitude errors: 1e-9 absolute), the truth figures and noise std exactly.
  const prev = JSON.parse(readFileSync(join(ROOT, "test", "data", "vsense", "previous-host.json"), "utf8"));
  const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
  const near = (a: number, b: number, what: string): void => expect(rel(a, b), `${what}: ${a} vs ${b}`).toBeLessThan(1e-9);
  const figures = ["nrmse", "truth_rms", "error_rms", "truth_1x", "estimate_1x"] as const;

  function compare(mine: ReturnType<typeof virtualSensing>["result"], old: typeof mine, name: string): void {
    expect(mine.estimates.map((e) => e.dof), name).toEqual(old.estimates.map((e) => e.dof));
    expect(mine.sensors.map((e) => e.dof), name).toEqual(old.sensors.map((e) => e.dof));
    mine.wn_hz.forEach((w, i) => near(w, old.wn_hz[i]!, `${name} wn_hz[${i}]`));
    near(mine.filter.sigma_modal_force, old.filter.sigma_modal_force, `${name} sigma`);
    mine.sensors.forEach((s, j) => {
      expect(s.noise_std, `${name} noise_std`).toBe(old.sensors[j]!.noise_std);
      near(s.R, old.sensors[j]!.R, `${name} R`);
    });
    mine.estimates.forEach((e, i) => {
      const o = old.estimates[i]!;
      expect([e.truth_rms, e.truth_1x, e.open_loop.truth_rms], `${name} ${e.dof} truth`).toEqual([o.truth_rms, o.truth_1x, o.open_loop.truth_rms]);
      for (const f of figures) {
        near(e[f], o[f], `${name} ${e.dof} ${f}`);
        near(e.open_loop[f], o.open_loop[f], `${name} ${e.dof} open_loop ${f}`);
      }
      expect(Math.abs(e.amplitude_error_1x - o.amplitude_error_1x)).toBeLessThan(1e-9 * Math.max(1e-3, Math.abs(o.amplitude_error_1x)));
      expect(Math.abs(e.phase_error_1x - o.phase_error_1x)).toBeLessThan(1e-9);
      expect(Math.abs(e.open_loop.phase_error_1x - o.open_loop.phase_error_1x)).toBeLessThan(1e-9);
    });
    near(mine.worst_nrmse, old.worst_nrmse, `${name} worst`);
    expect(mine.filter.repairs).toBe(old.filter.repairs);
  }

  const cases: Record<string, Partial<VirtualSensingOptions>> = {
    matched: {},
    "bearing-k+10": { mismatch: [parseMismatch("bearing-k=+10%")] },
    "pedestal-k+10": { mismatch: [parseMismatch("pedestal-k=+10%")] },
    noise0: { noise: 0 },
    seed2: { seed: 2 },
    modes4: { modes: 4 },
    housings: { sensors: dofs("12:x,12:y,13:x,13:y"), estimates: dofs("5:x,5:y,1:x"), tEnd: 1 },
    "bearing-k-20-noise5": { mismatch: [parseMismatch("bearing-k=-20%")], noise: 0.05 },
  };

  it("eight virtual-sensing runs", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(prev.cases).sort());
    for (const [name, over] of Object.entries(cases)) compare(virtualSensing(RIG, options(over), core).result, prev.cases[name].result, name);
  });

  it("sensor placement by EfI and EfI-DPR: the same choice, removal order and scores", () => {
    for (const method of ["efi", "efi-dpr"] as const) {
      const r = sensorPlacement(RIG, { count: 4, modes: 4, method, run: options() }, core);
      const old = prev.placement[method];
      expect(r.sensors.map((s) => s.dof)).toEqual(old.sensors);
      expect(r.removed.map((s) => s.dof)).toEqual(old.removed.map((s: { dof: string }) => s.dof));
      r.removed.forEach((s, i) => near(s.score, old.removed[i].score, `${method} score ${i}`));
      r.sensors.forEach((s, i) => {
        near(s.efi, old.efi[i], `${method} efi`);
        near(s.weight, old.weight[i], `${method} weight`);
      });
      near(r.fisher_det, old.fisher_det, `${method} det`);
      compare(r.check, old.check, `${method} check`);
    }
  });
});

describe("Effective Independence", () => {
  it("E_i of the chosen set sums to the number of target modes (trace of the projector); E = 1 when count = modes", () => {
    const six = sensorPlacement(RIG, { count: 6, modes: 4, method: "efi", run: options({ tEnd: 0.5, discard: 0.1 }) }, core);
    expect(six.sensors.reduce((a, s) => a + s.efi, 0)).toBeCloseTo(4, 10);
    expect(six.removed.length).toBe(24 - 6);
    expect(six.fisher_det).toBeGreaterThan(0);
    for (const s of six.sensors) expect(s.weight).toBe(1);
    const four = sensorPlacement(RIG, { count: 4, modes: 4, method: "efi-dpr", run: options({ tEnd: 0.5, discard: 0.1 }) }, core);
    for (const s of four.sensors) expect(s.efi).toBeCloseTo(1, 12);
  });

  it("places 4 sensors on the rig and the virtual sensor with them meets the 5 % figure", () => {
    for (const method of ["efi", "efi-dpr"] as const) {
      const r = sensorPlacement(RIG, { count: 4, modes: 4, method, run: options() }, core);
      // measured worst NRMSE: efi 0.13 %, efi-dpr 0.14 %
      expect(r.check.worst_nrmse).toBeLessThan(0.05);
      expect(r.sensors.length).toBe(4);
      expect(r.target_wn_hz.length).toBe(4);
      expect(r.bearing_sensors.sensors.map((s) => s.dof)).toEqual(["1:x", "1:y", "10:x", "10:y"]);
      for (const e of r.check.estimates) expect(r.sensors.map((s) => s.dof)).not.toContain(e.dof);
    }
  });
});

describe("batch and incremental virtual sensing give the same bits", () => {
  it("the job's estimates equal a session fed the same measurements in blocks of any size", () => {
    const o = options({ tEnd: 1, series: true, mismatch: [parseMismatch("bearing-k=+10%")] });
    const run = virtualSensing(RIG, o, core);
    const m = run.sensors.length, e = run.estimates.length, n = run.series!.rows, w = 1 + m + 2 * e;
    const z = new Float64Array(n * m), est = new Float64Array(n * e);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) z[i * m + j] = run.series!.values[i * w + 1 + j]!;
      for (let k = 0; k < e; k++) est[i * e + k] = run.series!.values[i * w + 2 + m + 2 * k]!;
    }
    const splits = [[n], [1, 2, 3, 17, 250, 999, 0, n - 1272], Array.from({ length: n / 8 }, () => 8)];
    // and a pseudo-random split
    let r = 12345, left = n;
    const random: number[] = [];
    while (left > 0) {
      r = (r * 1103515245 + 12345) % 2147483648;
      const b = Math.min(left, 1 + (r % 97));
      random.push(b);
      left -= b;
    }
    splits.push(random);
    for (const sizes of splits) {
      const s = VirtualSensorSession.open(RIG, {
        speedRpm: o.speedRpm, fs: o.fs, n0: run.preSamples, modes: o.modes, modelError: o.modelError, unbalance: o.unbalance,
        sensors: run.sensors, estimates: run.estimates, mismatch: o.mismatch, R: run.result.sensors.map((x) => x.R),
      }, core);
      try {
        const got = new Float64Array(n * e);
        let at = 0;
        for (const b of sizes) {
          const out = s.step(z.subarray(at * m, (at + b) * m));
          expect(out.first).toBe(at);
          got.set(out.estimates, at * e);
          at += b;
        }
        expect(at).toBe(n);
        expect(Buffer.from(got.buffer).equals(Buffer.from(est.buffer)), `blocks ${sizes.slice(0, 8).join(",")}…`).toBe(true);
        const info = s.describe();
        expect(info.samples).toBe(n);
        expect(info.sensors.map((x) => x.R)).toEqual(run.result.sensors.map((x) => x.R));
      } finally {
        s.free();
      }
    }
  });

  it("a session refuses bad blocks and unknown handles with located errors", () => {
    const s = session(RIG, {});
    try {
      const fail = (block: number[], code: number, detail: number) => {
        const p = core.put(block);
        try {
          expect(core.fn("vsSessionStep")(s.handle, p)).toBe(0);
          expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([code, detail]);
        } finally {
          core.free(p);
        }
      };
      fail([2, 1, 2, 3, 4, 5, 6, 7], 1, 0); // 2 samples of 4 need 9 values
      fail([1.5, 1, 2, 3, 4], 1, 0);
      fail([1, 1, 2, NaN, 4], 5, 3);
      expect(s.step([1, 2, 3, 4]).first).toBe(0); // nothing was processed by the refused blocks
      const p = core.put([0]);
      expect(core.fn("vsSessionStep")(987654, p)).toBe(0);
      expect(core.exports.coreError()).toBe(6);
      core.free(p);
    } finally {
      s.free();
    }
    expect(() => s.step([1, 2, 3, 4])).toThrow(/freed/);
  });
});

describe("job requests are checked value by value", () => {
  it("refuses a bad layout version, a NaN, a node that does not exist, trailing values, with the index", () => {
    const req = virtualSensingRequest(RIG, options()).values;
    const run = (values: number[]): [number, number] => {
      const p = core.put(values);
      try {
        const r = core.fn("jobVirtualSensing")(p);
        if (r !== 0) core.free(r);
        return [core.exports.coreError(), core.exports.coreErrorDetail()];
      } finally {
        core.free(p);
      }
    };
    const edit = (i: number, v: number) => req.map((x, j) => (j === i ? v : x));
    expect(run(edit(0, 2))).toEqual([1, 0]);
    expect(run(edit(2, NaN))).toEqual([5, 2]);
    expect(run(edit(1, 100000))).toEqual([1, 1]); // 1667 Hz shaft frequency at fs 2000
    expect(run(edit(5, 1.95))).toEqual([1, 5]); // discard leaves less than two revolutions
    expect(run([...req, 0])).toEqual([1, req.length]);
    const unbAt = req.length - 7; // after the model: [1, node, m·e, phase], [0] sensors, [0] estimates, [0] mismatches
    expect(req[unbAt]).toBe(1);
    expect(run(edit(unbAt + 1, 12))).toEqual([1, unbAt + 1]); // a pedestal node carries no unbalance
    expect(run(edit(unbAt + 2, 0))).toEqual([1, unbAt]); // every unbalance zero
    expect(core.exports.bufCount()).toBeLessThan(10);
  });

  it("a numerical failure is the core's error, not a NaN", () => {
    // a bearing-k of −99.99 % leaves the filter's model nearly free: still solvable, no NaN in the report
    const r = virtualSensing(RIG, options({ tEnd: 0.5, discard: 0.1, mismatch: [parseMismatch("bearing-k=-99.99%")] }), core).result;
    for (const e of r.estimates) for (const v of Object.values(e)) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    expect(() => virtualSensing(RIG, options({ modes: 1000 }), core)).toThrow(/--modes 1000 is more than/);
    try {
      virtualSensing(RIG, options({ discard: 1.99 }), core);
      expect.fail("accepted");
    } catch (e) {
      expect((e as Error).message).toMatch(/--discard 1\.99 s leaves less than two revolutions/);
      expect(e).not.toBeInstanceOf(CoreError);
    }
  });
});

describe("decimal rounding of recordings (vsRoundSignificant)", () => {
  it("equals Number(x.toPrecision(p)) for random doubles, ties, carries and extremes", () => {
    const vals: number[] = [];
    const dv = new DataView(new ArrayBuffer(8));
    let s = 987654321n;
    const rnd = () => (s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n));
    for (let i = 0; i < 20000; i++) {
      dv.setBigUint64(0, rnd());
      const v = dv.getFloat64(0);
      if (Number.isFinite(v)) vals.push(v);
    }
    for (let i = 0; i < 20000; i++) {
      // decimal ties n.5·10^k and their neighbours, at every magnitude a recording may hold
      const n = Number(rnd() % 900000n) + 100000, k = Number(rnd() % 40n) - 25;
      vals.push(Number(`${n}5e${k - 1}`), (n + 0.5) * 10 ** k);
    }
    vals.push(0, -0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.5, 2.5, -2.5, 9.999995, 999999.5, 1e21, 1e23, 0.1 + 0.2);
    for (const p of [1, 6, 12, 15]) {
      const got = core.withBuffers([vals], (ptr) => core.take(core.fn("vsRoundSignificant")(ptr!, vals.length, p), "vsRoundSignificant"));
      let bad = 0;
      vals.forEach((v, i) => {
        const want = Number(v.toPrecision(p));
        if (!Object.is(got[i], want === 0 ? 0 : want)) bad++;
      });
      expect(bad, `${p} digits`).toBe(0);
    }
  });
});

describe("the self-check", () => {
  it("selfcheckVsense runs every job and a session without error", () => {
    const v = BigInt.asUintN(64, BigInt(core.fn("selfcheckVsense")()));
    expect(v).not.toBe(0n);
    expect(BigInt.asUintN(64, BigInt(core.fn("selfcheckVsense")()))).toBe(v);
    expect(dofName({ node: 3, dir: "y" })).toBe("3:y");
  });
});
