// What the rotor commands share: the core their one job runs on, and the model with its file name
// (for errors located in it). Each recordable rotor command makes exactly one job call
// (src/rotor/jobs.ts; assembly/ABI.md, "Rotor jobs").
import { Core, DEFAULT_CORE_PATH } from "../core/core.js";
import type { ModelSource } from "../rotor/request.js";
import { loadModelFile } from "./common.js";

/** The numerical core (build/core.wasm, or TWIN_CORE_WASM). */
export function rotorJobCore(): Core {
  try {
    return Core.default();
  } catch (e) {
    throw new Error(`cannot load the numerical core ${DEFAULT_CORE_PATH}: ${(e as Error).message}`, { cause: e });
  }
}

/** Reads and validates a model file (ModelError / InputError on bad input), kept with its name. */
export function loadModelSource(file: string): ModelSource {
  return { model: loadModelFile(file), file };
}
