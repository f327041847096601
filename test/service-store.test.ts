// The history store of `twin serve` (src/service/store/): one suite run against SQLite (a temp file) and
// PostgreSQL (a throwaway cluster, test/helpers/postgres.ts): values round-trip exactly, history filters
// and keyset paging, latest, retention, atomic and grouped appends, migrations, claims. Then each
// engine's failure: SQLite keeps every acknowledged append when its process is SIGKILLed mid-stream;
// PostgreSQL killed under the store makes operations fail with StoreUnavailableError until it is back.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HISTORY_LIMIT_CAP, LATEST_VERSION, openStore, StoreClaimError, StoreInputError, StoreSchemaError } from "../src/service/store/index.js";
import { type AttrValue, type ChangeRecord, type HistoryStore, type NewChange, StoreUnavailableError } from "../src/service/types.js";
import { CI, verdict } from "./helpers/engines.js";
import { type PostgresServer, postgresMissing, startPostgres } from "./helpers/postgres.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function change(over: Partial<NewChange> = {}): NewChange {
  return { twin: "Rig", part: "Motor", attribute: "Speed", oldValue: null, newValue: 1, subject: "runner", source: "runner", timeMs: 1_000, ...over };
}

const strip = (r: ChangeRecord): NewChange => {
  const { seq: _seq, ...rest } = r;
  return rest;
};

/** How a test reaches an engine: a fresh empty database, and raw SQL on it. */
interface Engine {
  fresh(): Promise<string>;
  sql(url: string, text: string): Promise<void>;
  count(url: string, table: string): Promise<number>;
}

function sharedSuite(engine: () => Engine): void {
  const opened: HistoryStore[] = [];
  const open = async (url: string): Promise<HistoryStore> => {
    const s = await openStore(url);
    opened.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of opened) await s.close();
  });

  it("round-trips values exactly, doubles bit for bit, with strictly increasing seq", async () => {
    const s = await open(await engine().fresh());
    const values: AttrValue[] = [0.1, -0, 0, 5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE, 1 / 3, Math.PI, 2 ** 53 - 1, -1e21, 1e-7, 123456789.12345679,
      true, false, "", "1.0", "true", "null", "ünïcödé ✓ 日本語 😀", `quotes ' " \` and \\ backslash \\u0000 % _`, "line\nbreak\ttab"];
    const changes = values.map((v, i) => change({ part: `p${i}`, newValue: v, oldValue: i % 2 === 0 ? null : values[values.length - 1 - i], timeMs: 1_700_000_000_000 + i }));
    const stored = await s.append(changes);
    expect(stored.map(strip)).toEqual(changes);
    const read = await s.history({ twin: "Rig", order: "asc", limit: 100 });
    expect(read).toEqual(stored);
    read.forEach((r, i) => {
      // Object.is tells -0 from 0; toEqual above already compared every other double exactly
      expect(Object.is(r.newValue, values[i])).toBe(true);
      if (typeof r.newValue === "number") expect(new Float64Array([r.newValue])[0]).toBe(values[i]);
    });
    const more = await s.append([change({ newValue: 7 })]);
    const seqs = [...stored, ...more].map((r) => r.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]);
  });

  describe("history filters", () => {
    // parts chosen so that an unescaped LIKE, a case-insensitive LIKE or a prefix without "/" would match too much
    const parts = ["", "a", "a/b", "a/b/c", "ab", "A/b", "a%", "a%/x", "aZ/q", "a_", "a_/y", "a\\", "a\\/z", "ax\\/z"];
    let s: HistoryStore;
    let all: ChangeRecord[];
    beforeAll(async () => {
      s = await open(await engine().fresh());
      const changes: NewChange[] = [];
      let t = 10_000;
      for (let round = 0; round < 3; round++)
        for (const part of parts)
          for (const attribute of ["v", "w/inner"]) changes.push(change({ part, attribute, newValue: round, timeMs: t++ }));
      changes.push(change({ twin: "Other", part: "a", attribute: "v", timeMs: 10_010 }));
      // appended in several calls, some concurrent
      await Promise.all([s.append(changes.slice(0, 30)), s.append(changes.slice(30, 31))]);
      await s.append(changes.slice(31));
      all = (await s.history({ twin: "Rig", order: "asc", limit: 10_000 })).filter((r) => r.twin === "Rig");
      expect(all.length).toBe(parts.length * 2 * 3);
    });
    const partsOf = (rs: ChangeRecord[]): string[] => [...new Set(rs.map((r) => r.part))].sort();

    it("part exact, subtree, and the root's subtree", async () => {
      expect(partsOf(await s.history({ twin: "Rig", part: "a", order: "asc", limit: 1000 }))).toEqual(["a"]);
      expect(partsOf(await s.history({ twin: "Rig", part: "", order: "asc", limit: 1000 }))).toEqual([""]);
      expect(partsOf(await s.history({ twin: "Rig", part: "a", subtree: true, order: "asc", limit: 1000 }))).toEqual(["a", "a/b", "a/b/c"]);
      expect(partsOf(await s.history({ twin: "Rig", part: "a/b", subtree: true, order: "asc", limit: 1000 }))).toEqual(["a/b", "a/b/c"]);
      expect(partsOf(await s.history({ twin: "Rig", part: "", subtree: true, order: "asc", limit: 1000 }))).toEqual([...parts].sort());
      expect(partsOf(await s.history({ twin: "Rig", order: "asc", limit: 1000 }))).toEqual([...parts].sort());
    });

    it("subtree of names with %, _ and \\ matches them literally", async () => {
      expect(partsOf(await s.history({ twin: "Rig", part: "a%", subtree: true, order: "asc", limit: 1000 }))).toEqual(["a%", "a%/x"]);
      expect(partsOf(await s.history({ twin: "Rig", part: "a_", subtree: true, order: "asc", limit: 1000 }))).toEqual(["a_", "a_/y"]);
      expect(partsOf(await s.history({ twin: "Rig", part: "a\\", subtree: true, order: "asc", limit: 1000 }))).toEqual(["a\\", "a\\/z"]);
    });

    it("attribute, time range [from, to), other twins kept apart", async () => {
      const w = await s.history({ twin: "Rig", part: "a", attribute: "w/inner", order: "asc", limit: 1000 });
      expect(w.map((r) => r.newValue)).toEqual([0, 1, 2]);
      const range = await s.history({ twin: "Rig", fromMs: 10_005, toMs: 10_012, order: "asc", limit: 1000 });
      expect(range.map((r) => r.timeMs)).toEqual([10_005, 10_006, 10_007, 10_008, 10_009, 10_010, 10_011]);
      const other = await s.history({ twin: "Other", order: "desc", limit: 10 });
      expect(other.map((r) => [r.twin, r.part, r.timeMs])).toEqual([["Other", "a", 10_010]]);
      expect(await s.history({ twin: "Nobody", order: "asc", limit: 10 })).toEqual([]);
    });

    it("keyset paging visits every record exactly once in both orders", async () => {
      for (const order of ["asc", "desc"] as const) {
        const seen: ChangeRecord[] = [];
        let cursor: number | undefined;
        for (;;) {
          const page = await s.history({ twin: "Rig", order, limit: 7, ...(cursor === undefined ? {} : order === "asc" ? { after: cursor } : { before: cursor }) });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(7);
          seen.push(...page);
          cursor = page[page.length - 1].seq;
        }
        expect(seen).toEqual(order === "asc" ? all : [...all].reverse());
      }
      // a page of a subtree, in a time range, with a cursor: all filters together
      const sub = all.filter((r) => (r.part === "a" || r.part.startsWith("a/")) && r.timeMs >= 10_001);
      const page = await s.history({ twin: "Rig", part: "a", subtree: true, fromMs: 10_001, after: sub[0].seq, order: "asc", limit: 3 });
      expect(page).toEqual(sub.slice(1, 4));
    });

    it("refuses a malformed query naming the field", async () => {
      await expect(s.history({ twin: "Rig", order: "up" as "asc", limit: 1 })).rejects.toThrow(/history\.order/);
      await expect(s.history({ twin: "Rig", order: "asc", limit: -1 })).rejects.toThrow(StoreInputError);
      await expect(s.history({ twin: "Rig", order: "asc", limit: 1, fromMs: 1.5 })).rejects.toThrow(/history\.fromMs/);
    });
  });

  it("caps a history answer at 10,000 records", async () => {
    const s = await open(await engine().fresh());
    await s.append(Array.from({ length: HISTORY_LIMIT_CAP + 5 }, (_, i) => change({ newValue: i, timeMs: i })));
    const r = await s.history({ twin: "Rig", order: "desc", limit: 1_000_000 });
    expect(r.length).toBe(HISTORY_LIMIT_CAP);
    expect(r[0].newValue).toBe(HISTORY_LIMIT_CAP + 4);
  });

  it("latest: the last value of every attribute of a twin", async () => {
    const s = await open(await engine().fresh());
    await s.append([change({ part: "M", attribute: "S", newValue: 1, timeMs: 1 }), change({ part: "M", attribute: "T", newValue: "x", timeMs: 2 })]);
    await s.append([change({ part: "M", attribute: "S", newValue: 2, oldValue: 1, timeMs: 3 }), change({ part: "", attribute: "On", newValue: true, timeMs: 4 })]);
    const last = await s.append([change({ part: "M", attribute: "S", newValue: 2.5, oldValue: 2, timeMs: 5 })]);
    await s.append([change({ twin: "Other", part: "M", attribute: "S", newValue: 99, timeMs: 6 })]);
    const latest = await s.latest("Rig");
    expect(latest.map((l) => [l.part, l.attribute, l.value, l.timeMs])).toEqual([
      ["M", "T", "x", 2],
      ["", "On", true, 4],
      ["M", "S", 2.5, 5],
    ]);
    expect(latest[2].seq).toBe(last[0].seq);
    expect(await s.latest("Nobody")).toEqual([]);
  });

  it("prune by age, by count per attribute, and both", async () => {
    const url = await engine().fresh();
    const s = await open(url);
    const changes: NewChange[] = [];
    for (let i = 0; i < 10; i++) for (const attribute of ["A", "B"]) changes.push(change({ attribute, newValue: i, timeMs: 1_000 + i * 100 }));
    changes.push(change({ twin: "Other", attribute: "A", newValue: 0, timeMs: 0 }));
    await s.append(changes);
    // age: records with timeMs < 2000 - 500 = 1500 go (i = 0..4, two attributes, and Other's)
    expect(await s.prune({ maxAgeMs: 500 }, 2_000)).toBe(11);
    expect((await s.history({ twin: "Rig", order: "asc", limit: 100 })).map((r) => r.timeMs)).toEqual([1500, 1500, 1600, 1600, 1700, 1700, 1800, 1800, 1900, 1900]);
    expect(await s.prune({ maxAgeMs: 500 }, 2_000)).toBe(0);
    // count: the newest 2 of each attribute stay
    expect(await s.prune({ maxPerAttribute: 2 }, 2_000)).toBe(6);
    const kept = await s.history({ twin: "Rig", order: "asc", limit: 100 });
    expect(kept.map((r) => [r.attribute, r.newValue])).toEqual([["A", 8], ["B", 8], ["A", 9], ["B", 9]]);
    // both: age removes the 8s, count keeps one
    await s.append([change({ attribute: "A", newValue: 10, timeMs: 3_000 })]);
    expect(await s.prune({ maxAgeMs: 1_000, maxPerAttribute: 1 }, 2_850)).toBe(3);
    expect((await s.history({ twin: "Rig", order: "asc", limit: 100 })).map((r) => [r.attribute, r.newValue])).toEqual([["B", 9], ["A", 10]]);
    await expect(s.prune({ maxPerAttribute: -1 }, 0)).rejects.toThrow(/retention\.maxPerAttribute/);
    // a pruned seq is never handed out again: the newest record goes, the next append still gets a higher seq
    const before = await s.append([change({ attribute: "C", newValue: 1, timeMs: 0 })]);
    expect(await s.prune({ maxAgeMs: 0 }, 1)).toBe(1);
    const after = await s.append([change({ attribute: "C", newValue: 2, timeMs: 5_000 })]);
    expect(after[0].seq).toBeGreaterThan(before[0].seq);
  });

  it("an append is atomic: one invalid record rejects all of it, others' appends go on", async () => {
    const s = await open(await engine().fresh());
    const good = s.append([change({ newValue: 1 })]);
    const bad = s.append([change({ newValue: 2 }), change({ newValue: Number.NaN })]);
    await expect(bad).rejects.toThrow(StoreInputError);
    await expect(bad).rejects.toThrow(/change 1 .*newValue.*NaN is not a finite number/);
    await expect(s.append([change({ oldValue: Number.POSITIVE_INFINITY })])).rejects.toThrow(/oldValue: Infinity/);
    await expect(s.append([change({ newValue: { x: 1 } as unknown as AttrValue })])).rejects.toThrow(/newValue: expected a number, boolean or string, got object/);
    await expect(s.append([change({ twin: "a\u0000b" })])).rejects.toThrow(/change 0\.twin: contains U\+0000/);
    await expect(s.append([change({ source: "robot" as "api" })])).rejects.toThrow(/source/);
    await expect(s.append([change({ timeMs: 1.5 })])).rejects.toThrow(/timeMs/);
    expect((await good).length).toBe(1);
    expect((await s.history({ twin: "Rig", order: "asc", limit: 100 })).map((r) => r.newValue)).toEqual([1]);
  });

  it("group commit: 1,000 concurrent appends all resolve and are all stored, seq unique", async () => {
    const s = await open(await engine().fresh());
    const results = await Promise.all(Array.from({ length: 1000 }, (_, i) => s.append([change({ part: `p${i % 10}`, newValue: i, timeMs: i })])));
    const seqs = results.map((r) => r[0].seq);
    expect(new Set(seqs).size).toBe(1000);
    results.forEach((r, i) => expect(r[0].newValue).toBe(i));
    const stored = await s.history({ twin: "Rig", order: "asc", limit: 10_000 });
    expect(stored.length).toBe(1000);
    expect(stored.map((r) => r.seq)).toEqual([...seqs].sort((a, b) => a - b));
    // throughput of durable single-change appends from 50 callers in a loop (reported, not asserted)
    const callers = 50;
    const each = 40;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: callers }, async (_, c) => {
      for (let i = 0; i < each; i++) await s.append([change({ part: `c${c}`, newValue: i })]);
    }));
    const perSecond = Math.round((callers * each) / ((performance.now() - t0) / 1000));
    console.log(`${s.engine}: ${callers * each} durable single-change appends from ${callers} concurrent callers: ${perSecond} appends/s`);
    expect((await s.history({ twin: "Rig", order: "asc", limit: 10_000 })).length).toBe(1000 + callers * each);
  });

  it("migrations are recorded once, re-running them changes nothing, a newer schema is refused", async () => {
    const url = await engine().fresh();
    const s = await open(url);
    await s.migrate();
    await s.migrate();
    expect(await engine().count(url, "schema_migrations")).toBe(LATEST_VERSION);
    const again = await open(url);
    await again.append([change()]);
    expect(await engine().count(url, "schema_migrations")).toBe(LATEST_VERSION);
    await engine().sql(url, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${LATEST_VERSION + 1}, 'from the future', 0)`);
    const refused = openStore(url);
    await expect(refused).rejects.toThrow(StoreSchemaError);
    await expect(openStore(url)).rejects.toThrow(new RegExp(`schema is version ${LATEST_VERSION + 1}, newer than this twin knows \\(${LATEST_VERSION}\\)`));
  });

  it("claims: a second store is refused a claimed twin until the first closes", async () => {
    const url = await engine().fresh();
    const a = await openStore(url);
    const b = await open(url);
    await a.claim("Rig");
    await a.claim("Rig");
    await expect(b.claim("Rig")).rejects.toThrow(StoreClaimError);
    await expect(b.claim("Rig")).rejects.toThrow(/twin "Rig" is claimed/);
    await b.claim("Other");
    await expect(a.claim("Other")).rejects.toThrow(StoreClaimError);
    await a.close();
    await b.claim("Rig");
    const c = await open(url);
    await expect(c.claim("Rig")).rejects.toThrow(StoreClaimError);
  });
}

// ---------------------------------------------------------------------------------------------- SQLite

describe("SQLite store", () => {
  const dir = mkdtempSync(join(tmpdir(), "twin-store-"));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const sqlite: Engine = {
    fresh: async () => join(dir, `db${n++}.sqlite`),
    sql: async (url, text) => {
      const db = new Database(url);
      db.exec(text);
      db.close();
    },
    count: async (url, table) => {
      const db = new Database(url);
      const r = db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number };
      db.close();
      return r.n;
    },
  };
  sharedSuite(() => sqlite);

  it("opens sqlite:PATH and :memory:, refuses an unknown scheme", async () => {
    const a = await openStore(`sqlite:${join(dir, "prefixed.sqlite")}`);
    expect(a.engine).toBe("sqlite");
    await a.append([change()]);
    await a.close();
    expect(await sqlite.count(join(dir, "prefixed.sqlite"), "changes")).toBe(1);
    const m = await openStore(":memory:");
    expect((await m.append([change()]))[0].seq).toBe(1);
    await m.close();
    await expect(openStore("mysql://x/y")).rejects.toThrow(/unknown scheme/);
  });

  it("a claim row left by a process that is gone is taken over", async () => {
    const url = await sqlite.fresh();
    const s = await openStore(url);
    const gone = spawn(process.execPath, ["-e", ""]);
    const pid = gone.pid!;
    await new Promise((r) => gone.once("exit", r));
    await sqlite.sql(url, `INSERT INTO claims (twin, owner, pid, host, since_ms) VALUES ('Rig', 'crashed', ${pid}, '${(await import("node:os")).hostname()}', 0)`);
    await s.claim("Rig");
    // a live process's row is respected: this test process's parent stands in for another twin serve
    await sqlite.sql(url, `INSERT INTO claims (twin, owner, pid, host, since_ms) VALUES ('Live', 'other', ${process.ppid}, '${(await import("node:os")).hostname()}', 0)`);
    await expect(s.claim("Live")).rejects.toThrow(new RegExp(`pid ${process.ppid} .*which is running`));
    await s.close();
    expect(await sqlite.count(url, "claims")).toBe(1);
  });

  it("a file that is not a database is StoreUnavailableError naming the engine and what failed", async () => {
    const url = await sqlite.fresh();
    const s = await openStore(url);
    await s.append([change()]);
    await s.close();
    writeFileSync(url, "this is not a SQLite database file, and it is longer than its 100-byte header would be ........");
    rmSync(`${url}-wal`, { force: true });
    rmSync(`${url}-shm`, { force: true });
    await expect(openStore(url)).rejects.toThrow(StoreUnavailableError);
    await expect(openStore(url)).rejects.toThrow(/^sqlite: opening .* failed: SQLITE_NOTADB/);
  });

  it("every acknowledged append survives kill -9 of the appending process", async () => {
    const url = await sqlite.fresh();
    const script = join(dir, "appender.mjs");
    const storeModule = pathToFileURL(join(ROOT, "dist/service/store/index.js")).href;
    writeFileSync(
      script,
      `import { openStore } from ${JSON.stringify(storeModule)};
const store = await openStore(process.argv[2]);
let i = 0;
// four concurrent writers, so acknowledgements come from grouped commits
await Promise.all([0, 1, 2, 3].map(async (w) => {
  for (;;) {
    const n = i++;
    const [r] = await store.append([{ twin: "Rig", part: "w" + w, attribute: "n", oldValue: null, newValue: n, subject: "runner", source: "runner", timeMs: n }]);
    process.stdout.write(r.seq + "\\n");
  }
}));
`,
    );
    const child = spawn(process.execPath, [script, url], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const acknowledged = await new Promise<number[]>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        // SIGKILL once a few hundred appends are acknowledged, in the middle of the stream
        if (out.split("\n").length > 400 && child.signalCode === null && !child.killed) child.kill("SIGKILL");
      });
      child.once("exit", (code, signal) => {
        if (signal !== "SIGKILL") reject(new Error(`appender exited with ${code ?? signal}: ${err}`));
        else resolve(out.split("\n").filter((l) => /^\d+$/.test(l)).map(Number));
      });
    });
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);
    const s = await openStore(url);
    const stored = new Set((await s.history({ twin: "Rig", order: "asc", limit: 10_000 })).map((r) => r.seq));
    const lost = acknowledged.filter((q) => !stored.has(q));
    expect(lost).toEqual([]);
    await s.close();
  });
});

// ------------------------------------------------------------------------------------------ PostgreSQL

const PG_MISSING = postgresMissing();
const PG = verdict(PG_MISSING === undefined ? [] : [PG_MISSING], CI);

describe.skipIf(PG.action === "skip")(`PostgreSQL store${PG.action === "skip" ? ` (skipped: ${PG.message})` : ""}`, () => {
  let server: PostgresServer;
  let n = 0;
  const admin = async <T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const postgres: Engine = {
    fresh: async () => {
      const name = `store_${n++}`;
      await admin(server.url, (c) => c.query(`CREATE DATABASE ${name}`));
      return server.url.replace(/\/twin_test$/, `/${name}`);
    },
    sql: async (url, text) => {
      await admin(url, (c) => c.query(text));
    },
    count: async (url, table) => admin(url, async (c) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n)),
  };
  beforeAll(async () => {
    // CI=true: PostgreSQL is required (.ci/run installs it); failing here fails every test below
    if (PG.action === "fail") throw new Error(PG.message);
    const s = await startPostgres();
    if (s === null) throw new Error(`PostgreSQL not installed`);
    server = s;
  });
  afterAll(async () => {
    await server?.stop();
  });
  sharedSuite(() => postgres);

  describe("a server that goes away", () => {
    // a cluster of its own: crash recovery after kill() is quick on a cluster with one small database
    beforeAll(async () => {
      await server.stop();
      const s = await startPostgres();
      if (s === null) throw new Error(`PostgreSQL not installed`);
      server = s;
    });

    it("a killed server: operations fail with StoreUnavailableError, succeed once it is back, claims retaken", async () => {
      const url = await postgres.fresh();
      const log: string[] = [];
      const s = await openStore(url, { log: (m) => log.push(m) });
      await s.claim("Rig");
      const first = await s.append([change({ newValue: 1 })]);
      await s.history({ twin: "Rig", order: "asc", limit: 1 });
      await server.kill();
      await expect(s.append([change({ newValue: 2 })])).rejects.toThrow(StoreUnavailableError);
      await expect(s.append([change({ newValue: 2 })])).rejects.toThrow(/^postgres: append failed: /);
      await expect(s.history({ twin: "Rig", order: "asc", limit: 10 })).rejects.toThrow(StoreUnavailableError);
      await expect(s.latest("Rig")).rejects.toThrow(StoreUnavailableError);
      await server.restart();
      const second = await s.append([change({ newValue: 3 })]);
      expect(second[0].seq).toBeGreaterThan(first[0].seq);
      expect((await s.history({ twin: "Rig", order: "asc", limit: 10 })).map((r) => r.newValue)).toEqual([1, 3]);
      expect(log.some((m) => /claims re-established: Rig/.test(m))).toBe(true);
      // the claim was taken again on the new session: another store is refused
      const other = await openStore(url);
      await expect(other.claim("Rig")).rejects.toThrow(StoreClaimError);
      await other.close();
      await s.close();
    });

    it("a claim taken by another store while the server was down is reported as StoreClaimError", async () => {
      const url = await postgres.fresh();
      const s = await openStore(url);
      await s.claim("Rig");
      await server.kill();
      await server.restart();
      const thief = await openStore(url);
      await thief.claim("Rig");
      await expect(s.append([change()])).rejects.toThrow(StoreClaimError);
      await thief.close();
      await s.append([change()]);
      expect((await s.history({ twin: "Rig", order: "asc", limit: 10 })).length).toBe(1);
      await s.close();
    });
  });
});
