// SPARQL 1.1 over a graph: Oxigraph (a standards-conformant engine compiled to WebAssembly) is the
// one query entry point of the project.
import { InputError, type InputLocation } from "../errors.js";
import * as oxigraph from "oxigraph";
import type { Quad } from "./graph.js";
import { writeNTriples } from "./graph.js";

/** A query the engine rejected (syntax or evaluation error), or data it could not load: bad input. */
export class SparqlError extends InputError {
  constructor(message: string, location: InputLocation = {}) {
    super(message, location);
  }
}

type OxTerm = { termType: string; value: string };

/**
 * An in-memory RDF store answering SPARQL 1.1 (Oxigraph compiled to WebAssembly): load quads or
 * Turtle, then select, ask, count or construct.
 */
export class SparqlStore {
  private constructor(private readonly store: oxigraph.Store) {}

  /** A store holding these quads. */
  static fromQuads(quads: Iterable<Quad>): SparqlStore {
    const store = new oxigraph.Store();
    store.load(writeNTriples(quads), { format: "application/n-triples" });
    return new SparqlStore(store);
  }

  /**
   * A store holding the triples of Turtle (or N-Triples) text.
   * @throws SparqlError `file: <the engine's message>` for text it cannot load
   */
  static fromTurtle(text: string, file: string): SparqlStore {
    const store = new oxigraph.Store();
    try {
      store.load(text, { format: "text/turtle" });
    } catch (e) {
      throw new SparqlError(`${file}: ${e instanceof Error ? e.message : String(e)}`, { file });
    }
    return new SparqlStore(store);
  }

  /** Adds more data (e.g. several packages into one store). */
  loadTurtle(text: string, file: string): void {
    try {
      this.store.load(text, { format: "text/turtle" });
    } catch (e) {
      throw new SparqlError(`${file}: ${e instanceof Error ? e.message : String(e)}`, { file });
    }
  }

  /** The number of quads held. */
  get size(): number {
    return this.store.size;
  }

  private run(query: string): unknown {
    try {
      return this.store.query(query);
    } catch (e) {
      throw new SparqlError(e instanceof Error ? e.message : String(e));
    }
  }

  /** SELECT: one record per solution, each bound variable as its value string (IRI or lexical form). */
  select(query: string): Record<string, string>[] {
    const result = this.run(query);
    if (!Array.isArray(result)) throw new SparqlError("not a SELECT query");
    return (result as Map<string, OxTerm>[]).map((binding) => {
      const row: Record<string, string> = {};
      for (const [name, term] of binding) row[name] = term.value;
      return row;
    });
  }

  /** SELECT with the variable order of the query, for tables and CSV. */
  selectTable(query: string): { vars: string[]; rows: Record<string, string>[] } {
    const rows = this.select(query);
    const m = /select\s+(distinct\s+|reduced\s+)?([\s\S]*?)\s*(where|from|\{)/i.exec(query);
    let vars: string[] = [];
    if (m && !/^\*/.test(m[2]!.trim())) vars = [...m[2]!.matchAll(/\?(\w+)(?![^(]*\()/g)].map((v) => v[1]!);
    if (vars.length === 0) vars = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return { vars: [...new Set(vars)], rows };
  }

  /** ASK: the answer (SparqlError for another form or a rejected query). */
  ask(query: string): boolean {
    const result = this.run(query);
    if (typeof result !== "boolean") throw new SparqlError("not an ASK query");
    return result;
  }

  /** The first variable of the first solution as a number (COUNT queries). */
  count(query: string): number {
    const rows = this.select(query);
    const first = rows[0];
    if (!first) return 0;
    const v = Object.values(first)[0];
    return v === undefined ? 0 : Number(v);
  }

  /** CONSTRUCT: the triples built. */
  construct(query: string): Quad[] {
    const result = this.run(query);
    if (!Array.isArray(result)) throw new SparqlError("not a CONSTRUCT query");
    return result as Quad[];
  }
}
