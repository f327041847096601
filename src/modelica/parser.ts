// Recursive-descent parser for the complete Modelica 3.6 concrete syntax (MLS 3.6 Appendix A,
// §A.2.1–A.2.7), one method per production. It works on the lexer's token table (integer kinds,
// offsets), so it allocates only the AST. Errors: `file:line:col: expected X, found Y`.
// When a coverage set is given, each production records its name when it actually occurs (optional
// parts only when present, alternatives as "rule/alternative"), which the corpus test checks.
import type * as A from "./ast.js";
import { kindName, lineCol, ModelicaSyntaxError, T, tokenize, type Tokens } from "./lexer.js";

const CLASS_START = new Set<T>([
  T.ENCAPSULATED, T.PARTIAL, T.CLASS, T.MODEL, T.OPERATOR, T.RECORD, T.BLOCK, T.EXPANDABLE, T.CONNECTOR,
  T.TYPE, T.PACKAGE, T.PURE, T.IMPURE, T.FUNCTION,
]);

export class Parser {
  private readonly kind: Uint8Array;
  private readonly start: Uint32Array;
  private readonly end: Uint32Array;
  private readonly src: string;
  private p = 0;

  constructor(
    private readonly toks: Tokens,
    private readonly cov?: Set<string>,
  ) {
    this.kind = toks.kind;
    this.start = toks.start;
    this.end = toks.end;
    this.src = toks.src;
  }

  // ---- token helpers -------------------------------------------------------------------------

  // number, not T: TypeScript would otherwise narrow it across this.p++ and reject later checks
  private tk(): number {
    return this.kind[this.p]!;
  }
  private la(n: number): T {
    const i = this.p + n;
    return (i < this.toks.count ? this.kind[i] : T.EOF) as T;
  }
  private text(): string {
    return this.src.slice(this.start[this.p], this.end[this.p]);
  }
  private hit(rule: string): void {
    this.cov?.add(rule);
  }
  private eat(k: T): boolean {
    if (this.kind[this.p] === k) {
      this.p++;
      return true;
    }
    return false;
  }
  private expect(k: T, what?: string): void {
    if (this.kind[this.p] !== k) this.fail(what ?? kindName(k));
    this.p++;
  }
  private ident(): string {
    if (this.kind[this.p] !== T.IDENT) this.fail("identifier");
    return this.src.slice(this.start[this.p], this.end[this.p++]);
  }
  fail(expected: string): never {
    const pos = this.start[this.p]!;
    const { line, col } = lineCol(this.src, pos);
    const k = this.tk();
    const found = k === T.EOF ? "end of file" : k === T.STRING ? "string" : `'${this.text()}'`;
    throw new ModelicaSyntaxError(this.toks.file, line, col, `expected ${expected}, found ${found}`);
  }
  atEnd(): boolean {
    return this.tk() === T.EOF;
  }
  expectEof(): void {
    if (this.tk() !== T.EOF) this.fail("end of input");
  }

  // ---- A.2.1 stored definition ------------------------------------------------------------------

  storedDefinition(): A.StoredDefinition {
    this.hit("stored-definition");
    const sd: A.StoredDefinition = { classes: [] };
    if (this.eat(T.WITHIN)) {
      this.hit("stored-definition/within");
      sd.within = this.tk() === T.IDENT ? { name: this.name() } : {};
      this.expect(T.SEMI);
    }
    while (this.tk() !== T.EOF) {
      const final = this.eat(T.FINAL);
      if (final) this.hit("stored-definition/final");
      if (!CLASS_START.has(this.tk() as T)) this.fail("a class definition");
      const cls = this.classDefinition();
      this.expect(T.SEMI);
      sd.classes.push({ final, cls });
    }
    return sd;
  }

  // ---- A.2.2 class definition -------------------------------------------------------------------

  classDefinition(): A.ClassDef {
    this.hit("class-definition");
    const encapsulated = this.eat(T.ENCAPSULATED);
    if (encapsulated) this.hit("class-definition/encapsulated");
    const pre = this.classPrefixes();
    return this.classSpecifier(encapsulated, pre);
  }

  classPrefixes(): A.ClassPrefixes {
    this.hit("class-prefixes");
    const partial = this.eat(T.PARTIAL);
    if (partial) this.hit("class-prefixes/partial");
    const pre: A.ClassPrefixes = { partial, kind: "class", operator: false, expandable: false };
    switch (this.tk()) {
      case T.CLASS: pre.kind = "class"; break;
      case T.MODEL: pre.kind = "model"; break;
      case T.BLOCK: pre.kind = "block"; break;
      case T.TYPE: pre.kind = "type"; break;
      case T.PACKAGE: pre.kind = "package"; break;
      case T.RECORD: pre.kind = "record"; break;
      case T.CONNECTOR: pre.kind = "connector"; break;
      case T.FUNCTION: pre.kind = "function"; break;
      case T.EXPANDABLE:
        this.p++;
        this.hit("class-prefixes/expandable");
        pre.expandable = true;
        if (this.tk() !== T.CONNECTOR) this.fail("'connector'");
        pre.kind = "connector";
        break;
      case T.PURE:
      case T.IMPURE:
        pre.purity = this.tk() === T.PURE ? "pure" : "impure";
        this.hit(`class-prefixes/${pre.purity}`);
        this.p++;
        if (this.eat(T.OPERATOR)) pre.operator = true;
        if (this.tk() !== T.FUNCTION) this.fail("'function'");
        pre.kind = "function";
        break;
      case T.OPERATOR:
        this.p++;
        if (this.tk() === T.RECORD) { pre.operator = true; pre.kind = "record"; this.hit("class-prefixes/operator-record"); }
        else if (this.tk() === T.FUNCTION) { pre.operator = true; pre.kind = "function"; this.hit("class-prefixes/operator-function"); }
        else { pre.kind = "operator"; this.hit("class-prefixes/operator"); return pre; }
        break;
      default:
        this.fail("a class kind (class, model, record, block, connector, type, package, function, operator)");
    }
    this.hit(`class-prefixes/${pre.kind}`);
    this.p++;
    return pre;
  }

  classSpecifier(encapsulated: boolean, pre: A.ClassPrefixes): A.ClassDef {
    this.hit("class-specifier");
    if (this.tk() === T.EXTENDS) {
      this.hit("long-class-specifier");
      this.hit("long-class-specifier/extends");
      this.p++;
      const name = this.ident();
      const cm = this.tk() === T.LPAREN ? this.classModification() : undefined;
      const desc = this.descriptionString();
      const comp = this.composition();
      this.expect(T.END);
      const endName = this.ident();
      const spec: A.ClassSpec = { k: "extends", desc, comp, endName };
      if (cm) spec.cm = cm;
      return { encapsulated, pre, name, spec };
    }
    const name = this.ident();
    if (this.tk() === T.EQ) {
      this.p++;
      if (this.tk() === T.ENUMERATION) return { encapsulated, pre, name, spec: this.enumSpec() };
      if (this.tk() === T.DER && this.la(1) === T.LPAREN) {
        this.hit("der-class-specifier");
        this.p += 2;
        const type = this.typeSpecifier();
        const ids: string[] = [];
        do {
          this.expect(T.COMMA);
          ids.push(this.ident());
        } while (this.tk() === T.COMMA);
        this.expect(T.RPAREN);
        return { encapsulated, pre, name, spec: { k: "der", type, ids, comment: this.comment() } };
      }
      return { encapsulated, pre, name, spec: this.shortSpec() };
    }
    this.hit("long-class-specifier");
    const desc = this.descriptionString();
    const comp = this.composition();
    this.expect(T.END);
    const endName = this.ident();
    return { encapsulated, pre, name, spec: { k: "long", desc, comp, endName } };
  }

  /** short-class-specifier after `IDENT =` (not enumeration). */
  private shortSpec(): A.ClassSpec {
    this.hit("short-class-specifier");
    let base: "input" | "output" | undefined;
    if (this.tk() === T.INPUT || this.tk() === T.OUTPUT) {
      this.hit("base-prefix");
      base = this.tk() === T.INPUT ? "input" : "output";
      this.p++;
    }
    const type = this.typeSpecifier();
    const spec: A.ClassSpec = { k: "short", type, comment: { desc: [] } };
    if (base) spec.base = base;
    if (this.tk() === T.LBRACK) spec.subs = this.arraySubscripts();
    if (this.tk() === T.LPAREN) spec.cm = this.classModification();
    spec.comment = this.comment();
    return spec;
  }

  private enumSpec(): A.ClassSpec {
    this.hit("short-class-specifier/enumeration");
    this.p++;
    this.expect(T.LPAREN);
    const lits: { id: string; comment: A.Comment }[] = [];
    let colon = false;
    if (this.eat(T.COLON)) {
      colon = true;
      this.hit("short-class-specifier/enumeration-colon");
    } else if (this.tk() === T.IDENT) {
      this.hit("enum-list");
      do {
        this.hit("enumeration-literal");
        lits.push({ id: this.ident(), comment: this.comment() });
      } while (this.eat(T.COMMA));
    }
    this.expect(T.RPAREN, lits.length ? "',' or ')'" : "')'");
    return { k: "enum", colon, lits, comment: this.comment() };
  }

  private isSectionStart(): boolean {
    const k = this.tk();
    return k === T.PUBLIC || k === T.PROTECTED || k === T.EQUATION || k === T.ALGORITHM ||
      (k === T.INITIAL && (this.la(1) === T.EQUATION || this.la(1) === T.ALGORITHM));
  }

  composition(): A.Composition {
    this.hit("composition");
    const comp: A.Composition = { sections: [{ k: "public", keyword: false, elems: this.elementList() }] };
    for (;;) {
      const k = this.tk();
      if (k === T.PUBLIC || k === T.PROTECTED) {
        this.hit(k === T.PUBLIC ? "composition/public" : "composition/protected");
        this.p++;
        comp.sections.push({ k: k === T.PUBLIC ? "public" : "protected", keyword: true, elems: this.elementList() });
      } else if (k === T.EQUATION || (k === T.INITIAL && this.la(1) === T.EQUATION)) {
        comp.sections.push(this.equationSection());
      } else if (k === T.ALGORITHM || (k === T.INITIAL && this.la(1) === T.ALGORITHM)) {
        comp.sections.push(this.algorithmSection());
      } else break;
    }
    if (this.eat(T.EXTERNAL)) {
      this.hit("composition/external");
      const ext: A.External = {};
      if (this.tk() === T.STRING) {
        this.hit("language-specification");
        ext.lang = this.text();
        this.p++;
      }
      if (this.tk() === T.IDENT || this.tk() === T.DOT) ext.call = this.externalCall();
      if (this.tk() === T.ANNOTATION) ext.ann = this.annotationClause();
      this.expect(T.SEMI);
      comp.external = ext;
    }
    if (this.tk() === T.ANNOTATION) {
      this.hit("composition/annotation");
      comp.ann = this.annotationClause();
      this.expect(T.SEMI);
    }
    return comp;
  }

  private externalCall(): NonNullable<A.External["call"]> {
    this.hit("external-function-call");
    if (this.tk() === T.IDENT && this.la(1) === T.LPAREN) {
      return this.externalCallTail({ fn: this.ident() });
    }
    const lhs = this.componentReference();
    this.expect(T.EQ, "'=' or '('");
    this.hit("external-function-call/lhs");
    return this.externalCallTail({ lhs, fn: this.ident() });
  }
  private externalCallTail(call: NonNullable<A.External["call"]>): NonNullable<A.External["call"]> {
    this.expect(T.LPAREN);
    if (this.tk() !== T.RPAREN) call.args = this.expressionList();
    this.expect(T.RPAREN);
    return call;
  }

  elementList(): A.Element[] {
    this.hit("element-list");
    const elems: A.Element[] = [];
    for (;;) {
      const k = this.tk();
      if (k === T.END || k === T.EOF || k === T.EXTERNAL || k === T.ANNOTATION || this.isSectionStart()) break;
      elems.push(this.element());
      this.expect(T.SEMI);
    }
    return elems;
  }

  element(): A.Element {
    this.hit("element");
    if (this.tk() === T.IMPORT) return this.importClause();
    if (this.tk() === T.EXTENDS) return this.extendsClause();
    const pre: A.ElementPrefixes = { redeclare: false, final: false, inner: false, outer: false, replaceable: false };
    if (this.eat(T.REDECLARE)) { pre.redeclare = true; this.hit("element/redeclare"); }
    if (this.eat(T.FINAL)) { pre.final = true; this.hit("element/final"); }
    if (this.eat(T.INNER)) { pre.inner = true; this.hit("element/inner"); }
    if (this.eat(T.OUTER)) { pre.outer = true; this.hit("element/outer"); }
    if (this.eat(T.REPLACEABLE)) { pre.replaceable = true; this.hit("element/replaceable"); }
    let el: A.Element;
    if (CLASS_START.has(this.tk() as T)) {
      this.hit("element/class-definition");
      el = { k: "class", pre, cls: this.classDefinition() };
    } else {
      this.hit("element/component-clause");
      el = { k: "comp", pre, clause: this.componentClause() };
    }
    if (pre.replaceable && this.tk() === T.CONSTRAINEDBY) {
      el.cc = this.constrainingClause();
      el.ccComment = this.comment();
    }
    return el;
  }

  private importClause(): A.Element {
    this.hit("import-clause");
    this.p++;
    if (this.tk() === T.IDENT && this.la(1) === T.EQ) {
      this.hit("import-clause/alias");
      const alias = this.ident();
      this.p++;
      const name = this.name();
      return { k: "import", alias, name, comment: this.comment() };
    }
    const name = this.name();
    const el: A.Element = { k: "import", name, comment: { desc: [] } };
    if (this.eat(T.DSTAR)) {
      this.hit("import-clause/dot-star");
      el.wild = ".*";
    } else if (this.tk() === T.DOT) {
      this.p++;
      if (this.eat(T.STAR)) {
        this.hit("import-clause/dot-space-star");
        el.wild = ". *";
      } else {
        this.expect(T.LBRACE, "'*' or '{'");
        this.hit("import-list");
        const list = [this.ident()];
        while (this.eat(T.COMMA)) list.push(this.ident());
        this.expect(T.RBRACE);
        el.list = list;
      }
    } else this.hit("import-clause/name");
    el.comment = this.comment();
    return el;
  }

  // ---- A.2.3 extends ------------------------------------------------------------------------------

  private extendsClause(): A.Element {
    this.hit("extends-clause");
    this.p++;
    const el: A.Element = { k: "extends", type: this.typeSpecifier() };
    if (this.tk() === T.LPAREN) el.cm = this.classModification();
    if (this.tk() === T.ANNOTATION) el.ann = this.annotationClause();
    return el;
  }

  constrainingClause(): A.ConstrainingClause {
    this.hit("constraining-clause");
    this.expect(T.CONSTRAINEDBY);
    const cc: A.ConstrainingClause = { type: this.typeSpecifier() };
    if (this.tk() === T.LPAREN) cc.cm = this.classModification();
    return cc;
  }

  // ---- A.2.4 component clause ------------------------------------------------------------------

  componentClause(): A.ComponentClause {
    this.hit("component-clause");
    const cc = this.typePrefixAndSpecifier();
    if (this.tk() === T.LBRACK) cc.subs = this.arraySubscripts();
    this.hit("component-list");
    do {
      cc.decls.push(this.componentDeclaration());
    } while (this.eat(T.COMMA));
    return cc;
  }

  private typePrefixAndSpecifier(): A.ComponentClause {
    this.hit("type-prefix");
    const cc: A.ComponentClause = { type: { global: false, name: [] }, decls: [] };
    if (this.tk() === T.FLOW || this.tk() === T.STREAM) {
      cc.flow = this.tk() === T.FLOW ? "flow" : "stream";
      this.hit(`type-prefix/${cc.flow}`);
      this.p++;
    }
    if (this.tk() === T.DISCRETE || this.tk() === T.PARAMETER || this.tk() === T.CONSTANT) {
      cc.variability = this.tk() === T.DISCRETE ? "discrete" : this.tk() === T.PARAMETER ? "parameter" : "constant";
      this.hit(`type-prefix/${cc.variability}`);
      this.p++;
    }
    if (this.tk() === T.INPUT || this.tk() === T.OUTPUT) {
      cc.causality = this.tk() === T.INPUT ? "input" : "output";
      this.hit(`type-prefix/${cc.causality}`);
      this.p++;
    }
    cc.type = this.typeSpecifier();
    return cc;
  }

  private componentDeclaration(): A.Declaration {
    this.hit("component-declaration");
    const d = this.declaration();
    if (this.tk() === T.IF) {
      this.hit("condition-attribute");
      this.p++;
      d.cond = this.expression();
    }
    d.comment = this.comment();
    return d;
  }

  private declaration(): A.Declaration {
    this.hit("declaration");
    const d: A.Declaration = { name: this.ident(), comment: { desc: [] } };
    if (this.tk() === T.LBRACK) d.subs = this.arraySubscripts();
    if (this.tk() === T.LPAREN || this.tk() === T.EQ || this.tk() === T.ASSIGN) d.mod = this.modification();
    return d;
  }

  // ---- A.2.5 modification ----------------------------------------------------------------------

  modification(): A.Modification {
    this.hit("modification");
    const m: A.Modification = {};
    if (this.tk() === T.LPAREN) {
      m.cm = this.classModification();
      if (this.tk() !== T.EQ) return m;
    }
    if (this.tk() === T.EQ) { m.eq = "="; this.hit("modification/="); }
    else if (this.tk() === T.ASSIGN) { m.eq = ":="; this.hit("modification/:="); }
    else this.fail("'(', '=' or ':='");
    this.p++;
    this.hit("modification-expression");
    if (this.tk() === T.BREAK) {
      this.hit("modification-expression/break");
      this.p++;
      m.value = "break";
    } else m.value = this.expression();
    return m;
  }

  classModification(): A.Arg[] {
    this.hit("class-modification");
    this.expect(T.LPAREN);
    const args: A.Arg[] = [];
    if (this.tk() !== T.RPAREN) {
      this.hit("argument-list");
      do args.push(this.argument());
      while (this.eat(T.COMMA));
    }
    this.expect(T.RPAREN, args.length ? "',' or ')'" : "')'");
    return args;
  }

  argument(): A.Arg {
    this.hit("argument");
    const a: A.Arg = { redeclare: false, each: false, final: false, replaceable: false, kind: "mod" };
    if (this.eat(T.REDECLARE)) { a.redeclare = true; this.hit("element-redeclaration"); }
    else this.hit("element-modification-or-replaceable");
    if (this.eat(T.EACH)) { a.each = true; this.hit("argument/each"); }
    if (this.eat(T.FINAL)) { a.final = true; this.hit("argument/final"); }
    if (this.eat(T.REPLACEABLE)) {
      this.hit("element-replaceable");
      a.replaceable = true;
      this.replaceableBody(a);
      if (this.tk() === T.CONSTRAINEDBY) a.cc = this.constrainingClause();
      return a;
    }
    if (a.redeclare) {
      this.replaceableBody(a);
      return a;
    }
    this.hit("element-modification");
    a.name = this.name();
    if (this.tk() === T.LPAREN || this.tk() === T.EQ || this.tk() === T.ASSIGN) a.mod = this.modification();
    a.desc = this.descriptionString();
    return a;
  }

  private replaceableBody(a: A.Arg): void {
    if (CLASS_START.has(this.tk() as T)) {
      this.hit("short-class-definition");
      a.kind = "class";
      const pre = this.classPrefixes();
      const name = this.ident();
      this.expect(T.EQ);
      a.cls = { encapsulated: false, pre, name, spec: this.tk() === T.ENUMERATION ? this.enumSpec() : this.shortSpec() };
    } else {
      this.hit("component-clause1");
      a.kind = "comp";
      const cc = this.typePrefixAndSpecifier();
      this.hit("component-declaration1");
      const d = this.declaration();
      d.comment = this.comment();
      cc.decls.push(d);
      a.comp = cc;
    }
  }

  // ---- A.2.6 equations -------------------------------------------------------------------------

  private equationSection(): A.Section {
    this.hit("equation-section");
    const initial = this.eat(T.INITIAL);
    if (initial) this.hit("equation-section/initial");
    this.expect(T.EQUATION);
    const eqs: A.Equation[] = [];
    while (!this.isSectionEnd()) {
      eqs.push(this.equation());
      this.expect(T.SEMI);
    }
    return { k: "equation", initial, eqs };
  }

  private algorithmSection(): A.Section {
    this.hit("algorithm-section");
    const initial = this.eat(T.INITIAL);
    if (initial) this.hit("algorithm-section/initial");
    this.expect(T.ALGORITHM);
    const stmts: A.Statement[] = [];
    while (!this.isSectionEnd()) {
      stmts.push(this.statement());
      this.expect(T.SEMI);
    }
    return { k: "algorithm", initial, stmts };
  }

  private isSectionEnd(): boolean {
    const k = this.tk();
    return k === T.END || k === T.EOF || k === T.EXTERNAL || k === T.ANNOTATION || this.isSectionStart();
  }

  equation(): A.Equation {
    this.hit("equation");
    switch (this.tk()) {
      case T.IF: {
        this.hit("if-equation");
        const { branches, otherwise } = this.ifBlock(() => this.equation());
        const eq: A.Equation = { k: "if", branches, comment: { desc: [] } };
        if (otherwise) eq.otherwise = otherwise;
        eq.comment = this.comment();
        return eq;
      }
      case T.FOR: {
        this.hit("for-equation");
        this.p++;
        const idx = this.forIndices();
        this.expect(T.LOOP);
        const body = this.bodyUntilEnd(() => this.equation());
        this.expect(T.END);
        this.expect(T.FOR);
        return { k: "for", idx, body, comment: this.comment() };
      }
      case T.CONNECT: {
        this.hit("connect-clause");
        this.p++;
        this.expect(T.LPAREN);
        const a = this.componentReference();
        this.expect(T.COMMA);
        const b = this.componentReference();
        this.expect(T.RPAREN);
        return { k: "connect", a, b, comment: this.comment() };
      }
      case T.WHEN: {
        this.hit("when-equation");
        const branches = this.whenBlock(() => this.equation());
        return { k: "when", branches, comment: this.comment() };
      }
    }
    const lhs = this.simpleExpression();
    if (this.eat(T.EQ)) {
      this.hit("equation/simple");
      const rhs = this.expression();
      return { k: "eq", lhs, rhs, comment: this.comment() };
    }
    if (lhs.k === "call" && typeof lhs.fn !== "string") {
      this.hit("equation/call");
      return { k: "call", fn: lhs.fn, args: lhs.args, comment: this.comment() };
    }
    return this.fail("'='");
  }

  statement(): A.Statement {
    this.hit("statement");
    switch (this.tk()) {
      case T.BREAK: this.p++; this.hit("statement/break"); return { k: "break", comment: this.comment() };
      case T.RETURN: this.p++; this.hit("statement/return"); return { k: "return", comment: this.comment() };
      case T.IF: {
        this.hit("if-statement");
        const { branches, otherwise } = this.ifBlock(() => this.statement());
        const st: A.Statement = { k: "if", branches, comment: { desc: [] } };
        if (otherwise) st.otherwise = otherwise;
        st.comment = this.comment();
        return st;
      }
      case T.FOR: {
        this.hit("for-statement");
        this.p++;
        const idx = this.forIndices();
        this.expect(T.LOOP);
        const body = this.bodyUntilEnd(() => this.statement());
        this.expect(T.END);
        this.expect(T.FOR);
        return { k: "for", idx, body, comment: this.comment() };
      }
      case T.WHILE: {
        this.hit("while-statement");
        this.p++;
        const cond = this.expression();
        this.expect(T.LOOP);
        const body = this.bodyUntilEnd(() => this.statement());
        this.expect(T.END);
        this.expect(T.WHILE);
        return { k: "while", cond, body, comment: this.comment() };
      }
      case T.WHEN: {
        this.hit("when-statement");
        const branches = this.whenBlock(() => this.statement());
        return { k: "when", branches, comment: this.comment() };
      }
      case T.LPAREN: {
        this.hit("statement/multiple-output");
        this.p++;
        const out = this.outputExpressionList();
        this.expect(T.RPAREN);
        this.expect(T.ASSIGN);
        const fn = this.componentReference();
        const args = this.functionCallArgs();
        return { k: "multi", out, fn, args, comment: this.comment() };
      }
    }
    const ref = this.componentReference();
    if (this.eat(T.ASSIGN)) {
      this.hit("statement/assign");
      return { k: "assign", lhs: ref, rhs: this.expression(), comment: this.comment() };
    }
    if (this.tk() !== T.LPAREN) this.fail("':=' or '('");
    this.hit("statement/call");
    return { k: "call", fn: ref, args: this.functionCallArgs(), comment: this.comment() };
  }

  private bodyUntilEnd<X>(item: () => X): X[] {
    const body: X[] = [];
    while (this.tk() !== T.END && this.tk() !== T.EOF) {
      body.push(item());
      this.expect(T.SEMI);
    }
    return body;
  }

  private ifBlock<X>(item: () => X): { branches: { cond: A.Expr; body: X[] }[]; otherwise?: X[] } {
    this.p++; // if
    const branches: { cond: A.Expr; body: X[] }[] = [];
    let otherwise: X[] | undefined;
    for (;;) {
      const cond = this.expression();
      this.expect(T.THEN);
      const body: X[] = [];
      while (this.tk() !== T.ELSEIF && this.tk() !== T.ELSE && this.tk() !== T.END && this.tk() !== T.EOF) {
        body.push(item());
        this.expect(T.SEMI);
      }
      branches.push({ cond, body });
      if (this.eat(T.ELSEIF)) { this.hit("if/elseif"); continue; }
      break;
    }
    if (this.eat(T.ELSE)) {
      this.hit("if/else");
      otherwise = this.bodyUntilEnd(item);
    }
    this.expect(T.END);
    this.expect(T.IF);
    return otherwise ? { branches, otherwise } : { branches };
  }

  private whenBlock<X>(item: () => X): { cond: A.Expr; body: X[] }[] {
    this.p++; // when
    const branches: { cond: A.Expr; body: X[] }[] = [];
    for (;;) {
      const cond = this.expression();
      this.expect(T.THEN);
      const body: X[] = [];
      while (this.tk() !== T.ELSEWHEN && this.tk() !== T.END && this.tk() !== T.EOF) {
        body.push(item());
        this.expect(T.SEMI);
      }
      branches.push({ cond, body });
      if (this.eat(T.ELSEWHEN)) { this.hit("when/elsewhen"); continue; }
      break;
    }
    this.expect(T.END);
    this.expect(T.WHEN);
    return branches;
  }

  private forIndices(): A.ForIndex[] {
    this.hit("for-indices");
    const idx: A.ForIndex[] = [];
    do {
      this.hit("for-index");
      const fi: A.ForIndex = { id: this.ident() };
      if (this.eat(T.IN)) fi.range = this.expression();
      else this.hit("for-index/implicit-range");
      idx.push(fi);
    } while (this.eat(T.COMMA));
    return idx;
  }

  // ---- A.2.7 expressions -----------------------------------------------------------------------

  expression(): A.Expr {
    this.hit("expression");
    if (this.tk() === T.IF) {
      this.hit("expression/if");
      this.p++;
      const branches: [A.Expr, A.Expr][] = [];
      for (;;) {
        const c = this.expression();
        this.expect(T.THEN);
        branches.push([c, this.expression()]);
        if (this.eat(T.ELSEIF)) { this.hit("expression/elseif"); continue; }
        break;
      }
      this.expect(T.ELSE, "'elseif' or 'else'");
      return { k: "if", branches, otherwise: this.expression() };
    }
    return this.simpleExpression();
  }

  simpleExpression(): A.Expr {
    this.hit("simple-expression");
    const first = this.logicalExpression();
    if (this.tk() !== T.COLON) return first;
    this.hit("simple-expression/range");
    const parts = [first];
    this.p++;
    parts.push(this.logicalExpression());
    if (this.eat(T.COLON)) parts.push(this.logicalExpression());
    return { k: "range", parts };
  }

  private logicalExpression(): A.Expr {
    this.hit("logical-expression");
    let e = this.logicalTerm();
    while (this.tk() === T.OR) {
      this.hit("logical-expression/or");
      this.p++;
      e = { k: "bin", op: "or", l: e, r: this.logicalTerm() };
    }
    return e;
  }

  private logicalTerm(): A.Expr {
    this.hit("logical-term");
    let e = this.logicalFactor();
    while (this.tk() === T.AND) {
      this.hit("logical-term/and");
      this.p++;
      e = { k: "bin", op: "and", l: e, r: this.logicalFactor() };
    }
    return e;
  }

  private logicalFactor(): A.Expr {
    this.hit("logical-factor");
    if (this.tk() === T.NOT) {
      this.hit("logical-factor/not");
      this.p++;
      return { k: "un", op: "not", e: this.relation() };
    }
    return this.relation();
  }

  private relation(): A.Expr {
    this.hit("relation");
    const l = this.arithmeticExpression();
    const k = this.tk();
    if (k >= T.LT && k <= T.NEQ) {
      this.hit("relational-operator");
      const op = this.text();
      this.p++;
      return { k: "bin", op, l, r: this.arithmeticExpression() };
    }
    return l;
  }

  private arithmeticExpression(): A.Expr {
    this.hit("arithmetic-expression");
    let e: A.Expr;
    const k0 = this.tk();
    if (k0 === T.PLUS || k0 === T.MINUS || k0 === T.DPLUS || k0 === T.DMINUS) {
      this.hit("add-operator");
      this.hit("arithmetic-expression/unary");
      const op = this.text();
      this.p++;
      e = { k: "un", op, e: this.term() };
    } else e = this.term();
    for (;;) {
      const k = this.tk();
      if (k !== T.PLUS && k !== T.MINUS && k !== T.DPLUS && k !== T.DMINUS) return e;
      this.hit("add-operator");
      const op = this.text();
      this.p++;
      e = { k: "bin", op, l: e, r: this.term() };
    }
  }

  private term(): A.Expr {
    this.hit("term");
    let e = this.factor();
    for (;;) {
      const k = this.tk();
      if (k !== T.STAR && k !== T.SLASH && k !== T.DSTAR && k !== T.DSLASH) return e;
      this.hit("mul-operator");
      const op = this.text();
      this.p++;
      e = { k: "bin", op, l: e, r: this.factor() };
    }
  }

  private factor(): A.Expr {
    this.hit("factor");
    const e = this.primary();
    if (this.tk() === T.POW || this.tk() === T.DPOW) {
      this.hit("factor/power");
      const op = this.text();
      this.p++;
      return { k: "bin", op, l: e, r: this.primary() };
    }
    return e;
  }

  private primary(): A.Expr {
    this.hit("primary");
    switch (this.tk()) {
      case T.NUMBER: { this.hit("primary/number"); const v = this.text(); this.p++; return { k: "num", v }; }
      case T.STRING: { this.hit("primary/string"); const v = this.text(); this.p++; return { k: "str", v }; }
      case T.TRUE: this.p++; this.hit("primary/true"); return { k: "bool", v: true };
      case T.FALSE: this.p++; this.hit("primary/false"); return { k: "bool", v: false };
      case T.END: this.p++; this.hit("primary/end"); return { k: "end" };
      case T.DER:
      case T.INITIAL:
      case T.PURE: {
        const fn = this.tk() === T.DER ? "der" : this.tk() === T.INITIAL ? "initial" : "pure";
        this.hit(`primary/${fn}`);
        this.p++;
        if (this.tk() !== T.LPAREN) this.fail("'('");
        return { k: "call", fn, args: this.functionCallArgs() };
      }
      case T.IDENT:
      case T.DOT: {
        const ref = this.componentReference();
        if (this.tk() === T.LPAREN) {
          this.hit("primary/call");
          return { k: "call", fn: ref, args: this.functionCallArgs() };
        }
        this.hit("primary/component-reference");
        return { k: "ref", ref };
      }
      case T.LPAREN: {
        this.hit("primary/parenthesis");
        this.p++;
        const items = this.outputExpressionList();
        this.expect(T.RPAREN, "',' or ')'");
        return { k: "paren", items };
      }
      case T.LBRACK: {
        this.hit("primary/matrix");
        this.p++;
        const rows = [this.expressionList()];
        while (this.eat(T.SEMI)) {
          this.hit("primary/matrix-rows");
          rows.push(this.expressionList());
        }
        this.expect(T.RBRACK, "',', ';' or ']'");
        return { k: "matrix", rows };
      }
      case T.LBRACE: {
        this.hit("primary/array");
        this.p++;
        if (this.eat(T.RBRACE)) {
          this.hit("primary/empty-array");
          return { k: "array", items: [] };
        }
        this.hit("array-arguments");
        const items = [this.expression()];
        if (this.eat(T.FOR)) {
          this.hit("array-arguments/comprehension");
          const iter = this.forIndices();
          this.expect(T.RBRACE);
          return { k: "array", items, iter };
        }
        while (this.eat(T.COMMA)) {
          this.hit("array-arguments-non-first");
          items.push(this.expression());
        }
        this.expect(T.RBRACE, "',' or '}'");
        return { k: "array", items };
      }
    }
    return this.fail("an expression");
  }

  typeSpecifier(): A.TypeSpec {
    this.hit("type-specifier");
    const global = this.eat(T.DOT);
    if (global) this.hit("type-specifier/global");
    return { global, name: this.name() };
  }

  name(): A.Name {
    this.hit("name");
    const parts = [this.ident()];
    while (this.tk() === T.DOT && this.la(1) === T.IDENT) {
      this.p++;
      parts.push(this.ident());
    }
    return parts;
  }

  componentReference(): A.CompRef {
    this.hit("component-reference");
    const global = this.eat(T.DOT);
    if (global) this.hit("component-reference/global");
    const parts: A.RefPart[] = [];
    for (;;) {
      const part: A.RefPart = { id: this.ident() };
      if (this.tk() === T.LBRACK) part.subs = this.arraySubscripts();
      parts.push(part);
      if (this.tk() === T.DOT && this.la(1) === T.IDENT) { this.p++; continue; }
      break;
    }
    return { global, parts };
  }

  functionCallArgs(): A.FnArgs {
    this.hit("function-call-args");
    this.expect(T.LPAREN);
    const args: A.FnArgs = { pos: [], named: [] };
    if (this.eat(T.RPAREN)) return args;
    this.hit("function-arguments");
    if (this.tk() === T.IDENT && this.la(1) === T.EQ) {
      this.namedArguments(args);
    } else {
      const first = this.functionArgument();
      args.pos.push(first);
      if (first.k !== "partial" && this.eat(T.FOR)) {
        this.hit("function-arguments/reduction");
        args.iter = this.forIndices();
      } else {
        while (this.eat(T.COMMA)) {
          this.hit("function-arguments-non-first");
          if (this.tk() === T.IDENT && this.la(1) === T.EQ) {
            this.namedArguments(args);
            break;
          }
          args.pos.push(this.functionArgument());
        }
      }
    }
    this.expect(T.RPAREN, "',' or ')'");
    return args;
  }

  private namedArguments(args: A.FnArgs): void {
    this.hit("named-arguments");
    do {
      this.hit("named-argument");
      const id = this.ident();
      this.expect(T.EQ);
      args.named.push({ id, value: this.functionArgument() });
    } while (this.eat(T.COMMA));
  }

  private functionArgument(): A.FnArg {
    this.hit("function-argument");
    if (this.tk() === T.FUNCTION) {
      this.hit("function-partial-application");
      this.p++;
      const fn = this.typeSpecifier();
      this.expect(T.LPAREN);
      const tmp: A.FnArgs = { pos: [], named: [] };
      if (this.tk() !== T.RPAREN) this.namedArguments(tmp);
      this.expect(T.RPAREN);
      return { k: "partial", fn, named: tmp.named };
    }
    return this.expression();
  }

  private outputExpressionList(): (A.Expr | null)[] {
    this.hit("output-expression-list");
    const items: (A.Expr | null)[] = [];
    for (;;) {
      items.push(this.tk() === T.COMMA || this.tk() === T.RPAREN ? null : this.expression());
      if (!this.eat(T.COMMA)) return items;
      this.hit("output-expression-list/comma");
    }
  }

  expressionList(): A.Expr[] {
    this.hit("expression-list");
    const items = [this.expression()];
    while (this.eat(T.COMMA)) items.push(this.expression());
    return items;
  }

  arraySubscripts(): A.Subscript[] {
    this.hit("array-subscripts");
    this.expect(T.LBRACK);
    const subs: A.Subscript[] = [];
    do {
      this.hit("subscript");
      if (this.eat(T.COLON)) {
        this.hit("subscript/colon");
        subs.push({ k: "colon" });
      } else subs.push(this.expression());
    } while (this.eat(T.COMMA));
    this.expect(T.RBRACK, "',' or ']'");
    return subs;
  }

  comment(): A.Comment {
    const c: A.Comment = { desc: this.descriptionString() };
    if (this.tk() === T.ANNOTATION) {
      this.hit("description/annotation");
      c.ann = this.annotationClause();
    }
    if (c.desc.length || c.ann) this.hit("description");
    return c;
  }

  descriptionString(): string[] {
    if (this.tk() !== T.STRING) return [];
    this.hit("description-string");
    const parts = [this.text()];
    this.p++;
    while (this.tk() === T.PLUS && this.la(1) === T.STRING) {
      this.hit("description-string/concatenation");
      this.p++;
      parts.push(this.text());
      this.p++;
    }
    return parts;
  }

  annotationClause(): A.Arg[] {
    this.hit("annotation-clause");
    this.expect(T.ANNOTATION);
    return this.classModification();
  }
}

/** Parses a whole `.mo` file. */
export function parseModelica(src: string, file: string, coverage?: Set<string>): A.StoredDefinition {
  const p = new Parser(tokenize(src, file), coverage);
  return p.storedDefinition();
}

/** Fragment kinds the RDF reader parses back from canonical text literals. */
export type Fragment = "expression" | "equation" | "statement" | "modification" | "classModification" | "element" | "comment" | "subscripts" | "declaration";

/** Parses a fragment of canonical text (from the graph) that must be consumed entirely. */
export function parseFragment(src: string, file: string, what: "expression"): A.Expr;
export function parseFragment(src: string, file: string, what: "equation"): A.Equation;
export function parseFragment(src: string, file: string, what: "statement"): A.Statement;
export function parseFragment(src: string, file: string, what: "modification"): A.Modification;
export function parseFragment(src: string, file: string, what: "classModification"): A.Arg[];
export function parseFragment(src: string, file: string, what: "element"): A.Element;
export function parseFragment(src: string, file: string, what: "comment"): A.Comment;
export function parseFragment(src: string, file: string, what: "subscripts"): A.Subscript[];
export function parseFragment(src: string, file: string, what: Fragment): unknown {
  // fragments are parsed one at a time: the token arrays can be shared
  const p = new Parser(tokenize(src, file, true));
  let r: unknown;
  switch (what) {
    case "expression": r = p.expression(); break;
    case "equation": r = p.equation(); break;
    case "statement": r = p.statement(); break;
    case "modification": r = p.modification(); break;
    case "classModification": r = p.classModification(); break;
    case "element": r = p.element(); break;
    case "comment": r = p.comment(); break;
    case "subscripts": r = p.arraySubscripts(); break;
    default: throw new Error(`unknown fragment ${what}`);
  }
  p.expectEof();
  return r;
}
