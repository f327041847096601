// Records, when `npm pack` packs a git checkout, the commit the packed twin is built from: build/host.json
// { version, commit, modified }. An installed twin (no .git) reads it to name its commit in the packages
// it makes (src/archive/host.ts). Outside a git checkout nothing is recorded and any old record is removed.
import { spawnSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";

const git = (...args) => {
  const r = spawnSync("git", args, { encoding: "utf8", env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" } });
  return r.status === 0 ? r.stdout.trim() : undefined;
};
const { version } = JSON.parse(readFileSync("package.json", "utf8"));
const top = git("rev-parse", "--show-toplevel");
const commit = git("rev-parse", "HEAD");
const status = spawnSync("git", ["status", "--porcelain"], { encoding: "utf8", env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" } });
if (!top || !commit || !/^[0-9a-f]{40}$/.test(commit) || status.status !== 0) {
  rmSync("build/host.json", { force: true });
  console.error("host-meta: not a git checkout; build/host.json not written");
} else {
  const rec = { version, commit, modified: status.stdout.trim() !== "" };
  writeFileSync("build/host.json.tmp", JSON.stringify(rec, null, 2) + "\n");
  renameSync("build/host.json.tmp", "build/host.json");
}
