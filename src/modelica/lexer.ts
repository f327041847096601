// Lexer for the Modelica 3.6 lexical units (Modelica Language Specification 3.6, §A.1 "Lexical
// conventions"): IDENT (incl. quoted Q-IDENT), STRING, UNSIGNED-NUMBER, keywords and operators.
// A char-code scanner (no regex per character). Trivia (white space and comments) is not dropped:
// token i is src[start[i], end[i]) and the trivia before it is src[end[i-1], start[i]), so the
// source is recoverable byte for byte from the token table.
import { InputError } from "../errors.js";

/** Token kinds. Keywords are kinds of their own so the parser compares integers. */
export const enum T {
  EOF = 0,
  IDENT,
  STRING,
  NUMBER,
  // operators and punctuation
  LPAREN, RPAREN, LBRACK, RBRACK, LBRACE, RBRACE,
  COMMA, SEMI, COLON, DOT, EQ, ASSIGN,
  PLUS, MINUS, STAR, SLASH, POW, DPLUS, DMINUS, DSTAR, DSLASH, DPOW, DOTSTAR_IMPORT,
  LT, LE, GT, GE, EQEQ, NEQ,
  // keywords (Modelica 3.6 §2.3.3)
  KW_FIRST,
  ALGORITHM = KW_FIRST, AND, ANNOTATION, BLOCK, BREAK, CLASS, CONNECT, CONNECTOR, CONSTANT, CONSTRAINEDBY,
  DER, DISCRETE, EACH, ELSE, ELSEIF, ELSEWHEN, ENCAPSULATED, END, ENUMERATION, EQUATION, EXPANDABLE,
  EXTENDS, EXTERNAL, FALSE, FINAL, FLOW, FOR, FUNCTION, IF, IMPORT, IMPURE, IN, INITIAL, INNER, INPUT,
  LOOP, MODEL, NOT, OPERATOR, OR, OUTER, OUTPUT, PACKAGE, PARAMETER, PARTIAL, PROTECTED, PUBLIC, PURE,
  RECORD, REDECLARE, REPLACEABLE, RETURN, STREAM, THEN, TRUE, TYPE, WHEN, WHILE, WITHIN,
  KW_LAST = WITHIN,
}

const KEYWORD_LIST = [
  "algorithm", "and", "annotation", "block", "break", "class", "connect", "connector", "constant", "constrainedby",
  "der", "discrete", "each", "else", "elseif", "elsewhen", "encapsulated", "end", "enumeration", "equation", "expandable",
  "extends", "external", "false", "final", "flow", "for", "function", "if", "import", "impure", "in", "initial", "inner", "input",
  "loop", "model", "not", "operator", "or", "outer", "output", "package", "parameter", "partial", "protected", "public", "pure",
  "record", "redeclare", "replaceable", "return", "stream", "then", "true", "type", "when", "while", "within",
];

export const KEYWORDS: ReadonlyMap<string, T> = new Map(KEYWORD_LIST.map((k, i) => [k, (T.KW_FIRST + i) as T]));

const PUNCT_TEXT: Record<number, string> = {
  [T.LPAREN]: "(", [T.RPAREN]: ")", [T.LBRACK]: "[", [T.RBRACK]: "]", [T.LBRACE]: "{", [T.RBRACE]: "}",
  [T.COMMA]: ",", [T.SEMI]: ";", [T.COLON]: ":", [T.DOT]: ".", [T.EQ]: "=", [T.ASSIGN]: ":=",
  [T.PLUS]: "+", [T.MINUS]: "-", [T.STAR]: "*", [T.SLASH]: "/", [T.POW]: "^", [T.DPLUS]: ".+", [T.DMINUS]: ".-",
  [T.DSTAR]: ".*", [T.DSLASH]: "./", [T.DPOW]: ".^", [T.LT]: "<", [T.LE]: "<=", [T.GT]: ">", [T.GE]: ">=",
  [T.EQEQ]: "==", [T.NEQ]: "<>",
};

/** What a kind is called in error messages. */
export function kindName(k: T): string {
  if (k === T.EOF) return "end of file";
  if (k === T.IDENT) return "identifier";
  if (k === T.STRING) return "string";
  if (k === T.NUMBER) return "number";
  if (k >= T.KW_FIRST && k <= T.KW_LAST) return `'${KEYWORD_LIST[k - T.KW_FIRST]}'`;
  return `'${PUNCT_TEXT[k] ?? "?"}'`;
}

export function keywordText(k: T): string {
  return KEYWORD_LIST[k - T.KW_FIRST]!;
}

/**
 * A lexical or syntax error in Modelica text, located as `file:line:col: expected X, found Y`
 * (1-based line and column; without a file name, `line:col: ...`). `detail` is the message without
 * the place. The command line exits with 1 on it (shared/spec/modelica.md), unlike other bad input.
 */
export class ModelicaSyntaxError extends InputError {
  declare readonly line: number;
  declare readonly column: number;
  /** the message without the place */
  readonly detail: string;
  constructor(file: string, line: number, col: number, detail: string) {
    super(`${file ? `${file}:` : ""}${line}:${col}: ${detail}`, { ...(file ? { file } : {}), line, column: col });
    this.detail = detail;
  }
  /** the column (as `column`) */
  get col(): number {
    return this.column;
  }
}

/** 1-based line and column of offset `pos` (columns count UTF-16 code units). */
export function lineCol(src: string, pos: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos; i++) {
    if (src.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: pos - lineStart + 1 };
}

/** The token table of one source text (struct of arrays: cheap for 20 MB inputs). */
export interface Tokens {
  src: string;
  file: string;
  count: number; // including the final EOF token
  kind: Uint8Array;
  start: Uint32Array;
  end: Uint32Array;
}

const C_TAB = 9, C_LF = 10, C_VT = 11, C_FF = 12, C_CR = 13, C_SP = 32;

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentPart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// Keyword lookup without slicing the identifier: a multiplicative hash of the characters, computed
// while scanning, indexes an open-addressing table of keyword kinds; a hit is confirmed with startsWith.
const KW_BITS = 9;
const KW_SIZE = 1 << KW_BITS;
const kwTable = new Uint8Array(KW_SIZE); // kind, 0 = empty
function kwHash(h: number): number {
  return Math.imul(h, 0x9e3779b1) >>> (32 - KW_BITS);
}
for (let k = 0; k < KEYWORD_LIST.length; k++) {
  const w = KEYWORD_LIST[k]!;
  let h = 0;
  for (let i = 0; i < w.length; i++) h = (Math.imul(h, 31) + w.charCodeAt(i)) | 0;
  let slot = kwHash(h);
  while (kwTable[slot] !== 0) slot = (slot + 1) & (KW_SIZE - 1);
  kwTable[slot] = T.KW_FIRST + k;
}
function keywordAt(src: string, s: number, len: number, h: number): T {
  for (let slot = kwHash(h); ; slot = (slot + 1) & (KW_SIZE - 1)) {
    const k = kwTable[slot]!;
    if (k === 0) return T.IDENT;
    const w = KEYWORD_LIST[k - T.KW_FIRST]!;
    if (w.length === len && src.startsWith(w, s)) return k as T;
  }
}

/** Token arrays reused by `tokenize(..., reuse = true)` (fragments parsed one at a time). */
let shared: { kind: Uint8Array; start: Uint32Array; end: Uint32Array } | undefined;

/**
 * Scans `src` into tokens. Throws ModelicaSyntaxError on an unterminated string/comment or a stray character.
 * With `reuse`, the token arrays are shared with the next such call (the caller must be done with them by then).
 */
export function tokenize(src: string, file: string, reuse = false): Tokens {
  const n = src.length;
  let cap = Math.max(16, (n >> 2) + 16);
  let kind: Uint8Array, start: Uint32Array, end: Uint32Array;
  if (reuse && shared !== undefined && shared.kind.length >= cap) ({ kind, start, end } = shared);
  else {
    if (reuse) cap = Math.max(cap, 4096);
    kind = new Uint8Array(cap);
    start = new Uint32Array(cap);
    end = new Uint32Array(cap);
    if (reuse) shared = { kind, start, end };
  }
  cap = kind.length;
  let count = 0;
  const fail = (pos: number, msg: string): never => {
    const { line, col } = lineCol(src, pos);
    throw new ModelicaSyntaxError(file, line, col, msg);
  };
  let i = 0;
  // A UTF-8 byte order mark is trivia (MLS §13.4 allows it at the start of a file).
  if (n > 0 && src.charCodeAt(0) === 0xfeff) i = 1;
  for (;;) {
    // room for one more token (the EOF token included)
    if (count === cap) {
      cap *= 2;
      const k2 = new Uint8Array(cap); k2.set(kind); kind = k2;
      const s2 = new Uint32Array(cap); s2.set(start); start = s2;
      const e2 = new Uint32Array(cap); e2.set(end); end = e2;
      if (reuse) shared = { kind, start, end };
    }
    if (i >= n) break;
    const c = src.charCodeAt(i);
    if (c === C_SP || c === C_LF || c === C_CR || c === C_TAB || c === C_VT || c === C_FF) { i++; continue; }
    const s = i;
    let k: T;
    if (c === 47 /* / */) {
      const d = src.charCodeAt(i + 1);
      if (d === 47) { // line comment
        const nl = src.indexOf("\n", i + 2);
        i = nl < 0 ? n : nl;
        continue;
      }
      if (d === 42) { // block comment
        const close = src.indexOf("*/", i + 2);
        if (close < 0) fail(i, "unterminated comment, expected '*/', found end of file");
        i = close + 2;
        continue;
      }
      k = T.SLASH; i++;
    } else if (isIdentStart(c)) {
      let h = c;
      i++;
      let d = src.charCodeAt(i);
      while (isIdentPart(d)) {
        h = (Math.imul(h, 31) + d) | 0;
        d = src.charCodeAt(++i);
      }
      // keywords are 2..13 lowercase letters
      const len = i - s;
      k = len >= 2 && len <= 13 && c >= 97 ? keywordAt(src, s, len, h) : T.IDENT;
    } else if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
      while (i < n && isDigit(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) === 46) { i++; while (i < n && isDigit(src.charCodeAt(i))) i++; }
      const e = src.charCodeAt(i);
      if (e === 101 || e === 69) {
        let j = i + 1;
        const sg = src.charCodeAt(j);
        if (sg === 43 || sg === 45) j++;
        if (!isDigit(src.charCodeAt(j))) fail(j, `expected exponent digits, found ${describeChar(src, j)}`);
        while (j < n && isDigit(src.charCodeAt(j))) j++;
        i = j;
      }
      k = T.NUMBER;
    } else if (c === 34 /* " */) {
      i++;
      for (;;) {
        if (i >= n) fail(s, "unterminated string, expected '\"', found end of file");
        const d = src.charCodeAt(i);
        if (d === 34) { i++; break; }
        if (d === 92) { i += 2; continue; }
        i++;
      }
      k = T.STRING;
    } else if (c === 39 /* ' */) {
      i++;
      for (;;) {
        if (i >= n) fail(s, "unterminated quoted identifier, expected \"'\", found end of file");
        const d = src.charCodeAt(i);
        if (d === 39) { i++; break; }
        if (d === 92) { i += 2; continue; }
        if (d === 10 || d === 13) fail(i, "expected \"'\" closing the quoted identifier, found end of line");
        i++;
      }
      if (i - s === 2) fail(s, "expected a character in the quoted identifier, found \"'\"");
      k = T.IDENT;
    } else {
      const d = src.charCodeAt(i + 1);
      i++;
      switch (c) {
        case 40: k = T.LPAREN; break;
        case 41: k = T.RPAREN; break;
        case 91: k = T.LBRACK; break;
        case 93: k = T.RBRACK; break;
        case 123: k = T.LBRACE; break;
        case 125: k = T.RBRACE; break;
        case 44: k = T.COMMA; break;
        case 59: k = T.SEMI; break;
        case 58: if (d === 61) { k = T.ASSIGN; i++; } else k = T.COLON; break;
        case 61: if (d === 61) { k = T.EQEQ; i++; } else k = T.EQ; break;
        case 43: k = T.PLUS; break;
        case 45: k = T.MINUS; break;
        case 42: k = T.STAR; break;
        case 94: k = T.POW; break;
        case 60:
          if (d === 61) { k = T.LE; i++; }
          else if (d === 62) { k = T.NEQ; i++; }
          else k = T.LT;
          break;
        case 62: if (d === 61) { k = T.GE; i++; } else k = T.GT; break;
        case 46:
          if (d === 43) { k = T.DPLUS; i++; }
          else if (d === 45) { k = T.DMINUS; i++; }
          else if (d === 42) { k = T.DSTAR; i++; }
          else if (d === 47) { k = T.DSLASH; i++; }
          else if (d === 94) { k = T.DPOW; i++; }
          else k = T.DOT;
          break;
        default:
          return fail(s, `expected a token, found ${describeChar(src, s)}`);
      }
    }
    kind[count] = k;
    start[count] = s;
    end[count] = i;
    count++;
  }
  kind[count] = T.EOF;
  start[count] = n;
  end[count] = n;
  count++;
  return { src, file, count, kind, start, end };
}

function describeChar(src: string, i: number): string {
  if (i >= src.length) return "end of file";
  const cp = src.codePointAt(i)!;
  return cp < 32 ? `character U+${cp.toString(16).padStart(4, "0")}` : `'${String.fromCodePoint(cp)}'`;
}
