// twin archive create / verify / rerun / restore / query as a user runs them (node bin/twin.js), on
// packages made from the test rig: the spec's layout, determinism under SOURCE_DATE_EPOCH, tamper
// detection (each alteration detected and named), bad input, reruns on several engines, restore from the
// graph alone, queries over several packages, and a package made by an older build of the core.
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBag, type Files } from "../src/archive/bagit.js";
import { sha256Hex } from "../src/archive/hash.js";
import { readPackage } from "../src/archive/package.js";
import { invocationWastBytes } from "../src/archive/runs.js";
import { f64FromBytes, resultDigest } from "../src/core/job.js";
import { need } from "./helpers/engines.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const RIG = join(ROOT, "test", "fixtures", "archive", "rig");
const MODEL = join(ROOT, "models", "test-rig.json");
const OLD = join(ROOT, "test", "fixtures", "archive", "older-core.zip");
const FORMAT2 = join(ROOT, "test", "fixtures", "archive", "format-2.zip");
const TMP = mkdtempSync(join(tmpdir(), "twin-archive-test-"));
const EPOCH = "1767225600"; // 2026-01-01T00:00:00Z
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function twin(args: string[], env: Record<string, string | undefined> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined, SOURCE_DATE_EPOCH: EPOCH, ...env }, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function spec(name: string, doc: unknown): string {
  const p = join(TMP, "specs", name);
  writeFileSync(p, JSON.stringify(doc));
  return p;
}

const PKG = join(TMP, "pkg");
const ZIP = join(TMP, "pkg.zip");
let createArgs: string[];
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const KEY = join(TMP, "key.pem");
const PUB = join(TMP, "pub.pem");

beforeAll(() => {
  cpSync(RIG, join(TMP, "specs"), { recursive: true });
  writeFileSync(KEY, privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(PUB, publicKey.export({ type: "spki", format: "pem" }));
  createArgs = [
    "archive", "create", "--rotor", MODEL, "--aml", join(RIG, "plant.aml"), "--aml", join(RIG, "twin.aml"),
    "--run", spec("modal.json", { id: "modal", argv: ["rotor", "modal", MODEL, "--speeds", "0,300", "--json"] }),
    "--run", spec("time.json", { id: "time", argv: ["rotor", "time", MODEL, "--speed", "300", "--t-end", "0.005", "--dt", "1e-4", "--unbalance", "4:1e-4:0", "--out", "resp.csv"] }),
    "--run", spec("train.json", { id: "train", argv: ["elm", "train", "states-train.csv", "--label", "state", "--ignore", "t_start", "--standardize", "--hidden", "30", "-o", "m.json"] }),
    "--run", spec("predict.json", { id: "predict", argv: ["elm", "predict", "run:train/outputs/m.json", "states-test.csv", "--json"] }),
  ];
  const a = twin([...createArgs, "-o", PKG]);
  expect(a.stderr).toBe("");
  expect(a.code).toBe(0);
  const b = twin([...createArgs, "--zip", "--sign", KEY, "-o", ZIP]);
  expect(b.code).toBe(0);
}, 240_000);

/** A copy of the package directory to tamper with. */
function copy(name: string): string {
  const p = join(TMP, name);
  cpSync(PKG, p, { recursive: true });
  return p;
}

/** Rewrites the manifests of a bag directory after its payload was changed (a careful forger). */
function rebag(dir: string): void {
  const files = readPackage(dir);
  const payload: Files = new Map();
  for (const [p, b] of files) if (p.startsWith("data/")) payload.set(p.slice(5), b);
  const info = Object.fromEntries(new TextDecoder().decode(files.get("bag-info.txt")!).trim().split("\n").map((l) => [l.split(": ")[0]!, l.slice(l.indexOf(": ") + 2)]));
  const bag = buildBag(payload, { software: info["Bag-Software-Agent"]!, baggingDate: info["Bagging-Date"]!, externalIdentifier: info["External-Identifier"]!, description: info["External-Description"]! });
  for (const [p, b] of bag) if (!p.startsWith("data/")) writeFileSync(join(dir, p), b);
}

function verify(pkg: string, extra: string[] = []): { code: number | null; report: any; stderr: string } {
  const r = twin(["archive", "verify", pkg, "--json", ...extra]);
  return { code: r.code, report: r.stdout ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

function failed(report: any): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of report.checks) if (!c.ok) out[c.name] = c.problems.map((p: { file: string; message: string }) => `${p.file}: ${p.message}`);
  return out;
}

describe("twin archive create", () => {
  it("writes a BagIt bag with the layout of the spec", () => {
    const files = readdirSync(PKG, { recursive: true }).map(String);
    for (const f of ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt", "data/ro-crate-metadata.json", "data/graph/twin.ttl", "data/ontologies/twin.ttl", "data/ontologies/twin-shapes.ttl", "data/sources/rotor/test-rig.json", "data/sources/aml/plant.aml", "data/core/core.wasm", "data/core/build.json", "data/core/README.md", "data/core/sources/assembly/index.ts", "data/runs/modal/run.json", "data/runs/modal/outputs/stdout.json", "data/runs/time/outputs/resp.csv", "data/runs/predict/inputs/m.json", "data/runs/selfcheck/outputs/selfcheck.json"]) {
      expect(files).toContain(f);
    }
    expect(readFileSync(join(PKG, "data/sources/rotor/test-rig.json"))).toEqual(readFileSync(MODEL));
    expect(readFileSync(join(PKG, "bagit.txt"), "utf8")).toBe("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
  });

  it("describes every run as a CreateAction with the core as instrument (Process Run Crate)", () => {
    const crate = JSON.parse(readFileSync(join(PKG, "data/ro-crate-metadata.json"), "utf8"));
    const actions = crate["@graph"].filter((e: any) => e["@type"] === "CreateAction");
    expect(actions.map((a: any) => a["@id"]).sort()).toEqual(["#run-modal", "#run-predict", "#run-selfcheck", "#run-time", "#run-train"]);
    for (const a of actions) expect(a.instrument["@id"]).toBe("core/core.wasm");
    const time = actions.find((a: any) => a["@id"] === "#run-time");
    expect(time.object.map((o: any) => o["@id"])).toContain("runs/time/inputs/test-rig.json");
    expect(time.result.map((o: any) => o["@id"])).toContain("runs/time/outputs/resp.csv");
  });

  it("records provenance, runs, the run chain and the links between models in the graph", () => {
    const q = (query: string): string => {
      const r = twin(["archive", "query", PKG, query, "--format", "csv"]);
      expect(r.code).toBe(0);
      return r.stdout;
    };
    const P = "PREFIX twin: <https://w3id.org/twin/archive#> PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX aml: <https://w3id.org/twin/aml#> ";
    expect(q(`${P} SELECT ?n WHERE { ?e twin:realisedBy <https://w3id.org/twin/rotor/model/test-rig> ; aml:name ?n } ORDER BY ?n`)).toBe("n\r\nRotor\r\nVirtualSensorDiscDisplacement\r\n");
    expect(q(`${P} SELECT ?id WHERE { ?r twin:runId "predict" ; prov:wasInformedBy ?t . ?t twin:runId ?id }`)).toBe("id\r\ntrain\r\n");
    expect(q(`${P} SELECT ?id WHERE { ?r twin:usesModel <https://w3id.org/twin/rotor/model/test-rig> ; twin:runId ?id } ORDER BY ?id`)).toBe("id\r\nmodal\r\ntime\r\n");
    expect(q(`${P} SELECT (COUNT(*) AS ?n) WHERE { ?c a twin:Conversion ; prov:used ?f ; prov:generated ?m ; prov:wasAssociatedWith ?a }`)).toBe("n\r\n3\r\n");
  });

  it("is deterministic under SOURCE_DATE_EPOCH: the same inputs give a byte-identical package", () => {
    mkdirSync(join(TMP, "again"));
    const again = join(TMP, "again", "pkg.zip"); // same name: the zip's top-level directory is named after it
    expect(twin([...createArgs, "--zip", "--sign", KEY, "-o", again]).code).toBe(0);
    expect(sha256Hex(readFileSync(again))).toBe(sha256Hex(readFileSync(ZIP)));
    // the directory and the zip hold the same files
    const a = readPackage(PKG);
    const b = readPackage(ZIP);
    b.delete("tagmanifest-sha256.txt.sig.json");
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [p, bytes] of a) expect(sha256Hex(b.get(p)!)).toBe(sha256Hex(bytes));
  }, 120_000);
});

describe("twin archive verify", () => {
  it("passes every check of a fresh package, directory and signed zip", () => {
    const d = verify(PKG);
    expect(d.code).toBe(0);
    expect(d.report.checks.map((c: any) => c.name)).toEqual(["bag", "fixity", "crate", "graph", "consistency", "core", "runs", "signature"]);
    const z = verify(ZIP, ["--key", PUB]);
    expect(z.code).toBe(0);
    expect(z.report.checks.find((c: any) => c.name === "signature").summary).toMatch(/valid for the given key/);
  });

  it("rejects the signature with another key, and a missing signature when a key is given", () => {
    const other = generateKeyPairSync("ed25519").publicKey;
    const p = join(TMP, "other.pem");
    writeFileSync(p, other.export({ type: "spki", format: "pem" }));
    expect(failed(verify(ZIP, ["--key", p]).report)).toHaveProperty("signature");
    expect(failed(verify(PKG, ["--key", PUB]).report).signature![0]).toMatch(/not signed/);
  });

  const flip = (file: string, at = 10) => (dir: string): void => {
    const b = readFileSync(join(dir, file));
    b[at] ^= 0x01;
    writeFileSync(join(dir, file), b);
  };
  const cases: [string, (dir: string) => void, string, RegExp][] = [
    ["a flipped byte in a payload file", flip("data/sources/rotor/test-rig.json"), "fixity", /data\/sources\/rotor\/test-rig.json: sha256 checksum mismatch/],
    ["a flipped byte in the core", flip("data/core/core.wasm", 200), "fixity", /data\/core\/core.wasm: sha256 checksum mismatch/],
    ["a flipped byte in a tag file", flip("bag-info.txt", 3), "fixity", /bag-info.txt: sha256 checksum mismatch \(altered tag file\)/],
    ["a flipped byte in a manifest", flip("manifest-sha512.txt", 5), "fixity", /manifest-sha512.txt: sha256 checksum mismatch/],
    ["a deleted file", (d) => rmSync(join(d, "data/runs/modal/outputs/stdout.json")), "fixity", /data\/runs\/modal\/outputs\/stdout.json: missing/],
    ["an added file", (d) => writeFileSync(join(d, "data/runs/modal/outputs/extra.txt"), "x"), "fixity", /data\/runs\/modal\/outputs\/extra.txt: extra file/],
    ["an added tag file", (d) => writeFileSync(join(d, "notes.txt"), "x"), "fixity", /notes.txt: extra tag file/],
    ["an edited graph triple", (d) => {
      const p = join(d, "data/graph/twin.ttl");
      writeFileSync(p, readFileSync(p, "utf8").replace('rotor:od "0.025"', 'rotor:od "0.026"'));
    }, "fixity", /data\/graph\/twin.ttl: sha256 checksum mismatch/],
  ];
  it.each(cases)("detects and names %s", (name, mutate, check, message) => {
    const dir = copy(`t-${name.replace(/\W+/g, "-")}`);
    mutate(dir);
    const v = verify(dir);
    expect(v.code).toBe(1);
    const f = failed(v.report);
    expect(Object.keys(f)).toContain(check);
    expect(f[check]!.join("\n")).toMatch(message);
  });

  it("detects an edited graph triple even when the manifests were rewritten", () => {
    const dir = copy("t-graph-rebagged");
    const p = join(dir, "data/graph/twin.ttl");
    const run = JSON.parse(readFileSync(join(dir, "data/runs/modal/run.json"), "utf8"));
    const h = run.outputs[0].canonicalSha256 as string;
    writeFileSync(p, readFileSync(p, "utf8").replace(h, h.replace(/^./, h[0] === "0" ? "1" : "0")));
    rebag(dir);
    const f = failed(verify(dir).report);
    expect(f.fixity).toBeUndefined();
    expect(f.consistency!.join("\n")).toMatch(/run modal: output outputs\/stdout.json: canonical hash differs/);
  });

  it("detects a swapped core even when the manifests were rewritten", () => {
    const dir = copy("t-core-swapped");
    // another valid module that imports nothing: the core with one export removed is a different build
    const other = Buffer.from(readFileSync(join(dir, "data/core/core.wasm")));
    const i = other.indexOf(Buffer.from("selfcheckRotor"));
    other.write("selfcheckRotoR", i);
    writeFileSync(join(dir, "data/core/core.wasm"), other);
    rebag(dir);
    const f = failed(verify(dir).report);
    expect(f.fixity).toBeUndefined();
    expect(f.core!.join("\n")).toMatch(/data\/core\/core.wasm: SHA-256 \w+ differs from the build record .*swapped core/);
  });

  it("reports a graph that fails its shapes, naming the graph file and the shape", () => {
    const dir = copy("t-shapes");
    const p = join(dir, "data/graph/twin.ttl");
    writeFileSync(p, readFileSync(p, "utf8").replace(/twin:exitCode 0/, 'twin:exitCode "zero"'));
    rebag(dir);
    const v = verify(dir);
    expect(v.code).toBe(1);
    expect(failed(v.report).graph!.join("\n")).toMatch(/data\/graph\/twin.ttl: does not conform to its shapes: .*exitCode/);
  });

  it("catches a signed package altered and re-bagged", () => {
    const dir = join(TMP, "signed-dir");
    const files = readPackage(ZIP);
    for (const [p, b] of files) {
      const t = join(dir, p);
      require_dir(t);
      writeFileSync(t, b);
    }
    const f = join(dir, "data/runs/modal/outputs/stdout.json");
    writeFileSync(f, readFileSync(f, "utf8").replace(/"dof": (\d+)/, (_, d) => `"dof": ${Number(d) + 1}`));
    rebag(dir);
    const r = failed(verify(dir, ["--key", PUB]).report);
    expect(Object.keys(r)).toContain("signature");
  });
});

function require_dir(file: string): void {
  mkdirSync(join(file, ".."), { recursive: true });
}

describe("bad input", () => {
  it("a missing source file: exit 2 naming it, nothing written", () => {
    const out = join(TMP, "never");
    const r = twin(["archive", "create", "--rotor", join(TMP, "nope.json"), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope.json: cannot read: ENOENT/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(TMP).filter((f) => f.includes("never"))).toEqual([]);
  });

  it("a malformed RUNSPEC: exit 2 with file:line:col", () => {
    const p = join(TMP, "specs", "bad.json");
    writeFileSync(p, '{ "id": "x",\n  "argv": [ }');
    const r = twin(["archive", "create", "--run", p, "-o", join(TMP, "never2")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad.json:2:\d+: /);
  });

  it("a run that fails: exit 1 naming the run, nothing written", () => {
    const out = join(TMP, "never3");
    const r = twin(["archive", "create", "--run", spec("fails.json", { id: "fails", argv: ["rotor", "modal", MODEL, "--modes", "0"] }), "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/run fails: twin rotor modal .* exited with 2/);
    expect(existsSync(out)).toBe(false);
  });

  it("a corrupt zip: exit 2 naming the file", () => {
    const p = join(TMP, "corrupt.zip");
    const b = readFileSync(ZIP);
    writeFileSync(p, b.subarray(0, b.length - 100));
    const r = twin(["archive", "verify", p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/corrupt.zip: corrupt zip: /);
  });

  it("a bag from a newer BagIt version or package format: exit 2 naming the tag file", () => {
    const d = copy("t-newer");
    writeFileSync(join(d, "bagit.txt"), "BagIt-Version: 1.1\nTag-File-Character-Encoding: UTF-8\n");
    const r = twin(["archive", "verify", d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bagit.txt: BagIt-Version 1.1 is newer than this tool reads \(1.0\)/);
    const e = copy("t-newer-format");
    writeFileSync(join(e, "bag-info.txt"), readFileSync(join(e, "bag-info.txt"), "utf8").replace("Twin-Package-Format: 2", "Twin-Package-Format: 3"));
    const s = twin(["archive", "rerun", e]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/bag-info.txt: Twin-Package-Format 3 is newer than this tool reads \(2\)/);
  });

  it("a missing package and an unknown engine", () => {
    expect(twin(["archive", "verify", join(TMP, "none")]).stderr).toMatch(/none: cannot read: ENOENT/);
    expect(twin(["archive", "rerun", PKG, "--engine", "jvm"]).code).toBe(2);
  });
});

describe("twin archive rerun", () => {
  it("reruns every run with the archived core on node and the baseline compiler, bit for bit", () => {
    const r = twin(["archive", "rerun", PKG, "--engine", "node", "--engine", "node-baseline", "--json"]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.coreSha256).toBe(sha256Hex(readFileSync(join(PKG, "data/core/core.wasm"))));
    for (const e of rep.engines) {
      expect(e.available).toBe(true);
      expect(e.compared).toBe(5);
      expect(e.matched).toBe(5);
    }
  }, 120_000);

  it("reports a run whose recorded result differs from what the core computes (a forged, self-consistent record)", () => {
    const d = copy("t-rerun-mismatch");
    const dir = join(d, "data/runs/time");
    const p = join(dir, "run.json");
    const rec = JSON.parse(readFileSync(p, "utf8"));
    // the forger changes one value of the result, and everything that records it: digest, .wast, manifests
    const res = readFileSync(join(dir, "result.f64"));
    res.writeDoubleLE(res.readDoubleLE(res.length - 8) + 1e-9, res.length - 8);
    writeFileSync(join(dir, "result.f64"), res);
    rec.invocation.result.sha256 = sha256Hex(res);
    rec.invocation.result.digest = resultDigest(f64FromBytes(res));
    const wast = invocationWastBytes(readFileSync(join(d, "data/core/core.wasm")), "time", rec.invocation, readFileSync(join(dir, "request.f64")));
    writeFileSync(join(dir, "rerun.wast"), wast);
    rec.wast.sha256 = sha256Hex(wast);
    writeFileSync(p, JSON.stringify(rec, null, 2) + "\n");
    rebag(d); // else fixity refuses the package before anything runs (test/archive-hostile.test.ts)
    const r = twin(["archive", "rerun", d, "--run", "time"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/time: mismatch/);
    expect(r.stdout).toContain(rec.invocation.result.digest.slice(0, 16));
  }, 60_000);
});

describe("twin archive restore", () => {
  it("regenerates every source from the graph alone, byte-equal", () => {
    const out = join(TMP, "restored");
    const r = twin(["archive", "restore", PKG, "-o", out, "--json"]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.files.map((f: any) => `${f.kind}/${f.path}`)).toEqual(["aml/plant.aml", "aml/twin.aml", "rotor/test-rig.json"]);
    for (const f of rep.files) expect([f.restored, f.byteEqual, f.modelEqual]).toEqual([true, true, true]);
    expect(readFileSync(join(out, "aml/plant.aml"))).toEqual(readFileSync(join(RIG, "plant.aml")));
    expect(readFileSync(join(out, "rotor/test-rig.json"))).toEqual(readFileSync(MODEL));
    expect(twin(["archive", "restore", PKG, "-o", out]).code).toBe(2); // exists
  });
});

describe("twin archive query", () => {
  it("queries several packages at once, each its own named graph", () => {
    const q = "PREFIX twin: <https://w3id.org/twin/archive#> SELECT ?g (COUNT(?r) AS ?runs) WHERE { GRAPH ?g { ?r a twin:Run } } GROUP BY ?g ORDER BY ?runs";
    const r = twin(["archive", "query", PKG, OLD, q, "--format", "json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).results.bindings.map((b: any) => Number(b.runs.value));
    expect(rows).toEqual([5, 5]);
    const t = twin(["archive", "query", PKG, "SELECT ?id WHERE { ?r <https://w3id.org/twin/archive#runId> ?id } ORDER BY ?id"]);
    expect(t.stdout).toBe("?id\n---------\nmodal\npredict\nselfcheck\ntime\ntrain\n(5 rows)\n");
    const bad = twin(["archive", "query", PKG, "SELECT WHERE {"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^query: /);
  });
});

describe("a package made by an older build of the core (test/fixtures/archive/older-core.zip)", () => {
  /** Reruns the old package on `engines` with its own core (the tool's core is made unreachable). */
  const rerunOld = (engines: string[]) => {
    const r = twin(["archive", "rerun", OLD, ...engines.flatMap((e) => ["--engine", e]), "--json"], { TWIN_CORE_WASM: join(TMP, "no-such-core.wasm") });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    const archived = readPackage(OLD).get("data/core/core.wasm")!;
    expect(rep.coreSha256).toBe(sha256Hex(archived));
    expect(rep.engines.map((e: { engine: string }) => e.engine)).toEqual(engines);
    for (const e of rep.engines) {
      expect(e.available, e.engine).toBe(true);
      expect(e.matched, e.engine).toBe(e.compared);
      expect(e.compared, e.engine).toBe(["wasm-interp", "wasmtime"].includes(e.engine) ? 1 : 5);
    }
  };

  it("verifies, and reruns bit for bit with its own core on node and node-baseline", () => {
    expect(verify(OLD).code).toBe(0);
    rerunOld(["node", "node-baseline"]);
  }, 180_000);

  it("reruns its self-check run bit for bit on wabt's wasm-interp", (ctx) => {
    need(ctx, "wasm-interp");
    rerunOld(["wasm-interp"]);
  }, 180_000);

  it("reruns its self-check run bit for bit on wasmtime", (ctx) => {
    need(ctx, "wasmtime");
    rerunOld(["wasmtime"]);
  }, 180_000);

  it("names an engine that is not installed, and fails when it was asked for by name", () => {
    // wasm-interp looked up on a PATH with no programs at all (node itself is started by its full path)
    const r = twin(["archive", "rerun", OLD, "--engine", "node", "--engine", "wasm-interp"], { PATH: join(TMP, "no-programs") });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/wasm-interp {4}not available: wasm-interp, wast2json, spectest-interp not found \(Debian package wabt\)/);
    expect(r.stdout).toMatch(/node {11}5\/5 runs match bit for bit/);
  }, 180_000);
});

describe("a package made by twin 0.2.0 (format 2: runs as invocations; test/fixtures/archive/format-2.zip)", () => {
  const RUNS = ["elm-predict", "elm-train", "modal", "selfcheck", "unbalance", "virtual-sensing"];
  /** Reruns the fixture on `engines` with its own core (the tool's core made unreachable): every run matches. */
  const rerun = (engines: string[]) => {
    const r = twin(["archive", "rerun", FORMAT2, ...engines.flatMap((e) => ["--engine", e]), "--json"], { TWIN_CORE_WASM: join(TMP, "no-such-core.wasm") });
    expect(r.stderr).toBe("");
    expect(r.code, r.stdout).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.coreSha256).toBe(sha256Hex(readPackage(FORMAT2).get("data/core/core.wasm")!));
    expect(rep.engines.map((e: { engine: string }) => e.engine)).toEqual(engines);
    for (const e of rep.engines) {
      expect(e.available, e.engine).toBe(true);
      expect(e.results.map((x: { run: string }) => x.run).sort(), e.engine).toEqual(RUNS);
      expect(e.compared, e.engine).toBe(RUNS.length);
      expect(e.matched, e.engine).toBe(RUNS.length);
    }
  };

  it("verifies, and reruns every run bit for bit with its own core on node's three tierings", () => {
    expect(verify(FORMAT2).code).toBe(0);
    rerun(["node", "node-baseline", "node-turbofan"]);
  }, 180_000);

  it("reruns every run's .wast on wabt and binaryen, and every run on wasmtime", (ctx) => {
    need(ctx, "wast2json", "spectest-interp", "wasm-shell", "wasmtime");
    rerun(["wasm-interp", "binaryen", "wasmtime"]);
  }, 600_000);
});
