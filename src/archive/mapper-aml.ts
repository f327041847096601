// The AutomationML mapper: the AML part's CAEX reader and CAEX <-> RDF mapping (src/aml/, issue 5),
// seen through the archive's SourceMapper interface. Each file's IRIs are based on its path below
// sources/aml/ (defaultBase), so the path comes back from the graph: <…/aml/file/{path}/file>.
import { amlFromQuads, amlToQuads, DATA_BASE, defaultBase, readAml, XmlError } from "../aml/index.js";
import { NS, AML } from "../rdf/namespaces.js";
import { type Quad, writeNTriples } from "../rdf/graph.js";
import { type MappedSources, SourceError, type SourceFile, type SourceMapper } from "./mapper.js";

function graphOf(f: SourceFile): Quad[] {
  return amlToQuads(readAml(f.bytes, `sources/aml/${f.path}`, { base: defaultBase(f.path) }));
}

export const amlMapper: SourceMapper = {
  kind: "aml",
  label: "AutomationML (CAEX 2.15 / 3.0 .aml files)",
  tool: "twin aml to-rdf (src/aml)",
  toGraph(files: SourceFile[]): MappedSources {
    const quads: Quad[] = [];
    const roots = new Map<string, string[]>();
    const triples = new Map<string, number>();
    for (const f of files) {
      let q: Quad[];
      try {
        q = graphOf(f);
      } catch (e) {
        if (e instanceof XmlError) throw new SourceError(`sources/aml/${f.path}:${e.message}`);
        throw e;
      }
      quads.push(...q);
      roots.set(f.path, [`${defaultBase(f.path)}file`]);
      triples.set(f.path, q.length);
    }
    return { quads, roots, triples };
  },
  restore(quads: Quad[]): SourceFile[] {
    const files = new Set<string>();
    for (const q of quads) {
      if (q.predicate.value === `${NS.rdf}type` && q.object.value === `${AML}CAEXFile` && q.subject.value.startsWith(DATA_BASE)) files.add(q.subject.value);
    }
    return [...files].sort().map((root) => {
      const seg = root.slice(DATA_BASE.length).replace(/\/file$/, "");
      return { path: decodeURIComponent(seg), bytes: new Uint8Array(amlFromQuads(quads, root)) };
    });
  },
  modelEqual(original, restored) {
    // model equality in the RDF sense: both files give the same graph (the same triples)
    try {
      return writeNTriples(graphOf(original)) === writeNTriples(graphOf({ path: original.path, bytes: restored.bytes })) ? undefined : "the graphs of the two files differ";
    } catch (e) {
      return (e as Error).message;
    }
  },
};
