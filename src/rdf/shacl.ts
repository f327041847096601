// SHACL validation (W3C SHACL Core) of every graph the project writes, with rdf-validate-shacl.
import { readFileSync } from "node:fs";
import { Store } from "n3";
import SHACLValidator from "rdf-validate-shacl";
import type { Quad } from "./graph.js";
import { parseTurtle } from "./graph.js";

export interface ShaclResult {
  focusNode: string;
  path: string | null;
  message: string;
  severity: string;
  sourceShape: string;
}

export interface ShaclReport {
  conforms: boolean;
  results: ShaclResult[];
}

export function loadShapes(path: string): Quad[] {
  return parseTurtle(readFileSync(path, "utf8"), path);
}

export async function validateShacl(data: Iterable<Quad>, shapes: Iterable<Quad>): Promise<ShaclReport> {
  const validator = new SHACLValidator(new Store([...shapes]));
  const report = await validator.validate(new Store([...data]));
  return {
    conforms: report.conforms,
    results: report.results.map((r) => ({
      focusNode: r.focusNode?.value ?? "",
      path: r.path?.value ?? null,
      message: r.message.map((m) => m.value).join("; "),
      severity: r.severity?.value.replace(/^.*#/, "") ?? "Violation",
      sourceShape: r.sourceShape?.value ?? "",
    })),
  };
}
