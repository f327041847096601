// Beam and rotor frequencies against closed-form solutions: the rotor's finite elements and the modal
// solvers together (assembly/rotor/element.ts, assemble.ts, modal*.ts).
import { describe, it, expect } from "vitest";
import { Core } from "../src/core/core.js";
import { RotorCore } from "../src/rotor/core.js";
import { RotorModel, encodeRotorModel } from "../src/rotor/model.js";

const core = Core.load();
const E = 211e9, G = 81.2e9, RHO = 7810;
/** Pin stiffness (N/m) of the "very stiff bearing" supports; its error is bounded in each test. */
const PIN = 1e14;

function beam(ne: number, L: number, od: number, opts: { shear: boolean; rotaryInertia: boolean }): RotorModel {
  return {
    name: "beam",
    shaft: Array.from({ length: ne }, () => ({ L: L / ne, od, id: 0, material: { E, G, rho: RHO } })),
    bearings: [
      { node: 0, kxx: PIN, kyy: PIN },
      { node: ne, kxx: PIN, kyy: PIN },
    ],
    options: { ...opts, gyroscopic: false },
  };
}

function wdOf(fn: string, model: RotorModel, n: number): number[] {
  const h = core.withBuffers([encodeRotorModel(model)], (p) => core.check(core.fn("rotorLoad")(p!), "rotorLoad"));
  try {
    const v = core.take(core.fn(fn)(h, 0, n), fn);
    return Array.from({ length: v[0]! }, (_, i) => v[2 + 4 * i]!);
  } finally {
    core.fn("rotorFree")(h);
  }
}

/**
 * Relative frequency error of mode n from supports of stiffness k instead of pins: the reaction of the
 * unit mode sin(nπx/L) is R = EI (nπ/L)³, its modal stiffness EI (nπ/L)⁴ L/2, and two springs add the
 * compliance 2R²/k, so δω/ω ≈ ½ · 2R²/(k · modal stiffness) = 2 EI (nπ/L)² / (k L) (Rayleigh quotient).
 */
function pinError(EI: number, L: number, n: number): number {
  return (2 * EI * ((n * Math.PI) / L) ** 2) / (PIN * L);
}

describe("simply supported beams", () => {
  it("Euler-Bernoulli: first 5 bending frequencies within 0.1% of (nπ)² √(EI/(ρAL⁴)), 24 elements", () => {
    const L = 1.0, d = 0.05;
    const I = (Math.PI * d ** 4) / 64, A = (Math.PI * d * d) / 4;
    const model = beam(24, L, d, { shear: false, rotaryInertia: false });
    for (let n = 1; n <= 5; n++) expect(pinError(E * I, L, n)).toBeLessThan(1e-5);
    for (const fn of ["rotorModalDense", "rotorModalShiftInvert"]) {
      const wd = wdOf(fn, model, 10);
      for (let n = 1; n <= 5; n++) {
        const exact = (n * Math.PI) ** 2 * Math.sqrt((E * I) / (RHO * A * L ** 4));
        // x and y planes give a double root per bending mode
        expect(Math.abs(wd[2 * n - 2]! / exact - 1)).toBeLessThan(1e-3);
        expect(Math.abs(wd[2 * n - 1]! / exact - 1)).toBeLessThan(1e-3);
      }
    }
  });

  it("Timoshenko (L/d = 5, shear and rotary inertia): first 3 frequencies within 0.5% of the closed form", () => {
    // Simply supported Timoshenko beam, w = W sin(kx), ψ = Ψ cos(kx), k = nπ/L, satisfies both
    // boundary conditions exactly; the frequency equation (Timoshenko 1921; Han, Benaroya & Wei 1999,
    // J. Sound Vib. 225(5):935, hinged-hinged case) is
    //   ρA ρI ω⁴ − (ρA EI k² + ρA κGA + ρI κGA k²) ω² + κGA EI k⁴ = 0,
    // whose smaller root is the bending frequency. κ: Cowper's for a solid circle, ν = E/(2G) − 1,
    // the coefficient the element uses (DESIGN.md).
    const L = 0.5, d = 0.1, ne = 40;
    const I = (Math.PI * d ** 4) / 64, A = (Math.PI * d * d) / 4;
    const nu = E / (2 * G) - 1;
    const kappa = (6 * (1 + nu)) / (7 + 6 * nu);
    for (let n = 1; n <= 3; n++) expect(pinError(E * I, L, n)).toBeLessThan(1e-4);
    const model = beam(ne, L, d, { shear: true, rotaryInertia: true });
    // dense solver: at rest and undamped, see the report on eigsLargest (shift-invert) at speed 0
    const wd = wdOf("rotorModalDense", model, 6);
    for (let n = 1; n <= 3; n++) {
      const k = (n * Math.PI) / L;
      const a = RHO * A * RHO * I;
      const b = RHO * A * E * I * k * k + RHO * A * kappa * G * A + RHO * I * kappa * G * A * k * k;
      const c = kappa * G * A * E * I * k ** 4;
      const w2 = (b - Math.sqrt(b * b - 4 * a * c)) / (2 * a);
      const exact = Math.sqrt(w2);
      const euler = (n * Math.PI) ** 2 * Math.sqrt((E * I) / (RHO * A * L ** 4));
      // the thick beam is well below Euler-Bernoulli (so shear and rotary inertia are really on)
      expect(exact / euler).toBeLessThan(0.97);
      expect(Math.abs(wd[2 * n - 2]! / exact - 1)).toBeLessThan(5e-3);
      expect(Math.abs(wd[2 * n - 1]! / exact - 1)).toBeLessThan(5e-3);
    }
  });
});

describe("Jeffcott rotor", () => {
  it("first critical speed = √(k_eff/m) with k_eff the shaft (48EI/L³) in series with the bearings", () => {
    // Central disk m on a shaft of negligible mass (ρ = 1 kg/m³: shaft mass 6e-4 kg against 20 kg,
    // a relative frequency effect below 2e-5), isotropic bearings k at both ends. The first mode is
    // symmetric, the disk does not tilt, so gyroscopic moments vanish: forward and backward whirl have
    // the same frequency at every speed and the critical speed equals it. Shear off: 48EI/L³ is then
    // the exact central stiffness of the pinned shaft.
    const L = 0.8, d = 0.03, m = 20, kb = 5e5;
    const model: RotorModel = {
      name: "jeffcott",
      shaft: Array.from({ length: 4 }, () => ({ L: L / 4, od: d, id: 0, material: { E, G, rho: 1 } })),
      disks: [{ node: 2, m, Id: 0.05, Ip: 0.1 }],
      bearings: [
        { node: 0, kxx: kb, kyy: kb },
        { node: 4, kxx: kb, kyy: kb },
      ],
      options: { shear: false, rotaryInertia: true, gyroscopic: true },
    };
    const I = (Math.PI * d ** 4) / 64;
    const ks = (48 * E * I) / L ** 3;
    const keff = 1 / (1 / ks + 1 / (2 * kb));
    const wJ = Math.sqrt(keff / m);
    const rc = RotorCore.load(model, core);
    try {
      const r0 = rc.modal(0, 2);
      expect(Math.abs(r0.wn[0]! / wJ - 1)).toBeLessThan(1e-4);
      const speeds = Array.from({ length: 31 }, (_, i) => i * 10);
      const c = rc.campbell(speeds, 2);
      const near = c.critical.filter((x) => Math.abs(x.speed / wJ - 1) < 1e-4);
      // both whirl directions of the first mode cross the 1X line at wJ
      expect(near.length).toBe(2);
      expect(new Set(near.map((x) => x.mode))).toEqual(new Set([0, 1]));
    } finally {
      rc.free();
    }
  });
});
