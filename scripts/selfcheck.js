// Runs every zero-argument `selfcheck*` export of a core module and prints {name: "u64 decimal"} as
// JSON. Used by the cross-engine test under different V8 tiers (node flags) — the module imports
// nothing, so this is all the host it needs.
import { readFileSync } from "node:fs";

const path = process.argv[2] ?? new URL("../build/core.wasm", import.meta.url);
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {});
const out = {};
for (const [name, f] of Object.entries(instance.exports)) {
  if (name.startsWith("selfcheck") && typeof f === "function" && f.length === 0) {
    out[name] = BigInt.asUintN(64, BigInt(f())).toString();
  }
}
process.stdout.write(JSON.stringify(out) + "\n");
