// Rotor model validation (src/rotor/validate.ts): every fault kind is reported with its JSON path,
// all faults of a file together, syntax errors with line:column; the example models and the shared
// test vectors pass. Checks that need arithmetic on values (G and nu agreeing) are the core's, and a
// job reports them with the same JSON path (src/rotor/request.ts).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModelError, parseRotorModel } from "../src/rotor/validate.js";
import { encodeRotorModel } from "../src/rotor/model.js";
import { Core } from "../src/core/core.js";
import { staticJob } from "../src/rotor/jobs.js";

const ROOT = join(import.meta.dirname, "..");
const SHARED_ROTOR = join(ROOT, "test", "data", "rotor");

/** A small valid model; tests break one thing in a copy of it. */
function base(): any {
  return {
    name: "t",
    material: { E: 2.11e11, G: 8.12e10, rho: 7810 },
    shaft: [
      { L: 0.25, od: 0.05, id: 0 },
      { L: 0.25, od: 0.05, id: 0 },
      { L: 0.25, od: 0.05 },
    ],
    disks: [{ node: 1, m: 10, Id: 0.1, Ip: 0.2 }],
    bearings: [
      { node: 0, kxx: 1e6, kyy: 1e6 },
      { node: 3, kxx: 1e6, kyy: 1e6, cxx: 10, cyy: 10 },
    ],
  };
}

/** The printed fault lines for a model document (fails the test if the model is accepted). */
function faults(doc: unknown, file = "m.json"): string[] {
  try {
    parseRotorModel(typeof doc === "string" ? doc : JSON.stringify(doc), file);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return (e as ModelError).lines();
  }
  throw new Error("model was accepted");
}

function withChange(change: (m: any) => void): any {
  const m = base();
  change(m);
  return m;
}

describe("valid models", () => {
  it("accepts the base model and returns the checked fields only", () => {
    const m = parseRotorModel(JSON.stringify(base()), "m.json");
    expect(m.shaft[2]).toEqual({ L: 0.25, od: 0.05, id: 0 });
    expect(m.bearings[1]).toEqual({ node: 3, kxx: 1e6, kyy: 1e6, cxx: 10, cyy: 10 });
    expect(Object.getPrototypeOf(m.shaft[0])).toBe(Object.prototype);
  });

  for (const file of ["test-rig.json", "compressor.json"]) {
    it(`accepts models/${file} and it encodes`, () => {
      const m = parseRotorModel(readFileSync(join(ROOT, "models", file), "utf8"), file);
      const enc = encodeRotorModel(m);
      expect(enc.every((x) => Number.isFinite(x))).toBe(true);
    });
  }

  it("compressor.json is the larger model the brief asks for", () => {
    const m = parseRotorModel(readFileSync(join(ROOT, "models", "compressor.json"), "utf8"), "compressor.json");
    expect(m.shaft.length).toBeGreaterThanOrEqual(50);
    expect(m.shaft.some((e) => e.odl !== undefined && e.odl !== e.odr)).toBe(true);
    expect(m.bearings).toHaveLength(2);
    for (const b of m.bearings) {
      expect(b.speeds!.length).toBeGreaterThan(1);
      const kxy = b.kxy as number[], kyx = b.kyx as number[];
      expect(kxy.some((v, i) => v !== kyx[i])).toBe(true);
    }
  });

  it("accepts the model of every shared rotor test vector", () => {
    const files = readdirSync(SHARED_ROTOR).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const doc = JSON.parse(readFileSync(join(SHARED_ROTOR, f), "utf8"));
      expect(() => parseRotorModel(JSON.stringify(doc.model), f)).not.toThrow();
    }
  });

  it("accepts tapered elements, geometric disks, speed tables and pedestals", () => {
    const m = parseRotorModel(
      JSON.stringify(
        withChange((m) => {
          m.shaft[1] = { L: 0.2, odl: 0.05, odr: 0.06, idl: 0.01, idr: 0.02, options: { shear: false } };
          m.disks.push({ node: 2, od: 0.3, id: 0.05, width: 0.04, material: { E: 2e11, nu: 0.3, rho: 7800 } });
          m.bearings[0] = { node: 0, speeds: [0, 100, 200], kxx: [1e6, 2e6, 3e6], kyy: 1e6, kxy: [0, -1e5, 1e5] };
          m.pedestals = [{ bearing: 1, m: 20, kxx: 1e7, kyy: 1e7, cxx: 100, cyy: 100 }];
          m.damping = { alpha: 0.1, beta: 1e-5 };
          m.options = { gyroscopic: false };
        }),
      ),
      "m.json",
    );
    expect(m.shaft[1]).toMatchObject({ odl: 0.05, odr: 0.06, idl: 0.01, idr: 0.02 });
    expect(m.bearings[0]!.speeds).toEqual([0, 100, 200]);
    expect(m.pedestals).toHaveLength(1);
  });
});

describe("faults with their JSON path", () => {
  const cases: [string, (m: any) => void, string][] = [
    ["od <= id", (m) => (m.shaft[2] = { L: 0.1, od: 0.04, id: 0.05 }), "m.json: shaft[2].od: must be > id (0.04 <= 0.05)"],
    ["negative length", (m) => (m.shaft[0].L = -0.1), "m.json: shaft[0].L: must be > 0 (-0.1)"],
    ["zero length", (m) => (m.shaft[0].L = 0), "m.json: shaft[0].L: must be > 0 (0)"],
    ["missing od", (m) => delete m.shaft[1].od, "m.json: shaft[1].od: required number is missing"],
    ["negative id", (m) => (m.shaft[1].id = -0.01), "m.json: shaft[1].id: must be >= 0 (-0.01)"],
    ["string number", (m) => (m.shaft[1].L = "0.25"), 'm.json: shaft[1].L: must be a number, found a string ("0.25")'],
    ["unknown key (typo)", (m) => (m.shaft[0].lenght = 1), "m.json: shaft[0].lenght: unknown key"],
    ["unknown key, case typo", (m) => (m.options = { Gyroscopic: true }), 'm.json: options.Gyroscopic: unknown key (did you mean "gyroscopic"?)'],
    ["unknown root key", (m) => (m.bearing = []), "m.json: bearing: unknown key"],
    ["non-boolean option", (m) => (m.shaft[0].options = { shear: 1 }), "m.json: shaft[0].options.shear: must be true or false, found number 1"],
    ["E not positive", (m) => (m.material.E = 0), "m.json: material.E: must be > 0 (0)"],
    ["rho missing", (m) => delete m.material.rho, "m.json: material.rho: required number is missing"],
    ["neither G nor nu", (m) => delete m.material.G, "m.json: material: needs G (shear modulus) or nu (Poisson's ratio)"],
    ["nu out of range", (m) => (m.material = { E: 2e11, nu: 0.5, rho: 7800 }), "m.json: material.nu: must be in (-1, 0.5) (0.5)"],
    ["no material anywhere", (m) => delete m.material, "m.json: shaft[0].material: missing"],
    ["tapered with od", (m) => (m.shaft[0] = { L: 0.1, od: 0.05, odl: 0.05, odr: 0.06 }), "m.json: shaft[0]: give od/id (uniform) or odl/idl/odr/idr (tapered), not both"],
    ["tapered incomplete", (m) => (m.shaft[0] = { L: 0.1, odl: 0.05 }), "m.json: shaft[0].odr: required number is missing"],
    ["tapered inner one side", (m) => (m.shaft[0] = { L: 0.1, odl: 0.05, odr: 0.06, idl: 0.01 }), "m.json: shaft[0]: tapered element gives idl but not idr"],
    ["tapered od <= id", (m) => (m.shaft[0] = { L: 0.1, odl: 0.05, odr: 0.02, idl: 0.01, idr: 0.03 }), "m.json: shaft[0].odr: must be > idr (0.02 <= 0.03)"],
    ["empty shaft", (m) => (m.shaft = []), "m.json: shaft: needs at least one element"],
    ["disk on missing node", (m) => (m.disks[0].node = 7), "m.json: disks[0].node: node 7 does not exist (nodes 0..3)"],
    ["disk node not integer", (m) => (m.disks[0].node = 1.5), "m.json: disks[0].node: must be an integer >= 0 (1.5)"],
    ["disk both forms", (m) => (m.disks[0].od = 0.3), "m.json: disks[0]: give mass properties (m, Id, Ip) or geometry (od, width[, id]), not both"],
    ["disk neither form", (m) => (m.disks[0] = { node: 1 }), "m.json: disks[0]: needs mass properties (m, Id, Ip) or geometry"],
    ["disk incomplete mass", (m) => delete m.disks[0].Ip, "m.json: disks[0].Ip: required number is missing"],
    ["disk geometry without width", (m) => (m.disks[0] = { node: 1, od: 0.3 }), "m.json: disks[0].width: required number is missing"],
    ["disk od <= id", (m) => (m.disks[0] = { node: 1, od: 0.3, id: 0.3, width: 0.1 }), "m.json: disks[0].od: must be > id (0.3 <= 0.3)"],
    ["no bearings", (m) => (m.bearings = []), "m.json: bearings: needs at least one bearing"],
    ["bearings missing", (m) => delete m.bearings, "m.json: bearings: must be an array, found missing"],
    ["bearing on missing node", (m) => (m.bearings[1].node = 4), "m.json: bearings[1].node: node 4 does not exist (nodes 0..3)"],
    ["bearing kxx missing", (m) => delete m.bearings[0].kxx, "m.json: bearings[0].kxx: required number is missing"],
    ["bearing null coefficient", (m) => (m.bearings[0].cxy = null), "m.json: bearings[0].cxy: must be a number, found null"],
    ["negative direct damping", (m) => (m.bearings[1].cxx = -1), "m.json: bearings[1].cxx: must be >= 0 (-1)"],
    ["table without speeds", (m) => (m.bearings[0].kxx = [1, 2]), 'm.json: bearings[0].kxx: an array of coefficients needs "speeds" in the same bearing'],
    ["table length", (m) => Object.assign(m.bearings[0], { speeds: [0, 100], kxx: [1e6, 2e6, 3e6] }), "m.json: bearings[0].kxx: has 3 values but speeds has 2"],
    ["table null entry", (m) => Object.assign(m.bearings[0], { speeds: [0, 100], kyy: [1e6, null] }), "m.json: bearings[0].kyy[1]: must be a number, found null"],
    ["speeds not increasing", (m) => Object.assign(m.bearings[0], { speeds: [0, 100, 100] }), "m.json: bearings[0].speeds[2]: speeds must be strictly increasing (100 after 100)"],
    ["speeds empty", (m) => Object.assign(m.bearings[0], { speeds: [] }), "m.json: bearings[0].speeds: must not be empty"],
    ["pedestal on missing bearing", (m) => (m.pedestals = [{ bearing: 2, m: 10, kxx: 1, kyy: 1 }]), "m.json: pedestals[0].bearing: bearing 2 does not exist (bearings 0..1)"],
    [
      "two pedestals on one bearing",
      (m) => (m.pedestals = [{ bearing: 1, m: 10, kxx: 1, kyy: 1 }, { bearing: 1, m: 10, kxx: 1, kyy: 1 }]),
      "m.json: pedestals[1].bearing: bearing 1 already has a pedestal (pedestals[0])",
    ],
    ["pedestal mass", (m) => (m.pedestals = [{ bearing: 0, m: 0, kxx: 1, kyy: 1 }]), "m.json: pedestals[0].m: must be > 0 (0)"],
    ["pedestal table", (m) => (m.pedestals = [{ bearing: 0, m: 1, kxx: [1], kyy: 1 }]), "m.json: pedestals[0].kxx: pedestal coefficients are constants, not tables"],
    ["negative alpha", (m) => (m.damping = { alpha: -1 }), "m.json: damping.alpha: must be >= 0 (-1)"],
    ["damping typo", (m) => (m.damping = { betta: 1 }), "m.json: damping.betta: unknown key"],
    ["options not object", (m) => (m.options = true), "m.json: options: must be an object, found boolean true"],
    ["name missing", (m) => delete m.name, "m.json: name: required string is missing"],
  ];
  for (const [what, change, expected] of cases) {
    it(what, () => {
      const lines = faults(withChange(change));
      expect(lines.some((l) => l.startsWith(expected)), `got:\n${lines.join("\n")}`).toBe(true);
    });
  }

  it("NaN and Infinity (as Python writes them) are rejected with their path", () => {
    const text = JSON.stringify(base()).replace('"kxx":1000000', '"kxx":NaN').replace('"Ip":0.2', '"Ip":-Infinity');
    const lines = faults(text);
    expect(lines).toContain("m.json: bearings[0].kxx: must be finite (NaN)");
    expect(lines).toContain("m.json: disks[0].Ip: must be finite (-Infinity)");
  });

  it("reports all faults of a file, not only the first", () => {
    const lines = faults(
      withChange((m) => {
        m.shaft[0].L = -1;
        m.shaft[2].id = 0.06;
        m.disks[0].node = 9;
        m.bearings[1].kxx = "stiff";
        m.extra = 1;
      }),
    );
    expect(lines).toEqual([
      "m.json: extra: unknown key (allowed: name, description, material, shaft, disks, bearings, pedestals, damping, options)",
      "m.json: shaft[0].L: must be > 0 (-1)",
      "m.json: shaft[2].od: must be > id (0.05 <= 0.06)",
      "m.json: disks[0].node: node 9 does not exist (nodes 0..3)",
      'm.json: bearings[1].kxx: must be a number, found a string ("stiff")',
    ]);
  });

  it("a model that is not an object", () => {
    expect(faults("[1, 2]")).toEqual(["m.json: the model must be a JSON object, found an array"]);
  });
});

describe("faults that need arithmetic on the values: found by the core, located the same way", () => {
  const core = Core.load();
  /** The fault lines of a static job on a model the host validator accepted. */
  function coreFaults(doc: unknown): string[] {
    const model = parseRotorModel(JSON.stringify(doc), "m.json"); // the host's checks pass
    try {
      staticJob(core, { model, file: "m.json" }, 9.81, false);
    } catch (e) {
      expect(e).toBeInstanceOf(ModelError);
      return (e as ModelError).lines();
    }
    throw new Error("model was accepted");
  }

  it("G and nu that disagree by more than 1e-3 of G, in the model's, an element's or a disk's material", () => {
    expect(coreFaults(withChange((m) => (m.material.nu = 0.1)))).toEqual([
      "m.json: material.nu: G and nu disagree (E = 211000000000, G = 81200000000, nu = 0.1: E/(2(1+nu)) differs from G by more than 1e-3 of G); give one of them",
    ]);
    const el = coreFaults(withChange((m) => (m.shaft[1].material = { E: 2e11, G: 8e10, nu: 0.3, rho: 7800 })));
    expect(el).toHaveLength(1);
    expect(el[0]).toMatch(/^m\.json: shaft\[1\]\.material\.nu: G and nu disagree /);
    const disk = coreFaults(withChange((m) => m.disks.push({ node: 2, od: 0.3, width: 0.05, material: { E: 2e11, G: 7e10, nu: 0.3, rho: 7800 } })));
    expect(disk[0]).toMatch(/^m\.json: disks\[1\]\.material\.nu: G and nu disagree /);
  });

  it("G and nu that agree are accepted (rounded handbook values; G is used)", () => {
    const m = parseRotorModel(JSON.stringify(withChange((m) => (m.material = { E: 2.11e11, G: 8.12e10, nu: 0.2995, rho: 7810 }))), "m.json");
    const withG = parseRotorModel(JSON.stringify(base()), "m.json");
    const a = staticJob(core, { model: m, file: "m.json" }, 9.81, false);
    const b = staticJob(core, { model: withG, file: "m.json" }, 9.81, false);
    expect(a.deflection.y).toEqual(b.deflection.y);
  });

  it("a reference case names the model's values under model.", () => {
    const model = parseRotorModel(JSON.stringify(withChange((m) => (m.material.nu = 0.1))), "case.json");
    expect(() => staticJob(core, { model, file: "case.json", pathPrefix: "model" }, 9.81, false)).toThrow(/^case\.json: model\.material\.nu: G and nu disagree/);
  });
});

describe("JSON syntax errors with line:column", () => {
  const cases: [string, string, string][] = [
    ['{\n  "name": "x",\n  "shaft": [1,,2]\n}', "m.json:3:15: expected a value, found character \",\"", "double comma"],
    ['{\n  "name": "x"\n  "shaft": []\n}', `m.json:3:3: expected ',' or '}' in object, found character "\\""`, "missing comma"],
    ['{ "a": 1, }', "m.json:1:11: trailing comma in object", "trailing comma"],
    ['{ "a": 1', "m.json:1:9: expected ',' or '}' in object, found end of input", "truncated"],
    ['{\n "a": 1,\n "a": 2 }', 'm.json:3:2: duplicate key "a"', "duplicate key"],
    ['{ "a": 01 }', "m.json:1:8: malformed number", "leading zero"],
    ['{ "a": "x\ny" }', "m.json:1:10: control character in string (escape it)", "raw newline in string"],
    ["{ 'a': 1 }", "m.json:1:3: expected a key in double quotes, found character \"'\"", "single quotes"],
    ['{} x', 'm.json:1:4: unexpected character "x" after the JSON value', "garbage after"],
  ];
  for (const [text, expected, what] of cases) {
    it(what, () => {
      expect(faults(text)).toEqual([expected]);
    });
  }
});
