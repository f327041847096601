// The samples of a chart as a caller gives them: a CSV file (located by file, line and column) or
// values in code (located by a path such as `data[3][1]`). Both are checked for the same faults with
// the same reasons (faults.ts) and packed into the flat arrays the charts compute on.
import { readFileSync } from "node:fs";
import { CsvError } from "../io/csv.js";
import type { AttributeKind } from "./attributes.js";
import { isCountChart } from "./chart.js";
import { MAX_TABLE_N } from "./constants.js";
import { maxSubgroupOf, readCounts, readSubgroups, shapeOf } from "./csv.js";
import { countFault, sampleFault, sizeFault, subgroupFault } from "./faults.js";
import { type ChartKind, type CountData, SpcInputError, type SubgroupData } from "./types.js";

/** One subgroup given in code: its observations and, optionally, its label. */
export interface SpcSubgroup {
  label?: string;
  values: readonly number[];
}

/** One attribute sample given in code: `count` defectives (p, np) or defects (c, u) in `n` inspected units (absent for c). */
export interface SpcCount {
  label?: string;
  n?: number;
  count: number;
}

/**
 * Measurements: individual values, subgroups of values (`[[x11, x12, ...], ...]` or
 * `[{ label, values }, ...]`), or subgroups packed as `readSpcData` returns them.
 */
export type SpcMeasurements = readonly number[] | readonly (readonly number[])[] | readonly SpcSubgroup[] | SubgroupData;

/** Attribute samples: one `{ n, count }` per sample (c charts: `{ count }`), or packed as `readSpcData` returns them. */
export type SpcCounts = readonly SpcCount[] | CountData;

/** What a chart reads: measurements for xbar-r, xbar-s, imr, ewma, cusum; counts for p, np, c, u. */
export type SpcData = SpcMeasurements | SpcCounts;

/** The subgroup shape a measurement chart reads, and the largest subgroup it takes. */
export interface SubgroupRule {
  shape: "single" | "ragged" | "auto";
  maxSize?: number;
}

export function subgroupRuleOf(kind: ChartKind): SubgroupRule {
  const shape = shapeOf(kind);
  return { shape: shape === "equal" ? "ragged" : shape, ...(maxSubgroupOf(kind) !== undefined && { maxSize: maxSubgroupOf(kind) }) };
}

/** The rule of `twin spc capability`: any shape, R-based σ within tabulated to n = 25. */
export function capabilityRule(within: "r" | "s"): SubgroupRule {
  return within === "r" ? { shape: "auto", maxSize: MAX_TABLE_N } : { shape: "auto" };
}

function bad(path: string, reason: string): never {
  throw new SpcInputError(`${path}: ${reason}`, { path });
}

function finite(x: unknown, path: string): number {
  if (typeof x !== "number" || !Number.isFinite(x)) bad(path, `not a finite number: ${typeof x === "number" ? x : JSON.stringify(x) ?? String(x)}`);
  return x;
}

const isPacked = (d: unknown): d is SubgroupData => typeof d === "object" && d !== null && !Array.isArray(d) && "offsets" in d && "values" in d;
const isPackedCounts = (d: unknown): d is CountData => typeof d === "object" && d !== null && !Array.isArray(d) && "n" in d && "counts" in d;

/** Measurements given in code, checked (`data[i]`, `data[i][j]`) and packed. */
export function packMeasurements(data: unknown, rule: SubgroupRule): SubgroupData {
  if (isPacked(data)) return checkPacked(data, rule);
  if (!Array.isArray(data)) bad("data", "must be an array of values or of subgroups");
  if (data.length === 0) bad("data", "no samples");
  const rows: { label?: string; values: readonly unknown[]; path: string }[] = data.map((e: unknown, i) => {
    const path = `data[${i}]`;
    if (typeof e === "number") return { values: [e], path };
    if (Array.isArray(e)) return { values: e, path };
    if (typeof e === "object" && e !== null && Array.isArray((e as SpcSubgroup).values)) {
      const label = (e as SpcSubgroup).label;
      if (label !== undefined && typeof label !== "string") bad(`${path}.label`, "must be a string");
      return { ...(label !== undefined && { label }), values: (e as SpcSubgroup).values, path: `${path}.values` };
    }
    bad(path, "must be a number, an array of numbers or { label, values }");
  });
  // a list of numbers is individual values, as a file with one value column is
  const kind = rule.shape === "auto" ? (data.every((e) => typeof e === "number") ? "single" : "ragged") : rule.shape;
  const offsets = new Int32Array(rows.length + 1);
  const values: number[] = [];
  rows.forEach((r, i) => {
    if (r.values.length === 0) bad(r.path, "no values");
    r.values.forEach((x, j) => values.push(finite(x, typeof data[i] === "number" ? r.path : `${r.path}[${j}]`)));
    const fault = subgroupFault(r.values.length, kind, rule.maxSize);
    if (fault !== undefined) bad(r.path, fault);
    offsets[i + 1] = values.length;
  });
  const labeled = rows.some((r) => r.label !== undefined);
  return { ...(labeled && { labels: rows.map((r, i) => r.label ?? String(i + 1)) }), offsets, values: Float64Array.from(values) };
}

function checkPacked(d: SubgroupData, rule: SubgroupRule): SubgroupData {
  const m = d.offsets.length - 1;
  if (m < 1) bad("data.offsets", "no samples");
  if (d.offsets[0] !== 0 || d.offsets[m] !== d.values.length) bad("data.offsets", `must run from 0 to the number of values (${d.values.length})`);
  if (d.labels !== undefined && d.labels.length !== m) bad("data.labels", `must have one label per sample (${m})`);
  let single = true;
  for (let i = 0; i < m; i++) if (d.offsets[i + 1]! - d.offsets[i]! !== 1) single = false;
  const kind = rule.shape === "auto" ? (single ? "single" : "ragged") : rule.shape;
  for (let i = 0; i < m; i++) {
    const n = d.offsets[i + 1]! - d.offsets[i]!;
    if (n < 1) bad(`data.offsets[${i + 1}]`, "no values");
    const fault = subgroupFault(n, kind, rule.maxSize);
    if (fault !== undefined) bad(`data[${i}]`, fault);
  }
  d.values.forEach((x, j) => finite(x, `data.values[${j}]`));
  return d;
}

/** Attribute samples given in code, checked (`data[i].n`, `data[i].count`) and packed. */
export function packCountData(data: unknown, chart: AttributeKind): CountData {
  if (isPackedCounts(data)) {
    if (data.n.length !== data.counts.length) bad("data.counts", `must have one count per sample (${data.n.length})`);
    return packCountData(Array.from(data.n, (n, i) => ({ n, count: data.counts[i]!, ...(data.labels && { label: data.labels[i]! }) })), chart);
  }
  if (!Array.isArray(data)) bad("data", "must be an array of samples { n, count }");
  if (data.length === 0) bad("data", "no samples");
  const n = new Float64Array(data.length);
  const counts = new Float64Array(data.length);
  const labels: string[] = [];
  data.forEach((e: unknown, i) => {
    const path = `data[${i}]`;
    if (typeof e !== "object" || e === null || Array.isArray(e)) bad(path, chart === "c" ? "must be { count }" : "must be { n, count }");
    const s = e as { label?: unknown; n?: unknown; count?: unknown };
    if (s.label !== undefined && typeof s.label !== "string") bad(`${path}.label`, "must be a string");
    const size = chart === "c" ? 1 : finite(s.n, `${path}.n`);
    const count = finite(s.count, `${path}.count`);
    const sizeBad = chart !== "c" ? sizeFault(size, chart) : undefined;
    if (sizeBad !== undefined) bad(`${path}.n`, sizeBad);
    const countBad = countFault(count);
    if (countBad !== undefined) bad(`${path}.count`, countBad);
    const sampleBad = sampleFault(size, count, chart);
    if (sampleBad !== undefined) bad(path, sampleBad);
    n[i] = size;
    counts[i] = count;
    labels.push(s.label ?? String(i + 1));
  });
  const labeled = data.some((e: { label?: unknown }) => e.label !== undefined);
  return { ...(labeled && { labels }), n, counts };
}

/** The text of a data file; an unreadable file is an SpcInputError naming it. */
export function readDataText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new SpcInputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`, { file });
  }
}

/** A CSV fault as the SPC error (same message and place). */
function asSpc<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof CsvError) throw new SpcInputError(e.message, e.location);
    throw e;
  }
}

/** Measurements of a CSV text (label, then the observations of the sample). */
export function parseMeasurementsCsv(text: string, file: string, rule: SubgroupRule): SubgroupData {
  return asSpc(() => readSubgroups(text, file, rule.shape, rule.maxSize));
}

/** Attribute counts of a CSV text (p, np: label, n, defectives; c: label, defects; u: label, n, defects). */
export function parseCountsCsv(text: string, file: string, chart: AttributeKind): CountData {
  return asSpc(() => readCounts(text, file, chart));
}

/**
 * The samples of chart `kind` from a CSV file, checked and packed (the CLI's `--data FILE.csv`).
 * @throws SpcInputError for an unreadable file or a bad sample, located by file, line (and column)
 */
export function readSpcData(file: string, kind: ChartKind): SubgroupData | CountData {
  const text = readDataText(file);
  return isCountChart(kind) ? parseCountsCsv(text, file, kind) : parseMeasurementsCsv(text, file, subgroupRuleOf(kind));
}

/**
 * The samples of `twin spc capability` from a CSV file: individual values or subgroups (σ within from ranges: n ≤ 25).
 * @throws SpcInputError for an unreadable file or a bad sample, located by file, line (and column)
 */
export function readCapabilityData(file: string, within: "r" | "s" = "r"): SubgroupData {
  return parseMeasurementsCsv(readDataText(file), file, capabilityRule(within));
}
