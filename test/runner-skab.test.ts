// Real signals through the runner's monitoring path (src/demo/skab.ts): the SKAB pump test bed's
// per-second files replayed as a feature stream; the charts and the recogniser learn on the normal
// file; the sharp rotor imbalance of experiment 14 (recorded the same day) is detected after its
// labelled changepoint. bench/runner.js reports every file's figures.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { learnSkab, runSkabExperiment, SKAB_DIR } from "../src/demo/skab.js";

describe("the SKAB pump test bed through the monitoring path", () => {
  const learned = learnSkab();

  it("learns the normal file's limits with the core's learner and a one-class recogniser", () => {
    expect(learned.monitors.map((m) => `${m.feature}:${m.chart}`)).toEqual(["Accelerometer1RMS:imr", "Accelerometer2RMS:imr", "Current:ewma", "Volume_Flow_RateRMS:ewma"]);
    for (const m of learned.monitors) expect(m.sigma).toBeGreaterThan(0);
    expect(learned.recogniser.classes).toEqual(["normal"]);
  });

  it("replays every row of an experiment file, counts the missing seconds as lost frames, and detects the sharp imbalance after its changepoint", async () => {
    const file = "skab_pump_state-rotor-imbalance_sharp_other14.csv";
    const e = await runSkabExperiment(file, learned);
    const rows = readFileSync(join(SKAB_DIR, file), "utf8").trim().split("\n").length - 1;
    expect(e.rows).toBe(rows);
    expect(e.summary.processed).toBe(rows);
    // every 2 s interval of the datetime column is one second without a row
    const t = readFileSync(join(SKAB_DIR, file), "utf8").trim().split("\n").slice(1).map((l) => Date.parse(l.split(",")[0]!.replace(" ", "T") + "Z") / 1000);
    const missing = t.slice(1).reduce((n, x, i) => n + (x - t[i]! - 1), 0);
    expect(e.summary.lost).toBe(missing);
    expect(e.changepoint).toBe(600);
    expect(e.detection).not.toBeNull();
    expect(e.detection!.delay).toBeGreaterThanOrEqual(0);
    expect(e.detection!.delay).toBeLessThan(60);
  });
});
