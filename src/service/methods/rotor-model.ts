// The twin's rotor model as it is now: the base rotor JSON (the AML ExternalDataReference of the
// PhysicalDeviceModel) with the live attribute values of the device's parts written into it, by the
// mapping models/aml/gen-models.mjs derives the AML attributes with:
//   Bearing  (by its Node)      kxx kyy kxy kyx cxx cyy cxy cyx        -> bearings[i].<same>
//   Pedestal (by its Bearing)   Mass, kxx kyy kxy kyx cxx cyy cxy cyx  -> pedestals[i].m, .<same>
//   Disc     (by its Node)      OuterDiameter InnerDiameter Width Density -> disks[i].od id width material.rho
//   Shaft                       YoungsModulus PoissonRatio Density     -> material.E nu rho
//                               OuterDiameter InnerDiameter            -> od, id of every element that has the base value
// Position, Length and Elements are derived from the element lengths: a live value that differs from
// the derived one is refused (the geometry of the mesh is edited in the rotor model file).
// The result is validated like a file (src/rotor/validate.ts); a fault is reported naming the attribute.
import { readFileSync } from "node:fs";
import type { Json as DocJson } from "../../io/json.js";
import type { Coefficient, RotorModel } from "../../rotor/model.js";
import { checkRotorModel, ModelError, parseRotorModel } from "../../rotor/validate.js";
import type { AttrValue } from "../types.js";
import type { MethodContext } from "./context.js";
import { MethodError } from "./errors.js";

const COEFFS = ["kxx", "kyy", "kxy", "kyx", "cxx", "cyy", "cxy", "cyx"] as const;

/** ROSS's steel density, used by the core for a disk without a material (src/rotor/model.ts). */
const DEFAULT_DISK_DENSITY = 7810;

/** The machine-component kind of a part: the last segment of its CAEX role, else its name without an index. */
export function partKind(part: { path: string; role: string | undefined }): string {
  if (part.role !== undefined && part.role !== "") return part.role.slice(part.role.lastIndexOf("/") + 1);
  const name = part.path.slice(part.path.lastIndexOf("/") + 1);
  return name.replace(/\d+$/, "");
}

/** The parts of a kind (Motor, Shaft, Disc, Bearing, Pedestal, Accelerometer) in the device's order. */
export function partsOfKind(ctx: Pick<MethodContext, "device">, kind: string): string[] {
  return ctx.device
    .parts()
    .filter((p) => partKind(p) === kind)
    .map((p) => p.path);
}

/** A JSON path of the model and the attribute whose value was written there. */
interface Written {
  path: string;
  attribute: string;
}

class Applier {
  readonly written: Written[] = [];
  constructor(
    readonly ctx: MethodContext,
    readonly doc: RotorModel,
    readonly base: RotorModel,
  ) {}

  value(part: string, attribute: string): AttrValue | undefined {
    return this.ctx.device.get(part, attribute);
  }

  number(part: string, attribute: string): number | undefined {
    const v = this.value(part, attribute);
    if (v === undefined) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) throw new MethodError(422, `${part}/${attribute}: must be a finite number, is ${JSON.stringify(v)}`);
    return v;
  }

  index(part: string, attribute: string): number {
    const v = this.number(part, attribute);
    if (v === undefined) throw new MethodError(422, `${part}/${attribute}: missing (it says which element of the rotor model the part is)`);
    if (!Number.isInteger(v) || v < 0) throw new MethodError(422, `${part}/${attribute}: must be an integer >= 0, is ${v}`);
    return v;
  }

  note(path: string, part: string, attribute: string): void {
    this.written.push({ path, attribute: `${part}/${attribute}` });
  }

  /** A bearing coefficient: a number, or (speed-dependent in the model) the list "a,b,c" the generator writes. */
  coefficient(part: string, attribute: string): Coefficient | undefined {
    const v = this.value(part, attribute);
    if (v === undefined) return undefined;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) throw new MethodError(422, `${part}/${attribute}: must be finite, is ${v}`);
      return v;
    }
    if (typeof v === "string") {
      const items = v.split(",").map((s) => Number(s.trim()));
      if (v.trim() !== "" && items.every((x) => Number.isFinite(x))) return items;
    }
    throw new MethodError(422, `${part}/${attribute}: must be a number (or a list "a,b,c" over the bearing's speeds), is ${JSON.stringify(v)}`);
  }

  /** Refuses a live value of a derived quantity that differs from the value derived from the model. */
  derived(part: string, attribute: string, expected: number, what: string): void {
    const v = this.number(part, attribute);
    if (v !== undefined && v !== expected) {
      throw new MethodError(422, `${part}/${attribute}: ${v} differs from ${expected}, the ${what} of the rotor model; change the rotor model file to change it`);
    }
  }
}

/** Node positions as the AML generator writes them (cumulative lengths rounded to 1e-9 m). */
function nodePositions(model: RotorModel): number[] {
  const x = [0];
  for (const e of model.shaft) x.push(Math.round((x[x.length - 1]! + e.L) * 1e9) / 1e9);
  return x;
}

function applyBearing(a: Applier, part: string): void {
  const node = a.index(part, "Node");
  const i = a.doc.bearings.findIndex((b) => b.node === node);
  if (i < 0) throw new MethodError(422, `${part}/Node: no bearing of the rotor model sits at node ${node}`);
  a.derived(part, "Position", nodePositions(a.base)[node] ?? NaN, `position of node ${node}`);
  const b = a.doc.bearings[i]!;
  for (const k of COEFFS) {
    const v = a.coefficient(part, k);
    if (v === undefined) continue;
    b[k] = v;
    a.note(`bearings[${i}].${k}`, part, k);
  }
}

function applyPedestal(a: Applier, part: string): void {
  const bearing = a.index(part, "Bearing");
  const pedestals = a.doc.pedestals ?? [];
  const i = pedestals.findIndex((p) => p.bearing === bearing);
  if (i < 0) throw new MethodError(422, `${part}/Bearing: no pedestal of the rotor model carries bearing ${bearing}`);
  const p = pedestals[i]!;
  const m = a.number(part, "Mass");
  if (m !== undefined) {
    p.m = m;
    a.note(`pedestals[${i}].m`, part, "Mass");
  }
  for (const k of COEFFS) {
    const v = a.number(part, k);
    if (v === undefined) continue;
    p[k] = v;
    a.note(`pedestals[${i}].${k}`, part, k);
  }
}

function applyDisc(a: Applier, part: string): void {
  const node = a.index(part, "Node");
  const disks = a.doc.disks ?? [];
  const i = disks.findIndex((d) => d.node === node);
  if (i < 0) throw new MethodError(422, `${part}/Node: no disk of the rotor model sits at node ${node}`);
  a.derived(part, "Position", nodePositions(a.base)[node] ?? NaN, `position of node ${node}`);
  const d = disks[i]!;
  const geometry = [
    ["OuterDiameter", "od"],
    ["InnerDiameter", "id"],
    ["Width", "width"],
  ] as const;
  for (const [attr, key] of geometry) {
    const v = a.number(part, attr);
    if (v === undefined) continue;
    // a disk given by its mass properties has no geometry to change
    if (d.m !== undefined) throw new MethodError(422, `${part}/${attr}: disk ${i} of the rotor model is given by its mass (m, Id, Ip), not by its geometry`);
    d[key] = v;
    a.note(`disks[${i}].${key}`, part, attr);
  }
  const rho = a.number(part, "Density");
  if (rho === undefined) return;
  if (d.material !== undefined) d.material = { ...d.material, rho };
  else if (rho !== DEFAULT_DISK_DENSITY) {
    // the disk has no material of its own; its stiffness is irrelevant (a rigid disk), its density is not
    if (a.doc.material === undefined) throw new MethodError(422, `${part}/Density: disk ${i} has no material and the rotor model none to start from`);
    d.material = { ...a.doc.material, rho };
  } else return;
  a.note(`disks[${i}].material`, part, "Density");
}

function applyShaft(a: Applier, part: string): void {
  const x = nodePositions(a.base);
  a.derived(part, "Length", x[x.length - 1]!, "length (sum of the element lengths)");
  a.derived(part, "Elements", a.base.shaft.length, "number of shaft elements");
  const material = [
    ["YoungsModulus", "E"],
    ["PoissonRatio", "nu"],
    ["Density", "rho"],
  ] as const;
  for (const [attr, key] of material) {
    const v = a.number(part, attr);
    if (v === undefined) continue;
    if (a.doc.material === undefined) throw new MethodError(422, `${part}/${attr}: the rotor model has no model-wide material (its elements give their own)`);
    a.doc.material = { ...a.doc.material, [key]: v };
    a.note(`material.${key}`, part, attr);
  }
  // the AML gives the diameters of the first element: they change every element of that (uniform) size
  const first = a.base.shaft[0]!;
  const diameters = [
    ["OuterDiameter", "od", first.od],
    ["InnerDiameter", "id", first.id ?? 0],
  ] as const;
  for (const [attr, key, baseValue] of diameters) {
    const v = a.number(part, attr);
    if (v === undefined || baseValue === undefined) continue;
    a.base.shaft.forEach((el, i) => {
      const tapered = el.odl !== undefined || el.odr !== undefined;
      const was = key === "od" ? el.od : (el.id ?? 0);
      if (tapered || was !== baseValue) return;
      a.doc.shaft[i]![key] = v;
      a.note(`shaft[${i}].${key}`, part, attr);
    });
  }
}

const APPLY: Record<string, (a: Applier, part: string) => void> = {
  Bearing: applyBearing,
  Pedestal: applyPedestal,
  Disc: applyDisc,
  Shaft: applyShaft,
};

/** The base rotor model of the twin, as validated from its file. */
export function baseRotorModel(ctx: Pick<MethodContext, "rotorModelFile" | "twin">): RotorModel {
  if (ctx.rotorModelFile === null) throw new MethodError(404, `twin ${ctx.twin} has no rotor model (its PhysicalDeviceModel has no ExternalDataReference to a rotor JSON)`);
  let text: string;
  try {
    text = readFileSync(ctx.rotorModelFile, "utf8");
  } catch (e) {
    throw new MethodError(500, `the rotor model of twin ${ctx.twin} cannot be read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseRotorModel(text, ctx.rotorModelFile);
  } catch (e) {
    if (e instanceof ModelError) throw new MethodError(500, `the rotor model of twin ${ctx.twin} is invalid: ${e.message}`);
    throw e;
  }
}

/** The attribute that wrote the value at a JSON path (or one of its ancestors), if any. */
export function attributeAt(written: readonly { path: string; attribute: string }[], path: string): string | undefined {
  const hit = written.find((w) => path === w.path || path.startsWith(`${w.path}.`) || path.startsWith(`${w.path}[`));
  return hit?.attribute;
}

/** The current model and which attribute wrote which JSON path (to locate the core's refusals). */
export function currentRotorModelWithSources(ctx: MethodContext): { model: RotorModel; written: Written[] } {
  const base = baseRotorModel(ctx);
  const a = new Applier(ctx, structuredClone(base), base);
  for (const p of ctx.device.parts()) APPLY[partKind(p)]?.(a, p.path);
  const { model, faults } = checkRotorModel(a.doc as unknown as DocJson);
  if (model === undefined || faults.length > 0) {
    const lines = faults.map((f) => {
      const attr = attributeAt(a.written, f.path);
      return attr !== undefined ? `${attr}: ${f.message} (${f.path} of the rotor model)` : `${f.path}: ${f.message}`;
    });
    throw new MethodError(422, `the current values make an invalid rotor model: ${lines.join("; ")}`);
  }
  return { model, written: a.written };
}

/** The twin's base rotor model with the live attribute values applied, validated like a file. */
export function currentRotorModel(ctx: MethodContext): RotorModel {
  return currentRotorModelWithSources(ctx).model;
}
