// The XPath subset evaluator (src/aml/xpath.ts) against libxml2's XPath 1.0 (xmllint --xpath) as the
// oracle, on a real CAEX 2.15 file (no namespace, so the same expressions run in both). The oracle is
// libxml2 2.13 compiled to WebAssembly (always there); Debian's xmllint (libxml2 2.9), where installed,
// must give the same values (test/helpers/engines.ts: required under CI=true).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readAml } from "../src/aml/model.js";
import { AmlQuery } from "../src/aml/query.js";
import { parseXPath, XPathError } from "../src/aml/xpath.js";
import { need } from "./helpers/engines.js";
import { debianXpathStrings, xpathStrings } from "./helpers/libxml2.js";

const FILE = join(import.meta.dirname, "data", "aml", "ARAPCExample.aml");
const q = new AmlQuery(readAml(readFileSync(FILE), FILE));

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

const STRINGS = [
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
const BARE = "count(/CAEXFile/InstanceHierarchy//*[@Name='Port_1'])";
/** Every expression libxml2 evaluates here, as string values, in one run. */
const ORACLE = [...NODESETS.map((e) => `count(${e})`), ...STRINGS, BARE];
let libxml2: Map<string, string>;
beforeAll(async () => {
  const values = await xpathStrings(ORACLE, FILE);
  libxml2 = new Map(ORACLE.map((e, i) => [e, values[i]!]));
});

describe("XPath subset against libxml2", () => {
  it("selects the same node-sets (counts) as xmllint", () => {
    for (const e of NODESETS) {
      const ours = q.evaluate(`count(${e})`);
      expect(ours, e).toBe(Number(libxml2.get(`count(${e})`)));
    }
    // and the expressions are not trivial: most select something
    expect(NODESETS.filter((e) => (q.evaluate(`count(${e})`) as number) > 0).length).toBeGreaterThan(NODESETS.length - 4);
  });

  it("gives the same strings and numbers", () => {
    for (const e of STRINGS) {
      const ours = q.evaluate(e);
      expect(String(ours), e).toBe(libxml2.get(e));
    }
  });

  it("Debian's xmllint gives the same values as libxml2 in WebAssembly", (ctx) => {
    need(ctx, "xmllint");
    const debian = debianXpathStrings(ORACLE, FILE);
    expect(new Map(ORACLE.map((e, i) => [e, debian[i]!]))).toEqual(libxml2);
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
    expect(hits.length).toBe(Number(libxml2.get(BARE)));
    expect(hits.every((h) => h.node !== undefined)).toBe(true);
    const attrs = q.search("//Attribute[@Name='Revision']/@Name");
    expect(attrs.map((h) => h.value)).toEqual(attrs.map(() => "Revision"));
  });
});
