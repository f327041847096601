// twin elm predict MODEL.json DATA.csv [--json]   (shared/spec/elm.md)
import { parseCommandLine } from "./args.js";
import { readCsvTable, stringifyJson } from "../index.js";
import { predictElm, readElmModel } from "../elm/index.js";
import { type Command, helpRequested, requireFinite } from "./common.js";

export const elmPredictCommand: Command = {
  name: "elm predict",
  summary: "classify rows of a feature table with an ELM model (novelty first, then class)",
  api: { module: "elm", export: "predictElm" },
  usage: `Usage: twin elm predict MODEL.json DATA.csv [--json]

Two-step recognition per row: if the model has a novelty detector and the row's novelty score is
above the threshold, the row is novel and gets no class; otherwise its class is the largest output.
Feature columns are matched by name (missing ones are an error); the label column, when present, is
not a feature and gives the accuracy (fraction of rows whose predicted class equals the label).

Options:
  --json      print JSON { predictions: [{ class, scores, novel, novelty_score }], accuracy, threshold }
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      { min: 2, max: 2, names: "MODEL.json and DATA.csv" },
    );
    if (helpRequested(values, this, io)) return 0;
    const model = readElmModel(positionals[0]!);
    const table = readCsvTable(positionals[1]!);
    const r = predictElm(model, table);
    for (const p of r.predictions) requireFinite(p.scores, "scores");
    if (values.json === true) {
      io.out(stringifyJson(r) + "\n");
      return 0;
    }
    const w = Math.max(5, ...model.classes.map((c) => c.length));
    const lines = [`row  ${"class".padEnd(w)}  score${r.threshold !== undefined ? "  novelty (threshold " + r.threshold.toPrecision(4) + ")" : ""}`];
    r.predictions.forEach((p, i) => {
      const top = p.class === null ? Math.max(...p.scores) : p.scores[model.classes.indexOf(p.class)]!;
      const cls = p.class ?? "(novel)";
      lines.push(`${String(i + 1).padStart(3)}  ${cls.padEnd(w)}  ${top.toFixed(4)}${p.novelty_score !== undefined ? "  " + p.novelty_score.toPrecision(4) : ""}`);
    });
    if (r.accuracy !== null) lines.push(`accuracy ${r.accuracy.toFixed(4)} (${r.predictions.length} rows)`);
    io.out(lines.join("\n") + "\n");
    return 0;
  },
};
