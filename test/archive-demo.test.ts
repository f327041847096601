// The main job (src/archive/demo.ts): the bundled test rig (models/) archived with its Modelica package,
// AutomationML plant and twin description, rotor model and recorded runs; verified, rerun on the
// available engines (every run on node and node-baseline, the selfcheck run on wasm-interp and wasmtime,
// which test/helpers/engines.ts makes required under CI=true), restored from the graph alone, queried.
// Everything must hold, with the numbers it reports.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runArchiveDemo, STATE_FILES, writeStateSplits } from "../src/archive/demo.js";
import { engineAvailable } from "../src/archive/engines.js";
import { need } from "./helpers/engines.js";

const TMP = mkdtempSync(join(tmpdir(), "twin-demo-test-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("state-recognition split of models/states (models/states/README.md)", () => {
  it("trains on the windows that end by 1.8 s, holds out those that start at 1.8 s, the same bytes every time", () => {
    const dirA = mkdtempSync(join(TMP, "split-"));
    const dirB = mkdtempSync(join(TMP, "split-"));
    const n = writeStateSplits(dirA);
    writeStateSplits(dirB);
    // 5 known states × 59 windows of 0.1 s, hop 0.05 s: t_start 0..1.7 (35) train, 1.8..2.9 (23) held
    // out, 1.75 (overlapping the split) in neither; the unseen state's 59 windows apart
    expect(n).toEqual({ train: 175, test: 115, unseen: 59 });
    for (const f of Object.values(STATE_FILES)) expect(readFileSync(join(dirA, f))).toEqual(readFileSync(join(dirB, f)));
    const rows = (f: string) => readFileSync(join(dirA, f), "utf8").trimEnd().split("\n").slice(1).map((l) => l.split(","));
    const train = rows(STATE_FILES.train);
    const test = rows(STATE_FILES.test);
    expect(Math.max(...train.map((r) => Number(r[0]) + 0.1))).toBeLessThanOrEqual(1.8 + 1e-9);
    expect(Math.min(...test.map((r) => Number(r[0])))).toBeGreaterThanOrEqual(1.8 - 1e-9);
    const label = (r: string[]) => r[r.length - 1];
    expect(new Set(train.map(label))).toEqual(new Set(["s0900_u1", "s0900_u4", "s1200_u1", "s1200_u4", "s2400_u1"]));
    expect(new Set(test.map(label))).toEqual(new Set(train.map(label)));
    expect(new Set(rows(STATE_FILES.unseen).map(label))).toEqual(new Set(["s1800_u2"]));
    expect(readdirSync(dirA).sort()).toEqual(Object.values(STATE_FILES).sort());
  });
});

describe("twin demo (archive of the bundled test rig)", () => {
  let out = "";
  let code: number | undefined;
  beforeAll(async () => {
    code = await runArchiveDemo({ out: (t) => void (out += t), err: (t) => void (out += t) });
  }, 180_000);

  it("reruns the self-check run on wabt's wasm-interp", (ctx) => {
    need(ctx, "wasm-interp");
    expect(out).toMatch(/\n {11}wasm-interp {4}1\/1 runs match \(selfcheck only: the 6 twin-command runs need a JavaScript host\)\n/);
  });

  it("reruns the self-check run on wasmtime", (ctx) => {
    need(ctx, "wasmtime");
    expect(out).toMatch(/\n {11}wasmtime {7}1\/1 runs match \(selfcheck only: the 6 twin-command runs need a JavaScript host\)\n/);
  });

  it("archives, verifies, reruns bit for bit, restores byte for byte and answers the queries", () => {
    // models/modelica/RotorRig has 11 files (.mo and package.order); test-rig.aml and twin-library.aml
    expect(out).toMatch(/sources: 11 modelica, 2 aml, 1 rotor/);
    expect(out).toMatch(/runs: modal, unbalance, virtual-sensing, state-train, state-predict, state-unseen, selfcheck/);
    expect(out).toMatch(/2 verify {3}all checks pass/);
    expect(out).toMatch(/node {11}7\/7 runs match \(every run\)/);
    expect(out).toMatch(/node-baseline {2}7\/7 runs match \(every run\)/);
    // the engines not installed here are named as such (the tests above need them: skipped, or failed under CI=true)
    const used = ["node", "node-baseline"];
    const absent: string[] = [];
    for (const e of ["wasm-interp", "wasmtime"] as const) {
      if (engineAvailable(e).ok) used.push(e);
      else {
        absent.push(e);
        expect(out).toContain(`${e.padEnd(14)} not available: ${engineAvailable(e).reason}; nothing rerun on it`);
      }
    }
    expect(out).toContain(`engines used: ${used.join(", ")}${absent.length ? `; not available here: ${absent.join(", ")}` : ""}\n`);
    expect(out).toMatch(/4 restore {2}14\/14 sources regenerated from the graph alone: 14 byte-equal, 14 model-equal/);
    // the links of models/aml/test-rig.aml to the rotor model (the TestRig's RotorModel attribute and the
    // twin's ExternalDataConnector refURI, both "../test-rig.json") and to the Modelica classes that
    // realise the rig and its components (ModelicaClass attributes, modelica://RotorRig...)
    expect(out).toMatch(/TestRig +rotor model test-rig/);
    expect(out).toMatch(/PhysicalDeviceModel +rotor model test-rig/);
    expect(out).toMatch(/TestRig +RotorRig\.TestRig/);
    expect(out).toMatch(/Shaft +RotorRig\.Components\.Shaft/);
    expect(out).toMatch(/Bearing1 +RotorRig\.Components\.Bearing/);
    expect(out).toMatch(/virtual-sensing +virtual-sensing +test-rig/);
    // the first damped frequency of the rig at 300 rad/s is its first bending mode, 26.3 Hz
    // (docs/vsense.md: first critical speeds 1576 and 1679 rpm = 26.3 and 28.0 Hz)
    expect(out).toMatch(/modal at 300 rad\/s: 26\.\d, 28\.\d,/);
    // state recognition: models/states/README.md measures 0.983-0.991 two-step accuracy with these
    // settings (seeds 1-5) and every unseen window flagged; 95 % is the bound the issue asks for
    const acc = /state recognition: accuracy ([\d.]+) % on 115 held-out windows \(trained on 175\); unseen state: (\d+)\/59 windows flagged novel/.exec(out);
    expect(acc).not.toBeNull();
    expect(Number(acc![1])).toBeGreaterThanOrEqual(95);
    expect(Number(acc![2])).toBeGreaterThanOrEqual(56); // ≥ 95 % of the unseen state's windows
    // virtual sensing with a +10 % bearing-stiffness error in the filter's model: docs/vsense.md measures
    // a worst NRMSE of 0.40 % against 5.0 % for the model alone; 1 % and a factor 3 are loose bounds
    // that a broken filter (or one that ignored the measurements) would exceed
    const vs = /worst NRMSE ([\d.]+) % at nodes 4, 5, 6, 7; model alone ([\d.]+) %/.exec(out);
    expect(vs).not.toBeNull();
    expect(Number(vs![1])).toBeLessThan(1);
    expect(Number(vs![2]) / Number(vs![1])).toBeGreaterThan(3);
    expect(out).toMatch(/archive verified, rerun bit for bit, restored byte for byte/);
    expect(code).toBe(0);
  });
});
