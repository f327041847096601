// Checking what goes into the store and turning values into the JSON text both engines keep. JSON
// (RFC 8259 §6) has no NaN or Infinity, so a non-finite number is refused rather than stored as null;
// JSON.stringify writes the shortest decimal that reads back as the same double (ECMA-262
// Number::toString), so numbers round-trip bit for bit.
import type { AttrValue, ChangeRecord, ChangeSource, HistoryQuery, NewChange, RetentionPolicy } from "../types.js";
import { StoreInputError } from "./errors.js";

const SOURCES: ReadonlySet<ChangeSource> = new Set(["api", "runner", "method", "rule", "system"]);

/** The most records one history call returns. */
export const HISTORY_LIMIT_CAP = 10_000;

/**
 * Text kept as is in a column: PostgreSQL text cannot hold U+0000 and both engines would replace a lone
 * surrogate when encoding UTF-8, so both are refused to keep the two engines' answers equal.
 */
// in a /u pattern a surrogate pair is one code point outside this range: only lone halves match
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function checkText(where: string, v: unknown): void {
  if (typeof v !== "string") throw new StoreInputError(where, `expected a string, got ${describe(v)}`);
  if (v.includes("\u0000")) throw new StoreInputError(where, "contains U+0000, which PostgreSQL text cannot hold");
  if (LONE_SURROGATE.test(v)) throw new StoreInputError(where, "contains a lone UTF-16 surrogate (not valid Unicode text)");
}

function describe(v: unknown): string {
  if (typeof v === "number") return String(v);
  if (v === null) return "null";
  return typeof v;
}

function checkValue(where: string, v: unknown, nullable: boolean): void {
  if (v === null && nullable) return;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new StoreInputError(where, `${v} is not a finite number (JSON, RFC 8259 §6, has no NaN or Infinity)`);
    return;
  }
  if (typeof v === "boolean" || typeof v === "string") return;
  throw new StoreInputError(where, `expected a number, boolean or string${nullable ? " or null" : ""}, got ${describe(v)}`);
}

function checkMs(where: string, v: unknown): void {
  if (typeof v !== "number" || !Number.isSafeInteger(v)) throw new StoreInputError(where, `expected an integer number of ms, got ${describe(v)}`);
}

/** Throws StoreInputError naming the first bad field of the first bad change. */
export function checkChanges(changes: readonly NewChange[]): void {
  if (!Array.isArray(changes)) throw new StoreInputError("append", "expected an array of changes");
  changes.forEach((c, i) => {
    const at = `change ${i}`;
    if (typeof c !== "object" || c === null) throw new StoreInputError(at, "expected an object");
    checkText(`${at}.twin`, c.twin);
    if (c.twin === "") throw new StoreInputError(`${at}.twin`, "is empty");
    checkText(`${at}.part`, c.part);
    checkText(`${at}.attribute`, c.attribute);
    if (c.attribute === "") throw new StoreInputError(`${at}.attribute`, "is empty");
    const named = `${at} (${c.twin}/${c.part}@${c.attribute})`;
    checkValue(`${named}.oldValue`, c.oldValue, true);
    checkValue(`${named}.newValue`, c.newValue, false);
    checkText(`${named}.subject`, c.subject);
    if (!SOURCES.has(c.source)) throw new StoreInputError(`${named}.source`, `expected one of ${[...SOURCES].join(", ")}, got ${JSON.stringify(c.source)}`);
    checkMs(`${named}.timeMs`, c.timeMs);
  });
}

/** Throws StoreInputError for a query the store cannot answer as documented in types.ts. */
export function checkQuery(q: HistoryQuery): void {
  checkText("history.twin", q.twin);
  if (q.part !== undefined) checkText("history.part", q.part);
  if (q.attribute !== undefined) checkText("history.attribute", q.attribute);
  for (const k of ["fromMs", "toMs", "before", "after"] as const) if (q[k] !== undefined) checkMs(`history.${k}`, q[k]);
  if (q.order !== "asc" && q.order !== "desc") throw new StoreInputError("history.order", `expected "asc" or "desc", got ${JSON.stringify(q.order)}`);
  if (!Number.isSafeInteger(q.limit) || q.limit < 0) throw new StoreInputError("history.limit", `expected an integer >= 0, got ${describe(q.limit)}`);
}

export function checkPolicy(p: RetentionPolicy, nowMs: number): void {
  checkMs("prune.nowMs", nowMs);
  if (p.maxAgeMs !== undefined && (!Number.isSafeInteger(p.maxAgeMs) || p.maxAgeMs < 0)) throw new StoreInputError("retention.maxAgeMs", `expected an integer >= 0, got ${describe(p.maxAgeMs)}`);
  if (p.maxPerAttribute !== undefined && (!Number.isSafeInteger(p.maxPerAttribute) || p.maxPerAttribute < 0)) throw new StoreInputError("retention.maxPerAttribute", `expected an integer >= 0, got ${describe(p.maxPerAttribute)}`);
}

/** JSON text of a value; -0 is written "-0" (valid JSON, read back as -0), which JSON.stringify would write as 0. */
export const encodeValue = (v: AttrValue): string => (Object.is(v, -0) ? "-0" : JSON.stringify(v));

export function decodeValue(text: string): AttrValue {
  const v: unknown = JSON.parse(text);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  throw new Error(`stored value ${text} is not a number, boolean or string`);
}

/** One row of `changes` as both engines read it (PostgreSQL's bigint arrives as a string). */
export interface ChangeRow {
  seq: number | string;
  twin: string;
  part: string;
  attribute: string;
  old_value: string | null;
  new_value: string;
  subject: string;
  source: string;
  time_ms: number | string;
}

export function fromRow(r: ChangeRow): ChangeRecord {
  return {
    seq: Number(r.seq),
    twin: r.twin,
    part: r.part,
    attribute: r.attribute,
    oldValue: r.old_value === null ? null : decodeValue(r.old_value),
    newValue: decodeValue(r.new_value),
    subject: r.subject,
    source: r.source as ChangeSource,
    timeMs: Number(r.time_ms),
  };
}
