// twin archive rerun PKG [--engine node|node-baseline|node-turbofan|wasm-interp|binaryen|wasmtime|all]... [--run ID]... [--json]
import { type Engine, ENGINES, rerunArchive, type RerunReport } from "../archive/index.js";
import { UsageError, many, parseCommandLine } from "./args.js";
import { stringifyJson } from "../index.js";
import { refusedAsFailure } from "./archive-common.js";
import { type Command, helpRequested } from "./common.js";

export function formatRerun(r: RerunReport): string {
  const lines = [`twin archive rerun ${r.package} (core ${r.coreSha256.slice(0, 16)}…)`];
  for (const e of r.engines) {
    if (!e.available) {
      lines.push(`  ${e.engine.padEnd(14)} not available: ${e.reason}`);
      continue;
    }
    const skipped = e.results.filter((x) => x.status === "skipped").length;
    lines.push(`  ${e.engine.padEnd(14)} ${e.matched}/${e.compared} runs match bit for bit${skipped ? ` (${skipped} format-1 command runs skipped: they need the twin 0.1 host)` : ""}  (${e.version})`);
    for (const x of e.results) {
      if (x.status === "match" || x.status === "skipped") continue;
      lines.push(`    ${x.run}: ${x.status}${x.message ? `: ${x.message}` : ""}`);
      for (const o of x.outputs.filter((c) => !c.match)) lines.push(`      ${o.path}: recorded ${o.recorded.slice(0, 16)}…, got ${o.got?.slice(0, 16) ?? "nothing"}`);
    }
  }
  lines.push(r.ok ? "rerun: every compared run matches" : "RERUN FAILED: a run differs or could not run");
  return lines.join("\n") + "\n";
}

export const archiveRerunCommand: Command = {
  name: "archive rerun",
  summary: "re-execute the recorded runs with the archived core; compare output hashes bit for bit",
  api: { module: "archive", export: "rerunArchive" },
  usage: `Usage: twin archive rerun PKG [--engine ENGINE]... [--run ID]... [--json]

Re-executes every recorded run with the package's own core.wasm (never the tool's) and compares bit
for bit. A run of this version is one invocation of the core (a job export, its recorded request):
node's engines and wasmtime rebuild its rerun module from the core and the request and compare the
result's digest; wasm-interp and binaryen run the run's recorded .wast with their own spec-test
harness (wabt: wast2json + spectest-interp; binaryen: wasm-shell). docs/archive.md, RERUN.md.
Engines: node (default), node-baseline (V8 Liftoff only: --liftoff --no-wasm-tier-up), node-turbofan
(--no-liftoff), wasm-interp (Debian package wabt), binaryen (Debian package binaryen), wasmtime (the
optional npm package @bytecodealliance/wizer-linux-x64), or "all". A format-1 run (a command line,
twin 0.1) is replayed with the bundled twin 0.1 host on the node engines only.
Before anything runs, the package is verified (fixity of every file, the core's hash) and every run
record checked: paths and arguments must stay inside the run's scratch directory, only recordable
commands replay, inputs must be in the package as declared. Exit 1 when a run differs or fails, a
named engine is not available, or fixity or the core hash fails; 2 when the package is unreadable,
of a newer format, or holds an unsafe or malformed run record.

Options:
  --engine ENGINE  node, node-baseline, node-turbofan, wasm-interp, binaryen, wasmtime or all (repeatable)
  --run ID         only this run (repeatable)
  --json           print { package, coreSha256, ok, engines: [{ engine, available, results }] }
  -h, --help       show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { engine: { type: "string", multiple: true }, run: { type: "string", multiple: true }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "PKG" },
    );
    if (helpRequested(values, this, io)) return 0;
    const asked = many(values.engine);
    const all = asked.includes("all");
    for (const e of asked) if (e !== "all" && !(ENGINES as readonly string[]).includes(e)) throw new UsageError(`--engine: unknown engine ${JSON.stringify(e)} (${ENGINES.join(", ")}, all)`);
    const engines = asked as (Engine | "all")[];
    const r = await refusedAsFailure(io, () => rerunArchive(positionals[0]!, { engines, runs: many(values.run) }));
    if (r === null) return 1; // refused: fixity or core hash fails
    io.out(values.json === true ? stringifyJson(r) + "\n" : formatRerun(r));
    const namedMissing = !all && r.engines.some((e) => !e.available);
    return r.ok && !namedMissing ? 0 : 1;
  },
};
