// Command-line parsing helpers: node:util parseArgs with its errors turned into usage errors, and the
// value syntaxes of shared/spec/rotor.md (lists "0,100,200", ranges "start:stop:step",
// "NODE:MAGNITUDE:PHASE", "NODE:DIR"; nodes are shaft or pedestal nodes, src/rotor/nodes.ts).
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { NodeNumbering } from "../rotor/nodes.js";

/** A bad command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Bad input data (unreadable or invalid file): printed as is, exit code 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

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

export type NumberRule = "finite" | "positive" | "nonnegative" | "integer" | "posinteger";

/** Parses one number of a command-line value; `what` names it in the message. */
export function parseNumber(text: string, what: string, rule: NumberRule = "finite"): number {
  const t = text.trim();
  // Number("") is 0 and Number("0x10") is 16: accept only decimal notation.
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) throw new UsageError(`${what}: not a number: ${JSON.stringify(text)}`);
  const x = Number(t);
  if (!Number.isFinite(x)) throw new UsageError(`${what}: must be finite: ${text}`);
  if (rule === "positive" && !(x > 0)) throw new UsageError(`${what}: must be > 0: ${text}`);
  if (rule === "nonnegative" && !(x >= 0)) throw new UsageError(`${what}: must be >= 0: ${text}`);
  if (rule === "integer" && !(Number.isInteger(x) && x >= 0)) throw new UsageError(`${what}: must be an integer >= 0: ${text}`);
  if (rule === "posinteger" && !(Number.isInteger(x) && x >= 1)) throw new UsageError(`${what}: must be an integer >= 1: ${text}`);
  return x;
}

/** Largest number of points a range may produce (a typo like 0:1e9:1 should not exhaust memory). */
export const MAX_POINTS = 1_000_000;

/**
 * `start:stop:step`, stop included when it lies on the grid (to 1e-9 of a step). Values are
 * start + i*step, not accumulated sums, so they do not drift.
 */
export function parseRange(text: string, what: string): number[] {
  const parts = text.split(":");
  if (parts.length !== 3) throw new UsageError(`${what}: expected start:stop:step, got ${JSON.stringify(text)}`);
  const start = parseNumber(parts[0]!, `${what} start`, "nonnegative");
  const stop = parseNumber(parts[1]!, `${what} stop`, "nonnegative");
  const step = parseNumber(parts[2]!, `${what} step`, "positive");
  if (stop < start) throw new UsageError(`${what}: stop ${stop} < start ${start}`);
  const count = Math.floor((stop - start) / step + 1e-9) + 1;
  if (count > MAX_POINTS) throw new UsageError(`${what}: ${count} points (more than ${MAX_POINTS})`);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/** `a,b,c` (non-negative numbers). */
export function parseList(text: string, what: string): number[] {
  if (text.trim() === "") throw new UsageError(`${what}: empty list`);
  return text.split(",").map((p, i) => parseNumber(p, `${what} item ${i + 1}`, "nonnegative"));
}

/** A list `a,b,c` or a range `start:stop:step`. */
export function parseListOrRange(text: string, what: string): number[] {
  return text.includes(":") ? parseRange(text, what) : parseList(text, what);
}

/**
 * Where a value came from, for messages: `--probe "9:x"`, or `--probe #2 "9:x"` when the option was
 * given more than once (i is 0-based, count the number of times it was given).
 */
export function located(option: string, text: string, i = 0, count = 1): string {
  return `${option}${count > 1 ? ` #${i + 1}` : ""} ${JSON.stringify(text)}`;
}

/**
 * `NODE:MAGNITUDE:PHASE` (kg m, rad). NODE must be a shaft node of the model (a pedestal node carries
 * no unbalance); i and count locate the value among repeated `--unbalance` options in messages.
 */
export function parseUnbalance(text: string, nodes: NodeNumbering, i = 0, count = 1): { node: number; magnitude: number; phase: number } {
  const where = located("--unbalance", text, i, count);
  const parts = text.split(":");
  if (parts.length !== 3) throw new UsageError(`${where}: expected NODE:MAGNITUDE:PHASE`);
  const node = nodes.check(parseNumber(parts[0]!, `${where}: node`, "integer"), where, true);
  return { node, magnitude: parseNumber(parts[1]!, `${where}: magnitude`, "nonnegative"), phase: parseNumber(parts[2]!, `${where}: phase`) };
}

/**
 * `NODE:DIR`, NODE a shaft or pedestal node (docs/rotor.md, "Node numbering"), DIR `x`, `y` or an
 * angle in rad from x; i and count locate the value among repeated `--probe` options in messages.
 */
export function parseProbe(text: string, nodes: NodeNumbering, i = 0, count = 1): { node: number; dir: "x" | "y" | number } {
  const where = located("--probe", text, i, count);
  const parts = text.split(":");
  if (parts.length !== 2) throw new UsageError(`${where}: expected NODE:DIR`);
  const node = nodes.check(parseNumber(parts[0]!, `${where}: node`, "integer"), where);
  const d = parts[1]!.trim();
  const dir = d === "x" || d === "y" ? d : parseNumber(d, `${where}: direction (x, y or an angle in rad)`);
  return { node, dir };
}

/** Every value of a repeatable option parsed by `parse(text, i, count)`. */
export function parseEach<T>(texts: string[], parse: (text: string, i: number, count: number) => T): T[] {
  return texts.map((t, i) => parse(t, i, texts.length));
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
