// Translational shaft degrees of freedom named "NODE:DIR" (DIR x or y), the places where sensors sit
// or where a virtual sensor estimates the response. DOF numbering of assembly/ABI.md: node i has
// 4i + [x, y, rotation about x, rotation about y]; the time response lists x_i, y_i per node.
import { UsageError } from "../io/args.js";

export type Dir = "x" | "y";

export interface Dof {
  node: number;
  dir: Dir;
}

/** Index in the model's DOF vector (4 per node). */
export function dofIndex(d: Dof): number {
  return 4 * d.node + (d.dir === "x" ? 0 : 1);
}

/** Column of the time response (x_0, y_0, x_1, ...: 2 per node). */
export function responseColumn(d: Dof): number {
  return 2 * d.node + (d.dir === "x" ? 0 : 1);
}

export function dofName(d: Dof): string {
  return `${d.node}:${d.dir}`;
}

/** "1:x,1:y,10:x" (each item NODE:DIR); `what` names the option in messages. */
export function parseDofList(text: string, nodes: number, what: string): Dof[] {
  const items = text.split(",").map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === "")) throw new UsageError(`${what}: expected NODE:DIR,..., got ${JSON.stringify(text)}`);
  const out: Dof[] = [];
  for (const item of items) {
    const m = /^(\d+):([xy])$/.exec(item);
    if (m === null) throw new UsageError(`${what}: expected NODE:DIR with DIR x or y, got ${JSON.stringify(item)}`);
    const node = Number(m[1]);
    if (node >= nodes) throw new UsageError(`${what}: node ${node} does not exist (nodes 0..${nodes - 1})`);
    const d: Dof = { node, dir: m[2] as Dir };
    if (out.some((o) => o.node === d.node && o.dir === d.dir)) throw new UsageError(`${what}: ${item} is listed twice`);
    out.push(d);
  }
  return out;
}

/** Every x and y DOF of the given nodes. */
export function bothDirections(nodes: number[]): Dof[] {
  return nodes.flatMap((node) => [
    { node, dir: "x" as const },
    { node, dir: "y" as const },
  ]);
}
