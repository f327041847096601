// The public API surface of the package (issue 15, "Versioned"): every export of every entry point
// in package.json "exports", read from the built declarations (dist/**/*.d.ts) with the TypeScript
// compiler, as { name: "kind: type" }. api-surface.json holds the surface of the version it names;
// test/api-surface.test.ts fails when an export disappears (or changes kind) without a major version
// bump, and when the surface differs from the file at all (an API change is always recorded).
//
//   node scripts/api-surface.mjs            print the current surface
//   node scripts/api-surface.mjs --write    record it in api-surface.json (refused when exports
//                                           disappeared and the major version was not bumped)
import { readFileSync, writeFileSync, renameSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(new URL("..", import.meta.url).pathname);
export const SNAPSHOT = join(ROOT, "api-surface.json");

function kindOf(symbol) {
  const f = symbol.flags;
  const S = ts.SymbolFlags;
  if (f & S.Class) return "class";
  if (f & S.Function) return "function";
  if (f & S.Interface) return "interface";
  if (f & S.TypeAlias) return "type";
  if (f & S.Enum) return "enum";
  if (f & S.Variable) return "const";
  if (f & S.Module) return "namespace";
  return "other";
}

/** The surface of the package at `root`: { ".": { name: "kind: type" }, "./rotor": { … }, … }. */
export function currentSurface(root = ROOT) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const entries = Object.entries(pkg.exports).filter(([, v]) => typeof v === "object" && v.types);
  const files = entries.map(([, v]) => join(root, v.types));
  const program = ts.createProgram(files, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true, types: ["node"], noEmit: true });
  const checker = program.getTypeChecker();
  const flags = ts.TypeFormatFlags.NoTruncation;
  const out = {};
  for (const [entry, v] of entries) {
    const sf = program.getSourceFile(join(root, v.types));
    if (!sf) throw new Error(`${v.types}: not built (run npm run build:ts)`);
    const mod = checker.getSymbolAtLocation(sf);
    const exports = {};
    for (const sym of mod ? checker.getExportsOfModule(mod) : []) {
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      const kind = kindOf(target);
      let type = "";
      const decl = target.valueDeclaration ?? target.declarations?.[0];
      if ((kind === "function" || kind === "const") && decl) {
        type = checker.typeToString(checker.getTypeOfSymbolAtLocation(target, decl), undefined, flags);
      } else if (kind === "class") {
        {
          const inst = checker.getDeclaredTypeOfSymbol(target);
          const members = checker.getPropertiesOfType(inst).filter((p) => !p.name.startsWith("#") && !(ts.getDeclarationModifierFlagsFromSymbol(p) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected))).map((p) => p.name).sort();
          type = `{ ${members.join(", ")} }`;
        }
      } else if (kind === "interface" || kind === "type") {
        type = checker.typeToString(checker.getDeclaredTypeOfSymbol(target), undefined, flags | ts.TypeFormatFlags.InTypeAlias);
        if (kind === "interface") {
          const props = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(target)).map((p) => `${p.name}${p.flags & ts.SymbolFlags.Optional ? "?" : ""}`).sort();
          type = `{ ${props.join(", ")} }`;
        }
      }
      exports[sym.name] = type ? `${kind}: ${type}` : kind;
    }
    out[entry] = Object.fromEntries(Object.entries(exports).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return { version: pkg.version, surface: out };
}

const major = (v) => Number(v.split(".")[0]);

/**
 * How `now` differs from `before`: exports removed or changed in kind (breaking: need a major bump),
 * added, and changed in type.
 */
export function compareSurfaces(before, now) {
  const removed = [];
  const added = [];
  const changed = [];
  const entries = new Set([...Object.keys(before.surface), ...Object.keys(now.surface)]);
  for (const e of entries) {
    const a = before.surface[e] ?? {};
    const b = now.surface[e] ?? {};
    for (const n of Object.keys(a)) {
      if (!(n in b)) removed.push(`${e} ${n}`);
      else if (a[n].split(":")[0] !== b[n].split(":")[0]) removed.push(`${e} ${n} (was ${a[n].split(":")[0]}, now ${b[n].split(":")[0]})`);
      else if (a[n] !== b[n]) changed.push(`${e} ${n}`);
    }
    for (const n of Object.keys(b)) if (!(n in a)) added.push(`${e} ${n}`);
  }
  const breakingAllowed = major(now.version) > major(before.version);
  return { removed, added, changed, breakingAllowed };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const now = currentSurface();
  if (!process.argv.includes("--write")) {
    process.stdout.write(JSON.stringify(now, null, 2) + "\n");
  } else {
    let before;
    try {
      before = JSON.parse(readFileSync(SNAPSHOT, "utf8"));
    } catch {
      before = undefined;
    }
    if (before) {
      const d = compareSurfaces(before, now);
      if (d.removed.length && !d.breakingAllowed) {
        process.stderr.write(`api-surface.json: not written: exports disappeared or changed kind without a major version bump (${before.version} -> ${now.version}):\n  ${d.removed.join("\n  ")}\n`);
        process.exit(1);
      }
      process.stdout.write(`removed ${d.removed.length}, added ${d.added.length}, changed ${d.changed.length}\n`);
    }
    const tmp = `${SNAPSHOT}.tmp`;
    writeFileSync(tmp, JSON.stringify(now, null, 2) + "\n");
    renameSync(tmp, SNAPSHOT);
    process.stdout.write(`api-surface.json: ${Object.values(now.surface).reduce((s, e) => s + Object.keys(e).length, 0)} exports of ${now.version}\n`);
  }
}
