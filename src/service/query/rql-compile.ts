// Evaluation of a parsed RQL filter against items, through a caller-supplied property getter.
// Semantics (Ditto's relational operators, https://eclipse.dev/ditto/basic-rql.html, made total):
//   - a property the getter answers `undefined` for is absent: every relational operator is false
//     on it, exists() too;
//   - eq/ne/gt/ge/lt/le compare number with number and string with string (strings by code point,
//     which is UTF-8 byte order: what SQLite's BINARY and PostgreSQL's "C" collation do); eq/ne also
//     compare booleans and null with their own kind; a comparison between different kinds is false,
//     not an error (ne too: ne(p,1) holds only for a number other than 1);
//   - in(p,v1,…) is eq with any of the values;
//   - like/ilike match strings only (`*` any run, `?` one code point); ilike folds ASCII case.
import { RqlError, type RqlNode, type RqlValue } from "./rql-parse.js";
import { codePoints, compileWildcard, foldAscii, wildcardMatch } from "./wildcard.js";

export interface CompileOptions {
  /** when given, a property outside this list is an RqlError at the property's position */
  knownProps?: readonly string[];
}

/** Compiles a query into a predicate. Throws RqlError for a property not in `knownProps`. */
export function compileRql<T>(node: RqlNode, get: (item: T, prop: string) => unknown, o: CompileOptions = {}): (item: T) => boolean {
  const known = o.knownProps ? new Set(o.knownProps) : undefined;
  const build = (n: RqlNode): ((item: T) => boolean) => {
    switch (n.op) {
      case "and": {
        const fs = n.args.map(build);
        return (item) => fs.every((f) => f(item));
      }
      case "or": {
        const fs = n.args.map(build);
        return (item) => fs.some((f) => f(item));
      }
      case "not": {
        const f = build(n.arg);
        return (item) => !f(item);
      }
      default:
        break;
    }
    if (known && !known.has(n.prop)) throw new RqlError(n.propPos, `unknown property ${n.prop} (known: ${[...known].join(", ")})`);
    const prop = n.prop;
    switch (n.op) {
      case "exists":
        return (item) => get(item, prop) !== undefined;
      case "in": {
        const values = n.values;
        return (item) => {
          const v = get(item, prop);
          return values.some((x) => equal(v, x));
        };
      }
      case "like":
      case "ilike": {
        const fold = n.op === "ilike" ? foldAscii : (s: string): string => s;
        const pattern = compileWildcard(fold(n.pattern));
        return (item) => {
          const v = get(item, prop);
          return typeof v === "string" && wildcardMatch(pattern, codePoints(fold(v)));
        };
      }
      case "eq":
      case "ne": {
        const x = n.value;
        const want = n.op === "eq";
        return (item) => {
          const v = get(item, prop);
          return sameKind(v, x) && (v === x) === want;
        };
      }
      default: {
        const x = n.value;
        const op = n.op;
        return (item) => {
          const c = order(get(item, prop), x);
          if (c === undefined) return false;
          return op === "gt" ? c > 0 : op === "ge" ? c >= 0 : op === "lt" ? c < 0 : c <= 0;
        };
      }
    }
  };
  return build(node);
}

function sameKind(v: unknown, x: RqlValue): boolean {
  if (x === null) return v === null;
  return typeof v === typeof x;
}

function equal(v: unknown, x: RqlValue): boolean {
  return sameKind(v, x) && v === x;
}

/** The order of two numbers or two strings; undefined for anything else (NaN included). */
function order(v: unknown, x: RqlValue): number | undefined {
  if (typeof v === "number" && typeof x === "number") return v < x ? -1 : v > x ? 1 : v === x ? 0 : undefined;
  if (typeof v === "string" && typeof x === "string") return compareCodePoints(v, x);
  return undefined;
}

/** String order by code point. JS `<` compares UTF-16 units, which puts U+10000.. before U+E000..U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // a surrogate (0xD800..0xDFFF) stands for a code point above every BMP unit
    const sx = x >= 0xd800 && x <= 0xdfff ? x + 0x10000 : x;
    const sy = y >= 0xd800 && y <= 0xdfff ? y + 0x10000 : y;
    return sx < sy ? -1 : 1;
  }
  return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
}
