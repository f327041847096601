// machine-twin/ukf: runUkf returns what `twin ukf run --json` prints (plus the posterior standard
// deviations), and a malformed case object gets the located ModelError the command prints for the
// same JSON in a file, without the file prefix.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError, InputError, stringifyJson } from "../src/index.js";
import { loadUkfCase, ModelError, runUkf, UKF_CHECK_TOLERANCE, validateUkfCase } from "../src/ukf/index.js";
import { cli, type CliRun } from "./helpers/cli-run.js";

const DIR = join(import.meta.dirname, "data", "ukf");
const TMP = mkdtempSync(join(tmpdir(), "twin-api-ukf-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const twin = (...argv: string[]): Promise<CliRun> => cli(argv);

const readCase = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(DIR, name), "utf8")) as Record<string, unknown>;
const withoutStd = (r: ReturnType<typeof runUkf>) => ({ steps: r.steps.map(({ std_post: _s, ...s }) => s), ...(r.check ? { check: r.check } : {}) });

describe("runUkf equals `twin ukf run --json`", () => {
  for (const [name, flags] of [
    ["ukf_01_cv1d.json", ["--check"]],
    ["ukf_02_range_bearing.json", ["--sqrt"]],
    ["ukf_03_pendulum.json", ["--julier", "--symmetrize"]],
  ] as [string, string[]][]) {
    it(`${name} ${flags.join(" ")}`, async () => {
      const file = join(DIR, name);
      const cli = await twin("ukf", "run", file, ...flags, "--json");
      expect(cli.code).toBe(0);
      const options = { check: flags.includes("--check"), sqrt: flags.includes("--sqrt"), julier: flags.includes("--julier"), symmetrize: flags.includes("--symmetrize") };
      const fromFile = runUkf(file, options);
      expect(stringifyJson(withoutStd(fromFile)) + "\n").toBe(cli.out);
      // the case as an object: the same run
      expect(runUkf(readCase(name), options)).toEqual(fromFile);
      if (options.check) expect(fromFile.check).toMatchObject({ ok: true, tolerance: UKF_CHECK_TOLERANCE });
      expect(fromFile.steps[0]!.std_post).toEqual(fromFile.steps[0]!.P_post_diag.map(Math.sqrt));
    });
  }
});

describe("a malformed case: the command's error without the file prefix", () => {
  async function both(doc: Record<string, unknown>): Promise<{ e: ModelError; stderr: string; file: string }> {
    const file = join(TMP, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const cli = await twin("ukf", "run", file);
    expect(cli.code).toBe(2);
    let thrown: unknown;
    try {
      runUkf(doc);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ModelError);
    expect(thrown).toBeInstanceOf(InputError);
    return { e: thrown as ModelError, stderr: cli.err, file };
  }

  it("a missing key", async () => {
    const doc = readCase("ukf_01_cv1d.json");
    delete doc.alpha;
    const { e, stderr, file } = await both(doc);
    expect(e.path).toBe("alpha");
    expect(e.file).toBeUndefined();
    expect(e.message).toBe("alpha: missing key");
    expect(stderr).toBe(`${file}: alpha: missing key\n`);
  });

  it("several faults, each line as the command prints it", async () => {
    const doc = readCase("ukf_01_cv1d.json");
    doc.Q = [[1, 0], [0, 1], [0, 0]];
    doc.x0 = [0, "a"];
    const { e, stderr, file } = await both(doc);
    expect(e.faults.length).toBeGreaterThan(1);
    expect(e.path).toBe(e.faults[0]!.path);
    expect(stderr).toBe(e.message.split("\n").map((l) => `${file}: ${l}\n`).join(""));
  });

  it("from a file: located in it", () => {
    const file = join(TMP, "nodt.json");
    const doc = readCase("ukf_01_cv1d.json");
    doc.dt = -1;
    writeFileSync(file, JSON.stringify(doc));
    expect(() => loadUkfCase(file)).toThrow(`${file}: dt: must be > 0, found -1`);
    expect(() => validateUkfCase(doc)).toThrow(/^dt: must be > 0, found -1$/);
  });

  it("check with julier is an ArgumentError", () => {
    expect(() => runUkf(join(DIR, "ukf_01_cv1d.json"), { check: true, julier: true })).toThrow(ArgumentError);
  });
});
