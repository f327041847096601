// The round trip of shared/spec/aml.md: CAEX → graph → Turtle text → parse Turtle → CAEX, per file,
// with byte and canonical-XML comparison (xmllint --c14n, libxml2 in WebAssembly), schema validity of
// input and output, and element counts taken by SPARQL over the graph (Oxigraph) checked against the XML.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AML } from "../rdf/namespaces.js";
import { SparqlStore } from "../rdf/sparql.js";
import { amlFromTurtle } from "./from-rdf.js";
import { amlToTurtle } from "./index.js";
import { type AmlModel, readAml } from "./model.js";
import { c14n, schemaValidateFiles } from "./validate.js";
import type { CaexVersion } from "./vocab.js";
import type { XElement } from "./xml.js";

export const COUNTED = ["InternalElement", "SystemUnitClass", "RoleClass", "InterfaceClass", "Attribute", "ExternalInterface", "InternalLink"] as const;
export type Counted = (typeof COUNTED)[number];
/** Element counts by CAEX tag (InternalElement, SystemUnitClass, RoleClass, InterfaceClass, Attribute, ExternalInterface, InternalLink). */
export type Counts = Record<Counted, number>;

/** A file that failed a stage of the round trip, and why. */
export interface RoundtripFailure {
  file: string;
  stage: "parse" | "rdf" | "regenerate" | "compare" | "schema";
  message: string;
}

/** What `twin aml roundtrip --json` prints (shared/spec/aml.md). */
export interface RoundtripReport {
  files: number;
  parsed: number;
  c14nEqual: number;
  byteEqual: number;
  schemaValidIn: number;
  schemaValidOut: number;
  failed: RoundtripFailure[];
  counts: Counts;
  seconds: { parse: number; toRdf: number; fromRdf: number };
}

function zeroCounts(): Counts {
  return Object.fromEntries(COUNTED.map((k) => [k, 0])) as Counts;
}

/** Element counts of the CAEX elements in the XML (outside AdditionalInformation, which is opaque). */
export function xmlCounts(model: AmlModel): Counts {
  const c = zeroCounts();
  const stack: XElement[] = [model.doc.root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.ns === model.ns && (COUNTED as readonly string[]).includes(el.local)) c[el.local as Counted]++;
    if (el.local === "AdditionalInformation" && el.ns === model.ns) continue;
    for (const ch of el.children) stack.push(ch);
  }
  return c;
}

/** Element counts by SPARQL over a graph (resources typed aml:<Tag>). */
export function sparqlCounts(store: SparqlStore): Counts {
  const c = zeroCounts();
  for (const k of COUNTED) c[k] = store.count(`SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a <${AML}${k}> }`);
  return c;
}

/** The .aml files named: a file, or the files of a directory (not recursive), sorted. */
export function listAmlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .filter((f) => f.toLowerCase().endsWith(".aml"))
    .sort()
    .map((f) => join(path, f));
}

const sha256 = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/** Schema validity of each file, one xmllint run per CAEX version (the runs in parallel). */
async function schemaValidity(files: { path: string; version: CaexVersion }[]): Promise<boolean[]> {
  const valid: boolean[] = new Array(files.length).fill(false);
  const versions = [...new Set(files.map((f) => f.version))];
  await Promise.all(
    versions.map(async (v) => {
      const idx = files.flatMap((f, i) => (f.version === v ? [i] : []));
      const r = await schemaValidateFiles(idx.map((i) => files[i]!.path), v);
      idx.forEach((i, k) => (valid[i] = r[k]!.valid));
    }),
  );
  return valid;
}

export async function roundtrip(files: string[]): Promise<RoundtripReport> {
  const report: RoundtripReport = {
    files: files.length,
    parsed: 0,
    c14nEqual: 0,
    byteEqual: 0,
    schemaValidIn: 0,
    schemaValidOut: 0,
    failed: [],
    counts: zeroCounts(),
    seconds: { parse: 0, toRdf: 0, fromRdf: 0 },
  };
  const tmp = mkdtempSync(join(tmpdir(), "twin-aml-rt-"));
  // schema validation runs after the loop, every input and every output at once
  const inputs: { path: string; version: CaexVersion }[] = [];
  const outputs: { path: string; version: CaexVersion; file: string; input: number }[] = [];
  try {
    for (const file of files) {
      const fail = (stage: RoundtripFailure["stage"], message: string): void => void report.failed.push({ file, stage, message });
      let bytes: Buffer;
      let model: AmlModel;
      let t0 = performance.now();
      try {
        bytes = readFileSync(file);
        model = readAml(bytes, file);
      } catch (e) {
        fail("parse", (e as Error).message);
        continue;
      }
      report.seconds.parse += (performance.now() - t0) / 1000;
      report.parsed++;
      inputs.push({ path: file, version: model.version });

      t0 = performance.now();
      let ttl: string;
      try {
        ttl = amlToTurtle(model);
      } catch (e) {
        fail("rdf", (e as Error).message);
        continue;
      }
      report.seconds.toRdf += (performance.now() - t0) / 1000;

      // the counts are taken from the Turtle text, by SPARQL
      const counts = sparqlCounts(SparqlStore.fromTurtle(ttl, `${file}.ttl`));
      const expected = xmlCounts(model);
      for (const k of COUNTED) report.counts[k] += counts[k];
      const diff = COUNTED.filter((k) => counts[k] !== expected[k]);
      if (diff.length > 0) fail("rdf", `SPARQL counts differ from the XML: ${diff.map((k) => `${k} ${counts[k]} vs ${expected[k]}`).join(", ")}`);

      t0 = performance.now();
      let out: Buffer;
      try {
        out = await amlFromTurtle(ttl, `${file}.ttl`);
      } catch (e) {
        fail("regenerate", (e as Error).message);
        continue;
      }
      report.seconds.fromRdf += (performance.now() - t0) / 1000;

      const outFile = join(tmp, `out-${report.parsed}.aml`);
      writeFileSync(outFile, out);
      const byteEq = sha256(out) === sha256(bytes);
      if (byteEq) report.byteEqual++;
      let c14nEq = false;
      try {
        const [a, b] = await Promise.all([c14n(file), c14n(outFile)]);
        c14nEq = a === b;
      } catch (e) {
        fail("compare", (e as Error).message);
      }
      if (c14nEq) report.c14nEqual++;
      if (!byteEq || !c14nEq) fail("compare", `${byteEq ? "" : "bytes differ"}${!byteEq && !c14nEq ? ", " : ""}${c14nEq ? "" : "canonical XML differs"}`);
      outputs.push({ path: outFile, version: model.version, file, input: inputs.length - 1 });
    }
    const valid = await schemaValidity([...inputs, ...outputs]);
    const validIn = valid.slice(0, inputs.length);
    report.schemaValidIn = validIn.filter((v) => v).length;
    outputs.forEach((o, k) => {
      const validOut = valid[inputs.length + k]!;
      if (validOut) report.schemaValidOut++;
      if (validIn[o.input] && !validOut) report.failed.push({ file: o.file, stage: "schema", message: "the input is schema-valid, the output is not" });
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return report;
}
