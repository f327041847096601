// `twin virtual-sensing` and `twin sensor-placement` as a user runs them (node bin/twin.js).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const RIG = join(ROOT, "models", "test-rig.json");
const TMP = mkdtempSync(join(tmpdir(), "twin-vsense-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function twin(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined, ...env }, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a command with job recording on (src/core/job.ts): it must make exactly one job call. */
function recorded(args: string[], entry: string): { out: string; result: Float64Array } {
  const dir = mkdtempSync(join(TMP, "rec-"));
  const r = twin(args, { TWIN_RECORD_JOB: dir });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const job = JSON.parse(readFileSync(join(dir, "job.json"), "utf8"));
  expect(job.entry).toBe(entry);
  const bytes = readFileSync(join(dir, "result.f64"));
  expect(bytes.length).toBe(8 * job.result.values);
  return { out: r.stdout, result: new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8) };
}

describe("one job call per command, every reported number from the result buffer", () => {
  it("twin virtual-sensing --json --out", () => {
    const csv = join(TMP, "rec.csv");
    const { out, result } = recorded(["virtual-sensing", RIG, "--t-end", "0.5", "--discard", "0.1", "--json", "--out", csv], "jobVirtualSensing");
    const r = JSON.parse(out);
    expect(r.worst_nrmse).toBe(result[11]);
    expect(r.speed).toBe(result[1]);
    expect(r.estimates[0].nrmse).toBe(result[13 + 8 + 4 * 4 + 2]);
    // the CSV's first row is the result's first series row
    const first = readFileSync(csv, "utf8").split("\n")[1]!.split(",").map(Number);
    const at = result.length - result[12]! * first.length;
    expect(first).toEqual(Array.from(result.subarray(at, at + first.length)));
  });

  it("twin sensor-placement and twin states generate", () => {
    const sp = recorded(["sensor-placement", RIG, "--count", "4", "--t-end", "0.5", "--discard", "0.1", "--json"], "jobSensorPlacement");
    expect(JSON.parse(sp.out).fisher_det).toBe(sp.result[5]);
    const dir = join(TMP, "states-rec");
    const st = recorded(["states", "generate", "--out", dir], "jobStatesGenerate");
    expect(st.out).toMatch(/13 files/);
    expect(st.result[1]).toBe(6);
  });
});

describe("twin virtual-sensing", () => {
  it("matched and mismatched runs: JSON figures, the mismatch reported", () => {
    const base = ["virtual-sensing", RIG, "--unbalance", "4:1e-4:0", "--sensors", "1:x,1:y,10:x,10:y", "--estimate", "5:x,5:y,6:x,6:y", "--noise", "0.01", "--json"];
    const m = twin(base);
    expect(m.stderr).toBe("");
    expect(m.code).toBe(0);
    const r = JSON.parse(m.stdout);
    expect(r.speed_rpm).toBeCloseTo(1200, 9);
    expect(r.estimates.map((e: { dof: string }) => e.dof)).toEqual(["5:x", "5:y", "6:x", "6:y"]);
    expect(r.worst_nrmse).toBeLessThan(0.05);
    const mm = JSON.parse(twin([...base, "--mismatch", "bearing-k=+10%"]).stdout);
    expect(mm.mismatch).toEqual(["bearing-k=+10%"]);
    expect(mm.worst_nrmse).toBeGreaterThan(r.worst_nrmse);
    expect(mm.worst_nrmse).toBeLessThan(0.05);
  });

  it("text report and CSV time series", () => {
    const out = join(TMP, "run.csv");
    const r = twin(["virtual-sensing", RIG, "--t-end", "1", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/worst NRMSE \d+\.\d+ %/);
    expect(r.stdout).toMatch(/first 0\.5 s left out/);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("t,acc_1_x,acc_1_y,acc_10_x,acc_10_y,disp_4_x,est_4_x,disp_4_y,est_4_y,disp_5_x,est_5_x,disp_5_y,est_5_y,disp_6_x,est_6_x,disp_6_y,est_6_y,disp_7_x,est_7_x,disp_7_y,est_7_y");
    expect(lines.length).toBe(1 + 2000);
  });

  it("accelerometers on the bearing housings: sensors and estimates at pedestal nodes 12 and 13", () => {
    // the rig's pedestal nodes (docs/rotor.md): 12 under bearings[0] (shaft node 1), 13 under bearings[1]
    const out = join(TMP, "housings.csv");
    const r = twin(["virtual-sensing", RIG, "--sensors", "12:x,12:y,13:x,13:y", "--estimate", "5:x,5:y,1:x", "--t-end", "1", "--json", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout);
    expect(v.sensors.map((s: { dof: string }) => s.dof)).toEqual(["12:x", "12:y", "13:x", "13:y"]);
    expect(v.worst_nrmse).toBeLessThan(0.05);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("t,acc_12_x,acc_12_y,acc_13_x,acc_13_y,disp_5_x,est_5_x,disp_5_y,est_5_y,disp_1_x,est_1_x");
    // the housing moves less than the journal it carries, but it moves
    const col = (name: string) => lines.slice(1).map((l) => Number(l.split(",")[lines[0]!.split(",").indexOf(name)]));
    expect(Math.max(...col("acc_12_x").map(Math.abs))).toBeGreaterThan(0);
    const e = twin(["virtual-sensing", RIG, "--sensors", "1:x,1:y,10:x,10:y", "--estimate", "12:x,13:y", "--t-end", "1", "--json"]);
    expect(e.code).toBe(0);
    const est = JSON.parse(e.stdout);
    expect(est.estimates.map((d: { dof: string }) => d.dof)).toEqual(["12:x", "13:y"]);
    for (const d of est.estimates) expect(d.nrmse).toBeLessThan(0.05);
  });

  it("bad command lines exit 2 with a message", () => {
    const cases: [string[], RegExp][] = [
      // the rig has shaft nodes 0..11 and pedestal nodes 12, 13: 14 is the first that does not exist
      [["--sensors", "1:x,14:x"], /--sensors "1:x,14:x" \(item 2, 14:x\): node 14 does not exist \(valid: shaft nodes 0\.\.11, pedestal nodes 12\.\.13\)/],
      [["--estimate", "5:x,99:y"], /--estimate "5:x,99:y" \(item 2, 99:y\): node 99 does not exist/],
      [["--unbalance", "12:1e-4:0"], /--unbalance "12:1e-4:0": pedestal node 12 \(pedestals\[0\], under bearings\[0\] at shaft node 1\) is not on the shaft/],
      [["--sensors", "1:z"], /NODE:DIR/],
      [["--mismatch", "bearing-k=10"], /PARAMETER=\+P%/],
      [["--estimate", "1:x"], /1:x carries a sensor/],
      [["--modes", "0"], /--modes/],
      [["--discard", "2"], /--discard/],
      [["--unbalance", "4:0:0"], /non-zero/],
      // conditions the core checks, reported against the option that gave the refused value
      [["--speed-rpm", "70000"], /--speed-rpm 70000: the shaft frequency is not below half the sampling frequency/],
      [["--t-end", "0.0001"], /--t-end 0\.0001: the recording must hold 2 to/],
      [["--seed", "1e17"], /--seed 1e17: must be at most 2\^53/],
    ];
    for (const [args, msg] of cases) {
      const r = twin(["virtual-sensing", RIG, ...args]);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  });
});

describe("twin sensor-placement", () => {
  it("chooses N sensors by EfI-DPR and checks them by virtual sensing", () => {
    const r = twin(["sensor-placement", RIG, "--count", "4", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.method).toBe("efi-dpr");
    expect(p.sensors.length).toBe(4);
    expect(p.target_modes).toBe(4);
    expect(p.removed.length).toBe(24 - 4);
    expect(p.check.worst_nrmse).toBeLessThan(0.05);
    expect(p.bearing_sensors.sensors.map((s: { dof: string }) => s.dof)).toEqual(["1:x", "1:y", "10:x", "10:y"]);
    const chosen = p.sensors.map((s: { dof: string }) => s.dof);
    for (const e of p.check.estimates) expect(chosen).not.toContain(e.dof);
  });

  it("takes pedestal nodes as candidates", () => {
    const r = twin(["sensor-placement", RIG, "--count", "4", "--candidates", "1:x,1:y,5:x,5:y,10:x,10:y,12:x,12:y,13:x,13:y", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const p = JSON.parse(r.stdout);
    expect(p.candidates).toEqual(["1:x", "1:y", "5:x", "5:y", "10:x", "10:y", "12:x", "12:y", "13:x", "13:y"]);
    expect(p.sensors.length + p.removed.length).toBe(10);
    const bad = twin(["sensor-placement", RIG, "--count", "2", "--candidates", "1:x,14:x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--candidates "1:x,14:x" \(item 2, 14:x\): node 14 does not exist \(valid: shaft nodes 0\.\.11, pedestal nodes 12\.\.13\)/);
  });

  it("rejects more target modes than sensors", () => {
    const r = twin(["sensor-placement", RIG, "--count", "2", "--modes", "3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at least as many sensors as target modes/);
  });
});
