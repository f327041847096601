// Namespace IRIs. Our own terms live under one stable base (DESIGN.md, "RDF conventions"); standard
// vocabularies are reused where they fit: PROV-O, DCTERMS, SOSA/SSN, QUDT, schema.org (RO-Crate).

/** Base IRI of the twin ontologies; each domain has its own namespace below it. */
export const TWIN = "https://w3id.org/twin/";
export const MO = `${TWIN}modelica#`;
export const AML = `${TWIN}aml#`;
export const ROTOR = `${TWIN}rotor#`;
export const ARCHIVE = `${TWIN}archive#`;

/** Namespace IRIs of the standard vocabularies the graphs use, by their usual prefix. */
export const NS = {
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  owl: "http://www.w3.org/2002/07/owl#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  sh: "http://www.w3.org/ns/shacl#",
  prov: "http://www.w3.org/ns/prov#",
  dcterms: "http://purl.org/dc/terms/",
  qudt: "http://qudt.org/schema/qudt/",
  unit: "http://qudt.org/vocab/unit/",
  quantitykind: "http://qudt.org/vocab/quantitykind/",
  sosa: "http://www.w3.org/ns/sosa/",
  ssn: "http://www.w3.org/ns/ssn/",
  schema: "http://schema.org/",
} as const;

/** Prefixes written into every Turtle file (only those used appear, see graph.ts). */
export const PREFIXES: Record<string, string> = {
  ...NS,
  mo: MO,
  aml: AML,
  rotor: ROTOR,
  twin: ARCHIVE,
};
