// `twin ukf run` as a user runs it: node bin/twin.js as a child process on the built package
// (TWIN_CORE_WASM, if set, selects the core build). Cases are read from test/data/ukf.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const DIR = fileURLToPath(new URL("./data/ukf/", import.meta.url));
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const TMP = mkdtempSync(join(tmpdir(), "twin-ukf-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function twin(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function mutated(name: string, mutate: (o: any) => void): string {
  const o = JSON.parse(readFileSync(join(DIR, "ukf_01_cv1d.json"), "utf8"));
  mutate(o);
  const file = join(TMP, name);
  writeFileSync(file, JSON.stringify(o));
  return file;
}

describe("twin ukf run", () => {
  for (const f of FILES) {
    it(`${f}: --check passes (standard and square-root form)`, () => {
      for (const extra of [[], ["--sqrt"]]) {
        const r = twin(["ukf", "run", join(DIR, f), "--check", ...extra]);
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
        const m = /check: largest deviation (\S+) of the posterior std .*: ok$/m.exec(r.stdout);
        expect(m).not.toBeNull();
        expect(Number(m![1])).toBeLessThan(1e-9);
      }
    });
  }

  it("--json prints the spec's step objects", () => {
    const r = twin(["ukf", "run", join(DIR, "ukf_02_range_bearing.json"), "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.steps).toHaveLength(60);
    expect(Object.keys(out.steps[0])).toEqual(["k", "x_prior", "P_prior_diag", "x_post", "P_post_diag", "y", "S"]);
    expect(out.steps[59].k).toBe(59);
    expect(out.steps[0].S).toHaveLength(2);
    expect(out.steps[0].S[0]).toHaveLength(2);
  });

  it("--check fails (exit 1) when the reference disagrees", () => {
    const file = mutated("wrong.json", (o) => (o.filterpy_outputs.steps[7].x_post[1] += 1e-3));
    const r = twin(["ukf", "run", file, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/x_post\[1\] at step 7.*FAILED/);
  });

  it("--julier runs; combined with --check it is a usage error", () => {
    expect(twin(["ukf", "run", join(DIR, "ukf_03_pendulum.json"), "--julier", "--json"]).code).toBe(0);
    const r = twin(["ukf", "run", join(DIR, "ukf_03_pendulum.json"), "--julier", "--check"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--julier/);
  });

  it("bad input: JSON paths, exit 2, no stack trace", () => {
    const r = twin(["ukf", "run", mutated("bad.json", (o) => {
      o.Q = [[1, 0], [0, 1], [0, 0]];
      o.measurements[4] = [NaN];
      delete o.alpha;
    })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.json: alpha: missing key");
    expect(r.stderr).toContain("bad.json: Q: must be square (dim_x x dim_x = 2x2), found 3 rows of 2 columns");
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it("a NaN measurement is reported with its step (exit 2, JSON path)", () => {
    const file = join(TMP, "nan.json");
    const o = JSON.parse(readFileSync(join(DIR, "ukf_01_cv1d.json"), "utf8"));
    o.measurements[1][0] = "NAN_HERE";
    // bare NaN, as Python's json module writes it (the project's parser reads it as a number)
    writeFileSync(file, JSON.stringify(o).replace('"NAN_HERE"', "NaN"));
    const r = twin(["ukf", "run", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nan.json: measurements[1][0]: must be finite");
  });

  it("an unrepairable covariance is a numerical failure with the step (exit 1)", () => {
    const r = twin(["ukf", "run", mutated("neg.json", (o) => (o.P0 = [[-1, 0], [0, -4]]))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/numerical failure: .*step 0: the covariance P is not positive definite/);
  });

  it("an indefinite P0 is repaired and reported on stderr", () => {
    const r = twin(["ukf", "run", mutated("indef.json", (o) => (o.P0 = [[10, 8], [8, 4]])), "--json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/covariance repaired at 1 step\(s\): 0/);
    expect(JSON.parse(r.stdout).steps[0].repaired).toBe(3);
    const s = twin(["ukf", "run", mutated("indef2.json", (o) => (o.P0 = [[10, 8], [8, 4]])), "--strict"]);
    expect(s.code).toBe(1);
  });
});
