// The unscented Kalman filter of the core (assembly/ukf), checked against FilterPy's outputs in
// test/data/ukf (copied from the team's shared reference set, provenance in test/data/README.md), an independent linear Kalman filter, and
// exact properties of the unscented transform.
// Tolerances (all relative to the reference's posterior standard deviations, see compareSteps):
// - FilterPy cases, 1e-9 (the spec's figure). Both implementations are backward stable; their
//   summation orders differ, and the Merwe weights amplify rounding by up to |Wm0| ~ 130 (case 4),
//   so ~1e-13..1e-11 is expected; 1e-9 leaves two orders of margin and still catches any error in
//   a formula (those show up at 1e-3 or more).
// - square-root vs standard form, 1e-10: same mathematics, different rounding (QR, rank-1 updates).
// - linear Kalman filter, 1e-9: for a linear model the UKF equals the KF exactly in real arithmetic.
// - exactness of the unscented transform for linear maps, 1e-12 relative: a few roundings of O(1)
//   numbers, amplified by at most |Wm0| <= 10 here.
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { parseUkfCase, readReference, type UkfCase } from "../src/ukf/case.js";
import { FLAGS, UkfCore, UkfStepError, type UkfSpec } from "../src/ukf/core.js";
import { compareSteps, runCase, type CaseStep } from "../src/ukf/run.js";
import { ModelError } from "../src/rotor/validate.js";

const DIR = new URL("./data/ukf/", import.meta.url);
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const core = Core.load();
const uc = new UkfCore(core);

function loadCase(f: string): { cs: UkfCase; raw: any } {
  const text = readFileSync(new URL(f, DIR), "utf8");
  return { cs: parseUkfCase(text, f), raw: JSON.parse(text) };
}

// ---- small dense helpers for the independent references -----------------------------------------
type M = number[][];
const mul = (a: M, b: M): M => a.map((r) => b[0]!.map((_, j) => r.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const tr = (a: M): M => a[0]!.map((_, j) => a.map((r) => r[j]!));
const add = (a: M, b: M, s = 1): M => a.map((r, i) => r.map((v, j) => v + s * b[i]![j]!));
const col = (v: number[]): M => v.map((x) => [x]);
function inv(a: M): M {
  // Gauss-Jordan with partial pivoting (small, well-conditioned S only)
  const n = a.length;
  const m = a.map((r, i) => [...r, ...r.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(m[i]![c]!) > Math.abs(m[p]![c]!)) p = i;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const d = m[c]![c]!;
    m[c] = m[c]!.map((v) => v / d);
    for (let i = 0; i < n; i++) if (i !== c) m[i] = m[i]!.map((v, j) => v - m[i]![c]! * m[c]![j]!);
  }
  return m.map((r) => r.slice(n));
}
function rng(seed: number): () => number {
  let s = BigInt(seed);
  const MASK = (1n << 64n) - 1n;
  return () => {
    s = (s + 0x9e3779b97f4a7c15n) & MASK;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    z ^= z >> 31n;
    return (Number(z >> 11n) / 2 ** 53) * 2 - 1;
  };
}
const randM = (r: () => number, a: number, b: number, scale = 1): M => Array.from({ length: a }, () => Array.from({ length: b }, () => scale * r()));
/** A A^T + shift I: symmetric positive definite. */
function spdOf(r: () => number, n: number, shift: number): M {
  const A = randM(r, n, n);
  return add(mul(A, tr(A)), Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? shift : 0))));
}

/** Independent linear Kalman filter (Kalman 1960; predict, then update with z_k). */
function linearKf(F: M, H: M, Q: M, R: M, x0: number[], P0: M, zs: number[][], B?: M, D?: M, us?: number[][]): CaseStep[] {
  let x = col(x0), P = P0;
  return zs.map((z, k) => {
    const u = us ? col(us[k]!) : undefined;
    x = mul(F, x);
    if (B && u) x = add(x, mul(B, u));
    P = add(mul(mul(F, P), tr(F)), Q);
    const xPrior = x.map((r) => r[0]!), Pprior = P;
    let zp = mul(H, x);
    if (D && u) zp = add(zp, mul(D, u));
    const S = add(mul(mul(H, P), tr(H)), R);
    const K = mul(mul(P, tr(H)), inv(S));
    const y = z.map((v, i) => v - zp[i]![0]!);
    x = add(x, mul(K, col(y)));
    P = add(P, mul(mul(K, S), tr(K)), -1);
    return {
      k, x_prior: xPrior, P_prior_diag: Pprior.map((r, i) => r[i]!), x_post: x.map((r) => r[0]!), P_post_diag: P.map((r, i) => r[i]!),
      y, S, K, P_prior: Pprior, P_post: P, repaired: 0,
    };
  });
}

function specOf(cs: UkfCase, extra: Partial<UkfSpec> = {}): UkfSpec {
  return { dimX: cs.dimX, dimZ: cs.dimZ, alpha: cs.alpha, beta: cs.beta, kappa: cs.kappa, process: cs.process, measurement: cs.measurement, ...extra };
}

describe("FilterPy reference cases (test/data/ukf)", () => {
  it("finds the cases", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(4);
  });

  for (const f of FILES) {
    it(`${f}: every step and quantity within 1e-9 of the posterior std (standard form)`, () => {
      const { cs } = loadCase(f);
      const ref = readReference(cs, f);
      const ours = runCase(cs, {}, core);
      expect(ours.length).toBe(cs.measurements.length);
      const d = compareSteps(ours, ref);
      // x_prior, P_prior_diag, x_post, P_post_diag, y, S and (where given) full P and K, every step
      const n = cs.dimX, m = cs.dimZ;
      const perStep = 4 * n + m + m * m + (ref[0]!.K ? n * m : 0) + (ref[0]!.P_prior ? 2 * n * n : 0);
      expect(d.count).toBe(perStep * ref.length);
      expect(d.max, d.where).toBeLessThan(1e-9);
      expect(ours.every((s) => s.repaired === 0)).toBe(true);
    });

    it(`${f}: weights and sigma points (initial, and redrawn from the prior) as FilterPy`, () => {
      const { cs, raw } = loadCase(f);
      const o = raw.filterpy_outputs;
      const flt = uc.create(specOf(cs));
      try {
        flt.set("x", cs.x0);
        flt.set("P", cs.P0);
        flt.set("Q", cs.Q);
        flt.set("R", cs.R);
        const close = (a: ArrayLike<number>, b: number[], tol: number): void => {
          const scale = Math.max(1, ...b.map(Math.abs));
          for (let i = 0; i < b.length; i++) expect(Math.abs(a[i]! - b[i]!) / scale).toBeLessThan(tol);
        };
        close(flt.get("Wm"), o.Wm, 1e-13);
        close(flt.get("Wc"), o.Wc, 1e-13);
        expect(flt.info(11)).toBeCloseTo(o.lambda, 12);
        flt.predict();
        close(flt.get("sigmas"), o.sigmas_initial.flat(), 1e-13);
        flt.update(cs.measurements[0]!);
        close(flt.get("sigmas"), o.sigmas_prior_step0.flat(), 1e-12);
      } finally {
        flt.free();
      }
    });

    it(`${f}: square-root form equals the standard form to 1e-10 of the posterior std`, () => {
      const { cs } = loadCase(f);
      const std = runCase(cs, {}, core);
      const sq = runCase(cs, { sqrt: true }, core);
      const asRef = std.map((s) => ({ ...s }));
      const d = compareSteps(sq, asRef);
      expect(d.max, d.where).toBeLessThan(1e-10);
    });
  }

  for (const f of ["ukf_01_cv1d.json", "ukf_04_smd2dof_accel.json"]) {
    it(`${f}: the linear case equals an independent linear Kalman filter (1e-9 of the posterior std)`, () => {
      const { cs } = loadCase(f);
      if (cs.process.kind !== "linear" || cs.measurement.kind !== "linear") throw new Error("case is not linear");
      const kf = linearKf(cs.process.F, cs.measurement.H, cs.Q, cs.R, cs.x0, cs.P0, cs.measurements);
      const d = compareSteps(runCase(cs, {}, core), kf);
      expect(d.max, d.where).toBeLessThan(1e-9);
      const dq = compareSteps(runCase(cs, { sqrt: true }, core), kf);
      expect(dq.max, dq.where).toBeLessThan(1e-9);
    });
  }
});

describe("linear models with inputs (x' = F x + B u, z = H x + D u)", () => {
  const r = rng(99);
  const n = 5, m = 2, nu = 2, N = 40;
  // a stable F: 0.9 * a random matrix scaled to spectral-norm-ish 1 by its row sums
  const A = randM(r, n, n);
  const F = A.map((row) => row.map((v) => (0.9 * v) / row.reduce((s, x) => s + Math.abs(x), 0)));
  const B = randM(r, n, nu), H = randM(r, m, n), D = randM(r, m, nu);
  const Q = spdOf(r, n, 0.01).map((row) => row.map((v) => 0.01 * v)), R = spdOf(r, m, 0.1);
  const P0 = spdOf(r, n, 1), x0 = Array.from({ length: n }, () => r());
  const us = Array.from({ length: N }, () => Array.from({ length: nu }, () => r()));
  const zs = Array.from({ length: N }, () => Array.from({ length: m }, () => r()));
  const spec: UkfSpec = { dimX: n, dimZ: m, dimU: nu, alpha: 0.7, beta: 2, kappa: 0, process: { kind: "linear", F, B }, measurement: { kind: "linear", H, D } };

  for (const sqrt of [false, true]) {
    it(`equals the linear Kalman filter with non-square H, B, D (${sqrt ? "square-root" : "standard"} form)`, () => {
      const kf = linearKf(F, H, Q, R, x0, P0, zs, B, D, us);
      const flt = uc.create({ ...spec, options: { sqrt } });
      try {
        flt.set("x", x0);
        flt.set("P", P0);
        flt.set("Q", Q);
        flt.set("R", R);
        const rows = (a: Float64Array, c: number): M => Array.from({ length: a.length / c }, (_, i) => Array.from(a.subarray(i * c, (i + 1) * c)));
        expect(rows(flt.get("H"), n)).toEqual(H);
        expect(rows(flt.get("D"), nu)).toEqual(D);
        expect(rows(flt.get("B"), nu)).toEqual(B);
        const out = flt.run(zs, ["xPrior", "PPrior", "xPost", "PPost", "y", "S", "K", "flags"], us);
        const ours: CaseStep[] = out.map((s, k) => ({
          k, x_prior: Array.from(s.xPrior!), P_prior_diag: rows(s.PPrior!, n).map((q, i) => q[i]!), x_post: Array.from(s.xPost!),
          P_post_diag: rows(s.PPost!, n).map((q, i) => q[i]!), y: Array.from(s.y!), S: rows(s.S!, m), K: rows(s.K!, m),
          P_prior: rows(s.PPrior!, n), P_post: rows(s.PPost!, n), repaired: s.flags!,
        }));
        const d = compareSteps(ours, kf);
        expect(d.max, d.where).toBeLessThan(1e-9);
      } finally {
        flt.free();
      }
    });
  }

  it("multi-rate: predict, predict, update equals one step of the model F^2, F Q F^T + Q", () => {
    const F2 = mul(F, F), Q2 = add(mul(mul(F, Q), tr(F)), Q);
    const a = uc.create({ ...spec, dimU: 0, process: { kind: "linear", F }, measurement: { kind: "linear", H } });
    const b = uc.create({ ...spec, dimU: 0, process: { kind: "linear", F: F2 }, measurement: { kind: "linear", H } });
    try {
      for (const [f, q] of [[a, Q], [b, Q2]] as const) {
        f.set("x", x0);
        f.set("P", P0);
        f.set("Q", q);
        f.set("R", R);
      }
      for (let k = 0; k < 10; k++) {
        a.predict();
        a.predict();
        a.update(zs[k]!);
        b.predict();
        b.update(zs[k]!);
      }
      expect(a.info(3)).toBe(20); // predicts
      expect(a.info(4)).toBe(10); // updates
      const xa = a.get("x"), xb = b.get("x"), Pa = a.get("P"), Pb = b.get("P");
      for (let i = 0; i < n; i++) {
        const s = Math.sqrt(Pb[i * n + i]!);
        expect(Math.abs(xa[i]! - xb[i]!) / s).toBeLessThan(1e-10);
        for (let j = 0; j < n; j++) expect(Math.abs(Pa[i * n + j]! - Pb[i * n + j]!) / (s * Math.sqrt(Pb[j * n + j]!))).toBeLessThan(1e-10);
      }
    } finally {
      a.free();
      b.free();
    }
  });
});

describe("unscented transform properties", () => {
  for (const [points, kappa] of [["julier", 0], ["julier", 2], ["julier", -1], ["merwe", 1]] as const) {
    it(`${points} (kappa ${kappa}): weights sum to 1 and a linear map's mean and covariance are exact`, () => {
      const r = rng(7 + kappa);
      const n = 3;
      const F = randM(r, n, n), H = randM(r, 1, n);
      const P = spdOf(r, n, 0.5), x = [r(), r(), r()];
      const flt = uc.create({ dimX: n, dimZ: 1, points, alpha: 0.8, beta: 2, kappa, process: { kind: "linear", F }, measurement: { kind: "linear", H } });
      try {
        const Wm = Array.from(flt.get("Wm")), Wc = Array.from(flt.get("Wc"));
        expect(Math.abs(Wm.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-15);
        if (points === "julier") {
          expect(Wc).toEqual(Wm);
          expect(Wm[0]).toBeCloseTo(kappa / (n + kappa), 15);
          expect(Math.abs(Wc.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-15);
        }
        flt.set("x", x);
        flt.set("P", P);
        flt.set("Q", Array.from({ length: n * n }, () => 0));
        flt.predict();
        const xm = flt.get("x"), Pm = flt.get("P");
        const xe = mul(F, col(x)).map((q) => q[0]!), Pe = mul(mul(F, P), tr(F));
        const scale = Math.max(...Pe.flat().map(Math.abs));
        for (let i = 0; i < n; i++) {
          expect(Math.abs(xm[i]! - xe[i]!)).toBeLessThan(1e-12 * Math.max(1, ...xe.map(Math.abs)));
          for (let j = 0; j < n; j++) expect(Math.abs(Pm[i * n + j]! - Pe[i]![j]!)).toBeLessThan(1e-12 * scale);
        }
        // the sigma points: x and x +- rows of U, U^T U = (n + kappa) P
        const sig = flt.get("sigmas");
        const c = flt.info(10);
        expect(c).toBeCloseTo(points === "julier" ? n + kappa : 0.64 * (n + kappa), 14);
        const UtU = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
          let s = 0;
          for (let k = 0; k < n; k++) s += (sig[(1 + k) * n + i]! - x[i]!) * (sig[(1 + k) * n + j]! - x[j]!);
          return s;
        }));
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(UtU[i]![j]! - c * P[i]![j]!)).toBeLessThan(1e-12 * c * scale);
      } finally {
        flt.free();
      }
    });
  }
});

describe("robustness", () => {
  const cv = (options = {}): ReturnType<UkfCore["create"]> => {
    const f = uc.create({ dimX: 2, dimZ: 1, alpha: 0.5, beta: 2, kappa: 0, process: { kind: "linear", F: [[1, 0], [0, 1]] }, measurement: { kind: "linear", H: [[1, 0]] }, options });
    f.set("Q", [0, 0, 0, 0]);
    return f;
  };

  it("repairs an indefinite P by Higham's nearest positive definite matrix and reports it", () => {
    const f = cv();
    try {
      f.set("P", [[1, 2], [2, 1]]); // eigenvalues 3 and -1
      f.predict(); // F = I, Q = 0: P- is the repaired P (the UT of the identity is exact)
      expect(f.lastFlags & FLAGS.pClipped).toBe(FLAGS.pClipped);
      expect(f.repairs).toBe(1);
      // Higham 1988: V diag(max(l, delta)) V^T, delta = 1e-12 lambda_max = 3e-12
      const delta = 3e-12;
      const expected = [1.5 + delta / 2, 1.5 - delta / 2, 1.5 - delta / 2, 1.5 + delta / 2];
      const P = f.get("P");
      for (let i = 0; i < 4; i++) expect(Math.abs(P[i]! - expected[i]!)).toBeLessThan(1e-13);
      f.update([0.3]);
      expect(f.lastFlags).toBe(0);
      expect(Array.from(f.get("x")).every(Number.isFinite)).toBe(true);
    } finally {
      f.free();
    }
  });

  it("symmetrises a P whose upper triangle alone is not positive definite (flag 1 only)", () => {
    const f = cv();
    try {
      f.set("P", [[1, 5], [-4.9, 1]]); // symmetric part [[1, 0.05], [0.05, 1]] is definite
      f.predict();
      expect(f.lastFlags).toBe(FLAGS.pSymmetrised);
      const P = f.get("P");
      expect(P[1]).toBeCloseTo(0.05, 14);
      expect(P[2]).toBeCloseTo(0.05, 14);
    } finally {
      f.free();
    }
  });

  it("square-root form: an indefinite P is repaired when set, and the run reports it", () => {
    const f = cv({ sqrt: true });
    try {
      f.set("P", [[1, 2], [2, 1]]);
      expect(f.repairs).toBe(1);
      const P = f.get("P");
      expect(P[0]).toBeCloseTo(1.5, 11);
      expect(P[1]).toBeCloseTo(1.5, 11);
    } finally {
      f.free();
    }
  });

  it("strict mode: an indefinite P is an error with the step number, not a NaN", () => {
    const f = cv({ strict: true });
    try {
      f.set("P", [[1, 0], [0, 1]]);
      f.predict();
      f.update([0.1]);
      f.set("P", [[1, 2], [2, 1]]);
      expect(() => f.predict()).toThrowError(UkfStepError);
      try {
        f.predict();
      } catch (e) {
        const err = e as UkfStepError;
        expect(err.code).toBe(3);
        expect(err.step).toBe(1);
        expect(err.stage).toBe(1);
        expect(err.message).toMatch(/step 1: the covariance P is not positive definite/);
      }
    } finally {
      f.free();
    }
  });

  it("an unrepairable P (no positive eigenvalue) is an error even with repair on", () => {
    const f = cv();
    try {
      f.set("P", [[-1, 0], [0, -2]]);
      expect(() => f.predict()).toThrowError(/step 0: the covariance P is not positive definite/);
    } finally {
      f.free();
    }
  });

  it("a NaN measurement is an error with its step; the filter keeps the previous posterior", () => {
    const { cs } = loadCase("ukf_03_pendulum.json");
    const zs = cs.measurements.map((z) => [...z]);
    zs[17]![0] = NaN;
    const f = uc.create(specOf(cs));
    try {
      f.set("x", cs.x0);
      f.set("P", cs.P0);
      f.set("Q", cs.Q);
      f.set("R", cs.R);
      let err: unknown;
      try {
        f.run(zs, ["xPost"]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UkfStepError);
      expect((err as UkfStepError).code).toBe(5);
      expect((err as UkfStepError).step).toBe(17);
      expect((err as UkfStepError).stage).toBe(4);
      expect((err as Error).message).toMatch(/step 17: the measurement is NaN/);
      // the state is the prior of step 17 (predict ran, the update was refused)
      const ref = readReference(cs, "pendulum");
      const x = f.get("x");
      for (let i = 0; i < 2; i++) expect(x[i]).toBeCloseTo(ref[17]!.x_prior[i]!, 12);
      expect(() => f.update([NaN])).toThrowError(/the measurement is NaN or infinite \(component 0\)/);
      expect(() => f.update([Infinity])).toThrowError(UkfStepError);
    } finally {
      f.free();
    }
  });

  it("a NaN input vector is an error", () => {
    const f = uc.create({ dimX: 2, dimZ: 1, dimU: 1, alpha: 1, beta: 2, kappa: 0, process: { kind: "linear", F: [[1, 0], [0, 1]], B: [[1], [0]] }, measurement: { kind: "linear", H: [[1, 0]] } });
    try {
      expect(() => f.predict([NaN])).toThrowError(/the input u is NaN or infinite/);
      f.predict([1]);
      expect(f.get("x")[0]).toBe(1);
    } finally {
      f.free();
    }
  });
});

describe("ABI", () => {
  const e = core.exports as unknown as Record<string, (...a: number[]) => number>;

  it("rejects bad creation arguments with the argument position", () => {
    const p = core.put([1, 0, 0, 1, 1, 0]);
    try {
      expect(e.ukfCreate!(2, 1, 0, 0, 1, 2, 0, 9, 0, p, 0)).toBe(0);
      expect([e.coreError!(), e.coreErrorDetail!()]).toEqual([1, 7]);
      expect(e.ukfCreate!(2, 1, 0, 0, 0.1, 2, -2, 0, 0, p, 0)).toBe(0); // n + lambda = 0
      expect([e.coreError!(), e.coreErrorDetail!()]).toEqual([1, 6]);
      expect(e.ukfCreate!(2, 1, 0, 0, NaN, 2, 0, 0, 0, p, 0)).toBe(0);
      expect([e.coreError!(), e.coreErrorDetail!()]).toEqual([5, 4]);
      expect(e.ukfCreate!(3, 1, 0, 0, 1, 2, 0, 0, 0, p, 0)).toBe(0); // params too short
      expect([e.coreError!(), e.coreErrorDetail!()]).toEqual([1, 6]);
      expect(e.ukfCreate!(2, 2, 0, 0, 1, 2, 0, 1, 1, p, 0)).toBe(0); // pendulum with L = params[2] = 0
      expect([e.coreError!(), e.coreErrorDetail!()]).toEqual([1, 2]);
      expect(e.ukfPredict!(12345, 0)).toBe(0);
      expect(e.coreError!()).toBe(6);
    } finally {
      core.free(p);
    }
  });

  it("frees what it takes: the buffer count returns to its start", () => {
    const before = core.exports.bufCount();
    const { cs } = loadCase("ukf_02_range_bearing.json");
    runCase(cs, {}, core);
    runCase(cs, { sqrt: true }, core);
    expect(core.exports.bufCount()).toBe(before);
  });

  it("selfcheckUkf is deterministic across instances and reflects the computation", () => {
    const a = uc.selfcheck();
    const b = new UkfCore(Core.load()).selfcheck();
    expect(a).toBe(b);
    expect(a).not.toBe("0");
  });
});

describe("case validation", () => {
  const base = readFileSync(new URL("ukf_01_cv1d.json", DIR), "utf8");
  const faults = (mutate: (o: any) => void): string[] => {
    const o = JSON.parse(base);
    mutate(o);
    try {
      parseUkfCase(JSON.stringify(o), "c.json");
    } catch (e) {
      if (e instanceof ModelError) return e.lines();
      throw e;
    }
    return [];
  };

  it("accepts the cases", () => {
    for (const f of FILES) expect(() => loadCase(f)).not.toThrow();
  });

  it("reports missing keys, dimension mismatches and non-square matrices with JSON paths", () => {
    expect(faults((o) => delete o.R)).toEqual(["c.json: R: missing key"]);
    expect(faults((o) => (o.x0 = [0, 0, 0]))).toEqual(["c.json: x0: must have 2 values, found 3"]);
    expect(faults((o) => (o.P0 = [[1, 0, 0], [0, 1, 0]]))).toEqual(["c.json: P0: must be square (dim_x x dim_x = 2x2), found 2 rows of 3 columns"]);
    expect(faults((o) => (o.R = [[1, 0], [0, 1]]))).toEqual(["c.json: R: must have 1 rows (dim_z x dim_z = 1x1), found 2"]);
    expect(faults((o) => (o.H = [[1, 0, 0]]))[0]).toMatch(/^c\.json: H\[0\]: must have 2 columns/);
    expect(faults((o) => (o.measurements[3] = [1, 2]))).toEqual(["c.json: measurements[3]: must have 1 values, found 2"]);
    expect(faults((o) => (o.dim_x = 0))[0]).toMatch(/dim_x: must be an integer >= 1/);
    expect(faults((o) => (o.kappa = -2))[0]).toMatch(/kappa: n \+ lambda/);
  });

  it("reports an unknown problem when F or H is absent", () => {
    expect(faults((o) => delete o.H)).toEqual(['c.json: problem: unknown problem "cv1d" and no H: built-in measurement models: range_bearing, pendulum']);
    expect(faults((o) => {
      delete o.F;
      o.problem = "rocket";
    })).toEqual(['c.json: problem: unknown problem "rocket" and no F: built-in process models: pendulum']);
    expect(faults((o) => {
      delete o.F;
      delete o.problem;
    })).toEqual(['c.json: F: missing key (and no "problem" names a built-in process model)']);
  });

  it("reports a syntax error with line and column", () => {
    expect(() => parseUkfCase('{\n  "dim_x": 2,\n  oops', "c.json")).toThrowError(/^c\.json:3:3: /);
  });

  it("CoreError stays the base class of step errors (exit code 1 in the CLI)", () => {
    expect(new UkfStepError(5, 3, 4, 0, "ukfRun")).toBeInstanceOf(CoreError);
  });
});
