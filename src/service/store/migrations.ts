// The schema, as numbered migrations applied in order. Each engine runs its own statements for the same
// tables and columns; a migration's version and name are recorded in schema_migrations when it is
// applied, in the same transaction, so a migration is applied whole or not at all. Never edit a released
// migration: add the next number.
import { StoreSchemaError } from "./errors.js";

export interface Migration {
  version: number;
  name: string;
  sqlite: readonly string[];
  postgres: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "changes",
    // SQLite: AUTOINCREMENT so a seq is never reused after the newest rows are pruned (a reused seq
    // would break keyset cursors); PostgreSQL's bigserial never reuses.
    sqlite: [
      `CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        twin TEXT NOT NULL, part TEXT NOT NULL, attribute TEXT NOT NULL,
        old_value TEXT, new_value TEXT NOT NULL,
        subject TEXT NOT NULL, source TEXT NOT NULL, time_ms INTEGER NOT NULL)`,
      `CREATE INDEX changes_attribute ON changes (twin, part, attribute, seq)`,
      `CREATE INDEX changes_time ON changes (twin, time_ms)`,
    ],
    postgres: [
      `CREATE TABLE changes (
        seq bigserial PRIMARY KEY,
        twin text NOT NULL, part text NOT NULL, attribute text NOT NULL,
        old_value text, new_value text NOT NULL,
        subject text NOT NULL, source text NOT NULL, time_ms bigint NOT NULL)`,
      `CREATE INDEX changes_attribute ON changes (twin, part, attribute, seq)`,
      `CREATE INDEX changes_time ON changes (twin, time_ms)`,
    ],
  },
  {
    version: 2,
    name: "claims",
    // PostgreSQL claims a twin with a session advisory lock, which ends with the session: no table.
    sqlite: [`CREATE TABLE claims (twin TEXT PRIMARY KEY, owner TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL, since_ms INTEGER NOT NULL)`],
    postgres: [],
  },
  {
    version: 3,
    name: "history indexes",
    // ?History=N of a part (any attribute) and the whole twin's newest records: without these the
    // newest N of a part were found by sorting all its records
    sqlite: [`CREATE INDEX changes_part ON changes (twin, part, seq)`, `CREATE INDEX changes_twin ON changes (twin, seq)`],
    postgres: [`CREATE INDEX changes_part ON changes (twin, part, seq)`, `CREATE INDEX changes_twin ON changes (twin, seq)`],
  },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export const CREATE_SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`;

/** The migrations a database at `current` still needs; refuses a database newer than this code. */
export function pending(engine: string, current: number): Migration[] {
  if (current > LATEST_VERSION) {
    throw new StoreSchemaError(`${engine}: the database's schema is version ${current}, newer than this twin knows (${LATEST_VERSION}); upgrade twin before using this database`);
  }
  return MIGRATIONS.filter((m) => m.version > current);
}
