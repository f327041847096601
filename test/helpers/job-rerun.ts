// Reruns recorded job invocations (src/core/job.ts, TWIN_RECORD_JOB) with nothing but the ABI of
// assembly/ABI.md ("Jobs"): a child node process instantiates build/core.wasm with no imports, copies
// the request bytes into `bufNew(n)`, calls the entry, and prints `bufDigest` + `digestWord(0..3)`.
// Run under V8's default tiering, TurboFan only (--no-liftoff) and Liftoff only (--liftoff
// --no-wasm-tier-up), the digests must equal the recorded one.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CORE_PATH } from "../../src/core/core.js";
import type { JobRecord } from "../../src/core/job.js";

export const V8_MODES: Record<string, string[]> = {
  "V8 default": [],
  "V8 TurboFan only (--no-liftoff)": ["--no-liftoff"],
  "V8 Liftoff only (--liftoff --no-wasm-tier-up)": ["--liftoff", "--no-wasm-tier-up"],
};

const SCRIPT = `
import { readFileSync } from "node:fs";
const [wasm, ...jobs] = process.argv.slice(2);
const { exports: c } = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(wasm)), {});
const out = [];
for (let i = 0; i < jobs.length; i += 2) {
  const entry = jobs[i], bytes = readFileSync(jobs[i + 1]);
  const p = c.bufNew(bytes.length / 8);
  new Uint8Array(c.memory.buffer, p, bytes.length).set(bytes);
  const r = c[entry](p);
  if (r === 0) { out.push("error " + c.coreError() + " " + c.coreErrorDetail()); continue; }
  if (c.bufDigest(r) !== 1) throw new Error("bufDigest failed");
  out.push([0, 1, 2, 3].map((k) => BigInt.asUintN(64, c.digestWord(k)).toString(16).padStart(16, "0")).join(""));
  c.bufFree(p); c.bufFree(r);
}
console.log(JSON.stringify(out));
`;

let scriptFile: string | undefined;

/** The result digests of recorded jobs (record directories) rerun by the bare ABI under V8 flags. */
export function rerunDigests(records: string[], flags: string[]): string[] {
  scriptFile ??= (() => {
    const f = join(mkdtempSync(join(tmpdir(), "twin-job-rerun-")), "rerun.mjs");
    writeFileSync(f, SCRIPT);
    return f;
  })();
  const args = records.flatMap((dir) => [readRecord(dir).entry, join(dir, "request.f64")]);
  const out = execFileSync(process.execPath, [...flags, scriptFile, DEFAULT_CORE_PATH, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(out) as string[];
}

export function readRecord(dir: string): JobRecord {
  return JSON.parse(readFileSync(join(dir, "job.json"), "utf8")) as JobRecord;
}

/** Runs `node bin/twin.js args` with TWIN_RECORD_JOB=dir: the command's one job call is recorded there. */
export function twinRecorded(root: string, args: string[], dir: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, "bin", "twin.js"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TWIN_DEBUG: undefined, TWIN_RECORD_JOB: dir },
    maxBuffer: 1 << 26,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
