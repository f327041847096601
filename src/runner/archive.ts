// A runner session as an archived run (`twin archive create --session DIR`, docs/runner.md
// "Sessions"): the run is `twin session replay` on the session's files, one job (jobRunnerSession).
// Before it is archived, the session is replayed here and its result compared with the outputs the
// live runner wrote: only a session that reruns bit for bit is archived as one.
import { basename, join, resolve } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { Core } from "../core/core.js";
import { f64Bytes, resultDigest, runJob } from "../core/job.js";
import { runSpecFrom, type RunSpec } from "../archive/runs.js";
import { FILES, type SessionInfo } from "./session.js";
import { readSessionInput, sessionJobRequest } from "./replay.js";

/** A session checked by replaying it: its blocks, input units, output values and their digest. */
export interface SessionCheck {
  dir: string;
  blocks: number;
  units: number;
  values: number;
  digest: string;
}

/** Replays a session through `core` and checks its outputs.f64; throws InputError naming what differs. */
export function checkSession(dir: string, core: Core = Core.default()): SessionCheck {
  const path = (k: keyof typeof FILES): string => join(dir, FILES[k]);
  for (const k of ["session", "request", "input", "outputs"] as const) if (!existsSync(path(k))) throw new InputError(`${dir}: not a runner session: ${FILES[k]} is missing`);
  const info = JSON.parse(readFileSync(path("session"), "utf8")) as SessionInfo;
  if (info.ended === undefined) throw new InputError(`${dir}: the session did not end normally (a killed runner): resume it (twin run --resume) and stop it, then archive it`);
  if (info.core.sha256 !== core.sha256) throw new InputError(`${dir}: recorded by core ${info.core.sha256.slice(0, 16)}…, this is core ${core.sha256.slice(0, 16)}…: archive it with the core that recorded it`);
  const input = readSessionInput(path("session"), path("request"), path("input"));
  const result = runJob(core, "jobRunnerSession", sessionJobRequest(input.request, input.blocks));
  const live = readFileSync(path("outputs"));
  const again = Buffer.from(f64Bytes(result));
  if (!again.equals(live)) {
    let at = 0;
    while (at < Math.min(again.length, live.length) && again[at] === live[at]) at++;
    throw new InputError(`${dir}: the replay differs from the live outputs at byte ${at} of outputs.f64 (${live.length} bytes live, ${again.length} replayed): the session does not rerun bit for bit`);
  }
  return { dir, blocks: input.blocks.length, units: input.units, values: result.length, digest: resultDigest(result) };
}

/** The RUNSPEC of a session: `twin session replay` on its files, writing replayed.f64. */
export function sessionRunSpec(dir: string, id = `session-${basename(resolve(dir)).replace(/[^A-Za-z0-9._-]/g, "-")}`.slice(0, 64)): RunSpec {
  return runSpecFrom(
    {
      id,
      description: `The runner session ${basename(resolve(dir))} replayed through the core in one job (twin session replay): its outputs equal the live runner's outputs.f64`,
      argv: ["session", "replay", FILES.session, FILES.request, FILES.input, "-o", "replayed.f64", "--json"],
    },
    `--session ${dir}`,
    resolve(dir),
  );
}
