// CSV of signals and features: read by the project's one reader (src/io/csv.ts, RFC 4180), written
// here. Errors name the file, line and column (`file:line:column: message`, CsvError, exit code 2).
import { CsvError, numberAt, parseCsvTable } from "../io/csv.js";

/** A signal table: channels sampled together, one row per sample. */
export interface SignalTable {
  /** where the table came from (a file name), named in messages */
  file: string;
  /** channel names in column order (the `t` column excluded) */
  channels: string[];
  /** rows × channels, sample-major: data[r·channels.length + c] */
  data: Float64Array;
  rows: number;
  /** the `t` column when present */
  t?: Float64Array;
  /** 1-based line number of each data row */
  lines: Int32Array;
}

/**
 * Parses signal CSV text (`file` names it in messages): a header of channel names (an optional `t`
 * column is kept apart), one row per sample, finite numbers.
 * @throws CsvError (an InputError) located by file, line and column
 */
export function parseSignalCsv(text: string, file: string): SignalTable {
  const table = parseCsvTable(text, file);
  const header = table.header;
  const tCol = header.indexOf("t");
  const chanCols = header.map((_, i) => i).filter((i) => i !== tCol);
  if (chanCols.length === 0) throw new CsvError(file, table.headerLine, undefined, `no channel columns (only ${JSON.stringify("t")})`);
  const rows = table.rows.length, nCh = chanCols.length;
  const data = new Float64Array(rows * nCh);
  const t = tCol >= 0 ? new Float64Array(rows) : undefined;
  const lines = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const rec = table.rows[r]!;
    // columns left to right, so the first bad cell of a row is the one reported
    for (let c = 0, ch = 0; c < header.length; c++) {
      const x = numberAt(table, rec, c);
      if (c === tCol) t![r] = x;
      else data[r * nCh + ch++] = x;
    }
    lines[r] = rec.line;
  }
  const out: SignalTable = { file, channels: chanCols.map((i) => header[i]!), data, rows, lines };
  if (t) out.t = t;
  return out;
}

/** A CSV field, quoted when it needs to be. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Shortest decimal that reads back to the same double (JavaScript's Number#toString). */
export function csvNumber(x: number): string {
  return String(x);
}

/** CSV text in chunks: a header, then one line per row. */
export function* csvChunks(header: string[], rows: number, row: (r: number) => number[]): Generator<string> {
  yield header.map(csvField).join(",") + "\n";
  let buf = "";
  for (let r = 0; r < rows; r++) {
    buf += row(r).map(csvNumber).join(",") + "\n";
    if (buf.length > 1 << 16) {
      yield buf;
      buf = "";
    }
  }
  if (buf !== "") yield buf;
}
