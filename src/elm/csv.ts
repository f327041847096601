// Labelled feature tables: CSV with a header row (RFC 4180: comma separated, fields may be double-quoted
// with "" for a quote inside), one sample per line. Feature columns hold finite numbers; the label
// column holds class names (any text). Faults are reported as `file:line: message` (InputError).
import { readFileSync } from "node:fs";
import { InputError } from "../io/args.js";

export interface CsvTable {
  file: string;
  header: string[];
  /** 1-based file line of the header */
  headerLine: number;
  /** fields per data row, and the 1-based file line of each row */
  rows: string[][];
  lines: number[];
}

function splitLine(text: string, file: string, line: number): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    // leading blanks before a quote are allowed; blanks around unquoted fields are trimmed below
    while (text[i] === " " || text[i] === "\t") i++;
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new InputError(`${file}:${line}: unterminated quoted field`);
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      while (text[i] === " " || text[i] === "\t") i++;
      if (i < text.length && text[i] !== ",") throw new InputError(`${file}:${line}: text after a quoted field`);
    } else {
      const j = text.indexOf(",", i);
      field = (j < 0 ? text.slice(i) : text.slice(i, j)).trim();
      i = j < 0 ? text.length : j;
    }
    out.push(field);
    if (i >= text.length) return out;
    i++; // the comma
  }
}

/** Reads a CSV file; every data row must have as many fields as the header. Blank lines are skipped. */
export function readCsv(file: string): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const all = text.split(/\r?\n/);
  let header: string[] | undefined;
  let headerLine = 1;
  const rows: string[][] = [];
  const lines: number[] = [];
  for (let k = 0; k < all.length; k++) {
    const raw = all[k]!;
    if (raw.trim() === "") continue;
    const line = k + 1;
    const fields = splitLine(raw, file, line);
    if (header === undefined) {
      header = fields;
      headerLine = line;
      const seen = new Set<string>();
      header.forEach((h, j) => {
        if (h === "") throw new InputError(`${file}:${line}: column ${j + 1} has an empty name`);
        if (seen.has(h)) throw new InputError(`${file}:${line}: duplicate column "${h}"`);
        seen.add(h);
      });
      continue;
    }
    if (fields.length !== header.length) {
      throw new InputError(`${file}:${line}: ${fields.length} fields, the header has ${header.length}`);
    }
    rows.push(fields);
    lines.push(line);
  }
  if (header === undefined) throw new InputError(`${file}:1: empty file (a header row is required)`);
  if (rows.length === 0) throw new InputError(`${file}:${all.length}: no data rows`);
  return { file, header, headerLine, rows, lines };
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface Samples {
  /** row-major n × d features, in the order of `features` */
  X: Float64Array;
  n: number;
  /** labels, or null when the table has no label column */
  labels: string[] | null;
}

/**
 * Picks `features` (by name) and the label column out of a table. Missing feature columns are one
 * error naming all of them; a label column, when `labelRequired`, must exist.
 */
export function selectSamples(t: CsvTable, features: readonly string[], label: string | null, labelRequired: boolean): Samples {
  const index = new Map(t.header.map((h, j) => [h, j]));
  const missing = features.filter((f) => !index.has(f));
  if (missing.length > 0) {
    throw new InputError(`${t.file}:${t.headerLine}: missing column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}`);
  }
  const labelCol = label !== null && index.has(label) ? index.get(label)! : -1;
  if (labelRequired && labelCol < 0) throw new InputError(`${t.file}:${t.headerLine}: missing label column "${label}"`);
  const cols = features.map((f) => index.get(f)!);
  const n = t.rows.length, d = cols.length;
  const X = new Float64Array(n * d);
  const labels: string[] | null = labelCol >= 0 ? [] : null;
  for (let i = 0; i < n; i++) {
    const r = t.rows[i]!;
    for (let j = 0; j < d; j++) {
      const s = r[cols[j]!]!;
      const x = NUMBER.test(s) ? Number(s) : NaN;
      if (!Number.isFinite(x)) throw new InputError(`${t.file}:${t.lines[i]}: column "${features[j]}": not a finite number: ${JSON.stringify(s)}`);
      X[i * d + j] = x;
    }
    if (labels !== null) {
      const s = r[labelCol]!;
      if (s === "") throw new InputError(`${t.file}:${t.lines[i]}: column "${label}": empty label`);
      labels.push(s);
    }
  }
  return { X, n, labels };
}
