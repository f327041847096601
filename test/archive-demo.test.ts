// The main job (`twin demo`, src/demo/archive.ts): the bundled test rig (models/) archived with its
// Modelica package, AutomationML plant and twin description, rotor model and recorded runs; verified,
// every run rerun on every available engine (node x3, wabt, binaryen, wasmtime: test/helpers/engines.ts
// makes them required under CI=true), restored from the graph alone, queried. Everything must hold,
// with the numbers it reports. Then the package it keeps is rerun with the engines' own command-line
// tools alone (wabt: wast2json + spectest-interp; binaryen: wasm-shell): no node, no twin module.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ENGINES, STATE_FILES, writeStateSplits } from "../src/demo/archive.js";
import { engineAvailable } from "../src/archive/engines.js";
import { digestWords } from "../src/archive/wast.js";
import { need, programPath } from "./helpers/engines.js";

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
  const PKG = join(TMP, "demo-pkg");
  const RUNS = ["modal", "unbalance", "virtual-sensing", "state-train", "state-predict", "state-unseen", "live-session", "selfcheck"];
  let out = "";
  let code: number | null = null;
  beforeAll(() => {
    const r = spawnSync(process.execPath, [join(import.meta.dirname, "..", "bin", "twin.js"), "demo", "--keep", PKG], { encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined }, maxBuffer: 1 << 26 });
    out = r.stdout + r.stderr;
    code = r.status;
  }, 900_000);

  it("archives, verifies, reruns every run on every engine bit for bit, restores byte for byte and answers the queries", () => {
    expect(out).toMatch(/^twin demo: the bundled laboratory test rig \(models\/\) live, then archived/);
    // models/modelica/RotorRig has 11 files (.mo and package.order); test-rig.aml and twin-library.aml
    expect(out).toMatch(/sources: 11 modelica, 2 aml, 1 rotor/);
    expect(out).toMatch(/runs: modal, unbalance, virtual-sensing, state-train, state-predict, state-unseen, live-session, selfcheck/);
    expect(out).toMatch(/2 verify {3}all checks pass/);
    // every engine that is here reruns all eight runs (the interpreters all but the live session, which
    // takes them minutes: the stock-tools test below reruns it on wabt); an absent one is named, never
    // counted as a match
    const used: string[] = [];
    const absent: string[] = [];
    for (const e of DEMO_ENGINES) {
      if (engineAvailable(e).ok) {
        used.push(e);
        const interp = e === "wasm-interp" || e === "binaryen";
        expect(out).toMatch(new RegExp(`\\n {11}${e.padEnd(14)} ${interp ? "7/7 \\(1 skipped\\)" : "8/8"}  (rerun modules|the runs' \\.wast on the engine's own harness), [\\d.]+ s\\n`));
      } else {
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
    // virtual sensing with a +10 % bearing-stiffness error in the filter's model, the demo's short study
    // (0.5 s at 1 kHz after a 0.5 s run-up): 0.77 % worst NRMSE against 4.9 % for the model alone
    // (docs/vsense.md measures 0.40 % and 5.0 % over 2 s at 2 kHz); 1 % and a factor 3 are bounds that
    // a broken filter (or one that ignored the measurements) would exceed
    const vs = /worst NRMSE ([\d.]+) % at nodes 4, 5, 6, 7; model alone ([\d.]+) %/.exec(out);
    expect(vs).not.toBeNull();
    expect(Number(vs![1])).toBeLessThan(1);
    expect(Number(vs![2]) / Number(vs![1])).toBeGreaterThan(3);
    expect(out).toMatch(/live run recognised and alarmed; archive verified, rerun bit for bit, restored byte for byte in [\d.]+ s; package kept at /);
    expect(out.split("\n").length).toBeLessThan(60);
    expect(code).toBe(0);
  });

  it("runs the rig live: both transports, the virtual sensors scored, the unbalance step recognised and alarmed, the session archived", () => {
    expect(out).toMatch(/0 live {5}the rig simulated by the core \(1200 rpm, 4000 Hz, 8 s after 4 s from rest\), streamed at its real rate over UDP and MQTT/);
    expect(out).toMatch(/UDP runner: 160\/160 frames, 0 lost; MQTT runner: 160\/160; outputs identical bit for bit/);
    const nrmse = [...out.matchAll(/mid_[xy] ([\d.]+) %/g)].map((m) => Number(m[1]));
    expect(nrmse.length).toBe(2);
    // the issue's bound for online virtual sensing: 2 % (the offline filter reaches 0.3-0.4 %)
    for (const x of nrmse) expect(x).toBeLessThan(2);
    expect(out).toMatch(/state "unbalance" recognised in window [12] after the step/);
    expect(out).toMatch(/SPC alarm mid-vibration \(we\d\) at 10\.\d\d s; before it: normal, no alarm/);
    expect(out).toMatch(/session: 160 input units, 160 blocks; replayed through the core in one job: the live outputs bit for bit/);
  });

  it("keeps a package that twin archive verify accepts", () => {
    const v = spawnSync(process.execPath, [join(import.meta.dirname, "..", "bin", "twin.js"), "archive", "verify", PKG, "--json"], { encoding: "utf8" });
    expect(v.status, v.stdout + v.stderr).toBe(0);
    expect(JSON.parse(v.stdout).ok).toBe(true);
  });

  it("every run reruns with the stock tools alone (wast2json + spectest-interp, wasm-shell) and gives the recorded hash", (ctx) => {
    need(ctx, "wast2json", "spectest-interp", "wasm-shell");
    expect(readdirSync(join(PKG, "data", "runs")).sort()).toEqual([...RUNS].sort());
    for (const id of RUNS) {
      const dir = join(PKG, "data", "runs", id);
      const rec = JSON.parse(readFileSync(join(dir, "run.json"), "utf8"));
      // the hash each script asserts is the one its run.json records: the digest's four words for an
      // invocation, each self-check's value for the self-check run
      const wast = readFileSync(join(dir, "rerun.wast"), "utf8");
      const asserted = [...wast.matchAll(/^\(assert_return \(invoke "(\w+)"\) \(i64\.const (-?\d+)\)\)$/gm)].map((m) => [m[1], BigInt.asUintN(64, BigInt(m[2]!)).toString()]);
      const recorded =
        rec.kind === "invocation"
          ? ["rerun", "digest1", "digest2", "digest3"].map((f, k) => [f, digestWords(rec.invocation.result.digest)[k]!.toString()])
          : Object.entries(JSON.parse(readFileSync(join(dir, "outputs", "selfcheck.json"), "utf8")) as Record<string, string>).map(([f, v]) => [f, BigInt.asUintN(64, BigInt(v)).toString()]);
      expect(asserted, id).toEqual(recorded);
      // wabt: the spec-test harness passes every assertion
      const j = join(TMP, `${id}.json`);
      const a = spawnSync(programPath("wast2json")!, [join(dir, "rerun.wast"), "-o", j], { encoding: "utf8" });
      expect(a.status, a.stderr).toBe(0);
      const b = spawnSync(programPath("spectest-interp")!, [j], { encoding: "utf8" });
      expect(b.status, `${id}: ${b.stdout}${b.stderr}`).toBe(0);
      // spectest-interp counts the module's instantiation as a test, then each assertion
      expect(b.stdout).toContain(`${recorded.length + 1}/${recorded.length + 1} tests passed`);
      // binaryen: wasm-shell checks each assertion (and exits non-zero on a failed one); it reports on
      // stderr. The live session takes it minutes (a binaryen interpreter over thousands of filter
      // steps): wabt above has rerun it with the stock tools, `twin archive rerun` does it on binaryen
      if (id === "live-session") continue;
      const c = spawnSync(programPath("wasm-shell")!, [join(dir, "rerun.wast")], { encoding: "utf8", maxBuffer: 1 << 26 });
      expect(c.status, `${id}: ${c.stderr.slice(-2000)}`).toBe(0);
      const seen = [...(c.stdout + c.stderr).matchAll(/seen (-?\d+), expected (-?\d+)/g)];
      expect(seen.length, id).toBe(recorded.length);
      for (const m of seen) expect(m[1], id).toBe(m[2]);
    }
  }, 900_000);
});
