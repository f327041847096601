// Model mismatch of a virtual-sensing study (ABI.md, "Virtual sensing"): the filter's model is the
// decoded rig model with some support parameters scaled by 1 + P/100 (e.g. bearing stiffness
// +10 %), while the simulated truth keeps the nominal ones. Applied to a decoded model in place.
import { RotorModel } from "../rotor/model";

export const MISMATCH_BEARING_K: i32 = 0;
export const MISMATCH_BEARING_C: i32 = 1;
export const MISMATCH_PEDESTAL_K: i32 = 2;
export const MISMATCH_PEDESTAL_C: i32 = 3;
export const MISMATCH_PEDESTAL_M: i32 = 4;
export const MISMATCH_CODES: i32 = 5;

/**
 * Scales, by f = 1 + percent/100: bearing-k all four stiffnesses (kxx, kxy, kyx, kyy) of every
 * bearing at every tabulated speed; bearing-c the four dampings; pedestal-k / pedestal-c the four
 * stiffnesses / dampings of every pedestal; pedestal-m every pedestal mass.
 */
export function applyMismatch(model: RotorModel, code: i32, percent: f64): void {
  const f = 1.0 + percent / 100.0;
  if (code == MISMATCH_BEARING_K || code == MISMATCH_BEARING_C) {
    const j0 = code == MISMATCH_BEARING_K ? 0 : 4;
    for (let b = 0; b < model.bearings.length; b++) {
      const t = model.bearings[b].table;
      const rows = t.length / 8;
      for (let s = 0; s < rows; s++) for (let j = j0; j < j0 + 4; j++) unchecked((t[s * 8 + j] = t[s * 8 + j] * f));
    }
    return;
  }
  for (let p = 0; p < model.pedestals.length; p++) {
    const ped = model.pedestals[p];
    if (code == MISMATCH_PEDESTAL_M) ped.m = ped.m * f;
    else if (code == MISMATCH_PEDESTAL_K) {
      ped.c.kxx = ped.c.kxx * f;
      ped.c.kxy = ped.c.kxy * f;
      ped.c.kyx = ped.c.kyx * f;
      ped.c.kyy = ped.c.kyy * f;
    } else {
      ped.c.cxx = ped.c.cxx * f;
      ped.c.cxy = ped.c.cxy * f;
      ped.c.cyx = ped.c.cyx * f;
      ped.c.cyy = ped.c.cyy * f;
    }
  }
}
