// RQL filters for `twin serve` (Eclipse Ditto's syntax, https://eclipse.dev/ditto/basic-rql.html):
// parse (rql-parse.ts), evaluate in JS (rql-compile.ts), push into SQL (rql-sql.ts).
export { DEFAULT_RQL_LIMITS, parseRql, rqlProps, RqlError, type RqlCompareOp, type RqlLimits, type RqlNode, type RqlValue } from "./rql-parse.js";
export { compileRql, compareCodePoints, type CompileOptions } from "./rql-compile.js";
export { HISTORY_COLUMN_KINDS, rqlToSql, type ColumnKind, type SqlDialect } from "./rql-sql.js";
export { codePoints, compileWildcard, foldAscii, wildcardMatch, type WildcardPattern } from "./wildcard.js";
