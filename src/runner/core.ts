// The runner's pipeline in the core (assembly/ABI.md, "Hybrid runner"): a handle stepped block by
// block, its checkpoint, and the decoding of block results. The host converts frames to blocks (raw
// code × the frame's scale, one IEEE multiplication) and does nothing else to the numbers.
import { Core } from "../core/core.js";
import type { Frame } from "../live/frame.js";

export const RESULT_HEADER = 10;
export const MONITOR_VALUES = 8;

export interface EstimateRun {
  /** absolute filter-rate index of the first sample */
  first: number;
  count: number;
  /** count × V values, sample-major */
  values: Float64Array;
}

export interface MonitorPoint {
  /** 0 learning, 1 monitoring, 2 window not usable, 3 no variation in the learning period, 4 settling */
  phase: number;
  value: number;
  stat: number;
  center: number;
  lcl: number;
  ucl: number;
  /** rule bits (ALL_RULES order) */
  fired: number;
  beyond: boolean;
}

export interface WindowResult {
  /** absolute filter-rate index of the window's first sample */
  first: number;
  rpm: number;
  /** 1 constant signal, 2 no order fit */
  flags: number;
  features: Float64Array;
  /** class index, −1 novel, −2 no recogniser, −3 window not usable */
  cls: number;
  novelty: number;
  confidence: number;
  monitors: MonitorPoint[];
}

export interface BlockResult {
  samples: number;
  rpm: number;
  speedKnown: boolean;
  repairs: number;
  /** filter samples predicted without measurement in this block (lost samples) */
  predicted: number;
  filterRestarts: number;
  nextIndex: number;
  runs: EstimateRun[];
  windows: WindowResult[];
  /** the result as the core wrote it (the session's output stream) */
  raw: Float64Array;
}

export interface RunnerShape {
  fsIn: number;
  fsOut: number;
  channels: number;
  measured: number;
  virtual: number;
  features: number;
  monitors: number;
  modes: number;
  taps: number;
  recogniser: boolean;
  stateSize: number;
}

/** Decodes a block result (ABI.md, block result). */
export function decodeBlockResult(v: Float64Array, monitors: number): BlockResult {
  if (v[0] !== 1) throw new Error(`runner block result version ${v[0]}, expected 1`);
  const V = v[8]!, F = v[9]!;
  let o = RESULT_HEADER;
  const runs: EstimateRun[] = [];
  const nr = v[o++]!;
  for (let i = 0; i < nr; i++) {
    const first = v[o++]!, count = v[o++]!;
    runs.push({ first, count, values: v.slice(o, o + count * V) });
    o += count * V;
  }
  const windows: WindowResult[] = [];
  const nw = v[o++]!;
  for (let i = 0; i < nw; i++) {
    const first = v[o++]!, rpm = v[o++]!, flags = v[o++]!;
    const features = v.slice(o, o + F);
    o += F;
    const cls = v[o++]!, novelty = v[o++]!, confidence = v[o++]!;
    const mons: MonitorPoint[] = [];
    for (let m = 0; m < monitors; m++, o += MONITOR_VALUES) {
      mons.push({ phase: v[o]!, value: v[o + 1]!, stat: v[o + 2]!, center: v[o + 3]!, lcl: v[o + 4]!, ucl: v[o + 5]!, fired: v[o + 6]!, beyond: v[o + 7] === 1 });
    }
    windows.push({ first, rpm, flags, features, cls, novelty, confidence, monitors: mons });
  }
  if (o !== v.length) throw new Error(`runner block result: ${v.length - o} values left after the windows`);
  return { samples: v[1]!, rpm: v[2]!, speedKnown: v[3] === 1, repairs: v[4]!, predicted: v[5]!, filterRestarts: v[6]!, nextIndex: v[7]!, runs, windows, raw: v };
}

/** The block of a frame: [n, flags, t0, n × C physical values] (physical = raw × scale). */
export function frameBlock(f: Frame, discontinuity: boolean): Float64Array {
  const n = f.samplesPerChannel, C = f.channels;
  const b = new Float64Array(3 + n * C);
  b[0] = n;
  b[1] = discontinuity ? 1 : 0;
  b[2] = f.t0;
  const raw = f.raw, s = f.scale;
  for (let i = 0; i < n * C; i++) b[3 + i] = raw[i]! * s;
  return b;
}

export class RunnerCore {
  private freed = false;

  private constructor(
    readonly core: Core,
    readonly handle: number,
    readonly shape: RunnerShape,
  ) {}

  /** A runner in the core from its request (errors: CoreError with the request index as detail). */
  static open(request: ArrayLike<number>, core: Core = Core.default(), checkpoint?: ArrayLike<number>): RunnerCore {
    const h =
      checkpoint === undefined
        ? core.withBuffers([request], (p) => core.fn("runnerNew")(p!))
        : core.withBuffers([request, checkpoint], (p, s) => core.fn("runnerLoad")(p!, s!));
    core.check(h, checkpoint === undefined ? "runnerNew" : "runnerLoad");
    const d = core.take(core.fn("runnerDescribe")(h), "runnerDescribe");
    const shape: RunnerShape = {
      fsIn: d[1]!, fsOut: d[2]!, channels: d[3]!, measured: d[4]!, virtual: d[5]!, features: d[6]!, monitors: d[7]!, modes: d[8]!, taps: d[10]!, recogniser: d[11] === 1, stateSize: d[12]!,
    };
    return new RunnerCore(core, h, shape);
  }

  /** One block through the pipeline. */
  step(block: ArrayLike<number>): BlockResult {
    const v = this.core.withBuffers([block], (p) => this.core.take(this.core.fn("runnerStep")(this.live(), p!), "runnerStep"));
    return decodeBlockResult(v, this.shape.monitors);
  }

  /** The whole state, to resume from (runnerLoad with the same request). */
  checkpoint(): Float64Array {
    return this.core.take(this.core.fn("runnerSave")(this.live()), "runnerSave");
  }

  free(): void {
    if (!this.freed) this.core.fn("runnerFree")(this.handle);
    this.freed = true;
  }

  private live(): number {
    if (this.freed) throw new Error("the runner has been freed");
    return this.handle;
  }
}
