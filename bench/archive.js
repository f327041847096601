// bench/archive: `twin archive create` and `twin archive verify` of a package holding a generated
// Modelica library of ~5,000 files (bench/gen-modelica.js) and 100 recorded runs (rotor modal, static
// and unbalance analyses of models/test-rig.json). Each command runs in its own process (node
// bin/twin.js, as a user runs it); wall time and the peak resident memory of that process
// (getrusage ru_maxrss via process.resourceUsage) are reported. No baseline tool exists to compare
// against in the same run; the figures are recorded in bench/RESULTS.md with the machine.
//
// Then `twin archive publish` of 1,000 generated packages (the test rig with its density varied,
// 7850 + i kg/m³, so every graph differs) into a throwaway Virtuoso (test/helpers/virtuoso.js), and
// three cross-package queries in the store, against the baseline of the same run: Oxigraph in memory
// loading the same 1,000 graphs (`twin archive query PKG...`'s engine). The queries' answers must agree
// between the two engines (checked). Generating the packages (twin archive create, in-process, in
// parallel shards) is not measured. `node bench/archive.js publish [N]` runs only this part.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { generateModelicaCorpus } from "./gen-modelica.js";
import { startVirtuoso, virtuosoMissing } from "../test/helpers/virtuoso.js";

const ROOT = join(import.meta.dirname, "..");
const MODEL = join(ROOT, "models", "test-rig.json");
const TARGET_FILES = 5000;
const RUNS = 100;
/** bytes per generated file, measured on the generator (2.2 kB): 5,000 files ~ 11 MB */
const BYTES_PER_FILE = 2200;

/** Runs `twin ARGS` in a child process that reports its own peak RSS on exit; its output is kept. */
function measured(args, env = {}) {
  const script = `import { main } from ${JSON.stringify(join(ROOT, "dist", "cli", "main.js"))};
const code = await main(${JSON.stringify(args)}, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
process.stderr.write("\\n@@" + JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS }) + "\\n");`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: "1767225600", ...env }, maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t0) / 1000;
  const m = /@@(.*)\n?$/.exec(r.stderr);
  if (!m) throw new Error(`twin ${args.slice(0, 4).join(" ")} … failed: ${r.stderr}`);
  const { code, maxRssKiB } = JSON.parse(m[1]);
  return { code, seconds, peakMiB: maxRssKiB / 1024, stdout: r.stdout, stderr: r.stderr };
}

export async function runArchiveBench() {
  const rows = [];
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
    rows.push(
      { case: `archive create: ${what}`, seconds: Number(c.seconds.toFixed(1)), peak_MiB: Math.round(c.peakMiB) },
      { case: `archive verify: ${what}`, seconds: Number(v.seconds.toFixed(1)), peak_MiB: Math.round(v.peakMiB) },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  rows.push(...(await runArchivePublishBench()));
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// publish: 1,000 packages into Virtuoso; cross-package queries there and in Oxigraph in memory

const PUBLISH_PACKAGES = 1000;
const PREFIX = "PREFIX twin: <https://w3id.org/twin/archive#> PREFIX rotor: <https://w3id.org/twin/rotor#> ";
/** The cross-package queries: name -> text. */
export const PUBLISH_QUERIES = {
  // an aggregate over every graph
  "count packages and runs per core": `${PREFIX} SELECT ?core (COUNT(DISTINCT ?g) AS ?packages) (COUNT(?r) AS ?runs) WHERE { GRAPH ?g { ?p a twin:Package ; twin:core ?core . ?r a twin:Run } } GROUP BY ?core`,
  // a join inside each graph (model values with the package's provenance), over all graphs, sorted
  "densest 10 variants with their package and core": `${PREFIX} SELECT ?g ?rho ?core WHERE { GRAPH ?g { ?p a twin:Package ; twin:core ?core . ?m a rotor:Material ; rotor:rho ?rho } FILTER(?rho > 8000) } ORDER BY DESC(?rho) ?g LIMIT 10`,
  // a join across graphs: pairs of packages holding the same model element with different values
  "pairs of packages that differ in one element": `${PREFIX} SELECT (COUNT(*) AS ?pairs) WHERE { GRAPH ?g { ?m rotor:rho ?a } GRAPH ?h { ?m rotor:rho ?b } FILTER(?a < ?b) }`,
};

/** Worker: packages from..to-1 of the test rig with density 7850 + i, as DIR/pkg-{i}.zip. */
async function generateShard(dir, from, to) {
  const { createPackage } = await import(join(ROOT, "dist", "archive", "create.js"));
  const model = JSON.parse(readFileSync(MODEL, "utf8"));
  for (let i = from; i < to; i++) {
    model.material.rho = 7850 + i;
    const src = join(dir, "src", String(i));
    mkdirSync(src, { recursive: true });
    const file = join(src, "test-rig.json");
    writeFileSync(file, JSON.stringify(model, null, 2) + "\n");
    await createPackage({ modelica: [], aml: [], rotor: [file], runs: [], output: join(dir, `pkg-${i}.zip`), zip: true, epoch: 1767225600, toolVersion: "bench", title: `test rig variant ${i}` });
    rmSync(src, { recursive: true });
  }
}

function run(args) {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [import.meta.filename, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    c.stdout.on("data", (b) => (out += b));
    c.on("error", reject);
    c.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`bench/archive.js ${args.join(" ")} exited ${code}`))));
  });
}

/** Best of `n` and the first of n timed calls of an async function. */
async function timed(f, n = 3) {
  const times = [];
  let value;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    value = await f();
    times.push((performance.now() - t0) / 1000);
  }
  return { value, best: Math.min(...times), first: times[0] };
}

/** Solutions compared by value: numbers by their double, booleans by truth (stores differ in lexical forms). */
function byValue(s) {
  if (s.form !== "select") return JSON.stringify(s);
  return JSON.stringify(
    s.bindings.map((b) =>
      s.vars.map((v) => {
        const t = b[v];
        if (!t) return null;
        if (t.type === "literal" && /#(integer|int|long|decimal|double|float)$/.test(t.datatype ?? "")) return Number(t.value);
        return t.value;
      }),
    ),
  );
}

/** Worker: the in-memory baseline, Oxigraph loading the packages listed in FILE, then the queries. */
async function oxigraphBaseline(listFile) {
  const { loadPackages, queryStore } = await import(join(ROOT, "dist", "archive", "query.js"));
  const paths = readFileSync(listFile, "utf8").split("\n").filter((l) => l !== "");
  const t0 = performance.now();
  const { store, triples } = loadPackages(paths);
  const load = (performance.now() - t0) / 1000;
  const queries = {};
  for (const [name, q] of Object.entries(PUBLISH_QUERIES)) {
    const t = await timed(async () => queryStore(store, q));
    queries[name] = { best: t.best, first: t.first, value: byValue(t.value) };
  }
  process.stdout.write(JSON.stringify({ load, triples, queries, peakMiB: process.resourceUsage().maxRSS / 1024 }));
}

export async function runArchivePublishBench(n = PUBLISH_PACKAGES) {
  const missing = virtuosoMissing();
  if (missing) return [{ case: `archive publish of ${n} packages: not measured: ${missing}` }];
  const dir = mkdtempSync(join(tmpdir(), "twin-bench-publish-"));
  let v;
  try {
    const shards = Math.max(1, Math.min(4, availableParallelism()));
    const g0 = performance.now();
    await Promise.all(Array.from({ length: shards }, (_, k) => run(["gen-shard", dir, String(Math.floor((k * n) / shards)), String(Math.floor(((k + 1) * n) / shards))])));
    const generated = (performance.now() - g0) / 1000;
    const paths = Array.from({ length: n }, (_, i) => join(dir, `pkg-${i}.zip`));
    const list = join(dir, "packages.txt");
    writeFileSync(list, paths.join("\n") + "\n");

    v = await startVirtuoso({ buffers: 100000 });
    const p = measured(["archive", "publish", ...paths, "--endpoint", v.endpoint, "--user", v.user, "--json", "--timeout", "600"], { TWIN_ENDPOINT_PASSWORD: v.password });
    if (p.code !== 0) throw new Error(`archive publish exited ${p.code}: ${p.stderr.slice(0, 2000)}`);
    const report = JSON.parse(p.stdout);
    const triples = report.published.reduce((t, x) => t + x.triples, 0);

    const { Endpoint } = await import(join(ROOT, "dist", "archive", "endpoint.js"));
    const { queryEndpointSolutions } = await import(join(ROOT, "dist", "archive", "query.js"));
    const ep = new Endpoint({ query: new URL(v.endpoint), timeoutMs: 600_000 });
    const store = {};
    for (const [name, q] of Object.entries(PUBLISH_QUERIES)) {
      const t = await timed(() => queryEndpointSolutions(ep, q));
      store[name] = { best: t.best, first: t.first, value: byValue(t.value) };
    }
    const ox = JSON.parse(await run(["oxigraph", list]));

    const rows = [
      {
        case: `archive publish: ${n} packages (${triples} triples) into Virtuoso 7.2, one process`,
        total_s: Number(p.seconds.toFixed(1)),
        per_package_ms: Math.round((p.seconds * 1000) / n),
        verify_s: Number(report.verifySeconds.toFixed(1)),
        upload_s: Number(report.uploadSeconds.toFixed(1)),
        upload_per_package_ms: Math.round((report.uploadSeconds * 1000) / n),
        peak_MiB: Math.round(p.peakMiB),
        generation_s_not_measured: Math.round(generated),
      },
      {
        case: `baseline: Oxigraph in memory loads the same ${n} graphs (${ox.triples} quads)`,
        load_s: Number(ox.load.toFixed(1)),
        per_package_ms: Math.round((ox.load * 1000) / n),
        peak_MiB: Math.round(ox.peakMiB),
      },
    ];
    for (const name of Object.keys(PUBLISH_QUERIES)) {
      const a = store[name];
      const b = ox.queries[name];
      if (a.value !== b.value) throw new Error(`${name}: Virtuoso and Oxigraph disagree:\n${a.value.slice(0, 500)}\n${b.value.slice(0, 500)}`);
      rows.push({ case: `query "${name}" over ${n} graphs: ${a.value.length > 60 ? `${a.value.slice(0, 57)}...` : a.value}`, virtuoso_ms: Math.round(a.best * 1000), virtuoso_first_ms: Math.round(a.first * 1000), oxigraph_ms: Math.round(b.best * 1000), ratio_virtuoso_oxigraph: Number((a.best / b.best).toFixed(2)) });
    }
    return rows;
  } finally {
    await v?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === "gen-shard") await generateShard(rest[0], Number(rest[1]), Number(rest[2]));
  else if (mode === "oxigraph") await oxigraphBaseline(rest[0]);
  else if (mode === "publish") for (const r of await runArchivePublishBench(rest[0] ? Number(rest[0]) : undefined)) console.log(JSON.stringify(r));
  else for (const r of await runArchiveBench()) console.log(JSON.stringify(r));
}
