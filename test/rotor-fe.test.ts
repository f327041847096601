// Rotor finite elements and static deflection (assembly/rotor/element.ts, disk.ts, assemble.ts,
// static.ts), checked against closed-form beam results, ROSS's documented element matrices and the
// ROSS reference case in test/data/rotor.
// Tolerances: assembly and element formulas are a few dozen flops per entry, so exact identities
// (symmetry, equal-ends taper) hold to ~1e-15 relative and closed forms to ~1e-13; a solve of the
// static problem multiplies rounding by cond(K) ~ 1e6-1e8 here, so static results are held to 1e-9
// (the FE solutions used are nodally exact: Hermite/Timoshenko shape functions with consistent loads,
// Tong 1969, AIAA J. 7(1):178), and ROSS's printed 8-digit values to 1e-7.
import { describe, it, expect } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { Core, CoreError } from "../src/core/core.js";
import { RotorCore } from "../src/rotor/core.js";
import { encodeRotorModel, type RotorModel, type ShaftElement } from "../src/rotor/model.js";

const core = Core.load();
const STEEL = { E: 2.11e11, G: 8.12e10, rho: 7810 };
const DATA_DIR = new URL("./data/rotor/", import.meta.url);

function cases(): { file: string; data: any }[] {
  return readdirSync(DATA_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ file: f, data: JSON.parse(readFileSync(new URL(f, DATA_DIR), "utf8")) }));
}

function load(model: RotorModel): RotorCore {
  return RotorCore.load(model, core);
}

/** Matrices of a free shaft (no bearings) at speed 0. */
function freeMatrices(shaft: ShaftElement[], extra: Partial<RotorModel> = {}) {
  const r = load({ name: "t", material: STEEL, shaft, bearings: [], ...extra });
  const m = r.matrices(0);
  r.free();
  return m;
}

const at = (A: Float64Array, n: number, i: number, j: number) => A[i * n + j]!;
const maxAbs = (A: Float64Array) => A.reduce((s, v) => Math.max(s, Math.abs(v)), 0);

function relClose(a: number, b: number, tol: number) {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.abs(b));
}

describe("shaft element", () => {
  it("matches ROSS's documented tapered Timoshenko element (ShaftElement docstring, 8 digits)", () => {
    // ross/shaft_element.py: L=0.5, idl=idr=0.05, odl=0.1, odr=0.15, steel, shear + rotary inertia
    const { n, M, K, G } = freeMatrices([{ L: 0.5, odl: 0.1, idl: 0.05, odr: 0.15, idr: 0.05 }]);
    expect(n).toBe(8);
    const Mref = [[11.36986417, 0, 0, 0.86197637], [0, 11.36986417, -0.86197637, 0], [0, -0.86197637, 0.08667495, 0], [0.86197637, 0, 0, 0.08667495]];
    const Kref = [[209.25641985, 0, 0, 38.62129051], [0, 209.25641985, -38.62129051, 0], [0, -38.62129051, 11.56619973, 0], [38.62129051, 0, 0, 11.56619973]];
    const Gref = [[0, 0.30940809, -0.01085902, 0], [-0.30940809, 0, 0, -0.01085902], [0.01085902, 0, 0, 0.0067206], [0, 0.01085902, -0.0067206, 0]];
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        // printed to 8 decimals: half a unit in the last place, relative to the entry
        expect(Math.abs(at(M, 8, i, j) - Mref[i]![j]!)).toBeLessThanOrEqual(6e-9 + 1e-9 * Math.abs(Mref[i]![j]!));
        expect(Math.abs(at(K, 8, i, j) / 1e6 - Kref[i]![j]!)).toBeLessThanOrEqual(6e-9 + 1e-9 * Math.abs(Kref[i]![j]!));
        expect(Math.abs(at(G, 8, i, j) - Gref[i]![j]!)).toBeLessThanOrEqual(6e-9);
      }
    }
  });

  it("M and K are symmetric, G skew-symmetric (uniform, hollow and tapered)", () => {
    const { n, M, K, G } = freeMatrices([
      { L: 0.2, od: 0.06, id: 0.02 },
      { L: 0.3, odl: 0.06, idl: 0.02, odr: 0.1, idr: 0.03 },
      { L: 0.1, od: 0.1, id: 0 },
    ]);
    for (const [A, s] of [[M, 1], [K, 1], [G, -1]] as const) {
      const scale = maxAbs(A);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(at(A, n, i, j) - s * at(A, n, j, i))).toBeLessThanOrEqual(1e-15 * scale);
    }
  });

  it("rigid translation carries the element mass ρAL (uniform) and ρ·frustum volume (tapered)", () => {
    const L = 0.4, od = 0.08, id = 0.03;
    for (const [el, vol] of [
      [{ L, od, id }, (Math.PI * (od * od - id * id) * L) / 4],
      [{ L, odl: 0.05, idl: 0.01, odr: 0.09, idr: 0.04 }, (Math.PI * L / 12) * (0.05 ** 2 + 0.05 * 0.09 + 0.09 ** 2 - (0.01 ** 2 + 0.01 * 0.04 + 0.04 ** 2))],
    ] as const) {
      const { n, M } = freeMatrices([el]);
      for (const d of [0, 1]) {
        let mass = 0;
        for (const i of [d, d + 4]) for (const j of [d, d + 4]) mass += at(M, n, i, j);
        relClose(mass, STEEL.rho * vol, 1e-13);
      }
    }
  });

  it("K annihilates rigid-body motions of a free shaft (translations and tilts in both planes)", () => {
    const shaft = [{ L: 0.2, od: 0.05, id: 0 }, { L: 0.3, odl: 0.05, idl: 0, odr: 0.08, idr: 0.02 }, { L: 0.25, od: 0.08, id: 0.02 }];
    const { n, K } = freeMatrices(shaft);
    const z = [0, 0.2, 0.5, 0.75];
    const modes: number[][] = [];
    const tx = new Array(n).fill(0), ty = new Array(n).fill(0), rxz = new Array(n).fill(0), ryz = new Array(n).fill(0);
    for (let i = 0; i < 4; i++) {
      tx[4 * i] = 1;
      ty[4 * i + 1] = 1;
      rxz[4 * i] = z[i]; // x = z θ, β = dx/dz = θ
      rxz[4 * i + 3] = 1;
      ryz[4 * i + 1] = z[i]; // y = z θ, α = -dy/dz = -θ
      ryz[4 * i + 2] = -1;
    }
    modes.push(tx, ty, rxz, ryz);
    const scale = maxAbs(K);
    for (const r of modes) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += at(K, n, i, j) * r[j];
        expect(Math.abs(s)).toBeLessThanOrEqual(1e-13 * scale);
      }
    }
  });

  it("shear off gives the Euler–Bernoulli stiffness; shear on divides by (1 + Φ) with Cowper's κ", () => {
    const L = 0.3, od = 0.1, id = 0.04;
    const I = (Math.PI * (od ** 4 - id ** 4)) / 64, A = (Math.PI * (od * od - id * id)) / 4;
    const { E, G: Gs } = STEEL;
    const eb = freeMatrices([{ L, od, id, options: { shear: false } }]);
    const k = eb.K;
    relClose(at(k, 8, 0, 0), (12 * E * I) / L ** 3, 1e-14);
    relClose(at(k, 8, 0, 3), (6 * E * I) / L ** 2, 1e-14);
    relClose(at(k, 8, 3, 3), (4 * E * I) / L, 1e-14);
    relClose(at(k, 8, 3, 7), (2 * E * I) / L, 1e-14);
    relClose(at(k, 8, 1, 2), (-6 * E * I) / L ** 2, 1e-14); // α = -dy/dz flips the y-α coupling
    // Cowper 1966 for a hollow circle, ν = E/(2G) - 1
    const nu = E / (2 * Gs) - 1, r = id / od, r2 = r * r, q = (1 + r2) ** 2;
    const kappa = (6 * q * (1 + nu)) / (q * (7 + 6 * nu) + r2 * (20 + 12 * nu));
    const phi = (12 * E * I) / (Gs * kappa * A * L * L);
    const tk = freeMatrices([{ L, od, id }]).K;
    relClose(at(tk, 8, 0, 0), (12 * E * I) / (L ** 3 * (1 + phi)), 1e-14);
    relClose(at(tk, 8, 3, 3), ((4 + phi) * E * I) / (L * (1 + phi)), 1e-14);
    relClose(at(tk, 8, 3, 7), ((2 - phi) * E * I) / (L * (1 + phi)), 1e-14);
  });

  it("rotary inertia and gyroscopic terms are switchable and match Friswell et al. 2010 §5.4", () => {
    const L = 0.25, od = 0.05;
    const I = (Math.PI * od ** 4) / 64, A = (Math.PI * od * od) / 4, rho = STEEL.rho;
    const plain = freeMatrices([{ L, od, id: 0, options: { shear: false, rotaryInertia: false, gyroscopic: false } }]);
    relClose(at(plain.M, 8, 0, 0), (13 / 35) * rho * A * L, 1e-14);
    relClose(at(plain.M, 8, 3, 3), (rho * A * L ** 3) / 105, 1e-14);
    relClose(at(plain.M, 8, 0, 4), (9 / 70) * rho * A * L, 1e-14);
    expect(maxAbs(plain.G)).toBe(0);
    const full = freeMatrices([{ L, od, id: 0, options: { shear: false } }]);
    // rotary inertia: ρI/(30L) [36, 3L, 4L², -L²]; gyroscopic: ρIp/(30L) [36, 3L, 4L²], Ip = 2I
    relClose(at(full.M, 8, 0, 0) - at(plain.M, 8, 0, 0), (36 * rho * I) / (30 * L), 1e-13);
    relClose(at(full.M, 8, 3, 3) - at(plain.M, 8, 3, 3), (4 * rho * I * L) / 30, 1e-13);
    relClose(at(full.M, 8, 3, 7) - at(plain.M, 8, 3, 7), -(rho * I * L) / 30, 1e-13);
    relClose(at(full.G, 8, 0, 1), (36 * 2 * rho * I) / (30 * L), 1e-14);
    relClose(at(full.G, 8, 2, 3), (4 * 2 * rho * I * L) / 30, 1e-14);
    expect(at(full.G, 8, 1, 0)).toBe(-at(full.G, 8, 0, 1));
  });

  it("a tapered element with equal ends is the uniform element, and the taper acts continuously", () => {
    const u = freeMatrices([{ L: 0.3, od: 0.07, id: 0.02 }]);
    const t = freeMatrices([{ L: 0.3, odl: 0.07, idl: 0.02, odr: 0.07, idr: 0.02 }]);
    expect(Array.from(t.M)).toEqual(Array.from(u.M));
    expect(Array.from(t.K)).toEqual(Array.from(u.K));
    expect(Array.from(t.G)).toEqual(Array.from(u.G));
    // a 1e-6 relative taper moves each entry by O(1e-6) relative (no jump between the two forms)
    const s = freeMatrices([{ L: 0.3, odl: 0.07, idl: 0.02, odr: 0.07 * (1 + 1e-6), idr: 0.02 }]);
    for (const [a, b] of [[s.M, u.M], [s.K, u.K], [s.G, u.G]] as const) {
      const scale = maxAbs(b);
      for (let k = 0; k < 64; k++) expect(Math.abs(a[k]! - b[k]!)).toBeLessThanOrEqual(1e-5 * scale);
    }
  });
});

describe("disks, bearings, pedestals", () => {
  it("a disk given by geometry adds m, Id, Ip of a steel cylinder at its node", () => {
    const od = 0.35, id = 0.05, w = 0.07;
    const shaft = [{ L: 0.2, od: 0.05, id: 0 }, { L: 0.2, od: 0.05, id: 0 }];
    const bare = freeMatrices(shaft);
    const withDisk = freeMatrices(shaft, { disks: [{ node: 1, od, id, width: w }] });
    const m = (STEEL.rho * Math.PI * w * (od * od - id * id)) / 4;
    const Ip = (m * (od * od + id * id)) / 8;
    const Id = Ip / 2 + (m * w * w) / 12;
    const n = 12, o = 4;
    relClose(at(withDisk.M, n, o, o) - at(bare.M, n, o, o), m, 1e-12);
    relClose(at(withDisk.M, n, o + 1, o + 1) - at(bare.M, n, o + 1, o + 1), m, 1e-12);
    relClose(at(withDisk.M, n, o + 2, o + 2) - at(bare.M, n, o + 2, o + 2), Id, 1e-12);
    relClose(at(withDisk.G, n, o + 2, o + 3) - at(bare.G, n, o + 2, o + 3), Ip, 1e-12);
    relClose(at(withDisk.G, n, o + 3, o + 2) - at(bare.G, n, o + 3, o + 2), -Ip, 1e-12);
  });

  it("bearing tables are interpolated linearly in speed and held beyond the ends; pedestals couple", () => {
    const r = load({
      name: "t",
      material: STEEL,
      shaft: [{ L: 0.5, od: 0.05, id: 0 }],
      bearings: [
        { node: 0, speeds: [100, 300], kxx: [1e6, 3e6], kyy: [2e6, 2e6], kxy: [0, 4e5], kyx: [-1e5, -3e5], cxx: [10, 30], cyy: [5, 5] },
        { node: 1, kxx: 5e6, kyy: 6e6, cxy: 7 },
      ],
      pedestals: [{ bearing: 1, m: 40, kxx: 1e8, kyy: 2e8, cxx: 100, cyy: 200 }],
    });
    expect(r.dof).toBe(10);
    const Ks = r.matrices(0).K; // shaft part is speed independent: subtract it via a speed pair
    const kAt = (s: number) => r.matrices(s);
    const base = at(Ks, 10, 0, 0) - 1e6; // speed 0 is below the table: first row
    for (const [s, kxx, kxy, kyx, cxx] of [[0, 1e6, 0, -1e5, 10], [100, 1e6, 0, -1e5, 10], [200, 2e6, 2e5, -2e5, 20], [250, 2.5e6, 3e5, -2.5e5, 25], [300, 3e6, 4e5, -3e5, 30], [1000, 3e6, 4e5, -3e5, 30]]) {
      const m = kAt(s!);
      relClose(at(m.K, 10, 0, 0) - base, kxx!, 1e-9);
      expect(at(m.K, 10, 0, 1)).toBeCloseTo(kxy!, 6);
      relClose(at(m.K, 10, 1, 0), kyx!, 1e-12);
      relClose(at(m.C, 10, 0, 0), cxx!, 1e-12);
    }
    // bearing 1 between node 1 and pedestal 0 (DOFs 8, 9); pedestal to ground
    const m = r.matrices(0);
    const shaft11 = freeMatrices([{ L: 0.5, od: 0.05, id: 0 }]).K;
    relClose(at(m.K, 10, 4, 4) - at(shaft11, 8, 4, 4), 5e6, 1e-9);
    expect(at(m.K, 10, 4, 8)).toBe(-5e6);
    expect(at(m.K, 10, 8, 4)).toBe(-5e6);
    expect(at(m.K, 10, 8, 8)).toBe(5e6 + 1e8);
    expect(at(m.K, 10, 9, 9)).toBe(6e6 + 2e8);
    expect(at(m.C, 10, 4, 9)).toBe(-7);
    expect(at(m.C, 10, 9, 9)).toBe(200);
    expect(at(m.M, 10, 8, 8)).toBe(40);
    r.free();
  });
});

describe("static deflection", () => {
  for (const { file, data } of cases()) {
    const ref = data.expected?.static_rigid_supports;
    if (!ref) continue;
    it(`${file}: rigid supports reproduce ROSS run_static (deflections and reactions)`, () => {
      const r = load(data.model);
      const s = r.staticDeflection({ g: ref.g, rigidSupports: true });
      const y: number[] = ref.deformation_y_m_per_node;
      const ymax = Math.max(...y.map(Math.abs));
      y.forEach((e, i) => {
        // ROSS's k = 1e20 pins leave |y| ~ 1e-18 m at the bearings: compared absolutely there
        if (Math.abs(e) < 1e-12 * ymax) expect(Math.abs(s.deflection.y[i]!)).toBeLessThanOrEqual(1e-12 * ymax);
        else relClose(s.deflection.y[i]!, e, 1e-9);
      });
      for (const [key, f] of Object.entries(ref.bearing_forces_N as Record<string, number>)) {
        const node = Number(key.replace("node_", ""));
        const b = s.bearingForces.find((bf) => bf.node === node)!;
        relClose(b.fy, f, 1e-9);
      }
      // equilibrium: reactions carry the total weight
      const M = r.matrices(0);
      let weight = 0;
      for (let i = 0; i < r.nodes; i++) for (let j = 0; j < r.nodes; j++) weight += at(M.M, M.n, 4 * i + 1, 4 * j + 1) * ref.g;
      relClose(s.bearingForces.reduce((t, b) => t + b.fy, 0), weight, 1e-12);
      r.free();
    });
  }

  it("simply supported uniform beam under its own weight: 5wL⁴/384EI (+ wL²/8κGA with shear)", () => {
    const Ltot = 1.2, od = 0.06, id = 0.02, ne = 8, g = 9.81;
    const I = (Math.PI * (od ** 4 - id ** 4)) / 64, A = (Math.PI * (od * od - id * id)) / 4;
    const w = STEEL.rho * A * g;
    const nu = STEEL.E / (2 * STEEL.G) - 1, r = id / od, r2 = r * r, q = (1 + r2) ** 2;
    const kappa = (6 * q * (1 + nu)) / (q * (7 + 6 * nu) + r2 * (20 + 12 * nu));
    for (const shear of [false, true]) {
      const rc = load({
        name: "ss",
        material: STEEL,
        options: { shear },
        shaft: Array.from({ length: ne }, () => ({ L: Ltot / ne, od, id })),
        bearings: [{ node: 0, kxx: 1, kyy: 1 }, { node: ne, kxx: 1, kyy: 1 }],
      });
      const s = rc.staticDeflection({ g, rigidSupports: true });
      const exact = (5 * w * Ltot ** 4) / (384 * STEEL.E * I) + (shear ? (w * Ltot * Ltot) / (8 * kappa * STEEL.G * A) : 0);
      relClose(-s.deflection.y[ne / 2]!, exact, 1e-9);
      // quarter point, Euler–Bernoulli part w z (L³ - 2L z² + z³)/24EI plus shear w z (L - z)/2κGA
      const z = Ltot / 4;
      const exactQ = (w * z * (Ltot ** 3 - 2 * Ltot * z * z + z ** 3)) / (24 * STEEL.E * I) + (shear ? (w * z * (Ltot - z)) / (2 * kappa * STEEL.G * A) : 0);
      relClose(-s.deflection.y[ne / 4]!, exactQ, 1e-9);
      for (const b of s.bearingForces) relClose(b.fy, (w * Ltot) / 2, 1e-12);
      expect(s.deflection.x.every((v) => v === 0)).toBe(true);
      rc.free();
    }
  });

  it("cantilever tip load (overhang beyond a pin pair): P b²(a+b)/3EI → PL³/3EI as a → 0", () => {
    // massless shaft, point mass at the tip; pins at z = 0 and z = a clamp the overhang as a → 0
    const od = 0.04, P = 500, g = 10, I = (Math.PI * od ** 4) / 64, E = STEEL.E, b = 0.6;
    for (const a of [0.3, 0.06, 0.003]) {
      const rc = load({
        name: "cant",
        material: { E, G: STEEL.G, rho: 0 },
        options: { shear: false },
        shaft: [{ L: a, od, id: 0 }, { L: b / 2, od, id: 0 }, { L: b / 2, od, id: 0 }],
        disks: [{ node: 3, m: P / g, Id: 0, Ip: 0 }],
        bearings: [{ node: 0, kxx: 1, kyy: 1 }, { node: 1, kxx: 1, kyy: 1 }],
      });
      const s = rc.staticDeflection({ g, rigidSupports: true });
      relClose(-s.deflection.y[3]!, (P * b * b * (a + b)) / (3 * E * I), 1e-9);
      const near = s.bearingForces.find((f) => f.node === 1)!.fy;
      relClose(near, (P * (a + b)) / a, 1e-9); // moment balance about the far pin
      rc.free();
    }
  });

  it("elastic supports: the bearings' forces balance the weight and equal -k·y at the journal", () => {
    const rc = load({
      name: "el",
      material: STEEL,
      shaft: [{ L: 0.3, od: 0.05, id: 0 }, { L: 0.3, od: 0.05, id: 0 }],
      disks: [{ node: 1, m: 20, Id: 0.1, Ip: 0.2 }],
      bearings: [{ node: 0, kxx: 1e6, kyy: 2e6 }, { node: 2, kxx: 1e6, kyy: 3e6 }],
      pedestals: [{ bearing: 1, m: 10, kxx: 1e8, kyy: 5e7 }],
    });
    const g = 9.81;
    const s = rc.staticDeflection({ g, rigidSupports: false });
    const mshaft = STEEL.rho * Math.PI * 0.025 ** 2 * 0.6;
    relClose(s.bearingForces.reduce((t, b) => t + b.fy, 0), (mshaft + 20) * g, 1e-9);
    relClose(s.bearingForces[0]!.fy, -2e6 * s.deflection.y[0]!, 1e-12);
    expect(s.bearingForces.every((b) => b.fx === 0)).toBe(true);
    rc.free();
  });

  it("pins at a single node leave a mechanism: CoreError code 2", () => {
    const rc = load({ name: "m", material: STEEL, shaft: [{ L: 0.3, od: 0.05, id: 0 }], bearings: [{ node: 0, kxx: 1, kyy: 1 }] });
    expect(() => rc.staticDeflection({ g: 9.81, rigidSupports: true })).toThrow(CoreError);
    try {
      rc.staticDeflection({ g: 9.81, rigidSupports: true });
    } catch (e) {
      expect((e as CoreError).code).toBe(2);
    }
    rc.free();
  });
});

describe("model description checks", () => {
  const good: RotorModel = {
    name: "g",
    material: STEEL,
    shaft: [{ L: 0.3, od: 0.05, id: 0 }, { L: 0.3, od: 0.05, id: 0 }],
    disks: [{ node: 1, m: 3, Id: 0.01, Ip: 0.02 }],
    bearings: [{ node: 0, kxx: 1e6, kyy: 1e6 }, { node: 2, kxx: 1e6, kyy: 1e6 }],
  };

  function loadRaw(desc: ArrayLike<number>): CoreError | number {
    const load = core.fn("rotorLoad");
    try {
      return core.withBuffers([desc], (p) => core.check(load(p!), "rotorLoad"));
    } catch (e) {
      return e as CoreError;
    }
  }

  it("accepts the encoded model and reports its size", () => {
    const r = load(good);
    expect(r.dof).toBe(12);
    expect(r.nodes).toBe(3);
    r.free();
    expect(() => r.matrices(0)).toThrow();
  });

  // Layout 2 (ABI.md, "Rotor model description"): header 0..15 (model material 8..12: kind, E, G, nu,
  // rho; model options 13..15), element e at 16 + 14e (L, shape, 4 diameters, material block at +6,
  // option codes at +11), the disk at 44 (node, kind, m, Id, Ip, od, id, width, material at +8),
  // bearing 0 at 57 (node, nSpeeds, speed, kxx, kxy, kyx, kyy, cxx, cxy, cyx, cyy), bearing 1 at 68.
  type Edit = (d: number[]) => void;
  it.each<[string, Edit, number, number]>([
    ["id >= od", (d) => (d[16 + 14 + 3] = 0.06), 1, 16 + 14 + 3],
    ["negative length", (d) => (d[16] = -0.3), 1, 16],
    ["NaN stiffness", (d) => (d[57 + 3] = NaN), 5, 57 + 3],
    ["disk on a missing node", (d) => (d[44] = 3), 1, 44],
    ["non-integer node", (d) => (d[44] = 1.5), 1, 44],
    ["bad option code", (d) => (d[16 + 11] = 3), 1, 16 + 11],
    ["bad model option code", (d) => (d[14] = -1), 1, 14],
    ["infinite E", (d) => (d[9] = Infinity), 5, 9],
    ["unknown version", (d) => (d[0] = 3), 1, 0],
    ["unknown element shape", (d) => (d[17] = 2), 1, 17],
    ["a value in a slot the kind does not use (right diameter of a uniform element)", (d) => (d[20] = 0.05), 1, 20],
    ["a value in an absent material block", (d) => (d[16 + 7] = 2e11), 1, 16 + 7],
    ["geometry values for a disk given by mass properties", (d) => (d[44 + 5] = 0.3), 1, 44 + 5],
    ["reserved header value", (d) => (d[7] = 1), 1, 7],
    ["no material for an element (none in the model either)", (d) => d.splice(8, 5, 0, 0, 0, 0, 0), 1, 16 + 6],
    ["nu out of (-1, 0.5)", (d) => d.splice(8, 5, 2, 2.11e11, 0, 0.5, 7810), 1, 11],
    ["G and nu disagreeing by more than 1e-3 of G", (d) => d.splice(8, 5, 3, 2.11e11, 8.12e10, 0.31, 7810), 1, 11],
    ["G missing for kind 'E and G'", (d) => (d[10] = 0), 1, 10],
  ])("rejects %s with the code and index of the value", (_name, edit, code, index) => {
    const d = encodeRotorModel(good);
    edit(d);
    const e = loadRaw(d);
    expect(e).toBeInstanceOf(CoreError);
    expect((e as CoreError).code).toBe(code);
    expect((e as CoreError).detail).toBe(index);
  });

  it("accepts G and nu given together when they agree within 1e-3 of G (G is used)", () => {
    const d = encodeRotorModel(good);
    d.splice(8, 5, 3, 2.11e11, 8.12e10, 0.2995, 7810); // E/(2(1+nu)) = 8.1177e10: 3e-4 of G away
    expect(typeof loadRaw(d)).toBe("number");
  });

  it("rejects truncated and over-long descriptions", () => {
    const d = encodeRotorModel(good);
    const short = loadRaw(d.slice(0, d.length - 1));
    expect((short as CoreError).code).toBe(1);
    expect((short as CoreError).detail).toBe(d.length - 1);
    const long = loadRaw([...d, 0]);
    expect((long as CoreError).code).toBe(1);
    expect((long as CoreError).detail).toBe(d.length);
  });

  it("an unknown handle is CoreError code 6", () => {
    const f = core.fn("rotorMatrices");
    expect(f(987654, 0)).toBe(0);
    expect(core.exports.coreError()).toBe(6);
  });
});
