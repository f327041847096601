// Packing samples into flat typed arrays, and the per-subgroup statistics every variables chart
// starts from (mean, range, standard deviation), computed in one pass per subgroup in input order.
import type { CountData, CountSample, Subgroup, SubgroupData } from "./types.js";

export function packSubgroups(groups: readonly Subgroup[]): SubgroupData {
  const offsets = new Int32Array(groups.length + 1);
  let total = 0;
  for (let i = 0; i < groups.length; i++) {
    total += groups[i]!.values.length;
    offsets[i + 1] = total;
  }
  const values = new Float64Array(total);
  for (let i = 0; i < groups.length; i++) values.set(groups[i]!.values, offsets[i]!);
  return { labels: groups.map((g) => g.label), offsets, values };
}

/** Individual values as subgroups of one. */
export function individuals(values: Float64Array, labels?: string[]): SubgroupData {
  const offsets = new Int32Array(values.length + 1);
  for (let i = 0; i <= values.length; i++) offsets[i] = i;
  return labels ? { labels, offsets, values } : { offsets, values };
}

/** Consecutive subgroups of `n` from a flat series (row-major matrix m × n); a partial tail is dropped. */
export function equalSubgroups(values: Float64Array, n: number, labels?: string[]): SubgroupData {
  const m = Math.floor(values.length / n);
  const offsets = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) offsets[i] = i * n;
  const v = values.length === m * n ? values : values.subarray(0, m * n);
  return labels ? { labels, offsets, values: v } : { offsets, values: v };
}

export function packCounts(samples: readonly CountSample[]): CountData {
  const n = new Float64Array(samples.length);
  const counts = new Float64Array(samples.length);
  samples.forEach((s, i) => {
    n[i] = s.n;
    counts[i] = s.count;
  });
  return { labels: samples.map((s) => s.label), n, counts };
}

export function subgroupCount(d: SubgroupData): number {
  return d.offsets.length - 1;
}

/** Per-subgroup size, mean, range and sample standard deviation (NaN for n = 1). */
export interface SubgroupStats {
  sizes: Float64Array;
  means: Float64Array;
  ranges: Float64Array;
  sds: Float64Array;
  /** the common subgroup size, or 0 when sizes differ */
  equalSize: number;
}

/** `withSd` false skips the second pass (R charts need no standard deviations; sds are then NaN). */
export function subgroupStats(d: SubgroupData, withSd = true): SubgroupStats {
  const m = subgroupCount(d);
  const { offsets, values } = d;
  const sizes = new Float64Array(m);
  const means = new Float64Array(m);
  const ranges = new Float64Array(m);
  const sds = new Float64Array(m);
  let equal = m > 0 ? offsets[1]! - offsets[0]! : 0;
  for (let i = 0; i < m; i++) {
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    const n = b - a;
    if (n !== equal) equal = 0;
    let sum = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = a; j < b; j++) {
      const x = values[j]!;
      sum += x;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const mean = sum / n;
    sizes[i] = n;
    means[i] = mean;
    ranges[i] = hi - lo;
    if (!withSd || n < 2) {
      sds[i] = NaN;
      continue;
    }
    // two-pass variance (no cancellation for large means)
    let ss = 0;
    for (let j = a; j < b; j++) {
      const e = values[j]! - mean;
      ss += e * e;
    }
    sds[i] = Math.sqrt(ss / (n - 1));
  }
  return { sizes, means, ranges, sds, equalSize: equal };
}
