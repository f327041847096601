// Opening the history store named by a URL: `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite:PATH`,
// `:memory:` or a plain file path is SQLite. The schema is migrated before the store is returned.
import type { HistoryStore } from "../types.js";
import { PostgresStore } from "./postgres.js";
import { SqliteStore } from "./sqlite.js";
import { StoreInputError } from "./errors.js";

export { StoreClaimError, StoreInputError, StoreSchemaError } from "./errors.js";
export { PostgresStore, type PostgresStoreOptions } from "./postgres.js";
export { SqliteStore, type SqliteStoreOptions } from "./sqlite.js";
export { LATEST_VERSION, MIGRATIONS, type Migration } from "./migrations.js";
export { HISTORY_LIMIT_CAP } from "./values.js";

export async function openStore(url: string, opts: { log?: (msg: string) => void } = {}): Promise<HistoryStore> {
  if (typeof url !== "string" || url === "") throw new StoreInputError("store url", "expected a file path, sqlite:PATH, :memory: or postgres://…");
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const store = new PostgresStore(url, opts);
    try {
      await store.migrate();
    } catch (err) {
      await store.close();
      throw err;
    }
    return store;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new StoreInputError("store url", `unknown scheme in ${url} (expected postgres://, postgresql://, sqlite:PATH or a file path)`);
  const path = url.startsWith("sqlite:") ? url.slice("sqlite:".length) : url;
  if (path === "") throw new StoreInputError("store url", "sqlite: names no file");
  // the constructor migrates: better-sqlite3 is synchronous
  return new SqliteStore(path, opts);
}
