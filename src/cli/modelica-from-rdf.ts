// twin modelica from-rdf IN.ttl -o DIR [--layout original|canonical]
import { UsageError, parseCommandLine, required, str } from "./args.js";
import { type ModelicaLayout as Layout, modelicaFromTurtle, writeModelicaSources } from "../modelica/index.js";
import { type Command, helpRequested } from "./common.js";
import { readGraphText, withSyntaxErrors } from "./modelica-common.js";
export const modelicaFromRdfCommand: Command = {
  name: "modelica from-rdf",
  summary: "write Modelica sources back from a graph alone",
  api: { module: "modelica", export: "modelicaFromTurtle" },
  usage: `Usage: twin modelica from-rdf IN.ttl -o DIR [--layout original|canonical]

Rebuilds every file described in the graph (Turtle, or N-Triples for .nt) under DIR, package
structure as directories. --layout original (default) reproduces the archived bytes;
canonical pretty-prints.

Options:
  -o, --output DIR  output directory (required)
  --layout L        original (default) or canonical
  -h, --help        show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { output: { type: "string", short: "o" }, layout: { type: "string" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "IN.ttl" },
    );
    if (helpRequested(values, this, io)) return 0;
    const dir = required(values.output, "-o DIR");
    const layout = (str(values.layout) ?? "original") as Layout;
    if (layout !== "original" && layout !== "canonical") throw new UsageError(`--layout: expected original or canonical, got ${JSON.stringify(layout)}`);
    const file = positionals[0]!;
    const text = readGraphText(file);
    return withSyntaxErrors(io, () => {
      const files = modelicaFromTurtle(text, { file, layout });
      if (files.length === 0) throw new UsageError(`${positionals[0]}: the graph describes no Modelica files`);
      writeModelicaSources(dir, files);
      const degraded = files.filter((f) => f.degraded).map((f) => f.path);
      if (degraded.length) io.err(`twin modelica from-rdf: layout did not fit (graph edited?), pretty-printed parts of: ${degraded.join(", ")}\n`);
      return 0;
    });
  },
};
