// bench/service: `twin serve` under load (issue 13; docs/service.md), measured with autocannon on
// loopback against the service running in its own process (one event loop, as deployed):
// - reads: GET a part, GET one attribute, GET ?History=50; writes: POST one attribute with its
//   history record durable (SQLite synchronous=FULL; PostgreSQL fsync on) — at 1 and 50 connections,
//   on SQLite and on PostgreSQL (a throwaway cluster, test/helpers/postgres.ts);
// - the baseline in the same run: a bare fastify route answering a constant JSON body, so the ratios
//   show what the twin adds to the framework;
// - SSE fan-out: 100 subscribers, events per second delivered and the latency from the POST's answer
//   to each subscriber's receipt;
// - forwarding: the refinery's valve read directly from its twin and through the aggregated twin
//   (one forwarding level), p50 and p99 at 1 connection: the difference is what a level adds.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, get as httpGet } from "node:http";
import autocannon from "autocannon";
import Fastify from "fastify";
import { build } from "esbuild";

const ROOT = new URL("..", import.meta.url).pathname;
const BIN = join(ROOT, "bin", "twin.js");
const RIG = join(ROOT, "models", "aml", "test-rig.aml");
const DIST = join(ROOT, "models", "aml", "refinery-distributed.aml");
const SECONDS = Number(process.env.BENCH_SERVICE_SECONDS ?? 5);

function serve(args) {
  const child = spawn(process.execPath, [BIN, "serve", ...args, "--port", "0", "--rate", "1000000000"], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "", err = "";
  child.stderr.on("data", (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], stop: () => new Promise((r) => { child.once("exit", r); child.kill("SIGTERM"); }) });
    });
    child.once("exit", (code) => reject(new Error(`twin serve exited ${code}: ${err}`)));
  });
}

function cannon(o) {
  return new Promise((resolve, reject) => {
    autocannon({ duration: SECONDS, ...o }, (err, r) => (err ? reject(err) : resolve(r)));
  });
}

function row(name, r) {
  const bad = r.non2xx + r.errors + r.timeouts;
  return { case: name, "req/s": r.requests.average, "p50 ms": r.latency.p50, "p99 ms": r.latency.p99, failed: bad };
}

async function bareFastify() {
  const app = Fastify({ logger: false });
  const body = { name: "Motor", path: "Motor", attributes: { MinSpeed: { value: 1000, type: "xs:double", unit: "rpm" } }, parts: [] };
  app.get("/x", async () => body);
  // its own process would be fairer; in this process it shares the loop with autocannon, as
  // autocannon shares the machine's two cores with every service measured below
  await app.listen({ port: 0, host: "127.0.0.1" });
  return { url: `http://127.0.0.1:${app.server.address().port}/x`, stop: () => app.close() };
}

async function engineRows(label, db, dir) {
  const s = await serve([RIG, "--data", dir, ...(db ? ["--db", db] : [])]);
  const token = execFileSync(process.execPath, [BIN, "serve", "token", "--subject", "user:bench", "--role", "engineer", "--data", dir], { encoding: "utf8" }).trim();
  const headers = { authorization: `Bearer ${token}` };
  const rows = [];
  try {
    // 60 changes so that History=50 returns 50 records
    for (let i = 0; i < 60; i++) await fetch(`${s.url}/api/TestRig/Motor`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ Speed: 1000 + i }) });
    for (const connections of [1, 50]) {
      rows.push(row(`${label}: GET part, ${connections} conn`, await cannon({ url: `${s.url}/api/TestRig/Motor`, headers, connections })));
      rows.push(row(`${label}: GET attribute, ${connections} conn`, await cannon({ url: `${s.url}/api/TestRig/Motor?Attribute=Speed`, headers, connections })));
      rows.push(row(`${label}: GET History=50, ${connections} conn`, await cannon({ url: `${s.url}/api/TestRig/Motor?History=50`, headers, connections })));
      let n = 0;
      rows.push(row(`${label}: POST durable, ${connections} conn`, await cannon({
        url: `${s.url}/api/TestRig/Motor`, connections, method: "POST",
        requests: [{ setupRequest: (req) => ({ ...req, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ Speed: 1 + (n++ % 5000) }) }) }],
      })));
    }
  } finally {
    await s.stop();
  }
  return rows;
}

async function fanOut(dir) {
  const s = await serve([RIG, "--data", dir]);
  const token = execFileSync(process.execPath, [BIN, "serve", "token", "--subject", "user:bench", "--role", "engineer", "--data", dir], { encoding: "utf8" }).trim();
  const N = 100, EVENTS = 200;
  const received = Array.from({ length: N }, () => 0);
  const lat = [];
  const sentAt = new Map();
  const controllers = [];
  const readers = [];
  for (let k = 0; k < N; k++) {
    const ac = new AbortController();
    controllers.push(ac);
    const res = await fetch(`${s.url}/api/TestRig/_events?types=change`, { headers: { authorization: `Bearer ${token}` }, signal: ac.signal });
    const reader = res.body.getReader();
    readers.push((async () => {
      let buf = "";
      for (;;) {
        let chunk;
        try {
          chunk = await reader.read();
        } catch {
          return;
        }
        if (chunk.done) return;
        buf += Buffer.from(chunk.value).toString();
        let i;
        while ((i = buf.indexOf("\n\n")) >= 0) {
          const ev = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const m = /"newValue":(\d+)/.exec(ev);
          if (m && /event: change/.test(ev)) {
            received[k]++;
            const t = sentAt.get(Number(m[1]));
            if (t !== undefined) lat.push(performance.now() - t);
          }
        }
      }
    })());
  }
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    const v = 2000 + i;
    const r = await fetch(`${s.url}/api/TestRig/Motor`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ Speed: v }) });
    sentAt.set(v, performance.now());
    await r.arrayBuffer();
  }
  const deadline = performance.now() + 20_000;
  while (received.some((x) => x < EVENTS) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - t0) / 1000;
  for (const c of controllers) c.abort();
  await Promise.all(readers);
  await s.stop();
  lat.sort((a, b) => a - b);
  const total = received.reduce((a, b) => a + b, 0);
  return { case: `SSE fan-out: ${N} subscribers × ${EVENTS} changes`, "delivered/s": total / seconds, "complete": `${total}/${N * EVENTS}`, "p50 ms": lat[Math.floor(lat.length / 2)] ?? NaN, "p99 ms": lat[Math.floor(lat.length * 0.99)] ?? NaN };
}

async function forwarding(dir) {
  const secret = join(dir, "fw.secret");
  const valve = await serve([DIST, "--twin", "Valve1", "--data", join(dir, "v1"), "--secret", secret]);
  const others = await serve([DIST, "--twin", "Valve2", "--twin", "Valve3", "--twin", "Valve4", "--data", join(dir, "v2"), "--secret", secret]);
  const agg = await serve([DIST, "--twin", "Refinery", "--data", join(dir, "agg"), "--secret", secret, "--child", `Valve1=${valve.url}`, ...["Valve2", "Valve3", "Valve4"].flatMap((v) => ["--child", `${v}=${others.url}`])]);
  const token = execFileSync(process.execPath, [BIN, "serve", "token", "--subject", "user:bench", "--role", "engineer", "--secret", secret], { encoding: "utf8" }).trim();
  const headers = { authorization: `Bearer ${token}` };
  try {
    // sequential requests over one kept-alive connection, timed in µs (autocannon rounds to ms)
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const timed = async (url, n) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await new Promise((resolve, reject) => {
          httpGet(url, { headers, agent }, (res) => {
            res.resume();
            res.once("end", resolve);
          }).once("error", reject);
        });
        out.push((performance.now() - t0) * 1000);
      }
      return out.sort((a, b) => a - b);
    };
    const q = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];
    await timed(`${valve.url}/api/Valve1/TorqueSensor`, 200); // warm-up
    await timed(`${agg.url}/api/Refinery/Valve1/TorqueSensor`, 200);
    const direct = await timed(`${valve.url}/api/Valve1/TorqueSensor`, 3000);
    const through = await timed(`${agg.url}/api/Refinery/Valve1/TorqueSensor`, 3000);
    agent.destroy();
    return [
      { case: "valve twin read directly (sequential, 1 connection)", "p50 µs": q(direct, 0.5), "p99 µs": q(direct, 0.99) },
      { case: "through the aggregated twin (1 forwarding level)", "p50 µs": q(through, 0.5), "p99 µs": q(through, 0.99) },
      { case: "latency one forwarding level adds", "p50 µs": q(through, 0.5) - q(direct, 0.5), "p99 µs": q(through, 0.99) - q(direct, 0.99) },
    ];
  } finally {
    await Promise.all([agg.stop(), valve.stop(), others.stop()]);
  }
}

/** The tests' throwaway-cluster helper (TypeScript), compiled once for this plain-JS bench by esbuild. */
async function postgresHelper() {
  const out = join(ROOT, "node_modules", ".cache", "twin-bench", "postgres.mjs");
  await build({ entryPoints: [join(ROOT, "test", "helpers", "postgres.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile: out, logLevel: "silent" });
  return import(out);
}

export async function runServiceBench() {
  const dir = mkdtempSync(join(tmpdir(), "twin-bench-service-"));
  const rows = [];
  try {
    const bare = await bareFastify();
    let baseline;
    try {
      baseline = await cannon({ url: bare.url, connections: 50 });
    } finally {
      await bare.stop();
    }
    rows.push(row("baseline: bare fastify constant JSON, 50 conn", baseline));
    const sqlite = await engineRows("SQLite", null, join(dir, "sqlite"));
    rows.push(...sqlite);
    const pg = await (await postgresHelper()).startPostgres();
    if (pg === null) rows.push({ case: "PostgreSQL: not installed (Debian package postgresql)" });
    else {
      try {
        rows.push(...(await engineRows("PostgreSQL", pg.url, join(dir, "pg"))));
      } finally {
        await pg.stop();
      }
    }
    for (const r of rows) if (r["req/s"] !== undefined && r !== rows[0]) r["vs bare fastify"] = r["req/s"] / baseline.requests.average;
    rows.push(await fanOut(join(dir, "fan")));
    rows.push(...(await forwarding(dir)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
