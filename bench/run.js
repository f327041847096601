// `npm run bench [-- NAME ...]`: runs the benchmarks (all by default, or the named ones) and prints
// their rows as a table and as JSON. Each compares against a baseline measured in the same run;
// bench/RESULTS.md records the figures with the machine and the date.
import { existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";

/** name -> [module file, exported runner] */
const BENCHES = {
  rotor: ["./rotor.js", "runRotorBench"],
  ukf: ["./ukf.js", "runUkfBench"],
  elm: ["./elm.js", "runElmBench"],
  spc: ["./spc.js", "runSpcBench"],
  modelica: ["./modelica.js", "runModelicaBench"],
  aml: ["./aml.js", "runAmlBench"],
  archive: ["./archive.js", "runArchiveBench"],
  rerun: ["./rerun.js", "runRerunBench"],
  runner: ["./runner.js", "runRunnerBench"],
  service: ["./service.js", "runServiceBench"],
  hmi: ["./hmi.js", "runHmiBench"],
};

const wanted = process.argv.slice(2);
for (const w of wanted) {
  if (!(w in BENCHES)) {
    console.error(`unknown benchmark ${w}; known: ${Object.keys(BENCHES).join(", ")}`);
    process.exit(2);
  }
}
const names = wanted.length > 0 ? wanted : Object.keys(BENCHES);
const machine = `${cpus()[0]?.model ?? "unknown cpu"} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
console.log(`# twin benchmarks, ${new Date().toISOString()}\n# ${machine}\n`);
const all = {};
for (const name of names) {
  const [file, fn] = BENCHES[name];
  if (!existsSync(new URL(file, import.meta.url))) {
    console.log(`## ${name}: not present in this checkout\n`);
    continue;
  }
  const mod = await import(file);
  console.log(`## ${name}`);
  const rows = await mod[fn]();
  all[name] = rows;
  for (const r of rows) {
    console.log(r.case ?? "");
    for (const [k, v] of Object.entries(r)) {
      if (k === "case") continue;
      console.log(`  ${k.padEnd(24)} ${typeof v === "number" ? v.toPrecision(4) : v}`);
    }
  }
  console.log("");
}
console.log(JSON.stringify({ machine, results: all }, null, 1));
