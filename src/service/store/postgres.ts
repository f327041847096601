// The history store in PostgreSQL (`pg`). Reads and pruning go through a Pool; appends go through one
// dedicated writer connection, grouped by GroupCommit into one transaction per batch (COMMIT returns
// once the WAL is flushed: synchronous_commit=on, the default). Claims are session advisory locks
// (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS) held on a third
// connection: they end with that session, so a server restart loses them and the store takes them
// again on its next operation. A lost connection is replaced on the next operation, never in a loop.
import pg from "pg";
import type { ChangeRecord, HistoryQuery, HistoryStore, LatestValue, NewChange, RetentionPolicy } from "../types.js";
import { StoreUnavailableError } from "../types.js";
import { StoreClaimError, StoreInputError, StoreSchemaError } from "./errors.js";
import { GroupCommit } from "./group-commit.js";
import { CREATE_SCHEMA_MIGRATIONS, pending } from "./migrations.js";
import { historySql, pruneSql } from "./query.js";
import { checkChanges, checkPolicy, checkQuery, decodeValue, encodeValue, fromRow, type ChangeRow } from "./values.js";

export interface PostgresStoreOptions {
  /** pool size for reads and pruning (default 4) */
  poolSize?: number;
  /** how long a new connection may take, ms (default 10000) */
  connectTimeoutMs?: number;
  log?: (msg: string) => void;
}

/** First key of every advisory lock this store takes ("twin" in ASCII), so other users of the database do not collide. */
const LOCK_NAMESPACE = 0x7477696e;
/** Key of the lock that serialises concurrent migrations. */
const MIGRATION_NAMESPACE = LOCK_NAMESPACE + 1;

// SQLSTATE classes meaning the server or the connection is gone or out of resources, not a wrong
// statement (https://www.postgresql.org/docs/current/errcodes-appendix.html): 08 connection exception,
// 53 insufficient resources (disk full), 57 operator intervention (shutdown), 58 system error (I/O).
const UNAVAILABLE_CLASS = /^(08|53|57|58)/;

/** A StoreUnavailableError when `err` says the database is unreachable; `err` itself otherwise. */
function unavailable(what: string, err: unknown): unknown {
  if (err instanceof StoreClaimError || err instanceof StoreInputError || err instanceof StoreSchemaError || err instanceof StoreUnavailableError) return err;
  if (!(err instanceof Error)) return err;
  const e = err as Error & { code?: unknown; severity?: unknown };
  // a server-reported error carries a severity; anything else from the driver is the network or the socket
  const fromServer = typeof e.severity === "string";
  if (!fromServer || (typeof e.code === "string" && UNAVAILABLE_CLASS.test(e.code))) {
    return new StoreUnavailableError(`postgres: ${what} failed: ${typeof e.code === "string" ? `${e.code}: ` : ""}${e.message}`);
  }
  return err;
}

const INSERT = `WITH ins AS (
  INSERT INTO changes (twin, part, attribute, old_value, new_value, subject, source, time_ms)
  SELECT twin, part, attribute, old_value, new_value, subject, source, time_ms
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[])
    WITH ORDINALITY AS t(twin, part, attribute, old_value, new_value, subject, source, time_ms, ord)
  ORDER BY ord
  RETURNING seq)
SELECT seq FROM ins ORDER BY seq`;
// ORDER BY ord: the rows are inserted, and their bigserial defaults drawn, in input order, so the n-th
// smallest returned seq is the n-th input row's (RETURNING itself promises no order).

export class PostgresStore implements HistoryStore {
  readonly engine = "postgres" as const;
  private readonly pool: pg.Pool;
  private readonly writer: GroupCommit;
  private readonly log: (msg: string) => void;
  private readonly connectTimeoutMs: number;
  private writerClient: Promise<pg.Client> | undefined;
  private claimClient: pg.Client | undefined;
  private readonly claimed = new Set<string>();
  /** the running (re)claim, so concurrent operations share it */
  private claiming: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    opts: PostgresStoreOptions = {},
  ) {
    this.log = opts.log ?? (() => undefined);
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;
    this.pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 4, connectionTimeoutMillis: this.connectTimeoutMs, keepAlive: true });
    // an idle pooled connection whose server went away emits here; the pool drops it and the next
    // checkout connects anew
    this.pool.on("error", (err) => this.log(`postgres: idle pooled connection lost: ${err.message}`));
    this.writer = new GroupCommit((batches) => this.commit(batches));
  }

  /** A connected client outside the pool whose errors are logged and make `onLost` run, not crash the process. */
  private async connect(role: string, onLost: (client: pg.Client) => void): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: this.connectTimeoutMs, keepAlive: true });
    client.on("error", (err) => {
      this.log(`postgres: ${role} connection lost: ${err.message}`);
      onLost(client);
    });
    client.on("end", () => onLost(client));
    try {
      await client.connect();
    } catch (err) {
      onLost(client);
      await client.end().catch(() => undefined);
      throw err;
    }
    return client;
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect().catch((err: unknown) => {
      throw unavailable("migrate", err);
    });
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      // one process migrates at a time; the lock ends with the transaction
      await client.query("SELECT pg_advisory_xact_lock($1, 0)", [MIGRATION_NAMESPACE]);
      await client.query(CREATE_SCHEMA_MIGRATIONS);
      const { rows } = await client.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations");
      for (const m of pending("postgres", rows[0].v ?? 0)) {
        for (const sql of m.postgres) await client.query(sql);
        await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
        this.log(`postgres: applied migration ${m.version} ${m.name}`);
      }
      await client.query("COMMIT");
    } catch (err) {
      await client.query("ROLLBACK").catch((e: Error) => (broken = e));
      throw unavailable("migrate", err);
    } finally {
      client.release(broken);
    }
  }

  async claim(twin: string): Promise<void> {
    if (typeof twin !== "string" || twin === "") throw new StoreInputError("claim.twin", "expected a non-empty string");
    if (this.closed) throw new StoreUnavailableError("postgres: claim failed: the store is closed");
    try {
      await this.ensureClaims(true);
    } catch (err) {
      throw unavailable(`claim of twin "${twin}"`, err);
    }
    if (this.claimed.has(twin)) return;
    const client = this.claimClient;
    if (client === undefined) throw new StoreUnavailableError(`postgres: claim of twin "${twin}" failed: the claim connection was lost`);
    try {
      await this.lock(client, twin);
    } catch (err) {
      throw unavailable(`claim of twin "${twin}"`, err);
    }
    this.claimed.add(twin);
  }

  private async lock(client: pg.Client, twin: string): Promise<void> {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok", [LOCK_NAMESPACE, twin]);
    if (!rows[0].ok) throw new StoreClaimError(twin, "another PostgreSQL session holds its advisory lock");
  }

  /**
   * Connects the claim session when it is missing and takes again every claim it held: after the server
   * restarted, another process may have claimed a twin meanwhile, which is a StoreClaimError.
   */
  private async ensureClaims(connectEvenWithoutClaims = false): Promise<void> {
    if (this.claimClient !== undefined || (this.claimed.size === 0 && !connectEvenWithoutClaims)) return;
    this.claiming ??= (async () => {
      let client: pg.Client | undefined;
      try {
        client = await this.connect("claim", (c) => {
          if (this.claimClient === c) this.claimClient = undefined;
        });
        for (const twin of this.claimed) await this.lock(client, twin);
        this.claimClient = client;
        if (this.claimed.size > 0) this.log(`postgres: claims re-established: ${[...this.claimed].join(", ")}`);
      } catch (err) {
        await client?.end().catch(() => undefined);
        // the caller names what failed (append, history, ...)
        throw err;
      } finally {
        this.claiming = undefined;
      }
    })();
    return this.claiming;
  }

  private writerConnection(): Promise<pg.Client> {
    this.writerClient ??= this.connect("writer", () => {
      this.writerClient = undefined;
    }).catch((err: unknown) => {
      this.writerClient = undefined;
      throw err;
    });
    return this.writerClient;
  }

  async append(changes: NewChange[]): Promise<ChangeRecord[]> {
    checkChanges(changes);
    if (this.closed) throw new StoreUnavailableError("postgres: append failed: the store is closed");
    if (changes.length === 0) return [];
    return this.writer.append(changes);
  }

  private async commit(batches: NewChange[][]): Promise<ChangeRecord[][]> {
    try {
      await this.ensureClaims();
      const client = await this.writerConnection();
      const all = batches.flat();
      const cols: (string | number | null)[][] = [[], [], [], [], [], [], [], []];
      for (const c of all) {
        const row = [c.twin, c.part, c.attribute, c.oldValue === null ? null : encodeValue(c.oldValue), encodeValue(c.newValue), c.subject, c.source, c.timeMs];
        row.forEach((v, i) => cols[i].push(v));
      }
      await client.query("BEGIN");
      let rows: { seq: string }[];
      try {
        rows = (await client.query<{ seq: string }>(INSERT, cols)).rows;
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
      let i = 0;
      return batches.map((changes) => changes.map((c) => ({ ...c, seq: Number(rows[i++].seq) })));
    } catch (err) {
      throw unavailable("append", err);
    }
  }

  /** Runs `fn` on a pooled client after making sure the claims are held. */
  private async read<T>(what: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    if (this.closed) throw new StoreUnavailableError(`postgres: ${what} failed: the store is closed`);
    let client: pg.PoolClient | undefined;
    let broken: Error | undefined;
    try {
      await this.ensureClaims();
      client = await this.pool.connect();
      return await fn(client);
    } catch (err) {
      const mapped = unavailable(what, err);
      if (mapped instanceof StoreUnavailableError) broken = mapped;
      throw mapped;
    } finally {
      // a connection that failed is destroyed rather than handed out again
      client?.release(broken);
    }
  }

  async history(q: HistoryQuery): Promise<ChangeRecord[]> {
    checkQuery(q);
    const sql = historySql(q, (n) => `$${n}`);
    return this.read("history", async (c) => (await c.query<ChangeRow>(sql.text, sql.values)).rows.map(fromRow));
  }

  async latest(twin: string): Promise<LatestValue[]> {
    if (typeof twin !== "string") throw new StoreInputError("latest.twin", "expected a string");
    return this.read("latest", async (c) => {
      const { rows } = await c.query<{ part: string; attribute: string; new_value: string; seq: string; time_ms: string }>(
        `SELECT DISTINCT ON (part, attribute) part, attribute, new_value, seq, time_ms FROM changes WHERE twin = $1 ORDER BY part, attribute, seq DESC`,
        [twin],
      );
      return rows
        .map((r) => ({ part: r.part, attribute: r.attribute, value: decodeValue(r.new_value), seq: Number(r.seq), timeMs: Number(r.time_ms) }))
        .sort((a, b) => a.seq - b.seq);
    });
  }

  async prune(policy: RetentionPolicy, nowMs: number): Promise<number> {
    checkPolicy(policy, nowMs);
    return this.read("prune", async (c) => {
      await c.query("BEGIN");
      try {
        let removed = 0;
        for (const s of pruneSql(policy.maxAgeMs, policy.maxPerAttribute, nowMs, (n) => `$${n}`)) removed += (await c.query(s.text, s.values)).rowCount ?? 0;
        await c.query("COMMIT");
        return removed;
      } catch (err) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writer.drain();
    await this.claiming?.catch(() => undefined);
    const claim = this.claimClient;
    this.claimClient = undefined;
    // ending the session releases its advisory locks
    await claim?.end().catch(() => undefined);
    const writer = this.writerClient;
    this.writerClient = undefined;
    await writer?.then((c) => c.end()).catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }
}
