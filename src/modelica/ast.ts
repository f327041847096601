// Typed AST of the Modelica 3.6 concrete syntax (MLS 3.6 Appendix A). The AST keeps every syntactic
// choice (raw number/string/identifier lexemes, parentheses, the exact import form, description
// strings joined with "+", empty `else` branches) so printing it gives the same token sequence back;
// white space and comments live apart, in `layout` (compact trivia per token, see layout.ts).

/** IDENT lexemes as written (quoted identifiers keep their quotes). */
export type Name = string[];

export interface TypeSpec {
  global: boolean; // leading "."
  name: Name;
}

export interface RefPart {
  id: string;
  subs?: Subscript[];
}
export interface CompRef {
  global: boolean;
  parts: RefPart[];
}

export type Subscript = Expr | { k: "colon" };

export interface ForIndex {
  id: string;
  range?: Expr;
}

/** A function argument: an expression or a function partial application (MLS 3.6 §12.4.2.1). */
export type FnArg = Expr | { k: "partial"; fn: TypeSpec; named: NamedArg[] };
export interface NamedArg {
  id: string;
  value: FnArg;
}
export interface FnArgs {
  pos: FnArg[];
  named: NamedArg[];
  iter?: ForIndex[]; // reduction: f(e for i in r)
}

/** An expression; number, string and identifier lexemes are kept as written. */
export type Expr =
  | { k: "num"; v: string }
  | { k: "str"; v: string }
  | { k: "bool"; v: boolean }
  | { k: "end" }
  | { k: "ref"; ref: CompRef }
  | { k: "call"; fn: CompRef | "der" | "initial" | "pure"; args: FnArgs }
  | { k: "paren"; items: (Expr | null)[] }
  | { k: "matrix"; rows: Expr[][] }
  | { k: "array"; items: Expr[]; iter?: ForIndex[] }
  | { k: "range"; parts: Expr[] } // 2 or 3 logical-expressions
  | { k: "if"; branches: [Expr, Expr][]; otherwise: Expr }
  | { k: "bin"; op: string; l: Expr; r: Expr }
  | { k: "un"; op: string; e: Expr };

/** description-string and optional annotation-clause. */
export interface Comment {
  desc: string[]; // raw STRING lexemes joined by "+"
  ann?: Arg[]; // annotation class-modification arguments
}

/** A modification: class modification arguments and/or `= expression`. */
export interface Modification {
  cm?: Arg[]; // class-modification
  eq?: "=" | ":=";
  value?: Expr | "break"; // modification-expression
}

export interface ElementPrefixes {
  redeclare: boolean;
  final: boolean;
  inner: boolean;
  outer: boolean;
  replaceable: boolean;
}

export interface ConstrainingClause {
  type: TypeSpec;
  cm?: Arg[];
}

/** An argument of a class modification. */
export interface Arg {
  redeclare: boolean; // element-redeclaration
  each: boolean;
  final: boolean;
  replaceable: boolean; // element-replaceable
  kind: "mod" | "class" | "comp";
  name?: Name; // kind "mod"
  mod?: Modification; // kind "mod"
  desc?: string[]; // kind "mod": description-string
  cls?: ClassDef; // kind "class": short-class-definition
  comp?: ComponentClause; // kind "comp": component-clause1 (one declaration)
  cc?: ConstrainingClause; // element-replaceable only
}

export interface Declaration {
  name: string;
  subs?: Subscript[];
  mod?: Modification;
  cond?: Expr; // condition-attribute
  comment: Comment;
}

export interface ComponentClause {
  flow?: "flow" | "stream";
  variability?: "discrete" | "parameter" | "constant";
  causality?: "input" | "output";
  type: TypeSpec;
  subs?: Subscript[];
  decls: Declaration[];
}

/** An element of a composition: import, extends clause, class definition or component clause. */
export type Element =
  | { k: "import"; alias?: string; name: Name; wild?: ".*" | ". *"; list?: string[]; comment: Comment }
  | { k: "extends"; type: TypeSpec; cm?: Arg[]; ann?: Arg[] }
  | { k: "comp"; pre: ElementPrefixes; clause: ComponentClause; cc?: ConstrainingClause; ccComment?: Comment }
  | { k: "class"; pre: ElementPrefixes; cls: ClassDef; cc?: ConstrainingClause; ccComment?: Comment };

/** An equation of an equation section (`k` tells the form: simple, connect, if, for, when, call). */
export type Equation =
  | { k: "eq"; lhs: Expr; rhs: Expr; comment: Comment }
  | { k: "if"; branches: { cond: Expr; body: Equation[] }[]; otherwise?: Equation[]; comment: Comment }
  | { k: "for"; idx: ForIndex[]; body: Equation[]; comment: Comment }
  | { k: "connect"; a: CompRef; b: CompRef; comment: Comment }
  | { k: "when"; branches: { cond: Expr; body: Equation[] }[]; comment: Comment }
  | { k: "call"; fn: CompRef; args: FnArgs; comment: Comment };

/** A statement of an algorithm section (`k` tells the form). */
export type Statement =
  | { k: "assign"; lhs: CompRef; rhs: Expr; comment: Comment }
  | { k: "call"; fn: CompRef; args: FnArgs; comment: Comment }
  | { k: "multi"; out: (Expr | null)[]; fn: CompRef; args: FnArgs; comment: Comment }
  | { k: "break"; comment: Comment }
  | { k: "return"; comment: Comment }
  | { k: "if"; branches: { cond: Expr; body: Statement[] }[]; otherwise?: Statement[]; comment: Comment }
  | { k: "for"; idx: ForIndex[]; body: Statement[]; comment: Comment }
  | { k: "while"; cond: Expr; body: Statement[]; comment: Comment }
  | { k: "when"; branches: { cond: Expr; body: Statement[] }[]; comment: Comment };

export type Section =
  | { k: "public" | "protected"; keyword: boolean; elems: Element[] } // the first list has no keyword
  | { k: "equation"; initial: boolean; eqs: Equation[] }
  | { k: "algorithm"; initial: boolean; stmts: Statement[] };

export interface External {
  lang?: string; // raw STRING
  call?: { lhs?: CompRef; fn: string; args?: Expr[] };
  ann?: Arg[];
}

export interface Composition {
  sections: Section[]; // sections[0] is the keyword-less element list
  external?: External;
  ann?: Arg[];
}

/** The kind keyword of a class definition. */
export type ClassKind = "class" | "model" | "record" | "block" | "connector" | "type" | "package" | "function" | "operator";

export interface ClassPrefixes {
  partial: boolean;
  kind: ClassKind;
  operator: boolean; // operator record / operator function
  expandable: boolean;
  purity?: "pure" | "impure";
}

export type ClassSpec =
  | { k: "long"; desc: string[]; comp: Composition; endName: string }
  | { k: "extends"; cm?: Arg[]; desc: string[]; comp: Composition; endName: string }
  | { k: "short"; base?: "input" | "output"; type: TypeSpec; subs?: Subscript[]; cm?: Arg[]; comment: Comment }
  | { k: "enum"; colon: boolean; lits: { id: string; comment: Comment }[]; comment: Comment }
  | { k: "der"; type: TypeSpec; ids: string[]; comment: Comment };

/** A class definition: kind, prefixes, name, specifier (composition, short class, enumeration, der). */
export interface ClassDef {
  encapsulated: boolean;
  pre: ClassPrefixes;
  name: string;
  spec: ClassSpec;
  /** trivia before each token of this class not inside a nested class (layout layer; not part of AST equality) */
  layout?: string;
}

/** The AST of one `.mo` file (MLS 3.6 stored definition): `within` and its classes. */
export interface StoredDefinition {
  within?: { name?: Name };
  classes: { final: boolean; cls: ClassDef }[];
  /** trivia of the file-level tokens, the last entry being the trivia before end of file */
  layout?: string;
}
