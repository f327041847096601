// The layout layer: the trivia (white space and comments) before each token, stored compactly as
// the difference from what the canonical printer would put there. The printer sends every token
// with a spacing hint (printer.ts); the hint's canonical trivia is
//   NONE -> "", SPACE -> " ", indent n >= 0 -> "\n" followed by 2n spaces, and "" for the first token of a file.
// A layout string is a sequence of items, in token order:
//   DIGITS   a run of that many tokens whose trivia is the canonical one;
//   "|" T    one token whose trivia is T (possibly empty). T is read back by the lexer's own rules
//            for trivia (white space, `// ...` up to the line end, `/* ... */`), so it needs no
//            length or escape: after a trivia, the next character is a digit, "|" or the end.
// Example: `model  M /* c */ "d"` + canonical rest -> "1|  1| /* c */ 12".
// Encoding is a comparison per token (no slicing unless the trivia differs), decoding a cursor.

export const NONE = -1;
export const SPACE = -2;

const C_TAB = 9, C_LF = 10, C_VT = 11, C_FF = 12, C_CR = 13, C_SP = 32, C_SLASH = 47, C_STAR = 42, C_BAR = 124, C_BOM = 0xfeff;

/** Canonical trivia of a hint (the first token of a file has none). */
export function hintTrivia(hint: number, first: boolean): string {
  if (first || hint === NONE) return "";
  if (hint === SPACE) return " ";
  return "\n" + "  ".repeat(hint);
}

/** Is src[s, e) exactly the canonical trivia of `hint`? */
export function isHintTrivia(src: string, s: number, e: number, hint: number, first: boolean): boolean {
  const n = e - s;
  if (first || hint === NONE) return n === 0;
  if (hint === SPACE) return n === 1 && src.charCodeAt(s) === C_SP;
  if (n !== 1 + 2 * hint || src.charCodeAt(s) !== C_LF) return false;
  for (let i = s + 1; i < e; i++) if (src.charCodeAt(i) !== C_SP) return false;
  return true;
}

/** Builds one owner's layout string token by token. */
export class LayoutEncoder {
  private parts = "";
  private run = 0;
  same(): void {
    this.run++;
  }
  differ(trivia: string): void {
    if (this.run > 0) {
      this.parts += this.run;
      this.run = 0;
    }
    this.parts += "|" + trivia;
  }
  finish(): string {
    if (this.run > 0) {
      this.parts += this.run;
      this.run = 0;
    }
    return this.parts;
  }
}

/** End of the trivia starting at `i` in `s` (lexer rules of lexer.ts); -1 for an unterminated block comment. */
export function triviaEnd(s: string, i: number): number {
  const n = s.length;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c === C_SP || c === C_LF || c === C_CR || c === C_TAB || c === C_VT || c === C_FF || c === C_BOM) i++;
    else if (c === C_SLASH && s.charCodeAt(i + 1) === C_SLASH) {
      const nl = s.indexOf("\n", i + 2);
      i = nl < 0 ? n : nl;
    } else if (c === C_SLASH && s.charCodeAt(i + 1) === C_STAR) {
      const close = s.indexOf("*/", i + 2);
      if (close < 0) return -1;
      i = close + 2;
    } else break;
  }
  return i;
}

/** Reads one owner's layout string back, token by token. */
export class LayoutDecoder {
  private pos = 0;
  private run = 0;
  /** set when the layout is malformed or does not fit the tokens */
  bad = false;
  constructor(private readonly s: string) {}
  /** Trivia of the next token, or undefined when the layout is exhausted or malformed. */
  next(hint: number, first: boolean): string | undefined {
    if (this.run > 0) {
      this.run--;
      return hintTrivia(hint, first);
    }
    const s = this.s;
    if (this.pos >= s.length) {
      this.bad = true;
      return undefined;
    }
    const c = s.charCodeAt(this.pos);
    if (c === C_BAR) {
      const start = this.pos + 1;
      const e = triviaEnd(s, start);
      if (e < 0) {
        this.bad = true;
        this.pos = s.length;
        return undefined;
      }
      this.pos = e;
      return s.slice(start, e);
    }
    let n = 0;
    let i = this.pos;
    for (let d = s.charCodeAt(i); d >= 48 && d <= 57; d = s.charCodeAt(++i)) n = n * 10 + (d - 48);
    if (i === this.pos || n === 0) {
      this.bad = true;
      this.pos = s.length;
      return undefined;
    }
    this.pos = i;
    this.run = n - 1;
    return hintTrivia(hint, first);
  }
  /** True when every item was used. */
  done(): boolean {
    return this.run === 0 && this.pos >= this.s.length;
  }
}

/** True when `s` is a well-formed layout string. */
export function isLayout(s: string): boolean {
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === C_BAR) {
      const e = triviaEnd(s, i + 1);
      if (e < 0) return false;
      i = e;
    } else if (c >= 49 && c <= 57) {
      i++;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    } else return false;
  }
  return true;
}
