// `npm run bench`: runs every benchmark and prints its rows as a table and as JSON. Record the
// figures in bench/RESULTS.md with the machine and date (see that file for how they were taken).
import { cpus, totalmem } from "node:os";
import { runRotorBench } from "./rotor.js";

const machine = `${cpus()[0]?.model ?? "unknown cpu"} x${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
console.log(`# twin benchmarks, ${new Date().toISOString()}\n# ${machine}\n`);
const rows = runRotorBench();
for (const r of rows) {
  console.log(r.case);
  for (const [k, v] of Object.entries(r)) {
    if (k === "case") continue;
    console.log(`  ${k.padEnd(20)} ${typeof v === "number" ? v.toPrecision(4) : v}`);
  }
}
console.log("\n" + JSON.stringify({ machine, rows }, null, 1));
