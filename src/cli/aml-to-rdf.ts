// twin aml to-rdf FILE.aml -o OUT.ttl [--base IRI]   (shared/spec/aml.md)
import { parseCommandLine, required, str } from "./args.js";
import { readAmlFile, writeAmlTurtle } from "../aml/index.js";
import { type Command, helpRequested, writeOutput } from "./common.js";
import { checkBase, checkOutput } from "./aml-common.js";

export const amlToRdfCommand: Command = {
  name: "aml to-rdf",
  summary: "CAEX file -> OWL/RDF graph (Turtle) with the layout for exact regeneration",
  api: { module: "aml", export: "amlToTurtle" },
  usage: `Usage: twin aml to-rdf FILE.aml -o OUT.ttl [--base IRI]

Writes the graph of FILE.aml as Turtle: the CAEX structure (classes, roles, interfaces,
instances, attributes with data types and units, resolved references) in the vocabulary of
ontologies/aml.ttl, plus the layout layer (aml:xmlIndex, aml:xmlTemplate) from which
"twin aml from-rdf" gives the file back byte for byte. Deterministic: the same file gives the
same bytes.

Options:
  -o, --out FILE  the Turtle file to write (required)
  --base IRI      base of the element IRIs (default https://w3id.org/twin/aml/file/<FileName>/)
  -h, --help      show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { out: { type: "string", short: "o" }, base: { type: "string" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "FILE.aml" },
    );
    if (helpRequested(values, this, io)) return 0;
    const file = positionals[0]!;
    const out = required(values.out, "-o OUT.ttl");
    checkOutput(file, out);
    const base = str(values.base);
    const model = readAmlFile(file, base === undefined ? {} : { base: checkBase(base) });
    const chunks: string[] = [];
    writeAmlTurtle(model, (c) => chunks.push(c));
    writeOutput(out, chunks);
    return 0;
  },
};
