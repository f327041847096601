// Extreme learning machine (assembly/elm/*, src/elm/*, `twin elm ...`; ABI.md section elm).
// References: the cases in test/data/elm (β solved in 40-digit arithmetic from float64 H and
// T; tolerance 1e-9 relative Frobenius, per shared/spec/elm.md, while the cases' condition numbers
// (≤ 6.1e5) put the float64 error near cond·eps ≈ 1e-10 at worst), the batch solution as the
// reference of OS-ELM, brute-force JS re-implementations of the k-NN score, the type 7 quantile and
// the documented SplitMix64 drawing, and synthetic clusters with known structure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { caseLayer, checkCase, fitCase, loadCase, relFrobenius } from "../src/elm/case.js";
import { ElmCore, type HiddenLayer } from "../src/elm/core.js";
import { encodeModel, predict, train, update, type ElmModel, type TrainOptions } from "../src/elm/model.js";
import { rng } from "./helpers/rng.js";

const DATA = new URL("./data/elm/", import.meta.url);
const core = Core.default();
const elm = new ElmCore(core);
const ROOT = join(import.meta.dirname, "..");
const TMP = mkdtempSync(join(tmpdir(), "twin-elm-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));


function normal(u: () => number): number {
  const a = 1 - u(), b = u();
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
}

/** `perClass` samples around each centre with standard deviation `sd`, rows interleaved by class. */
function clusters(centres: number[][], perClass: number, sd: number, seed: number): { X: Float64Array; labels: string[]; n: number; d: number } {
  const u = rng(seed);
  const d = centres[0]!.length, n = centres.length * perClass;
  const X = new Float64Array(n * d);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % centres.length;
    for (let j = 0; j < d; j++) X[i * d + j] = centres[c]![j]! + sd * normal(u);
    labels.push(`c${c}`);
  }
  return { X, labels, n, d };
}

/** Centres at ±spread on distinct axes (class k on axis k mod d, sign alternating). */
function axisCentres(k: number, d: number, spread: number): number[][] {
  return Array.from({ length: k }, (_, c) => Array.from({ length: d }, (_, j) => (j === c % d ? (c < d ? spread : -spread) : 0)));
}

function toCsv(features: string[], X: Float64Array, labels: string[] | null, labelName = "state"): string {
  const d = features.length;
  const lines = [[...features, ...(labels ? [labelName] : [])].join(",")];
  for (let i = 0; i < X.length / d; i++) {
    const row = Array.from(X.subarray(i * d, (i + 1) * d), (x) => String(x));
    if (labels) row.push(labels[i]!);
    lines.push(row.join(","));
  }
  return lines.join("\n") + "\n";
}

const caseFiles = readdirSync(DATA).filter((f) => f.endsWith(".json")).sort();

/** ‖a − b‖_F / ‖b‖_F over flat arrays. */
function rel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

function randomMatrix(r: number, c: number, seed: number, scale = 1): Float64Array {
  const u = rng(seed);
  return Float64Array.from({ length: r * c }, () => scale * (2 * u() - 1));
}

describe("ELM cases of test/data/elm", () => {
  it("finds the cases", () => {
    expect(caseFiles.length).toBeGreaterThanOrEqual(3);
  });

  for (const f of caseFiles) {
    it(`${f}: beta, Y_test and per-chunk betas within 1e-9`, () => {
      const c = loadCase(join(DATA.pathname, f));
      const fit = fitCase(c, elm);
      const items = checkCase(c, fit);
      // every expected quantity of the case is compared (beta, Y_test, each chunk)
      const raw = JSON.parse(readFileSync(new URL(f, DATA), "utf8"));
      const nExpected = (raw.expected.beta ?? raw.expected.beta_final ? 1 : 0) + (raw.expected.Y_test ?? raw.expected.Y_test_final ? 1 : 0) + (raw.expected.per_chunk?.length ?? 0) + (raw.expected.H_train_first5rows ? 1 : 0);
      expect(items.length).toBe(nExpected);
      for (const k of items) expect(k.rel_error, k.quantity).toBeLessThanOrEqual(1e-9);
      if (raw.expected.H_train_first5rows) {
        // H from the same float64 formula; only exp/tanh rounding (≤ a few ulp) may differ from numpy
        const H = elm.hidden(caseLayer(c), c.Xtrain.subarray(0, 5 * c.d), 5);
        expect(rel(H, raw.expected.H_train_first5rows.flat())).toBeLessThan(1e-14);
      }
    });
  }
});

describe("OS-ELM equals the batch solution", () => {
  const d = 5, L = 40, n = 300, m = 3;
  const X = randomMatrix(n, d, 11);
  const T = randomMatrix(n, m, 12);
  const chunks = [50, 1, 1, 37, 100, 111]; // sizes 1 and one larger than L (applied in blocks of L)

  for (const [activation, C] of [["sigmoid", 10], ["tanh", null], ["hpelm_sigm", 1e4], ["linear", 1]] as const) {
    it(`${activation}, C = ${C}: beta and P after every chunk`, () => {
      // the linear ELM has rank d + 1 < L: it is only defined with a ridge term
      const h: HiddenLayer = { d, L, activation, wb: elm.weights(d, L, 5) };
      let s: ReturnType<ElmCore["fit"]> | undefined;
      let seen = 0;
      for (const k of chunks) {
        const Xc = X.subarray(seen * d, (seen + k) * d), Tc = T.subarray(seen * m, (seen + k) * m);
        s = s === undefined ? elm.fit(h, Xc, Tc, k, m, C, true) : elm.update(h, s, Xc, Tc, k, m);
        seen += k;
        const b = elm.fit(h, X.subarray(0, seen * d), T.subarray(0, seen * m), seen, m, C, true);
        // Gram condition numbers here are ≤ ~1e6 (random sigmoid/tanh layers, L = 40): float64
        // error ~ cond·eps ≈ 1e-10; OS-ELM adds a few such roundings per chunk
        expect(rel(s.beta, b.beta), `beta after ${seen}`).toBeLessThan(1e-9);
        expect(rel(s.P, b.P), `P after ${seen}`).toBeLessThan(1e-9);
      }
    });
  }

  it("a chunk of one row at a time from the start equals the batch (ridge form)", () => {
    const h: HiddenLayer = { d, L, activation: "sigmoid", wb: elm.weights(d, L, 9) };
    let s = elm.fit(h, X.subarray(0, d), T.subarray(0, m), 1, m, 100, true);
    for (let i = 1; i < 120; i++) s = elm.update(h, s, X.subarray(i * d, (i + 1) * d), T.subarray(i * m, (i + 1) * m), 1, m);
    const b = elm.fit(h, X.subarray(0, 120 * d), T.subarray(0, 120 * m), 120, m, 100, true);
    expect(rel(s.beta, b.beta)).toBeLessThan(1e-9);
  });
});

describe("hidden layer weights from the seed", () => {
  it("follow the documented SplitMix64 drawing exactly (ABI.md)", () => {
    const d = 3, L = 4, seed = 2 ** 40 + 12345;
    const wb = elm.weights(d, L, seed);
    // ABI.md: state s = seed; s += 0x9e3779b97f4a7c15; z = mix(s); value = (z >> 11)·2^-53·2 − 1
    let s = BigInt(seed);
    const M = (1n << 64n) - 1n;
    const ref: number[] = [];
    for (let k = 0; k < d * L + L; k++) {
      s = (s + 0x9e3779b97f4a7c15n) & M;
      let z = s;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
      z = z ^ (z >> 31n);
      ref.push(Number(z >> 11n) * 2 ** -53 * 2 - 1);
    }
    expect(Array.from(wb)).toEqual(ref);
  });

  it("same seed gives the same bytes, another seed different ones", () => {
    const a = elm.weights(8, 50, 1), b = elm.weights(8, 50, 1), c = elm.weights(8, 50, 2);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
    // uniform on [−1, 1): 450 values, mean 0 ± 3·(1/√3)/√450 ≈ 0.08
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...a)).toBeLessThan(1);
    expect(Math.abs(a.reduce((x, y) => x + y, 0) / a.length)).toBeLessThan(0.08);
  });

  it("rejects a seed that is not an integer in [0, 2^53] (code 1, argument 2)", () => {
    for (const bad of [-1, 0.5, 2 ** 54]) {
      expect(core.fn("elmWeights")(2, 3, bad)).toBe(0);
      expect(core.exports.coreError()).toBe(1);
      expect(core.exports.coreErrorDetail()).toBe(2);
    }
  });
});

describe("core checks and failures", () => {
  const h: HiddenLayer = { d: 2, L: 10, activation: "tanh", wb: elm.weights(2, 10, 3) };
  it("unregularised fit with fewer rows than neurons is reported (HᵀH singular, code 3)", () => {
    const X = randomMatrix(5, 2, 1), T = randomMatrix(5, 1, 2);
    expect(() => elm.fit(h, X, T, 5, 1, null)).toThrow(CoreError);
    expect(core.exports.coreError()).toBe(3);
    // with a ridge term it is well posed
    expect(elm.fit(h, X, T, 5, 1, 10).beta.every(Number.isFinite)).toBe(true);
  });
  it("NaN input: code 5 with its index; bad activation: code 1 with the argument position", () => {
    const X = randomMatrix(20, 2, 1);
    X[7] = NaN;
    expect(() => elm.fit(h, X, randomMatrix(20, 1, 2), 20, 1, 10)).toThrow(CoreError);
    expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([5, 7]);
    const pw = core.put(h.wb), px = core.put(randomMatrix(4, 2, 1));
    expect(core.fn("elmHidden")(px, 4, 2, pw, 10, 9)).toBe(0);
    expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([1, 5]);
    core.free(pw);
    core.free(px);
  });
  it("frees what it allocates", () => {
    const before = core.exports.bufCount();
    const X = randomMatrix(30, 2, 1), T = randomMatrix(30, 2, 2);
    const s = elm.fit(h, X, T, 30, 2, 10);
    elm.update(h, s, X, T, 30, 2);
    elm.predict(h, X, 30, s.beta, 2);
    elm.knnScores(X, 30, X, 30, 2, 3, true);
    elm.quantile(X, 0.5);
    expect(core.exports.bufCount()).toBe(before);
  });
  it("a loaded predictor gives the same bits as elmPredict; a freed handle is code 6", () => {
    const X = randomMatrix(30, 2, 1), T = randomMatrix(30, 2, 2);
    const s = elm.fit(h, X, T, 30, 2, 10);
    const p = elm.loadPredictor(h, s.beta, 2);
    expect(Array.from(p.run(X.subarray(2, 8), 3))).toEqual(Array.from(elm.predict(h, X.subarray(2, 8), 3, s.beta, 2)));
    p.free();
    expect(() => p.run(X, 1)).toThrow(CoreError);
    expect(core.exports.coreError()).toBe(6);
  });

  it("selfcheckElm is stable across calls", () => {
    const a = core.fn("selfcheckElm")() as unknown as bigint;
    expect(core.fn("selfcheckElm")() as unknown as bigint).toBe(a);
    expect(a).not.toBe(0n);
  });
});

describe("novelty building blocks against brute force", () => {
  it("type 7 quantile: x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), h = (n − 1)q", () => {
    const v = Float64Array.from([5, 1, 4, 2, 3]); // sorted 1..5: quantile q is 1 + 4q
    for (const q of [0, 0.1, 0.5, 0.99, 1]) expect(elm.quantile(v, q)).toBeCloseTo(1 + 4 * q, 14);
    const w = randomMatrix(101, 1, 4);
    const s = Array.from(w).sort((a, b) => a - b);
    expect(elm.quantile(w, 0.37)).toBe(s[37]! + (100 * 0.37 - 37) * (s[38]! - s[37]!));
  });

  it("k-NN score: mean distance to the k nearest reference rows in standardised space", () => {
    const nR = 40, nQ = 7, d = 3, k = 4;
    const R = randomMatrix(nR, d, 21, 5), Q = randomMatrix(nQ, d, 22, 5);
    const mean = [0, 1, 2].map((j) => Array.from({ length: nR }, (_, i) => R[i * d + j]!).reduce((a, b) => a + b) / nR);
    const sd = [0, 1, 2].map((j) => Math.sqrt(Array.from({ length: nR }, (_, i) => (R[i * d + j]! - mean[j]!) ** 2).reduce((a, b) => a + b) / nR));
    const score = (x: ArrayLike<number>, skip: number): number => {
      const dist: number[] = [];
      for (let i = 0; i < nR; i++) {
        if (i === skip) continue;
        let s = 0;
        for (let j = 0; j < d; j++) s += ((x[j]! - R[i * d + j]!) / sd[j]!) ** 2;
        dist.push(Math.sqrt(s));
      }
      dist.sort((a, b) => a - b);
      return dist.slice(0, k).reduce((a, b) => a + b) / k;
    };
    const got = elm.knnScores(R, nR, Q, nQ, d, k, false);
    for (let q = 0; q < nQ; q++) expect(got[q]).toBeCloseTo(score(Q.subarray(q * d, (q + 1) * d), -1), 12);
    const loo = elm.knnScores(R, nR, R, nR, d, k, true);
    for (let q = 0; q < nR; q++) expect(loo[q]).toBeCloseTo(score(R.subarray(q * d, (q + 1) * d), q), 12);
  });

  it("leverage gives the exact leave-one-out residual r_i / (1 − h_i) of the ridge fit (PRESS)", () => {
    const n = 30, d = 2, L = 10, C = 10;
    const h: HiddenLayer = { d, L, activation: "sigmoid", wb: elm.weights(d, L, 4) };
    const X = randomMatrix(n, d, 31), T = randomMatrix(n, 1, 32);
    const s = elm.fit(h, X, T, n, 1, C);
    const lev = elm.leverage(h, X, n, s.P);
    const Y = elm.predict(h, X, n, s.beta, 1);
    for (const i of [0, 7, 29]) {
      const keep = Array.from({ length: n }, (_, k) => k).filter((k) => k !== i);
      const Xi = Float64Array.from(keep.flatMap((k) => [X[k * d]!, X[k * d + 1]!])), Ti = Float64Array.from(keep.map((k) => T[k]!));
      const bi = elm.fit(h, Xi, Ti, n - 1, 1, C, false).beta;
      const yi = elm.predict(h, X.subarray(i * d, (i + 1) * d), 1, bi, 1)[0]!;
      expect((T[i]! - Y[i]!) / (1 - lev[i]!)).toBeCloseTo(T[i]! - yi, 10);
    }
  });

  it("recogniser: −1 above the threshold, else argmax with the first index on ties", () => {
    const Y = Float64Array.from([0.2, 0.7, 0.7, 0.9, 0.1, 0.0, 0.5, 0.5, 0.5]);
    expect(Array.from(elm.recognise(Y, 3, 3, null, 0))).toEqual([1, 0, 0]);
    expect(Array.from(elm.recognise(Y, 3, 3, Float64Array.from([0.1, 2, 1]), 1))).toEqual([1, -1, 0]);
  });
});

// ---- classifier, novelty, model round trips -----------------------------------------------------

const D = 6;
const FEATURES = Array.from({ length: D }, (_, j) => `f${j}`);
const CENTRES = axisCentres(4, D, 4); // 4 classes, centres 4·√2 ≈ 5.7 σ apart (σ = 1)
const base: TrainOptions = { label: "state", hidden: 60, activation: "sigmoid", C: 100, seed: 1, standardize: true, novelty: null, noveltyQuantile: 0.99, noveltyK: 5 };

describe("classification and novelty on synthetic clusters", () => {
  it("separable 4-class problem: test accuracy ≥ 0.97", () => {
    const tr = clusters(CENTRES, 100, 1, 1), te = clusters(CENTRES, 250, 1, 2);
    const model = train(FEATURES, tr.X, tr.labels, base, elm);
    expect(model.classes).toEqual(["c0", "c1", "c2", "c3"]);
    const r = predict(model, te.X, te.n, te.labels, elm);
    // nearest-centre (Bayes) error for centres 5.66 apart, σ = 1: ≈ 3·Φ(−2.83) ≈ 0.007
    expect(r.accuracy!).toBeGreaterThanOrEqual(0.97);
    expect(r.predictions.every((p) => !p.novel && p.class !== null)).toBe(true);
  });

  for (const method of ["autoencoder", "distance"] as const) {
    it(`${method}: flags an unseen cluster, false-positive rate near 1 − quantile`, () => {
      const known = CENTRES.slice(0, 3);
      const novelCentre = [[0, 0, 0, 4, 4, 0]]; // on axes no training class uses
      const q = 0.95;
      const tr = clusters(known, 300, 1, 3), te = clusters(known, 700, 1, 4), nv = clusters(novelCentre, 300, 1, 5);
      const model = train(FEATURES, tr.X, tr.labels, { ...base, hidden: 40, novelty: method, noveltyQuantile: q }, elm);
      const rin = predict(model, te.X, te.n, te.labels, elm);
      const rnov = predict(model, nv.X, nv.n, null, elm);
      const fpr = rin.predictions.filter((p) => p.novel).length / te.n;
      const tpr = rnov.predictions.filter((p) => p.novel).length / nv.n;
      // The threshold is the q-quantile of leave-one-out training scores, which are exchangeable with
      // the scores of fresh rows from the same clusters: a fresh row exceeds it with probability
      // ≈ 1 − q = 0.05 (the standardisation fitted on the training rows adds a little optimism).
      // Sampling sd ≈ √(0.05·0.95/900) + √(0.05·0.95/2100) ≈ 0.012; measured: 0.064 (autoencoder),
      // 0.060 (distance); with in-sample autoencoder errors instead it was 0.080.
      expect(fpr).toBeGreaterThan(0.025);
      expect(fpr).toBeLessThan(0.085);
      expect(tpr).toBeGreaterThan(0.9);
      // two-step recogniser: novel rows get class null, the rest a class
      for (const p of [...rin.predictions, ...rnov.predictions]) expect(p.class === null).toBe(p.novel);
      // the rows kept as known are still classified correctly
      const kept = rin.predictions.map((p, i) => [p, te.labels[i]] as const).filter(([p]) => !p.novel);
      expect(kept.filter(([p, l]) => p.class === l).length / kept.length).toBeGreaterThan(0.97);
      console.log(`${method}: false-positive rate ${fpr.toFixed(4)} (1 − q = ${(1 - q).toFixed(2)}), detection rate ${tpr.toFixed(4)}`);
    });
  }
});

function expectModelsClose(a: ElmModel, b: ElmModel): void {
  expect(a.classes).toEqual(b.classes);
  expect(a.n_seen).toBe(b.n_seen);
  expect(relFrobenius(a.beta, b.beta)).toBeLessThan(1e-9);
  expect(relFrobenius(a.P, b.P)).toBeLessThan(1e-9);
  if (b.novelty) {
    expect(a.novelty!.reference).toEqual(b.novelty.reference);
    expect(Math.abs(a.novelty!.threshold - b.novelty.threshold) / b.novelty.threshold).toBeLessThan(1e-9);
    if (b.novelty.beta) expect(relFrobenius(a.novelty!.beta!, b.novelty.beta)).toBeLessThan(1e-9);
  }
}

describe("model JSON", () => {
  const all = clusters(CENTRES, 120, 1, 7);
  const first = 200; // the first 200 rows hold every class (rows interleave the classes)
  const part = (from: number, to: number): [Float64Array, string[]] => [all.X.subarray(from * D, to * D), all.labels.slice(from, to)];

  for (const novelty of [null, "autoencoder", "distance"] as const) {
    it(`train on part + update with the rest equals train on all (novelty ${novelty}, within 1e-9)`, () => {
      const o = { ...base, standardize: false, novelty };
      const full = train(FEATURES, all.X, all.labels, o, elm);
      const a = train(FEATURES, ...part(0, first), o, elm);
      const b = update(a, ...part(first, all.n), elm);
      expectModelsClose(b, full);
      // in two updates, one of a single row
      const c = update(update(a, ...part(first, first + 1), elm), ...part(first + 1, all.n), elm);
      expectModelsClose(c, full);
    });
  }

  it("same seed gives identical model bytes, another seed different ones", () => {
    const a = encodeModel(train(FEATURES, all.X, all.labels, base, elm));
    const b = encodeModel(train(FEATURES, all.X, all.labels, base, elm));
    const c = encodeModel(train(FEATURES, all.X, all.labels, { ...base, seed: 2 }, elm));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("a class first seen in an update gets its own output, as if trained with it", () => {
    const o = { ...base, standardize: false };
    const only3 = { X: new Float64Array(), labels: [] as string[] };
    const idx = all.labels.map((l, i) => [l, i] as const).filter(([l]) => l !== "c3").map(([, i]) => i);
    only3.X = Float64Array.from(idx.flatMap((i) => Array.from(all.X.subarray(i * D, (i + 1) * D))));
    only3.labels = idx.map((i) => all.labels[i]!);
    const rest = all.labels.map((l, i) => [l, i] as const).filter(([l]) => l === "c3").map(([, i]) => i);
    const m1 = train(FEATURES, only3.X, only3.labels, o, elm);
    const m2 = update(m1, Float64Array.from(rest.flatMap((i) => Array.from(all.X.subarray(i * D, (i + 1) * D)))), rest.map((i) => all.labels[i]!), elm);
    expect(m2.classes).toEqual(["c0", "c1", "c2", "c3"]);
    // the same rows in the same order, trained at once
    const X = Float64Array.from([...only3.X, ...rest.flatMap((i) => Array.from(all.X.subarray(i * D, (i + 1) * D)))]);
    const full = train(FEATURES, X, [...only3.labels, ...rest.map((i) => all.labels[i]!)], o, elm);
    expect(relFrobenius(m2.beta, full.beta)).toBeLessThan(1e-9);
  });
});

// ---- the CLI -----------------------------------------------------------------------------------

function twin(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "twin.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("twin elm", () => {
  for (const f of caseFiles) {
    it(`fit ${f} --check --json: exit 0, every quantity within 1e-9`, () => {
      const r = twin(["elm", "fit", join(DATA.pathname, f), "--check", "--json"]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.check.length).toBeGreaterThan(0);
      for (const k of out.check) expect(k.rel_error).toBeLessThanOrEqual(1e-9);
    });
  }

  it("fit --check exits 1 when the expected values are off by more than the tolerance", () => {
    const doc = JSON.parse(readFileSync(new URL(caseFiles[0]!, DATA), "utf8"));
    const key = doc.expected.beta ? "beta" : "beta_final";
    doc.expected[key] = doc.expected[key].map((r: number[]) => r.map((x) => x * (1 + 1e-7)));
    const file = join(TMP, "off.json");
    writeFileSync(file, JSON.stringify(doc));
    const r = twin(["elm", "fit", file, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL/);
  });

  it("fit reports a bad case with its JSON path (exit 2)", () => {
    const doc = JSON.parse(readFileSync(new URL(caseFiles[0]!, DATA), "utf8"));
    doc.activation = "relu";
    const file = join(TMP, "bad.json");
    writeFileSync(file, JSON.stringify(doc));
    const r = twin(["elm", "fit", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: activation: must be one of`);
  });

  it("train | update | predict round trip; update equals train on all rows", () => {
    const tr = clusters(CENTRES.slice(0, 3), 80, 1, 11), te = clusters(CENTRES.slice(0, 3), 50, 1, 12);
    const nv = clusters([[0, 0, 0, 4, 4, 0]], 30, 1, 13);
    const a = join(TMP, "a.csv"), b = join(TMP, "b.csv"), all = join(TMP, "all.csv"), test = join(TMP, "test.csv");
    const cut = 150;
    // feature columns in another order plus an extra column: matched by name
    writeFileSync(a, toCsv(FEATURES, tr.X.subarray(0, cut * D), tr.labels.slice(0, cut)));
    writeFileSync(b, toCsv(FEATURES, tr.X.subarray(cut * D), tr.labels.slice(cut)));
    writeFileSync(all, toCsv(FEATURES, tr.X, tr.labels));
    const perm = [3, 0, 5, 1, 4, 2];
    const Xt = Float64Array.from([...te.X, ...nv.X]);
    const tl = [...te.labels, ...nv.labels.map(() => "unknown")];
    const n = tl.length;
    const lines = [["extra", ...perm.map((j) => FEATURES[j]), "state"].join(",")];
    for (let i = 0; i < n; i++) lines.push([String(i), ...perm.map((j) => String(Xt[i * D + j])), tl[i]].join(","));
    writeFileSync(test, lines.join("\n") + "\n");
    const m1 = join(TMP, "m1.json"), m2 = join(TMP, "m2.json"), mall = join(TMP, "mall.json");
    const opts = ["--label", "state", "--hidden", "50", "--novelty", "distance", "--novelty-quantile", "0.99", "--seed", "3"];
    expect(twin(["elm", "train", a, ...opts, "-o", m1]).code).toBe(0);
    expect(twin(["elm", "update", m1, b, "-o", m2]).code).toBe(0);
    expect(twin(["elm", "train", all, ...opts, "-o", mall]).code).toBe(0);
    const j1 = JSON.parse(readFileSync(m2, "utf8")) as ElmModel, j2 = JSON.parse(readFileSync(mall, "utf8")) as ElmModel;
    expect(j1.seed).toBe(3);
    expect(j1.core_sha256).toBe(core.sha256);
    expectModelsClose(j1, j2);
    const r = twin(["elm", "predict", m2, test, "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.predictions.length).toBe(n);
    // the 30 rows of the unseen cluster are flagged (class null), most known rows are classified
    const novelRows = out.predictions.slice(te.n);
    expect(novelRows.filter((p: { novel: boolean; class: string | null }) => p.novel && p.class === null).length).toBeGreaterThanOrEqual(28);
    const known = out.predictions.slice(0, te.n);
    expect(known.filter((p: { class: string }, i: number) => p.class === te.labels[i]).length / te.n).toBeGreaterThan(0.9);
    expect(out.accuracy).toBeCloseTo(known.filter((p: { class: string }, i: number) => p.class === te.labels[i]).length / n, 12);
    expect(out.predictions[0].scores.length).toBe(3);
    // text output
    const t = twin(["elm", "predict", m2, test]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/accuracy 0\.\d{4}/);
  });

  it("input errors: missing columns named, bad CSV value as file:line, exit 2", () => {
    const tr = clusters(CENTRES.slice(0, 2), 20, 1, 21);
    const a = join(TMP, "e.csv"), m = join(TMP, "e.json");
    writeFileSync(a, toCsv(FEATURES, tr.X, tr.labels));
    expect(twin(["elm", "train", a, "--label", "state", "--hidden", "10", "-o", m]).code).toBe(0);
    const missing = join(TMP, "missing.csv");
    writeFileSync(missing, toCsv(["f0", "f1", "f3", "f4"], tr.X.subarray(0, 8), null));
    const r1 = twin(["elm", "predict", m, missing]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toBe(`${missing}:1: missing columns "f2", "f5" (the header has "f0", "f1", "f3", "f4")\n`);
    const badv = join(TMP, "badv.csv");
    writeFileSync(badv, "f0,f1,f2,f3,f4,f5,state\n1,2,3,4,5,6,a\n1,2,x,4,5,6,b\n");
    const r2 = twin(["elm", "train", badv, "--label", "state", "-o", join(TMP, "never.json")]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toBe(`${badv}:3:5: column "f2": not a finite number: "x"\n`);
    const r3 = twin(["elm", "train", a, "--label", "nolabel", "-o", join(TMP, "never.json")]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain('missing label column "nolabel"');
    const short = join(TMP, "short.csv");
    writeFileSync(short, "f0,f1,state\n1,2\n");
    const r4 = twin(["elm", "train", short, "--label", "state", "-o", join(TMP, "never.json")]);
    expect(r4.stderr).toBe(`${short}:2:4: 2 fields, the header has 3\n`);
    expect(() => readFileSync(join(TMP, "never.json"))).toThrow();
  });
});
