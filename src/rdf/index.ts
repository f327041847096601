// machine-twin/rdf: the RDF toolkit the Modelica, AutomationML and archive graphs share
// (docs/api/rdf.md): RDF/JS terms, deterministic Turtle/N-Triples/JSON-LD, SPARQL 1.1 with Oxigraph,
// SHACL validation.
export { iri, lit, quad, numberLexical, parseTurtle, parseNTriples, writeTurtle, writeNTriples, writeJsonLd, canonicalQuads, RdfSyntaxError, type Quad, type NamedNode, type Literal } from "./graph.js";
export { SparqlStore, SparqlError } from "./sparql.js";
export { runSparql, isAskQuery, type SparqlResult, type SelectTable } from "./query.js";
export { validateShacl, loadShapes, type ShaclReport, type ShaclResult } from "./shacl.js";
export { TWIN, NS, PREFIXES } from "./namespaces.js";
