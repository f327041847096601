// Optional engines: programs the tests use when they are installed but that npm cannot provide (wabt,
// binaryen, Debian's xmllint) or provides only on some platforms (wasmtime inside the optional npm
// package @bytecodealliance/wizer-linux-x64). `npm test` needs none of them. A test that needs one
// calls `need(ctx, ...)` first:
//   - every tool present: the test runs;
//   - one missing and CI=true: the test FAILS, naming the missing tool and its Debian package
//     (.ci/run installs them all, so CI never skips);
//   - one missing otherwise: the test is SKIPPED with that reason as its note; the vitest summary lists
//     every skipped test with its note (test/helpers/skip-reporter.ts), so nothing passes silently.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { delimiter, join, sep } from "node:path";
import type { TestContext } from "vitest";
import { engineAvailable } from "../../src/archive/engines.js";

export const TOOLS = {
  "wasm-interp": { from: "Debian package wabt", what: "wabt's reference interpreter" },
  wast2json: { from: "Debian package wabt", what: "wabt's .wast to JSON converter" },
  "spectest-interp": { from: "Debian package wabt", what: "wabt's spec-test interpreter" },
  wasm2c: { from: "Debian package wabt", what: "wabt's WebAssembly to C translator" },
  gcc: { from: "Debian package gcc", what: "the C compiler for wasm2c's output" },
  "wasm-shell": { from: "Debian package binaryen", what: "binaryen's interpreter" },
  xmllint: { from: "Debian package libxml2-utils", what: "Debian's libxml2 command-line tool" },
  wasmtime: { from: "npm optional dependency @bytecodealliance/wizer-linux-x64, linux-x64 only", what: "wasmtime (inside wizer)" },
  mosquitto: { from: "Debian package mosquitto", what: "the MQTT broker" },
  socat: { from: "Debian package socat", what: "the pseudo-terminal pair the serial source is tested through" },
} as const;

export type Tool = keyof typeof TOOLS;

/** CI=true: every optional engine is required. */
export const CI = process.env.CI === "true";

/** The C runtime wasm2c's output is compiled with (where Debian's wabt puts it). */
export const WASM2C_RUNTIME = "/usr/share/wabt/wasm2c";

/** Searched after PATH: Debian installs daemons (mosquitto) in sbin, often not on a user's PATH. */
const SBIN = ["/usr/local/sbin", "/usr/sbin", "/sbin"];

/**
 * The installed program `name`: the first executable on PATH outside node_modules, else in SBIN. npm puts
 * node_modules/.bin first on PATH, and there `wasm-shell` and `wasm-opt` are binaryen.js (binaryen
 * compiled to WebAssembly, a dependency of assemblyscript), about ten times slower than the native
 * binaryen the binaryen test is meant for.
 */
export function programPath(name: string): string | undefined {
  for (const dir of [...(process.env.PATH ?? "").split(delimiter), ...SBIN]) {
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

const checked = new Map<Tool, string | undefined>();

/** Why a tool cannot run here, or undefined when it can. */
export function missing(tool: Tool): string | undefined {
  if (!checked.has(tool)) {
    let reason: string | undefined;
    if (tool === "wasmtime") {
      const a = engineAvailable("wasmtime");
      reason = a.ok ? undefined : `wasmtime not available: ${a.reason}`;
    } else {
      const p = programPath(tool);
      // mosquitto has no --version: -h prints "mosquitto version X" and exits with status 3; socat's is -V
      const r = p === undefined ? undefined : spawnSync(p, [tool === "mosquitto" ? "-h" : tool === "socat" ? "-V" : "--version"], { encoding: "utf8" });
      const ran = r !== undefined && !r.error && (tool === "mosquitto" ? /^mosquitto version /m.test(r.stdout) : r.status === 0);
      if (!ran) reason = `${tool} not installed (${TOOLS[tool].from})`;
      else if (tool === "wasm2c" && !existsSync(`${WASM2C_RUNTIME}/wasm-rt-impl.c`)) reason = `wasm2c's runtime ${WASM2C_RUNTIME}/wasm-rt-impl.c not found (${TOOLS[tool].from})`;
    }
    checked.set(tool, reason);
  }
  return checked.get(tool);
}

export function available(tool: Tool): boolean {
  return missing(tool) === undefined;
}

/** The absolute path of an installed tool (call after need()). */
export function tool(name: Exclude<Tool, "wasmtime">): string {
  const p = programPath(name);
  if (p === undefined) throw new Error(`${name} not installed (${TOOLS[name].from})`);
  return p;
}

/**
 * Call first in a test that needs optional tools: returns when all are present; otherwise fails the
 * test under CI=true, or skips it with the reason as its note.
 */
export function need(ctx: TestContext, ...tools: Tool[]): void {
  const v = verdict(tools.map(missing).filter((r): r is string => r !== undefined), CI);
  if (v.action === "fail") throw new Error(v.message);
  if (v.action === "skip") ctx.skip(v.message);
}

/** What a test does given the reasons its tools are missing: run (none), fail (CI) or skip. */
export function verdict(reasons: string[], ci: boolean): { action: "run" } | { action: "skip" | "fail"; message: string } {
  if (reasons.length === 0) return { action: "run" };
  const why = reasons.join("; ");
  return ci ? { action: "fail", message: `${why}: CI=true requires every optional engine (.ci/run installs them)` } : { action: "skip", message: why };
}
