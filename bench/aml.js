// bench/aml: CAEX 3.0 -> RDF (parse + graph + Turtle text) and RDF -> CAEX (parse Turtle + regenerate)
// on generated files of 4 MB and 40 MB (bench/gen-aml.js), each case in its own node process so the
// peak resident memory (getrusage maxRSS) is the case's own. Targets (issue 5): 4 MB both ways < 5 s;
// 40 MB without running out of memory (node's default heap limit, no flags).
// Usage: node bench/aml.js            (prints the rows)
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCaex } from "./gen-aml.js";

const SELF = fileURLToPath(import.meta.url);

/** One case, run in this process: the timings of both directions and the peak memory. */
async function runCase(file) {
  const { readAml, writeAmlTurtle, amlFromTurtle } = await import("../dist/aml/index.js");
  const bytes = readFileSync(file);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const c0 = cpu();
  const t0 = performance.now();
  const model = readAml(bytes, file);
  const t1 = performance.now();
  const chunks = [];
  writeAmlTurtle(model, (c) => chunks.push(c));
  const ttl = chunks.join("");
  const t2 = performance.now();
  const c2 = cpu();
  const elements = model.nodes.length;
  chunks.length = 0;
  const out = await amlFromTurtle(ttl, `${file}.ttl`);
  const t3 = performance.now();
  const c3 = cpu();
  return {
    sizeMB: bytes.length / 1e6,
    resources: elements,
    turtleMB: Buffer.byteLength(ttl) / 1e6,
    parseS: (t1 - t0) / 1000,
    toRdfS: (t2 - t0) / 1000,
    fromRdfS: (t3 - t2) / 1000,
    toRdfCpuS: c2 - c0,
    fromRdfCpuS: c3 - c2,
    byteEqual: Buffer.compare(out, bytes) === 0,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

export function runAmlBench(sizesMB = [4, 40]) {
  const dir = mkdtempSync(join(tmpdir(), "twin-bench-aml-"));
  const rows = [];
  try {
    for (const mb of sizesMB) {
      const file = join(dir, `bench-${mb}MB.aml`);
      writeFileSync(file, generateCaex(mb * 1e6));
      const r = JSON.parse(execFileSync(process.execPath, [SELF, "--case", file], { encoding: "utf8", maxBuffer: 1 << 20 }));
      rows.push({
        case: `aml ${mb} MB CAEX 3.0 (${r.resources} resources)`,
        sizeMB: r.sizeMB,
        turtleMB: r.turtleMB,
        parseS: r.parseS,
        toRdfS: r.toRdfS,
        toRdfMBps: r.sizeMB / r.toRdfS,
        fromRdfS: r.fromRdfS,
        fromRdfMBps: r.sizeMB / r.fromRdfS,
        bothWaysS: r.toRdfS + r.fromRdfS,
        // CPU seconds of the process (all threads, GC included): less sensitive to machine load
        bothWaysCpuS: r.toRdfCpuS + r.fromRdfCpuS,
        byteEqual: String(r.byteEqual),
        peakRssMB: r.peakRssMB,
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === SELF) {
  if (process.argv[2] === "--case") {
    process.stdout.write(JSON.stringify(await runCase(process.argv[3])));
  } else {
    const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
    for (const r of runAmlBench(sizes.length > 0 ? sizes : undefined)) {
      console.log(r.case);
      for (const [k, v] of Object.entries(r)) if (k !== "case") console.log(`  ${k.padEnd(14)} ${typeof v === "number" ? v.toPrecision(4) : v}`);
    }
  }
}
