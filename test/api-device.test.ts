// machine-twin/device against `twin device simulate` and `twin device replay`: the same summaries and
// truth, the errors the commands print for the same bad values, and the commands name their library
// equivalent.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../src/errors.js";
import { readTruth, replayDevice, simulateDevice, type ReplaySummary, type SimulateSummary } from "../src/device/index.js";
import { cli } from "./helpers/cli-run.js";

const ROOT = join(import.meta.dirname, "..");
const RIG = join(ROOT, "models", "test-rig.json");
const tmp = mkdtempSync(join(tmpdir(), "twin-api-device-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const twin = cli;

/** The summary without what depends on the wall clock or the file names. */
const clockFree = (s: SimulateSummary | ReplaySummary): Record<string, unknown> => {
  const rest: Record<string, unknown> = { ...s };
  for (const k of ["elapsedSeconds", "maxLagMs", "seconds", "truth"]) delete rest[k];
  return rest;
};

describe("simulateDevice", () => {
  it("streams what `twin device simulate --json` streams, with the same truth", async () => {
    const cli = await twin(["device", "simulate", RIG, "--to", "udp://127.0.0.1:47911", "--duration", "0.2", "--speed", "fast", "--noise", "0.01", "--tach", "--truth", join(tmp, "cli-truth"), "--json"]);
    expect(cli.code, cli.err).toBe(0);
    const run = await simulateDevice(RIG, { to: "udp://127.0.0.1:47911", duration: 0.2, realtime: false, noise: 0.01, tachWidth: 0.1, truth: join(tmp, "lib-truth") });
    const s = await run.summary;
    const c = JSON.parse(cli.out) as SimulateSummary;
    expect(clockFree(s)).toEqual(clockFree(c));
    expect(s.truth).toEqual([join(tmp, "lib-truth.json"), join(tmp, "lib-truth.f64")]);
    expect(readFileSync(join(tmp, "lib-truth.f64"))).toEqual(readFileSync(join(tmp, "cli-truth.f64")));
    expect(readTruth(join(tmp, "lib-truth")).samples).toBe(s.samples);
  });

  it("stops on stop()", async () => {
    const run = await simulateDevice(RIG, { to: "udp://127.0.0.1:47912" });
    await new Promise((r) => setTimeout(r, 200));
    const s = await run.stop();
    expect(s.interrupted).toBe(true);
  });

  it("a value the simulator refuses: an ArgumentError naming the option, the CLI's message with its flag", async () => {
    const cli = await twin(["device", "simulate", RIG, "--to", "udp://127.0.0.1:47913", "--duration", "0.1", "--noise", "0.1,0.2,0.3"]);
    expect(cli.code).toBe(2);
    const e = await simulateDevice(RIG, { to: "udp://127.0.0.1:47913", duration: 0.1, noise: [0.1, 0.2, 0.3] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ArgumentError);
    expect((e as ArgumentError).path).toBe("noise");
    const msg = (e as Error).message;
    expect(msg).toBe("noise: needs none, one, or one std per sensor channel");
    expect(cli.err.startsWith(`twin device simulate: --${msg}\n`)).toBe(true);
  });

  it("unbalance on a node the model does not have: the path of the value", async () => {
    await expect(simulateDevice(RIG, { to: "udp://127.0.0.1:47913", duration: 0.1, unbalance: [{ node: 99, magnitude: 1e-4, phase: 0 }] })).rejects.toMatchObject({ name: "ArgumentError", path: "unbalance[0].node", message: "unbalance[0]: node: is not a shaft node of the model (an unbalance sits on the shaft)" });
  });

  it("a transport it cannot use", async () => {
    await expect(simulateDevice(RIG, { to: "tcp://x" })).rejects.toMatchObject({ name: "ArgumentError", path: "to" });
  });
});

describe("replayDevice", () => {
  const csv = join(tmp, "rec.csv");
  const rows = ["t,a,b"];
  for (let i = 0; i < 500; i++) rows.push(`${i / 1000},${Math.sin(i / 10).toFixed(4)},${i === 7 ? "x" : Math.cos(i / 10).toFixed(4)}`);
  writeFileSync(csv, rows.join("\n") + "\n");

  it("sends what `twin device replay --json` sends, reporting the same refused rows", async () => {
    const cli = await twin(["device", "replay", csv, "--to", "udp://127.0.0.1:47914", "--time", "t", "--speed", "fast", "--format", "int16", "--scale", "1e-4", "--json"]);
    expect(cli.code, cli.err).toBe(0);
    const problems: string[] = [];
    const run = await replayDevice(csv, { to: "udp://127.0.0.1:47914", time: "t", speed: "fast", format: "int16", scale: 1e-4, onProblem: (p) => problems.push(`${p.file}:${p.line}${p.column !== undefined ? `:${p.column}` : ""}: ${p.reason} (row skipped)\n`) });
    const s = await run.summary;
    expect(clockFree(s)).toEqual(clockFree(JSON.parse(cli.out) as ReplaySummary));
    expect(s.refusedRows).toBe(1);
    expect(problems.join("")).toBe(cli.err);
  });

  it("an option that does not fit: ArgumentError with the option's path", async () => {
    await expect(replayDevice(csv, { to: "udp://127.0.0.1:47914", format: "int16" })).rejects.toMatchObject({ name: "ArgumentError", path: "scale" });
  });
});

describe("the commands name their library equivalent", () => {
  for (const [argv, name] of [[["device", "simulate", "--help"], "simulateDevice"], [["device", "replay", "--help"], "replayDevice"], [["broker", "--help"], "startBroker"]] as const) {
    it(argv.join(" "), async () => {
      const r = await twin([...argv]);
      expect(r.out).toMatch(new RegExp(`import \\{ ${name} \\} from "machine-twin/(device|live)"`));
    });
  }
});
