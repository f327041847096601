// Package directories (MLS 3.6 §13.4): a directory with package.mo (and optionally package.order)
// per package, one .mo file or sub-directory per class. Reading collects every .mo and package.order
// file with its path relative to the parent of the given path (so the package name is kept);
// writing puts each file back at its path.
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";

/** A source file read from disk: `path` relative and "/"-separated (package name kept), `abs` the path it was read from. */
export interface SourceFile {
  path: string; // relative, "/"-separated
  abs: string;
  text: string;
}

export function isModelicaSource(name: string): boolean {
  return name.endsWith(".mo") || name === "package.order";
}

/** The sources under `path` (a .mo file or a package directory), sorted by path. */
export function readSources(path: string): SourceFile[] {
  const st = statSync(path);
  if (!st.isDirectory()) return [{ path: basename(path), abs: path, text: readFileSync(path, "utf8") }];
  const root = dirname(path.replace(/[\\/]+$/, "")) || ".";
  const out: SourceFile[] = [];
  const visit = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name);
      const s = statSync(abs);
      if (s.isDirectory()) visit(abs);
      else if (isModelicaSource(name)) out.push({ path: relative(root, abs).split(sep).join("/"), abs, text: readFileSync(abs, "utf8") });
    }
  };
  visit(path);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Writes files under `dir`, creating sub-directories; refuses paths escaping `dir`. */
export function writeSources(dir: string, files: { path: string; text: string }[]): void {
  for (const f of files) {
    if (f.path.split("/").some((p) => p === ".." || p === "") || f.path.startsWith("/")) throw new Error(`unsafe path in graph: ${JSON.stringify(f.path)}`);
    const target = join(dir, ...f.path.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileAtomic(target, f.text);
  }
}
