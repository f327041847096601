// Who made a package: the twin host (this program) by its version (package.json, semantic versioning,
// CHANGELOG.md) and, where known, the git commit it was built from. Known in a git checkout of twin
// (`git rev-parse HEAD`, and whether tracked files differ from it or untracked files exist), or in an
// installed copy from build/host.json, which `npm pack` writes (scripts/host-meta.js) when it packs a
// checkout. The package records this in bag-info.txt, the RO-Crate and the PROV-O graph.
import { spawnSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../core/core.js";

export const HOST_RECORD = join(PACKAGE_ROOT, "build", "host.json");

export interface HostIdentity {
  name: "twin";
  version: string;
  /** the git commit (40 hex digits) the host was built from; null when unknown */
  commit: string | null;
  /** the checkout differed from that commit (modified or untracked files); null when unknown */
  modified: boolean | null;
  /** where the commit comes from */
  commitSource: "git checkout" | "build/host.json" | null;
}

function git(args: string[]): string | undefined {
  try {
    const r = spawnSync("git", ["-C", PACKAGE_ROOT, ...args], { encoding: "utf8", env: { ...process.env, GIT_DIR: undefined, GIT_WORK_TREE: undefined, GIT_INDEX_FILE: undefined, GIT_OPTIONAL_LOCKS: "0" }, timeout: 20_000 });
    return r.status === 0 ? r.stdout : undefined;
  } catch {
    return undefined;
  }
}

/** The commit of a git checkout whose top level is the twin package itself (not a project it is installed in). */
export function gitState(): { commit: string; modified: boolean } | undefined {
  const top = git(["rev-parse", "--show-toplevel"])?.trim();
  if (!top) return undefined;
  try {
    if (realpathSync(top) !== realpathSync(PACKAGE_ROOT)) return undefined;
  } catch {
    return undefined;
  }
  const commit = git(["rev-parse", "HEAD"])?.trim();
  if (!commit || !/^[0-9a-f]{40}$/.test(commit)) return undefined;
  const status = git(["status", "--porcelain"]);
  if (status === undefined) return undefined;
  return { commit, modified: status.trim() !== "" };
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

/** The host's identity: version, and the commit from the checkout or the record made when it was packed. */
export function hostIdentity(version: string = packageVersion()): HostIdentity {
  const g = gitState();
  if (g) return { name: "twin", version, commit: g.commit, modified: g.modified, commitSource: "git checkout" };
  try {
    const rec = JSON.parse(readFileSync(HOST_RECORD, "utf8")) as { version?: unknown; commit?: unknown; modified?: unknown };
    if (rec.version === version && typeof rec.commit === "string" && /^[0-9a-f]{40}$/.test(rec.commit) && typeof rec.modified === "boolean") {
      return { name: "twin", version, commit: rec.commit, modified: rec.modified, commitSource: "build/host.json" };
    }
  } catch {
    /* no record: an installed copy packed from something other than a git checkout */
  }
  return { name: "twin", version, commit: null, modified: null, commitSource: null };
}

/** "twin 0.2.0 (git 0123abcd…, modified)" */
export function describeHost(h: HostIdentity): string {
  return `twin ${h.version}${h.commit ? ` (git ${h.commit}${h.modified ? ", with uncommitted changes" : ""})` : ""}`;
}

/** The bag-info.txt lines of the host (RFC 8493 §2.2.2 allows other labels). */
export function hostBagInfo(h: HostIdentity): [string, string][] {
  const out: [string, string][] = [["Twin-Host-Version", h.version]];
  if (h.commit) {
    out.push(["Twin-Host-Commit", h.commit]);
    out.push(["Twin-Host-Tree", h.modified ? "modified" : "clean"]);
  }
  return out;
}
