// The wildcard matcher of RQL's like/ilike (Eclipse Ditto, https://eclipse.dev/ditto/basic-rql.html:
// `*` any run of characters, `?` exactly one). Hostile patterns such as "*a*a*a*a*b" must not blow
// up, so no RegExp is built from input: the matcher below is the greedy two-pointer algorithm that
// remembers only the LAST star. Backtracking to an earlier star is never needed (a later star can
// absorb whatever an earlier one would have), so each text position is retried at most once per
// pattern position: O(text × pattern) time, O(1) extra space.

/** A compiled pattern: code points, with the two wildcards as negative markers. */
export type WildcardPattern = readonly number[];

const ANY_RUN = -1;
const ONE = -2;

/** Compiles a pattern: every `*` and `?` is a wildcard, every other code point matches itself. */
export function compileWildcard(pattern: string): WildcardPattern {
  const out: number[] = [];
  for (const ch of pattern) {
    if (ch === "*") {
      // consecutive stars match the same as one
      if (out[out.length - 1] !== ANY_RUN) out.push(ANY_RUN);
    } else if (ch === "?") out.push(ONE);
    else out.push(ch.codePointAt(0)!);
  }
  return out;
}

/** The code points of a string (`?` matches one code point, not one UTF-16 unit). */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0)!);
  return out;
}

/** Whether the whole text matches the whole pattern. */
export function wildcardMatch(p: WildcardPattern, text: readonly number[]): boolean {
  let i = 0; // text position
  let j = 0; // pattern position
  let star = -1; // pattern position of the last star seen
  let resume = 0; // text position that star currently absorbs up to
  while (i < text.length) {
    const pj = j < p.length ? p[j]! : undefined;
    if (pj === ONE || pj === text[i]) {
      i++;
      j++;
    } else if (pj === ANY_RUN) {
      star = j++;
      resume = i;
    } else if (star >= 0) {
      // the last star takes one more character; everything after it is matched again
      j = star + 1;
      i = ++resume;
    } else return false;
  }
  while (j < p.length && p[j] === ANY_RUN) j++;
  return j === p.length;
}

/** ASCII-only case folding for ilike: the same folding SQL LIKE does in SQLite, so a query pushed
 * into SQL (rql-sql.ts) and one evaluated here agree on every input. */
export function foldAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
