// machine-twin/aml: each function equals its command's output; malformed CAEX gives the CLI's typed, located error.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError, InputError } from "../src/errors.js";
import { AmlGraphError, AmlQuery, amlFromTurtle, amlRoundtrip, amlToTurtle, parseAml, readAmlFile, validateAml, XmlError, XPathError } from "../src/aml/index.js";
import { cli, rejection } from "./helpers/cli-run.js";

const RIG = "models/aml/test-rig.aml";
const TMP = mkdtempSync(join(tmpdir(), "twin-api-aml-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("machine-twin/aml", () => {
  it("amlToTurtle writes the command's bytes; amlFromTurtle gives the file back", async () => {
    const ttl = join(TMP, "rig.ttl");
    expect((await cli(["aml", "to-rdf", RIG, "-o", ttl])).code).toBe(0);
    const text = amlToTurtle(readAmlFile(RIG));
    expect(text).toBe(readFileSync(ttl, "utf8"));
    const out = join(TMP, "rig.aml");
    expect((await cli(["aml", "from-rdf", ttl, "-o", out])).code).toBe(0);
    const bytes = await amlFromTurtle(text);
    expect(bytes.equals(readFileSync(out))).toBe(true);
    expect(bytes.equals(readFileSync(RIG))).toBe(true);
    // the same model from text in memory, with a base
    const based = parseAml(readFileSync(RIG, "utf8"), { base: "urn:example:rig/" });
    expect(amlToTurtle(based)).toContain("urn:example:rig/");
  });

  it("validateAml equals `twin aml validate --json`", async () => {
    for (const f of [RIG, "test/fixtures/aml/integrity.aml"]) {
      const r = await cli(["aml", "validate", f, "--json"]);
      expect(await validateAml(f)).toEqual(JSON.parse(r.out));
    }
  });

  it("amlRoundtrip equals `twin aml roundtrip --json` (times aside)", async () => {
    const r = await cli(["aml", "roundtrip", RIG, "--json"]);
    expect(r.code).toBe(0);
    const { seconds: _a, ...cliReport } = JSON.parse(r.out) as Record<string, unknown>;
    const { seconds: _b, ...lib } = await amlRoundtrip(RIG);
    expect(lib).toEqual(cliReport);
    expect(await rejection(() => amlRoundtrip(join(TMP, "none")))).toMatchObject({ message: `${join(TMP, "none")}: no such file or directory` });
  });

  it("malformed CAEX: XmlError located as the CLI prints it for the file, minus the file", async () => {
    const cases = [
      '<CAEXFile SchemaVersion="3.0" xmlns="http://www.dke.de/CAEX">\n  <InstanceHierarchy Name="x">\n</CAEXFile>\n',
      '<CAEXFile SchemaVersion="9.9" xmlns="http://www.dke.de/CAEX"/>\n',
      '<CAEXFile SchemaVersion="3.0" xmlns="urn:wrong"/>\n',
    ];
    for (const [i, text] of cases.entries()) {
      const file = join(TMP, `bad${i}.aml`);
      writeFileSync(file, text);
      const r = await cli(["aml", "to-rdf", file, "-o", join(TMP, `bad${i}.ttl`)]);
      expect(r.code).toBe(2);
      const e = await rejection(() => parseAml(text));
      expect(e).toBeInstanceOf(XmlError);
      expect(e).toBeInstanceOf(InputError);
      const x = e as XmlError;
      expect(x.file).toBeUndefined();
      expect(`${file}:${x.message}\n`).toBe(r.err);
      expect(x.message.startsWith(`${x.line}:${x.column}: `)).toBe(true);
      // from the file: the CLI's message, with the file
      const f = (await rejection(() => readAmlFile(file))) as XmlError;
      expect([f.file, `${f.message}\n`]).toEqual([file, r.err]);
    }
  });

  it("bad graphs, bases and XPath: typed errors", async () => {
    const garbage = join(TMP, "garbage.ttl");
    writeFileSync(garbage, "@prefix x: <urn:x#> .\nx:a x:b .\n");
    const r = await cli(["aml", "from-rdf", garbage, "-o", join(TMP, "g.aml")]);
    const e = await rejection(() => amlFromTurtle(readFileSync(garbage, "utf8"), { file: garbage }));
    expect(e).toBeInstanceOf(AmlGraphError);
    expect(e).toBeInstanceOf(InputError);
    expect(`${(e as Error).message}\n`).toBe(r.err);
    expect(await rejection(() => readAmlFile(RIG, { base: "urn:no-slash" }))).toBeInstanceOf(ArgumentError);
    const x = await rejection(() => new AmlQuery(readAmlFile(RIG)).search("//InternalElement["));
    expect(x).toBeInstanceOf(XPathError);
    expect(x).toBeInstanceOf(InputError);
  });
});
