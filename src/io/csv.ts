// The one CSV reader of the project (RFC 4180: https://www.rfc-editor.org/rfc/rfc4180): comma (or a
// configured delimiter) separated fields, CRLF or LF line ends, fields in double quotes may hold
// delimiters, line breaks and "" for a quote (§2.5–2.7), an optional UTF-8 BOM, a header row (§2.3).
// Deliberate departures, kept from the readers this one replaced: blanks around fields are trimmed
// (spreadsheets pad them; §2.4 would keep them) and blank lines are skipped (line numbers still count).
//
// `CsvStream` is the parser: it is fed chunks and emits records, so a replay source can read a
// recording as it arrives; `parseCsv` / `parseCsvTable` feed it the whole text, so the streaming and
// whole-file forms cannot diverge. Every input character is examined once and field text is taken
// by slicing (never char-by-char concatenation), so time is linear in the input; `maxFieldLength`
// and `maxFields` bound the memory one record can take.
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";

/** A located input fault: `file:line:column: reason` (column omitted when the fault is a whole line). */
export class CsvError extends InputError {
  constructor(
    override readonly file: string,
    /** 1-based line */
    override readonly line: number,
    /** 1-based column in UTF-16 code units, counted after a BOM; undefined for a whole-line fault */
    override readonly column: number | undefined,
    readonly reason: string,
  ) {
    super(`${file}:${line}${column !== undefined ? `:${column}` : ""}: ${reason}`, { file, line, ...(column !== undefined && { column }) });
  }
}

/** How a CSV text is split into records: the delimiter, trimming, and the limits on field length and count. */
export interface CsvOptions {
  /** one character, not a quote or line break; default "," */
  delimiter?: string;
  /** trim blanks around unquoted fields and allow spaces/tabs around quoted ones; default true */
  trim?: boolean;
  /** longest field in UTF-16 code units; default 1 Mi */
  maxFieldLength?: number;
  /** most fields in one record; default 65 536 */
  maxFields?: number;
}

/** One record (a row of the file; a quoted field may make it span several lines). */
export interface CsvRecord {
  fields: string[];
  /** 1-based line where the record starts */
  line: number;
  /** 1-based line and column where each field starts (its opening quote when quoted) */
  fieldLines: number[];
  fieldColumns: number[];
  /** line and column just past the record's last character (where a missing field would be) */
  endLine: number;
  endColumn: number;
}

const QUOTE = 0x22, LF = 0x0a, CR = 0x0d, SPACE = 0x20, TAB = 0x09, BOM = 0xfeff;

const enum State {
  /** before a field's first non-blank character */
  FieldStart,
  Unquoted,
  Quoted,
  /** a quote inside a quoted field: "" (a quote) or the closing quote */
  QuoteInQuoted,
  /** after the closing quote: only blanks, then a delimiter or line end */
  AfterQuoted,
  /** a CR after the closing quote: LF must follow */
  CrAfterQuoted,
}

/**
 * Incremental RFC 4180 parser. `write(chunk)` any number of times, then `end()`; each complete
 * record goes to `onRecord` as soon as its line end is seen. Blank lines are not emitted.
 */
export class CsvStream {
  /** characters examined so far (each exactly once: the linear-time guarantee, checked by tests) */
  scanned = 0;
  private readonly delim: number;
  private readonly trim: boolean;
  private readonly maxFieldLength: number;
  private readonly maxFields: number;
  private state = State.FieldStart;
  private line = 1;
  /** absolute offset of the current line's first character */
  private lineStart = 0;
  /** characters consumed before the current chunk */
  private base = 0;
  private first = true;
  private ended = false;
  // the record being built
  private fields: string[] = [];
  private fieldLines: number[] = [];
  private fieldColumns: number[] = [];
  private recordLine = 1;
  private recordStarted = false;
  private quotedSeen = false;
  // the field being built: finished pieces plus the open slice [segStart, i) of the current chunk
  private parts: string[] = [];
  private partsLength = 0;
  private segStart = -1;
  private fieldLine = 1;
  private fieldColumn = 1;
  private fieldQuoted = false;

  constructor(
    readonly file: string,
    private readonly onRecord: (r: CsvRecord) => void,
    options: CsvOptions = {},
  ) {
    const d = options.delimiter ?? ",";
    if (d.length !== 1 || d === '"' || d === "\r" || d === "\n") throw new Error(`CSV delimiter must be one character other than a quote or line break, not ${JSON.stringify(d)}`);
    this.delim = d.charCodeAt(0);
    this.trim = options.trim ?? true;
    this.maxFieldLength = options.maxFieldLength ?? 1 << 20;
    this.maxFields = options.maxFields ?? 1 << 16;
  }

  private fail(line: number, column: number | undefined, reason: string): never {
    throw new CsvError(this.file, line, column, reason);
  }

  private column(abs: number): number {
    return abs - this.lineStart + 1;
  }

  private beginField(abs: number): void {
    this.recordStarted = true;
    this.fieldLine = this.line;
    this.fieldColumn = this.column(abs);
  }

  /** Moves the open slice of `chunk` (up to `end`) into the field's pieces. */
  private flushSegment(chunk: string, end: number): void {
    if (this.segStart < 0) return;
    if (end > this.segStart) {
      this.partsLength += end - this.segStart;
      if (this.partsLength > this.maxFieldLength) this.fail(this.fieldLine, this.fieldColumn, `field longer than ${this.maxFieldLength} characters`);
      this.parts.push(chunk.slice(this.segStart, end));
    }
    this.segStart = -1;
  }

  private finishField(chunk: string, end: number): void {
    this.flushSegment(chunk, end);
    let v = this.parts.length === 1 ? this.parts[0]! : this.parts.join("");
    if (!this.fieldQuoted) {
      if (this.trim) v = v.trim();
      else if (v.charCodeAt(v.length - 1) === CR) v = v.slice(0, -1); // the CR of a CRLF
    } else this.quotedSeen = true;
    if (this.fields.length === this.maxFields) this.fail(this.fieldLine, this.fieldColumn, `more than ${this.maxFields} fields in a record`);
    this.fields.push(v);
    this.fieldLines.push(this.fieldLine);
    this.fieldColumns.push(this.fieldColumn);
    this.parts = [];
    this.partsLength = 0;
    this.fieldQuoted = false;
  }

  private finishRecord(endAbs: number): void {
    const blank = this.fields.length === 1 && !this.quotedSeen && this.fields[0]!.trim() === "";
    if (!blank) {
      this.onRecord({
        fields: this.fields,
        line: this.recordLine,
        fieldLines: this.fieldLines,
        fieldColumns: this.fieldColumns,
        endLine: this.line,
        endColumn: this.column(endAbs),
      });
    }
    this.fields = [];
    this.fieldLines = [];
    this.fieldColumns = [];
    this.recordStarted = false;
    this.quotedSeen = false;
  }

  write(chunk: string): void {
    if (this.ended) throw new Error("CsvStream.write after end()");
    let i = 0;
    if (this.first && chunk.length > 0) {
      this.first = false;
      if (chunk.charCodeAt(0) === BOM) {
        // columns count from the first character after the BOM, as an editor shows them
        i = 1;
        this.lineStart = 1;
        this.scanned++;
      }
    }
    const n = chunk.length;
    for (; i < n; i++) {
      this.scanned++;
      const c = chunk.charCodeAt(i);
      const abs = this.base + i;
      if (!this.recordStarted) this.recordLine = this.line;
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.beginField(abs);
            this.fieldQuoted = true;
            this.state = State.Quoted;
            this.segStart = i + 1;
          } else if (c === this.delim) {
            this.beginField(abs);
            this.finishField(chunk, i);
          } else if (c === LF) {
            // the last field is empty (after a delimiter) or the line is blank
            this.beginField(abs);
            this.finishField(chunk, i);
            this.finishRecord(abs);
            this.newLine(abs);
          } else if (this.trim && (c === SPACE || c === TAB)) {
            this.recordStarted = true;
          } else {
            this.beginField(abs);
            this.state = State.Unquoted;
            this.segStart = i;
          }
          break;
        case State.Unquoted:
          if (c === this.delim) {
            this.finishField(chunk, i);
            this.state = State.FieldStart;
          } else if (c === LF) {
            this.finishField(chunk, i);
            this.finishRecord(abs);
            this.newLine(abs);
            this.state = State.FieldStart;
          } else if (c === QUOTE) {
            // §2.5: a field holding a quote must be quoted as a whole
            this.fail(this.line, this.column(abs), "quote inside an unquoted field");
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.flushSegment(chunk, i);
            this.state = State.QuoteInQuoted;
          } else if (c === LF) {
            this.newLine(abs); // §2.6: line breaks inside quotes belong to the field
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            // §2.7: "" is one quote; keep the second one as the start of the next slice
            this.segStart = i;
            this.state = State.Quoted;
          } else {
            this.state = State.AfterQuoted;
            i--; // look at this character again as the one after the closing quote
            this.scanned--;
          }
          break;
        case State.AfterQuoted:
          if (c === this.delim) {
            this.finishField(chunk, i);
            this.state = State.FieldStart;
          } else if (c === LF) {
            this.finishField(chunk, i);
            this.finishRecord(abs);
            this.newLine(abs);
            this.state = State.FieldStart;
          } else if (c === CR) {
            this.state = State.CrAfterQuoted;
          } else if (!(this.trim && (c === SPACE || c === TAB))) {
            this.fail(this.line, this.column(abs), "text after a closing quote");
          }
          break;
        case State.CrAfterQuoted:
          if (c !== LF) this.fail(this.line, this.column(abs - 1), "text after a closing quote");
          this.finishField(chunk, i);
          this.finishRecord(abs - 1);
          this.newLine(abs);
          this.state = State.FieldStart;
          break;
      }
    }
    // a field running past this chunk keeps its text so far
    this.flushSegment(chunk, n);
    if (this.state === State.Unquoted || this.state === State.Quoted) this.segStart = 0;
    this.base += n;
  }

  private newLine(abs: number): void {
    this.line++;
    this.lineStart = abs + 1;
  }

  /** Ends the input: a last record without a line end is emitted; an open quote is an error. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const abs = this.base;
    if (this.state === State.Quoted) this.fail(this.fieldLine, this.fieldColumn, "unterminated quoted field");
    // the open slice, if any, was flushed at the end of the last chunk
    this.segStart = -1;
    if (this.state === State.CrAfterQuoted) {
      this.finishField("", 0);
      this.finishRecord(abs - 1);
    } else if (this.state !== State.FieldStart) {
      this.finishField("", 0);
      this.finishRecord(abs);
    } else if (this.recordStarted || this.fields.length > 0) {
      this.beginField(abs);
      this.finishField("", 0);
      this.finishRecord(abs);
    }
    this.state = State.FieldStart;
  }
}

/** Every record of a whole text (the streaming parser fed once). */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): CsvRecord[] {
  const out: CsvRecord[] = [];
  const s = new CsvStream(file, (r) => out.push(r), options);
  s.write(text);
  s.end();
  return out;
}

/** How a CSV table is read: the CsvOptions, and whether short rows and repeated header names are allowed. */
export interface TableOptions extends CsvOptions {
  /** header names must be non-empty and distinct (false for tables whose header is only a caption) */
  uniqueHeader?: boolean;
  /** a row may have fewer fields than the header (ragged subgroups); never more */
  allowShortRows?: boolean;
}

/** A header row and the data records below it. */
export interface CsvTable {
  file: string;
  header: string[];
  /** the header record (its line and the column of each name) */
  headerRecord: CsvRecord;
  /** 1-based line of the header */
  headerLine: number;
  rows: CsvRecord[];
}

/** Checks a header record and a data record against it; shared by the table and streaming forms. */
export class CsvShape {
  readonly header: string[];
  constructor(
    readonly file: string,
    readonly headerRecord: CsvRecord,
    private readonly options: TableOptions,
  ) {
    this.header = headerRecord.fields;
    if (options.uniqueHeader ?? true) {
      const seen = new Set<string>();
      this.header.forEach((h, j) => {
        const at: [number, number] = [headerRecord.fieldLines[j]!, headerRecord.fieldColumns[j]!];
        if (h === "") throw new CsvError(file, ...at, `column ${j + 1} has an empty name`);
        if (seen.has(h)) throw new CsvError(file, ...at, `duplicate column name ${JSON.stringify(h)}`);
        seen.add(h);
      });
    }
  }

  check(r: CsvRecord): void {
    const m = this.header.length, n = r.fields.length;
    if (n > m) throw new CsvError(this.file, r.fieldLines[m]!, r.fieldColumns[m]!, `${n} fields, the header has ${m}`);
    if (n < m && !this.options.allowShortRows) throw new CsvError(this.file, r.endLine, r.endColumn, `${n} fields, the header has ${m}`);
  }
}

/**
 * The streaming form of a table (a replay source reading a recording as it arrives): the first
 * non-blank record is the header, each later record is checked against it and handed on.
 */
export class CsvTableStream {
  private shape: CsvShape | undefined;
  private readonly stream: CsvStream;
  /** data rows handed on so far */
  rows = 0;

  constructor(
    readonly file: string,
    onRow: (r: CsvRecord, shape: CsvShape) => void,
    options: TableOptions = {},
    onHeader?: (shape: CsvShape) => void,
  ) {
    this.stream = new CsvStream(
      file,
      (r) => {
        if (this.shape === undefined) {
          this.shape = new CsvShape(file, r, options);
          onHeader?.(this.shape);
          return;
        }
        this.shape.check(r);
        this.rows++;
        onRow(r, this.shape);
      },
      options,
    );
  }

  write(chunk: string): void {
    this.stream.write(chunk);
  }

  /** Ends the input; a table needs a header and at least one data row. */
  end(): CsvShape {
    this.stream.end();
    if (this.shape === undefined) throw new CsvError(this.file, 1, undefined, "empty file (a header row is required)");
    if (this.rows === 0) throw new CsvError(this.file, this.shape.headerRecord.endLine + 1, undefined, "no data rows after the header");
    return this.shape;
  }
}

/** Parses a whole table (the streaming form fed once). */
export function parseCsvTable(text: string, file: string, options: TableOptions = {}): CsvTable {
  const rows: CsvRecord[] = [];
  const s = new CsvTableStream(file, (r) => rows.push(r), options);
  s.write(text);
  const shape = s.end();
  return { file, header: shape.header, headerRecord: shape.headerRecord, headerLine: shape.headerRecord.line, rows };
}

/** Reads and parses a table file; a read failure is an InputError naming the file. */
export function readCsvTable(file: string, options: TableOptions = {}): CsvTable {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
  return parseCsvTable(text, file, options);
}

// A decimal number: what Number() accepts minus what a table of measurements should not hold
// ("", "0x10", "Infinity", "1_000"). The same language as the old readers' /\d+\.?\d*/ form, but
// unambiguous (a digit run can only be split at a "."), so a long digit run that fails to match
// backtracks in linear, not quadratic, time.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The value of a decimal field: NaN when it is not decimal syntax, ±Infinity when it overflows. */
export function parseDecimal(s: string): number {
  return DECIMAL.test(s) ? Number(s) : NaN;
}

/** A located fault in field `col` of row `r`. */
export function fieldError(t: CsvColumns, r: CsvRecord, col: number, reason: string): CsvError {
  const c = Math.min(col, r.fields.length);
  return c < r.fields.length ? new CsvError(t.file, r.fieldLines[c]!, r.fieldColumns[c]!, reason) : new CsvError(t.file, r.endLine, r.endColumn, reason);
}

/** What a cell error needs to name its place: a table, or the shape of a table stream. */
export interface CsvColumns {
  readonly file: string;
  readonly header: readonly string[];
}

/** The finite number in field `col` of row `r`, or a located error naming the column. */
export function numberAt(t: CsvColumns, r: CsvRecord, col: number): number {
  const s = r.fields[col] ?? "";
  const x = parseDecimal(s);
  if (!Number.isFinite(x)) throw fieldError(t, r, col, `column ${JSON.stringify(t.header[col])}: not a finite number: ${JSON.stringify(s)}`);
  return x;
}

/** Header positions of `names`; one error names every missing column and lists those present. */
export function columnIndices(t: CsvTable, names: readonly string[], what = "column"): number[] {
  const index = new Map(t.header.map((h, j) => [h, j]));
  const missing = names.filter((f) => !index.has(f));
  if (missing.length > 0) {
    const list = missing.map((m) => JSON.stringify(m)).join(", ");
    throw new CsvError(t.file, t.headerLine, undefined, `missing ${what}${missing.length > 1 ? "s" : ""} ${list} (the header has ${t.header.map((h) => JSON.stringify(h)).join(", ")})`);
  }
  return names.map((f) => index.get(f)!);
}

/** Row-major rows × cols.length matrix of the finite numbers in `cols`. */
export function numericMatrix(t: CsvTable, cols: readonly number[]): Float64Array {
  const n = t.rows.length, d = cols.length;
  const X = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const r = t.rows[i]!;
    for (let j = 0; j < d; j++) X[i * d + j] = numberAt(t, r, cols[j]!);
  }
  return X;
}

/** The numbers of one column by name (a time or sample column, one channel). */
export function numericColumn(t: CsvTable, name: string): Float64Array {
  return numericMatrix(t, columnIndices(t, [name]));
}

/** The non-empty texts of one column (class names, subgroup labels). */
export function labelColumn(t: CsvTable, col: number): string[] {
  return t.rows.map((r) => {
    const s = r.fields[col] ?? "";
    if (s === "") throw fieldError(t, r, col, `column ${JSON.stringify(t.header[col])}: empty label`);
    return s;
  });
}
