// The runner's configuration: the published JSON Schema (schemas/runner-config.schema.json) is what
// the code says, the example configuration passes both the schema (Ajv, draft 2020-12) and the
// runner's own checks, bad configurations are refused by both with the path at fault (and by `twin
// run` with exit 2, before anything starts), and the rig's recogniser files are what
// scripts/rig-states.js writes.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020.js";
import { Core } from "../src/core/core.js";
import { encodeModel } from "../src/elm/model.js";
import type { Json } from "../src/io/json.js";
import { parseRotorModel } from "../src/rotor/validate.js";
import { RunnerConfigError } from "../src/runner/errors.js";
import { checkRunnerConfig, loadRunnerConfig } from "../src/runner/config.js";
import { RUNNER_CONFIG_SCHEMA } from "../src/runner/schema.js";
import { trainRigRecogniser } from "../src/demo/rig-states.js";

const ROOT = join(import.meta.dirname, "..");
const EXAMPLE = join(ROOT, "models", "live", "test-rig.json");
const tmp = mkdtempSync(join(tmpdir(), "twin-config-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(RUNNER_CONFIG_SCHEMA);
const example = JSON.parse(readFileSync(EXAMPLE, "utf8")) as Record<string, Json>;

/** The example with one change at a path (value undefined deletes the key). */
function variant(path: (string | number)[], value: Json | undefined): Record<string, Json> {
  const doc = structuredClone(example);
  let o = doc as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, Json>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
  return doc;
}

function faults(doc: Json): string[] {
  try {
    checkRunnerConfig(doc, EXAMPLE);
    return [];
  } catch (e) {
    if (!(e instanceof RunnerConfigError)) throw e;
    return e.lines();
  }
}

describe("the runner configuration's schema", () => {
  it("is published as the code says", () => {
    expect(readFileSync(join(ROOT, "schemas", "runner-config.schema.json"), "utf8")).toBe(JSON.stringify(RUNNER_CONFIG_SCHEMA, null, 2) + "\n");
  });

  it("accepts the example configuration, and so does the runner", () => {
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    const cfg = loadRunnerConfig(EXAMPLE);
    expect(cfg.sensors.map((s) => s.name)).toEqual(["ax_1", "ay_1", "ax_10", "ay_10"]);
    expect(cfg.virtualSensors.length).toBe(6);
    expect(cfg.monitors.map((m) => m.name)).toEqual(["mid-1x", "bearing-rms"]);
  });

  it("accepts a feature-stream configuration", () => {
    const doc = {
      format: "twin-runner-config", version: 1, input: "features", source: { url: "replay:pump.csv?fs=1", channels: 2 },
      features: [{ name: "rms", channel: 0 }, { name: "temp", channel: 1, gain: 1 }], monitors: [{ name: "m", feature: "rms", chart: "ewma", learn: 20 }],
    };
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(faults(doc)).toEqual([]);
  });

  const bad: [string, (string | number)[], Json | undefined, RegExp][] = [
    ["an unknown key", ["colour"], "red", /: colour: unknown key/],
    ["a missing section", ["filter"], undefined, /: filter: missing/],
    ["a channel that is not an integer", ["sensors", 1, "channel"], 1.5, /sensors\[1\]\.channel: must be an integer/],
    ["a direction other than x or y", ["virtualSensors", 0, "dir"], "z", /virtualSensors\[0\]\.dir: must be one of x, y/],
    ["a quantity it does not know", ["virtualSensors", 2, "quantity"], "jerk", /virtualSensors\[2\]\.quantity: must be one of displacement, velocity, acceleration/],
    ["a chart it does not know", ["monitors", 0, "chart"], "xbar", /monitors\[0\]\.chart: must be one of imr, ewma, cusum/],
    ["a negative sensitivity", ["sensors", 0, "sensitivity"], -1, /sensors\[0\]\.sensitivity: must be greater than 0/],
    ["a rule it does not know", ["monitors", 0, "rules", 0], "we9", /monitors\[0\]\.rules\[0\]: must be one of/],
    ["a speed mode it does not know", ["speed", "mode"], "radar", /speed\.mode: must be one of fixed, channel, tach/],
    ["an alarm without priority", ["alarms", 0, "priority"], undefined, /alarms\[0\]/],
    ["a sink of an unknown type", ["sinks"], [{ type: "fax", path: "x" }], /sinks\[0\]/],
  ];
  it.each(bad)("refuses %s, in the schema and in the runner, naming the path", (_what, path, value, message) => {
    const doc = variant(path, value);
    expect(validate(doc)).toBe(false);
    expect(faults(doc).join("\n")).toMatch(message);
  });

  it("refuses what only the runner can check: channels beyond the source, repeated names, features that do not exist, alarms on nothing", () => {
    expect(faults(variant(["sensors", 1, "channel"], 7)).join("\n")).toMatch(/sensors\[1\]\.channel: must be below source\.channels \(5\): 7/);
    expect(faults(variant(["virtualSensors", 1, "name"], "mid_x")).join("\n")).toMatch(/virtualSensors\[1\]\.name: repeats the name of virtualSensors\[0\]\.name/);
    expect(faults(variant(["monitors", 0, "feature"], "mid_x_2x_amp")).join("\n")).toMatch(/monitors\[0\]\.feature: is not a feature of this configuration: "mid_x_2x_amp"/);
    expect(faults(variant(["alarms", 0, "source"], "spc:nothing")).join("\n")).toMatch(/alarms\[0\]\.source: names nothing this configuration has/);
    expect(faults(variant(["virtualSensors", 0, "node"], 1)).join("\n")).toMatch(/virtualSensors\[0\]\.node: is measured by sensors\[0\]/);
  });

  it("twin run reports every fault of a bad configuration with its path and exits 2 before it starts", () => {
    const file = join(tmp, "bad.json");
    const doc = variant(["sensors", 1, "channel"], 9);
    (doc.speed as Record<string, Json>).mode = "radar";
    doc.model = join(ROOT, "models", "test-rig.json");
    writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "twin.js"), "run", file, "--duration", "1"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file}: sensors[1].channel: must be below source.channels (5): 9`);
    expect(r.stderr).toContain(`${file}: speed.mode: must be one of fixed, channel, tach`);
    // a node the model does not have is refused by the core at the path that gave it
    const far = variant(["virtualSensors", 0, "node"], 99);
    far.model = join(ROOT, "models", "test-rig.json");
    far.recogniser = { model: join(ROOT, "models", "live", "rig-states.elm.json") };
    writeFileSync(file, JSON.stringify(far));
    const s = spawnSync(process.execPath, [join(ROOT, "bin", "twin.js"), "run", file, "--duration", "1"], { encoding: "utf8" });
    expect(s.status, s.stdout + s.stderr).toBe(2);
    expect(s.stderr).toContain(`${file}: virtualSensors[0].node: refused by the core: invalid input (value 99)`);
  });
});

describe("the rig's recogniser (models/live/rig-states.*)", () => {
  it("is what scripts/rig-states.js writes: states simulated by the device, windows by the runner, trained by twin elm train's code", () => {
    const cfg = loadRunnerConfig(EXAMPLE);
    const model = parseRotorModel(readFileSync(cfg.model!, "utf8"), cfg.model!);
    const t = trainRigRecogniser(cfg, model, Core.default());
    expect(t.csv).toBe(readFileSync(join(ROOT, "models", "live", "rig-states.features.csv"), "utf8"));
    // every number and name the same; core_sha256 records which build of the core trained the file
    // (provenance, read by nothing), so a later build of the core reproduces the rest
    const committed = JSON.parse(readFileSync(join(ROOT, "models", "live", "rig-states.elm.json"), "utf8")) as { core_sha256: string };
    expect(committed.core_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(encodeModel({ ...t.model, core_sha256: committed.core_sha256 })).toBe(readFileSync(join(ROOT, "models", "live", "rig-states.elm.json"), "utf8"));
  }, 120_000);
});
