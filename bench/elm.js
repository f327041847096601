// bench/elm: ELM training (10,000 samples × 64 inputs, 500 sigmoid neurons, 5 classes, C = 100) and the
// prediction latency of one window, twin's core against numpy (OpenBLAS) in the same run on the same
// data (timings here are noisy: only same-run ratios mean anything).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ElmCore } from "../dist/elm/core.js";

const N = 10000, D = 64, L = 500, M = 5, C = 100;

function timed(fn, minTotal = 1.0, maxReps = 20, minReps = 3) {
  const times = [];
  const start = performance.now();
  let result;
  while (times.length < maxReps && (times.length < minReps || performance.now() - start < minTotal * 1000)) {
    const t0 = performance.now();
    result = fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { s: times[Math.floor(times.length / 2)], reps: times.length, result };
}

/** Deterministic data: SplitMix64-free mulberry32 uniforms; labels from the nearest of M centres. */
function data() {
  let a = 12345;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const X = new Float64Array(N * D), T = new Float64Array(N * M);
  for (let i = 0; i < N; i++) {
    const c = i % M;
    for (let j = 0; j < D; j++) X[i * D + j] = (j % M === c ? 1 : 0) + 0.5 * (2 * u() - 1);
    T[i * M + c] = 1;
  }
  return { X, T };
}

function python(job) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const out = execFileSync("python3", [new URL("./elm_numpy.py", import.meta.url).pathname, JSON.stringify(job)], { env, encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(out);
}

export function runElmBench() {
  const elm = new ElmCore();
  const { X, T } = data();
  const wb = elm.weights(D, L, 1);
  const h = { d: D, L, activation: "sigmoid", wb };
  const fit = timed(() => elm.fit(h, X, T, N, M, C, false));
  const fitP = timed(() => elm.fit(h, X, T, N, M, C, true), 1.0, 5);
  const xw = X.subarray(0, D);
  const pred = elm.loadPredictor(h, fit.result.beta, M);
  const win = timed(() => pred.run(xw, 1), 0.5, 5000, 50);
  const winCold = timed(() => elm.predict(h, xw, 1, fit.result.beta, M), 0.5, 2000, 50);
  pred.free();
  const dir = mkdtempSync(join(tmpdir(), "twin-bench-elm-"));
  try {
    const file = join(dir, "elm.bin");
    const raw = new Float64Array(5 + N * D + N * M + D * L + L + D);
    raw.set([N, D, L, M, C]);
    raw.set(X, 5);
    raw.set(T, 5 + N * D);
    raw.set(wb, 5 + N * D + N * M); // W (d × L) then b (L): the core's layout
    raw.set(xw, 5 + N * D + N * M + D * L + L);
    writeFileSync(file, Buffer.from(raw.buffer));
    const ref = python({ file, reps: 5 });
    let num = 0, den = 0;
    fit.result.beta.forEach((x, i) => {
      num += (x - ref.beta[i]) ** 2;
      den += ref.beta[i] ** 2;
    });
    return [
      {
        case: `ELM train ${N} x ${D}, ${L} sigmoid neurons, ${M} outputs, C = ${C}`,
        twin_s: fit.s,
        twin_with_P_s: fitP.s,
        numpy_s: ref.fit_s,
        ratio: fit.s / ref.fit_s,
        beta_rel_diff: Math.sqrt(num / den),
        reps: fit.reps,
      },
      {
        case: `ELM predict one window (${D} features, ${L} neurons, ${M} classes)`,
        twin_s: win.s,
        twin_without_loaded_predictor_s: winCold.s,
        numpy_s: ref.window_s,
        ratio: win.s / ref.window_s,
        reps: win.reps,
      },
    ];
  }
  finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(runElmBench(), null, 1));
