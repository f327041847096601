// A strict JSON parser (RFC 8259) that reports faults as line:column and rejects duplicate keys.
// JSON.parse reports only a byte offset (and not in every Node version), and keeps the last of two
// equal keys silently: a model file with a repeated key would lose a value without notice.
// Bare NaN / Infinity / -Infinity (as Python's json module writes them) are read as numbers so that
// the model validator can reject them with their JSON path ("must be finite") instead of a bare
// syntax error.

import { InputError } from "../errors.js";

/** A JSON value as parseJson returns it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Malformed JSON text, located by line and column (the reader that knows the file adds its name). */
export class JsonSyntaxError extends InputError {
  constructor(
    override readonly line: number,
    override readonly column: number,
    readonly reason: string,
  ) {
    super(`${line}:${column}: ${reason}`, { line, column });
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parseDocument(): Json {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1; // byte-order mark
    this.skipWs();
    const value = this.value();
    this.skipWs();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describe()} after the JSON value`);
    return value;
  }

  /** Line and column (1-based, column counted in UTF-16 code units) of an offset. */
  private where(offset: number): { line: number; column: number } {
    let line = 1;
    let start = 0;
    for (let i = 0; i < offset && i < this.text.length; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        start = i + 1;
      }
    }
    return { line, column: offset - start + 1 };
  }

  private fail(reason: string, offset = this.pos): never {
    const { line, column } = this.where(offset);
    throw new JsonSyntaxError(line, column, reason);
  }

  private describe(): string {
    if (this.pos >= this.text.length) return "end of input";
    return `character ${JSON.stringify(this.text[this.pos])}`;
  }

  private skipWs(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else return;
    }
  }

  private value(): Json {
    const c = this.text[this.pos];
    switch (c) {
      case "{":
        return this.object();
      case "[":
        return this.array();
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
      case "N":
        return this.literal("NaN", NaN);
      case "I":
        return this.literal("Infinity", Infinity);
      default:
        if (c === "-" && this.text.startsWith("-Infinity", this.pos)) return this.literal("-Infinity", -Infinity);
        if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
        return this.fail(`expected a value, found ${this.describe()}`);
    }
  }

  private literal<T extends Json>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) this.fail(`expected a value, found ${this.describe()}`);
    this.pos += word.length;
    return value;
  }

  private number(): number {
    const start = this.pos;
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) return this.fail("malformed number", start);
    this.pos += m[0].length;
    const next = this.text[this.pos];
    if (next !== undefined && /[0-9A-Za-z.+-]/.test(next)) this.fail("malformed number", start);
    return Number(m[0]);
  }

  private string(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let out = "";
    for (;;) {
      if (this.pos >= this.text.length) this.fail("unterminated string", start);
      const c = this.text[this.pos]!;
      const code = c.charCodeAt(0);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (code < 0x20) this.fail("control character in string (escape it)");
      if (c !== "\\") {
        out += c;
        this.pos++;
        continue;
      }
      const e = this.text[this.pos + 1];
      const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.pos += 2;
      } else if (e === "u") {
        const hex = this.text.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("malformed \\u escape");
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        this.fail("invalid escape in string");
      }
    }
  }

  private array(): Json[] {
    this.pos++;
    const out: Json[] = [];
    this.skipWs();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      out.push(this.value());
      this.skipWs();
      const c = this.text[this.pos];
      if (c === ",") {
        this.pos++;
        this.skipWs();
        if (this.text[this.pos] === "]") this.fail("trailing comma in array");
      } else if (c === "]") {
        this.pos++;
        return out;
      } else {
        this.fail(`expected ',' or ']' in array, found ${this.describe()}`);
      }
    }
  }

  private object(): { [key: string]: Json } {
    this.pos++;
    // A null-prototype object: a key named "__proto__" is data, not a prototype change.
    const out = Object.create(null) as { [key: string]: Json };
    this.skipWs();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail(`expected a key in double quotes, found ${this.describe()}`);
      const keyAt = this.pos;
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
      this.skipWs();
      if (this.text[this.pos] !== ":") this.fail(`expected ':' after key, found ${this.describe()}`);
      this.pos++;
      this.skipWs();
      out[key] = this.value();
      this.skipWs();
      const c = this.text[this.pos];
      if (c === ",") {
        this.pos++;
        this.skipWs();
        if (this.text[this.pos] === "}") this.fail("trailing comma in object");
      } else if (c === "}") {
        this.pos++;
        return out;
      } else {
        this.fail(`expected ',' or '}' in object, found ${this.describe()}`);
      }
    }
  }
}

/** Parses JSON text; throws JsonSyntaxError with line and column on malformed input. */
export function parseJson(text: string): Json {
  return new Parser(text).parseDocument();
}

/**
 * JSON text for results: objects indented by two spaces, arrays of numbers/strings/null on one line
 * (a frequency list stays readable). Non-finite numbers become null, as in JSON.stringify.
 */
export function stringifyJson(value: unknown, indent = ""): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? JSON.stringify(value) : "null";
  if (typeof value === "string" || typeof value === "boolean") return JSON.stringify(value);
  const inner = indent + "  ";
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    if (items.length === 0) return "[]";
    if (items.every((x) => x === null || typeof x !== "object")) return `[${items.map((x) => stringifyJson(x)).join(", ")}]`;
    return `[\n${items.map((x) => inner + stringifyJson(x, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${stringifyJson(v, inner)}`).join(",\n")}\n${indent}}`;
}
