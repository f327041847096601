// The library API as a contract (issue 15): the surface of every entry point is recorded in
// api-surface.json and may lose an export only with a major version bump; the CLI is built on that API
// alone (every import of src/cli/ is a public entry point or another cli/ file); every command names
// its library equivalent, and it exists; TypeDoc documents every entry point without a warning.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module script without declarations
import { compareSurfaces, currentSurface } from "../scripts/api-surface.mjs";
import { COMMANDS } from "../src/cli/main.js";

const ROOT = join(import.meta.dirname, "..");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string; exports: Record<string, unknown> };
type Surface = { version: string; surface: Record<string, Record<string, string>> };

describe("API surface (api-surface.json)", () => {
  const recorded = JSON.parse(readFileSync(join(ROOT, "api-surface.json"), "utf8")) as Surface;
  const now = currentSurface(ROOT) as Surface;

  it("covers every entry point of package.json exports", () => {
    expect(Object.keys(now.surface).sort()).toEqual(Object.keys(PKG.exports).filter((k) => k !== "./package.json").sort());
  });

  it("no export disappeared or changed kind without a major version bump", () => {
    const d = compareSurfaces(recorded, now);
    if (!d.breakingAllowed) expect(d.removed, `exports gone since ${recorded.version} while the version is ${now.version} (a major bump is needed)`).toEqual([]);
  });

  it("equals the recorded surface (every API change is recorded: npm run api:snapshot)", () => {
    const d = compareSurfaces(recorded, now);
    expect({ added: d.added, changed: d.changed }).toEqual({ added: [], changed: [] });
    expect(recorded.version, "api-surface.json was recorded for another version than package.json's").toBe(PKG.version);
  });

  it("the comparison finds a removed export and a changed kind, and allows them after a major bump", () => {
    const before: Surface = { version: "1.4.2", surface: { ".": { a: "function: () => void", b: "const: number", c: "class: { x }" } } };
    const after: Surface = { version: "1.5.0", surface: { ".": { a: "function: (x?: number) => void", c: "interface: { x }", d: "const: string" } } };
    const d = compareSurfaces(before, after);
    expect(d.removed).toEqual([". b", ". c (was class, now interface)"]);
    expect(d.added).toEqual([". d"]);
    expect(d.changed).toEqual([". a"]);
    expect(d.breakingAllowed).toBe(false);
    expect(compareSurfaces(before, { ...after, version: "2.0.0" }).breakingAllowed).toBe(true);
  });
});

/** Import specifiers of a TypeScript module (static, dynamic and re-exports). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+"([^"]+)"/g)) out.push(m[1]!);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+"([^"]+)"/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) out.push(m[1]!);
  return out;
}

describe("the CLI is built on the public API only", () => {
  const domains = Object.keys(PKG.exports).filter((k) => k.startsWith("./") && k !== "./package.json").map((k) => k.slice(2));
  const allowed = new Set(["../index.js", "../errors.js", ...domains.map((d) => `../${d}/index.js`)]);

  it("the specifier scan sees every kind of import", () => {
    expect(specifiers('import { a } from "x";\nimport type { B } from "y";\nexport { c } from "z";\nimport "w";\nconst m = await import("v");\nimport {\n  d,\n  e,\n} from "u";')).toEqual(["x", "y", "z", "u", "w", "v"]);
  });

  it("every import of src/cli/*.ts is another cli/ file, node:, an npm package or a public entry point", () => {
    const bad: string[] = [];
    const dir = join(ROOT, "src", "cli");
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
      for (const s of specifiers(readFileSync(join(dir, f), "utf8"))) {
        if (s.startsWith("./") && !s.slice(2).includes("/")) continue;
        if (s.startsWith("node:")) continue;
        if (!s.startsWith(".")) continue; // an npm package
        if (!allowed.has(s)) bad.push(`src/cli/${f}: ${s}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("every command names its library equivalent, and the package exports it", async () => {
    const missing: string[] = [];
    for (const c of COMMANDS) {
      if (!c.api) {
        missing.push(`twin ${c.name}: no api`);
        continue;
      }
      const spec = c.api.module === "." ? PKG.name : `${PKG.name}/${c.api.module}`;
      const entry = PKG.exports[c.api.module === "." ? "." : `./${c.api.module}`] as { default: string } | undefined;
      if (!entry) {
        missing.push(`twin ${c.name}: ${spec} is not an entry point`);
        continue;
      }
      const mod = (await import(pathToFileURL(join(ROOT, entry.default)).href)) as Record<string, unknown>;
      const v = mod[c.api.export];
      if (typeof v !== "function") missing.push(`twin ${c.name}: ${spec} has no function ${c.api.export}`);
    }
    expect(missing).toEqual([]);
  });
});

describe("API reference (TypeDoc)", () => {
  it("documents every entry point with no warning (npm run docs:api)", () => {
    const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "typedoc", "bin", "typedoc"), "--emit", "none", "--treatWarningsAsErrors"], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  }, 300_000);
});
