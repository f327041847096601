// The shared CSV reader (src/io/csv.ts): RFC 4180 cases, located errors, streaming = whole text on
// random chunk splits, and linear scanning of large inputs.
import { describe, expect, it } from "vitest";
import { InputError } from "../src/errors.js";
import {
  CsvError,
  type CsvOptions,
  type CsvRecord,
  CsvStream,
  CsvTableStream,
  columnIndices,
  labelColumn,
  numberAt,
  numericColumn,
  numericMatrix,
  parseCsv,
  parseCsvTable,
  parseDecimal,
} from "../src/io/csv.js";
import { rng } from "./helpers/rng.js";

const fields = (text: string, options?: CsvOptions): string[][] => parseCsv(text, "f.csv", options).map((r) => r.fields);

/** The message of the error `f` throws (fails the test when it throws none). */
function errorOf(f: () => unknown): CsvError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    expect(e).toBeInstanceOf(InputError); // the CLI maps InputError to exit code 2
    return e as CsvError;
  }
  throw new Error("expected a CsvError");
}

describe("RFC 4180 records", () => {
  it("reads fields with or without a final line break (§2.1, §2.2)", () => {
    expect(fields("a,b\n1,2\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(fields("a,b\n1,2")).toEqual([["a", "b"], ["1", "2"]]);
    expect(fields("a,b\r\n1,2\r\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(fields("a,b\r\n1,2")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("keeps delimiters, line breaks and doubled quotes inside quoted fields (§2.5–2.7)", () => {
    const recs = parseCsv('name,note\r\n"x, y","line1\r\nline2"\r\n"say ""hi""",""\r\n""""\r\n', "f.csv");
    expect(recs.map((r) => r.fields)).toEqual([["name", "note"], ["x, y", "line1\r\nline2"], ['say "hi"', ""], ['"']]);
    expect(recs.map((r) => r.line)).toEqual([1, 2, 4, 5]);
    expect(recs[1]!.fieldLines).toEqual([2, 2]);
    expect(recs[1]!.fieldColumns).toEqual([1, 8]);
    expect(recs[1]!.endLine).toBe(3);
  });

  it("an empty last field after a trailing delimiter", () => {
    expect(fields("a,b,\n1,,\n")).toEqual([["a", "b", ""], ["1", "", ""]]);
    expect(fields("a,")).toEqual([["a", ""]]);
  });

  it("drops a UTF-8 BOM and counts columns after it", () => {
    const recs = parseCsv("\uFEFFa,b\n1,2\n", "f.csv");
    expect(recs[0]!.fields).toEqual(["a", "b"]);
    expect(recs[0]!.fieldColumns).toEqual([1, 3]);
    // a BOM anywhere else is data (String#trim counts it as a blank, so look untrimmed)
    expect(fields("a\n\uFEFFb\n", { trim: false })).toEqual([["a"], ["\uFEFFb"]]);
  });

  it("skips blank lines but keeps counting them; a quoted empty field is not blank", () => {
    const recs = parseCsv("\n  \na\r\n\r\n\t\n1\n\"\"\n", "f.csv");
    expect(recs.map((r) => [r.line, ...r.fields])).toEqual([[3, "a"], [6, "1"], [7, ""]]);
  });

  it("trims blanks around fields by default, keeps them with trim: false", () => {
    expect(fields(' a , "b" ,c \n')).toEqual([["a", "b", "c"]]);
    expect(fields(" a ,b \r\n", { trim: false })).toEqual([[" a ", "b "]]);
    expect(errorOf(() => parseCsv(' "b"\n', "f.csv", { trim: false })).message).toBe("f.csv:1:2: quote inside an unquoted field");
  });

  it("takes another delimiter when asked", () => {
    expect(fields('a;b\n"1;2";3,5\n', { delimiter: ";" })).toEqual([["a", "b"], ["1;2", "3,5"]]);
    expect(() => new CsvStream("f.csv", () => undefined, { delimiter: '"' })).toThrow(/delimiter/);
  });
});

describe("located errors: file:line:column: message", () => {
  const cases: [string, string, () => unknown, number, number | undefined][] = [
    ["unterminated quote (at its opening quote)", 'f.csv:2:3: unterminated quoted field', () => parseCsv('a,b\n1,"xyz\n2,3\n', "f.csv"), 2, 3],
    ["text after a closing quote", "f.csv:1:4: text after a closing quote", () => parseCsv('"a"b,c\n', "f.csv"), 1, 4],
    ["text after a closing quote before CRLF", "f.csv:1:4: text after a closing quote", () => parseCsv('"a"\rb\n', "f.csv"), 1, 4],
    ["quote inside an unquoted field (§2.5)", "f.csv:1:3: quote inside an unquoted field", () => parseCsv('ab"c\n', "f.csv"), 1, 3],
    ["row longer than the header (at the first extra field)", "f.csv:3:5: 3 fields, the header has 2", () => parseCsvTable("a,b\n1,2\n1,2,3\n", "f.csv"), 3, 5],
    ["row shorter than the header (where the field is missing)", "f.csv:2:2: 1 fields, the header has 2", () => parseCsvTable("a,b\n1\n", "f.csv"), 2, 2],
    ["empty file", "f.csv:1: empty file (a header row is required)", () => parseCsvTable("\n\r\n", "f.csv"), 1, undefined],
    ["no data rows", "f.csv:2: no data rows after the header", () => parseCsvTable("a,b\n\n", "f.csv"), 2, undefined],
    ["duplicate column name", 'f.csv:1:5: duplicate column name "a"', () => parseCsvTable("a,b,a\n1,2,3\n", "f.csv"), 1, 5],
    ["empty column name", "f.csv:1:3: column 2 has an empty name", () => parseCsvTable("a,,c\n1,2,3\n", "f.csv"), 1, 3],
    ["field longer than the limit", "f.csv:2:3: field longer than 4 characters", () => parseCsv('a,b\n1,"12345"\n', "f.csv", { maxFieldLength: 4 }), 2, 3],
    ["more fields than the limit", "f.csv:1:7: more than 3 fields in a record", () => parseCsv("a,b,c,d\n", "f.csv", { maxFields: 3 }), 1, 7],
  ];
  for (const [what, message, f, line, column] of cases) {
    it(what, () => {
      const e = errorOf(f);
      expect(e.message).toBe(message);
      expect([e.file, e.line, e.column]).toEqual(["f.csv", line, column]);
    });
  }

  it("a ragged row is allowed short, never long, when asked", () => {
    const t = parseCsvTable("d,a,b\n1,2\n", "f.csv", { allowShortRows: true });
    expect(t.rows[0]!.fields).toEqual(["1", "2"]);
    expect(errorOf(() => parseCsvTable("d,a\n1,2,3\n", "f.csv", { allowShortRows: true })).message).toBe("f.csv:2:5: 3 fields, the header has 2");
  });

  it("duplicate and empty names pass when the header need not be unique", () => {
    expect(parseCsvTable("x,,x\n1,2,3\n", "f.csv", { uniqueHeader: false }).header).toEqual(["x", "", "x"]);
  });
});

describe("typed columns", () => {
  const t = parseCsvTable('t,"acc x",state\r\n0,1.5,idle\r\n\r\n0.5,-2e-3,"run, fast"\r\n', "f.csv");

  it("numbers by column, row-major matrices, labels", () => {
    expect(Array.from(numericColumn(t, "acc x"))).toEqual([1.5, -0.002]);
    expect(Array.from(numericMatrix(t, columnIndices(t, ["acc x", "t"])))).toEqual([1.5, 0, -0.002, 0.5]);
    expect(labelColumn(t, 2)).toEqual(["idle", "run, fast"]);
    expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it("a missing column names every missing one and the columns there are", () => {
    const e = errorOf(() => columnIndices(t, ["t", "rpm", "acc y"]));
    expect(e.message).toBe('f.csv:1: missing columns "rpm", "acc y" (the header has "t", "acc x", "state")');
    expect(errorOf(() => numericColumn(t, "rpm")).message).toBe('f.csv:1: missing column "rpm" (the header has "t", "acc x", "state")');
  });

  it("a non-numeric cell is located at its field", () => {
    const bad = parseCsvTable("a,b\n1,2\n3, x\n", "f.csv");
    expect(errorOf(() => numericMatrix(bad, [0, 1])).message).toBe('f.csv:3:4: column "b": not a finite number: "x"');
    expect(errorOf(() => numberAt(bad, bad.rows[1]!, 1)).line).toBe(3);
    const empty = parseCsvTable("a,b\n1,\n", "f.csv");
    expect(errorOf(() => numericMatrix(empty, [0, 1])).message).toBe('f.csv:2:3: column "b": not a finite number: ""');
  });

  it("an empty label is located at its field", () => {
    const bad = parseCsvTable('x,label\n1,a\n2,""\n', "f.csv");
    expect(errorOf(() => labelColumn(bad, 1)).message).toBe('f.csv:3:3: column "label": empty label');
  });

  it("decimal syntax only: what Number() accepts beyond it is not a sample", () => {
    for (const [s, x] of [["1", 1], ["-1.5e3", -1500], [".5", 0.5], ["5.", 5], ["+2", 2], ["1E-2", 0.01], ["007", 7]] as const) expect(parseDecimal(s)).toBe(x);
    for (const s of ["", " ", "0x10", "Infinity", "-Infinity", "NaN", "1_000", "1e", "e3", ".", "1.2.3", "1,5", "0b1"]) expect(parseDecimal(s)).toBeNaN();
    expect(parseDecimal("1e999")).toBe(Infinity);
    // a digit run that fails at its end: the pattern splits it only at ".", so this is a linear miss
    expect(parseDecimal("9".repeat(200_000) + "x")).toBeNaN();
    expect(parseDecimal("9".repeat(200_000) + ".5")).toBe(Infinity);
  });
});

function randomCsv(next: () => number): string {
  const pieces = ["1", "-2.5e3", "x", " pad ", "a b", "", "é", "\uFEFF"];
  const quoted = ['""', '"a,b"', '"say ""hi"""', '"two\nlines"', '"crlf\r\ninside"', '""""', '" , "'];
  const eol = ["\n", "\r\n"];
  const rows: string[] = [];
  const n = 1 + Math.floor(next() * 30);
  for (let r = 0; r < n; r++) {
    if (next() < 0.1) {
      rows.push(next() < 0.5 ? "" : "  ");
      continue;
    }
    const k = 1 + Math.floor(next() * 5);
    const fs: string[] = [];
    for (let j = 0; j < k; j++) {
      const pool = next() < 0.4 ? quoted : pieces;
      fs.push(pool[Math.floor(next() * pool.length)]!);
    }
    rows.push(fs.join(","));
  }
  let text = rows.map((r) => r + eol[Math.floor(next() * 2)]!).join("");
  if (next() < 0.3) text = text.replace(/\r?\n$/, ""); // no final line break
  if (next() < 0.3) text = "\uFEFF" + text;
  return text;
}

/** Feeds `text` in chunks cut at random places (empty chunks, split CRLF and "" pairs included). */
function streamed(text: string, next: () => number): { records: CsvRecord[]; error?: string; scanned: number } {
  const records: CsvRecord[] = [];
  const s = new CsvStream("f.csv", (r) => records.push(r));
  try {
    let i = 0;
    while (i < text.length) {
      const len = next() < 0.1 ? 0 : 1 + Math.floor(next() * 8);
      s.write(text.slice(i, i + len));
      i += len;
    }
    s.end();
  } catch (e) {
    return { records, error: (e as Error).message, scanned: s.scanned };
  }
  return { records, scanned: s.scanned };
}

function whole(text: string): { records: CsvRecord[]; error?: string } {
  try {
    return { records: parseCsv(text, "f.csv") };
  } catch (e) {
    return { records: [], error: (e as Error).message };
  }
}

describe("streaming: CsvStream on random chunk splits = the whole text", () => {
  it("same records (fields, lines, columns) for 500 seeded random files", () => {
    const next = rng(12);
    let multiline = 0;
    for (let k = 0; k < 500; k++) {
      const text = randomCsv(next);
      const a = whole(text), b = streamed(text, next);
      expect(a.error).toBeUndefined();
      expect(b.records).toEqual(a.records);
      expect(b.scanned).toBe(text.length);
      if (a.records.some((r) => r.endLine > r.line)) multiline++;
    }
    expect(multiline).toBeGreaterThan(50); // the generator does exercise quoted line breaks
  });

  it("same error, same place, for broken files", () => {
    const next = rng(7);
    const breaks = ['"open', '"a"b', 'x"y', '"a"\rz'];
    let errors = 0;
    for (let k = 0; k < 300; k++) {
      const text = randomCsv(next);
      const at = Math.floor(next() * (text.length + 1));
      const broken = text.slice(0, at) + "\n" + breaks[k % breaks.length]! + "\n" + text.slice(at);
      const a = whole(broken), b = streamed(broken, next);
      expect(b.error).toBe(a.error);
      if (a.error === undefined) expect(b.records).toEqual(a.records);
      else errors++;
    }
    expect(errors).toBeGreaterThan(200);
  });

  it("emits a record as soon as its line ends (a replay source need not wait for the file)", () => {
    const seen: string[][] = [];
    const s = new CsvStream("live.csv", (r) => seen.push(r.fields));
    s.write("t,ax\n0,0.1\n0.");
    expect(seen).toEqual([["t", "ax"], ["0", "0.1"]]);
    s.write("5,");
    s.write("0.2\n");
    expect(seen.at(-1)).toEqual(["0.5", "0.2"]);
    s.end();
    expect(seen).toHaveLength(3);
    expect(() => s.write("1,2\n")).toThrow(/after end/);
  });
});

describe("linear in the input", () => {
  // Each character is examined once (CsvStream.scanned) and field text is sliced, never built one
  // character at a time, so these inputs, quadratic for a naive reader, scan exactly their length.
  it("one huge quoted field of doubled quotes, whole and in 1-character chunks", () => {
    const n = 200_000;
    const text = 'a\n"' + '""'.repeat(n) + '"\n';
    const s = new CsvStream("f.csv", () => undefined, { maxFieldLength: n });
    s.write(text);
    s.end();
    expect(s.scanned).toBe(text.length);
    const recs = parseCsv(text, "f.csv", { maxFieldLength: n });
    expect(recs[1]!.fields[0]).toBe('"'.repeat(n));
    const records: CsvRecord[] = [];
    const t = new CsvStream("f.csv", (r) => records.push(r), { maxFieldLength: n });
    for (let i = 0; i < 20_000; i++) t.write(text[i]!);
    t.write(text.slice(20_000));
    t.end();
    expect(records[1]!.fields[0]).toBe('"'.repeat(n));
    expect(t.scanned).toBe(text.length);
  });

  it("many rows: every character once, rows and numbers all there", () => {
    const rows = 100_000;
    const lines = ["t,ax,ay"];
    for (let i = 0; i < rows; i++) lines.push(`${i / 10},${Math.sin(i)},"${Math.cos(i)}"`);
    const text = lines.join("\r\n") + "\r\n";
    let count = 0;
    const s = new CsvStream("big.csv", () => count++);
    s.write(text);
    s.end();
    expect(count).toBe(rows + 1);
    expect(s.scanned).toBe(text.length);
    const t = parseCsvTable(text, "big.csv");
    const m = numericMatrix(t, columnIndices(t, ["ax", "ay"]));
    expect(m[2 * 12345]).toBe(Math.sin(12345));
    expect(m[2 * 12345 + 1]).toBe(Math.cos(12345));
  });

  it("a field over the limit stops the read at its start", () => {
    const e = errorOf(() => parseCsv("a\n" + "x".repeat(1000) + "\n", "f.csv", { maxFieldLength: 999 }));
    expect([e.line, e.column]).toEqual([2, 1]);
  });
});

describe("CsvTableStream: a recording read as it arrives", () => {
  it("header, then checked rows, numbers located like the whole-table form", () => {
    const text = "\uFEFFt,ax,ay\r\n0,0.5,1\r\n0.001,0.25,-1\r\n\r\n0.002,0,2\r\n";
    const next = rng(3);
    for (let k = 0; k < 50; k++) {
      const t: number[] = [], ax: number[] = [];
      const s = new CsvTableStream("rec.csv", (r, shape) => {
        t.push(numberAt(shape, r, 0));
        ax.push(numberAt(shape, r, 1));
      });
      let i = 0;
      while (i < text.length) {
        const len = Math.floor(next() * 6);
        s.write(text.slice(i, i + len));
        i += len;
      }
      expect(s.end().header).toEqual(["t", "ax", "ay"]);
      expect(t).toEqual([0, 0.001, 0.002]);
      expect(ax).toEqual(Array.from(numericColumn(parseCsvTable(text, "rec.csv"), "ax")));
    }
  });

  it("the same errors as the whole-table form", () => {
    const run = (text: string): string => {
      const s = new CsvTableStream("rec.csv", (r, shape) => void numberAt(shape, r, 1));
      return errorOf(() => {
        s.write(text);
        s.end();
      }).message;
    };
    expect(run("t,ax\n0,1\n1,2,3\n")).toBe("rec.csv:3:5: 3 fields, the header has 2");
    expect(run("t,ax\n0,1\n1,x\n")).toBe('rec.csv:3:3: column "ax": not a finite number: "x"');
    expect(run("t,ax\n")).toBe("rec.csv:2: no data rows after the header");
    expect(run("")).toBe("rec.csv:1: empty file (a header row is required)");
    expect(run("t,t\n")).toBe('rec.csv:1:3: duplicate column name "t"');
  });
});
