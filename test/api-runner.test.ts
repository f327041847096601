// machine-twin/runner against `twin run` and `twin session replay`: the library functions give what
// the commands print with --json, a malformed configuration object gives the error the command prints
// for the same JSON in a file (minus the file's name), and the commands name their library equivalent.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import { replaySession, runTwin, RunnerConfigError, validateRunnerConfig, type RunnerRecord, type RunSummary } from "../src/runner/index.js";
import { cli } from "./helpers/cli-run.js";

const ROOT = join(import.meta.dirname, "..");
const TABLE = join(ROOT, "models", "live", "rig-states.features.csv");
const tmp = mkdtempSync(join(tmpdir(), "twin-api-runner-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const twin = cli;

/** The bundled feature table as a 10 Hz stream, an I-MR chart and an alarm on it. */
function featureConfig(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: "twin-runner-config",
    version: 1,
    input: "features",
    source: { url: `replay:${TABLE}?speed=fast&fs=10&columns=ax_1_rms,ay_1_rms`, channels: 2 },
    features: [
      { name: "ax_rms", channel: 0 },
      { name: "ay_rms", channel: 1 },
    ],
    monitors: [{ name: "ax", feature: "ax_rms", chart: "imr", learn: 40 }],
    alarms: [{ id: "ax-high", source: "spc:ax", priority: "medium" }],
    ...over,
  };
}

/** What does not depend on the wall clock. */
function stable(s: RunSummary): Omit<RunSummary, "latency" | "session"> {
  const { latency: _l, session: _s, ...rest } = s;
  void _l;
  void _s;
  return rest;
}

const written = (name: string, doc: unknown): string => {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
};

describe("runTwin", () => {
  it("gives the records and the summary `twin run --json` prints", async () => {
    const file = written("features.json", featureConfig());
    const cli = await twin(["run", file, "--json"]);
    expect(cli.code, cli.err).toBe(0);
    const lines = cli.out.trimEnd().split("\n").map((l) => JSON.parse(l) as RunnerRecord | RunSummary);
    const cliSummary = lines.pop() as RunSummary;
    const records: RunnerRecord[] = [];
    const run = await runTwin(featureConfig(), { onRecord: (r) => records.push(r) });
    const summary = await run.summary;
    expect(run.reason).toBe("end of the source");
    expect(stable(summary)).toEqual(stable(cliSummary));
    const charted = (rs: (RunnerRecord | RunSummary)[]): unknown[] => rs.filter((r) => r.type === "spc" || r.type === "alarm" || r.type === "window");
    expect(charted(records)).toEqual(charted(lines));
    expect(summary.alarmsRaised).toBe(1);
  });

  it("takes a configuration file as `twin run` does, and stops on stop()", async () => {
    const file = written("features-file.json", featureConfig({ source: { url: `replay:${TABLE}?speed=1&fs=10&columns=ax_1_rms,ay_1_rms`, channels: 2 } }));
    const run = await runTwin(file);
    const summary = await run.stop();
    expect(run.reason).toBe("stopped");
    expect(summary.processed).toBeLessThan(156);
  });

  it("stops after a duration", async () => {
    const run = await runTwin(featureConfig({ source: { url: `replay:${TABLE}?speed=1&fs=10&columns=ax_1_rms,ay_1_rms`, channels: 2 } }), { duration: 0.3 });
    await run.summary;
    expect(run.reason).toBe("duration");
  });
});

describe("a malformed configuration", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["a channel beyond the source", featureConfig({ features: [{ name: "a", channel: 5 }] }), "features[0].channel"],
    ["a missing key", (() => {
      const c = featureConfig();
      delete c.features;
      return c;
    })(), "features"],
    ["an alarm on nothing", featureConfig({ alarms: [{ id: "x", source: "spc:nothing", priority: "low" }] }), "alarms[0].source"],
    ["a bad sink", featureConfig({ sinks: [{ type: "csv", path: "out.csv" }] }), "sinks[0].path"],
    ["a wrong format", featureConfig({ format: "other" }), "format"],
  ];
  for (const [what, doc, path] of cases) {
    it(`${what}: the typed error and the message the CLI prints, minus the file`, async () => {
      const file = written(`bad-${path.replace(/\W/g, "_")}.json`, doc);
      const cli = await twin(["run", file]);
      expect(cli.code).toBe(2);
      let caught: unknown;
      try {
        validateRunnerConfig(doc);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(RunnerConfigError);
      expect(caught).toBeInstanceOf(InputError);
      const e = caught as RunnerConfigError;
      expect(e.path).toBe(path);
      expect(e.file).toBeUndefined();
      expect(cli.err).toBe(e.lines().map((l) => `${file}: ${l}`).join("\n") + "\n");
      // runTwin refuses the object the same way, before anything starts
      await expect(runTwin(doc)).rejects.toThrow(e.message);
    });
  }

  it("a file's error holds the file and the path", async () => {
    const file = written("bad-file.json", featureConfig({ features: [{ name: "a", channel: 5 }] }));
    await expect(runTwin(file)).rejects.toMatchObject({ name: "RunnerConfigError", file, path: "features[0].channel" });
  });

  it("a JSON syntax error is located by line and column", async () => {
    const file = join(tmp, "syntax.json");
    writeFileSync(file, '{\n  "format": "twin-runner-config",\n  "version": 1,\n}\n');
    const cli = await twin(["run", file]);
    await expect(runTwin(file)).rejects.toMatchObject({ name: "RunnerConfigError", file, line: 4 });
    const e = await runTwin(file).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(RunnerConfigError);
    expect(cli.err).toBe(`${(e as RunnerConfigError).message}\n`);
  });
});

describe("replaySession", () => {
  it("gives what `twin session replay --json` prints, and the live outputs bit for bit", async () => {
    const dir = join(tmp, "session");
    const run = await runTwin(featureConfig(), { record: dir });
    await run.summary;
    const out = join(tmp, "outputs-cli.f64");
    const cli = await twin(["session", "replay", join(dir, "session.json"), join(dir, "request.f64"), join(dir, "input.twrec"), "-o", out, "--json"]);
    expect(cli.code, cli.err).toBe(0);
    const lib = replaySession(dir, { output: join(tmp, "outputs-lib.f64") });
    expect(lib.summary).toEqual(JSON.parse(cli.out));
    expect(readFileSync(join(tmp, "outputs-lib.f64"))).toEqual(readFileSync(join(dir, "outputs.f64")));
    expect(readFileSync(out)).toEqual(readFileSync(join(dir, "outputs.f64")));
  });

  it("names a file that is not a session", () => {
    expect(() => replaySession(join(tmp, "nowhere"))).toThrow(InputError);
  });
});

describe("the commands name their library equivalent", () => {
  for (const [argv, name] of [[["run", "--help"], "runTwin"], [["session", "replay", "--help"], "replaySession"]] as const) {
    it(argv.join(" "), async () => {
      const r = await twin([...argv]);
      expect(r.out).toContain(`import { ${name} } from "machine-twin/runner"`);
    });
  }
});
