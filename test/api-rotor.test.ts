// machine-twin/rotor: each analysis returns what its `twin rotor` command prints with --json (the
// command is run in-process through main()), and a malformed model object gets the located
// ModelError the command prints for the same JSON in a file, without the file prefix.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError, InputError, stringifyJson } from "../src/index.js";
import {
  loadRotorModel,
  ModelError,
  parseRotorModel,
  rotorCampbell,
  rotorCampbellSvg,
  rotorCheck,
  rotorModal,
  rotorReduce,
  rotorStatic,
  rotorTime,
  rotorTimeCsv,
  rotorUnbalance,
  validateRotorModel,
  type RotorModel,
} from "../src/rotor/index.js";
import { cli, type CliRun } from "./helpers/cli-run.js";

const ROOT = join(import.meta.dirname, "..");
const RIG = join(ROOT, "models", "test-rig.json");
const REFERENCE = join(ROOT, "test", "data", "rotor", "ross-rotor-example.json");
const TMP = mkdtempSync(join(tmpdir(), "twin-api-rotor-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const twin = (...argv: string[]): Promise<CliRun> => cli(argv);

const rig = (): RotorModel => JSON.parse(readFileSync(RIG, "utf8")) as RotorModel;

describe("rotor analyses equal the commands' --json", () => {
  it("rotorModal", async () => {
    const cli = await twin("rotor", "modal", RIG, "--speeds", "0,100", "--modes", "4", "--json");
    expect(cli.code).toBe(0);
    expect(stringifyJson(rotorModal(RIG, { speeds: [0, 100], modes: 4 })) + "\n").toBe(cli.out);
    // a model object gives the same numbers as its file
    expect(rotorModal(rig(), { speeds: "0,100", modes: 4 })).toEqual(rotorModal(loadRotorModel(RIG), { speeds: [0, 100], modes: 4 }));
  });

  it("rotorCampbell and its SVG", async () => {
    const svg = join(TMP, "c.svg");
    const cli = await twin("rotor", "campbell", RIG, "--speeds", "0:300:50", "--modes", "3", "--json", "--svg", svg);
    expect(cli.code).toBe(0);
    const r = rotorCampbell(rig(), { speeds: { start: 0, stop: 300, step: 50 }, modes: 3 });
    expect(stringifyJson(r) + "\n").toBe(cli.out);
    expect(rotorCampbellSvg(r)).toBe(readFileSync(svg, "utf8"));
  });

  it("rotorUnbalance (the command's JSON has no peaks)", async () => {
    const cli = await twin("rotor", "unbalance", RIG, "--unbalance", "4:1e-4:0", "--freqs", "100:200:50", "--probe", "4:x", "--probe", "11:y", "--json");
    expect(cli.code).toBe(0);
    const { peaks, ...r } = rotorUnbalance(rig(), { unbalance: [{ node: 4, magnitude: 1e-4, phase: 0 }], probes: [{ node: 4, dir: "x" }, { node: 11, dir: "y" }], freqs: "100:200:50" });
    expect(stringifyJson(r) + "\n").toBe(cli.out);
    expect(peaks).toHaveLength(2);
  });

  it("rotorTime and its CSV", async () => {
    const cli = await twin("rotor", "time", RIG, "--speed", "100", "--t-end", "0.01", "--dt", "0.001", "--unbalance", "4:1e-4:0");
    expect(cli.code).toBe(0);
    const r = rotorTime(rig(), { speed: 100, tEnd: 0.01, dt: 0.001, unbalance: [{ node: 4, magnitude: 1e-4, phase: 0 }] });
    expect([...rotorTimeCsv(r)].join("")).toBe(cli.out);
  });

  it("rotorStatic", async () => {
    const cli = await twin("rotor", "static", RIG, "--rigid-supports", "--json");
    expect(cli.code).toBe(0);
    expect(stringifyJson(rotorStatic(rig(), { rigidSupports: true })) + "\n").toBe(cli.out);
  });

  it("rotorReduce", async () => {
    const cli = await twin("rotor", "reduce", RIG, "--speed", "100", "--modes", "3", "--dt", "0.001", "--json");
    expect(cli.code).toBe(0);
    expect(stringifyJson(rotorReduce(rig(), { speed: 100, modes: 3, dt: 0.001 })) + "\n").toBe(cli.out);
  });

  it("rotorCheck (the command's JSON has no model name)", async () => {
    const cli = await twin("rotor", "check", REFERENCE, "--json");
    expect(cli.code).toBe(0);
    const { model, ...r } = rotorCheck(REFERENCE);
    expect(stringifyJson(r) + "\n").toBe(cli.out);
    expect(typeof model).toBe("string");
    // the case as an object: the same comparisons, no file
    const fromObject = rotorCheck(JSON.parse(readFileSync(REFERENCE, "utf8")));
    expect(fromObject.case).toBeNull();
    expect(fromObject.comparisons).toEqual(r.comparisons);
  });
});

describe("a malformed model: the command's error without the file prefix", () => {
  /** The ModelError a library call throws, and the command's stderr for the same JSON in a file. */
  async function both(doc: unknown, call: (m: RotorModel) => unknown): Promise<{ e: ModelError; stderr: string; file: string }> {
    const file = join(TMP, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const cli = await twin("rotor", "modal", file);
    expect(cli.code).toBe(2);
    let thrown: unknown;
    try {
      call(doc as RotorModel);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ModelError);
    return { e: thrown as ModelError, stderr: cli.err, file };
  }

  it("a negative length in shaft[2]", async () => {
    const doc = rig();
    doc.shaft[2]!.L = -0.1;
    const { e, stderr, file } = await both(doc, (m) => rotorModal(m));
    expect(e).toBeInstanceOf(InputError);
    expect(e.path).toBe("shaft[2].L");
    expect(e.file).toBeUndefined();
    expect(e.message).toBe("shaft[2].L: must be > 0 (-0.1)");
    expect(stderr).toBe(`${file}: ${e.message}\n`);
  });

  it("a missing field and an unknown key: every fault, each line as the command prints it", async () => {
    const doc = rig() as unknown as Record<string, unknown>;
    delete (doc.bearings as Record<string, unknown>[])[0]!.kyy;
    (doc.shaft as Record<string, unknown>[])[0]!.odd = 1;
    const { e, stderr, file } = await both(doc, (m) => rotorStatic(m));
    expect(e.faults.length).toBe(2);
    expect(e.path).toBe(e.faults[0]!.path);
    expect(stderr).toBe(e.message.split("\n").map((l) => `${file}: ${l}\n`).join(""));
  });

  it("from a file: the same error with the file", async () => {
    const doc = rig();
    doc.shaft[2]!.L = -0.1;
    const file = join(TMP, "negative.json");
    writeFileSync(file, JSON.stringify(doc));
    const e = (() => {
      try {
        loadRotorModel(file);
      } catch (x) {
        return x as ModelError;
      }
      throw new Error("no error");
    })();
    expect(e).toBeInstanceOf(ModelError);
    expect(e.file).toBe(file);
    expect(e.path).toBe("shaft[2].L");
    expect(e.message).toBe(`${file}: shaft[2].L: must be > 0 (-0.1)`);
    expect(() => rotorModal(file)).toThrow(e.message);
  });

  it("a syntax error is located by line and column", () => {
    expect(() => parseRotorModel('{"name": }')).toThrow(/^1:10: /);
    try {
      parseRotorModel('{"name": }', "m.json");
    } catch (e) {
      expect(e).toMatchObject({ file: "m.json", line: 1, column: 10 });
    }
  });

  it("values JSON cannot hold are faults at their path; undefined keys are absent", () => {
    const m = rig() as unknown as Record<string, unknown>;
    expect(validateRotorModel({ ...m, description: undefined }).name).toBe("test-rig");
    expect(() => validateRotorModel({ ...m, damping: new Map() })).toThrow("damping: must be JSON data, found a Map");
  });

  it("a refused option is an ArgumentError naming it", () => {
    expect(() => rotorModal(RIG, { speeds: [-1] })).toThrow(ArgumentError);
    expect(() => rotorModal(RIG, { modes: 0 })).toThrow(/^modes: /);
  });
});
