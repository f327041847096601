// `twin elm train | update | predict | fit` as one core job each (assembly/elm/job.ts, src/elm/jobs.ts;
// ABI.md "ELM jobs"). What is checked:
// - the numbers are those of the previous version: test/fixtures/elm-v1 holds model files and
//   predictions written by twin before the jobs (commit 9c52ad5, its README), and the commands give
//   them again bit for bit — the model files byte for byte except `core_sha256` (the core changed),
//   the predictions byte for byte. The standardisation, which moved from TypeScript into the core, is
//   also compared with the previous TypeScript function on harder data: equal bits (0 ulp), because the
//   core performs the same IEEE-754 operations in the same order (sums from 0.0 in row order, one
//   division, the square as a product — V8's `t ** 2` is t·t exactly, fdlibm's pow special-cases y = 2 —
//   and a correctly rounded square root);
// - model files of the previous version load (update and predict on them);
// - each command makes exactly one job call (TWIN_RECORD_JOB records it), and the recorded request
//   reruns to the same result digest with the bare ABI under V8 default, TurboFan-only and
//   Liftoff-only;
// - `elm fit` as one job equals the export-by-export path (ElmCore) bit for bit on every case;
// - faults: a model whose weights the core does not draw, and requests the core refuses, are located.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { runJob } from "../src/core/job.js";
import { fitCase, fitRequest, loadCase, caseLayer } from "../src/elm/case.js";
import { ElmCore } from "../src/elm/core.js";
import { readCsv, selectSamples } from "../src/elm/csv.js";
import { MB, MODEL_HEADER, digestHex, digestWords, predictRequest, trainRequest } from "../src/elm/jobs.js";
import { encodeModel, modelNumbers, parseModel, predict, train, type ElmModel, type TrainOptions } from "../src/elm/model.js";
import { V8_MODES, readRecord, rerunDigests, twinRecorded } from "./helpers/job-rerun.js";
import { rng } from "./helpers/rng.js";

const ROOT = join(import.meta.dirname, "..");
const FIX = join(ROOT, "test", "fixtures", "elm-v1");
const CASES = join(ROOT, "test", "data", "elm");
const TMP = mkdtempSync(join(tmpdir(), "twin-elm-jobs-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const core = Core.default();
const elm = new ElmCore(core);

/** The train options of each fixture model (test/fixtures/elm-v1/README.md). */
const CONFIGS: Record<string, string[]> = {
  plain: ["--hidden", "25", "--C", "10"],
  ae: ["--hidden", "25", "--activation", "tanh", "--C", "100", "--seed", "7", "--standardize", "--novelty", "autoencoder"],
  dist: ["--hidden", "25", "--activation", "hpelm_sigm", "--C", "1000", "--seed", "3", "--standardize", "--novelty", "distance", "--novelty-k", "4", "--novelty-quantile", "0.9"],
  linear: ["--hidden", "12", "--activation", "linear", "--C", "0.5", "--seed", "11"],
};

let recordCount = 0;
const records: string[] = [];
/** Runs a twin command with its job call recorded; returns the output and the record directory. */
function twinJob(args: string[], entry: string): { code: number | null; stdout: string; stderr: string; dir: string } {
  const dir = join(TMP, `rec-${recordCount++}`);
  const r = twinRecorded(ROOT, args, dir);
  expect(r.stderr, args.join(" ")).not.toMatch(/second|error:/);
  expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
  const rec = readRecord(dir);
  expect(rec.entry).toBe(entry);
  expect(rec.core.sha256).toBe(core.sha256);
  records.push(dir);
  return { ...r, dir };
}

const withoutCoreSha = (text: string): string => text.split("\n").filter((l) => !l.includes('"core_sha256"')).join("\n");
const fixture = (f: string): string => readFileSync(join(FIX, f), "utf8");

describe("the ELM commands give the numbers of the previous version (test/fixtures/elm-v1)", () => {
  for (const [name, opts] of Object.entries(CONFIGS)) {
    it(`train (${name}): the same model file, byte for byte except core_sha256`, () => {
      const out = join(TMP, `m-${name}.json`);
      twinJob(["elm", "train", join(FIX, "train.csv"), "--label", "state", "--ignore", "t", ...opts, "-o", out], "jobElmTrain");
      const mine = readFileSync(out, "utf8");
      expect(withoutCoreSha(mine)).toBe(withoutCoreSha(fixture(`m-${name}.json`)));
      expect(JSON.parse(mine).core_sha256).toBe(core.sha256);
    });

    it(`update and predict (${name}) read the previous version's model files and give its numbers`, () => {
      const out = join(TMP, `u-${name}.json`);
      twinJob(["elm", "update", join(FIX, `m-${name}.json`), join(FIX, "more.csv"), "-o", out], "jobElmUpdate");
      expect(withoutCoreSha(readFileSync(out, "utf8"))).toBe(withoutCoreSha(fixture(`u-${name}.json`)));
      const p = twinJob(["elm", "predict", join(FIX, `m-${name}.json`), join(FIX, "test.csv"), "--json"], "jobElmPredict");
      expect(p.stdout).toBe(fixture(`p-${name}.json`));
      const pu = twinJob(["elm", "predict", join(FIX, `u-${name}.json`), join(FIX, "test.csv"), "--json"], "jobElmPredict");
      expect(pu.stdout).toBe(fixture(`pu-${name}.json`));
    });
  }

  it("the text output of predict is unchanged", () => {
    expect(twinJob(["elm", "predict", join(FIX, "m-dist.json"), join(FIX, "test.csv")], "jobElmPredict").stdout).toBe(fixture("p-dist.txt"));
    expect(twinJob(["elm", "predict", join(FIX, "u-ae.json"), join(FIX, "test.csv")], "jobElmPredict").stdout).toBe(fixture("pu-ae.txt"));
  });

  it("the fixtures exercise what moved into the core: standardisation, a constant column, novelty of both kinds, a new class", () => {
    const ae = JSON.parse(fixture("m-ae.json")) as ElmModel, upd = JSON.parse(fixture("u-dist.json")) as ElmModel;
    expect(ae.standardize!.std[5]).toBe(1); // the constant column keeps std 1
    expect(ae.standardize!.mean[4]).toBeGreaterThan(900); // the large-offset column
    expect(ae.novelty!.method).toBe("autoencoder");
    expect(upd.novelty!.method).toBe("distance");
    expect(upd.classes).toEqual(["high", "idle", "low", "fault"]);
    const p = JSON.parse(fixture("pu-dist.json"));
    expect(p.predictions.some((x: { novel: boolean }) => x.novel)).toBe(true);
    expect(p.accuracy).toBeGreaterThan(0.5);
  });
});

/** The previous version's standardisation, verbatim (src/elm/model.ts at commit 9c52ad5). */
function previousStandardization(X: Float64Array, n: number, d: number): { mean: number[]; std: number[] } {
  const mean: number[] = [], std: number[] = [];
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += X[i * d + j]!;
    const mu = s / n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (X[i * d + j]! - mu) ** 2;
    const sd = Math.sqrt(v / n);
    mean.push(mu);
    std.push(sd > 0 ? sd : 1);
  }
  return { mean, std };
}

describe("standardisation in the core", () => {
  it("equals the previous TypeScript computation bit for bit (offsets, tiny and huge scales, a constant column)", () => {
    const u = rng(42);
    const n = 157, d = 6;
    const X = new Float64Array(n * d);
    const scale = [1, 1e-9, 1e9, 3.7, 1, 0], offset = [0, 1e6, -2e3, 1e-300, 123.456, 7.25];
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X[i * d + j] = offset[j]! + scale[j]! * (2 * u() - 1);
    const labels = Array.from({ length: n }, (_, i) => `c${i % 3}`);
    const o: TrainOptions = { label: "y", hidden: 8, activation: "sigmoid", C: 10, seed: 1, standardize: true, novelty: null, noveltyQuantile: 0.99, noveltyK: 5 };
    const m = train(["a", "b", "c", "d", "e", "f"], X, labels, o, elm);
    const ref = previousStandardization(X, n, d);
    for (let j = 0; j < d; j++) {
      expect(Object.is(m.standardize!.mean[j], ref.mean[j]), `mean ${j}`).toBe(true);
      expect(Object.is(m.standardize!.std[j], ref.std[j]), `std ${j}`).toBe(true);
    }
    expect(m.standardize!.std[5]).toBe(1);
  });
});

describe("each command is one job, and its record reruns on every V8 tier", () => {
  it("elm fit: one jobElmFit call per case", () => {
    for (const f of readdirSync(CASES).filter((x) => x.endsWith(".json")).sort()) {
      const r = twinJob(["elm", "fit", join(CASES, f), "--check", "--json"], "jobElmFit");
      expect(JSON.parse(r.stdout).check.every((k: { ok: boolean }) => k.ok)).toBe(true);
    }
  });

  it("the recorded requests rerun with the bare ABI to the recorded digests (default, --no-liftoff, --liftoff)", () => {
    expect(records.length).toBeGreaterThanOrEqual(20);
    const want = records.map((dir) => readRecord(dir).result.digest);
    for (const [mode, flags] of Object.entries(V8_MODES)) expect(rerunDigests(records, flags), mode).toEqual(want);
  });
});

describe("elm fit as one job equals the export-by-export path", () => {
  for (const f of readdirSync(CASES).filter((x) => x.endsWith(".json")).sort()) {
    it(`${f}: beta, Y_test, per-chunk beta and H bit for bit`, () => {
      const c = loadCase(join(CASES, f));
      const fit = fitCase(c, elm);
      // the previous path (src/elm/case.ts at commit 9c52ad5): elmFit for the spec form with C,
      // elmFitBlocks with the ridge otherwise, elmUpdate per chunk, elmPredict, elmHidden
      const h = caseLayer(c);
      const one = (X: Float64Array, T: Float64Array, n: number, withP: boolean) =>
        c.blocks === null && c.C !== undefined ? elm.fit(h, X, T, n, c.m, c.C, withP) : elm.fitRidge(h, X, T, n, c.m, c.ridge, withP);
      let beta: Float64Array;
      if (c.chunks === null) beta = one(c.Xtrain, c.Ttrain, c.nTrain, false).beta;
      else {
        let s: ReturnType<ElmCore["fit"]> | undefined, r = 0;
        c.chunks.forEach((n, k) => {
          const X = c.Xtrain.subarray(r * c.d, (r + n) * c.d), T = c.Ttrain.subarray(r * c.m, (r + n) * c.m);
          s = s === undefined ? one(X, T, n, true) : elm.update(h, s, X, T, n, c.m);
          r += n;
          expect(fit.per_chunk![k]!.n_seen).toBe(r);
          expect(fit.per_chunk![k]!.beta.flat()).toEqual(Array.from(s.beta));
        });
        beta = s!.beta;
      }
      expect(fit.beta.flat()).toEqual(Array.from(beta));
      expect(fit.Y_test.flat()).toEqual(Array.from(elm.predict(h, c.Xtest, c.nTest, beta, c.m)));
      if (fit.H_train_first5rows) {
        const k = fit.H_train_first5rows.length;
        expect(fit.H_train_first5rows.flat()).toEqual(Array.from(elm.hidden(h, c.Xtrain.subarray(0, k * c.d), k)));
      }
    });
  }
});

describe("faults", () => {
  const twin = (args: string[]) => {
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "twin.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("a model whose hidden weights this core does not draw is refused, naming the file and key (exit 2)", () => {
    const doc = JSON.parse(fixture("m-plain.json"));
    doc.seed = 2; // the recorded weights_sha256 is that of seed 1
    const file = join(TMP, "wrong-seed.json");
    writeFileSync(file, JSON.stringify(doc));
    for (const cmd of [["predict", file, join(FIX, "test.csv")], ["update", file, join(FIX, "more.csv"), "-o", join(TMP, "never.json")]]) {
      const r = twin(["elm", ...cmd]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`${file}: weights_sha256: this core draws different hidden weights for seed 2; use the core the model was trained with (${doc.core_sha256})\n`);
    }
    expect(() => readFileSync(join(TMP, "never.json"))).toThrow();
  });

  const model = parseModel(fixture("m-dist.json"), "m-dist.json");
  const { X, n } = selectSamples(readCsv(join(FIX, "test.csv")), model.features, "state", false);
  const refuse = (entry: string, req: Float64Array, code: number, detail: number): void => {
    let err: unknown;
    try {
      runJob(core, entry, req);
    } catch (e) {
      err = e;
    }
    expect(err, `${entry} should fail`).toBeInstanceOf(CoreError);
    expect([(err as CoreError).code, (err as CoreError).detail]).toEqual([code, detail]);
  };

  it("requests the core refuses: error code and the index of the offending value", () => {
    const good = predictRequest(modelNumbers(model), X, n, null);
    expect(runJob(core, "jobElmPredict", good.req).length).toBeGreaterThan(0);
    const edit = (i: number, v: number): Float64Array => {
      const r = Float64Array.from(good.req);
      r[i] = v;
      return r;
    };
    refuse("jobElmPredict", edit(0, 2), 1, 0); // layout version
    refuse("jobElmPredict", edit(3, 2), 1, 3); // model block version
    refuse("jobElmPredict", edit(3 + MB.act, 5), 1, 3 + MB.act); // an rbf activation has no random widths
    refuse("jobElmPredict", edit(3 + MB.digest + 6, 12345), 1, 3 + MB.digest + 6); // weights digest
    refuse("jobElmPredict", edit(good.x0 + 7, NaN), 5, good.x0 + 7); // a feature value
    const std3 = 3 + MODEL_HEADER + model.features.length + 3;
    refuse("jobElmPredict", edit(std3, 0), 1, std3); // a std of 0
    refuse("jobElmPredict", Float64Array.from([...good.req, 0]), 1, good.req.length); // a value too many
    refuse("jobElmPredict", good.req.subarray(0, good.req.length - 1), 1, good.req.length - 1); // one too few
    const Xt = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const o = { L: 5, activation: "sigmoid" as const, C: 1, seed: 1, standardize: false, novelty: "distance" as const, quantile: 0.5, k: 1 };
    refuse("jobElmTrain", trainRequest(Xt, 3, 2, [0, 1, 2], 2, o), 1, 12 + 6 + 2); // class index 2 of K = 2
    refuse("jobElmTrain", trainRequest(Xt, 3, 2, [0, 1, 1], 2, { ...o, k: 3 }), 1, 11); // k must be < n
    refuse("jobElmTrain", trainRequest(Xt, 3, 2, [0, 1, 1], 2, { ...o, novelty: "none", quantile: 0.5, k: 0 }), 1, 10); // no detector, no quantile
  });

  it("an elm fit request whose chunks do not add up is refused at the last chunk size", () => {
    const c = loadCase(join(CASES, "elm_03_oselm_regularised.json"));
    const req = fitRequest(c);
    const last = req.length - 1;
    req[last] = req[last]! + 1;
    refuse("jobElmFit", req, 1, last);
  });

  it("the core's accuracy counts a row as correct only when its class equals its label; unknown labels never count", () => {
    const { labels } = selectSamples(readCsv(join(FIX, "test.csv")), model.features, "state", false);
    const r = predict(model, X, n, labels, elm);
    const correct = r.predictions.filter((p, i) => p.class !== null && p.class === labels![i]).length;
    expect(r.accuracy).toBe(correct / n);
    expect(labels!.filter((l) => !model.classes.includes(l)).length).toBeGreaterThan(0); // "fault" is not a class of m-dist
  });
});

describe("model files round-trip every number exactly", () => {
  it("a negative zero is written -0 and read back as -0; the encoded file parses to the same bits", () => {
    const m = parseModel(fixture("m-ae.json"), "m-ae.json");
    m.beta[0]![0] = -0;
    const text = encodeModel(m);
    expect(text).toContain("[-0, ");
    const back = parseModel(text, "x.json");
    expect(Object.is(back.beta[0]![0], -0)).toBe(true);
    expect(encodeModel(back)).toBe(text);
    const a = modelNumbers(m), b = modelNumbers(back);
    for (const k of ["beta", "P", "ae", "reference"] as const) expect(Buffer.from(b[k]!.buffer).equals(Buffer.from(a[k]!.buffer)), k).toBe(true);
  });

  it("the weights digest is the SHA-256 of the drawn [W, b] (hex <-> 8 words)", () => {
    const m = parseModel(fixture("m-ae.json"), "m-ae.json");
    expect(digestHex(digestWords(m.weights_sha256))).toBe(m.weights_sha256);
    const wb = elm.weights(m.features.length, m.hidden, m.seed);
    expect(createHash("sha256").update(Buffer.from(wb.buffer)).digest("hex")).toBe(m.weights_sha256);
  });
});
