// machine-twin/elm: each library function gives what its command prints or writes, and a malformed
// case or model passed in code gets the same typed error as the same content in a file, minus the
// file prefix, located by its JSON path.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError, examplePath, InputError, parseCsvTable, parseJson, stringifyJson } from "../src/index.js";
import {
  describeElmCase, ElmInputError, encodeElmModel, fitElm, generateStates, predictElm, readElmCase, readElmModel, trainElm, updateElm, validateElmModel, writeStates,
} from "../src/elm/index.js";
import { cli, thrown } from "./helpers/cli-run.js";

const CASES = join(import.meta.dirname, "data", "elm");
const TMP = mkdtempSync(join(tmpdir(), "twin-api-elm-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));


function file(name: string, text: string): string {
  const p = join(TMP, name);
  writeFileSync(p, text);
  return p;
}


/** A labelled table of two states around two centres (deterministic). */
function table(n: number, phase: number, extra = ""): string {
  const rows = (label: string, cx: number, cy: number): string[] =>
    Array.from({ length: n }, (_, i) => `${(cx + 0.3 * Math.sin(i + phase)).toFixed(4)},${(cy + 0.3 * Math.cos(2 * i + phase)).toFixed(4)},${i},${label}`);
  return ["rms,peak,row,state", ...rows("idle", 1, 1), ...rows("load", 3, 2)].join("\n") + "\n" + extra;
}

describe("fitElm equals `twin elm fit --json --check`", () => {
  for (const name of ["elm_01_regression_sigmoid.json", "elm_03_oselm_regularised.json", "hpelm_04_merged_blocks.json"]) {
    it(name, async () => {
      const f = join(CASES, name);
      const r = await cli(["elm", "fit", f, "--json", "--check"]);
      expect(r.code).toBe(0);
      const doc = parseJson(readFileSync(f, "utf8"));
      expect(JSON.parse(stringifyJson(fitElm(doc as never, { check: true })))).toEqual(JSON.parse(r.out));
      expect(fitElm(readElmCase(f))).toEqual(fitElm(doc as never));
      expect((await cli(["elm", "fit", f])).out.split("\n")[0]).toBe(describeElmCase(readElmCase(f)));
    });
  }
});

describe("trainElm, updateElm, predictElm equal `twin elm train | update | predict`", () => {
  it("the same model files and predictions", async () => {
    const train = file("train.csv", table(20, 0));
    const more = file("more.csv", table(10, 1));
    const test = file("test.csv", table(5, 0.5, "9,9,0,idle\n"));
    const m1 = join(TMP, "m1.json"), m2 = join(TMP, "m2.json");
    const flags = ["--label", "state", "--hidden", "30", "--novelty", "distance", "--seed", "4", "--ignore", "row", "--standardize"];
    expect((await cli(["elm", "train", train, ...flags, "-o", m1])).code).toBe(0);
    expect((await cli(["elm", "update", m1, more, "-o", m2])).code).toBe(0);
    const p = await cli(["elm", "predict", m2, test, "--json"]);
    expect(p.code).toBe(0);

    const model = trainElm(train, { label: "state", hidden: 30, novelty: "distance", seed: 4, ignore: ["row"], standardize: true });
    expect(encodeElmModel(model)).toBe(readFileSync(m1, "utf8"));
    const updated = updateElm(model, parseCsvTable(readFileSync(more, "utf8"), more));
    expect(encodeElmModel(updated)).toBe(readFileSync(m2, "utf8"));
    expect(JSON.parse(stringifyJson(predictElm(updated, test)))).toEqual(JSON.parse(p.out));
    // a model read back from its file, or parsed and checked in code, predicts the same
    expect(predictElm(readElmModel(m2), test)).toEqual(predictElm(validateElmModel(JSON.parse(readFileSync(m2, "utf8"))), test));
  });

  it("bad options are ArgumentErrors naming the option", () => {
    const train = file("t2.csv", table(5, 0));
    for (const [options, path] of [
      [{ label: "state", hidden: 0 }, "hidden"],
      [{ label: "state", seed: -1 }, "seed"],
      [{ label: "state", C: 0 }, "C"],
      [{ label: "state", noveltyQuantile: 2 }, "noveltyQuantile"],
      [{ label: "state", activation: "relu" }, "activation"],
    ] as const) {
      const e = thrown(() => trainElm(train, options as never));
      expect(e).toBeInstanceOf(ArgumentError);
      expect(e.path).toBe(path);
    }
    const e = thrown(() => trainElm(parseCsvTable("state\na\n", "only-label.csv"), { label: "state" }));
    expect(e.message).toBe('only-label.csv: no feature columns besides the label "state"');
  });
});

describe("a malformed case or model: the same error from code as from a file, minus the file prefix", () => {
  it("a case", async () => {
    const bad = { d: 2, L: 2, activation: "relu", W: [[1, 2], [3, 4]], b: [0], C: 10, X_train: [[1, 2]], T_train: [[1]], X_test: [[1, "x"]] };
    const f = file("bad-case.json", JSON.stringify(bad));
    const r = await cli(["elm", "fit", f]);
    expect(r.code).toBe(2);
    expect(() => readElmCase(f)).toThrow(ElmInputError);
    const e = thrown(() => fitElm(bad as never)) as ElmInputError;
    expect(e).toBeInstanceOf(ElmInputError);
    expect(e).toBeInstanceOf(InputError);
    expect(e.path).toBe("activation");
    expect(e.file).toBeUndefined();
    expect(e.faults.map((x) => x.path)).toEqual(["activation", "b", "X_test[0][1]"]);
    expect(r.err).toBe(e.message.split("\n").map((l) => `${f}: ${l}\n`).join(""));
  });

  it("a model", async () => {
    const good = JSON.parse(encodeElmModel(trainElm(parseCsvTable(table(5, 0), "t.csv"), { label: "state", hidden: 4 }))) as Record<string, unknown>;
    const bad: Record<string, unknown> = { ...good, hidden: 0, colour: "red" };
    delete bad.seed;
    const f = file("bad-model.json", JSON.stringify(bad));
    const r = await cli(["elm", "predict", f, file("p.csv", table(2, 0))]);
    expect(r.code).toBe(2);
    const e = thrown(() => predictElm(bad as never, parseCsvTable(table(2, 0), "p.csv"))) as ElmInputError;
    expect(e).toBeInstanceOf(ElmInputError);
    expect(e.path).toBe("hidden");
    expect(e.faults.map((x) => x.path)).toEqual(["hidden", "seed", "colour", "seed"]);
    expect(r.err).toBe(e.message.split("\n").map((l) => `${f}: ${l}\n`).join(""));
    expect(() => validateElmModel("model")).toThrow(/^the model must be a JSON object$/);
  });

  it("JSON syntax in a file is located by line and column", () => {
    const f = file("syntax.json", '{\n  "d": 2,\n  "L": ]\n}\n');
    const e = thrown(() => readElmCase(f));
    expect(e).toBeInstanceOf(ElmInputError);
    expect([e.file, e.line, e.column]).toEqual([f, 3, 8]);
    expect(e.message.startsWith(`${f}:3:8: `)).toBe(true);
  });
});

describe("generateStates + writeStates equal `twin states generate`", () => {
  it("the same files, byte for byte", async () => {
    const a = join(TMP, "states-cli"), b = join(TMP, "states-lib");
    const r = await cli(["states", "generate", "--out", a, "--seed", "5", "--noise", "0.05"]);
    expect(r.code).toBe(0);
    const rig = parseJson(readFileSync(examplePath("test-rig.json"), "utf8"));
    const data = generateStates(rig as never, { seed: 5, noise: 0.05 });
    const bytes = writeStates(b, data);
    expect(r.out).toBe(`${data.files.length} files, ${bytes} bytes written to ${a}\n`);
    const names = readdirSync(a).sort();
    expect(readdirSync(b).sort()).toEqual(names);
    for (const n of names) expect(readFileSync(join(b, n), "utf8")).toBe(readFileSync(join(a, n), "utf8"));
    const { disks: _, ...noDisk } = rig as Record<string, unknown>;
    const e = thrown(() => generateStates(noDisk as never));
    expect(e.message).toBe("disks: the model needs a disk to carry the unbalance of the states");
    expect(e.path).toBe("disks");
    expect(thrown(() => generateStates(rig as never, { seed: 0.5 }))).toBeInstanceOf(ArgumentError);
  }, 60_000);
});
