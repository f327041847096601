// machine-twin/core: coreInfo returns what `twin core info --json` prints.
import { describe, expect, it } from "vitest";
import { stringifyJson } from "../src/index.js";
import { Core, coreInfo, CoreError, defaultCore, requireFinite, runJob } from "../src/core/index.js";
import { NumericalError } from "../src/errors.js";
import { cli, type CliRun } from "./helpers/cli-run.js";

const twin = (...argv: string[]): Promise<CliRun> => cli(argv);

describe("machine-twin/core", () => {
  it("coreInfo equals `twin core info --json`, and the build matches its record", async () => {
    const cli = await twin("core", "info", "--json");
    expect(cli.code).toBe(0);
    const info = coreInfo();
    expect(stringifyJson(info) + "\n").toBe(cli.out);
    expect(info.matches).toBe(true);
    expect(info.imports).toEqual([]);
    expect(defaultCore().sha256).toBe(info.sha256);
  });

  it("a core with another hash than the expected one is refused", () => {
    expect(() => Core.load(coreInfo().path, "0".repeat(64))).toThrow(/does not match the expected/);
  });

  it("a refused job is a CoreError, a NumericalError", () => {
    expect(() => runJob(defaultCore(), "jobRotorModal", [99])).toThrow(CoreError);
    expect(() => runJob(defaultCore(), "jobRotorModal", [99])).toThrow(NumericalError);
    expect(() => requireFinite([1, NaN], "x")).toThrow("x: non-finite value NaN at index 1");
  });
});
