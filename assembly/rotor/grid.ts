// A grid of speeds or frequencies in a job request (assembly/ABI.md, "Rotor jobs", "Grid"): a list as
// written, or a range `start:stop:step` expanded here, so the request holds what the user typed and
// the values every computation uses come from the core.
import { Reader } from "./reader";

export const GRID_LIST: i32 = 0;
export const GRID_RANGE: i32 = 1;
/** Most values a grid may have (a typo like 0:1e9:1 must not exhaust memory). */
export const MAX_GRID_POINTS: i32 = 1000000;
/** A range includes its stop when it lies on the grid to this fraction of a step. */
export const RANGE_STOP_SLACK: f64 = 1e-9;

/**
 * Reads the grid at index i of the request; r.end is the index after it. List: `0, n, v_0 … v_{n−1}`,
 * 1 ≤ n ≤ 10^6, every v ≥ 0. Range: `1, start, stop, step` with 0 ≤ start ≤ stop, step > 0:
 * count = floor((stop − start)/step + 1e-9) + 1 ≤ 10^6 values start + k·step (k = 0 … count − 1, each
 * from k, not accumulated). Errors: code 1 or 5 with the index of the value (a too long range: the
 * index of its step).
 */
export function readGrid(r: Reader, i: i32): StaticArray<f64> {
  const kind = r.int(i, GRID_LIST, GRID_RANGE);
  if (!r.ok) return new StaticArray<f64>(0);
  if (kind == GRID_LIST) {
    const n = r.int(i + 1, 1, MAX_GRID_POINTS);
    if (!r.ok) return new StaticArray<f64>(0);
    const out = new StaticArray<f64>(n);
    for (let k = 0; k < n; k++) unchecked((out[k] = r.min(i + 2 + k, 0.0, false)));
    r.end = i + 2 + n;
    return out;
  }
  const start = r.min(i + 1, 0.0, false);
  const stop = r.min(i + 2, 0.0, false);
  r.require(stop >= start, i + 2);
  const step = r.min(i + 3, 0.0, true);
  if (!r.ok) return new StaticArray<f64>(0);
  const count = Math.floor((stop - start) / step + RANGE_STOP_SLACK) + 1;
  r.require(count <= <f64>MAX_GRID_POINTS, i + 3);
  if (!r.ok) return new StaticArray<f64>(0);
  const n = <i32>count;
  const out = new StaticArray<f64>(n);
  for (let k = 0; k < n; k++) unchecked((out[k] = start + <f64>k * step));
  r.end = i + 4;
  return out;
}
