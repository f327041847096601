// `twin serve`, `twin serve token` and `twin serve hash-key` as a library. serveTwin is startService
// with the faults of the environment a service starts with (a store that cannot be opened, a port in
// use) as InputError, the class the CLI reports with exit 2, as the files' faults already are.
import { join, resolve } from "node:path";
import { InputError, ArgumentError } from "../errors.js";
import { hashKey, TokenService } from "./policy/index.js";
import { startService, type Service, type ServeOptions } from "./serve.js";
import { StoreUnavailableError } from "./types.js";

/** Where `twin serve` keeps its data (history, token secret) when no directory is given. */
export const DEFAULT_DATA_DIR = "twin-serve-data";

/**
 * Deploys the digital twins of an AutomationML file and serves them (`twin serve`): the REST API
 * under /api/<Device>, history, events, methods, access control; the OpenAPI document at
 * /api/openapi.json. Listens on 127.0.0.1:8080 unless `host`/`port` say otherwise (port 0: any free
 * port, `url` says which). `close()` shuts down gracefully.
 * @throws TwinDeployError for a twin the file describes wrongly (file:line); PolicyError, SecretFileError,
 * StoreClaimError, StoreSchemaError, RunnerConfigError for their files; ModelError for a rotor model;
 * InputError for a history store that cannot be opened or a port that cannot be listened on
 */
export async function serveTwin(options: ServeOptions): Promise<Service> {
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535)) throw new ArgumentError(`port: must be in 0..65535: ${options.port}`, { path: "port" });
  try {
    return await startService(options);
  } catch (e) {
    if (e instanceof StoreUnavailableError) throw new InputError(`the history store cannot be opened: ${e.message}`, {}, { cause: e });
    const code = (e as { code?: string }).code;
    if (code === "EADDRINUSE" || code === "EACCES") throw new InputError(`cannot listen: ${(e as Error).message}`, {}, { cause: e });
    throw e;
  }
}

/** What createServiceToken needs. */
export interface ServiceTokenOptions {
  /** the token's subject, `<type>:<name>`, e.g. user:alice */
  subject: string;
  /** roles (each `role:R` in the policy), e.g. ["operator"] */
  roles?: string[];
  /** lifetime, s (default 3600) */
  ttlSeconds?: number;
  /** the service's data directory (default twin-serve-data); its secret is DATA/token.secret */
  dataDir?: string;
  /** the service's secret file (instead of DATA/token.secret); created when missing */
  secretFile?: string;
}

/**
 * A bearer token (JWT, HS256) signed with a service's secret (`twin serve token`); the policy decides
 * what the subject and its roles may do.
 * @throws SecretFileError for a secret file that cannot be used (too short, readable by others)
 */
export async function createServiceToken(options: ServiceTokenOptions): Promise<string> {
  const file = options.secretFile ?? join(resolve(options.dataDir ?? DEFAULT_DATA_DIR), "token.secret");
  const tokens = await TokenService.create({ secret: await TokenService.loadOrCreateSecret(file) });
  const { token } = await tokens.issue(options.subject, options.roles ?? [], options.ttlSeconds ?? 3600);
  return token;
}

/**
 * The scrypt hash of a key for a policy file's `subjects.<id>.keys` (`twin serve hash-key`); the key
 * itself is never stored. A client exchanges the key for a token at POST /api/_auth/token.
 * @throws KeyError (an ArgumentError) for a key too short to be hashed
 */
export function hashServiceKey(key: string): string {
  return hashKey(key);
}
