// The HMI's model views of a twin's CURRENT rotor model (the base model with the live attribute values
// applied, methods/rotor-model.ts): the Campbell diagram (one core job, as `twin rotor campbell`) and
// the modes at one speed with their shapes (the core's rotorModal and rotorModeShape exports,
// assembly/ABI.md "Rotor"). Speeds are rpm at the API (the unit of the Motor's MinSpeed/MaxSpeed), rad/s
// for the core, frequencies Hz (damped natural frequencies: what a Campbell diagram plots). Results
// are kept per device version: a view is computed again only after an attribute changed.
import { Core, CoreError } from "../core/core.js";
import { campbellJob, DEFAULT_MODES } from "../rotor/jobs.js";
import { encodeRotorModel, type RotorModel } from "../rotor/model.js";
import type { MethodContext } from "./methods/context.js";
import { asMethodError, MethodError } from "./methods/errors.js";
import { currentRotorModel, partsOfKind } from "./methods/rotor-model.js";
import { numberAt } from "./methods/args.js";
import { rpmToRadPerSecond } from "./methods/speeds.js";

export type Whirl = "forward" | "backward" | "mixed";

export interface CampbellView {
  speedsRpm: number[];
  /** one column per tracked mode; a mode the tracking lost at a speed is null there */
  modes: { index: number; frequenciesHz: (number | null)[]; whirl: (Whirl | null)[] }[];
  criticalSpeedsRpm: number[];
  currentRpm: number | null;
}

export interface ModesView {
  speedRpm: number;
  nodes: { x: number[] };
  modes: { index: number; frequencyHz: number; whirl: Whirl; logdec: number; shape: { x: number[]; y: number[] } }[];
}

/** Most speeds of one Campbell view (a diagram has no use for more points than a screen has pixels). */
export const MAX_CAMPBELL_SPEEDS = 2001;
/** Points of the default speeds over the Motor's MinSpeed..MaxSpeed. */
export const DEFAULT_CAMPBELL_SPEEDS = 25;
const CACHE_ENTRIES = 32;

const RPM_PER_RAD_S = 30 / Math.PI;

/** Speeds "start:stop:step" in rpm as the list they give (stop included when on the grid). */
export function parseRpmRange(text: string, what: string): number[] {
  const parts = text.split(":");
  const nums = parts.map((p) => (/^\s*[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?\s*$/.test(p) ? Number(p) : Number.NaN));
  if (parts.length !== 3 || nums.some((x) => !Number.isFinite(x))) throw new MethodError(400, `${what}: expected "start:stop:step" in rpm (numbers >= 0), got ${JSON.stringify(text)}`);
  const [start, stop, step] = nums as [number, number, number];
  if (!(step > 0)) throw new MethodError(400, `${what}: step ${step} must be > 0`);
  if (stop < start) throw new MethodError(400, `${what}: stop ${stop} < start ${start}`);
  // a stop a rounding error beyond the last step is on the grid
  const n = Math.floor((stop - start) / step + 1e-9) + 1;
  if (n > MAX_CAMPBELL_SPEEDS) throw new MethodError(400, `${what}: ${n} speeds, at most ${MAX_CAMPBELL_SPEEDS}`);
  return Array.from({ length: n }, (_, i) => start + i * step);
}

function whirlOf(code: number): Whirl {
  return code > 0 ? "forward" : code < 0 ? "backward" : "mixed";
}

function hz(radPerSecond: number): number {
  return radPerSecond / (2 * Math.PI);
}

/** The Motor's MinSpeed..MaxSpeed in DEFAULT_CAMPBELL_SPEEDS points, if the device has them. */
function motorSpeeds(ctx: MethodContext, what: string): number[] {
  for (const motor of partsOfKind(ctx, "Motor")) {
    const min = ctx.device.get(motor, "MinSpeed"), max = ctx.device.get(motor, "MaxSpeed");
    if (min === undefined || max === undefined) continue;
    const lo = numberAt(min, `${what}: ${motor}/MinSpeed`, "nonnegative"), hi = numberAt(max, `${what}: ${motor}/MaxSpeed`, "nonnegative");
    if (!(hi > lo)) throw new MethodError(422, `${what}: ${motor}/MaxSpeed (${hi}) must exceed ${motor}/MinSpeed (${lo}) to give the default speeds`);
    return Array.from({ length: DEFAULT_CAMPBELL_SPEEDS }, (_, i) => lo + ((hi - lo) * i) / (DEFAULT_CAMPBELL_SPEEDS - 1));
  }
  throw new MethodError(400, `${what}: speeds is required (the device has no Motor with MinSpeed and MaxSpeed to take them from)`);
}

/** Runs `f` with the model loaded into the core; a model the core refuses is a 422. */
function withLoaded<T>(core: Core, model: RotorModel, what: string, f: (h: number) => T): T {
  let h: number;
  try {
    h = core.withBuffers([encodeRotorModel(model)], (p) => core.check(core.fn("rotorLoad")(p!), "rotorLoad"));
  } catch (e) {
    if (e instanceof CoreError) throw new MethodError(422, `${what}: the core refuses the current rotor model: ${e.message}`);
    throw asMethodError(e, what);
  }
  try {
    return f(h);
  } finally {
    core.fn("rotorFree")(h);
  }
}

/** Node positions along the shaft, m: 0 and the cumulative element lengths. */
function nodePositions(model: RotorModel): number[] {
  const x = [0];
  for (const e of model.shaft) x.push(x[x.length - 1]! + e.L);
  return x;
}

export class ModelViews {
  private version = -1;
  private readonly cache = new Map<string, CampbellView | ModesView>();

  constructor(
    /** the twin's method context (device values, rotor model file) */
    private readonly context: () => MethodContext,
    /** the device model's version: changes with every attribute write */
    private readonly deviceVersion: () => number,
    private readonly core: () => Core = () => Core.default(),
  ) {}

  /** The Campbell diagram over `speeds` ("start:stop:step" rpm; default: the Motor's range). */
  campbell(speeds: string | undefined, modes: number | undefined, currentRpm: number | null): CampbellView {
    const nModes = modes ?? DEFAULT_MODES;
    const view = this.cached(`campbell|${speeds ?? ""}|${nModes}`, () => {
      const ctx = this.context();
      const rpm = speeds === undefined ? motorSpeeds(ctx, "speeds") : parseRpmRange(speeds, "speeds");
      const model = currentRotorModel(ctx);
      let r;
      try {
        r = campbellJob(this.core(), { model, file: ctx.rotorModelFile ?? ctx.twin }, { kind: "list", values: rpm.map(rpmToRadPerSecond) }, nModes, { speeds: "speeds", modes: "modes" });
      } catch (e) {
        throw asMethodError(e, "campbell");
      }
      const results = r.campbell.results;
      const columns = results[0]?.wd.length ?? 0;
      const out: CampbellView = {
        speedsRpm: rpm,
        modes: Array.from({ length: columns }, (_, j) => ({
          index: j,
          frequenciesHz: results.map((x) => (Number.isFinite(x.wd[j]!) ? hz(x.wd[j]!) : null)),
          whirl: results.map((x) => (Number.isFinite(x.wd[j]!) ? x.whirl[j]! : null)),
        })),
        criticalSpeedsRpm: r.campbell.critical.map((c) => c.speed * RPM_PER_RAD_S),
        currentRpm: null,
      };
      return out;
    }) as CampbellView;
    return { ...view, currentRpm };
  }

  /** The first `modes` modes at `speedRpm` with their shapes. */
  modes(speedRpm: number, modes: number | undefined): ModesView {
    const nModes = modes ?? DEFAULT_MODES;
    return this.cached(`modes|${speedRpm}|${nModes}`, () => {
      const ctx = this.context();
      const model = currentRotorModel(ctx);
      const core = this.core();
      const speed = rpmToRadPerSecond(speedRpm);
      const x = nodePositions(model);
      return withLoaded(core, model, "modes", (h) => {
        const v = take(core, core.fn("rotorModal")(h, speed, nModes), "rotorModal");
        const m = v[0]!;
        const out: ModesView = { speedRpm, nodes: { x }, modes: [] };
        for (let j = 0; j < m; j++) {
          const wd = v[1 + 4 * j + 1]!, logdec = v[1 + 4 * j + 2]!, whirl = v[1 + 4 * j + 3]!;
          if (!Number.isFinite(wd) || !Number.isFinite(logdec)) throw new MethodError(422, `modes: mode ${j} at ${speedRpm} rpm is not finite (the current model has no valid modal solution)`);
          const s = take(core, core.fn("rotorModeShape")(h, speed, j), "rotorModeShape");
          const nodes = s[0]!;
          if (nodes !== x.length) throw new Error(`rotorModeShape gave ${nodes} nodes, the model has ${x.length} shaft nodes`);
          // the core divides by the component of largest modulus (that one becomes 1 + 0i): the real
          // parts are the shape at the phase of that component, |max| = 1
          const sx: number[] = [], sy: number[] = [];
          for (let i = 0; i < nodes; i++) {
            sx.push(s[1 + 4 * i]!);
            sy.push(s[1 + 4 * i + 2]!);
          }
          out.modes.push({ index: j, frequencyHz: hz(wd), whirl: whirlOf(whirl), logdec, shape: { x: sx, y: sy } });
        }
        return out;
      });
    }) as ModesView;
  }

  private cached(key: string, compute: () => CampbellView | ModesView): CampbellView | ModesView {
    const version = this.deviceVersion();
    if (version !== this.version) {
      this.cache.clear();
      this.version = version;
    }
    let v = this.cache.get(key);
    if (v === undefined) {
      v = compute();
      if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, v);
    }
    return v;
  }
}

/** A result buffer of the core; a refusal (bad mode index, no convergence) is a 422 naming the export. */
function take(core: Core, ptr: number, op: string): Float64Array {
  try {
    return core.take(ptr, op);
  } catch (e) {
    if (e instanceof CoreError) throw new MethodError(422, `${op}: the core refused the current rotor model: ${e.message}`);
    throw e;
  }
}
