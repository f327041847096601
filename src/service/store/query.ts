// The SQL of a history query, shared by both engines: only the bind-parameter syntax differs ($1 in
// PostgreSQL, ? in SQLite). Every value is a parameter; part names go into LIKE with %, _ and the escape
// character itself escaped (SQL:2016 8.5 <like predicate>, ESCAPE clause).
import type { HistoryQuery } from "../types.js";
import { HISTORY_LIMIT_CAP } from "./values.js";

export interface SqlText {
  text: string;
  values: (string | number)[];
}

/** `part` as a LIKE pattern matching it literally. */
export function likeLiteral(part: string): string {
  return part.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function historySql(q: HistoryQuery, param: (n: number) => string): SqlText {
  const values: (string | number)[] = [];
  const p = (v: string | number): string => {
    values.push(v);
    return param(values.length);
  };
  const where = [`twin = ${p(q.twin)}`];
  if (q.part !== undefined) {
    if (!q.subtree) where.push(`part = ${p(q.part)}`);
    // the root's subtree is the whole twin
    else if (q.part !== "") where.push(`(part = ${p(q.part)} OR part LIKE ${p(`${likeLiteral(q.part)}/%`)} ESCAPE '\\')`);
  }
  if (q.attribute !== undefined) where.push(`attribute = ${p(q.attribute)}`);
  if (q.fromMs !== undefined) where.push(`time_ms >= ${p(q.fromMs)}`);
  if (q.toMs !== undefined) where.push(`time_ms < ${p(q.toMs)}`);
  if (q.before !== undefined) where.push(`seq < ${p(q.before)}`);
  if (q.after !== undefined) where.push(`seq > ${p(q.after)}`);
  const limit = Math.min(q.limit, HISTORY_LIMIT_CAP);
  const text =
    `SELECT seq, twin, part, attribute, old_value, new_value, subject, source, time_ms FROM changes ` +
    `WHERE ${where.join(" AND ")} ORDER BY seq ${q.order === "asc" ? "ASC" : "DESC"} LIMIT ${p(limit)}`;
  return { text, values };
}

/**
 * Deletes what a retention policy says must go: older than maxAgeMs, or beyond the newest
 * maxPerAttribute of its (twin, part, attribute). Window functions: SQLite >= 3.25, PostgreSQL >= 8.4.
 */
export function pruneSql(maxAgeMs: number | undefined, maxPerAttribute: number | undefined, nowMs: number, param: (n: number) => string): SqlText[] {
  const out: SqlText[] = [];
  if (maxAgeMs !== undefined) out.push({ text: `DELETE FROM changes WHERE time_ms < ${param(1)}`, values: [nowMs - maxAgeMs] });
  if (maxPerAttribute !== undefined) {
    out.push({
      text:
        `DELETE FROM changes WHERE seq IN (SELECT seq FROM (SELECT seq, row_number() OVER ` +
        `(PARTITION BY twin, part, attribute ORDER BY seq DESC) AS rn FROM changes) ranked WHERE rn > ${param(1)})`,
      values: [maxPerAttribute],
    });
  }
  return out;
}
