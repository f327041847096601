// Recorded runs. A RUNSPEC `{ "id", "argv": [...] }` names a `twin` command whose numerics run in the
// core. Its file arguments (resolved relative to the RUNSPEC) are copied into runs/<id>/inputs/, the
// values of output options (-o, --out, --output, --svg) become runs/<id>/outputs/, and an argument
// `run:ID/NAME` is the output NAME of an earlier run ID (a chain: train, then predict). The command is
// executed by `node bin/twin.js` in a child process whose TWIN_CORE_WASM is the package's core, so the
// archived binary is the only wasm it runs; the output hashes follow hash.ts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../core/core.js";
import { InputError } from "../errors.js";
import { type Json, JsonSyntaxError, parseJson } from "../io/json.js";
import { type Engine, NODE_FLAGS, runProcess } from "./engines.js";
import { canonicalHash, detectMode, HASH_SCHEME, type HashMode, sha256Hex } from "./hash.js";
import { type JobRecord, RECORD_ENV } from "../core/job.js";
import { buildRerunModule, RERUN_EXPORTS } from "./wasm-edit.js";
import { digestHex, invocationWast } from "./wast.js";

export const TWIN_BIN = join(PACKAGE_ROOT, "bin", "twin.js");
/**
 * The twin 0.1 host (scripts/build-legacy-host.js): a format-1 run recorded a command line, and what it
 * computed is defined by that version's host program with the package's core.
 */
export const LEGACY_V1_HOST = join(PACKAGE_ROOT, "legacy", "twin-0.1.mjs");
const OUTPUT_OPTIONS = new Set(["-o", "--out", "--output", "--svg"]);
/** Commands that cannot be recorded: they do not run numerics in the core, or would recurse. */
export const NOT_RECORDABLE = new Set(["archive", "demo", "help", "core"]);
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A run to record: an id and a `twin` command line whose numerics run in the core (RUNSPEC file). */
export interface RunSpec {
  id: string;
  argv: string[];
  description?: string;
  /** directory the file arguments are relative to */
  dir: string;
  /** where the spec came from (for messages) */
  source: string;
}

export interface RecordedFile {
  /** relative to the run directory: inputs/NAME or outputs/NAME */
  path: string;
  sha256: string;
  size: number;
}

export interface RecordedInput extends RecordedFile {
  /** the output of another run this input is */
  from?: { run: string; output: string };
}

export interface RecordedOutput extends RecordedFile {
  /** "stdout" or the argv position of the option value that named the file */
  stream: "stdout" | "file";
  mode: HashMode;
  canonicalSha256: string;
}

/** The scheme of a result digest (ABI.md "Jobs"; core/HASH.md of a package). */
export const DIGEST_SCHEME = "twin-result-digest/1";

/**
 * What a run invoked (format 2): one job export with one request buffer; the result is checked by its
 * canonical digest. Paths are relative to the run directory.
 */
export interface InvocationRecord {
  /** the job export, e.g. jobRotorModal */
  entry: string;
  /** the request's bytes as written into linear memory (little-endian f64) */
  request: { path: "request.f64"; values: number; sha256: string };
  /** the result buffer's bytes; `digest` is its canonical digest (DIGEST_SCHEME), computed by the core */
  result: { path: "result.f64"; values: number; sha256: string; digest: string };
  digestScheme: string;
}

/** runs/<id>/run.json */
export interface RunRecord {
  /** 2 for packages made by this version; absent in format-1 records (argv-based CLI runs) */
  format?: 2;
  id: string;
  /** invocation: a job run (format 2); selfcheck: the core's self-checks; cli: a format-1 command run */
  kind: "invocation" | "cli" | "selfcheck";
  /** the job call (invocation) */
  invocation?: InvocationRecord;
  /** the spec-test script that reruns this run on any engine's own harness (format 2) */
  wast?: { path: "rerun.wast"; sha256: string };
  description?: string;
  /** the `twin` command (cli, invocation: the command that made the job call) */
  command?: string;
  /** argv as executed, with package paths (cli, invocation: for people; replay uses the invocation) */
  argv?: string[];
  /** argv as given in the RUNSPEC */
  specArgv?: string[];
  /** the self-check exports (selfcheck) */
  exports?: string[];
  inputs: RecordedInput[];
  outputs: RecordedOutput[];
  exitCode: number;
  stderr: string;
  engine: string;
  hashScheme: string;
  core: { path: string; sha256: string };
  startedAt: string;
  endedAt: string;
}

/** Reads a RUNSPEC file; InputError names the file and the JSON path. */
export function readRunSpec(file: string): RunSpec {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: Json;
  try {
    doc = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new InputError(`${file}:${e.line}:${e.column}: ${e.reason}`);
    throw e;
  }
  return runSpecFrom(doc, file, dirname(resolve(file)));
}

export function runSpecFrom(doc: Json, source: string, dir: string): RunSpec {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new InputError(`${source}: a RUNSPEC is an object { "id", "argv" }`);
  for (const k of Object.keys(doc)) if (!["id", "argv", "description"].includes(k)) throw new InputError(`${source}: ${k}: unknown key (allowed: id, argv, description)`);
  const { id, argv, description } = doc as Record<string, Json>;
  if (typeof id !== "string" || !ID_PATTERN.test(id)) throw new InputError(`${source}: id: must be a string of letters, digits, '.', '_', '-' (at most 64)`);
  if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== "string")) throw new InputError(`${source}: argv: must be a non-empty array of strings`);
  if (description !== undefined && typeof description !== "string") throw new InputError(`${source}: description: must be a string`);
  if (NOT_RECORDABLE.has(argv[0] as string)) throw new InputError(`${source}: argv: "${argv[0]}" cannot be recorded as a run (only commands whose numerics run in the core)`);
  return { id, argv: argv as string[], ...(description !== undefined ? { description } : {}), dir, source };
}

export interface PlannedRun {
  spec: RunSpec;
  command: string;
  argv: string[];
  inputs: { path: string; bytes: Uint8Array; from?: { run: string; output: string } }[];
  /** declared output files (package paths relative to the run dir) */
  outputFiles: string[];
  /** runs whose outputs this one uses */
  after: string[];
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The command words of argv: leading words that are not options nor files ("rotor modal"). */
function commandOf(argv: string[]): string {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith("-") || /[./\\]/.test(a) || words.length === 2) break;
    words.push(a);
  }
  return words.join(" ");
}

/**
 * Plans a run: which arguments are input files (copied), which are outputs, which are outputs of
 * earlier runs. `outputsOf` gives the outputs recorded so far (run id -> output name -> bytes-to-come).
 */
export function planRun(spec: RunSpec, knownOutputs: Map<string, Set<string>>): PlannedRun {
  const argv: string[] = [];
  const inputs: PlannedRun["inputs"] = [];
  const outputFiles: string[] = [];
  const after: string[] = [];
  const usedNames = new Set<string>();
  const unique = (dir: string, name: string): string => {
    let n = name;
    for (let i = 2; usedNames.has(`${dir}/${n}`); i++) n = `${i}-${name}`;
    usedNames.add(`${dir}/${n}`);
    return `${dir}/${n}`;
  };
  for (let i = 0; i < spec.argv.length; i++) {
    const a = spec.argv[i]!;
    const eq = /^(--[\w-]+)=(.*)$/.exec(a);
    const prev = spec.argv[i - 1];
    if (eq && OUTPUT_OPTIONS.has(eq[1]!)) {
      const p = unique("outputs", basename(eq[2]!));
      outputFiles.push(p);
      argv.push(`${eq[1]}=${p}`);
    } else if (prev !== undefined && OUTPUT_OPTIONS.has(prev)) {
      const p = unique("outputs", basename(a));
      outputFiles.push(p);
      argv.push(p);
    } else if (a.startsWith("run:")) {
      const m = /^run:([^/]+)\/(.+)$/.exec(a);
      if (!m || !knownOutputs.get(m[1]!)?.has(m[2]!)) {
        throw new InputError(`${spec.source}: argv[${i}]: ${a} is not an output of an earlier run (write run:ID/outputs/NAME of a run listed before this one)`);
      }
      const p = unique("inputs", basename(m[2]!));
      inputs.push({ path: p, bytes: new Uint8Array(), from: { run: m[1]!, output: m[2]! } });
      if (!after.includes(m[1]!)) after.push(m[1]!);
      argv.push(p);
    } else if (!a.startsWith("-") && i >= commandOf(spec.argv).split(" ").length && isFile(resolve(spec.dir, a))) {
      const p = unique("inputs", basename(a));
      inputs.push({ path: p, bytes: new Uint8Array(readFileSync(resolve(spec.dir, a))) });
      argv.push(p);
    } else argv.push(a);
  }
  const command = commandOf(spec.argv);
  if (command === "") throw new InputError(`${spec.source}: argv: does not start with a twin command`);
  return { spec, command, argv, inputs, outputFiles, after };
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export interface ExecutedRun {
  record: RunRecord;
  /** files of runs/<id>/ (relative to it) */
  files: Map<string, Uint8Array>;
}

/**
 * Executes a planned CLI run with the core at `corePath` on a node engine, in a scratch directory;
 * `clock` gives the times recorded (SOURCE_DATE_EPOCH when set).
 */
export async function executeRun(plan: PlannedRun, corePath: string, coreSha256: string, engine: Engine, clock: () => number): Promise<ExecutedRun> {
  const dir = mkdtempSync(join(tmpdir(), `twin-run-${plan.spec.id}-`));
  try {
    mkdirSync(join(dir, "inputs"));
    mkdirSync(join(dir, "outputs"));
    for (const inp of plan.inputs) writeFileSync(join(dir, inp.path), inp.bytes);
    const started = clock();
    const jobDir = join(dir, ".job");
    const r = await runProcess(process.execPath, [...(NODE_FLAGS[engine] ?? []), TWIN_BIN, ...plan.argv], {
      cwd: dir,
      env: { ...process.env, TWIN_CORE_WASM: resolve(corePath), TWIN_DEBUG: undefined, [RECORD_ENV]: jobDir },
    });
    const ended = clock();
    if (r.code !== 0) {
      throw new RunFailure(plan.spec.id, `twin ${plan.argv.join(" ")} exited with ${r.code}: ${r.stderr.trim().split("\n").slice(0, 6).join("\n")}`);
    }
    if (!existsSync(join(jobDir, "job.json"))) {
      throw new RunFailure(plan.spec.id, `twin ${plan.command} made no job call: its numerics do not run as one invocation of the core, so it cannot be recorded (recordable commands: docs/archive.md)`);
    }
    const job = JSON.parse(readFileSync(join(jobDir, "job.json"), "utf8")) as JobRecord;
    if (job.core.sha256 !== coreSha256) throw new RunFailure(plan.spec.id, `the job ran on core ${job.core.sha256}, not the package's ${coreSha256}`);
    const request = new Uint8Array(readFileSync(join(jobDir, "request.f64")));
    const result = new Uint8Array(readFileSync(join(jobDir, "result.f64")));
    const files = new Map<string, Uint8Array>();
    const outputs: RecordedOutput[] = [];
    const record = (path: string, bytes: Uint8Array, stream: "stdout" | "file"): void => {
      const mode = detectMode(bytes);
      files.set(path, bytes);
      outputs.push({ path, sha256: sha256Hex(bytes), size: bytes.length, stream, mode, canonicalSha256: canonicalHash(bytes, mode)! });
    };
    const stdout = new Uint8Array(r.stdout);
    record(detectMode(stdout) === "json" ? "outputs/stdout.json" : "outputs/stdout.txt", stdout, "stdout");
    for (const p of plan.outputFiles) {
      if (!existsSync(join(dir, p))) throw new RunFailure(plan.spec.id, `twin ${plan.argv.join(" ")} did not write ${p}`);
      record(p, new Uint8Array(readFileSync(join(dir, p))), "file");
    }
    const inputs: RecordedInput[] = plan.inputs.map((inp) => {
      files.set(inp.path, inp.bytes);
      return { path: inp.path, sha256: sha256Hex(inp.bytes), size: inp.bytes.length, ...(inp.from ? { from: inp.from } : {}) };
    });
    const invocation: InvocationRecord = {
      entry: job.entry,
      request: { path: "request.f64", values: request.length / 8, sha256: sha256Hex(request) },
      result: { path: "result.f64", values: result.length / 8, sha256: sha256Hex(result), digest: job.result.digest },
      digestScheme: DIGEST_SCHEME,
    };
    const core = new Uint8Array(readFileSync(corePath));
    const wast = rerunWast(core, plan.spec.id, invocation, request);
    files.set("request.f64", request);
    files.set("result.f64", result);
    files.set("rerun.wast", wast);
    const rec: RunRecord = {
      format: 2,
      id: plan.spec.id,
      kind: "invocation",
      ...(plan.spec.description !== undefined ? { description: plan.spec.description } : {}),
      command: plan.command,
      argv: plan.argv,
      specArgv: plan.spec.argv,
      invocation,
      wast: { path: "rerun.wast", sha256: sha256Hex(wast) },
      inputs,
      outputs,
      exitCode: 0,
      stderr: r.stderr,
      engine,
      hashScheme: HASH_SCHEME,
      core: { path: "../../core/core.wasm", sha256: coreSha256 },
      startedAt: isoTime(started),
      endedAt: isoTime(ended),
    };
    return { record: rec, files };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The rerun module of an invocation run in this process (node's own engine), digest in hex: a check at
 * recording time that the module and the .wast reproduce the recorded digest.
 */
export function digestOfRerunModule(module: Uint8Array): string {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(module as Uint8Array<ArrayBuffer>), {});
  const words = RERUN_EXPORTS.map((n) => BigInt((inst.exports[n] as () => bigint)()));
  return digestHex(words);
}

/** The comment lines heading an invocation's .wast. */
function invocationComment(runId: string, inv: InvocationRecord): string[] {
  return [
    `twin recorded run ${runId}: ${inv.entry} on a request of ${inv.request.values} f64 values (request.f64).`,
    `The module is the archived core (core/core.wasm) plus that request as a passive data segment and four`,
    `functions: rerun() copies the request into a buffer, calls ${inv.entry}, digests the result (SHA-256 of its`,
    `little-endian f64 bytes, NaNs as 0x7ff8000000000000) and returns digest word 0; digest1..3 return the rest.`,
    `Rerun: wast2json rerun.wast -o r.json && spectest-interp r.json   (wabt), or   wasm-shell rerun.wast   (binaryen).`,
  ];
}

/**
 * The .wast of an invocation (wast.ts) from the core, the request and the recorded digest: a pure
 * function of them, so `verify` can rebuild it and compare it with the recorded file.
 */
export function invocationWastBytes(core: Uint8Array, runId: string, inv: InvocationRecord, request: Uint8Array): Uint8Array {
  return Buffer.from(invocationWast(buildRerunModule(core, inv.entry, request), inv.result.digest, invocationComment(runId, inv)), "utf8");
}

/** As invocationWastBytes, after checking here (node) that the module reproduces the recorded digest. */
export function rerunWast(core: Uint8Array, runId: string, inv: InvocationRecord, request: Uint8Array): Uint8Array {
  const got = digestOfRerunModule(buildRerunModule(core, inv.entry, request));
  if (got !== inv.result.digest) throw new RunFailure(runId, `the rerun module gives digest ${got}, the job recorded ${inv.result.digest}`);
  return invocationWastBytes(core, runId, inv, request);
}

/** The comment lines heading the self-check run's .wast. */
export const SELFCHECK_WAST_COMMENT = [
  "twin recorded run selfcheck: the core's zero-argument selfcheck* exports and the values they returned",
  "(FNV-1a hashes of built-in computations, assembly/ABI.md 'Self-checks'). The module is core/core.wasm, unmodified.",
  "Rerun: wast2json rerun.wast -o r.json && spectest-interp r.json   (wabt), or   wasm-shell rerun.wast   (binaryen).",
];

export class RunFailure extends Error {
  constructor(
    readonly runId: string,
    message: string,
  ) {
    super(`run ${runId}: ${message}`);
    this.name = "RunFailure";
  }
}

/**
 * Re-executes a recorded format-1 CLI run on a node engine with the twin 0.1 host (LEGACY_V1_HOST) and
 * the package's core; returns the output bytes by recorded path.
 */
export async function reexecute(rec: RunRecord, inputs: Map<string, Uint8Array>, corePath: string, engine: Engine): Promise<{ code: number | null; stderr: string; outputs: Map<string, Uint8Array> }> {
  const dir = mkdtempSync(join(tmpdir(), `twin-rerun-${rec.id}-`));
  try {
    mkdirSync(join(dir, "inputs"));
    mkdirSync(join(dir, "outputs"));
    for (const [p, b] of inputs) writeFileSync(join(dir, p), b);
    const r = await runProcess(process.execPath, [...(NODE_FLAGS[engine] ?? []), LEGACY_V1_HOST, ...rec.argv!], {
      cwd: dir,
      env: { ...process.env, TWIN_CORE_WASM: resolve(corePath), TWIN_DEBUG: undefined, [RECORD_ENV]: undefined },
    });
    const outputs = new Map<string, Uint8Array>();
    for (const o of rec.outputs) {
      if (o.stream === "stdout") outputs.set(o.path, new Uint8Array(r.stdout));
      else if (existsSync(join(dir, o.path))) outputs.set(o.path, new Uint8Array(readFileSync(join(dir, o.path))));
    }
    return { code: r.code, stderr: r.stderr, outputs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
