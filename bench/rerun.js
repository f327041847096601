// bench/rerun (part of `npm run bench archive`): `twin demo --keep` makes the demo package, then each
// engine reruns every run of it alone (`twin archive rerun PKG --engine E`, its own process, runs in
// parallel as the tool does): wall time per engine and its ratio to node's (the interpreter/JIT
// ratio), and the bytes the .wast scripts add to the package (absolute and as a share of it).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const ENGINES = ["node", "node-baseline", "node-turbofan", "wasm-interp", "binaryen", "wasmtime"];

function sizes(dir) {
  let total = 0, wast = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else {
        total += st.size;
        if (name.endsWith(".wast")) wast += st.size;
      }
    }
  };
  walk(dir);
  return { total, wast };
}

export function runRerunBench() {
  const dir = mkdtempSync(join(tmpdir(), "twin-bench-rerun-"));
  try {
    const pkg = join(dir, "demo");
    const t0 = performance.now();
    const d = spawnSync(process.execPath, [BIN, "demo", "--keep", pkg], { encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "1767225600" } });
    const demoSeconds = (performance.now() - t0) / 1000;
    if (d.status !== 0) throw new Error(`twin demo failed: ${d.stdout}\n${d.stderr}`);
    const rows = [{ case: "twin demo (create, verify, rerun on every engine, restore, query)", seconds: Number(demoSeconds.toFixed(1)) }];
    const s = sizes(pkg);
    rows.push({ case: "demo package: .wast scripts", wast_KiB: Math.round(s.wast / 1024), package_KiB: Math.round(s.total / 1024), share: `${((100 * s.wast) / s.total).toFixed(0)} %` });
    let nodeSeconds;
    for (const engine of ENGINES) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [BIN, "archive", "rerun", pkg, "--engine", engine, "--json"], { encoding: "utf8", maxBuffer: 1 << 26 });
      const seconds = (performance.now() - t) / 1000;
      let rep;
      try {
        rep = JSON.parse(r.stdout);
      } catch {
        throw new Error(`archive rerun --engine ${engine}: ${r.stderr}`);
      }
      const e = rep.engines[0];
      if (!e.available) {
        rows.push({ case: `rerun of the demo package on ${engine}`, available: false, reason: e.reason });
        continue;
      }
      if (engine === "node") nodeSeconds = seconds;
      const runSeconds = e.results.reduce((n, x) => n + x.seconds, 0);
      rows.push({
        case: `rerun of the demo package on ${engine}`,
        runs: `${e.matched}/${e.compared}`,
        seconds: Number(seconds.toFixed(2)),
        sum_of_runs_s: Number(runSeconds.toFixed(2)),
        ratio_vs_node: nodeSeconds ? Number((seconds / nodeSeconds).toFixed(1)) : 1,
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
