// bench/modelica: parse, .mo -> Turtle and Turtle -> .mo throughput (MB of Modelica source per
// second) and peak memory (maxRSS of a child process doing the whole chain) on a generated corpus of
// >= 20 MB (bench/gen-modelica.js). Each stage runs once on the whole corpus, in one child process,
// timed both by the wall clock and by the CPU time of the process (user + system): on a shared,
// loaded machine the wall clock is pessimistic and the CPU time is what the code costs. A baseline in
// the same run (SHA-256 of the corpus, and N3.js parsing the Turtle without doing anything with it)
// tells how fast this machine was at that moment.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateModelicaCorpus } from "./gen-modelica.js";

const DIST = process.env.MODELICA_BENCH_DIST ?? new URL("../dist/", import.meta.url).pathname;

async function child(root) {
  const { readSources } = await import(join(DIST, "modelica/package.js"));
  const { regenerate, sourcesToTurtle } = await import(join(DIST, "modelica/pipeline.js"));
  const { RdfReader } = await import(join(DIST, "modelica/from-rdf.js"));
  const { tokenize } = await import(join(DIST, "modelica/lexer.js"));
  const { Parser } = await import(join(DIST, "modelica/parser.js"));
  const { Parser: N3Parser } = await import("n3");
  const sources = readSources(root);
  const bytes = sources.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  const clock = () => {
    const u = process.cpuUsage();
    return { wall: performance.now() / 1000, cpu: (u.user + u.system) / 1e6 };
  };
  const since = (t0) => {
    const t = clock();
    return { wall: t.wall - t0.wall, cpu: t.cpu - t0.cpu };
  };

  // machine baseline: SHA-256 of the corpus
  let t0 = clock();
  const h = createHash("sha256");
  for (const s of sources) h.update(s.text);
  h.digest("hex");
  const sha = since(t0);

  // parse = tokenize + parse of every file (each AST dropped after its file, as the mapping does)
  t0 = clock();
  let nodes = 0;
  for (const s of sources) if (s.path.endsWith(".mo")) nodes += new Parser(tokenize(s.text, s.path)).storedDefinition().classes.length;
  const parse = since(t0);

  // .mo -> Turtle, streamed file by file: pass 1 parses each file for its symbols, pass 2 parses it
  // again with its layout, maps it and writes its triples (both parses are included here)
  t0 = clock();
  let turtle = sourcesToTurtle(sources);
  const toRdf = since(t0);
  const turtleBytes = Buffer.byteLength(turtle);

  // baseline: N3.js parsing the same Turtle, discarding the triples
  t0 = clock();
  let n3Triples = 0;
  new N3Parser({ format: "text/turtle" }).parse(turtle, { onQuad: () => void n3Triples++ });
  await new Promise((r) => setTimeout(r, 0)); // the callback form of N3 finishes in a microtask
  const n3 = since(t0);

  // Turtle -> .mo = read the Turtle text into the index + rebuild each file's AST + print it with the
  // archived layout (file by file; comparing the bytes with the source is a string comparison)
  const byPath = new Map(sources.map((s) => [s.path, s.text]));
  t0 = clock();
  const reader = RdfReader.fromTurtle(turtle, "bench.ttl");
  turtle = "";
  let byteEqual = 0;
  for (const rb of reader.eachFile()) if (byPath.get(rb.path) === regenerate([rb], "original")[0].text) byteEqual++;
  const fromRdf = since(t0);
  return {
    bytes, files: sources.length, classes: nodes, parse, toRdf, fromRdf, sha, n3, n3Triples, triples: reader.triples, turtleBytes, byteEqual,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

export function runModelicaBench(megabytes = Number(process.env.MODELICA_BENCH_MB ?? 20)) {
  const dir = mkdtempSync(join(tmpdir(), "twin-modelica-bench-"));
  try {
    const { root } = generateModelicaCorpus(dir, megabytes);
    const out = execFileSync(process.execPath, ["--max-old-space-size=4096", new URL(import.meta.url).pathname, "--child", root], { encoding: "utf8", maxBuffer: 1 << 24 });
    const r = JSON.parse(out);
    const mb = r.bytes / 1e6;
    const row = (name, t, extra = {}) => ({
      bench: "modelica", case: name, seconds: t.wall, "MB/s": mb / t.wall, cpuSeconds: t.cpu, "MB/s (cpu)": mb / t.cpu, ...extra,
    });
    return [
      row(`parse (tokenize+parse) ${mb.toFixed(1)} MB, ${r.files} files`, r.parse),
      row(`.mo -> Turtle (2 parses+layout+map+write), ${r.triples} triples, ${(r.turtleBytes / 1e6).toFixed(1)} MB Turtle`, r.toRdf),
      row(`Turtle -> .mo (read Turtle+rebuild+print), ${r.byteEqual}/${r.files} files byte-identical`, r.fromRdf),
      { bench: "modelica", case: `peak memory of the whole chain (maxRSS), triples per source byte ${(r.triples / r.bytes).toFixed(3)}`, maxRssMB: r.maxRssMB },
      row("baseline: SHA-256 of the corpus", r.sha),
      row(`baseline: N3.js parsing the Turtle alone (${r.n3Triples} triples, nothing kept; MB of source)`, r.n3),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") {
  child(process.argv[3]).then((r) => process.stdout.write(JSON.stringify(r) + "\n"));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of runModelicaBench()) console.log(JSON.stringify(row));
}
