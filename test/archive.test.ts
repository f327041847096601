// Archive building blocks: canonical output hashes, deterministic ZIP, BagIt manifests, rotor model
// <-> RDF (byte-equal restore, SHACL conformance), the wasmtime runner module, links between models.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildBag, checkDeclaration, checkFixity, decodeManifestPath, encodeManifestPath, PackageError } from "../src/archive/bagit.js";
import { canonicalHash, detectMode } from "../src/archive/hash.js";
import { rotorFromQuads, rotorToQuads } from "../src/archive/rotor-rdf.js";
import { buildInitRunner, readExports, readI64Globals, readSections } from "../src/archive/wasm-edit.js";
import { crc32, dosDateTime, readZip, writeZip, ZipError } from "../src/archive/zip.js";
import { parseTurtle, writeTurtle } from "../src/rdf/graph.js";
import { loadShapes, validateShacl } from "../src/rdf/shacl.js";
import { DEFAULT_CORE_PATH } from "../src/core/core.js";

const ROOT = join(import.meta.dirname, "..");
const enc = (s: string): Uint8Array => Buffer.from(s, "utf8");

describe("canonical output hash (twin-canonical-hash/1)", () => {
  it("counts JSON numbers by value bits, not spelling, and ignores key order and whitespace", () => {
    const a = canonicalHash(enc('{"a": 1.50, "b": [1e3, "x"]}'), "json");
    expect(canonicalHash(enc('{ "b": [1000.0, "x"],\n "a": 1.5 }'), "json")).toBe(a);
    expect(canonicalHash(enc('{"a": 1.5000000000000002, "b": [1000, "x"]}'), "json")).not.toBe(a); // one ulp
    expect(canonicalHash(enc('{"a": 1.5, "b": [1000, "y"]}'), "json")).not.toBe(a);
    expect(canonicalHash(enc('{"a": 1.5, "b": [1000, "x", null]}'), "json")).not.toBe(a);
  });

  it("keeps the sign of zero and canonicalises every NaN spelling to one pattern", () => {
    expect(canonicalHash(enc("[0]"), "json")).not.toBe(canonicalHash(enc("[-0]"), "json"));
    expect(canonicalHash(enc("x NaN y"), "text")).toBe(canonicalHash(enc("x -NaN y"), "text"));
    expect(canonicalHash(enc("x NaN y"), "text")).not.toBe(canonicalHash(enc("x Infinity y"), "text"));
  });

  it("reads text (CSV) as numbers and the text between them", () => {
    const a = canonicalHash(enc("t,x_1\n0,1.25e-3\n"), "text");
    expect(canonicalHash(enc("t,x_1\n0.0,0.00125\n"), "text")).toBe(a);
    expect(canonicalHash(enc("t;x_1\n0,1.25e-3\n"), "text")).not.toBe(a);
    expect(canonicalHash(enc("t,x_1\n0,1.2500000000000002e-3\n"), "text")).not.toBe(a);
  });

  it("detects the mode and refuses bytes that do not read in the recorded mode", () => {
    expect(detectMode(enc('{"a":1}'))).toBe("json");
    expect(detectMode(enc("a,b\n1,2\n"))).toBe("text");
    expect(detectMode(Uint8Array.from([0xff, 0xfe, 0x00]))).toBe("bytes");
    expect(canonicalHash(enc("not json"), "json")).toBeUndefined();
  });
});

describe("deterministic ZIP", () => {
  it("computes the standard CRC-32 check value", () => {
    expect(crc32(enc("123456789"))).toBe(0xcbf43926); // the CRC-32/ISO-HDLC check value
  });

  it("writes the same bytes for the same files in any order, and reads them back", () => {
    const files = [
      { name: "b/x.txt", data: enc("hello ".repeat(100)) },
      { name: "a.bin", data: Uint8Array.from({ length: 300 }, (_, i) => (i * 7919) % 256) },
    ];
    const z1 = writeZip(files, 1700000000);
    const z2 = writeZip([...files].reverse(), 1700000000);
    expect(Buffer.from(z1).equals(Buffer.from(z2))).toBe(true);
    expect(Buffer.from(writeZip(files, 1700000002)).equals(Buffer.from(z1))).toBe(false);
    const back = readZip(z1);
    expect(back.map((e) => e.name)).toEqual(["a.bin", "b/x.txt"]);
    expect(Buffer.from(back[1]!.data).toString()).toBe("hello ".repeat(100));
  });

  it("stores the DOS time of SOURCE_DATE_EPOCH (UTC)", () => {
    const { time, date } = dosDateTime(Date.UTC(2024, 1, 29, 13, 45, 58) / 1000);
    expect(date).toBe(((2024 - 1980) << 9) | (2 << 5) | 29);
    expect(time).toBe((13 << 11) | (45 << 5) | 29);
  });

  it("names corruption: a flipped data byte, a truncated file, not a zip", () => {
    const z = writeZip([{ name: "f.txt", data: enc("abcdefghij".repeat(50)) }], 0);
    const flipped = Uint8Array.from(z);
    flipped[40] ^= 0xff;
    expect(() => readZip(flipped)).toThrow(ZipError);
    expect(() => readZip(z.subarray(0, z.length - 30))).toThrow(/central directory|end of central/);
    expect(() => readZip(enc("plain text"))).toThrow(/not a ZIP/);
  });
});

describe("BagIt 1.0", () => {
  it("encodes CR, LF and % in manifest paths (RFC 8493 §2.1.3)", () => {
    expect(encodeManifestPath("a%b\nc\rd")).toBe("a%25b%0Ac%0Dd");
    expect(decodeManifestPath(encodeManifestPath("a%0Ab\n"))).toBe("a%0Ab\n");
  });

  it("builds a bag whose fixity checks pass, and names each alteration", () => {
    const bag = buildBag(new Map([["x.txt", enc("x")], ["d/y.txt", enc("yy")]]), { software: "t", baggingDate: "2024-01-01", externalIdentifier: "urn:x" });
    const info = checkDeclaration(bag, "bag");
    expect(checkFixity(bag, info)).toEqual([]);
    const altered = new Map(bag);
    altered.set("data/x.txt", enc("z"));
    expect(checkFixity(altered, info).map((p) => p.file)).toContain("data/x.txt");
    const extra = new Map(bag);
    extra.set("data/new.txt", enc("n"));
    expect(checkFixity(extra, info).some((p) => p.file === "data/new.txt" && /extra file/.test(p.message))).toBe(true);
    const missing = new Map(bag);
    missing.delete("data/d/y.txt");
    expect(checkFixity(missing, info).some((p) => p.file === "data/d/y.txt" && /missing/.test(p.message))).toBe(true);
  });

  it("refuses a newer BagIt version or package format by name", () => {
    const bag = buildBag(new Map([["x", enc("x")]]), { software: "t", baggingDate: "2024-01-01", externalIdentifier: "urn:x" });
    const newer = new Map(bag);
    newer.set("bagit.txt", enc("BagIt-Version: 2.0\nTag-File-Character-Encoding: UTF-8\n"));
    expect(() => checkDeclaration(newer, "P")).toThrow(/P\/bagit.txt: BagIt-Version 2.0 is newer/);
    const fmt = new Map(bag);
    fmt.set("bag-info.txt", enc("Twin-Package-Format: 9\n"));
    expect(() => checkDeclaration(fmt, "P")).toThrow(PackageError);
  });
});

describe("rotor model <-> RDF", () => {
  const models = [
    ...readdirSync(join(ROOT, "models")).filter((f) => f.endsWith(".json")).map((f) => join(ROOT, "models", f)),
    ...readdirSync(join(ROOT, "test", "data", "rotor"))
      .filter((f) => f.endsWith(".json"))
      .map((f) => join(ROOT, "test", "data", "rotor", f)),
  ];

  it.each(models)("restores %s byte for byte from Turtle alone", (file) => {
    const text = readFileSync(file, "utf8");
    const doc = JSON.parse(text) as { model?: { name?: string }; name?: string };
    // reference cases wrap the model: map the model's own text
    const modelText = doc.name !== undefined ? text : JSON.stringify(doc.model, null, 2) + "\n";
    const { quads } = rotorToQuads(modelText, "m.json");
    const back = rotorFromQuads(parseTurtle(writeTurtle(quads), "m.ttl"));
    expect(back).toHaveLength(1);
    expect(back[0]!.text).toBe(modelText);
  });

  it("keeps lexical forms and types, and derives nodes and placements", () => {
    const text = '{"name": "r", "material": {"E": 2.1e11, "nu": 0.3, "rho": 7850},\n "shaft": [{"L": 0.5, "od": 0.05, "id": 0}],\n "bearings": [{"node": 0, "speeds": [0, 100], "kxx": [1e6, 2e6], "kyy": 1E6}, {"node": 1, "kxx": 1e6, "kyy": 1e6}],\n "pedestals": [{"bearing": 1, "m": 10, "kxx": 1e8, "kyy": 1e8}], "options": {"shear": false}}';
    const { quads } = rotorToQuads(text, "r.json");
    const ttl = writeTurtle(quads);
    expect(ttl).toContain('rotor:E 2.1e11');
    expect(ttl).toContain('rotor:kyy 1E6');
    expect(ttl).toContain("rotor:shear false");
    expect(ttl).toMatch(/<https:\/\/w3id.org\/twin\/rotor\/model\/r\/pedestals\/0>[^.]*rotor:supportsBearing <https:\/\/w3id.org\/twin\/rotor\/model\/r\/bearings\/1>/);
    expect(rotorFromQuads(parseTurtle(ttl, "r.ttl"))[0]!.text).toBe(text);
  });

  it("conforms to the rotor shapes, and a broken model does not", async () => {
    const shapes = loadShapes(join(ROOT, "ontologies", "twin-shapes.ttl"));
    const { quads } = rotorToQuads(readFileSync(join(ROOT, "models", "test-rig.json"), "utf8"), "test-rig.json");
    expect((await validateShacl(quads, shapes)).conforms).toBe(true);
    const bad = rotorToQuads('{"name": "b", "shaft": [{"L": -1, "od": 0.05}], "bearings": [{"node": 0, "kxx": 1, "kyy": 1}]}', "b.json");
    const report = await validateShacl(bad.quads, shapes);
    expect(report.conforms).toBe(false);
    expect(report.results.map((r) => r.path)).toContain("https://w3id.org/twin/rotor#L");
  });
});

describe("wasmtime runner module", () => {
  it("adds an initialiser and result globals without changing the core's code", () => {
    const core = new Uint8Array(readFileSync(DEFAULT_CORE_PATH));
    const names = WebAssembly.Module.exports(new WebAssembly.Module(core)).filter((e) => e.name.startsWith("selfcheck")).map((e) => e.name);
    const { module, globals } = buildInitRunner(core, names);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(module as Uint8Array<ArrayBuffer>), {});
    (inst.exports["wizer-initialize"] as () => void)();
    const direct = new WebAssembly.Instance(new WebAssembly.Module(core as Uint8Array<ArrayBuffer>), {});
    names.forEach((n, i) => {
      expect((inst.exports[`result${i}`] as WebAssembly.Global).value).toBe((direct.exports[n] as () => bigint)());
    });
    // the core's function bodies are carried over byte for byte, the initialiser appended after them
    const bodies = (b: Uint8Array): Uint8Array => {
      const body = readSections(b).find((s) => s.id === 10)!.body;
      let i = 0;
      while (body[i]! & 0x80) i++; // skip the LEB128 function count
      return body.subarray(i + 1);
    };
    const before = bodies(core);
    const after = bodies(module);
    expect(after.length).toBeGreaterThan(before.length);
    expect(Buffer.from(after.subarray(0, before.length)).equals(Buffer.from(before))).toBe(true);
    expect(readExports(readSections(module)).map((e) => e.name)).toContain("wizer-initialize");
    expect(readI64Globals(module).slice(globals[0]!)).toEqual(names.map(() => 0n));
  });
});
