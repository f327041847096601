// Damped complex modal analysis of a rotor at speed Ω: (λ²M + λ(C + ΩG) + K) φ = 0.
// Small models use the dense state-matrix eigensolver, large ones shift-invert Arnoldi; both report
// the same modes (test/rotor-modal.test.ts compares them).
import { RotorModel } from "./model";
import { assembleRotor, RotorSystem } from "./assemble";
import { ModalResult } from "./modal-result";
import { modalDense } from "./modal-dense";
import { modalShiftInvert } from "./modal-shift";
import { bandOrder } from "./assemble";

/**
 * State dimension 2n up to which the dense solver is used. Above it the O((2n)³) Hessenberg QR
 * costs more than Arnoldi on the banded shift-invert operator: measured here (V8, 12 modes at
 * 300 rad/s), 2n = 104: dense 41 ms, shift-invert 129 ms; 2n = 208: 251 ms vs 229 ms;
 * 2n = 408: 1.5-2.1 s vs 0.36 s.
 */
export const DENSE_MAX_STATE: i32 = 200;

export const SOLVER_AUTO: i32 = 0;
export const SOLVER_DENSE: i32 = 1;
export const SOLVER_SHIFT_INVERT: i32 = 2;

export function modalOfSystem(model: RotorModel, sys: RotorSystem, speed: f64, nModes: i32, solver: i32): ModalResult | null {
  const useDense = solver == SOLVER_DENSE || (solver == SOLVER_AUTO && 2 * sys.n <= DENSE_MAX_STATE);
  return useDense ? modalDense(sys, speed, nModes) : modalShiftInvert(sys, speed, nModes, bandOrder(model));
}

/** Assembles the model at `speed` (bearing coefficients at that speed) and computes its modes. */
export function modalAnalysis(model: RotorModel, speed: f64, nModes: i32, solver: i32 = SOLVER_AUTO): ModalResult | null {
  return modalOfSystem(model, assembleRotor(model, speed), speed, nModes, solver);
}

/**
 * Mode `m`'s translations per shaft node, [re x, im x, re y, im y] per node, divided by the complex
 * component of largest modulus (so that component is 1 + 0i: a unique scale and phase for plots).
 */
export function modeShapeXY(res: ModalResult, m: i32, nNodes: i32): StaticArray<f64> {
  const vr = unchecked(res.shapeRe[m]), vi = unchecked(res.shapeIm[m]);
  let pr = 0.0, pi = 0.0, pmax = -1.0;
  for (let i = 0; i < nNodes; i++) {
    for (let d = 0; d < 2; d++) {
      const k = 4 * i + d;
      const a = Math.hypot(unchecked(vr[k]), unchecked(vi[k]));
      if (a > pmax) {
        pmax = a;
        pr = unchecked(vr[k]);
        pi = unchecked(vi[k]);
      }
    }
  }
  const out = new StaticArray<f64>(4 * nNodes);
  const den = pr * pr + pi * pi;
  for (let i = 0; i < nNodes; i++) {
    for (let d = 0; d < 2; d++) {
      const k = 4 * i + d;
      const a = unchecked(vr[k]), b = unchecked(vi[k]);
      // (a + ib) / (pr + i pi)
      unchecked((out[4 * i + 2 * d] = den > 0.0 ? (a * pr + b * pi) / den : 0.0));
      unchecked((out[4 * i + 2 * d + 1] = den > 0.0 ? (b * pr - a * pi) / den : 0.0));
    }
  }
  return out;
}
