// Rotor modal analysis, Campbell diagram with MAC tracking, modal reduction and the rotor self-check
// (assembly/rotor/modal*.ts, campbell.ts, reduce.ts, selfcheck.ts; ABI.md "Modal analysis").
// References: the ROSS example rotor results in test/data/rotor (ROSS 2.3.0), the dense solver
// as the reference of the shift-invert one, and closed-form identities of the reduced model.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { Core, CoreError } from "../src/core/core.js";
import { RotorCore } from "../src/rotor/core.js";
import { RotorModel, encodeRotorModel } from "../src/rotor/model.js";

const core = Core.load();
const DATA = new URL("./data/rotor/", import.meta.url);

interface ModalCase {
  speed: number;
  wn: number[];
  wd: number[];
  logdec: number[];
}
interface RotorCase {
  model: RotorModel;
  tolerance: { frequencies_rel: number; logdec_abs: number };
  expected: { modal?: ModalCase[] };
}

const cases: [string, RotorCase][] = readdirSync(DATA)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, DATA), "utf8")) as RotorCase]);
const ross = cases.find(([f]) => f.startsWith("ross-rotor-example"))![1];

function load(model: RotorModel): number {
  return core.withBuffers([encodeRotorModel(model)], (p) => core.check(core.fn("rotorLoad")(p!), "rotorLoad"));
}

interface Modes {
  wn: number[];
  wd: number[];
  logdec: number[];
  whirl: number[];
}
function modes(fn: string, h: number, speed: number, n: number): Modes {
  const v = core.take(core.fn(fn)(h, speed, n), fn);
  const r: Modes = { wn: [], wd: [], logdec: [], whirl: [] };
  for (let i = 0; i < v[0]!; i++) {
    r.wn.push(v[1 + 4 * i]!);
    r.wd.push(v[2 + 4 * i]!);
    r.logdec.push(v[3 + 4 * i]!);
    r.whirl.push(v[4 + 4 * i]!);
  }
  return r;
}

const steel = { E: 211e9, G: 81.2e9, rho: 7810 };

/** A 1.5 m shaft in `ne` elements with two disks, damped cross-coupled bearings and Rayleigh damping. */
function dampedRotor(ne: number): RotorModel {
  return {
    name: `damped-${ne}`,
    shaft: Array.from({ length: ne }, () => ({ L: 1.5 / ne, od: 0.05, id: 0.01, material: steel })),
    disks: [
      { node: Math.round(ne / 3), m: 32.6, Id: 0.178, Ip: 0.33 },
      { node: Math.round((2 * ne) / 3), m: 20, Id: 0.1, Ip: 0.19 },
    ],
    bearings: [
      { node: 0, kxx: 1e6, kyy: 8e5, kxy: 2e5, kyx: -1e5, cxx: 500, cyy: 400, cxy: 20, cyx: 10 },
      { node: ne, kxx: 1.2e6, kyy: 9e5, cxx: 300, cyy: 300 },
    ],
    damping: { alpha: 0.5, beta: 2e-5 },
  };
}

describe("modal analysis against ROSS", () => {
  for (const [file, c] of cases) {
    for (const ex of c.expected.modal ?? []) {
      it(`${file} at ${ex.speed} rad/s: wn, wd within ${c.tolerance.frequencies_rel} rel, logdec within ${c.tolerance.logdec_abs}`, () => {
        const rc = RotorCore.load(c.model, core);
        try {
          const r = rc.modal(ex.speed, ex.wn.length);
          expect(r.wn.length).toBe(ex.wn.length);
          for (let i = 0; i < ex.wn.length; i++) {
            expect(Math.abs(r.wn[i]! / ex.wn[i]! - 1)).toBeLessThan(c.tolerance.frequencies_rel);
            expect(Math.abs(r.wd[i]! / ex.wd[i]! - 1)).toBeLessThan(c.tolerance.frequencies_rel);
            expect(Math.abs(r.logdec[i]! - ex.logdec[i]!)).toBeLessThan(c.tolerance.logdec_abs);
          }
        } finally {
          rc.free();
        }
      });
    }
  }
});

describe("dense and shift-invert solvers", () => {
  // The dense QR is backward stable: eigenvalue errors ~ eps ||A|| / |λ| relative, ||A|| dominated by
  // M⁻¹K (here ~1e10 for 25 elements), i.e. ~1e-10 relative at the lowest modes; the shift-invert
  // roots are Newton-refined to ~eps. 1e-9 leaves an order of magnitude.
  const REL = 1e-9;
  function agree(model: RotorModel, speed: number, n: number): void {
    const h = load(model);
    try {
      const d = modes("rotorModalDense", h, speed, n);
      const s = modes("rotorModalShiftInvert", h, speed, n);
      expect(s.wn.length).toBe(n);
      expect(d.wn.length).toBe(n);
      for (let i = 0; i < n; i++) {
        expect(Math.abs(s.wn[i]! / d.wn[i]! - 1)).toBeLessThan(REL);
        expect(Math.abs(s.wd[i]! / d.wd[i]! - 1)).toBeLessThan(REL);
        // logdec = 2πζ/√(1-ζ²): an error δ in Re λ gives 2π δ/|λ|, so the same relative bound applies
        expect(Math.abs(s.logdec[i]! - d.logdec[i]!)).toBeLessThan(1e-8);
        expect(s.whirl[i]).toBe(d.whirl[i]);
      }
    } finally {
      core.fn("rotorFree")(h);
    }
  }
  for (const speed of [0, 100, 1000]) {
    it(`agree on the ROSS example at ${speed} rad/s (8 modes)`, () => agree(ross.model, speed, 8));
  }
  it("agree on a damped, cross-coupled 25-element rotor at 300 rad/s (12 modes)", () => agree(dampedRotor(25), 300, 12));
  it("agree on the damped rotor at rest (0 rad/s, 10 modes)", () => agree(dampedRotor(12), 0, 10));
});

describe("whirl", () => {
  it("forward and backward branches split more with speed (gyroscopic disks, Ip > 0)", () => {
    const rc = RotorCore.load(ross.model, core);
    try {
      const speeds = [100, 250, 500, 1000];
      const res = speeds.map((s) => rc.modal(s, 8));
      for (let p = 0; p < 4; p++) {
        let prevSplit = 0;
        for (let k = 0; k < speeds.length; k++) {
          const r = res[k]!;
          // the ROSS rotor's pairs: backward (lower) then forward
          expect(r.whirl[2 * p]).toBe("backward");
          expect(r.whirl[2 * p + 1]).toBe("forward");
          const split = r.wd[2 * p + 1]! - r.wd[2 * p]!;
          expect(split).toBeGreaterThan(prevSplit);
          prevSplit = split;
          if (k > 0) {
            // gyroscopic stiffening of forward whirl, softening of backward whirl
            expect(r.wd[2 * p + 1]!).toBeGreaterThan(res[k - 1]!.wd[2 * p + 1]!);
            expect(r.wd[2 * p]!).toBeLessThan(res[k - 1]!.wd[2 * p]!);
          }
        }
      }
    } finally {
      rc.free();
    }
  });

  it("mode shape is normalised to its largest component and its orbit agrees with the whirl", () => {
    const h = load(ross.model);
    try {
      const m = modes("rotorModal", h, 1000, 4);
      for (let mode = 0; mode < 4; mode++) {
        const v = core.take(core.fn("rotorModeShape")(h, 1000, mode), "rotorModeShape");
        const nn = v[0]!;
        expect(nn).toBe(7);
        let max = 0, atMax = -1;
        for (let k = 0; k < 2 * nn; k++) {
          const a = Math.hypot(v[1 + 2 * k]!, v[2 + 2 * k]!);
          if (a > max) {
            max = a;
            atMax = k;
          }
        }
        expect(max).toBeCloseTo(1, 14);
        expect(v[1 + 2 * atMax]).toBeCloseTo(1, 14);
        expect(v[2 + 2 * atMax]).toBeCloseTo(0, 14);
        // orbit sense at the node of largest motion: forward = turning from +x to +y, Im(a conj(b)) > 0
        const node = Math.floor(atMax / 2);
        const [ar, ai, br, bi] = [v[1 + 4 * node]!, v[2 + 4 * node]!, v[3 + 4 * node]!, v[4 + 4 * node]!];
        const sense = ai * br - ar * bi; // Im(a conj(b))
        expect(Math.sign(sense)).toBe(m.whirl[mode]);
      }
    } finally {
      core.fn("rotorFree")(h);
    }
  });
});

describe("Campbell diagram", () => {
  const speeds = Array.from({ length: 41 }, (_, i) => i * 100);

  it("keeps each mode's identity through a crossing of a backward and a forward branch", () => {
    // On the ROSS rotor the 3rd backward mode (722 rad/s at rest) falls below the 2nd forward mode
    // (296 rad/s at rest) near 2700 rad/s: sorted by frequency, columns 3 and 4 would swap there.
    const rc = RotorCore.load(ross.model, core);
    try {
      const c = rc.campbell(speeds, 6);
      const col = (j: number) => c.results.map((r) => r.wd[j]!);
      const fwd = col(3), bwd = col(4);
      expect(bwd[1]!).toBeGreaterThan(fwd[1]!);
      expect(bwd[40]!).toBeLessThan(fwd[40]!);
      for (let s = 2; s < speeds.length; s++) {
        expect(fwd[s]!).toBeGreaterThan(fwd[s - 1]!);
        expect(bwd[s]!).toBeLessThan(bwd[s - 1]!);
        expect(c.results[s]!.whirl[3]).toBe("forward");
        expect(c.results[s]!.whirl[4]).not.toBe("forward");
      }
      // every tracked value is a mode of the plain modal analysis at that speed (no value invented)
      for (const s of [5, 27, 28, 40]) {
        const m = rc.modal(speeds[s]!, 10);
        for (let j = 0; j < 6; j++) {
          const w = c.results[s]!.wd[j]!;
          expect(Math.min(...m.wd.map((x) => Math.abs(x - w)))).toBeLessThan(1e-9 * w);
        }
      }
      // and the crossing really is a swap: the sorted order at 4000 rad/s puts column 4 below column 3
      const sorted = rc.modal(4000, 6).wd;
      expect(sorted[3]).toBeCloseTo(bwd[40]!, 8);
      expect(sorted[4]).toBeCloseTo(fwd[40]!, 8);
    } finally {
      rc.free();
    }
  });

  it("finds critical speeds where wd crosses the 1X line", () => {
    const rc = RotorCore.load(ross.model, core);
    try {
      const c = rc.campbell(speeds, 6);
      // each of the 6 branches starts above Ω = 0 and ends below 4000 rad/s: one crossing each
      expect(c.critical.length).toBe(6);
      expect(new Set(c.critical.map((x) => x.mode)).size).toBe(6);
      for (let i = 1; i < c.critical.length; i++) expect(c.critical[i]!.speed).toBeGreaterThanOrEqual(c.critical[i - 1]!.speed);
      for (const cr of c.critical) {
        // at Ω*, some mode with the column's whirl has wd = Ω*, up to the linear-interpolation error
        // over a 100 rad/s step: (h²/8)|wd''| with |wd''| < 1e-4 s here gives < 0.13 rad/s
        const m = rc.modal(cr.speed, 10);
        const s = Math.round(cr.speed / 100);
        const whirl = c.results[Math.min(s, 40)]!.whirl[cr.mode];
        const d = m.wd.map((w, i) => (m.whirl[i] === whirl || whirl === "mixed" ? Math.abs(w - cr.speed) : Infinity));
        expect(Math.min(...d)).toBeLessThan(0.2);
      }
    } finally {
      rc.free();
    }
  });
});

// --- modal reduction ------------------------------------------------------------------------------

type M = number[][];
const matmul = (a: M, b: M): M => a.map((row) => b[0]!.map((_, j) => row.reduce((s, x, k) => s + x * b[k]![j]!, 0)));
const eye = (n: number): M => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
const add = (a: M, b: M, s = 1): M => a.map((r, i) => r.map((x, j) => x + s * b[i]![j]!));
const scale = (a: M, s: number): M => a.map((r) => r.map((x) => x * s));
const maxAbs = (a: M): number => Math.max(...a.map((r) => Math.max(...r.map(Math.abs))));

describe("modal reduction", () => {
  it("Ad and Bd equal their Taylor series for a small step", () => {
    const rc = RotorCore.load(ross.model, core);
    try {
      const dt = 2e-5;
      const r = rc.reduce(500, 4, dt);
      // ||A dt|| ~ wn_4 dt ~ 6e-3: 12 terms leave a remainder < (6e-3)^13/13! ~ 1e-38
      const k2 = 8;
      let term = eye(k2), Ad = eye(k2), G = scale(eye(k2), dt);
      let termG = scale(eye(k2), dt);
      for (let j = 1; j <= 12; j++) {
        term = scale(matmul(term, r.A), dt / j);
        Ad = add(Ad, term);
        termG = scale(matmul(termG, r.A), dt / (j + 1));
        G = add(G, termG);
      }
      const Bd = matmul(G, r.B);
      expect(maxAbs(add(r.Ad, Ad, -1)) / maxAbs(Ad)).toBeLessThan(1e-13);
      expect(maxAbs(add(r.Bd, Bd, -1)) / maxAbs(Bd)).toBeLessThan(1e-12);
    } finally {
      rc.free();
    }
  });

  function eigOf(A: M): { re: number; im: number }[] {
    const n = A.length;
    const v = core.withBuffers([A.flat()], (p) => core.take(core.fn("linalgEig")(p!, n), "linalgEig"));
    return Array.from({ length: n }, (_, i) => ({ re: v[i]!, im: v[n + i]! }));
  }

  it("at rest without damping the reduced eigenvalues are ±i wn of the basis", () => {
    const rc = RotorCore.load(ross.model, core);
    try {
      const r = rc.reduce(0, 6, 1e-4);
      const ims = eigOf(r.A)
        .filter((e) => e.im > 0)
        .map((e) => e.im)
        .sort((a, b) => a - b);
      expect(ims.length).toBe(6);
      // the undamped modes at rest are those of ROSS at speed 0
      const ex = ross.expected.modal!.find((m) => m.speed === 0)!;
      for (let j = 0; j < 6; j++) {
        expect(Math.abs(ims[j]! / r.wn[j]! - 1)).toBeLessThan(1e-10);
        expect(Math.abs(r.wn[j]! / ex.wn[j]! - 1)).toBeLessThan(1e-4);
      }
    } finally {
      rc.free();
    }
  });

  it("with all modes kept, the eigenvalues of A are the full model's (damped, spinning)", () => {
    const model = dampedRotor(6);
    const rc = RotorCore.load(model, core);
    try {
      const n = rc.dof;
      const r = rc.reduce(700, n, 1e-4);
      const red = eigOf(r.A)
        .filter((e) => e.im > 0)
        .map((e) => ({ wn: Math.hypot(e.re, e.im), wd: e.im }))
        .sort((a, b) => a.wd - b.wd);
      const full = rc.modal(700, 10);
      for (let j = 0; j < 10; j++) {
        expect(Math.abs(red[j]!.wd / full.wd[j]! - 1)).toBeLessThan(1e-9);
        expect(Math.abs(red[j]!.wn / full.wn[j]! - 1)).toBeLessThan(1e-9);
      }
    } finally {
      rc.free();
    }
  });

  it("with all modes kept, the reduced frequency response equals the full unbalance response", () => {
    const model = dampedRotor(6);
    const rc = RotorCore.load(model, core);
    try {
      const n = rc.dof;
      const me = 1e-3, node = 2, phase = 0.3;
      for (const w of [150, 480, 900]) {
        const r = rc.reduce(w, n, 1e-4);
        const k2 = 2 * n;
        // (iΩ I - A) z = B F, F_x = me Ω² e^{iφ}, F_y = -i me Ω² e^{iφ}  (ABI.md rotorUnbalance)
        const a = me * w * w;
        const Fr = new Array(n).fill(0), Fi = new Array(n).fill(0);
        Fr[4 * node] = a * Math.cos(phase);
        Fi[4 * node] = a * Math.sin(phase);
        Fr[4 * node + 1] = a * Math.sin(phase);
        Fi[4 * node + 1] = -a * Math.cos(phase);
        const br = r.B.map((row) => row.reduce((s, x, j) => s + x * Fr[j], 0));
        const bi = r.B.map((row) => row.reduce((s, x, j) => s + x * Fi[j], 0));
        const re: number[] = [], im: number[] = [];
        for (let i = 0; i < k2; i++) for (let j = 0; j < k2; j++) re.push(-r.A[i]![j]!);
        for (let i = 0; i < k2; i++) for (let j = 0; j < k2; j++) im.push(i === j ? w : 0);
        const z = core.withBuffers([[...re, ...im], [...br, ...bi]], (pa, pb) =>
          core.take(core.fn("linalgSolveComplex")(pa!, pb!, k2), "linalgSolveComplex"),
        );
        const probes = [
          { node: 2, dir: "x" as const, dof: 4 * 2 },
          { node: 3, dir: "y" as const, dof: 4 * 3 + 1 },
        ];
        const ref = rc.unbalance([{ node, magnitude: me, phase }], [w], probes);
        probes.forEach((p, i) => {
          const qr = r.C[p.dof]!.reduce((s, x, j) => s + x * z[j]!, 0);
          const qi = r.C[p.dof]!.reduce((s, x, j) => s + x * z[k2 + j]!, 0);
          const amp = Math.hypot(qr, qi);
          // two different well-conditioned solves of the same linear system: agreement to ~1e-10
          expect(Math.abs(amp / ref.probes[i]!.amplitude[0]! - 1)).toBeLessThan(1e-8);
          expect(Math.abs(Math.atan2(qi, qr) - ref.probes[i]!.phase[0]!)).toBeLessThan(1e-8);
        });
      }
    } finally {
      rc.free();
    }
  });
});

describe("exports: errors and self-check", () => {
  it("report bad handles and arguments with codes, never NaN output", () => {
    const h = load(ross.model);
    try {
      expect(core.fn("rotorModal")(9999, 0, 4)).toBe(0);
      expect(core.exports.coreError()).toBe(6);
      expect(core.fn("rotorModal")(h, NaN, 4)).toBe(0);
      expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([5, 1]);
      expect(core.fn("rotorModal")(h, 0, 0)).toBe(0);
      expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([1, 2]);
      expect(core.fn("rotorReduce")(h, 0, 4, 0)).toBe(0);
      expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([1, 3]);
      expect(core.fn("rotorReduce")(h, 0, 29, 1e-3)).toBe(0);
      expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([1, 2]);
      expect(core.fn("rotorModeShape")(h, 0, 1000)).toBe(0);
      expect(core.exports.coreError()).toBe(1);
      expect(() => core.withBuffers([[0, NaN]], (p) => core.take(core.fn("rotorCampbell")(h, p!, 2, 4), "rotorCampbell"))).toThrow(CoreError);
      expect(core.exports.coreErrorDetail()).toBe(1);
    } finally {
      core.fn("rotorFree")(h);
    }
  });

  it("selfcheckRotor is deterministic and does not fail", () => {
    const a = core.fn("selfcheckRotor")() as unknown as bigint;
    const other = Core.load(core.path);
    const b = other.fn("selfcheckRotor")() as unknown as bigint;
    expect(a).not.toBe(0n);
    expect(b).toBe(a);
  });
});
