// twin modelica to-rdf PATH -o OUT.ttl [--base IRI] [--format turtle|ntriples|jsonld]
import { UsageError, parseCommandLine, required, str } from "./args.js";
import { MODELICA_BASE as DEFAULT_BASE, modelicaToRdf, readModelicaSources, type RdfFormat } from "../modelica/index.js";
import { type Command, helpRequested, writeOutput } from "./common.js";
import { withSyntaxErrors } from "./modelica-common.js";

export const modelicaToRdfCommand: Command = {
  name: "modelica to-rdf",
  summary: "the RDF graph of Modelica sources (lossless: layout included)",
  api: { module: "modelica", export: "modelicaToRdf" },
  usage: `Usage: twin modelica to-rdf PATH -o OUT.ttl [--base IRI] [--format turtle|ntriples|jsonld]

Maps every class of PATH (a .mo file or a package directory) to RDF (ontology ontologies/modelica.ttl):
classes under BASE by full name, components <class>/<name>, equations as canonical text with links
to the components they reference, connections with both ends resolved, annotations, units (QUDT),
and the layout layer that gives the source back byte for byte. Same input, same bytes.

Options:
  -o, --output FILE  output file (required)
  --base IRI         base IRI of the class IRIs (default ${DEFAULT_BASE})
  --format F         turtle (default), ntriples or jsonld
  -h, --help         show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { output: { type: "string", short: "o" }, base: { type: "string" }, format: { type: "string" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "PATH" },
    );
    if (helpRequested(values, this, io)) return 0;
    const out = required(values.output, "-o OUT");
    const format = (str(values.format) ?? "turtle") as RdfFormat;
    if (!["turtle", "ntriples", "jsonld"].includes(format)) throw new UsageError(`--format: expected turtle, ntriples or jsonld, got ${JSON.stringify(format)}`);
    const base = str(values.base) ?? DEFAULT_BASE;
    if (!/^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(base)) throw new UsageError(`--base: not an absolute IRI: ${JSON.stringify(base)}`);
    const sources = readModelicaSources(positionals[0]!);
    return withSyntaxErrors(io, () => {
      const text = modelicaToRdf(sources, { base, format });
      writeOutput(out, [text]);
      return 0;
    });
  },
};
