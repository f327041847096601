// Reading the CSV inputs of shared/spec/spc.md: a header row, then one sample per row, first column a
// label. Errors name the file and line (`file:line: message`) so a user can fix the cell.
import { InputError } from "../io/args.js";
import { MAX_TABLE_N } from "./constants.js";
import type { ChartKind, CountData, SubgroupData } from "./types.js";

export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  headerLine: number;
  rows: CsvRow[];
}

function fail(file: string, line: number, message: string): never {
  throw new InputError(`${file}:${line}: ${message}`);
}

/** Splits one line into cells: commas, optional double quotes ("" inside quotes is a quote). */
function splitLine(text: string, file: string, line: number): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === " " || text[i] === "\t") i++;
    if (text[i] === '"') {
      let cell = "";
      i++;
      for (;;) {
        if (i >= text.length) fail(file, line, "unterminated quoted cell");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
      while (text[i] === " " || text[i] === "\t") i++;
      if (i < text.length && text[i] !== ",") fail(file, line, "text after a quoted cell");
      cells.push(cell);
    } else {
      const end = text.indexOf(",", i);
      cells.push((end < 0 ? text.slice(i) : text.slice(i, end)).trim());
      if (end < 0) break;
      i = end;
    }
    if (i >= text.length) break;
    i++; // the comma
  }
  return cells;
}

/** Parses the text; blank lines are skipped (line numbers still count them). */
export function parseCsv(text: string, file: string): CsvTable {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let header: string[] | undefined;
  let headerLine = 0;
  const rows: CsvRow[] = [];
  lines.forEach((raw, idx) => {
    if (raw.trim() === "") return;
    const cells = splitLine(raw, file, idx + 1);
    if (header === undefined) {
      header = cells;
      headerLine = idx + 1;
    } else rows.push({ line: idx + 1, cells });
  });
  if (header === undefined) throw new InputError(`${file}: empty file (a header row is required)`);
  if (rows.length === 0) throw new InputError(`${file}:${headerLine + 1}: no data rows after the header`);
  return { header, headerLine, rows };
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function columnName(t: CsvTable, col: number): string {
  const h = t.header[col];
  return h !== undefined && h !== "" ? `column ${col + 1} (${JSON.stringify(h)})` : `column ${col + 1}`;
}

function num(t: CsvTable, r: CsvRow, col: number, file: string): number {
  const s = r.cells[col]!;
  if (s === "") fail(file, r.line, `${columnName(t, col)}: empty cell`);
  if (!NUMBER.test(s)) fail(file, r.line, `${columnName(t, col)}: not a number: ${JSON.stringify(s)}`);
  const x = Number(s);
  if (!Number.isFinite(x)) fail(file, r.line, `${columnName(t, col)}: not a finite number: ${s}`);
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
  const t = parseCsv(text, file);
  const cols = t.header.length;
  if (cols < 2) fail(file, t.headerLine, "expected a label column and at least one value column");
  const kind: SubgroupShape = shape === "auto" ? (cols === 2 ? "single" : "ragged") : shape;
  if (kind === "single" && cols !== 2) fail(file, t.headerLine, `expected 2 columns (label, value), found ${cols}`);
  const labels: string[] = [];
  const offsets: number[] = [0];
  const values: number[] = [];
  let expected = -1;
  for (const r of t.rows) {
    if (r.cells.length > cols) fail(file, r.line, `${r.cells.length} cells, the header has ${cols}`);
    // trailing empty cells end a ragged row
    let end = r.cells.length;
    while (end > 1 && r.cells[end - 1] === "") end--;
    const n = end - 1;
    if (n === 0) fail(file, r.line, "no values after the label");
    for (let c = 1; c <= n; c++) values.push(num(t, r, c, file));
    if (kind === "single" && n !== 1) fail(file, r.line, `expected one value, found ${n}`);
    if (kind === "equal" || kind === "ragged") {
      if (n < 2) fail(file, r.line, `subgroup of ${n} value: X-bar charts need n ≥ 2`);
      if (maxSize !== undefined && n > maxSize) fail(file, r.line, `subgroup of ${n} values: R chart factors are tabulated to n = ${maxSize} (use xbar-s)`);
      if (kind === "equal") {
        if (expected < 0) expected = n;
        else if (n !== expected) fail(file, r.line, `ragged subgroup: ${n} values, expected ${expected} like the first row`);
      }
    }
    labels.push(r.cells[0]!);
    offsets.push(values.length);
  }
  return { labels, offsets: Int32Array.from(offsets), values: Float64Array.from(values) };
}

/** Attribute counts: p, np: label, n, defectives; c: label, defects; u: label, n, defects. */
export function readCounts(text: string, file: string, chart: "p" | "np" | "c" | "u"): CountData {
  const t = parseCsv(text, file);
  const cols = chart === "c" ? 2 : 3;
  const what = chart === "c" ? "label, defects" : chart === "u" ? "label, n, defects" : "label, n, defectives";
  if (t.header.length !== cols) fail(file, t.headerLine, `expected ${cols} columns (${what}), found ${t.header.length}`);
  const labels: string[] = [];
  const n: number[] = [];
  const counts: number[] = [];
  for (const r of t.rows) {
    if (r.cells.length !== cols) fail(file, r.line, `expected ${cols} cells (${what}), found ${r.cells.length}`);
    const size = chart === "c" ? 1 : num(t, r, 1, file);
    const count = num(t, r, cols - 1, file);
    if (chart !== "c") {
      if (!(size > 0)) fail(file, r.line, `${columnName(t, 1)}: sample size ${size} must be > 0`);
      if ((chart === "p" || chart === "np") && !Number.isInteger(size)) fail(file, r.line, `${columnName(t, 1)}: sample size ${size} is not a whole number`);
    }
    if (count < 0) fail(file, r.line, `${columnName(t, cols - 1)}: negative count ${count}`);
    if (!Number.isInteger(count)) fail(file, r.line, `${columnName(t, cols - 1)}: count ${count} is not a whole number`);
    if ((chart === "p" || chart === "np") && count > size) fail(file, r.line, `${count} defectives in a sample of ${size}`);
    labels.push(r.cells[0]!);
    n.push(size);
    counts.push(count);
  }
  return { labels, n: Float64Array.from(n), counts: Float64Array.from(counts) };
}
