// The archive's own part of graph/twin.ttl: the package, its files, the core, the conversions of the
// sources into RDF and the recorded runs, in PROV-O (W3C Recommendation 2013: prov:Activity used /
// generated Entities, wasAssociatedWith a SoftwareAgent, started/ended at times), plus the links
// between models (an AutomationML element twin:realisedBy a Modelica class or a rotor model).
// IRIs: package-scoped for what only this package has (files, runs, conversions); content-derived for
// what packages share (the core by its SHA-256, the tool by its version), so queries over many packages
// meet on them.
import { iri, lit, type Quad, quad } from "../rdf/graph.js";
import { ARCHIVE, NS, TWIN } from "../rdf/namespaces.js";
import type { HostIdentity } from "./host.js";
import type { SourceKind } from "./mapper.js";
import type { RunRecord } from "./runs.js";

const T = (s: string): string => ARCHIVE + s;
const P = (s: string): string => NS.prov + s;
const XSD = (s: string): string => NS.xsd + s;

export function packageIri(id: string): string {
  return `${TWIN}archive/package/${id}`;
}

export function fileIri(pkg: string, path: string): string {
  return `${pkg}/file/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export function coreIri(sha256: string): string {
  return `${TWIN}core/sha256/${sha256}`;
}

export function agentIri(version: string): string {
  return `${TWIN}agent/twin/${encodeURIComponent(version)}`;
}

/** The agent of a host built from a known git commit: a specialisation of the agent of its version. */
export function buildAgentIri(version: string, commit: string): string {
  return `${agentIri(version)}/git/${commit}`;
}

export function runIri(pkg: string, id: string): string {
  return `${pkg}/run/${encodeURIComponent(id)}`;
}

export interface GraphSource {
  kind: SourceKind;
  /** package path, data/ excluded: sources/<kind>/... */
  path: string;
  sha256: string;
  size: number;
  roots: string[];
  /** triples the file gave, when the mapper counts per file */
  triples: number | undefined;
  mapping: string;
}

export interface GraphCore {
  sha256: string;
  size: number;
  assemblyscript: string | null;
  flags: unknown;
  sourceSha256: string;
  exports: string[];
}

export interface GraphLink {
  element: string;
  model: string;
  via: string;
}

export interface ProvenanceInput {
  pkg: string;
  title: string;
  toolVersion: string;
  /** the host that made the package: version and, where known, git commit (host.ts) */
  host: HostIdentity;
  /** xsd:dateTime of the package (SOURCE_DATE_EPOCH when set) */
  created: string;
  sources: GraphSource[];
  core: GraphCore;
  runs: RunRecord[];
  links: GraphLink[];
  /** every payload file but the graph and the crate: path (below data/), sha256, size */
  files: { path: string; sha256: string; size: number }[];
}

export function provenanceQuads(p: ProvenanceInput): Quad[] {
  const out: Quad[] = [];
  const add = (s: string, pr: string, o: ReturnType<typeof iri> | ReturnType<typeof lit>): void => void out.push(quad(iri(s), iri(pr), o));
  const type = (s: string, ...types: string[]): void => types.forEach((t) => add(s, `${NS.rdf}type`, iri(t)));
  const time = (s: string): ReturnType<typeof lit> => lit(s, XSD("dateTime"));
  const versionAgent = agentIri(p.toolVersion);
  type(versionAgent, P("SoftwareAgent"), `${NS.schema}SoftwareApplication`);
  add(versionAgent, `${NS.schema}name`, lit("twin"));
  add(versionAgent, `${NS.schema}softwareVersion`, lit(p.toolVersion));
  // the agent is the host as built from its commit when that is known, else the version
  const agent = p.host.commit ? buildAgentIri(p.toolVersion, p.host.commit) : versionAgent;
  if (p.host.commit) {
    type(agent, P("SoftwareAgent"), `${NS.schema}SoftwareApplication`);
    add(agent, `${NS.schema}name`, lit("twin"));
    add(agent, `${NS.schema}softwareVersion`, lit(p.toolVersion));
    add(agent, T("gitCommit"), lit(p.host.commit));
    add(agent, P("specializationOf"), iri(versionAgent));
  }

  type(p.pkg, T("Package"), P("Entity"));
  add(p.pkg, `${NS.dcterms}title`, lit(p.title));
  add(p.pkg, `${NS.dcterms}created`, time(p.created));
  add(p.pkg, T("formatVersion"), lit(1));
  add(p.pkg, P("wasAttributedTo"), iri(agent));
  if (p.host.modified !== null) add(p.pkg, T("hostTreeModified"), lit(p.host.modified));

  const bySha = new Map<string, GraphSource>();
  for (const f of p.files) {
    const s = fileIri(p.pkg, f.path);
    type(s, T("ArchivedFile"), P("Entity"));
    add(s, T("path"), lit(f.path));
    add(s, T("sha256"), lit(f.sha256));
    add(s, T("byteSize"), lit(f.size));
    add(p.pkg, `${NS.dcterms}hasPart`, iri(s));
  }
  for (const src of p.sources) {
    bySha.set(src.sha256, src);
    const f = fileIri(p.pkg, src.path);
    type(f, T("SourceFile"));
    add(f, T("sourceKind"), lit(src.kind));
    if (src.triples !== undefined) add(f, T("tripleCount"), lit(src.triples));
    const conv = `${p.pkg}/conversion/${src.path.split("/").map(encodeURIComponent).join("/")}`;
    type(conv, T("Conversion"), P("Activity"));
    add(conv, P("used"), iri(f));
    add(conv, P("wasAssociatedWith"), iri(agent));
    add(conv, T("mapping"), lit(src.mapping));
    add(conv, P("startedAtTime"), time(p.created));
    add(conv, P("endedAtTime"), time(p.created));
    for (const r of src.roots) {
      add(f, T("describes"), iri(r));
      add(conv, P("generated"), iri(r));
      add(r, P("wasGeneratedBy"), iri(conv));
      add(r, P("wasDerivedFrom"), iri(f));
    }
  }

  const core = coreIri(p.core.sha256);
  const coreFile = fileIri(p.pkg, "core/core.wasm");
  type(core, T("CoreBuild"), P("Entity"), `${NS.schema}SoftwareApplication`);
  add(core, T("sha256"), lit(p.core.sha256));
  add(core, T("byteSize"), lit(p.core.size));
  add(core, T("importsNothing"), lit(true));
  add(core, T("sourceSha256"), lit(p.core.sourceSha256));
  if (p.core.assemblyscript) add(core, T("assemblyscriptVersion"), lit(p.core.assemblyscript));
  if (p.core.flags !== null && p.core.flags !== undefined) add(core, T("buildFlags"), lit(JSON.stringify(p.core.flags)));
  for (const e of p.core.exports.filter((x) => x.startsWith("selfcheck"))) add(core, T("selfcheckExport"), lit(e));
  add(coreFile, T("isCopyOf"), iri(core));
  add(p.pkg, T("core"), iri(core));

  for (const l of p.links) {
    add(l.element, T("realisedBy"), iri(l.model));
    add(l.element, T("linkEvidence"), lit(l.via));
  }

  for (const r of p.runs) {
    const run = runIri(p.pkg, r.id);
    type(run, T("Run"), P("Activity"));
    if (r.kind === "selfcheck") type(run, T("SelfcheckRun"));
    add(p.pkg, T("run"), iri(run));
    add(run, T("runId"), lit(r.id));
    if (r.description) add(run, `${NS.dcterms}description`, lit(r.description));
    if (r.command) add(run, T("command"), lit(r.command));
    if (r.argv) add(run, T("argv"), lit(JSON.stringify(r.argv)));
    for (const e of r.exports ?? []) add(run, T("selfcheckExport"), lit(e));
    add(run, T("engine"), lit(r.engine));
    add(run, T("exitCode"), lit(r.exitCode));
    add(run, T("hashScheme"), lit(r.hashScheme));
    add(run, P("startedAtTime"), time(r.startedAt));
    add(run, P("endedAtTime"), time(r.endedAt));
    add(run, P("wasAssociatedWith"), iri(agent));
    add(run, P("used"), iri(core));
    for (const inp of r.inputs) {
      const f = fileIri(p.pkg, `runs/${r.id}/${inp.path}`);
      add(run, P("used"), iri(f));
      type(f, T("RunInput"));
      const src = bySha.get(inp.sha256);
      if (src) {
        add(f, P("wasDerivedFrom"), iri(fileIri(p.pkg, src.path)));
        for (const m of src.roots) add(run, T("usesModel"), iri(m));
      }
      if (inp.from) {
        add(f, P("wasDerivedFrom"), iri(fileIri(p.pkg, `runs/${inp.from.run}/${inp.from.output}`)));
        add(run, P("wasInformedBy"), iri(runIri(p.pkg, inp.from.run)));
      }
    }
    for (const o of r.outputs) {
      const f = fileIri(p.pkg, `runs/${r.id}/${o.path}`);
      type(f, T("RunOutput"));
      add(run, P("generated"), iri(f));
      add(f, P("wasGeneratedBy"), iri(run));
      add(f, T("hashMode"), lit(o.mode));
      add(f, T("canonicalSha256"), lit(o.canonicalSha256));
      add(f, T("stream"), lit(o.stream));
    }
  }
  return out;
}
