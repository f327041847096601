// Validation of a CAEX file: XSD validation with xmllint (libxml2) against the vendored CAEX schema of
// the file's version, and the reference integrity of shared/spec/aml.md (duplicate IDs, unresolved
// class paths, InternalLinks whose partners do not exist, inheritance cycles). Every finding has a
// line, a kind and a severity.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PACKAGE_ROOT } from "../core/core.js";
import { type AmlModel, type CaexNode, nodeAttr, pathKey, readAml } from "./model.js";
import { inheritanceChain, resolveAttr, resolvePartner } from "./resolve.js";
import { type CaexVersion, isClassKind, PATH_ATTRS, refKind } from "./vocab.js";

export type Severity = "error" | "warning";

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

/** xmllint is missing or failed to run: an environment failure, not bad input. */
export class ToolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolError";
  }
}

function xmllint(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync("xmllint", args, { encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new ToolError(code === "ENOENT" ? "xmllint not found (install Debian package libxml2-utils)" : `xmllint: ${r.error.message}`);
  }
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * XSD validation of a file by xmllint against the vendored schema (`--schema` overrides any
 * schemaLocation in the file, so nothing is fetched). Exit status 0 valid, 3 invalid.
 */
export function schemaValidate(file: string, version: CaexVersion): { valid: boolean; findings: Finding[] } {
  const r = xmllint(["--noout", "--nonet", "--schema", schemaFile(version), file]);
  const findings: Finding[] = [];
  for (const line of r.stderr.split("\n")) {
    if (!line.startsWith(file + ":")) continue;
    const m = /^(\d+): (?:element [^:]*: )?(.*)$/.exec(line.slice(file.length + 1));
    if (!m) continue;
    findings.push({ line: Number(m[1]), column: 0, kind: "schema", severity: "error", message: m[2]!.replace(/^Schemas validity error : /, "") });
  }
  if (r.status !== 0 && findings.length === 0) {
    findings.push({ line: 0, column: 0, kind: "schema", severity: "error", message: r.stderr.trim().split("\n")[0] ?? `xmllint exit ${r.status}` });
  }
  return { valid: r.status === 0, findings };
}

/** Canonical XML (xmllint --c14n, Canonical XML 1.0 without comments) of a file. */
export function c14n(file: string): string {
  const r = xmllint(["--c14n", "--nonet", file]);
  if (r.status !== 0) throw new ToolError(`xmllint --c14n ${file}: ${r.stderr.trim().split("\n")[0]}`);
  return r.stdout;
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

export interface ValidationReport {
  file: string;
  schemaVersion: CaexVersion;
  schemaValid: boolean;
  errors: number;
  warnings: number;
  findings: Finding[];
}

/** Schema validation plus reference integrity of a parsed file (findings sorted by line). */
export function validateAml(model: AmlModel, options: IntegrityOptions = {}): ValidationReport {
  const schema = schemaValidate(model.file, model.version);
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
