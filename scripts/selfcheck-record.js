// Records the values of the core's zero-argument `selfcheck*` exports for the current build in
// test/data/selfcheck.json (`npm run selfcheck:record`, which rebuilds the core first). The tests
// require every value to be non-zero and equal to the recorded one, on every engine, for the core whose
// SHA-256 is recorded with them: run this only after checking that a change to the core is meant to
// change the self-checks (or only the core's bytes), and commit the file with the change.
//
// It refuses to record when a value is zero (a self-check that failed) or when V8's default tiering,
// TurboFan only (--no-liftoff) and Liftoff only (--liftoff --no-wasm-tier-up) disagree, and also
// compares with wabt's wasm-interp when that is installed.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const corePath = `${root}build/core.wasm`;
const out = `${root}test/data/selfcheck.json`;
const selfcheck = fileURLToPath(new URL("selfcheck.js", import.meta.url));

const bytes = readFileSync(corePath);
const sha256 = createHash("sha256").update(bytes).digest("hex");
const meta = JSON.parse(readFileSync(`${root}build/core.meta.json`, "utf8"));
if (meta.sha256 !== sha256) {
  console.error(`build/core.wasm (${sha256}) is not the build recorded in build/core.meta.json (${meta.sha256}): run npm run build:core`);
  process.exit(1);
}

const V8 = [
  ["node", []],
  ["node --no-liftoff", ["--no-liftoff"]],
  ["node --liftoff --no-wasm-tier-up", ["--liftoff", "--no-wasm-tier-up"]],
];
const runs = V8.map(([name, flags]) => [name, JSON.parse(execFileSync(process.execPath, [...flags, selfcheck, corePath], { encoding: "utf8" }))]);

const interp = spawnSync("wasm-interp", [corePath, "--run-all-exports"], { encoding: "utf8", maxBuffer: 1 << 26 });
if (!interp.error && interp.status === 0) {
  const values = {};
  for (const line of interp.stdout.split("\n")) {
    const m = /^(selfcheck\w*)\(\) => i64:(-?\d+)$/.exec(line.trim());
    if (m) values[m[1]] = BigInt.asUintN(64, BigInt(m[2])).toString();
  }
  runs.push(["wabt wasm-interp", values]);
} else {
  console.log("wabt's wasm-interp is not installed: recorded from V8 alone (the tests compare the other engines)");
}

const [, values] = runs[0];
const names = Object.keys(values).sort();
if (names.length === 0) {
  console.error("build/core.wasm exports no zero-argument selfcheck* function");
  process.exit(1);
}
let ok = true;
for (const [name, v] of runs.slice(1)) {
  for (const n of names) {
    if (v[n] !== values[n]) {
      console.error(`${n}: ${runs[0][0]} gives ${values[n]}, ${name} gives ${v[n] ?? "nothing"}`);
      ok = false;
    }
  }
}
for (const n of names) {
  if (values[n] === "0") {
    console.error(`${n} returns 0: the self-check failed`);
    ok = false;
  }
}
if (!ok) {
  console.error("not recorded");
  process.exit(1);
}

const record = {
  about:
    "Values (u64, decimal) of the zero-argument selfcheck* exports of the core build below. test/core-engines.test.ts requires each to be non-zero and equal on every engine; re-record deliberately, after checking a change to the core, with: npm run selfcheck:record",
  core: { file: "build/core.wasm", sha256, size: bytes.length, assemblyscript: meta.assemblyscript },
  recordedWith: runs.map(([name]) => name),
  selfchecks: Object.fromEntries(names.map((n) => [n, values[n]])),
};
writeFileSync(`${out}.tmp`, JSON.stringify(record, null, 2) + "\n");
renameSync(`${out}.tmp`, out);
console.log(`test/data/selfcheck.json: ${names.length} self-checks of core ${sha256.slice(0, 16)}… (${runs.map(([n]) => n).join(", ")})`);
for (const n of names) console.log(`  ${n} ${values[n]}`);
