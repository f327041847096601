// Translational degrees of freedom named "NODE:DIR" (DIR x or y), the places where sensors sit or
// where a virtual sensor estimates the response. NODE is a shaft node or a pedestal node (the moving
// bearing housing of the reference rig carries its accelerometers), numbered as in docs/rotor.md:
// shaft nodes 0 … N − 1, then pedestal nodes N, N + 1, … in the order of the bearings that carry a
// pedestal (src/rotor/nodes.ts). In a request a place is the pair (node, dir code: 0 x, 1 y).
import { ArgumentError } from "../errors.js";
import type { NodeNumbering } from "../rotor/nodes.js";

/** A translational direction. */
export type Dir = "x" | "y";

/** A translational DOF: a shaft or pedestal node and a direction. */
export interface Dof {
  node: number;
  dir: Dir;
}

/** "NODE:DIR". */
export function dofName(d: Dof): string {
  return `${d.node}:${d.dir}`;
}

/** The same node and direction. */
export function sameDof(a: Dof, b: Dof): boolean {
  return a.node === b.node && a.dir === b.dir;
}

/** The request's direction code of a place. */
export function dirCode(d: Dir): number {
  return d === "x" ? 0 : 1;
}

/** A place from the (node, dir code) pair of a result buffer. */
export function dofFromCodes(node: number, dir: number): Dof {
  if (!Number.isInteger(node) || node < 0 || (dir !== 0 && dir !== 1)) throw new Error(`result: (${node}, ${dir}) is not a place`);
  return { node, dir: dir === 0 ? "x" : "y" };
}

/** "1:x,1:y,10:x" (each item NODE:DIR); `what` names the option in messages. */
export function parseDofList(text: string, nodes: NodeNumbering, what: string): Dof[] {
  const items = text.split(",").map((s) => s.trim());
  if (items.length === 0 || items.some((s) => s === "")) throw new ArgumentError(`${what}: expected NODE:DIR,..., got ${JSON.stringify(text)}`);
  const out: Dof[] = [];
  items.forEach((item, i) => {
    const where = `${what} ${JSON.stringify(text)}${items.length > 1 ? ` (item ${i + 1}, ${item})` : ""}`;
    const m = /^(\d+):([xy])$/.exec(item);
    if (m === null) throw new ArgumentError(`${where}: expected NODE:DIR with DIR x or y`);
    const node = nodes.check(Number(m[1]), where);
    const d: Dof = { node, dir: m[2] as Dir };
    if (out.some((o) => sameDof(o, d))) throw new ArgumentError(`${where}: ${item} is listed twice`);
    out.push(d);
  });
  return out;
}
