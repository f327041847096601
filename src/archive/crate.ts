// ro-crate-metadata.json: RO-Crate 1.1 (https://w3id.org/ro/crate/1.1) describing every payload file
// (format, size, SHA-256) and each recorded run as a CreateAction after the Process Run Crate profile
// 0.5 (https://w3id.org/ro/wfrun/process/0.5): instrument = the core (a SoftwareApplication), object =
// the inputs, result = the outputs, agent = twin. Also the checks `verify` makes of it.
import type { Problem } from "./bagit.js";
import { sha256Hex } from "./hash.js";
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
}

const ref = (id: string): { "@id": string } => ({ "@id": id });

export function buildCrate(c: CrateInput): string {
  const paths = [...c.files.keys()].sort();
  const files: Entity[] = paths.map((p) => {
    const b = c.files.get(p)!;
    const e: Entity = { "@id": p, "@type": "File", name: p.split("/").pop(), encodingFormat: encodingFormat(p), contentSize: String(b.length), sha256: sha256Hex(b) };
    if (p === "core/core.wasm") {
      e["@type"] = ["File", "SoftwareApplication"];
      e.name = "twin numerical core (WebAssembly, imports nothing)";
      e.description = "The exact binary every recorded run used; ABI in core/README.md, build record in core/build.json.";
    }
    if (p === "graph/twin.ttl") e.description = "The models, their links, the runs and their PROV-O provenance (RDF, Turtle).";
    return e;
  });
  const actions: Entity[] = c.runs.map((r) => ({
    "@id": `#run-${r.id}`,
    "@type": "CreateAction",
    name: r.kind === "selfcheck" ? `self-checks of the core (${(r.exports ?? []).join(", ")})` : `twin ${(r.argv ?? []).join(" ")}`,
    ...(r.description ? { description: r.description } : {}),
    instrument: ref("core/core.wasm"),
    agent: ref("#twin"),
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
    { "@id": "#twin", "@type": "SoftwareApplication", name: "twin", softwareVersion: c.toolVersion, url: "https://w3id.org/twin/" },
    ...files,
    ...actions,
  ];
  return JSON.stringify({ "@context": "https://w3id.org/ro/crate/1.1/context", "@graph": graph }, null, 1) + "\n";
}

/** RO-Crate consistency: every payload file described with the right size and checksum, nothing more; every run an action. */
export function checkCrate(text: string | undefined, payload: Map<string, Uint8Array>, runIds: string[]): Problem[] {
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
  const actions = graph.filter((e) => e["@type"] === "CreateAction");
  for (const id of runIds) {
    const a = actions.find((x) => x["@id"] === `#run-${id}`);
    if (!a) {
      problems.push({ file, message: `run ${id} has no CreateAction` });
      continue;
    }
    if ((a.instrument as { "@id"?: string } | undefined)?.["@id"] !== "core/core.wasm") problems.push({ file, message: `run ${id}: instrument is not core/core.wasm` });
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
