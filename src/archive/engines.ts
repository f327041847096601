// The engines a recorded run can be re-executed on. CLI runs (a `twin` command) need a JavaScript host:
// node with its default tiering, the baseline compiler only (Liftoff, no tier-up) or the optimising
// compiler only (TurboFan). Self-contained runs (the core's zero-argument `selfcheck*` exports) run on
// any engine: also wabt's reference interpreter `wasm-interp` and wasmtime (inside wizer, see
// wasm-edit.ts). Every run is a child process, so the archived core is the only wasm it loads.
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildInitRunner, readI64Globals } from "./wasm-edit.js";

export const ENGINES = ["node", "node-baseline", "node-turbofan", "wasm-interp", "wasmtime"] as const;
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

/** Whether an engine can run here; a reason when it cannot. */
export function engineAvailable(e: Engine): { ok: boolean; reason?: string } {
  if (isNodeEngine(e)) return { ok: true };
  if (e === "wasm-interp") {
    const r = spawnSync("wasm-interp", ["--version"], { encoding: "utf8" });
    return r.status === 0 ? { ok: true } : { ok: false, reason: "wasm-interp not found (Debian package wabt)" };
  }
  if (process.platform !== "linux" || process.arch !== "x64") return { ok: false, reason: `wizer/wasmtime binary is for linux-x64, this is ${process.platform}-${process.arch}` };
  return wizerPath() ? { ok: true } : { ok: false, reason: "npm package @bytecodealliance/wizer-linux-x64 (wasmtime) not installed" };
}

/** Version string of an engine, for the record. */
export function engineVersion(e: Engine): string {
  if (isNodeEngine(e)) return `node ${process.version} (V8 ${process.versions.v8})${NODE_FLAGS[e]!.length ? " " + NODE_FLAGS[e]!.join(" ") : ""}`;
  if (e === "wasm-interp") return `wabt wasm-interp ${spawnSync("wasm-interp", ["--version"], { encoding: "utf8" }).stdout.trim()}`;
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
  if (engine === "wasm-interp") {
    // runs every zero-argument export of the unmodified core; lines like `selfcheckRotor() => i64:1234`
    const r = await runProcess("wasm-interp", [corePath, "--run-all-exports"]);
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
