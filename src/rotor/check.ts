// `rotorCheck`: a reference case (a rotor model with another code's published results, the format of
// shared testdata/rotor) read from a file or given in code, recomputed and compared within its
// tolerances (reference.ts). Not recordable: one rotor job per expected result, compared on the host.
import { readFileSync } from "node:fs";
import { InputError, formatLocation } from "../errors.js";
import type { Json } from "../io/json.js";
import type { Core } from "../core/core.js";
import { defaultCore } from "../core/default.js";
import { toJsonDocument } from "./load.js";
import { type Comparison, compareReference, type ReferenceCase } from "./reference.js";
import { checkRotorModel, ModelError, parseJsonDocument } from "./validate.js";

/** What rotorCheck returns (and `twin rotor check --json` prints). */
export interface RotorCheckResult {
  /** the case file (null for a case given in code) */
  case: string | null;
  /** the model's name */
  model: string;
  comparisons: Comparison[];
  /** every comparison passed (and there was at least one) */
  pass: boolean;
}

/** Options of rotorCheck. */
export interface RotorCheckOptions {
  /** The core to run on (default: the package's build/core.wasm). */
  core?: Core;
}

/**
 * Runs a reference case, `{ model, tolerance?, expected: { modal?, unbalance?, static_rigid_supports? } }`,
 * given as the path of its JSON file or as an object, and compares each expected result with this
 * core's within the case's tolerances (defaults: frequencies 1e-4 relative, log decrement 1e-4
 * absolute, unbalance amplitude 1e-3 relative, static 1e-6 relative). A failed comparison is a
 * result (`pass: false`), not an error.
 * @throws InputError for an unreadable file or a case without "model" and "expected"; ModelError for
 * an invalid model (paths under `model.`); NumericalError when the core fails
 */
export function rotorCheck(referenceCase: string | ReferenceCase, options: RotorCheckOptions = {}): RotorCheckResult {
  const file = typeof referenceCase === "string" ? referenceCase : undefined;
  let json: Json;
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(`${file}: cannot read: ${(e as Error).message}`, { file });
    }
    json = parseJsonDocument(text, file);
  } else json = toJsonDocument(referenceCase);
  const at = formatLocation(file !== undefined ? { file } : {});
  if (typeof json !== "object" || json === null || Array.isArray(json) || !("model" in json) || !("expected" in json)) {
    throw new InputError(`${at}a reference case needs "model" and "expected"`, file !== undefined ? { file } : {});
  }
  const checked = checkRotorModel(json.model as Json);
  if (!checked.model) throw new ModelError(file, checked.faults.map((f) => ({ ...f, path: f.path ? `model.${f.path}` : "model" })));
  const comparisons = compareReference(json as unknown as ReferenceCase, options.core ?? defaultCore(), {
    model: checked.model,
    file,
    pathPrefix: "model",
    fieldError: (message) => new InputError(`${at}${message}`, file !== undefined ? { file } : {}),
  });
  const pass = comparisons.length > 0 && comparisons.every((c) => c.pass);
  return { case: file ?? null, model: checked.model.name, comparisons, pass };
}
