// The history store in an embedded SQLite file (better-sqlite3). Durability: WAL with synchronous=FULL
// syncs the WAL on every commit, so a committed transaction survives kill -9 and power loss
// (https://www.sqlite.org/pragma.html#pragma_synchronous). better-sqlite3 runs statements synchronously;
// concurrent appends are batched per event-loop turn by GroupCommit.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import type { ChangeRecord, HistoryQuery, HistoryStore, LatestValue, NewChange, RetentionPolicy } from "../types.js";
import { StoreUnavailableError } from "../types.js";
import { HOST, heldAgainst, ownerEnded, ownerStarted, type ClaimRow } from "./claims.js";
import { StoreClaimError } from "./errors.js";
import { GroupCommit } from "./group-commit.js";
import { CREATE_SCHEMA_MIGRATIONS, pending } from "./migrations.js";
import { historySql, pruneSql } from "./query.js";
import { checkChanges, checkPolicy, checkQuery, decodeValue, encodeValue, fromRow, type ChangeRow } from "./values.js";

export interface SqliteStoreOptions {
  /** how long a statement waits for another process's write lock, ms (default 5000) */
  busyTimeoutMs?: number;
  log?: (msg: string) => void;
}

// SQLite result codes that mean the database cannot be used right now rather than a wrong statement
// (https://www.sqlite.org/rescode.html): I/O error, disk full, cannot open, locked beyond busy_timeout,
// read-only file, not a database / corrupt.
const UNAVAILABLE = /^SQLITE_(IOERR|FULL|CANTOPEN|BUSY|LOCKED|READONLY|NOTADB|CORRUPT|PROTOCOL)/;

function unavailable(what: string, err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && UNAVAILABLE.test(code)) return new StoreUnavailableError(`sqlite: ${what} failed: ${code}: ${(err as Error).message}`);
  if (err instanceof TypeError && /database connection is not open/.test(err.message)) return new StoreUnavailableError(`sqlite: ${what} failed: the store is closed`);
  return err;
}

export class SqliteStore implements HistoryStore {
  readonly engine = "sqlite" as const;
  private readonly db: Database.Database;
  private readonly owner = randomUUID();
  private readonly claimed = new Set<string>();
  private readonly writer: GroupCommit;
  private closed = false;
  private readonly insert: Database.Statement;

  constructor(
    readonly path: string,
    opts: SqliteStoreOptions = {},
  ) {
    try {
      this.db = new Database(path);
    } catch (err) {
      throw unavailable(`opening ${path}`, err);
    }
    try {
      this.db.pragma("journal_mode = WAL");
      this.db.pragma("synchronous = FULL");
      this.db.pragma(`busy_timeout = ${Math.trunc(opts.busyTimeoutMs ?? 5000)}`);
      // SQLite's LIKE ignores ASCII case by default; part names are case-sensitive
      this.db.pragma("case_sensitive_like = ON");
      this.db.exec(CREATE_SCHEMA_MIGRATIONS);
      this.migrateNow();
    } catch (err) {
      this.db.close();
      throw unavailable(`opening ${path}`, err);
    }
    this.insert = this.db.prepare(
      `INSERT INTO changes (twin, part, attribute, old_value, new_value, subject, source, time_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.writer = new GroupCommit(async (batches) => this.commit(batches));
    ownerStarted(this.owner);
    opts.log?.(`sqlite store ${path}: WAL, synchronous=FULL`);
  }

  async migrate(): Promise<void> {
    this.migrateNow();
  }

  private migrateNow(): void {
    try {
      // IMMEDIATE: two processes migrating at once serialise on the write lock
      this.db
        .transaction(() => {
          const row = this.db.prepare(`SELECT max(version) AS v FROM schema_migrations`).get() as { v: number | null };
          for (const m of pending("sqlite", row.v ?? 0)) {
            for (const sql of m.sqlite) this.db.exec(sql);
            this.db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(m.version, m.name, Date.now());
          }
        })
        .immediate();
    } catch (err) {
      throw unavailable("migrate", err);
    }
  }

  async claim(twin: string): Promise<void> {
    try {
      this.db
        .transaction(() => {
          const row = this.db.prepare(`SELECT owner, pid, host FROM claims WHERE twin = ?`).get(twin) as ClaimRow | undefined;
          const held = row === undefined ? undefined : heldAgainst(row, this.owner);
          if (held !== undefined) throw new StoreClaimError(twin, held);
          this.db
            .prepare(`INSERT INTO claims (twin, owner, pid, host, since_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT (twin) DO UPDATE SET owner = excluded.owner, pid = excluded.pid, host = excluded.host, since_ms = excluded.since_ms`)
            .run(twin, this.owner, process.pid, HOST, Date.now());
        })
        .immediate();
      this.claimed.add(twin);
    } catch (err) {
      throw unavailable(`claim of twin "${twin}"`, err);
    }
  }

  async append(changes: NewChange[]): Promise<ChangeRecord[]> {
    checkChanges(changes);
    if (this.closed) throw new StoreUnavailableError("sqlite: append failed: the store is closed");
    if (changes.length === 0) return [];
    return this.writer.append(changes);
  }

  private commit(batches: NewChange[][]): ChangeRecord[][] {
    try {
      return this.db.transaction(() =>
        batches.map((changes) =>
          changes.map((c) => {
            const r = this.insert.run(c.twin, c.part, c.attribute, c.oldValue === null ? null : encodeValue(c.oldValue), encodeValue(c.newValue), c.subject, c.source, c.timeMs);
            return { ...c, seq: Number(r.lastInsertRowid) };
          }),
        ),
      )();
    } catch (err) {
      throw unavailable("append", err);
    }
  }

  async history(q: HistoryQuery): Promise<ChangeRecord[]> {
    checkQuery(q);
    const sql = historySql(q, () => "?");
    try {
      return (this.db.prepare(sql.text).all(...sql.values) as ChangeRow[]).map(fromRow);
    } catch (err) {
      throw unavailable("history", err);
    }
  }

  async latest(twin: string): Promise<LatestValue[]> {
    try {
      const rows = this.db
        .prepare(
          `SELECT c.part, c.attribute, c.new_value, c.seq, c.time_ms FROM changes c ` +
            `JOIN (SELECT max(seq) AS seq FROM changes WHERE twin = ? GROUP BY part, attribute) m ON c.seq = m.seq ORDER BY c.seq`,
        )
        .all(twin) as { part: string; attribute: string; new_value: string; seq: number; time_ms: number }[];
      return rows.map((r) => ({ part: r.part, attribute: r.attribute, value: decodeValue(r.new_value), seq: r.seq, timeMs: r.time_ms }));
    } catch (err) {
      throw unavailable("latest", err);
    }
  }

  async prune(policy: RetentionPolicy, nowMs: number): Promise<number> {
    checkPolicy(policy, nowMs);
    try {
      return this.db.transaction(() => {
        let removed = 0;
        for (const s of pruneSql(policy.maxAgeMs, policy.maxPerAttribute, nowMs, () => "?")) removed += this.db.prepare(s.text).run(...s.values).changes;
        return removed;
      })();
    } catch (err) {
      throw unavailable("prune", err);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.drain();
    try {
      const release = this.db.prepare(`DELETE FROM claims WHERE twin = ? AND owner = ?`);
      for (const twin of this.claimed) release.run(twin, this.owner);
    } finally {
      ownerEnded(this.owner);
      this.db.close();
    }
  }
}
