// Rotor model description, version 2 (assembly/ABI.md, "Rotor model description"): the values of the
// model JSON as the user wrote them (DESIGN.md, "Rotor model JSON"), with codes for what the JSON
// leaves out, and everything derived from them computed here: the shear modulus from Poisson's ratio,
// the mass properties of a disk given by geometry (derive.ts), both diameters of a uniform element,
// the model's material for elements that give none, and the option flags (an element's own, else the
// model's, else true).
import { Reader, MAX_COUNT } from "./reader";
import { RotorModel, ShaftElement, Disk } from "./model";
import { readSupports } from "./supports";
import { STEEL_RHO, diskMassProperties, shearModulusAgrees, shearModulusFromNu } from "./derive";

export const HEADER_V2: i32 = 16;
export const MATERIAL_V2: i32 = 5;
export const ELEMENT_STRIDE_V2: i32 = 14;
export const DISK_STRIDE_V2: i32 = 13;

/** Material block kinds: none, E and G, E and ν, E, G and ν. */
export const MATERIAL_NONE: i32 = 0;
export const MATERIAL_G: i32 = 1;
export const MATERIAL_NU: i32 = 2;
export const MATERIAL_G_NU: i32 = 3;

/** Option codes: false, true, not given. */
export const OPTION_NOT_GIVEN: i32 = 2;

/** A decoded material block. */
class Material {
  given: bool = false;
  E: f64 = 0;
  G: f64 = 0;
  rho: f64 = 0;
}

/**
 * Material block at q: `kind, E, G, nu, rho` (slots the kind does not use are 0). G = E/(2(1+ν)) when
 * only ν is given; with both, they must agree (derive.ts) and G is used. ν in (−1, 0.5).
 */
function readMaterial(r: Reader, q: i32): Material {
  const out = new Material();
  const kind = r.int(q, MATERIAL_NONE, MATERIAL_G_NU);
  if (!r.ok) return out;
  if (kind == MATERIAL_NONE) {
    for (let k = 1; k < MATERIAL_V2; k++) r.zero(q + k);
    return out;
  }
  out.given = true;
  out.E = r.min(q + 1, 0.0, true);
  if (kind == MATERIAL_NU) r.zero(q + 2);
  else out.G = r.min(q + 2, 0.0, true);
  if (kind == MATERIAL_G) r.zero(q + 3);
  else {
    const nu = r.open(q + 3, -1.0, 0.5);
    if (kind == MATERIAL_NU) out.G = shearModulusFromNu(out.E, nu);
    else r.require(shearModulusAgrees(out.E, out.G, nu), q + 3);
  }
  out.rho = r.min(q + 4, 0.0, false);
  return out;
}

/** Option code at i: 0 false, 1 true, 2 not given (then `inherited`). */
function readOption(r: Reader, i: i32, inherited: bool): bool {
  const c = r.int(i, 0, OPTION_NOT_GIVEN);
  return c == OPTION_NOT_GIVEN ? inherited : c == 1;
}

/** Decodes the version-2 description at `base` (its version already checked); r.end is its end. */
export function decodeV2(r: Reader, base: i32): RotorModel | null {
  const nE = r.int(base + 1, 1, MAX_COUNT);
  const nD = r.int(base + 2, 0, MAX_COUNT);
  const nB = r.int(base + 3, 0, MAX_COUNT);
  const nP = r.int(base + 4, 0, MAX_COUNT);
  const alpha = r.min(base + 5, 0.0, false);
  const beta = r.min(base + 6, 0.0, false);
  r.zero(base + 7);
  const modelMat = readMaterial(r, base + 8);
  const shear = readOption(r, base + 13, true);
  const rotary = readOption(r, base + 14, true);
  const gyro = readOption(r, base + 15, true);
  if (!r.ok) return null;
  const model = new RotorModel(nE, nD, nB, nP);
  model.alpha = alpha;
  model.beta = beta;
  const nNodes = nE + 1;
  let p = base + HEADER_V2;
  for (let e = 0; e < nE; e++, p += ELEMENT_STRIDE_V2) {
    const el = new ShaftElement();
    el.L = r.min(p, 0.0, true);
    const tapered = r.flag(p + 1);
    el.odl = r.min(p + 2, 0.0, true);
    el.idl = r.min(p + 3, 0.0, false);
    r.require(el.idl < el.odl, p + 3);
    if (tapered) {
      el.odr = r.min(p + 4, 0.0, true);
      el.idr = r.min(p + 5, 0.0, false);
      r.require(el.idr < el.odr, p + 5);
    } else {
      r.zero(p + 4);
      r.zero(p + 5);
      el.odr = el.odl;
      el.idr = el.idl;
    }
    const own = readMaterial(r, p + 6);
    if (!r.ok) return null;
    const mat = own.given ? own : modelMat;
    r.require(mat.given, p + 6); // neither the element nor the model gives a material
    el.E = mat.E;
    el.G = mat.G;
    el.rho = mat.rho;
    el.shear = readOption(r, p + 11, shear);
    el.rotaryInertia = readOption(r, p + 12, rotary);
    el.gyroscopic = readOption(r, p + 13, gyro);
    if (!r.ok) return null;
    unchecked((model.elements[e] = el));
  }
  for (let d = 0; d < nD; d++, p += DISK_STRIDE_V2) {
    const disk = new Disk();
    disk.node = r.int(p, 0, nNodes - 1);
    const geometry = r.flag(p + 1);
    if (!geometry) {
      disk.m = r.min(p + 2, 0.0, false);
      disk.Id = r.min(p + 3, 0.0, false);
      disk.Ip = r.min(p + 4, 0.0, false);
      for (let k = 5; k < DISK_STRIDE_V2; k++) r.zero(p + k); // no geometry, no material
    } else {
      r.zero(p + 2);
      r.zero(p + 3);
      r.zero(p + 4);
      const od = r.min(p + 5, 0.0, true);
      const id = r.min(p + 6, 0.0, false);
      r.require(id < od, p + 6);
      const w = r.min(p + 7, 0.0, true);
      const mat = readMaterial(r, p + 8);
      if (!r.ok) return null;
      const mp = diskMassProperties(mat.given ? mat.rho : STEEL_RHO, od, id, w);
      disk.m = mp[0];
      disk.Id = mp[1];
      disk.Ip = mp[2];
    }
    if (!r.ok) return null;
    unchecked((model.disks[d] = disk));
  }
  p = readSupports(r, model, p);
  if (p < 0) return null;
  r.end = p;
  return model;
}
