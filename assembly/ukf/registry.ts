// Filters the host holds by handle (1, 2, ...), and their construction from the ukfCreate arguments.
import { setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { Ukf, OPT_SQRT, OPT_STRICT, OPT_SYMMETRISE } from "./filter";
import { SigmaWeights, POINTS_MERWE, POINTS_JULIER } from "./sigma";
import { makeProcess, makeMeasurement, processParamCount, measurementParamCount } from "./models";

/** Largest n, m, nu accepted (workspaces grow as n^2; 4096 states is far beyond a UKF's use). */
export const MAX_DIM: i32 = 4096;

const filters = new Map<i32, Ukf>();
let nextHandle: i32 = 1;

/**
 * A new filter, or null with the error set. Argument positions for error details: 0 n, 1 m, 2 nu,
 * 3 points, 4 alpha, 5 beta, 6 kappa, 7 fxKind, 8 hxKind, 9 params, 10 options; a parameter fault
 * gives its index in the params buffer instead.
 */
export function buildUkf(
  n: i32, m: i32, nu: i32, points: i32, alpha: f64, beta: f64, kappa: f64,
  fxKind: i32, hxKind: i32, params: StaticArray<f64>, options: i32,
): Ukf | null {
  if (n < 1 || n > MAX_DIM) return bad(0);
  if (m < 1 || m > MAX_DIM) return bad(1);
  if (nu < 0 || nu > MAX_DIM) return bad(2);
  if (points != POINTS_MERWE && points != POINTS_JULIER) return bad(3);
  if (!isFinite(alpha)) return nan(4);
  if (!isFinite(beta)) return nan(5);
  if (!isFinite(kappa)) return nan(6);
  if (options < 0 || options > (OPT_SQRT | OPT_STRICT | OPT_SYMMETRISE)) return bad(10);
  let w: SigmaWeights | null;
  if (points == POINTS_MERWE) {
    if (!(alpha > 0.0)) return bad(4);
    w = SigmaWeights.merwe(n, alpha, beta, kappa);
  } else {
    w = SigmaWeights.julier(n, kappa);
  }
  if (w == null) return bad(6); // n + lambda <= 0: no real sigma points
  const pc = processParamCount(fxKind, n, nu);
  if (pc < 0) return bad(7);
  const mc = measurementParamCount(hxKind, n, m, nu);
  if (mc < 0) return bad(8);
  if (params.length < pc + mc) {
    setError(ERR_INVALID_INPUT, <f64>params.length);
    return null;
  }
  const fx = makeProcess(fxKind, n, nu, params, 0, 7);
  if (fx == null) return null;
  const hx = makeMeasurement(hxKind, n, m, nu, params, pc, 8);
  if (hx == null) return null;
  return new Ukf(n, m, nu, w, fx, hx, options);
}

function bad(pos: i32): Ukf | null {
  setError(ERR_INVALID_INPUT, <f64>pos);
  return null;
}

function nan(pos: i32): Ukf | null {
  setError(ERR_NAN_INPUT, <f64>pos);
  return null;
}

export function registerUkf(f: Ukf): i32 {
  const h = nextHandle++;
  filters.set(h, f);
  return h;
}

/** The filter behind a handle, or null with ERR_BAD_HANDLE (detail: the handle). */
export function getUkf(h: i32): Ukf | null {
  if (!filters.has(h)) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return null;
  }
  return filters.get(h);
}

export function freeUkf(h: i32): void {
  if (filters.has(h)) filters.delete(h);
}
