// Reading the CSV inputs of shared/spec/spc.md (with src/io/csv.ts, RFC 4180): a header row, then one
// sample per row, first column a label. Errors name the file, line and column of the cell
// (`file:line:column: message`) so a user can fix it.
import { type CsvRecord, type CsvTable, CsvError, fieldError, parseCsvTable, parseDecimal } from "../io/csv.js";
import { MAX_TABLE_N } from "./constants.js";
import { countFault, sampleFault, sizeFault, subgroupFault } from "./faults.js";
import type { ChartKind, CountData, SubgroupData } from "./types.js";

// label columns may be unnamed and subgroup columns need no distinct names; rows may stop early
const TABLE = { uniqueHeader: false, allowShortRows: true } as const;

function fail(file: string, line: number, message: string): never {
  throw new CsvError(file, line, undefined, message);
}

function columnName(t: CsvTable, col: number): string {
  const h = t.header[col];
  return h !== undefined && h !== "" ? `column ${col + 1} (${JSON.stringify(h)})` : `column ${col + 1}`;
}

function num(t: CsvTable, r: CsvRecord, col: number): number {
  const s = r.fields[col]!;
  if (s === "") throw fieldError(t, r, col, `${columnName(t, col)}: empty cell`);
  const x = parseDecimal(s);
  if (Number.isNaN(x)) throw fieldError(t, r, col, `${columnName(t, col)}: not a number: ${JSON.stringify(s)}`);
  if (!Number.isFinite(x)) throw fieldError(t, r, col, `${columnName(t, col)}: not a finite number: ${s}`);
  return x;
}

export type SubgroupShape = "equal" | "ragged" | "single" | "auto";

/**
 * The shape each measurement chart reads: `xbar-r` and `xbar-s` take subgroups of unequal sizes
 * (as qcc does: R/qcc.R sizes from the non-missing values of each row, limits per point from n_i),
 * `imr` one value per row, EWMA and CUSUM either.
 */
export function shapeOf(chart: ChartKind): SubgroupShape {
  return chart === "xbar-r" || chart === "xbar-s" ? "ragged" : chart === "imr" ? "single" : "auto";
}

/** Largest subgroup a chart supports: 25 for R charts (d2, d3, D3, D4 are tabulated to n = 25). */
export function maxSubgroupOf(chart: ChartKind): number | undefined {
  return chart === "xbar-r" ? MAX_TABLE_N : undefined;
}

/**
 * Measurements: label then values. `equal`: every row the same size n ≥ 2; `ragged`: sizes may differ,
 * each n ≥ 2 (trailing empty cells end a row); `single`: exactly one value per row; `auto` (EWMA,
 * CUSUM, capability): one value column means individuals, more mean subgroups. `maxSize` rejects a
 * larger subgroup at its line (R charts: 25).
 */
export function readSubgroups(text: string, file: string, shape: SubgroupShape, maxSize?: number): SubgroupData {
  const t = parseCsvTable(text, file, TABLE);
  const cols = t.header.length;
  if (cols < 2) fail(file, t.headerLine, "expected a label column and at least one value column");
  const kind: SubgroupShape = shape === "auto" ? (cols === 2 ? "single" : "ragged") : shape;
  if (kind === "single" && cols !== 2) fail(file, t.headerLine, `expected 2 columns (label, value), found ${cols}`);
  const labels: string[] = [];
  const offsets: number[] = [0];
  const values: number[] = [];
  let expected = -1;
  for (const r of t.rows) {
    // trailing empty cells end a ragged row
    let end = r.fields.length;
    while (end > 1 && r.fields[end - 1] === "") end--;
    const n = end - 1;
    if (n === 0) fail(file, r.line, "no values after the label");
    for (let c = 1; c <= n; c++) values.push(num(t, r, c));
    const fault = subgroupFault(n, kind === "single" ? "single" : "ragged", maxSize);
    if (fault !== undefined) fail(file, r.line, fault);
    if (kind === "equal") {
      if (expected < 0) expected = n;
      else if (n !== expected) fail(file, r.line, `ragged subgroup: ${n} values, expected ${expected} like the first row`);
    }
    labels.push(r.fields[0]!);
    offsets.push(values.length);
  }
  return { labels, offsets: Int32Array.from(offsets), values: Float64Array.from(values) };
}

/** Attribute counts: p, np: label, n, defectives; c: label, defects; u: label, n, defects. */
export function readCounts(text: string, file: string, chart: "p" | "np" | "c" | "u"): CountData {
  const t = parseCsvTable(text, file, TABLE);
  const cols = chart === "c" ? 2 : 3;
  const what = chart === "c" ? "label, defects" : chart === "u" ? "label, n, defects" : "label, n, defectives";
  if (t.header.length !== cols) fail(file, t.headerLine, `expected ${cols} columns (${what}), found ${t.header.length}`);
  const labels: string[] = [];
  const n: number[] = [];
  const counts: number[] = [];
  for (const r of t.rows) {
    if (r.fields.length !== cols) fail(file, r.line, `expected ${cols} cells (${what}), found ${r.fields.length}`);
    const size = chart === "c" ? 1 : num(t, r, 1);
    const count = num(t, r, cols - 1);
    const sizeBad = chart !== "c" ? sizeFault(size, chart) : undefined;
    if (sizeBad !== undefined) fail(file, r.line, `${columnName(t, 1)}: ${sizeBad}`);
    const countBad = countFault(count);
    if (countBad !== undefined) fail(file, r.line, `${columnName(t, cols - 1)}: ${countBad}`);
    const sampleBad = sampleFault(size, count, chart);
    if (sampleBad !== undefined) fail(file, r.line, sampleBad);
    labels.push(r.fields[0]!);
    n.push(size);
    counts.push(count);
  }
  return { labels, n: Float64Array.from(n), counts: Float64Array.from(counts) };
}
