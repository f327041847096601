// `twin modelica ...` as a user runs it (child process on the built dist/).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readSources } from "../src/modelica/package.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const TMP = mkdtempSync(join(tmpdir(), "twin-modelica-cli-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function twin(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("twin modelica", () => {
  it("parse prints a summary; a syntax error is file:line:col: expected X, found Y, exit 1", () => {
    const ok = twin(["modelica", "parse", "models/modelica/Systems"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^1 files: 13 classes, \d+ components, 19 equations, 3 connects/);
    const bad = join(TMP, "bad.mo");
    writeFileSync(bad, "model M\n  Real x\nend M;\n");
    const r = twin(["modelica", "parse", bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${bad}:3:1: expected ';', found 'end'\n`);
  });

  it("to-rdf then from-rdf gives the package directory back byte for byte; canonical parses", () => {
    const ttl = join(TMP, "rig.ttl");
    expect(twin(["modelica", "to-rdf", "models/modelica/RotorRig", "-o", ttl]).code).toBe(0);
    const out = join(TMP, "out");
    const r = twin(["modelica", "from-rdf", ttl, "-o", out, "--layout", "original"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    for (const s of readSources(join(ROOT, "models/modelica/RotorRig"))) expect(sha(readFileSync(join(out, s.path), "utf8")), s.path).toBe(sha(s.text));
    const canon = join(TMP, "canon");
    expect(twin(["modelica", "from-rdf", ttl, "-o", canon, "--layout", "canonical"]).code).toBe(0);
    expect(twin(["modelica", "parse", join(canon, "RotorRig")]).code).toBe(0);
    // same input, same bytes
    const ttl2 = join(TMP, "rig2.ttl");
    twin(["modelica", "to-rdf", "models/modelica/RotorRig", "-o", ttl2]);
    expect(readFileSync(ttl2, "utf8")).toBe(readFileSync(ttl, "utf8"));
  });

  it("roundtrip --json reports every file equal; query runs SPARQL", () => {
    const r = twin(["modelica", "roundtrip", "test/fixtures/modelica/Pkg", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ files: 3, parsed: 3, astEqual: 3, byteEqual: 3, failed: [] });
    const ttl = join(TMP, "sys.ttl");
    twin(["modelica", "to-rdf", "models/modelica/Systems", "-o", ttl, "--base", "http://example.org/m/"]);
    const q = twin(["modelica", "query", ttl, "PREFIX mo: <https://w3id.org/twin/modelica#> SELECT ?n WHERE { <http://example.org/m/Systems.SpringDamper> mo:component/mo:name ?n } ORDER BY ?n"]);
    expect(q.code).toBe(0);
    expect(q.stdout).toBe("n\nc\nd\nflange_a\nflange_b\ns_rel\n");
    expect(twin(["modelica", "to-rdf", "models/modelica/Systems", "-o", ttl, "--format", "xml"]).code).toBe(2);
  });
});
