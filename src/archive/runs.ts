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
import { InputError } from "../io/args.js";
import { type Json, JsonSyntaxError, parseJson } from "../io/json.js";
import { type Engine, NODE_FLAGS, runProcess } from "./engines.js";
import { canonicalHash, detectMode, HASH_SCHEME, type HashMode, sha256Hex } from "./hash.js";

export const TWIN_BIN = join(PACKAGE_ROOT, "bin", "twin.js");
const OUTPUT_OPTIONS = new Set(["-o", "--out", "--output", "--svg"]);
/** Commands that cannot be recorded: they do not run numerics in the core, or would recurse. */
export const NOT_RECORDABLE = new Set(["archive", "demo", "help", "core"]);
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

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

/** runs/<id>/run.json */
export interface RunRecord {
  id: string;
  kind: "cli" | "selfcheck";
  description?: string;
  /** the `twin` command (cli) */
  command?: string;
  /** argv as executed, with package paths (cli) */
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
    const r = await runProcess(process.execPath, [...(NODE_FLAGS[engine] ?? []), TWIN_BIN, ...plan.argv], {
      cwd: dir,
      env: { ...process.env, TWIN_CORE_WASM: resolve(corePath), TWIN_DEBUG: undefined },
    });
    const ended = clock();
    if (r.code !== 0) {
      throw new RunFailure(plan.spec.id, `twin ${plan.argv.join(" ")} exited with ${r.code}: ${r.stderr.trim().split("\n").slice(0, 6).join("\n")}`);
    }
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
    const rec: RunRecord = {
      id: plan.spec.id,
      kind: "cli",
      ...(plan.spec.description !== undefined ? { description: plan.spec.description } : {}),
      command: plan.command,
      argv: plan.argv,
      specArgv: plan.spec.argv,
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

export class RunFailure extends Error {
  constructor(
    readonly runId: string,
    message: string,
  ) {
    super(`run ${runId}: ${message}`);
    this.name = "RunFailure";
  }
}

/** Re-executes a recorded CLI run on a node engine; returns the output bytes by recorded path. */
export async function reexecute(rec: RunRecord, inputs: Map<string, Uint8Array>, corePath: string, engine: Engine): Promise<{ code: number | null; stderr: string; outputs: Map<string, Uint8Array> }> {
  const dir = mkdtempSync(join(tmpdir(), `twin-rerun-${rec.id}-`));
  try {
    mkdirSync(join(dir, "inputs"));
    mkdirSync(join(dir, "outputs"));
    for (const [p, b] of inputs) writeFileSync(join(dir, p), b);
    const r = await runProcess(process.execPath, [...(NODE_FLAGS[engine] ?? []), TWIN_BIN, ...rec.argv!], {
      cwd: dir,
      env: { ...process.env, TWIN_CORE_WASM: resolve(corePath), TWIN_DEBUG: undefined },
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
