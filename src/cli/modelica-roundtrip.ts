// twin modelica roundtrip PATH [--json]
import { parseCommandLine, str } from "./args.js";
import { roundtrip } from "../modelica/pipeline.js";
import { DEFAULT_BASE } from "../modelica/to-rdf.js";
import { type Command, helpRequested } from "./common.js";
import { loadSources } from "./modelica-common.js";

export const modelicaRoundtripCommand: Command = {
  name: "modelica roundtrip",
  summary: "parse -> RDF -> Turtle -> parse Turtle -> source -> parse, per file",
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
    const r = roundtrip(loadSources(positionals[0]!), str(values.base) ?? DEFAULT_BASE);
    const round = (x: number): number => Math.round(x * 1000) / 1000;
    const out = {
      files: r.files, classes: r.classes, parsed: r.parsed, astEqual: r.astEqual, byteEqual: r.byteEqual, failed: r.failed,
      triples: r.triples, seconds: { parse: round(r.seconds.parse), toRdf: round(r.seconds.toRdf), fromRdf: round(r.seconds.fromRdf) },
    };
    if (values.json === true) io.out(JSON.stringify(out, null, 2) + "\n");
    else {
      io.out(`files ${r.files}, classes ${r.classes}, parsed ${r.parsed}, astEqual ${r.astEqual}, byteEqual ${r.byteEqual}, triples ${r.triples}\n`);
      for (const f of r.failed) io.out(`FAILED ${f.file} [${f.stage}]: ${f.message}\n`);
    }
    return r.failed.length === 0 && r.byteEqual === r.files ? 0 : 1;
  },
};
