// The TypeScript face of the UKF part of the core (assembly/ABI.md, "Unscented Kalman filter"):
// `UkfCore` makes filters in a wasm instance, `Ukf` is one filter behind a handle.
import { Core, CoreError } from "../core/core.js";

/** The process model: linear (F, optional input matrix B) or the built-in pendulum. */
export type ProcessModel =
  | { kind: "linear"; F: number[][]; B?: number[][] }
  | { kind: "pendulum"; dt: number; g: number; L: number; c: number };

/** The measurement model: linear (H, optional feedthrough D), range-bearing or the pendulum's L sin(theta). */
export type MeasurementModel =
  | { kind: "linear"; H: number[][]; D?: number[][] }
  | { kind: "range_bearing"; px: number; py: number }
  | { kind: "pendulum"; L: number };

/** Options of a filter (all default false). */
export interface UkfOptions {
  /** square-root form (Van der Merwe & Wan 2001) */
  sqrt?: boolean;
  /** no repair: a covariance that is not positive definite is an error (FilterPy's behaviour) */
  strict?: boolean;
  /** P <- (P + P^T)/2 after every update */
  symmetrise?: boolean;
}

/** A filter: sizes, sigma points (Merwe with alpha, beta, kappa; or Julier with kappa), models, options. */
export interface UkfSpec {
  dimX: number;
  dimZ: number;
  /** input size (B, D columns); 0 without inputs */
  dimU?: number;
  points?: "merwe" | "julier";
  alpha: number;
  beta: number;
  kappa: number;
  process: ProcessModel;
  measurement: MeasurementModel;
  options?: UkfOptions;
}

/** Item codes of ukfSet/ukfGet/ukfRead. */
export const ITEM = {
  x: 0, P: 1, Q: 2, R: 3, F: 4, B: 5, H: 6, D: 7, y: 8, S: 9, K: 10,
  xPrior: 11, PPrior: 12, Wm: 13, Wc: 14, sigmas: 15,
} as const;
/** A quantity a filter can set or read. */
export type Item = keyof typeof ITEM;

/** ukfRun record fields (bit, in record order). */
export const OUT = {
  xPrior: 1, PPriorDiag: 2, PPrior: 4, xPost: 8, PPostDiag: 16, PPost: 32, y: 64, S: 128, K: 256, flags: 512,
} as const;
/** A field a run records per step. */
export type OutField = keyof typeof OUT;

/** Per-step repair flags: what had to be repaired to continue (0: nothing). */
export const FLAGS = { pSymmetrised: 1, pClipped: 2, sSymmetrised: 4, sClipped: 8 } as const;

/** What failed at a step, by stage code. */
export const FAIL_STAGES: Record<number, string> = {
  1: "the covariance P is not positive definite at the predict",
  2: "the covariance P is not positive definite at the update",
  3: "the innovation covariance S is not positive definite",
  4: "the measurement is NaN or infinite",
  5: "the input u is NaN or infinite",
  6: "the model produced a NaN or infinite value",
};

const FX_KIND = { linear: 0, pendulum: 1 } as const;
const HX_KIND = { linear: 0, range_bearing: 1, pendulum: 2 } as const;

/** A failed filter step, with its 0-based number and what failed. */
export class UkfStepError extends CoreError {
  constructor(
    code: number,
    readonly step: number,
    readonly stage: number,
    readonly index: number,
    operation: string,
  ) {
    super(code, step, operation);
    this.name = "UkfStepError";
    this.message = `${operation}: step ${step}: ${FAIL_STAGES[stage] ?? `core error ${code}`}${stage === 4 || stage === 5 ? ` (component ${index})` : ""}`;
  }
}

/** The recorded fields of one step of Ukf.run. */
export interface RunStep {
  xPrior?: Float64Array;
  PPriorDiag?: Float64Array;
  PPrior?: Float64Array;
  xPost?: Float64Array;
  PPostDiag?: Float64Array;
  PPost?: Float64Array;
  y?: Float64Array;
  S?: Float64Array;
  /** n x m row-major */
  K?: Float64Array;
  flags?: number;
}

const flat = (a: number[][]): number[] => a.flat();

/** Makes filters in a core (default: the shared default core). */
export class UkfCore {
  constructor(readonly core: Core = Core.default()) {}

  /** Creates a filter in the core from its specification. */
  create(spec: UkfSpec): Ukf {
    const n = spec.dimX, m = spec.dimZ, nu = spec.dimU ?? 0;
    const params: number[] = [];
    const p = spec.process;
    if (p.kind === "linear") params.push(...flat(p.F), ...(nu > 0 ? flat(p.B ?? zeros(n, nu)) : []));
    else params.push(p.dt, p.g, p.L, p.c);
    const h = spec.measurement;
    if (h.kind === "linear") params.push(...flat(h.H), ...(nu > 0 ? flat(h.D ?? zeros(m, nu)) : []));
    else if (h.kind === "range_bearing") params.push(h.px, h.py);
    else params.push(h.L);
    const o = spec.options ?? {};
    const options = (o.sqrt ? 1 : 0) | (o.strict ? 2 : 0) | (o.symmetrise ? 4 : 0);
    const handle = this.core.withBuffers([params], (pp) =>
      this.core.fn("ukfCreate")(n, m, nu, spec.points === "julier" ? 1 : 0, spec.alpha, spec.beta, spec.kappa, FX_KIND[p.kind], HX_KIND[h.kind], pp!, options),
    );
    this.core.check(handle, "ukfCreate");
    return new Ukf(this.core, handle, n, m, nu);
  }

  /** The self-check hash (u64 as a decimal string). */
  selfcheck(): string {
    return BigInt.asUintN(64, BigInt(this.core.fn("selfcheckUkf")())).toString();
  }
}

function zeros(r: number, c: number): number[][] {
  return Array.from({ length: r }, () => new Array<number>(c).fill(0));
}

/** One filter in the core. Call free() when done. */
export class Ukf {
  private freed = false;

  constructor(
    readonly core: Core,
    readonly handle: number,
    readonly n: number,
    readonly m: number,
    readonly nu: number,
  ) {}

  private fn(name: string): (...a: number[]) => number {
    if (this.freed) throw new Error("this filter was freed");
    return this.core.fn(name);
  }

  /** Sets x, P, Q, R, F, B, H or D (row-major numbers or a matrix as rows). */
  set(what: "x" | "P" | "Q" | "R" | "F" | "B" | "H" | "D", values: ArrayLike<number> | number[][]): void {
    const v = Array.isArray(values) && Array.isArray(values[0]) ? (values as number[][]).flat() : (values as ArrayLike<number>);
    const r = this.core.withBuffers([v], (p) => this.fn("ukfSet")(this.handle, ITEM[what], p!));
    if (r === 0) this.throwError(`ukfSet ${what}`);
  }

  /** A copy of a state quantity (state, covariance, ...) from the core. */
  get(what: Item): Float64Array {
    return this.core.take(this.fn("ukfGet")(this.handle, ITEM[what]), `ukfGet ${what}`);
  }

  /** Time update; u: the input vector (omit for none). */
  predict(u?: ArrayLike<number>): void {
    const r = u === undefined || this.nu === 0 ? this.fn("ukfPredict")(this.handle, 0) : this.core.withBuffers([u], (p) => this.fn("ukfPredict")(this.handle, p!));
    if (r === 0) this.throwError("ukfPredict");
  }

  /** One predict-and-update step with the measurement `z` and the input `u`. */
  update(z: ArrayLike<number>, u?: ArrayLike<number>): void {
    const r =
      u === undefined || this.nu === 0
        ? this.core.withBuffers([z], (pz) => this.fn("ukfUpdate")(this.handle, pz!, 0))
        : this.core.withBuffers([z, u], (pz, pu) => this.fn("ukfUpdate")(this.handle, pz!, pu!));
    if (r === 0) this.throwError("ukfUpdate");
  }

  /** A diagnostic value of the filter by item number (`ukfInfo` in assembly/ABI.md: dimensions, steps done, repairs, what failed last). */
  info(item: number): number {
    return this.fn("ukfInfo")(this.handle, item);
  }

  /** Number of repair events so far, and the repair flags of the last predict/update call. */
  get repairs(): number {
    return this.info(5);
  }
  get lastFlags(): number {
    return this.info(6);
  }

  /**
   * Runs predict(u_k) + update(z_k, u_k) for every measurement in one core call; returns the
   * selected fields per step. zs: N x m (rows or flat), us: N x nu or omitted.
   */
  run(zs: number[][] | Float64Array, fields: OutField[], us?: number[][] | Float64Array): RunStep[] {
    const zf = zs instanceof Float64Array ? zs : Float64Array.from(zs.flat());
    const steps = zf.length / this.m;
    if (!Number.isInteger(steps)) throw new Error(`run: ${zf.length} measurement values are not a multiple of m = ${this.m}`);
    let mask = 0;
    for (const f of fields) mask |= OUT[f];
    const inputs: ArrayLike<number>[] = [zf];
    if (us !== undefined && this.nu > 0) inputs.push(us instanceof Float64Array ? us : Float64Array.from(us.flat()));
    const ptr = this.core.withBuffers(inputs, (pz, pu) => this.fn("ukfRun")(this.handle, pz!, pu ?? 0, steps, mask));
    if (ptr === 0) this.throwError("ukfRun");
    const data = this.core.take(ptr, "ukfRun");
    const n = this.n, m = this.m;
    const sizes: [OutField, number][] = [
      ["xPrior", n], ["PPriorDiag", n], ["PPrior", n * n], ["xPost", n], ["PPostDiag", n], ["PPost", n * n],
      ["y", m], ["S", m * m], ["K", n * m], ["flags", 1],
    ];
    const out: RunStep[] = [];
    let o = 0;
    for (let k = 0; k < steps; k++) {
      const s: RunStep = {};
      for (const [name, size] of sizes) {
        if ((mask & OUT[name]) === 0) continue;
        if (name === "flags") s.flags = data[o]!;
        else s[name] = data.slice(o, o + size);
        o += size;
      }
      out.push(s);
    }
    return out;
  }

  /** Frees the filter in the core (it cannot be used afterwards). */
  free(): void {
    if (this.freed) return;
    this.core.fn("ukfFree")(this.handle);
    this.freed = true;
  }

  private throwError(operation: string): never {
    const code = this.core.exports.coreError();
    const detail = this.core.exports.coreErrorDetail();
    const stage = this.core.fn("ukfInfo")(this.handle, 8);
    if (stage > 0 && (operation === "ukfPredict" || operation === "ukfUpdate" || operation === "ukfRun")) {
      const index = this.core.fn("ukfInfo")(this.handle, 9);
      throw new UkfStepError(code === 0 ? 1 : code, detail, stage, index, operation);
    }
    throw new CoreError(code === 0 ? 1 : code, detail, operation);
  }
}
