// Links between the models of a package: which AutomationML element is realised by which Modelica
// class or rotor model. AutomationML links a plant element to an external document through an
// ExternalDataConnector interface whose `refURI` attribute names the document (AutomationML Whitepaper
// Part 1, "Referencing external documents"). Any literal of the AutomationML graph that names a
// rotor model file of the package (by file name) or a Modelica class (`modelica://Full.Name`, or
// `File.mo#Full.Name`) links the nearest enclosing InternalElement (or SystemUnitClass) to that model.
import type { Quad } from "../rdf/graph.js";
import { AML, MO, NS } from "../rdf/namespaces.js";
import type { GraphLink } from "./provenance.js";

export function findLinks(amlQuads: Quad[], modelicaQuads: Quad[], rotorFiles: Map<string, string>): GraphLink[] {
  const classes = new Map<string, string>();
  for (const q of modelicaQuads) if (q.predicate.value === `${MO}fullName`) classes.set(q.object.value, q.subject.value);
  const rotorByName = new Map<string, string>();
  for (const [path, iri] of rotorFiles) rotorByName.set(path.split("/").pop()!, iri);

  const parent = new Map<string, string>();
  const types = new Map<string, Set<string>>();
  for (const q of amlQuads) {
    if (q.predicate.value === `${NS.rdf}type`) {
      let t = types.get(q.subject.value);
      if (!t) types.set(q.subject.value, (t = new Set()));
      t.add(q.object.value);
    } else if (q.object.termType === "NamedNode" && q.predicate.value.startsWith(AML) && /^(attribute|externalInterface|internalElement)$/.test(q.predicate.value.slice(AML.length))) {
      parent.set(q.object.value, q.subject.value);
    }
  }
  const owner = (s: string): string | undefined => {
    for (let x: string | undefined = s, i = 0; x !== undefined && i < 1000; x = parent.get(x), i++) {
      const t = types.get(x);
      if (t && (t.has(`${AML}InternalElement`) || t.has(`${AML}SystemUnitClass`))) return x;
    }
    return undefined;
  };
  const target = (value: string): string | undefined => {
    const v = value.trim();
    const m = /^modelica:\/\/([\w.']+)$/.exec(v) ?? /\.mo#([\w.']+)$/.exec(v);
    if (m) return classes.get(m[1]!);
    const base = v.replace(/^file:(\/\/)?/, "").split(/[\\/]/).pop()!;
    return /\.json$/i.test(base) ? rotorByName.get(base) : undefined;
  };
  const out = new Map<string, GraphLink>();
  for (const q of amlQuads) {
    if (q.object.termType !== "Literal" || q.predicate.value !== `${AML}value`) continue;
    const model = target(q.object.value);
    if (model === undefined) continue;
    const element = owner(q.subject.value);
    if (element === undefined) continue;
    out.set(`${element} ${model}`, { element, model, via: q.object.value });
  }
  return [...out.values()].sort((a, b) => (a.element + a.model < b.element + b.model ? -1 : 1));
}
