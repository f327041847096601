// The XPath subset evaluator (src/aml/xpath.ts) against libxml2's XPath 1.0 (xmllint --xpath) as the
// oracle, on a real CAEX 2.15 file (no namespace, so the same expressions run in both).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readAml } from "../src/aml/model.js";
import { AmlQuery } from "../src/aml/query.js";
import { parseXPath, XPathError } from "../src/aml/xpath.js";

const FILE = join(import.meta.dirname, "data", "aml", "ARAPCExample.aml");
const q = new AmlQuery(readAml(readFileSync(FILE), FILE));

function xmllint(expr: string): string {
  const r = spawnSync("xmllint", ["--xpath", expr, FILE], { encoding: "utf8" });
  // xmllint prints "XPath set is empty" (exit 10) for empty results of string() over nothing
  return r.stdout.trim();
}

const NODESETS = [
  "//InternalElement",
  "/CAEXFile/InstanceHierarchy/InternalElement",
  "//InternalElement[@Name='Port_1']",
  "//InternalElement[Attribute[@Name='IoType']]",
  "//Attribute[Value > 3]",
  "//Attribute[Value = '0']",
  "//Attribute[not(Value)]",
  "//Attribute[Attribute]",
  "//Attribute[@Name='Type']/Value",
  "//InternalElement[count(ExternalInterface) > 2]",
  "//InternalElement[ExternalInterface][2]",
  "//InternalElement/ExternalInterface[last()]",
  "//InternalElement/ExternalInterface[position() < 3]",
  "//ExternalInterface[starts-with(@RefBaseClassPath, 'AutomationML')]",
  "//ExternalInterface[contains(@Name, 'Port') and @ID]",
  "//InternalLink[substring-before(@RefPartnerSideA, ':') = //InternalElement/@ID] | //InternalLink[@RefPartnerSideB = 'x']",
  "//*[@Name='EK1']/descendant::InternalElement",
  "//*[@Name='EK1']//Attribute",
  "//InternalElement[@Name='Port_1']/ancestor::InternalElement",
  "//InternalElement[@Name='Port_1']/..",
  "//InternalElement[@Name='Port_1']/following-sibling::InternalElement",
  "//InternalElement[@Name='Port_1']/preceding-sibling::*",
  "//RoleClass | //InterfaceClass",
  "//Attribute[string-length(@Name) > 12]",
  "//Attribute[Value = 'Digital' and ../Attribute/Value = 'Input']",
  "//SystemUnitClass/@Name",
  "//Description/text()",
  "//InternalElement[@Name='EK1']/*",
  "//*[local-name() = 'RoleClass' and @RefBaseClassPath]",
  "//InternalElement[Attribute/Value = 'Basisprojekt' or @Name = '0']",
  "(//Attribute)[5]",
  "//Attribute[Value >= 1 and Value <= 4]",
  "//Attribute[Value * 2 > 7]",
  "//Attribute[Value mod 2 = 1]",
  "//Attribute[-Value < -3]",
];

describe("XPath subset against libxml2", () => {
  it("selects the same node-sets (counts) as xmllint", () => {
    for (const e of NODESETS) {
      const ours = q.evaluate(`count(${e})`);
      expect(ours, e).toBe(Number(xmllint(`count(${e})`)));
    }
    // and the expressions are not trivial: most select something
    expect(NODESETS.filter((e) => (q.evaluate(`count(${e})`) as number) > 0).length).toBeGreaterThan(NODESETS.length - 4);
  });

  it("gives the same strings and numbers", () => {
    const exprs = [
      "string(//InternalElement[3]/@Name)",
      "string(//Attribute[@Name='Type']/Value)",
      "concat(//InternalElement[1]/@Name, '-', count(//InternalLink))",
      "sum(//Attribute[@Name='x']/Value)",
      "string(//Description)",
      "name(//InternalElement[2]/..)",
      "floor(count(//Attribute) div 7)",
      "round(2.5)",
      "string(count(//Attribute) > 500)",
      "string(1 div 0)",
      "normalize-space('  a   b ')",
    ];
    for (const e of exprs) {
      const ours = q.evaluate(e);
      expect(String(ours), e).toBe(xmllint(`string(${e})`));
    }
  });

  it("reports unsupported or malformed expressions with a position", () => {
    for (const [e, re] of [
      ["//InternalElement[", /'\]' expected|step expected/],
      ["//caex:InternalElement", /namespace prefixes/],
      ["//InternalElement[$x]", /variables are not supported/],
      ["//InternalElement[substring(@Name, 1)]", /unsupported function substring/],
      ["//following::InternalElement", /unsupported axis following/],
      ["//A[@Name='x", /unterminated string/],
    ] as const) {
      expect(() => parseXPath(e), e).toThrow(XPathError);
      expect(() => parseXPath(e), e).toThrow(re);
    }
  });

  it("treats a bare predicate as //*[...] over the instance hierarchy", () => {
    const hits = q.search("[@Name='Port_1']");
    expect(hits.length).toBe(Number(xmllint("count(/CAEXFile/InstanceHierarchy//*[@Name='Port_1'])")));
    expect(hits.every((h) => h.node !== undefined)).toBe(true);
    const attrs = q.search("//Attribute[@Name='Revision']/@Name");
    expect(attrs.map((h) => h.value)).toEqual(attrs.map(() => "Revision"));
  });
});
