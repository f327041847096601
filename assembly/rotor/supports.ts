// Bearings and pedestals of a model description: the same layout in versions 1 and 2 (assembly/ABI.md,
// "Rotor model description").
import { ERR_INVALID_INPUT } from "../errors";
import { Reader, MAX_COUNT } from "./reader";
import { RotorModel, Bearing, Pedestal, BEARING_ROW, PEDESTAL_STRIDE } from "./model";

/**
 * Reads model.bearings.length bearings and then model.pedestals.length pedestals from index p;
 * returns the index after them, or -1 (error set).
 */
export function readSupports(r: Reader, model: RotorModel, p: i32): i32 {
  const nNodes = model.nNodes;
  const nB = model.bearings.length;
  for (let b = 0; b < nB; b++) {
    const node = r.int(p, 0, nNodes - 1);
    const ns = r.int(p + 1, 1, MAX_COUNT);
    if (!r.ok) return -1;
    const br = new Bearing(node, ns);
    p += 2;
    for (let s = 0; s < ns; s++, p += BEARING_ROW) {
      const sp = r.at(p);
      if (r.ok && s > 0 && !(sp > unchecked(br.speeds[s - 1]))) r.fail(ERR_INVALID_INPUT, p);
      unchecked((br.speeds[s] = sp));
      for (let j = 0; j < 8; j++) unchecked((br.table[s * 8 + j] = r.at(p + 1 + j)));
      if (!r.ok) return -1;
    }
    unchecked((model.bearings[b] = br));
  }
  for (let q = 0; q < model.pedestals.length; q++, p += PEDESTAL_STRIDE) {
    const ped = new Pedestal();
    ped.bearing = r.int(p, 0, nB - 1);
    // a pedestal must carry mass: a massless DOF makes M singular for modal and time analysis
    ped.m = r.min(p + 1, 0.0, true);
    ped.c.kxx = r.at(p + 2);
    ped.c.kxy = r.at(p + 3);
    ped.c.kyx = r.at(p + 4);
    ped.c.kyy = r.at(p + 5);
    ped.c.cxx = r.at(p + 6);
    ped.c.cxy = r.at(p + 7);
    ped.c.cyx = r.at(p + 8);
    ped.c.cyy = r.at(p + 9);
    if (!r.ok) return -1;
    const br = unchecked(model.bearings[ped.bearing]);
    if (br.pedestal >= 0) {
      r.fail(ERR_INVALID_INPUT, p); // one pedestal per bearing
      return -1;
    }
    br.pedestal = q;
    unchecked((model.pedestals[q] = ped));
  }
  return p;
}
