// Faults of a policy, each located by the file (or source) and the JSON path of the value at fault.
import { InputError } from "../../errors.js";

/** One problem of a policy: the JSON path ("$.entries.ops.subjects[1]") and what is wrong there. */
export interface PolicyProblem {
  path: string;
  detail: string;
}

/**
 * A policy that cannot be used. `path` is the JSON path of the (first) problem; the message is
 * "<file>: <json path>: <detail>", one line per problem when there are several (all are in `problems`).
 */
export class PolicyError extends InputError {
  readonly problems: readonly PolicyProblem[];
  declare readonly path: string;

  constructor(path: string, message: string, problems?: readonly PolicyProblem[], file?: string) {
    super(message, { path, ...(file !== undefined ? { file } : {}) });
    this.problems = problems ?? [{ path, detail: message }];
  }

  /** One error listing every problem of `file`. */
  static of(file: string, problems: readonly PolicyProblem[]): PolicyError {
    if (problems.length === 0) throw new Error("PolicyError.of needs at least one problem");
    const lines = problems.map((p) => `${file}: ${p.path}: ${p.detail}`);
    return new PolicyError(problems[0]!.path, lines.join("\n"), problems, file);
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A JSON path (JSONPath notation, RFC 9535 normalized paths with dot shorthand) of keys and indices. */
export function jsonPath(parts: readonly (string | number)[]): string {
  let out = "$";
  for (const p of parts) {
    if (typeof p === "number") out += `[${p}]`;
    else if (IDENTIFIER.test(p)) out += `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/**
 * The parts of a JSON Pointer (RFC 6901), as Ajv reports instance locations, resolved against the
 * document so that an array index becomes a number and an object key stays a string (a label "1").
 */
export function pointerParts(pointer: string, doc: unknown): (string | number)[] {
  if (pointer === "") return [];
  const parts: (string | number)[] = [];
  let at: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(at)) {
      parts.push(Number(key));
      at = at[Number(key)];
    } else {
      parts.push(key);
      at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[key] : undefined;
    }
  }
  return parts;
}
