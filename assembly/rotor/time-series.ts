// The rows of a time response (assembly/ABI.md, `rotorTime` and `jobRotorTime`): t, then x, y of every
// response node (shaft nodes, then pedestal nodes in bearing order), then their accelerations.
import { Newmark } from "./newmark";

/** Largest number of result values a time response may have (2^26 f64 = 512 MiB). */
export const MAX_TIME_VALUES: f64 = <f64>(1 << 26);

/** Number of rows t = 0, dt, …: round(tEnd / dt) + 1 (as an f64: the caller checks its size). */
export function timeRowCount(tEnd: f64, dt: f64): f64 {
  return Math.round(tEnd / dt) + 1;
}

/**
 * Integrates `rows` − 1 steps from the integrator's initial state and writes each row at out[o0 + r·stride],
 * stride = 1 + 2·dofs.length·(withAcc ? 2 : 1): t = r·dt, x and y displacement of each response node
 * (x DOF dofs[i], y DOF dofs[i] + 1), then with `withAcc` the same for the accelerations.
 */
export function writeTimeRows(nm: Newmark, dofs: StaticArray<i32>, rows: i32, dt: f64, withAcc: bool, out: StaticArray<f64>, o0: i32): void {
  const nn = dofs.length;
  const stride = 1 + 2 * nn * (withAcc ? 2 : 1);
  for (let r = 0; r < rows; r++) {
    if (r > 0) nm.step();
    let o = o0 + r * stride;
    unchecked((out[o++] = <f64>r * dt));
    for (let i = 0; i < nn; i++) {
      const d = unchecked(dofs[i]);
      unchecked((out[o++] = nm.disp(d)));
      unchecked((out[o++] = nm.disp(d + 1)));
    }
    if (withAcc) {
      for (let i = 0; i < nn; i++) {
        const d = unchecked(dofs[i]);
        unchecked((out[o++] = nm.acc(d)));
        unchecked((out[o++] = nm.acc(d + 1)));
      }
    }
  }
}
