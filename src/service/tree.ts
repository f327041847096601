// The HMI's model tree of a twin (GET /api/<Device>/_tree): the device's instance hierarchy with roles,
// classes and the attribute values the caller may read, and on each element the links to what realises
// it — the Modelica class (its ModelicaClass attribute, a modelica:// URI) and the rotor model (its
// RotorModel attribute; on the device root also the twin's PhysicalDeviceModel ExternalDataReference).
// Parts the caller may read nothing of are left out with everything below them.
import type { DeviceModel, Part, PartJson } from "./device.js";
import type { AttrValue } from "./types.js";

export interface TreeAttribute {
  value: AttrValue | null;
  type?: string;
  unit?: string;
  description?: string;
}

export interface TreeLinks {
  modelica?: string;
  rotorModel?: string;
}

/** A part as GET /<Part> gives it (PartJson), with its links and its parts whole instead of by name. */
export interface TreeNode extends Omit<PartJson, "attributes" | "parts"> {
  attributes: Record<string, TreeAttribute>;
  links: TreeLinks;
  children: TreeNode[];
}

export interface TreeAccess {
  /** READ on the attribute */
  attribute(path: string, name: string): boolean;
  /** READ on the part or anything below it */
  partOrBelow(path: string): boolean;
}

export interface TreeOptions {
  /** the rotor model file of the twin's PhysicalDeviceModel, as the AML names it (relative to the AML file) */
  rotorModel: string | null;
  /** parts served by a child twin: shown as leaves (their content is the child's to tell) */
  forwarded: (path: string) => boolean;
}

/** The attributes that link an element to what realises it (from the archive's derivation of links). */
const MODELICA_ATTRIBUTE = "ModelicaClass";
const ROTOR_MODEL_ATTRIBUTE = "RotorModel";

export function deviceTree(device: DeviceModel, access: TreeAccess, o: TreeOptions): { root: TreeNode } | null {
  const node = (part: Part): TreeNode | null => {
    if (!access.partOrBelow(part.path)) return null;
    const attributes: Record<string, TreeAttribute> = {};
    for (const [name, def] of part.attributes) {
      if (!access.attribute(part.path, name)) continue;
      const a: TreeAttribute = { ...device.attributeJson(part, def) };
      if (def.description !== undefined) a.description = def.description;
      attributes[name] = a;
    }
    const links: TreeLinks = {};
    const modelica = attributes[MODELICA_ATTRIBUTE]?.value;
    if (typeof modelica === "string" && modelica !== "") links.modelica = modelica;
    const rotor = attributes[ROTOR_MODEL_ATTRIBUTE]?.value;
    if (typeof rotor === "string" && rotor !== "") links.rotorModel = rotor;
    else if (part.path === "" && o.rotorModel !== null) links.rotorModel = o.rotorModel;
    const n: TreeNode = { name: part.name, path: part.path, attributes, links, children: [] };
    if (part.id !== undefined) n.id = part.id;
    if (part.role !== undefined) n.role = part.role;
    if (part.systemUnit !== undefined) n.systemUnit = part.systemUnit;
    if (part.description !== undefined) n.description = part.description;
    if (!o.forwarded(part.path)) {
      for (const c of part.children) {
        const k = node(c);
        if (k !== null) n.children.push(k);
      }
    }
    return n;
  };
  const root = node(device.root);
  return root === null ? null : { root };
}
