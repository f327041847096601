// The value syntaxes of shared/spec/rotor.md, shared by the command line and the library: numbers,
// lists "0,100,200", ranges "start:stop:step", "NODE:MAGNITUDE:PHASE", "NODE:DIR" (nodes are shaft or
// pedestal nodes, src/rotor/nodes.ts). A bad value is an ArgumentError naming the option or argument.
import { ArgumentError } from "../errors.js";
import type { NodeNumbering } from "../rotor/nodes.js";

/** How parseNumber checks a number: finite, > 0, >= 0, an integer >= 0, or an integer >= 1. */
export type NumberRule = "finite" | "positive" | "nonnegative" | "integer" | "posinteger";

/** Parses one number of a command-line value; `what` names it in the message. */
export function parseNumber(text: string, what: string, rule: NumberRule = "finite"): number {
  const t = text.trim();
  // Number("") is 0 and Number("0x10") is 16: accept only decimal notation.
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) throw new ArgumentError(`${what}: not a number: ${JSON.stringify(text)}`);
  const x = Number(t);
  if (!Number.isFinite(x)) throw new ArgumentError(`${what}: must be finite: ${text}`);
  if (rule === "positive" && !(x > 0)) throw new ArgumentError(`${what}: must be > 0: ${text}`);
  if (rule === "nonnegative" && !(x >= 0)) throw new ArgumentError(`${what}: must be >= 0: ${text}`);
  if (rule === "integer" && !(Number.isInteger(x) && x >= 0)) throw new ArgumentError(`${what}: must be an integer >= 0: ${text}`);
  if (rule === "posinteger" && !(Number.isInteger(x) && x >= 1)) throw new ArgumentError(`${what}: must be an integer >= 1: ${text}`);
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
  if (parts.length !== 3) throw new ArgumentError(`${what}: expected start:stop:step, got ${JSON.stringify(text)}`);
  const start = parseNumber(parts[0]!, `${what} start`, "nonnegative");
  const stop = parseNumber(parts[1]!, `${what} stop`, "nonnegative");
  const step = parseNumber(parts[2]!, `${what} step`, "positive");
  if (stop < start) throw new ArgumentError(`${what}: stop ${stop} < start ${start}`);
  const count = Math.floor((stop - start) / step + 1e-9) + 1;
  if (count > MAX_POINTS) throw new ArgumentError(`${what}: ${count} points (more than ${MAX_POINTS})`);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/** `a,b,c` (non-negative numbers). */
export function parseList(text: string, what: string): number[] {
  if (text.trim() === "") throw new ArgumentError(`${what}: empty list`);
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
  if (parts.length !== 3) throw new ArgumentError(`${where}: expected NODE:MAGNITUDE:PHASE`);
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
  if (parts.length !== 2) throw new ArgumentError(`${where}: expected NODE:DIR`);
  const node = nodes.check(parseNumber(parts[0]!, `${where}: node`, "integer"), where);
  const d = parts[1]!.trim();
  const dir = d === "x" || d === "y" ? d : parseNumber(d, `${where}: direction (x, y or an angle in rad)`);
  return { node, dir };
}

/** Every value of a repeatable option parsed by `parse(text, i, count)`. */
export function parseEach<T>(texts: string[], parse: (text: string, i: number, count: number) => T): T[] {
  return texts.map((t, i) => parse(t, i, texts.length));
}
