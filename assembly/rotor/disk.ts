// Rigid disk lumped at a node (Friswell, Penny, Garvey & Lees 2010, "Dynamics of Rotating Machines",
// §5.3.1; Nelson & McVaugh 1976): mass m on x and y, diametral inertia Id on both rotations, and the
// gyroscopic coupling of the rotations by the polar inertia Ip. Node DOF order [x, y, α, β]; the sign of
// G (G[α][β] = +Ip) is the shaft element's (element.ts), as in ROSS's DiskElement.
import { Disk } from "./model";
import { Mat } from "../linalg/matrix";

/** Adds the disk's mass to M and its gyroscopic matrix (per unit speed) to G. */
export function addDisk(d: Disk, M: Mat, G: Mat): void {
  const o = 4 * d.node;
  M.addAt(o, o, d.m);
  M.addAt(o + 1, o + 1, d.m);
  M.addAt(o + 2, o + 2, d.Id);
  M.addAt(o + 3, o + 3, d.Id);
  G.addAt(o + 2, o + 3, d.Ip);
  G.addAt(o + 3, o + 2, -d.Ip);
}
