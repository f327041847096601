// CSV of signals and features (RFC 4180 subset: comma separator, a header line, optional double
// quotes around a field with "" for a quote). Errors name the file and the 1-based line:
// `file:line: message`, thrown as InputError (exit code 2).
import { InputError } from "../io/args.js";

export interface SignalTable {
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

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** Splits one CSV line into fields; throws on an unterminated quote. */
export function splitCsvLine(line: string, where: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = "";
      i++;
      for (;;) {
        if (i >= line.length) throw new InputError(`${where}: unterminated quoted field`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            v += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += line[i];
        i++;
      }
      if (i < line.length && line[i] !== ",") throw new InputError(`${where}: text after a closing quote`);
      out.push(v);
    } else {
      const j = line.indexOf(",", i);
      const end = j < 0 ? line.length : j;
      const v = line.slice(i, end);
      if (v.includes('"')) throw new InputError(`${where}: quote inside an unquoted field`);
      out.push(v);
      i = end;
    }
    if (i >= line.length) return out;
    i++; // the comma
    if (i === line.length) {
      out.push("");
      return out;
    }
  }
}

/** Parses a signal CSV: header of channel names (an optional `t` column is kept apart). */
export function parseSignalCsv(text: string, file: string): SignalTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split("\n");
  let li = 0;
  while (li < lines.length && lines[li]!.trim() === "") li++;
  if (li >= lines.length) throw new InputError(`${file}:1: empty file: expected a header line of channel names`);
  const headerLine = li + 1;
  const header = splitCsvLine(lines[li]!.replace(/\r$/, ""), `${file}:${headerLine}`).map((h) => h.trim());
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (h === "") throw new InputError(`${file}:${headerLine}: column ${i + 1} has an empty name`);
    if (seen.has(h)) throw new InputError(`${file}:${headerLine}: duplicate column name ${JSON.stringify(h)}`);
    seen.add(h);
  });
  const tCol = header.indexOf("t");
  const chanCols = header.map((_, i) => i).filter((i) => i !== tCol);
  if (chanCols.length === 0) throw new InputError(`${file}:${headerLine}: no channel columns (only ${JSON.stringify("t")})`);
  const nCh = chanCols.length;
  /** channel index of each column, -1 for t */
  const channelOf = header.map((_, i) => chanCols.indexOf(i));
  let cap = Math.max(16, lines.length - li - 1);
  let data = new Float64Array(cap * nCh);
  let t = tCol >= 0 ? new Float64Array(cap) : undefined;
  let lineNo = new Int32Array(cap);
  let rows = 0;
  for (let k = li + 1; k < lines.length; k++) {
    const raw = lines[k]!.replace(/\r$/, "");
    if (raw.trim() === "") continue;
    const where = `${file}:${k + 1}`;
    const fields = splitCsvLine(raw, where);
    if (fields.length !== header.length) {
      throw new InputError(`${where}: ${fields.length} fields, the header has ${header.length}`);
    }
    if (rows === cap) {
      cap *= 2;
      const d2 = new Float64Array(cap * nCh);
      d2.set(data);
      data = d2;
      const l2 = new Int32Array(cap);
      l2.set(lineNo);
      lineNo = l2;
      if (t) {
        const t2 = new Float64Array(cap);
        t2.set(t);
        t = t2;
      }
    }
    const base = rows * nCh;
    for (let c = 0; c < header.length; c++) {
      const f = fields[c]!;
      // the regex keeps out what Number() would accept but a CSV of samples should not ("", "0x10", "Infinity")
      const x = NUMBER.test(f) ? Number(f) : NaN;
      if (!Number.isFinite(x)) {
        throw new InputError(`${where}: column ${JSON.stringify(header[c])}: not a finite number: ${JSON.stringify(f)}`);
      }
      const ch = channelOf[c]!;
      if (ch < 0) t![rows] = x;
      else data[base + ch] = x;
    }
    lineNo[rows] = k + 1;
    rows++;
  }
  if (rows === 0) throw new InputError(`${file}:${headerLine + 1}: no data rows after the header`);
  const table: SignalTable = {
    channels: chanCols.map((i) => header[i]!),
    data: data.slice(0, rows * nCh),
    rows,
    lines: lineNo.slice(0, rows),
  };
  if (t) table.t = t.slice(0, rows);
  return table;
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
