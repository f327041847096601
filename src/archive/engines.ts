// The engines a recorded run can be re-executed on. An invocation (a job run, format 2) and the
// self-check run are self-contained: they run on every engine — node with its default tiering, the
// baseline compiler only (Liftoff, no tier-up) or the optimising compiler only (TurboFan); wabt's
// interpreter through its own spec-test harness (wast2json + spectest-interp on the run's .wast);
// binaryen's interpreter (wasm-shell on the .wast); wasmtime (inside wizer, see wasm-edit.ts). A
// format-1 CLI run (argv of a twin command) needs the JavaScript host of its version: node only.
// Every run is a child process, so the archived core is the only wasm it loads.
import { execFile, spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, sep } from "node:path";
import { buildInitRunner, buildRerunInitModule, buildRerunModule, readI64Globals, RERUN_EXPORTS } from "./wasm-edit.js";
import { digestHex } from "./wast.js";

/** The WebAssembly engines a package's runs can be rerun on. */
export const ENGINES = ["node", "node-baseline", "node-turbofan", "wasm-interp", "binaryen", "wasmtime"] as const;
/** A WebAssembly engine (ENGINES). */
export type Engine = (typeof ENGINES)[number];

/** V8 flags of the node engines. */
export const NODE_FLAGS: Partial<Record<Engine, string[]>> = {
  node: [],
  "node-baseline": ["--liftoff", "--no-wasm-tier-up"],
  "node-turbofan": ["--no-liftoff"],
};

export function isNodeEngine(e: Engine): boolean {
  return NODE_FLAGS[e] !== undefined;
}

export interface ProcessResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs a program, collecting its output (no shell). */
export function runProcess(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env, encoding: "buffer", maxBuffer: 1 << 30, timeout: options.timeoutMs ?? 0 },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === "number" ? ((error as { code: number }).code) : null) : 0;
        resolve({ code, stdout: Buffer.from(stdout), stderr: Buffer.from(stderr).toString("utf8") + (error && code === null ? `\n${error.message}` : "") });
      },
    );
  });
}

/** Path of the wizer binary (wasmtime inside) from the optional npm dependency, if installed. */
export function wizerPath(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const p = join(dirname(require.resolve("@bytecodealliance/wizer-linux-x64/package.json")), "wizer");
    return existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The installed program `name`: the first executable on PATH outside node_modules (npm puts
 * node_modules/.bin first, and there `wasm-shell` is binaryen.js, binaryen compiled to WebAssembly and
 * about ten times slower than the native interpreter this engine means).
 */
export function programPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "" || dir.split(sep).includes("node_modules")) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The programs of the interpreter engines, and the Debian package that has them. */
const PROGRAMS: Partial<Record<Engine, { names: string[]; from: string }>> = {
  "wasm-interp": { names: ["wasm-interp", "wast2json", "spectest-interp"], from: "Debian package wabt" },
  binaryen: { names: ["wasm-shell"], from: "Debian package binaryen" },
};

/** Whether an engine can run here; a reason when it cannot. */
export function engineAvailable(e: Engine): { ok: boolean; reason?: string } {
  if (isNodeEngine(e)) return { ok: true };
  const prog = PROGRAMS[e];
  if (prog) {
    const absent = prog.names.filter((n) => programPath(n) === undefined);
    return absent.length === 0 ? { ok: true } : { ok: false, reason: `${absent.join(", ")} not found (${prog.from})` };
  }
  if (process.platform !== "linux" || process.arch !== "x64") return { ok: false, reason: `wizer/wasmtime binary is for linux-x64, this is ${process.platform}-${process.arch}` };
  return wizerPath() ? { ok: true } : { ok: false, reason: "npm package @bytecodealliance/wizer-linux-x64 (wasmtime) not installed" };
}

/** Version string of an engine, for the record. */
export function engineVersion(e: Engine): string {
  if (isNodeEngine(e)) return `node ${process.version} (V8 ${process.versions.v8})${NODE_FLAGS[e]!.length ? " " + NODE_FLAGS[e]!.join(" ") : ""}`;
  if (e === "wasm-interp") return `wabt ${spawnSync(programPath("wasm-interp") ?? "wasm-interp", ["--version"], { encoding: "utf8" }).stdout.trim()} (spectest-interp)`;
  if (e === "binaryen") return `binaryen wasm-shell ${spawnSync(programPath("wasm-shell") ?? "wasm-shell", ["--version"], { encoding: "utf8" }).stdout.trim().replace(/^wasm-shell version /, "")}`;
  const w = wizerPath();
  if (!w) return "wizer (not installed)";
  try {
    const pkg = JSON.parse(readFileSync(join(dirname(w), "package.json"), "utf8")) as { version: string };
    return `wasmtime inside @bytecodealliance/wizer-linux-x64 ${pkg.version}`;
  } catch {
    return "wasmtime inside wizer";
  }
}

/** Zero-argument exports named selfcheck* of a core. */
export function selfcheckExports(core: Uint8Array): string[] {
  const mod = new WebAssembly.Module(core as Uint8Array<ArrayBuffer>);
  return WebAssembly.Module.exports(mod)
    .filter((e) => e.kind === "function" && /^selfcheck\w*$/.test(e.name))
    .map((e) => e.name)
    .sort();
}

const NODE_SELFCHECK = `
import { readFileSync } from "node:fs";
const [path, ...names] = process.argv.slice(1);
const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {});
const out = {};
for (const n of names) out[n] = BigInt.asUintN(64, BigInt(inst.exports[n]())).toString();
process.stdout.write(JSON.stringify(out));
`;

/** Runs the named self-checks of the core at `corePath` on an engine: name -> u64 result (decimal). */
export async function runSelfchecks(engine: Engine, corePath: string, names: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (isNodeEngine(engine)) {
    const r = await runProcess(process.execPath, [...NODE_FLAGS[engine]!, "--input-type=module", "-e", NODE_SELFCHECK, "--", corePath, ...names]);
    if (r.code !== 0) throw new Error(`${engine}: self-checks failed: ${r.stderr.trim()}`);
    return JSON.parse(r.stdout.toString("utf8")) as Record<string, string>;
  }
  if (engine === "binaryen") throw new Error("binaryen reruns self-checks through their .wast (runWast)");
  if (engine === "wasm-interp") {
    // runs every zero-argument export of the unmodified core; lines like `selfcheckRotor() => i64:1234`
    const r = await runProcess(programPath("wasm-interp") ?? "wasm-interp", [corePath, "--run-all-exports"]);
    if (r.code !== 0) throw new Error(`wasm-interp failed: ${r.stderr.trim() || r.stdout.toString("utf8").trim()}`);
    for (const line of r.stdout.toString("utf8").split("\n")) {
      const m = /^(\w+)\(\) => i64:(-?\d+)$/.exec(line.trim());
      if (m && names.includes(m[1]!)) out[m[1]!] = BigInt.asUintN(64, BigInt(m[2]!)).toString();
    }
    for (const n of names) if (!(n in out)) throw new Error(`wasm-interp printed no result for ${n}`);
    return out;
  }
  const wizer = wizerPath();
  if (!wizer) throw new Error("wasmtime is not available");
  const dir = mkdtempSync(join(tmpdir(), "twin-wasmtime-"));
  try {
    const { module, globals } = buildInitRunner(new Uint8Array(readFileSync(corePath)), names);
    writeFileSync(join(dir, "runner.wasm"), module);
    const r = await runProcess(wizer, ["-o", join(dir, "snapshot.wasm"), join(dir, "runner.wasm")]);
    if (r.code !== 0) throw new Error(`wizer (wasmtime) failed: ${r.stderr.trim()}`);
    const values = readI64Globals(new Uint8Array(readFileSync(join(dir, "snapshot.wasm"))));
    names.forEach((n, i) => {
      const v = values[globals[i]!];
      if (v === null || v === undefined) throw new Error(`wasmtime snapshot has no result for ${n}`);
      out[n] = BigInt.asUintN(64, v).toString();
    });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NODE_RERUN = `
import { readFileSync } from "node:fs";
const [path, ...names] = process.argv.slice(1);
const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {});
process.stdout.write(names.map((n) => BigInt.asUintN(64, BigInt(inst.exports[n]())).toString(16).padStart(16, "0")).join(""));
`;

/**
 * Reruns an invocation (core + entry + request) on a node engine or wasmtime and returns the digest
 * its rerun module computes, in hex. (wabt and binaryen run the recorded .wast instead: runWast.)
 */
export async function runInvocation(engine: Engine, core: Uint8Array, entry: string, request: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "twin-invocation-"));
  try {
    if (isNodeEngine(engine)) {
      const path = join(dir, "rerun.wasm");
      writeFileSync(path, buildRerunModule(core, entry, request));
      const r = await runProcess(process.execPath, [...NODE_FLAGS[engine]!, "--input-type=module", "-e", NODE_RERUN, "--", path, ...RERUN_EXPORTS]);
      if (r.code !== 0) throw new Error(`${engine}: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
      return r.stdout.toString("utf8");
    }
    if (engine === "wasmtime") {
      const wizer = wizerPath();
      if (!wizer) throw new Error("wasmtime is not available");
      const { module, globals } = buildRerunInitModule(core, entry, request);
      writeFileSync(join(dir, "runner.wasm"), module);
      const r = await runProcess(wizer, ["-o", join(dir, "snapshot.wasm"), join(dir, "runner.wasm")]);
      if (r.code !== 0) throw new Error(`wizer (wasmtime) failed: ${r.stderr.trim()}`);
      const values = readI64Globals(new Uint8Array(readFileSync(join(dir, "snapshot.wasm"))));
      return digestHex(globals.map((g) => {
        const v = values[g];
        if (v === null || v === undefined) throw new Error("the wasmtime snapshot has no digest word");
        return v;
      }));
    }
    throw new Error(`${engine} reruns the recorded .wast (runWast)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Outcome of a .wast on an engine's own spec-test harness. */
export interface WastOutcome {
  passed: boolean;
  /** assertions passed / run, as the harness reports them */
  summary: string;
  /** the harness's own lines about a failure (empty when it passed) */
  detail: string;
}

/**
 * Runs a .wast file with an interpreter engine's own harness: wabt (wast2json, then spectest-interp on
 * its JSON) or binaryen (wasm-shell). Passed = the harness exits 0 having checked every assertion.
 */
export async function runWast(engine: Engine, wastPath: string, assertions: number): Promise<WastOutcome> {
  const dir = mkdtempSync(join(tmpdir(), "twin-wast-"));
  try {
    if (engine === "wasm-interp") {
      const json = join(dir, "script.json");
      const c = await runProcess(programPath("wast2json")!, [wastPath, "-o", json]);
      if (c.code !== 0) return { passed: false, summary: "wast2json failed", detail: (c.stderr || c.stdout.toString("utf8")).trim().slice(0, 2000) };
      const r = await runProcess(programPath("spectest-interp")!, [json]);
      const out = (r.stdout.toString("utf8") + r.stderr).trim();
      const m = /(\d+)\/(\d+) tests passed/.exec(out);
      // spectest-interp counts the module command as a test besides the assertions
      const passed = r.code === 0 && m !== null && m[1] === m[2] && Number(m[2]) === assertions + 1;
      return { passed, summary: m ? `${Math.max(0, Number(m[1]) - 1)}/${Math.max(0, Number(m[2]) - 1)} assertions` : "no summary", detail: passed ? "" : out.split("\n").filter((l) => /fail|expected|error/i.test(l)).slice(0, 8).join("\n") };
    }
    if (engine === "binaryen") {
      const r = await runProcess(programPath("wasm-shell")!, [wastPath]);
      const out = (r.stdout.toString("utf8") + r.stderr).trim();
      const checks = out.split("\n").filter((l) => /^\s*seen /.test(l));
      const ok = checks.filter((l) => { const m = /seen (-?\d+), expected (-?\d+)/.exec(l); return m !== null && m[1] === m[2]; }).length;
      const passed = r.code === 0 && checks.length === assertions && ok === assertions;
      return { passed, summary: `${ok}/${checks.length} assertions`, detail: passed ? "" : out.split("\n").filter((l) => /seen|fail|error|exception/i.test(l)).slice(0, 8).join("\n") };
    }
    throw new Error(`${engine} has no spec-test harness here`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
