// The rotor model mapper: rotor JSON <-> RDF (rotor-rdf.ts), checked by the model validator.
import { ModelError, parseRotorModel } from "../rotor/validate.js";
import type { Quad } from "../rdf/graph.js";
import { type MappedSources, SourceError, type SourceFile, type SourceMapper } from "./mapper.js";
import { rotorFromQuads, RotorRdfError, rotorToQuads } from "./rotor-rdf.js";

const text = (b: Uint8Array): string => new TextDecoder("utf-8", { fatal: false }).decode(b);

/** Deep equality of parsed JSON with numbers compared by value bits (so -0 differs from 0). */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

export const rotorMapper: SourceMapper = {
  kind: "rotor",
  label: "rotor model JSON (DESIGN.md)",
  tool: "twin rotor-rdf 1",
  toGraph(files: SourceFile[]): MappedSources {
    const quads: Quad[] = [];
    const roots = new Map<string, string[]>();
    const triples = new Map<string, number>();
    const names = new Map<string, string>();
    for (const f of files) {
      const t = text(f.bytes);
      try {
        parseRotorModel(t, `sources/rotor/${f.path}`); // a package holds only valid models
      } catch (e) {
        if (e instanceof ModelError) throw new SourceError(e.lines().join("\n"));
        throw e;
      }
      let mapped;
      try {
        mapped = rotorToQuads(t, f.path);
      } catch (e) {
        if (e instanceof RotorRdfError) throw new SourceError(e.message);
        throw e;
      }
      const other = names.get(mapped.iri);
      if (other !== undefined) throw new SourceError(`sources/rotor/${f.path}: a model of the same name is already in ${other} (rotor model IRIs come from the name)`);
      names.set(mapped.iri, f.path);
      quads.push(...mapped.quads);
      roots.set(f.path, [mapped.iri]);
      triples.set(f.path, mapped.quads.length);
    }
    return { quads, roots, triples };
  },
  restore(quads: Quad[]): SourceFile[] {
    return rotorFromQuads(quads).map((m) => ({ path: m.fileName, bytes: Buffer.from(m.text, "utf8") }));
  },
  modelEqual(original, restored) {
    try {
      return jsonEqual(JSON.parse(text(original.bytes)), JSON.parse(text(restored.bytes))) ? undefined : "the parsed models differ";
    } catch (e) {
      return `cannot parse: ${(e as Error).message}`;
    }
  },
};
