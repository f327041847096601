// twin aml roundtrip FILE_OR_DIR [--json]   (shared/spec/aml.md)
import { parseCommandLine } from "./args.js";
import { stringifyJson } from "../index.js";
import { amlRoundtrip } from "../aml/index.js";
import { type Command, helpRequested } from "./common.js";

export const amlRoundtripCommand: Command = {
  name: "aml roundtrip",
  summary: "CAEX -> RDF -> Turtle text -> CAEX for a file or every .aml of a directory, compared",
  api: { module: "aml", export: "amlRoundtrip" },
  usage: `Usage: twin aml roundtrip FILE_OR_DIR [--json]

For every file: parse -> graph -> Turtle text -> parse the Turtle -> CAEX, then compare with the
original (SHA-256, and canonical XML by xmllint --c14n), validate input and output against the CAEX
schema (libxml2 compiled to WebAssembly), and count InternalElement, SystemUnitClass, RoleClass,
InterfaceClass, Attribute, ExternalInterface, InternalLink by SPARQL over the graph (checked against
the XML). Exit 0 when every file went through, 1 when any failed.

Options:
  --json       print { files, parsed, c14nEqual, byteEqual, schemaValidIn, schemaValidOut,
               failed: [{ file, stage, message }], counts, seconds: { parse, toRdf, fromRdf } }
  -h, --help   show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "FILE_OR_DIR" });
    if (helpRequested(values, this, io)) return 0;
    const r = await amlRoundtrip(positionals[0]!);
    if (values.json === true) io.out(stringifyJson(r) + "\n");
    else {
      io.out(
        `${r.files} file(s): ${r.parsed} parsed, ${r.byteEqual} byte-equal, ${r.c14nEqual} c14n-equal, schema-valid ${r.schemaValidIn} in / ${r.schemaValidOut} out\n` +
          `counts (SPARQL): ${Object.entries(r.counts).map(([k, v]) => `${k} ${v}`).join(", ")}\n` +
          `seconds: parse ${r.seconds.parse.toFixed(3)}, to-rdf ${r.seconds.toRdf.toFixed(3)}, from-rdf ${r.seconds.fromRdf.toFixed(3)}\n`,
      );
      for (const f of r.failed) io.out(`FAILED ${f.file} [${f.stage}]: ${f.message}\n`);
    }
    return r.failed.length > 0 ? 1 : 0;
  },
};
