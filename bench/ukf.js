// bench/ukf: predict + update steps per second of the wasm UKF (one ukfRun call for all steps,
// FilterPy conventions, standard and square-root forms) on a linear model with n = 4, 20, 40 states
// and 2 measurements, against a plain numpy UKF (bench/ukf_numpy.py) run in the same job on the same
// data. Only same-run ratios mean anything: timings on a shared machine are noisy.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UkfCore } from "../dist/ukf/core.js";

/** SplitMix64 (Steele, Lea & Flood 2014) normal deviates by Box-Muller: deterministic bench data. */
function gauss(seed) {
  let s = BigInt(seed);
  const M = (1n << 64n) - 1n;
  const u = () => {
    s = (s + 0x9e3779b97f4a7c15n) & M;
    let z = s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    z ^= z >> 31n;
    return (Number(z >> 11n) + 0.5) / 2 ** 53;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** n/2 lightly damped oscillators (rotation blocks scaled by 0.999), 2 measured combinations. */
export function benchSystem(n, steps, seed = 7) {
  const F = Array.from({ length: n }, () => new Array(n).fill(0));
  for (let b = 0; b < n / 2; b++) {
    const w = 0.05 + (0.5 * b) / n, c = 0.999 * Math.cos(w), s = 0.999 * Math.sin(w);
    F[2 * b][2 * b] = c; F[2 * b][2 * b + 1] = s; F[2 * b + 1][2 * b] = -s; F[2 * b + 1][2 * b + 1] = c;
  }
  const H = [Array.from({ length: n }, (_, j) => (j === 0 ? 1 : 0)), Array.from({ length: n }, (_, j) => (j % 2 === 0 ? 1 / n : 0))];
  const I = (k, v) => Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? v : 0)));
  const Q = I(n, 1e-3), R = I(2, 0.1), P0 = I(n, 1);
  const g = gauss(seed);
  let x = Array.from({ length: n }, () => g());
  const zs = [];
  for (let k = 0; k < steps; k++) {
    x = F.map((row) => row.reduce((a, f, j) => a + f * x[j], 0) + Math.sqrt(1e-3) * g());
    zs.push(H.map((row) => row.reduce((a, h, j) => a + h * x[j], 0) + Math.sqrt(0.1) * g()));
  }
  return { n, F, H, Q, R, P0, x0: new Array(n).fill(0), alpha: 0.5, beta: 2, kappa: 0, zs };
}

function wasmRun(uc, sys, sqrt, steps) {
  const f = uc.create({ dimX: sys.n, dimZ: 2, alpha: sys.alpha, beta: sys.beta, kappa: sys.kappa,
    process: { kind: "linear", F: sys.F }, measurement: { kind: "linear", H: sys.H }, options: { sqrt } });
  try {
    f.set("x", sys.x0); f.set("P", sys.P0); f.set("Q", sys.Q); f.set("R", sys.R);
    const zs = Float64Array.from(sys.zs.slice(0, steps).flat());
    const t0 = performance.now();
    const out = f.run(zs, ["xPost"]);
    return { s: (performance.now() - t0) / 1000, x: out.map((o) => Array.from(o.xPost)) };
  } finally {
    f.free();
  }
}

function python(file) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE; // see the machine notes: these slow a current OpenBLAS
  delete env.OPENBLAS_L2_SIZE;
  const out = execFileSync("python3", [new URL("./ukf_numpy.py", import.meta.url).pathname, file], { env, encoding: "utf8", maxBuffer: 1 << 28 });
  return JSON.parse(out);
}

export function runUkfBench() {
  const uc = new UkfCore();
  const dir = mkdtempSync(join(tmpdir(), "twin-ukf-bench-"));
  const rows = [];
  try {
    for (const n of [4, 20, 40]) {
      const steps = n <= 4 ? 200000 : n <= 20 ? 50000 : 20000;
      const pySteps = n <= 4 ? 20000 : 5000;
      const sys = benchSystem(n, steps);
      wasmRun(uc, sys, false, Math.min(steps, 2000)); // warm-up (tier-up of the wasm code)
      const best = (sqrt) => {
        let r = wasmRun(uc, sys, sqrt, steps);
        for (let i = 0; i < 2; i++) { const q = wasmRun(uc, sys, sqrt, steps); if (q.s < r.s) r = q; }
        return r;
      };
      const std = best(false), sq = best(true);
      const file = join(dir, `ukf${n}.json`);
      writeFileSync(file, JSON.stringify({ ...sys, zs: sys.zs.slice(0, pySteps), steps: pySteps }));
      const py = python(file);
      // agreement of the two implementations on the steps both ran, relative to max |x|
      let dmax = 0, xmax = 0;
      for (let k = 0; k < pySteps; k++) for (let i = 0; i < n; i++) {
        dmax = Math.max(dmax, Math.abs(std.x[k][i] - py.x_post[k][i]), Math.abs(sq.x[k][i] - py.x_post[k][i]));
        xmax = Math.max(xmax, Math.abs(py.x_post[k][i]));
      }
      rows.push({
        case: `ukf linear n=${n}, m=2 (predict+update)`,
        twin_steps_per_s: steps / std.s,
        twin_sqrt_steps_per_s: steps / sq.s,
        numpy_steps_per_s: py.steps / py.seconds,
        speedup: (steps / std.s) / (py.steps / py.seconds),
        max_rel_diff_x_vs_numpy: dmax / xmax,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  console.log(JSON.stringify(runUkfBench(), null, 1));
}
