// Rotor models at the library's boundary: read from a file, parsed from text, or passed in code as an
// object. All three go through the validator of the model files (validate.ts), so a malformed object
// gets the same located ModelError the command line prints for the same JSON in a file, without the
// file prefix. A model read from a file remembers the file, so that a value the core refuses later is
// still reported in that file.
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import type { Json } from "../io/json.js";
import type { RotorModel } from "./model.js";
import type { ModelSource } from "./request.js";
import { checkRotorModel, ModelError, parseRotorModel as parseText } from "./validate.js";

/** A model as the analyses take it: a model object (validated on every call) or the path of a model file. */
export type RotorModelInput = RotorModel | string;

/** The file each model read by this module came from (objects are keys, so nothing leaks). */
const sourceFiles = new WeakMap<object, string>();

function nodeErrorMessage(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code !== undefined ? `${err.code}: ${err.message.replace(/^[A-Z]+: /, "")}` : String(err.message ?? e);
}

function remember(model: RotorModel, file: string | undefined): RotorModel {
  if (file !== undefined) sourceFiles.set(model, file);
  return model;
}

/**
 * Parses and validates rotor model JSON text (DESIGN.md, "Rotor model JSON"); `file` names the source
 * in messages.
 * @throws ModelError listing every fault: syntax errors as `line:column`, the rest by JSON path
 */
export function parseRotorModel(text: string, file?: string): RotorModel {
  return remember(parseText(text, file), file);
}

/**
 * Reads and validates a rotor model file.
 * @throws InputError when the file cannot be read; ModelError (an InputError with `file` and `path`) when it is not a valid model
 */
export function loadRotorModel(file: string): RotorModel {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${nodeErrorMessage(e)}`, { file });
  }
  return parseRotorModel(text, file);
}

/**
 * A value as JSON data: keys whose value is `undefined` are left out (as JSON.stringify does), typed
 * arrays become arrays. Anything else that JSON cannot hold (a function, a Map, a cycle) is a fault at
 * its path, so the validator sees exactly what a file could say.
 */
function asJson(value: unknown, path: string, faults: { path: string; message: string }[], seen: Set<object>): Json {
  if (value === null || typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === "object") {
    if (seen.has(value)) {
      faults.push({ path, message: "refers to itself (a cycle is not JSON data)" });
      return null;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) {
      faults.push({ path, message: `must be JSON data, found a ${(value as object).constructor?.name ?? "non-plain object"}` });
      return null;
    }
    seen.add(value);
    let out: Json;
    if (Array.isArray(value)) out = value.map((x, i) => (x === undefined ? null : asJson(x, `${path}[${i}]`, faults, seen)));
    else {
      const o = Object.create(null) as { [key: string]: Json };
      for (const [k, v] of Object.entries(value)) if (v !== undefined) o[k] = asJson(v, path === "" ? k : `${path}.${k}`, faults, seen);
      out = o;
    }
    seen.delete(value);
    return out;
  }
  faults.push({ path, message: `must be JSON data, found ${value === undefined ? "undefined" : `a ${typeof value}`}` });
  return null;
}

/**
 * A value given in code as JSON data for a validator, or a ModelError naming the values JSON cannot
 * hold; `file` names the source in messages when there is one.
 */
export function toJsonDocument(value: unknown, file?: string): Json {
  const faults: { path: string; message: string }[] = [];
  const doc = asJson(value, "", faults, new Set());
  if (faults.length > 0) throw new ModelError(file, faults);
  return doc;
}

/**
 * Validates a rotor model given in code (for instance parsed from JSON elsewhere, or built by a
 * program) and returns a fresh, checked copy. The checks and messages are those of model files.
 * @throws ModelError listing every fault by JSON path (`shaft[2].L: must be > 0 (-0.1)`); `path` is the first
 */
export function validateRotorModel(value: unknown, file?: string): RotorModel {
  const { model, faults } = checkRotorModel(toJsonDocument(value, file));
  if (model === undefined) throw new ModelError(file, faults);
  return remember(model, file);
}

/**
 * The model of an analysis with the file it came from: a path is read, an object validated (an object
 * read by loadRotorModel or parseRotorModel keeps its file for messages).
 */
export function modelSource(input: RotorModelInput | unknown): ModelSource {
  if (typeof input === "string") return { model: loadRotorModel(input), file: input };
  const file = typeof input === "object" && input !== null ? sourceFiles.get(input) : undefined;
  return { model: validateRotorModel(input, file), file };
}
