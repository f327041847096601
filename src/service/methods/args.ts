// Checks of a method's arguments. The HTTP route validates the body against the operation's
// argsSchema first; these checks repeat what each operation relies on, so that a direct call (the
// library, a test, a rule) is refused with the same precise 400 instead of computing on bad input.
import { MethodError } from "./errors.js";

export type Args = Record<string, unknown>;

/** Refuses keys the operation does not take (argsSchema: additionalProperties false). */
export function onlyKeys(args: Args, allowed: readonly string[], op: string): void {
  for (const k of Object.keys(args)) {
    if (!allowed.includes(k)) throw new MethodError(400, `${op}: unknown argument "${k}" (allowed: ${allowed.join(", ") || "none"})`);
  }
}

export type NumberRule = "nonnegative" | "finite" | "posinteger" | "integer";

function checkNumber(v: unknown, what: string, rule: NumberRule): number {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new MethodError(400, `${what}: must be a finite number, got ${JSON.stringify(v) ?? String(v)}`);
  if (rule === "nonnegative" && v < 0) throw new MethodError(400, `${what}: must be >= 0, got ${v}`);
  if (rule === "posinteger" && !(Number.isInteger(v) && v >= 1)) throw new MethodError(400, `${what}: must be an integer >= 1, got ${v}`);
  if (rule === "integer" && !Number.isInteger(v)) throw new MethodError(400, `${what}: must be an integer, got ${v}`);
  return v;
}

export function numberArg(args: Args, key: string, op: string, rule: NumberRule): number | undefined {
  return args[key] === undefined ? undefined : checkNumber(args[key], `${op}: ${key}`, rule);
}

export function requiredNumber(args: Args, key: string, op: string, rule: NumberRule): number {
  if (args[key] === undefined) throw new MethodError(400, `${op}: ${key} is required`);
  return checkNumber(args[key], `${op}: ${key}`, rule);
}

export function numberAt(v: unknown, what: string, rule: NumberRule): number {
  return checkNumber(v, what, rule);
}

export function booleanArg(args: Args, key: string, op: string): boolean | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (typeof v !== "boolean") throw new MethodError(400, `${op}: ${key}: must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

export function stringArg(args: Args, key: string, op: string): string | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v === "") throw new MethodError(400, `${op}: ${key}: must be a non-empty string, got ${JSON.stringify(v)}`);
  return v;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
