// states.update: an online sequential (OS-ELM) update of the runner's recogniser with labelled
// feature windows — the update `twin elm update MODEL.json MORE.csv` makes (src/elm/model.ts
// `update`, one core job), with the rows given in the call or taken from the runner's recent windows.
// A label not among the model's classes gets a new output, as elm update does (docs/elm.md).
import { createHash } from "node:crypto";
import { ElmCore } from "../../elm/core.js";
import { encodeModel, type ElmModel, update } from "../../elm/model.js";
import { type Args, isRecord, numberArg, onlyKeys } from "./args.js";
import type { MethodContext, Operation } from "./context.js";
import { asMethodError, MethodError } from "./errors.js";
import { requireRunner } from "./runner-ops.js";

/** Labelled rows in the model's feature order. */
interface Rows {
  X: Float64Array;
  labels: string[];
}

function label(v: unknown, what: string): string {
  if (typeof v !== "string" || v.trim() === "") throw new MethodError(400, `${what}: must be a non-empty class name, got ${JSON.stringify(v)}`);
  return v;
}

/** The model's features of each window, by name; a missing or non-finite feature is refused naming it. */
function rows(model: ElmModel, windows: { features: unknown; label: string; where: string }[], op: string): Rows {
  const d = model.features.length;
  const X = new Float64Array(windows.length * d);
  windows.forEach((w, i) => {
    if (!isRecord(w.features)) throw new MethodError(400, `${op}: ${w.where}.features: must be an object of feature values`);
    const f = w.features;
    model.features.forEach((name, j) => {
      const v = f[name];
      if (v === undefined) throw new MethodError(422, `${op}: ${w.where}.features: missing "${name}" (the recogniser's features: ${model.features.join(", ")})`);
      if (typeof v !== "number" || !Number.isFinite(v)) throw new MethodError(422, `${op}: ${w.where}.features.${name}: must be a finite number, got ${JSON.stringify(v)}`);
      X[i * d + j] = v;
    });
  });
  return { X, labels: windows.map((w) => w.label) };
}

function explicitWindows(args: Args, op: string): { features: unknown; label: string; where: string }[] {
  if (!Array.isArray(args.windows) || args.windows.length === 0) throw new MethodError(400, `${op}: windows: must be a non-empty array of { features, label }`);
  return args.windows.map((w: unknown, i) => {
    const where = `windows[${i}]`;
    if (!isRecord(w)) throw new MethodError(400, `${op}: ${where}: must be an object { features, label }`);
    onlyKeys(w, ["features", "label"], `${op}: ${where}`);
    return { features: w.features, label: label(w.label, `${op}: ${where}.label`), where };
  });
}

function rangeWindows(ctx: MethodContext, args: Args, op: string): { features: unknown; label: string; where: string }[] {
  const from = numberArg(args, "fromMs", op, "finite"), to = numberArg(args, "toMs", op, "finite");
  if (from === undefined || to === undefined) throw new MethodError(400, `${op}: give either windows, or fromMs, toMs and label`);
  if (!(to > from)) throw new MethodError(400, `${op}: toMs (${to}) must be after fromMs (${from})`);
  const name = label(args.label, `${op}: label`);
  const found = requireRunner(ctx, op).windows(from, to);
  if (found.length === 0) throw new MethodError(422, `${op}: the runner has no windows with ${from} <= timeMs < ${to}`);
  return found.map((w) => ({ features: w.features, label: name, where: `window at ${new Date(w.timeMs).toISOString()}` }));
}

export const statesUpdate: Operation = {
  operation: "states.update",
  description: "Online sequential (OS-ELM) update of the runner's state recogniser with labelled feature windows (as twin elm update), given in the call or taken from the runner's windows in [fromMs, toMs) with one label; the runner continues with the updated model. A new label adds a class.",
  argsSchema: {
    type: "object",
    additionalProperties: false,
    properties: {
      windows: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          additionalProperties: false,
          required: ["features", "label"],
          properties: { features: { type: "object", additionalProperties: { type: "number" } }, label: { type: "string", minLength: 1 } },
        },
      },
      fromMs: { type: "number", description: "start of the time range, ms since the epoch (inclusive)" },
      toMs: { type: "number", description: "end of the time range, ms since the epoch (exclusive)" },
      label: { type: "string", minLength: 1, description: "the class of every window in the range" },
    },
    oneOf: [{ required: ["windows"] }, { required: ["fromMs", "toMs", "label"] }],
  },
  async run(ctx, args) {
    const op = "states.update";
    onlyKeys(args, ["windows", "fromMs", "toMs", "label"], op);
    const explicit = args.windows !== undefined;
    if (explicit && (args.fromMs !== undefined || args.toMs !== undefined || args.label !== undefined)) {
      throw new MethodError(400, `${op}: give either windows, or fromMs, toMs and label, not both`);
    }
    const runner = requireRunner(ctx, op);
    const current = runner.recogniser();
    if (current === null) throw new MethodError(409, `${op}: the runner has no recogniser to update (its config names no ELM model)`);
    const windows = explicit ? explicitWindows(args, op) : rangeWindows(ctx, args, op);
    const { X, labels } = rows(current.model, windows, op);
    let updated: ElmModel;
    try {
      updated = update(current.model, X, labels, new ElmCore(), { modelFile: current.file, file: `${op} windows`, lines: windows.map((_, i) => i + 1) });
    } catch (e) {
      throw asMethodError(e, op);
    }
    const text = encodeModel(updated);
    try {
      await runner.replaceRecogniser(updated);
    } catch (e) {
      throw asMethodError(e, op);
    }
    return { samples: labels.length, classes: [...updated.classes], modelSha256: createHash("sha256").update(text, "utf8").digest("hex") };
  },
};
