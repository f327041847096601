// `twin features` end to end: CSV in, CSV out, run as a child process on the built package
// (`npx tsc` / npm test build dist first). TWIN_CORE_WASM, if set, is passed on. The command is one
// core job (jobFeatures, ABI.md): its record reruns to the same digest on every V8 tier, and its
// numbers are those of the signalFeatures export and of the previous host (t_start, rev/min → Hz).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Core, CoreError } from "../src/core/core.js";
import { f64FromBytes, runJob } from "../src/core/job.js";
import { featureJob, featuresRequest } from "../src/signal/features.js";
import { V8_MODES, readRecord, rerunDigests, twinRecorded } from "./helpers/job-rerun.js";
import { SignalCore, featureNames } from "../src/signal/core.js";
import { parseSignalCsv } from "../src/signal/csv.js";
import { InputError } from "../src/errors.js";

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
    expectInputError(["features", bad, "--fs", "10", "--window", "2"], new RegExp(`^${bad.replace(/[.]/g, "\\.")}:3:3: column "b": not a finite number: "x"`));
    writeFileSync(bad, "a,b\n1,2\n3\n");
    expectInputError(["features", bad, "--fs", "10", "--window", "2"], /bad\.csv:3:2: 1 fields, the header has 2/);
    writeFileSync(bad, "a,a\n1,2\n");
    expectInputError(["features", bad, "--fs", "10", "--window", "2"], /bad\.csv:1:3: duplicate column name "a"/);
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
    expect(() => parseSignalCsv('a\n"abc\n', "f.csv")).toThrow(InputError);
    expect(() => parseSignalCsv('a\n"abc\n', "f.csv")).toThrow(/^f\.csv:2:1: unterminated quoted field$/);
    expect(() => parseSignalCsv('a,b\n"1"b,c\n', "f.csv")).toThrow(/^f\.csv:2:4: text after a closing quote$/);
    expect(() => parseSignalCsv("a\n0x10\n", "f.csv")).toThrow(/f\.csv:2:1: column "a": not a finite number/);
    expect(() => parseSignalCsv("a\n1e999\n", "f.csv")).toThrow(/not a finite number/);
    expect(() => parseSignalCsv("a\n", "f.csv")).toThrow(/f\.csv:2: no data rows/);
  });
});

describe("twin features is one core job (jobFeatures)", () => {
  const input = join(TMP, "signal-job.csv");
  writeFileSync(input, signalCsv());
  const noT = join(TMP, "signal-no-t.csv");
  writeFileSync(noT, signalCsv().split("\n").map((l) => l.slice(l.indexOf(",") + 1)).join("\n"));

  it("records one call; every number of the CSV is the job's result, the t_start and speed in Hz included", () => {
    const records: string[] = [];
    // [file, options, hop]
    const runs: [string, string[], number][] = [
      [input, ["--window", "2048", "--hop", "1024", "--speed-rpm", String(RPM)], 1024],
      [noT, ["--window", "1000", "--hop", "333", "--bands", "4", "--window-fn", "blackman"], 333],
      [noT, ["--window", "512", "--speed-rpm", String(RPM), "--orders", "5"], 512],
    ];
    runs.forEach(([file, opts, hop], i) => {
      const dir = join(TMP, `rec-${i}`);
      const r = twinRecorded(ROOT, ["features", file, "--fs", String(FS), ...opts], dir);
      expect(r.code, r.stderr).toBe(0);
      expect(readRecord(dir).entry).toBe("jobFeatures");
      records.push(dir);
      const v = f64FromBytes(readFileSync(join(dir, "result.f64")));
      const req = f64FromBytes(readFileSync(join(dir, "request.f64")));
      const { rows } = readCsv(r.stdout);
      const width = 1 + 2 * v[3]!;
      expect(rows.length).toBe(v[1]);
      rows.forEach((row, w) => expect(row).toEqual(Array.from(v.subarray(5 + w * width, 5 + (w + 1) * width))));
      // the speed is sent as given, in rev/min; the core divides by 60 (the same IEEE division as before)
      expect(req[8]).toBe(opts.includes("--speed-rpm") ? RPM : 0);
      expect(v[4]).toBe(opts.includes("--speed-rpm") ? RPM / 60 : 0);
      // t_start: the t value of the window's first row, or index/fs, as the previous host computed it
      rows.forEach((row, w) => expect(row[0]).toBe(file === input ? 10 + (w * hop) / FS : (w * hop) / FS));
    });
    const want = records.map((d) => readRecord(d).result.digest);
    for (const [mode, flags] of Object.entries(V8_MODES)) expect(rerunDigests(records, flags), mode).toEqual(want);
  });

  it("equals the signalFeatures export bit for bit (hop, window function, bands, orders)", () => {
    const table = parseSignalCsv(readFileSync(noT, "utf8"), noT);
    const sig = new SignalCore(Core.load());
    for (const o of [{ fs: FS, window: 700, hop: 250, bands: 6, windowFn: "hamming" as const }, { fs: FS, window: 1024, hop: 1024, bands: 8, windowFn: "flattop" as const, speedRpm: RPM, orders: 2 }]) {
      const ft = featureJob(table, o, noT, sig);
      const direct = sig.features(table.data, 2, { ...o, speedHz: o.speedRpm === undefined ? undefined : o.speedRpm / 60 });
      expect(Buffer.from(ft.result.values.buffer).equals(Buffer.from(direct.values.buffer))).toBe(true);
      expect(ft.rows).toBe(direct.windows);
    }
  });

  it("the request is checked field by field (code, index)", () => {
    const table = parseSignalCsv(readFileSync(input, "utf8"), input);
    const { req, x0 } = featuresRequest(table, { fs: FS, window: 256 });
    const refuse = (r: Float64Array, code: number, detail: number): void => {
      expect(() => runJob(Core.default(), "jobFeatures", r)).toThrowError(CoreError);
      expect([Core.default().exports.coreError(), Core.default().exports.coreErrorDetail()]).toEqual([code, detail]);
    };
    const edit = (i: number, v: number): Float64Array => {
      const r = Float64Array.from(req);
      r[i] = v;
      return r;
    };
    refuse(edit(0, 0), 1, 0);
    refuse(edit(3, 0), 1, 3); // fs
    refuse(edit(4, N + 1), 1, 4); // window longer than the signal
    refuse(edit(6, 5), 1, 6); // window function
    refuse(edit(7, 129), 1, 7); // bands > window/2
    refuse(edit(9, 3), 1, 8); // orders without a speed
    refuse(edit(11 + 17, Infinity), 5, 11 + 17); // a t value
    refuse(edit(x0 + 9, 1e151), 5, x0 + 9); // |x| > 1e150
    refuse(Float64Array.from([...req, 1]), 1, req.length);
  });
});
