// Runs as invocations (format 2, docs/archive.md): each recorded run is one job call of the core, stored
// as entry + request bytes + result digest + a .wast spec-test script, and reruns from the package alone
// on every engine: node's three tierings, wabt and binaryen through their own harness on the recorded
// .wast, wasmtime (wizer). The scripts are checked with the engines' own command-line tools only (no
// node, no twin module); a .wast or request that does not match its run.json is named by verify.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBag, type Files } from "../src/archive/bagit.js";
import { readPackage } from "../src/archive/package.js";
import { buildRerunModule, readExports, readSections, RERUN_EXPORTS, s32Leb } from "../src/archive/wasm-edit.js";
import { binaryLiteral, digestWords } from "../src/archive/wast.js";
import { f64FromBytes, resultDigest } from "../src/core/job.js";
import { need, programPath } from "./helpers/engines.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const MODEL = join(ROOT, "models", "test-rig.json");
const TMP = mkdtempSync(join(tmpdir(), "twin-invocation-test-"));
const EPOCH = "1767225600";
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function twin(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined, SOURCE_DATE_EPOCH: EPOCH, ...env }, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function spec(name: string, doc: unknown): string {
  const p = join(TMP, name);
  writeFileSync(p, JSON.stringify(doc));
  return p;
}

/** Rewrites the manifests of a bag directory after its payload was changed (a careful forger). */
function rebag(dir: string): void {
  const files = readPackage(dir);
  const payload: Files = new Map();
  for (const [p, b] of files) if (p.startsWith("data/")) payload.set(p.slice(5), b);
  const info = Object.fromEntries(new TextDecoder().decode(files.get("bag-info.txt")!).trim().split("\n").map((l) => [l.split(": ")[0]!, l.slice(l.indexOf(": ") + 2)]));
  const bag = buildBag(payload, { software: info["Bag-Software-Agent"]!, baggingDate: info["Bagging-Date"]!, externalIdentifier: info["External-Identifier"]!, description: info["External-Description"]! });
  for (const [p, b] of bag) writeFileSync(join(dir, p), b);
}

const PKG = join(TMP, "pkg");
const RUNS = ["modal", "unbalance", "time"];

beforeAll(() => {
  const r = twin([
    "archive", "create", "--rotor", MODEL,
    "--run", spec("modal.json", { id: "modal", argv: ["rotor", "modal", MODEL, "--speeds", "0,300", "--modes", "6", "--json"] }),
    "--run", spec("unbalance.json", { id: "unbalance", argv: ["rotor", "unbalance", MODEL, "--unbalance", "4:1e-4:0", "--freqs", "0:600:20", "--probe", "4:x", "--probe", "12:y", "--json"] }),
    "--run", spec("time.json", { id: "time", argv: ["rotor", "time", MODEL, "--speed", "300", "--t-end", "0.002", "--dt", "1e-4", "--unbalance", "4:1e-4:0", "--out", "resp.csv"] }),
    "-o", PKG,
  ]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}, 240_000);

const payload = (p: string) => readFileSync(join(PKG, "data", p));
const record = (id: string) => JSON.parse(payload(`runs/${id}/run.json`).toString("utf8"));

describe("a run is an invocation", () => {
  it("run.json names the job export, the request and result files and the result's digest", () => {
    for (const id of RUNS) {
      const r = record(id);
      expect(r.format).toBe(2);
      expect(r.kind).toBe("invocation");
      expect(r.invocation.entry).toMatch(/^job[A-Z]/);
      const req = payload(`runs/${id}/request.f64`), res = payload(`runs/${id}/result.f64`);
      expect(req.length).toBe(8 * r.invocation.request.values);
      expect(res.length).toBe(8 * r.invocation.result.values);
      // the digest (computed by the core at recording time) is SHA-256 of the canonical result bytes
      expect(resultDigest(f64FromBytes(res))).toBe(r.invocation.result.digest);
      const vals = f64FromBytes(res);
      if (!vals.some(Number.isNaN)) expect(createHash("sha256").update(res).digest("hex")).toBe(r.invocation.result.digest);
      expect(r.wast.path).toBe("rerun.wast");
    }
  });

  it("the rerun module adds a data segment and four functions to the unmodified core and exports only those", () => {
    const core = new Uint8Array(payload("core/core.wasm"));
    const r = record("modal");
    const mod = buildRerunModule(core, r.invocation.entry, new Uint8Array(payload("runs/modal/request.f64")));
    expect(WebAssembly.validate(mod as Uint8Array<ArrayBuffer>)).toBe(true);
    expect(readExports(readSections(mod)).map((e) => e.name)).toEqual([...RERUN_EXPORTS]);
    // every code body of the core is still there, byte for byte (the new bodies follow)
    const code = (b: Uint8Array) => readSections(b).find((s) => s.id === 10)!.body;
    const orig = Buffer.from(code(core)), added = Buffer.from(code(mod));
    expect(added.includes(orig.subarray(8))).toBe(true);
    // i32.const immediates are signed LEB128
    expect(s32Leb(64)).toEqual([0xc0, 0x00]);
    expect(s32Leb(-1)).toEqual([0x7f]);
    expect(s32Leb(624485)).toEqual([0xe5, 0x8e, 0x26]);
  });

  it("a command whose numerics are not one core invocation cannot be recorded (an SPC chart: host numerics)", () => {
    const r = twin(["archive", "create", "--run", spec("spc.json", { id: "chips", argv: ["spc", "xbar-r", "--data", join(ROOT, "test", "data", "spc", "softwood-chips.csv"), "--json"] }), "-o", join(TMP, "spc-pkg")]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/run chips: twin spc xbar-r made no job call/);
    expect(() => readdirSync(join(TMP, "spc-pkg"))).toThrow();
  });
});

describe("rerun from the package alone on every engine", () => {
  it("node, node-baseline, node-turbofan: every run's digest", () => {
    const r = twin(["archive", "rerun", PKG, "--engine", "node", "--engine", "node-baseline", "--engine", "node-turbofan", "--json"]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    for (const e of rep.engines) {
      expect(e.compared, e.engine).toBe(RUNS.length + 1);
      expect(e.matched, e.engine).toBe(e.compared);
    }
  }, 120_000);

  it("wasm-interp and binaryen through their own harness on the recorded .wast, and wasmtime", (ctx) => {
    need(ctx, "wast2json", "spectest-interp", "wasm-interp", "wasm-shell", "wasmtime");
    const r = twin(["archive", "rerun", PKG, "--engine", "wasm-interp", "--engine", "binaryen", "--engine", "wasmtime", "--json"]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    for (const e of rep.engines) {
      expect(e.available, e.engine).toBe(true);
      expect(e.compared, e.engine).toBe(RUNS.length + 1);
      expect(e.matched, e.engine).toBe(e.compared);
    }
  }, 300_000);

  it("the stock tools alone (wast2json + spectest-interp, wasm-shell) pass every script of the package", (ctx) => {
    need(ctx, "wast2json", "spectest-interp", "wasm-shell");
    for (const id of [...RUNS, "selfcheck"]) {
      const wast = join(PKG, "data", "runs", id, "rerun.wast");
      const j = join(TMP, `${id}.json`);
      const a = spawnSync(programPath("wast2json")!, [wast, "-o", j], { encoding: "utf8" });
      expect(a.status, a.stderr).toBe(0);
      const b = spawnSync(programPath("spectest-interp")!, [j], { encoding: "utf8" });
      expect(b.status, b.stdout + b.stderr).toBe(0);
      expect(b.stdout).toMatch(/(\d+)\/\1 tests passed/);
      const c = spawnSync(programPath("wasm-shell")!, [wast], { encoding: "utf8" });
      expect(c.status, c.stderr).toBe(0);
      const seen = (c.stdout + c.stderr).match(/seen (-?\d+), expected (-?\d+)/g) ?? []; // wasm-shell reports on stderr
      expect(seen.length).toBeGreaterThan(0);
      for (const s of seen) expect(/seen (-?\d+), expected \1$/.test(s)).toBe(true);
    }
  }, 300_000);
});

describe("a package that lies", () => {
  it("a .wast whose assertions were changed (manifests rewritten): verify names it, wabt and node both fail it", () => {
    const dir = join(TMP, "bad-wast");
    cpSync(PKG, dir, { recursive: true });
    const p = join(dir, "data", "runs", "modal", "rerun.wast");
    const r = record("modal");
    const w0 = BigInt.asIntN(64, digestWords(r.invocation.result.digest)[0]!).toString();
    const text = readFileSync(p, "utf8");
    expect(text).toContain(`(assert_return (invoke "rerun") (i64.const ${w0}))`);
    writeFileSync(p, text.replace(`(i64.const ${w0})`, "(i64.const 1)"));
    // the run record's hash of the script is updated too: only the rebuild can catch it
    const rec = JSON.parse(readFileSync(join(dir, "data", "runs", "modal", "run.json"), "utf8"));
    rec.wast.sha256 = createHash("sha256").update(readFileSync(p)).digest("hex");
    writeFileSync(join(dir, "data", "runs", "modal", "run.json"), JSON.stringify(rec, null, 2) + "\n");
    rebag(dir);
    const v = twin(["archive", "verify", dir]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/data\/runs\/modal\/rerun\.wast: does not match data\/runs\/modal\/run\.json/);
  });

  it("a request changed after recording (record and manifests rewritten): verify and every rerun see a different digest", () => {
    const dir = join(TMP, "bad-request");
    cpSync(PKG, dir, { recursive: true });
    const p = join(dir, "data", "runs", "modal", "request.f64");
    const req = readFileSync(p);
    req.writeDoubleLE(req.readDoubleLE(req.length - 8) * 1.0000001, req.length - 8);
    writeFileSync(p, req);
    const rec = JSON.parse(readFileSync(join(dir, "data", "runs", "modal", "run.json"), "utf8"));
    rec.invocation.request.sha256 = createHash("sha256").update(req).digest("hex");
    writeFileSync(join(dir, "data", "runs", "modal", "run.json"), JSON.stringify(rec, null, 2) + "\n");
    rebag(dir);
    const v = twin(["archive", "verify", dir]);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/data\/runs\/modal\/rerun\.wast: does not match/);
  });

  it("the .wast literal escapes every byte the text format needs escaped", () => {
    const bytes = Uint8Array.from([0, 0x22, 0x5c, 0x41, 0x7f, 0xff, 0x20, 0x0a]);
    expect(binaryLiteral(bytes)).toBe('  "\\00\\22\\5cA\\7f\\ff \\0a"');
  });
});
