// Default sensor and estimate locations of a virtual-sensing study, read off the model: accelerometers
// on the bearings (as on the reference rig), estimates at the disks and at the node(s) nearest the
// middle of the bearing span (where a flexible rotor's first bending mode peaks), and a small
// unbalance on the first disk.
import type { UnbalanceMass } from "../rotor/core.js";
import type { RotorModel } from "../rotor/model.js";
import { bothDirections, type Dof } from "./dofs.js";

/** Axial position of every node (m). */
export function nodePositions(model: RotorModel): number[] {
  const z = [0];
  for (const e of model.shaft) z.push(z[z.length - 1]! + e.L);
  return z;
}

/** x and y of every bearing node. */
export function defaultSensors(model: RotorModel): Dof[] {
  return bothDirections([...new Set(model.bearings.map((b) => b.node))].sort((p, q) => p - q));
}

/** The node(s) nearest the middle of the span between the outermost bearings (two when equidistant). */
export function midSpanNodes(model: RotorModel): number[] {
  const z = nodePositions(model);
  const bn = model.bearings.map((b) => b.node);
  const mid = (z[Math.min(...bn)]! + z[Math.max(...bn)]!) / 2;
  const dist = z.map((x) => Math.abs(x - mid));
  const best = Math.min(...dist);
  // equidistant within rounding of the summed element lengths
  return dist.flatMap((d, i) => (d <= best + 1e-9 * (z[z.length - 1]! || 1) ? [i] : []));
}

/** Disk nodes and mid-span nodes, x and y, except the DOFs in `exclude`. */
export function defaultEstimates(model: RotorModel, exclude: Dof[]): Dof[] {
  const nodes = [...new Set([...(model.disks ?? []).map((d) => d.node), ...midSpanNodes(model)])].sort((p, q) => p - q);
  return bothDirections(nodes).filter((d) => !exclude.some((e) => e.node === d.node && e.dir === d.dir));
}

/** Unbalance assumed when none is given: 1e-4 kg m at phase 0 on the first disk. */
export const DEFAULT_UNBALANCE_MAGNITUDE = 1e-4;

export function defaultUnbalance(model: RotorModel): UnbalanceMass[] | null {
  const d = model.disks?.[0];
  return d === undefined ? null : [{ node: d.node, magnitude: DEFAULT_UNBALANCE_MAGNITUDE, phase: 0 }];
}
