// machine-twin/signal: computeFeatures gives the table `twin features` writes, and bad options or
// signals get the typed errors the command reports.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError, InputError } from "../src/index.js";
import { computeFeatures, featureCsv, featureNames, parseSignalCsv, readSignalCsv } from "../src/signal/index.js";
import { cli, thrown } from "./helpers/cli-run.js";

const TMP = mkdtempSync(join(tmpdir(), "twin-api-signal-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));



const FS = 1000;
const SIGNAL = join(TMP, "signal.csv");
{
  const lines = ["t,x,y"];
  for (let i = 0; i < 2 * FS; i++) {
    const t = i / FS;
    lines.push(`${t},${(Math.sin(2 * Math.PI * 25 * t) + 0.1 * Math.sin(2 * Math.PI * 133 * t)).toFixed(6)},${(0.5 * Math.cos(2 * Math.PI * 50 * t + 0.2) + 0.05 * Math.sin(i)).toFixed(6)}`);
  }
  writeFileSync(SIGNAL, lines.join("\n") + "\n");
}

describe("computeFeatures equals `twin features`", () => {
  const cases: [string[], Parameters<typeof computeFeatures>[1]][] = [
    [["--fs", "1000", "--window", "256"], { fs: 1000, window: 256 }],
    [["--fs", "1000", "--window", "200", "--hop", "50", "--bands", "5", "--window-fn", "flattop"], { fs: 1000, window: 200, hop: 50, bands: 5, windowFn: "flattop" }],
    [["--fs", "1000", "--window", "400", "--speed-rpm", "1500", "--orders", "4"], { fs: 1000, window: 400, speedRpm: 1500, orders: 4 }],
  ];
  for (const [flags, options] of cases) {
    it(flags.join(" "), async () => {
      const r = await cli(["features", SIGNAL, ...flags]);
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      const fromFile = computeFeatures(SIGNAL, options);
      expect([...featureCsv(fromFile)].join("")).toBe(r.out);
      const fromTable = computeFeatures(parseSignalCsv(readFileSync(SIGNAL, "utf8"), SIGNAL), options);
      expect([...featureCsv(fromTable)].join("")).toBe(r.out);
      expect(fromFile.header.slice(1, 1 + fromFile.result.names.length)).toEqual(featureNames(options.bands ?? 8, options.orders ?? (options.speedRpm ? 3 : 0)).map((n) => `x_${n}`));
    });
  }
});

describe("bad input: typed errors, located", () => {
  it("options: ArgumentError naming the option; the command names its flag", async () => {
    const signal = readSignalCsv(SIGNAL);
    for (const [options, path] of [
      [{ fs: 0, window: 10 }, "fs"],
      [{ fs: 100, window: 1 }, "window"],
      [{ fs: 100, window: 16, bands: 9 }, "bands"],
      [{ fs: 100, window: 16, windowFn: "kaiser" }, "windowFn"],
      [{ fs: 100, window: 16, orders: 2 }, "orders"],
      [{ fs: 1000, window: 64, speedRpm: 12000, orders: 3 }, "speedRpm"],
    ] as const) {
      const e = thrown(() => computeFeatures(signal, options as never));
      expect(e).toBeInstanceOf(ArgumentError);
      expect(e.path).toBe(path);
    }
    const e = thrown(() => computeFeatures(signal, { fs: 1000, window: 64, speedRpm: 12000 }));
    const r = await cli(["features", SIGNAL, "--fs", "1000", "--window", "64", "--speed-rpm", "12000"]);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe(`twin features: --speed-rpm 12000${e.message.slice("speedRpm 12000".length)}`);
  });

  it("signals: the command's message, located by file and line", async () => {
    const flat = join(TMP, "flat.csv");
    writeFileSync(flat, "a,b\n" + Array.from({ length: 12 }, (_, i) => `${i % 3},7`).join("\n") + "\n");
    const r = await cli(["features", flat, "--fs", "10", "--window", "4", "--bands", "2"]);
    expect(r.code).toBe(2);
    const e = thrown(() => computeFeatures(flat, { fs: 10, window: 4, bands: 2 }));
    expect(e).toBeInstanceOf(InputError);
    expect(r.err).toBe(`${e.message}\n`);
    const short = thrown(() => computeFeatures(parseSignalCsv("a\n1\n2\n", "short.csv"), { fs: 10, window: 4 }));
    expect(short.message).toBe("short.csv: 2 data rows, fewer than the window of 4 samples");
    const cell = thrown(() => parseSignalCsv("a,b\n1,x\n", "cell.csv"));
    expect([cell.file, cell.line, cell.column]).toEqual(["cell.csv", 2, 3]);
  });
});
