// What the `twin spc ...` commands share: the chart options and turning the SPC library's errors
// about the data into messages naming the file (bad data 2, numerical failure 1).
import { UsageError, str, type Options, type Parsed } from "./args.js";
import { parseNumber } from "../index.js";
import { conventionsOf, ruleSelection, SpcInputError, type RuleConventions, type RuleName } from "../spc/index.js";

/** Runs the computation; a fault of the data as a whole becomes `file: message` (exit 2). */
export function computing<T>(file: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof SpcInputError && e.file === undefined) throw new SpcInputError(`${file}: ${e.message}`, { ...e.location, file });
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
  return text === undefined ? undefined : ruleSelection(text, "--rules");
}

export function parseConventionsOption(text: string | undefined): RuleConventions | undefined {
  return text === undefined ? undefined : conventionsOf(text, "--conventions");
}

export function optNumber(values: Parsed["values"], name: string, rule: Parameters<typeof parseNumber>[2] = "finite"): number | undefined {
  const s = str(values[name]);
  return s === undefined ? undefined : parseNumber(s, `--${name}`, rule);
}
