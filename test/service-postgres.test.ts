// More than one machine: `twin serve` processes sharing one PostgreSQL (a throwaway cluster the test
// starts) and one MQTT broker (Debian's mosquitto). Process A serves the valve twin Valve1, process B
// the valves 2 to 4, process C the aggregated refinery twin forwarding to both by URL. Changes land in
// the one database, events of both processes reach one subscriber, a twin served twice is refused,
// a restarted process restores its values from PostgreSQL, and a database that goes away answers
// writes with 503 (nothing applied) while reads go on, until it is back.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscribeEvents, type TwinEvent } from "../src/service/events/index.js";
import { CI, missing, verdict } from "./helpers/engines.js";
import { startMosquitto, stopChild } from "./helpers/mosquitto.js";
import { type PostgresServer, postgresMissing, startPostgres } from "./helpers/postgres.js";
import { call, ROOT, type ServeProcess, startServe, until } from "./helpers/service.js";

const DIST = join(ROOT, "models", "aml", "refinery-distributed.aml");
const reasons = [postgresMissing(), missing("mosquitto")].filter((r): r is string => r !== undefined);
const V = verdict(reasons, CI);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const a = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return a.port;
}

describe.skipIf(V.action === "skip")(`twin serve on PostgreSQL and one broker${V.action === "skip" ? ` (skipped: ${V.message})` : ""}`, () => {
  let dir: string;
  let db: PostgresServer;
  let mosquitto: ChildProcess;
  let broker: string;
  let a: ServeProcess, b: ServeProcess, c: ServeProcess;
  let token: string;
  const events: (TwinEvent & { origin?: string })[] = [];
  let sub: { close(): Promise<void> } | undefined;
  let common: string[];

  beforeAll(async () => {
    if (V.action === "fail") throw new Error(V.message);
    dir = mkdtempSync(join(tmpdir(), "twin-serve-pg-"));
    const s = await startPostgres();
    if (s === null) throw new Error("PostgreSQL not installed");
    db = s;
    const port = await freePort();
    writeFileSync(join(dir, "mosquitto.conf"), `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
    mosquitto = await startMosquitto(join(dir, "mosquitto.conf"), port);
    broker = `mqtt://127.0.0.1:${port}`;
    sub = await subscribeEvents(broker, "twin", (e) => events.push(e));
    const secret = join(dir, "token.secret");
    common = ["--port", "0", "--db", db.url, "--broker", broker, "--secret", secret];
    a = await startServe([DIST, "--twin", "Valve1", ...common, "--data", join(dir, "a")]);
    b = await startServe([DIST, "--twin", "Valve2", "--twin", "Valve3", "--twin", "Valve4", ...common, "--data", join(dir, "b")]);
    c = await startServe([DIST, "--twin", "Refinery", ...common, "--data", join(dir, "c"), "--child", `Valve1=${a.url}`, ...["Valve2", "Valve3", "Valve4"].map((v) => ["--child", `${v}=${b.url}`]).flat()]);
    token = execFileSync(process.execPath, [join(ROOT, "bin", "twin.js"), "serve", "token", "--subject", "user:erin", "--role", "engineer", "--secret", secret], { encoding: "utf8" }).trim();
  }, 90_000);

  afterAll(async () => {
    await sub?.close();
    for (const p of [a, b, c]) await p?.stop();
    if (mosquitto) await stopChild(mosquitto, "SIGTERM");
    await db?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const count = async (where: string): Promise<number> => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM changes WHERE ${where}`)).rows[0]!.n);
    } finally {
      await client.end();
    }
  };

  it("writes through the aggregated twin land in the one database; events of both processes reach one broker", async () => {
    for (const [part, v] of [["Valve1", 10], ["Valve3", 30], ["Valve1", 11]] as const) {
      const r = await call(`${c.url}/api/Refinery/${part}`, { token, body: { Opening: v } });
      expect(r.status).toBe(200);
    }
    expect(await count("twin = 'Valve1' AND attribute = 'Opening'")).toBe(2);
    expect(await count("twin = 'Valve3' AND attribute = 'Opening'")).toBe(1);
    const got = await until(async () => {
      const ch = events.filter((e) => e.type === "change");
      return ch.length >= 3 ? ch : undefined;
    }, 10_000, "three change events on the broker");
    expect(got.map((e) => [e.twin, e.type === "change" ? e.newValue : null])).toEqual([["Valve1", 10], ["Valve3", 30], ["Valve1", 11]]);
    expect(new Set(got.map((e) => e.origin)).size).toBe(2);
    const hist = await call(`${c.url}/api/Refinery/_history?limit=10`, { token });
    expect((hist.body as { records: { part: string; newValue: number }[] }).records.map((r) => [r.part, r.newValue])).toEqual([["Valve1", 11], ["Valve3", 30], ["Valve1", 10]]);
  });

  it("a twin is served by one process: a second claim on the same database is refused", async () => {
    await expect(startServe([DIST, "--twin", "Valve1", ...common, "--data", join(dir, "d")])).rejects.toThrow(/Valve1/);
  });

  it("a restarted process restores its values from PostgreSQL", async () => {
    await a.stop();
    a = await startServe([DIST, "--twin", "Valve1", ...common, "--data", join(dir, "a2")]);
    const r = await call(`${a.url}/api/Valve1?Attribute=Opening`, { token });
    expect((r.body as { value: number }).value).toBe(11);
  }, 30_000);

  it("the database goes away: writes answer 503 and apply nothing, reads go on; back again, writes succeed", async () => {
    await db.kill();
    const w = await call(`${b.url}/api/Valve2`, { token, body: { Opening: 77 } });
    expect(w.status).toBe(503);
    expect(w.headers.get("content-type")).toMatch(/problem\+json/);
    expect(w.body).toMatchObject({ type: "/problems/unavailable", status: 503 });
    expect(w.headers.get("retry-after")).not.toBeNull();
    const r = await call(`${b.url}/api/Valve2?Attribute=Opening`, { token });
    expect(r.status).toBe(200);
    expect((r.body as { value: number }).value).toBe(0);
    await db.restart();
    const ok = await until(async () => {
      const x = await call(`${b.url}/api/Valve2`, { token, body: { Opening: 78 } });
      return x.status === 200 ? x : undefined;
    }, 20_000, "a write after PostgreSQL is back");
    expect(ok.status).toBe(200);
    expect(await count("twin = 'Valve2' AND attribute = 'Opening' AND new_value = '78'")).toBe(1);
    expect(await count("twin = 'Valve2' AND new_value = '77'")).toBe(0);
  }, 60_000);
});
