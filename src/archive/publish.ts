// twin archive publish: packages into a SPARQL 1.1 store, each package's graph as the named graph of
// its IRI (identity.ts), by the SPARQL 1.1 Graph Store HTTP Protocol (§5.3: PUT replaces the graph, so
// publishing again is idempotent). Packages are untrusted input: every one is verified first
// (verify.ts: fixity, RO-Crate, graph and shapes, consistency, core, runs, signature) and its identity
// checked; if any fails, none is published. Then each graph, read from the package and written as
// sorted N-Triples (Virtuoso 7.2's Turtle loader misreads "1531." at the end of a statement, and a
// failed load leaves the triples read so far), is PUT, and the store is asked how many triples the
// graph holds: anything but the number sent (a partial load) is an error.
import { parseTurtle, writeNTriples } from "../rdf/graph.js";
import { type Files, PackageError, type Problem } from "./bagit.js";
import { GRAPH_FILE } from "./create.js";
import { Endpoint, EndpointError } from "./endpoint.js";
import { sha256Hex } from "./hash.js";
import { checkIdentity } from "./identity.js";
import { readPackage } from "./package.js";
import { queryEndpointSolutions } from "./query.js";
import { verifyPackage } from "./verify.js";

/** A package that failed verification or its identity check (nothing is then published). */
export interface RefusedPackage {
  package: string;
  /** the failed checks: verify's names, and "identity" */
  failed: string[];
  problems: Problem[];
}

/** A package whose graph the store now holds. */
export interface PublishedPackage {
  package: string;
  graph: string;
  triples: number;
  /** the Graph Store's answer: 201 created, 200 or 204 replaced */
  httpStatus: number;
  seconds: number;
}

/** What `twin archive publish --json` prints: `ok` when every package was published. */
export interface PublishReport {
  endpoint: string;
  graphStore: string;
  ok: boolean;
  refused: RefusedPackage[];
  published: PublishedPackage[];
  verifySeconds: number;
  uploadSeconds: number;
}

export interface PublishOptions {
  packages: string[];
  endpoint: Endpoint;
  /** require a valid Ed25519 signature by this public key (verify --key) */
  keyPath?: string;
  progress?: (message: string) => void;
}

interface Checked {
  package: string;
  graph: string;
  graphSha256: string;
}

const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

function graphOf(bag: Files, path: string): Uint8Array {
  const g = bag.get(`data/${GRAPH_FILE}`);
  if (!g) throw new PackageError(`${path}: data/${GRAPH_FILE} is missing`);
  return g;
}

/** Verifies every package and checks its identity: the packages that may be published, and those refused. */
export async function checkPackages(paths: string[], keyPath: string | undefined, progress?: (m: string) => void): Promise<{ ok: Checked[]; refused: RefusedPackage[] }> {
  const ok: Checked[] = [];
  const refused: RefusedPackage[] = [];
  const owner = new Map<string, string>();
  for (const [i, path] of paths.entries()) {
    progress?.(`verifying ${i + 1}/${paths.length} ${path}`);
    const bag = readPackage(path);
    const report = await verifyPackage(path, keyPath, bag);
    const failed = report.checks.filter((c) => !c.ok);
    const problems = failed.flatMap((c) => (c.problems.length > 0 ? c.problems : [{ file: "", message: `${c.name}: ${c.summary}` }]));
    const names = failed.map((c) => c.name as string);
    const g = graphOf(bag, path);
    let identity: { iri: string | undefined; problems: Problem[] } = { iri: undefined, problems: [] };
    if (!failed.some((c) => c.name === "graph")) identity = checkIdentity(bag, parseTurtle(utf8(g), `${path}/data/${GRAPH_FILE}`), path);
    if (identity.iri !== undefined && owner.has(identity.iri)) identity.problems.push({ file: "bag-info.txt", message: `claims the graph <${identity.iri}> of ${owner.get(identity.iri)}, published in the same run` });
    if (identity.problems.length > 0) {
      names.push("identity");
      problems.push(...identity.problems);
    }
    if (names.length > 0 || identity.iri === undefined) {
      refused.push({ package: path, failed: names.length > 0 ? names : ["identity"], problems });
      continue;
    }
    owner.set(identity.iri, path);
    ok.push({ package: path, graph: identity.iri, graphSha256: sha256Hex(g) });
  }
  return { ok, refused };
}

/** How many triples the store holds in graph `graph`. */
export async function graphSize(endpoint: Endpoint, graph: string): Promise<number> {
  const s = await queryEndpointSolutions(endpoint, `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`);
  const v = s.form === "select" ? s.bindings[0]?.n?.value : undefined;
  if (typeof v !== "string" || !/^\d+$/.test(v)) throw new EndpointError(`${endpoint.options.query.href}: the count of graph <${graph}> came back as ${JSON.stringify(v ?? null)}, not a number`);
  return Number(v);
}

export async function publishPackages(o: PublishOptions): Promise<PublishReport> {
  const store = o.endpoint.options.graphStore;
  if (!store) throw new EndpointError("no Graph Store URL to publish to");
  // the store answers at all, before the packages are verified (which takes a while)
  await graphSize(o.endpoint, "urn:twin:probe");
  const t0 = performance.now();
  const { ok, refused } = await checkPackages(o.packages, o.keyPath, o.progress);
  const verifySeconds = Number(((performance.now() - t0) / 1000).toFixed(3));
  const report: PublishReport = { endpoint: o.endpoint.options.query.href, graphStore: store.href, ok: refused.length === 0, refused, published: [], verifySeconds, uploadSeconds: 0 };
  if (refused.length > 0) return report;
  const t1 = performance.now();
  for (const [i, c] of ok.entries()) {
    o.progress?.(`publishing ${i + 1}/${ok.length} ${c.package}`);
    const ts = performance.now();
    const g = graphOf(readPackage(c.package), c.package);
    if (sha256Hex(g) !== c.graphSha256) throw new PackageError(`${c.package}/data/${GRAPH_FILE}: changed since it was verified; nothing more published`);
    const nt = writeNTriples(parseTurtle(utf8(g), `${c.package}/data/${GRAPH_FILE}`));
    const triples = nt.split("\n").filter((l) => l !== "").length;
    let httpStatus: number;
    try {
      httpStatus = await o.endpoint.putGraph(c.graph, Buffer.from(nt, "utf8"));
      const held = await graphSize(o.endpoint, c.graph);
      if (held !== triples) {
        throw new EndpointError(`${store.origin}${store.pathname}: graph <${c.graph}> of ${c.package} holds ${held} triples after the PUT, not the ${triples} sent (a partial load, or a store that merges literals equal in value)`);
      }
    } catch (e) {
      if (!(e instanceof EndpointError)) throw e;
      throw new EndpointError(i === 0 ? e.message : `${e.message} [at ${c.package}: ${i} of ${ok.length} packages were published before it; publishing again replaces their graphs]`);
    }
    report.published.push({ package: c.package, graph: c.graph, triples, httpStatus, seconds: Number(((performance.now() - ts) / 1000).toFixed(3)) });
  }
  report.uploadSeconds = Number(((performance.now() - t1) / 1000).toFixed(3));
  return report;
}
