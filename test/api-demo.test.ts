// The demo's library face (src/demo/index.ts, re-exported by the package root): the rotor demo's
// report is what `twin demo --rotor` prints. (The full demo, minutes long, runs in archive-demo.test.ts.)
import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import { runRotorDemo } from "../src/demo/index.js";

describe("runRotorDemo", () => {
  it("gives the report `twin demo --rotor` prints", async () => {
    let out = "";
    const code = await main(["demo", "--rotor"], { out: (t) => void (out += t), err: () => {} });
    expect(code).toBe(0);
    expect(runRotorDemo()).toBe(out);
  });

  it("`twin demo --help` names runDemo", async () => {
    let out = "";
    await main(["demo", "--help"], { out: (t) => void (out += t), err: () => {} });
    expect(out).toContain('import { runDemo } from "machine-twin"');
  });
});
