// The domain of the twin service (`twin serve`): what a deployed twin holds, what changes it, who may
// see and do what. The modules that implement these interfaces each hold one concern:
//   device.ts (the live device model from the CAEX instance hierarchy), store/ (history in SQLite or
//   PostgreSQL), policy/ (Ditto-style access control and bearer tokens), query/ (RQL filter, guarded
//   XPath), events/ (bus, SSE, WebSocket, MQTT, rules), methods/ (callable operations), server.ts
//   (the fastify routes and the OpenAPI document), aggregate.ts (forwarding to child twins).

/** A JSON value as stored and returned (attribute values are typed by their CAEX AttributeDataType). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** An attribute value after type checking: xs:double/float/decimal/int… → number, xs:boolean → boolean, else string. */
export type AttrValue = number | boolean | string;

/** Who changed something, as recorded. */
export type ChangeSource = "api" | "runner" | "method" | "rule" | "system";

/** One change to be stored: an attribute of a part of a twin got a new value. */
export interface NewChange {
  /** the twin's device name (`/api/<Device>`) */
  twin: string;
  /** part path relative to the device root: names joined by "/", "" for the root itself */
  part: string;
  /** attribute name; nested CAEX attributes as "Outer/Inner" */
  attribute: string;
  oldValue: AttrValue | null;
  newValue: AttrValue;
  /** the authenticated subject ("runner", "system" for the service itself) */
  subject: string;
  source: ChangeSource;
  /** wall-clock time of the change, ms since the epoch (the store keeps it as given) */
  timeMs: number;
}

/** A stored change: a NewChange plus the store's sequence number (strictly increasing per store). */
export interface ChangeRecord extends NewChange {
  seq: number;
}

/** A history query. Results are ordered by seq; the keyset cursor is a seq. */
export interface HistoryQuery {
  twin: string;
  /** only this part ("" = the root only) … */
  part?: string;
  /** … or, with subtree, the part and everything below it */
  subtree?: boolean;
  attribute?: string;
  /** time range, ms since the epoch: fromMs <= timeMs < toMs */
  fromMs?: number;
  toMs?: number;
  /** keyset cursor: only records with seq < before (order "desc") or seq > after (order "asc") */
  before?: number;
  after?: number;
  order: "asc" | "desc";
  /** at most this many records (the store caps it at 10,000) */
  limit: number;
}

/** How long history is kept. Both limits may be given; a record goes when either says so. */
export interface RetentionPolicy {
  /** drop records older than this, ms (undefined: no age limit) */
  maxAgeMs?: number;
  /** keep at most this many records per (twin, part, attribute) (undefined: no count limit) */
  maxPerAttribute?: number;
}

/** The latest stored value of every attribute of a twin: restores the live model after a restart. */
export interface LatestValue {
  part: string;
  attribute: string;
  value: AttrValue;
  seq: number;
  timeMs: number;
}

/**
 * The history store. Both engines (SQLite embedded, PostgreSQL) implement it with the same schema and
 * the same answers. `append` resolves only when the records are durable (committed and synced): an
 * acknowledged write survives `kill -9`. Concurrent appends are grouped into one transaction (group
 * commit); one append is atomic (all its records or none).
 */
export interface HistoryStore {
  readonly engine: "sqlite" | "postgres";
  /** create or upgrade the schema (numbered migrations, recorded in a schema_migrations table) */
  migrate(): Promise<void>;
  /**
   * Claim a twin for this process: a second process claiming the same twin on the same database is
   * refused (PostgreSQL: a session advisory lock; SQLite: an exclusive lock row with the owner's pid,
   * taken over when that pid is gone). Released by close().
   */
  claim(twin: string): Promise<void>;
  append(changes: NewChange[]): Promise<ChangeRecord[]>;
  history(q: HistoryQuery): Promise<ChangeRecord[]>;
  latest(twin: string): Promise<LatestValue[]>;
  /** apply retention; returns the number of records removed */
  prune(policy: RetentionPolicy, nowMs: number): Promise<number>;
  close(): Promise<void>;
}

/** The store is not reachable (database gone, disk full): the service answers 503 and keeps serving. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreUnavailableError";
  }
}

/** Permissions on a resource, as in Eclipse Ditto's policies. */
export type Permission = "READ" | "WRITE" | "EXECUTE";

/**
 * A resource path. Kinds:
 *   "twin:/<Device>/<part path>/@<Attribute>"  data (a part, or one attribute of it)
 *   "history:/<Device>/<part path>"            the part's history
 *   "method:/<Device>/<method name>"           a callable operation
 *   "event:/<Device>/<part path>"              events about the part
 *   "alarm:/<Device>/<alarm id>"               an alarm (acknowledge, shelve need WRITE)
 *   "policy:/"                                 the policy itself
 * "twin:/" covers every twin, "twin:/TestRig" the whole TestRig device.
 */
export type ResourcePath = string;

/** The authenticated caller. */
export interface Subject {
  /** e.g. "user:alice" or "role:operator" are what policy entries name; `id` is the token's `sub` */
  id: string;
  /** every subject id the policy may name for this caller: the id itself and "role:<r>" for each role */
  ids: string[];
}
