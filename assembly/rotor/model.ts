// The rotor model decoded from the flat description of assembly/ABI.md ("Rotor model description"),
// checked value by value (model-v1.ts, model-v2.ts), and a registry of loaded models by integer handle.
import { setError, ERR_INVALID_INPUT, ERR_BAD_HANDLE } from "../errors";
import { Reader } from "./reader";
import { decodeV1 } from "./model-v1";
import { decodeV2 } from "./model-v2";

/** Layout 1 (ABI.md, "Rotor model description, version 1"). */
export const HEADER: i32 = 8;
export const ELEMENT_STRIDE: i32 = 14;
export const DISK_STRIDE: i32 = 4;
/** Both layouts: a bearing's speed row and a pedestal. */
export const BEARING_ROW: i32 = 9;
export const PEDESTAL_STRIDE: i32 = 10;

/** One shaft element between nodes e and e+1 (diameters at the left and right ends, m). */
export class ShaftElement {
  L: f64 = 0;
  odl: f64 = 0;
  idl: f64 = 0;
  odr: f64 = 0;
  idr: f64 = 0;
  E: f64 = 0;
  G: f64 = 0;
  rho: f64 = 0;
  shear: bool = true;
  rotaryInertia: bool = true;
  gyroscopic: bool = true;
}

/** A rigid disk: mass m, diametral inertia Id, polar inertia Ip, lumped at a node. */
export class Disk {
  node: i32 = 0;
  m: f64 = 0;
  Id: f64 = 0;
  Ip: f64 = 0;
}

/** 2x2 stiffness and damping of a support: force on the journal = -K [x, y] - C [x', y']. */
export class SupportCoefficients {
  kxx: f64 = 0;
  kxy: f64 = 0;
  kyx: f64 = 0;
  kyy: f64 = 0;
  cxx: f64 = 0;
  cxy: f64 = 0;
  cyx: f64 = 0;
  cyy: f64 = 0;
}

/** A bearing at a shaft node with coefficients tabulated over speed. */
export class Bearing {
  node: i32 = 0;
  /** speeds (rad/s), increasing */
  speeds: StaticArray<f64>;
  /** nSpeeds rows of 8: kxx, kxy, kyx, kyy, cxx, cxy, cyx, cyy */
  table: StaticArray<f64>;
  /** index of the pedestal under this bearing, -1 if it acts on the ground */
  pedestal: i32 = -1;

  constructor(node: i32, nSpeeds: i32) {
    this.node = node;
    this.speeds = new StaticArray<f64>(nSpeeds);
    this.table = new StaticArray<f64>(nSpeeds * 8);
  }

  /** Coefficients at `speed`: linear interpolation in the table, held constant beyond its ends. */
  coefficientsAt(speed: f64): SupportCoefficients {
    const n = this.speeds.length;
    const t = this.table;
    let row = 0;
    let w = 0.0; // weight of row + 1
    if (n > 1 && speed > unchecked(this.speeds[0])) {
      if (speed >= unchecked(this.speeds[n - 1])) {
        row = n - 1;
      } else {
        row = 0;
        while (row < n - 2 && speed >= unchecked(this.speeds[row + 1])) row++;
        const s0 = unchecked(this.speeds[row]), s1 = unchecked(this.speeds[row + 1]);
        w = (speed - s0) / (s1 - s0);
      }
    }
    const v = new StaticArray<f64>(8);
    for (let j = 0; j < 8; j++) {
      const a = unchecked(t[row * 8 + j]);
      unchecked((v[j] = w == 0.0 ? a : a + w * (t[(row + 1) * 8 + j] - a)));
    }
    const c = new SupportCoefficients();
    c.kxx = v[0];
    c.kxy = v[1];
    c.kyx = v[2];
    c.kyy = v[3];
    c.cxx = v[4];
    c.cxy = v[5];
    c.cyx = v[6];
    c.cyy = v[7];
    return c;
  }
}

/** A mass on springs between a bearing and the ground (2 DOF: x, y). */
export class Pedestal {
  bearing: i32 = 0;
  m: f64 = 0;
  c: SupportCoefficients = new SupportCoefficients();
}

export class RotorModel {
  elements: StaticArray<ShaftElement>;
  disks: StaticArray<Disk>;
  bearings: StaticArray<Bearing>;
  pedestals: StaticArray<Pedestal>;
  /** Rayleigh damping: alpha * M_rotor + beta * K_shaft is added to C */
  alpha: f64 = 0;
  beta: f64 = 0;

  constructor(nE: i32, nD: i32, nB: i32, nP: i32) {
    this.elements = new StaticArray<ShaftElement>(nE);
    this.disks = new StaticArray<Disk>(nD);
    this.bearings = new StaticArray<Bearing>(nB);
    this.pedestals = new StaticArray<Pedestal>(nP);
  }

  get nNodes(): i32 {
    return this.elements.length + 1;
  }

  /** 4 per node plus 2 per pedestal (ABI.md, "Degrees of freedom"). */
  get nDof(): i32 {
    return 4 * this.nNodes + 2 * this.pedestals.length;
  }

  /** Index of pedestal p's x DOF. */
  @inline pedestalDof(p: i32): i32 {
    return 4 * this.nNodes + 2 * p;
  }
}

// ---- decoding -------------------------------------------------------------------------------

/** Decodes and validates a description that fills the whole buffer; null with setError(code, index). */
export function decodeRotorModel(buf: StaticArray<f64>): RotorModel | null {
  const m = decodeRotorModelAt(buf, 0);
  if (m === null) return null;
  if (decodedEnd != buf.length) {
    setError(ERR_INVALID_INPUT, <f64>decodedEnd); // trailing values: the counts do not describe this buffer
    return null;
  }
  return m;
}

/** One past the last value read by the latest successful decodeRotorModelAt. */
export let decodedEnd: i32 = 0;

/**
 * Decodes the description that starts at index `base` of `buf` (a model embedded in a job request,
 * ABI.md "Jobs"); its end is left in `decodedEnd`. Errors carry the index in `buf`. Both layouts are
 * read: version 2 (the values of the model JSON as written, derived here: model-v2.ts) and version 1
 * (derived values, as hosts wrote them up to that layout and as older archived runs hold them:
 * model-v1.ts).
 */
export function decodeRotorModelAt(buf: StaticArray<f64>, base: i32): RotorModel | null {
  const r = new Reader(buf);
  const version = r.int(base, 1, 2);
  if (!r.ok) return null;
  const m = version == 1 ? decodeV1(r, base) : decodeV2(r, base);
  if (m === null || !r.ok) return null;
  decodedEnd = r.end;
  return m;
}

// ---- registry -------------------------------------------------------------------------------

const models = new Map<i32, RotorModel>();
let nextHandle: i32 = 1;

export function registerModel(m: RotorModel): i32 {
  const h = nextHandle++;
  models.set(h, m);
  return h;
}

/** The model behind a handle, or null with ERR_BAD_HANDLE (detail: the handle). */
export function getModel(h: i32): RotorModel | null {
  if (!models.has(h)) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return null;
  }
  return models.get(h);
}

export function freeModel(h: i32): void {
  if (models.has(h)) models.delete(h);
}
