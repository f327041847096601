// Determinism of the virtual-sensing jobs and sessions (assembly/ABI.md, "Jobs"): the same request
// gives the same result bytes twice in one instance, in a fresh instance, and on V8's three
// configurations — default tiering, TurboFan only (--no-liftoff) and Liftoff only (--liftoff
// --no-wasm-tier-up). Each child process is a bare host: it instantiates build/core.wasm with no
// imports, copies the request bytes in, calls the export and hashes the result bytes. (The
// independent engines — wabt, binaryen, wasmtime, wasm2c — run `selfcheckVsense`, which runs every
// job and a session, in test/core-engines.test.ts.)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Core, DEFAULT_CORE_PATH } from "../src/core/core.js";
import { f64Bytes, resultDigest } from "../src/core/job.js";
import { parseRotorModel } from "../src/rotor/validate.js";
import { statesRequest, GENERATE_DEFAULTS } from "../src/states/generate.js";
import { VS_DEFAULTS } from "../src/vsense/defaults.js";
import { parseMismatch } from "../src/vsense/mismatch.js";
import { sensorPlacementRequest, sessionRequest, type VirtualSensingOptions, virtualSensingRequest } from "../src/vsense/request.js";

const ROOT = join(import.meta.dirname, "..");
const RIG = parseRotorModel(readFileSync(join(ROOT, "models", "test-rig.json"), "utf8"), "test-rig.json");
const TMP = mkdtempSync(join(tmpdir(), "twin-vsense-engines-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const run: VirtualSensingOptions = {
  ...VS_DEFAULTS,
  tEnd: 1,
  unbalance: [{ node: 4, magnitude: 1e-4, phase: 0.3 }],
  sensors: [],
  estimates: [],
  mismatch: [parseMismatch("bearing-k=+10%")],
  series: true,
};

const requests: Record<string, { entry: string; values: number[] }> = {
  virtualSensing: { entry: "jobVirtualSensing", values: virtualSensingRequest(RIG, run).values },
  sensorPlacement: { entry: "jobSensorPlacement", values: sensorPlacementRequest(RIG, 4, 4, "efi-dpr", { ...run, tEnd: 0.5, discard: 0.1 }).values },
  states: {
    entry: "jobStatesGenerate",
    values: statesRequest(RIG, { ...GENERATE_DEFAULTS, seconds: 0.5, settle: 1, states: [{ name: "a", speedRpm: 1200, unbalance: 1e-4, unseen: false }, { name: "b", speedRpm: 2400, unbalance: 4e-4, unseen: false }] }).values,
  },
};
const session = sessionRequest(RIG, {
  speedRpm: 1200, fs: 2000, n0: 2000, modes: 8, modelError: 0.01, unbalance: run.unbalance, sensors: [], estimates: [], mismatch: run.mismatch, R: [1e-8, 2e-8, 1e-8, 2e-8],
}).values;
for (const [name, r] of Object.entries(requests)) writeFileSync(join(TMP, `${name}.f64`), f64Bytes(Float64Array.from(r.values)));
writeFileSync(join(TMP, "session.f64"), f64Bytes(Float64Array.from(session)));

// the bare host: every request twice in one instance, then in a second instance; the session fed
// 3000 synthetic samples (a deterministic sequence) in blocks of 1, 999 and 2000
const HOST = `
import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
const [wasm, dir, specs] = process.argv.slice(1);
const out = {};
const bytesOf = (x, p) => new Uint8Array(x.memory.buffer, p, x.bufLen(p) * 8).slice();
const put = (x, bytes) => { const p = x.bufNew(bytes.length / 8); new Uint8Array(x.memory.buffer, p, bytes.length).set(bytes); return p; };
for (const pass of [0, 1]) {
  const x = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), {}).exports;
  for (const [name, entry] of JSON.parse(specs)) for (const again of [0, 1]) {
    const p = put(x, readFileSync(dir + "/" + name + ".f64"));
    const r = x[entry](p);
    if (r === 0) throw new Error(name + ": core error " + x.coreError() + " at " + x.coreErrorDetail());
    x.bufDigest(r);
    const d = [0, 1, 2, 3].map((k) => BigInt.asUintN(64, x.digestWord(k)).toString(16).padStart(16, "0")).join("");
    out[name + "/" + pass + "/" + again] = createHash("sha256").update(bytesOf(x, r)).digest("hex") + " " + d;
    x.bufFree(p); x.bufFree(r);
  }
  const sp = put(x, readFileSync(dir + "/session.f64"));
  const h = x.vsSessionNew(sp);
  if (h === 0) throw new Error("session: core error " + x.coreError() + " at " + x.coreErrorDetail());
  const hash = createHash("sha256");
  let k = 0;
  for (const n of [1, 999, 2000]) {
    const b = new Float64Array(1 + 4 * n);
    b[0] = n;
    for (let i = 1; i <= 4 * n; i++, k++) b[i] = 0.01 * Math.sin(0.0628 * (k >> 2)) * ((k & 3) + 1);
    const bp = put(x, new Uint8Array(b.buffer));
    const r = x.vsSessionStep(h, bp);
    if (r === 0) throw new Error("step: core error " + x.coreError());
    hash.update(bytesOf(x, r));
    x.bufFree(bp); x.bufFree(r);
  }
  x.vsSessionFree(h);
  out["session/" + pass] = hash.digest("hex");
}
process.stdout.write(JSON.stringify(out));
`;

function under(flags: string[]): Record<string, string> {
  const specs = JSON.stringify(Object.entries(requests).map(([n, r]) => [n, r.entry]));
  const text = execFileSync(process.execPath, [...flags, "--input-type=module", "-e", HOST, DEFAULT_CORE_PATH, TMP, specs], { encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(text) as Record<string, string>;
}

describe("virtual-sensing jobs and sessions: the same result bytes everywhere", () => {
  const v8 = under([]);

  it("twice in one instance and in a second instance; the core's digest is the SHA-256 of the result bytes", () => {
    for (const name of Object.keys(requests)) {
      const first = v8[`${name}/0/0`]!;
      for (const k of [`${name}/0/1`, `${name}/1/0`, `${name}/1/1`]) expect(v8[k], k).toBe(first);
      const [sha, digest] = first.split(" ");
      expect(digest, `${name}: bufDigest`).toBe(sha);
    }
    expect(v8["session/1"]).toBe(v8["session/0"]);
  });

  it("the host's digest of the result equals the core's", () => {
    const core = Core.default();
    const r = requests.virtualSensing!;
    const res = core.withBuffers([r.values], (p) => core.take(core.fn(r.entry)(p!), r.entry));
    expect(resultDigest(res)).toBe(v8["virtualSensing/0/0"]!.split(" ")[1]);
  });

  it("V8 TurboFan only (--no-liftoff) and Liftoff only (--liftoff --no-wasm-tier-up)", () => {
    expect(under(["--no-liftoff"])).toEqual(v8);
    expect(under(["--liftoff", "--no-wasm-tier-up"])).toEqual(v8);
  }, 300_000);
});
