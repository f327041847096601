// Display decimation of the runner's `estimates` records: each signal's samples are averaged over
// buckets of k = ceil(fs / displayRate) consecutive samples (a boxcar low-pass before keeping one value
// per bucket, so a trace drawn at the display rate shows the signal's envelope instead of an aliased
// pattern, which keeping every k-th sample would give). Buckets are aligned to the runner's sample
// index (round(t·fs) + i), not to record boundaries, so a bucket may span two records; it is sent when
// the first sample of a later bucket arrives. A gap in the sample index closes the open bucket with the
// samples it has (its mean is still a mean of real samples) and starts a new output record.

/** One decimated block: values[k][i] is names[k] at t + i / fs (t: the centre of the first bucket). */
export interface DisplayBlock {
  type: "estimates";
  t: number;
  fs: number;
  names: string[];
  values: number[][];
}

export class DecimationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecimationError";
  }
}

interface OpenBucket {
  bucket: number;
  sums: number[];
  count: number;
}

export class DisplayDecimator {
  private names: string[] | null = null;
  private fs = 0;
  private k = 1;
  private open: OpenBucket | null = null;

  constructor(readonly displayRate: number) {
    if (!(Number.isFinite(displayRate) && displayRate > 0)) throw new DecimationError(`displayRate ${displayRate}: a number > 0 (Hz)`);
  }

  /** The decimated blocks this record completes (none while its buckets are still open). */
  push(t: number, fs: number, names: string[], values: number[][]): DisplayBlock[] {
    if (!(Number.isFinite(fs) && fs > 0)) throw new DecimationError(`estimates record at t=${t}: fs ${fs} is not a rate > 0`);
    if (values.length !== names.length) throw new DecimationError(`estimates record at t=${t}: ${names.length} names but ${values.length} value rows`);
    const out: DisplayBlock[] = [];
    // another rate or other signals (the runner restarted with another configuration): start over
    if (this.names === null || fs !== this.fs || !sameNames(this.names, names)) {
      this.names = [...names];
      this.fs = fs;
      this.k = Math.max(1, Math.ceil(fs / this.displayRate));
      this.open = null;
    }
    const n = values[0]?.length ?? 0;
    for (const row of values) if (row.length !== n) throw new DecimationError(`estimates record at t=${t}: value rows of different lengths`);
    if (names.length === 0) return out;
    const first = Math.round(t * fs);
    // contiguous runs of closed buckets: each becomes one block
    const runs: { bucket: number; rows: number[][] }[] = [];
    const close = (b: OpenBucket): void => {
      const last = runs[runs.length - 1];
      let run = last !== undefined && b.bucket === last.bucket + last.rows[0]!.length ? last : undefined;
      if (run === undefined) runs.push((run = { bucket: b.bucket, rows: names.map(() => []) }));
      for (let j = 0; j < b.sums.length; j++) run.rows[j]!.push(b.sums[j]! / b.count);
    };
    for (let i = 0; i < n; i++) {
      const bucket = Math.floor((first + i) / this.k);
      if (this.open !== null && this.open.bucket !== bucket) {
        close(this.open);
        this.open = null;
      }
      this.open ??= { bucket, sums: names.map(() => 0), count: 0 };
      for (let j = 0; j < names.length; j++) this.open.sums[j]! += values[j]![i]!;
      this.open.count++;
    }
    for (const r of runs) out.push(this.block(r.bucket, r.rows));
    return out;
  }

  /** Forgets the open bucket (no client is listening: the next one starts fresh). */
  reset(): void {
    this.open = null;
    this.names = null;
  }

  private block(bucket: number, rows: number[][]): DisplayBlock {
    const fsOut = this.fs / this.k;
    // the mean of samples bucket·k … bucket·k + k − 1 belongs to their centre
    return { type: "estimates", t: (bucket * this.k + (this.k - 1) / 2) / this.fs, fs: fsOut, names: [...this.names!], values: rows };
  }
}

function sameNames(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
