// SHACL validation (W3C SHACL Core) of every graph the project writes, with rdf-validate-shacl.
import { readFileSync } from "node:fs";
import { Store } from "n3";
import SHACLValidator from "rdf-validate-shacl";
import type { Quad } from "./graph.js";
import { parseTurtle } from "./graph.js";

/** One SHACL validation result: the focus node, the property path, the message, its severity and shape. */
export interface ShaclResult {
  focusNode: string;
  path: string | null;
  message: string;
  severity: string;
  sourceShape: string;
}

/** A SHACL validation report: `conforms` when there is no result. */
export interface ShaclReport {
  conforms: boolean;
  results: ShaclResult[];
}

/**
 * Reads SHACL shapes from a Turtle file (e.g. the package's shapes/*.ttl).
 * @throws RdfSyntaxError for bad Turtle; a Node.js error when the file cannot be read
 */
export function loadShapes(path: string): Quad[] {
  return parseTurtle(readFileSync(path, "utf8"), path);
}

/** Validates data against shapes (W3C SHACL Core, rdf-validate-shacl). */
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
