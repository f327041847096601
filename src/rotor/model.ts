// The rotor model of DESIGN.md ("Rotor model JSON", SI units) as types, and its encoding into the
// flat f64 description the core reads (assembly/ABI.md, "Rotor model description", layout 2): the
// values as written in the JSON, so every derived number (shear modulus from nu, disk mass properties
// from geometry, inherited materials and options) is computed by the core.

/** A material (SI units): E and rho, and G or nu (or both, agreeing). */
export interface Material {
  /** Young's modulus, Pa */
  E: number;
  /** Shear modulus, Pa (or give nu) */
  G?: number;
  /** Poisson's ratio (when G is absent the core derives G = E / (2(1+nu)); both given: they must agree) */
  nu?: number;
  /** Density, kg/m^3 */
  rho: number;
}

/** Which effects a shaft element includes (each default true, inherited from the model's options). */
export interface ElementOptions {
  shear?: boolean;
  rotaryInertia?: boolean;
  gyroscopic?: boolean;
}

/** A Timoshenko beam element, m: uniform (od, id) or tapered (odl, idl, odr, idr); material and options default to the model's. */
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

/** A rigid disk at a shaft node: mass properties (m kg, Id and Ip kg m²) or geometry (od, id, width m, material). */
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

/** A bearing at a shaft node: stiffness (N/m) and damping (N s/m) coefficients, constant or one per entry of `speeds` (rad/s, interpolated). */
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

/** A moving support under a bearing: mass (kg), stiffness and damping to ground; its node is numbered after the shaft nodes. */
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

/** A rotor model (DESIGN.md, "Rotor model JSON"; docs/rotor.md): shaft elements from node 0, disks, bearings, pedestals, proportional damping. */
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

/** Layout 2 of the model description (assembly/ABI.md, "Rotor model description"). */
export const MODEL_FORMAT = 2;
export const HEADER = 16;
export const MATERIAL_SIZE = 5;
export const ELEMENT_STRIDE = 14;
export const DISK_STRIDE = 13;
export const BEARING_ROW = 9;
export const PEDESTAL_STRIDE = 10;

/** Material block kinds (ABI.md): what the JSON gives besides E and rho. */
export const MATERIAL_KIND = { none: 0, G: 1, nu: 2, both: 3 } as const;
/** Option codes (ABI.md): an option the JSON does not give is inherited (the model's, else true). */
export const OPTION_CODE = { false: 0, true: 1, notGiven: 2 } as const;

/**
 * Mass properties of a disk given by geometry, for display only (`twin demo --rotor`'s summary line):
 * the values the computations use are derived by the core (assembly/rotor/derive.ts), from the
 * geometry in the description, with ROSS's steel density 7810 kg/m³ when the disk has no material.
 */
export function diskMassProperties(d: Disk): { m: number; Id: number; Ip: number } {
  if (d.m !== undefined) return { m: d.m, Id: d.Id ?? 0, Ip: d.Ip ?? 0 };
  const rho = d.material?.rho ?? 7810;
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

/** The encoded description and, per value, the JSON path it comes from (for located errors). */
export interface EncodedModel {
  values: number[];
  /** `paths[i]` names the JSON value behind `values[i]` (e.g. `shaft[3].material.nu`) */
  paths: string[];
}

class Writer {
  readonly values: number[] = [];
  readonly paths: string[] = [];
  put(path: string, ...v: number[]): void {
    for (const x of v) {
      this.values.push(x);
      this.paths.push(path);
    }
  }
}

const join = (path: string, key: string): string => (path === "" ? key : `${path}.${key}`);

/** Material block: kind, E, G, nu, rho (ABI.md); `path` is the material's JSON path. */
function putMaterial(w: Writer, m: Material | undefined, path: string): void {
  if (m === undefined) {
    w.put(path, MATERIAL_KIND.none, 0, 0, 0, 0);
    return;
  }
  const kind = m.G !== undefined && m.nu !== undefined ? MATERIAL_KIND.both : m.G !== undefined ? MATERIAL_KIND.G : m.nu !== undefined ? MATERIAL_KIND.nu : undefined;
  if (kind === undefined) throw new Error(`${path}: a material needs G or nu`);
  w.put(path, kind);
  w.put(join(path, "E"), m.E);
  w.put(m.G !== undefined ? join(path, "G") : path, m.G ?? 0);
  w.put(m.nu !== undefined ? join(path, "nu") : path, m.nu ?? 0);
  w.put(join(path, "rho"), m.rho);
}

function putOptions(w: Writer, o: ElementOptions | undefined, path: string): void {
  for (const k of ["shear", "rotaryInertia", "gyroscopic"] as const) {
    const v = o?.[k];
    w.put(v === undefined ? path : join(path, k), v === undefined ? OPTION_CODE.notGiven : v ? OPTION_CODE.true : OPTION_CODE.false);
  }
}

function coeffRow(b: Bearing, i: number): number[] {
  const at = (c: Coefficient | undefined): number => (c === undefined ? 0 : typeof c === "number" ? c : c[i]!);
  return [at(b.kxx), at(b.kxy), at(b.kyx), at(b.kyy), at(b.cxx), at(b.cxy), at(b.cyx), at(b.cyy)];
}

/**
 * Description layout 2 of a (validated) model with the JSON path of every value: the values as the
 * JSON gives them, codes for what it leaves out (a value the JSON may omit with meaning 0 — an inner
 * diameter, a cross-coupled or damping coefficient, alpha, beta — is written as 0); the core derives
 * the rest (assembly/rotor/model-v2.ts). No arithmetic here.
 */
export function encodeRotorModelWithPaths(model: RotorModel): EncodedModel {
  const w = new Writer();
  const disks = model.disks ?? [];
  const pedestals = model.pedestals ?? [];
  w.put("", MODEL_FORMAT);
  w.put("shaft", model.shaft.length);
  w.put("disks", disks.length);
  w.put("bearings", model.bearings.length);
  w.put("pedestals", pedestals.length);
  w.put(model.damping?.alpha !== undefined ? "damping.alpha" : "damping", model.damping?.alpha ?? 0);
  w.put(model.damping?.beta !== undefined ? "damping.beta" : "damping", model.damping?.beta ?? 0);
  w.put("", 0);
  putMaterial(w, model.material, "material");
  putOptions(w, model.options, "options");
  model.shaft.forEach((el, i) => {
    const path = `shaft[${i}]`;
    w.put(join(path, "L"), el.L);
    const tapered = el.odl !== undefined || el.odr !== undefined || el.idl !== undefined || el.idr !== undefined;
    if (tapered) {
      if (el.odl === undefined || el.odr === undefined) throw new Error(`${path}: a tapered element needs odl and odr`);
      w.put(path, 1);
      w.put(join(path, "odl"), el.odl);
      w.put(el.idl !== undefined ? join(path, "idl") : path, el.idl ?? 0);
      w.put(join(path, "odr"), el.odr);
      w.put(el.idr !== undefined ? join(path, "idr") : path, el.idr ?? 0);
    } else {
      if (el.od === undefined) throw new Error(`${path}: an element needs od (or odl and odr)`);
      w.put(path, 0);
      w.put(join(path, "od"), el.od);
      w.put(el.id !== undefined ? join(path, "id") : path, el.id ?? 0);
      w.put(path, 0, 0);
    }
    putMaterial(w, el.material, el.material !== undefined ? join(path, "material") : path);
    putOptions(w, el.options, el.options !== undefined ? join(path, "options") : path);
  });
  disks.forEach((d, i) => {
    const path = `disks[${i}]`;
    w.put(join(path, "node"), d.node);
    if (d.m !== undefined) {
      w.put(path, 0);
      w.put(join(path, "m"), d.m);
      w.put(d.Id !== undefined ? join(path, "Id") : path, d.Id ?? 0);
      w.put(d.Ip !== undefined ? join(path, "Ip") : path, d.Ip ?? 0);
      w.put(path, 0, 0, 0);
      putMaterial(w, undefined, path);
    } else {
      w.put(path, 1);
      w.put(path, 0, 0, 0);
      w.put(join(path, "od"), d.od ?? 0);
      w.put(d.id !== undefined ? join(path, "id") : path, d.id ?? 0);
      w.put(join(path, "width"), d.width ?? 0);
      putMaterial(w, d.material, d.material !== undefined ? join(path, "material") : path);
    }
  });
  model.bearings.forEach((b, i) => {
    const path = `bearings[${i}]`;
    const speeds = b.speeds ?? [0];
    w.put(join(path, "node"), b.node);
    w.put(b.speeds !== undefined ? join(path, "speeds") : path, speeds.length);
    speeds.forEach((s, k) => {
      w.put(b.speeds !== undefined ? `${path}.speeds[${k}]` : path, s);
      const row = coeffRow(b, k);
      (["kxx", "kxy", "kyx", "kyy", "cxx", "cxy", "cyx", "cyy"] as const).forEach((key, j) => {
        const c = b[key];
        w.put(c === undefined ? path : Array.isArray(c) ? `${path}.${key}[${k}]` : join(path, key), row[j]!);
      });
    });
  });
  pedestals.forEach((p, i) => {
    const path = `pedestals[${i}]`;
    w.put(join(path, "bearing"), p.bearing);
    w.put(join(path, "m"), p.m);
    for (const key of ["kxx", "kxy", "kyx", "kyy", "cxx", "cxy", "cyx", "cyy"] as const) {
      w.put(p[key] !== undefined ? join(path, key) : path, p[key] ?? 0);
    }
  });
  return { values: w.values, paths: w.paths };
}

/** Flat description (layout 2, assembly/ABI.md) of a validated model, for `rotorLoad` or a job request. */
export function encodeRotorModel(model: RotorModel): number[] {
  return encodeRotorModelWithPaths(model).values;
}
