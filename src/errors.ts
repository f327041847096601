// The errors the library throws, in three families a caller can tell apart with `instanceof`
// (docs/api.md, "Errors"): the input is wrong (InputError, located where it is wrong), the numbers
// went wrong (NumericalError), or an output could not be written (OutputError). The command line maps
// them to exit codes: 2, 1 and 1.

/** Where bad input is: a file and a line/column in it, or a path inside a value (`elements[3].L`). */
export interface InputLocation {
  /** the file (or another source name: a URL, `--speeds`) the input came from */
  readonly file?: string;
  /** 1-based line */
  readonly line?: number;
  /** 1-based column (UTF-16 code units, as editors count) */
  readonly column?: number;
  /** a path inside a structured value: a JSON path (`elements[3].L`), a CAEX path, an argument name */
  readonly path?: string;
}

/** The base class of every error the library throws on purpose. */
export class TwinError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Bad input data: an unreadable or invalid file, or a malformed value passed in code. The message
 * is complete (it names the place as `file:line:column:` or `file: path:` where the place is known);
 * `location` holds the same place as fields.
 */
export class InputError extends TwinError {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly path?: string;
  constructor(message: string, location: InputLocation = {}, options?: ErrorOptions) {
    super(message, options);
    if (location.file !== undefined) this.file = location.file;
    if (location.line !== undefined) this.line = location.line;
    if (location.column !== undefined) this.column = location.column;
    if (location.path !== undefined) this.path = location.path;
  }
  /** The place as one value (the fields that are known). */
  get location(): InputLocation {
    const { file, line, column, path } = this;
    return { ...(file !== undefined && { file }), ...(line !== undefined && { line }), ...(column !== undefined && { column }), ...(path !== undefined && { path }) };
  }
}

/** A bad argument or option value (a speed list, a node reference, an unknown name); `path` names the argument. */
export class ArgumentError extends InputError {}

/** A computation that failed or gave numbers that cannot be trusted (singular matrix, no convergence, non-finite values). */
export class NumericalError extends TwinError {}

/** An output file or directory could not be written; the message names it. Nothing half-written is left. */
export class OutputError extends TwinError {}

/** `file:line:column: ` (or the parts known) as messages start. */
export function formatLocation(loc: InputLocation): string {
  let s = "";
  if (loc.file !== undefined) s = loc.file;
  if (loc.line !== undefined) s += `${s ? ":" : ""}${loc.line}${loc.column !== undefined ? `:${loc.column}` : ""}`;
  if (loc.path !== undefined) s += `${s ? ": " : ""}${loc.path}`;
  return s ? `${s}: ` : "";
}
