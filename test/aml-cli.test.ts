// `twin aml validate | to-rdf | from-rdf | roundtrip` as a user runs them (node bin/twin.js, on the
// built dist/): outputs, exit codes, located errors, no output file on failure.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const SHARED = join(ROOT, "test", "data", "aml");
const FIX = join(ROOT, "test", "fixtures", "aml");
const TMP = mkdtempSync(join(tmpdir(), "twin-aml-cli-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function twin(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined }, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

describe("twin aml", () => {
  it("to-rdf then from-rdf gives the file back byte for byte", () => {
    for (const f of ["Robots.aml", "Part2.aml"]) {
      const ttl = join(TMP, `${f}.ttl`);
      const back = join(TMP, f);
      expect(twin(["aml", "to-rdf", join(SHARED, f), "-o", ttl])).toMatchObject({ code: 0, stderr: "" });
      expect(readFileSync(ttl, "utf8")).toMatch(/^@base <https:\/\/w3id\.org\/twin\/aml\/file\/[^>]+\/> \./);
      expect(twin(["aml", "from-rdf", ttl, "-o", back])).toMatchObject({ code: 0, stderr: "" });
      expect(readFileSync(back).equals(readFileSync(join(SHARED, f)))).toBe(true);
    }
  });

  it("--base sets the IRIs; from-rdf finds the file under it", () => {
    const ttl = join(TMP, "based.ttl");
    expect(twin(["aml", "to-rdf", join(SHARED, "Empty.aml"), "-o", ttl, "--base", "urn:example:plant/"]).code).toBe(0);
    expect(readFileSync(ttl, "utf8")).toContain("@base <urn:example:plant/>");
    expect(twin(["aml", "from-rdf", ttl, "-o", join(TMP, "based.aml"), "--root", "urn:example:plant/file"]).code).toBe(0);
    expect(readFileSync(join(TMP, "based.aml")).equals(readFileSync(join(SHARED, "Empty.aml")))).toBe(true);
    const bad = twin(["aml", "to-rdf", join(SHARED, "Empty.aml"), "-o", ttl, "--base", "not an iri"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--base: not an absolute IRI/);
  });

  it("validate: exit 0 on a clean file, 1 with findings (line, kind), --json", () => {
    const ok = twin(["aml", "validate", join(SHARED, "Robots.aml")]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/CAEX 3\.0, schema valid, 0 error\(s\)/);
    const bad = twin(["aml", "validate", join(FIX, "integrity.aml")]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${join(FIX, "integrity.aml")}:9: error: duplicate-id: ID "id-1" is already used at line 5`);
    const j = twin(["aml", "validate", join(FIX, "integrity.aml"), "--json"]);
    const report = JSON.parse(j.stdout);
    expect(report).toMatchObject({ schemaVersion: "2.15", schemaValid: true, errors: 8, warnings: 1 });
    expect(report.findings.every((f: { line: number; kind: string }) => f.line > 0 && f.kind.length > 0)).toBe(true);
    const schema = JSON.parse(twin(["aml", "validate", join(FIX, "edge-cases.aml"), "--json"]).stdout);
    expect(schema.schemaValid).toBe(false);
    expect(schema.findings.filter((f: { kind: string }) => f.kind === "schema").map((f: { line: number }) => f.line)).toEqual([5, 7]);
  });

  it("bad input: located message, exit 2, no output file, no stack trace", () => {
    const cases: [string, RegExp][] = [
      ['<CAEXFile SchemaVersion="3.0" xmlns="http://www.dke.de/CAEX">\n  <InstanceHierarchy Name="x">\n</CAEXFile>\n', /:3:1: end tag <\/CAEXFile> does not match <InstanceHierarchy>/],
      ['<CAEXFile SchemaVersion="9.9" xmlns="http://www.dke.de/CAEX"/>\n', /:1:26: unknown CAEX schema version "9\.9"/],
      ['<CAEXFile SchemaVersion="3.0" xmlns="urn:wrong"/>\n', /:1:1: CAEX 3\.0 requires the namespace http:\/\/www\.dke\.de\/CAEX, found urn:wrong/],
    ];
    cases.forEach(([text, re], i) => {
      const input = join(TMP, `bad${i}.aml`);
      writeFileSync(input, text);
      for (const cmd of ["to-rdf", "validate"]) {
        const out = join(TMP, `bad${i}.ttl`);
        const r = twin(["aml", cmd, input, ...(cmd === "to-rdf" ? ["-o", out] : [])]);
        expect(r.code, `${cmd} ${text}`).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^${input.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${re.source}`));
        expect(r.stderr).not.toMatch(STACK);
        expect(existsSync(out)).toBe(false);
      }
    });
    const garbage = join(TMP, "garbage.ttl");
    writeFileSync(garbage, "@prefix x: <urn:x#> .\nx:a x:b .\n");
    const r = twin(["aml", "from-rdf", garbage, "-o", join(TMP, "g.aml")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/garbage\.ttl:2: /);
    expect(existsSync(join(TMP, "g.aml"))).toBe(false);
    const empty = join(TMP, "empty.ttl");
    writeFileSync(empty, "<urn:a> <urn:b> <urn:c> .\n");
    expect(twin(["aml", "from-rdf", empty, "-o", join(TMP, "e.aml")]).stderr).toMatch(/no CAEX file/);
  });

  it("usage errors exit 2", () => {
    expect(twin(["aml", "to-rdf", join(SHARED, "Empty.aml")]).code).toBe(2);
    expect(twin(["aml", "validate"]).code).toBe(2);
    expect(twin(["aml", "roundtrip", join(TMP, "nope")]).code).toBe(2);
    expect(twin(["aml", "to-rdf", join(SHARED, "Empty.aml"), "-o", join(SHARED, "Empty.aml")]).code).toBe(2);
    expect(twin(["aml", "--help"]).stdout).toMatch(/aml roundtrip/);
  });

  it("roundtrip --json has the report of shared/spec/aml.md", () => {
    const r = twin(["aml", "roundtrip", SHARED, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual(["files", "parsed", "c14nEqual", "byteEqual", "schemaValidIn", "schemaValidOut", "failed", "counts", "seconds"]);
    expect(Object.keys(j.counts)).toEqual(["InternalElement", "SystemUnitClass", "RoleClass", "InterfaceClass", "Attribute", "ExternalInterface", "InternalLink"]);
    expect(Object.keys(j.seconds)).toEqual(["parse", "toRdf", "fromRdf"]);
    expect(j.byteEqual).toBe(j.files);
    expect(j.c14nEqual).toBe(j.files);
    // a file that does not parse is reported, not fatal
    const dir = join(TMP, "rt");
    spawnSync("mkdir", ["-p", dir]);
    writeFileSync(join(dir, "a.aml"), readFileSync(join(SHARED, "Empty.aml")));
    writeFileSync(join(dir, "b.aml"), "<CAEXFile");
    const mixed = twin(["aml", "roundtrip", dir, "--json"]);
    expect(mixed.code).toBe(1);
    const m = JSON.parse(mixed.stdout);
    expect(m).toMatchObject({ files: 2, parsed: 1, byteEqual: 1 });
    expect(m.failed).toEqual([{ file: join(dir, "b.aml"), stage: "parse", message: expect.stringMatching(/^1:\d+: /) }]);
  });
});
