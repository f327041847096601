// The `twin` command as a user runs it: `node bin/twin.js ...` as a child process, on the built
// package (npm test builds first). TWIN_CORE_WASM, if set, is passed on to the rotor commands;
// `core info` is checked on the packaged build/core.wasm.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Core } from "../src/core/core.js";
import { f64FromBytes, resultDigest } from "../src/core/job.js";
import { stringifyJson } from "../src/io/json.js";
import { rotorTimeCsv as csvChunks } from "../src/rotor/index.js";
import { readCampbell, readModal, readReduce, readStatic, readTime, readUnbalance } from "../src/rotor/jobs.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const RIG = join(ROOT, "models", "test-rig.json");
const TMP = mkdtempSync(join(tmpdir(), "twin-cli-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function twin(args: string[], env: Record<string, string | undefined> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, TWIN_DEBUG: undefined, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json(args: string[]): any {
  const r = twin(args);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** A stack trace line as node prints them. */
const STACK = /^\s+at .+\(?.*:\d+:\d+\)?$/m;

/** Minimal XML well-formedness check: balanced tags, quoted attributes, no stray '<' or '&'. */
function checkXml(text: string): { elements: string[] } {
  const stack: string[] = [];
  const elements: string[] = [];
  let i = 0;
  const body = text.replace(/^<\?xml[^?]*\?>\s*/, "");
  const src = body;
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    const chunk = lt < 0 ? src.slice(i) : src.slice(i, lt);
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(chunk)) throw new Error(`bad entity near ${i}`);
    if (lt < 0) break;
    if (src.startsWith("<!--", lt)) {
      const end = src.indexOf("-->", lt);
      if (end < 0) throw new Error("unterminated comment");
      i = end + 3;
      continue;
    }
    const gt = src.indexOf(">", lt);
    if (gt < 0) throw new Error("unterminated tag");
    const tag = src.slice(lt + 1, gt);
    if (tag.includes("<")) throw new Error(`'<' inside tag at ${lt}`);
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim();
      if (stack.pop() !== name) throw new Error(`mismatched </${name}> at ${lt}`);
    } else {
      const selfClosing = tag.endsWith("/");
      const m = /^([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*="[^"<]*")*)\s*\/?$/.exec(tag);
      if (m === null) throw new Error(`malformed tag <${tag}>`);
      const attrs = [...m[2]!.matchAll(/([A-Za-z_][\w:.-]*)=/g)].map((a) => a[1]);
      if (new Set(attrs).size !== attrs.length) throw new Error(`duplicate attribute in <${tag}>`);
      elements.push(m[1]!);
      if (!selfClosing) stack.push(m[1]!);
    }
    i = gt + 1;
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack.join("> <")}>`);
  if (elements[0] !== "svg") throw new Error("root element is not svg");
  return { elements };
}

describe("help and version", () => {
  it("--help lists every command and exits 0", () => {
    for (const flag of ["--help", "-h", "help"]) {
      const r = twin([flag]);
      expect(r.code).toBe(0);
      for (const c of ["core info", "rotor modal", "rotor campbell", "rotor unbalance", "rotor time", "rotor static", "rotor reduce", "demo"]) {
        expect(r.stdout).toContain(c);
      }
    }
  });

  it("per-command help, also without the model argument", () => {
    const a = twin(["rotor", "modal", "--help"]);
    const b = twin(["help", "rotor", "modal"]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^Usage: twin rotor modal MODEL.json/);
    expect(b.stdout).toBe(a.stdout);
    expect(twin(["rotor", "--help"]).stdout).toContain("rotor unbalance");
  });

  it("--version prints the package version", () => {
    const version = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
    expect(twin(["--version"]).stdout).toBe(`twin ${version}\n`);
  });

  it("no command, unknown command, unknown option: usage and exit 2", () => {
    for (const args of [[], ["frobnicate"], ["rotor"], ["rotor", "spin", RIG], ["rotor", "modal", RIG, "--speed", "3"], ["rotor", "modal", RIG, "extra.json"]]) {
      const r = twin(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain("Usage: twin");
      expect(r.stdout).toBe("");
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it("bad option values are usage errors", () => {
    const cases = [
      ["rotor", "modal", RIG, "--modes", "0"],
      ["rotor", "modal", RIG, "--speeds", "10:0:1"],
      ["rotor", "modal", RIG, "--speeds", "0,abc"],
      ["rotor", "campbell", RIG],
      ["rotor", "unbalance", RIG, "--unbalance", "99:1e-4:0", "--freqs", "0:10:1", "--probe", "1:x"],
      ["rotor", "unbalance", RIG, "--unbalance", "4:1e-4:0", "--freqs", "0:10:1", "--probe", "1:z"],
      ["rotor", "time", RIG, "--speed", "100", "--t-end", "0.1"],
      ["rotor", "reduce", RIG, "--speed", "0", "--modes", "1000", "--dt", "1e-3"],
    ];
    for (const args of cases) {
      const r = twin(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/^twin rotor \w+: /);
    }
  });
});

describe("core info", () => {
  it("--json reports the SHA-256 of build/core.wasm, no imports, the build record matching", () => {
    const r = twin(["core", "info", "--json"], { TWIN_CORE_WASM: undefined });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    const bytes = readFileSync(join(ROOT, "build", "core.wasm"));
    expect(info.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(info.size).toBe(bytes.length);
    expect(info.imports).toEqual([]);
    expect(info.matches).toBe(true);
    expect(info.recorded.sha256).toBe(info.sha256);
    expect(info.assemblyscript).toBe(JSON.parse(readFileSync(join(ROOT, "node_modules", "assemblyscript", "package.json"), "utf8")).version);
    expect(info.exports).toContain("rotorLoad (function)");
    expect(info.exports).toContain("memory (memory)");
  });

  it("readable form names the hash and 'imports none'", () => {
    const r = twin(["core", "info"], { TWIN_CORE_WASM: undefined });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sha256 +[0-9a-f]{64}$/m);
    expect(r.stdout).toMatch(/^imports +none$/m);
  });
});

describe("rotor commands on models/test-rig.json", () => {
  const rig = JSON.parse(readFileSync(RIG, "utf8"));
  const nodes = rig.shaft.length + 1;
  const dof = 4 * nodes + 2 * rig.pedestals.length;

  it("modal --json: shape and the meaning of wn, wd, logdec", () => {
    const out = json(["rotor", "modal", RIG, "--speeds", "0,150,300", "--modes", "6", "--json"]);
    expect(Object.keys(out)).toEqual(["model", "dof", "results"]);
    expect(out.model).toBe("test-rig");
    expect(out.dof).toBe(dof);
    expect(out.results.map((r: any) => r.speed)).toEqual([0, 150, 300]);
    for (const r of out.results) {
      expect(Object.keys(r)).toEqual(["speed", "wn", "wd", "logdec", "whirl"]);
      expect(r.wd).toHaveLength(6);
      for (const k of ["wn", "logdec", "whirl"]) expect(r[k]).toHaveLength(6);
      for (let j = 0; j < 6; j++) {
        expect(["forward", "backward", "mixed"]).toContain(r.whirl[j]);
        if (j > 0) expect(r.wd[j]).toBeGreaterThanOrEqual(r.wd[j - 1]);
        // logdec = 2 pi zeta / sqrt(1 - zeta^2) with zeta = sqrt(1 - (wd/wn)^2): ties the three fields
        // together (1e-6 relative: the cancellation in 1 - (wd/wn)^2 costs ~1e-16/zeta^2 ~ 1e-11 here).
        const q = r.wd[j] / r.wn[j];
        const zeta = Math.sqrt(Math.max(0, 1 - q * q));
        expect(r.logdec[j]).toBeGreaterThan(0);
        expect(Math.abs((2 * Math.PI * zeta) / q - r.logdec[j])).toBeLessThan(1e-6 * r.logdec[j]);
      }
    }
  });

  it("modal table is readable and lists every speed", () => {
    const r = twin(["rotor", "modal", RIG, "--speeds", "0,100", "--modes", "3"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("speed 0.00 rad/s");
    expect(r.stdout).toContain("speed 100.00 rad/s");
    expect(r.stdout.match(/^ +[123] +\d/gm)).toHaveLength(6);
  });

  it("campbell --json: tracked modes and critical speeds on the 1X line; --svg is a well-formed diagram", () => {
    const svg = join(TMP, "campbell.svg");
    const out = json(["rotor", "campbell", RIG, "--speeds", "0:500:10", "--modes", "5", "--json", "--svg", svg]);
    expect(Object.keys(out)).toEqual(["model", "dof", "results", "critical"]);
    expect(out.results).toHaveLength(51);
    expect(out.results[50].speed).toBe(500);
    expect(out.critical.length).toBeGreaterThan(0);
    for (const c of out.critical) {
      expect(c.mode).toBeGreaterThanOrEqual(0);
      expect(c.mode).toBeLessThan(5);
      // wd of the mode minus the speed changes sign across the grid interval holding the crossing.
      const i = Math.min(49, Math.floor(c.speed / 10));
      const a = out.results[i].wd[c.mode] - out.results[i].speed;
      const b = out.results[i + 1].wd[c.mode] - out.results[i + 1].speed;
      expect(a * b).toBeLessThanOrEqual(0);
    }
    const text = readFileSync(svg, "utf8");
    const { elements } = checkXml(text);
    expect(elements.filter((e) => e === "path")).toHaveLength(5);
    expect(text.match(/<path class="mode"/g)).toHaveLength(5);
    expect(text).toContain('id="one-x"');
    expect(text.match(/<circle /g)!.length).toBe(out.critical.length + 1); // + the legend's
    expect(text).toContain("Campbell diagram: test-rig");
    // Deterministic bytes.
    const svg2 = join(TMP, "campbell2.svg");
    expect(twin(["rotor", "campbell", RIG, "--speeds", "0:500:10", "--modes", "5", "--svg", svg2]).code).toBe(0);
    expect(readFileSync(svg2, "utf8")).toBe(text);
  });

  it("unbalance --json: shape; a probe at an angle is the projection of the x and y responses", () => {
    const th = 0.6;
    const out = json([
      "rotor", "unbalance", RIG, "--unbalance", "4:1e-4:0", "--unbalance", "7:5e-5:1.2",
      "--freqs", "100:200:25", "--probe", "4:x", "--probe", "4:y", "--probe", `4:${th}`, "--json",
    ]);
    expect(Object.keys(out)).toEqual(["freqs", "probes"]);
    expect(out.freqs).toEqual([100, 125, 150, 175, 200]);
    expect(out.probes.map((p: any) => [p.node, p.dir])).toEqual([[4, "x"], [4, "y"], [4, th]]);
    const [x, y, d] = out.probes;
    for (let k = 0; k < 5; k++) {
      expect(x.amplitude[k]).toBeGreaterThan(0);
      const re = x.amplitude[k] * Math.cos(x.phase[k]) * Math.cos(th) + y.amplitude[k] * Math.cos(y.phase[k]) * Math.sin(th);
      const im = x.amplitude[k] * Math.sin(x.phase[k]) * Math.cos(th) + y.amplitude[k] * Math.sin(y.phase[k]) * Math.sin(th);
      // Linear combination of the same complex response: equal to rounding (1e-9 relative).
      expect(Math.abs(Math.hypot(re, im) - d.amplitude[k])).toBeLessThan(1e-9 * d.amplitude[k]);
    }
  });

  it("time: CSV header and rows, to stdout and to --out, with accelerations", () => {
    const r = twin(["rotor", "time", RIG, "--speed", "150", "--t-end", "0.01", "--dt", "0.001", "--unbalance", "4:1e-4:0"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    // every shaft node, then the rig's two pedestal nodes (12: under bearings[0], 13: under bearings[1])
    const all = nodes + rig.pedestals.length;
    const header = ["t", ...Array.from({ length: all }, (_, i) => [`x_${i}`, `y_${i}`]).flat()];
    expect(lines[0]).toBe(header.join(","));
    expect(lines).toHaveLength(12);
    for (const l of lines.slice(1)) {
      const v = l.split(",").map(Number);
      expect(v).toHaveLength(header.length);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    expect(Number(lines[11]!.split(",")[0])).toBeCloseTo(0.01, 12);
    const csv = join(TMP, "time.csv");
    const f = twin(["rotor", "time", RIG, "--speed", "150", "--t-end", "0.01", "--dt", "0.001", "--unbalance", "4:1e-4:0", "--out", csv]);
    expect(f.code).toBe(0);
    expect(f.stdout).toBe("");
    expect(readFileSync(csv, "utf8")).toBe(r.stdout);
    const a = twin(["rotor", "time", RIG, "--speed", "150", "--t-end", "0.002", "--dt", "0.001", "--accelerations"]);
    const h = a.stdout.split("\n")[0]!.split(",");
    expect(h).toHaveLength(1 + 4 * all);
    expect(h.slice(1 + 2 * all, 3 + 2 * all)).toEqual(["ax_0", "ay_0"]);
    expect(h[h.length - 1]).toBe(`ay_${all - 1}`);
  });

  it("pedestal nodes: probes and time-response columns after the shaft nodes, numbered in bearing order", () => {
    // the rig's shaft nodes are 0..11; its pedestals carry bearings[0] (shaft node 1) and bearings[1]
    // (shaft node 10): pedestal nodes 12 and 13 (docs/rotor.md, "Node numbering")
    expect(rig.pedestals.map((p: any) => p.bearing)).toEqual([0, 1]);
    const speed = 150, args = ["--unbalance", "4:1e-4:0.5"];
    const out = json(["rotor", "unbalance", RIG, ...args, "--freqs", String(speed), "--probe", "12:x", "--probe", "13:y", "--probe", "12:0.4", "--json"]);
    expect(out.probes.map((p: any) => [p.node, p.dir])).toEqual([[12, "x"], [13, "y"], [12, 0.4]]);
    for (const p of out.probes) expect(p.amplitude[0]).toBeGreaterThan(0);
    // the same housings listed the other way round in pedestals[]: the same numbers mean the same places
    const swapped = join(TMP, "rig-swapped.json");
    writeFileSync(swapped, JSON.stringify({ ...rig, pedestals: [...rig.pedestals].reverse() }));
    const out2 = json(["rotor", "unbalance", swapped, ...args, "--freqs", String(speed), "--probe", "12:x", "--probe", "13:y", "--probe", "12:0.4", "--json"]);
    expect(out2.probes).toEqual(out.probes);
    const table = twin(["rotor", "unbalance", RIG, ...args, "--freqs", String(speed), "--probe", "12:x"]);
    expect(table.stdout).toContain("node 12 (pedestal, bearings[0]) x");
    // the time response's pedestal columns x_12, y_13 settle towards the same amplitudes (only the
    // header and finite values are checked here; test/rotor-response.test.ts checks the numbers)
    const csv = twin(["rotor", "time", swapped, "--speed", String(speed), "--t-end", "0.005", "--dt", "0.001", ...args]).stdout.trimEnd().split("\n");
    const head = csv[0]!.split(",");
    expect(head.slice(-4)).toEqual(["x_12", "y_12", "x_13", "y_13"]);
    expect(csv.slice(1).every((l) => l.split(",").every((v) => Number.isFinite(Number(v))))).toBe(true);
    const a = twin(["rotor", "time", RIG, "--speed", String(speed), "--t-end", "0.005", "--dt", "0.001", ...args]).stdout;
    expect(csv.join("\n") + "\n").toBe(a);
  });

  it("a node the model does not have, or an unbalance on a pedestal, is a located usage error (exit 2)", () => {
    const base = ["--freqs", "0:10:5"];
    const cases: [string[], string][] = [
      [["rotor", "unbalance", RIG, "--unbalance", "4:1e-4:0", ...base, "--probe", "14:x"], `--probe "14:x": node 14 does not exist (valid: shaft nodes 0..11, pedestal nodes 12..13)`],
      [["rotor", "unbalance", RIG, "--unbalance", "4:1e-4:0", ...base, "--probe", "4:x", "--probe", "99:y"], `--probe #2 "99:y": node 99 does not exist (valid: shaft nodes 0..11, pedestal nodes 12..13)`],
      [["rotor", "unbalance", RIG, "--unbalance", "13:1e-4:0", ...base, "--probe", "4:x"], `--unbalance "13:1e-4:0": pedestal node 13 (pedestals[1], under bearings[1] at shaft node 10) is not on the shaft; an unbalance sits on a shaft node, 0..11`],
      [["rotor", "time", RIG, "--speed", "100", "--t-end", "0.01", "--dt", "0.001", "--unbalance", "4:1e-4:0", "--unbalance", "14:1e-4:0"], `--unbalance #2 "14:1e-4:0": node 14 does not exist (valid: shaft nodes 0..11, pedestal nodes 12..13)`],
    ];
    const bare = join(TMP, "no-pedestals.json");
    writeFileSync(bare, JSON.stringify({ ...rig, pedestals: [] }));
    cases.push([["rotor", "unbalance", bare, "--unbalance", "4:1e-4:0", ...base, "--probe", "12:x"], `--probe "12:x": node 12 does not exist (valid: shaft nodes 0..11; the model has no pedestals)`]);
    for (const [args, msg] of cases) {
      const r = twin(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.split("\n")[0], args.join(" ")).toBe(`twin ${args[0]} ${args[1]}: ${msg}`);
      expect(r.stdout).toBe("");
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it("static --json: shape; bearing forces carry the rotor's weight", () => {
    const g = 9.81;
    const out = json(["rotor", "static", RIG, "--g", String(g), "--json"]);
    expect(Object.keys(out)).toEqual(["deflection", "bearingForces"]);
    expect(out.deflection.x).toHaveLength(nodes);
    expect(out.deflection.y).toHaveLength(nodes);
    expect(out.bearingForces.map((b: any) => b.node)).toEqual([1, 10]);
    // Weight of shaft and discs (pedestal masses stand on the ground, not on the bearings).
    const rho = rig.material.rho;
    const shaft = rig.shaft.reduce((s: number, e: any) => s + (rho * Math.PI * e.L * (e.od ** 2 - e.id ** 2)) / 4, 0);
    const discs = rig.disks.reduce((s: number, d: any) => s + (d.material.rho * Math.PI * d.width * (d.od ** 2 - d.id ** 2)) / 4, 0);
    const sum = out.bearingForces.reduce((s: number, b: any) => s + b.fy, 0);
    // Statics holds to solver rounding: 1e-9 relative.
    expect(Math.abs(sum - (shaft + discs) * g)).toBeLessThan(1e-9 * (shaft + discs) * g);
    expect(Math.min(...out.deflection.y)).toBeLessThan(0);
  });

  it("reduce --json and --out: matrix shapes", () => {
    const file = join(TMP, "reduced.json");
    const out = json(["rotor", "reduce", RIG, "--speed", "150", "--modes", "3", "--dt", "0.001", "--json", "--out", file]);
    expect(out.model).toBe("test-rig");
    expect([out.speed, out.modes, out.dof, out.dt]).toEqual([150, 3, dof, 0.001]);
    expect(out.wn).toHaveLength(3);
    const shape = (m: number[][]) => [m.length, m[0]!.length];
    expect(shape(out.A)).toEqual([6, 6]);
    expect(shape(out.Ad)).toEqual([6, 6]);
    expect(shape(out.B)).toEqual([6, dof]);
    expect(shape(out.Bd)).toEqual([6, dof]);
    expect(shape(out.C)).toEqual([dof, 6]);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(out);
  });

  it("demo --rotor runs the rotor analyses on the packaged model", () => {
    const r = twin(["demo", "--rotor"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("test-rig");
    expect(r.stdout).toMatch(/Critical speeds/);
    expect(r.stdout.split("\n").length).toBeLessThan(80);
  });

});

describe("each recordable rotor command is one job (TWIN_RECORD_JOB), and prints what its result holds", () => {
  const core = Core.load();
  const U = ["--unbalance", "4:1e-4:0"];
  /** a value as the command's JSON shows it (-0 prints as 0, NaN as null) */
  const asJson = (v: unknown) => JSON.parse(stringifyJson(v));
  const commands: [string, string[], string, (result: Float64Array, stdout: string) => void][] = [
    ["modal", ["rotor", "modal", RIG, "--speeds", "0:300:150", "--modes", "4", "--json"], "jobRotorModal", (v, out) => {
      const r = readModal(v);
      expect(JSON.parse(out)).toEqual(asJson({ model: "test-rig", dof: r.dof, results: r.results }));
    }],
    ["campbell", ["rotor", "campbell", RIG, "--speeds", "0:400:50", "--modes", "3", "--json"], "jobRotorCampbell", (v, out) => {
      const r = readCampbell(v);
      expect(JSON.parse(out)).toEqual(asJson({ model: "test-rig", dof: r.dof, results: r.campbell.results, critical: r.campbell.critical }));
    }],
    ["unbalance", ["rotor", "unbalance", RIG, ...U, "--freqs", "0:400:20", "--probe", "4:x", "--probe", "13:y", "--probe", "7:0.3", "--json"], "jobRotorUnbalance", (v, out) => {
      const r = readUnbalance(v).response;
      expect(JSON.parse(out)).toEqual(asJson(r));
      expect(r.probes.map((p) => p.dir)).toEqual(["x", "y", 0.3]);
    }],
    ["time", ["rotor", "time", RIG, "--speed", "150", "--t-end", "0.005", "--dt", "0.001", ...U, "--accelerations"], "jobRotorTime", (v, out) => {
      expect(out).toBe([...csvChunks(readTime(v))].join(""));
    }],
    ["static", ["rotor", "static", RIG, "--json"], "jobRotorStatic", (v, out) => {
      const { g, rigidSupports, ...r } = readStatic(v);
      expect([g, rigidSupports]).toEqual([9.80665, false]);
      expect(JSON.parse(out)).toEqual(asJson(r));
    }],
    ["reduce", ["rotor", "reduce", RIG, "--speed", "150", "--modes", "3", "--dt", "0.001", "--json"], "jobRotorReduce", (v, out) => {
      expect(JSON.parse(out)).toEqual(asJson({ model: "test-rig", ...readReduce(v) }));
    }],
  ];

  it.each(commands)("%s: one recorded invocation; its rerun gives the recorded digest; the output comes from the result", (name, args, entry, check) => {
    const dir = join(TMP, `record-${name}`);
    const rec = twin(args, { TWIN_RECORD_JOB: dir });
    expect(rec.stderr).toBe("");
    expect(rec.code).toBe(0);
    const job = JSON.parse(readFileSync(join(dir, "job.json"), "utf8"));
    expect(job.entry).toBe(entry);
    const request = f64FromBytes(readFileSync(join(dir, "request.f64")));
    const result = f64FromBytes(readFileSync(join(dir, "result.f64")));
    expect(request.length).toBe(job.request.values);
    expect(request[0]).toBe(1);
    expect(resultDigest(result)).toBe(job.result.digest);
    // the recorded request alone reruns to the same bytes (no host code between request and result)
    const again = core.withBuffers([request], (p) => core.take(core.fn(entry)(p!), entry));
    expect(resultDigest(again)).toBe(job.result.digest);
    // recording does not change what is printed, and what is printed is the result's content
    expect(twin(args).stdout).toBe(rec.stdout);
    check(result, rec.stdout);
  });

  it("a command refused by the core's checks names the option or the model's JSON path (exit 2)", () => {
    const r = twin(["rotor", "modal", RIG, "--speeds", "0:1e9:1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^twin rotor modal: --speeds "0:1e9:1": gives more than 1000000 points/);
    const t = twin(["rotor", "time", RIG, "--speed", "100", "--t-end", "100", "--dt", "1e-7"]);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/^twin rotor time: --t-end "100" with --dt "1e-7": gives more than 67108864 result values/);
    const red = twin(["rotor", "reduce", RIG, "--speed", "0", "--modes", "1000", "--dt", "1e-3"]);
    expect(red.stderr).toMatch(/^twin rotor reduce: --modes "1000" \(the model has 52 degrees of freedom\)/);
    const rig = JSON.parse(readFileSync(RIG, "utf8"));
    rig.shaft[2].material = { E: 2.1e11, G: 7e10, nu: 0.3, rho: 7850 };
    const bad = join(TMP, "g-nu.json");
    writeFileSync(bad, JSON.stringify(rig));
    for (const cmd of [["rotor", "static", bad], ["rotor", "modal", bad], ["rotor", "time", bad, "--speed", "1", "--t-end", "0.01", "--dt", "0.001"]]) {
      const m = twin(cmd);
      expect(m.code, cmd.join(" ")).toBe(2);
      expect(m.stderr.startsWith(`${bad}: shaft[2].material.nu: G and nu disagree `), m.stderr).toBe(true);
    }
  });
});

describe("errors", () => {
  function badModel(name: string, change: (m: any) => void): string {
    const m = JSON.parse(readFileSync(RIG, "utf8"));
    change(m);
    const file = join(TMP, name);
    writeFileSync(file, JSON.stringify(m, null, 1));
    return file;
  }

  it("a bad model: exit 2, every fault as 'file: path: message', no stack trace", () => {
    const file = badModel("bad.json", (m) => {
      m.shaft[3].id = 0.03;
      m.disks[1].node = 40;
      m.bearings[0].kxx = null;
    });
    const r = twin(["rotor", "modal", file], { TWIN_DEBUG: "1" });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      `${file}: shaft[3].od: must be > id (0.025 <= 0.03)`,
      `${file}: disks[1].node: node 40 does not exist (nodes 0..11)`,
      `${file}: bearings[0].kxx: must be a number, found null`,
    ]);
  });

  it("a JSON syntax error: file:line:col", () => {
    const file = join(TMP, "syntax.json");
    writeFileSync(file, '{\n  "name": "x",\n  "shaft": [}\n');
    const r = twin(["rotor", "static", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${file}:3:13: expected a value, found character "}"\n`);
  });

  it("a missing model file: exit 2, one line", () => {
    const r = twin(["rotor", "static", join(TMP, "nope.json")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("nope.json: cannot read: ENOENT");
  });

  it("a numerical failure: exit 1, named as such, no stack trace", () => {
    // One bearing: the rotor can pivot about it, so the static stiffness matrix is singular.
    const file = badModel("pivot.json", (m) => {
      m.bearings = [m.bearings[0]];
      m.pedestals = [m.pedestals[0]];
    });
    const r = twin(["rotor", "static", file, "--rigid-supports"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^twin rotor static: numerical failure: .*singular/);
    expect(r.stderr).not.toMatch(STACK);
  });

  it("no output file is created or replaced when a command fails", () => {
    const bad = badModel("bad2.json", (m) => (m.shaft[0].L = -1));
    const svg = join(TMP, "never.svg");
    const csv = join(TMP, "never.csv");
    const red = join(TMP, "kept.json");
    writeFileSync(red, "old contents\n");
    expect(twin(["rotor", "campbell", bad, "--speeds", "0:100:10", "--svg", svg]).code).toBe(2);
    expect(twin(["rotor", "time", RIG, "--speed", "10", "--t-end", "0.01", "--dt", "0", "--out", csv]).code).toBe(2);
    expect(twin(["rotor", "time", bad, "--speed", "10", "--t-end", "0.01", "--dt", "0.001", "--out", csv]).code).toBe(2);
    expect(twin(["rotor", "reduce", RIG, "--speed", "0", "--modes", "4", "--dt", "0", "--out", red]).code).toBe(2);
    expect(twin(["rotor", "reduce", bad, "--speed", "0", "--modes", "4", "--dt", "0.001", "--out", red]).code).toBe(2);
    expect(existsSync(svg)).toBe(false);
    expect(existsSync(csv)).toBe(false);
    expect(readFileSync(red, "utf8")).toBe("old contents\n");
    // and no temporary files are left behind
    const left = spawnSync("ls", ["-a", TMP], { encoding: "utf8" }).stdout;
    expect(left).not.toMatch(/\.tmp$/m);
  });

  it("an unwritable output path: exit 1, the file named, no stack trace", () => {
    const r = twin(["rotor", "campbell", RIG, "--speeds", "0:100:50", "--svg", join(TMP, "no-such-dir", "c.svg")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("no-such-dir/c.svg: cannot write: ENOENT");
    expect(r.stderr).not.toMatch(STACK);
  });
});
