// A package's identity and the name of its graph in a store. `twin archive create` derives the
// package IRI from the package's content (its sources and their SHA-256, its runs, its core, its
// title: https://w3id.org/twin/archive/package/{32 hex}) and writes it three times: bag-info.txt
// External-Identifier, the graph's twin:Package, the RO-Crate root's identifier. That IRI is the
// package's graph name everywhere: in the in-memory store of `twin archive query` and in a SPARQL
// store (`twin archive publish`), so a query names the same graphs in both.
import { ARCHIVE, NS } from "../rdf/namespaces.js";
import type { Quad } from "../rdf/graph.js";
import { checkDeclaration, type Files, type Problem } from "./bagit.js";
import { CRATE_FILE } from "./crate.js";

/** An absolute IRI usable as an N-Triples IRIREF and a graph name (RFC 3987 scheme ":" …, no spaces or <>"{}|\^`). */
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f]+$/;

/** The IRI the package declares (bag-info.txt External-Identifier), or undefined. */
export function declaredIdentity(bag: Files, where: string): string | undefined {
  return checkDeclaration(bag, where).get("External-Identifier");
}

/**
 * The graph name of a package in the in-memory store: its declared IRI; a package that declares none
 * (not made by twin) is named after its path, urn:twin:package:{path}.
 */
export function graphNameInMemory(bag: Files, where: string): string {
  return declaredIdentity(bag, where) ?? `urn:twin:package:${encodeURIComponent(where)}`;
}

/**
 * The checks a package's identity must pass before it names a graph in a shared store: declared, an
 * absolute IRI, and the same IRI in the graph (a twin:Package) and in the RO-Crate (root identifier).
 */
export function checkIdentity(bag: Files, quads: Quad[], where: string): { iri: string | undefined; problems: Problem[] } {
  const iri = declaredIdentity(bag, where);
  if (iri === undefined) return { iri, problems: [{ file: "bag-info.txt", message: "no External-Identifier: the package declares no identity to name its graph" }] };
  if (!ABSOLUTE_IRI.test(iri)) return { iri: undefined, problems: [{ file: "bag-info.txt", message: `External-Identifier ${JSON.stringify(iri)} is not an absolute IRI` }] };
  const problems: Problem[] = [];
  const described = quads.some((q) => q.subject.value === iri && q.predicate.value === `${NS.rdf}type` && q.object.value === `${ARCHIVE}Package`);
  if (!described) problems.push({ file: "data/graph/twin.ttl", message: `does not describe the package ${iri} (bag-info.txt External-Identifier) as a twin:Package` });
  const crate = bag.get(`data/${CRATE_FILE}`);
  let crateId: unknown;
  try {
    const doc = JSON.parse(new TextDecoder().decode(crate ?? new Uint8Array())) as { "@graph"?: { "@id"?: string; identifier?: unknown }[] };
    crateId = doc["@graph"]?.find((e) => e["@id"] === "./")?.identifier;
  } catch {
    crateId = undefined;
  }
  if (crateId !== iri) problems.push({ file: `data/${CRATE_FILE}`, message: `the root identifier ${JSON.stringify(crateId ?? null)} is not the package's ${iri}` });
  return { iri, problems };
}
