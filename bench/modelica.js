// bench/modelica: parse, .mo -> Turtle and Turtle -> .mo throughput (MB of Modelica source per
// second) and peak memory (maxRSS of a child process doing the whole chain) on a generated corpus of
// >= 20 MB (bench/gen-modelica.js). Each stage runs once on the whole corpus (timings are noisy;
// compare only figures of the same run).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateModelicaCorpus } from "./gen-modelica.js";

async function child(root) {
  const { readSources } = await import("../dist/modelica/package.js");
  const { toGraph, regenerate } = await import("../dist/modelica/pipeline.js");
  const { modelicaFromRdf } = await import("../dist/modelica/from-rdf.js");
  const { parseTurtle } = await import("../dist/rdf/graph.js");
  const { writeModelicaTurtle: writeTurtle } = await import("../dist/modelica/turtle.js");
  const { tokenize } = await import("../dist/modelica/lexer.js");
  const { Parser } = await import("../dist/modelica/parser.js");
  const { captureLayout } = await import("../dist/modelica/printer.js");
  const sources = readSources(root);
  const bytes = sources.reduce((s, f) => s + Buffer.byteLength(f.text), 0);
  const t = () => performance.now() / 1000;
  // parse = tokenize + parse (the parser); the layout capture belongs to the RDF mapping (timed there)
  let t0 = t();
  const parsedFiles = [];
  const others = [];
  for (const s of sources) {
    if (!s.path.endsWith(".mo")) { others.push({ path: s.path, text: s.text }); continue; }
    const toks = tokenize(s.text, s.path);
    parsedFiles.push({ path: s.path, toks, sd: new Parser(toks).storedDefinition() });
  }
  const parse = t() - t0;
  t0 = t();
  const files = parsedFiles.map((f) => {
    captureLayout(f.sd, f.toks);
    return { path: f.path, sd: f.sd };
  });
  parsedFiles.length = 0;
  const quads = toGraph({ files, others });
  const turtle = writeTurtle(quads);
  const toRdf = t() - t0 + parse;
  const triples = quads.length;
  quads.length = 0;
  t0 = t();
  const back = regenerate(modelicaFromRdf(parseTurtle(turtle, "bench.ttl")), "original");
  const fromRdf = t() - t0;
  const byPath = new Map(sources.map((s) => [s.path, s.text]));
  const byteEqual = back.filter((b) => byPath.get(b.path) === b.text).length;
  return { bytes, files: sources.length, parse, toRdf, fromRdf, triples, turtleBytes: Buffer.byteLength(turtle), byteEqual, maxRssMB: process.resourceUsage().maxRSS / 1024 };
}

export function runModelicaBench(megabytes = Number(process.env.MODELICA_BENCH_MB ?? 20)) {
  const dir = mkdtempSync(join(tmpdir(), "twin-modelica-bench-"));
  try {
    const { root } = generateModelicaCorpus(dir, megabytes);
    const out = execFileSync(process.execPath, ["--max-old-space-size=4096", new URL(import.meta.url).pathname, "--child", root], { encoding: "utf8", maxBuffer: 1 << 24 });
    const r = JSON.parse(out);
    const mb = r.bytes / 1e6;
    const rows = [
      { bench: "modelica", case: `parse (tokenize+parse) ${mb.toFixed(1)} MB, ${r.files} files`, seconds: r.parse, "MB/s": mb / r.parse },
      { bench: "modelica", case: `.mo -> Turtle (parse+layout+map+write), ${r.triples} triples, ${(r.turtleBytes / 1e6).toFixed(1)} MB Turtle`, seconds: r.toRdf, "MB/s": mb / r.toRdf },
      { bench: "modelica", case: `Turtle -> .mo (parse Turtle+rebuild+print), ${r.byteEqual}/${r.files} files byte-identical`, seconds: r.fromRdf, "MB/s": mb / r.fromRdf },
      { bench: "modelica", case: `peak memory of the whole chain (maxRSS), triples per source byte ${(r.triples / r.bytes).toFixed(3)}`, seconds: 0, "MB/s": 0, maxRssMB: r.maxRssMB },
    ];
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === "--child") {
  child(process.argv[3]).then((r) => process.stdout.write(JSON.stringify(r) + "\n"));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of runModelicaBench()) console.log(JSON.stringify(row));
}
