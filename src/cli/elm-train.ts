// twin elm train DATA.csv --label COLUMN [...] -o MODEL.json   (shared/spec/elm.md)
import { UsageError, many, parseCommandLine, required, str } from "./args.js";
import { parseNumber, readCsvTable } from "../index.js";
import { ACTIVATIONS, type Activation, ELM_DEFAULTS as DEFAULTS, encodeElmModel, type NoveltyMethod, trainElm } from "../elm/index.js";
import { type Command, helpRequested, writeOutput } from "./common.js";

/** `--C 100`, or `none` for the unregularised ELM. */
export function parseC(text: string | undefined): number | null {
  if (text === undefined) return DEFAULTS.C;
  if (text.trim() === "none") return null;
  return parseNumber(text, "--C", "positive");
}

export function parseActivation(text: string | undefined): Activation {
  const a = text ?? DEFAULTS.activation;
  if (!(ACTIVATIONS as readonly string[]).includes(a)) throw new UsageError(`--activation: must be one of ${ACTIVATIONS.join(", ")}, got ${JSON.stringify(a)}`);
  return a as Activation;
}

export const elmTrainCommand: Command = {
  name: "elm train",
  summary: "train an ELM classifier (optionally with a novelty detector) on a labelled feature table",
  api: { module: "elm", export: "trainElm" },
  usage: `Usage: twin elm train DATA.csv --label COLUMN [--hidden 200] [--activation sigmoid] [--C 100]
         [--seed 1] [--standardize] [--novelty autoencoder|distance] [--novelty-quantile 0.99]
         [--novelty-k 5] [--ignore COL,...] -o MODEL.json

Extreme learning machine: a random hidden layer drawn from the seed inside the core, output weights
by regularised least squares on one-hot class targets. Every column except the label (and --ignore)
is a feature and must hold numbers.

Options:
  --label COLUMN        class label column (required)
  --hidden L            hidden neurons (default ${DEFAULTS.hidden})
  --activation A        ${ACTIVATIONS.join(", ")} (default ${DEFAULTS.activation})
  --C C                 ridge parameter: beta = (HᵀH + I/C)⁻¹HᵀT; "none" for plain least squares
                        (default ${DEFAULTS.C})
  --seed S              seed of the hidden layer, integer in [0, 2^53] (default ${DEFAULTS.seed})
  --standardize         scale features to zero mean, unit (population) standard deviation
  --novelty METHOD      add a novelty detector: "autoencoder" (ELM reconstruction error) or
                        "distance" (mean distance to the k nearest training rows, standardised)
  --novelty-quantile Q  threshold = type 7 quantile Q of the training scores (default ${DEFAULTS.noveltyQuantile})
  --novelty-k K         neighbours of the distance method (default ${DEFAULTS.noveltyK})
  --ignore COLS         comma-separated columns that are neither features nor the label
  -o, --output FILE     model JSON to write (required)
  -h, --help            show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      {
        label: { type: "string" },
        hidden: { type: "string" },
        activation: { type: "string" },
        C: { type: "string" },
        seed: { type: "string" },
        standardize: { type: "boolean" },
        novelty: { type: "string" },
        "novelty-quantile": { type: "string" },
        "novelty-k": { type: "string" },
        ignore: { type: "string", multiple: true },
        output: { type: "string", short: "o" },
        help: { type: "boolean", short: "h" },
      },
      { min: 1, max: 1, names: "DATA.csv" },
    );
    if (helpRequested(values, this, io)) return 0;
    const label = required(values.label, "--label");
    const output = required(values.output, "-o");
    const hidden = parseNumber(str(values.hidden) ?? String(DEFAULTS.hidden), "--hidden", "posinteger");
    const seed = parseNumber(str(values.seed) ?? String(DEFAULTS.seed), "--seed", "integer");
    if (seed > 2 ** 53) throw new UsageError(`--seed: must be <= 2^53: ${seed}`);
    const nov = str(values.novelty);
    if (nov !== undefined && nov !== "autoencoder" && nov !== "distance") throw new UsageError(`--novelty: must be autoencoder or distance, got ${JSON.stringify(nov)}`);
    const q = parseNumber(str(values["novelty-quantile"]) ?? String(DEFAULTS.noveltyQuantile), "--novelty-quantile", "nonnegative");
    if (q > 1) throw new UsageError(`--novelty-quantile: must be in [0, 1]: ${q}`);
    const k = parseNumber(str(values["novelty-k"]) ?? String(DEFAULTS.noveltyK), "--novelty-k", "posinteger");
    const ignore = new Set(many(values.ignore).flatMap((s) => s.split(",").map((x) => x.trim())).filter((x) => x !== ""));
    const activation = parseActivation(str(values.activation));
    const C = parseC(str(values.C));
    const table = readCsvTable(positionals[0]!);
    const model = trainElm(table, {
      label,
      hidden,
      activation,
      C,
      seed,
      standardize: values.standardize === true,
      novelty: (nov ?? null) as NoveltyMethod | null,
      noveltyQuantile: q,
      noveltyK: k,
      ignore: [...ignore],
    });
    writeOutput(output, [encodeElmModel(model)]);
    io.err(`twin elm train: ${table.rows.length} rows, ${model.features.length} features, ${model.classes.length} classes (${model.classes.join(", ")}) -> ${output}\n`);
    return 0;
  },
};
