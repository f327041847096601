// DESIGN.md: the core imports nothing and gives the same bits on every conforming engine. Each
// `selfcheck*` export hashes the output bits of a built-in computation; all engines must agree:
// V8 with its default tiering, TurboFan only (--no-liftoff), Liftoff only (--liftoff
// --no-wasm-tier-up), and wabt's reference interpreter `wasm-interp`, an independent implementation.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_CORE_PATH } from "../src/core/core.js";

const script = fileURLToPath(new URL("../scripts/selfcheck.js", import.meta.url));

function underNode(flags: string[]): Record<string, string> {
  const out = execFileSync(process.execPath, [...flags, script, DEFAULT_CORE_PATH], { encoding: "utf8" });
  return JSON.parse(out) as Record<string, string>;
}

function underWabt(): Record<string, string> {
  // prints one line per zero-argument export, e.g. `selfcheckRotor() => i64:1234`
  const out = execFileSync("wasm-interp", [DEFAULT_CORE_PATH, "--run-all-exports"], { encoding: "utf8" });
  const results: Record<string, string> = {};
  for (const line of out.split("\n")) {
    const m = /^(selfcheck\w*)\(\) => i64:(-?\d+)$/.exec(line.trim());
    if (m) results[m[1]!] = BigInt.asUintN(64, BigInt(m[2]!)).toString();
  }
  return results;
}

describe("core module rules", () => {
  const bytes = readFileSync(DEFAULT_CORE_PATH);
  const module = new WebAssembly.Module(bytes);

  it("imports nothing", () => {
    expect(WebAssembly.Module.imports(module)).toEqual([]);
  });

  it("exports self-checks for the linear algebra and the rotor", () => {
    const names = WebAssembly.Module.exports(module).map((e) => e.name);
    expect(names).toContain("selfcheckLinalg");
    expect(names).toContain("selfcheckRotor");
  });

  it("gives the same self-check bits under V8 default, TurboFan, Liftoff and wabt wasm-interp", () => {
    const reference = underNode([]);
    expect(Object.keys(reference).length).toBeGreaterThanOrEqual(2);
    expect(underNode(["--no-liftoff"])).toEqual(reference);
    expect(underNode(["--liftoff", "--no-wasm-tier-up"])).toEqual(reference);
    expect(underWabt()).toEqual(reference);
  });

  it("gives the same self-check bits on a second instance (no state leaks between runs)", () => {
    const a = underNode([]);
    const b = underNode([]);
    expect(b).toEqual(a);
  });
});
