// A small XPath 1.0 subset evaluator over the lossless element tree (xml.ts), for searches such as
// the twin API's `?Search=[@Name='Motor1']` or `//InternalElement[Attribute[@Name='speed']/Value > 100]`.
// Semantics follow XPath 1.0 (W3C Recommendation, 16 Nov 1999): node-set comparisons are existential
// (§3.4), predicates with a number select by proximity position (§2.4), node-sets come back in
// document order. The subset (docs/aml.md lists it):
//   paths      / // . .. relative and absolute location paths, step separators / and //
//   axes       child (default), attribute (@), descendant, descendant-or-self, self, parent,
//              ancestor, ancestor-or-self, following-sibling, preceding-sibling
//   node tests Name, *, text(), node()   (names compare LOCAL names: CAEX 3.0's default namespace
//              needs no prefix bindings)
//   operators  or and = != < <= > >= + - * div mod, unary -, | (union), ( )
//   functions  not true false count position last string number boolean concat contains
//              starts-with substring-before substring-after string-length normalize-space name
//              local-name sum floor ceiling round
// Not supported: variables, namespace axis and prefixes in name tests, preceding/following axes, id(),
// lang(), translate(), substring(), processing-instruction()/comment() tests.
// Hostile input (the service's `?Search=`): the lexer is linear, the parser counts nesting ("(", "[",
// function arguments, unary minus) and refuses beyond `maxDepth` BEFORE recursing, and the evaluator
// can be given a work budget (node visits, predicate evaluations, node-set comparisons) after which
// it stops with "evaluation budget exceeded": XPath 1.0 has expressions such as //*[//*[//*]] whose
// cost is a power of the document size.
import { InputError } from "../errors.js";
import { attributeValue, decodeContent, type XElement } from "./xml.js";

/** A malformed or unsupported XPath 1.0 expression (bad input): `XPath column N: detail`, `column` = N. */
export class XPathError extends InputError {
  /** 0-based offset in the expression */
  readonly position: number;
  constructor(position: number, detail: string) {
    super(`XPath column ${position + 1}: ${detail}`, { column: position + 1 });
    this.position = position;
  }
}

/** A node: an element, one of its attributes, or its direct character data (text()). */
export type XNode = { t: "el"; el: XElement } | { t: "attr"; el: XElement; i: number } | { t: "text"; el: XElement };

type Value = XNode[] | string | number | boolean;

// ---------------------------------------------------------------- lexer

type Tok = { k: "name" | "str" | "num" | "op" | "end"; v: string; p: number };

// sticky (y): matched at lastIndex without copying the rest of the source, so lexing is linear
const NUM = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)/y;
const NAME = /[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?/y;

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (["//", "!=", "<=", ">=", "::", ".."].includes(two)) {
      out.push({ k: "op", v: two, p: i });
      i += 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const e = src.indexOf(c, i + 1);
      if (e < 0) throw new XPathError(i, "unterminated string literal");
      out.push({ k: "str", v: src.slice(i + 1, e), p: i });
      i = e + 1;
      continue;
    }
    NUM.lastIndex = i;
    const num = NUM.exec(src);
    if (num) {
      out.push({ k: "num", v: num[0], p: i });
      i += num[0].length;
      continue;
    }
    if ("/()[]@,|=<>+-*.$".includes(c)) {
      if (c === "$") throw new XPathError(i, "variables are not supported");
      out.push({ k: "op", v: c, p: i });
      i++;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(src);
    if (name) {
      // "a::b" is an axis, not a QName: keep the name before "::"
      let v = name[0];
      const dc = v.indexOf(":");
      if (dc >= 0 && src[i + dc + 1] === ":") v = v.slice(0, dc);
      out.push({ k: "name", v, p: i });
      i += v.length;
      continue;
    }
    throw new XPathError(i, `unexpected character ${JSON.stringify(c)}`);
  }
  out.push({ k: "end", v: "", p: src.length });
  return out;
}

// ---------------------------------------------------------------- AST

type Axis =
  | "child"
  | "attribute"
  | "descendant"
  | "descendant-or-self"
  | "self"
  | "parent"
  | "ancestor"
  | "ancestor-or-self"
  | "following-sibling"
  | "preceding-sibling";
const AXES = new Set<string>(["child", "attribute", "descendant", "descendant-or-self", "self", "parent", "ancestor", "ancestor-or-self", "following-sibling", "preceding-sibling"]);
const REVERSE = new Set<Axis>(["parent", "ancestor", "ancestor-or-self", "preceding-sibling"]);

type Test = { k: "name"; name: string } | { k: "any" } | { k: "text" } | { k: "node" };
/** `p`: source offset of the step (budget errors name it) */
type Step = { axis: Axis; test: Test; preds: Expr[]; p: number };
type Expr =
  | { k: "path"; absolute: boolean; filter?: Expr; steps: Step[] }
  | { k: "bin"; op: string; a: Expr; b: Expr }
  | { k: "neg"; a: Expr }
  | { k: "str"; v: string }
  | { k: "num"; v: number }
  | { k: "call"; name: string; args: Expr[]; p: number }
  | { k: "filter"; base: Expr; preds: Expr[] };

const FUNCS: Record<string, [number, number]> = {
  not: [1, 1],
  true: [0, 0],
  false: [0, 0],
  count: [1, 1],
  position: [0, 0],
  last: [0, 0],
  string: [0, 1],
  number: [0, 1],
  boolean: [1, 1],
  concat: [2, 99],
  contains: [2, 2],
  "starts-with": [2, 2],
  "substring-before": [2, 2],
  "substring-after": [2, 2],
  "string-length": [0, 1],
  "normalize-space": [0, 1],
  name: [0, 1],
  "local-name": [0, 1],
  sum: [1, 1],
  floor: [1, 1],
  ceiling: [1, 1],
  round: [1, 1],
};

/** Parser limits. maxDepth: deepest nesting of "(", "[", function arguments and unary minus. */
export interface XPathParseOptions {
  maxDepth?: number;
}

/** The default nesting limit: far beyond any real search, far below the JS stack (~10 frames a level). */
export const DEFAULT_XPATH_MAX_DEPTH = 256;

class ParserX {
  private i = 0;
  private depth = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly maxDepth: number,
  ) {}
  /** Runs `f` one nesting level deeper, refusing before recursing past maxDepth. */
  private nested<T>(p: number, f: () => T): T {
    if (this.depth >= this.maxDepth) throw new XPathError(p, `expression nested deeper than ${this.maxDepth} levels`);
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
    }
  }
  private peek(o = 0): Tok {
    return this.toks[Math.min(this.i + o, this.toks.length - 1)]!;
  }
  private next(): Tok {
    return this.toks[this.i++]!;
  }
  private isOp(v: string, o = 0): boolean {
    const t = this.peek(o);
    return t.k === "op" && t.v === v;
  }
  private expect(v: string): void {
    if (!this.isOp(v)) throw new XPathError(this.peek().p, `'${v}' expected`);
    this.i++;
  }
  parse(): Expr {
    const e = this.or();
    if (this.peek().k !== "end") throw new XPathError(this.peek().p, `unexpected ${JSON.stringify(this.peek().v)}`);
    return e;
  }
  private opName(v: string): boolean {
    const t = this.peek();
    return t.k === "name" && t.v === v;
  }
  private or(): Expr {
    let a = this.and();
    while (this.opName("or")) {
      this.i++;
      a = { k: "bin", op: "or", a, b: this.and() };
    }
    return a;
  }
  private and(): Expr {
    let a = this.eq();
    while (this.opName("and")) {
      this.i++;
      a = { k: "bin", op: "and", a, b: this.eq() };
    }
    return a;
  }
  private eq(): Expr {
    let a = this.rel();
    while (this.isOp("=") || this.isOp("!=")) a = { k: "bin", op: this.next().v, a, b: this.rel() };
    return a;
  }
  private rel(): Expr {
    let a = this.add();
    while (this.isOp("<") || this.isOp(">") || this.isOp("<=") || this.isOp(">=")) a = { k: "bin", op: this.next().v, a, b: this.add() };
    return a;
  }
  private add(): Expr {
    let a = this.mul();
    while (this.isOp("+") || this.isOp("-")) a = { k: "bin", op: this.next().v, a, b: this.mul() };
    return a;
  }
  private mul(): Expr {
    let a = this.unary();
    for (;;) {
      // '*' is multiplication only after an operand (§3.7 disambiguation); div/mod are names here
      if (this.isOp("*") || this.opName("div") || this.opName("mod")) a = { k: "bin", op: this.next().v, a, b: this.unary() };
      else return a;
    }
  }
  private unary(): Expr {
    if (this.isOp("-")) {
      const p = this.next().p;
      return { k: "neg", a: this.nested(p, () => this.unary()) };
    }
    return this.union();
  }
  private union(): Expr {
    let a = this.pathExpr();
    while (this.isOp("|")) {
      this.i++;
      a = { k: "bin", op: "|", a, b: this.pathExpr() };
    }
    return a;
  }
  private pathExpr(): Expr {
    const t = this.peek();
    let filter: Expr | undefined;
    if (t.k === "str") {
      this.i++;
      filter = { k: "str", v: t.v };
    } else if (t.k === "num") {
      this.i++;
      filter = { k: "num", v: Number(t.v) };
    } else if (this.isOp("(")) {
      const p = this.next().p;
      filter = this.nested(p, () => this.or());
      this.expect(")");
    } else if (t.k === "name" && this.isOp("(", 1) && !["text", "node", "comment", "processing-instruction"].includes(t.v)) {
      this.i += 2;
      const spec = FUNCS[t.v];
      if (!spec) throw new XPathError(t.p, `unsupported function ${t.v}()`);
      const args: Expr[] = [];
      if (!this.isOp(")")) {
        args.push(this.nested(t.p, () => this.or()));
        while (this.isOp(",")) {
          this.i++;
          args.push(this.nested(t.p, () => this.or()));
        }
      }
      this.expect(")");
      if (args.length < spec[0] || args.length > spec[1]) throw new XPathError(t.p, `${t.v}() takes ${spec[0]}${spec[1] > spec[0] ? ".." + spec[1] : ""} arguments`);
      filter = { k: "call", name: t.v, args, p: t.p };
    }
    if (filter) {
      const preds: Expr[] = [];
      while (this.isOp("[")) preds.push(this.pred());
      // predicates of a filter expression see the whole node-set, in document order (§3.3)
      if (preds.length > 0) filter = { k: "filter", base: filter, preds };
      if (!this.isOp("/") && !this.isOp("//")) return filter;
      return { k: "path", absolute: false, filter, steps: this.relSteps(true) };
    }
    if (this.isOp("/")) {
      this.i++;
      const nt = this.peek();
      const startsStep = nt.k === "name" || (nt.k === "op" && ["@", "*", ".", ".."].includes(nt.v));
      return { k: "path", absolute: true, steps: startsStep ? this.relSteps(false) : [] };
    }
    if (this.isOp("//")) return { k: "path", absolute: true, steps: this.relSteps(true) };
    return { k: "path", absolute: false, steps: this.relSteps(false) };
  }
  /** steps; `sep` says a separator ("/" or "//") comes first */
  private relSteps(sep: boolean): Step[] {
    const steps: Step[] = [];
    let first = !sep;
    for (;;) {
      if (!first) {
        if (this.isOp("//")) {
          steps.push({ axis: "descendant-or-self", test: { k: "node" }, preds: [], p: this.next().p });
        } else if (this.isOp("/")) this.i++;
        else return steps;
      }
      first = false;
      steps.push(this.step());
    }
  }
  private pred(): Expr {
    const p = this.peek().p;
    this.expect("[");
    const e = this.nested(p, () => this.or());
    this.expect("]");
    return e;
  }
  private step(): Step {
    const t = this.peek();
    if (this.isOp(".")) {
      this.i++;
      return { axis: "self", test: { k: "node" }, preds: [], p: t.p };
    }
    if (this.isOp("..")) {
      this.i++;
      return { axis: "parent", test: { k: "node" }, preds: [], p: t.p };
    }
    let axis: Axis = "child";
    if (this.isOp("@")) {
      this.i++;
      axis = "attribute";
    } else if (t.k === "name" && this.isOp("::", 1)) {
      if (!AXES.has(t.v)) throw new XPathError(t.p, `unsupported axis ${t.v}`);
      axis = t.v as Axis;
      this.i += 2;
    }
    const n = this.next();
    let test: Test;
    if (n.k === "op" && n.v === "*") test = { k: "any" };
    else if (n.k === "name" && this.isOp("(") && (n.v === "text" || n.v === "node")) {
      this.i++;
      this.expect(")");
      test = { k: n.v };
    } else if (n.k === "name") {
      if (n.v.includes(":")) throw new XPathError(n.p, "namespace prefixes are not supported (names compare local names)");
      test = { k: "name", name: n.v };
    } else throw new XPathError(n.p, n.k === "end" ? "step expected at the end" : `step expected, found ${JSON.stringify(n.v)}`);
    const preds: Expr[] = [];
    while (this.isOp("[")) preds.push(this.pred());
    return { axis, test, preds, p: t.p };
  }
}

/** Parses an XPath (subset) expression. */
export function parseXPath(src: string, options: XPathParseOptions = {}): Expr {
  return new ParserX(lex(src), options.maxDepth ?? DEFAULT_XPATH_MAX_DEPTH).parse();
}

// ---------------------------------------------------------------- evaluation

/** Evaluator options. budget: work units this evaluator may spend over its lifetime (default unlimited). */
export interface XPathEvalOptions {
  budget?: number;
}

export class XPathEvaluator {
  private readonly budget: number;
  private spent = 0;
  /** offset of the step being evaluated: where a budget error points */
  private at = 0;
  constructor(
    private readonly text: string,
    private readonly root: XElement,
    options: XPathEvalOptions = {},
  ) {
    this.budget = options.budget ?? Infinity;
  }

  /** Work done so far, in units (one per node visited, predicate or comparison pair evaluated). */
  get work(): number {
    return this.spent;
  }

  /** Counts `units` of work; beyond the budget, evaluation stops. Checked inside every loop whose
   * length depends on the document, so the error comes within O(budget) work. */
  private charge(units: number): void {
    this.spent += units;
    if (this.spent > this.budget) throw new XPathError(this.at, `evaluation budget exceeded (${this.budget} work units)`);
  }

  /** Document-order key: element start offset; attributes and text just after their element. */
  private order(n: XNode): number {
    if (n.t === "el") return n.el.start * 4;
    if (n.t === "attr") return n.el.start * 4 + 1 + n.i / (n.el.attrs.length + 1);
    return n.el.start * 4 + 2;
  }

  private sortUnique(nodes: XNode[]): XNode[] {
    this.charge(nodes.length);
    const seen = new Map<string, XNode>();
    for (const n of nodes) {
      const key = `${n.t}:${n.el.start}:${n.t === "attr" ? n.i : ""}`;
      if (!seen.has(key)) seen.set(key, n);
    }
    return [...seen.values()].sort((a, b) => this.order(a) - this.order(b));
  }

  stringValue(n: XNode): string {
    if (n.t === "attr") {
      const a = n.el.attrs[n.i]!;
      return attributeValue(this.text.slice(a.valueStart, a.valueEnd));
    }
    if (n.t === "text") return this.ownText(n.el);
    return this.elementText(n.el);
  }

  private ownText(el: XElement): string {
    this.charge(el.children.length + 1);
    let out = "";
    let pos = el.contentStart;
    for (const c of el.children) {
      out += decodeContent(this.text, pos, c.start);
      pos = c.end;
    }
    return out + decodeContent(this.text, pos, el.contentEnd);
  }

  private elementText(el: XElement): string {
    this.charge(1);
    if (el.children.length === 0) return decodeContent(this.text, el.contentStart, el.contentEnd);
    let out = "";
    let pos = el.contentStart;
    for (const c of el.children) {
      out += decodeContent(this.text, pos, c.start) + this.elementText(c);
      pos = c.end;
    }
    return out + decodeContent(this.text, pos, el.contentEnd);
  }

  private hasText(el: XElement): boolean {
    return el.children.length === 0 ? el.contentEnd > el.contentStart && this.ownText(el) !== "" : this.ownText(el) !== "";
  }

  private axis(n: XNode, axis: Axis): XNode[] {
    const out: XNode[] = [];
    if (n.t !== "el") {
      // attribute and text nodes: only self/parent/ancestor make sense
      if (axis === "self") out.push(n);
      else if (axis === "parent") out.push({ t: "el", el: n.el });
      else if (axis === "ancestor" || axis === "ancestor-or-self") {
        if (axis === "ancestor-or-self") out.push(n);
        for (let e: XElement | null = n.el; e; e = e.parent) out.push({ t: "el", el: e });
      }
      return out;
    }
    const el = n.el;
    switch (axis) {
      case "child":
        for (const c of el.children) out.push({ t: "el", el: c });
        if (this.hasText(el)) out.push({ t: "text", el });
        break;
      case "attribute":
        el.attrs.forEach((a, i) => {
          if (a.name !== "xmlns" && !a.name.startsWith("xmlns:")) out.push({ t: "attr", el, i });
        });
        break;
      case "descendant":
      case "descendant-or-self": {
        if (axis === "descendant-or-self") out.push(n);
        const stack: XElement[] = [...el.children].reverse();
        if (this.hasText(el)) out.push({ t: "text", el });
        while (stack.length > 0) {
          this.charge(1);
          const e = stack.pop()!;
          out.push({ t: "el", el: e });
          if (this.hasText(e)) out.push({ t: "text", el: e });
          for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
        }
        break;
      }
      case "self":
        out.push(n);
        break;
      case "parent":
        if (el.parent) out.push({ t: "el", el: el.parent });
        break;
      case "ancestor":
      case "ancestor-or-self":
        if (axis === "ancestor-or-self") out.push(n);
        for (let e = el.parent; e; e = e.parent) out.push({ t: "el", el: e });
        break;
      case "following-sibling":
      case "preceding-sibling": {
        const sibs = el.parent ? el.parent.children : [];
        this.charge(sibs.length);
        const k = sibs.indexOf(el);
        if (axis === "following-sibling") for (let i = k + 1; i < sibs.length; i++) out.push({ t: "el", el: sibs[i]! });
        else for (let i = k - 1; i >= 0; i--) out.push({ t: "el", el: sibs[i]! });
        break;
      }
    }
    return out;
  }

  private matches(n: XNode, test: Test, axis: Axis): boolean {
    switch (test.k) {
      case "node":
        return true;
      case "text":
        return n.t === "text";
      case "any":
        return axis === "attribute" ? n.t === "attr" : n.t === "el";
      case "name":
        if (axis === "attribute") {
          if (n.t !== "attr") return false;
          const an = n.el.attrs[n.i]!.name;
          return an === test.name || an.endsWith(":" + test.name);
        }
        return n.t === "el" && n.el.local === test.name;
    }
  }

  private step(ctx: XNode[], step: Step): XNode[] {
    const out: XNode[] = [];
    for (const n of ctx) {
      this.at = step.p;
      const found = this.axis(n, step.axis);
      this.charge(found.length);
      let cand = found.filter((c) => this.matches(c, step.test, step.axis));
      for (const p of step.preds) {
        const size = cand.length;
        cand = cand.filter((c, i) => {
          this.at = step.p;
          this.charge(1);
          const v = this.eval(p, c, i + 1, size);
          return typeof v === "number" ? v === i + 1 : this.bool(v);
        });
      }
      // proximity positions of reverse axes run backwards; the result is in document order anyway
      if (REVERSE.has(step.axis)) cand.reverse();
      for (const c of cand) out.push(c);
    }
    return this.sortUnique(out);
  }

  bool(v: Value): boolean {
    if (Array.isArray(v)) return v.length > 0;
    if (typeof v === "string") return v.length > 0;
    if (typeof v === "number") return v !== 0 && !Number.isNaN(v);
    return v;
  }
  str(v: Value): string {
    if (Array.isArray(v)) return v.length === 0 ? "" : this.stringValue(v[0]!);
    if (typeof v === "number") return numberToString(v);
    if (typeof v === "boolean") return String(v);
    return v;
  }
  num(v: Value): number {
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    const s = this.str(v).trim();
    return /^-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/.test(s) ? Number(s) : NaN;
  }

  private compare(op: string, a: Value, b: Value): boolean {
    const rel = (x: number, y: number): boolean => (op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y);
    if (Array.isArray(a) || Array.isArray(b)) {
      if (Array.isArray(a) && Array.isArray(b)) {
        // existential comparison of two node-sets is |a|·|b| string comparisons (§3.4)
        this.charge(a.length * b.length);
        const bs = b.map((n) => this.stringValue(n));
        return a.some((n) => {
          const s = this.stringValue(n);
          return bs.some((t) => (op === "=" ? s === t : op === "!=" ? s !== t : rel(this.num(s), this.num(t))));
        });
      }
      const [set, other, flip] = Array.isArray(a) ? [a, b, false] : [b as XNode[], a, true];
      if (typeof other === "boolean") return this.compare(op, flip ? other : this.bool(set), flip ? this.bool(set) : other);
      return set.some((n) => {
        const s = this.stringValue(n);
        const x: Value = typeof other === "number" ? this.num(s) : s;
        return this.compare(op, flip ? other : x, flip ? x : other);
      });
    }
    if (op === "=" || op === "!=") {
      let eq: boolean;
      if (typeof a === "boolean" || typeof b === "boolean") eq = this.bool(a) === this.bool(b);
      else if (typeof a === "number" || typeof b === "number") eq = this.num(a) === this.num(b);
      else eq = a === b;
      return op === "=" ? eq : !eq;
    }
    return rel(this.num(a), this.num(b));
  }

  eval(e: Expr, ctx: XNode, pos: number, size: number): Value {
    this.charge(1);
    switch (e.k) {
      case "str":
        return e.v;
      case "num":
        return e.v;
      case "neg":
        return -this.num(this.eval(e.a, ctx, pos, size));
      case "bin": {
        if (e.op === "or") return this.bool(this.eval(e.a, ctx, pos, size)) || this.bool(this.eval(e.b, ctx, pos, size));
        if (e.op === "and") return this.bool(this.eval(e.a, ctx, pos, size)) && this.bool(this.eval(e.b, ctx, pos, size));
        const a = this.eval(e.a, ctx, pos, size);
        const b = this.eval(e.b, ctx, pos, size);
        if (e.op === "|") {
          if (!Array.isArray(a) || !Array.isArray(b)) throw new XPathError(0, "'|' needs node-sets");
          return this.sortUnique([...a, ...b]);
        }
        if (["=", "!=", "<", "<=", ">", ">="].includes(e.op)) return this.compare(e.op, a, b);
        const x = this.num(a);
        const y = this.num(b);
        if (e.op === "+") return x + y;
        if (e.op === "-") return x - y;
        if (e.op === "*") return x * y;
        if (e.op === "div") return x / y;
        return x % y; // mod: truncating remainder, as XPath 1.0 §3.5 specifies
      }
      case "call":
        return this.call(e, ctx, pos, size);
      case "filter": {
        const v = this.eval(e.base, ctx, pos, size);
        if (!Array.isArray(v)) throw new XPathError(0, "a predicate needs a node-set");
        let set = v;
        for (const p of e.preds) {
          const n = set.length;
          set = set.filter((c, i) => {
            this.charge(1);
            const r = this.eval(p, c, i + 1, n);
            return typeof r === "number" ? r === i + 1 : this.bool(r);
          });
        }
        return set;
      }
      case "path": {
        let nodes: XNode[];
        if (e.filter) {
          const v = this.eval(e.filter, ctx, pos, size);
          if (e.steps.length === 0) return v;
          if (!Array.isArray(v)) throw new XPathError(0, "a path step needs a node-set");
          nodes = v;
        } else if (e.absolute) nodes = [{ t: "el", el: this.docNode() }];
        else nodes = [ctx];
        for (const s of e.steps) nodes = this.step(nodes, s);
        return nodes;
      }
    }
  }

  /** The document node: a synthetic element whose only child is the root element. */
  private doc?: XElement;
  private docNode(): XElement {
    if (!this.doc) {
      this.doc = { name: "", local: "", ns: "", start: -1, contentStart: 0, contentEnd: 0, end: 0, selfClosing: false, attrs: [], children: [this.root], parent: null, flags: 0 };
    }
    return this.doc;
  }

  private call(e: Extract<Expr, { k: "call" }>, ctx: XNode, pos: number, size: number): Value {
    const arg = (i: number): Value => this.eval(e.args[i]!, ctx, pos, size);
    const ctxStr = (): string => (e.args.length > 0 ? this.str(arg(0)) : this.stringValue(ctx));
    const nodes = (i: number): XNode[] => {
      const v = arg(i);
      if (!Array.isArray(v)) throw new XPathError(e.p, `${e.name}() needs a node-set`);
      return v;
    };
    switch (e.name) {
      case "not":
        return !this.bool(arg(0));
      case "true":
        return true;
      case "false":
        return false;
      case "count":
        return nodes(0).length;
      case "position":
        return pos;
      case "last":
        return size;
      case "string":
        return ctxStr();
      case "number":
        return e.args.length > 0 ? this.num(arg(0)) : this.num(this.stringValue(ctx));
      case "boolean":
        return this.bool(arg(0));
      case "concat":
        return e.args.map((_, i) => this.str(arg(i))).join("");
      case "contains":
        return this.str(arg(0)).includes(this.str(arg(1)));
      case "starts-with":
        return this.str(arg(0)).startsWith(this.str(arg(1)));
      case "substring-before": {
        const a = this.str(arg(0));
        const k = a.indexOf(this.str(arg(1)));
        return k < 0 ? "" : a.slice(0, k);
      }
      case "substring-after": {
        const a = this.str(arg(0));
        const b = this.str(arg(1));
        const k = a.indexOf(b);
        return k < 0 ? "" : a.slice(k + b.length);
      }
      case "string-length":
        return [...ctxStr()].length;
      case "normalize-space":
        return ctxStr().replace(/[ \t\r\n]+/g, " ").trim();
      case "name":
      case "local-name": {
        const set = e.args.length > 0 ? nodes(0) : [ctx];
        const n = set[0];
        if (!n || n.t === "text") return "";
        const q = n.t === "attr" ? n.el.attrs[n.i]!.name : n.el.name;
        return e.name === "name" ? q : q.slice(q.indexOf(":") + 1);
      }
      case "sum":
        return nodes(0).reduce((s, n) => s + this.num(this.stringValue(n)), 0);
      case "floor":
        return Math.floor(this.num(arg(0)));
      case "ceiling":
        return Math.ceil(this.num(arg(0)));
      case "round": {
        const x = this.num(arg(0));
        return Number.isFinite(x) ? Math.floor(x + 0.5) : x;
      }
      default:
        throw new XPathError(e.p, `unsupported function ${e.name}()`);
    }
  }

  /** Evaluates `expr` with `context` as context node. */
  evaluate(expr: Expr, context: XElement): Value {
    return this.eval(expr, { t: "el", el: context }, 1, 1);
  }

  /** Evaluates an expression against the document root (absolute and relative paths alike). */
  evaluateDocument(expr: Expr): Value {
    return this.eval(expr, { t: "el", el: this.docNode() }, 1, 1);
  }
}

/** XPath 1.0 number → string (§4.2): integers without ".0", NaN, Infinity. */
function numberToString(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (Number.isInteger(x)) return x.toFixed(0) === "-0" ? "0" : String(x);
  return String(x);
}
