// The incremental virtual sensor (assembly/ABI.md, "Virtual sensing", sessions) for hosts that feed
// measurements as they arrive (the hybrid runner): the core builds the reduced model and the filter
// once (vsSessionNew), each block of measured samples goes through one vsSessionStep call and its
// estimates come back; vsSessionFree forgets it. Splitting the samples into blocks changes no bit.
import { Core } from "../core/core.js";
import type { RotorModel } from "../rotor/model.js";
import { type Dof, dofFromCodes } from "./dofs.js";
import { sessionRequest, type SessionOptions } from "./request.js";

/** What a session holds: the reduced model, the filter, the places. */
export interface SessionInfo {
  /** modes of the reduced model */
  modes: number;
  /** rad/s */
  speed: number;
  fs: number;
  n0: number;
  /** samples processed so far */
  samples: number;
  repairs: number;
  sigmaModalForce: number;
  wnHz: number[];
  sensors: { dof: Dof; R: number }[];
  estimates: Dof[];
}

/** The filter's matrices of a session (row-major). */
export interface SessionMatrices {
  /** state size 2k, measurements, estimates */
  nx: number;
  m: number;
  e: number;
  F: Float64Array;
  B: Float64Array;
  H: Float64Array;
  D: Float64Array;
  out: Float64Array;
  Q: Float64Array;
  P0: Float64Array;
}

/** The estimates of one block of samples. */
export interface BlockEstimates {
  /** session index of the block's first sample */
  first: number;
  /** covariance repairs so far */
  repairs: number;
  /** samples × estimates, sample-major (m) */
  estimates: Float64Array;
}

/** The incremental virtual sensor: the core builds the filter once; blocks of measured samples go in, estimates come out. Call free() when done. */
export class VirtualSensorSession {
  private freed = false;

  private constructor(
    readonly core: Core,
    readonly handle: number,
    /** measurements per sample */
    readonly m: number,
    /** estimates per sample */
    readonly e: number,
  ) {}

  /** Builds the session in the core (the rotor model as encodeRotorModel gives it). */
  static open(model: RotorModel, o: SessionOptions, core: Core = Core.default()): VirtualSensorSession {
    const req = sessionRequest(model, o).values;
    const h = core.withBuffers([req], (p) => core.fn("vsSessionNew")(p!));
    core.check(h, "vsSessionNew");
    const info = core.take(core.fn("vsSessionDescribe")(h), "vsSessionDescribe");
    return new VirtualSensorSession(core, h, info[2]!, info[3]!);
  }

  /** The session as the core describes it: reduced model size, sensors and estimates. */
  describe(): SessionInfo {
    const v = this.core.take(this.core.fn("vsSessionDescribe")(this.live()), "vsSessionDescribe");
    const k = v[1]!, m = v[2]!, e = v[3]!;
    let o = 10;
    const wnHz = Array.from(v.subarray(o, o + k));
    o += k;
    const sensors = [];
    for (let j = 0; j < m; j++, o += 3) sensors.push({ dof: dofFromCodes(v[o]!, v[o + 1]!), R: v[o + 2]! });
    const estimates = [];
    for (let i = 0; i < e; i++, o += 2) estimates.push(dofFromCodes(v[o]!, v[o + 1]!));
    return { modes: k, speed: v[4]!, fs: v[5]!, n0: v[6]!, samples: v[7]!, repairs: v[8]!, sigmaModalForce: v[9]!, wnHz, sensors, estimates };
  }

  /** The filter's matrices (row-major): F, B (input [cos Ωt, sin Ωt]), H, D, out (estimates), Q, diag P0. */
  matrices(): SessionMatrices {
    const v = this.core.take(this.core.fn("vsSessionMatrices")(this.live()), "vsSessionMatrices");
    const nx = v[1]!, m = v[2]!, e = v[3]!;
    let o = 4;
    const next = (n: number): Float64Array => {
      const a = v.slice(o, o + n);
      o += n;
      return a;
    };
    return { nx, m, e, F: next(nx * nx), B: next(nx * 2), H: next(m * nx), D: next(m * 2), out: next(e * nx), Q: next(nx * nx), P0: next(nx) };
  }

  /** One block of samples (sample-major, m values each) through the filter. */
  step(measurements: ArrayLike<number>): BlockEstimates {
    if (measurements.length % this.m !== 0) throw new RangeError(`a block holds whole samples of ${this.m} values, not ${measurements.length} values`);
    const n = measurements.length / this.m;
    const block = new Float64Array(1 + measurements.length);
    block[0] = n;
    block.set(measurements, 1);
    const v = this.core.withBuffers([block], (p) => this.core.take(this.core.fn("vsSessionStep")(this.live(), p!), "vsSessionStep"));
    return { first: v[2]!, repairs: v[3]!, estimates: v.slice(4) };
  }

  /** Frees the session in the core (it cannot be used afterwards). */
  free(): void {
    if (!this.freed) this.core.fn("vsSessionFree")(this.handle);
    this.freed = true;
  }

  private live(): number {
    if (this.freed) throw new Error("the virtual-sensing session has been freed");
    return this.handle;
  }
}
