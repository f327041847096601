// One SPARQL call for the commands that print a query's answer: ASK gives a boolean, SELECT a table
// in the query's variable order. A query the engine rejects is bad input named `query: ...`.
import type { Quad } from "./graph.js";
import { SparqlError, SparqlStore } from "./sparql.js";

/** A SELECT answer: the variables in the query's order and one record per solution (value strings: IRI or lexical form). */
export interface SelectTable {
  vars: string[];
  rows: Record<string, string>[];
}

/** The answer of runSparql: a boolean for ASK, a table for SELECT. */
export type SparqlResult = boolean | SelectTable;

/** True when the query is an ASK query (after any PREFIX declarations). */
export function isAskQuery(query: string): boolean {
  return /^\s*(prefix\s+\S+\s*<[^>]*>\s*)*ask\b/i.test(query);
}

/**
 * Runs a SPARQL 1.1 SELECT or ASK query over a store or quads (Oxigraph).
 * @throws SparqlError `query: <the engine's message>` (path `query`) for a query it rejects
 */
export function runSparql(data: SparqlStore | Iterable<Quad>, query: string): SparqlResult {
  const store = data instanceof SparqlStore ? data : SparqlStore.fromQuads(data);
  try {
    return isAskQuery(query) ? store.ask(query) : store.selectTable(query);
  } catch (e) {
    if (e instanceof SparqlError) throw new SparqlError(`query: ${e.message}`, { path: "query" });
    throw e;
  }
}
