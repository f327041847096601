// twin archive restore: every Modelica, AutomationML and rotor source regenerated from the package
// graph alone (graph/twin.ttl, nothing else), written below OUT/<kind>/, and compared per file with the
// archived original: byte-equal (SHA-256) and model-equal (the mapper's own notion: Modelica ASTs,
// AutomationML graphs, rotor models parsed).
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseTurtle } from "../rdf/graph.js";
import { type Files, PackageError } from "./bagit.js";
import { GRAPH_FILE } from "./create.js";
import { sha256Hex } from "./hash.js";
import type { SourceFile, SourceKind } from "./mapper.js";
import { MAPPERS } from "./mappers.js";
import { isModelicaSource } from "../modelica/package.js";
import { openVerified } from "./open.js";
import { resolveInside } from "./safety.js";
import { payloadOf } from "./verify.js";

/** One source of the package regenerated from the graph, compared with the original. */
export interface RestoredReport {
  kind: SourceKind;
  path: string;
  /** the mapper produced this file from the graph */
  restored: boolean;
  byteEqual: boolean;
  modelEqual: boolean;
  message?: string;
  /** false for files the mapping does not cover (kept only as originals, e.g. Modelica resources) */
  mapped: boolean;
}

/** What `twin archive restore --json` prints: `ok` when every mapped source is given back byte-equal. */
export interface RestoreReport {
  package: string;
  output: string | null;
  files: RestoredReport[];
  restored: number;
  byteEqual: number;
  modelEqual: number;
  ok: boolean;
}

function covered(kind: SourceKind, path: string): boolean {
  if (kind === "modelica") return isModelicaSource(path.split("/").pop()!);
  return true;
}

/** Restores into `output` (a new directory; null: compare only). */
export async function restorePackage(path: string, output: string | null, files?: Files): Promise<RestoreReport> {
  const bag = openVerified(path, files).files; // verify first: declaration, fixity, core hash
  const payload = payloadOf(bag);
  const g = payload.get(GRAPH_FILE);
  if (!g) throw new PackageError(`${path}: data/${GRAPH_FILE} is missing`);
  const quads = parseTurtle(new TextDecoder().decode(g), `${path}/data/${GRAPH_FILE}`);
  const restored = new Map<string, { kind: SourceKind; file: SourceFile; error?: string }>();
  const reports: RestoredReport[] = [];
  for (const m of MAPPERS) {
    let out: SourceFile[];
    try {
      out = await m.restore(quads);
    } catch (e) {
      // a mapper that cannot rebuild its sources: every file of that kind is reported with the reason
      for (const p of payload.keys()) {
        if (p.startsWith(`sources/${m.kind}/`) && covered(m.kind, p.slice(`sources/${m.kind}/`.length))) {
          restored.set(p, { kind: m.kind, file: { path: p, bytes: new Uint8Array() }, error: (e as Error).message });
        }
      }
      continue;
    }
    for (const f of out) restored.set(`sources/${m.kind}/${f.path}`, { kind: m.kind, file: f });
  }
  for (const [p, orig] of payload) {
    const m = /^sources\/(modelica|aml|rotor)\/(.+)$/.exec(p);
    if (!m) continue;
    const kind = m[1] as SourceKind;
    const rel = m[2]!;
    const r = restored.get(p);
    if (!r || r.error !== undefined) {
      const mapped = covered(kind, rel);
      reports.push({ kind, path: rel, restored: false, byteEqual: false, modelEqual: false, mapped, message: r?.error ?? (mapped ? "not in the graph" : "not covered by the mapping: kept only as the original") });
      continue;
    }
    const byteEqual = sha256Hex(orig) === sha256Hex(r.file.bytes);
    const why = byteEqual ? undefined : MAPPERS.find((x) => x.kind === kind)!.modelEqual({ path: rel, bytes: orig }, { path: rel, bytes: r.file.bytes });
    reports.push({ kind, path: rel, restored: true, byteEqual, modelEqual: byteEqual || why === undefined, mapped: true, ...(why !== undefined ? { message: why } : byteEqual ? {} : { message: "bytes differ" }) });
  }
  for (const [p, r] of restored) {
    if (r.error === undefined && !payload.has(p)) reports.push({ kind: r.kind, path: r.file.path, restored: true, byteEqual: false, modelEqual: false, mapped: true, message: "in the graph but not among the archived sources" });
  }
  reports.sort((a, b) => (a.kind + a.path < b.kind + b.path ? -1 : 1));

  if (output !== null) {
    let exists = true;
    try {
      statSync(output);
    } catch {
      exists = false;
    }
    if (exists) throw new PackageError(`${output}: already exists (choose a new output directory)`);
    const tmp = join(dirname(output), `.${basename(output)}.${process.pid}.tmp`);
    rmSync(tmp, { recursive: true, force: true });
    try {
      mkdirSync(tmp, { recursive: true });
      for (const [p, r] of restored) {
        if (r.error !== undefined) continue;
        // a path from the graph: a safe package path, written below tmp through no symbolic link, never over another file
        const dest = resolveInside(tmp, p.slice("sources/".length), `${path}/data/${GRAPH_FILE}: restored source`);
        mkdirSync(dirname(dest), { recursive: true });
        writeFileSync(dest, r.file.bytes, { flag: "wx" });
      }
      renameSync(tmp, output);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
  }
  const mapped = reports.filter((r) => r.mapped);
  return {
    package: path,
    output,
    files: reports,
    restored: reports.filter((r) => r.restored).length,
    byteEqual: reports.filter((r) => r.byteEqual).length,
    modelEqual: reports.filter((r) => r.modelEqual).length,
    ok: mapped.length > 0 && mapped.every((r) => r.restored && r.byteEqual && r.modelEqual) && reports.every((r) => r.mapped || !r.restored),
  };
}
