// The code examples of the documentation, run as a user would run them (issue 15: no example rots).
// Every ```js block of a Markdown file is one ES module program that imports the package by its npm
// name; when a ```text block follows it (only blank lines between), the program's standard output
// must equal that block. Each program runs in its own empty directory of a work directory whose
// node_modules holds the package (a symlink to a checkout, or a real install from `npm pack`).
//
//   node scripts/examples.mjs [--package DIR] FILE.md...     (DIR: the package root, default this checkout)
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";

/** The documents whose examples are run: the README, the API guide and its domain pages. */
export function exampleFiles(root) {
  const dir = join(root, "docs", "api");
  return ["README.md", "docs/api.md", ...(existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/api/${f}`) : [])];
}

/** The examples of one Markdown text: { line, code, expected } (expected undefined when no output block follows). */
export function extractExamples(markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const body = [];
    let j = i + 1;
    while (j < lines.length && lines[j] !== fence) body.push(lines[j++]);
    blocks.push({ lang: open[2], line: i + 1, text: body.join("\n") + "\n", end: j });
    i = j;
  }
  const examples = [];
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    if (b.lang !== "js") continue;
    const next = blocks[k + 1];
    const between = next ? lines.slice(b.end + 1, next.line - 1) : [];
    const expected = next && next.lang === "text" && between.every((l) => l.trim() === "") ? next.text : undefined;
    examples.push({ line: b.line, code: b.text, expected });
  }
  return examples;
}

/** A work directory whose node_modules/<name> is the package at `packageDir` (unless `installed`). */
export function workDirFor(packageDir, installed = false) {
  const name = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).name;
  const dir = mkdtempSync(join(tmpdir(), "twin-examples-"));
  if (!installed) {
    mkdirSync(join(dir, "node_modules"), { recursive: true });
    symlinkSync(packageDir, join(dir, "node_modules", name), "dir");
  }
  return dir;
}

/**
 * Runs every example of `files` inside `workDir` (its node_modules must resolve the package). Returns
 * one result per example: { file, line, ok, stdout, stderr, expected, code }.
 */
export function runExamples(files, workDir, { timeoutMs = 120_000, env = {} } = {}) {
  const results = [];
  for (const file of files) {
    const examples = extractExamples(readFileSync(file, "utf8"));
    for (const ex of examples) {
      const dir = join(workDir, `${basename(file, ".md")}-${ex.line}`);
      mkdirSync(dir, { recursive: true });
      const prog = join(dir, "example.mjs");
      writeFileSync(prog, ex.code);
      const r = spawnSync(process.execPath, [prog], { cwd: dir, encoding: "utf8", timeout: timeoutMs, env: { ...process.env, TWIN_DEBUG: undefined, TWIN_CORE_WASM: undefined, ...env }, maxBuffer: 1 << 26 });
      const ok = r.status === 0 && (ex.expected === undefined || r.stdout === ex.expected);
      results.push({ file, line: ex.line, ok, code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, expected: ex.expected });
    }
  }
  return results;
}

/** A readable account of a failed example. */
export function describeFailure(r) {
  const where = `${r.file}:${r.line}`;
  if (r.code !== 0) return `${where}: exit ${r.code ?? r.signal}\n${r.stderr}`;
  return `${where}: output differs\n--- expected\n${r.expected}--- actual\n${r.stdout}`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  let pkg = resolve(new URL("..", import.meta.url).pathname);
  const i = args.indexOf("--package");
  if (i >= 0) {
    pkg = resolve(args[i + 1]);
    args.splice(i, 2);
  }
  const files = args.length ? args : exampleFiles(pkg).map((f) => join(pkg, f));
  const work = workDirFor(pkg);
  try {
    const results = runExamples(files.map((f) => resolve(f)), work);
    let failed = 0;
    for (const r of results) {
      if (r.ok) console.log(`ok   ${r.file}:${r.line}`);
      else {
        failed++;
        console.log(`FAIL ${describeFailure(r)}`);
      }
    }
    console.log(`${results.length - failed}/${results.length} examples pass`);
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
