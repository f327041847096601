// Builds legacy/twin-0.1.mjs: the twin 0.1 host program (the command line as of commit LEGACY_COMMIT,
// the last one whose archives record runs as command lines, "format 1") bundled into one ES module.
// `twin archive rerun` reruns a format-1 run by executing its recorded argv with this program and the
// package's own core (TWIN_CORE_WASM), since a format-1 run is defined by what that host computed.
// Maintainer script: needs this git repository (the commit is checked out in a temporary worktree)
// and the dev dependencies (typescript, esbuild). The output is committed; run it only to rebuild it.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const LEGACY_COMMIT = "2f640c4281a495279560b3068a9f8ca6f804cf21";
const OUT = join(ROOT, "legacy", "twin-0.1.mjs");
// runtime dependencies stay imports: they are installed with twin (package.json), at these versions
const EXTERNAL = ["n3", "oxigraph", "rdf-validate-shacl", "xmllint-wasm", "@bytecodealliance/*"];

const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

const tmp = mkdtempSync(join(tmpdir(), "twin-legacy-"));
const tree = join(tmp, "tree");
try {
  run("git", ["worktree", "add", "--detach", tree, LEGACY_COMMIT], ROOT);
  symlinkSync(join(ROOT, "node_modules"), join(tree, "node_modules"), "dir");
  run(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.json"], tree);
  const banner = [
    `// twin 0.1 host program, bundled from commit ${LEGACY_COMMIT} (bin/twin.js and dist/) by scripts/build-legacy-host.js.`,
    "// Used by `twin archive rerun` for format-1 runs only. Generated: do not edit.",
  ].join("\n");
  run(
    join(ROOT, "node_modules", ".bin", "esbuild"),
    [
      join("bin", "twin.js"),
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--target=node20",
      "--legal-comments=inline",
      `--banner:js=${banner}`,
      ...EXTERNAL.map((e) => `--external:${e}`),
      `--outfile=${OUT}`,
    ],
    tree, // file comments in the bundle are relative to this: the same bytes on every rebuild
  );
  // a shebang in bin/twin.js would sit under the banner; node accepts it only on line 1
  const text = readFileSync(OUT, "utf8").replace(/^#!.*\n/m, "");
  writeFileSync(OUT, text);
  console.log(`${OUT}: ${text.length} bytes, SHA-256 ${createHash("sha256").update(text).digest("hex")}`);
} finally {
  try {
    run("git", ["worktree", "remove", "--force", tree], ROOT);
  } catch {
    // already gone
  }
  rmSync(tmp, { recursive: true, force: true });
}
