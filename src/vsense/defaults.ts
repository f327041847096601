// Defaults of a virtual-sensing study that the host fills into the request. The default sensor and
// estimate places (bearings; disks and mid-span) are chosen by the core from the decoded model
// (assembly/vsense/places.ts): the host sends an empty list for them.
import type { UnbalanceMass } from "../rotor/core.js";
import type { RotorModel } from "../rotor/model.js";

/** Unbalance assumed when none is given: 1e-4 kg m at phase 0 on the first disk. */
export const DEFAULT_UNBALANCE_MAGNITUDE = 1e-4;

/** The unbalance assumed when none is given: 1e-4 kg m at phase 0 on the first disk (null without a disk). */
export function defaultUnbalance(model: RotorModel): UnbalanceMass[] | null {
  const d = model.disks?.[0];
  return d === undefined ? null : [{ node: d.node, magnitude: DEFAULT_UNBALANCE_MAGNITUDE, phase: 0 }];
}

/** Options of a run, as the command line gives them (the core derives everything else). */
export const VS_DEFAULTS = {
  speedRpm: 1200,
  noise: 0.01,
  modes: 8,
  fs: 2000,
  tEnd: 2,
  tPre: 1,
  discard: 0.5,
  seed: 1,
  modelError: 0.01,
  substeps: 4,
};
