// Anti-alias decimation of the input channels to the filter rate (ABI.md, "Hybrid runner").
//
// Design: a linear-phase FIR low-pass by the window method (Oppenheim & Schafer, "Discrete-Time Signal
// Processing", 3rd ed., §7.5.1) with the Blackman window (ibid., eq. 7.60c and Table 7.2: peak side
// lobe −58 dB, approximation error −74 dB, main-lobe transition width 5.5π/M), cut-off at the output
// Nyquist frequency fc = 1/(2D) cycles per input sample, N = 2hD + 1 taps (M = 2hD):
//   g_j = 2fc · sinc(2fc (j − hD)) · w_j,   w_j = 0.42 − 0.5 cos(2πj/M) + 0.08 cos(4πj/M),
// normalised so Σ g_j = 1 (unit gain at DC, summed in index order). The transition band is
// fc ± 2.75/M, so with h = 8 the band up to 0.66 × the output Nyquist frequency is passed flat and
// aliases fold only above it.
// Decimation keeps every D-th output of the filter (Crochiere & Rabiner, "Multirate Digital Signal
// Processing", 1983, §2.3.2): output sample j is Σ_i g_i x[jD + hD − i], the filter centred on input
// sample jD, so decimated sample j belongs to time jD/fs exactly (the filter's delay of hD input
// samples is a whole number of output samples and is taken out). D = 1 passes the samples unchanged.
// An output needs the N input samples around it: after a discontinuity the history starts over and
// the first N − 1 samples produce no output; nothing is filled in.

export class Decimator {
  D: i32;
  h: i32;
  N: i32;
  C: i32;
  taps: StaticArray<f64>;
  /** ring of the last N samples of each channel: hist[c·N + slot] */
  hist: StaticArray<f64>;
  /** slot the next sample goes to */
  head: i32 = 0;
  /** consecutive samples in the history since the last reset (capped at N) */
  filled: i32 = 0;

  constructor(D: i32, h: i32, C: i32) {
    const hh = D == 1 ? 0 : h;
    const N = 2 * hh * D + 1;
    this.taps = designTaps(D, hh);
    this.hist = new StaticArray<f64>(C * N);
    this.D = D;
    this.h = hh;
    this.N = N;
    this.C = C;
  }

  reset(): void {
    this.head = 0;
    this.filled = 0;
  }

  /**
   * Takes one input sample (C values at x[off …]) whose absolute index is s; returns true when an
   * output is ready (written to out[o …], C values): that is when s − hD is a multiple of D and the
   * history holds N consecutive samples. The output's absolute decimated index is (s − hD)/D.
   */
  push(x: StaticArray<f64>, off: i32, s: f64, out: StaticArray<f64>, o: i32): bool {
    const N = this.N, C = this.C, slot = this.head;
    for (let c = 0; c < C; c++) unchecked((this.hist[c * N + slot] = x[off + c]));
    this.head = slot + 1 == N ? 0 : slot + 1;
    if (this.filled < N) this.filled++;
    if (this.filled < N) return false;
    const centre = s - <f64>(this.h * this.D);
    if (centre - Math.floor(centre / <f64>this.D) * <f64>this.D != 0.0) return false;
    // the newest sample (index s) is at `slot`; tap i multiplies x[s − i]
    const g = this.taps;
    for (let c = 0; c < C; c++) {
      const base = c * N;
      let acc = 0.0;
      let p = slot;
      for (let i = 0; i < N; i++) {
        acc += unchecked(g[i]) * unchecked(this.hist[base + p]);
        p = p == 0 ? N - 1 : p - 1;
      }
      unchecked((out[o + c] = acc));
    }
    return true;
  }

  /** Values of the state (for checkpoints). */
  stateSize(): i32 {
    return 2 + this.C * this.N;
  }

  save(buf: StaticArray<f64>, off: i32): i32 {
    unchecked((buf[off++] = <f64>this.head));
    unchecked((buf[off++] = <f64>this.filled));
    for (let i = 0; i < this.hist.length; i++) unchecked((buf[off++] = this.hist[i]));
    return off;
  }

  load(buf: StaticArray<f64>, off: i32): i32 {
    this.head = <i32>unchecked(buf[off++]);
    this.filled = <i32>unchecked(buf[off++]);
    for (let i = 0; i < this.hist.length; i++) unchecked((this.hist[i] = buf[off++]));
    return off;
  }
}

/** The N = 2hD + 1 taps of the Blackman-windowed sinc low-pass at 1/(2D) cycles per sample, Σ = 1. */
export function designTaps(D: i32, h: i32): StaticArray<f64> {
  const M = 2 * h * D, N = M + 1;
  const g = new StaticArray<f64>(N);
  if (M == 0) {
    g[0] = 1.0;
    return g;
  }
  const fc = 0.5 / <f64>D;
  let sum = 0.0;
  for (let j = 0; j < N; j++) {
    const u = <f64>(j - h * D);
    const arg = 2.0 * fc * u;
    const sinc = u == 0.0 ? 1.0 : Math.sin(Math.PI * arg) / (Math.PI * arg);
    const r = <f64>j / <f64>M;
    const w = 0.42 - 0.5 * Math.cos(2.0 * Math.PI * r) + 0.08 * Math.cos(4.0 * Math.PI * r);
    const v = 2.0 * fc * sinc * w;
    unchecked((g[j] = v));
    sum += v;
  }
  for (let j = 0; j < N; j++) unchecked((g[j] = g[j] / sum));
  return g;
}
