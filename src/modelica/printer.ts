// One printer, three sinks. The printer walks the AST and emits exactly the token sequence the
// parser consumed (the AST keeps every syntactic choice), each with a spacing hint. The sink decides
// what goes between tokens:
//  - CanonicalSink: the hints (a canonical pretty-print: one element per line, two-space indent);
//  - LayoutSink: the archived trivia of each class (layout-preserving printer, byte-identical);
//  - CaptureSink: checks each emitted token against the lexer's token table and records the trivia
//    before it into the layout of the class being printed (so layout and printer agree by construction).
import type * as A from "./ast.js";
import { hintTrivia, isHintTrivia, LayoutDecoder, LayoutEncoder, NONE, SPACE } from "./layout.js";
import type { Tokens } from "./lexer.js";

export { NONE, SPACE };

export interface Sink {
  tok(text: string, hint: number): void;
  enter(owner: { layout?: string }): void;
  exit(owner: { layout?: string }): void;
}

const WORDY = /^[A-Za-z0-9_']/;
const WORDY_END = /[A-Za-z0-9_']$/;

export class CanonicalSink implements Sink {
  private out = "";
  private first = true;
  tok(text: string, hint: number): void {
    if (this.first) this.first = false;
    else if (hint === SPACE) this.out += " ";
    else if (hint >= 0) this.out += "\n" + "  ".repeat(hint);
    this.out += text;
  }
  enter(): void {}
  exit(): void {}
  text(): string {
    return this.out;
  }
}

/** Reproduces the archived layout (layout.ts); a class without a (fitting) layout falls back to the hints. */
export class LayoutSink implements Sink {
  private out: string[] = [];
  private stack: (LayoutDecoder | undefined)[] = [];
  private prevWordy = false;
  private atStart = true;
  /** set when some layout was missing or did not fit the tokens (graph edited): output is then not original */
  degraded = false;
  constructor(root: { layout?: string }) {
    this.stack.push(root.layout === undefined ? undefined : new LayoutDecoder(root.layout));
  }
  tok(text: string, hint: number): void {
    const top = this.stack[this.stack.length - 1];
    let trivia = top?.next(hint, this.atStart);
    if (trivia === undefined) {
      if (top !== undefined) this.degraded = true;
      trivia = hintTrivia(hint, this.atStart);
    }
    // never glue two word-like tokens (only possible when the layout does not belong to these tokens)
    if (trivia === "" && this.prevWordy && text !== "" && WORDY.test(text)) {
      trivia = " ";
      this.degraded = true;
    }
    if (trivia !== "") this.out.push(trivia);
    this.out.push(text);
    this.prevWordy = WORDY_END.test(text);
    this.atStart = false;
  }
  enter(owner: { layout?: string }): void {
    this.stack.push(owner.layout === undefined ? undefined : new LayoutDecoder(owner.layout));
  }
  exit(): void {
    const top = this.stack.pop();
    if (top !== undefined && (top.bad || !top.done())) this.degraded = true;
  }
  text(): string {
    return this.out.join("");
  }
}

/** Records the trivia of each token, compactly (layout.ts), into the layout of the class that owns it. */
export class CaptureSink implements Sink {
  private i = 0;
  private stack: LayoutEncoder[] = [];
  private readonly root: { layout?: string };
  constructor(
    private readonly toks: Tokens,
    root: { layout?: string },
  ) {
    this.root = root;
    this.stack.push(new LayoutEncoder());
  }
  tok(text: string, hint: number): void {
    const t = this.toks;
    const i = this.i++;
    const s = t.start[i]!;
    const e = t.end[i]!;
    const src = t.src;
    // compare without slicing: the printer's token must be the lexer's token i
    let same = e - s === text.length;
    for (let j = 0; same && j < text.length; j++) same = src.charCodeAt(s + j) === text.charCodeAt(j);
    if (!same) throw new Error(`${t.file}: layout capture: token ${i} is ${JSON.stringify(src.slice(s, e))}, printer gave ${JSON.stringify(text)}`);
    const ts = i === 0 ? 0 : t.end[i - 1]!;
    const enc = this.stack[this.stack.length - 1]!;
    if (isHintTrivia(src, ts, s, hint, i === 0)) enc.same();
    else enc.differ(src.slice(ts, s));
  }
  enter(): void {
    this.stack.push(new LayoutEncoder());
  }
  exit(owner: { layout?: string }): void {
    owner.layout = this.stack.pop()!.finish();
  }
  finish(): void {
    if (this.i !== this.toks.count) throw new Error(`${this.toks.file}: layout capture: printed ${this.i} of ${this.toks.count} tokens`);
    this.root.layout = this.stack.pop()!.finish();
  }
}

export class Printer {
  ind = 0;
  /** print every annotation clause as `annotation()` (a hole that from-rdf.ts fills from the annotation nodes) */
  elideAnnotations = false;
  constructor(readonly sink: Sink) {}

  private w(t: string): void { this.sink.tok(t, SPACE); }
  private g(t: string): void { this.sink.tok(t, NONE); }
  private n(t: string): void { this.sink.tok(t, this.ind); }

  storedDefinition(sd: A.StoredDefinition): void {
    if (sd.within) {
      this.n("within");
      if (sd.within.name) this.nameTokens(sd.within.name, SPACE);
      this.g(";");
    }
    for (const { final, cls } of sd.classes) {
      if (final) {
        this.n("final");
        this.classDef(cls, SPACE);
      } else this.classDef(cls, this.ind);
      this.g(";");
    }
    this.sink.tok("", 0); // end of file: its trivia is the file's tail
  }

  private nameTokens(name: A.Name, hint: number): void {
    this.sink.tok(name[0]!, hint);
    for (let i = 1; i < name.length; i++) {
      this.g(".");
      this.g(name[i]!);
    }
  }

  typeSpec(t: A.TypeSpec, hint: number = SPACE): void {
    if (t.global) {
      this.sink.tok(".", hint);
      this.nameTokens(t.name, NONE);
    } else this.nameTokens(t.name, hint);
  }

  classDef(c: A.ClassDef, hint: number): void {
    this.sink.enter(c);
    let h = hint;
    const t = (s: string): void => {
      this.sink.tok(s, h);
      h = SPACE;
    };
    if (c.encapsulated) t("encapsulated");
    this.classPrefixes(c.pre, t);
    const s = c.spec;
    switch (s.k) {
      case "long":
      case "extends":
        if (s.k === "extends") {
          this.w("extends");
          this.w(c.name);
          if (s.cm) this.classMod(s.cm, NONE);
        } else this.w(c.name);
        this.desc(s.desc);
        this.composition(s.comp);
        this.n("end");
        this.w(s.endName);
        break;
      case "short":
      case "enum":
      case "der":
        this.w(c.name);
        this.w("=");
        this.shortSpecBody(s);
        break;
    }
    this.sink.exit(c);
  }

  private classPrefixes(p: A.ClassPrefixes, t: (s: string) => void): void {
    if (p.partial) t("partial");
    if (p.expandable) t("expandable");
    if (p.purity) t(p.purity);
    if (p.operator) t("operator");
    t(p.kind);
  }

  private shortSpecBody(s: A.ClassSpec): void {
    if (s.k === "short") {
      if (s.base) this.w(s.base);
      this.typeSpec(s.type);
      if (s.subs) this.subscripts(s.subs);
      if (s.cm) this.classMod(s.cm, NONE);
      this.comment(s.comment);
    } else if (s.k === "enum") {
      this.w("enumeration");
      this.g("(");
      if (s.colon) this.g(":");
      s.lits.forEach((l, i) => {
        if (i > 0) this.g(",");
        this.sink.tok(l.id, i === 0 ? NONE : SPACE);
        this.comment(l.comment);
      });
      this.g(")");
      this.comment(s.comment);
    } else if (s.k === "der") {
      this.w("der");
      this.g("(");
      this.typeSpec(s.type, NONE);
      for (const id of s.ids) {
        this.g(",");
        this.w(id);
      }
      this.g(")");
      this.comment(s.comment);
    }
  }

  composition(c: A.Composition): void {
    this.ind++;
    for (const sec of c.sections) {
      if (sec.k === "public" || sec.k === "protected") {
        if (sec.keyword) {
          this.ind--;
          this.n(sec.k);
          this.ind++;
        }
        for (const el of sec.elems) {
          this.element(el, this.ind);
          this.g(";");
        }
      } else {
        const s2 = sec as Extract<A.Section, { initial: boolean }>;
        this.ind--;
        if (s2.initial) {
          this.n("initial");
          this.w(s2.k);
        } else this.n(s2.k);
        this.ind++;
        if (s2.k === "equation") for (const eq of s2.eqs) { this.equation(eq, this.ind); this.g(";"); }
        else for (const st of s2.stmts) { this.statement(st, this.ind); this.g(";"); }
      }
    }
    if (c.external) {
      const e = c.external;
      this.n("external");
      if (e.lang) this.w(e.lang);
      if (e.call) {
        if (e.call.lhs) {
          this.compRef(e.call.lhs, SPACE);
          this.w("=");
        }
        this.w(e.call.fn);
        this.g("(");
        if (e.call.args) this.exprList(e.call.args, NONE);
        this.g(")");
      }
      if (e.ann) this.annotation(e.ann, SPACE);
      this.g(";");
    }
    if (c.ann) {
      this.annotation(c.ann, this.ind);
      this.g(";");
    }
    this.ind--;
  }

  element(e: A.Element, hint: number): void {
    let h = hint;
    const t = (s: string): void => {
      this.sink.tok(s, h);
      h = SPACE;
    };
    switch (e.k) {
      case "import":
        t("import");
        if (e.alias) {
          this.w(e.alias);
          this.w("=");
        }
        this.nameTokens(e.name, SPACE);
        if (e.wild === ".*") this.g(".*");
        else if (e.wild === ". *") {
          this.g(".");
          this.w("*"); // kept apart: glued it would lex as the ".*" token
        } else if (e.list) {
          this.g(".");
          this.g("{");
          e.list.forEach((id, i) => {
            if (i > 0) this.g(",");
            this.sink.tok(id, i === 0 ? NONE : SPACE);
          });
          this.g("}");
        }
        this.comment(e.comment);
        return;
      case "extends":
        t("extends");
        this.typeSpec(e.type);
        if (e.cm) this.classMod(e.cm, NONE);
        if (e.ann) this.annotation(e.ann, SPACE);
        return;
      case "comp":
      case "class": {
        const p = e.pre;
        if (p.redeclare) t("redeclare");
        if (p.final) t("final");
        if (p.inner) t("inner");
        if (p.outer) t("outer");
        if (p.replaceable) t("replaceable");
        if (e.k === "class") this.classDef(e.cls, h);
        else this.componentClause(e.clause, h);
        if (e.cc) {
          this.constraining(e.cc);
          this.comment(e.ccComment ?? { desc: [] });
        }
        return;
      }
    }
  }

  private constraining(cc: A.ConstrainingClause): void {
    this.w("constrainedby");
    this.typeSpec(cc.type);
    if (cc.cm) this.classMod(cc.cm, NONE);
  }

  componentClause(c: A.ComponentClause, hint: number): void {
    this.typePrefix(c, hint);
    if (c.subs) this.subscripts(c.subs);
    c.decls.forEach((d, i) => {
      if (i > 0) this.g(",");
      this.declaration(d, SPACE);
    });
  }

  /** type-prefix and type-specifier; the first token gets `hint`. */
  typePrefix(c: A.ComponentClause, hint: number): void {
    let h = hint;
    const t = (s: string): void => {
      this.sink.tok(s, h);
      h = SPACE;
    };
    if (c.flow) t(c.flow);
    if (c.variability) t(c.variability);
    if (c.causality) t(c.causality);
    this.typeSpec(c.type, h);
  }

  declaration(d: A.Declaration, hint: number): void {
    this.sink.tok(d.name, hint);
    if (d.subs) this.subscripts(d.subs);
    if (d.mod) this.modification(d.mod);
    if (d.cond) {
      this.w("if");
      this.expr(d.cond, SPACE);
    }
    this.comment(d.comment);
  }

  modification(m: A.Modification, hint: number = NONE): void {
    if (m.cm) this.classMod(m.cm, hint);
    if (m.eq) {
      this.sink.tok(m.eq, m.cm ? SPACE : hint === NONE ? SPACE : hint);
      if (m.value === "break") this.w("break");
      else if (m.value) this.expr(m.value, SPACE);
    }
  }

  classMod(args: A.Arg[], hint: number): void {
    this.sink.tok("(", hint);
    args.forEach((a, i) => {
      if (i > 0) this.g(",");
      this.argument(a, i === 0 ? NONE : SPACE);
    });
    this.g(")");
  }

  argument(a: A.Arg, hint: number): void {
    let h = hint;
    const t = (s: string): void => {
      this.sink.tok(s, h);
      h = SPACE;
    };
    if (a.redeclare) t("redeclare");
    if (a.each) t("each");
    if (a.final) t("final");
    if (a.replaceable) t("replaceable");
    if (a.kind === "mod") {
      this.nameTokens(a.name!, h);
      if (a.mod) this.modification(a.mod);
      this.desc(a.desc ?? []);
    } else if (a.kind === "class") {
      // a short class inside a modification is part of its owner's text: no layout of its own
      const c = a.cls!;
      this.classPrefixes(c.pre, t);
      this.w(c.name);
      this.w("=");
      this.shortSpecBody(c.spec);
    } else {
      const cc = a.comp!;
      this.typePrefix(cc, h);
      this.declaration(cc.decls[0]!, SPACE);
    }
    if (a.cc) this.constraining(a.cc);
  }

  annotation(args: A.Arg[], hint: number): void {
    this.sink.tok("annotation", hint);
    this.classMod(this.elideAnnotations ? [] : args, NONE);
  }

  desc(parts: string[]): void {
    parts.forEach((s, i) => {
      if (i > 0) this.w("+");
      this.w(s);
    });
  }

  comment(c: A.Comment): void {
    this.desc(c.desc);
    if (c.ann) this.annotation(c.ann, SPACE);
  }

  // ---- equations and statements --------------------------------------------------------------

  equation(e: A.Equation, hint: number): void {
    switch (e.k) {
      case "eq":
        this.expr(e.lhs, hint);
        this.w("=");
        this.expr(e.rhs, SPACE);
        break;
      case "call":
        this.compRef(e.fn, hint);
        this.callArgs(e.args);
        break;
      case "connect":
        this.sink.tok("connect", hint);
        this.g("(");
        this.compRef(e.a, NONE);
        this.g(",");
        this.compRef(e.b, SPACE);
        this.g(")");
        break;
      case "if":
        this.ifBlock(e.branches, e.otherwise, hint, (x, h) => this.equation(x, h));
        break;
      case "for":
        this.sink.tok("for", hint);
        this.forIndices(e.idx);
        this.w("loop");
        this.block(e.body, (x, h) => this.equation(x, h));
        this.n("end");
        this.w("for");
        break;
      case "when":
        this.whenBlock(e.branches, hint, (x, h) => this.equation(x, h));
        break;
    }
    this.comment(e.comment);
  }

  statement(s: A.Statement, hint: number): void {
    switch (s.k) {
      case "assign":
        this.compRef(s.lhs, hint);
        this.w(":=");
        this.expr(s.rhs, SPACE);
        break;
      case "call":
        this.compRef(s.fn, hint);
        this.callArgs(s.args);
        break;
      case "multi":
        this.sink.tok("(", hint);
        this.outputList(s.out);
        this.g(")");
        this.w(":=");
        this.compRef(s.fn, SPACE);
        this.callArgs(s.args);
        break;
      case "break":
      case "return":
        this.sink.tok(s.k, hint);
        break;
      case "if":
        this.ifBlock(s.branches, s.otherwise, hint, (x, h) => this.statement(x, h));
        break;
      case "for":
        this.sink.tok("for", hint);
        this.forIndices(s.idx);
        this.w("loop");
        this.block(s.body, (x, h) => this.statement(x, h));
        this.n("end");
        this.w("for");
        break;
      case "while":
        this.sink.tok("while", hint);
        this.expr(s.cond, SPACE);
        this.w("loop");
        this.block(s.body, (x, h) => this.statement(x, h));
        this.n("end");
        this.w("while");
        break;
      case "when":
        this.whenBlock(s.branches, hint, (x, h) => this.statement(x, h));
        break;
    }
    this.comment(s.comment);
  }

  private block<X>(body: X[], item: (x: X, hint: number) => void): void {
    this.ind++;
    for (const x of body) {
      item(x, this.ind);
      this.g(";");
    }
    this.ind--;
  }

  private ifBlock<X>(branches: { cond: A.Expr; body: X[] }[], otherwise: X[] | undefined, hint: number, item: (x: X, h: number) => void): void {
    branches.forEach((b, i) => {
      if (i === 0) this.sink.tok("if", hint);
      else this.n("elseif");
      this.expr(b.cond, SPACE);
      this.w("then");
      this.block(b.body, item);
    });
    if (otherwise) {
      this.n("else");
      this.block(otherwise, item);
    }
    this.n("end");
    this.w("if");
  }

  private whenBlock<X>(branches: { cond: A.Expr; body: X[] }[], hint: number, item: (x: X, h: number) => void): void {
    branches.forEach((b, i) => {
      if (i === 0) this.sink.tok("when", hint);
      else this.n("elsewhen");
      this.expr(b.cond, SPACE);
      this.w("then");
      this.block(b.body, item);
    });
    this.n("end");
    this.w("when");
  }

  private forIndices(idx: A.ForIndex[]): void {
    idx.forEach((fi, i) => {
      if (i > 0) this.g(",");
      this.w(fi.id);
      if (fi.range) {
        this.w("in");
        this.expr(fi.range, SPACE);
      }
    });
  }

  // ---- expressions ---------------------------------------------------------------------------

  expr(e: A.Expr, hint: number): void {
    switch (e.k) {
      case "num":
      case "str":
        this.sink.tok(e.v, hint);
        return;
      case "bool":
        this.sink.tok(e.v ? "true" : "false", hint);
        return;
      case "end":
        this.sink.tok("end", hint);
        return;
      case "ref":
        this.compRef(e.ref, hint);
        return;
      case "call":
        if (typeof e.fn === "string") this.sink.tok(e.fn, hint);
        else this.compRef(e.fn, hint);
        this.callArgs(e.args);
        return;
      case "paren":
        this.sink.tok("(", hint);
        this.outputList(e.items);
        this.g(")");
        return;
      case "matrix":
        this.sink.tok("[", hint);
        e.rows.forEach((row, i) => {
          if (i > 0) this.g(";");
          this.exprList(row, i === 0 ? NONE : SPACE);
        });
        this.g("]");
        return;
      case "array":
        this.sink.tok("{", hint);
        if (e.items.length) this.exprList(e.items, NONE);
        if (e.iter) {
          this.w("for");
          this.forIndices(e.iter);
        }
        this.g("}");
        return;
      case "range":
        e.parts.forEach((p, i) => {
          if (i > 0) this.g(":");
          this.expr(p, i === 0 ? hint : NONE);
        });
        return;
      case "if":
        e.branches.forEach(([c, v], i) => {
          this.sink.tok(i === 0 ? "if" : "elseif", i === 0 ? hint : SPACE);
          this.expr(c, SPACE);
          this.w("then");
          this.expr(v, SPACE);
        });
        this.w("else");
        this.expr(e.otherwise, SPACE);
        return;
      case "bin": {
        this.expr(e.l, hint);
        const tight = e.op === "^" || e.op === ".^";
        this.sink.tok(e.op, tight ? NONE : SPACE);
        this.expr(e.r, tight ? NONE : SPACE);
        return;
      }
      case "un":
        this.sink.tok(e.op, hint);
        this.expr(e.e, e.op === "not" ? SPACE : NONE);
        return;
    }
  }

  exprList(items: A.Expr[], hint: number): void {
    items.forEach((x, i) => {
      if (i > 0) this.g(",");
      this.expr(x, i === 0 ? hint : SPACE);
    });
  }

  private outputList(items: (A.Expr | null)[]): void {
    items.forEach((x, i) => {
      if (i > 0) this.g(",");
      if (x) this.expr(x, i === 0 ? NONE : SPACE);
    });
  }

  compRef(r: A.CompRef, hint: number): void {
    let h = hint;
    if (r.global) {
      this.sink.tok(".", h);
      h = NONE;
    }
    r.parts.forEach((p, i) => {
      if (i > 0) this.g(".");
      this.sink.tok(p.id, i === 0 ? h : NONE);
      if (p.subs) this.subscripts(p.subs);
    });
  }

  subscripts(subs: A.Subscript[]): void {
    this.g("[");
    subs.forEach((s, i) => {
      if (i > 0) this.g(",");
      if (s.k === "colon") this.sink.tok(":", i === 0 ? NONE : SPACE);
      else this.expr(s, i === 0 ? NONE : SPACE);
    });
    this.g("]");
  }

  callArgs(a: A.FnArgs): void {
    this.g("(");
    let first = true;
    const h = (): number => {
      const r = first ? NONE : SPACE;
      first = false;
      return r;
    };
    a.pos.forEach((x, i) => {
      if (i > 0) this.g(",");
      this.fnArg(x, h());
    });
    if (a.iter) {
      this.w("for");
      this.forIndices(a.iter);
    }
    a.named.forEach((na, i) => {
      if (i > 0 || a.pos.length > 0) this.g(",");
      this.sink.tok(na.id, h());
      this.w("=");
      this.fnArg(na.value, SPACE);
    });
    this.g(")");
  }

  private fnArg(x: A.FnArg, hint: number): void {
    if (x.k === "partial") {
      this.sink.tok("function", hint);
      this.typeSpec(x.fn);
      this.g("(");
      x.named.forEach((na, i) => {
        if (i > 0) this.g(",");
        this.sink.tok(na.id, i === 0 ? NONE : SPACE);
        this.w("=");
        this.fnArg(na.value, SPACE);
      });
      this.g(")");
    } else this.expr(x, hint);
  }
}

/** Canonical text of any AST part, e.g. `canonical((p) => p.equation(eq, 0))`. */
export function canonical(body: (p: Printer) => void): string {
  const sink = new CanonicalSink();
  body(new Printer(sink));
  return sink.text();
}

/** Canonical text with every annotation clause left empty: `annotation()`. */
export function canonicalElided(body: (p: Printer) => void): string {
  const sink = new CanonicalSink();
  const p = new Printer(sink);
  p.elideAnnotations = true;
  body(p);
  return sink.text();
}

/** Canonical pretty-print of a whole file. */
export function printCanonical(sd: A.StoredDefinition): string {
  return canonical((p) => p.storedDefinition(sd));
}

/** Layout-preserving print: the archived trivia between the tokens (byte-identical when the layout fits). */
export function printOriginal(sd: A.StoredDefinition): { text: string; degraded: boolean } {
  const sink = new LayoutSink(sd);
  new Printer(sink).storedDefinition(sd);
  return { text: sink.text(), degraded: sink.degraded };
}

/** Fills `layout` of the file and of every class from the token table (after parsing). */
export function captureLayout(sd: A.StoredDefinition, toks: Tokens): void {
  const sink = new CaptureSink(toks, sd);
  new Printer(sink).storedDefinition(sd);
  sink.finish();
}
