// Translational degrees of freedom named "NODE:DIR" (DIR x or y), the places where sensors sit or
// where a virtual sensor estimates the response. NODE is a shaft node or a pedestal node (the moving
// bearing housing of the reference rig carries its accelerometers), numbered as in docs/rotor.md:
// shaft nodes 0 … N − 1, then pedestal nodes N, N + 1, … in the order of the bearings that carry a
// pedestal (src/rotor/nodes.ts). The time response lists x_k, y_k for every node in that order.
import { UsageError } from "../io/args.js";
import type { NodeNumbering } from "../rotor/nodes.js";

export type Dir = "x" | "y";

export interface Dof {
  node: number;
  dir: Dir;
}

/** Index in the model's DOF vector: 4 per shaft node, then 2 per pedestal in `pedestals[]` order. */
export function dofIndex(d: Dof, nodes: NodeNumbering): number {
  return nodes.dofIndex(d.node, d.dir);
}

/** Column of the time response (x_0, y_0, x_1, ...: 2 per node, shaft nodes then pedestal nodes). */
export function responseColumn(d: Dof): number {
  return 2 * d.node + (d.dir === "x" ? 0 : 1);
}

export function dofName(d: Dof): string {
  return `${d.node}:${d.dir}`;
}

/** "1:x,1:y,10:x" (each item NODE:DIR); `what` names the option in messages. */
export function parseDofList(text: string, nodes: NodeNumbering, what: string): Dof[] {
  const items = text.split(",").map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === "")) throw new UsageError(`${what}: expected NODE:DIR,..., got ${JSON.stringify(text)}`);
  const out: Dof[] = [];
  items.forEach((item, i) => {
    const where = `${what} ${JSON.stringify(text)}${items.length > 1 ? ` (item ${i + 1}, ${item})` : ""}`;
    const m = /^(\d+):([xy])$/.exec(item);
    if (m === null) throw new UsageError(`${where}: expected NODE:DIR with DIR x or y`);
    const node = nodes.check(Number(m[1]), where);
    const d: Dof = { node, dir: m[2] as Dir };
    if (out.some((o) => o.node === d.node && o.dir === d.dir)) throw new UsageError(`${where}: ${item} is listed twice`);
    out.push(d);
  });
  return out;
}

/** Every x and y DOF of the given nodes. */
export function bothDirections(nodes: number[]): Dof[] {
  return nodes.flatMap((node) => [
    { node, dir: "x" as const },
    { node, dir: "y" as const },
  ]);
}
