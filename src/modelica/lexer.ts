// Lexer for the Modelica 3.6 lexical units (Modelica Language Specification 3.6, §A.1 "Lexical
// conventions"): IDENT (incl. quoted Q-IDENT), STRING, UNSIGNED-NUMBER, keywords and operators.
// A char-code scanner (no regex per character). Trivia (white space and comments) is not dropped:
// token i is src[start[i], end[i]) and the trivia before it is src[end[i-1], start[i]), so the
// source is recoverable byte for byte from the token table.

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

/** A lexical or syntax error located as `file:line:col: message` (1-based line and column). */
export class ModelicaSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}:${col}: ${detail}`);
    this.name = "ModelicaSyntaxError";
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

/** Scans `src` into tokens. Throws ModelicaSyntaxError on an unterminated string/comment or a stray character. */
export function tokenize(src: string, file: string): Tokens {
  const n = src.length;
  let cap = Math.max(16, (n >> 2) + 16);
  let kind = new Uint8Array(cap);
  let start = new Uint32Array(cap);
  let end = new Uint32Array(cap);
  let count = 0;
  const fail = (pos: number, msg: string): never => {
    const { line, col } = lineCol(src, pos);
    throw new ModelicaSyntaxError(file, line, col, msg);
  };
  const push = (k: T, s: number, e: number): void => {
    if (count === cap) {
      cap *= 2;
      const k2 = new Uint8Array(cap); k2.set(kind); kind = k2;
      const s2 = new Uint32Array(cap); s2.set(start); start = s2;
      const e2 = new Uint32Array(cap); e2.set(end); end = e2;
    }
    kind[count] = k;
    start[count] = s;
    end[count] = e;
    count++;
  };
  let i = 0;
  // A UTF-8 byte order mark is trivia (MLS §13.4 allows it at the start of a file).
  if (n > 0 && src.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === C_SP || c === C_LF || c === C_CR || c === C_TAB || c === C_VT || c === C_FF) { i++; continue; }
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
      push(T.SLASH, i, i + 1); i++; continue;
    }
    const s = i;
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(src.charCodeAt(i))) i++;
      // keywords are 2..13 lowercase letters: check the map only for plausible lengths
      const len = i - s;
      let k: T | undefined;
      if (len >= 2 && len <= 13 && c >= 97) k = KEYWORDS.get(src.slice(s, i));
      push(k ?? T.IDENT, s, i);
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(i + 1)))) {
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
      push(T.NUMBER, s, i);
      continue;
    }
    if (c === 34 /* " */) {
      i++;
      for (;;) {
        if (i >= n) fail(s, "unterminated string, expected '\"', found end of file");
        const d = src.charCodeAt(i);
        if (d === 34) { i++; break; }
        if (d === 92) { i += 2; continue; }
        i++;
      }
      push(T.STRING, s, i);
      continue;
    }
    if (c === 39 /* ' */) {
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
      push(T.IDENT, s, i);
      continue;
    }
    const d = src.charCodeAt(i + 1);
    switch (c) {
      case 40: push(T.LPAREN, s, ++i); continue;
      case 41: push(T.RPAREN, s, ++i); continue;
      case 91: push(T.LBRACK, s, ++i); continue;
      case 93: push(T.RBRACK, s, ++i); continue;
      case 123: push(T.LBRACE, s, ++i); continue;
      case 125: push(T.RBRACE, s, ++i); continue;
      case 44: push(T.COMMA, s, ++i); continue;
      case 59: push(T.SEMI, s, ++i); continue;
      case 58: if (d === 61) { push(T.ASSIGN, s, i += 2); } else push(T.COLON, s, ++i); continue;
      case 61: if (d === 61) { push(T.EQEQ, s, i += 2); } else push(T.EQ, s, ++i); continue;
      case 43: push(T.PLUS, s, ++i); continue;
      case 45: push(T.MINUS, s, ++i); continue;
      case 42: push(T.STAR, s, ++i); continue;
      case 94: push(T.POW, s, ++i); continue;
      case 60:
        if (d === 61) push(T.LE, s, i += 2);
        else if (d === 62) push(T.NEQ, s, i += 2);
        else push(T.LT, s, ++i);
        continue;
      case 62: if (d === 61) { push(T.GE, s, i += 2); } else push(T.GT, s, ++i); continue;
      case 46:
        if (d === 43) push(T.DPLUS, s, i += 2);
        else if (d === 45) push(T.DMINUS, s, i += 2);
        else if (d === 42) push(T.DSTAR, s, i += 2);
        else if (d === 47) push(T.DSLASH, s, i += 2);
        else if (d === 94) push(T.DPOW, s, i += 2);
        else push(T.DOT, s, ++i);
        continue;
      default:
        fail(i, `expected a token, found ${describeChar(src, i)}`);
    }
  }
  push(T.EOF, n, n);
  return { src, file, count, kind, start, end };
}

function describeChar(src: string, i: number): string {
  if (i >= src.length) return "end of file";
  const cp = src.codePointAt(i)!;
  return cp < 32 ? `character U+${cp.toString(16).padStart(4, "0")}` : `'${String.fromCodePoint(cp)}'`;
}
