// The Modelica mapper: the Modelica part's parser and AST <-> RDF mapping (src/modelica/, issue 4),
// seen through the archive's SourceMapper interface. Package paths below sources/modelica/ are the
// Modelica part's relative paths (a package directory keeps its name: Rig/package.mo).
import { MO } from "../rdf/namespaces.js";
import type { Quad } from "../rdf/graph.js";
import { astDiff, astEqual } from "../modelica/ast-util.js";
import { modelicaFromRdf } from "../modelica/from-rdf.js";
import { ModelicaSyntaxError } from "../modelica/lexer.js";
import { isModelicaSource } from "../modelica/package.js";
import { parseModelica } from "../modelica/parser.js";
import { parseSources, regenerate, toGraph } from "../modelica/pipeline.js";
import { DEFAULT_BASE, pathIri } from "../modelica/to-rdf.js";
import { type MappedSources, SourceError, type SourceFile, type SourceMapper } from "./mapper.js";

const utf8 = (b: Uint8Array): string => new TextDecoder("utf-8").decode(b);

export const modelicaMapper: SourceMapper = {
  kind: "modelica",
  label: "Modelica sources (.mo files, package directories with package.order)",
  tool: "twin modelica to-rdf (src/modelica)",
  toGraph(files: SourceFile[]): MappedSources {
    const sources = files.filter((f) => isModelicaSource(f.path.split("/").pop()!)).map((f) => ({ path: f.path, abs: `sources/modelica/${f.path}`, text: utf8(f.bytes) }));
    let quads: Quad[];
    try {
      quads = toGraph(parseSources(sources));
    } catch (e) {
      if (e instanceof ModelicaSyntaxError) throw new SourceError(e.message);
      throw e;
    }
    // roots: each file's stored definition and the classes stored in it
    const roots = new Map<string, string[]>();
    const triples = new Map<string, number>();
    const fileOf = new Map<string, string>();
    for (const s of sources) {
      const f = pathIri(DEFAULT_BASE, s.path);
      fileOf.set(f, s.path);
      roots.set(s.path, [f]);
      triples.set(s.path, 0);
    }
    for (const q of quads) {
      if (q.predicate.value === `${MO}storedIn`) {
        const p = fileOf.get(q.object.value);
        if (p !== undefined) roots.get(p)!.push(q.subject.value);
      }
    }
    return { quads, roots };
  },
  restore(quads: Quad[]): SourceFile[] {
    return regenerate(modelicaFromRdf(quads), "original").map((f) => ({ path: f.path, bytes: Buffer.from(f.text, "utf8") }));
  },
  modelEqual(original, restored) {
    if (!original.path.endsWith(".mo")) return utf8(original.bytes) === utf8(restored.bytes) ? undefined : "the texts differ";
    try {
      const a = parseModelica(utf8(original.bytes), original.path);
      const b = parseModelica(utf8(restored.bytes), `${restored.path} (restored)`);
      return astEqual(a, b) ? undefined : `AST differs: ${astDiff(a, b) ?? "?"}`;
    } catch (e) {
      return (e as Error).message;
    }
  },
};
