// DESIGN.md: the core imports nothing and gives the same bits on every conforming engine. Each
// zero-argument `selfcheck*` export hashes the output bits of a built-in computation (0 means the
// computation failed). Two things are required of them:
//   - their values are non-zero and equal to the values recorded for this very core build in
//     test/data/selfcheck.json (re-recorded deliberately with `npm run selfcheck:record` when the core
//     changes): a self-check that changes or fails is a failure, even if every engine agrees;
//   - every engine gives the same values: V8 with its default tiering, TurboFan only (--no-liftoff),
//     Liftoff only (--liftoff --no-wasm-tier-up), and, when installed (required under CI=true; see
//     test/helpers/engines.ts), independent implementations: wabt's reference interpreter
//     `wasm-interp`, wabt's spec-test interpreter and binaryen's `wasm-shell` running a .wast of
//     `assert_return` lines, wasmtime (inside wizer), and wasm2c's C translation compiled by gcc.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runSelfchecks } from "../src/archive/engines.js";
import { DEFAULT_CORE_PATH, sha256Hex } from "../src/core/core.js";
import { need, programPath, tool, verdict, WASM2C_RUNTIME } from "./helpers/engines.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const script = join(ROOT, "scripts", "selfcheck.js");
const RECORD_FILE = join(ROOT, "test", "data", "selfcheck.json");
const TMP = mkdtempSync(join(tmpdir(), "twin-engines-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface SelfcheckRecord {
  core: { sha256: string; size: number; assemblyscript: string };
  selfchecks: Record<string, string>;
}
const RECORD = JSON.parse(readFileSync(RECORD_FILE, "utf8")) as SelfcheckRecord;
const BYTES = readFileSync(DEFAULT_CORE_PATH);
const SHA256 = sha256Hex(BYTES);
const RERECORD =
  `build/core.wasm (sha256 ${SHA256}) is not the core whose self-check values are recorded in test/data/selfcheck.json ` +
  `(sha256 ${RECORD.core.sha256}). If the change to the core is meant, check it, then re-record deliberately with ` +
  "`npm run selfcheck:record` and commit test/data/selfcheck.json with the change";

function underNode(flags: string[]): Record<string, string> {
  const out = execFileSync(process.execPath, [...flags, script, DEFAULT_CORE_PATH], { encoding: "utf8" });
  return JSON.parse(out) as Record<string, string>;
}

/** V8 with default tiering: the values every other engine is compared with. */
const V8 = underNode([]);
const NAMES = Object.keys(V8).sort();
const sorted = (v: Record<string, string>): Record<string, string> => Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]!]));

/** Each engine's values: all the self-checks, each non-zero, equal to V8's. */
function expectSameAsV8(values: Record<string, string>, engine: string): void {
  expect(Object.keys(values).sort(), `${engine}: self-check exports`).toEqual(NAMES);
  for (const n of NAMES) expect(values[n], `${engine}: ${n} returned 0 (the self-check failed)`).not.toBe("0");
  expect(sorted(values), engine).toEqual(sorted(V8));
}

/** `selfcheckRotor() => i64:1234` lines of wasm-interp --run-all-exports (signed or unsigned). */
function parseInterp(out: string): Record<string, string> {
  const results: Record<string, string> = {};
  for (const line of out.split("\n")) {
    const m = /^(selfcheck\w*)\(\) => i64:(-?\d+)$/.exec(line.trim());
    if (m) results[m[1]!] = BigInt.asUintN(64, BigInt(m[2]!)).toString();
  }
  return results;
}

/** A .wast script: the core as `(module binary ...)` and one assert_return per self-check with V8's value. */
function wast(): string {
  const hex = [...BYTES].map((b) => `\\${b.toString(16).padStart(2, "0")}`).join("");
  const asserts = NAMES.map((n) => `(assert_return (invoke "${n}") (i64.const ${V8[n]}))`);
  return `(module binary "${hex}")\n${asserts.join("\n")}\n`;
}

describe("core module rules", () => {
  const module = new WebAssembly.Module(BYTES);

  it("imports nothing", () => {
    expect(WebAssembly.Module.imports(module)).toEqual([]);
  });

  it("exports self-checks for the linear algebra, the rotor, the UKF, the ELM and the signal features", () => {
    const names = WebAssembly.Module.exports(module).map((e) => e.name);
    for (const n of ["selfcheckLinalg", "selfcheckRotor", "selfcheckUkf", "selfcheckElm", "selfcheckSignal"]) expect(names).toContain(n);
  });
});

describe("self-check values recorded for this core build (test/data/selfcheck.json)", () => {
  it("the record belongs to this build of the core", () => {
    expect(SHA256, RERECORD).toBe(RECORD.core.sha256);
    expect(BYTES.length, RERECORD).toBe(RECORD.core.size);
  });

  it("every selfcheck export is recorded, and every recorded value is non-zero", () => {
    expect(NAMES, `the self-check exports differ from the recorded ones: ${RERECORD}`).toEqual(Object.keys(RECORD.selfchecks).sort());
    for (const [n, v] of Object.entries(RECORD.selfchecks)) expect(v, `${n} recorded as 0`).toMatch(/^[1-9]\d*$/);
  });

  it("V8 gives every recorded value, none of them zero", () => {
    for (const n of NAMES) expect(V8[n], `${n} returned 0 (the self-check failed)`).not.toBe("0");
    for (const n of NAMES) expect(V8[n], `${n}: ${RERECORD}`).toBe(RECORD.selfchecks[n]);
  });
});

describe("the same self-check bits on every engine", () => {
  it("V8 TurboFan only (--no-liftoff) and Liftoff only (--liftoff --no-wasm-tier-up)", () => {
    expectSameAsV8(underNode(["--no-liftoff"]), "node --no-liftoff");
    expectSameAsV8(underNode(["--liftoff", "--no-wasm-tier-up"]), "node --liftoff --no-wasm-tier-up");
  });

  it("a second instance (no state leaks between runs)", () => {
    expectSameAsV8(underNode([]), "node, second instance");
  });

  it("wabt's reference interpreter wasm-interp", (ctx) => {
    need(ctx, "wasm-interp");
    const out = execFileSync(tool("wasm-interp"), [DEFAULT_CORE_PATH, "--run-all-exports"], { encoding: "utf8", maxBuffer: 1 << 26 });
    expectSameAsV8(parseInterp(out), "wasm-interp");
  });

  it("wabt's spec-test interpreter: a .wast of assert_return lines (wast2json + spectest-interp)", (ctx) => {
    need(ctx, "wast2json", "spectest-interp");
    const dir = mkdtempSync(join(TMP, "wabt-"));
    writeFileSync(join(dir, "core.wast"), wast());
    execFileSync(tool("wast2json"), [join(dir, "core.wast"), "-o", join(dir, "core.json")], { encoding: "utf8" });
    let out = "";
    try {
      out = execFileSync(tool("spectest-interp"), [join(dir, "core.json")], { encoding: "utf8", maxBuffer: 1 << 26 });
    } catch (e) {
      const x = e as { stdout?: string; stderr?: string };
      expect.fail(`spectest-interp: ${x.stdout ?? ""}${x.stderr ?? ""}`);
    }
    // the module line counts as a test too
    expect(out.trim().split("\n").pop()).toBe(`${NAMES.length + 1}/${NAMES.length + 1} tests passed.`);
  }, 300_000);

  it("binaryen's interpreter wasm-shell (the native one, not binaryen.js in node_modules): the same .wast", (ctx) => {
    need(ctx, "wasm-shell");
    const dir = mkdtempSync(join(TMP, "binaryen-"));
    writeFileSync(join(dir, "core.wast"), wast());
    // wasm-shell prints its checks on standard error and exits non-zero when an assertion fails
    const r = spawnSync(tool("wasm-shell"), [join(dir, "core.wast")], { encoding: "utf8", maxBuffer: 1 << 28 });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status, `wasm-shell: ${out.split("\n").slice(-8).join("\n")}`).toBe(0);
    // one "CHECKING: ( assert_return ( invoke NAME ) ... )" and "seen X, expected X" pair per self-check
    for (const n of NAMES) expect(out).toContain(`( invoke ${n} )`);
    expect(out.match(/^seen (-?\d+), expected \1$/gm)?.length).toBe(NAMES.length);
  }, 600_000);

  it("wasmtime (inside wizer: the values read back from the snapshot it writes)", async (ctx) => {
    need(ctx, "wasmtime");
    expectSameAsV8(await runSelfchecks("wasmtime", DEFAULT_CORE_PATH, NAMES), "wasmtime");
  }, 300_000);

  it("wasm2c's C translation compiled by gcc -O2 into a native program", (ctx) => {
    need(ctx, "wasm2c", "gcc");
    const dir = mkdtempSync(join(TMP, "wasm2c-"));
    execFileSync(tool("wasm2c"), [DEFAULT_CORE_PATH, "-n", "core", "-o", join(dir, "core.c")]);
    const header = readFileSync(join(dir, "core.h"), "utf8");
    // wabt 1.0.32 names the export `selfcheckX` of module `core` Z_coreZ_selfcheckX; newer versions differ
    for (const n of NAMES) expect(header, `wasm2c's naming of ${n} (wabt version?)`).toContain(`u64 Z_coreZ_${n}(Z_core_instance_t*);`);
    const main = [
      "#include <stdio.h>",
      '#include "core.h"',
      "int main(void) {",
      "  wasm_rt_init();",
      "  Z_core_init_module();",
      "  Z_core_instance_t inst;",
      "  Z_core_instantiate(&inst);",
      ...NAMES.map((n) => `  printf("${n}() => i64:%llu\\n", (unsigned long long)Z_coreZ_${n}(&inst));`),
      "  Z_core_free(&inst);",
      "  wasm_rt_free();",
      "  return 0;",
      "}",
    ].join("\n");
    writeFileSync(join(dir, "main.c"), main + "\n");
    const rt = WASM2C_RUNTIME;
    execFileSync(tool("gcc"), ["-O2", "-o", join(dir, "core"), join(dir, "main.c"), join(dir, "core.c"), join(rt, "wasm-rt-impl.c"), `-I${rt}`, `-I${dir}`, "-lm"], { stdio: "pipe" });
    expectSameAsV8(parseInterp(execFileSync(join(dir, "core"), { encoding: "utf8" })), "wasm2c + gcc");
  }, 600_000);
});

describe("optional engines (test/helpers/engines.ts)", () => {
  it("a missing engine skips its test with the reason, or fails it under CI=true; none missing runs it", () => {
    expect(verdict([], true)).toEqual({ action: "run" });
    expect(verdict([], false)).toEqual({ action: "run" });
    const why = ["wasm-interp not installed (Debian package wabt)"];
    expect(verdict(why, false)).toEqual({ action: "skip", message: why[0] });
    expect(verdict(why, true)).toEqual({ action: "fail", message: `${why[0]}: CI=true requires every optional engine (.ci/run installs them)` });
  });

  it("finds programs on PATH outside node_modules (binaryen.js's wasm-shell there is not the native one), then in sbin", () => {
    const saved = process.env.PATH;
    try {
      process.env.PATH = [join(ROOT, "node_modules", ".bin"), join(TMP, "nothing-here")].join(":");
      expect(programPath("wasm-shell")).toBeUndefined();
      expect(programPath("tsc")).toBeUndefined();
      process.env.PATH = [join(ROOT, "node_modules", ".bin"), "/usr/bin", "/bin"].join(":");
      const sh = programPath("sh");
      expect(sh === "/usr/bin/sh" || sh === "/bin/sh").toBe(true);
      // daemons such as mosquitto live in sbin, which a non-root PATH often lacks: searched after PATH
      process.env.PATH = join(TMP, "nothing-here");
      const nologin = programPath("nologin");
      expect(nologin === "/usr/sbin/nologin" || nologin === "/sbin/nologin").toBe(true);
    } finally {
      process.env.PATH = saved;
    }
  });
});
