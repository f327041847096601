// Rotor model description, version 1 (assembly/ABI.md): the derived values (shear modulus, disk mass
// properties, both diameters of every element, resolved option flags) as hosts wrote them up to that
// layout. Kept readable because older archived runs hold such descriptions.
import { Reader, MAX_COUNT } from "./reader";
import { RotorModel, ShaftElement, Disk, HEADER, ELEMENT_STRIDE, DISK_STRIDE } from "./model";
import { readSupports } from "./supports";

/** Decodes the version-1 description at `base` (its version already checked); r.end is its end. */
export function decodeV1(r: Reader, base: i32): RotorModel | null {
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
    r.require(el.idl < el.odl, p + 2);
    r.require(el.idr < el.odr, p + 4);
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
  p = readSupports(r, model, p);
  if (p < 0) return null;
  r.end = p;
  return model;
}
