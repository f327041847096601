// What the time-weighted charts (EWMA, CUSUM) monitor: individual values, or subgroup means with
// σ within from R-bar/d2 (shared/spec/spc.md), and the phase-I estimate of centre and σ.
import { subgroupCount, subgroupStats, type SubgroupStats } from "./data.js";
import type { ChartOptions } from "./options.js";
import type { ProcessParams, SubgroupData } from "./types.js";
import { SpcInputError } from "./types.js";
import { grandMean, individualsSigma, maskedMean, withinSigma } from "./variables.js";

export interface Monitored {
  /** the monitored value per sample: the observation or the subgroup mean */
  values: Float64Array;
  sizes: Float64Array;
  individual: boolean;
  /** per-subgroup statistics (subgroups only) */
  stats?: SubgroupStats;
}

export function monitoredValues(data: SubgroupData): Monitored {
  const m = subgroupCount(data);
  if (m === 0) throw new SpcInputError("no samples");
  // one value per sample: the values themselves, no per-subgroup pass
  let single = m === data.values.length;
  for (let i = 0; single && i < m; i++) single = data.offsets[i + 1]! - data.offsets[i]! === 1;
  if (single) return { values: data.values, sizes: new Float64Array(m).fill(1), individual: true };
  const st = subgroupStats(data);
  for (let i = 0; i < m; i++) {
    if (st.sizes[i]! < 2) throw new SpcInputError(`sample ${i + 1}: subgroup of ${st.sizes[i]}: give one value per sample or subgroups of n ≥ 2`);
    if (st.sizes[i]! > 25) throw new SpcInputError(`sample ${i + 1}: subgroup of ${st.sizes[i]}: σ from R-bar/d2 is tabulated to n = 25`);
  }
  return { values: st.means, sizes: st.sizes, individual: false, stats: st };
}

/** Phase-I centre and σ of one observation (known standards where given). */
export function estimateMonitored(mon: Monitored, mask: Uint8Array, opts: ChartOptions): ProcessParams {
  const center = opts.center ?? (mon.stats === undefined ? maskedMean(mon.values, mask) : grandMean(mon.stats, mask));
  let sigma = opts.stddev ?? NaN;
  if (opts.stddev === undefined) {
    sigma = mon.stats === undefined ? individualsSigma(mon.values, mask, opts.sigmaMethod).sigma : withinSigma(mon.stats, mask, "r").sigma;
    if (!(sigma > 0) || !Number.isFinite(sigma)) throw new SpcInputError(`σ estimate ${sigma} is not positive: the data show no variation`);
  }
  return { center, sigma, centerKnown: opts.center !== undefined, sigmaKnown: opts.stddev !== undefined };
}
