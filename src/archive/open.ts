// Opening a package for use, verify first (safety.ts): what rerun, restore and query call before they
// touch any content of a package. `openVerified` reads the package (bounded, no symbolic links, no
// unsafe ZIP entries), checks its declaration, fixity and core hash; `openForReplay` also checks every
// run record (record-check.ts) so that nothing a replay does can leave its scratch directory.
import type { Files } from "./bagit.js";
import { payloadOf } from "./bagit.js";
import { readPackage } from "./package.js";
import { checkRunRecords } from "./record-check.js";
import { UnsafePackageError, type VerifiedPackage, verifyFirst } from "./safety.js";

/** Reads (unless `files` is given) and verifies a package: PackageError (exit 2) or PackageRefused (exit 1). */
export function openVerified(path: string, files?: Files): VerifiedPackage {
  return verifyFirst(path, files ?? readPackage(path));
}

/**
 * As openVerified, and every run record must be safe to replay: UnsafePackageError (exit 2) lists each
 * problem as `PKG/data/runs/ID/run.json: run ID: json.path: message`.
 */
export function openForReplay(path: string, files?: Files): VerifiedPackage {
  const v = openVerified(path, files);
  const { problems } = checkRunRecords(payloadOf(v.files));
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((p) => `${path}/${p.file}: ${p.message}`);
    if (problems.length > 20) shown.push(`… and ${problems.length - 20} more problems`);
    throw new UnsafePackageError(`${shown.join("\n")}\n${path}: refused: a run record is not safe to replay (nothing was run)`);
  }
  return v;
}
