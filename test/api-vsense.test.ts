// machine-twin/vsense: virtualSensing and sensorPlacement return what `twin virtual-sensing --json`
// and `twin sensor-placement --json` print; a malformed model object gets the command's located
// error without the file prefix; refused options are ArgumentErrors naming them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError, stringifyJson } from "../src/index.js";
import { ModelError, type RotorModel } from "../src/rotor/index.js";
import { sensorPlacement, virtualSensing, virtualSensingCsv, VS_CLI_NAMES } from "../src/vsense/index.js";
import { cli, type CliRun } from "./helpers/cli-run.js";

const RIG = join(import.meta.dirname, "..", "models", "test-rig.json");
const TMP = mkdtempSync(join(tmpdir(), "twin-api-vsense-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const twin = (...argv: string[]): Promise<CliRun> => cli(argv);

const rig = (): RotorModel => JSON.parse(readFileSync(RIG, "utf8")) as RotorModel;

describe("machine-twin/vsense", () => {
  it("virtualSensing equals `twin virtual-sensing --json`, and its CSV the command's --out", async () => {
    const csv = join(TMP, "run.csv");
    const cli = await twin("virtual-sensing", RIG, "--sensors", "12:x,12:y", "--estimate", "4:x,7:y", "--mismatch", "bearing-k=+10%", "--t-end", "0.5", "--discard", "0.1", "--json", "--out", csv);
    expect(cli.code).toBe(0);
    const run = virtualSensing(rig(), { sensors: "12:x,12:y", estimates: [{ node: 4, dir: "x" }, { node: 7, dir: "y" }], mismatch: ["bearing-k=+10%"], tEnd: 0.5, discard: 0.1, series: true });
    expect(stringifyJson(run.result) + "\n").toBe(cli.out);
    expect([...virtualSensingCsv(run)].join("")).toBe(readFileSync(csv, "utf8"));
  });

  it("sensorPlacement equals `twin sensor-placement --json`", async () => {
    const cli = await twin("sensor-placement", RIG, "--count", "3", "--method", "efi", "--t-end", "0.5", "--discard", "0.1", "--json");
    expect(cli.code).toBe(0);
    expect(stringifyJson(sensorPlacement(RIG, { count: 3, method: "efi", tEnd: 0.5, discard: 0.1 })) + "\n").toBe(cli.out);
  });

  it("a malformed model object: the command's error without the file prefix", async () => {
    const doc = rig();
    doc.shaft[2]!.L = -0.1;
    const file = join(TMP, "bad.json");
    writeFileSync(file, JSON.stringify(doc));
    const cli = await twin("virtual-sensing", file);
    expect(cli.code).toBe(2);
    let thrown: unknown;
    try {
      virtualSensing(doc);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ModelError);
    expect((thrown as ModelError).path).toBe("shaft[2].L");
    expect(cli.err).toBe(`${file}: ${(thrown as ModelError).message}\n`);
  });

  it("refused options are ArgumentErrors naming them", () => {
    expect(() => virtualSensing(RIG, { sensors: "4:x", estimates: "4:x" })).toThrow(expect.objectContaining({ path: "estimates" }));
    expect(() => virtualSensing(RIG, { sensors: "99:x" })).toThrow(ArgumentError);
    expect(() => virtualSensing(RIG, { modes: 1000 })).toThrow("modes 1000 is more than the model's 52 degrees of freedom");
    expect(() => sensorPlacement(RIG, { count: 2, modes: 3 })).toThrow(expect.objectContaining({ path: "modes" }));
  });

  it("conditions the core checks name the library's options (the command line's with VS_CLI_NAMES)", async () => {
    expect(() => virtualSensing(RIG, { tEnd: 0.0001 })).toThrow(expect.objectContaining({ path: "tEnd", message: "tEnd 0.0001: the recording must hold 2 to 16777216 samples at fs 2000" }));
    expect(() => virtualSensing(RIG, { speedRpm: 70000 })).toThrow("speedRpm 70000: the shaft frequency is not below half the sampling frequency (fs 2000)");
    expect(() => virtualSensing(RIG, { speedRpm: 70000, names: VS_CLI_NAMES })).toThrow("--speed-rpm 70000: the shaft frequency is not below half the sampling frequency (--fs 2000)");
    const cli = await twin("virtual-sensing", RIG, "--speed-rpm", "70000");
    expect(cli.code).toBe(2);
    expect(cli.err).toMatch(/^twin virtual-sensing: --speed-rpm 70000: the shaft frequency is not below half the sampling frequency \(--fs 2000\)\n/);
  });
});
