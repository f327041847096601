// ro-crate-metadata.json: RO-Crate 1.1 (https://w3id.org/ro/crate/1.1) describing every payload file
// (format, size, SHA-256) and each recorded run as a CreateAction after the Process Run Crate profile
// 0.5 (https://w3id.org/ro/wfrun/process/0.5): instrument = what computed the run (the core, a
// SoftwareApplication with its SHA-256, for every run the core takes part in; the twin host, by version
// and git commit, for a run that names no core), object = the inputs, result = the outputs, agent = the
// twin host. Also the checks `verify` makes of it.
import type { Problem } from "./bagit.js";
import { sha256Hex } from "./hash.js";
import type { HostIdentity } from "./host.js";
import type { RunRecord } from "./runs.js";

export const CRATE_FILE = "ro-crate-metadata.json";
const RO_CRATE = "https://w3id.org/ro/crate/1.1";
const PROCESS_RUN = "https://w3id.org/ro/wfrun/process/0.5";

type Entity = Record<string, unknown> & { "@id": string };

export function encodingFormat(path: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? "";
  return (
    {
      json: "application/json",
      ttl: "text/turtle",
      wasm: "application/wasm",
      mo: "text/x-modelica",
      aml: "application/automationml-aml+xml",
      xml: "application/xml",
      csv: "text/csv",
      ndjson: "application/x-ndjson",
      svg: "image/svg+xml",
      md: "text/markdown",
      ts: "text/typescript",
      txt: "text/plain",
      order: "text/plain",
    }[ext] ?? "application/octet-stream"
  );
}

export interface CrateInput {
  name: string;
  description: string;
  datePublished: string;
  toolVersion: string;
  identifier: string;
  /** every payload file but the crate itself: path below data/ -> bytes */
  files: Map<string, Uint8Array>;
  runs: RunRecord[];
  coreSha256: string;
  host: HostIdentity;
}

export const CORE_ENTITY = "core/core.wasm";
export const HOST_ENTITY = "#twin";

/**
 * What really computed a run: the core when its record names the core it ran (every twin command whose
 * numerics run in the core, and the self-checks), else the host.
 */
export function instrumentOf(r: Pick<RunRecord, "core">): string {
  return typeof r.core?.sha256 === "string" ? CORE_ENTITY : HOST_ENTITY;
}

const ref = (id: string): { "@id": string } => ({ "@id": id });

export function buildCrate(c: CrateInput): string {
  const paths = [...c.files.keys()].sort();
  const files: Entity[] = paths.map((p) => {
    const b = c.files.get(p)!;
    const e: Entity = { "@id": p, "@type": "File", name: p.split("/").pop(), encodingFormat: encodingFormat(p), contentSize: String(b.length), sha256: sha256Hex(b) };
    if (p === CORE_ENTITY) {
      e["@type"] = ["File", "SoftwareApplication"];
      e.name = "twin numerical core (WebAssembly, imports nothing)";
      e.softwareVersion = `sha256:${c.coreSha256}`;
      e.description = "The exact binary that computed every recorded run; ABI in core/README.md, the canonical digest in core/HASH.md, build record (compiler, flags) in core/build.json.";
    }
    if (p === "core/README.md") e.description = "The ABI of core/core.wasm (assembly/ABI.md): enough to write a new host.";
    if (p === "core/HASH.md") e.description = "The definition of the canonical digests the runs are checked by.";
    if (p === "graph/twin.ttl") e.description = "The models, their links, the runs and their PROV-O provenance (RDF, Turtle).";
    return e;
  });
  const actions: Entity[] = c.runs.map((r) => ({
    "@id": `#run-${r.id}`,
    "@type": "CreateAction",
    name: r.kind === "selfcheck" ? `self-checks of the core (${(r.exports ?? []).join(", ")})` : `twin ${(r.argv ?? []).join(" ")}`,
    ...(r.description ? { description: r.description } : {}),
    instrument: ref(instrumentOf(r)),
    agent: ref(HOST_ENTITY),
    object: [ref(`runs/${r.id}/run.json`), ...r.inputs.map((i) => ref(`runs/${r.id}/${i.path}`))],
    result: r.outputs.map((o) => ref(`runs/${r.id}/${o.path}`)),
    startTime: r.startedAt,
    endTime: r.endedAt,
    actionStatus: ref("http://schema.org/CompletedActionStatus"),
  }));
  const root: Entity = {
    "@id": "./",
    "@type": "Dataset",
    name: c.name,
    description: c.description,
    identifier: c.identifier,
    datePublished: c.datePublished,
    conformsTo: ref(PROCESS_RUN),
    hasPart: paths.map(ref),
    mentions: actions.map((a) => ref(a["@id"])),
  };
  const graph: Entity[] = [
    { "@id": CRATE_FILE, "@type": "CreativeWork", conformsTo: ref(RO_CRATE), about: ref("./") },
    root,
    { "@id": PROCESS_RUN, "@type": "CreativeWork", name: "Process Run Crate", version: "0.5" },
    hostEntity(c.host),
    ...(c.host.commit ? [commitEntity(c.host)] : []),
    ...files,
    ...actions,
  ];
  return JSON.stringify({ "@context": "https://w3id.org/ro/crate/1.1/context", "@graph": graph }, null, 1) + "\n";
}

function hostEntity(h: HostIdentity): Entity {
  return {
    "@id": HOST_ENTITY,
    "@type": "SoftwareApplication",
    name: "twin",
    softwareVersion: h.version,
    url: "https://w3id.org/twin/",
    description: h.commit
      ? `The twin host that made the package, built from git commit ${h.commit}${h.modified ? " with uncommitted changes" : ""} (${h.commitSource}).`
      : "The twin host that made the package (its git commit is not known).",
    ...(h.commit ? { identifier: ref("#twin-commit") } : {}),
  };
}

function commitEntity(h: HostIdentity): Entity {
  return { "@id": "#twin-commit", "@type": "PropertyValue", propertyID: "git commit", value: h.commit, description: h.modified ? "the checkout had uncommitted changes" : "a clean checkout of this commit" };
}

/** RO-Crate consistency: every payload file described with the right size and checksum, nothing more; every run an action with its instrument. */
export function checkCrate(text: string | undefined, payload: Map<string, Uint8Array>, runs: Pick<RunRecord, "id" | "core">[]): Problem[] {
  const runIds = runs.map((r) => r.id);
  const file = `data/${CRATE_FILE}`;
  if (text === undefined) return [{ file, message: "missing" }];
  let doc: { "@graph"?: Entity[]; "@context"?: unknown };
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch (e) {
    return [{ file, message: `not JSON: ${(e as Error).message}` }];
  }
  const problems: Problem[] = [];
  const graph = Array.isArray(doc["@graph"]) ? doc["@graph"] : [];
  if (graph.length === 0) problems.push({ file, message: "no @graph" });
  const byId = new Map(graph.map((e) => [e["@id"], e]));
  const meta = byId.get(CRATE_FILE);
  if (!meta || (meta.conformsTo as { "@id"?: string } | undefined)?.["@id"] !== RO_CRATE) problems.push({ file, message: `the metadata descriptor does not conform to ${RO_CRATE}` });
  const root = byId.get("./");
  if (!root) problems.push({ file, message: "no root data entity ./" });
  const parts = new Set(((root?.hasPart as { "@id": string }[] | undefined) ?? []).map((x) => x["@id"]));
  for (const [p, b] of payload) {
    if (p === CRATE_FILE) continue;
    const e = byId.get(p);
    if (!e) {
      problems.push({ file: `data/${p}`, message: `not described in ${CRATE_FILE}` });
      continue;
    }
    if (!parts.has(p)) problems.push({ file: `data/${p}`, message: `not in the root's hasPart (${CRATE_FILE})` });
    if (e.contentSize !== String(b.length)) problems.push({ file: `data/${p}`, message: `size ${b.length} differs from contentSize ${String(e.contentSize)} in ${CRATE_FILE}` });
    if (e.sha256 !== sha256Hex(b)) problems.push({ file: `data/${p}`, message: `SHA-256 differs from the one in ${CRATE_FILE}` });
  }
  for (const e of graph) {
    const types = ([] as unknown[]).concat(e["@type"]);
    if (types.includes("File") && !payload.has(e["@id"])) problems.push({ file, message: `describes ${e["@id"]}, which is not in the package` });
  }
  const host = byId.get(HOST_ENTITY);
  if (!host || !([] as unknown[]).concat(host["@type"]).includes("SoftwareApplication") || typeof host.softwareVersion !== "string") {
    problems.push({ file, message: `no ${HOST_ENTITY} SoftwareApplication with a softwareVersion (the host that made the package)` });
  }
  const actions = graph.filter((e) => e["@type"] === "CreateAction");
  for (const id of runIds) {
    const a = actions.find((x) => x["@id"] === `#run-${id}`);
    if (!a) {
      problems.push({ file, message: `run ${id} has no CreateAction` });
      continue;
    }
    const want = instrumentOf(runs.find((r) => r.id === id)!);
    const got = (a.instrument as { "@id"?: string } | undefined)?.["@id"];
    if (got !== want) problems.push({ file, message: `run ${id}: instrument is ${got ?? "missing"}, expected ${want} (what computed the run)` });
    for (const r of ([] as { "@id": string }[]).concat((a.result as { "@id": string }[]) ?? [], (a.object as { "@id": string }[]) ?? [])) {
      if (!payload.has(r["@id"])) problems.push({ file, message: `run ${id}: refers to ${r["@id"]}, which is not in the package` });
    }
  }
  for (const a of actions) {
    const id = a["@id"].replace(/^#run-/, "");
    if (!runIds.includes(id)) problems.push({ file, message: `CreateAction ${a["@id"]} has no run in runs/` });
  }
  return problems;
}
