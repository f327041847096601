// machine-twin/archive (and machine-twin/rdf): each function equals its command's --json output; bad
// packages, queries and options give typed errors with the CLI's messages.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArgumentError, InputError } from "../src/errors.js";
import {
  archiveEndpoint,
  createArchive,
  PackageError,
  PackageRefused,
  queryArchive,
  QueryError,
  rerunArchive,
  restoreArchive,
  verifyArchive,
  virtuosoGraphStore,
} from "../src/archive/index.js";
import { iri, lit, quad, RdfSyntaxError, runSparql, parseTurtle, SparqlError, writeNTriples } from "../src/rdf/index.js";
import { cli, rejection } from "./helpers/cli-run.js";

const TMP = mkdtempSync(join(tmpdir(), "twin-api-archive-"));
const EPOCH = "1767225600";
const ROTOR = "models/test-rig.json";
// the same name in two directories: a ZIP's top-level directory is named after the file
const lib = join(TMP, "lib", "rig.zip");
const byCli = join(TMP, "cli", "rig.zip");
let saved: string | undefined;

beforeAll(() => {
  saved = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = EPOCH;
  mkdirSync(join(TMP, "lib"));
  mkdirSync(join(TMP, "cli"));
});
afterAll(() => {
  if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = saved;
  rmSync(TMP, { recursive: true, force: true });
});

const noTimes = (r: object): unknown => JSON.parse(JSON.stringify(r, (k, v: unknown) => (k === "seconds" || k === "output" || k === "package" ? undefined : v)));

describe("machine-twin/archive", () => {
  it("createArchive makes the command's package, byte for byte, and its report", async () => {
    const r = await cli(["archive", "create", "--rotor", ROTOR, "-o", byCli, "--zip", "--json"]);
    expect(r.code).toBe(0);
    const made = await createArchive({ rotor: [ROTOR], output: lib });
    expect(noTimes(made)).toEqual(noTimes(JSON.parse(r.out)));
    expect(readFileSync(lib).equals(readFileSync(byCli))).toBe(true);
  }, 120_000);

  it("verifyArchive, restoreArchive, rerunArchive, queryArchive equal their commands", async () => {
    const v = await cli(["archive", "verify", lib, "--json"]);
    expect(noTimes(await verifyArchive(lib))).toEqual(noTimes(JSON.parse(v.out)));
    const s = await cli(["archive", "restore", lib, "--json"]);
    expect(noTimes(await restoreArchive(lib))).toEqual(noTimes(JSON.parse(s.out)));
    const re = await cli(["archive", "rerun", lib, "--json"]);
    expect(re.code).toBe(0);
    expect(noTimes(await rerunArchive(lib))).toEqual(noTimes(JSON.parse(re.out)));
    const q = "PREFIX twin: <https://w3id.org/twin/archive#> SELECT ?p WHERE { ?p a twin:Package }";
    for (const format of ["table", "csv", "json"] as const) {
      const c = await cli(["archive", "query", lib, q, "--format", format]);
      expect((await queryArchive([lib], q, { format })).text).toBe(c.out);
    }
  }, 240_000);

  it("bad packages and queries: typed errors with the CLI's messages", async () => {
    const missing = join(TMP, "missing.zip");
    const c = await cli(["archive", "verify", missing]);
    expect(c.code).toBe(2);
    const e = await rejection(() => verifyArchive(missing));
    expect(e).toBeInstanceOf(PackageError);
    expect(e).toBeInstanceOf(InputError);
    expect(`${(e as Error).message}\n`).toBe(c.err);

    const q = await cli(["archive", "query", lib, "SELECT WHERE"]);
    expect(q.code).toBe(2);
    const qe = await rejection(() => queryArchive([lib], "SELECT WHERE"));
    expect(qe).toBeInstanceOf(QueryError);
    expect([(qe as QueryError).path, `${(qe as Error).message}\n`]).toEqual(["query", q.err]);

    // a package whose fixity fails is refused before its runs are used: exit 1, the same message
    const dir = join(TMP, "pkg");
    await createArchive({ rotor: [ROTOR], output: dir });
    appendFileSync(join(dir, "data", "sources", "rotor", "test-rig.json"), " ");
    const rr = await cli(["archive", "rerun", dir]);
    expect(rr.code).toBe(1);
    const refused = await rejection(() => rerunArchive(dir));
    expect(refused).toBeInstanceOf(PackageRefused);
    expect(`${(refused as Error).message}\n`).toBe(rr.err);
  }, 240_000);

  it("bad options: ArgumentError naming the option", async () => {
    expect(await rejection(() => createArchive({ output: join(TMP, "x") }))).toBeInstanceOf(ArgumentError);
    expect(await rejection(() => createArchive({ rotor: [ROTOR], output: join(TMP, "x"), zip: true }))).toMatchObject({ path: "zip" });
    expect(await rejection(() => rerunArchive(lib, { engines: ["v8" as "node"] }))).toMatchObject({ path: "engines" });
    expect(await rejection(() => queryArchive([lib], "ASK {}", { format: "xml" as "csv" }))).toMatchObject({ path: "format" });
    expect(() => archiveEndpoint({ query: "ftp://x/sparql" })).toThrow(ArgumentError);
    expect(() => archiveEndpoint({ query: "http://h/sparql", user: "u" })).toThrow(ArgumentError);
    const ep = archiveEndpoint({ query: "http://h:8890/sparql", user: "u", password: "p" });
    expect(ep.options.graphStore?.href).toBe("http://h:8890/sparql-graph-crud-auth");
    expect(virtuosoGraphStore(new URL("http://h/store/query"), false)).toBeUndefined();
  });
});

describe("machine-twin/rdf", () => {
  it("terms, deterministic N-Triples, SPARQL and located syntax errors", () => {
    const q = [quad(iri("urn:b"), iri("urn:p"), lit(2)), quad(iri("urn:a"), iri("urn:p"), lit("x", "en"))];
    expect(writeNTriples(q)).toBe('<urn:a> <urn:p> "x"@en .\n<urn:b> <urn:p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .\n');
    expect(runSparql(q, "SELECT ?s WHERE { ?s <urn:p> ?o } ORDER BY ?s")).toEqual({ vars: ["s"], rows: [{ s: "urn:a" }, { s: "urn:b" }] });
    expect(runSparql(q, "ASK { <urn:a> ?p ?o }")).toBe(true);
    const e = (() => {
      try {
        parseTurtle("<urn:a> <urn:b> .\n", "g.ttl");
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(RdfSyntaxError);
    expect(e).toBeInstanceOf(InputError);
    expect(e).toMatchObject({ file: "g.ttl", line: 1 });
    expect(() => runSparql(q, "SELEC")).toThrow(SparqlError);
  });
});
