// The AutomationML models of models/aml/: generated from models/test-rig.json (regenerated here and
// compared), schema-valid and reference-clean (alias paths checked in twin-library.aml), round trip,
// the rig's values equal to the rotor model's, the twin's parts after the reference architecture,
// and the refinery's two topologies.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { amlToQuads, readAml } from "../src/aml/index.js";
import { AmlQuery } from "../src/aml/query.js";
import { roundtrip } from "../src/aml/roundtrip.js";
import { validateAml } from "../src/aml/validate.js";
import { AML } from "../src/rdf/namespaces.js";
import { SparqlStore } from "../src/rdf/sparql.js";

const ROOT = join(import.meta.dirname, "..");
const DIR = join(ROOT, "models", "aml");
const FILES = ["twin-library.aml", "test-rig.aml", "refinery-centralised.aml", "refinery-distributed.aml"];
const TMP = mkdtempSync(join(tmpdir(), "twin-aml-models-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const query = (f: string) => new AmlQuery(readAml(readFileSync(join(DIR, f)), join(DIR, f)));
const PARTS = ["PhysicalDeviceModel", "API", "Storage", "Events", "Methods", "AccessControl", "HMI", "Communication"];

describe("models/aml", () => {
  it("are what gen-models.mjs makes from models/test-rig.json", () => {
    const r = spawnSync(process.execPath, [join(DIR, "gen-models.mjs"), TMP], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    for (const f of FILES) expect(readFileSync(join(TMP, f), "utf8"), f).toBe(readFileSync(join(DIR, f), "utf8"));
  });

  it("validate against the CAEX 3.0 schema with no reference errors or warnings", async () => {
    for (const f of FILES) {
      const m = readAml(readFileSync(join(DIR, f)), join(DIR, f));
      const report = await validateAml(m);
      expect(report.findings, f).toEqual([]);
      expect(report.schemaValid).toBe(true);
      expect(m.version).toBe("3.0");
    }
  });

  it("round-trip byte for byte", async () => {
    const r = await roundtrip(FILES.map((f) => join(DIR, f)));
    expect(r.failed).toEqual([]);
    expect(r.byteEqual).toBe(4);
    expect(r.schemaValidOut).toBe(4);
  });

  it("describe the rig with the rotor model's values and units", () => {
    const rig = JSON.parse(readFileSync(join(ROOT, "models", "test-rig.json"), "utf8"));
    const q = query("test-rig.aml");
    const num = (ie: string, a: string) => {
      const hit = q.search(`//InternalElement[@Name='${ie}']`);
      expect(hit, ie).toHaveLength(1);
      const info = q.attribute(hit[0]!.node!, a);
      return { v: Number(info?.value), unit: info?.unit };
    };
    rig.bearings.forEach((b: Record<string, number>, i: number) => {
      for (const k of ["kxx", "kyy", "kxy", "kyx"]) expect(num(`Bearing${i}`, k)).toEqual({ v: b[k] ?? 0, unit: "N/m" });
      for (const k of ["cxx", "cyy"]) expect(num(`Bearing${i}`, k)).toEqual({ v: b[k], unit: "N s/m" });
      expect(num(`Bearing${i}`, "Node").v).toBe(b.node);
    });
    rig.pedestals.forEach((p: Record<string, number>, i: number) => {
      expect(num(`Pedestal${i}`, "Mass")).toEqual({ v: p.m, unit: "kg" });
      expect(num(`Pedestal${i}`, "kyy")).toEqual({ v: p.kyy, unit: "N/m" });
    });
    rig.disks.forEach((d: Record<string, number>, i: number) => {
      expect(num(`Disc${i}`, "OuterDiameter")).toEqual({ v: d.od, unit: "m" });
      expect(num(`Disc${i}`, "Node").v).toBe(d.node);
    });
    const L = rig.shaft.reduce((s: number, e: { L: number }) => s + e.L, 0);
    expect(num("Shaft", "Length").v).toBeCloseTo(L, 12); // sum of element lengths, 1.000 m
    expect(num("Shaft", "YoungsModulus")).toEqual({ v: rig.material.E, unit: "Pa" });
    // accelerometers at the bearings only, x and y
    const acc = q.search("//InternalElement[RoleRequirements[contains(@RefBaseRoleClassPath, '/Accelerometer')]]");
    expect(acc.map((h) => q.name(h.node!))).toEqual(["Acc_B0_x", "Acc_B0_y", "Acc_B1_x", "Acc_B1_y"]);
    expect(acc.map((h) => Number(q.attribute(h.node!, "Node")!.value))).toEqual(rig.bearings.flatMap((b: { node: number }) => [b.node, b.node]));
  });

  it("give the rig a DigitalTwin with every part of the reference architecture, linked to the rotor model", () => {
    const q = query("test-rig.aml");
    const twin = q.search("//InternalElement[@Name='TestRigTwin']")[0]!.node!;
    expect(q.children(twin, "InternalElement").map((c) => q.name(c))).toEqual(PARTS);
    const g = SparqlStore.fromQuads(amlToQuads(q.model));
    const lib = "https://w3id.org/twin/aml/file/twin-library.aml/";
    expect(g.ask(`ASK { <${twin.iri}> a <${lib}sucl.TwinSystemUnitClassLib/DigitalTwin>, <${lib}rcl.TwinRoleClassLib/DigitalTwin> }`)).toBe(true);
    for (const p of PARTS) expect(g.ask(`ASK { <${twin.iri}> <${AML}internalElement> ?p . ?p <${AML}name> "${p}" ; a <${lib}rcl.TwinRoleClassLib/TwinPart/${p}> }`), p).toBe(true);
    // the model link: an ExternalDataReference whose refURI names the rotor JSON, which exists
    const uri = g.select(`SELECT ?u WHERE { ?i a <${lib}icl.AutomationMLInterfaceClassLib/AutomationMLBaseInterface/ExternalDataConnector/ExternalDataReference> ; <${AML}refURI> ?u }`);
    expect(uri).toEqual([{ u: "../test-rig.json" }]);
    expect(JSON.parse(readFileSync(join(DIR, uri[0]!.u), "utf8")).name).toBe("test-rig");
    // each accelerometer's signal is linked to an observation of the twin's model
    expect(g.count(`SELECT (COUNT(*) AS ?n) WHERE { ?l <${AML}partnerA> ?a ; <${AML}partnerB> ?b . ?b a <${lib}icl.TwinInterfaceClassLib/Observation> }`)).toBe(4);
  });

  it("model the refinery's four valves with torque sensors, centralised and distributed", () => {
    for (const f of ["refinery-centralised.aml", "refinery-distributed.aml"]) {
      const q = query(f);
      const valves = q.search("//InternalElement[RoleRequirements[contains(@RefBaseRoleClassPath, '/Valve')]]");
      expect(valves.map((h) => q.name(h.node!)), f).toEqual(["Valve1", "Valve2", "Valve3", "Valve4"]);
      for (const v of valves) expect(q.children(v.node!, "InternalElement", "TorqueSensor"), f).toHaveLength(1);
    }
    const c = query("refinery-centralised.aml");
    expect(c.search("//InternalElement[RoleRequirements[contains(@RefBaseRoleClassPath, 'TwinRoleClassLib/DigitalTwin')]]")).toHaveLength(1);
    expect(c.search("//InternalLink")).toHaveLength(4);
    const d = query("refinery-distributed.aml");
    const agg = d.search("//InternalElement[RoleRequirements/@RefBaseRoleClassPath = 'TwinLib@TwinRoleClassLib/AggregatedTwin']");
    expect(agg.map((h) => d.name(h.node!))).toEqual(["RefineryTwin"]);
    const children = d.search("//InternalElement[@Name='RefineryTwin']/InternalElement[RoleRequirements/@RefBaseRoleClassPath = 'TwinLib@TwinRoleClassLib/DigitalTwin']");
    expect(children.map((h) => d.name(h.node!))).toEqual(["Valve1Twin", "Valve2Twin", "Valve3Twin", "Valve4Twin"]);
    for (const ch of children) expect(d.children(ch.node!, "InternalElement").map((p) => d.name(p))).toEqual(PARTS.filter((p) => p !== "Communication"));
    // the aggregated twin's API forwards to each child twin's API endpoint
    const g = SparqlStore.fromQuads(amlToQuads(d.model));
    const fw = g.select(`SELECT ?childTwin WHERE { ?l <${AML}name> ?n ; <${AML}partnerB> ?ep . FILTER(STRSTARTS(?n, "forward->")) ?api <${AML}externalInterface> ?ep . ?childTwin <${AML}internalElement> ?api . ?api <${AML}name> "API" }`);
    expect(fw.map((r) => r.childTwin).sort()).toEqual(children.map((h) => h.node!.iri).sort());
  });
});
