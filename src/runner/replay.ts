// A recorded session as one job (assembly/ABI.md, jobRunnerSession): the recorded input units go
// through the same InputDecoder the live runner used, each delivered frame becomes the same block,
// and the job runs the request and all blocks through the core in one call. Its result is the
// concatenation of the block results the live runner appended to outputs.f64, bit for bit when the
// session reruns (test/runner-session.test.ts, `twin archive create --session`).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { InputDecoder } from "../live/decode.js";
import { readInputRecording } from "../live/recording.js";
import { f64FromBytes } from "../core/job.js";
import { frameBlock } from "./core.js";
import type { SessionInfo } from "./session.js";

export interface SessionInput {
  info: SessionInfo;
  request: Float64Array;
  blocks: Float64Array[];
  /** units in the recording, and torn bytes dropped from its end */
  units: number;
  truncatedBytes: number;
}

/** Reads session.json, request.f64 and input.twrec (given separately: an archived run copies them). */
export function readSessionInput(sessionJson: string, requestF64: string, inputTwrec: string): SessionInput {
  let info: SessionInfo;
  try {
    info = JSON.parse(readFileSync(sessionJson, "utf8")) as SessionInfo;
  } catch (e) {
    throw new InputError(`${sessionJson}: cannot read the session: ${(e as Error).message}`);
  }
  if (info.format !== "twin-session" || info.version !== 1) throw new InputError(`${sessionJson}: not a twin session (format twin-session, version 1)`);
  if (info.inputRate === null) throw new InputError(`${sessionJson}: the session never received a frame: nothing to replay`);
  if (!existsSync(requestF64)) throw new InputError(`${requestF64}: no such file`);
  let request: Float64Array;
  try {
    request = f64FromBytes(readFileSync(requestF64));
  } catch (e) {
    throw new InputError(`${requestF64}: ${(e as Error).message}`);
  }
  const rec = readInputRecording(inputTwrec);
  const decoder = new InputDecoder(info.decoder);
  const blocks: Float64Array[] = [];
  for (const { unit } of rec.records) {
    const d = decoder.push(unit);
    for (const { frame, decision } of d.frames) {
      if (!decision.deliver || frame.fs !== info.inputRate) continue;
      blocks.push(frameBlock(frame, decision.discontinuity));
    }
  }
  return { info, request, blocks, units: rec.count, truncatedBytes: rec.truncatedBytes };
}

/** The jobRunnerSession request: [1, L, request (L), B, B × (length, block)]. */
export function sessionJobRequest(request: Float64Array, blocks: Float64Array[]): Float64Array {
  let n = 3 + request.length;
  for (const b of blocks) n += 1 + b.length;
  const out = new Float64Array(n);
  let o = 0;
  out[o++] = 1;
  out[o++] = request.length;
  out.set(request, o);
  o += request.length;
  out[o++] = blocks.length;
  for (const b of blocks) {
    out[o++] = b.length;
    out.set(b, o);
    o += b.length;
  }
  return out;
}

/** SHA-256 (hex) of a file's bytes. */
export function fileSha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
