// machine-twin/modelica: each function equals its command's output; bad input gives the CLI's typed, located error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError, InputError } from "../src/errors.js";
import {
  MODELICA_BASE,
  ModelicaGraphError,
  ModelicaSyntaxError,
  modelicaFromTurtle,
  modelicaRoundtrip,
  modelicaToRdf,
  modelicaToTurtle,
  parseModelica,
  parseModelicaSources,
  queryModelica,
  readModelicaSources,
} from "../src/modelica/index.js";
import { RdfSyntaxError, SparqlError } from "../src/rdf/index.js";
import { cli, rejection } from "./helpers/cli-run.js";

const PKG = "test/fixtures/modelica/Pkg";
const RIG = "models/modelica/RotorRig";
const TMP = mkdtempSync(join(tmpdir(), "twin-api-modelica-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const noLayout = (v: unknown): unknown => JSON.parse(JSON.stringify(v, (k, x: unknown) => (k === "layout" ? undefined : x)));

describe("machine-twin/modelica", () => {
  it("parseModelicaSources equals `twin modelica parse --json`", async () => {
    const r = await cli(["modelica", "parse", PKG, "--json"]);
    expect(r.code).toBe(0);
    expect(noLayout(parseModelicaSources(PKG))).toEqual(JSON.parse(r.out));
    // sources in memory give the same ASTs
    const mem = readModelicaSources(PKG).map(({ path, text }) => ({ path, text }));
    expect(noLayout(parseModelicaSources(mem))).toEqual(JSON.parse(r.out));
  });

  it("modelicaToRdf writes the command's bytes (turtle, ntriples) and modelicaFromTurtle gives the files back", async () => {
    for (const format of ["turtle", "ntriples"] as const) {
      const out = join(TMP, `rig.${format}`);
      expect((await cli(["modelica", "to-rdf", RIG, "-o", out, "--format", format])).code).toBe(0);
      expect(modelicaToRdf(RIG, { format })).toBe(readFileSync(out, "utf8"));
    }
    const ttl = modelicaToTurtle(RIG);
    expect(ttl).toBe(readFileSync(join(TMP, "rig.turtle"), "utf8"));
    const sources = readModelicaSources(RIG);
    const files = modelicaFromTurtle(ttl);
    expect(files.map((f) => [f.path, f.text])).toEqual(sources.map((s) => [s.path, s.text]));
    expect(files.every((f) => !f.degraded)).toBe(true);
  });

  it("modelicaRoundtrip equals `twin modelica roundtrip --json` (times aside)", async () => {
    const r = await cli(["modelica", "roundtrip", PKG, "--json"]);
    expect(r.code).toBe(0);
    const { seconds: _a, ...cliReport } = JSON.parse(r.out) as Record<string, unknown>;
    const { seconds: _b, ...lib } = modelicaRoundtrip(PKG);
    expect(lib).toEqual(cliReport);
  });

  it("queryModelica equals `twin modelica query --json` (SELECT and ASK)", async () => {
    const ttl = join(TMP, "pkg.ttl");
    writeFileSync(ttl, modelicaToTurtle(PKG, { base: "http://example.org/m/" }));
    const q = "PREFIX mo: <https://w3id.org/twin/modelica#> SELECT ?n WHERE { ?c mo:name ?n } ORDER BY ?n";
    const r = await cli(["modelica", "query", ttl, q, "--json"]);
    const lib = queryModelica(readFileSync(ttl, "utf8"), q);
    expect(typeof lib === "object" && lib.rows).toEqual(JSON.parse(r.out));
    const ask = "PREFIX mo: <https://w3id.org/twin/modelica#> ASK { ?c mo:name ?n }";
    expect(queryModelica(readFileSync(ttl, "utf8"), ask)).toBe(JSON.parse((await cli(["modelica", "query", ttl, ask, "--json"])).out));
    const bad = await rejection(() => queryModelica(readFileSync(ttl, "utf8"), "SELECT WHERE"));
    expect(bad).toBeInstanceOf(SparqlError);
    expect((bad as SparqlError).path).toBe("query");
    expect(`${(bad as Error).message}\n`).toBe((await cli(["modelica", "query", ttl, "SELECT WHERE"])).err);
  });

  it("bad Modelica text: ModelicaSyntaxError located as the CLI prints it, minus the file", async () => {
    const text = "model M\n  Real x\nend M;\n";
    const file = join(TMP, "bad.mo");
    writeFileSync(file, text);
    const r = await cli(["modelica", "parse", file]);
    expect(r.code).toBe(1);
    const e = await rejection(() => parseModelica(text));
    expect(e).toBeInstanceOf(ModelicaSyntaxError);
    expect(e).toBeInstanceOf(InputError);
    const s = e as ModelicaSyntaxError;
    expect([s.line, s.column, s.file]).toEqual([3, 1, undefined]);
    expect(`${file}:${s.message}\n`).toBe(r.err);
    // named, in memory: the same message as the file's
    const named = (await rejection(() => parseModelicaSources([{ path: "bad.mo", text, abs: file }]))) as ModelicaSyntaxError;
    expect([named.file, `${named.message}\n`]).toEqual([file, r.err]);
  });

  it("bad graphs and options: typed errors with the CLI's messages", async () => {
    const ttl = join(TMP, "broken.ttl");
    writeFileSync(ttl, "@prefix mo: <https://w3id.org/twin/modelica#> .\n<a> mo:x .\n");
    const r = await cli(["modelica", "from-rdf", ttl, "-o", join(TMP, "out")]);
    expect(r.code).toBe(2);
    const e = await rejection(() => modelicaFromTurtle(readFileSync(ttl, "utf8"), { file: ttl }));
    expect(e).toBeInstanceOf(RdfSyntaxError);
    expect(`${(e as Error).message}\n`).toBe(r.err);
    expect((e as RdfSyntaxError).line).toBe(2);
    expect(ModelicaGraphError.prototype).toBeInstanceOf(InputError);
    expect(await rejection(() => modelicaToTurtle(PKG, { base: "not an iri" }))).toBeInstanceOf(ArgumentError);
    expect(await rejection(() => readModelicaSources(join(TMP, "none")))).toMatchObject({ message: `${join(TMP, "none")}: cannot read: ENOENT` });
    expect(MODELICA_BASE).toBe("https://w3id.org/twin/modelica/model/");
  });
});
