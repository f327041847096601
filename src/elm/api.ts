// The library face of the `twin elm` commands: fit a test case with its own hidden layer, train a
// classifier on a labelled table, update it (OS-ELM), predict with it. Cases and models are checked at
// this boundary (ElmInputError, located by JSON path) whether they come from a file or from code;
// tables are CSV files or tables parsed by the package's CSV reader (located by file and line).
import { ArgumentError } from "../errors.js";
import { type CsvTable as Table, readCsvTable } from "../io/csv.js";
import type { Json } from "../io/json.js";
import { type CaseFit, type CheckItem, checkCase, describeLayer, describeRidge, type ElmCase, type FitNorms, fitCaseWithNorms, loadCase, validateCase } from "./case.js";
import { ACTIVATIONS, type Activation, ElmCore, type NeuronFunction } from "./core.js";
import { type CsvTable, selectSamples } from "./csv.js";
import { DEFAULTS, type ElmModel, loadModel, type NoveltyMethod, type PredictResult, predict, train, update, validateModel } from "./model.js";

/** A case as its JSON file holds it (docs/elm.md, "Case format"); other keys are allowed and ignored. */
export interface ElmCaseDocument {
  name?: string;
  /** inputs per row */
  d: number;
  /** hidden neurons (the spec form; with `neurons`, their total) */
  L?: number;
  /** the spec form: one activation with W (d × L) and b (L) */
  activation?: Activation;
  W?: number[][];
  b?: number[];
  /** hpelm's form: neuron blocks in add_neurons order */
  neurons?: { func: NeuronFunction; number: number; W: number[][]; B: number[] }[];
  /** ridge I/C added to HᵀH (null: none); or hpelm's `norm` (norm·I; null: 50 eps) — exactly one */
  C?: number | null;
  norm?: number | null;
  X_train: number[][];
  T_train: number[][];
  X_test: number[][];
  /** OS-ELM: chunk sizes adding up to the training rows (the first one batch) */
  chunks?: number[];
  /** reference values for `check` */
  expected?: { [key: string]: Json | undefined };
  [key: string]: unknown;
}

const validCases = new WeakSet<ElmCase>();
const validModels = new WeakSet<ElmModel>();
/** The file each model read by readElmModel came from, for messages that name it. */
const modelFiles = new WeakMap<ElmModel, string>();

/**
 * Reads and checks an ELM test case file.
 * @throws ElmInputError for an unreadable file, malformed JSON or an invalid case (every fault, located)
 */
export function readElmCase(file: string): ElmCase {
  const c = loadCase(file);
  validCases.add(c);
  return c;
}

function caseOf(value: ElmCaseDocument | ElmCase): ElmCase {
  if (validCases.has(value as ElmCase)) return value as ElmCase;
  const c = validateCase(value as Json);
  validCases.add(c);
  return c;
}

/** Options of `fitElm`. */
export interface ElmFitOptions {
  /** compare with the case's `expected` values (`--check`); default false */
  check?: boolean;
}

/** What `twin elm fit --json` prints: the fit and, with `check`, the comparison. */
export interface ElmFitResult extends CaseFit {
  check?: CheckItem[];
}

/**
 * Fits a case and also returns the Frobenius norms the core computed with it (for reports).
 * @throws ElmInputError for an invalid case (`path` set); NumericalError when the fit fails
 */
export function fitElmWithNorms(elmCase: ElmCaseDocument | ElmCase, options: ElmFitOptions = {}): { result: ElmFitResult; norms: FitNorms } {
  const c = caseOf(elmCase);
  const { fit, norms } = fitCaseWithNorms(c, new ElmCore());
  const check = options.check === true ? checkCase(c, fit) : undefined;
  return { result: { ...fit, ...(check ? { check } : {}) }, norms };
}

/**
 * Fits the output weights of an ELM test case with the case's own hidden layer (`twin elm fit`):
 * batch ridge regression, or OS-ELM chunk by chunk when the case gives `chunks`. The case is a
 * document (checked here, as the command checks a file) or what `readElmCase` returned.
 * @throws ElmInputError for an invalid case, every fault located by its JSON path
 * @throws NumericalError when the fit fails (a numerically singular HᵀH)
 */
export function fitElm(elmCase: ElmCaseDocument | ElmCase, options: ElmFitOptions = {}): ElmFitResult {
  return fitElmWithNorms(elmCase, options).result;
}

/** One line about a case: name, hidden layer, ridge term, training rows and chunks. */
export function describeElmCase(elmCase: ElmCaseDocument | ElmCase): string {
  const c = caseOf(elmCase);
  return `${c.name}: ${describeLayer(c)}, ${describeRidge(c)}, ${c.nTrain} training rows${c.chunks ? ` in chunks ${c.chunks.join(", ")}` : ""}`;
}

/**
 * Reads and checks an ELM classifier model file (what `twin elm train` writes).
 * @throws ElmInputError for an unreadable file, malformed JSON or an invalid model (every fault, located)
 */
export function readElmModel(file: string): ElmModel {
  const m = loadModel(file);
  validModels.add(m);
  modelFiles.set(m, file);
  return m;
}

/**
 * Checks a model value (a parsed model file, or built in code) and returns it typed.
 * @throws ElmInputError listing every fault by its JSON path
 */
export function validateElmModel(value: unknown): ElmModel {
  if (validModels.has(value as ElmModel)) return value as ElmModel;
  const m = validateModel(value as Json);
  validModels.add(m);
  return m;
}

/** A labelled feature table: a CSV file name, or a table parsed by `parseCsvTable` / `readCsvTable` (machine-twin). */
export type ElmData = string | Table;

function tableOf(data: ElmData): CsvTable {
  const t = typeof data === "string" ? readCsvTable(data) : data;
  return { ...t, lines: t.rows.map((r) => r.line) };
}

/** Options of `trainElm` (`twin elm train` flags in brackets). */
export interface ElmTrainOptions {
  /** the class label column [--label] */
  label: string;
  /** hidden neurons, integer ≥ 1 [--hidden]; default 200 */
  hidden?: number;
  /** activation [--activation]; default "sigmoid" */
  activation?: Activation;
  /** ridge parameter: β = (HᵀH + I/C)⁻¹HᵀT, > 0; null for plain least squares [--C]; default 100 */
  C?: number | null;
  /** seed of the hidden layer, integer in [0, 2^53] [--seed]; default 1 */
  seed?: number;
  /** scale features to zero mean, unit standard deviation [--standardize]; default false */
  standardize?: boolean;
  /** add a novelty detector [--novelty]; default none */
  novelty?: NoveltyMethod | null;
  /** threshold = this quantile of the training scores, in [0, 1] [--novelty-quantile]; default 0.99 */
  noveltyQuantile?: number;
  /** neighbours of the distance detector, integer ≥ 1 [--novelty-k]; default 5 */
  noveltyK?: number;
  /** columns that are neither features nor the label [--ignore] */
  ignore?: readonly string[];
}

function checkOption(name: string, value: unknown, ok: boolean, rule: string): void {
  if (!ok) throw new ArgumentError(`${name}: must be ${rule}, got ${JSON.stringify(value) ?? String(value)}`, { path: name });
}

const isInt = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x);

/**
 * Trains an ELM classifier (and optionally a novelty detector) on a labelled feature table
 * (`twin elm train`): every column except the label and `ignore` is a feature. One job of the core.
 * @throws ArgumentError for a bad option or a table without feature columns
 * @throws InputError (CsvError) for a malformed table, located by file, line and column
 * @throws NumericalError when the solve fails
 */
export function trainElm(data: ElmData, options: ElmTrainOptions): ElmModel {
  const o = { ...DEFAULTS, novelty: null, standardize: false, ignore: [], ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as unknown as Required<ElmTrainOptions>;
  checkOption("label", o.label, typeof o.label === "string", "a column name");
  checkOption("hidden", o.hidden, isInt(o.hidden) && o.hidden >= 1, "an integer >= 1");
  checkOption("activation", o.activation, (ACTIVATIONS as readonly string[]).includes(o.activation), `one of ${ACTIVATIONS.join(", ")}`);
  checkOption("C", o.C, o.C === null || (typeof o.C === "number" && Number.isFinite(o.C) && o.C > 0), "a positive number or null");
  checkOption("seed", o.seed, isInt(o.seed) && o.seed >= 0 && o.seed <= 2 ** 53, "an integer in [0, 2^53]");
  checkOption("novelty", o.novelty, o.novelty === null || o.novelty === "autoencoder" || o.novelty === "distance", '"autoencoder", "distance" or null');
  checkOption("noveltyQuantile", o.noveltyQuantile, typeof o.noveltyQuantile === "number" && o.noveltyQuantile >= 0 && o.noveltyQuantile <= 1, "in [0, 1]");
  checkOption("noveltyK", o.noveltyK, isInt(o.noveltyK) && o.noveltyK >= 1, "an integer >= 1");
  const table = tableOf(data);
  const ignore = new Set(o.ignore);
  const features = table.header.filter((h) => h !== o.label && !ignore.has(h));
  if (features.length === 0) throw new ArgumentError(`${table.file}: no feature columns besides the label "${o.label}"`, { file: table.file, path: "label" });
  const s = selectSamples(table, features, o.label, true);
  const model = train(features, s.X, s.labels!, {
    label: o.label, hidden: o.hidden, activation: o.activation, C: o.C, seed: o.seed, standardize: o.standardize === true,
    novelty: o.novelty, noveltyQuantile: o.noveltyQuantile, noveltyK: o.noveltyK,
  }, new ElmCore());
  validModels.add(model);
  return model;
}

function sourceOf(model: ElmModel, table: CsvTable): { modelFile: string; file: string; lines: readonly number[] } {
  return { modelFile: modelFiles.get(model) ?? "model", file: table.file, lines: table.lines };
}

/**
 * Online sequential (OS-ELM) update of a model with more labelled rows (`twin elm update`): the
 * model training on all rows would give, to rounding. A new class gets a new output; a novelty
 * threshold is refitted on all rows seen. Returns a new model; `model` is not changed.
 * @throws ElmInputError for an invalid model; InputError (CsvError) for a malformed table
 * @throws InputError when this core draws other hidden weights than the model's
 * @throws NumericalError when the update fails
 */
export function updateElm(model: ElmModel, data: ElmData): ElmModel {
  const m = validateElmModel(model);
  const table = tableOf(data);
  const s = selectSamples(table, m.features, m.label, true);
  const out = update(m, s.X, s.labels!, new ElmCore(), sourceOf(m, table));
  validModels.add(out);
  return out;
}

/** What `twin elm predict --json` prints. */
export type ElmPredictResult = PredictResult;

/**
 * Classifies the rows of a feature table (`twin elm predict`): novelty first (when the model has a
 * detector), then the class with the largest output. Feature columns are matched by name; a label
 * column, when present, gives the accuracy.
 * @throws ElmInputError for an invalid model; InputError (CsvError) for a malformed table or a missing feature column
 * @throws NumericalError when the computation fails
 */
export function predictElm(model: ElmModel, data: ElmData): ElmPredictResult {
  const m = validateElmModel(model);
  const table = tableOf(data);
  const s = selectSamples(table, m.features, m.label, false);
  return predict(m, s.X, s.n, s.labels, new ElmCore(), sourceOf(m, table));
}
