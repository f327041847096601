// twin archive query: SPARQL 1.1 over the graphs of packages, behind one entry point with two engines
// (DESIGN.md: an embedded default, the established engine when one machine is not enough):
//   - in memory (runQuery): Oxigraph, a conformant SPARQL 1.1 engine. Each package's graph is loaded
//     into a named graph, the package's IRI (identity.ts), and the default graph is their union: plain
//     patterns see everything, GRAPH ?pkg { … } tells packages apart;
//   - a SPARQL 1.1 store (queryEndpoint) holding published packages (publish.ts), each in the named
//     graph of its IRI, queried by the SPARQL 1.1 Protocol. Given packages, the query's dataset is
//     theirs (default graph = the merge of their graphs, named graphs = theirs), as in memory; given
//     none, it is the store's own (Virtuoso: every graph it holds is both).
// Both give their results in the same forms and formats (sparql-results.ts).
import * as oxigraph from "oxigraph";
import { PackageError } from "./bagit.js";
import { GRAPH_FILE } from "./create.js";
import { Endpoint, EndpointError, EndpointQueryError, excerpt } from "./endpoint.js";
import { declaredIdentity, graphNameInMemory } from "./identity.js";
import { openVerified } from "./open.js";
import { formatSolutions, type QueryFormat, QueryError, readNTriples, readResultsJson, type Solutions } from "./sparql-results.js";

export { type QueryFormat, QueryError } from "./sparql-results.js";

/** The answer of queryArchive: the text `twin archive query` prints, and its size. */
export interface QueryResult {
  /** the serialised result in the chosen format */
  text: string;
  rows: number;
  /** packages whose graphs formed the dataset (0: the store's whole dataset) */
  packages: number;
  /** triples loaded (in memory only) */
  triples?: number;
}

/** Loads the packages' graphs; the graph name of each is its IRI (bag-info.txt External-Identifier). */
export function loadPackages(paths: string[]): { store: oxigraph.Store; triples: number } {
  const store = new oxigraph.Store();
  for (const p of paths) {
    const bag = openVerified(p).files; // verify first: declaration, fixity, core hash
    const name = graphNameInMemory(bag, p);
    const g = bag.get(`data/${GRAPH_FILE}`);
    if (!g) throw new PackageError(`${p}: data/${GRAPH_FILE} is missing`);
    try {
      store.load(new TextDecoder().decode(g), { format: "text/turtle", to_graph_name: oxigraph.namedNode(name) });
    } catch (e) {
      throw new PackageError(`${p}/data/${GRAPH_FILE}: ${(e as Error).message}`);
    }
  }
  return { store, triples: store.size };
}

/** Runs a query on an Oxigraph store whose default graph is the union of its named graphs. */
export function queryStore(store: oxigraph.Store, query: string): Solutions {
  const opts = { use_default_graph_as_union: true };
  try {
    const r = store.query(query, { ...opts, results_format: "application/sparql-results+json" });
    return readResultsJson(typeof r === "string" ? r : "", "oxigraph");
  } catch (e) {
    if (e instanceof QueryError) throw e;
    const msg = (e as Error).message;
    // CONSTRUCT / DESCRIBE give a graph, not solutions
    if (/RDF format/i.test(msg)) return readNTriples(store.query(query, { ...opts, results_format: "application/n-triples" }) as string, "oxigraph");
    throw new QueryError(msg);
  }
}

/** A query over packages in memory (Oxigraph). */
export function runQuery(paths: string[], query: string, format: QueryFormat): QueryResult {
  const { store, triples } = loadPackages(paths);
  const { text, rows } = formatSolutions(queryStore(store, query), format);
  return { text, rows, packages: paths.length, triples };
}

export type QueryForm = "select" | "ask" | "construct" | "describe";

/**
 * The form of a query (SPARQL 1.1 Query §19.8, rules [1]–[6]: Query ::= Prologue ( SelectQuery |
 * ConstructQuery | DescribeQuery | AskQuery ) ValuesClause; Prologue ::= ( BASE IRIREF | PREFIX
 * PNAME_NS IRIREF )*), read past comments (§19.6) and the prologue. Undefined for anything else (an
 * update, or text that is no query).
 */
export function queryForm(text: string): QueryForm | undefined {
  let i = 0;
  const skip = (): void => {
    for (;;) {
      while (i < text.length && /\s/.test(text[i]!)) i++;
      if (text[i] !== "#") return;
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    }
  };
  const iriRef = (): boolean => {
    skip();
    const m = /^<[^<>"{}|^`\\\u0000-\u0020]*>/.exec(text.slice(i));
    if (!m) return false;
    i += m[0].length;
    return true;
  };
  for (;;) {
    skip();
    const word = /^[A-Za-z]+/.exec(text.slice(i))?.[0];
    if (word === undefined) return undefined;
    i += word.length;
    const kw = word.toUpperCase();
    if (kw === "BASE") {
      if (!iriRef()) return undefined;
    } else if (kw === "PREFIX") {
      skip();
      const pn = /^[^\s:<]*:/.exec(text.slice(i));
      if (!pn) return undefined;
      i += pn[0].length;
      if (!iriRef()) return undefined;
    } else if (kw === "SELECT" || kw === "ASK" || kw === "CONSTRUCT" || kw === "DESCRIBE") {
      return kw.toLowerCase() as QueryForm;
    } else return undefined;
  }
}

const RESULTS_JSON = ["application/sparql-results+json", "application/json"];
const NTRIPLES = ["application/n-triples", "text/plain"];

/**
 * A query on a SPARQL 1.1 store. Read-only: only the four query forms are sent (an update is refused
 * here, before it reaches a store that might run it). `graphs` (package IRIs) restricts the dataset.
 */
export async function queryEndpointSolutions(endpoint: Endpoint, query: string, graphs?: string[]): Promise<Solutions> {
  const form = queryForm(query);
  if (form === undefined) throw new QueryError("not a SPARQL query: SELECT, ASK, CONSTRUCT or DESCRIBE expected after the BASE and PREFIX declarations (updates are not run)");
  const graph = form === "construct" || form === "describe";
  const where = `${endpoint.options.query.origin}${endpoint.options.query.pathname}`;
  let a;
  try {
    a = await endpoint.query(query, graph ? "application/n-triples" : "application/sparql-results+json", graphs);
  } catch (e) {
    if (e instanceof EndpointQueryError) throw new QueryError(e.message);
    throw e;
  }
  // an answer the client cannot read is the store's failure (exit 1), not a bad query
  const expected = graph ? NTRIPLES : RESULTS_JSON;
  if (!expected.includes(a.contentType)) throw new EndpointError(`${where}: answered with ${a.contentType || "no Content-Type"}, not ${expected[0]}${a.body ? `: ${excerpt(a.body)}` : ""}`);
  try {
    return graph ? readNTriples(a.body, where) : readResultsJson(a.body, where, form === "ask");
  } catch (e) {
    if (e instanceof QueryError) throw new EndpointError(e.message);
    throw e;
  }
}

/** A query on a SPARQL 1.1 store; the dataset of the given packages, or the store's own. */
export async function queryEndpoint(endpoint: Endpoint, packages: string[], query: string, format: QueryFormat): Promise<QueryResult> {
  const graphs: string[] = [];
  for (const p of packages) {
    const iri = declaredIdentity(openVerified(p).files, p); // verify first
    if (iri === undefined) throw new PackageError(`${p}: bag-info.txt declares no External-Identifier, so no graph of a store is this package's`);
    graphs.push(iri);
  }
  const { text, rows } = formatSolutions(await queryEndpointSolutions(endpoint, query, packages.length > 0 ? graphs : undefined), format);
  return { text, rows, packages: packages.length };
}
