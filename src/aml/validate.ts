// Validation of a CAEX file: XSD validation by libxml2 (its xmllint compiled to WebAssembly, see
// libxml2.ts: nothing to install) against the vendored CAEX schema of the file's version, and the
// reference integrity of shared/spec/aml.md (duplicate IDs, unresolved class paths, InternalLinks whose
// partners do not exist, inheritance cycles). Every finding has a line, a kind and a severity.
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../core/core.js";
import { ToolError, xmllint } from "./libxml2.js";
import { type AmlModel, type CaexNode, nodeAttr, pathKey, readAml } from "./model.js";
import { inheritanceChain, resolveAttr, resolvePartner } from "./resolve.js";
import { type CaexVersion, isClassKind, PATH_ATTRS, refKind } from "./vocab.js";

export { ToolError };

/** An error fails validation; a warning does not. */
export type Severity = "error" | "warning";

/** One finding of validation: where (line, column; column 0 for the schema's), its kind, severity and message. */
export interface Finding {
  line: number;
  column: number;
  kind: string;
  severity: Severity;
  message: string;
}

export const SCHEMA_DIR = join(PACKAGE_ROOT, "schemas", "caex");

export function schemaFile(version: CaexVersion): string {
  return join(SCHEMA_DIR, version === "3.0" ? "CAEX_ClassModel_V.3.0.xsd" : "CAEX_ClassModel_V2.15.xsd");
}

/**
 * Findings of xmllint's standard error for the document that xmllint knows as `name`. Lines look like
 * `NAME:LINE: element E: Schemas validity error : MESSAGE` (libxml2 2.9, Debian 12's xmllint),
 * `NAME:LINE: Schemas validity error : MESSAGE` (libxml2 2.13, the WebAssembly build) or
 * `NAME:LINE: parser error : MESSAGE`; both versions give the same finding `{ line: LINE, message:
 * MESSAGE }` (the schema-error prefix dropped, a parser error's kept). A document that failed
 * (`failed`) with no such line gets `fallback` as its finding, at line 0.
 */
export function xmllintFindings(stderr: string, name: string, failed: boolean, fallback = "xmllint failed"): Finding[] {
  const findings: Finding[] = [];
  for (const line of stderr.split("\n")) {
    if (!line.startsWith(name + ":")) continue;
    const m = /^(\d+): (?:element [^:]*: )?(.*)$/.exec(line.slice(name.length + 1));
    if (!m) continue;
    findings.push({ line: Number(m[1]), column: 0, kind: "schema", severity: "error", message: m[2]!.replace(/^Schemas validity error : /, "") });
  }
  if (failed && findings.length === 0) findings.push({ line: 0, column: 0, kind: "schema", severity: "error", message: fallback });
  return findings;
}

const schemaText = new Map<CaexVersion, string>();

export interface SchemaValidation {
  valid: boolean;
  findings: Finding[];
}

/**
 * XSD validation of files against the vendored schema of a CAEX version, in one run of
 * `xmllint --noout --nonet --schema XSD FILE...` (the schema is parsed once; schemaLocation in a file
 * is not followed: the schema is the only other file xmllint sees). A file is valid when xmllint says
 * it `validates`. The tests compare the findings with Debian's xmllint where it is installed.
 */
export async function schemaValidateFiles(files: string[], version: CaexVersion): Promise<SchemaValidation[]> {
  if (files.length === 0) return [];
  const xsd = schemaFile(version);
  let schema = schemaText.get(version);
  if (schema === undefined) schemaText.set(version, (schema = readFileSync(xsd, "utf8")));
  const names = files.map((_, i) => `document-${i}.xml`);
  const r = await xmllint(
    ["--noout", "--nonet", "--schema", basename(xsd), ...names],
    [{ name: basename(xsd), contents: schema }, ...files.map((f, i) => ({ name: names[i]!, contents: new Uint8Array(readFileSync(f)) }))],
  );
  const lines = r.stderr.split("\n");
  return files.map((file, i) => {
    const name = names[i]!;
    const valid = r.status === 0 || lines.includes(`${name} validates`);
    const mine = lines.filter((l) => l.startsWith(name + ":") || l.startsWith(name + " "));
    const fallback = (mine.find((l) => !l.startsWith(name + ":")) ?? lines.find((l) => l.trim() !== "") ?? `xmllint exit status ${r.status}`).split(name).join(file);
    return { valid, findings: xmllintFindings(r.stderr, name, !valid, fallback) };
  });
}

/** XSD validation of one file (schemaValidateFiles). Exit status 0 valid, 3 invalid. */
export async function schemaValidate(file: string, version: CaexVersion): Promise<SchemaValidation> {
  return (await schemaValidateFiles([file], version))[0]!;
}

/** The name of a document inside xmllint's in-memory file system (replaced by its path in messages). */
const DOCUMENT = "document.xml";

/**
 * Canonical XML 1.0 with comments (`xmllint --c14n`) of a file. The WebAssembly build's host
 * collects standard output line by line and ends every line with a newline, so its text ends with one
 * newline that xmllint did not write: canonical XML never ends with one (its last character is the
 * `>` of the document element's end tag or of a following comment or PI), so exactly that is removed.
 */
export async function c14n(file: string): Promise<string> {
  const r = await xmllint(["--c14n", "--nonet", DOCUMENT], [{ name: DOCUMENT, contents: new Uint8Array(readFileSync(file)) }]);
  if (r.status !== 0) throw new Error(`xmllint --c14n ${file}: ${r.stderr.split(DOCUMENT).join(file).trim().split("\n")[0]}`);
  if (!r.stdout.endsWith(">\n")) throw new ToolError(`xmllint --c14n ${file}: unexpected end of the canonical form ${JSON.stringify(r.stdout.slice(-20))}`);
  return r.stdout.slice(0, -1);
}

export interface IntegrityOptions {
  /** load files named by ExternalReference to check alias paths (default: on, relative to the file) */
  external?: boolean;
}

/** Reference-integrity findings, in document order. */
export function integrityFindings(model: AmlModel, options: IntegrityOptions = {}): Finding[] {
  const out: Finding[] = [];
  const at = (node: CaexNode, kind: string, severity: Severity, message: string): void => {
    out.push({ line: model.doc.lines.line(node.el.start), column: model.doc.lines.column(node.el.start), kind, severity, message });
  };
  const externals = new Map<string, AmlModel | string>();
  const loadExternal = (ref: CaexNode): AmlModel | string => {
    const p = nodeAttr(model, ref, "Path") ?? "";
    const abs = resolve(dirname(model.file), p.replace(/\\/g, "/"));
    let m = externals.get(abs);
    if (m === undefined) {
      if (options.external === false) m = "not checked (external files off)";
      else if (!existsSync(abs)) m = `file ${p} not found`;
      else {
        try {
          m = readAml(readFileSync(abs), abs);
        } catch (e) {
          m = `file ${p} unreadable: ${(e as Error).message}`;
        }
      }
      externals.set(abs, m);
    }
    return m;
  };

  // duplicate IDs (every later occurrence), duplicate aliases and class paths
  const firstLine = (n: CaexNode): number => model.doc.lines.line(n.el.start);
  const dupIds = new Set<CaexNode>();
  for (const nodes of model.byId.values()) for (let i = 1; i < nodes.length; i++) dupIds.add(nodes[i]!);
  const aliasSeen = new Map<string, CaexNode>();
  const pathSeen = new Map<string, CaexNode>();
  const cycleReported = new Set<CaexNode>();

  for (const node of model.nodes) {
    if (dupIds.has(node)) {
      const id = nodeAttr(model, node, "ID")!;
      at(node, "duplicate-id", "error", `ID "${id}" is already used at line ${firstLine(model.byId.get(id)![0]!)}`);
    }
    if (node.tag === "ExternalReference") {
      const alias = nodeAttr(model, node, "Alias");
      if (alias !== undefined) {
        const prev = aliasSeen.get(alias);
        if (prev) at(node, "duplicate-alias", "warning", `Alias "${alias}" is already defined at line ${firstLine(prev)}`);
        else aliasSeen.set(alias, node);
      }
    }
    if (node.path) {
      const key = `${node.tag}\u0001${pathKey(node.path)}`;
      const prev = pathSeen.get(key);
      if (prev) at(node, "duplicate-name", "warning", `${node.tag} "${node.path.join("/")}" is already defined at line ${firstLine(prev)}; paths to it are ambiguous`);
      else pathSeen.set(key, node);
    }
    // class paths
    for (const a of PATH_ATTRS) {
      const value = nodeAttr(model, node, a);
      if (value === undefined) continue;
      const kind = refKind(node.tag, a);
      if (!kind) continue;
      const r = resolveAttr(model, node, a)!;
      if (r.kind === "unresolved") at(node, "unresolved-reference", "error", `${a} "${value}": ${r.reason}`);
      else if (r.kind === "external") {
        const ext = loadExternal(r.ref);
        if (typeof ext === "string") at(node, "external-reference", "warning", `${a} "${value}": ${ext}; reference not checked`);
        else {
          const hit = ext.classes[kind].get(pathKey(r.segments));
          if (!hit || hit.tag !== kind) at(node, "unresolved-reference", "error", `${a} "${value}": no ${kind} "${r.segments.join("/")}" in ${ext.file}`);
        }
      }
    }
    // link partners
    if (node.tag === "InternalLink") {
      for (const side of ["RefPartnerSideA", "RefPartnerSideB"]) {
        const v = nodeAttr(model, node, side);
        if (v === undefined) continue;
        if (!resolvePartner(model, v)) at(node, "unresolved-link", "error", `${side} "${v}": no such interface`);
      }
    }
    // inheritance cycles: reported once, at the first class of the cycle in document order
    if ((isClassKind(node.tag) && node.path) || node.tag === "InternalElement" || node.tag === "ExternalInterface") {
      if (cycleReported.has(node)) continue;
      const { chain, cycle } = inheritanceChain(model, node);
      if (!cycle) continue;
      const last = chain[chain.length - 1]!.resolution;
      if (last.kind !== "local" && last.kind !== "mirror") continue;
      // the cycle is the part of the chain from the repeated node on
      const members: CaexNode[] = [node];
      for (const l of chain) if (l.resolution.kind === "local" || l.resolution.kind === "mirror") members.push(l.resolution.node);
      const start = members.indexOf(last.node);
      const cyc = members.slice(start, members.length - 1);
      if (!cyc.includes(node)) continue; // node only leads into a cycle; the cycle's own first member reports it
      for (const c of cyc) cycleReported.add(c);
      const names = [...cyc, cyc[0]!].map((c) => (c.path ? c.path.join("/") : (nodeAttr(model, c, "Name") ?? c.tag)));
      at(node, "inheritance-cycle", "error", `inheritance cycle: ${names.join(" -> ")}`);
    }
  }
  return out;
}

/** What `twin aml validate --json` prints: schema validity and the findings, sorted by line. */
export interface ValidationReport {
  file: string;
  schemaVersion: CaexVersion;
  schemaValid: boolean;
  errors: number;
  warnings: number;
  findings: Finding[];
}

/** Schema validation plus reference integrity of a parsed file (findings sorted by line). */
export async function validateAml(model: AmlModel, options: IntegrityOptions = {}): Promise<ValidationReport> {
  const schema = await schemaValidate(model.file, model.version);
  const findings = [...schema.findings, ...integrityFindings(model, options)].sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    file: model.file,
    schemaVersion: model.version,
    schemaValid: schema.valid,
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    findings,
  };
}
