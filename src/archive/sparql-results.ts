// SPARQL results in one form whatever engine produced them (Oxigraph in memory, a SPARQL 1.1 store
// over HTTP), and their three output formats: an aligned table (IRIs shortened by the project's
// prefixes), SPARQL 1.1 Query Results CSV (W3C Recommendation 2013, "SPARQL 1.1 Query Results CSV
// and TSV Formats" §2) and SPARQL 1.1 Query Results JSON (W3C Recommendation 2013). CONSTRUCT and
// DESCRIBE give N-Triples, sorted (the project's canonical N-Triples, src/rdf/graph.ts).
import { InputError, type InputLocation } from "../errors.js";
import { Parser } from "n3";
import type { Quad } from "../rdf/graph.js";
import { writeNTriples } from "../rdf/graph.js";
import { NS, PREFIXES } from "../rdf/namespaces.js";

/** How a query answer is written: a table, SPARQL 1.1 CSV or SPARQL 1.1 Query Results JSON. */
export type QueryFormat = "table" | "csv" | "json";

/** A SPARQL query that is malformed or of a form the command cannot answer: bad input. */
export class QueryError extends InputError {
  constructor(message: string, location: InputLocation = {}) {
    super(message, location);
  }
}

/** An RDF term of SPARQL 1.1 Query Results JSON (§3.2.2). */
export interface JsonTerm {
  type: "uri" | "literal" | "bnode" | "triple";
  value: string | { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm };
  datatype?: string;
  "xml:lang"?: string;
}

export type Solutions =
  | { form: "select"; vars: string[]; bindings: Record<string, JsonTerm>[] }
  | { form: "ask"; boolean: boolean }
  | { form: "graph"; ntriples: string; triples: number };

const XSD_STRING = `${NS.xsd}string`;
const RDF_LANG_STRING = `${NS.rdf}langString`;

/**
 * One term as SPARQL 1.1 JSON writes it: `type`, `value`, then `datatype` (not for xsd:string, a
 * simple literal in RDF 1.1) or `xml:lang`. Accepts the SPARQL 1.0 spelling "typed-literal" that
 * Virtuoso still sends.
 */
export function normaliseTerm(t: unknown, where: string): JsonTerm {
  const o = t as { type?: unknown; value?: unknown; datatype?: unknown; "xml:lang"?: unknown };
  if (typeof o !== "object" || o === null) throw new QueryError(`${where}: not an RDF term`);
  if (o.type === "triple") {
    const v = o.value as { subject?: unknown; predicate?: unknown; object?: unknown };
    if (typeof v !== "object" || v === null) throw new QueryError(`${where}: a triple term without its triple`);
    return { type: "triple", value: { subject: normaliseTerm(v.subject, where), predicate: normaliseTerm(v.predicate, where), object: normaliseTerm(v.object, where) } };
  }
  if (typeof o.value !== "string") throw new QueryError(`${where}: a term without a string value`);
  if (o.type === "uri" || o.type === "bnode") return { type: o.type, value: o.value };
  if (o.type !== "literal" && o.type !== "typed-literal") throw new QueryError(`${where}: unknown term type ${JSON.stringify(o.type)}`);
  const lang = typeof o["xml:lang"] === "string" && o["xml:lang"] !== "" ? o["xml:lang"] : undefined;
  if (lang !== undefined) return { type: "literal", value: o.value, "xml:lang": lang };
  const dt = typeof o.datatype === "string" && o.datatype !== XSD_STRING && o.datatype !== RDF_LANG_STRING ? o.datatype : undefined;
  return dt === undefined ? { type: "literal", value: o.value } : { type: "literal", value: o.value, datatype: dt };
}

/**
 * Reads a SPARQL 1.1 Query Results JSON document. `askForm`: the query was an ASK, so Virtuoso's
 * answer to it, a one-variable SELECT result (`__ASK_RETVAL`, 1 or no row) instead of `boolean`, is
 * read as the boolean it stands for.
 */
export function readResultsJson(text: string, where: string, askForm = false): Solutions {
  let doc: { head?: { vars?: unknown }; boolean?: unknown; results?: { bindings?: unknown } };
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new QueryError(`${where}: the answer is not JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== "object" || doc === null) throw new QueryError(`${where}: not a SPARQL results document`);
  if (typeof doc.boolean === "boolean") return { form: "ask", boolean: doc.boolean };
  const vars = doc.head?.vars;
  const bindings = doc.results?.bindings;
  if (!Array.isArray(vars) || !vars.every((v) => typeof v === "string") || !Array.isArray(bindings)) throw new QueryError(`${where}: not a SPARQL results document (head.vars and results.bindings expected)`);
  if (askForm && vars.length === 1 && vars[0] === "__ASK_RETVAL") {
    const v = (bindings[0] as Record<string, { value?: string }> | undefined)?.__ASK_RETVAL?.value;
    return { form: "ask", boolean: v !== undefined && v !== "0" && v !== "false" };
  }
  return {
    form: "select",
    vars: vars as string[],
    bindings: bindings.map((b, i) => {
      const row: Record<string, JsonTerm> = {};
      for (const [k, t] of Object.entries(b as Record<string, unknown>)) row[k] = normaliseTerm(t, `${where}: solution ${i + 1}, ?${k}`);
      return row;
    }),
  };
}

/** N-Triples of a CONSTRUCT or DESCRIBE answer, re-written sorted (blank node labels kept). */
export function readNTriples(text: string, where: string): Solutions {
  let quads: Quad[];
  try {
    quads = new Parser({ format: "application/n-triples", blankNodePrefix: "" }).parse(text) as Quad[];
  } catch (e) {
    throw new QueryError(`${where}: the answer is not N-Triples: ${(e as Error).message}`);
  }
  const ntriples = writeNTriples(quads);
  return { form: "graph", ntriples, triples: ntriples.split("\n").filter((l) => l !== "").length };
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

function tripleText(t: JsonTerm, cellOf: (t: JsonTerm) => string): string {
  const v = t.value as { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm };
  return `<< ${cellOf(v.subject)} ${cellOf(v.predicate)} ${cellOf(v.object)} >>`;
}

function cell(t: JsonTerm | undefined): string {
  if (!t) return "";
  if (t.type === "triple") return tripleText(t, cell);
  const v = t.value as string;
  if (t.type === "uri") return shorten(v);
  if (t.type === "bnode") return `_:${v}`;
  return v.replace(/\s+/g, " ");
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

/** CSV §2: IRIs and literals as their plain text, blank nodes as _:label, RFC 4180 quoting, CRLF. */
function csvValue(t: JsonTerm | undefined): string {
  if (!t) return "";
  if (t.type === "triple") return tripleText(t, (x) => (x.type === "uri" ? `<${x.value as string}>` : csvValue(x)));
  const v = t.value as string;
  return t.type === "bnode" ? `_:${v}` : v;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function jsonTerm(t: JsonTerm): unknown {
  if (t.type === "triple") {
    const v = t.value as { subject: JsonTerm; predicate: JsonTerm; object: JsonTerm };
    return { type: "triple", value: { subject: jsonTerm(v.subject), predicate: jsonTerm(v.predicate), object: jsonTerm(v.object) } };
  }
  return { type: t.type, value: t.value, ...(t.datatype !== undefined ? { datatype: t.datatype } : {}), ...(t["xml:lang"] !== undefined ? { "xml:lang": t["xml:lang"] } : {}) };
}

/** The solutions in a format; `rows` is the number of solutions (1 for ASK, triples for a graph). */
export function formatSolutions(s: Solutions, format: QueryFormat): { text: string; rows: number } {
  if (s.form === "graph") return { text: s.ntriples, rows: s.triples };
  if (s.form === "ask") {
    const text = format === "json" ? JSON.stringify({ head: {}, boolean: s.boolean }) + "\n" : format === "csv" ? `_askResult\r\n${s.boolean}\r\n` : `${s.boolean}\n`;
    return { text, rows: 1 };
  }
  const rows = s.bindings.length;
  if (format === "json") {
    const bindings = s.bindings.map((b) => Object.fromEntries(s.vars.filter((v) => b[v] !== undefined).map((v) => [v, jsonTerm(b[v]!)])));
    return { text: JSON.stringify({ head: { vars: s.vars }, results: { bindings } }) + "\n", rows };
  }
  if (format === "csv") {
    const lines = [s.vars.map(csvField).join(","), ...s.bindings.map((b) => s.vars.map((v) => csvField(csvValue(b[v]))).join(","))];
    return { text: lines.map((l) => l + "\r\n").join(""), rows };
  }
  return { text: table(s.vars, s.bindings), rows };
}
