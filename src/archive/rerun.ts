// twin archive rerun: re-executes every recorded run with the package's own core.wasm and compares
// bit for bit. An invocation (a job run, format 2) is compared by the canonical digest of its result:
// node's engines and wasmtime rebuild its rerun module from the core and the recorded request, wabt and
// binaryen run the recorded .wast with their own harness. The self-check run is compared by its
// values. A format-1 CLI run (argv) needs the JavaScript host of its version (node engines only).
// An engine that is not installed is reported as such, never as a match.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { Files } from "./bagit.js";
import { type Engine, engineAvailable, engineVersion, isNodeEngine, runInvocation, runSelfchecks, runWast } from "./engines.js";
import { selfcheckWast } from "./wast.js";
import { canonicalHash, sha256Hex } from "./hash.js";
import { openForReplay } from "./open.js";
import { reexecute, type RunRecord } from "./runs.js";
import { payloadOf, runRecords } from "./verify.js";

/** One output of a run: the recorded and the new canonical hash. */
export interface OutputComparison {
  path: string;
  recorded: string;
  got: string | null;
  match: boolean;
  /** the raw bytes are identical too (not required: the canonical hash is what counts) */
  bytesEqual: boolean;
}

/** One recorded run rerun on one engine, compared bit for bit. */
export interface RerunResult {
  run: string;
  kind: RunRecord["kind"];
  status: "match" | "mismatch" | "failed" | "skipped";
  message?: string;
  outputs: OutputComparison[];
  seconds: number;
}

/** The reruns on one engine (or why it is not available). */
export interface EngineReport {
  engine: Engine;
  available: boolean;
  version?: string;
  reason?: string;
  results: RerunResult[];
  matched: number;
  compared: number;
}

/** What `twin archive rerun --json` prints. */
export interface RerunReport {
  package: string;
  coreSha256: string;
  engines: EngineReport[];
  /** every compared run matched on every available engine, and at least one run was compared */
  ok: boolean;
}

/** Runs async tasks with at most `n` at a time, results in task order. */
async function pool<T>(tasks: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
  return out;
}

function compare(rec: RunRecord, got: Map<string, Uint8Array>): OutputComparison[] {
  return rec.outputs.map((o) => {
    const b = got.get(o.path);
    const h = b === undefined ? null : (canonicalHash(b, o.mode) ?? null);
    return { path: o.path, recorded: o.canonicalSha256, got: h, match: h === o.canonicalSha256, bytesEqual: b !== undefined && sha256Hex(b) === o.sha256 };
  });
}

/** The .wast of a run: the recorded file (format 2), or for a format-1 self-check run one made here. */
function wastOf(rec: RunRecord, payload: Map<string, Uint8Array>, core: Uint8Array): Uint8Array | undefined {
  const recorded = payload.get(`runs/${rec.id}/rerun.wast`);
  if (recorded !== undefined) return recorded;
  if (rec.kind !== "selfcheck") return undefined;
  const values = payload.get(`runs/${rec.id}/${rec.outputs[0]?.path ?? ""}`);
  if (values === undefined) return undefined;
  return Buffer.from(selfcheckWast(core, JSON.parse(Buffer.from(values).toString("utf8")) as Record<string, string>, ["made at rerun time for a format-1 package"]), "utf8");
}

async function rerunOne(rec: RunRecord, engine: Engine, payload: Map<string, Uint8Array>, corePath: string, core: Uint8Array, scratch: string): Promise<RerunResult> {
  const t0 = performance.now();
  const done = (status: RerunResult["status"], outputs: OutputComparison[], message?: string): RerunResult => ({
    run: rec.id,
    kind: rec.kind,
    status,
    ...(message !== undefined ? { message } : {}),
    outputs,
    seconds: (performance.now() - t0) / 1000,
  });
  try {
    if ((engine === "wasm-interp" || engine === "binaryen") && (rec.kind === "invocation" || rec.kind === "selfcheck")) {
      const wast = wastOf(rec, payload, core);
      if (wast === undefined) return done("failed", [], `runs/${rec.id}/rerun.wast is missing`);
      const path = join(scratch, `${rec.id}-${engine}.wast`);
      writeFileSync(path, wast);
      const assertions = rec.kind === "invocation" ? 4 : (rec.exports ?? []).length;
      const o = await runWast(engine, path, assertions);
      const cmp: OutputComparison = { path: "rerun.wast", recorded: `${assertions} assertions`, got: o.summary, match: o.passed, bytesEqual: o.passed };
      return done(o.passed ? "match" : "mismatch", [cmp], o.passed ? undefined : o.detail || o.summary);
    }
    if (rec.kind === "invocation") {
      const inv = rec.invocation!;
      const request = payload.get(`runs/${rec.id}/${inv.request.path}`);
      if (request === undefined) return done("failed", [], `runs/${rec.id}/${inv.request.path} is missing`);
      const got = await runInvocation(engine, core, inv.entry, request);
      const cmp: OutputComparison = { path: inv.result.path, recorded: inv.result.digest, got, match: got === inv.result.digest, bytesEqual: got === inv.result.digest };
      return done(cmp.match ? "match" : "mismatch", [cmp]);
    }
    if (rec.kind === "selfcheck") {
      const values = await runSelfchecks(engine, corePath, rec.exports ?? []);
      const out = Buffer.from(JSON.stringify(values, null, 2) + "\n");
      const cmp = compare(rec, new Map([[rec.outputs[0]!.path, out]]));
      return done(cmp.every((c) => c.match) ? "match" : "mismatch", cmp);
    }
    if (!isNodeEngine(engine)) return done("skipped", [], `a format-1 CLI run needs the JavaScript host of its version; ${engine} runs invocations and self-checks`);
    const inputs = new Map<string, Uint8Array>();
    for (const i of rec.inputs) inputs.set(i.path, payload.get(`runs/${rec.id}/${i.path}`) ?? new Uint8Array());
    const r = await reexecute(rec, inputs, corePath, engine);
    if (r.code !== 0) return done("failed", [], `exit code ${r.code}: ${r.stderr.trim().split("\n").slice(0, 4).join(" | ")}`);
    const cmp = compare(rec, r.outputs);
    return done(cmp.every((c) => c.match) ? "match" : "mismatch", cmp);
  } catch (e) {
    return done("failed", [], (e as Error).message);
  }
}

/** Why a run is not rerun on an engine (a "skipped" result with this reason), or undefined to rerun it. */
export type RerunSkip = (engine: Engine, runId: string) => string | undefined;

export async function rerunPackage(path: string, engines: Engine[], files?: Files, only?: string[], skip?: RerunSkip): Promise<RerunReport> {
  // >>> SAFETY HOOK (src/archive/open.ts): verify first (declaration, fixity, core hash) and check every
  // run record (safe paths and arguments, recordable commands, inputs present as declared); refuses the
  // package before anything is written or run. Keep this the first statement of the rerun.
  const bag = openForReplay(path, files).files;
  // <<< SAFETY HOOK
  const payload = payloadOf(bag);
  const core = payload.get("core/core.wasm");
  if (!core) throw new Error(`${path}: data/core/core.wasm is missing`);
  const problems: { file: string; message: string }[] = [];
  let runs = runRecords(payload, problems);
  if (problems.length > 0) throw new Error(problems.map((p) => `${path}/${p.file}: ${p.message}`).join("\n"));
  if (only && only.length > 0) {
    for (const id of only) if (!runs.some((r) => r.id === id)) throw new Error(`${path}: no run ${id} (runs: ${runs.map((r) => r.id).join(", ")})`);
    runs = runs.filter((r) => only.includes(r.id));
  }
  const dir = mkdtempSync(join(tmpdir(), "twin-rerun-core-"));
  try {
    const corePath = join(dir, "core.wasm");
    writeFileSync(corePath, core);
    const reports: EngineReport[] = engines.map((engine) => {
      const a = engineAvailable(engine);
      return { engine, available: a.ok, ...(a.ok ? { version: engineVersion(engine) } : { reason: a.reason! }), results: [], matched: 0, compared: 0 };
    });
    const tasks: (() => Promise<void>)[] = [];
    // the reference interpreters take the longest (binaryen's wasm-shell ~4x wabt's, wabt ~10x a JIT):
    // start them first so the pool's makespan is not one long run at the end
    const slow = (e: Engine): number => (e === "binaryen" ? 0 : e === "wasm-interp" ? 1 : 2);
    for (const rep of [...reports].sort((a, b) => slow(a.engine) - slow(b.engine))) {
      if (!rep.available) continue;
      runs.forEach((rec, i) => {
        const why = skip?.(rep.engine, rec.id);
        tasks.push(async () => {
          rep.results[i] = why !== undefined ? { run: rec.id, kind: rec.kind, status: "skipped", message: why, outputs: [], seconds: 0 } : await rerunOne(rec, rep.engine, payload, corePath, core, dir);
        });
      });
    }
    await pool(tasks, Math.max(1, availableParallelism()));
    for (const rep of reports) {
      rep.results = rep.results.filter((r) => r !== undefined);
      rep.compared = rep.results.filter((r) => r.status !== "skipped").length;
      rep.matched = rep.results.filter((r) => r.status === "match").length;
    }
    const avail = reports.filter((r) => r.available);
    return {
      package: path,
      coreSha256: sha256Hex(core),
      engines: reports,
      ok: avail.length > 0 && avail.every((r) => r.matched === r.compared) && avail.some((r) => r.compared > 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
