// The simulated rig, the "truth" of a virtual-sensing study and the source of the operating-state
// recordings: the full finite-element model integrated from rest by the core's Newmark scheme
// (assembly/rotor/newmark.ts, the integrator of `rotorTime`) with the unbalance forces
// m e Ω² [cos(Ωt + φ), sin(Ωt + φ)], at a step `substeps` times finer than the sampling interval,
// dt = 1/(fs·substeps), sampled at fs: sample j of the recording is the state after
// (pre + j)·substeps steps, i.e. at t = (pre + j)/fs since the start from rest.
import { setError, ERR_NO_CONVERGENCE } from "../errors";
import { RotorModel } from "../rotor/model";
import { Newmark } from "../rotor/newmark";
import { UnbalanceSet } from "../rotor/unbalance";
import { DofList } from "./request";

export class Recording {
  /** per place: displacement (m) and acceleration (m/s²) at each recorded sample */
  disp: StaticArray<StaticArray<f64>>;
  acc: StaticArray<StaticArray<f64>>;

  constructor(places: i32, samples: i32) {
    this.disp = new StaticArray<StaticArray<f64>>(places);
    this.acc = new StaticArray<StaticArray<f64>>(places);
    for (let p = 0; p < places; p++) {
      unchecked((this.disp[p] = new StaticArray<f64>(samples)));
      unchecked((this.acc[p] = new StaticArray<f64>(samples)));
    }
  }
}

/**
 * Records `samples` samples at fs after `pre` unrecorded ones, at the given places. Null with the
 * integrator's error (singular matrices), or code 4 (detail: the sample) if the response is not finite.
 */
export function simulate(model: RotorModel, speed: f64, unb: UnbalanceSet, fs: f64, samples: i32, pre: i32, substeps: i32, places: DofList): Recording | null {
  const dt = 1.0 / (fs * <f64>substeps);
  const nm = Newmark.create(model, speed, dt, unb);
  if (nm === null) return null;
  const np = places.length;
  const rec = new Recording(np, samples);
  for (let j = 0; j < samples; j++) {
    const target = (pre + j) * substeps;
    while (nm.step_ < target) nm.step();
    for (let p = 0; p < np; p++) {
      const d = unchecked(places.dof[p]);
      const u = nm.disp(d), a = nm.acc(d);
      if (!isFinite(u) || !isFinite(a)) {
        setError(ERR_NO_CONVERGENCE, <f64>j);
        return null;
      }
      unchecked((rec.disp[p][j] = u));
      unchecked((rec.acc[p][j] = a));
    }
  }
  return rec;
}
