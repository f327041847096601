// twin archive publish PKG... --endpoint URL [--graph-store URL] [--user NAME] [--key PUB.pem] [--json]
import { publishArchive, type PublishReport } from "../archive/index.js";
import { parseCommandLine, str } from "./args.js";
import { stringifyJson } from "../index.js";
import { endProgress, terminalProgress } from "./archive-common.js";
import { ENDPOINT_OPTIONS, ENDPOINT_USAGE, endpointFrom } from "./archive-endpoint.js";
import { type Command, helpRequested } from "./common.js";

export function formatPublish(r: PublishReport): string {
  const lines = [`twin archive publish -> ${r.graphStore}`];
  for (const x of r.refused) {
    lines.push(`  REFUSED    ${x.package}: ${x.failed.join(", ")} failed`);
    for (const p of x.problems.slice(0, 10)) lines.push(`               ${p.file ? `${p.file}: ` : ""}${p.message}`);
    if (x.problems.length > 10) lines.push(`               … and ${x.problems.length - 10} more`);
  }
  for (const p of r.published) lines.push(`  ${p.httpStatus === 201 ? "created " : "replaced"}   <${p.graph}>  ${p.triples} triples  ${p.package}`);
  const total = r.published.reduce((n, p) => n + p.triples, 0);
  lines.push(
    r.ok
      ? `published ${r.published.length} package${r.published.length === 1 ? "" : "s"} (${total} triples): verified in ${r.verifySeconds.toFixed(1)} s, uploaded in ${r.uploadSeconds.toFixed(1)} s`
      : `NOT PUBLISHED: ${r.refused.length} of the packages failed verification; nothing was written to the store`,
  );
  return lines.join("\n") + "\n";
}

export const archivePublishCommand: Command = {
  name: "archive publish",
  summary: "load packages' graphs into a SPARQL 1.1 store, each as the named graph of its IRI",
  api: { module: "archive", export: "publishArchive" },
  usage: `Usage: twin archive publish PKG... --endpoint URL [--graph-store URL] [--user NAME] [--key PUB.pem] [--json]

Verifies every package (as twin archive verify) and checks its identity (bag-info.txt
External-Identifier = the graph's twin:Package = the RO-Crate identifier); if any fails, nothing is
published and the exit status is 1. Then replaces, in the store, the named graph of each package's IRI
with the package's graph (SPARQL 1.1 Graph Store HTTP Protocol, PUT: publishing again is idempotent)
and checks that the store holds exactly the triples sent. Query the store with
twin archive query --endpoint URL. Exit 0 published, 1 refused or the store failed, 2 unreadable
package or bad command line.

Options:
${ENDPOINT_USAGE}
  --graph-store URL the store's Graph Store service (default: Virtuoso's, the --endpoint URL with
                    /sparql replaced by /sparql-graph-crud-auth, or /sparql-graph-crud without --user)
  --key PUB.pem     publish only packages signed with this Ed25519 key
  --json            print { endpoint, graphStore, ok, refused: [{ package, failed, problems }],
                    published: [{ package, graph, triples, httpStatus, seconds }], verifySeconds, uploadSeconds }
  -h, --help        show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { ...ENDPOINT_OPTIONS, "graph-store": { type: "string" }, key: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: Number.MAX_SAFE_INTEGER, names: "PKG" },
    );
    if (helpRequested(values, this, io)) return 0;
    const endpoint = endpointFrom(values, true);
    const progress = terminalProgress();
    const key = str(values.key);
    const r = await publishArchive(positionals, { endpoint, ...(key !== undefined ? { key } : {}), ...(progress ? { progress } : {}) }).finally(() => endProgress(progress));
    io.out(values.json === true ? stringifyJson(r) + "\n" : formatPublish(r));
    return r.ok ? 0 : 1;
  },
};
