// twin modelica roundtrip PATH [--json]
import { parseCommandLine, str } from "./args.js";
import { MODELICA_BASE as DEFAULT_BASE, modelicaRoundtrip, readModelicaSources } from "../modelica/index.js";
import { type Command, helpRequested } from "./common.js";

export const modelicaRoundtripCommand: Command = {
  name: "modelica roundtrip",
  summary: "parse -> RDF -> Turtle -> parse Turtle -> source -> parse, per file",
  api: { module: "modelica", export: "modelicaRoundtrip" },
  usage: `Usage: twin modelica roundtrip PATH [--json] [--base IRI]

For every file of PATH: parse, map to RDF, write Turtle, parse that Turtle text, regenerate the
source with the original layout, parse it again. astEqual: same AST (layout aside); byteEqual: same
SHA-256. Exit 1 when any file fails a stage.

Options:
  --json      print { files, classes, parsed, astEqual, byteEqual, failed, triples, seconds }
  --base IRI  base IRI (default ${DEFAULT_BASE})
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, base: { type: "string" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "PATH" });
    if (helpRequested(values, this, io)) return 0;
    const base = str(values.base);
    const r = modelicaRoundtrip(readModelicaSources(positionals[0]!), base === undefined ? {} : { base });
    if (values.json === true) io.out(JSON.stringify(r, null, 2) + "\n");
    else {
      io.out(`files ${r.files}, classes ${r.classes}, parsed ${r.parsed}, astEqual ${r.astEqual}, byteEqual ${r.byteEqual}, triples ${r.triples}\n`);
      for (const f of r.failed) io.out(`FAILED ${f.file} [${f.stage}]: ${f.message}\n`);
    }
    return r.failed.length === 0 && r.byteEqual === r.files ? 0 : 1;
  },
};
