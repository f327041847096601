// twin modelica query IN.ttl 'SPARQL' [--json]
import { parseCommandLine } from "./args.js";
import { queryModelica } from "../modelica/index.js";
import { type Command, helpRequested } from "./common.js";
import { readGraphText } from "./modelica-common.js";
export const modelicaQueryCommand: Command = {
  name: "modelica query",
  summary: "run a SPARQL query over a Modelica graph",
  api: { module: "modelica", export: "queryModelica" },
  usage: `Usage: twin modelica query IN.ttl 'SPARQL' [--json]

Runs a SPARQL 1.1 SELECT or ASK query (Oxigraph) over the graph. Prints a tab-separated table with
a header line (ASK: true/false), or JSON rows with --json.

Options:
  --json      print JSON
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 2, max: 2, names: "IN.ttl and SPARQL" });
    if (helpRequested(values, this, io)) return 0;
    const [file, query] = positionals as [string, string];
    const r = queryModelica(readGraphText(file), query, { file });
    if (typeof r === "boolean") {
      io.out(values.json === true ? JSON.stringify(r) + "\n" : `${r}\n`);
      return 0;
    }
    const { vars, rows } = r;
    if (values.json === true) io.out(JSON.stringify(rows, null, 1) + "\n");
    else io.out([vars.join("\t"), ...rows.map((row) => vars.map((v) => (row[v] ?? "").replace(/[\t\n]/g, " ")).join("\t"))].join("\n") + "\n");
    return 0;
  },
};
