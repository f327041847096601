// selfcheckRotor: a built-in rotor computation whose output bits any engine can hash with no host
// (DESIGN.md, "The numerical core in WebAssembly"; hash rule in assembly/ABI.md, "Self-checks").
// The model is the example rotor of ROSS (petrobras/ross, rotor_assembly.py `rotor_example`: 6
// Timoshenko elements of 0.25 m, od 0.05 m, steel E 211 GPa, G 81.2 GPa, ρ 7810 kg/m³, disks at
// nodes 2 and 4, bearings kxx 1e6, kyy 8e5 N/m at nodes 0 and 6) with Rayleigh stiffness damping
// β = 1e-4 s added so that the log decrements are not rounding noise. Hashed, in order:
//   1. modes at 100 rad/s by the dense solver, 8 modes: wn, wd, logdec, whirl each;
//   2. the same by the shift-invert solver;
//   3. 200 Newmark steps (dt = 1e-4 s, 100 rad/s, unbalance 1e-3 kg m at node 2, phase 0) from rest:
//      after each step, x and y of every node.
import { Hasher } from "../hash";
import { decodeRotorModel, RotorModel, HEADER, ELEMENT_STRIDE, DISK_STRIDE, BEARING_ROW } from "./model";
import { assembleRotor, bandOrder } from "./assemble";
import { ModalResult } from "./modal-result";
import { modalDense } from "./modal-dense";
import { modalShiftInvert } from "./modal-shift";
import { Newmark } from "./newmark";
import { UnbalanceSet } from "./unbalance";

const N_ELEMENTS: i32 = 6;
const DISK_M: f64 = 32.58972765304033;
const DISK_ID: f64 = 0.17808928257067666;
const DISK_IP: f64 = 0.32956362089137037;
const BETA: f64 = 1e-4;
const SPEED: f64 = 100.0;
const MODES: i32 = 8;
const STEPS: i32 = 200;
const DT: f64 = 1e-4;

/** The flat description (assembly/ABI.md, "Rotor model description") of the self-check rotor. */
export function selfcheckDescription(): StaticArray<f64> {
  const len = HEADER + N_ELEMENTS * ELEMENT_STRIDE + 2 * DISK_STRIDE + 2 * (2 + BEARING_ROW);
  const d = new StaticArray<f64>(len);
  d[0] = 1;
  d[1] = <f64>N_ELEMENTS;
  d[2] = 2;
  d[3] = 2;
  d[4] = 0;
  d[5] = 0.0; // alpha
  d[6] = BETA;
  let p = HEADER;
  for (let e = 0; e < N_ELEMENTS; e++, p += ELEMENT_STRIDE) {
    d[p] = 0.25;
    d[p + 1] = 0.05;
    d[p + 2] = 0.0;
    d[p + 3] = 0.05;
    d[p + 4] = 0.0;
    d[p + 5] = 211e9;
    d[p + 6] = 81.2e9;
    d[p + 7] = 7810.0;
    d[p + 8] = 1; // shear
    d[p + 9] = 1; // rotary inertia
    d[p + 10] = 1; // gyroscopic
  }
  for (let k = 0; k < 2; k++, p += DISK_STRIDE) {
    d[p] = <f64>(2 + 2 * k);
    d[p + 1] = DISK_M;
    d[p + 2] = DISK_ID;
    d[p + 3] = DISK_IP;
  }
  for (let k = 0; k < 2; k++) {
    d[p] = <f64>(6 * k); // node
    d[p + 1] = 1; // one speed row
    d[p + 2] = 0.0; // speed
    d[p + 3] = 1e6; // kxx
    d[p + 4] = 0.0; // kxy
    d[p + 5] = 0.0; // kyx
    d[p + 6] = 8e5; // kyy
    p += 2 + BEARING_ROW; // cxx .. cyy stay 0
  }
  return d;
}

function hashModes(h: Hasher, r: ModalResult): void {
  h.i32(r.count);
  for (let m = 0; m < r.count; m++) {
    h.f64(unchecked(r.wn[m]));
    h.f64(unchecked(r.wd[m]));
    h.f64(unchecked(r.logdec[m]));
    h.f64(unchecked(r.whirl[m]));
  }
}

/** The hash, or 0 if any part fails (a conforming engine never returns 0). */
export function selfcheckRotorHash(): i64 {
  const model: RotorModel | null = decodeRotorModel(selfcheckDescription());
  if (model === null) return 0;
  const h = new Hasher();
  const sys = assembleRotor(model, SPEED);
  const dense = modalDense(sys, SPEED, MODES);
  if (dense === null) return 0;
  hashModes(h, dense);
  const si = modalShiftInvert(sys, SPEED, MODES, bandOrder(model));
  if (si === null) return 0;
  hashModes(h, si);
  const unb = new UnbalanceSet(1);
  unb.node[0] = 2;
  unb.me[0] = 1e-3;
  unb.phase[0] = 0.0;
  const nm = Newmark.create(model, SPEED, DT, unb);
  if (nm === null) return 0;
  const nn = model.nNodes;
  for (let s = 0; s < STEPS; s++) {
    nm.step();
    for (let i = 0; i < nn; i++) {
      h.f64(nm.disp(4 * i));
      h.f64(nm.disp(4 * i + 1));
    }
  }
  return h.digest();
}
