// `twin session replay` as a library: a recorded runner session through the core again, as one job
// (jobRunnerSession). For a session recorded by this core the outputs equal the live outputs.f64.
import { join } from "node:path";
import { Core } from "../core/core.js";
import { f64Bytes, resultDigest, runJob } from "../core/job.js";
import { writeFileAtomic } from "../io/atomic.js";
import { OutputError } from "../errors.js";
import { readSessionInput, sessionJobRequest } from "./replay.js";
import { FILES } from "./session.js";

/** The three files of a recorded session (a session directory holds them as session.json, request.f64, input.twrec). */
export interface SessionFiles {
  session: string;
  request: string;
  input: string;
}

/** What `twin session replay --json` prints. */
export interface SessionReplaySummary {
  /** input units in the recording */
  units: number;
  /** torn bytes dropped from the recording's end (a killed runner) */
  truncatedBytes: number;
  /** blocks through the core */
  blocks: number;
  /** output values */
  values: number;
  /** SHA-256 of the outputs (little-endian f64), hex */
  digest: string;
}

/** A session replayed: the summary `twin session replay --json` prints, and the outputs. */
export interface SessionReplay {
  summary: SessionReplaySummary;
  /** the block results, as the live runner appended them to outputs.f64 */
  outputs: Float64Array;
}

/** The files of a session directory written by `runTwin` (`recording.dir`). */
export function sessionFiles(dir: string): SessionFiles {
  return { session: join(dir, FILES.session), request: join(dir, FILES.request), input: join(dir, FILES.input) };
}

/**
 * Reruns a recorded session through the core in one job (`twin session replay`): the recorded input
 * units are decoded as the live runner decoded them and the core runs the request and all blocks.
 * @param files the session's files, or its directory
 * @param options.output write the outputs there (little-endian f64, atomically)
 * @throws InputError for a file that is missing or not a session (the message names it)
 * @throws OutputError when the output file cannot be written
 */
export function replaySession(files: SessionFiles | string, options: { output?: string } = {}): SessionReplay {
  const f = typeof files === "string" ? sessionFiles(files) : files;
  const s = readSessionInput(f.session, f.request, f.input);
  const outputs = runJob(Core.default(), "jobRunnerSession", sessionJobRequest(s.request, s.blocks));
  if (options.output !== undefined) {
    try {
      writeFileAtomic(options.output, f64Bytes(outputs));
    } catch (e) {
      throw new OutputError(`${options.output}: cannot write: ${(e as Error).message}`);
    }
  }
  return { summary: { units: s.units, truncatedBytes: s.truncatedBytes, blocks: s.blocks.length, values: outputs.length, digest: resultDigest(outputs) }, outputs };
}
