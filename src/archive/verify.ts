// twin archive verify: every check of shared/spec/archive.md, each named, each problem naming its file.
// bag (declaration, versions), fixity (payload and tag manifests, Payload-Oxum), crate (RO-Crate
// consistency), graph (parses; SHACL conformance with the package's own shapes), consistency (the
// graph's records of files, core and runs agree with the files), core (hash, validity, no imports),
// runs (recorded inputs and outputs and their hashes), signature (Ed25519 over the tag manifest).
import { compareCodeUnits, parseTurtle, type Quad, RdfSyntaxError } from "../rdf/graph.js";
import { ARCHIVE, NS } from "../rdf/namespaces.js";
import { validateShacl } from "../rdf/shacl.js";
import { checkDeclaration, checkFixity, type Files, payloadOf, type Problem } from "./bagit.js";
import { GRAPH_FILE, shapesOf } from "./create.js";
import { checkCrate, CRATE_FILE } from "./crate.js";
import { canonicalHash, sha256Hex } from "./hash.js";
import { checkRunRecords } from "./record-check.js";
import { pathProblem } from "./safe-path.js";
import { coreProblems } from "./safety.js";
import { readPackage } from "./package.js";
import { coreIri } from "./provenance.js";
import { invocationWastBytes, type RunRecord, SELFCHECK_WAST_COMMENT } from "./runs.js";
import { selfcheckWast } from "./wast.js";
import { f64FromBytes, resultDigest } from "../core/job.js";
import { checkSignature } from "./sign.js";

/** One check of verification and the problems it found. */
export interface Check {
  name: "bag" | "fixity" | "crate" | "graph" | "consistency" | "core" | "runs" | "signature";
  ok: boolean;
  summary: string;
  problems: Problem[];
}

/** What `twin archive verify --json` prints: `ok` when every check passes. */
export interface VerifyReport {
  package: string;
  ok: boolean;
  checks: Check[];
}

const T = (s: string): string => ARCHIVE + s;
const utf8 = (b: Uint8Array): string => new TextDecoder().decode(b);

export { payloadOf } from "./bagit.js";

/** Why a parsed run record cannot be used (format, kind and the invocation's fields), or undefined. */
function recordFault(r: RunRecord): string | undefined {
  const f = (r as { format?: unknown }).format;
  if (f !== undefined && f !== 2) return typeof f === "number" && f > 2 ? `made by a newer twin (run record format ${f}; this version reads 1 and 2)` : `format: must be 2 (or absent for format 1), found ${JSON.stringify(f)}`;
  if (!["invocation", "cli", "selfcheck"].includes(r.kind)) return `kind: must be invocation, cli or selfcheck, found ${JSON.stringify(r.kind)}`;
  if (r.kind === "invocation") {
    const inv = r.invocation;
    if (f !== 2) return "kind invocation needs format 2";
    if (inv === undefined || typeof inv !== "object") return "invocation: missing";
    if (typeof inv.entry !== "string" || !/^job[A-Z][A-Za-z0-9]*$/.test(inv.entry)) return `invocation.entry: a job export name (job...), found ${JSON.stringify(inv.entry)}`;
    if (inv.request?.path !== "request.f64" || !Number.isInteger(inv.request.values) || typeof inv.request.sha256 !== "string") return "invocation.request: { path: request.f64, values, sha256 } expected";
    if (inv.result?.path !== "result.f64" || !Number.isInteger(inv.result.values) || typeof inv.result.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(inv.result.digest ?? "")) return "invocation.result: { path: result.f64, values, sha256, digest } expected";
    if (r.wast?.path !== "rerun.wast" || typeof r.wast.sha256 !== "string") return "wast: { path: rerun.wast, sha256 } expected";
  }
  return undefined;
}

/** run.json records of a payload, by run id; problems for unreadable ones. */
export function runRecords(payload: Map<string, Uint8Array>, problems: Problem[] = []): RunRecord[] {
  const out: RunRecord[] = [];
  const ids = new Set<string>();
  for (const p of payload.keys()) {
    const m = /^runs\/([^/]+)\//.exec(p);
    if (m) ids.add(m[1]!);
  }
  for (const id of [...ids].sort(compareCodeUnits)) {
    const b = payload.get(`runs/${id}/run.json`);
    if (!b) {
      problems.push({ file: `data/runs/${id}/run.json`, message: "missing: a run directory without its record" });
      continue;
    }
    try {
      const r = JSON.parse(utf8(b)) as RunRecord;
      if (r.id !== id || !Array.isArray(r.outputs) || !Array.isArray(r.inputs)) throw new Error("fields id, inputs, outputs expected");
      const why = recordFault(r);
      if (why !== undefined) throw new Error(why);
      out.push(r);
    } catch (e) {
      problems.push({ file: `data/runs/${id}/run.json`, message: `malformed: ${(e as Error).message}` });
    }
  }
  return out;
}

function check(name: Check["name"], problems: Problem[], okSummary: string): Check {
  return { name, ok: problems.length === 0, summary: problems.length === 0 ? okSummary : `${problems.length} problem${problems.length > 1 ? "s" : ""}`, problems };
}

export async function verifyPackage(path: string, keyPath?: string, files?: Files): Promise<VerifyReport> {
  const bag = files ?? readPackage(path);
  const checks: Check[] = [];
  const info = checkDeclaration(bag, path);
  checks.push(check("bag", [], `BagIt ${utf8(bag.get("bagit.txt")!).match(/BagIt-Version: (\S+)/)?.[1]}, package format ${info.get("Twin-Package-Format") ?? "?"}`));

  const fixity = checkFixity(bag, info);
  const payload = payloadOf(bag);
  checks.push(check("fixity", fixity, `${payload.size} payload files and ${[...bag.keys()].filter((p) => !p.startsWith("data/")).length} tag files match their manifests`));

  const runProblems: Problem[] = [];
  const runs = runRecords(payload, runProblems);
  const crate = payload.get(CRATE_FILE);
  checks.push(check("crate", checkCrate(crate ? utf8(crate) : undefined, payload, runs), `RO-Crate 1.1: ${payload.size - 1} files and ${runs.length} runs described`));

  // graph: parse and shapes
  const graphProblems: Problem[] = [];
  let quads: Quad[] = [];
  const g = payload.get(GRAPH_FILE);
  if (!g) graphProblems.push({ file: `data/${GRAPH_FILE}`, message: "missing" });
  else {
    try {
      quads = parseTurtle(utf8(g), `data/${GRAPH_FILE}`);
      const shapes = shapesOf(payload);
      if (shapes.length === 0) graphProblems.push({ file: "data/ontologies", message: "no SHACL shapes (*shapes*.ttl) in the package" });
      const report = await validateShacl(quads, shapes);
      for (const r of report.results.slice(0, 20)) {
        graphProblems.push({ file: `data/${GRAPH_FILE}`, message: `does not conform to its shapes: ${r.focusNode}${r.path ? ` ${r.path}` : ""}: ${r.message} (${r.sourceShape})` });
      }
      if (report.results.length > 20) graphProblems.push({ file: `data/${GRAPH_FILE}`, message: `… and ${report.results.length - 20} more SHACL results` });
    } catch (e) {
      graphProblems.push({ file: e instanceof RdfSyntaxError ? "" : `data/${GRAPH_FILE}`, message: (e as Error).message });
      quads = [];
    }
  }
  checks.push(check("graph", graphProblems, `${quads.length} triples conform to the package's SHACL shapes`));

  // consistency of the graph's records with the files
  const cons: Problem[] = [];
  const bySubject = new Map<string, Map<string, string[]>>();
  for (const q of quads) {
    let m = bySubject.get(q.subject.value);
    if (!m) bySubject.set(q.subject.value, (m = new Map()));
    let l = m.get(q.predicate.value);
    if (!l) m.set(q.predicate.value, (l = []));
    l.push(q.object.value);
  }
  const val = (s: string, p: string): string | undefined => bySubject.get(s)?.get(p)?.[0];
  const fileRecords = new Map<string, { sha: string | undefined; size: string | undefined; canonical: string | undefined }>();
  for (const [s, m] of bySubject) {
    if ((m.get(`${NS.rdf}type`) ?? []).includes(T("ArchivedFile"))) {
      fileRecords.set(val(s, T("path")) ?? s, { sha: val(s, T("sha256")), size: val(s, T("byteSize")), canonical: val(s, T("canonicalSha256")) });
    }
  }
  if (quads.length > 0) {
    for (const [p, rec] of fileRecords) {
      const b = payload.get(p);
      if (!b) cons.push({ file: `data/${GRAPH_FILE}`, message: `records ${p}, which is not in the package` });
      else if (rec.sha !== sha256Hex(b) || rec.size !== String(b.length)) cons.push({ file: `data/${p}`, message: `SHA-256 or size differs from the graph's record (data/${GRAPH_FILE})` });
    }
    for (const p of payload.keys()) {
      if (p !== GRAPH_FILE && p !== CRATE_FILE && !fileRecords.has(p)) cons.push({ file: `data/${p}`, message: `not recorded in the graph (data/${GRAPH_FILE})` });
    }
    const graphRuns = new Map<string, string>();
    for (const [s, m] of bySubject) if ((m.get(`${NS.rdf}type`) ?? []).includes(T("Run"))) graphRuns.set(val(s, T("runId")) ?? s, s);
    for (const r of runs) {
      const s = graphRuns.get(r.id);
      if (!s) {
        cons.push({ file: `data/runs/${r.id}/run.json`, message: `run ${r.id} is not in the graph` });
        continue;
      }
      for (const o of r.outputs) {
        if (fileRecords.get(`runs/${r.id}/${o.path}`)?.canonical !== o.canonicalSha256) cons.push({ file: `data/${GRAPH_FILE}`, message: `run ${r.id}: output ${o.path}: canonical hash differs from data/runs/${r.id}/run.json` });
      }
      if (r.argv && val(s, T("argv")) !== JSON.stringify(r.argv)) cons.push({ file: `data/${GRAPH_FILE}`, message: `run ${r.id}: argv differs from data/runs/${r.id}/run.json` });
    }
    for (const id of graphRuns.keys()) if (!runs.some((r) => r.id === id)) cons.push({ file: `data/${GRAPH_FILE}`, message: `run ${id} has no data/runs/${id}/run.json` });
  }
  checks.push(check("consistency", cons, `the graph records ${fileRecords.size} files and ${runs.length} runs as they are`));

  // the core: valid, imports nothing, SHA-256 = build record = every run's record (safety.ts), = the graph's
  const { sha256: coreSha, problems: coreProblemList } = coreProblems(payload);
  if (coreSha !== "" && quads.length > 0) {
    const pkgCore = [...bySubject].find(([, m]) => (m.get(`${NS.rdf}type`) ?? []).includes(T("Package")))?.[1].get(T("core"))?.[0];
    if (pkgCore !== coreIri(coreSha)) coreProblemList.push({ file: "data/core/core.wasm", message: `SHA-256 ${coreSha} is not the core the graph records (${pkgCore ?? "none"})` });
  }
  checks.push(check("core", coreProblemList, `core.wasm ${coreSha.slice(0, 16)}… imports nothing; build record, graph and runs agree`));

  // runs: every record read as untrusted input (record-check.ts: types, safe paths and arguments,
  // recordable commands, recorded files present with their size and SHA-256), then the canonical hashes
  runProblems.push(...checkRunRecords(payload).problems);
  for (const r of runs) {
    for (const f of r.outputs) {
      const p = `runs/${r.id}/${f.path}`;
      const b = typeof f.path === "string" && pathProblem(f.path) === undefined ? payload.get(p) : undefined;
      if (b !== undefined && "canonicalSha256" in f && canonicalHash(b, f.mode) !== f.canonicalSha256) runProblems.push({ file: `data/${p}`, message: `canonical hash differs from data/runs/${r.id}/run.json` });
    }
  }
  // invocations: request and result as recorded, the result's digest, and the .wast rebuilt from the
  // core, the request and the digest equal to the recorded one (a .wast that does not match its
  // run.json would rerun something else)
  const coreBytes = payload.get("core/core.wasm");
  for (const r of runs) {
    const dir = `runs/${r.id}`;
    const wast = r.wast ? payload.get(`${dir}/${r.wast.path}`) : undefined;
    if (r.wast && wast === undefined) runProblems.push({ file: `data/${dir}/${r.wast.path}`, message: `missing: recorded in data/${dir}/run.json` });
    else if (r.wast && wast !== undefined && sha256Hex(wast) !== r.wast.sha256) runProblems.push({ file: `data/${dir}/${r.wast.path}`, message: `SHA-256 differs from data/${dir}/run.json` });
    if (r.kind === "invocation" && r.invocation) {
      const inv = r.invocation;
      const req = payload.get(`${dir}/${inv.request.path}`);
      const res = payload.get(`${dir}/${inv.result.path}`);
      if (req === undefined) runProblems.push({ file: `data/${dir}/${inv.request.path}`, message: `missing: the request of data/${dir}/run.json` });
      else if (sha256Hex(req) !== inv.request.sha256 || req.length !== 8 * inv.request.values) runProblems.push({ file: `data/${dir}/${inv.request.path}`, message: `differs from data/${dir}/run.json (SHA-256 or size)` });
      if (res === undefined) runProblems.push({ file: `data/${dir}/${inv.result.path}`, message: `missing: the result of data/${dir}/run.json` });
      else if (sha256Hex(res) !== inv.result.sha256 || res.length !== 8 * inv.result.values) runProblems.push({ file: `data/${dir}/${inv.result.path}`, message: `differs from data/${dir}/run.json (SHA-256 or size)` });
      else if (resultDigest(f64FromBytes(res)) !== inv.result.digest) runProblems.push({ file: `data/${dir}/${inv.result.path}`, message: `its canonical digest is not the one data/${dir}/run.json records` });
      if (req !== undefined && wast !== undefined && coreBytes !== undefined) {
        let rebuilt: Uint8Array | undefined;
        try {
          rebuilt = invocationWastBytes(coreBytes, r.id, inv, req);
        } catch (e) {
          runProblems.push({ file: `data/${dir}/run.json`, message: `its invocation cannot be built on the package's core: ${(e as Error).message}` });
        }
        if (rebuilt !== undefined && sha256Hex(rebuilt) !== sha256Hex(wast)) runProblems.push({ file: `data/${dir}/${r.wast!.path}`, message: `does not match data/${dir}/run.json: the core, the request and the digest give a different script` });
      }
    }
    if (r.kind === "selfcheck" && wast !== undefined && coreBytes !== undefined) {
      const values = payload.get(`${dir}/${r.outputs[0]?.path ?? ""}`);
      try {
        const rebuilt = Buffer.from(selfcheckWast(coreBytes, JSON.parse(utf8(values ?? new Uint8Array())) as Record<string, string>, SELFCHECK_WAST_COMMENT), "utf8");
        if (sha256Hex(rebuilt) !== sha256Hex(wast)) runProblems.push({ file: `data/${dir}/${r.wast!.path}`, message: `does not match the self-check values of data/${dir}/run.json` });
      } catch (e) {
        runProblems.push({ file: `data/${dir}/${r.outputs[0]?.path ?? "outputs"}`, message: `unreadable self-check values: ${(e as Error).message}` });
      }
    }
  }
  checks.push(check("runs", runProblems, `${runs.length} runs: ${runs.reduce((n, r) => n + r.outputs.length, 0)} outputs match their recorded hashes`));

  const sig = checkSignature(bag, keyPath);
  checks.push({ name: "signature", ok: sig.valid, summary: sig.message, problems: sig.valid ? [] : [{ file: "tagmanifest-sha256.txt.sig.json", message: sig.message }] });
  return { package: path, ok: checks.every((c) => c.ok), checks };
}
