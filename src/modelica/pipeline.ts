// The steps the CLI and the benchmark share: parse sources (capturing the layout), map to RDF and
// serialise, read a graph back into sources, and the round-trip check of shared/spec/modelica.md.
import { createHash } from "node:crypto";
import type { Quad } from "@rdfjs/types";
import { parseNTriples, parseTurtle, writeJsonLd, writeNTriples } from "../rdf/graph.js";
import type * as A from "./ast.js";
import { addCounts, astDiff, astEqual, countAst, type Counts } from "./ast-util.js";
import { modelicaFromRdf, type RebuiltFile } from "./from-rdf.js";
import { tokenize } from "./lexer.js";
import type { SourceFile } from "./package.js";
import { Parser, parseModelica } from "./parser.js";
import { captureLayout, printCanonical, printOriginal } from "./printer.js";
import { writeModelicaTurtle } from "./turtle.js";
import { DEFAULT_BASE, modelicaToRdf, type OtherFile, type ParsedFile } from "./to-rdf.js";

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

export type RdfFormat = "turtle" | "ntriples" | "jsonld";

export function serialise(quads: Quad[], format: RdfFormat): string {
  return format === "turtle" ? writeModelicaTurtle(quads) : format === "ntriples" ? writeNTriples(quads) : writeJsonLd(quads);
}

export function toGraph(parsed: Parsed, base = DEFAULT_BASE): Quad[] {
  return modelicaToRdf(parsed.files, parsed.others, base);
}

export function readGraph(text: string, file: string): Quad[] {
  return file.endsWith(".nt") ? parseNTriples(text, file) : parseTurtle(text, file);
}

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
 * For every file: parse -> RDF -> Turtle text -> parse Turtle -> source -> parse, comparing ASTs and
 * SHA-256 of the bytes. The graph is rebuilt only from the Turtle text.
 */
export function roundtrip(sources: SourceFile[], base = DEFAULT_BASE): RoundtripReport {
  const mo = sources.filter((s) => s.path.endsWith(".mo"));
  const report: RoundtripReport = {
    files: mo.length, classes: 0, parsed: 0, astEqual: 0, byteEqual: 0, failed: [], triples: 0,
    seconds: { parse: 0, toRdf: 0, fromRdf: 0 }, counts: emptyCounts(), bytes: 0, turtleBytes: 0,
  };
  const files: ParsedFile[] = [];
  const others: OtherFile[] = [];
  const originals = new Map<string, SourceFile>();
  let t0 = now();
  for (const s of sources) {
    report.bytes += Buffer.byteLength(s.text, "utf8");
    if (!s.path.endsWith(".mo")) {
      others.push({ path: s.path, text: s.text });
      continue;
    }
    try {
      const sd = parseWithLayout(s.text, s.abs);
      files.push({ path: s.path, sd });
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
    const quads = modelicaToRdf(files, others, base);
    turtle = writeModelicaTurtle(quads);
    report.turtleBytes = Buffer.byteLength(turtle, "utf8");
  } catch (e) {
    for (const f of files) report.failed.push({ file: f.path, stage: "rdf", message: (e as Error).message });
    return report;
  }
  report.seconds.toRdf = now() - t0;
  t0 = now();
  let rebuilt: RebuiltFile[];
  try {
    const quads = parseTurtle(turtle, "roundtrip.ttl");
    report.triples = quads.length;
    rebuilt = modelicaFromRdf(quads);
  } catch (e) {
    for (const f of files) report.failed.push({ file: f.path, stage: "regenerate", message: (e as Error).message });
    return report;
  }
  const regen = new Map(regenerate(rebuilt, "original").map((r) => [r.path, r]));
  report.seconds.fromRdf = now() - t0;
  const rebuiltByPath = new Map(rebuilt.map((r) => [r.path, r]));
  for (const f of files) {
    const r = regen.get(f.path);
    const rb = rebuiltByPath.get(f.path);
    if (!r || !rb?.sd) {
      report.failed.push({ file: f.path, stage: "regenerate", message: "file missing from the graph" });
      continue;
    }
    let again: A.StoredDefinition;
    try {
      again = parseModelica(r.text, `${f.path} (regenerated)`);
    } catch (e) {
      report.failed.push({ file: f.path, stage: "compare", message: (e as Error).message });
      continue;
    }
    const eq = astEqual(f.sd, again) && astEqual(f.sd, rb.sd);
    if (eq) report.astEqual++;
    const be = sha256(r.text) === sha256(originals.get(f.path)!.text);
    if (be) report.byteEqual++;
    if (!eq) report.failed.push({ file: f.path, stage: "compare", message: `AST differs: ${astDiff(f.sd, again) ?? astDiff(f.sd, rb.sd)}` });
    else if (!be) report.failed.push({ file: f.path, stage: "compare", message: "regenerated bytes differ (SHA-256)" });
  }
  for (const o of others) {
    const r = regen.get(o.path);
    if (!r || r.text !== o.text) report.failed.push({ file: o.path, stage: "compare", message: "package.order differs" });
  }
  return report;
}
