// The options `twin archive publish` and `twin archive query --endpoint` share: the store's URLs, the
// credentials for HTTP authentication and the time allowed per request.
import { archiveEndpoint, DEFAULT_ENDPOINT_TIMEOUT_SECONDS, type Endpoint, virtuosoGraphStore } from "../archive/index.js";
import { UsageError, str, type Options, type Parsed } from "./args.js";
import { parseNumber } from "../index.js";

/** Environment variable holding the password (not visible in the process list, unlike --password). */
export const PASSWORD_ENV = "TWIN_ENDPOINT_PASSWORD";
export const DEFAULT_TIMEOUT_SECONDS = DEFAULT_ENDPOINT_TIMEOUT_SECONDS;

export const ENDPOINT_OPTIONS: Options = {
  endpoint: { type: "string" },
  user: { type: "string" },
  password: { type: "string" },
  timeout: { type: "string" },
};

export const ENDPOINT_USAGE = `  --endpoint URL    the store's SPARQL 1.1 query service (e.g. http://127.0.0.1:8890/sparql)
  --user NAME       user name for HTTP authentication (Digest or Basic, as the store asks)
  --password PW     its password; better: the environment variable ${PASSWORD_ENV}
  --timeout S       seconds allowed per HTTP request (default ${DEFAULT_TIMEOUT_SECONDS})`;

function httpUrl(text: string, option: string): URL {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`${option}: not a URL: ${JSON.stringify(text)}`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new UsageError(`${option}: an http or https URL expected, not ${JSON.stringify(text)}`);
  if (u.username !== "" || u.password !== "") throw new UsageError(`${option}: give credentials with --user and ${PASSWORD_ENV}, not in the URL`);
  if (u.hash !== "") throw new UsageError(`${option}: a URL without a #fragment expected`);
  return u;
}

/**
 * The Graph Store service when --graph-store is not given: Virtuoso's, next to its /sparql service
 * (/sparql-graph-crud-auth with credentials, /sparql-graph-crud without).
 */
export function defaultGraphStore(query: URL, authenticated: boolean): URL {
  const u = virtuosoGraphStore(query, authenticated);
  if (u === undefined) {
    throw new UsageError(`--graph-store URL is needed: ${query.href} does not end in /sparql, so Virtuoso's Graph Store service cannot be inferred (Fuseki: /DATASET/data, Oxigraph server: /store)`);
  }
  return u;
}

/** The store the options name; `graphStore` when publishing. */
export function endpointFrom(values: Parsed["values"], graphStore: boolean): Endpoint {
  const q = str(values.endpoint);
  if (q === undefined) throw new UsageError("--endpoint URL is required");
  const query = httpUrl(q, "--endpoint");
  const user = str(values.user);
  const password = str(values.password) ?? process.env[PASSWORD_ENV];
  if (user === undefined && str(values.password) !== undefined) throw new UsageError("--password needs --user");
  if (user !== undefined && password === undefined) throw new UsageError(`--user ${user}: no password (--password, or the environment variable ${PASSWORD_ENV})`);
  const timeoutSeconds = str(values.timeout) === undefined ? DEFAULT_TIMEOUT_SECONDS : parseNumber(str(values.timeout)!, "--timeout", "positive");
  const gs = str(values["graph-store"]);
  return archiveEndpoint({
    query,
    ...(graphStore ? { graphStore: gs !== undefined ? httpUrl(gs, "--graph-store") : defaultGraphStore(query, user !== undefined) } : {}),
    ...(user !== undefined ? { user, password: password! } : {}),
    timeoutSeconds,
  });
}
