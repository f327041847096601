// Node numbers as the user writes them (docs/rotor.md, "Node numbering"; assembly/ABI.md, "Response
// nodes"): shaft nodes 0 … N − 1 (N = shaft elements + 1), then one node per pedestal, N, N + 1, …,
// in the order of the bearings in `bearings[]` that carry a pedestal. This is ROSS's numbering
// (petrobras/ross, ross/rotor_assembly.py: a bearing's `n_link` node is an extra node whose x, y
// follow every shaft DOF in node-number order; ross/results.py reads node k ≥ N at
// N·ndof + (k − N)·ndof/2), with the link nodes numbered from N up in bearing order as ROSS's own
// examples do (ross/tests/test_rotor_assembly.py: BearingElement(0, n_link=7), BearingElement(6,
// n_link=8) on a 7-node shaft), so a probe written for a ROSS model reads the same place here.
// A pedestal node's number is not its place in `pedestals[]`: that place (p) fixes its DOFs in the
// core, 4N + 2p (x) and 4N + 2p + 1 (y).
import { ArgumentError } from "../errors.js";
import type { RotorModel } from "./model.js";

/** A pedestal node and the pedestal and bearing it belongs to. */
export interface PedestalNode {
  /** user-facing node number, N + j */
  node: number;
  /** index in `pedestals[]` */
  pedestal: number;
  /** index in `bearings[]` of the bearing it carries */
  bearing: number;
  /** the shaft node of that bearing */
  bearingNode: number;
}

/** A lateral direction. */
export type Lateral = "x" | "y";

/** The node numbering of a model (docs/rotor.md, "Node numbering"): shaft nodes 0 … N − 1, then one node per pedestal in bearing order. */
export class NodeNumbering {
  /** shaft nodes N */
  readonly shaftNodes: number;
  /** pedestal nodes in node order (node N + j at index j) */
  readonly pedestals: PedestalNode[];

  constructor(model: Pick<RotorModel, "shaft" | "bearings" | "pedestals">) {
    this.shaftNodes = model.shaft.length + 1;
    const peds = model.pedestals ?? [];
    const byBearing = new Map<number, number>();
    peds.forEach((p, i) => byBearing.set(p.bearing, i));
    const out: PedestalNode[] = [];
    model.bearings.forEach((b, bi) => {
      const p = byBearing.get(bi);
      if (p !== undefined) out.push({ node: this.shaftNodes + out.length, pedestal: p, bearing: bi, bearingNode: b.node });
    });
    this.pedestals = out;
  }

  /** shaft nodes + pedestal nodes: the nodes a probe, sensor or time-response column can name */
  get count(): number {
    return this.shaftNodes + this.pedestals.length;
  }

  /** model DOFs: 4 per shaft node, 2 per pedestal */
  get dof(): number {
    return 4 * this.shaftNodes + 2 * this.pedestals.length;
  }

  /** Whether `node` is a shaft node (not a pedestal node). */
  isShaft(node: number): boolean {
    return Number.isInteger(node) && node >= 0 && node < this.shaftNodes;
  }

  /** the pedestal node `node`, or undefined if it is a shaft node or does not exist */
  pedestal(node: number): PedestalNode | undefined {
    return Number.isInteger(node) ? this.pedestals[node - this.shaftNodes] : undefined;
  }

  /** index in the model's DOF vector of a node's x or y (throws RangeError for a node that does not exist) */
  dofIndex(node: number, dir: Lateral): number {
    const off = dir === "x" ? 0 : 1;
    if (this.isShaft(node)) return 4 * node + off;
    const p = this.pedestal(node);
    if (p === undefined) throw new RangeError(`node ${node} does not exist (${this.validNodes()})`);
    return 4 * this.shaftNodes + 2 * p.pedestal + off;
  }

  /** "shaft nodes 0..6, pedestal nodes 7..8" */
  validNodes(): string {
    const n = this.shaftNodes, np = this.pedestals.length;
    const shaft = `shaft nodes 0..${n - 1}`;
    if (np === 0) return `${shaft}; the model has no pedestals`;
    return np === 1 ? `${shaft}, pedestal node ${n}` : `${shaft}, pedestal nodes ${n}..${n + np - 1}`;
  }

  /** "pedestal node 7 (pedestals[1], under bearings[0] at shaft node 0)" */
  describe(node: number): string {
    const p = this.pedestal(node);
    if (p !== undefined) return `pedestal node ${node} (pedestals[${p.pedestal}], under bearings[${p.bearing}] at shaft node ${p.bearingNode})`;
    return this.isShaft(node) ? `shaft node ${node}` : `node ${node}`;
  }

  /** "node 7 (pedestal, bearings[0])" or "node 3": a short label for tables */
  label(node: number): string {
    const p = this.pedestal(node);
    return p !== undefined ? `node ${node} (pedestal, bearings[${p.bearing}])` : `node ${node}`;
  }

  /**
   * Checks a node named on the command line: `what` locates it (the option and its value, e.g.
   * `--probe "9:x"`). ArgumentError naming the valid range when it does not exist; with `shaftOnly`,
   * also when it is a pedestal node (an unbalance sits on the shaft).
   */
  check(node: number, what: string, shaftOnly = false): number {
    if (this.isShaft(node)) return node;
    const p = this.pedestal(node);
    if (p === undefined) throw new ArgumentError(`${what}: node ${node} does not exist (valid: ${this.validNodes()})`, { path: what });
    if (shaftOnly) throw new ArgumentError(`${what}: ${this.describe(node)} is not on the shaft; an unbalance sits on a shaft node, 0..${this.shaftNodes - 1}`, { path: what });
    return node;
  }
}
