// A package names its makers exactly (issue 11, item 5): the host by version and git commit (bag-info,
// RO-Crate, PROV-O graph), the core by its SHA-256 as the instrument of each run it computed, and it
// holds the ABI and the definition of its digests, whose test vectors are checked here against the
// host's implementation and the core's own bufDigest.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manifestText } from "../src/archive/bagit.js";
import { checkCrate, CORE_ENTITY, HOST_ENTITY, instrumentOf } from "../src/archive/crate.js";
import { canonicalHash, type HashMode, sha256Hex } from "../src/archive/hash.js";
import { describeHost, hostIdentity } from "../src/archive/host.js";
import { readPackage } from "../src/archive/package.js";
import { Core } from "../src/core/core.js";
import { coreDigest, resultDigest } from "../src/core/job.js";

const ROOT = join(import.meta.dirname, "..");
const BIN = join(ROOT, "bin", "twin.js");
const TMP = mkdtempSync(join(tmpdir(), "twin-makers-test-"));
const PKG = join(TMP, "pkg");
const VERSION = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version as string;
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const twin = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: TMP, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined, SOURCE_DATE_EPOCH: "1767225600" } });
const git = (args: string[]) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" } });

beforeAll(() => {
  const r = twin(["archive", "create", "--rotor", join(ROOT, "models", "test-rig.json"), "-o", PKG]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
}, 120_000);

describe("the host", () => {
  it("is named by version and, in a git checkout, by commit and whether the tree was modified", () => {
    const h = hostIdentity();
    expect(h.version).toBe(VERSION);
    const head = git(["rev-parse", "HEAD"]);
    if (head.status !== 0) return; // not a git checkout: nothing more to compare with
    expect(h.commit).toBe(head.stdout.trim());
    expect(h.commitSource).toBe("git checkout");
    expect(h.modified).toBe(git(["status", "--porcelain"]).stdout.trim() !== "");
    expect(describeHost(h)).toBe(`twin ${VERSION} (git ${h.commit}${h.modified ? ", with uncommitted changes" : ""})`);
  });

  it("is recorded in bag-info.txt, the RO-Crate and the graph", () => {
    const h = hostIdentity();
    const info = readFileSync(join(PKG, "bag-info.txt"), "utf8");
    expect(info).toMatch(new RegExp(`^Bag-Software-Agent: twin ${VERSION}$`, "m"));
    expect(info).toMatch(new RegExp(`^Twin-Host-Version: ${VERSION}$`, "m"));
    const crate = JSON.parse(readFileSync(join(PKG, "data/ro-crate-metadata.json"), "utf8"))["@graph"] as Record<string, any>[];
    const host = crate.find((e) => e["@id"] === HOST_ENTITY)!;
    expect([host["@type"], host.name, host.softwareVersion]).toEqual(["SoftwareApplication", "twin", VERSION]);
    const ttl = readFileSync(join(PKG, "data/graph/twin.ttl"), "utf8");
    if (h.commit === null) return;
    expect(info).toMatch(new RegExp(`^Twin-Host-Commit: ${h.commit}$`, "m"));
    expect(info).toMatch(new RegExp(`^Twin-Host-Tree: ${h.modified ? "modified" : "clean"}$`, "m"));
    expect(host.identifier).toEqual({ "@id": "#twin-commit" });
    expect(crate.find((e) => e["@id"] === "#twin-commit")).toMatchObject({ "@type": "PropertyValue", propertyID: "git commit", value: h.commit });
    const agent = `<https://w3id.org/twin/agent/twin/${VERSION}/git/${h.commit}>`;
    expect(ttl).toContain(`${agent} schema:name "twin"`);
    expect(ttl).toContain(`prov:specializationOf <https://w3id.org/twin/agent/twin/${VERSION}>`);
    expect(ttl).toContain(`twin:gitCommit "${h.commit}"`);
    expect(ttl).toContain(`twin:hostTreeModified ${h.modified}`);
    // and queryable: which host (version, commit) made this package?
    const q = twin(["archive", "query", PKG, "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX twin: <https://w3id.org/twin/archive#> PREFIX schema: <http://schema.org/> SELECT ?v ?c WHERE { ?p a twin:Package ; prov:wasAttributedTo ?a . ?a schema:softwareVersion ?v ; twin:gitCommit ?c }", "--format", "csv"]);
    expect(q.stdout).toBe(`v,c\r\n${VERSION},${h.commit}\r\n`);
  });
});

describe("the instrument of each run", () => {
  it("is the core, with its SHA-256, for every run the core computed", () => {
    const crate = JSON.parse(readFileSync(join(PKG, "data/ro-crate-metadata.json"), "utf8"))["@graph"] as Record<string, any>[];
    const core = crate.find((e) => e["@id"] === CORE_ENTITY)!;
    expect(core["@type"]).toEqual(["File", "SoftwareApplication"]);
    expect(core.sha256).toBe(sha256Hex(readFileSync(join(PKG, "data/core/core.wasm"))));
    expect(core.softwareVersion).toBe(`sha256:${core.sha256}`);
    const actions = crate.filter((e) => e["@type"] === "CreateAction");
    expect(actions.map((a) => a["@id"])).toEqual(["#run-selfcheck"]);
    for (const a of actions) {
      expect(a.instrument).toEqual({ "@id": CORE_ENTITY });
      expect(a.agent).toEqual({ "@id": HOST_ENTITY });
    }
  });

  it("is the host for a run that names no core; verify names a wrong instrument", () => {
    expect(instrumentOf({ core: { path: "../../core/core.wasm", sha256: "0".repeat(64) } })).toBe(CORE_ENTITY);
    expect(instrumentOf({} as never)).toBe(HOST_ENTITY);
    const files = readPackage(PKG);
    const payload = new Map([...files].filter(([p]) => p.startsWith("data/")).map(([p, b]) => [p.slice(5), b]));
    const text = new TextDecoder().decode(payload.get("ro-crate-metadata.json")!);
    const runs = [{ id: "selfcheck", core: { path: "../../core/core.wasm", sha256: "x" } }];
    expect(checkCrate(text, payload, runs)).toEqual([]);
    const forged = text.replace(/"instrument": \{\s*"@id": "core\/core.wasm"\s*\}/, `"instrument": { "@id": "#twin" }`);
    expect(forged).not.toBe(text);
    expect(checkCrate(forged, payload, runs).map((p) => p.message)).toEqual(["run selfcheck: instrument is #twin, expected core/core.wasm (what computed the run)"]);
    const noHost = text.replace(/"softwareVersion": "[^"]*",\s*"url"/, `"url"`);
    expect(checkCrate(noHost, payload, runs).map((p) => p.message)).toContain(`no ${HOST_ENTITY} SoftwareApplication with a softwareVersion (the host that made the package)`);
  });

  it("a forged instrument in a re-manifested package fails verify's crate check", () => {
    const files = readPackage(PKG);
    const p = "data/ro-crate-metadata.json";
    files.set(p, Buffer.from(new TextDecoder().decode(files.get(p)!).replace(/"instrument": \{\s*"@id": "core\/core.wasm"\s*\}/, `"instrument": { "@id": "#twin" }`)));
    const data = [...files].filter(([k]) => k.startsWith("data/"));
    files.set("manifest-sha256.txt", Buffer.from(manifestText(data, "sha256")));
    files.set("manifest-sha512.txt", Buffer.from(manifestText(data, "sha512")));
    files.set("tagmanifest-sha256.txt", Buffer.from(manifestText([...files].filter(([k]) => !k.startsWith("data/") && !k.startsWith("tagmanifest-")), "sha256")));
    const dir = join(TMP, "forged");
    for (const [k, b] of files) {
      spawnSync("mkdir", ["-p", join(dir, k, "..")]);
      writeFileSync(join(dir, k), b);
    }
    const v = twin(["archive", "verify", dir, "--json"]);
    expect(v.status).toBe(1);
    const crate = JSON.parse(v.stdout).checks.find((c: { name: string }) => c.name === "crate");
    expect(crate.problems[0].message).toBe("run selfcheck: instrument is #twin, expected core/core.wasm (what computed the run)");
  });
});

describe("the hash definition (core/HASH.md)", () => {
  const doc = readFileSync(join(ROOT, "assembly", "HASH.md"), "utf8");

  it("is in the package beside the ABI", () => {
    expect(readFileSync(join(PKG, "data/core/HASH.md"), "utf8")).toBe(doc);
    expect(readFileSync(join(PKG, "data/core/README.md"))).toEqual(readFileSync(join(ROOT, "assembly", "ABI.md")));
  });

  /** A value of the result-digest table: a number, NaN, or "NaN with bits 0x…". */
  const value = (t: string): number => {
    const m = /^NaN with bits 0x([0-9a-f]{16})$/.exec(t);
    if (m) return new Float64Array(new BigUint64Array([BigInt(`0x${m[1]}`)]).buffer)[0]!;
    return t === "NaN" ? NaN : Number(t);
  };

  it("its result-digest vectors are what the host and the core's bufDigest compute", () => {
    const rows = [...doc.matchAll(/^\| ([^|`]+?) \| ([0-9a-f]{64}) \|$/gm)];
    expect(rows.length).toBe(8);
    const core = Core.default();
    for (const [, values, digest] of rows) {
      const xs = Float64Array.from(values === "(none)" ? [] : values!.split(", ").map(value));
      expect(xs.every((x, i) => Number.isNaN(x) || String(x) === values!.split(", ")[i] || Object.is(x, -0)), values).toBe(true);
      expect(resultDigest(xs), values).toBe(digest);
      const ptr = core.put(xs);
      try {
        expect(coreDigest(core, ptr), values).toBe(digest);
      } finally {
        core.free(ptr);
      }
    }
  });

  it("its output-hash vectors are what twin-canonical-hash/1 computes", () => {
    const rows = [...doc.matchAll(/^\| `(".*")` \| (json|text|bytes) \| ([0-9a-f]{64}) \|$/gm)];
    expect(rows.length).toBe(5);
    for (const [, content, mode, hash] of rows) expect(canonicalHash(Buffer.from(JSON.parse(content!) as string, "utf8"), mode as HashMode), content).toBe(hash);
  });
});
