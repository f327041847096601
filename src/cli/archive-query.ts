// twin archive query PKG... 'SPARQL' [--format table|csv|json]
import { existsSync, readFileSync } from "node:fs";
import { type QueryFormat, runQuery } from "../archive/query.js";
import { parseCommandLine, str, UsageError } from "../io/args.js";
import { asInputErrors, refusedAsFailure } from "./archive-common.js";
import { type Command, helpRequested } from "./common.js";

export const archiveQueryCommand: Command = {
  name: "archive query",
  summary: "SPARQL 1.1 over the graphs of one or many packages",
  usage: `Usage: twin archive query PKG... QUERY [--format table|csv|json]

Runs a SPARQL 1.1 query (Oxigraph) over the graphs of the packages. QUERY is the query text or a
file ending in .rq/.sparql. Each package's graph is a named graph (its IRI, bag-info.txt
External-Identifier); the default graph is the union, so GRAPH ?pkg { ... } tells packages apart.
SELECT gives a table, SPARQL 1.1 CSV or SPARQL 1.1 Query Results JSON; ASK gives true/false;
CONSTRUCT and DESCRIBE give N-Triples. Prefixes are not predefined: declare the ones you use
(twin: <https://w3id.org/twin/archive#>, rotor: <https://w3id.org/twin/rotor#>, prov:, …).
Each package is verified first (fixity, core hash): exit 1 names a package that fails, 2 one that
cannot be read.

Options:
  --format F  table (default), csv or json
  -h, --help  show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { format: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 2, max: 1000, names: "PKG and QUERY" });
    if (helpRequested(values, this, io)) return 0;
    const format = (str(values.format) ?? "table") as QueryFormat;
    if (!["table", "csv", "json"].includes(format)) throw new UsageError(`--format: table, csv or json, not ${JSON.stringify(format)}`);
    const last = positionals[positionals.length - 1]!;
    const query = /\.(rq|sparql)$/i.test(last) && existsSync(last) ? readFileSync(last, "utf8") : last;
    const r = await refusedAsFailure(io, () => asInputErrors(() => runQuery(positionals.slice(0, -1), query, format)));
    if (r === null) return 1; // refused: fixity or core hash fails
    io.out(r.text);
    return 0;
  },
};
