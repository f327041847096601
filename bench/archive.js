// bench/archive: `twin archive create` and `twin archive verify` of a package holding a generated
// Modelica library of ~5,000 files (bench/gen-modelica.js) and 100 recorded runs (rotor modal, static
// and unbalance analyses of models/test-rig.json). Each command runs in its own process (node
// bin/twin.js, as a user runs it); wall time and the peak resident memory of that process
// (getrusage ru_maxrss via process.resourceUsage) are reported. No baseline tool exists to compare
// against in the same run; the figures are recorded in bench/RESULTS.md with the machine.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateModelicaCorpus } from "./gen-modelica.js";

const ROOT = join(import.meta.dirname, "..");
const MODEL = join(ROOT, "models", "test-rig.json");
const TARGET_FILES = 5000;
const RUNS = 100;
/** bytes per generated file, measured on the generator (2.2 kB): 5,000 files ~ 11 MB */
const BYTES_PER_FILE = 2200;

/** Runs `twin ARGS` in a child process that reports its own peak RSS on exit. */
function measured(args) {
  const script = `import { main } from ${JSON.stringify(join(ROOT, "dist", "cli", "main.js"))};
const code = await main(${JSON.stringify(args)}, { out: () => {}, err: (t) => process.stderr.write(t) });
process.stderr.write("\\n@@" + JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS }) + "\\n");`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "1767225600" }, maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  const m = /@@(.*)\n?$/.exec(r.stderr);
  if (!m) throw new Error(`twin ${args.join(" ")} failed: ${r.stderr}`);
  const { code, maxRssKiB } = JSON.parse(m[1]);
  return { code, seconds, peakMiB: maxRssKiB / 1024, stderr: r.stderr };
}

export function runArchiveBench() {
  const dir = mkdtempSync(join(tmpdir(), "twin-bench-archive-"));
  try {
    const corpus = generateModelicaCorpus(dir, (TARGET_FILES * BYTES_PER_FILE) / 1e6);
    mkdirSync(join(dir, "runs"));
    const specs = [];
    for (let i = 0; i < RUNS; i++) {
      const kind = i % 3;
      const argv =
        kind === 0 ? ["rotor", "modal", MODEL, "--speeds", String(10 * i), "--modes", "6", "--json"]
        : kind === 1 ? ["rotor", "static", MODEL, "--json"]
        : ["rotor", "unbalance", MODEL, "--unbalance", `4:${1 + i}e-5:0`, "--freqs", "0:400:20", "--probe", "4:x", "--json"];
      const p = join(dir, "runs", `run${i}.json`);
      writeFileSync(p, JSON.stringify({ id: `run${i}`, argv }));
      specs.push("--run", p);
    }
    const pkg = join(dir, "pkg");
    const c = measured(["archive", "create", "--modelica", corpus.root, "--rotor", MODEL, ...specs, "-o", pkg]);
    if (c.code !== 0) throw new Error(`archive create exited ${c.code}: ${c.stderr}`);
    const v = measured(["archive", "verify", pkg]);
    if (v.code !== 0) throw new Error(`archive verify exited ${v.code}: ${v.stderr}`);
    const what = `${corpus.files} Modelica files (${(corpus.bytes / 1e6).toFixed(1)} MB) + 1 rotor model + ${RUNS} runs`;
    return [
      { case: `archive create: ${what}`, seconds: Number(c.seconds.toFixed(1)), peak_MiB: Math.round(c.peakMiB) },
      { case: `archive verify: ${what}`, seconds: Number(v.seconds.toFixed(1)), peak_MiB: Math.round(v.peakMiB) },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of runArchiveBench()) console.log(JSON.stringify(r));
}
