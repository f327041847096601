// The service's query languages (src/service/query): the RQL filter (grammar, limits, semantics, the
// wildcard matcher against a RegExp reference, SQL push-down run for real in SQLite) and the guarded
// XPath search (nesting, length and evaluation-budget limits on the test rig's model).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAml } from "../src/aml/model.js";
import { AmlQuery } from "../src/aml/query.js";
import { XPathError } from "../src/aml/xpath.js";
import { codePoints, compileRql, compileWildcard, parseRql, RqlError, rqlProps, rqlToSql, wildcardMatch, type RqlNode } from "../src/service/query/rql.js";
import { DEFAULT_SEARCH_LIMITS, guardedSearch } from "../src/service/query/xpath-guard.js";
import type { ChangeRecord } from "../src/service/types.js";
import { rng } from "./helpers/rng.js";

type Rec = Record<string, unknown>;
const getter = (item: Rec, prop: string): unknown => item[prop];
const matches = (q: string, item: Rec): boolean => compileRql<Rec>(parseRql(q), getter)(item);

function rqlError(f: () => unknown): RqlError {
  try {
    f();
  } catch (e) {
    if (e instanceof RqlError) return e;
    throw e;
  }
  throw new Error("no RqlError");
}

describe("RQL grammar", () => {
  it("parses each operator into its node", () => {
    expect(parseRql('eq(attribute,"Speed")')).toEqual({ op: "eq", prop: "attribute", propPos: 3, value: "Speed", pos: 0 });
    expect(parseRql("ne(timeMs,-1.5e3)")).toMatchObject({ op: "ne", value: -1500 });
    for (const op of ["gt", "ge", "lt", "le"]) expect(parseRql(`${op}(seq,10)`)).toMatchObject({ op, prop: "seq", value: 10 });
    expect(parseRql('in(source,"api","rule",3,true,null)')).toMatchObject({ op: "in", values: ["api", "rule", 3, true, null] });
    expect(parseRql('like(part,"Rotor/*")')).toMatchObject({ op: "like", pattern: "Rotor/*" });
    expect(parseRql('ilike(part,"rotor?")')).toMatchObject({ op: "ilike", pattern: "rotor?" });
    expect(parseRql("exists(attributes/Speed)")).toMatchObject({ op: "exists", prop: "attributes/Speed" });
    expect(parseRql("eq(/attributes/Speed,false)")).toMatchObject({ prop: "attributes/Speed", value: false });
    const n = parseRql('and(eq(a,1), or(lt(b,2) , not(exists(c))), ilike(d,"x*"))');
    expect(n.op).toBe("and");
    expect(rqlProps(n)).toEqual(["a", "b", "c", "d"]);
    expect(rqlProps(parseRql("or(eq(a,1),eq(b,1),eq(a,2))"))).toEqual(["a", "b"]);
  });

  it("reads string escapes \\\" and \\\\ and nothing else", () => {
    expect(parseRql('eq(p,"say \\"hi\\" \\\\ done")')).toMatchObject({ value: 'say "hi" \\ done' });
    expect(parseRql('eq(p,"")')).toMatchObject({ value: "" });
    const e = rqlError(() => parseRql('eq(p,"a\\nb")'));
    expect(e.message).toBe('RQL column 8: unknown escape \\n (only \\" and \\\\ are escapes)');
    expect(e.position).toBe(7);
  });

  it("names the column of every syntax error", () => {
    const cases: [string, number, string][] = [
      ["", 1, "query expected"],
      ["foo(a,1)", 1, "unknown operator foo"],
      ["eq a,1)", 4, "'(' expected after eq"],
      ["eq(,1)", 4, "property expected"],
      ["eq(a 1)", 6, "',' expected"],
      ["eq(a,)", 6, "value expected"],
      ["eq(a,abc)", 6, 'found "abc"'],
      ["eq(a,01)", 7, "malformed number"],
      ["eq(a,1e999)", 6, "out of range"],
      ['eq(a,"open)', 6, "unterminated string"],
      ["like(a,3)", 8, 'needs a "string" pattern'],
      ["not(eq(a,1),eq(b,2))", 12, "not() takes one query"],
      ["and(eq(a,1) eq(b,2))", 13, "',' or ')' expected in and()"],
      ["and()", 5, "query expected"],
      ["eq(a,1))", 8, "unexpected \")\" after the query"],
      ["eq(a,1) x", 9, "after the query"],
      ["in(a)", 5, "',' expected"],
    ];
    for (const [src, col, text] of cases) {
      const e = rqlError(() => parseRql(src));
      expect(e.message, src).toMatch(new RegExp(`^RQL column ${col}: `));
      expect(e.message, src).toContain(text);
      expect(e.position).toBe(col - 1);
    }
  });

  it("refuses 100,000 nested not( at maxDepth, without a stack overflow", () => {
    const src = "not(".repeat(100_000) + "eq(a,1)" + ")".repeat(100_000);
    const e = rqlError(() => parseRql(src, { maxLength: src.length }));
    expect(e.message).toBe("RQL column 129: queries nested deeper than 32 levels");
    // 31 logical levels and the relational operator: exactly the limit
    const ok = "not(".repeat(31) + "eq(a,1)" + ")".repeat(31);
    expect(compileRql<Rec>(parseRql(ok), getter)({ a: 1 })).toBe(false);
    expect(compileRql<Rec>(parseRql("not(" + ok + ")", { maxDepth: 33 }), getter)({ a: 1 })).toBe(true);
  });

  it("refuses a 1 MB query by maxLength, and too many operators by maxNodes", () => {
    const big = `eq(a,"${"x".repeat(1 << 20)}")`;
    expect(rqlError(() => parseRql(big)).message).toBe("RQL column 4097: the query is longer than 4096 characters");
    const wide = `or(${Array.from({ length: 300 }, (_, i) => `eq(a,${i})`).join(",")})`;
    const e = rqlError(() => parseRql(wide));
    expect(e.message).toMatch(/^RQL column \d+: more than 256 operators$/);
    expect(wide.slice(e.position, e.position + 9)).toBe("eq(a,255)");
    expect(parseRql(wide, { maxNodes: 301 }).op).toBe("or");
  });
});

describe("RQL semantics", () => {
  const rec = { attribute: "Speed", newValue: 1500, part: "Rotor/Disk", flag: true, none: null, name: "Ärger" };

  it("compares numbers with numbers and strings with strings; other pairs are false", () => {
    expect(matches("eq(newValue,1500)", rec)).toBe(true);
    expect(matches("ne(newValue,1500)", rec)).toBe(false);
    expect(matches("ne(newValue,1)", rec)).toBe(true);
    expect(matches('eq(newValue,"1500")', rec)).toBe(false);
    expect(matches('ne(newValue,"1500")', rec)).toBe(false);
    expect(matches('gt(newValue,"1")', rec)).toBe(false);
    expect(matches("gt(newValue,1499.5)", rec)).toBe(true);
    expect(matches("ge(newValue,1500)", rec)).toBe(true);
    expect(matches("lt(newValue,1500)", rec)).toBe(false);
    expect(matches("le(newValue,1500)", rec)).toBe(true);
    expect(matches('gt(attribute,"Sp")', rec)).toBe(true);
    expect(matches('lt(attribute,"Speed0")', rec)).toBe(true);
    expect(matches("eq(flag,true)", rec)).toBe(true);
    expect(matches("gt(flag,false)", rec)).toBe(false);
    expect(matches("eq(none,null)", rec)).toBe(true);
    expect(matches("eq(flag,null)", rec)).toBe(false);
    expect(matches("in(newValue,1,2,1500)", rec)).toBe(true);
    expect(matches('in(newValue,"1500",true)', rec)).toBe(false);
    expect(matches("exists(none)", rec)).toBe(true);
    expect(matches("exists(missing)", rec)).toBe(false);
    expect(matches("ne(missing,1)", rec)).toBe(false);
    expect(matches("and(exists(part),not(eq(attribute,\"Torque\")),or(eq(flag,false),like(part,\"*/Disk\")))", rec)).toBe(true);
  });

  it("orders strings by code point, not by UTF-16 unit", () => {
    // U+FF5E (a BMP character) < U+1F600 (astral) by code point; JS `<` on strings says the opposite
    expect("\u{1F600}" < "\uFF5E").toBe(true);
    expect(matches('lt(s,"\u{1F600}")', { s: "\uFF5E" })).toBe(true);
    expect(matches('gt(s,"\uFF5E")', { s: "\u{1F600}" })).toBe(true);
  });

  it("like is case-sensitive, ilike folds ASCII case, ? is one code point", () => {
    expect(matches('like(part,"rotor*")', rec)).toBe(false);
    expect(matches('ilike(part,"rotor*")', rec)).toBe(true);
    expect(matches('ilike(part,"ROTOR/D??K")', rec)).toBe(true);
    expect(matches('like(s,"a?b")', { s: "a\u{1F600}b" })).toBe(true);
    expect(matches('like(newValue,"1*")', rec)).toBe(false);
    expect(matches('ilike(name,"ärger")', rec)).toBe(false);
  });

  it("knownProps: an unknown property is an RqlError at its column", () => {
    const q = parseRql('and(eq(attribute,"Speed"),gt(tme,5))');
    const e = rqlError(() => compileRql<Rec>(q, getter, { knownProps: ["attribute", "timeMs"] }));
    expect(e.message).toBe("RQL column 30: unknown property tme (known: attribute, timeMs)");
  });
});

describe("wildcard matcher", () => {
  /** The reference: a RegExp built from a pattern (fine here: the patterns are small and trusted). */
  const reference = (pattern: string, text: string, fold: boolean): boolean => {
    const body = [...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&"))).join("");
    return new RegExp(`^${body}$`, fold ? "su" + "i" : "su").test(text);
  };

  it("agrees with a RegExp reference on 20,000 random small cases", () => {
    const r = rng(13);
    const alphabet = ["a", "b", "A", "*", "?", "\u{1F600}", "%", "_"];
    const pick = (n: number, chars: string[]): string => Array.from({ length: Math.floor(r() * n) }, () => chars[Math.floor(r() * chars.length)]!).join("");
    let hits = 0;
    for (let k = 0; k < 20_000; k++) {
      const pattern = pick(7, alphabet);
      const text = pick(9, ["a", "b", "A", "B", "*", "?", "\u{1F600}", "%"]);
      const fold = r() < 0.3;
      const want = reference(pattern, text, fold);
      const f = fold ? (s: string): string => s.toLowerCase() : (s: string): string => s;
      expect(wildcardMatch(compileWildcard(f(pattern)), codePoints(f(text))), `${pattern} ~ ${text} (fold ${fold})`).toBe(want);
      if (want) hits++;
    }
    // the loop exercised both answers
    expect(hits).toBeGreaterThan(1000);
    expect(hits).toBeLessThan(19_000);
  });

  it("matches a pathological pattern against 10,000 characters (O(n·m) steps)", () => {
    const p = compileWildcard("*a*a*a*a*a*a*a*a*b");
    expect(wildcardMatch(p, codePoints("a".repeat(10_000)))).toBe(false);
    expect(wildcardMatch(p, codePoints("a".repeat(10_000) + "b"))).toBe(true);
    expect(matches('like(s,"*a*a*a*a*a*a*a*a*b")', { s: "a".repeat(10_000) })).toBe(false);
  });
});

/** 400 history records drawn from names that stress SQL: case, %, _, [, non-ASCII, astral. */
function historyRecords(): ChangeRecord[] {
  const r = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const records: ChangeRecord[] = [];
  for (let seq = 1; seq <= 400; seq++) {
    const rec: ChangeRecord = {
      seq,
      twin: pick(["TestRig", "Refinery"]),
      part: pick(["", "Motor", "Rotor/Disk", "Rotor/disk_1", "Rotor/Disk%2", "Bearing[1]", "Rack\\3", "Ärger/\u{1F600}", "Ärger/\uFF5E"]),
      attribute: pick(["Speed", "speed", "Torque", "Outer/Inner", "T_max"]),
      oldValue: null,
      newValue: Math.round(r() * 100),
      subject: pick(["user:alice", "user:Bob", "runner", "system"]),
      source: pick(["api", "runner", "method", "rule", "system"] as const),
      timeMs: 1_700_000_000_000 + Math.floor(r() * 1000),
    };
    records.push(rec);
  }
  return records;
}

/** Queries whose SQL must select what the JS filter selects. */
const SQL_QUERIES = [
  'eq(attribute,"Speed")',
  'ne(attribute,"Speed")',
  'gt(part,"Rotor")',
  'le(subject,"user:Bob")',
  "and(ge(timeMs,1700000000500),lt(seq,200))",
  "gt(timeMs,1700000000499.5)",
  'or(eq(twin,"Refinery"),not(in(source,"api","rule")))',
  'like(part,"Rotor/D*")',
  'like(part,"*%?")',
  'like(part,"*\\\\*")',
  'like(part,"Bearing[1]")',
  'ilike(part,"rotor/disk*")',
  'ilike(attribute,"t_max")',
  'ilike(part,"ÄRGER/?")',
  'like(part,"*/?")',
  'eq(timeMs,"1700000000000")',
  "not(exists(part))",
  'in(attribute,"Speed","Torque",5)',
  'gt(part,"Ärger/\uFF5E")',
  'lt(part,"Ärger/\u{1F600}")',
];

function jsSelect(records: ChangeRecord[], node: RqlNode): number[] {
  return records.filter(compileRql<ChangeRecord>(node, (c, p) => (c as unknown as Rec)[p])).map((c) => c.seq);
}

describe("rqlToSql", () => {
  const COLUMNS = { seq: "seq", twin: "twin", part: "part", attribute: "attribute", newValue: "new_value", oldValue: "old_value", subject: "subject", source: "source", timeMs: "time_ms" };

  it("binds every value, for both dialects", () => {
    const q = parseRql('and(eq(attribute,"x\'); DROP TABLE t; --"),gt(timeMs,5),like(part,"R*_%?"),ilike(subject,"Us?R*"))');
    expect(rqlToSql(q, COLUMNS, "sqlite")).toEqual({
      sql: '(("attribute" COLLATE BINARY = ?) AND ("time_ms" > ?) AND ("part" GLOB ?) AND ("subject" LIKE ? ESCAPE \'\\\'))',
      params: ["x'); DROP TABLE t; --", 5, "R*_%?", "us_r%"],
    });
    expect(rqlToSql(q, COLUMNS, "postgres")).toEqual({
      sql:
        '(("attribute" COLLATE "C" = $1::text) AND ("time_ms" > $2::double precision) AND ("part" LIKE $3::text ESCAPE \'\\\') AND ' +
        '(translate("subject", \'ABCDEFGHIJKLMNOPQRSTUVWXYZ\', \'abcdefghijklmnopqrstuvwxyz\') LIKE $4::text ESCAPE \'\\\'))',
      params: ["x'); DROP TABLE t; --", 5, "R%\\_\\%_", "us_r%"],
    });
    expect(rqlToSql(parseRql('not(in(source,"api",3,"rule"))'), COLUMNS, "postgres")).toEqual({ sql: '(NOT ("source" COLLATE "C" IN ($1::text, $2::text)))', params: ["api", "rule"] });
    expect(rqlToSql(parseRql('or(eq(seq,"1"),in(seq,"a"),like(seq,"1*"),exists(seq))'), COLUMNS, "sqlite")).toEqual({ sql: '((1=0) OR (1=0) OR (1=0) OR ("seq" IS NOT NULL))', params: [] });
    expect(rqlToSql(parseRql('like(part,"[a]*")'), COLUMNS, "sqlite")!.params).toEqual(["[[]a]*"]);
  });

  it("is null when a property has no pushable column (JSON-text values, unmapped names)", () => {
    expect(rqlToSql(parseRql("and(eq(attribute,\"a\"),gt(newValue,3))"), COLUMNS, "sqlite")).toBeNull();
    expect(rqlToSql(parseRql("exists(oldValue)"), COLUMNS, "postgres")).toBeNull();
    expect(rqlToSql(parseRql("exists(color)"), COLUMNS, "postgres")).toBeNull();
    expect(rqlToSql(parseRql("exists(toString)"), COLUMNS, "postgres")).toBeNull();
    expect(() => rqlToSql(parseRql("exists(a)"), { a: 'x"; drop' }, "sqlite")).toThrow(TypeError);
  });

  it("selects in SQLite exactly what the JS filter selects", () => {
    const db = new Database(":memory:");
    try {
      const records = historyRecords();
      db.exec(`CREATE TABLE changes (seq INTEGER PRIMARY KEY, twin TEXT NOT NULL, part TEXT NOT NULL, attribute TEXT NOT NULL,
        old_value TEXT, new_value TEXT NOT NULL, subject TEXT NOT NULL, source TEXT NOT NULL, time_ms INTEGER NOT NULL)`);
      const insert = db.prepare("INSERT INTO changes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
      for (const c of records) insert.run(c.seq, c.twin, c.part, c.attribute, null, JSON.stringify(c.newValue), c.subject, c.source, c.timeMs);
      const unselective: string[] = [];
      for (const src of SQL_QUERIES) {
        const node: RqlNode = parseRql(src);
        const want = jsSelect(records, node);
        if (want.length === 0 || want.length === records.length) unselective.push(src);
        const q = rqlToSql(node, COLUMNS, "sqlite");
        expect(q, src).not.toBeNull();
        const got = db.prepare(`SELECT seq FROM changes WHERE ${q!.sql} ORDER BY seq`).pluck().all(...q!.params);
        expect(got, src).toEqual(want);
      }
      // most queries select some records and not others: the comparison is not of empty sets
      expect(unselective).toEqual(['eq(timeMs,"1700000000000")', "not(exists(part))"]);
    } finally {
      db.close();
    }
  });
});

/** A throwaway PostgreSQL cluster on 127.0.0.1 (initdb refuses root: run as the postgres user then). */
class PgCluster {
  readonly dir = mkdtempSync(join(tmpdir(), "twin-query-pg-"));
  port = 0;
  private run(args: string[]): void {
    const asRoot = process.getuid?.() === 0;
    const r = asRoot ? spawnSync("runuser", ["-u", "postgres", "--", ...args], { encoding: "utf8" }) : spawnSync(args[0]!, args.slice(1), { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.error?.message ?? ""}${r.stderr}`);
  }
  async start(): Promise<void> {
    if (process.getuid?.() === 0) spawnSync("chown", ["postgres", this.dir]);
    this.port = await freePort();
    this.run(["initdb", "-D", join(this.dir, "data"), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
    this.run(["pg_ctl", "-D", join(this.dir, "data"), "-l", join(this.dir, "log"), "-w", "-o", `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start"]);
  }
  stop(): void {
    try {
      this.run(["pg_ctl", "-D", join(this.dir, "data"), "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const a = srv.address();
      srv.close(() => (a && typeof a === "object" ? resolve(a.port) : reject(new Error("no port"))));
    });
  });
}

describe("rqlToSql in PostgreSQL", () => {
  const cluster = new PgCluster();
  let client: pg.Client | undefined;
  beforeAll(async () => {
    await cluster.start();
    client = new pg.Client({ host: "127.0.0.1", port: cluster.port, user: "postgres", database: "postgres" });
    await client.connect();
  }, 60_000);
  afterAll(async () => {
    await client?.end();
    cluster.stop();
  });

  it("selects exactly what the JS filter selects", async () => {
    const db = client!;
    const COLUMNS = { seq: "seq", twin: "twin", part: "part", attribute: "attribute", subject: "subject", source: "source", timeMs: "time_ms" };
    await db.query(`CREATE TABLE changes (seq BIGINT PRIMARY KEY, twin TEXT NOT NULL, part TEXT NOT NULL, attribute TEXT NOT NULL,
      old_value TEXT, new_value TEXT NOT NULL, subject TEXT NOT NULL, source TEXT NOT NULL, time_ms BIGINT NOT NULL)`);
    const records = historyRecords();
    for (const c of records) {
      await db.query("INSERT INTO changes VALUES ($1, $2, $3, $4, NULL, $5, $6, $7, $8)", [c.seq, c.twin, c.part, c.attribute, JSON.stringify(c.newValue), c.subject, c.source, c.timeMs]);
    }
    for (const src of SQL_QUERIES) {
      const node = parseRql(src);
      const q = rqlToSql(node, COLUMNS, "postgres");
      expect(q, src).not.toBeNull();
      const got = await db.query<{ seq: string }>(`SELECT seq FROM changes WHERE ${q!.sql} ORDER BY seq`, q!.params);
      expect(got.rows.map((r) => Number(r.seq)), src).toEqual(jsSelect(records, node));
    }
  });
});

describe("guarded XPath search", () => {
  const FILE = join(import.meta.dirname, "..", "models", "aml", "test-rig.aml");
  const q = new AmlQuery(readAml(readFileSync(FILE), FILE));

  const xpathError = (f: () => unknown): XPathError => {
    try {
      f();
    } catch (e) {
      if (e instanceof XPathError) return e;
      throw e;
    }
    throw new Error("no XPathError");
  };

  it("finds what the unguarded search finds", () => {
    const motor = guardedSearch(q, "[@Name='Motor']");
    expect(motor).toHaveLength(1);
    expect(q.name(motor[0]!.node!)).toBe("Motor");
    for (const expr of ["//InternalElement", "[@Name='Motor']/Attribute", "//InternalElement[RoleRequirements[contains(@RefBaseRoleClassPath, 'Accelerometer')]]", "//Attribute/@Name"]) {
      expect(guardedSearch(q, expr).map((h) => [h.line, h.value])).toEqual(q.search(expr).map((h) => [h.line, h.value]));
    }
    expect(DEFAULT_SEARCH_LIMITS).toEqual({ maxLength: 2048, maxDepth: 64, budget: 2_000_000 });
  });

  it("refuses deep nesting with a located error, never a stack overflow", () => {
    const deep = "(".repeat(100_000) + "//a" + ")".repeat(100_000);
    const e = xpathError(() => guardedSearch(q, deep, { maxLength: deep.length }));
    expect(e.message).toBe("XPath column 65: expression nested deeper than 64 levels");
    // predicates, negation and function arguments count as nesting too; positions refer to the
    // caller's expression even when a bare predicate is widened to //*[…]
    // the 65th "[" is the 64th of the "a[" pairs, at offset 1 + 2·63 + 1
    const preds = "[" + "a[".repeat(70) + "b" + "]".repeat(71);
    expect(xpathError(() => guardedSearch(q, preds)).message).toBe("XPath column 129: expression nested deeper than 64 levels");
    expect(xpathError(() => guardedSearch(q, "//a[" + "-".repeat(1000) + "1]", { maxDepth: 10 })).position).toBe(4 + 9);
    expect(xpathError(() => guardedSearch(q, "[@Name=]")).message).toBe("XPath column 8: step expected, found \"]\"");
    expect(xpathError(() => guardedSearch(q, "count(//a)")).message).toContain("does not select nodes");
  });

  it("refuses an expression longer than maxLength", () => {
    const e = xpathError(() => guardedSearch(q, "//" + "a".repeat(3000)));
    expect(e.message).toBe("XPath column 2049: the expression is longer than 2048 characters");
  });

  it("stops a quadratic blow-up at the budget", () => {
    const e = xpathError(() => guardedSearch(q, "//*[//*[//*[//*]]]"));
    expect(e.message).toMatch(/^XPath column \d+: evaluation budget exceeded \(2000000 work units\)$/);
    expect(xpathError(() => guardedSearch(q, "//*[. = //*]", { budget: 10_000 })).message).toContain("budget exceeded");
    // the same search within a budget it fits in gives the unguarded answer
    const small = "//InternalElement[Attribute[@Name = //Attribute/@Name]]";
    expect(guardedSearch(q, small).length).toBe(q.search(small).length);
  });
});
