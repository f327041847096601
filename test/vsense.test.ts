// Virtual sensing (src/vsense): the filter's model against the core's frequency-domain unbalance
// response, the end-to-end estimate on the test rig against the simulated truth, Effective
// Independence against exact properties, and the noise generator. Real runs of the core, no mocks.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Core } from "../src/core/core.js";
import { RotorCore } from "../src/rotor/core.js";
import { NodeNumbering } from "../src/rotor/nodes.js";
import { parseRotorModel } from "../src/rotor/validate.js";
import { dense, get } from "../src/vsense/dense.js";
import { defaultEstimates, defaultSensors, midSpanNodes } from "../src/vsense/defaults.js";
import { bothDirections, dofIndex, dofName } from "../src/vsense/dofs.js";
import { filterMatrices, modalBasis } from "../src/vsense/filter-model.js";
import { applyMismatch, parseMismatch } from "../src/vsense/mismatch.js";
import { placeSensors } from "../src/vsense/place.js";
import { effectiveIndependence } from "../src/vsense/placement.js";
import { virtualSensing, type VirtualSensingOptions, VS_DEFAULTS } from "../src/vsense/pipeline.js";
import { SplitMix64 } from "../src/vsense/prng.js";
import { addNoise, rms } from "../src/vsense/truth.js";

const ROOT = join(import.meta.dirname, "..");
const RIG = parseRotorModel(readFileSync(join(ROOT, "models", "test-rig.json"), "utf8"), "test-rig.json");
const core = Core.default();
const SPEED = (VS_DEFAULTS.speedRpm * 2 * Math.PI) / 60;
const UNBALANCE = [{ node: 4, magnitude: 1e-4, phase: 0.3 }];

function options(over: Partial<VirtualSensingOptions> = {}): VirtualSensingOptions {
  return {
    ...VS_DEFAULTS,
    speed: SPEED,
    unbalance: UNBALANCE,
    sensors: defaultSensors(RIG),
    estimates: defaultEstimates(RIG, defaultSensors(RIG)),
    mismatch: [],
    ...over,
  };
}

describe("SplitMix64 and noise", () => {
  it("reproduces Vigna's splitmix64.c outputs (seed 1234567) and the core's generator bit for bit", () => {
    const g = new SplitMix64(1234567);
    expect([g.next(), g.next(), g.next()]).toEqual([6457827717110365317n, 3203168211198807973n, 9817491932198370423n]);
    // elmWeights draws (next() >> 11) 2^-53 · 2 − 1 from SplitMix64(seed), the same stream
    const w = core.take(core.fn("elmWeights")(3, 5, 42), "elmWeights");
    const h = new SplitMix64(42);
    for (let i = 0; i < w.length; i++) expect(h.uniform() * 2 - 1).toBe(w[i]);
  });

  it("draws standard normal deviates (mean, variance, tails within sampling error)", () => {
    const g = new SplitMix64(7);
    const n = 100_000;
    let s = 0, s2 = 0, beyond2 = 0;
    for (let i = 0; i < n; i++) {
      const z = g.normal();
      s += z;
      s2 += z * z;
      if (Math.abs(z) > 2) beyond2++;
    }
    // 5 standard errors: mean 1/√n, variance √(2/n), tail fraction √(p(1−p)/n) with p = 0.0455
    expect(Math.abs(s / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(beyond2 / n - 0.0455)).toBeLessThan(5 * Math.sqrt((0.0455 * 0.9545) / n));
  });

  it("adds noise of std level × RMS(clean), seeded", () => {
    const x = Float64Array.from({ length: 4000 }, (_, i) => Math.sin(0.05 * i) * 3);
    const { noisy, std } = addNoise([x], 0.02, new SplitMix64(3));
    expect(std[0]).toBeCloseTo(0.02 * rms(x), 15);
    const e = noisy[0]!.map((v, i) => v - x[i]!);
    // sample std of 4000 normals: relative standard error 1/√(2n) = 1.1 %; 5 of them
    expect(Math.abs(rms(e) / std[0]! - 1)).toBeLessThan(5 / Math.sqrt(8000));
    const again = addNoise([x], 0.02, new SplitMix64(3)).noisy[0]!;
    expect(Array.from(again)).toEqual(Array.from(noisy[0]!));
  });
});

describe("filter model", () => {
  it("with every mode kept, the discrete model's steady state is the core's unbalance response", () => {
    // Exact discretisation of the harmonic input means the discrete steady state equals the
    // continuous one: x_k = Re(X e^{iΩt_k}), (I − e^{−iΩdt} Ad) X = Bu [1, −i]ᵀ. With all 52 modes the
    // modal model is the full model, so the displacements must match rotorUnbalance (frequency
    // domain, banded complex solve) up to rounding; and the accelerations H X + D U must be −Ω² times
    // them. Tolerance 1e-6 relative (measured up to 9e-8): the full basis spans 26 Hz to 60 kHz
    // (ω_max = 3.8e5 rad/s), so A + iΩI and the steady-state system have condition numbers of order
    // (ω_max/Ω)² ~ 1e7, and eps × 1e7 ~ 1e-9..1e-8 is the rounding to expect from either solve.
    // The probes include the rig's pedestal nodes 12 and 13 (bearing housings): the host maps them to
    // rows of Φ (NodeNumbering), the core's rotorUnbalance maps them itself; with the pedestals listed
    // in reverse order in the model the node numbers must still name the same housings.
    const reversed = { ...RIG, pedestals: [...RIG.pedestals!].reverse() };
    for (const model of [RIG, reversed]) steadyStateMatches(model);
  });

  function steadyStateMatches(model: typeof RIG): void {
    const rotor = RotorCore.load(model, core);
    try {
      const n = rotor.dof, dt = 1 / 2000;
      const basis = modalBasis(rotor, SPEED, n, dt);
      const probes = [...bothDirections([1, 5, 10, 12, 13])];
      const fm = filterMatrices(core, basis, UNBALANCE, probes, probes, new NodeNumbering(model));
      const m = 2 * n, c = Math.cos(SPEED * dt), s = Math.sin(SPEED * dt);
      const mat = new Float64Array(2 * m * m);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < m; j++) {
          const ad = get(fm.F, i, j);
          mat[i * m + j] = (i === j ? 1 : 0) - c * ad;
          mat[m * m + i * m + j] = s * ad;
        }
      }
      const rhs = new Float64Array(2 * m);
      for (let i = 0; i < m; i++) {
        rhs[i] = get(fm.B, i, 0);
        rhs[m + i] = -get(fm.B, i, 1);
      }
      const X = core.withBuffers([mat, rhs], (pa, pb) => core.take(core.fn("linalgSolveComplex")(pa!, pb!, m), "solve"));
      const ref = rotor.unbalance(UNBALANCE, [SPEED], probes);
      probes.forEach((p, e) => {
        let re = 0, im = 0, are = 0, aim = 0;
        for (let j = 0; j < m; j++) {
          re += get(fm.out, e, j) * X[j]!;
          im += get(fm.out, e, j) * X[m + j]!;
          are += get(fm.H, e, j) * X[j]!;
          aim += get(fm.H, e, j) * X[m + j]!;
        }
        are += get(fm.D, e, 0);
        aim += -get(fm.D, e, 1);
        const amp = ref.probes[e]!.amplitude[0]!, ph = ref.probes[e]!.phase[0]!;
        const rr = amp * Math.cos(ph), ri = amp * Math.sin(ph);
        expect(Math.hypot(re - rr, im - ri) / amp).toBeLessThan(1e-6);
        const w2 = SPEED * SPEED;
        expect(Math.hypot(are + w2 * rr, aim + w2 * ri) / (w2 * amp)).toBeLessThan(1e-6);
      });
    } finally {
      rotor.free();
    }
  }

  it("steady states at the two housings differ, so a swapped pedestal numbering could not pass", () => {
    const rotor = RotorCore.load(RIG, core);
    try {
      const r = rotor.unbalance(UNBALANCE, [SPEED], bothDirections([12, 13]));
      const [x12, y12, x13, y13] = r.probes.map((p) => p.amplitude[0]!);
      expect(Math.abs(x12! - x13!) / Math.max(x12!, x13!)).toBeGreaterThan(0.05);
      expect(Math.abs(y12! - y13!) / Math.max(y12!, y13!)).toBeGreaterThan(0.05);
    } finally {
      rotor.free();
    }
  });

  it("mismatch scales the bearing stiffnesses of the filter's model only", () => {
    const mm = applyMismatch(RIG, [parseMismatch("bearing-k=+10%")]);
    expect(mm.bearings[0]!.kxx).toBeCloseTo(1.1e7, 0);
    expect(mm.bearings[1]!.kyy).toBeCloseTo(1.32e7, 0);
    expect(mm.bearings[0]!.cxx).toBe(200);
    expect(RIG.bearings[0]!.kxx).toBe(1e7);
    expect(() => parseMismatch("bearing-k=10")).toThrow(/PARAMETER=\+P%/);
    expect(() => parseMismatch("shaft-e=+1%")).toThrow(/unknown parameter/);
  });
});

describe("virtual sensing on the test rig", () => {
  // Acceptance figure of the task: mid-span displacement NRMSE <= 5 % with the matched model and 1 %
  // noise. Measured: about 0.06-0.1 % (the residual is the truncation to 8 modes and Newmark's
  // period error); the test asserts the 5 % requirement and, as a regression bound, 0.5 %.
  const matched = virtualSensing(RIG, options(), core);

  it("estimates the mid-span displacement within 5 % NRMSE (matched model, 1 % noise)", () => {
    const mid = midSpanNodes(RIG);
    expect(mid).toEqual([5, 6]);
    const r = matched.result;
    for (const e of r.estimates) {
      expect(e.nrmse).toBeLessThan(0.05);
      expect(e.nrmse).toBeLessThan(0.005);
      // 1X: amplitude within 0.5 %, phase within 0.5 degree
      expect(Math.abs(e.amplitude_error_1x)).toBeLessThan(0.005);
      expect(Math.abs(e.phase_error_1x)).toBeLessThan((0.5 * Math.PI) / 180);
    }
    expect(r.estimates.map((e) => e.dof)).toEqual(["4:x", "4:y", "5:x", "5:y", "6:x", "6:y", "7:x", "7:y"]);
    expect(r.filter.repairs).toBe(0);
    expect(r.discarded).toBe(1000);
  });

  it("corrects a bearing-stiffness mismatch (+10 %) with the measurements", () => {
    const r = virtualSensing(RIG, options({ mismatch: [parseMismatch("bearing-k=+10%")] }), core).result;
    // measured: filter 0.25-0.4 %, model alone 1-5 %; the filter must beat the model alone on every
    // DOF and stay within the 5 % figure
    for (const e of r.estimates) {
      expect(e.nrmse).toBeLessThan(0.05);
      expect(e.nrmse).toBeLessThan(e.open_loop.nrmse);
    }
    const worstOpen = Math.max(...r.estimates.map((e) => e.open_loop.nrmse));
    expect(worstOpen).toBeGreaterThan(0.02); // the mismatch is visible without the filter
    expect(r.mismatch).toEqual(["bearing-k=+10%"]);
  });

  it("is deterministic for a seed and depends on it", () => {
    const again = virtualSensing(RIG, options(), core);
    expect(again.result).toEqual(matched.result);
    const other = virtualSensing(RIG, options({ seed: 2 }), core).result;
    expect(other.estimates[0]!.nrmse).not.toBe(matched.result.estimates[0]!.nrmse);
    expect(Math.abs(other.estimates[0]!.nrmse - matched.result.estimates[0]!.nrmse)).toBeLessThan(0.005);
  });

  it("without noise and model error the filter reproduces the model's own accuracy", () => {
    // noise 0: the estimate is limited by modal truncation only, like the model alone
    const r = virtualSensing(RIG, options({ noise: 0 }), core).result;
    for (const e of r.estimates) expect(e.nrmse).toBeLessThan(Math.max(2 * e.open_loop.nrmse, 0.002));
  });
});

describe("Effective Independence", () => {
  it("removes the redundant candidate and keeps a full-rank set (E = 1 when count = modes)", () => {
    // rows: two independent directions, a weak copy of the first, and a weak mixed one
    const phi = dense(4, 2, [1, 0, 0, 1, 0.1, 0, 0.05, 0.05]);
    const p = effectiveIndependence(core, phi, [1, 2], 2, "efi");
    expect(p.chosen).toEqual([0, 1]);
    for (const e of p.efi) expect(e).toBeCloseTo(1, 12);
    expect(p.fisherDet).toBeCloseTo(1, 12);
    // first removal: E of the 4 rows; projector diagonal, trace = 2
    expect(p.steps.length).toBe(2);
  });

  it("E_i sums to the number of target modes (trace of the projector) on the rig", () => {
    const cands = bothDirections([...Array(12).keys()]);
    const rotor = RotorCore.load(RIG, core);
    let basis;
    try {
      basis = modalBasis(rotor, SPEED, 4, 1e-3);
    } finally {
      rotor.free();
    }
    const rows = cands.map((d) => dofIndex(d, new NodeNumbering(RIG)));
    const phi = dense(rows.length, 4);
    rows.forEach((r, i) => {
      for (let j = 0; j < 4; j++) phi.v[i * 4 + j] = get(basis.Phi, r, j);
    });
    const p = effectiveIndependence(core, phi, basis.wn, 6, "efi");
    expect(p.efi.reduce((a, b) => a + b, 0)).toBeCloseTo(4, 10);
    expect(() => effectiveIndependence(core, phi, basis.wn, 3, "efi")).toThrow(/at least as many sensors/);
  });

  it("places 4 sensors on the rig and the virtual sensor with them meets the 5 % figure", () => {
    const cands = bothDirections([...Array(12).keys()]);
    for (const method of ["efi", "efi-dpr"] as const) {
      const placed = placeSensors(RIG, { speed: SPEED, modes: 4, count: 4, candidates: cands, method }, core);
      expect(placed.sensors.length).toBe(4);
      const est = defaultEstimates(RIG, placed.sensors);
      const r = virtualSensing(RIG, options({ sensors: placed.sensors, estimates: est }), core).result;
      // measured worst NRMSE: efi 0.13 %, efi-dpr 0.14 %
      expect(r.worst_nrmse).toBeLessThan(0.05);
      expect(placed.sensors.map(dofName).every((n) => cands.some((c) => dofName(c) === n))).toBe(true);
    }
  });
});
