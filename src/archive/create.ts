// twin archive create: sources + core + runs -> a BagIt package (shared/spec/archive.md). Everything is
// computed in memory first (mapping, runs, graph, shapes, crate, manifests); the package is written
// last, to a temporary sibling renamed into place, so a failure leaves nothing behind.
import { availableParallelism } from "node:os";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { PACKAGE_ROOT } from "../core/core.js";
import { InputError } from "../errors.js";
import { compareCodeUnits, parseTurtle, type Quad, writeTurtle } from "../rdf/graph.js";
import { validateShacl } from "../rdf/shacl.js";
import { buildBag, type Files, PackageError } from "./bagit.js";
import { bundleCore } from "./core-record.js";
import { buildCrate, CRATE_FILE } from "./crate.js";
import { engineVersion, selfcheckExports, runSelfchecks } from "./engines.js";
import { canonicalHash, detectMode, HASH_SCHEME, sha256Hex } from "./hash.js";
import { type HostIdentity, hostBagInfo, hostIdentity } from "./host.js";
import { findLinks } from "./links.js";
import { type SourceFile, type SourceKind, type SourceMapper } from "./mapper.js";
import { MAPPERS } from "./mappers.js";
import { writePackage } from "./package.js";
import { type GraphSource, packageIri, provenanceQuads } from "./provenance.js";
import { type ExecutedRun, executeRun, planRun, type PlannedRun, readRunSpec, type RunRecord, type RunSpec, SELFCHECK_WAST_COMMENT } from "./runs.js";
import { selfcheckWast } from "./wast.js";
import { rerunGuide } from "./rerun-doc.js";
import { pathProblem } from "./safe-path.js";
import { signBag } from "./sign.js";

export const GRAPH_FILE = "graph/twin.ttl";

export interface CreateOptions {
  modelica?: string[];
  aml?: string[];
  rotor?: string[];
  /** RUNSPEC files, or specs already read */
  runs?: (string | RunSpec)[];
  /**
   * Data files that are neither sources nor runs (e.g. a twin's change history as NDJSON), stored
   * byte for byte at data/attachments/PATH and recorded like every payload file (graph and crate).
   */
  attachments?: Attachment[];
  output: string;
  zip?: boolean;
  signKey?: string;
  title?: string;
  /** SOURCE_DATE_EPOCH (seconds); undefined: now */
  epoch?: number;
  corePath?: string;
  toolVersion: string;
  /** the host that makes the package (version, git commit); default: hostIdentity(toolVersion) */
  host?: HostIdentity;
  progress?: (message: string) => void;
}

/** A file carried as is under data/attachments/ (`path` relative, "/"-separated). */
export interface Attachment {
  path: string;
  bytes: Uint8Array;
}

export const ATTACHMENTS_DIR = "attachments";

/** What `twin archive create --json` prints: the package, its identity and contents, the core and the runs recorded. */
export interface CreateReport {
  output: string;
  id: string;
  iri: string;
  files: number;
  bytes: number;
  sources: { kind: SourceKind; files: number; triples: number }[];
  triples: number;
  links: number;
  runs: { id: string; command: string; outputs: number }[];
  selfchecks: string[];
  coreSha256: string;
  signed: boolean;
  seconds: number;
}

/** SOURCE_DATE_EPOCH from the environment: undefined when unset; an InputError when malformed. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const v = env.SOURCE_DATE_EPOCH;
  if (v === undefined || v === "") return undefined;
  if (!/^\d+$/.test(v)) throw new InputError(`SOURCE_DATE_EPOCH: not a non-negative integer: ${JSON.stringify(v)}`);
  return Number(v);
}

function readFileBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (e) {
    throw new InputError(`${path}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Files of a source argument: a file, or every file under a directory (kept under the directory's name). */
function sourceFiles(path: string, allowDir: boolean): SourceFile[] {
  if (!isDir(path)) return [{ path: basename(path), bytes: readFileBytes(path) }];
  if (!allowDir) throw new InputError(`${path}: a directory; a file is expected`);
  const root = basename(path.replace(/[\\/]+$/, ""));
  const out: SourceFile[] = [];
  const visit = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort(compareCodeUnits)) {
      const abs = join(dir, name);
      if (statSync(abs).isDirectory()) visit(abs, `${rel}/${name}`);
      else out.push({ path: `${rel}/${name}`, bytes: readFileBytes(abs) });
    }
  };
  visit(path, root);
  return out;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Runs the planned runs, at most `parallel` at a time, each after the runs whose outputs it uses. */
async function executeAll(plans: PlannedRun[], corePath: string, coreSha: string, clock: () => number, progress?: (m: string) => void): Promise<ExecutedRun[]> {
  const results = new Map<string, ExecutedRun>();
  const pending = [...plans];
  const running = new Map<string, Promise<void>>();
  const parallel = Math.max(1, Math.min(4, availableParallelism()));
  let done = 0;
  let failure: unknown;
  while ((pending.length > 0 || running.size > 0) && failure === undefined) {
    const i = pending.findIndex((p) => p.after.every((a) => results.has(a)));
    if (i >= 0 && running.size < parallel) {
      const plan = pending.splice(i, 1)[0]!;
      for (const inp of plan.inputs) {
        if (inp.from) inp.bytes = results.get(inp.from.run)!.files.get(inp.from.output)!;
      }
      const p = executeRun(plan, corePath, coreSha, "node", clock)
        .then((r) => {
          results.set(plan.spec.id, r);
          progress?.(`runs ${++done}/${plans.length}`);
        })
        .catch((e: unknown) => {
          failure ??= e;
        })
        .finally(() => running.delete(plan.spec.id));
      running.set(plan.spec.id, p);
      continue;
    }
    await Promise.race(running.values());
  }
  await Promise.all(running.values());
  if (failure !== undefined) throw failure;
  return plans.map((p) => results.get(p.spec.id)!);
}

export async function createPackage(o: CreateOptions): Promise<CreateReport> {
  const t0 = performance.now();
  const nowMs = o.epoch !== undefined ? o.epoch * 1000 : Date.now();
  const clock = o.epoch !== undefined ? (): number => nowMs : (): number => Date.now();
  const progress = o.progress;

  // sources, by kind, with their package paths
  const inputs: Record<SourceKind, SourceFile[]> = { modelica: [], aml: [], rotor: [] };
  for (const p of o.modelica ?? []) inputs.modelica.push(...sourceFiles(p, true));
  for (const p of o.aml ?? []) inputs.aml.push(...sourceFiles(p, false));
  for (const p of o.rotor ?? []) inputs.rotor.push(...sourceFiles(p, false));
  for (const kind of Object.keys(inputs) as SourceKind[]) {
    const seen = new Set<string>();
    for (const f of inputs[kind]) {
      if (seen.has(f.path)) throw new InputError(`two ${kind} sources would both be sources/${kind}/${f.path}; rename one`);
      seen.add(f.path);
    }
  }
  const specs = (o.runs ?? []).map((r) => (typeof r === "string" ? readRunSpec(r) : r));
  const ids = new Set<string>();
  for (const s of specs) {
    if (ids.has(s.id) || s.id === "selfcheck") throw new InputError(`${s.source}: run id ${s.id} is used twice (or reserved)`);
    ids.add(s.id);
  }
  const attachments = o.attachments ?? [];
  const attached = new Set<string>();
  for (const a of attachments) {
    const problem = pathProblem(a.path);
    if (problem !== undefined) throw new InputError(`attachment ${JSON.stringify(a.path)}: ${problem}`);
    if (attached.has(a.path)) throw new InputError(`two attachments would both be ${ATTACHMENTS_DIR}/${a.path}`);
    attached.add(a.path);
  }
  const total = Object.values(inputs).reduce((n, l) => n + l.length, 0);
  progress?.(`${total} source files, ${specs.length} runs`);

  // the core, and the host that makes the package (makers: host.ts)
  const core = bundleCore(o.corePath);
  const host = o.host ?? hostIdentity(o.toolVersion);
  const scratch = mkdtempSync(join(tmpdir(), "twin-archive-"));
  try {
    const corePath = join(scratch, "core.wasm");
    writeFileSync(corePath, core.bytes);

    // plan every run (inputs read now: bad RUNSPECs fail before anything runs)
    const known = new Map<string, Set<string>>();
    const plans = specs.map((s) => {
      const plan = planRun(s, known);
      known.set(s.id, new Set(plan.outputFiles.concat(["outputs/stdout.json", "outputs/stdout.txt"])));
      return plan;
    });

    // map the sources while the runs execute
    const runsPromise = executeAll(plans, corePath, core.sha256, clock, progress);
    const selfNames = selfcheckExports(core.bytes);
    const selfPromise = runSelfchecks("node", corePath, selfNames);
    runsPromise.catch(() => undefined);
    selfPromise.catch(() => undefined);
    const mapped = new Map<SourceKind, { quads: Quad[]; roots: Map<string, string[]>; triples: Map<string, number> | undefined }>();
    for (const kind of ["modelica", "aml", "rotor"] as SourceKind[]) {
      if (inputs[kind].length === 0) continue;
      progress?.(`mapping ${inputs[kind].length} ${kind} files to RDF`);
      const m = await mapperFor(kind).toGraph(inputs[kind]);
      mapped.set(kind, { quads: m.quads, roots: m.roots, triples: m.triples });
    }
    const executed = await runsPromise;
    const started = clock();
    const selfResults = await selfPromise;
    const selfOut = Buffer.from(JSON.stringify(selfResults, null, 2) + "\n");
    const selfMode = detectMode(selfOut);
    const selfWast = Buffer.from(
      selfcheckWast(core.bytes, selfResults, SELFCHECK_WAST_COMMENT),
      "utf8",
    );
    const selfRecord: RunRecord = {
      format: 2,
      id: "selfcheck",
      kind: "selfcheck",
      wast: { path: "rerun.wast", sha256: sha256Hex(selfWast) },
      description: "The core's zero-argument self-checks: hashes of the output bits of built-in computations (assembly/ABI.md, Self-checks). Self-contained: any engine runs them.",
      exports: selfNames,
      inputs: [],
      outputs: [{ path: "outputs/selfcheck.json", sha256: sha256Hex(selfOut), size: selfOut.length, stream: "file", mode: selfMode, canonicalSha256: canonicalHash(selfOut, selfMode)! }],
      exitCode: 0,
      stderr: "",
      engine: engineVersion("node"),
      hashScheme: HASH_SCHEME,
      core: { path: "../../core/core.wasm", sha256: core.sha256 },
      startedAt: iso(started),
      endedAt: iso(clock()),
    };
    for (const e of executed) e.record.engine = engineVersion("node");

    // payload
    const payload: Files = new Map();
    const graphSources: GraphSource[] = [];
    for (const kind of Object.keys(inputs) as SourceKind[]) {
      const m = mapped.get(kind);
      for (const f of inputs[kind]) {
        const path = `sources/${kind}/${f.path}`;
        payload.set(path, f.bytes);
        graphSources.push({ kind, path, sha256: sha256Hex(f.bytes), size: f.bytes.length, roots: m?.roots.get(f.path) ?? [], triples: m?.triples?.get(f.path), mapping: mapperFor(kind).tool });
      }
    }
    for (const a of attachments) payload.set(`${ATTACHMENTS_DIR}/${a.path}`, a.bytes);
    for (const [p, b] of core.files) payload.set(`core/${p}`, b);
    const records = [...executed.map((e) => e.record), selfRecord];
    for (const e of executed) {
      payload.set(`runs/${e.record.id}/run.json`, Buffer.from(JSON.stringify(e.record, null, 2) + "\n"));
      for (const [p, b] of e.files) payload.set(`runs/${e.record.id}/${p}`, b);
    }
    payload.set("runs/selfcheck/run.json", Buffer.from(JSON.stringify(selfRecord, null, 2) + "\n"));
    payload.set("runs/selfcheck/outputs/selfcheck.json", selfOut);
    payload.set("runs/selfcheck/rerun.wast", selfWast);
    payload.set("RERUN.md", Buffer.from(rerunGuide(records), "utf8"));
    for (const name of readdirSync(join(PACKAGE_ROOT, "ontologies")).sort(compareCodeUnits)) {
      if (name.endsWith(".ttl") || name === "README.md") payload.set(`ontologies/${name}`, new Uint8Array(readFileSync(join(PACKAGE_ROOT, "ontologies", name))));
    }

    // the graph
    const id = sha256Hex(
      JSON.stringify({
        sources: graphSources.map((s) => [s.path, s.sha256]),
        runs: specs.map((s) => [s.id, s.argv]),
        core: core.sha256,
        title: o.title ?? "",
        // only when present, so that packages without attachments keep their identifiers
        ...(attachments.length > 0 ? { attachments: attachments.map((a) => [a.path, sha256Hex(a.bytes)]) } : {}),
      }),
    ).slice(0, 32);
    const pkg = packageIri(id);
    const rotorRoots = new Map<string, string>();
    for (const [p, r] of mapped.get("rotor")?.roots ?? []) rotorRoots.set(p, r[0]!);
    const links = findLinks(mapped.get("aml")?.quads ?? [], mapped.get("modelica")?.quads ?? [], rotorRoots);
    const title = o.title ?? `twin archive of ${[...graphSources.map((s) => basename(s.path))].slice(0, 3).join(", ") || "runs"}${graphSources.length > 3 ? ", …" : ""}`;
    const prov = provenanceQuads({
      pkg,
      title,
      toolVersion: o.toolVersion,
      host,
      created: iso(nowMs),
      sources: graphSources,
      core: { sha256: core.sha256, size: core.bytes.length, assemblyscript: core.record.assemblyscript, flags: core.record.flags, sourceSha256: core.record.sourceSha256, exports: selfNames },
      runs: records,
      links,
      files: [...payload].map(([p, b]) => ({ path: p, sha256: sha256Hex(b), size: b.length })),
    });
    progress?.("writing the graph");
    const all: Quad[] = [...prov];
    for (const m of mapped.values()) for (const q of m.quads) all.push(q);
    const turtle = writeTurtle(all);
    payload.set(GRAPH_FILE, Buffer.from(turtle, "utf8"));

    progress?.("checking the graph against its shapes");
    const shapes = shapesOf(payload);
    // the written Turtle holds exactly these triples (writeTurtle is a serialisation of them)
    const report = await validateShacl(all, shapes);
    if (!report.conforms) {
      const lines = report.results.slice(0, 10).map((r) => `  ${r.focusNode}${r.path ? ` ${r.path}` : ""}: ${r.message} (${r.sourceShape})`);
      throw new PackageError(`data/${GRAPH_FILE}: the graph does not conform to its shapes (${report.results.length} results):\n${lines.join("\n")}`);
    }

    // the crate, the bag, the signature
    const crate = buildCrate({
      name: title,
      description: `Archival package made by twin ${o.toolVersion}: ${graphSources.length} source files as RDF and as originals, the WebAssembly core and ${records.length} recorded runs.`,
      datePublished: iso(nowMs),
      toolVersion: o.toolVersion,
      identifier: pkg,
      files: payload,
      runs: records,
      coreSha256: core.sha256,
      host,
    });
    payload.set(CRATE_FILE, Buffer.from(crate, "utf8"));
    const bag = buildBag(new Map([...payload].sort(([a], [b]) => compareCodeUnits(a, b))), {
      software: `twin ${o.toolVersion}`,
      baggingDate: iso(nowMs).slice(0, 10),
      externalIdentifier: pkg,
      description: title,
      extra: hostBagInfo(host),
    });
    if (o.signKey !== undefined) signBag(bag, o.signKey);
    progress?.(`writing ${o.output}`);
    writePackage(o.output, bag, o.zip === true, Math.floor(nowMs / 1000));
    const bytes = [...bag.values()].reduce((n, b) => n + b.length, 0);
    return {
      output: o.output,
      id,
      iri: pkg,
      files: bag.size,
      bytes,
      sources: (Object.keys(inputs) as SourceKind[]).filter((k) => inputs[k].length > 0).map((k) => ({ kind: k, files: inputs[k].length, triples: mapped.get(k)?.quads.length ?? 0 })),
      triples: all.length,
      links: links.length,
      runs: executed.map((e) => ({ id: e.record.id, command: e.record.command!, outputs: e.record.outputs.length })),
      selfchecks: selfNames,
      coreSha256: core.sha256,
      signed: o.signKey !== undefined,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function mapperFor(kind: SourceKind): SourceMapper {
  const m = MAPPERS.find((x) => x.kind === kind);
  if (!m) throw new InputError(`no mapper for ${kind} sources in this build`);
  return m;
}

/** The SHACL shapes a package carries (data/ontologies/*shapes*.ttl). */
export function shapesOf(payload: Map<string, Uint8Array>): Quad[] {
  const out: Quad[] = [];
  for (const [p, b] of [...payload].sort(([a], [c]) => compareCodeUnits(a, c))) {
    if (/^ontologies\/[^/]*shapes[^/]*\.ttl$/.test(p)) out.push(...parseTurtle(new TextDecoder().decode(b), `data/${p}`));
  }
  return out;
}
