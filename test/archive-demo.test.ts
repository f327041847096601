// The main job (src/archive/demo.ts): the test rig archived with its Modelica model, AutomationML
// plant and twin description, rotor model and recorded runs; verified, rerun on every available
// engine, restored from the graph alone, queried. Everything must hold, with the numbers it reports.
import { describe, expect, it } from "vitest";
import { runArchiveDemo } from "../src/archive/demo.js";
import { engineAvailable } from "../src/archive/engines.js";

describe("twin demo (archive of the test rig)", () => {
  it("archives, verifies, reruns bit for bit, restores byte for byte and answers the queries", async () => {
    let out = "";
    const code = await runArchiveDemo({ out: (t) => void (out += t), err: (t) => void (out += t) });
    expect(out).toMatch(/sources: 7 modelica, 2 aml, 1 rotor/);
    expect(out).toMatch(/2 verify {3}all checks pass/);
    expect(out).toMatch(/node {11}6\/6 runs match/);
    expect(out).toMatch(/node-baseline {2}6\/6 runs match/);
    expect(out).toMatch(/wasm-interp {4}1\/1 runs match/);
    if (engineAvailable("wasmtime").ok) expect(out).toMatch(/wasmtime {7}1\/1 runs match/);
    else expect(out).toMatch(/wasmtime {7}not available/);
    expect(out).toMatch(/4 restore {2}10\/10 sources regenerated from the graph alone: 10 byte-equal, 10 model-equal/);
    // the links of the plant to its models, found through the AutomationML refURI attributes
    expect(out).toMatch(/DriveTrainDynamics +TestRig.RotorBearing/);
    expect(out).toMatch(/Rotor +rotor model test-rig/);
    // the recorded analyses themselves: state recognition on well separated classes, and a virtual
    // sensor whose error is small against the signal (the UKF's steady-state error on this case is
    // about 2 % of the RMS displacement; 10 % is a loose bound that a broken filter would exceed)
    expect(out).toMatch(/state recognition: accuracy 100.0 %/);
    const m = /RMS error ([\d.]+) um over a signal of ([\d.]+) um RMS/.exec(out);
    expect(m).not.toBeNull();
    expect(Number(m![1]) / Number(m![2])).toBeLessThan(0.1);
    expect(code).toBe(0);
  }, 180_000);
});
