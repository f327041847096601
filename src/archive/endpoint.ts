// A SPARQL 1.1 store over HTTP: queries by the SPARQL 1.1 Protocol (W3C Recommendation 2013, §2.1
// "query operation": the query URL-encoded in a POST body, §2.1.2; the dataset by default-graph-uri and
// named-graph-uri, §2.1.4) and graphs replaced by the SPARQL 1.1 Graph Store HTTP Protocol (W3C
// Recommendation 2013, §5.3 "HTTP PUT", indirect graph identification ?graph=IRI, §4.2). Node's
// built-in fetch; HTTP Digest or Basic authentication when the store asks (http-auth.ts).
//
// The query travels as a URL-encoded POST rather than a POST of application/sparql-query because
// Virtuoso 7.2 (Debian bookworm) never answers the latter; every SPARQL 1.1 Protocol service must
// accept both.
import { InputError, type InputLocation, TwinError } from "../errors.js";
import { AuthError, type Credentials, HttpAuth } from "./http-auth.js";

/** The store could not be reached, refused the request or answered something unusable. */
export class EndpointError extends TwinError {
  constructor(message: string) {
    super(message);
  }
}

/** The store rejected the query itself (HTTP 400: SPARQL 1.1 Protocol §2.1.5, malformed query): bad input. */
export class EndpointQueryError extends InputError {
  constructor(message: string, location: InputLocation = {}) {
    super(message, location);
  }
}

export interface EndpointOptions {
  /** the SPARQL query service, e.g. http://127.0.0.1:8890/sparql */
  query: URL;
  /** the Graph Store service, e.g. http://127.0.0.1:8890/sparql-graph-crud-auth */
  graphStore?: URL;
  credentials?: Credentials;
  /** per request, milliseconds */
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  headers: Headers;
  body: string;
}

const EXCERPT = 300;

/** The start of a response body for an error message: markup removed, whitespace folded. */
export function excerpt(body: string): string {
  const text = body
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

function networkError(url: URL, e: unknown, timeoutMs: number): EndpointError {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") return new EndpointError(`${url.origin}${url.pathname}: no answer within ${timeoutMs / 1000} s (--timeout)`);
  const code = err.cause?.code;
  const why =
    code === "ECONNREFUSED" ? "connection refused (is the store running, and on this port?)"
    : code === "ENOTFOUND" || code === "EAI_AGAIN" ? `unknown host ${url.hostname}`
    : code === "ECONNRESET" ? "the connection was reset"
    : code !== undefined ? `${code}${err.cause?.message ? `: ${err.cause.message}` : ""}`
    : err.cause?.message ?? err.message;
  return new EndpointError(`${url.origin}${url.pathname}: cannot reach the store: ${why}`);
}

/** One store, with its authentication state shared by all requests. */
export class Endpoint {
  private readonly auth: HttpAuth | undefined;

  constructor(readonly options: EndpointOptions) {
    this.auth = options.credentials ? new HttpAuth(options.credentials) : undefined;
  }

  /** An HTTP request; answers the store's authentication challenge once (twice for a stale nonce). */
  async request(method: string, url: URL, headers: Record<string, string>, body?: Uint8Array): Promise<HttpAnswer> {
    for (let attempt = 0; ; attempt++) {
      const h: Record<string, string> = { ...headers };
      let authorization: string | undefined;
      try {
        authorization = this.auth?.header(method, url, body);
      } catch (e) {
        if (e instanceof AuthError) throw new EndpointError(`${url.origin}${url.pathname}: ${e.message}`);
        throw e;
      }
      if (authorization) h.authorization = authorization;
      let res: Response;
      try {
        res = await fetch(url, { method, headers: h, ...(body ? { body: body as Uint8Array<ArrayBuffer> } : {}), redirect: "manual", signal: AbortSignal.timeout(this.options.timeoutMs) });
      } catch (e) {
        throw networkError(url, e, this.options.timeoutMs);
      }
      let text: string;
      try {
        text = await res.text();
      } catch (e) {
        throw networkError(url, e, this.options.timeoutMs);
      }
      const where = `${url.origin}${url.pathname}`;
      if (res.status >= 300 && res.status < 400) {
        throw new EndpointError(`${where}: HTTP ${res.status} redirects to ${res.headers.get("location") ?? "(no Location)"}; give that URL instead`);
      }
      if (res.status === 401) {
        if (!this.auth) throw new EndpointError(`${where}: HTTP 401: the store asks for credentials (--user, and --password or TWIN_ENDPOINT_PASSWORD)`);
        let again: boolean;
        try {
          again = this.auth.accept(res.headers.get("www-authenticate"), url, authorization) && attempt < 2;
        } catch (e) {
          if (e instanceof AuthError) throw new EndpointError(`${where}: ${e.message}`);
          throw e;
        }
        if (again) continue;
        throw new EndpointError(`${where}: HTTP 401: the store refused the credentials of user ${JSON.stringify(this.auth.credentials.user)} (wrong user or password)`);
      }
      return { status: res.status, contentType: (res.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase(), headers: res.headers, body: text };
    }
  }

  /** A failed answer as an error naming the service, the status and the start of the body. */
  static failure(url: URL, a: HttpAnswer, what: string): EndpointError {
    const hint =
      a.status === 403 ? " (the user may write nothing: Virtuoso's Graph Store needs SPARQL_UPDATE granted to the user, or its -auth endpoint with --user)"
      : a.status === 404 ? " (no such service at this URL)"
      : "";
    const body = excerpt(a.body);
    return new EndpointError(`${url.origin}${url.pathname}: ${what}: HTTP ${a.status}${hint}${body ? `: ${body}` : ""}`);
  }

  /**
   * A query by the SPARQL 1.1 Protocol (URL-encoded POST, §2.1.2). `graphs`, when given, is the
   * dataset: the default graph their merge and these the named graphs (§2.1.4).
   */
  async query(query: string, accept: string, graphs?: string[]): Promise<HttpAnswer> {
    const url = this.options.query;
    const form = new URLSearchParams({ query });
    for (const g of graphs ?? []) form.append("default-graph-uri", g);
    for (const g of graphs ?? []) form.append("named-graph-uri", g);
    const a = await this.request("POST", url, { "content-type": "application/x-www-form-urlencoded", accept }, Buffer.from(form.toString(), "utf8"));
    if (a.status === 400) throw new EndpointQueryError(excerpt(a.body) || "the store rejected the query (HTTP 400)");
    if (a.status !== 200) throw Endpoint.failure(url, a, "query failed");
    // Virtuoso's "anytime" queries: a server time limit cut the result short (partial results)
    const state = a.headers.get("x-sql-state");
    if (state) throw new EndpointError(`${url.origin}${url.pathname}: the store returned incomplete results (X-SQL-State ${state}: ${a.headers.get("x-sql-message") ?? "a server limit was reached"})`);
    // Virtuoso's cap on result rows ([SPARQL] ResultSetMaxRows; 10,000 in Debian's ini): the header
    // comes with every answer that reached the cap, which then may lack rows. Never cut silently.
    const cap = a.headers.get("x-sparql-maxrows");
    if (cap) throw new EndpointError(`${url.origin}${url.pathname}: the store stopped at its limit of ${cap} result rows, so rows may be missing (Virtuoso: [SPARQL] ResultSetMaxRows in virtuoso.ini); narrow the query, or page it with ORDER BY, LIMIT and OFFSET below that limit`);
    return a;
  }

  /** Replaces graph `graph` with `ntriples` (Graph Store Protocol §5.3: PUT creates or replaces). */
  async putGraph(graph: string, ntriples: Uint8Array): Promise<number> {
    const store = this.options.graphStore;
    if (!store) throw new EndpointError("no Graph Store URL");
    const url = new URL(store);
    url.searchParams.set("graph", graph);
    const a = await this.request("PUT", url, { "content-type": "application/n-triples" }, ntriples);
    if (a.status !== 200 && a.status !== 201 && a.status !== 204) throw Endpoint.failure(store, a, `PUT of graph <${graph}> failed`);
    return a.status;
  }
}
