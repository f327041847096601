// Threshold rules from the AML Events element: "raise when <attribute> of <part> goes above (below)
// <threshold>, clear when it is back by <hysteresis>". The dead band keeps a value hovering at the
// threshold from raising and clearing on every sample (the alarm deadband of ANSI/ISA-18.2 and IEC 62682).
// A part path may hold wildcard segments ("*" any one part name, "Acc_*" every name so starting), so one rule covers every
// bearing of a machine; each matching part has its own state.
import { codePoints, compileWildcard, wildcardMatch } from "../query/wildcard.js";
import type { AttrValue } from "../types.js";
import type { NewEvent } from "./model.js";

export interface EventRuleDef {
  name: string;
  /** part path ("" = device root); in a segment "*" matches any run of characters, "?" one */
  part: string;
  attribute: string;
  condition: "above" | "below";
  threshold: number;
  /** >= 0 */
  hysteresis: number;
}

/** A rule definition that cannot be used: names the rule (when it has a name) and the field. */
export class RuleError extends Error {
  constructor(
    readonly where: string,
    readonly rule: string | undefined,
    readonly field: string,
    problem: string,
  ) {
    super(`${where}: ${rule === undefined ? "rule" : `rule ${JSON.stringify(rule)}`}: ${field}: ${problem}`);
    this.name = "RuleError";
  }
}

const FIELDS = ["name", "part", "attribute", "condition", "threshold", "hysteresis"] as const;

/** A number as JSON gives it, or as CAEX gives it: attribute values are text (IEC 62714-1, Value). */
function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** Checks rule definitions (from the AML Events element or JSON); `where` locates them in messages. */
export function checkRules(defs: unknown[], where: string): EventRuleDef[] {
  const seen = new Set<string>();
  return defs.map((d, i) => {
    const at = `${where}[${i}]`;
    if (typeof d !== "object" || d === null || Array.isArray(d)) throw new RuleError(at, undefined, "definition", "expected an object with name, part, attribute, condition, threshold, hysteresis");
    const r = d as Record<string, unknown>;
    const name = typeof r.name === "string" ? r.name : undefined;
    const fail = (field: string, problem: string): never => {
      throw new RuleError(at, name, field, problem);
    };
    for (const k of Object.keys(r)) if (!(FIELDS as readonly string[]).includes(k)) fail(k, `unknown field (expected ${FIELDS.join(", ")})`);
    if (name === undefined || name.trim() === "") return fail("name", "expected a non-empty string");
    if (seen.has(name)) fail("name", "defined twice");
    seen.add(name);
    if (typeof r.part !== "string") return fail("part", 'expected a part path (names joined by "/", "" for the device root)');
    const part = r.part;
    if (part !== "") {
      for (const seg of part.split("/")) {
        if (seg === "") fail("part", `empty segment in ${JSON.stringify(part)}`);
      }
    }
    if (typeof r.attribute !== "string" || r.attribute === "") return fail("attribute", "expected a non-empty attribute name");
    if (r.condition !== "above" && r.condition !== "below") return fail("condition", `expected "above" or "below", got ${JSON.stringify(r.condition)}`);
    const threshold = toNumber(r.threshold);
    if (threshold === undefined) return fail("threshold", `expected a finite number, got ${JSON.stringify(r.threshold)}`);
    // no dead band unless one is given
    const hysteresis = r.hysteresis === undefined ? 0 : toNumber(r.hysteresis);
    if (hysteresis === undefined || hysteresis < 0) return fail("hysteresis", `expected a finite number >= 0, got ${JSON.stringify(r.hysteresis)}`);
    return { name, part, attribute: r.attribute, condition: r.condition, threshold, hysteresis };
  });
}

/**
 * True when the part path matches the rule's pattern: segment by segment, where "*" matches any run
 * of characters and "?" one character within a segment ("*" alone: any one name, "Acc_*": every name
 * starting with Acc_). The matcher is linear (query/wildcard.ts), never a RegExp built from input.
 */
export function partMatches(pattern: string, part: string): boolean {
  if (pattern === "" || part === "") return pattern === part;
  const p = pattern.split("/");
  const s = part.split("/");
  return p.length === s.length && p.every((seg, i) => seg === s[i] || ((seg.includes("*") || seg.includes("?")) && wildcardMatch(compileWildcard(seg), codePoints(s[i]!))));
}

export class RuleEngine {
  private readonly rules: EventRuleDef[];
  /** Raised (rule, part) pairs, keyed by rule name NUL part path, with the time they were raised. */
  private readonly raised = new Map<string, { rule: string; part: string; since: number }>();

  constructor(
    private readonly twin: string,
    rules: EventRuleDef[],
  ) {
    this.rules = checkRules(rules, `rules of ${twin}`);
  }

  /** The "rule" events one attribute change causes (none for a value that is not a finite number). */
  onChange(c: { part: string; attribute: string; newValue: AttrValue; timeMs: number }): NewEvent[] {
    const v = c.newValue;
    if (typeof v !== "number" || !Number.isFinite(v)) return [];
    const out: NewEvent[] = [];
    for (const r of this.rules) {
      if (r.attribute !== c.attribute || !partMatches(r.part, c.part)) continue;
      const key = `${r.name}\u0000${c.part}`;
      const isRaised = this.raised.has(key);
      const above = r.condition === "above";
      let state: "raised" | "cleared" | undefined;
      if (!isRaised && (above ? v > r.threshold : v < r.threshold)) {
        state = "raised";
        this.raised.set(key, { rule: r.name, part: c.part, since: c.timeMs });
      } else if (isRaised && (above ? v <= r.threshold - r.hysteresis : v >= r.threshold + r.hysteresis)) {
        state = "cleared";
        this.raised.delete(key);
      }
      if (state === undefined) continue;
      out.push({ type: "rule", twin: this.twin, part: c.part, rule: r.name, attribute: r.attribute, value: v, threshold: r.threshold, condition: r.condition, state, timeMs: c.timeMs });
    }
    return out;
  }

  /** The raised (rule, part) pairs, in the order they were raised. */
  active(): { rule: string; part: string; since: number }[] {
    return [...this.raised.values()].map((a) => ({ ...a }));
  }
}
