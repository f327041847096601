// `twin features` end to end: CSV in, CSV out, run as a child process on the built package
// (`npx tsc` / npm test build dist first). TWIN_CORE_WASM, if set, is passed on.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Core } from "../src/core/core.js";
import { SignalCore, featureNames } from "../src/signal/core.js";
import { parseSignalCsv, splitCsvLine } from "../src/signal/csv.js";
import { InputError } from "../src/io/args.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const TMP = mkdtempSync(join(tmpdir(), "twin-features-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function twin(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function readCsv(text: string): { header: string[]; rows: number[][] } {
  const lines = text.trimEnd().split("\n");
  return { header: lines[0]!.split(","), rows: lines.slice(1).map((l) => l.split(",").map(Number)) };
}

const FS = 2000;
const RPM = 1487;
const F0 = RPM / 60;
const N = 6000;

/** Two channels and a t column starting at 10 s: "drive" has 1X/2X/3X, "fan" a 440 Hz tone. */
function signalCsv(): string {
  let s = "t,drive,fan\n";
  for (let j = 0; j < N; j++) {
    const t = j / FS;
    const drive = 0.8 * Math.cos(2 * Math.PI * F0 * t + 0.2) + 0.3 * Math.cos(2 * Math.PI * 2 * F0 * t - 0.5) + 0.1 * Math.cos(2 * Math.PI * 3 * F0 * t + 1);
    const fan = 0.5 * Math.sin(2 * Math.PI * 440 * t) + 0.01 * Math.sin(j * j);
    s += `${10 + t},${drive},${fan}\n`;
  }
  return s;
}

describe("twin features", () => {
  const input = join(TMP, "signal.csv");
  writeFileSync(input, signalCsv());

  it("writes one row per window with t_start and <channel>_<feature> columns", () => {
    const out = join(TMP, "features.csv");
    const r = twin(["features", input, "--fs", String(FS), "--window", "2048", "--hop", "1024", "--speed-rpm", String(RPM), "-o", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const { header, rows } = readCsv(readFileSync(out, "utf8"));
    const names = featureNames(8, 3);
    expect(header).toEqual(["t_start", ...names.map((n) => `drive_${n}`), ...names.map((n) => `fan_${n}`)]);
    expect(rows.length).toBe(Math.floor((N - 2048) / 1024) + 1);
    rows.forEach((row, w) => expect(row[0]).toBe(10 + (w * 1024) / FS));
    // order amplitudes by least squares: exact for this stationary signal up to rounding (1e-9)
    for (const row of rows) {
      expect(Math.abs(row[header.indexOf("drive_1x")]! - 0.8) / 0.8).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(row[header.indexOf("drive_2x")]! - 0.3) / 0.3).toBeLessThanOrEqual(1e-9);
      expect(Math.abs(row[header.indexOf("drive_3x")]! - 0.1) / 0.1).toBeLessThanOrEqual(1e-9);
      // 440 Hz lies in band 4 of 8 (375–500 Hz) and holds nearly all of the fan's power 0.5²/2
      // (the 0.01 chirp-like term adds at most 0.01²/2 + the cross term 2·0.5·0.01/2 = 5e-3)
      const b4 = row[header.indexOf("fan_band4")]!;
      expect(Math.abs(b4 - 0.125)).toBeLessThanOrEqual(6e-3);
    }
    // the CSV holds exactly what the core computes (shortest round-trip decimals)
    const table = parseSignalCsv(readFileSync(input, "utf8"), input);
    const direct = new SignalCore(Core.load()).features(table.data, 2, { fs: FS, window: 2048, hop: 1024, speedHz: F0, orders: 3, bands: 8 });
    const width = 2 * names.length;
    rows.forEach((row, w) => expect(row.slice(1)).toEqual(Array.from(direct.values.subarray(w * width, (w + 1) * width))));
  });

  it("writes to standard output without -o; --window-fn, --bands and no speed change the columns", () => {
    const r = twin(["features", input, "--fs", String(FS), "--window", "1000", "--bands", "4", "--window-fn", "flattop"]);
    expect(r.code).toBe(0);
    const { header, rows } = readCsv(r.stdout);
    expect(header.length).toBe(1 + 2 * featureNames(4, 0).length);
    expect(header).not.toContain("drive_1x");
    expect(rows.length).toBe(6);
  });

  function expectInputError(args: string[], pattern: RegExp): void {
    const out = join(TMP, "never.csv");
    const r = twin([...args, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(out)).toBe(false);
  }

  it("reports CSV errors as file:line: message with exit code 2", () => {
    const bad = join(TMP, "bad.csv");
    writeFileSync(bad, "a,b\n1,2\n3,x\n");
    expectInputError(["features", bad, "--fs", "10", "--window", "2"], new RegExp(`^${bad.replace(/[.]/g, "\\.")}:3: column "b": not a finite number: "x"`));
    writeFileSync(bad, "a,b\n1,2\n3\n");
    expectInputError(["features", bad, "--fs", "10", "--window", "2"], /bad\.csv:3: 1 fields, the header has 2/);
    writeFileSync(bad, "a,a\n1,2\n");
    expectInputError(["features", bad, "--fs", "10", "--window", "2"], /bad\.csv:1: duplicate column name "a"/);
    writeFileSync(bad, "t\n1\n");
    expectInputError(["features", bad, "--fs", "10", "--window", "2"], /bad\.csv:1: no channel columns/);
    writeFileSync(bad, "a\n1\n2\n3\n");
    expectInputError(["features", bad, "--fs", "10", "--window", "4"], /bad\.csv: 3 data rows, fewer than the window of 4 samples/);
  });

  it("names the lines of a window where a channel is constant", () => {
    const flat = join(TMP, "flat.csv");
    let s = "a,b\n";
    for (let j = 0; j < 40; j++) s += `${Math.sin(j)},${j >= 20 ? 1.5 : Math.cos(j)}\n`;
    writeFileSync(flat, s);
    // windows of 10 samples: the third (samples 20..29, lines 22..31) is the first with b constant
    expectInputError(["features", flat, "--fs", "10", "--window", "10", "--bands", "2"], /flat\.csv:22: channel "b" is constant over the window of lines 22-31/);
  });

  it("rejects bad options with exit code 2", () => {
    expectInputError(["features", input, "--window", "100"], /--fs is required/);
    expectInputError(["features", input, "--fs", "100", "--window", "1"], /--window: must be at least 2/);
    expectInputError(["features", input, "--fs", "100", "--window", "16", "--bands", "9"], /--bands: at most window\/2 = 8/);
    expectInputError(["features", input, "--fs", "100", "--window", "16", "--window-fn", "kaiser"], /unknown window "kaiser"/);
    expectInputError(["features", input, "--fs", "100", "--window", "64", "--speed-rpm", "1200"], /not below the Nyquist frequency/);
    expectInputError(["features", input, "--fs", "2000", "--window", "8", "--bands", "2", "--speed-rpm", "60"], /too few revolutions/);
    expectInputError(["features", join(TMP, "missing.csv"), "--fs", "100", "--window", "16"], /missing\.csv: cannot read/);
  });
});

describe("signal CSV parsing", () => {
  it("reads quoted names, CRLF, blank lines, and keeps line numbers", () => {
    const t = parseSignalCsv('\uFEFF"acc, x",t,"say ""hi"""\r\n1,0,2\r\n\r\n3,0.5,4\r\n', "f.csv");
    expect(t.channels).toEqual(["acc, x", 'say "hi"']);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(t.t!)).toEqual([0, 0.5]);
    expect(Array.from(t.lines)).toEqual([2, 4]);
  });

  it("rejects malformed fields", () => {
    expect(() => splitCsvLine('"abc', "f:1")).toThrow(InputError);
    expect(() => splitCsvLine('"a"b,c', "f:1")).toThrow(/text after a closing quote/);
    expect(() => parseSignalCsv("a\n0x10\n", "f.csv")).toThrow(/f\.csv:2: column "a": not a finite number/);
    expect(() => parseSignalCsv("a\n1e999\n", "f.csv")).toThrow(/not a finite number/);
    expect(() => parseSignalCsv("a\n", "f.csv")).toThrow(/f\.csv:2: no data rows/);
  });
});
