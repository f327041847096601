// Command-line parsing: node:util parseArgs with its errors turned into usage errors. The value
// syntaxes (numbers, lists, ranges) are the library's (src/io/values.ts).
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ArgumentError } from "../errors.js";

/** A bad command line: printed with the command's usage, exit code 2. */
export class UsageError extends ArgumentError {}

export type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

/**
 * Strict parse: unknown options, missing option values and stray positionals are usage errors.
 * With `--help` given, the positional count is not checked.
 */
export function parseCommandLine(argv: string[], options: Options, positionals: { min: number; max: number; names: string }): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true }) as Parsed;
  } catch (e) {
    const msg = (e as Error).message;
    // node's "unknown option" message goes on about '--' positionals (no command here takes any):
    // keep its first sentence; keep the others whole (the ambiguity one says how to pass '-9.81').
    const text = /^Unknown option/.test(msg) ? msg.split(/\.(?: |$)/)[0]!.replace(/^Unknown/, "unknown") : msg.replace(/\n/g, " ");
    throw new UsageError(text);
  }
  const n = parsed.positionals.length;
  if (parsed.values.help === true) return parsed; // help needs no arguments
  if (n < positionals.min) throw new UsageError(`missing ${positionals.names}`);
  if (n > positionals.max) throw new UsageError(`unexpected argument ${JSON.stringify(parsed.positionals[positionals.max])}`);
  return parsed;
}

/** The values of a repeatable string option. */
export function many(v: Parsed["values"][string]): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string");
}

export function str(v: Parsed["values"][string]): string | undefined {
  return typeof v === "string" ? v : undefined;
}

/** A required string option. */
export function required(v: Parsed["values"][string], name: string): string {
  const s = str(v);
  if (s === undefined) throw new UsageError(`${name} is required`);
  return s;
}
