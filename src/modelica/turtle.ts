// A fast deterministic Turtle writer for the Modelica graphs (which are large: ~0.1 triple per
// source byte, with long literals). Same contract as rdf/graph.ts writeTurtle — a set of triples
// always gives the same bytes — but it sorts subjects, then predicate/object pairs, by plain code
// units without building N-Triples keys of every (possibly 100 kB) literal. No blank nodes occur.
import type { Literal, Quad } from "@rdfjs/types";
import { NS, PREFIXES } from "../rdf/namespaces.js";

const XSD_STRING = NS.xsd + "string";
const LOCAL = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Turtle string escaping (RDF 1.1 Turtle §2.5.1, ECHAR). */
function quote(s: string): string {
  let out = '"';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let e: string | undefined;
    if (c === 34) e = '\\"';
    else if (c === 92) e = "\\\\";
    else if (c === 10) e = "\\n";
    else if (c === 13) e = "\\r";
    else if (c === 9) e = "\\t";
    else if (c === 8) e = "\\b";
    else if (c === 12) e = "\\f";
    else if (c < 32 || c === 0x7f) e = "\\u" + c.toString(16).padStart(4, "0");
    if (e !== undefined) {
      out += s.slice(last, i) + e;
      last = i + 1;
    }
  }
  return out + s.slice(last) + '"';
}

export function writeModelicaTurtle(quads: Iterable<Quad>, prefixes: Record<string, string> = PREFIXES): string {
  const names = Object.keys(prefixes).sort(cmp);
  const usedPrefixes = new Set<string>();
  const iriText = (v: string): string => {
    for (const n of names) {
      const ns = prefixes[n]!;
      if (v.startsWith(ns) && LOCAL.test(v.slice(ns.length))) {
        usedPrefixes.add(n);
        return `${n}:${v.slice(ns.length)}`;
      }
    }
    return `<${v.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"))}>`;
  };
  const bySubject = new Map<string, Map<string, Set<string>>>();
  for (const q of quads) {
    if (q.subject.termType !== "NamedNode") throw new Error("writeModelicaTurtle: only IRI subjects");
    let ps = bySubject.get(q.subject.value);
    if (!ps) bySubject.set(q.subject.value, (ps = new Map()));
    const p = q.predicate.value === NS.rdf + "type" ? "a" : iriText(q.predicate.value);
    let os = ps.get(p);
    if (!os) ps.set(p, (os = new Set()));
    const o = q.object;
    if (o.termType === "Literal") {
      const l = o as Literal;
      const dt = l.datatype.value;
      os.add(l.language ? `${quote(l.value)}@${l.language}` : dt === XSD_STRING ? quote(l.value) : `${quote(l.value)}^^${iriText(dt)}`);
    } else os.add(iriText(o.value));
  }
  const body: string[] = [];
  for (const s of [...bySubject.keys()].sort(cmp)) {
    const ps = bySubject.get(s)!;
    const lines: string[] = [];
    for (const p of [...ps.keys()].sort((a, b) => (a === "a" ? -1 : b === "a" ? 1 : cmp(a, b)))) {
      lines.push(`    ${p} ${[...ps.get(p)!].sort(cmp).join(", ")}`);
    }
    body.push(`${iriText(s)}\n${lines.join(" ;\n")} .\n`);
  }
  const head = [...usedPrefixes].sort(cmp).map((n) => `@prefix ${n}: <${prefixes[n]}> .\n`).join("");
  return head + "\n" + body.join("\n");
}
