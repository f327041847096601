// Finds the digital twins of a CAEX file and reads their parts (the reference architecture of
// MISSION.md, role classes in models/aml/twin-library.aml): a DigitalTwin or AggregatedTwin element
// with a Device name, the device element whose hierarchy is its live model, and the parts API, Storage,
// Events (rules), Methods (operations), AccessControl, HMI and Communication (runner bindings).
import { InputError, type InputLocation } from "../errors.js";
import { dirname, resolve } from "node:path";
import { type AmlModel, type CaexNode, nodeAttr, nodeLine } from "../aml/model.js";
import { resolvePartner } from "../aml/resolve.js";
import { decodeContent } from "../aml/xml.js";

/** A twin the file describes wrongly, or a deployment that cannot be made: the message names file and line. */
export class TwinDeployError extends InputError {
  constructor(message: string, location: InputLocation = {}) {
    super(message, location);
  }
}

export interface RuleSpec {
  name: string;
  part: string;
  attribute: string;
  condition: string;
  threshold: number;
  hysteresis: number;
}

export interface MethodSpec {
  name: string;
  operation: string;
  description?: string;
}

export interface BindingSpec {
  name: string;
  /** a runner output: "state", "confidence", "novelty", "speed", "alarms.active", "feature:<name>" */
  output: string;
  part: string;
  attribute: string;
}

export interface ChildSpec {
  /** the part path under the aggregated twin's device root that the child twin serves */
  part: string;
  /** the child twin's Device name */
  device: string;
  /** the child twin element in this file, when it is in this file */
  element: CaexNode | undefined;
}

export interface TwinDescriptor {
  /** the Device name: /api/<Device> */
  device: string;
  element: CaexNode;
  aggregated: boolean;
  deviceRoot: CaexNode;
  basePath: string;
  historyLength: number | undefined;
  maxAgeDays: number | undefined;
  rules: RuleSpec[];
  methods: MethodSpec[];
  access: { read: string[]; write: string[]; execute: string[] } | null;
  rotorModelFile: string | null;
  runnerConfigFile: string | null;
  bindings: BindingSpec[];
  children: ChildSpec[];
  hmiPage: string | undefined;
}

const TWIN_ROLES = /(?:^|[@/])TwinRoleClassLib\/(DigitalTwin|AggregatedTwin)$/;
const TWIN_UNITS = /(?:^|[@/])TwinSystemUnitClassLib\/(DigitalTwin|AggregatedTwin)$/;
const PART_ROLE = /(?:^|[@/])TwinRoleClassLib\/TwinPart\/(\w+)$/;

function name(model: AmlModel, n: CaexNode): string {
  return nodeAttr(model, n, "Name") ?? "";
}

function kindOf(model: AmlModel, n: CaexNode): "DigitalTwin" | "AggregatedTwin" | null {
  for (const c of n.children) {
    if (c.tag !== "RoleRequirements") continue;
    const m = TWIN_ROLES.exec(nodeAttr(model, c, "RefBaseRoleClassPath") ?? "");
    if (m) return m[1] as "DigitalTwin" | "AggregatedTwin";
  }
  const m = TWIN_UNITS.exec(nodeAttr(model, n, "RefBaseSystemUnitPath") ?? "");
  return m ? (m[1] as "DigitalTwin" | "AggregatedTwin") : null;
}

/** The twin part (API, Storage, …) a child element plays, from its role or, failing that, its Name. */
function partKind(model: AmlModel, n: CaexNode): string {
  for (const c of n.children) {
    if (c.tag !== "RoleRequirements") continue;
    const m = PART_ROLE.exec(nodeAttr(model, c, "RefBaseRoleClassPath") ?? "");
    if (m) return m[1]!;
  }
  return name(model, n);
}

function attrs(n: CaexNode): CaexNode[] {
  return n.children.filter((c) => c.tag === "Attribute");
}

function valueOf(model: AmlModel, a: CaexNode): string | undefined {
  for (const c of a.el.children) if (c.local === "Value" && c.children.length === 0) return decodeContent(model.doc.text, c.contentStart, c.contentEnd);
  return undefined;
}

function attrValue(model: AmlModel, n: CaexNode, attrName: string): string | undefined {
  const a = attrs(n).find((x) => name(model, x) === attrName);
  return a === undefined ? undefined : valueOf(model, a);
}

/** The twins of a file in document order (child twins of an aggregated twin included). */
export function discoverTwins(model: AmlModel): TwinDescriptor[] {
  const at = (n: CaexNode, detail: string): TwinDeployError => new TwinDeployError(`${model.file}:${nodeLine(model, n)}: ${detail}`, { file: model.file, line: nodeLine(model, n) });
  const found: { node: CaexNode; aggregated: boolean }[] = [];
  const walk = (n: CaexNode): void => {
    if (n.tag === "InternalElement") {
      const k = kindOf(model, n);
      if (k !== null) found.push({ node: n, aggregated: k === "AggregatedTwin" });
    }
    for (const c of n.children) if (c.tag === "InstanceHierarchy" || c.tag === "InternalElement") walk(c);
  };
  walk(model.root);
  const out: TwinDescriptor[] = [];
  const devices = new Map<string, CaexNode>();
  for (const { node, aggregated } of found) {
    const device = attrValue(model, node, "Device") ?? name(model, node);
    if (!/^[A-Za-z0-9][A-Za-z0-9._~-]{0,127}$/.test(device)) throw at(node, `twin ${name(model, node)}: Device ${JSON.stringify(device)} is not a usable API name (letters, digits, . _ ~ -)`);
    if (devices.has(device)) throw at(node, `twin ${name(model, node)}: Device ${device} is also the device of the twin at line ${nodeLine(model, devices.get(device)!)}`);
    devices.set(device, node);
    const parts = new Map<string, CaexNode>();
    for (const c of node.children) if (c.tag === "InternalElement" && kindOf(model, c) === null) parts.set(partKind(model, c), c);
    const t: TwinDescriptor = {
      device, element: node, aggregated, deviceRoot: node, basePath: `/api/${device}`, historyLength: undefined, maxAgeDays: undefined,
      rules: [], methods: [], access: null, rotorModelFile: null, runnerConfigFile: null, bindings: [], children: [], hmiPage: undefined,
    };
    const rootId = attrValue(model, node, "DeviceElement");
    if (rootId === undefined) throw at(node, `twin ${device}: no DeviceElement attribute (the ID of the InternalElement whose hierarchy is the device model)`);
    const root = model.byId.get(rootId.trim())?.[0];
    if (root === undefined || root.tag !== "InternalElement") throw at(node, `twin ${device}: DeviceElement ${rootId} is not the ID of an InternalElement of this file`);
    t.deviceRoot = root;
    const api = parts.get("API");
    if (api) {
      const bp = attrValue(model, api, "BasePath");
      if (bp !== undefined && bp !== t.basePath) throw at(api, `twin ${device}: API BasePath ${bp} differs from /api/${device}`);
    }
    const storage = parts.get("Storage");
    if (storage) {
      t.historyLength = positiveInt(attrValue(model, storage, "HistoryLength"), () => at(storage, `twin ${device}: Storage HistoryLength must be a positive integer`));
      t.maxAgeDays = positiveNumber(attrValue(model, storage, "MaxAgeDays"), () => at(storage, `twin ${device}: Storage MaxAgeDays must be a positive number`));
    }
    const events = parts.get("Events");
    if (events) {
      for (const r of attrs(events)) {
        const g = (k: string): string | undefined => attrValue(model, r, k);
        const rn = name(model, r);
        const threshold = Number(g("Threshold"));
        const hysteresis = g("Hysteresis") === undefined ? 0 : Number(g("Hysteresis"));
        if (g("Part") === undefined || g("Attribute") === undefined || !Number.isFinite(threshold) || !Number.isFinite(hysteresis))
          throw at(r, `twin ${device}: event rule ${rn} needs Part, Attribute, Condition and a numeric Threshold (and optionally Hysteresis)`);
        t.rules.push({ name: rn, part: g("Part")!, attribute: g("Attribute")!, condition: g("Condition") ?? "above", threshold, hysteresis });
      }
    }
    const methods = parts.get("Methods");
    if (methods) {
      for (const m of attrs(methods)) {
        const op = attrValue(model, m, "Operation");
        if (op === undefined) throw at(m, `twin ${device}: method ${name(model, m)} has no Operation`);
        const d = m.el.children.find((c) => c.local === "Description");
        t.methods.push({ name: name(model, m), operation: op, ...(d ? { description: decodeContent(model.doc.text, d.contentStart, d.contentEnd) } : {}) });
      }
    }
    const ac = parts.get("AccessControl");
    if (ac) {
      const list = (k: string): string[] => (attrValue(model, ac, k) ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
      t.access = { read: list("Read"), write: list("Write"), execute: list("Execute") };
    }
    const hmi = parts.get("HMI");
    if (hmi) t.hmiPage = attrValue(model, hmi, "Page");
    const base = dirname(resolve(model.file));
    const pdm = parts.get("PhysicalDeviceModel");
    if (pdm) {
      for (const i of pdm.children) {
        if (i.tag !== "ExternalInterface" || !/ExternalDataReference$/.test(nodeAttr(model, i, "RefBaseClassPath") ?? "")) continue;
        const uri = attrValue(model, i, "refURI");
        const mime = attrValue(model, i, "MIMEType");
        if (uri !== undefined && (mime === undefined || mime === "application/json") && t.rotorModelFile === null) t.rotorModelFile = resolve(base, uri);
      }
    }
    const comm = parts.get("Communication");
    if (comm) {
      const runner = attrValue(model, comm, "Runner");
      if (runner !== undefined) t.runnerConfigFile = resolve(base, runner);
      for (const b of attrs(comm)) {
        if (name(model, b) === "Runner") continue;
        const output = attrValue(model, b, "Output");
        const target = attrValue(model, b, "Target");
        const m = target === undefined ? null : /^(.*?)\/?@([^@]+)$/.exec(target);
        if (output === undefined || m === null) throw at(b, `twin ${device}: binding ${name(model, b)} needs Output and Target ("Part/@Attribute" or "@Attribute")`);
        t.bindings.push({ name: name(model, b), output, part: m[1]!, attribute: m[2]! });
      }
    }
    if (aggregated && api) {
      // Child_* endpoints of the API: BasePath /api/<Device>/<part>, linked to a child twin's endpoint
      for (const i of api.children) {
        if (i.tag !== "ExternalInterface" || name(model, i) === "Endpoint") continue;
        const bp = attrValue(model, i, "BasePath");
        if (bp === undefined || !bp.startsWith(`${t.basePath}/`)) continue;
        const part = bp.slice(t.basePath.length + 1);
        const id = nodeAttr(model, i, "ID");
        let child: CaexNode | undefined;
        for (const link of model.nodes) {
          if (link.tag !== "InternalLink") continue;
          const a = nodeAttr(model, link, "RefPartnerSideA"), b = nodeAttr(model, link, "RefPartnerSideB");
          const other = a === id ? b : b === id ? a : undefined;
          if (other === undefined) continue;
          const partner = resolvePartner(model, other);
          for (let p: CaexNode | null = partner ?? null; p; p = p.parent) {
            if (p.tag === "InternalElement" && kindOf(model, p) !== null) {
              child = p;
              break;
            }
          }
        }
        if (child === undefined) throw at(i, `twin ${device}: child endpoint ${name(model, i)} is not linked to a child twin's API endpoint`);
        t.children.push({ part, device: attrValue(model, child, "Device") ?? name(model, child), element: child });
      }
    }
    out.push(t);
  }
  return out;
}

function positiveInt(s: string | undefined, err: () => Error): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw err();
  return n;
}

function positiveNumber(s: string | undefined, err: () => Error): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!Number.isFinite(n) || n <= 0) throw err();
  return n;
}
