// What the `twin spc ...` commands share: reading the CSV, the chart options, turning the SPC
// library's errors into the CLI's exit codes (bad data 2, numerical failure 1).
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { UsageError, str, type Options, type Parsed } from "./args.js";
import { parseNumber } from "../io/values.js";
import { parseConventions, type RuleConventions } from "../spc/conventions.js";
import { parseRuleSelection } from "../spc/rules.js";
import { SpcInputError, SpcNumericalError, type RuleName } from "../spc/types.js";
import { NumericalError } from "./common.js";

export function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
}

/** Runs the computation; data problems become `file: message` (exit 2), numerical failures exit 1. */
export function computing<T>(file: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof SpcInputError) throw new InputError(`${file}: ${e.message}`);
    if (e instanceof SpcNumericalError) throw new NumericalError(e.message);
    throw e;
  }
}

export const COMMON_OPTIONS: Options = {
  data: { type: "string" },
  sigma: { type: "string" },
  phase1: { type: "string" },
  rules: { type: "string" },
  conventions: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
};

/** `a:b` (1-based, inclusive) or `b` (= 1:b). */
export function parsePhase1(text: string | undefined): [number, number] | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(":");
  if (parts.length > 2) throw new UsageError(`--phase1: expected FIRST:LAST, got ${JSON.stringify(text)}`);
  const a = parts.length === 2 ? parseNumber(parts[0]!, "--phase1 first", "posinteger") : 1;
  const b = parseNumber(parts[parts.length - 1]!, "--phase1 last", "posinteger");
  if (b < a) throw new UsageError(`--phase1: last ${b} < first ${a}`);
  return [a, b];
}

export function parseRules(text: string | undefined): RuleName[] | undefined {
  if (text === undefined) return undefined;
  try {
    return parseRuleSelection(text);
  } catch (e) {
    throw new UsageError(`--rules: ${(e as Error).message}`);
  }
}

export function parseConventionsOption(text: string | undefined): RuleConventions | undefined {
  if (text === undefined) return undefined;
  try {
    return parseConventions(text);
  } catch (e) {
    throw new UsageError(`--conventions: ${(e as Error).message}`);
  }
}

export function optNumber(values: Parsed["values"], name: string, rule: Parameters<typeof parseNumber>[2] = "finite"): number | undefined {
  const s = str(values[name]);
  return s === undefined ? undefined : parseNumber(s, `--${name}`, rule);
}
