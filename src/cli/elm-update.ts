// twin elm update MODEL.json MORE.csv -o MODEL2.json   (shared/spec/elm.md)
import { parseCommandLine, required } from "./args.js";
import { readCsvTable } from "../index.js";
import { encodeElmModel, readElmModel, updateElm } from "../elm/index.js";
import { type Command, helpRequested, writeOutput } from "./common.js";

export const elmUpdateCommand: Command = {
  name: "elm update",
  summary: "online sequential (OS-ELM) update of an ELM model with more labelled rows",
  api: { module: "elm", export: "updateElm" },
  usage: `Usage: twin elm update MODEL.json MORE.csv -o MODEL2.json

Adds the labelled rows of MORE.csv to the model without retraining: the output weights and
P = (HᵀH + I/C)⁻¹ are updated by the OS-ELM recursion, giving the model that training on all rows
would give (to rounding). Feature columns are matched by name; the standardisation stays that of the
first training. A class not in the model gets a new output. A novelty threshold is refitted on all
rows seen.

Options:
  -o, --output FILE   updated model JSON to write (required)
  -h, --help          show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } },
      { min: 2, max: 2, names: "MODEL.json and MORE.csv" },
    );
    if (helpRequested(values, this, io)) return 0;
    const output = required(values.output, "-o");
    const model = readElmModel(positionals[0]!);
    const table = readCsvTable(positionals[1]!);
    const out = updateElm(model, table);
    writeOutput(output, [encodeElmModel(out)]);
    io.err(`twin elm update: ${table.rows.length} rows added, ${out.n_seen} seen, ${out.classes.length} classes -> ${output}\n`);
    return 0;
  },
};
