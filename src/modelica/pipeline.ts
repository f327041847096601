// The steps the CLI and the benchmark share: parse sources (capturing the layout), map to RDF and
// serialise, read a graph back into sources, and the round-trip check of shared/spec/modelica.md.
import { createHash } from "node:crypto";
import type { Quad } from "@rdfjs/types";
import { parseNTriples, parseTurtle, writeJsonLd, writeNTriples } from "../rdf/graph.js";
import type * as A from "./ast.js";
import { addCounts, astDiff, astEqual, countAst, type Counts } from "./ast-util.js";
import { modelicaFromTurtle, RdfReader, type RebuiltFile } from "./from-rdf.js";
import { tokenize } from "./lexer.js";
import type { SourceFile } from "./package.js";
import { Parser, parseModelica } from "./parser.js";
import { captureLayout, printCanonical, printOriginal } from "./printer.js";
import { DEFAULT_BASE, modelicaToRdf, modelicaToTurtle, type OtherFile, type ParsedFile, RdfMapper } from "./to-rdf.js";
import { TurtleWriter, writeModelicaTurtle } from "./turtle.js";

export interface Parsed {
  files: ParsedFile[];
  others: OtherFile[];
  counts: Counts;
}

export function emptyCounts(): Counts {
  return { classes: 0, components: 0, equations: 0, connects: 0, annotations: 0, statements: 0 };
}

/** Parses one source with its layout (ModelicaSyntaxError on bad input). */
export function parseWithLayout(text: string, file: string, coverage?: Set<string>): A.StoredDefinition {
  const toks = tokenize(text, file);
  const sd = new Parser(toks, coverage).storedDefinition();
  captureLayout(sd, toks);
  return sd;
}

export function parseSources(sources: SourceFile[], coverage?: Set<string>): Parsed {
  const files: ParsedFile[] = [];
  const others: OtherFile[] = [];
  let counts = emptyCounts();
  for (const s of sources) {
    if (s.path.endsWith(".mo")) {
      const sd = parseWithLayout(s.text, s.abs, coverage);
      counts = addCounts(counts, countAst(sd));
      files.push({ path: s.path, sd });
    } else others.push({ path: s.path, text: s.text });
  }
  return { files, others, counts };
}

/** An RDF syntax the graph is written in. */
export type RdfFormat = "turtle" | "ntriples" | "jsonld";

export function serialise(quads: Quad[], format: RdfFormat): string {
  return format === "turtle" ? writeModelicaTurtle(quads) : format === "ntriples" ? writeNTriples(quads) : writeJsonLd(quads);
}

export function toGraph(parsed: Parsed, base = DEFAULT_BASE): Quad[] {
  return modelicaToRdf(parsed.files, parsed.others, base);
}

/** Turtle of the parsed sources, written straight from the ASTs (no Quad objects); same bytes as serialise(toGraph(parsed, base), "turtle"). */
export function toTurtle(parsed: Parsed, base = DEFAULT_BASE): string {
  return modelicaToTurtle(parsed.files, parsed.others, base);
}

/** The files a Turtle text (N-Triples for `.nt`) describes, read straight into the rebuild index. */
export function readTurtleFiles(text: string, file: string): RebuiltFile[] {
  return modelicaFromTurtle(text, file);
}

export function readGraph(text: string, file: string): Quad[] {
  return file.endsWith(".nt") ? parseNTriples(text, file) : parseTurtle(text, file);
}

/** How sources are written back from a graph: `original` reproduces the recorded bytes, `canonical` pretty-prints. */
export type Layout = "original" | "canonical";

/** Source text of each rebuilt file. */
export function regenerate(files: RebuiltFile[], layout: Layout): { path: string; text: string; degraded: boolean }[] {
  return files.map((f) => {
    if (!f.sd) return { path: f.path, text: f.text ?? "", degraded: false };
    if (layout === "canonical") return { path: f.path, text: printCanonical(f.sd), degraded: false };
    const o = printOriginal(f.sd);
    return { path: f.path, text: o.text, degraded: o.degraded };
  });
}

export interface RoundtripFailure {
  file: string;
  stage: "parse" | "rdf" | "regenerate" | "compare";
  message: string;
}

export interface RoundtripReport {
  files: number;
  classes: number;
  parsed: number;
  astEqual: number;
  byteEqual: number;
  failed: RoundtripFailure[];
  triples: number;
  seconds: { parse: number; toRdf: number; fromRdf: number };
  counts: Counts;
  bytes: number;
  turtleBytes: number;
}

const sha256 = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");
const now = (): number => performance.now() / 1000;

/**
 * .mo sources -> Turtle, one file at a time: pass 1 parses each file for its classes and components
 * (name lookup) and drops the AST; pass 2 parses it again with its layout, maps it and drops it.
 * Memory holds the symbol table and the Turtle text, not the ASTs of the whole library.
 */
export function sourcesToTurtle(sources: SourceFile[], base = DEFAULT_BASE): string {
  const w = new TurtleWriter(undefined, base);
  const m = new RdfMapper(base, w);
  const mo = sources.filter((s) => s.path.endsWith(".mo")).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const s of mo) m.registerFile({ path: s.path, sd: parseModelica(s.text, s.abs) });
  for (const s of mo) m.mapFile({ path: s.path, sd: parseWithLayout(s.text, s.abs) });
  m.mapOthers(sources.filter((s) => !s.path.endsWith(".mo")).map((s) => ({ path: s.path, text: s.text })));
  return w.finish();
}

/**
 * For every file: parse -> RDF -> Turtle text -> parse Turtle -> source -> parse, comparing ASTs and
 * SHA-256 of the bytes. The graph is rebuilt only from the Turtle text. Files are streamed: no
 * stage keeps the ASTs of the whole library (originals are parsed again for the comparison).
 */
export function roundtrip(sources: SourceFile[], base = DEFAULT_BASE): RoundtripReport {
  const mo = sources.filter((s) => s.path.endsWith(".mo"));
  const report: RoundtripReport = {
    files: mo.length, classes: 0, parsed: 0, astEqual: 0, byteEqual: 0, failed: [], triples: 0,
    seconds: { parse: 0, toRdf: 0, fromRdf: 0 }, counts: emptyCounts(), bytes: 0, turtleBytes: 0,
  };
  const ok: SourceFile[] = [];
  const originals = new Map<string, SourceFile>();
  let t0 = now();
  for (const s of sources) {
    report.bytes += Buffer.byteLength(s.text, "utf8");
    if (!s.path.endsWith(".mo")) {
      ok.push(s);
      originals.set(s.path, s);
      continue;
    }
    try {
      const sd = parseModelica(s.text, s.abs);
      ok.push(s);
      originals.set(s.path, s);
      report.parsed++;
      report.counts = addCounts(report.counts, countAst(sd));
    } catch (e) {
      report.failed.push({ file: s.path, stage: "parse", message: (e as Error).message });
    }
  }
  report.classes = report.counts.classes;
  report.seconds.parse = now() - t0;
  t0 = now();
  let turtle: string;
  try {
    turtle = sourcesToTurtle(ok, base);
    report.turtleBytes = Buffer.byteLength(turtle, "utf8");
  } catch (e) {
    for (const f of ok) if (f.path.endsWith(".mo")) report.failed.push({ file: f.path, stage: "rdf", message: (e as Error).message });
    return report;
  }
  report.seconds.toRdf = now() - t0;
  t0 = now();
  let compare = 0;
  const seen = new Set<string>();
  try {
    const reader = RdfReader.fromTurtle(turtle, "roundtrip.ttl");
    turtle = "";
    report.triples = reader.triples;
    for (const rb of reader.eachFile()) {
      const o = originals.get(rb.path);
      if (!o) continue;
      seen.add(rb.path);
      const r = regenerate([rb], "original")[0]!;
      const c0 = now();
      if (!rb.sd) {
        if (r.text !== o.text) report.failed.push({ file: o.path, stage: "compare", message: "package.order differs" });
        compare += now() - c0;
        continue;
      }
      const orig = parseModelica(o.text, o.abs);
      let again: A.StoredDefinition;
      try {
        again = parseModelica(r.text, `${o.path} (regenerated)`);
      } catch (e) {
        report.failed.push({ file: o.path, stage: "compare", message: (e as Error).message });
        compare += now() - c0;
        continue;
      }
      const eq = astEqual(orig, again) && astEqual(orig, rb.sd);
      if (eq) report.astEqual++;
      const be = sha256(r.text) === sha256(o.text);
      if (be) report.byteEqual++;
      if (!eq) report.failed.push({ file: o.path, stage: "compare", message: `AST differs: ${astDiff(orig, again) ?? astDiff(orig, rb.sd)}` });
      else if (!be) report.failed.push({ file: o.path, stage: "compare", message: "regenerated bytes differ (SHA-256)" });
      compare += now() - c0;
    }
  } catch (e) {
    for (const f of ok) if (!seen.has(f.path) && f.path.endsWith(".mo")) report.failed.push({ file: f.path, stage: "regenerate", message: (e as Error).message });
    return report;
  }
  for (const f of ok) {
    if (seen.has(f.path)) continue;
    report.failed.push({ file: f.path, stage: f.path.endsWith(".mo") ? "regenerate" : "compare", message: f.path.endsWith(".mo") ? "file missing from the graph" : "package.order differs" });
  }
  // the comparison (parsing the original and the regenerated text) is not part of from-rdf
  report.seconds.fromRdf = now() - t0 - compare;
  return report;
}
