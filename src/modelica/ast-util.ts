// AST comparison and counting. Equality ignores the layout layer and key order (the AST read back
// from RDF is built in another order than the parser's); counts are what the graph must reproduce.
import type * as A from "./ast.js";

/** Deep equality of two AST values, `layout` and undefined-valued keys ignored. */
export function astEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!astEqual(a[i], bb[i])) return false;
    return true;
  }
  const ka = Object.keys(a).filter((k) => k !== "layout" && (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => k !== "layout" && (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!astEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** First path where two ASTs differ (for error messages), or undefined. */
export function astDiff(a: unknown, b: unknown, path = "$"): string | undefined {
  if (astEqual(a, b)) return undefined;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return `${path}: ${JSON.stringify(a)?.slice(0, 80)} != ${JSON.stringify(b)?.slice(0, 80)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => k !== "layout"));
  for (const k of keys) {
    const d = astDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d) return d;
  }
  return `${path}: differ`;
}

/** Counts over parsed Modelica files. */
export interface Counts {
  classes: number;
  components: number;
  equations: number;
  connects: number;
  annotations: number;
  statements: number;
}

/** Counts over a file: classes that are elements or top level, component declarations of element
 * clauses, equations of equation sections (top level), connect clauses anywhere, every annotation clause. */
export function countAst(sd: A.StoredDefinition): Counts {
  const c: Counts = { classes: 0, components: 0, equations: 0, connects: 0, annotations: 0, statements: 0 };
  const cls = (d: A.ClassDef): void => {
    c.classes++;
    const s = d.spec;
    if (s.k !== "long" && s.k !== "extends") return;
    for (const sec of s.comp.sections) {
      if (sec.k === "equation") c.equations += sec.eqs.length;
      else if (sec.k === "algorithm") c.statements += sec.stmts.length;
      else
        for (const el of sec.elems) {
          if (el.k === "comp") c.components += el.clause.decls.length;
          else if (el.k === "class") cls(el.cls);
        }
    }
  };
  for (const x of sd.classes) cls(x.cls);
  walk(sd, (key, v) => {
    if (key === "ann" && Array.isArray(v)) c.annotations++;
    if (key === "k" && v === "connect") c.connects++;
  });
  return c;
}

/** Visits every (key, value) pair of a plain-object tree. */
export function walk(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (typeof node !== "object" || node === null) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) walk(node[i], visit);
    return;
  }
  for (const k in node) {
    if (k === "layout") continue;
    const v = (node as Record<string, unknown>)[k];
    visit(k, v);
    if (typeof v === "object" && v !== null) walk(v, visit);
  }
}

/** Decoded value of a Modelica STRING lexeme (MLS 3.6 §2.4.6 escapes). */
export function stringValue(raw: string): string {
  const body = raw.slice(1, -1);
  if (!body.includes("\\")) return body;
  return body.replace(/\\(.)/gs, (_, ch: string) => {
    switch (ch) {
      case "n": return "\n";
      case "t": return "\t";
      case "r": return "\r";
      case "a": return "\x07";
      case "b": return "\b";
      case "f": return "\f";
      case "v": return "\v";
      default: return ch;
    }
  });
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    classes: a.classes + b.classes, components: a.components + b.components, equations: a.equations + b.equations,
    connects: a.connects + b.connects, annotations: a.annotations + b.annotations, statements: a.statements + b.statements,
  };
}
