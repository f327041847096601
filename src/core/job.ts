// Jobs: the recordable invocations of the core (assembly/ABI.md, "Jobs"). A job is one export
// `job<Name>(req) -> result` that reads one request buffer and returns one result buffer; its result
// depends on the request bytes alone, so a run is fully described by (entry, request bytes) and checked
// by the canonical digest of the result bytes. A recordable `twin` command makes exactly one job call:
// the host parses files into the request and formats the result, and computes nothing else.
//
// Recording: when TWIN_RECORD_JOB names a directory (set by `twin archive create` for the child process
// that runs a command), the job call writes `job.json`, `request.f64` and `result.f64` there; a second
// job call in the same process is an error, because a run must be one invocation.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { Core } from "./core.js";

/** The environment variable that turns recording on (a directory). */
export const RECORD_ENV = "TWIN_RECORD_JOB";

/** What a recorded job call leaves in the record directory (job.json). */
export interface JobRecord {
  format: 1;
  entry: string;
  core: { sha256: string };
  request: { file: "request.f64"; values: number; sha256: string };
  result: { file: "result.f64"; values: number; sha256: string; digest: string };
}

let recorded = false;

/** Little-endian bytes of f64 values, exactly as they lie in linear memory. */
export function f64Bytes(values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) dv.setFloat64(8 * i, values[i]!, true);
  return out;
}

/** f64 values from little-endian bytes (length a multiple of 8). */
export function f64FromBytes(bytes: Uint8Array): Float64Array {
  if (bytes.length % 8 !== 0) throw new Error(`a buffer of f64 values has a multiple of 8 bytes, not ${bytes.length}`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat64(8 * i, true);
  return out;
}

/**
 * The canonical digest of a result (SHA-256 over each value's little-endian bytes, NaNs as
 * 0x7ff8000000000000), hex; the core's `bufDigest` computes the same (tested).
 */
export function resultDigest(values: Float64Array): string {
  const bytes = f64Bytes(values);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]!)) dv.setBigUint64(8 * i, 0x7ff8000000000000n, true);
  return createHash("sha256").update(bytes).digest("hex");
}

/** The core's own digest of a result buffer, hex (bufDigest + digestWord). */
export function coreDigest(core: Core, ptr: number): string {
  core.check(core.fn("bufDigest")(ptr), "bufDigest");
  const word = core.fn("digestWord") as unknown as (k: number) => bigint;
  return [0, 1, 2, 3].map((k) => BigInt.asUintN(64, word(k)).toString(16).padStart(16, "0")).join("");
}

function writeAtomic(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * Calls job export `entry` with `request` and returns the result values. Throws the core's error if
 * the job fails. Under TWIN_RECORD_JOB the call is recorded (see above).
 */
export function runJob(core: Core, entry: string, request: ArrayLike<number>): Float64Array {
  if (!/^job[A-Z][A-Za-z0-9]*$/.test(entry)) throw new Error(`${entry} is not a job export name`);
  const dir = process.env[RECORD_ENV];
  if (dir !== undefined && dir !== "" && recorded) {
    throw new Error(`${entry}: a recorded run must be exactly one job call, and this command made a second`);
  }
  const req = Float64Array.from(request);
  const reqPtr = core.put(req);
  let resPtr = 0;
  try {
    resPtr = core.check(core.fn(entry)(reqPtr), entry);
    const result = core.read(resPtr);
    if (dir !== undefined && dir !== "") {
      recorded = true;
      const digest = coreDigest(core, resPtr);
      const own = resultDigest(result);
      if (digest !== own) throw new Error(`${entry}: the core's digest ${digest} differs from the host's ${own}`);
      mkdirSync(dir, { recursive: true });
      const reqBytes = f64Bytes(req), resBytes = f64Bytes(result);
      const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
      const rec: JobRecord = {
        format: 1,
        entry,
        core: { sha256: core.sha256 },
        request: { file: "request.f64", values: req.length, sha256: sha(reqBytes) },
        result: { file: "result.f64", values: result.length, sha256: sha(resBytes), digest },
      };
      writeAtomic(join(dir, "request.f64"), reqBytes);
      writeAtomic(join(dir, "result.f64"), resBytes);
      writeAtomic(join(dir, "job.json"), JSON.stringify(rec, null, 1) + "\n");
    }
    return result;
  } finally {
    core.free(reqPtr);
    if (resPtr !== 0) core.free(resPtr);
  }
}
