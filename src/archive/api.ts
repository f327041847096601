// The library functions behind `twin archive ...`: each does what its command does, minus argv and
// printing. A package is a path: a bag directory or its .zip.
import { ArgumentError } from "../errors.js";
import { VERSION } from "../package-info.js";
import { checkSession, sessionRunSpec } from "../runner/archive.js";
import { type Attachment, createPackage, type CreateReport, sourceDateEpoch } from "./create.js";
import { Endpoint } from "./endpoint.js";
import { type Engine, ENGINES } from "./engines.js";
import { publishPackages, type PublishReport } from "./publish.js";
import { type QueryFormat, type QueryResult, QueryError, queryEndpoint, runQuery } from "./query.js";
import { rerunPackage, type RerunReport } from "./rerun.js";
import { restorePackage, type RestoreReport } from "./restore.js";
import type { RunSpec } from "./runs.js";
import { verifyPackage, type VerifyReport } from "./verify.js";

/** What goes into a package (createArchive). At least one source, run or session. */
export interface ArchiveOptions {
  /** .mo files or Modelica package directories */
  modelica?: string[];
  /** AutomationML (CAEX) files */
  aml?: string[];
  /** rotor model JSON files */
  rotor?: string[];
  /**
   * RUNSPEC files (`{ "id": "modal", "argv": ["rotor", "modal", "rig.json", "--json"] }`, file arguments
   * relative to the RUNSPEC), or specs already read; executed in order with the package's core
   */
  runs?: (string | RunSpec)[];
  /** runner session directories (twin run): each archived as the run `session-NAME` after its replay is checked bit for bit */
  sessions?: string[];
  /** data files stored byte for byte under data/attachments/ */
  attachments?: Attachment[];
  /** the package: a new directory, or a .zip file */
  output: string;
  /** write a deterministic ZIP (default: when `output` ends in .zip); must agree with the output's name */
  zip?: boolean;
  /** sign the tag manifest with this Ed25519 private key (PEM file) */
  signKey?: string;
  title?: string;
  /** the time recorded in the package, Unix seconds (default: SOURCE_DATE_EPOCH, else now) */
  epoch?: number;
  /** progress messages of the long steps */
  progress?: (message: string) => void;
}

/**
 * Makes an archival package (BagIt 1.0 + RO-Crate): the sources byte for byte and as RDF with their
 * provenance and links, the ontologies and shapes, the WebAssembly core with its build record, and the
 * recorded runs with their output hashes. With the same inputs and `epoch`, the same bytes. What
 * `twin archive create --json` prints.
 * @throws ArgumentError for nothing to archive or a zip/output mismatch; InputError (SourceError,
 *   PackageError, ...) for unreadable or malformed sources, runs or sessions; OutputError when the
 *   package cannot be written
 */
export async function createArchive(options: ArchiveOptions): Promise<CreateReport> {
  const { output } = options;
  if (typeof output !== "string" || output === "") throw new ArgumentError("output: a package path is required", { path: "output" });
  const zip = options.zip ?? /\.zip$/i.test(output);
  if (zip !== /\.zip$/i.test(output)) throw new ArgumentError(zip ? "zip: the output must end in .zip" : `${output}: a .zip output needs zip`, { path: "zip" });
  const sources = [...(options.modelica ?? []), ...(options.aml ?? []), ...(options.rotor ?? [])];
  const sessionDirs = options.sessions ?? [];
  if (sources.length === 0 && (options.runs ?? []).length === 0 && sessionDirs.length === 0) {
    throw new ArgumentError("nothing to archive: give sources (modelica, aml, rotor), runs and/or sessions");
  }
  // a session is archived only if it reruns bit for bit (checked before anything is written)
  const sessions = sessionDirs.map((d) => (checkSession(d), sessionRunSpec(d)));
  const epoch = options.epoch ?? sourceDateEpoch();
  return createPackage({
    modelica: options.modelica ?? [],
    aml: options.aml ?? [],
    rotor: options.rotor ?? [],
    runs: [...(options.runs ?? []), ...sessions],
    ...(options.attachments ? { attachments: options.attachments } : {}),
    output,
    zip,
    ...(options.signKey !== undefined ? { signKey: options.signKey } : {}),
    ...(options.title !== undefined ? { title: options.title } : {}),
    ...(epoch !== undefined ? { epoch } : {}),
    toolVersion: VERSION,
    ...(options.progress ? { progress: options.progress } : {}),
  });
}

/**
 * Checks a package: BagIt declaration and fixity, RO-Crate, the graph against the SHACL shapes, the
 * graph's records against the files, the core, each run's outputs, and the signature (required when
 * `key` is given). What `twin archive verify --json` prints; `ok` false when a check fails.
 * @throws PackageError (an InputError) when the package cannot be read (missing, corrupt zip, newer format)
 */
export function verifyArchive(path: string, options: { key?: string } = {}): Promise<VerifyReport> {
  return verifyPackage(path, options.key);
}

/** Options of rerunArchive. */
export interface RerunOptions {
  /** engines to run on (default `["node"]`; `"all"`: every engine, those not installed reported unavailable) */
  engines?: (Engine | "all")[];
  /** only these run ids (default: every run) */
  runs?: string[];
}

/**
 * Re-executes the package's recorded runs with its own core on each engine and compares the output
 * hashes bit for bit. What `twin archive rerun --json` prints; `ok` false when a run differs or fails.
 * @throws PackageRefused when fixity or the core hash fails (nothing is run); PackageError (an
 *   InputError) when the package is unreadable or holds an unsafe run record; ArgumentError for an unknown engine
 */
export function rerunArchive(path: string, options: RerunOptions = {}): Promise<RerunReport> {
  const asked = options.engines ?? [];
  for (const e of asked) if (e !== "all" && !(ENGINES as readonly string[]).includes(e)) throw new ArgumentError(`engines: unknown engine ${JSON.stringify(e)} (${ENGINES.join(", ")}, all)`, { path: "engines" });
  const engines: Engine[] = asked.includes("all") ? [...ENGINES] : asked.length > 0 ? [...new Set(asked as Engine[])] : ["node"];
  return rerunPackage(path, engines, undefined, options.runs ?? []);
}

/**
 * Regenerates every Modelica, AutomationML and rotor source from the package's graph alone and
 * compares each with the archived original; with `output`, writes them to output/<kind>/... (a new
 * directory). What `twin archive restore --json` prints; `ok` false unless every source is byte-equal.
 * @throws PackageRefused when fixity or the core hash fails; PackageError when the package is unreadable
 */
export function restoreArchive(path: string, options: { output?: string } = {}): Promise<RestoreReport> {
  return restorePackage(path, options.output ?? null);
}

/** Options of queryArchive. */
export interface ArchiveQueryOptions {
  /** `table` (default), `csv` (SPARQL 1.1 CSV) or `json` (SPARQL 1.1 Query Results JSON) */
  format?: QueryFormat;
  /** run the query in this SPARQL 1.1 store (archiveEndpoint) instead of in memory */
  endpoint?: Endpoint;
}

/**
 * SPARQL 1.1 over the graphs of packages, each the named graph of its IRI, the default graph their
 * union: in memory (Oxigraph), or with `endpoint` in a store holding published packages (no packages:
 * the store's whole dataset). `text` is what `twin archive query` prints. Each package is verified first.
 * @throws QueryError `query: ...` for a malformed query; PackageRefused when a package fails fixity
 *   or the core hash; PackageError for an unreadable package; EndpointError when the store fails
 */
export async function queryArchive(packages: string[], query: string, options: ArchiveQueryOptions = {}): Promise<QueryResult> {
  const format = options.format ?? "table";
  if (!["table", "csv", "json"].includes(format)) throw new ArgumentError(`format: table, csv or json, not ${JSON.stringify(format)}`, { path: "format" });
  if (options.endpoint === undefined && packages.length === 0) throw new ArgumentError("packages: at least one package is needed without an endpoint", { path: "packages" });
  try {
    return options.endpoint !== undefined ? await queryEndpoint(options.endpoint, packages, query, format) : runQuery(packages, query, format);
  } catch (e) {
    if (e instanceof QueryError) throw new QueryError(`query: ${e.message}`, { path: "query" });
    throw e;
  }
}

/**
 * Verifies every package (as verifyArchive, plus its identity) and, if all pass, replaces in the store
 * the named graph of each package's IRI with its graph (Graph Store HTTP Protocol PUT: idempotent),
 * checking the store holds exactly the triples sent. If any fails, nothing is published (`ok` false).
 * What `twin archive publish --json` prints.
 * @throws EndpointError when the store fails or `endpoint` has no Graph Store URL; PackageError for an unreadable package
 */
export function publishArchive(packages: string[], options: { endpoint: Endpoint; key?: string; progress?: (message: string) => void }): Promise<PublishReport> {
  return publishPackages({ packages, endpoint: options.endpoint, ...(options.key !== undefined ? { keyPath: options.key } : {}), ...(options.progress ? { progress: options.progress } : {}) });
}

/** Where a SPARQL 1.1 store answers and how to authenticate (archiveEndpoint). */
export interface ArchiveEndpointOptions {
  /** the SPARQL 1.1 query service, e.g. http://127.0.0.1:8890/sparql */
  query: string | URL;
  /** the Graph Store service for publishing (default for a URL ending in /sparql: Virtuoso's, virtuosoGraphStore) */
  graphStore?: string | URL;
  /** HTTP authentication (Digest or Basic, as the store asks) */
  user?: string;
  password?: string;
  /** seconds allowed per HTTP request (default 60) */
  timeoutSeconds?: number;
}

/** The default time allowed per HTTP request to a store, seconds. */
export const DEFAULT_ENDPOINT_TIMEOUT_SECONDS = 60;

function httpUrl(value: string | URL, name: string): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new ArgumentError(`${name}: not a URL: ${JSON.stringify(String(value))}`, { path: name });
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new ArgumentError(`${name}: an http or https URL expected, not ${JSON.stringify(String(value))}`, { path: name });
  if (u.username !== "" || u.password !== "") throw new ArgumentError(`${name}: give credentials as user and password, not in the URL`, { path: name });
  if (u.hash !== "") throw new ArgumentError(`${name}: a URL without a #fragment expected`, { path: name });
  return u;
}

/**
 * Virtuoso's Graph Store service next to its /sparql query service: /sparql-graph-crud-auth with
 * credentials, /sparql-graph-crud without; undefined when the query URL does not end in /sparql.
 */
export function virtuosoGraphStore(query: URL, authenticated: boolean): URL | undefined {
  if (!/\/sparql\/?$/.test(query.pathname)) return undefined;
  const u = new URL(query.href);
  u.pathname = query.pathname.replace(/\/$/, "") + (authenticated ? "-graph-crud-auth" : "-graph-crud");
  u.search = "";
  return u;
}

/**
 * A SPARQL 1.1 store to query (queryArchive) or publish to (publishArchive). Nothing is sent until it is used.
 * @throws ArgumentError for a URL that is not http(s), holds credentials or a fragment; a user without password
 */
export function archiveEndpoint(options: ArchiveEndpointOptions): Endpoint {
  const query = httpUrl(options.query, "query");
  if (options.user === undefined && options.password !== undefined) throw new ArgumentError("password: needs user", { path: "password" });
  if (options.user !== undefined && options.password === undefined) throw new ArgumentError(`user ${options.user}: no password`, { path: "password" });
  const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_ENDPOINT_TIMEOUT_SECONDS;
  if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) throw new ArgumentError(`timeoutSeconds: a positive number expected, not ${timeoutSeconds}`, { path: "timeoutSeconds" });
  const graphStore = options.graphStore !== undefined ? httpUrl(options.graphStore, "graphStore") : virtuosoGraphStore(query, options.user !== undefined);
  return new Endpoint({
    query,
    ...(graphStore ? { graphStore } : {}),
    ...(options.user !== undefined ? { credentials: { user: options.user, password: options.password! } } : {}),
    timeoutMs: Math.round(timeoutSeconds * 1000),
  });
}
