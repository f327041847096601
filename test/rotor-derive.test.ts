// What the core derives from the model JSON (assembly/rotor/derive.ts, model-v2.ts), against closed
// forms: G = E/(2(1+ν)) seen through the Timoshenko element's shear term, the mass properties of a
// disk given by geometry (hollow cylinder: m = ρπw(od² − id²)/4, Ip = m(od² + id²)/8,
// Id = m(3(ro² + ri²) + w²)/12) with ROSS's steel density when the disk has no material, inherited
// materials and options. Tolerances: a derived value is a handful of correctly rounded operations, so
// it is held to 4 ulp (1e-15 relative) against an independently arranged closed form, and bit for bit
// where the test repeats the core's own operations.
import { describe, expect, it } from "vitest";
import { Core } from "../src/core/core.js";
import { RotorCore } from "../src/rotor/core.js";
import type { RotorModel, ShaftElement } from "../src/rotor/model.js";

const core = Core.load();

function matrices(model: RotorModel, speed = 0) {
  const r = RotorCore.load(model, core);
  const m = r.matrices(speed);
  r.free();
  return m;
}

const at = (A: Float64Array, n: number, i: number, j: number) => A[i * n + j]!;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

describe("shear modulus from Poisson's ratio", () => {
  const E = 2.1e11, nu = 0.3, rho = 7850;
  const shaft: ShaftElement[] = [{ L: 0.1, od: 0.05, id: 0.02 }];

  it("a material with nu gives the matrices of one with G = E/(2(1+nu)) (same operations: bit for bit)", () => {
    const withNu = matrices({ name: "nu", material: { E, nu, rho }, shaft, bearings: [] });
    const withG = matrices({ name: "G", material: { E, G: E / (2 * (1 + nu)), rho }, shaft, bearings: [] });
    for (const k of ["M", "K", "G", "C"] as const) expect(sameBits(withNu[k], withG[k]), k).toBe(true);
  });

  it("and its stiffness is the Timoshenko closed form 12EI/(L³(1+Φ)), Φ = 12EI/(κGAL²), Cowper's κ", () => {
    const L = 0.1, od = 0.05, id = 0.02;
    const { K } = matrices({ name: "nu", material: { E, nu, rho }, shaft, bearings: [] });
    const G = E / 2 / (1 + nu); // arranged differently from the core's E/(2(1+nu))
    const I = (Math.PI / 64) * (od ** 4 - id ** 4), A = (Math.PI / 4) * (od ** 2 - id ** 2);
    const r = id / od, r2 = r * r, q = (1 + r2) ** 2;
    const kappa = (6 * (1 + nu) * q) / ((7 + 6 * nu) * q + (20 + 12 * nu) * r2); // Cowper 1966
    const phi = (12 * E * I) / (kappa * G * A * L * L);
    expect(rel(at(K, 8, 0, 0), (12 * E * I) / (L ** 3 * (1 + phi)))).toBeLessThan(1e-13);
    // a different nu changes the shear term: the value is used, not ignored
    const other = matrices({ name: "nu2", material: { E, nu: 0.2, rho }, shaft, bearings: [] });
    expect(at(other.K, 8, 0, 0)).not.toBe(at(K, 8, 0, 0));
  });

  it("with G and nu both given (agreeing), G is used", () => {
    const G = 8.1e10; // E/(2(1+0.296)) = 8.1019e10: 2.3e-4 of G away
    const both = matrices({ name: "b", material: { E, G, nu: 0.296, rho }, shaft, bearings: [] });
    const onlyG = matrices({ name: "g", material: { E, G, rho }, shaft, bearings: [] });
    expect(sameBits(both.K, onlyG.K)).toBe(true);
  });

  it("an element without material takes the model's; its own overrides it", () => {
    const model = (el: ShaftElement): RotorModel => ({ name: "m", material: { E, nu, rho }, shaft: [el, { L: 0.1, od: 0.05 }], bearings: [] });
    const inherit = matrices(model({ L: 0.1, od: 0.05 }));
    const explicit = matrices(model({ L: 0.1, od: 0.05, material: { E, nu, rho } }));
    const own = matrices(model({ L: 0.1, od: 0.05, material: { E: 1e11, nu, rho } }));
    expect(sameBits(inherit.K, explicit.K)).toBe(true);
    expect(sameBits(inherit.K, own.K)).toBe(false);
  });
});

describe("disk mass properties from geometry", () => {
  // a massless shaft (rho = 0: its M and G are exactly zero), so the disk's values appear as they are
  const shaft: ShaftElement[] = [{ L: 0.2, od: 0.05 }];
  const massless = { E: 2.11e11, G: 8.12e10, rho: 0 };
  function disk(d: object) {
    const { M, G } = matrices({ name: "d", material: massless, shaft, disks: [{ node: 1, ...d } as never], bearings: [] });
    const n = 8;
    return { m: at(M, n, 4, 4), my: at(M, n, 5, 5), Id: at(M, n, 6, 6), Id2: at(M, n, 7, 7), Ip: at(G, n, 6, 7), Ipm: -at(G, n, 7, 6) };
  }

  it("steel when no material is given: ROSS's DiskElement.from_geometry doctest, Ip = 0.32956362089137037", () => {
    const d = disk({ od: 0.28, id: 0.05, width: 0.07 });
    expect(rel(d.Ip, 0.32956362089137037)).toBeLessThan(1e-15);
    const ro = 0.14, ri = 0.025, w = 0.07, rho = 7810;
    const m = rho * Math.PI * (ro * ro - ri * ri) * w; // ∫ dm over the annulus
    expect(rel(d.m, m)).toBeLessThan(1e-15);
    expect(d.my).toBe(d.m);
    expect(rel(d.Ip, (m * (ro * ro + ri * ri)) / 2)).toBeLessThan(1e-15);
    expect(rel(d.Id, (m * (3 * (ro * ro + ri * ri) + w * w)) / 12)).toBeLessThan(1e-15);
    expect(d.Id2).toBe(d.Id);
    expect(d.Ipm).toBe(d.Ip);
    // ROSS's rotor_example disk is this one, with its mass properties rounded: m 32.59, Id 0.178, Ip 0.329
    expect(d.m).toBeCloseTo(32.59, 2);
    expect(d.Id).toBeCloseTo(0.178, 3);
  });

  it("the disk's own density; a solid disk (no id); the thin-disk limit Id → Ip/2", () => {
    const d = disk({ od: 0.3, width: 0.04, material: { E: 2e11, nu: 0.3, rho: 7850 } });
    const ro = 0.15, w = 0.04, m = 7850 * Math.PI * ro * ro * w;
    expect(rel(d.m, m)).toBeLessThan(1e-15);
    expect(rel(d.Ip, (m * ro * ro) / 2)).toBeLessThan(1e-15);
    const thin = disk({ od: 0.3, width: 1e-9, material: { E: 2e11, nu: 0.3, rho: 7850 } });
    expect(rel(thin.Id, thin.Ip / 2)).toBeLessThan(1e-12);
  });

  it("a disk by geometry equals the disk given by the mass properties the same operations give (bit for bit)", () => {
    const od = 0.35, id = 0.05, w = 0.07, rho = 7810;
    const m = (rho * Math.PI * w * (od * od - id * id)) / 4;
    const Ip = (m * (od * od + id * id)) / 8;
    const Id = Ip / 2 + (m * w * w) / 12;
    const geo = matrices({ name: "a", material: { E: 2.11e11, G: 8.12e10, rho: 7810 }, shaft, disks: [{ node: 1, od, id, width: w }], bearings: [] });
    const mass = matrices({ name: "b", material: { E: 2.11e11, G: 8.12e10, rho: 7810 }, shaft, disks: [{ node: 1, m, Id, Ip }], bearings: [] });
    expect(sameBits(geo.M, mass.M)).toBe(true);
    expect(sameBits(geo.G, mass.G)).toBe(true);
  });
});

describe("options and diameters", () => {
  const material = { E: 2.11e11, G: 8.12e10, rho: 7810 };
  const el: ShaftElement = { L: 0.2, od: 0.05, id: 0.01 };

  it("an option not given is the model's, else true; an element's own wins", () => {
    const m = (model: object, e: object = {}) => matrices({ name: "o", material, shaft: [{ ...el, ...e }], bearings: [], ...model } as RotorModel);
    const all = m({});
    const explicit = m({ options: { shear: true, rotaryInertia: true, gyroscopic: true } });
    const noGyroModel = m({ options: { gyroscopic: false } });
    const noGyroEl = m({}, { options: { gyroscopic: false } });
    const back = m({ options: { gyroscopic: false } }, { options: { gyroscopic: true } });
    expect(sameBits(all.G, explicit.G)).toBe(true);
    expect(noGyroModel.G.every((x) => x === 0)).toBe(true);
    expect(sameBits(noGyroModel.G, noGyroEl.G)).toBe(true);
    expect(sameBits(back.G, all.G)).toBe(true);
    expect(all.G.some((x) => x !== 0)).toBe(true);
  });

  it("a uniform element is the tapered element with equal ends (bit for bit)", () => {
    const u = matrices({ name: "u", material, shaft: [el], bearings: [] });
    const t = matrices({ name: "t", material, shaft: [{ L: 0.2, odl: 0.05, idl: 0.01, odr: 0.05, idr: 0.01 }], bearings: [] });
    for (const k of ["M", "K", "G"] as const) expect(sameBits(u[k], t[k]), k).toBe(true);
  });
});
