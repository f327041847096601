// Sensor placement on a rotor model: the target modes are the lowest undamped modes of the reduced
// model at the operating speed (the basis the virtual sensor itself uses), restricted to the
// candidate DOFs; then Effective Independence (placement.ts) picks the sensors.
import { Core } from "../core/core.js";
import { RotorCore } from "../rotor/core.js";
import type { RotorModel } from "../rotor/model.js";
import { NodeNumbering } from "../rotor/nodes.js";
import { pickRows } from "./dense.js";
import { type Dof, dofIndex } from "./dofs.js";
import { modalBasis } from "./filter-model.js";
import { effectiveIndependence, type Placement, type PlacementMethod } from "./placement.js";

export interface PlaceOptions {
  /** rad/s */
  speed: number;
  /** target modes */
  modes: number;
  count: number;
  candidates: Dof[];
  method: PlacementMethod;
}

export interface PlaceResult {
  sensors: Dof[];
  placement: Placement;
  /** natural frequencies of the target modes, Hz */
  wn_hz: number[];
}

export function placeSensors(model: RotorModel, o: PlaceOptions, core: Core = Core.default()): PlaceResult {
  const rotor = RotorCore.load(model, core);
  let basis;
  try {
    // the sample time only matters for the discrete matrices, which are not used here
    basis = modalBasis(rotor, o.speed, o.modes, 1e-3);
  } finally {
    rotor.free();
  }
  const nodes = new NodeNumbering(model);
  const phi = pickRows(basis.Phi, o.candidates.map((d) => dofIndex(d, nodes)));
  const placement = effectiveIndependence(core, phi, basis.wn, o.count, o.method);
  return { sensors: placement.chosen.map((i) => o.candidates[i]!), placement, wn_hz: basis.wn.map((w) => w / (2 * Math.PI)) };
}
