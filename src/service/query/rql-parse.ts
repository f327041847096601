// The RQL filter syntax of Eclipse Ditto (https://eclipse.dev/ditto/basic-rql.html): nestable named
// operators, e.g. and(eq(attribute,"Speed"),gt(timeMs,1700000000000)).
//   relational  eq ne gt ge lt le (property,value)   in(property,value,value,…)
//               like(property,"pattern") ilike(…)   exists(property)
//   logical     and(query,query,…) or(query,…) not(query)
//   property    a JSON-pointer-like path (RFC 6901 separators): `attributes/Speed`; a leading "/" is
//               optional, as in Ditto ("/attributes/location" and "attributes/location" are the same)
//   value       a number (JSON grammar, RFC 8259 §6), a "double-quoted string" (escapes \" and \\),
//               true, false, null
// Spaces between tokens are allowed. The parser is iterative (an explicit stack of open logical
// operators), so a hostile "not(not(not(…" costs one frame per level and ends at maxDepth, never in a
// stack overflow; every character is read once: linear time.

/** A syntax or limit error; `position` is the 0-based offset, the message names the 1-based column. */
export class RqlError extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(`RQL column ${position + 1}: ${message}`);
    this.name = "RqlError";
  }
}

export type RqlValue = number | string | boolean | null;
export type RqlCompareOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";

/** The parsed query. `pos` is the operator's offset, `propPos` the property's (for later errors). */
export type RqlNode =
  | { op: RqlCompareOp; prop: string; propPos: number; value: RqlValue; pos: number }
  | { op: "in"; prop: string; propPos: number; values: RqlValue[]; pos: number }
  | { op: "like" | "ilike"; prop: string; propPos: number; pattern: string; pos: number }
  | { op: "exists"; prop: string; propPos: number; pos: number }
  | { op: "and"; args: RqlNode[]; pos: number }
  | { op: "or"; args: RqlNode[]; pos: number }
  | { op: "not"; arg: RqlNode; pos: number };

export interface RqlLimits {
  /** longest accepted query, characters (default 4,096) */
  maxLength?: number;
  /** deepest operator nesting, the innermost relational operator counting as one level (default 32) */
  maxDepth?: number;
  /** most operators in one query (default 256) */
  maxNodes?: number;
}

export const DEFAULT_RQL_LIMITS: Required<RqlLimits> = { maxLength: 4096, maxDepth: 32, maxNodes: 256 };

type LogicalOp = "and" | "or" | "not";
type LeafOp = RqlCompareOp | "in" | "like" | "ilike" | "exists";
const LOGICAL = new Set<string>(["and", "or", "not"]);
const LEAF = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le", "in", "like", "ilike", "exists"]);

interface Frame {
  op: LogicalOp;
  pos: number;
  args: RqlNode[];
}

// Characters that end a property: the syntax's own punctuation, quotes and white space.
const PROP_END = new Set([",", "(", ")", '"', "'", " ", "\t", "\r", "\n"]);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WORD = /[A-Za-z]+/y;

class Scanner {
  i = 0;
  constructor(readonly src: string) {}
  ws(): void {
    while (this.i < this.src.length && " \t\r\n".includes(this.src[this.i]!)) this.i++;
  }
  peek(): string | undefined {
    return this.src[this.i];
  }
  found(): string {
    const c = this.peek();
    return c === undefined ? "the end" : JSON.stringify(c);
  }
  expect(ch: string, what: string): void {
    this.ws();
    if (this.peek() !== ch) throw new RqlError(this.i, `'${ch}' expected ${what}, found ${this.found()}`);
    this.i++;
  }
  word(): string {
    WORD.lastIndex = this.i;
    const m = WORD.exec(this.src);
    if (!m) return "";
    this.i += m[0].length;
    return m[0];
  }
}

/** Parses an RQL filter; throws RqlError naming the column of the first problem. */
export function parseRql(src: string, limits: RqlLimits = {}): RqlNode {
  const maxLength = limits.maxLength ?? DEFAULT_RQL_LIMITS.maxLength;
  const maxDepth = limits.maxDepth ?? DEFAULT_RQL_LIMITS.maxDepth;
  const maxNodes = limits.maxNodes ?? DEFAULT_RQL_LIMITS.maxNodes;
  // refused before reading anything: a 1 MB query costs nothing
  if (src.length > maxLength) throw new RqlError(maxLength, `the query is longer than ${maxLength} characters`);
  const s = new Scanner(src);
  const stack: Frame[] = [];
  let count = 0;
  for (;;) {
    s.ws();
    const pos = s.i;
    const name = s.word();
    if (name === "") throw new RqlError(pos, `query expected (an operator such as eq or and), found ${s.found()}`);
    if (!LOGICAL.has(name) && !LEAF.has(name)) throw new RqlError(pos, `unknown operator ${name}`);
    if (stack.length + 1 > maxDepth) throw new RqlError(pos, `queries nested deeper than ${maxDepth} levels`);
    if (++count > maxNodes) throw new RqlError(pos, `more than ${maxNodes} operators`);
    s.expect("(", `after ${name}`);
    if (LOGICAL.has(name)) {
      stack.push({ op: name as LogicalOp, pos, args: [] });
      continue;
    }
    let node = leaf(s, name as LeafOp, pos);
    // close every logical operator this query completes
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) {
        s.ws();
        if (s.i < src.length) throw new RqlError(s.i, `unexpected ${s.found()} after the query`);
        return node;
      }
      top.args.push(node);
      s.ws();
      const c = s.peek();
      if (c === "," && top.op !== "not") {
        s.i++;
        break;
      }
      if (c !== ")") throw new RqlError(s.i, top.op === "not" ? `')' expected: not() takes one query, found ${s.found()}` : `',' or ')' expected in ${top.op}(), found ${s.found()}`);
      s.i++;
      stack.pop();
      node = top.op === "not" ? { op: "not", arg: top.args[0]!, pos: top.pos } : top.op === "and" ? { op: "and", args: top.args, pos: top.pos } : { op: "or", args: top.args, pos: top.pos };
    }
  }
}

function leaf(s: Scanner, op: LeafOp, pos: number): RqlNode {
  s.ws();
  const propPos = s.i;
  const prop = property(s);
  if (op === "exists") {
    s.expect(")", "after the property of exists()");
    return { op, prop, propPos, pos };
  }
  s.expect(",", `after the property of ${op}()`);
  if (op === "like" || op === "ilike") {
    s.ws();
    const at = s.i;
    const v = value(s);
    if (typeof v !== "string") throw new RqlError(at, `${op}() needs a "string" pattern`);
    s.expect(")", `after the pattern of ${op}()`);
    return { op, prop, propPos, pattern: v, pos };
  }
  if (op === "in") {
    const values = [value(s)];
    for (;;) {
      s.ws();
      if (s.peek() !== ",") break;
      s.i++;
      values.push(value(s));
    }
    s.expect(")", "after the values of in()");
    return { op, prop, propPos, values, pos };
  }
  const v = value(s);
  s.expect(")", `after the value of ${op}()`);
  return { op, prop, propPos, value: v, pos };
}

function property(s: Scanner): string {
  const start = s.i;
  while (s.i < s.src.length && !PROP_END.has(s.src[s.i]!) && s.src.charCodeAt(s.i) >= 0x20) s.i++;
  const raw = s.src.slice(start, s.i);
  const prop = raw.startsWith("/") ? raw.slice(1) : raw;
  if (prop === "") throw new RqlError(start, `property expected, found ${s.found()}`);
  return prop;
}

function value(s: Scanner): RqlValue {
  s.ws();
  const at = s.i;
  const c = s.peek();
  if (c === '"') return string(s);
  NUMBER.lastIndex = at;
  const num = NUMBER.exec(s.src);
  if (num) {
    s.i += num[0].length;
    const next = s.peek();
    if (next !== undefined && !PROP_END.has(next)) throw new RqlError(s.i, `malformed number: unexpected ${s.found()}`);
    const x = Number(num[0]);
    if (!Number.isFinite(x)) throw new RqlError(at, `number ${num[0]} is out of range`);
    return x;
  }
  const w = s.word();
  if (w === "true") return true;
  if (w === "false") return false;
  if (w === "null") return null;
  s.i = at;
  throw new RqlError(at, `value expected (a number, a "string", true, false or null), found ${w ? JSON.stringify(w) : s.found()}`);
}

function string(s: Scanner): string {
  const start = s.i++;
  let out = "";
  let run = s.i;
  while (s.i < s.src.length) {
    const c = s.src[s.i]!;
    if (c === '"') {
      out += s.src.slice(run, s.i);
      s.i++;
      return out;
    }
    if (c === "\\") {
      const e = s.src[s.i + 1];
      if (e !== '"' && e !== "\\") throw new RqlError(s.i, `unknown escape ${e === undefined ? "at the end" : "\\" + e} (only \\" and \\\\ are escapes)`);
      out += s.src.slice(run, s.i) + e;
      s.i += 2;
      run = s.i;
      continue;
    }
    s.i++;
  }
  throw new RqlError(start, "unterminated string");
}

/** The properties a query reads, each once, in order of first appearance. */
export function rqlProps(node: RqlNode): string[] {
  const seen = new Set<string>();
  const pending: RqlNode[] = [node];
  // explicit stack, children pushed in reverse: document order without recursion
  while (pending.length > 0) {
    const n = pending.pop()!;
    if (n.op === "and" || n.op === "or") for (let i = n.args.length - 1; i >= 0; i--) pending.push(n.args[i]!);
    else if (n.op === "not") pending.push(n.arg);
    else seen.add(n.prop);
  }
  return [...seen];
}
