// The run records of a package (runs/<id>/run.json), read as untrusted input: every field a replay
// uses has its type checked, every path is a safe package path inside the run's inputs/ or outputs/,
// every argument that could name a file stays inside the run's scratch directory, only recordable
// commands (and the core's selfcheck* exports) may be replayed, and every recorded input is in the
// package with the size and SHA-256 its record declares. Each problem names the run, its record file
// and the JSON path of the field. Used by verify (the "runs" check) and before a rerun replays anything.
// Kinds: "invocation" (format 2: one job export, its request and result buffers, its .wast), "cli"
// (format 1: a command line replayed by the twin 0.1 host) and "selfcheck" (the core's self-checks).
import { compareCodeUnits } from "../rdf/graph.js";
import type { Problem } from "./bagit.js";
import { HASH_SCHEME } from "./hash.js";
import { DIGEST_SCHEME, type RunRecord, ID_PATTERN, NOT_RECORDABLE } from "./runs.js";
import { LIMITS, pathProblem } from "./safe-path.js";
import { declaredFileProblem } from "./safety.js";

const HEX64 = /^[0-9a-f]{64}$/;
const MODES = ["json", "text", "bytes"];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Why a command-line argument of a recorded run could reach outside the run's scratch directory, or
 * undefined. Every value the argument can stand for is checked: the argument itself, the value of
 * `--name=value`, and each inline value of a short option group (`-o../x`, `-vo/x`: node's parseArgs
 * reads `-oVALUE`). A value that holds a '/' or '\' or is '.' or '..' must be a safe relative path.
 */
export function argumentProblem(arg: string): string | undefined {
  if (arg.includes("\u0000")) return "a NUL character";
  const values = [arg];
  const eq = arg.indexOf("=");
  if (arg.startsWith("--") && eq > 2) values.push(arg.slice(eq + 1));
  if (/^-[^-]/.test(arg)) for (let k = 2; k < arg.length; k++) values.push(arg.slice(k));
  for (const v of values) {
    if (!(v.includes("/") || v.includes("\\") || v === ".." || v === ".")) continue;
    const why = pathProblem(v);
    if (why !== undefined) return `${v === arg ? "" : `its value ${JSON.stringify(v)}: `}${why}`;
  }
  return undefined;
}

/** The problems of one run record (parsed JSON `doc` of runs/<id>/run.json); the record if usable. */
export function checkRecord(id: string, doc: unknown, payload: Map<string, Uint8Array>): { record?: RunRecord; problems: Problem[] } {
  const file = `data/runs/${id}/run.json`;
  const problems: Problem[] = [];
  const bad = (path: string, message: string): void => void problems.push({ file, message: `run ${id}: ${path}: ${message}` });
  if (!ID_PATTERN.test(id)) bad("(directory)", `runs/${id}: a run id is letters, digits, '.', '_', '-' (at most 64)`);
  if (!isObj(doc)) {
    bad("(record)", "not a JSON object");
    return { problems };
  }
  if (doc.id !== id) bad("id", `${JSON.stringify(doc.id)} is not the run's directory name ${JSON.stringify(id)}`);
  if (doc.hashScheme !== HASH_SCHEME) bad("hashScheme", `${JSON.stringify(doc.hashScheme)} is not a hash scheme this twin knows (${HASH_SCHEME}); use a newer twin`);
  if (!isObj(doc.core) || typeof doc.core.sha256 !== "string" || !HEX64.test(doc.core.sha256)) bad("core.sha256", "a SHA-256 (64 lowercase hex digits) expected");

  if (doc.format !== undefined && doc.format !== 2) {
    bad("format", `${JSON.stringify(doc.format)}: ${typeof doc.format === "number" && doc.format > 2 ? "made by a newer twin (this twin reads run formats 1 and 2); use a newer twin" : "1 (absent) or 2 expected"}`);
  }
  // how it was started (argv is for people in format 2, replayed in format 1): a recordable command whose
  // arguments stay inside the run's scratch directory
  const commandLine = (): void => {
    const cmd = doc.command;
    const argv = doc.argv;
    // the command words as runs.ts records them (at most two words, no option, no path)
    if (typeof cmd !== "string" || !/^[^\s/\\-][^\s/\\]*( [^\s/\\-][^\s/\\]*)?$/.test(cmd)) bad("command", `${JSON.stringify(cmd)} is not a twin command name`);
    if (!Array.isArray(argv) || argv.length === 0 || argv.some((a) => typeof a !== "string")) bad("argv", "a non-empty array of strings expected");
    else if (typeof cmd === "string") {
      const words = cmd.split(" ");
      if (!words.every((w, i) => argv[i] === w)) bad("argv", `does not start with the recorded command "${cmd}"`);
      const first = argv[0] as string;
      if (NOT_RECORDABLE.has(first) || NOT_RECORDABLE.has(words[0]!)) bad("command", `"${NOT_RECORDABLE.has(first) ? first : words[0]}" is not a recordable command (${[...NOT_RECORDABLE].join(", ")} never replay)`);
      (argv as string[]).forEach((a, i) => {
        const why = argumentProblem(a);
        if (why !== undefined) bad(`argv[${i}]`, `${JSON.stringify(a)}: ${why}`);
      });
    }
    if (doc.exports !== undefined) bad("exports", "a twin-command run has no selfcheck exports");
  };
  // a buffer or script of an invocation run: its fixed name, its declared size and SHA-256 as in the package
  const runFile = (at: string, f: unknown, name: string, extra: (o: Obj) => void): void => {
    if (!isObj(f)) return bad(at, "an object expected");
    if (f.path !== name) return bad(`${at}.path`, `${JSON.stringify(f.path)}: ${name} expected`);
    if (typeof f.sha256 !== "string" || !HEX64.test(f.sha256)) return bad(`${at}.sha256`, "a SHA-256 (64 lowercase hex digits) expected");
    let size: number | undefined;
    if (name.endsWith(".f64")) {
      if (typeof f.values !== "number" || !Number.isSafeInteger(f.values) || f.values < 0) return bad(`${at}.values`, "a count of f64 values expected");
      size = f.values * 8;
    }
    extra(f);
    const b = payload.get(`runs/${id}/${name}`);
    if (b === undefined) return bad(at, `runs/${id}/${name} is not in the package`);
    const mismatch = declaredFileProblem(payload, `runs/${id}/${name}`, { size: size ?? b.length, sha256: f.sha256 });
    if (mismatch !== undefined) bad(at, mismatch);
  };

  // what it runs: one job export of the core, a recordable twin command (format 1), or selfcheck exports
  if (doc.kind === "invocation") {
    if (doc.format !== 2) bad("format", "an invocation run is format 2");
    commandLine();
    const inv = doc.invocation;
    if (!isObj(inv)) bad("invocation", "an object { entry, request, result, digestScheme } expected");
    else {
      if (typeof inv.entry !== "string" || !/^job[A-Z][A-Za-z0-9]{0,63}$/.test(inv.entry)) bad("invocation.entry", `${JSON.stringify(inv.entry)} is not a job export name (job…): only the core's jobs replay`);
      if (inv.digestScheme !== DIGEST_SCHEME) bad("invocation.digestScheme", `${JSON.stringify(inv.digestScheme)} is not a digest scheme this twin knows (${DIGEST_SCHEME}); use a newer twin`);
      runFile("invocation.request", inv.request, "request.f64", () => {});
      runFile("invocation.result", inv.result, "result.f64", (o) => {
        if (typeof o.digest !== "string" || !HEX64.test(o.digest)) bad("invocation.result.digest", "a SHA-256 digest (64 lowercase hex digits) expected");
      });
    }
    runFile("wast", doc.wast, "rerun.wast", () => {});
  } else if (doc.kind === "cli") {
    commandLine();
  } else if (doc.kind === "selfcheck") {
    const ex = doc.exports;
    if (!Array.isArray(ex) || ex.length === 0 || ex.some((e) => typeof e !== "string" || !/^selfcheck[A-Za-z0-9_]*$/.test(e))) bad("exports", "a non-empty array of selfcheck* export names expected");
    if (doc.argv !== undefined || doc.command !== undefined) bad("argv", "a selfcheck run runs no twin command");
  } else bad("kind", `${JSON.stringify(doc.kind)} is not a kind of run this twin replays ("invocation", "cli", "selfcheck")`);

  // the recorded files: safe paths in the run's inputs/ and outputs/, in the package as declared
  const files = (key: "inputs" | "outputs", dir: string): void => {
    const list = doc[key];
    if (!Array.isArray(list)) {
      bad(key, "an array expected");
      return;
    }
    const seen = new Set<string>();
    list.forEach((f: unknown, i) => {
      const at = `${key}[${i}]`;
      if (!isObj(f)) return bad(at, "an object expected");
      const why = pathProblem(f.path);
      if (why !== undefined) return bad(`${at}.path`, `${JSON.stringify(f.path)}: ${why}`);
      const p = f.path as string;
      if (!p.startsWith(`${dir}/`) || p.split("/").length !== 2) return bad(`${at}.path`, `${JSON.stringify(p)}: a file directly in ${dir}/ expected`);
      if (seen.has(p)) return bad(`${at}.path`, `${p} is recorded twice`);
      seen.add(p);
      if (typeof f.sha256 !== "string" || !HEX64.test(f.sha256)) return bad(`${at}.sha256`, "a SHA-256 (64 lowercase hex digits) expected");
      if (typeof f.size !== "number" || !Number.isSafeInteger(f.size) || f.size < 0) return bad(`${at}.size`, "a byte count expected");
      if (key === "outputs") {
        if (!MODES.includes(f.mode as string)) return bad(`${at}.mode`, `${JSON.stringify(f.mode)} is not a hash mode (${MODES.join(", ")})`);
        if (f.stream !== "stdout" && f.stream !== "file") return bad(`${at}.stream`, `${JSON.stringify(f.stream)}: "stdout" or "file" expected`);
        if (typeof f.canonicalSha256 !== "string" || !HEX64.test(f.canonicalSha256)) return bad(`${at}.canonicalSha256`, "a SHA-256 (64 lowercase hex digits) expected");
      }
      const mismatch = declaredFileProblem(payload, `runs/${id}/${p}`, { size: f.size, sha256: f.sha256 });
      if (mismatch !== undefined) return bad(at, mismatch);
    });
  };
  files("inputs", "inputs");
  files("outputs", "outputs");
  if (Array.isArray(doc.outputs) && doc.outputs.length === 0) bad("outputs", "a run records at least one output");
  return problems.length === 0 ? { record: doc as unknown as RunRecord, problems } : { problems };
}

/**
 * Every run record of a payload, checked; a run directory without a record, a record that is not
 * JSON or larger than the limit, and every problem of `checkRecord` are reported.
 */
export function checkRunRecords(payload: Map<string, Uint8Array>): { records: RunRecord[]; problems: Problem[] } {
  const ids = new Set<string>();
  for (const p of payload.keys()) {
    const m = /^runs\/([^/]+)\//.exec(p);
    if (m) ids.add(m[1]!);
  }
  const records: RunRecord[] = [];
  const problems: Problem[] = [];
  for (const id of [...ids].sort(compareCodeUnits)) {
    const file = `data/runs/${id}/run.json`;
    const b = payload.get(`runs/${id}/run.json`);
    if (!b) {
      problems.push({ file, message: `run ${id}: missing: a run directory without its record` });
      continue;
    }
    if (b.length > LIMITS.maxRecordBytes) {
      problems.push({ file, message: `run ${id}: ${b.length} bytes, more than the limit of ${LIMITS.maxRecordBytes} for a run record` });
      continue;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(b));
    } catch (e) {
      problems.push({ file, message: `run ${id}: malformed: not JSON (${(e as Error).message})` });
      continue;
    }
    const r = checkRecord(id, doc, payload);
    problems.push(...r.problems);
    if (r.record) records.push(r.record);
  }
  return { records, problems };
}
