// Runs every command example of README.md — each command of its ```sh blocks after the first (the
// first holds the two commands `npm ci && npx twin demo` and `npm test`) — in a scratch copy of the
// repository's tracked files (with this checkout's node_modules, build/ and dist/ copied in, so run
// `npm ci` first; node_modules as hard links: `npx twin` resolves the project's own bin by installing a
// link to the project into npm's npx cache, which fails through a symlinked node_modules), one after the
// other as a reader would, and reports each exit status. Exit 1 when any example fails. The examples
// that use a SPARQL store (README: http://127.0.0.1:8890/sparql, user twin) run against a throwaway
// Virtuoso started here (test/helpers/virtuoso.js) with its port and password put in; without
// Virtuoso installed they are reported as not run, with the reason.
// Usage: node scripts/readme-examples.js [--keep]
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startVirtuoso, virtuosoMissing } from "../test/helpers/virtuoso.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const keep = process.argv.includes("--keep");

/** The commands of the README's sh blocks: a command continues over a trailing `\` or an open quote. */
function examples(text) {
  const blocks = [...text.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  const commands = [];
  for (const block of blocks.slice(1)) {
    let cur = "";
    for (const line of block.split("\n")) {
      if (cur === "" && (line.trim() === "" || line.trim().startsWith("#"))) continue;
      cur += (cur ? "\n" : "") + line;
      const quotes = (cur.match(/'/g) ?? []).length;
      if (quotes % 2 === 0 && !cur.endsWith("\\")) {
        commands.push(cur);
        cur = "";
      }
    }
    if (cur !== "") throw new Error(`README.md: unterminated command: ${cur}`);
  }
  return commands;
}

const commands = examples(readFileSync(join(root, "README.md"), "utf8"));
const files = spawnSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" });
if (files.status !== 0) throw new Error(`git ls-files: ${files.stderr}`);
const dir = mkdtempSync(join(tmpdir(), "twin-readme-"));
for (const f of files.stdout.split("\0").filter(Boolean)) {
  mkdirSync(dirname(join(dir, f)), { recursive: true });
  copyFileSync(join(root, f), join(dir, f));
}
for (const [d, how] of [["node_modules", "-al"], ["build", "-a"], ["dist", "-a"]]) {
  const r = spawnSync("cp", [how, join(root, d), join(dir, d)], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cp ${how} ${d}: ${r.stderr}`);
}

const README_ENDPOINT = "http://127.0.0.1:8890/sparql";
const needsStore = (cmd) => cmd.includes(README_ENDPOINT);
const storeMissing = commands.some(needsStore) ? virtuosoMissing() : undefined;
const store = commands.some(needsStore) && storeMissing === undefined ? await startVirtuoso() : undefined;

let failed = 0;
let notRun = 0;
for (const [i, original] of commands.entries()) {
  const t0 = performance.now();
  if (needsStore(original) && store === undefined) {
    notRun++;
    console.log(`not   ${String(i + 1).padStart(2)} ${original.split("\n")[0].slice(0, 110)}  (needs a SPARQL store: ${storeMissing})`);
    continue;
  }
  const cmd = store === undefined ? original : original.replaceAll(README_ENDPOINT, store.endpoint).replaceAll("TWIN_ENDPOINT_PASSWORD=...", `TWIN_ENDPOINT_PASSWORD=${store.password}`).replaceAll("--user twin", `--user ${store.user}`);
  const r = spawnSync("bash", ["-c", `set -euo pipefail\n${cmd}`], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 28 });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  const head = cmd.split("\n")[0].slice(0, 110);
  if (r.status === 0) console.log(`ok    ${String(i + 1).padStart(2)} ${head}${cmd.includes("\n") ? " ..." : ""}  (${s} s)`);
  else {
    failed++;
    console.log(`FAIL  ${String(i + 1).padStart(2)} ${head}  (exit ${r.status})`);
    console.log(`${r.stdout}${r.stderr}`.trim().split("\n").slice(-6).map((l) => `        ${l}`).join("\n"));
  }
}
await store?.stop();
console.log(`${commands.length - failed - notRun}/${commands.length} README examples ran${notRun ? ` (${notRun} not run: see above)` : ""}${keep ? `; scratch copy kept in ${dir}` : ""}`);
if (!keep) rmSync(dir, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);
