// Bad ELM input, file or value: every fault of a case or model document is collected with its JSON
// path and reported together, one per line, as `file: path: message` (a file) or `path: message` (a
// value passed in code), so the same content gives the same message minus the file prefix.
import { InputError } from "../errors.js";
import { type Json, JsonSyntaxError, parseJson } from "../io/json.js";

/** One fault of a document: its JSON path (`X_train[3][1]`; "" for the document) and what is wrong. */
export interface ElmFault {
  path: string;
  message: string;
  /** for JSON syntax errors: 1-based line and column in the file */
  line?: number;
  column?: number;
}

function faultLine(file: string | undefined, f: ElmFault): string {
  if (f.line !== undefined) return `${file !== undefined ? `${file}:` : ""}${f.line}:${f.column ?? 1}: ${f.message}`;
  const where = [file, f.path].filter((s) => s !== undefined && s !== "").join(": ");
  return where === "" ? f.message : `${where}: ${f.message}`;
}

/**
 * A malformed ELM case, model or data table. `faults` lists every fault found (the message holds one
 * line per fault); `file`, `path`, `line`, `column` locate the first one.
 */
export class ElmInputError extends InputError {
  readonly faults: readonly ElmFault[];
  constructor(file: string | undefined, faults: readonly ElmFault[]) {
    const first = faults[0];
    super(faults.map((f) => faultLine(file, f)).join("\n"), {
      ...(file !== undefined && { file }),
      ...(first?.path && { path: first.path }),
      ...(first?.line !== undefined && { line: first.line, column: first.column ?? 1 }),
    });
    this.faults = faults;
  }
}

/** Parses a JSON document; a syntax error is an ElmInputError at its line and column. */
export function parseElmJson(text: string, file: string): Json {
  try {
    return parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ElmInputError(file, [{ path: "", message: e.reason, line: e.line, column: e.column }]);
    throw e;
  }
}
