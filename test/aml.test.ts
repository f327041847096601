// AutomationML (CAEX 2.15 / 3.0) <-> RDF: the lossless reader (checked against fast-xml-parser and
// libxml2 as independent oracles), the round trip of every file in test/data/aml/ from the
// Turtle text alone (byte-equal and xmllint --c14n-equal, schema-valid in -> out, SPARQL counts equal
// to libxml2's XPath counts), the semantic layer, SHACL conformance, the ontology's coverage, bad
// input and the reference-integrity findings. libxml2 is its xmllint compiled to WebAssembly (what
// src/aml uses: nothing to install); Debian's xmllint, where installed (required under CI=true, see
// test/helpers/engines.ts), must give the same schema findings, canonical XML and error lines.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { DataFactory } from "n3";
import { afterAll, describe, expect, it } from "vitest";
import { amlFromQuads, amlFromTurtle, amlToQuads, amlToTurtle, readAml } from "../src/aml/index.js";
import { GraphError } from "../src/aml/from-rdf.js";
import { type AmlModel } from "../src/aml/model.js";
import { AmlQuery } from "../src/aml/query.js";
import { COUNTED, roundtrip } from "../src/aml/roundtrip.js";
import { c14n, integrityFindings, schemaFile, schemaValidate, schemaValidateFiles, xmllintFindings } from "../src/aml/validate.js";
import type { CaexVersion } from "../src/aml/vocab.js";
import { parseXml, XmlError, type XElement, attributeValue } from "../src/aml/xml.js";
import { parseTurtle, writeNTriples, writeTurtle, type Quad } from "../src/rdf/graph.js";
import { AML, NS } from "../src/rdf/namespaces.js";
import { loadShapes, validateShacl } from "../src/rdf/shacl.js";
import { SparqlStore } from "../src/rdf/sparql.js";
import { need } from "./helpers/engines.js";
import { debianXmllint, debianXpathStrings, wasmXmllint, xpathStrings } from "./helpers/libxml2.js";

const ROOT = join(import.meta.dirname, "..");
const SHARED = join(ROOT, "test", "data", "aml");
const FIX = join(ROOT, "test", "fixtures", "aml");
const MODELS = join(ROOT, "models", "aml");
const TMP = mkdtempSync(join(tmpdir(), "twin-aml-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const amlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".aml"))
    .sort()
    .map((f) => join(dir, f));
const SHARED_FILES = amlFiles(SHARED);
const ALL_VALID = [...SHARED_FILES, ...amlFiles(MODELS)];
const load = (file: string): AmlModel => readAml(readFileSync(file), file);

/** The first line number libxml2 reports for `name` in xmllint's standard error. */
const firstLine = (stderr: string, name: string): number => Number(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:(\\d+):`, "m").exec(stderr)?.[1]);

// ------------------------------------------------------------------ the reader

type Tree = { name: string; attrs: [string, string][]; children: Tree[] };

/** fast-xml-parser's ordered tree reduced to element names, attribute values and child elements. */
function fxpTree(text: string): Tree {
  const p = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: "",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    commentPropName: "#comment",
    cdataPropName: "#cdata",
    allowBooleanAttributes: false,
  });
  const conv = (node: Record<string, unknown>): Tree | undefined => {
    const name = Object.keys(node).find((k) => k !== ":@" && !k.startsWith("#"));
    if (name === undefined) return undefined;
    const attrs = Object.entries((node[":@"] ?? {}) as Record<string, string>);
    const kids = (node[name] as Record<string, unknown>[]).map(conv).filter((t): t is Tree => t !== undefined);
    return { name, attrs, children: kids };
  };
  const top = (p.parse(text) as Record<string, unknown>[]).map(conv).filter((t): t is Tree => t !== undefined);
  expect(top).toHaveLength(1);
  return top[0]!;
}

function ourTree(text: string, el: XElement): Tree {
  return {
    name: el.name,
    attrs: el.attrs.map((a) => [a.name, attributeValue(text.slice(a.valueStart, a.valueEnd))]),
    children: el.children.map((c) => ourTree(text, c)),
  };
}

describe("lossless XML reader", () => {
  it("builds the same element trees as fast-xml-parser for every test file", () => {
    for (const file of [...ALL_VALID, join(FIX, "integrity.aml")]) {
      const text = readFileSync(file, "utf8");
      const doc = parseXml(text);
      // fast-xml-parser decodes numeric references too, but not attribute-value normalisation
      // (tabs/newlines in values): the test files have none, which this guards
      expect(ourTree(text, doc.root), file).toEqual(fxpTree(text.replace(/^\uFEFF/, "")));
    }
  });

  // the first error of each, as our reader names it
  const MALFORMED: [string, RegExp][] = [
    ['<CAEXFile SchemaVersion="3.0">\n  <A>\n  </B>\n</CAEXFile>\n', /does not match <A>/],
    ['<CAEXFile SchemaVersion="3.0">\n  <A x="1" x="2"/>\n</CAEXFile>\n', /duplicate attribute x/],
    ['<CAEXFile SchemaVersion="3.0">\n  <A x=1/>\n</CAEXFile>\n', /quoted value expected/],
    ['<CAEXFile SchemaVersion="3.0">\n  <A>a &nbsp; b</A>\n</CAEXFile>\n', /undefined entity &nbsp;/],
    ['<CAEXFile SchemaVersion="3.0">\n  <A>a & b</A>\n</CAEXFile>\n', /'&' not followed by a valid reference/],
    ['<CAEXFile SchemaVersion="3.0">\n  <A x="a<b"/>\n</CAEXFile>\n', /'<' not allowed in the value/],
    ['<CAEXFile SchemaVersion="3.0">\n  <!-- a -- b -->\n</CAEXFile>\n', /'--' not allowed inside a comment/],
    ['<CAEXFile SchemaVersion="3.0">\n  <A>&#0;</A>\n</CAEXFile>\n', /not a legal XML character/],
    ['<CAEXFile SchemaVersion="3.0">\n</CAEXFile>\n<Second/>\n', /a second root element/],
    ['<CAEXFile SchemaVersion="3.0">\n  <A>\n', /end of file inside element <A>/],
    ['\n\n<?xml version="1.0"?>\n<CAEXFile/>\n', /XML declaration allowed only at the start/],
  ];
  const malformedFiles = (): string[] =>
    MALFORMED.map(([text], i) => {
      const file = join(TMP, `bad-${i}.xml`);
      writeFileSync(file, text);
      return file;
    });

  it("rejects malformed XML with the line xmllint reports", async () => {
    const files = malformedFiles();
    // libxml2 (WebAssembly) checks every file in one run, each error line prefixed with its name
    const lint = await wasmXmllint(["--noout", ...files.map((f) => basename(f))], files);
    expect(lint.status).not.toBe(0);
    MALFORMED.forEach(([text, re], i) => {
      const lintLine = firstLine(lint.stderr, basename(files[i]!));
      expect(lintLine, `${text}\nxmllint: ${lint.stderr}`).toBeGreaterThan(0);
      let err: unknown;
      try {
        readAml(Buffer.from(text), files[i]!);
      } catch (e) {
        err = e;
      }
      expect(err, text).toBeInstanceOf(XmlError);
      const x = err as XmlError;
      expect(x.detail, text).toMatch(re);
      expect(x.column).toBeGreaterThan(0);
      // libxml2 reports where it noticed the error: the same line, or (for an unclosed element at
      // the end of the file) the last line; ours names the line of the offending markup
      expect(Math.abs(x.line - lintLine), `${text}\nxmllint: ${lint.stderr}`).toBeLessThanOrEqual(1);
    });
  });

  it("Debian's xmllint reports each malformed file's first error at the same line", async (ctx) => {
    need(ctx, "xmllint");
    const files = malformedFiles();
    const wasm = await wasmXmllint(["--noout", ...files.map((f) => basename(f))], files);
    for (const f of files) {
      const debian = debianXmllint(["--noout", f]);
      expect(debian.status, f).not.toBe(0);
      expect(firstLine(debian.stderr, f), `${readFileSync(f, "utf8")}\nDebian: ${debian.stderr}\nWebAssembly: ${wasm.stderr}`).toBe(firstLine(wasm.stderr, basename(f)));
    }
  });

  it("rejects invalid UTF-8 and unsupported encodings with a location", () => {
    const bytes = Buffer.concat([Buffer.from('<CAEXFile SchemaVersion="3.0">\n<A>ok '), Buffer.from([0xc3, 0x28]), Buffer.from("</A></CAEXFile>")]);
    expect(() => readAml(bytes, "x.aml")).toThrow(/^2:7: invalid UTF-8/);
    expect(() => readAml(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><CAEXFile/>'), "x")).toThrow(/unsupported encoding "utf-16"/);
  });

  it("rejects unknown schema versions, wrong namespaces and non-CAEX roots, located", () => {
    const bad: [string, string][] = [
      ['<CAEXFile SchemaVersion="4.0" xmlns="http://www.dke.de/CAEX"/>', '1:26: unknown CAEX schema version "4.0"'],
      ['<CAEXFile FileName="x" xmlns="http://www.dke.de/CAEX"/>', "1:1: CAEXFile has no SchemaVersion"],
      ['<CAEXFile SchemaVersion="3.0"/>', "1:1: CAEX 3.0 requires the namespace http://www.dke.de/CAEX, found no namespace"],
      ['<CAEXFile SchemaVersion="3.0" xmlns="http://example.org/other"/>', "1:1: CAEX 3.0 requires the namespace http://www.dke.de/CAEX, found http://example.org/other"],
      ['<CAEXFile SchemaVersion="2.15" xmlns="http://www.dke.de/CAEX"/>', "1:1: CAEX 2.15 elements have no namespace"],
      ['\n<Root SchemaVersion="3.0"/>', "2:1: root element is <Root>"],
    ];
    for (const [text, msg] of bad) expect(() => readAml(Buffer.from(text), "x"), text).toThrow(msg);
  });
});

// ------------------------------------------------------------------ the round trip

/** XPath count of the CAEX elements named `k` outside AdditionalInformation (as roundtrip counts them). */
const countExpr = (k: string): string => `count(//*[local-name()='${k}' and not(ancestor::*[local-name()='AdditionalInformation'])])`;

describe("round trip of test/data/aml/ from the Turtle text alone", () => {
  it("gives every file back byte-equal and c14n-equal, schema-valid in -> out", async () => {
    expect(SHARED_FILES.length).toBeGreaterThanOrEqual(9);
    const r = await roundtrip(SHARED_FILES);
    expect(r.failed).toEqual([]);
    expect(r.files).toBe(SHARED_FILES.length);
    expect(r.parsed).toBe(r.files);
    expect(r.byteEqual).toBe(r.files);
    expect(r.c14nEqual).toBe(r.files);
    expect(r.schemaValidOut).toBe(r.schemaValidIn);
    // the counts: SPARQL over the graph against libxml2's XPath over the file (an independent count)
    const n = Object.fromEntries(COUNTED.map((k) => [k, 0]));
    for (const f of SHARED_FILES) {
      const values = await xpathStrings(COUNTED.map(countExpr), f);
      COUNTED.forEach((k, i) => (n[k]! += Number(values[i])));
    }
    for (const k of COUNTED) expect(r.counts[k], k).toBe(n[k]);
    expect(r.counts.InternalElement).toBeGreaterThan(0);
    expect(r.counts.InternalLink).toBeGreaterThan(0);
  });

  it("keeps CRLF, comments, PIs, CDATA, references, quoting, DOCTYPE, BOM, foreign content and ISO-8859-1", async () => {
    const r = await roundtrip(amlFiles(FIX));
    expect(r.failed).toEqual([]);
    expect(r.byteEqual).toBe(r.files);
    const edge = load(join(FIX, "edge-cases.aml"));
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(FIX, "edge-cases.aml"))]);
    expect((await amlFromTurtle(amlToTurtle(readAml(bom, "bom.aml")), { file: "x" })).equals(bom)).toBe(true);
    expect(edge.doc.text).toContain("\r\n");
  });

  it("regenerates from the semantic values: editing a literal in the graph edits the file", () => {
    const m = load(join(SHARED, "Topology_2021.aml"));
    const quads = amlToQuads(m).map((q) =>
      q.predicate.value === `${AML}name` && q.object.value === "firstScrewdriver"
        ? DataFactory.quad(q.subject, q.predicate, DataFactory.literal('first "Screw" <driver>'))
        : q,
    );
    const out = amlFromQuads(quads).toString("utf8");
    expect(out).toContain('<InternalElement Name="first &quot;Screw&quot; &lt;driver&gt;" ID="788eb291');
    expect(out.replace('first &quot;Screw&quot; &lt;driver&gt;', "firstScrewdriver")).toBe(readFileSync(join(SHARED, "Topology_2021.aml"), "utf8"));
  });

  it("is deterministic, and the shared sorted writer gives the same graph", () => {
    const m = load(join(SHARED, "Part2.aml"));
    const a = amlToTurtle(m);
    expect(amlToTurtle(load(join(SHARED, "Part2.aml")))).toBe(a);
    const ours = writeNTriples(parseTurtle(a, "a.ttl"));
    expect(writeNTriples(parseTurtle(writeTurtle(amlToQuads(m)), "b.ttl"))).toBe(ours);
    expect(writeNTriples(amlToQuads(m))).toBe(ours);
    expect(a).not.toMatch(/_:/); // no blank nodes
  });

  it("refuses graphs that cannot give a file back", () => {
    const quads = amlToQuads(load(join(SHARED, "Empty.aml")));
    const noTemplate = quads.filter((q, i) => !(q.predicate.value === `${AML}xmlTemplate` && i > 20));
    expect(() => amlFromQuads(noTemplate)).toThrow(GraphError);
    const noName = quads.filter((q) => q.predicate.value !== `${AML}name`);
    expect(() => amlFromQuads(noName)).toThrow(/aml:name needs exactly one value/);
    expect(() => amlFromQuads([])).toThrow(/no CAEX file/);
  });
});

// ------------------------------------------------------------------ semantic layer

describe("semantic layer", () => {
  const base = (f: string) => `https://w3id.org/twin/aml/file/${f}/`;

  it("types instances by their classes and links classes by rdfs:subClassOf, through aliases", () => {
    const s = SparqlStore.fromQuads(amlToQuads(load(join(SHARED, "Topology_2021.aml"))));
    const b = base("Topology_2021.aml");
    expect(s.ask(`ASK { <${b}id/788eb291-f103-4fdc-aba0-4893b599f556> a <${b}sucl.LibOfCommonTools/ElectricScrewdriver>, <${b}rcl.ManufacturingRoleClasses/Tool> }`)).toBe(true);
    // RefBaseClassPath="BaseRoleClassLib@AutomationMLBaseRoleClassLib/AutomationMLBaseRole" through the ExternalReference
    expect(
      s.ask(`ASK { <${b}rcl.ManufacturingRoleClasses/Tool> <${NS.rdfs}subClassOf> <${base("AutomationMLBaseRoleClassLib.aml")}rcl.AutomationMLBaseRoleClassLib/AutomationMLBaseRole> }`),
    ).toBe(true);
    expect(s.ask(`ASK { <${b}id/%7B5f535d4c-dd46-4c1c-898c-4e58419048b6%7D> a <${b}icl.MyInterfaces/Energy>, <${AML}ExternalInterface> }`)).toBe(true);
  });

  it("resolves relative class paths as the AutomationML editor writes them", () => {
    const s = SparqlStore.fromQuads(amlToQuads(load(join(SHARED, "Test4_SUC_V3.aml"))));
    const lib = `${base("Test4_SUC_V3.aml")}icl.AutomationMLInterfaceClassLib/AutomationMLBaseInterface`;
    expect(s.ask(`ASK { <${lib}/ExternalDataConnector/ExternalDataReference> <${NS.rdfs}subClassOf> <${lib}/ExternalDataConnector> . <${lib}/Order> <${NS.rdfs}subClassOf> <${lib}> }`)).toBe(true);
    expect(s.count(`SELECT (COUNT(*) AS ?n) WHERE { ?c a <${AML}InterfaceClass> ; <${AML}refBaseClassPath> ?p . FILTER NOT EXISTS { ?c <${NS.rdfs}subClassOf> ?b } }`)).toBe(0);
  });

  it("resolves 2.15 InternalLink partners (ID:Name) to the interfaces' IRIs", () => {
    const s = SparqlStore.fromQuads(amlToQuads(load(join(SHARED, "Part2.aml"))));
    const rows = s.select(`SELECT ?a ?b WHERE { ?l a <${AML}InternalLink> ; <${AML}partnerA> ?a ; <${AML}partnerB> ?b }`);
    expect(rows).toEqual([{ a: `${base("Part2.aml")}id/30a77403-80d4-4716-afc6-700449c14bc2`, b: `${base("Part2.aml")}id/d62375b7-eb43-47bc-9d5f-f402bbd18b83` }]);
    const links = SparqlStore.fromQuads(amlToQuads(load(join(SHARED, "ARAPCExample.aml"))));
    expect(links.count(`SELECT (COUNT(*) AS ?n) WHERE { ?l a <${AML}InternalLink> FILTER NOT EXISTS { ?l <${AML}partnerA> ?a ; <${AML}partnerB> ?b } }`)).toBe(0);
  });

  it("gives attributes XSD data types, typed values and QUDT units", () => {
    const s = SparqlStore.fromQuads(amlToQuads(load(join(MODELS, "test-rig.aml"))));
    const rows = s.select(`SELECT ?v ?u ?dt WHERE { ?ie <${AML}name> "Bearing0" ; <${AML}attribute> ?a . ?a <${AML}name> "kyy" ; <${AML}typedValue> ?v ; <http://qudt.org/schema/qudt/unit> ?u ; <${AML}dataType> ?dt }`);
    expect(rows).toEqual([{ v: "12000000", u: "http://qudt.org/vocab/unit/N-PER-M", dt: `${NS.xsd}double` }]);
    expect(s.ask(`ASK { ?i <${AML}refURI> "../test-rig.json"^^<${NS.xsd}anyURI> }`)).toBe(true);
  });

  it("uses only terms the ontology declares", () => {
    const onto = parseTurtle(readFileSync(join(ROOT, "ontologies", "aml.ttl"), "utf8"), "aml.ttl");
    const declared = new Set(onto.filter((q) => q.predicate.value === `${NS.rdf}type`).map((q) => q.subject.value));
    const used = new Set<string>();
    for (const f of [...ALL_VALID, ...amlFiles(FIX)]) {
      for (const q of amlToQuads(load(f))) {
        if (q.predicate.value.startsWith(AML)) used.add(q.predicate.value);
        if (q.predicate.value === `${NS.rdf}type` && q.object.value.startsWith(AML)) used.add(q.object.value);
      }
    }
    const missing = [...used].filter((t) => !declared.has(t));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(60);
  });
});

// ------------------------------------------------------------------ SHACL

describe("SHACL shapes", () => {
  const shapes = loadShapes(join(ROOT, "ontologies", "aml-shapes.ttl"));

  it("every graph written for the test files and models conforms", async () => {
    for (const f of ALL_VALID) {
      const report = await validateShacl(amlToQuads(load(f)), shapes);
      expect(report.results.slice(0, 3), f).toEqual([]);
      expect(report.conforms, f).toBe(true);
    }
  });

  it("catches broken graphs: missing layout, repeated index, blank nodes, a missing Name", async () => {
    const quads = amlToQuads(load(join(SHARED, "Topology_2021.aml")));
    const t = (q: Quad, p: string) => q.predicate.value === `${AML}${p}`;
    const broken: [string, Quad[]][] = [
      ["no template", quads.filter((q, i) => !(t(q, "xmlTemplate") && i === quads.findIndex((x) => t(x, "xmlTemplate") && x.subject.value.includes("/id/"))))],
      ["second index", [...quads, ...quads.filter((q) => t(q, "xmlIndex")).slice(3, 4).map((q) => DataFactory.quad(q.subject, q.predicate, DataFactory.literal("99", DataFactory.namedNode(`${NS.xsd}integer`))))]],
      ["no name", quads.filter((q) => !(t(q, "name") && q.object.value === "firstScrewdriver"))],
      ["blank node", parseTurtle(`_:b a <${AML}Attribute> ; <${AML}name> "x" ; <${AML}xmlTemplate> "<Attribute/>" .`, "b.ttl")],
    ];
    for (const [what, data] of broken) {
      const report = await validateShacl(data, shapes);
      expect(report.conforms, what).toBe(false);
    }
  });
});

// ------------------------------------------------------------------ validation findings

describe("validation", () => {
  it("reports every kind of reference-integrity finding with its line", () => {
    const m = load(join(FIX, "integrity.aml"));
    const got = integrityFindings(m).map((f) => `${f.line} ${f.severity} ${f.kind}`);
    expect(got).toEqual([
      "7 error unresolved-reference",
      "9 error duplicate-id",
      "9 error unresolved-reference",
      "13 error unresolved-reference",
      "14 warning external-reference",
      "16 error unresolved-link",
      "16 error unresolved-link",
      "23 error inheritance-cycle",
      "30 error inheritance-cycle",
    ]);
    // lines checked against the file itself
    const lines = readFileSync(join(FIX, "integrity.aml"), "utf8").split("\n");
    expect(lines[8]).toContain('Name="B" ID="id-1"');
    expect(lines[15]).toContain('Name="broken"');
    expect(lines[22]).toContain('Name="R1"');
  });

  it("passes the shared test files' own libraries and the models with no errors", () => {
    for (const f of [join(SHARED, "Test4_SUC_V3.aml"), join(SHARED, "Empty.aml"), join(SHARED, "Robots.aml"), ...amlFiles(MODELS)]) {
      expect(integrityFindings(load(f)).filter((x) => x.severity === "error"), f).toEqual([]);
    }
  });

  it("validates with libxml2 against the vendored schema of the file's version", async () => {
    expect((await schemaValidate(join(SHARED, "Topology_2021.aml"), "2.15")).valid).toBe(true);
    expect((await schemaValidate(join(SHARED, "Robots.aml"), "3.0")).valid).toBe(true);
    const r = await schemaValidate(join(FIX, "edge-cases.aml"), "3.0");
    expect(r.valid).toBe(false);
    expect(r.findings.map((f) => f.line)).toEqual([5, 7]); // a foreign attribute; a <Description> after <SuperiorStandardVersion>
    expect(r.findings[1]!.message).toMatch(/^Element '\{http:\/\/www\.dke\.de\/CAEX\}Description': This element is not expected\./);
    // several files in one run: each its own validity and findings
    const many = await schemaValidateFiles([join(FIX, "edge-cases.aml"), join(SHARED, "Robots.aml"), join(FIX, "edge-cases.aml")], "3.0");
    expect(many.map((m) => m.valid)).toEqual([false, true, false]);
    expect(many[0]).toEqual(r);
    expect(many[2]).toEqual(r);
    expect(many[1]!.findings).toEqual([]);
  });

  it("finds what Debian's xmllint finds, on every CAEX file of the repository and on invalid ones", async (ctx) => {
    need(ctx, "xmllint");
    const cases = [...invalidCases(), ...[...ALL_VALID, ...amlFiles(FIX)].map((f) => ({ file: f, version: load(f).version }))];
    expect(cases.filter((c) => c.file.includes("invalid-")).length).toBe(6);
    for (const { file, version } of cases) {
      const ours = await schemaValidate(file, version);
      const debian = debianXmllint(["--noout", "--nonet", "--schema", schemaFile(version), file]);
      expect(debian.status === 0, `${file}: Debian's xmllint exit status ${debian.status}`).toBe(ours.valid);
      expect(ours.findings, `${file}\nDebian: ${debian.stderr}`).toEqual(xmllintFindings(debian.stderr, file, debian.status !== 0));
      if (file.includes("invalid-")) expect(ours.findings.length, file).toBeGreaterThan(0);
    }
  });

  it("gives the canonical XML (c14n) of Debian's xmllint --c14n, byte for byte", async (ctx) => {
    need(ctx, "xmllint");
    for (const file of [...ALL_VALID, ...amlFiles(FIX)]) {
      const debian = debianXmllint(["--c14n", "--nonet", file]);
      expect(debian.status, file).toBe(0);
      expect(await c14n(file), file).toBe(debian.stdout);
    }
  });
});

/** Schema-invalid CAEX files made from valid ones, each with one kind of error. */
function invalidCases(): { file: string; version: CaexVersion }[] {
  const edit = (from: string, name: string, f: (text: string) => string): { file: string; version: CaexVersion } => {
    const text = readFileSync(from, "utf8");
    const out = f(text);
    expect(out, name).not.toBe(text);
    const file = join(TMP, `invalid-${name}.aml`);
    writeFileSync(file, out);
    return { file, version: load(from).version };
  };
  const robots = join(SHARED, "Robots.aml"); // 3.0
  const topology = join(SHARED, "Topology_2021.aml"); // 2.15
  const part2 = join(SHARED, "Part2.aml"); // 2.15, with attribute values
  return [
    edit(robots, "unknown-element", (t) => t.replace(/(<InternalElement [^>]*>)/, "$1<Bogus/>")),
    edit(robots, "missing-name", (t) => t.replace(/(<InternalElement) Name="[^"]*"/, "$1")),
    edit(robots, "fixed-version", (t) => t.replace('SchemaVersion="3.0"', 'SchemaVersion="3.1"')),
    edit(part2, "two-values", (t) => t.replace(/(<Value>[^<]*<\/Value>)/, "$1$1")),
    edit(topology, "unknown-attribute", (t) => t.replace(/<InternalElement /, '<InternalElement Colour="red" ')),
    edit(topology, "element-order", (t) => t.replace(/(<InternalElement [^>]*>)/, "$1<RoleRequirements RefBaseRoleClassPath=\"x\"/><Attribute Name=\"late\"/>")),
  ];
}

// ------------------------------------------------------------------ query API

describe("resolution and query API", () => {
  it("finds by ID, resolves class paths through aliases, follows inheritance", () => {
    const q = new AmlQuery(load(join(SHARED, "Topology_2021.aml")));
    const ie = q.findById("788eb291-f103-4fdc-aba0-4893b599f556")!;
    expect(q.name(ie)).toBe("firstScrewdriver");
    const ext = q.resolveClassPath("BaseRoleClassLib@AutomationMLBaseRoleClassLib/AutomationMLBaseRole", "RoleClass");
    expect(ext.kind).toBe("external");
    expect(ext.kind === "external" && ext.iri).toBe("https://w3id.org/twin/aml/file/AutomationMLBaseRoleClassLib.aml/rcl.AutomationMLBaseRoleClassLib/AutomationMLBaseRole");
    const { chain, cycle } = q.inheritanceChain(ie);
    expect(cycle).toBe(false);
    expect(chain.map((c) => c.path)).toEqual(["LibOfCommonTools/ElectricScrewdriver"]);
    const dmi = new AmlQuery(load(join(SHARED, "Test4_SUC_V3.aml")));
    const edr = dmi.resolveClassPath("AutomationMLInterfaceClassLib/AutomationMLBaseInterface/ExternalDataConnector/ExternalDataReference", "InterfaceClass");
    expect(edr.kind).toBe("local");
    if (edr.kind !== "local") return;
    expect(dmi.inheritanceChain(edr.node).chain.map((c) => c.path)).toEqual(["ExternalDataConnector", "AutomationMLBaseInterface"]);
    expect(dmi.resolveClassPath("NoLib/X", "InterfaceClass").kind).toBe("unresolved");
  });

  it("searches the instance hierarchy with XPath", () => {
    const q = new AmlQuery(load(join(MODELS, "test-rig.aml")));
    const motor = q.search("[@Name='Motor']");
    expect(motor.map((h) => h.node?.tag)).toEqual(["InternalElement"]);
    expect(q.attribute(motor[0]!.node!, "MaxSpeed")).toMatchObject({ value: "6000", unit: "rpm", dataType: "xs:double" });
    const stiff = q.search("//InternalElement[Attribute[@Name='kxx']/Value > 5000000 or Attribute[@Name='kxx']/Value >= 10000000]");
    expect(stiff.map((h) => q.name(h.node!))).toEqual(["Bearing0", "Bearing1"]);
    expect(q.search("//InternalElement[RoleRequirements[contains(@RefBaseRoleClassPath, 'Accelerometer')]]")).toHaveLength(4);
    // classes live outside the instance hierarchy: not found with the default scope
    const lib = new AmlQuery(load(join(MODELS, "twin-library.aml")));
    expect(lib.search("//*[@Name='DigitalTwin']")).toHaveLength(0);
    expect(lib.search("//*[@Name='DigitalTwin']", "document")).toHaveLength(2);
  });
});

