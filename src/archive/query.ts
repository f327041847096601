// twin archive query: SPARQL 1.1 over the graphs of one or many packages with Oxigraph (a conformant
// SPARQL 1.1 engine). Each package's graph is loaded into a named graph, the package's IRI, and the
// default graph is their union: plain patterns see everything, GRAPH ?pkg { … } tells packages apart.
// Results: an aligned table (IRIs shortened by the project's prefixes), SPARQL 1.1 Query Results CSV
// (W3C Recommendation 2013) or SPARQL 1.1 Query Results JSON.
import * as oxigraph from "oxigraph";
import { PREFIXES } from "../rdf/namespaces.js";
import { PackageError } from "./bagit.js";
import { GRAPH_FILE } from "./create.js";
import { openVerified } from "./open.js";

export type QueryFormat = "table" | "csv" | "json";

export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QueryError";
  }
}

interface JsonTerm {
  type: "uri" | "literal" | "bnode" | "triple";
  value: string;
  datatype?: string;
  "xml:lang"?: string;
}

export interface QueryResult {
  /** the serialised result in the chosen format */
  text: string;
  rows: number;
  packages: number;
  triples: number;
}

/** Loads the packages' graphs; the graph name of each is its External-Identifier (bag-info.txt). */
export function loadPackages(paths: string[]): { store: oxigraph.Store; triples: number } {
  const store = new oxigraph.Store();
  for (const p of paths) {
    const { files: bag, info } = openVerified(p); // verify first: declaration, fixity, core hash
    const g = bag.get(`data/${GRAPH_FILE}`);
    if (!g) throw new PackageError(`${p}: data/${GRAPH_FILE} is missing`);
    const name = info.get("External-Identifier") ?? `urn:twin:package:${encodeURIComponent(p)}`;
    try {
      store.load(new TextDecoder().decode(g), { format: "text/turtle", to_graph_name: oxigraph.namedNode(name) });
    } catch (e) {
      throw new PackageError(`${p}/data/${GRAPH_FILE}: ${(e as Error).message}`);
    }
  }
  return { store, triples: store.size };
}

function shorten(iri: string): string {
  let best = "";
  let bestNs = "";
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns) && ns.length > bestNs.length && /^[A-Za-z_][\w.-]*$/.test(iri.slice(ns.length))) {
      best = prefix;
      bestNs = ns;
    }
  }
  return bestNs ? `${best}:${iri.slice(bestNs.length)}` : `<${iri}>`;
}

function cell(t: JsonTerm | undefined): string {
  if (!t) return "";
  if (t.type === "uri") return shorten(t.value);
  if (t.type === "bnode") return `_:${t.value}`;
  return t.value.replace(/\s+/g, " ");
}

function table(vars: string[], rows: Record<string, JsonTerm>[]): string {
  const cells = rows.map((r) => vars.map((v) => cell(r[v])));
  const widths = vars.map((v, i) => Math.min(80, Math.max(v.length + 1, ...cells.map((c) => c[i]!.length))));
  const fit = (s: string, w: number): string => (s.length > w ? s.slice(0, w - 1) + "…" : s.padEnd(w));
  const lines = [vars.map((v, i) => fit(`?${v}`, widths[i]!)).join("  ").trimEnd(), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const c of cells) lines.push(c.map((x, i) => fit(x, widths[i]!)).join("  ").trimEnd());
  lines.push(`(${rows.length} row${rows.length === 1 ? "" : "s"})`);
  return lines.join("\n") + "\n";
}

export function runQuery(paths: string[], query: string, format: QueryFormat): QueryResult {
  const { store, triples } = loadPackages(paths);
  const opts = { use_default_graph_as_union: true };
  let json: string;
  try {
    const r = store.query(query, { ...opts, results_format: "application/sparql-results+json" });
    json = typeof r === "string" ? r : "";
  } catch (e) {
    const msg = (e as Error).message;
    // CONSTRUCT / DESCRIBE give a graph, not solutions: written as N-Triples
    if (/RDF format/i.test(msg)) {
      const nt = store.query(query, { ...opts, results_format: "application/n-triples" }) as string;
      return { text: nt, rows: nt.split("\n").filter((l) => l.trim() !== "").length, packages: paths.length, triples };
    }
    throw new QueryError(msg);
  }
  const doc = JSON.parse(json) as { head: { vars?: string[] }; boolean?: boolean; results?: { bindings: Record<string, JsonTerm>[] } };
  if (typeof doc.boolean === "boolean") {
    const text = format === "json" ? json + "\n" : format === "csv" ? `_askResult\n${doc.boolean}\r\n` : `${doc.boolean}\n`;
    return { text, rows: 1, packages: paths.length, triples };
  }
  const vars = doc.head.vars ?? [];
  const rows = doc.results?.bindings ?? [];
  if (format === "json") return { text: json + "\n", rows: rows.length, packages: paths.length, triples };
  if (format === "csv") {
    const csv = store.query(query, { ...opts, results_format: "text/csv" }) as string;
    return { text: csv, rows: rows.length, packages: paths.length, triples };
  }
  return { text: table(vars, rows), rows: rows.length, packages: paths.length, triples };
}
