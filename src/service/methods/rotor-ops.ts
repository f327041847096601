// The rotor operations of the Methods element: modal, Campbell and unbalance analyses of the twin's
// CURRENT rotor model (rotor-model.ts), each one core job as `twin rotor modal|campbell|unbalance`
// runs it (src/rotor/jobs.ts; assembly/ABI.md, "Rotor jobs"). Callers give speeds in rpm (the unit of
// the Motor's MinSpeed/MaxSpeed in the AML); the jobs take rad/s, and the results are the CLI's
// `--json` documents, speeds in rad/s.
import { stringifyJson } from "../../io/json.js";
import { Core, DEFAULT_CORE_PATH } from "../../core/core.js";
import { campbellJob, DEFAULT_MODES, type Located, modalJob, unbalanceJob } from "../../rotor/jobs.js";
import type { Probe, UnbalanceMass } from "../../rotor/core.js";
import type { Grid, ModelSource } from "../../rotor/request.js";
import { ModelError } from "../../rotor/validate.js";
import type { Json } from "../types.js";
import { type Args, isRecord, numberArg, numberAt, onlyKeys, requiredNumber } from "./args.js";
import type { MethodContext, Operation } from "./context.js";
import { asMethodError, MethodError } from "./errors.js";
import { currentRotorModelWithSources, attributeAt, partsOfKind } from "./rotor-model.js";
import { rpmGrid, rpmToRadPerSecond, SPEEDS_SCHEMA } from "./speeds.js";

/** Points of the default Campbell grid over the Motor's MinSpeed..MaxSpeed. */
export const DEFAULT_CAMPBELL_POINTS = 11;

function core(): Core {
  try {
    return Core.default();
  } catch (e) {
    throw new MethodError(500, `cannot load the numerical core ${DEFAULT_CORE_PATH}: ${(e as Error).message}`);
  }
}

/**
 * Runs a rotor job on the current model; a model value the core refuses is reported as the attribute
 * that set it (or as the base file's JSON path), anything else as asMethodError says.
 */
function onCurrentModel<T>(ctx: MethodContext, op: string, job: (src: ModelSource) => T): T {
  const { model, written } = currentRotorModelWithSources(ctx);
  const src: ModelSource = { model, file: ctx.rotorModelFile ?? ctx.twin };
  try {
    return job(src);
  } catch (e) {
    if (e instanceof ModelError) {
      const lines = e.faults.map((f) => {
        const attr = attributeAt(written, f.path);
        return attr !== undefined ? `${attr}: ${f.message} (${f.path} of the rotor model)` : `${f.path}: ${f.message}`;
      });
      throw new MethodError(422, `${op}: the core refuses the current rotor model: ${lines.join("; ")}`);
    }
    throw asMethodError(e, op);
  }
}

/** The CLI's JSON text parsed back: the same numbers (NaN as the CLI writes it) as plain JSON. */
function asCliJson(value: unknown): Json {
  return JSON.parse(stringifyJson(value)) as Json;
}

function requireFinite(values: number[], what: string, op: string): void {
  if (values.some((x) => !Number.isFinite(x))) throw new MethodError(422, `${op}: ${what}: not finite (the current model has no valid modal solution)`);
}

const MODES_SCHEMA = { type: "integer", minimum: 1, maximum: 65536, description: `modes per speed, lowest damped frequency first (default ${DEFAULT_MODES})` };

export const rotorModal: Operation = {
  operation: "rotor.modal",
  description: "Damped natural frequencies, logarithmic decrements and whirl of the current rotor model at one speed (twin rotor modal --json; speeds in the result in rad/s).",
  argsSchema: {
    type: "object",
    additionalProperties: false,
    properties: { speed: { type: "number", minimum: 0, description: "rotor speed, rpm (default 0)" }, modes: MODES_SCHEMA },
  },
  async run(ctx, args) {
    const op = "rotor.modal";
    onlyKeys(args, ["speed", "modes"], op);
    const speed = rpmToRadPerSecond(numberArg(args, "speed", op, "nonnegative") ?? 0);
    const modes = numberArg(args, "modes", op, "posinteger") ?? DEFAULT_MODES;
    const { dof, results, name } = onCurrentModel(ctx, op, (src) => ({ ...modalJob(core(), src, { kind: "list", values: [speed] }, modes, { speeds: "speed", modes: "modes" }), name: src.model.name }));
    for (const r of results) {
      requireFinite(r.wn, `at ${r.speed} rad/s: wn`, op);
      requireFinite(r.wd, `at ${r.speed} rad/s: wd`, op);
      requireFinite(r.logdec, `at ${r.speed} rad/s: logdec`, op);
    }
    return asCliJson({ model: name, dof, results });
  },
};

/** The Motor's MinSpeed..MaxSpeed (rpm) in DEFAULT_CAMPBELL_POINTS points, if the device has a Motor with both. */
function motorGrid(ctx: MethodContext, op: string): Grid {
  for (const motor of partsOfKind(ctx, "Motor")) {
    const min = ctx.device.get(motor, "MinSpeed"), max = ctx.device.get(motor, "MaxSpeed");
    if (min === undefined || max === undefined) continue;
    const lo = numberAt(min, `${op}: ${motor}/MinSpeed`, "nonnegative"), hi = numberAt(max, `${op}: ${motor}/MaxSpeed`, "nonnegative");
    if (!(hi > lo)) throw new MethodError(422, `${op}: ${motor}/MaxSpeed (${hi}) must exceed ${motor}/MinSpeed (${lo}) to give the default speeds`);
    return { kind: "range", start: rpmToRadPerSecond(lo), stop: rpmToRadPerSecond(hi), step: rpmToRadPerSecond((hi - lo) / (DEFAULT_CAMPBELL_POINTS - 1)) };
  }
  throw new MethodError(400, `${op}: speeds is required (the device has no Motor with MinSpeed and MaxSpeed to take them from)`);
}

export const rotorCampbell: Operation = {
  operation: "rotor.campbell",
  description: `Modal analysis of the current rotor model over a speed range with the modes tracked, and the critical speeds (twin rotor campbell --json; speeds in the result in rad/s, a mode absent at a speed is null). Default speeds: the Motor's MinSpeed..MaxSpeed in ${DEFAULT_CAMPBELL_POINTS} points.`,
  argsSchema: { type: "object", additionalProperties: false, properties: { speeds: SPEEDS_SCHEMA, modes: MODES_SCHEMA } },
  async run(ctx, args) {
    const op = "rotor.campbell";
    onlyKeys(args, ["speeds", "modes"], op);
    const speeds = args.speeds === undefined ? motorGrid(ctx, op) : rpmGrid(args.speeds, `${op}: speeds`);
    const modes = numberArg(args, "modes", op, "posinteger") ?? DEFAULT_MODES;
    const { dof, campbell, name } = onCurrentModel(ctx, op, (src) => ({ ...campbellJob(core(), src, speeds, modes, { speeds: "speeds", modes: "modes" }), name: src.model.name }));
    // NaN marks a mode absent at a speed (tracking); infinities are failures (as the CLI)
    for (const r of campbell.results) {
      for (const a of [r.wn, r.wd, r.logdec]) if (a.some((x) => x === Infinity || x === -Infinity)) throw new MethodError(422, `${op}: at ${r.speed} rad/s: infinite value`);
    }
    return asCliJson({ model: name, dof, results: campbell.results, critical: campbell.critical });
  },
};

function probesArg(ctx: MethodContext, args: Args, node: number, op: string): Located<Probe>[] {
  if (args.probes !== undefined) {
    if (!Array.isArray(args.probes) || args.probes.length === 0) throw new MethodError(400, `${op}: probes: must be a non-empty array of { node, dir }`);
    return args.probes.map((p: unknown, i) => {
      const where = `probes[${i}]`;
      if (!isRecord(p)) throw new MethodError(400, `${op}: ${where}: must be an object { node, dir }`);
      onlyKeys(p, ["node", "dir"], `${op}: ${where}`);
      const n = numberAt(p.node, `${op}: ${where}.node`, "integer");
      const dir = p.dir === "x" || p.dir === "y" ? p.dir : numberAt(p.dir, `${op}: ${where}.dir ("x", "y" or an angle in rad)`, "finite");
      return { node: n, dir, where };
    });
  }
  // default: the device's accelerometers where they measure (their Node and Direction)
  const probes: Located<Probe>[] = [];
  for (const acc of partsOfKind(ctx, "Accelerometer")) {
    const n = ctx.device.get(acc, "Node"), dir = ctx.device.get(acc, "Direction");
    if (n === undefined || (dir !== "x" && dir !== "y")) continue;
    probes.push({ node: numberAt(n, `${op}: ${acc}/Node`, "integer"), dir, where: acc });
  }
  if (probes.length > 0) return probes;
  return [
    { node, dir: "x", where: "unbalance node x" },
    { node, dir: "y", where: "unbalance node y" },
  ];
}

export const rotorUnbalance: Operation = {
  operation: "rotor.unbalance",
  description: "Steady-state response of the current rotor model to an unbalance at a shaft node over speeds (twin rotor unbalance --json; frequencies in the result in rad/s). Probes default to the device's accelerometers.",
  argsSchema: {
    type: "object",
    additionalProperties: false,
    required: ["node", "magnitude", "speeds"],
    properties: {
      node: { type: "integer", minimum: 0, description: "shaft node of the unbalance (0 .. shaft elements)" },
      magnitude: { type: "number", minimum: 0, description: "unbalance, kg m" },
      phase: { type: "number", description: "phase, rad (default 0)" },
      speeds: SPEEDS_SCHEMA,
      probes: {
        type: "array",
        minItems: 1,
        items: {
          type: "object",
          additionalProperties: false,
          required: ["node", "dir"],
          properties: { node: { type: "integer", minimum: 0 }, dir: { oneOf: [{ enum: ["x", "y"] }, { type: "number" }] } },
        },
      },
    },
  },
  async run(ctx, args) {
    const op = "rotor.unbalance";
    onlyKeys(args, ["node", "magnitude", "phase", "speeds", "probes"], op);
    const node = requiredNumber(args, "node", op, "integer");
    const magnitude = requiredNumber(args, "magnitude", op, "nonnegative");
    const phase = numberArg(args, "phase", op, "finite") ?? 0;
    if (args.speeds === undefined) throw new MethodError(400, `${op}: speeds is required`);
    const freqs = rpmGrid(args.speeds, `${op}: speeds`);
    const probes = probesArg(ctx, args, node, op);
    const unbalance: Located<UnbalanceMass>[] = [{ node, magnitude, phase, where: "unbalance" }];
    // nodes the model lacks are refused by the core, named as given here (400)
    const { response } = onCurrentModel(ctx, op, (src) => unbalanceJob(core(), src, unbalance, probes, freqs, { freqs: "speeds" }));
    for (const p of response.probes) {
      requireFinite(p.amplitude, `response at node ${p.node}: amplitude`, op);
      requireFinite(p.phase, `response at node ${p.node}: phase`, op);
    }
    return asCliJson(response);
  },
};
