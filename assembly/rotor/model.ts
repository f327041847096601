// The rotor model decoded from the flat description of assembly/ABI.md ("Rotor model description"),
// checked value by value, and a registry of loaded models by integer handle.
import { setError, ERR_INVALID_INPUT, ERR_NAN_INPUT, ERR_BAD_HANDLE } from "../errors";

export const HEADER: i32 = 8;
export const ELEMENT_STRIDE: i32 = 14;
export const DISK_STRIDE: i32 = 4;
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

/** Reads a buffer with bounds and finiteness checks; the first failure is kept in errors.ts. */
class Reader {
  buf: StaticArray<f64>;
  ok: bool = true;

  constructor(buf: StaticArray<f64>) {
    this.buf = buf;
  }

  /** Value at i; a missing value is an invalid input at i, a NaN/inf a NaN input at i. */
  at(i: i32): f64 {
    if (!this.ok) return 0.0;
    if (i >= this.buf.length) return this.fail(ERR_INVALID_INPUT, i);
    const v = unchecked(this.buf[i]);
    if (!isFinite(v)) return this.fail(ERR_NAN_INPUT, i);
    return v;
  }

  fail(code: i32, i: i32): f64 {
    if (this.ok) setError(code, <f64>i);
    this.ok = false;
    return 0.0;
  }

  /** A value that must satisfy lo <= v (strictly lo < v if strict). */
  min(i: i32, lo: f64, strict: bool): f64 {
    const v = this.at(i);
    if (this.ok && (strict ? !(v > lo) : !(v >= lo))) this.fail(ERR_INVALID_INPUT, i);
    return v;
  }

  /** An integer in [lo, hi]. */
  int(i: i32, lo: i32, hi: i32): i32 {
    const v = this.at(i);
    if (!this.ok) return 0;
    if (v != Math.floor(v) || v < <f64>lo || v > <f64>hi) {
      this.fail(ERR_INVALID_INPUT, i);
      return 0;
    }
    return <i32>v;
  }

  flag(i: i32): bool {
    return this.int(i, 0, 1) == 1;
  }
}

/** Largest count accepted for any list: keeps index arithmetic far from i32 overflow. */
const MAX_COUNT: i32 = 1 << 20;

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
 * ABI.md "Jobs"); its end is left in `decodedEnd`. Errors carry the index in `buf`.
 */
export function decodeRotorModelAt(buf: StaticArray<f64>, base: i32): RotorModel | null {
  const r = new Reader(buf);
  r.int(base, 1, 1); // format version
  const nE = r.int(base + 1, 1, MAX_COUNT);
  const nD = r.int(base + 2, 0, MAX_COUNT);
  const nB = r.int(base + 3, 0, MAX_COUNT);
  const nP = r.int(base + 4, 0, MAX_COUNT);
  const alpha = r.min(base + 5, 0.0, false);
  const beta = r.min(base + 6, 0.0, false);
  r.at(base + 7);
  if (!r.ok) return null;
  const model = new RotorModel(nE, nD, nB, nP);
  model.alpha = alpha;
  model.beta = beta;
  const nNodes = nE + 1;
  let p = base + HEADER;
  for (let e = 0; e < nE; e++, p += ELEMENT_STRIDE) {
    const el = new ShaftElement();
    el.L = r.min(p, 0.0, true);
    el.odl = r.min(p + 1, 0.0, true);
    el.idl = r.min(p + 2, 0.0, false);
    el.odr = r.min(p + 3, 0.0, true);
    el.idr = r.min(p + 4, 0.0, false);
    if (r.ok && !(el.idl < el.odl)) r.fail(ERR_INVALID_INPUT, p + 2);
    if (r.ok && !(el.idr < el.odr)) r.fail(ERR_INVALID_INPUT, p + 4);
    el.E = r.min(p + 5, 0.0, true);
    el.G = r.min(p + 6, 0.0, true);
    el.rho = r.min(p + 7, 0.0, false);
    el.shear = r.flag(p + 8);
    el.rotaryInertia = r.flag(p + 9);
    el.gyroscopic = r.flag(p + 10);
    for (let k = 11; k < ELEMENT_STRIDE; k++) r.at(p + k);
    if (!r.ok) return null;
    unchecked((model.elements[e] = el));
  }
  for (let d = 0; d < nD; d++, p += DISK_STRIDE) {
    const disk = new Disk();
    disk.node = r.int(p, 0, nNodes - 1);
    disk.m = r.min(p + 1, 0.0, false);
    disk.Id = r.min(p + 2, 0.0, false);
    disk.Ip = r.min(p + 3, 0.0, false);
    if (!r.ok) return null;
    unchecked((model.disks[d] = disk));
  }
  for (let b = 0; b < nB; b++) {
    const node = r.int(p, 0, nNodes - 1);
    const ns = r.int(p + 1, 1, MAX_COUNT);
    if (!r.ok) return null;
    const br = new Bearing(node, ns);
    p += 2;
    for (let s = 0; s < ns; s++, p += BEARING_ROW) {
      const sp = r.at(p);
      if (r.ok && s > 0 && !(sp > unchecked(br.speeds[s - 1]))) r.fail(ERR_INVALID_INPUT, p);
      unchecked((br.speeds[s] = sp));
      for (let j = 0; j < 8; j++) unchecked((br.table[s * 8 + j] = r.at(p + 1 + j)));
      if (!r.ok) return null;
    }
    unchecked((model.bearings[b] = br));
  }
  for (let q = 0; q < nP; q++, p += PEDESTAL_STRIDE) {
    const ped = new Pedestal();
    ped.bearing = r.int(p, 0, nB - 1);
    // a pedestal must carry mass: a massless DOF makes M singular for modal and time analysis
    ped.m = r.min(p + 1, 0.0, true);
    ped.c.kxx = r.at(p + 2);
    ped.c.kxy = r.at(p + 3);
    ped.c.kyx = r.at(p + 4);
    ped.c.kyy = r.at(p + 5);
    ped.c.cxx = r.at(p + 6);
    ped.c.cxy = r.at(p + 7);
    ped.c.cyx = r.at(p + 8);
    ped.c.cyy = r.at(p + 9);
    if (!r.ok) return null;
    const br = unchecked(model.bearings[ped.bearing]);
    if (br.pedestal >= 0) {
      r.fail(ERR_INVALID_INPUT, p); // one pedestal per bearing
      return null;
    }
    br.pedestal = q;
    unchecked((model.pedestals[q] = ped));
  }
  decodedEnd = p;
  return model;
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
