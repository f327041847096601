// Labelled feature tables: CSV with a header row, one sample per line (read by src/io/csv.ts, RFC 4180).
// Feature columns hold finite numbers; the label column holds class names (any text). Faults are
// reported as `file:line[:column]: message` (CsvError, an InputError).
import { type CsvTable as Table, CsvError, columnIndices, labelColumn, numericMatrix, readCsvTable } from "../io/csv.js";

export interface CsvTable extends Table {
  /** the 1-based file line of each data row (model jobs name the line of a sample) */
  lines: number[];
}

/** Reads a CSV file; every data row must have as many fields as the header. Blank lines are skipped. */
export function readCsv(file: string): CsvTable {
  const t = readCsvTable(file);
  return { ...t, lines: t.rows.map((r) => r.line) };
}

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
  const cols = columnIndices(t, features);
  const labelCol = label !== null ? t.header.indexOf(label) : -1;
  if (labelRequired && labelCol < 0) throw new CsvError(t.file, t.headerLine, undefined, `missing label column "${label}"`);
  const X = numericMatrix(t, cols);
  return { X, n: t.rows.length, labels: labelCol >= 0 ? labelColumn(t, labelCol) : null };
}
