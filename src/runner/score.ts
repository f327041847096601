// Scores of the virtual sensors against a simulator's truth (`twin run --truth`, the file
// `twin device simulate --truth` writes): for each virtual sensor whose place and quantity the truth
// has, NRMSE = √(Σ(est − truth)² / Σ truth²) over the samples both have after the settling time, the
// figure of `twin virtual-sensing` (assembly/vsense/metrics.ts). A report figure: it is not part of
// the session's outputs, which the core alone computes.
import type { VirtualSensorConfig } from "./config.js";

/** What the runner needs of a truth file (src/device/truth.ts, `Truth`). */
/** The simulator's ground truth (`simulateDevice({ truth })`, read by `readTruth`): fs, first sample, columns and values. */
export interface TruthTable {
  fs: number;
  /** sample index (the frames' clock) of the first row */
  t0: number;
  samples: number;
  columns: { name: string; quantity: string; node: number; dir: string | null }[];
  /** samples × columns, row-major */
  values: Float64Array;
}

/** A virtual sensor scored against the truth: its NRMSE over the samples compared. */
export interface VirtualSensorScore {
  name: string;
  /** the truth column compared with */
  truth: string;
  samples: number;
  nrmse: number;
  truthRms: number;
  errorRms: number;
}

/**
 * Keeps the virtual-sensor samples of a run until the truth can be read (a simulator streaming the run
 * writes its truth file when it ends), then scores them.
 */
export class EstimateLog {
  private readonly runs: { start: number; step: number; values: number[][] }[] = [];

  add(start: number, step: number, values: number[][]): void {
    this.runs.push({ start, step, values });
  }

  score(truth: TruthTable, sensors: VirtualSensorConfig[], settleSeconds = 1, range?: [number, number]): VirtualSensorScore[] {
    const s = new TruthScorer(truth, sensors, settleSeconds, range);
    for (const r of this.runs) s.add(r.start, r.step, r.values);
    return s.scores();
  }
}

export class TruthScorer {
  private readonly cols: number[];
  private readonly se: number[];
  private readonly st: number[];
  private readonly n: number[];
  /** input-rate samples skipped at the start (filter convergence) */
  private readonly settle: number;
  private first: number | null = null;

  constructor(
    private readonly truth: TruthTable,
    private readonly sensors: VirtualSensorConfig[],
    settleSeconds = 1,
    /** only samples with t in [from, to) seconds on the sample clock */
    private readonly range?: [number, number],
  ) {
    this.cols = sensors.map((v) => truth.columns.findIndex((c) => c.quantity === v.quantity && c.node === v.node && c.dir === v.dir));
    this.se = sensors.map(() => 0);
    this.st = sensors.map(() => 0);
    this.n = sensors.map(() => 0);
    this.settle = Math.round(settleSeconds * truth.fs);
  }

  /** Estimates values[v][i] at input-rate sample index start + i·step. */
  add(start: number, step: number, values: number[][]): void {
    this.first ??= start;
    const w = this.truth.columns.length;
    values.forEach((vals, v) => {
      const k = this.cols[v]!;
      if (k < 0) return;
      for (let i = 0; i < vals.length; i++) {
        const s = start + i * step;
        if (s < this.first! + this.settle) continue;
        if (this.range && (s < this.range[0] * this.truth.fs || s >= this.range[1] * this.truth.fs)) continue;
        const row = s - this.truth.t0;
        if (row < 0 || row >= this.truth.samples) continue;
        const t = this.truth.values[row * w + k]!;
        const e = vals[i]! - t;
        this.se[v] += e * e;
        this.st[v] += t * t;
        this.n[v]++;
      }
    });
  }

  scores(): VirtualSensorScore[] {
    const out: VirtualSensorScore[] = [];
    this.sensors.forEach((s, v) => {
      const k = this.cols[v]!;
      if (k < 0 || this.n[v] === 0) return;
      const errorRms = Math.sqrt(this.se[v]! / this.n[v]!), truthRms = Math.sqrt(this.st[v]! / this.n[v]!);
      out.push({ name: s.name, truth: this.truth.columns[k]!.name, samples: this.n[v]!, nrmse: errorRms / truthRms, truthRms, errorRms });
    });
    return out;
  }
}
