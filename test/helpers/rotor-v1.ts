// The previous host path, kept as the reference the rotor jobs are tested against: the model encoded in
// description layout 1 with the derivations the host made up to that layout (src/rotor/model.ts before
// the jobs: G = E/(2(1+nu)), disk mass properties from geometry with ROSS's steel density, diameters
// and option defaults resolved), and the handle-based exports the commands called one by one.
import type { Core } from "../../src/core/core.js";
import type { Bearing, Coefficient, Disk, Material, RotorModel } from "../../src/rotor/model.js";

const STEEL = { E: 2.11e11, G: 8.12e10, rho: 7810 };

function shearModulus(m: Material): number {
  if (m.G !== undefined) return m.G;
  if (m.nu !== undefined) return m.E / (2 * (1 + m.nu));
  throw new Error("material needs G or nu");
}

function diskMassProperties(d: Disk): { m: number; Id: number; Ip: number } {
  if (d.m !== undefined) return { m: d.m, Id: d.Id ?? 0, Ip: d.Ip ?? 0 };
  const rho = d.material?.rho ?? STEEL.rho;
  const od = d.od ?? 0, id = d.id ?? 0, w = d.width ?? 0;
  const m = (rho * Math.PI * w * (od * od - id * id)) / 4;
  const Ip = (m * (od * od + id * id)) / 8;
  const Id = Ip / 2 + (m * w * w) / 12;
  return { m, Id, Ip };
}

function coeffRow(b: Bearing, i: number): number[] {
  const at = (c: Coefficient | undefined): number => (c === undefined ? 0 : typeof c === "number" ? c : c[i]!);
  return [at(b.kxx), at(b.kxy), at(b.kyx), at(b.kyy), at(b.cxx), at(b.cxy), at(b.cyx), at(b.cyy)];
}

/** Description layout 1, as the host wrote it before the jobs. */
export function encodeRotorModelV1(model: RotorModel): number[] {
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
  return out;
}

/** A model loaded from its layout-1 description, with the export calls the commands used to make. */
export class V1Rotor {
  readonly h: number;
  constructor(
    readonly core: Core,
    model: RotorModel,
  ) {
    this.h = core.withBuffers([encodeRotorModelV1(model)], (p) => core.check(core.fn("rotorLoad")(p!), "rotorLoad"));
  }
  call(name: string, ...args: number[]): Float64Array {
    return this.core.take(this.core.fn(name)(this.h, ...args), name);
  }
  /** an export that takes buffers: `bufs` are copied in and freed afterwards */
  callWith(name: string, bufs: ArrayLike<number>[], args: (ptrs: number[]) => number[]): Float64Array {
    return this.core.withBuffers(bufs, (...ptrs) => this.core.take(this.core.fn(name)(this.h, ...args(ptrs)), name));
  }
  free(): void {
    this.core.fn("rotorFree")(this.h);
  }
}
