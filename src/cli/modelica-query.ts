// twin modelica query IN.ttl 'SPARQL' [--json]
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import { parseCommandLine } from "./args.js";
import { SparqlError, SparqlStore } from "../rdf/sparql.js";
import { type Command, helpRequested } from "./common.js";

export const modelicaQueryCommand: Command = {
  name: "modelica query",
  summary: "run a SPARQL query over a Modelica graph",
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
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let store: SparqlStore;
    try {
      store = SparqlStore.fromTurtle(text, file);
    } catch (e) {
      throw new InputError((e as Error).message);
    }
    try {
      if (/^\s*(prefix\s+\S+\s*<[^>]*>\s*)*ask\b/i.test(query)) {
        const r = store.ask(query);
        io.out(values.json === true ? JSON.stringify(r) + "\n" : `${r}\n`);
        return 0;
      }
      const { vars, rows } = store.selectTable(query);
      if (values.json === true) io.out(JSON.stringify(rows, null, 1) + "\n");
      else io.out([vars.join("\t"), ...rows.map((r) => vars.map((v) => (r[v] ?? "").replace(/[\t\n]/g, " ")).join("\t"))].join("\n") + "\n");
      return 0;
    } catch (e) {
      if (e instanceof SparqlError) throw new InputError(`query: ${e.message}`);
      throw e;
    }
  },
};
