// The runner configuration's error: every fault of a configuration (a file, or an object passed in
// code) with its JSON path, all together, before anything starts. The message is the CLI's: one line
// per fault, `file: path: message` (or `file:line:column: message` for a syntax error); without a file
// (an object passed in code) the lines start at the path.
import { InputError } from "../errors.js";
import { formatFault, type ModelFault } from "../rotor/validate.js";

/** One fault of a configuration: its JSON path (`sensors[2].node`, "" for the whole document) and what is wrong. */
export type ConfigFault = ModelFault;

function faultLine(file: string | undefined, f: ConfigFault): string {
  if (file !== undefined) return formatFault(file, f);
  if (f.line !== undefined) return `${f.line}:${f.column ?? 1}: ${f.message}`;
  return f.path === "" ? f.message : `${f.path}: ${f.message}`;
}

/**
 * A runner configuration the runner refuses: `faults` lists every fault (JSON path and message);
 * `path`, `line` and `column` are those of the first. Thrown before anything starts.
 */
export class RunnerConfigError extends InputError {
  /** every fault of the configuration, in document order */
  readonly faults: readonly ConfigFault[];
  constructor(file: string | undefined, faults: ConfigFault[]) {
    const first = faults[0];
    super(faults.map((f) => faultLine(file, f)).join("\n"), {
      ...(file !== undefined ? { file } : {}),
      ...(first?.line !== undefined ? { line: first.line, column: first.column ?? 1 } : {}),
      ...(first !== undefined && first.path !== "" ? { path: first.path } : {}),
    });
    this.faults = faults;
  }

  /** One line per fault, as the message holds them. */
  lines(): string[] {
    return this.message.split("\n");
  }
}
