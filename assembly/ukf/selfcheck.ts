// selfcheckUkf: a built-in run whose output bits every engine must reproduce (assembly/ABI.md).
// The damped pendulum of shared/testdata/ukf/ukf_03_pendulum (dt 0.02, g 9.81, L 1, c 0.3), truth
// and measurements made here with SplitMix64 noise, filtered three ways (Merwe standard form,
// Merwe square-root form, Julier), plus a linear filter started from an indefinite P (repair path).
import { Hasher } from "../hash";
import { SplitMix64 } from "../linalg/prng";
import { clearError, coreError } from "../errors";
import { buildUkf } from "./registry";
import { Ukf, OPT_SQRT } from "./filter";
import { FX_PENDULUM, HX_PENDULUM, FX_LINEAR, HX_LINEAR } from "./models";
import { POINTS_MERWE, POINTS_JULIER } from "./sigma";
import { runSteps, OUT_ALL, recordSize } from "./access";

const STEPS: i32 = 200;

function pendulumMeasurements(): StaticArray<f64> {
  const rng = new SplitMix64(20240601);
  const dt = 0.02, gL = 9.81, c = 0.3;
  let th = 1.2, om = 0.0;
  const zs = new StaticArray<f64>(STEPS);
  // uniform(-1, 1) * sqrt(3) sigma has standard deviation sigma
  const s3 = Math.sqrt(3.0);
  for (let k = 0; k < STEPS; k++) {
    om = om + dt * (-gL * Math.sin(th) - c * om) + s3 * 0.02 * rng.uniform();
    th = th + dt * om + s3 * 0.001 * rng.uniform();
    zs[k] = Math.sin(th) + s3 * 0.05 * rng.uniform();
  }
  return zs;
}

function pendulumFilter(points: i32, options: i32): Ukf | null {
  const p = new StaticArray<f64>(5);
  p[0] = 0.02;
  p[1] = 9.81;
  p[2] = 1.0;
  p[3] = 0.3;
  p[4] = 1.0;
  const f = buildUkf(2, 1, 0, points, 1.0, 2.0, 1.0, FX_PENDULUM, HX_PENDULUM, p, options);
  if (f == null) return null;
  f.x[0] = 0.9;
  const P = new StaticArray<f64>(4);
  P[0] = 0.1;
  P[3] = 0.5;
  const Q = new StaticArray<f64>(4);
  Q[0] = 1e-6;
  Q[3] = 4e-4;
  const R = new StaticArray<f64>(1);
  R[0] = 0.0025;
  if (!f.setP(P) || !f.setQ(Q) || !f.setR(R)) return null;
  return f;
}

function hashRun(h: Hasher, f: Ukf | null, zs: StaticArray<f64>, stage: i32): void {
  if (f == null) {
    h.i32(-stage);
    return;
  }
  const out = new StaticArray<f64>(STEPS * recordSize(f, OUT_ALL));
  if (!runSteps(f, zs, null, STEPS, OUT_ALL, out)) {
    h.i32(-stage);
    return;
  }
  h.array(out);
}

export function selfcheckUkfRun(): i64 {
  clearError();
  const h = new Hasher();
  const zs = pendulumMeasurements();
  h.array(zs);
  hashRun(h, pendulumFilter(POINTS_MERWE, 0), zs, 1);
  hashRun(h, pendulumFilter(POINTS_MERWE, OPT_SQRT), zs, 2);
  hashRun(h, pendulumFilter(POINTS_JULIER, 0), zs, 3);
  // constant-velocity model, position measured, started from the indefinite P = [[1, 2], [2, 1]]
  const p = new StaticArray<f64>(6);
  p[0] = 1.0;
  p[1] = 0.1;
  p[3] = 1.0;
  p[4] = 1.0;
  const lin = buildUkf(2, 1, 0, POINTS_MERWE, 0.5, 2.0, 0.0, FX_LINEAR, HX_LINEAR, p, 0);
  if (lin != null) {
    const P = new StaticArray<f64>(4);
    P[0] = 1.0;
    P[1] = 2.0;
    P[2] = 2.0;
    P[3] = 1.0;
    lin.setP(P);
    const Q = new StaticArray<f64>(4);
    Q[0] = 1e-4;
    Q[3] = 1e-2;
    lin.setQ(Q);
    hashRun(h, lin, zs, 4);
    h.i32(lin.repairs);
  } else {
    h.i32(-4);
  }
  h.i32(coreError());
  return h.digest();
}
