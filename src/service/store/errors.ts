// The store's own errors. StoreUnavailableError (types.ts) is the one the service turns into 503; these
// name a refusal the caller can act on: a twin another process owns, a schema from a newer twin, input
// the store will not keep.
import { InputError } from "../../errors.js";

/** Another process (or another store in this one) holds the twin: it must not be served twice. */
export class StoreClaimError extends InputError {
  constructor(
    readonly twin: string,
    detail: string,
  ) {
    super(`twin "${twin}" is claimed by another store: ${detail}`);
  }
}

/** The database's schema is newer than this code, or a migration failed. */
export class StoreSchemaError extends InputError {}

/** A change, query or retention policy the store refuses; `where` names the field. */
export class StoreInputError extends Error {
  constructor(
    readonly where: string,
    problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = "StoreInputError";
  }
}
