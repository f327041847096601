// Pushing an RQL history filter into SQL, so the store selects rather than the service scanning.
// The SQL must give exactly the answers compileRql (rql-compile.ts) gives, so:
//   - only columns of a known kind are pushed (HISTORY_COLUMN_KINDS); a property mapped to any other
//     column (old_value/new_value hold JSON text, whose comparisons are not SQL's) or not mapped at
//     all makes the whole query unpushable: the answer is null and the caller filters in JS;
//   - a comparison between kinds (a string with the integer column time_ms) is false in RQL, so it
//     becomes the constant false here rather than an SQL comparison with implicit casts;
//   - strings compare by code point: BINARY collation in SQLite, COLLATE "C" in PostgreSQL (UTF-8
//     byte order is code point order, RFC 3629 §1);
//   - like: SQLite's LIKE ignores ASCII case, so case-sensitive like is GLOB there (its only special
//     characters besides * and ? are "[", escaped as "[[]"); PostgreSQL's LIKE is case-sensitive, with
//     ESCAPE '\' for % _ \ in the pattern. ilike folds ASCII case only, on both sides: SQLite LIKE
//     does exactly that (https://sqlite.org/lang_expr.html#like, with the default
//     case_sensitive_like=OFF); PostgreSQL gets translate() over A-Z and a LIKE with ESCAPE.
// Every value is a bound parameter; only column names (checked identifiers, quoted) enter the text.
import type { RqlNode, RqlValue } from "./rql-parse.js";
import { foldAscii } from "./wildcard.js";

export type SqlDialect = "sqlite" | "postgres";
export type ColumnKind = "number" | "text";

/** The history table's columns whose SQL comparisons match RQL's (the JSON-text value columns are absent). */
export const HISTORY_COLUMN_KINDS: Readonly<Record<string, ColumnKind>> = {
  seq: "number",
  time_ms: "number",
  twin: "text",
  part: "text",
  attribute: "text",
  subject: "text",
  source: "text",
};

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FALSE = "(1=0)";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * The WHERE condition for `node` over a table whose `columns` map RQL properties to column names,
 * or null when a property cannot be pushed. Throws TypeError for a column name that is not a plain
 * identifier (the caller's mapping, not user input).
 */
export function rqlToSql(node: RqlNode, columns: Record<string, string>, dialect: SqlDialect): { sql: string; params: unknown[] } | null {
  for (const c of Object.values(columns)) if (!IDENT.test(c)) throw new TypeError(`rqlToSql: column name ${JSON.stringify(c)} is not an identifier`);
  const params: unknown[] = [];
  const bind = (v: unknown, cast: string): string => {
    params.push(v);
    return dialect === "sqlite" ? "?" : `$${params.length}::${cast}`;
  };
  const num = (v: number): string => bind(v, "double precision");
  const text = (v: string): string => bind(v, "text");
  const col = (name: string): string => `"${name}"`;
  const coll = dialect === "sqlite" ? " COLLATE BINARY" : ' COLLATE "C"';

  // one comparison `c op value` where both are of the same kind, else false
  const compare = (c: string, kind: ColumnKind, op: string, v: RqlValue): string => {
    if (kind === "number" && typeof v === "number") return `(${col(c)} ${op} ${num(v)})`;
    if (kind === "text" && typeof v === "string") return `(${col(c)}${coll} ${op} ${text(v)})`;
    return FALSE;
  };

  // explicit post-order walk: nesting is bounded by the parser, but this needs no recursion at all
  type Item = { n: RqlNode; done: boolean };
  const out: string[] = [];
  const pending: Item[] = [{ n: node, done: false }];
  while (pending.length > 0) {
    const it = pending.pop()!;
    const n = it.n;
    if (n.op === "and" || n.op === "or" || n.op === "not") {
      const kids = n.op === "not" ? [n.arg] : n.args;
      if (!it.done) {
        pending.push({ n, done: true });
        for (let i = kids.length - 1; i >= 0; i--) pending.push({ n: kids[i]!, done: false });
        continue;
      }
      const parts = out.splice(out.length - kids.length, kids.length);
      out.push(n.op === "not" ? `(NOT ${parts[0]!})` : `(${parts.join(n.op === "and" ? " AND " : " OR ")})`);
      continue;
    }
    const c = Object.hasOwn(columns, n.prop) ? columns[n.prop]! : undefined;
    const kind = c === undefined ? undefined : HISTORY_COLUMN_KINDS[c];
    if (c === undefined || kind === undefined) return null;
    switch (n.op) {
      case "exists":
        out.push(`(${col(c)} IS NOT NULL)`);
        break;
      case "eq":
        out.push(compare(c, kind, "=", n.value));
        break;
      case "ne":
        out.push(compare(c, kind, "<>", n.value));
        break;
      case "gt":
        out.push(compare(c, kind, ">", n.value));
        break;
      case "ge":
        out.push(compare(c, kind, ">=", n.value));
        break;
      case "lt":
        out.push(compare(c, kind, "<", n.value));
        break;
      case "le":
        out.push(compare(c, kind, "<=", n.value));
        break;
      case "in": {
        const same = n.values.filter((v) => (kind === "number" ? typeof v === "number" : typeof v === "string"));
        if (same.length === 0) out.push(FALSE);
        else {
          const list = same.map((v) => (typeof v === "number" ? num(v) : text(v as string)));
          out.push(`(${col(c)}${kind === "text" ? coll : ""} IN (${list.join(", ")}))`);
        }
        break;
      }
      case "like":
      case "ilike":
        out.push(kind === "text" ? like(n.op, col(c), n.pattern, dialect, text) : FALSE);
        break;
    }
  }
  return { sql: out[0]!, params };
}

function like(op: "like" | "ilike", c: string, pattern: string, dialect: SqlDialect, text: (v: string) => string): string {
  if (op === "like" && dialect === "sqlite") {
    // GLOB: * and ? as in RQL; "[" opens a character class, so a literal one is "[[]"
    return `(${c} GLOB ${text(pattern.replace(/\[/g, "[[]"))})`;
  }
  const p = (op === "ilike" ? foldAscii(pattern) : pattern).replace(/[\\%_*?]/g, (ch) => (ch === "*" ? "%" : ch === "?" ? "_" : "\\" + ch));
  if (dialect === "sqlite") return `(${c} LIKE ${text(p)} ESCAPE '\\')`;
  const subject = op === "ilike" ? `translate(${c}, '${UPPER}', '${UPPER.toLowerCase()}')` : c;
  return `(${subject} LIKE ${text(p)} ESCAPE '\\')`;
}
