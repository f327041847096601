// The npm package as users install it (issue 11, item 5): `npm pack` of this checkout, installed into a
// fresh project (offline, from the npm cache that `npm ci` filled, pinned by a lockfile made from this
// one). The installed twin must check its core's hash (an altered core.wasm is refused, also by
// `twin archive create`) and record in the packages it makes its core's compiler and flags, its
// version and the commit it was packed from, the ABI and the hash definition.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without declarations
import { describeFailure, exampleFiles, runExamples } from "../scripts/examples.mjs";

const ROOT = join(import.meta.dirname, "..");
const TMP = mkdtempSync(join(tmpdir(), "twin-npm-pack-test-"));
const PROJ = join(TMP, "proj");
const PKG_JSON = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const NAME: string = PKG_JSON.name;
const INSTALLED = join(PROJ, "node_modules", NAME);
let tarball = "";
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: { ...process.env, TWIN_DEBUG: undefined, TWIN_CORE_WASM: undefined, ...env }, maxBuffer: 1 << 26 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The installed twin, run as a user runs it (node_modules/.bin/twin). */
const twin = (args: string[]) => run(join(PROJ, "node_modules", ".bin", "twin"), args, PROJ, { SOURCE_DATE_EPOCH: "1767225600" });

const git = (args: string[]) => run("git", args, ROOT, { GIT_OPTIONAL_LOCKS: "0" });

beforeAll(() => {
  // what `npm pack` runs first (prepack): the commit the packed twin is built from
  const meta = run(process.execPath, [join(ROOT, "scripts", "host-meta.js")], ROOT);
  expect(meta.code, meta.stderr).toBe(0);
  // the build (prepare) is the one under test: pack it as it is
  const pack = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", TMP], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  tarball = join(TMP, (JSON.parse(pack.stdout) as { filename: string }[])[0]!.filename);
  // a fresh project depending on the tarball, its lockfile pinning every dependency as this checkout's does
  mkdirSync(PROJ);
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  const dep = `file:${tarball}`;
  const packages: Record<string, unknown> = {
    "": { name: "proj", version: "1.0.0", dependencies: { [NAME]: dep } },
    [`node_modules/${NAME}`]: {
      version: PKG_JSON.version,
      resolved: dep,
      integrity: `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`,
      license: PKG_JSON.license,
      dependencies: PKG_JSON.dependencies,
      optionalDependencies: PKG_JSON.optionalDependencies,
      bin: PKG_JSON.bin,
      engines: PKG_JSON.engines,
    },
  };
  for (const [k, v] of Object.entries(lock.packages)) if (k !== "" && !v.dev) packages[k] = v;
  writeFileSync(join(PROJ, "package.json"), JSON.stringify({ name: "proj", version: "1.0.0", private: true, dependencies: { [NAME]: dep } }, null, 2));
  writeFileSync(join(PROJ, "package-lock.json"), JSON.stringify({ name: "proj", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2));
  // install scripts run as they do for a user: better-sqlite3 fetches its prebuilt binding or builds it
  // (the service's default store), @serialport/bindings-cpp finds its prebuilt one
  const ci = run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], PROJ);
  expect(ci.code, `npm ci --offline of the packed twin (the npm cache must hold this checkout's dependencies: run npm ci first):\n${ci.stderr}`).toBe(0);
  cpSync(join(ROOT, "models", "test-rig.json"), join(PROJ, "test-rig.json"));
}, 240_000);

describe("npm pack", () => {
  it("ships the build record, the compiler configuration, the pack-time commit and the changelog", () => {
    const list = run("tar", ["-tzf", tarball], TMP).stdout.split("\n");
    for (const f of ["package/build/core.wasm", "package/build/core.meta.json", "package/build/host.json", "package/asconfig.json", "package/CHANGELOG.md", "package/assembly/ABI.md", "package/assembly/HASH.md"]) expect(list).toContain(f);
    expect(readFileSync(join(INSTALLED, "build", "core.meta.json"))).toEqual(readFileSync(join(ROOT, "build", "core.meta.json")));
  });

  it("ships what the program needs at run time and nothing from tests, benchmarks or the sources' build", () => {
    const list = run("tar", ["-tzf", tarball], TMP).stdout.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
    const runtime = /^(package\.json|README\.md|CHANGELOG\.md|asconfig\.json|build\/(core\.wasm|core\.meta\.json|host\.json)|(bin|dist|assembly|ontologies|models|schemas|hmi|legacy)\/.+)$/;
    expect(list.filter((f) => !runtime.test(f))).toEqual([]);
    expect(list.filter((f) => /(^|\/)(test|tests|bench|fixtures|__tests__)\/|\.test\.|\.tmp$|gen-models/.test(f))).toEqual([]);
    // dist holds the build of src/ as it is (no module left over from a deleted source)
    const sources = new Set(run("git", ["ls-files", "src"], ROOT).stdout.split("\n").filter((f) => f.endsWith(".ts")).map((f) => f.replace(/^src\//, "").replace(/\.ts$/, "")));
    if (sources.size > 0) expect(list.filter((f) => f.startsWith("dist/") && f.endsWith(".js") && !sources.has(f.slice(5, -3)))).toEqual([]);
    // every entry point of "exports" is in it, with its declarations
    for (const v of Object.values(PKG_JSON.exports as Record<string, string | { types: string; default: string }>)) {
      if (typeof v === "string") continue;
      expect(list).toContain(v.types.slice(2));
      expect(list).toContain(v.default.slice(2));
    }
  });

  it("the changelog has an entry for the package's version", () => {
    expect(PKG_JSON.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(readFileSync(join(INSTALLED, "CHANGELOG.md"), "utf8")).toMatch(new RegExp(`^## \\[${PKG_JSON.version.replace(/\./g, "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"));
  });
});

describe("an installed twin", () => {
  it("is the installed copy, not this checkout", () => {
    const r = run(process.execPath, ["--input-type=module", "-e", `console.log(import.meta.resolve(${JSON.stringify(NAME)}))`], PROJ);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(pathToFileURL(join(INSTALLED, "dist", "index.js")).href);
  });

  it("the library checks the installed core's hash against its build record, and finds the record", () => {
    const prog = `import { coreInfo } from ${JSON.stringify(NAME)}; const i = coreInfo(); console.log(JSON.stringify({ path: i.path, sha256: i.sha256, matches: i.matches, recorded: i.recorded, imports: i.imports }));`;
    const r = run(process.execPath, ["--input-type=module", "-e", prog], PROJ);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout) as { path: string; sha256: string; matches: boolean; recorded: { path: string; sha256: string }; imports: unknown[] };
    const meta = JSON.parse(readFileSync(join(ROOT, "build", "core.meta.json"), "utf8")) as { sha256: string };
    expect(info.path).toBe(join(INSTALLED, "build", "core.wasm"));
    expect(info.recorded.path).toBe(join(INSTALLED, "build", "core.meta.json"));
    expect(info.sha256).toBe(createHash("sha256").update(readFileSync(join(INSTALLED, "build", "core.wasm"))).digest("hex"));
    expect(info.recorded.sha256).toBe(meta.sha256);
    expect(info.matches).toBe(true);
    expect(info.imports).toEqual([]);
  });

  it("runs the demo: archive, verify, rerun on the engines there are, restore, query", () => {
    const r = twin(["demo"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^3 rerun/m);
    expect(r.stdout).toMatch(/^4 restore/m);
  }, 600_000);

  it("runs every example of the README and the API guide, importing the installed package", () => {
    const results = runExamples((exampleFiles(ROOT) as string[]).map((f) => join(ROOT, f)), join(PROJ, "examples")) as { ok: boolean }[];
    expect(results.length).toBeGreaterThan(10);
    expect(results.filter((r) => !r.ok).map((r) => describeFailure(r)).join("\n")).toBe("");
  }, 900_000);

  it("names its version and checks its core against the build record", () => {
    expect(twin(["--version"]).stdout).toBe(`twin ${PKG_JSON.version}\n`);
    const info = twin(["core", "info"]);
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/build record\s+matches the build record/);
  });

  it("records its core's compiler and flags, its version and commit, the ABI and the hash definition in a package", () => {
    const r = twin(["archive", "create", "--rotor", "test-rig.json", "-o", "pkg"]);
    expect(r.code, r.stderr).toBe(0);
    const pkg = join(PROJ, "pkg");
    const build = JSON.parse(readFileSync(join(pkg, "data/core/build.json"), "utf8"));
    const meta = JSON.parse(readFileSync(join(ROOT, "build", "core.meta.json"), "utf8"));
    expect(build.buildRecordMatches).toBe(true);
    expect(build.assemblyscript).toBe(PKG_JSON.devDependencies.assemblyscript);
    expect(build.flags).toEqual(meta.flags);
    expect(build.flags.optimizeLevel).toBe(3);
    expect(readFileSync(join(pkg, "data/core/sources/asconfig.json"))).toEqual(readFileSync(join(ROOT, "asconfig.json")));
    expect(readFileSync(join(pkg, "data/core/README.md"))).toEqual(readFileSync(join(ROOT, "assembly", "ABI.md")));
    expect(readFileSync(join(pkg, "data/core/HASH.md"))).toEqual(readFileSync(join(ROOT, "assembly", "HASH.md")));
    const info = readFileSync(join(pkg, "bag-info.txt"), "utf8");
    expect(info).toMatch(new RegExp(`^Twin-Host-Version: ${PKG_JSON.version}$`, "m"));
    const head = git(["rev-parse", "HEAD"]);
    if (head.code === 0) {
      // packed from a git checkout: the installed twin knows the commit from build/host.json
      expect(info).toMatch(new RegExp(`^Twin-Host-Commit: ${head.stdout.trim()}$`, "m"));
      const crate = JSON.parse(readFileSync(join(pkg, "data/ro-crate-metadata.json"), "utf8"))["@graph"];
      expect(crate.find((e: { "@id": string }) => e["@id"] === "#twin-commit").value).toBe(head.stdout.trim());
      expect(readFileSync(join(pkg, "data/graph/twin.ttl"), "utf8")).toContain(`twin:gitCommit "${head.stdout.trim()}"`);
    }
    const v = twin(["archive", "verify", "pkg"]);
    expect(v.code, v.stdout).toBe(0);
  }, 120_000);

  it("refuses an altered core.wasm: commands and archive create", () => {
    const core = join(INSTALLED, "build", "core.wasm");
    const original = readFileSync(core);
    const altered = Buffer.from(original);
    const i = altered.indexOf(Buffer.from("selfcheckRotor"));
    altered.write("selfcheckRotoR", i); // still a valid module that imports nothing
    writeFileSync(core, altered);
    try {
      const r = twin(["rotor", "modal", "test-rig.json", "--json"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/core.wasm: SHA-256 \w{64} does not match the expected \w{64}/);
      const c = twin(["archive", "create", "--rotor", "test-rig.json", "-o", "pkg-altered"]);
      expect(c.code).toBe(1);
      expect(c.stderr).toMatch(/does not match the expected \w{64} .*core.meta.json\): an altered core is not archived/);
      expect(existsSync(join(PROJ, "pkg-altered"))).toBe(false);
    } finally {
      writeFileSync(core, original);
    }
  }, 120_000);
});
