// The shared RDF layer: deterministic writers, located syntax errors, SPARQL through Oxigraph and
// SHACL through rdf-validate-shacl.
import { describe, expect, it } from "vitest";
import { iri, lit, parseTurtle, quad, RdfSyntaxError, writeJsonLd, writeNTriples, writeTurtle } from "../src/rdf/graph.js";
import { NS, TWIN } from "../src/rdf/namespaces.js";
import { SparqlError, SparqlStore } from "../src/rdf/sparql.js";
import { validateShacl } from "../src/rdf/shacl.js";

const ex = (s: string) => iri(`${TWIN}test/${s}`);
const type = iri(`${NS.rdf}type`);

const sample = [
  quad(ex("b"), iri(`${NS.rdfs}label`), lit("second")),
  quad(ex("a"), type, ex("Thing")),
  quad(ex("a"), iri(`${NS.rdfs}label`), lit("first", "en")),
  quad(ex("a"), ex("mass"), lit(32.5)),
  quad(ex("a"), ex("count"), lit(3)),
  quad(ex("b"), type, ex("Thing")),
];

describe("deterministic writers", () => {
  it("give the same bytes for any order of the same triples, and drop duplicates", () => {
    const shuffled = [sample[3]!, sample[0]!, sample[5]!, sample[1]!, sample[4]!, sample[2]!, sample[0]!];
    expect(writeTurtle(shuffled)).toBe(writeTurtle(sample));
    expect(writeNTriples(shuffled)).toBe(writeNTriples(sample));
    expect(writeJsonLd(shuffled)).toBe(writeJsonLd(sample));
    expect(writeNTriples(sample).trim().split("\n")).toHaveLength(6);
  });

  it("round-trips through Turtle text to the same set of triples", () => {
    const ttl = writeTurtle(sample);
    expect(ttl).toContain("@prefix rdfs:");
    expect(ttl).not.toContain("@prefix owl:"); // only prefixes in use
    expect(writeNTriples(parseTurtle(ttl, "x.ttl"))).toBe(writeNTriples(sample));
  });

  it("writes doubles so that they read back to the same value", () => {
    for (const x of [0.1, 1 / 3, 1e-300, 2.5e20, -7]) {
      const back = parseTurtle(writeTurtle([quad(ex("a"), ex("v"), lit(x, `${NS.xsd}double`))]), "x.ttl");
      expect(Number(back[0]!.object.value)).toBe(x);
    }
  });
});

describe("parse errors", () => {
  it("name the file and the line", () => {
    const bad = "@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b \"open .\n";
    try {
      parseTurtle(bad, "bad.ttl");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RdfSyntaxError);
      expect((e as RdfSyntaxError).message).toMatch(/^bad\.ttl:3: /);
    }
  });
});

describe("SPARQL (Oxigraph)", () => {
  const store = SparqlStore.fromQuads(sample);
  it("counts, selects and asks", () => {
    expect(store.count(`SELECT (COUNT(?s) AS ?n) WHERE { ?s a <${TWIN}test/Thing> }`)).toBe(2);
    const rows = store.select(`SELECT ?l WHERE { ?s <${NS.rdfs}label> ?l } ORDER BY ?l`);
    expect(rows.map((r) => r.l)).toEqual(["first", "second"]);
    expect(store.ask(`ASK { <${TWIN}test/a> <${TWIN}test/mass> ?m FILTER(?m > 30) }`)).toBe(true);
  });
  it("reports a bad query", () => {
    expect(() => store.select("SELEC ?x WHERE {}")).toThrow(SparqlError);
  });
});

describe("SHACL (rdf-validate-shacl)", () => {
  const shapes = parseTurtle(
    `@prefix sh: <${NS.sh}> . @prefix ex: <${TWIN}test/> . @prefix xsd: <${NS.xsd}> .
     ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
       sh:property [ sh:path ex:mass ; sh:minCount 1 ; sh:datatype xsd:double ] .`,
    "shapes.ttl",
  );
  it("finds the Thing without a mass, and only it", async () => {
    const report = await validateShacl(sample, shapes);
    expect(report.conforms).toBe(false);
    expect(report.results.map((r) => r.focusNode)).toEqual([`${TWIN}test/b`]);
    expect(report.results[0]!.path).toBe(`${TWIN}test/mass`);
  });
  it("conforms when every Thing has a mass", async () => {
    const report = await validateShacl([...sample, quad(ex("b"), ex("mass"), lit(1.5))], shapes);
    expect(report.conforms).toBe(true);
  });
});
