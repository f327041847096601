// The device simulator in the core (assembly/ABI.md, "Device simulator"): the request built from
// what the user gave (every value with where it came from, so a refused value is reported as the
// user wrote it), a handle whose state lives in wasm memory, and each step's samples copied out.
// The host computes nothing: sensor codes, tach pulses and the truth all come from the core.
import { Core, CoreError } from "../core/core.js";
import type { UnbalanceMass } from "../rotor/core.js";
import type { RotorModel } from "../rotor/model.js";
import type { Located } from "../rotor/jobs.js";
import { type ModelSource, RotorRequest } from "../rotor/request.js";
import { type Dof, dirCode, dofFromCodes } from "../vsense/dofs.js";

/** Shaft speed: constant, or linear from rpm0 to rpm1 between ta and tb (s). */
export type SpeedProfile = { kind: "constant"; rpm: number } | { kind: "run-up"; rpm0: number; rpm1: number; ta: number; tb: number };

/** A scheduled change of the machine: an unbalance added, or a bearing's stiffness scaled. */
export type DeviceEvent = Located<
  | { t: number; kind: "unbalance"; node: number; magnitude: number; phase: number }
  | { t: number; kind: "bearing-stiffness"; bearing: number | "all"; factor: number }
>;

/** The ADC: binary32 values, or signed codes of `bits` bits over ±fullScale (m/s²). */
export type Adc = { bits: 0 } | { bits: 16 | 24; fullScale: number };

export interface DeviceOptions {
  /** sample rate, Hz */
  fs: number;
  /** Newmark steps per sample (default 4) */
  substeps?: number;
  speed: SpeedProfile;
  unbalance: Located<UnbalanceMass>[];
  events?: DeviceEvent[];
  /** accelerometer places; default x and y at every bearing's shaft node */
  sensors?: Dof[];
  /** noise std (m/s²): one for every channel or one per channel; default none */
  noise?: number | number[];
  seed?: number;
  adc?: Adc;
  /** tach channel: pulse width as a fraction of a revolution; default none */
  tachWidth?: number;
  /**
   * samples per matrix interval (default 1): during a speed change the speed-dependent matrices are
   * re-evaluated once per interval, at its mid-time speed
   */
  matrixInterval?: number;
  /** truth columns beyond speed, displacements and the clean sensor accelerations */
  truth?: { velocity?: boolean; acceleration?: boolean };
}

/** Where each option came from, for messages (default: the command-line option names). */
export type DeviceLabels = Partial<Record<"fs" | "substeps" | "speed" | "seed" | "adc" | "fullScale" | "tach" | "sensors" | "noise" | "events" | "matrixInterval", string>>;

export const DEVICE_VERSION = 1;
export const PROFILE_CODE = { constant: 0, "run-up": 1 } as const;
export const EVENT_CODE = { unbalance: 0, "bearing-stiffness": 1 } as const;
export const TRUTH_FLAG = { velocity: 1, acceleration: 2 } as const;
/** Newmark steps per sample unless given. */
export const DEFAULT_SUBSTEPS = 4;

/** A truth quantity: shaft speed, or a displacement, velocity or acceleration at a node. */
export type TruthQuantity = "speed" | "displacement" | "velocity" | "acceleration" | "sensor-acceleration";
const QUANTITIES: TruthQuantity[] = ["speed", "displacement", "velocity", "acceleration", "sensor-acceleration"];

/** A truth column: speed (rad/s, node −1), or a quantity at a response node's x or y. */
export interface TruthColumn {
  quantity: TruthQuantity;
  node: number;
  dir: "x" | "y" | null;
}

export function columnName(c: TruthColumn): string {
  return c.quantity === "speed" ? "speed" : `${c.quantity}_${c.node}_${c.dir}`;
}

export interface DeviceInfo {
  fs: number;
  substeps: number;
  /** rad/s, s */
  profile: { kind: number; w0: number; w1: number; ta: number; tb: number };
  bits: number;
  /** ADC step (m/s² per code), 0 for binary32 values */
  scale: number;
  tach: boolean;
  /** the tach's high level as sent: 5.0 or its code */
  tachHigh: number;
  sensors: { dof: Dof; noise: number }[];
  /** channels per sample: sensors, then the tach */
  channels: number;
  truth: TruthColumn[];
  /** samples produced so far */
  samples: number;
  /** times the effective matrix was re-factored (speed changes, bearing events) */
  rebuilds: number;
  /** samples per matrix interval */
  matrixInterval: number;
}

export interface DeviceBlock {
  /** sample index of the block's first sample (t = first / fs) */
  first: number;
  samples: number;
  /** samples × channels, sample-major: codes (int ADC) or binary32 values (m/s²; tach V) */
  channels: Float64Array;
  /** samples × truth columns, sample-major */
  truth: Float64Array;
  /** channel values clipped by the ADC in this block */
  clipped: number;
  /** Ω (rad/s) and θ (rad) at the block's last sample */
  speed: number;
  angle: number;
}

/** The request of devNew (ABI.md, "Device simulator"), every value located. */
export function deviceRequest(src: ModelSource, o: DeviceOptions, labels: DeviceLabels = {}): RotorRequest {
  const L = (k: keyof DeviceLabels, d: string): string => labels[k] ?? d;
  const req = new RotorRequest();
  req.put(L("fs", "--fs"), "must be > 0 and at most 1e7 Hz", o.fs);
  req.put(L("substeps", "--substeps"), "must be an integer from 1 to 65536", o.substeps ?? DEFAULT_SUBSTEPS);
  const sp = L("speed", o.speed.kind === "constant" ? "--rpm" : "--run-up");
  if (o.speed.kind === "constant") req.put(sp, "must be >= 0", PROFILE_CODE.constant, o.speed.rpm, 0, 0, 0);
  else {
    const s = o.speed;
    req.put(sp, "is not a speed profile", PROFILE_CODE["run-up"]);
    req.put(`${sp}: RPM0`, "must be >= 0", s.rpm0);
    req.put(`${sp}: RPM1`, "must be >= 0", s.rpm1);
    req.put(`${sp}: TA`, "must be >= 0", s.ta);
    req.put(`${sp}: TB`, "must be > TA", s.tb);
  }
  req.put(L("seed", "--seed"), "must be an integer from 0 to 2^53", o.seed ?? 1);
  const adc = o.adc ?? { bits: 0 };
  req.put(L("adc", "--adc"), "must be 16, 24 or float", adc.bits);
  req.put(L("fullScale", "--full-scale"), adc.bits === 0 ? "applies to integer codes only" : "must be > 0 (and within 1e-30 … 1e30)", adc.bits === 0 ? 0 : adc.fullScale);
  const tach = o.tachWidth !== undefined;
  req.put(L("tach", "--tach"), "must be given or not", tach ? 1 : 0);
  req.put(L("tach", "--tach"), "pulse width must be a fraction of a revolution in (0, 1)", tach ? o.tachWidth! : 0);
  const flags = (o.truth?.velocity ? TRUTH_FLAG.velocity : 0) | (o.truth?.acceleration ? TRUTH_FLAG.acceleration : 0);
  req.put("truth quantities", "must be velocity and/or acceleration", flags);
  req.put(L("matrixInterval", "--matrix-interval"), "must be an integer from 1 to 2^24", o.matrixInterval ?? 1);
  req.put("--unbalance", "needs at most 1048576 unbalance masses", o.unbalance.length);
  o.unbalance.forEach((u, i) => {
    const where = u.where ?? `unbalance ${i + 1}`;
    req.put(`${where}: node`, "is not a shaft node of the model (an unbalance sits on the shaft)", u.node);
    req.put(`${where}: magnitude`, "must be >= 0", u.magnitude);
    req.put(`${where}: phase`, "must be finite", u.phase);
  });
  const sensors = o.sensors ?? [];
  const sw = L("sensors", "--sensors");
  req.put(sw, "needs at most 1048576 places", sensors.length);
  sensors.forEach((d) => req.put(`${sw}: ${d.node}:${d.dir}`, "is not a shaft or pedestal node of the model, or is listed twice", d.node, dirCode(d.dir)));
  const noise = o.noise === undefined ? [] : typeof o.noise === "number" ? [o.noise] : o.noise;
  const nw = L("noise", "--noise");
  req.put(nw, "needs none, one, or one std per sensor channel", noise.length);
  for (const s of noise) req.put(nw, "must be >= 0", s);
  const events = o.events ?? [];
  req.put(L("events", "--at"), "needs at most 1048576 events", events.length);
  events.forEach((e, i) => {
    const where = e.where ?? `event ${i + 1}`;
    req.put(`${where}: time`, "must be >= 0 and not before the previous event (give them in time order)", e.t);
    req.put(`${where}: kind`, "must be unbalance or bearing-stiffness", EVENT_CODE[e.kind]);
    if (e.kind === "unbalance") {
      req.put(`${where}: node`, "is not a shaft node of the model", e.node);
      req.put(`${where}: magnitude`, "must be >= 0", e.magnitude);
      req.put(`${where}: phase`, "must be finite", e.phase);
    } else {
      req.put(`${where}: bearing`, "is not a bearing index of the model (0-based) or all", e.bearing === "all" ? -1 : e.bearing);
      req.put(`${where}: factor`, "must be > 0", e.factor);
      req.put(`${where}`, "takes no third argument", 0);
    }
  });
  return req.model(src);
}

/** A device simulator living in the core; free() releases it. */
export class DeviceSimulator {
  private freed = false;

  private constructor(
    readonly core: Core,
    readonly handle: number,
    readonly info: DeviceInfo,
  ) {}

  /** Builds the simulator (a refused value is a UsageError or a ModelError naming it). */
  static open(src: ModelSource | RotorModel, options: DeviceOptions, labels: DeviceLabels = {}, core: Core = Core.default()): DeviceSimulator {
    const source: ModelSource = "model" in src && "file" in src ? (src as ModelSource) : { model: src as RotorModel, file: "model" };
    const req = deviceRequest(source, options, labels);
    const h = core.withBuffers([req.values], (p) => core.fn("devNew")(p!));
    if (h === 0) {
      const e = new CoreError(core.exports.coreError() || 1, core.exports.coreErrorDetail(), "devNew");
      throw req.locate(e);
    }
    return new DeviceSimulator(core, h, readInfo(core.take(core.fn("devDescribe")(h), "devDescribe")));
  }

  describe(): DeviceInfo {
    return readInfo(this.core.take(this.core.fn("devDescribe")(this.live()), "devDescribe"));
  }

  /** The next n samples. */
  step(n: number): DeviceBlock {
    const v = this.core.take(this.core.fn("devStep")(this.live(), n), "devStep");
    if (v[0] !== DEVICE_VERSION) throw new Error(`devStep: result layout ${v[0]} is not ${DEVICE_VERSION}`);
    const k = v[1]!, c = v[3]!, t = v[4]!;
    const o = 8;
    if (v.length !== o + k * (c + t)) throw new Error(`devStep: ${v.length} values, expected ${o + k * (c + t)}`);
    return { first: v[2]!, samples: k, clipped: v[5]!, speed: v[6]!, angle: v[7]!, channels: v.slice(o, o + k * c), truth: v.slice(o + k * c) };
  }

  free(): void {
    if (!this.freed) this.core.fn("devFree")(this.handle);
    this.freed = true;
  }

  private live(): number {
    if (this.freed) throw new Error("the device simulator has been freed");
    return this.handle;
  }
}

function readInfo(v: Float64Array): DeviceInfo {
  if (v[0] !== DEVICE_VERSION) throw new Error(`devDescribe: result layout ${v[0]} is not ${DEVICE_VERSION}`);
  const ns = v[12]!, nt = v[14]!;
  let o = 18;
  const sensors: DeviceInfo["sensors"] = [];
  for (let k = 0; k < ns; k++, o += 3) sensors.push({ dof: dofFromCodes(v[o]!, v[o + 1]!), noise: v[o + 2]! });
  const truth: TruthColumn[] = [];
  for (let k = 0; k < nt; k++, o += 3) {
    const q = QUANTITIES[v[o + 2]!];
    if (q === undefined) throw new Error(`devDescribe: truth quantity ${v[o + 2]} unknown`);
    truth.push({ quantity: q, node: v[o]!, dir: q === "speed" ? null : v[o + 1] === 0 ? "x" : "y" });
  }
  return {
    fs: v[1]!,
    substeps: v[2]!,
    profile: { kind: v[3]!, w0: v[4]!, w1: v[5]!, ta: v[6]!, tb: v[7]! },
    bits: v[8]!,
    scale: v[9]!,
    tach: v[10] === 1,
    tachHigh: v[11]!,
    sensors,
    channels: v[13]!,
    truth,
    samples: v[15]!,
    rebuilds: v[16]!,
    matrixInterval: v[17]!,
  };
}
