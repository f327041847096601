// Phase I (trial limits from a base period, optionally revised by dropping the base-period samples
// beyond the limits and re-estimating until none is: Montgomery 7th ed. §6.2.1 "Revision of control
// limits") and phase II (later samples monitored against the frozen limits).
import type { ChartSeries } from "./types.js";
import { SpcInputError } from "./types.js";

/** 1-based inclusive sample range `a:b` (or `b` for 1:b), checked against the sample count. */
export function resolvePhase1(range: [number, number] | undefined, m: number): [number, number] {
  if (range === undefined) return [1, m];
  const [a, b] = range;
  if (!(Number.isInteger(a) && Number.isInteger(b) && a >= 1 && b >= a)) throw new SpcInputError(`phase I range ${a}:${b} is not a range of sample numbers`);
  if (b > m) throw new SpcInputError(`phase I range ${a}:${b} goes beyond the last sample (${m})`);
  return [a, b];
}

/** Mask of the samples that estimate the limits (1 = used). */
export function phase1Mask(m: number, range: [number, number]): Uint8Array {
  const mask = new Uint8Array(m);
  mask.fill(1, range[0] - 1, range[1]);
  return mask;
}

export interface Phased<P, R> {
  params: P;
  result: R;
  excluded: number[];
}

/**
 * Estimates, builds, and (with `revise`) drops the included samples that `outOf` reports beyond
 * the limits, repeating until none is left; at least `minIncluded` samples must remain.
 */
export function runPhases<P, R>(
  mask: Uint8Array,
  revise: boolean,
  minIncluded: number,
  estimate: (included: Uint8Array) => P,
  build: (params: P) => R,
  outOf: (result: R) => number[],
): Phased<P, R> {
  const excluded: number[] = [];
  for (;;) {
    let count = 0;
    for (let i = 0; i < mask.length; i++) count += mask[i]!;
    if (count < minIncluded) throw new SpcInputError(`phase I has ${count} usable sample${count === 1 ? "" : "s"}, at least ${minIncluded} needed`);
    const params = estimate(mask);
    const result = build(params);
    if (!revise) return { params, result, excluded };
    const drop = outOf(result).filter((s) => mask[s - 1] === 1);
    if (drop.length === 0) return { params, result, excluded };
    for (const s of drop) {
      mask[s - 1] = 0;
      excluded.push(s);
    }
  }
}

/** Allocates a series of m points numbered first, first+1, ... */
export function newSeries(kind: string, m: number, first = 1): ChartSeries {
  const samples = new Int32Array(m);
  for (let i = 0; i < m; i++) samples[i] = first + i; // the point numbers: 1..m (2..m for MR)
  return {
    kind,
    samples,
    stats: new Float64Array(m),
    center: new Float64Array(m),
    se: new Float64Array(m),
    lcl: new Float64Array(m),
    ucl: new Float64Array(m),
  };
}
