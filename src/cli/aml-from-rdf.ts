// twin aml from-rdf IN.ttl -o OUT.aml [--root IRI]   (shared/spec/aml.md)
import { parseCommandLine, required, str } from "./args.js";
import { amlFromTurtle } from "../aml/index.js";
import { writeFileAtomic } from "../index.js";
import { type Command, helpRequested, OutputError } from "./common.js";
import { checkOutput, readTextFile } from "./aml-common.js";
export const amlFromRdfCommand: Command = {
  name: "aml from-rdf",
  summary: "OWL/RDF graph (Turtle) -> the CAEX file, byte for byte",
  api: { module: "aml", export: "amlFromTurtle" },
  usage: `Usage: twin aml from-rdf IN.ttl -o OUT.aml [--root IRI]

Regenerates the CAEX file from the graph alone (the layout layer written by "twin aml to-rdf").

Options:
  -o, --out FILE  the .aml file to write (required)
  --root IRI      the aml:CAEXFile resource to write when the graph holds several files
  -h, --help      show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { out: { type: "string", short: "o" }, root: { type: "string" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "IN.ttl" },
    );
    if (helpRequested(values, this, io)) return 0;
    const file = positionals[0]!;
    const out = required(values.out, "-o OUT.aml");
    checkOutput(file, out);
    const text = readTextFile(file);
    const root = str(values.root);
    const bytes = await amlFromTurtle(text, { file, ...(root !== undefined ? { root } : {}) });
    try {
      writeFileAtomic(out, bytes);
    } catch (e) {
      throw new OutputError(`${out}: cannot write: ${(e as Error).message}`);
    }
    return 0;
  },
};
