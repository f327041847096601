// Modelica <-> RDF (issue 4): grammar coverage of the fixtures, lossless round trip from the Turtle
// text alone, SPARQL counts equal to AST counts, SHACL conformance, determinism, competency queries,
// canonical printer stability, error messages.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { DataFactory } from "n3";
import { describe, expect, it } from "vitest";
import { astEqual, countAst } from "../src/modelica/ast-util.js";
import { modelicaFromRdf } from "../src/modelica/from-rdf.js";
import { ModelicaSyntaxError } from "../src/modelica/lexer.js";
import { readSources, type SourceFile } from "../src/modelica/package.js";
import { parseModelica } from "../src/modelica/parser.js";
import { GraphError, modelicaFromTurtle } from "../src/modelica/from-rdf.js";
import { isLayout } from "../src/modelica/layout.js";
import { parseSources, parseWithLayout, regenerate, roundtrip, sourcesToTurtle, toGraph, toTurtle } from "../src/modelica/pipeline.js";
import { printCanonical } from "../src/modelica/printer.js";
import { canonicalQuads, parseTurtle, writeTurtle as writeTurtleN3 } from "../src/rdf/graph.js";
import { writeModelicaTurtle as writeTurtle } from "../src/modelica/turtle.js";
import { MO } from "../src/rdf/namespaces.js";
import { validateShacl, loadShapes } from "../src/rdf/shacl.js";
import { SparqlStore } from "../src/rdf/sparql.js";

const { quad, literal } = DataFactory;
const ROOT = join(import.meta.dirname, "..");
const FIX = join(ROOT, "test", "fixtures", "modelica");
const MODELS = join(ROOT, "models", "modelica");
const SHAPES = loadShapes(join(ROOT, "ontologies", "modelica-shapes.ttl"));

/** Every input: each fixture file or package directory and each model package. */
function corpora(): string[] {
  const fx = readdirSync(FIX).map((n) => join(FIX, n));
  const md = readdirSync(MODELS).map((n) => join(MODELS, n)).filter((p) => statSync(p).isDirectory());
  return [...fx, ...md];
}

/** The productions of MLS 3.6 Appendix A (A.2.1-A.2.7) and their alternatives, as the parser names them. */
const PRODUCTIONS = [
  "stored-definition", "stored-definition/within", "stored-definition/final",
  "class-definition", "class-definition/encapsulated", "class-prefixes", "class-prefixes/partial",
  "class-prefixes/class", "class-prefixes/model", "class-prefixes/record", "class-prefixes/operator-record", "class-prefixes/block",
  "class-prefixes/expandable", "class-prefixes/connector", "class-prefixes/type", "class-prefixes/package",
  "class-prefixes/pure", "class-prefixes/impure", "class-prefixes/operator-function", "class-prefixes/function", "class-prefixes/operator",
  "class-specifier", "long-class-specifier", "long-class-specifier/extends", "short-class-specifier", "short-class-specifier/enumeration",
  "short-class-specifier/enumeration-colon", "der-class-specifier", "base-prefix", "enum-list", "enumeration-literal",
  "composition", "composition/public", "composition/protected", "composition/external", "composition/annotation",
  "language-specification", "external-function-call", "external-function-call/lhs", "element-list", "element",
  "element/redeclare", "element/final", "element/inner", "element/outer", "element/replaceable", "element/class-definition", "element/component-clause",
  "import-clause", "import-clause/alias", "import-clause/name", "import-clause/dot-star", "import-clause/dot-space-star", "import-list",
  "extends-clause", "constraining-clause", "component-clause", "type-prefix", "type-prefix/flow", "type-prefix/stream",
  "type-prefix/discrete", "type-prefix/parameter", "type-prefix/constant", "type-prefix/input", "type-prefix/output",
  "component-list", "component-declaration", "condition-attribute", "declaration",
  "modification", "modification/=", "modification/:=", "modification-expression", "modification-expression/break",
  "class-modification", "argument-list", "argument", "argument/each", "argument/final", "element-modification-or-replaceable",
  "element-modification", "element-redeclaration", "element-replaceable", "component-clause1", "component-declaration1", "short-class-definition",
  "equation-section", "equation-section/initial", "algorithm-section", "algorithm-section/initial",
  "equation", "equation/simple", "equation/call", "statement", "statement/assign", "statement/call", "statement/multiple-output",
  "statement/break", "statement/return", "if-equation", "if-statement", "if/elseif", "if/else", "for-equation", "for-statement",
  "for-indices", "for-index", "for-index/implicit-range", "while-statement", "when-equation", "when-statement", "when/elsewhen", "connect-clause",
  "expression", "expression/if", "expression/elseif", "simple-expression", "simple-expression/range", "logical-expression", "logical-expression/or",
  "logical-term", "logical-term/and", "logical-factor", "logical-factor/not", "relation", "relational-operator", "arithmetic-expression",
  "arithmetic-expression/unary", "add-operator", "term", "mul-operator", "factor", "factor/power",
  "primary", "primary/number", "primary/string", "primary/true", "primary/false", "primary/end", "primary/der", "primary/initial", "primary/pure",
  "primary/call", "primary/component-reference", "primary/parenthesis", "primary/matrix", "primary/matrix-rows", "primary/array",
  "type-specifier", "type-specifier/global", "name", "component-reference", "component-reference/global",
  "function-call-args", "function-arguments", "function-arguments/reduction", "function-arguments-non-first", "array-arguments",
  "array-arguments/comprehension", "array-arguments-non-first", "named-arguments", "named-argument", "function-argument",
  "function-partial-application", "output-expression-list", "output-expression-list/comma", "expression-list", "array-subscripts",
  "subscript", "subscript/colon", "description", "description/annotation", "description-string", "description-string/concatenation",
  "annotation-clause",
];

describe("modelica parser", () => {
  it("the fixtures and models exercise every production of MLS 3.6 Appendix A", () => {
    const cov = new Set<string>();
    for (const c of corpora()) parseSources(readSources(c), cov);
    const missing = PRODUCTIONS.filter((p) => !cov.has(p));
    expect(missing).toEqual([]);
    // and the list is complete: the parser records nothing outside it but the empty-array extension
    expect([...cov].filter((r) => !PRODUCTIONS.includes(r)).sort()).toEqual(["primary/empty-array"]);
  });

  it("reports syntax errors as file:line:col: expected X, found Y", () => {
    const bad = "model M\n  Real x\n  Real y;\nend M;\n";
    expect(() => parseModelica(bad, "bad.mo")).toThrow(ModelicaSyntaxError);
    expect(() => parseModelica(bad, "bad.mo")).toThrow("bad.mo:3:3: expected ';', found 'Real'");
    expect(() => parseModelica("model M\n  Real x = ;\nend M;", "e.mo")).toThrow("e.mo:2:12: expected an expression, found ';'");
    expect(() => parseModelica('model M "unterminated\nend M;', "s.mo")).toThrow("s.mo:1:9: unterminated string");
    expect(() => parseModelica("model M\nequation\n  x + 1;\nend M;", "q.mo")).toThrow("q.mo:3:8: expected '=', found ';'");
    expect(() => parseModelica("model M end M", "eof.mo")).toThrow("eof.mo:1:14: expected ';', found end of file");
  });

  it("canonical printing is stable: print(parse(print(ast))) = print(ast), same AST", () => {
    for (const c of corpora())
      for (const s of readSources(c).filter((f) => f.path.endsWith(".mo"))) {
        const ast = parseModelica(s.text, s.path);
        const text = printCanonical(ast);
        const again = parseModelica(text, `${s.path} (canonical)`);
        expect(astEqual(ast, again), s.path).toBe(true);
        expect(printCanonical(again)).toBe(text);
      }
  });
});

function graphOf(sources: SourceFile[]) {
  const parsed = parseSources(sources);
  const turtle = writeTurtle(toGraph(parsed));
  return { parsed, turtle, quads: parseTurtle(turtle, "t.ttl") };
}

describe("modelica <-> RDF", () => {
  it("round trip from the Turtle text: every file AST-equal and byte-identical, counts equal in SPARQL", () => {
    for (const c of corpora()) {
      const sources = readSources(c);
      const r = roundtrip(sources);
      expect(r.failed, c).toEqual([]);
      expect(r.parsed).toBe(r.files);
      expect(r.astEqual).toBe(r.files);
      expect(r.byteEqual).toBe(r.files);
      const { parsed, turtle } = graphOf(sources);
      const store = SparqlStore.fromTurtle(turtle, c);
      const n = (cls: string): number => store.count(`SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a <${MO}${cls}> }`);
      expect(n("ClassDefinition"), c).toBe(parsed.counts.classes);
      expect(n("Component"), c).toBe(parsed.counts.components);
      expect(n("Connection"), c).toBe(parsed.counts.connects);
      expect(n("Equation"), c).toBe(parsed.counts.equations);
      expect(n("Statement"), c).toBe(parsed.counts.statements);
      expect(n("Annotation"), c).toBe(parsed.counts.annotations);
    }
  });

  it("canonical layout from the graph parses to the same AST", () => {
    for (const c of corpora()) {
      const { parsed, quads } = graphOf(readSources(c));
      const texts = regenerate(modelicaFromRdf(quads), "canonical");
      for (const f of parsed.files) {
        const t = texts.find((x) => x.path === f.path)!;
        expect(astEqual(parseModelica(t.text, f.path), f.sd), f.path).toBe(true);
      }
    }
  });

  it("is deterministic: same input, byte-identical Turtle (also with files given in another order)", () => {
    const sources = readSources(join(MODELS, "RotorRig"));
    const a = writeTurtle(toGraph(parseSources(sources)));
    const b = writeTurtle(toGraph(parseSources([...sources].reverse())));
    expect(b).toBe(a);
    expect(a).not.toMatch(/_:/); // no blank nodes
    // the fast writer and the shared n3-based writer describe the same graph
    const q1 = parseTurtle(a, "a.ttl");
    expect(writeTurtleN3(parseTurtle(writeTurtleN3(q1), "b.ttl"))).toBe(writeTurtleN3(q1));
    expect(parseTurtle(writeTurtleN3(toGraph(parseSources(sources))), "c.ttl").length).toBe(q1.length);
  });

  it("every graph conforms to the SHACL shapes, and a broken graph does not", async () => {
    for (const c of corpora()) {
      const { quads } = graphOf(readSources(c));
      const report = await validateShacl(quads, SHAPES);
      expect(report.results.slice(0, 3), c).toEqual([]);
      expect(report.conforms).toBe(true);
    }
    const { quads } = graphOf(readSources(join(MODELS, "Systems")));
    const broken = quads.filter((q) => !(q.predicate.value === `${MO}typeName` && q.subject.value.endsWith("/R")));
    const report = await validateShacl(broken, SHAPES);
    expect(report.conforms).toBe(false);
    expect(report.results.some((r) => r.path === `${MO}typeName`)).toBe(true);
  });

  it("uses only terms the ontology declares, each with a label and a comment", () => {
    const onto = parseTurtle(readFileSync(join(ROOT, "ontologies", "modelica.ttl"), "utf8"), "modelica.ttl");
    const declared = new Set(onto.filter((q) => q.predicate.value.endsWith("#type")).map((q) => q.subject.value));
    const labelled = new Set(onto.filter((q) => q.predicate.value.endsWith("#label")).map((q) => q.subject.value));
    const commented = new Set(onto.filter((q) => q.predicate.value.endsWith("#comment")).map((q) => q.subject.value));
    const used = new Set<string>();
    for (const c of corpora())
      for (const q of graphOf(readSources(c)).quads) {
        if (q.predicate.value.startsWith(MO)) used.add(q.predicate.value);
        if (q.object.termType === "NamedNode" && q.object.value.startsWith(MO)) used.add(q.object.value);
      }
    for (const t of used) {
      expect(declared.has(t), t).toBe(true);
      expect(labelled.has(t) && commented.has(t), t).toBe(true);
    }
  });
});

describe("competency queries", () => {
  const sources = [...readSources(join(MODELS, "RotorRig")), ...readSources(join(MODELS, "Systems"))];
  const { turtle, parsed } = graphOf(sources);
  const store = SparqlStore.fromTurtle(turtle, "models.ttl");
  const B = "https://w3id.org/twin/modelica/model/";
  const PFX = `PREFIX mo: <${MO}> PREFIX qudt: <http://qudt.org/schema/qudt/> PREFIX unit: <http://qudt.org/vocab/unit/>\n`;

  it("Q1 components of a model with their types and parameter values", () => {
    const rows = store.select(`${PFX}SELECT ?name ?type ?value WHERE { <${B}RotorRig.TestRig> mo:component ?c . ?c mo:name ?name ; mo:type ?t . ?t mo:fullName ?type . OPTIONAL { ?c mo:modification ?value } } ORDER BY ?name`);
    const tr = parsed.files.find((f) => f.path === "RotorRig/TestRig.mo")!;
    expect(rows.length).toBe(countAst(tr.sd).components);
    expect(rows.find((r) => r.name === "bearing2")).toEqual({ name: "bearing2", type: "RotorRig.Components.Bearing", value: "(k = 8e6, d = 500)" });
    expect(rows.find((r) => r.name === "motor")!.type).toBe("RotorRig.Components.Motor");
  });

  it("Q2 all models using a given class", () => {
    const rows = store.select(`${PFX}SELECT DISTINCT ?model WHERE { ?model mo:component/mo:type <${B}RotorRig.Components.Mount> } ORDER BY ?model`);
    expect(rows.map((r) => r.model.slice(B.length))).toEqual([
      "RotorRig.Components.Accelerometer", "RotorRig.Components.Bearing", "RotorRig.Components.Pedestal", "RotorRig.Components.Shaft",
    ]);
  });

  it("Q3 connections of a model, both ends resolved to components", () => {
    const rows = store.select(`${PFX}SELECT ?from ?to ?fc ?tc WHERE { <${B}RotorRig.TestRig> mo:connection ?k . ?k mo:fromText ?from ; mo:toText ?to ; mo:fromConnector ?fc ; mo:toConnector ?tc }`);
    expect(rows.length).toBe(11);
    const r = rows.find((x) => x.from === "shaft1.mount")!;
    expect(r.fc).toBe(`${B}RotorRig.Components.Shaft/mount`);
    expect(r.tc).toBe(`${B}RotorRig.Components.Bearing/shaft`);
    const chain = store.count(`${PFX}SELECT (COUNT(?k) AS ?n) WHERE { <${B}Systems.MassSpringDamperChain> mo:connection ?k . ?k mo:fromComponent ?a ; mo:toComponent ?b }`);
    expect(chain).toBe(3);
  });

  it("Q4 parameters with a given unit (directly or through their type), linked to QUDT", () => {
    const rows = store.select(`${PFX}SELECT ?p WHERE { ?p mo:variability "parameter" . { ?p qudt:hasUnit unit:N-PER-M } UNION { ?p mo:type/qudt:hasUnit unit:N-PER-M } } ORDER BY ?p`);
    expect(rows.map((r) => r.p.slice(B.length))).toEqual([
      "RotorRig.Components.Bearing/k", "RotorRig.Components.Pedestal/k", "Systems.SpringDamper/c",
    ]);
  });

  it("Q5 classes extending a given base", () => {
    const rows = store.select(`${PFX}SELECT ?c WHERE { ?c mo:extends <${B}RotorRig.Components.TwoFlanges> }`);
    expect(rows.map((r) => r.c)).toEqual([`${B}RotorRig.Components.Shaft`]);
  });

  it("Q6 equations referencing a variable", () => {
    const rows = store.select(`${PFX}SELECT ?text WHERE { ?e mo:references <${B}Systems.DCMotorDrive/w> ; mo:text ?text } ORDER BY ?text`);
    expect(rows.map((r) => r.text)).toEqual(["J * der(w) = k * i - b * w", "L * der(i) = u - R * i - k * w"]);
  });

  it("structured annotations: experiment settings and documentation", () => {
    const rows = store.select(`${PFX}SELECT ?stop ?tol WHERE { <${B}RotorRig.TestRig> mo:annotation/mo:experiment ?x . ?x mo:stopTime ?stop ; mo:tolerance ?tol }`);
    expect(rows.length).toBe(1);
    expect(Number(rows[0]!.stop)).toBe(2);
    expect(Number(rows[0]!.tol)).toBe(1e-6);
    const info = store.select(`${PFX}SELECT ?info WHERE { <${B}Systems.DCMotorDrive> mo:annotation/mo:documentation/mo:info ?info }`);
    expect(info[0]!.info).toContain("J dw/dt = k i - b w");
  });
});

describe("layout", () => {
  it("keeps comments, blank lines, odd spacing and a BOM byte for byte", () => {
    const src = "\ufeff// head\nmodel  M /* c */ \"d\"\n\n  Real x ;  // tail\nequation\n\tx=1 ;\nend M ;   \n\n";
    const sd = parseWithLayout(src, "m.mo");
    const turtle = writeTurtle(toGraph({ files: [{ path: "m.mo", sd }], others: [], counts: countAst(sd) }));
    const files = regenerate(modelicaFromRdf(parseTurtle(turtle, "m.ttl")), "original");
    expect(files[0]!.text).toBe(src);
  });
});

describe("compact encoding (nothing stored twice)", () => {
  // every hole to-rdf leaves in a text literal, and the cases where it must not leave one
  const src = [
    "model M \"desc with \\\"quotes\\\"\"\r\n",
    "  Real x \"line\\nbreak\" annotation(Placement(transformation(extent = {{-10, -10}, {10, 10}})), Placement);\r\n",
    "  Real y \"a\" + \"b\" annotation(Placement(visible = true));\t// 7|8\r\n",
    "  /* 12 | 3 */ Real z;\n",
    "equation\n",
    "  connect(x, y) annotation(choices(choice(redeclare package P = Q \"w\" annotation(k = 1))), Line(points = {{0, 0}, {1, 1}}));\n",
    "  for i in 1:2 loop\n    connect(y, z) annotation(Line(points = {{i, 0}}));\n    connect(z, x) annotation();\n  end for;\n",
    "algorithm\n  x := 1 annotation(Inline = true);\n",
    "  annotation(Documentation(info = \"<html>\n<p>\\\"q\\\" and a\\\\b</p>\n</html>\", revisions = \"esc\\nape\"),\n",
    "    Icon(coordinateSystem(extent = {{-100, -100}, {100, 100}}), graphics = {Rectangle(extent = {{0, 0}, {1, 1}}), Text(textString = \"%name\")}),\n",
    "    Diagram(graphics = {Line(points = {{0, 0}})}, graphics = {}),\n",
    "    experiment(StopTime = 2));\n",
    "end M;\n",
    "model N\n  annotation(Documentation(info = \"first\"), Documentation(revisions = \"second\"), Icon(graphics = {}));\nend N; // no newline",
  ].join("");

  function back(turtle: string): string {
    return regenerate(modelicaFromTurtle(turtle, "m.ttl"), "original")[0]!.text;
  }

  it("gives the source back byte for byte and AST-equal through every hole", async () => {
    const sources: SourceFile[] = [{ path: "M.mo", abs: "M.mo", text: src }];
    const r = roundtrip(sources);
    expect(r.failed).toEqual([]);
    expect(r.byteEqual).toBe(1);
    const parsed = parseSources(sources);
    const turtle = toTurtle(parsed);
    expect(back(turtle)).toBe(src);
    const store = SparqlStore.fromTurtle(turtle, "m.ttl");
    expect(store.count(`SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a <${MO}Annotation> }`)).toBe(parsed.counts.annotations);
    expect((await validateShacl(parseTurtle(turtle, "m.ttl"), SHAPES)).conforms).toBe(true);
    // a value held by a structured term is not repeated in a text; one that is not held is kept
    const occurrences = (needle: string): number => turtle.split(needle).length - 1;
    expect(occurrences("and a")).toBe(1); // the info text: only mo:info
    expect(occurrences("Rectangle(extent")).toBe(1); // the graphic: only its mo:text
    expect(occurrences("visible = true")).toBe(1); // a single Placement: only mo:placement
    expect(occurrences("transformation(extent")).toBe(2); // two Placement arguments: no hole, text and mo:placement
    expect(occurrences("desc with")).toBe(1); // canonical description: no mo:descriptionSource
    expect(turtle).toContain("mo:descriptionSource"); // "line\nbreak" and "a" + "b" keep their source
    expect(occurrences("esc\\\\nape")).toBe(1); // the escaped revisions stays in the text ...
    expect(turtle).toContain('mo:revisions """esc\nape"""'); // ... and its value is still structured
    expect(occurrences("redeclare package P")).toBe(1); // equation hole: only the annotation node (the nested one has its own node)
    expect(occurrences("(k = 1)")).toBe(2); // ... which holds its nested annotation, that one having its own node too
    expect(occurrences("first")).toBe(2); // two Documentation arguments: no hole, value in the text and in mo:info
    const q = store.select(`PREFIX mo: <${MO}> SELECT ?t WHERE { ?e a mo:Equation ; mo:text ?t } ORDER BY ?t`);
    expect(q.map((r) => r.t)).toContain("connect(x, y) annotation()");
  });

  it("writes the same bytes straight from the ASTs, from the quads and file by file from the sources", () => {
    for (const c of [...corpora(), "inline"]) {
      const sources = c === "inline" ? [{ path: "M.mo", abs: "M.mo", text: src }] : readSources(c);
      const parsed = parseSources(sources);
      const direct = toTurtle(parsed);
      expect(writeTurtle(toGraph(parsed)), c).toBe(direct);
      expect(sourcesToTurtle(sources), c).toBe(direct);
      expect(parseTurtle(direct, "d.ttl").length).toBe(canonicalQuads(toGraph(parsed)).length);
    }
  });

  it("a layout that does not fit the tokens falls back to the pretty-printer, flagged; a malformed one is an error", () => {
    const quads = parseTurtle(toTurtle(parseSources([{ path: "M.mo", abs: "M.mo", text: src }])), "m.ttl");
    const layouts = quads.filter((q) => q.predicate.value === `${MO}layout`);
    expect(layouts.length).toBe(3); // the file and its two classes
    for (const q of layouts) expect(isLayout(q.object.value), q.object.value).toBe(true);
    const withLayoutOfM = (v: string): string =>
      writeTurtle(quads.map((q) => (q.predicate.value === `${MO}layout` && q.subject.value.endsWith("/M") ? quad(q.subject, q.predicate, literal(v)) : q)));
    const layoutOfM = layouts.find((q) => q.subject.value.endsWith("/M"))!.object.value;
    // one token too few for class M: the rest of M is pretty-printed, the file still parses to the same AST
    const files = regenerate(modelicaFromTurtle(withLayoutOfM(layoutOfM.replace(/\d+$/, (n) => String(Number(n) - 1))), "m.ttl"), "original");
    expect(files[0]!.degraded).toBe(true);
    expect(astEqual(parseModelica(files[0]!.text, "m.mo"), parseModelica(src, "m.mo"))).toBe(true);
    // unchanged, it fits
    expect(regenerate(modelicaFromTurtle(withLayoutOfM(layoutOfM), "m.ttl"), "original")[0]).toEqual({ path: "M.mo", text: src, degraded: false });
    expect(() => modelicaFromTurtle(withLayoutOfM("x1"), "m.ttl")).toThrow(GraphError);
    expect(() => modelicaFromTurtle(withLayoutOfM("3|/* open"), "m.ttl")).toThrow(GraphError);
  });
});

