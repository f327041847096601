// `twin ukf run` as one core job (jobUkfRun; assembly/ukf/job.ts, src/ukf/run.ts; ABI.md
// "jobUkfRun"). The job must give the numbers of the handle-based path the command used before
// (ukfCreate + ukfSet x, P, Q, R + ukfRun with every field) bit for bit, with the posterior standard
// deviations the text output prints computed in the core (IEEE square root of the diagonal of P⁺);
// a filter failure is part of the result (status, step, stage) with the records before it; the
// request is checked field by field; each run is one recorded job that reruns to the same digest on
// every V8 tier.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { f64FromBytes, runJob } from "../src/core/job.js";
import { parseUkfCase, type UkfCase } from "../src/ukf/case.js";
import { UkfCore, UkfStepError } from "../src/ukf/core.js";
import { decodeUkfRun, runCase, ukfRequest, type RunOptions } from "../src/ukf/run.js";
import { V8_MODES, readRecord, rerunDigests, twinRecorded } from "./helpers/job-rerun.js";

const ROOT = join(import.meta.dirname, "..");
const DIR = join(ROOT, "test", "data", "ukf");
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const TMP = mkdtempSync(join(tmpdir(), "twin-ukf-jobs-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const core = Core.default();
const uc = new UkfCore(core);
const load = (f: string): UkfCase => parseUkfCase(readFileSync(join(DIR, f), "utf8"), f);

const OPTIONS: Record<string, RunOptions> = {
  standard: {},
  sqrt: { sqrt: true },
  julier: { julier: true },
  "sqrt strict": { sqrt: true, strict: true },
  symmetrise: { symmetrise: true },
};

/** The previous path: a filter behind a handle, set, run with every record field, freed. */
function handlePath(cs: UkfCase, o: RunOptions) {
  const f = uc.create({
    dimX: cs.dimX, dimZ: cs.dimZ, dimU: cs.dimU, points: o.julier ? "julier" : "merwe", alpha: cs.alpha, beta: cs.beta, kappa: cs.kappa,
    process: cs.process, measurement: cs.measurement, options: { sqrt: o.sqrt, strict: o.strict, symmetrise: o.symmetrise },
  });
  try {
    f.set("x", cs.x0);
    f.set("P", cs.P0);
    f.set("Q", cs.Q);
    f.set("R", cs.R);
    return f.run(cs.measurements, ["xPrior", "PPriorDiag", "PPrior", "xPost", "PPostDiag", "PPost", "y", "S", "K", "flags"], cs.inputs);
  } finally {
    f.free();
  }
}

const bits = (a: ArrayLike<number>): string => Buffer.from(Float64Array.from(a).buffer).toString("hex");

describe("jobUkfRun gives the handle path's numbers bit for bit", () => {
  for (const f of FILES) {
    for (const [name, o] of Object.entries(OPTIONS)) {
      it(`${f} (${name})`, () => {
        const cs = load(f);
        const job = runCase(cs, o, core);
        const old = handlePath(cs, o);
        expect(job.length).toBe(old.length);
        const n = cs.dimX;
        job.forEach((s, k) => {
          const r = old[k]!;
          expect(bits(s.x_prior)).toBe(bits(r.xPrior!));
          expect(bits(s.P_prior.flat())).toBe(bits(r.PPrior!));
          expect(bits(s.x_post)).toBe(bits(r.xPost!));
          expect(bits(s.P_post.flat())).toBe(bits(r.PPost!));
          expect(bits(s.y)).toBe(bits(r.y!));
          expect(bits(s.S.flat())).toBe(bits(r.S!));
          expect(bits(s.K.flat())).toBe(bits(r.K!));
          expect(s.repaired).toBe(r.flags);
          // the diagonals are those of the full matrices (what the command printed before)
          expect(bits(s.P_prior_diag)).toBe(bits(Array.from({ length: n }, (_, i) => r.PPrior![i * n + i]!)));
          expect(bits(s.P_post_diag)).toBe(bits(Array.from({ length: n }, (_, i) => r.PPost![i * n + i]!)));
          // ukfRun's own diagonal fields agree with them
          expect(bits(s.P_post_diag)).toBe(bits(r.PPostDiag!));
          expect(bits(s.std_post)).toBe(bits(s.P_post_diag.map(Math.sqrt)));
        });
      });
    }
  }
});

describe("a filter failure is part of the result", () => {
  const failing: [string, UkfCase, number, number][] = [];
  const base = load("ukf_01_cv1d.json");
  // a process that blows up: x' = 1e60 x makes P overflow, so its Cholesky factor fails at step 1
  failing.push(["P overflows (stage 1)", { ...base, dimX: 1, dimZ: 1, x0: [1], P0: [[1]], Q: [[1]], R: [[1]], process: { kind: "linear", F: [[1e60]] }, measurement: { kind: "linear", H: [[1]] }, measurements: [[1], [2], [3], [4]] }, 1, 1]);
  // the pendulum with c = −1e100: ω grows by 1e100 per step, the model output overflows at step 1
  failing.push(["model output not finite (stage 6)", { ...base, dimX: 2, dimZ: 1, x0: [0, 1], P0: [[1, 0], [0, 1]], Q: [[1, 0], [0, 1]], R: [[1]], process: { kind: "pendulum", dt: 1, g: 0, L: 1, c: -1e100 }, measurement: { kind: "linear", H: [[1, 0]] }, measurements: [[1], [2], [3], [4], [5]] }, 1, 6]);
  for (const [name, cs, step, stage] of failing) {
    it(`${name}: status, step, stage and code as the handle path reports them; the steps before are in the result`, () => {
      let handleErr: unknown;
      try {
        handlePath(cs, {});
      } catch (e) {
        handleErr = e;
      }
      expect(handleErr).toBeInstanceOf(UkfStepError);
      const he = handleErr as UkfStepError;
      expect([he.step, he.stage]).toEqual([step, stage]);
      const v = runJob(core, "jobUkfRun", ukfRequest(cs, {}).req);
      expect(v[4]).toBe(stage); // status
      expect(v[5]).toBe(step); // steps done
      expect(v[6]).toBe(step);
      expect(v[7]).toBe(he.code);
      expect(v[8]).toBe(he.index);
      expect(() => decodeUkfRun(v)).toThrowError(new RegExp(`jobUkfRun: step ${step}: `));
      expect(() => decodeUkfRun(v)).toThrowError(UkfStepError);
    });
  }

  it("an unrepairable P0 in the standard form fails at step 0 (stage 1); in the strict square-root form the core refuses P0 itself (error 3 at its index)", () => {
    const cs = { ...base, P0: [[-1, 0], [0, -4]] };
    const v = runJob(core, "jobUkfRun", ukfRequest(cs, {}).req);
    expect([v[4], v[5], v[6]]).toEqual([1, 0, 0]);
    const { req, layout } = ukfRequest({ ...base, P0: [[1, 2], [2, 1]] }, { sqrt: true, strict: true });
    expect(() => runJob(core, "jobUkfRun", req)).toThrowError(CoreError);
    expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([3, layout.P0]);
  });
});

describe("the request is checked field by field", () => {
  const cs = load("ukf_03_pendulum.json");
  const { req, layout } = ukfRequest(cs, {});
  const refuse = (r: Float64Array, code: number, detail: number): void => {
    expect(() => runJob(core, "jobUkfRun", r)).toThrowError(CoreError);
    expect([core.exports.coreError(), core.exports.coreErrorDetail()]).toEqual([code, detail]);
  };
  const edit = (i: number, v: number): Float64Array => {
    const r = Float64Array.from(req);
    r[i] = v;
    return r;
  };
  it("version, sizes, kinds, sigma points, options, parameters, values, length", () => {
    refuse(edit(0, 2), 1, 0);
    refuse(edit(4, 2), 1, 4); // sigma points
    refuse(edit(5, 0), 1, 5); // alpha <= 0 (Merwe)
    refuse(edit(7, -2), 1, 7); // alpha^2 (n + kappa) <= 0
    refuse(edit(10, 8), 1, 10); // options
    refuse(edit(layout.params + 2, -1), 1, layout.params + 2); // the pendulum's L <= 0
    refuse(edit(layout.measurements + 17, NaN), 5, layout.measurements + 17);
    refuse(Float64Array.from([...req, 0]), 1, req.length);
    const rb = load("ukf_02_range_bearing.json");
    const r2 = ukfRequest(rb, {});
    const bad = Float64Array.from(r2.req);
    bad[r2.layout.x0 - 1] = 0.5; // ipy: a state index must be an integer
    refuse(bad, 1, r2.layout.x0 - 1);
    const pend = Float64Array.from(req);
    pend[1] = 3; // the pendulum process needs n = 2 (the request then is also too short, but the kind is checked first)
    refuse(pend, 1, 8);
  });
});

describe("twin ukf run: one recorded job, rerun on every V8 tier", () => {
  it("records one jobUkfRun call per run; the text output's ± is the core's std; reruns give the recorded digests", () => {
    const records: string[] = [];
    let i = 0;
    for (const f of FILES) {
      for (const extra of [[], ["--sqrt"], ["--julier"], ["--symmetrize"]]) {
        const dir = join(TMP, `rec-${i++}`);
        const r = twinRecorded(ROOT, ["ukf", "run", join(DIR, f), "--json", ...extra], dir);
        expect(r.code, r.stderr).toBe(0);
        expect(readRecord(dir).entry).toBe("jobUkfRun");
        records.push(dir);
      }
    }
    const dir = join(TMP, `rec-${i++}`);
    const t = twinRecorded(ROOT, ["ukf", "run", join(DIR, "ukf_03_pendulum.json")], dir);
    const steps = decodeUkfRun(f64FromBytes(readFileSync(join(dir, "result.f64"))));
    const line = t.stdout.split("\n")[6]!; // step 5
    const fmt = (x: number): string => (x === 0 ? "0" : Math.abs(x) >= 1e4 || Math.abs(x) < 1e-3 ? x.toExponential(6) : x.toPrecision(7));
    expect(line).toContain(`± ${fmt(steps[5]!.std_post[0]!)}`);
    records.push(dir);
    const want = records.map((d) => readRecord(d).result.digest);
    for (const [mode, flags] of Object.entries(V8_MODES)) expect(rerunDigests(records, flags), mode).toEqual(want);
  });

  it("a P0 the strict square-root form cannot factor is named by its JSON path (exit 1)", () => {
    const o = JSON.parse(readFileSync(join(DIR, "ukf_01_cv1d.json"), "utf8"));
    o.P0 = [[1, 2], [2, 1]];
    const file = join(TMP, "p0.json");
    writeFileSync(file, JSON.stringify(o));
    const r = twinRecorded(ROOT, ["ukf", "run", file, "--sqrt", "--strict"], join(TMP, "rec-p0"));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`twin ukf run: numerical failure: ${file}: P0: not positive definite and not repairable (or --strict)\n`);
  });
});
