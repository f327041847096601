// The handle-based TypeScript face of the rotor part of the core: loads a RotorModel into the wasm
// module and decodes the result buffers of the rotor exports (layouts in assembly/ABI.md, "Rotor").
// The `twin rotor` commands do not use it: each makes one job call (jobs.ts). It serves the tests,
// `twin demo --rotor` and the parts that combine several calls (virtual sensing, state data).
import { Core } from "../core/core.js";
import { RotorModel, encodeRotorModel } from "./model.js";

/** The direction a mode whirls in, relative to the rotation. */
export type Whirl = "forward" | "backward" | "mixed";
/** Modes at one speed (rad/s): undamped and damped natural frequencies wn, wd (rad/s), logarithmic decrements, whirl. */
export interface ModalResult {
  speed: number;
  wn: number[];
  wd: number[];
  logdec: number[];
  whirl: Whirl[];
}
/** Tracked modes over speeds and the critical speeds where a mode crosses the 1X line. */
export interface CampbellResult {
  speeds: number[];
  results: ModalResult[];
  critical: { mode: number; speed: number }[];
}
/** An unbalance at a shaft node: magnitude m·e (kg m) and phase (rad). */
export interface UnbalanceMass {
  node: number;
  magnitude: number;
  phase: number;
}
/** A probe direction: x, y or an angle from x (rad). */
export type ProbeDir = "x" | "y" | number;
/** A response probe at a shaft or pedestal node. */
export interface Probe {
  node: number;
  dir: ProbeDir;
}
/** Steady-state unbalance response: per probe, amplitude (m) and phase (rad) at each frequency (rad/s). */
export interface UnbalanceResult {
  freqs: number[];
  probes: { node: number; dir: ProbeDir; amplitude: number[]; phase: number[] }[];
}
export interface TimeOptions {
  speed: number;
  tEnd: number;
  dt: number;
  unbalance: UnbalanceMass[];
  accelerations?: boolean;
}
export interface TimeResult {
  /** response nodes: the shaft nodes, then the pedestal nodes in bearing order (src/rotor/nodes.ts) */
  nodes: number;
  t: Float64Array;
  /** rows x (2*nodes): x_0, y_0, x_1, ..., the pedestal nodes' x, y after the shaft nodes' (m) */
  disp: Float64Array;
  /** the same layout, m/s² */
  acc?: Float64Array;
}
/** The core's response-node numbering (ABI.md, "Response nodes"). */
export interface ResponseNodes {
  shaftNodes: number;
  /** per pedestal node shaftNodes + j: its index in pedestals[], its bearing's index and shaft node, its x DOF */
  pedestals: { node: number; pedestal: number; bearing: number; bearingNode: number; xDof: number }[];
}
/** The energy balance of a time integration, per step. */
export interface EnergyResult {
  t: Float64Array;
  /** ½ v'Mv + ½ u'Ku (J) */
  E: Float64Array;
  /** work of the unbalance forces since t = 0 (J) */
  W: Float64Array;
  /** energy dissipated by C since t = 0 (J) */
  D: Float64Array;
}
/** Static deflection per shaft node (m) and the bearing reaction forces (N). */
export interface StaticResult {
  deflection: { x: number[]; y: number[] };
  bearingForces: { node: number; fx: number; fy: number }[];
}
/** A reduced modal state-space model: continuous A, B, C and discrete Ad, Bd (sample time dt, s), natural frequencies wn (rad/s). */
export interface ReducedModel {
  speed: number;
  modes: number;
  dof: number;
  dt: number;
  wn: number[];
  A: number[][];
  B: number[][];
  C: number[][];
  Ad: number[][];
  Bd: number[][];
}
/** Global mass, stiffness, damping and gyroscopic matrices at a speed (n × n, row-major). */
export interface RotorMatrices {
  n: number;
  M: Float64Array;
  K: Float64Array;
  C: Float64Array;
  G: Float64Array;
}

/**
 * Probe direction as an angle from x (rad), for the handle-based `rotorUnbalance`: y becomes fl(π/2),
 * whose cosine is 6.1e-17, not 0. The job takes x and y as codes and reads them exactly (jobs.ts).
 */
export function probeAngle(dir: ProbeDir): number {
  if (dir === "x") return 0;
  if (dir === "y") return Math.PI / 2;
  return dir;
}

function whirlOf(code: number): Whirl {
  return code > 0 ? "forward" : code < 0 ? "backward" : "mixed";
}

function unbalanceTriples(unb: UnbalanceMass[]): number[] {
  return unb.flatMap((u) => [u.node, u.magnitude, u.phase]);
}

/** r x c row-major block of `v` starting at `o`, as nested arrays. */
function block(v: Float64Array, o: number, r: number, c: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < r; i++) out.push(Array.from(v.subarray(o + i * c, o + (i + 1) * c)));
  return out;
}

/** Modal quadruples (wn, wd, logdec, whirl) from `v` at `o`, n of them. */
function modalAt(v: Float64Array, o: number, n: number, speed: number): ModalResult {
  const r: ModalResult = { speed, wn: [], wd: [], logdec: [], whirl: [] };
  for (let i = 0; i < n; i++) {
    const k = o + 4 * i;
    r.wn.push(v[k]!);
    r.wd.push(v[k + 1]!);
    r.logdec.push(v[k + 2]!);
    r.whirl.push(whirlOf(v[k + 3]!));
  }
  return r;
}

/** A model loaded into the core behind a handle, for many analyses of one model; call free() when done. The `rotor*` functions validate the model and make one job each instead. */
export class RotorCore {
  private handle: number;

  private constructor(
    readonly core: Core,
    readonly model: RotorModel,
    handle: number,
    readonly dof: number,
    readonly nodes: number,
  ) {
    this.handle = handle;
  }

  /** Loads a (validated) model into the core; core defaults to Core.default(). */
  static load(model: RotorModel, core: Core = Core.default()): RotorCore {
    const h = core.withBuffers([encodeRotorModel(model)], (p) => core.check(core.fn("rotorLoad")(p!), "rotorLoad"));
    const dof = core.fn("rotorDof")(h);
    const nodes = core.fn("rotorNodes")(h);
    return new RotorCore(core, model, h, dof, nodes);
  }

  private get h(): number {
    if (this.handle === 0) throw new Error("RotorCore used after free()");
    return this.handle;
  }

  /** The response-node numbering as the core applies it (probes, time-response columns). */
  responseNodes(): ResponseNodes {
    const v = this.core.take(this.core.fn("rotorResponseNodes")(this.h), "rotorResponseNodes");
    const shaftNodes = v[0]!, np = v[1]!;
    const pedestals: ResponseNodes["pedestals"] = [];
    for (let j = 0; j < np; j++) {
      const o = 2 + 4 * j;
      pedestals.push({ node: shaftNodes + j, pedestal: v[o]!, bearing: v[o + 1]!, bearingNode: v[o + 2]!, xDof: v[o + 3]! });
    }
    return { shaftNodes, pedestals };
  }

  /** The global mass, damping, gyroscopic and stiffness matrices at `speed` (rad/s). */
  matrices(speed: number): RotorMatrices {
    const v = this.core.take(this.core.fn("rotorMatrices")(this.h, speed), "rotorMatrices");
    const n = v[0]!, nn = n * n;
    const part = (q: number) => v.slice(1 + q * nn, 1 + (q + 1) * nn);
    return { n, M: part(0), K: part(1), C: part(2), G: part(3) };
  }

  /** Static deflection under gravity `g` (m/s²), on the bearings or on rigid supports. */
  staticDeflection(opts: { g: number; rigidSupports: boolean }): StaticResult {
    const v = this.core.take(this.core.fn("rotorStatic")(this.h, opts.g, opts.rigidSupports ? 1 : 0), "rotorStatic");
    const nn = v[0]!, nb = v[1]!;
    const x = Array.from(v.subarray(2, 2 + nn));
    const y = Array.from(v.subarray(2 + nn, 2 + 2 * nn));
    const bearingForces: StaticResult["bearingForces"] = [];
    for (let b = 0; b < nb; b++) {
      const o = 2 + 2 * nn + 3 * b;
      bearingForces.push({ node: v[o]!, fx: v[o + 1]!, fy: v[o + 2]! });
    }
    return { deflection: { x, y }, bearingForces };
  }

  /** Steady-state unbalance response at the probes for each frequency (rad/s). */
  unbalance(unbalance: UnbalanceMass[], freqs: number[], probes: Probe[]): UnbalanceResult {
    const c = this.core;
    const pr = probes.flatMap((p) => [p.node, probeAngle(p.dir)]);
    const v = c.withBuffers([unbalanceTriples(unbalance), freqs, pr], (u, f, p) =>
      c.take(
        c.fn("rotorUnbalance")(this.h, u!, unbalance.length, f!, freqs.length, p!, probes.length),
        "rotorUnbalance",
      ),
    );
    const nf = freqs.length;
    return {
      freqs: [...freqs],
      probes: probes.map((p, i) => {
        const amplitude: number[] = [], phase: number[] = [];
        for (let k = 0; k < nf; k++) {
          amplitude.push(v[2 * (i * nf + k)]!);
          phase.push(v[2 * (i * nf + k) + 1]!);
        }
        return { node: p.node, dir: p.dir, amplitude, phase };
      }),
    };
  }

  /** Newmark time response under unbalance. */
  time(opts: TimeOptions): TimeResult {
    const c = this.core;
    const withAcc = opts.accelerations === true;
    const v = c.withBuffers([unbalanceTriples(opts.unbalance)], (u) =>
      c.take(
        c.fn("rotorTime")(this.h, opts.speed, opts.tEnd, opts.dt, u!, opts.unbalance.length, withAcc ? 1 : 0),
        "rotorTime",
      ),
    );
    const rows = v[0]!, nodes = v[1]!;
    const w = 2 * nodes;
    const stride = 1 + w * (withAcc ? 2 : 1);
    const t = new Float64Array(rows);
    const disp = new Float64Array(rows * w);
    const acc = withAcc ? new Float64Array(rows * w) : undefined;
    for (let r = 0; r < rows; r++) {
      const o = 2 + r * stride;
      t[r] = v[o]!;
      disp.set(v.subarray(o + 1, o + 1 + w), r * w);
      if (acc) acc.set(v.subarray(o + 1 + w, o + 1 + 2 * w), r * w);
    }
    return acc ? { nodes, t, disp, acc } : { nodes, t, disp };
  }

  /**
   * Energy balance of the same Newmark integration as `time`: kinetic + strain energy E, work of the
   * unbalance forces W and energy dissipated by damping D per step (E + D = W for symmetric K).
   */
  timeEnergy(opts: Omit<TimeOptions, "accelerations">): EnergyResult {
    const c = this.core;
    const v = c.withBuffers([unbalanceTriples(opts.unbalance)], (u) =>
      c.take(c.fn("rotorTimeEnergy")(this.h, opts.speed, opts.tEnd, opts.dt, u!, opts.unbalance.length), "rotorTimeEnergy"),
    );
    const rows = v[0]!;
    const col = (j: number) => Float64Array.from({ length: rows }, (_, r) => v[1 + 4 * r + j]!);
    return { t: col(0), E: col(1), W: col(2), D: col(3) };
  }

  /** Damped modal analysis at `speed` (rad/s): the `modes` lowest damped frequencies. */
  modal(speed: number, modes: number): ModalResult {
    const v = this.core.take(this.core.fn("rotorModal")(this.h, speed, modes), "rotorModal");
    return modalAt(v, 1, v[0]!, speed);
  }

  /** Campbell diagram: modes tracked across `speeds` (rad/s) by MAC, with critical speeds. */
  campbell(speeds: number[], modes: number): CampbellResult {
    const c = this.core;
    const v = c.withBuffers([speeds], (s) =>
      c.take(c.fn("rotorCampbell")(this.h, s!, speeds.length, modes), "rotorCampbell"),
    );
    const ns = v[0]!, nm = v[1]!;
    const results: ModalResult[] = [];
    for (let i = 0; i < ns; i++) results.push(modalAt(v, 2 + 4 * nm * i, nm, speeds[i]!));
    const o = 2 + 4 * nm * ns;
    const nc = v[o]!;
    const critical: CampbellResult["critical"] = [];
    for (let i = 0; i < nc; i++) critical.push({ mode: v[o + 1 + 2 * i]!, speed: v[o + 2 + 2 * i]! });
    return { speeds: [...speeds], results, critical };
  }

  /** The reduced (modal) model at `speed` with `modes` modes, discretised with time step `dt` (s). */
  reduce(speed: number, modes: number, dt: number): ReducedModel {
    const v = this.core.take(this.core.fn("rotorReduce")(this.h, speed, modes, dt), "rotorReduce");
    const k = v[0]!, n = v[1]!, k2 = 2 * k;
    let o = 2;
    const A = block(v, o, k2, k2);
    o += k2 * k2;
    const B = block(v, o, k2, n);
    o += k2 * n;
    const C = block(v, o, n, k2);
    o += n * k2;
    const Ad = block(v, o, k2, k2);
    o += k2 * k2;
    const Bd = block(v, o, k2, n);
    o += k2 * n;
    const wn = Array.from(v.subarray(o, o + k));
    return { speed, modes: k, dof: n, dt, wn, A, B, C, Ad, Bd };
  }

  /** Releases the model in the core; the object is unusable afterwards. */
  free(): void {
    if (this.handle !== 0) this.core.fn("rotorFree")(this.handle);
    this.handle = 0;
  }
}
