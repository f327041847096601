// bench/spc: batch throughput of X-bar/R (1,000,000 subgroups of 5, all 12 run rules) and EWMA
// (10,000,000 points), and streaming push latency, against a numpy/scipy baseline (bench/spc_numpy.py)
// measured in the same run on the same machine. Timings are medians; only same-run ratios mean
// anything. Target: >= 10 million points/s batch.
import { execFileSync } from "node:child_process";
import { equalSubgroups, individuals } from "../dist/spc/data.js";
import { ewmaInto, ewmaChart } from "../dist/spc/ewma.js";
import { withDefaults } from "../dist/spc/options.js";
import { newSeries } from "../dist/spc/phase.js";
import { EwmaStream, ImrStream, XbarStream } from "../dist/spc/stream.js";
import { xbarChart } from "../dist/spc/variables.js";

const SUBGROUPS = 1_000_000;
const POINTS = 10_000_000;

/** Seeded normal deviates (mulberry32 + Box-Muller): the same series every run. */
function normals(count, mean, sd, seed) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i += 2) {
    const r = Math.sqrt(-2 * Math.log(Math.max(u(), 1e-300)));
    const th = 2 * Math.PI * u();
    out[i] = mean + sd * r * Math.cos(th);
    if (i + 1 < count) out[i + 1] = mean + sd * r * Math.sin(th);
  }
  return out;
}

function timed(fn, reps = 5) {
  const times = [];
  let result;
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    result = fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((x, y) => x - y);
  return { s: times[Math.floor(times.length / 2)], result };
}

function python(job) {
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const out = execFileSync("python3", [new URL("./spc_numpy.py", import.meta.url).pathname, JSON.stringify(job)], { env, encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(out);
}

export function runSpcBench() {
  const rows = [];
  const ref = python({ subgroups: SUBGROUPS, points: POINTS, reps: 5 });

  const x = normals(SUBGROUPS * 5, 50, 1, 1);
  const data = equalSubgroups(x, 5);
  const allRules = withDefaults({});
  const noRules = withDefaults({ rules: [] });
  const xr = timed(() => xbarChart(data, "r", allRules));
  const xr0 = timed(() => xbarChart(data, "r", noRules));
  rows.push({
    case: `X-bar/R batch, ${SUBGROUPS} subgroups of 5 (12 run rules)`,
    twin_s: xr.s,
    twin_Mpoints_per_s: (5 * SUBGROUPS) / xr.s / 1e6,
    twin_no_rules_s: xr0.s,
    twin_no_rules_Mpoints_per_s: (5 * SUBGROUPS) / xr0.s / 1e6,
    numpy_s: ref.xbar_r_s,
    numpy_Mpoints_per_s: (5 * SUBGROUPS) / ref.xbar_r_s / 1e6,
    ratio_numpy_over_twin: ref.xbar_r_s / xr0.s,
  });

  const y = normals(POINTS, 10, 1, 2);
  const ind = individuals(y);
  const ew = timed(() => ewmaChart(ind, withDefaults({ lambda: 0.2 })), 3);
  const series = newSeries("ewma", POINTS);
  const kernel = timed(() => ewmaInto(y, null, 10, 1, 0.2, 3, false, series), 5);
  rows.push({
    case: `EWMA batch, ${POINTS} points (λ = 0.2, exact limits, σ from MR-bar)`,
    twin_s: ew.s,
    twin_Mpoints_per_s: POINTS / ew.s / 1e6,
    twin_kernel_s: kernel.s,
    twin_kernel_Mpoints_per_s: POINTS / kernel.s / 1e6,
    numpy_s: ref.ewma_s,
    numpy_Mpoints_per_s: POINTS / ref.ewma_s / 1e6,
    ratio_numpy_over_twin: ref.ewma_s / ew.s,
  });

  // streaming: time per push (all 12 rules on X-bar and I; EWMA with exact limits)
  const PUSHES = 1_000_000;
  const xs = new XbarStream("r", { center: 50, sigma: 1 }, 3);
  const sub = [0, 0, 0, 0, 0];
  const tx = timed(() => {
    for (let i = 0; i < PUSHES; i++) {
      for (let j = 0; j < 5; j++) sub[j] = x[5 * i + j];
      xs.push(sub);
    }
  }, 3);
  const is = new ImrStream({ center: 10, sigma: 1 }, 3);
  const ti = timed(() => {
    for (let i = 0; i < PUSHES; i++) is.push(y[i]);
  }, 3);
  const es = new EwmaStream({ center: 10, sigma: 1 }, 0.2, 3);
  const te = timed(() => {
    for (let i = 0; i < PUSHES; i++) es.push(y[i]);
  }, 3);
  rows.push({
    case: `streaming push latency (${PUSHES} pushes)`,
    xbar_r_subgroup_of_5_ns: (tx.s / PUSHES) * 1e9,
    imr_value_ns: (ti.s / PUSHES) * 1e9,
    ewma_value_ns: (te.s / PUSHES) * 1e9,
  });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of runSpcBench()) {
    console.log(r.case);
    for (const [k, v] of Object.entries(r)) if (k !== "case") console.log(`  ${k.padEnd(30)} ${typeof v === "number" ? v.toPrecision(4) : v}`);
  }
}
