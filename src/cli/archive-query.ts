// twin archive query PKG... 'SPARQL' [--format table|csv|json]
// twin archive query --endpoint URL [PKG...] 'SPARQL' [--format table|csv|json]
import { existsSync, readFileSync } from "node:fs";
import { type ArchiveQueryFormat as QueryFormat, queryArchive } from "../archive/index.js";
import { UsageError, parseCommandLine, str } from "./args.js";
import { refusedAsFailure } from "./archive-common.js";
import { ENDPOINT_OPTIONS, ENDPOINT_USAGE, endpointFrom } from "./archive-endpoint.js";
import { type Command, helpRequested } from "./common.js";

export const archiveQueryCommand: Command = {
  name: "archive query",
  summary: "SPARQL 1.1 over the graphs of one or many packages, in memory or in a SPARQL store",
  api: { module: "archive", export: "queryArchive" },
  usage: `Usage: twin archive query PKG... QUERY [--format table|csv|json]
       twin archive query --endpoint URL [PKG...] QUERY [--format table|csv|json]

Runs a SPARQL 1.1 query over the graphs of the packages. QUERY is the query text or a file ending
in .rq/.sparql. Each package's graph is a named graph (its IRI, bag-info.txt External-Identifier);
the default graph is their union, so GRAPH ?pkg { ... } tells packages apart. SELECT gives a table,
SPARQL 1.1 CSV or SPARQL 1.1 Query Results JSON; ASK gives true/false; CONSTRUCT and DESCRIBE give
N-Triples (sorted). Prefixes are not predefined: declare the ones you use
(twin: <https://w3id.org/twin/archive#>, rotor: <https://w3id.org/twin/rotor#>, prov:, …).
Each package is verified first (fixity, core hash): exit 1 names a package that fails, 2 one that
cannot be read.

Without --endpoint the packages are loaded into Oxigraph in memory. With --endpoint the query runs
in a SPARQL 1.1 store holding published packages (twin archive publish), by the SPARQL 1.1 Protocol:
given packages, over their graphs only (the same dataset as in memory); given none, over the store's
whole dataset. Only queries are sent, never updates. A store may return a numeric or boolean literal
in another lexical form of the same value (Virtuoso: 2.1e11 as 2.1e+11, true as 1).

Options:
  --format F        table (default), csv or json
${ENDPOINT_USAGE}
  -h, --help        show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { ...ENDPOINT_OPTIONS, format: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 1, max: Number.MAX_SAFE_INTEGER, names: "QUERY" });
    if (helpRequested(values, this, io)) return 0;
    const format = (str(values.format) ?? "table") as QueryFormat;
    if (!["table", "csv", "json"].includes(format)) throw new UsageError(`--format: table, csv or json, not ${JSON.stringify(format)}`);
    const remote = str(values.endpoint) !== undefined;
    for (const o of ["user", "password", "timeout"] as const) if (!remote && str(values[o]) !== undefined) throw new UsageError(`--${o} needs --endpoint`);
    if (!remote && positionals.length < 2) throw new UsageError("missing PKG and QUERY");
    const last = positionals[positionals.length - 1]!;
    const query = /\.(rq|sparql)$/i.test(last) && existsSync(last) ? readFileSync(last, "utf8") : last;
    const packages = positionals.slice(0, -1);
    const r = await refusedAsFailure(io, () => queryArchive(packages, query, { format, ...(remote ? { endpoint: endpointFrom(values, false) } : {}) }));
    if (r === null) return 1; // refused: fixity or core hash fails
    io.out(r.text);
    return 0;
  },
};
