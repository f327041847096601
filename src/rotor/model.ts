// The rotor model of DESIGN.md ("Rotor model JSON", SI units) as types, and its encoding into the
// flat f64 description the core reads (assembly/ABI.md, "Rotor model description").

export interface Material {
  /** Young's modulus, Pa */
  E: number;
  /** Shear modulus, Pa (or give nu) */
  G?: number;
  /** Poisson's ratio (used when G is absent: G = E / (2(1+nu))) */
  nu?: number;
  /** Density, kg/m^3 */
  rho: number;
}

export interface ElementOptions {
  shear?: boolean;
  rotaryInertia?: boolean;
  gyroscopic?: boolean;
}

export interface ShaftElement {
  L: number;
  od?: number;
  id?: number;
  /** tapered element: left/right outer and inner diameters */
  odl?: number;
  idl?: number;
  odr?: number;
  idr?: number;
  material?: Material;
  options?: ElementOptions;
}

export interface Disk {
  node: number;
  m?: number;
  Id?: number;
  Ip?: number;
  od?: number;
  id?: number;
  width?: number;
  material?: Material;
}

/** A coefficient is a number, or an array over `speeds` (rad/s). */
export type Coefficient = number | number[];

export interface Bearing {
  node: number;
  speeds?: number[];
  kxx: Coefficient;
  kyy: Coefficient;
  kxy?: Coefficient;
  kyx?: Coefficient;
  cxx?: Coefficient;
  cyy?: Coefficient;
  cxy?: Coefficient;
  cyx?: Coefficient;
}

export interface Pedestal {
  /** index into `bearings` */
  bearing: number;
  m: number;
  kxx: number;
  kyy: number;
  kxy?: number;
  kyx?: number;
  cxx?: number;
  cyy?: number;
  cxy?: number;
  cyx?: number;
}

export interface RotorModel {
  name: string;
  /** free text: what the model represents, where its numbers come from */
  description?: string;
  material?: Material;
  shaft: ShaftElement[];
  disks?: Disk[];
  bearings: Bearing[];
  pedestals?: Pedestal[];
  damping?: { alpha?: number; beta?: number };
  options?: ElementOptions;
}

/** Steel used for disks given by geometry without a material (the value of established codes). */
export const STEEL: Required<Pick<Material, "E" | "G" | "rho">> = { E: 2.11e11, G: 8.12e10, rho: 7810 };

export const ELEMENT_STRIDE = 14;
export const DISK_STRIDE = 4;
export const BEARING_ROW = 9;
export const PEDESTAL_STRIDE = 10;
export const HEADER = 8;

export function shearModulus(m: Material): number {
  if (m.G !== undefined) return m.G;
  if (m.nu !== undefined) return m.E / (2 * (1 + m.nu));
  throw new Error("material needs G or nu");
}

/** Mass properties of a rigid disk given as a solid of revolution (m, Id about a diameter, Ip polar). */
export function diskMassProperties(d: Disk): { m: number; Id: number; Ip: number } {
  if (d.m !== undefined) return { m: d.m, Id: d.Id ?? 0, Ip: d.Ip ?? 0 };
  const rho = d.material?.rho ?? STEEL.rho;
  const od = d.od ?? 0, id = d.id ?? 0, w = d.width ?? 0;
  const m = (rho * Math.PI * w * (od * od - id * id)) / 4;
  const Ip = (m * (od * od + id * id)) / 8;
  const Id = Ip / 2 + (m * w * w) / 12;
  return { m, Id, Ip };
}

export function nodeCount(model: RotorModel): number {
  return model.shaft.length + 1;
}

export function dofCount(model: RotorModel): number {
  return 4 * nodeCount(model) + 2 * (model.pedestals?.length ?? 0);
}

function coeffRow(b: Bearing, i: number): number[] {
  const at = (c: Coefficient | undefined): number => (c === undefined ? 0 : typeof c === "number" ? c : c[i]!);
  return [at(b.kxx), at(b.kxy), at(b.kyx), at(b.kyy), at(b.cxx), at(b.cxy), at(b.cyx), at(b.cyy)];
}

/** Flat description for `rotorLoad` (layout in assembly/ABI.md). Expects a validated model. */
export function encodeRotorModel(model: RotorModel): Float64Array {
  const out: number[] = [];
  const disks = model.disks ?? [];
  const pedestals = model.pedestals ?? [];
  out.push(1, model.shaft.length, disks.length, model.bearings.length, pedestals.length);
  out.push(model.damping?.alpha ?? 0, model.damping?.beta ?? 0, 0);
  for (const el of model.shaft) {
    const mat = el.material ?? model.material ?? STEEL;
    const opt = { shear: true, rotaryInertia: true, gyroscopic: true, ...model.options, ...el.options };
    const odl = el.odl ?? el.od ?? 0, idl = el.idl ?? el.id ?? 0;
    const odr = el.odr ?? el.od ?? odl, idr = el.idr ?? el.id ?? idl;
    out.push(el.L, odl, idl, odr, idr, mat.E, shearModulus(mat), mat.rho);
    out.push(opt.shear ? 1 : 0, opt.rotaryInertia ? 1 : 0, opt.gyroscopic ? 1 : 0, 0, 0, 0);
  }
  for (const d of disks) {
    const p = diskMassProperties(d);
    out.push(d.node, p.m, p.Id, p.Ip);
  }
  for (const b of model.bearings) {
    const speeds = b.speeds ?? [0];
    out.push(b.node, speeds.length);
    speeds.forEach((s, i) => out.push(s, ...coeffRow(b, i)));
  }
  for (const p of pedestals) {
    out.push(p.bearing, p.m, p.kxx, p.kxy ?? 0, p.kyx ?? 0, p.kyy, p.cxx ?? 0, p.cxy ?? 0, p.cyx ?? 0, p.cyy ?? 0);
  }
  return Float64Array.from(out);
}
