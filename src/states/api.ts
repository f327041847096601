// The library face of `twin states generate`: the demo data of operating-state recognition, computed
// in memory (one job of the core) and written to a directory on request.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ArgumentError, InputError, OutputError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import type { Json } from "../io/json.js";
import type { RotorModel } from "../rotor/model.js";
import { checkRotorModel, ModelError } from "../rotor/validate.js";
import { DEFAULT_STATES, GENERATE_DEFAULTS, type GenerateResult, type StateSpec, statesJob } from "./generate.js";

/** Options of `generateStates` (`twin states generate` flags in brackets). */
export interface StatesOptions {
  /** noise seed, integer in [0, 2^53] [--seed]; default 1 */
  seed?: number;
  /** sensor noise standard deviation relative to the clean RMS, ≥ 0 [--noise]; default 0.02 */
  noise?: number;
  /** the operating states; default DEFAULT_STATES */
  states?: readonly StateSpec[];
  /** the model's file name, for messages that name it */
  file?: string;
}

/**
 * Simulates the rig in labelled operating states (`twin states generate`): for each state the
 * bearing accelerations with seeded sensor noise (`<state>.csv`), their feature table with a `state`
 * column (`<state>.features.csv`), and the parameters (`states.json`). One job of the core; the same
 * seed gives the same bytes. Write the files with `writeStates`.
 * @throws ModelError (rotor) for an invalid model; InputError for a model without a disk
 * @throws ArgumentError for a bad option; NumericalError when the simulation fails
 */
export function generateStates(model: RotorModel, options: StatesOptions = {}): GenerateResult {
  const seed = options.seed ?? GENERATE_DEFAULTS.seed;
  const noise = options.noise ?? GENERATE_DEFAULTS.noise;
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 53)) throw new ArgumentError(`seed: must be an integer in [0, 2^53], got ${seed}`, { path: "seed" });
  if (!(Number.isFinite(noise) && noise >= 0)) throw new ArgumentError(`noise: must be a number >= 0, got ${noise}`, { path: "noise" });
  const checked = checkRotorModel(model as unknown as Json);
  if (checked.model === undefined) throw new ModelError(options.file ?? "model", checked.faults);
  const prefix = options.file !== undefined ? `${options.file}: ` : "";
  if ((checked.model.disks ?? []).length === 0) {
    throw new InputError(`${prefix}disks: the model needs a disk to carry the unbalance of the states`, { ...(options.file !== undefined && { file: options.file }), path: "disks" });
  }
  return statesJob(checked.model, { ...GENERATE_DEFAULTS, seed, noise, states: [...(options.states ?? DEFAULT_STATES)] });
}

function nodeErrorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code !== undefined ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, "")}` : String(err.message ?? e);
}

/**
 * Writes generated files to `dir` (created if missing), each atomically; returns the bytes written.
 * @throws OutputError naming the directory or file that cannot be written
 */
export function writeStates(dir: string, data: GenerateResult): number {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new OutputError(`${dir}: cannot create the directory: ${(e as Error).message}`);
  }
  let bytes = 0;
  for (const f of data.files) {
    const path = join(dir, f.name);
    try {
      writeFileAtomic(path, f.text);
    } catch (e) {
      throw new OutputError(`${path}: cannot write: ${nodeErrorMessage(e)}`);
    }
    bytes += Buffer.byteLength(f.text);
  }
  return bytes;
}
