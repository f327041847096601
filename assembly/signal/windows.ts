// Spectral windows as cosine sums w_j = Σ_r (−1)^r a_r cos(2π r j/n), j = 0 … n−1, in the periodic
// ("DFT-even") form recommended for spectral analysis by Harris 1978, "On the use of windows for
// harmonic analysis with the discrete Fourier transform", Proc. IEEE 66(1):51-83, §III.
//   rectangular  a = 1                                   (Harris 1978 §V.A)
//   Hann         a = 0.5, 0.5                            (Harris 1978 §V.C, α = 2)
//   Hamming      a = 0.54, 0.46                          (Harris 1978 §V.D)
//   Blackman     a = 0.42, 0.50, 0.08                    (Harris 1978 §V.E, eq. 32)
//   flat-top     HFT95: a = 1, 1.9383379, 1.3045202, 0.4028270, 0.0350665 (Heinzel, Rüdiger &
//                Schilling 2002, "Spectrum and spectral density estimation by the DFT, including a
//                comprehensive list of window functions", Max-Planck-Institut für Gravitationsphysik,
//                App. D "HFT95": sidelobes −95 dB, amplitude flatness 0.0044 dB, NENBW 3.8112 bins)
// The cos values come from sincos2pi (exact index reduction), so w_j = w_{n−j} exactly.
// Gains (Heinzel et al. 2002 §9): coherent gain CG = Σ w_j / n (a sinusoid of amplitude A exactly on
// bin k gives |X_k| = A·n·CG/2), energy gain EG = Σ w_j² / n (noise power scales by n·EG). Spectra
// divided by them are amplitude-correct (peak sine amplitude) or power-correct (mean square).
import { sincos2pi, trigCos } from "./trig";

export const WIN_RECT: i32 = 0;
export const WIN_HANN: i32 = 1;
export const WIN_HAMMING: i32 = 2;
export const WIN_BLACKMAN: i32 = 3;
export const WIN_FLATTOP: i32 = 4;
export const WIN_KINDS: i32 = 5;

function coefficients(kind: i32): StaticArray<f64> {
  if (kind == WIN_HANN) return [0.5, 0.5];
  if (kind == WIN_HAMMING) return [0.54, 0.46];
  if (kind == WIN_BLACKMAN) return [0.42, 0.5, 0.08];
  if (kind == WIN_FLATTOP) return [1.0, 1.9383379, 1.3045202, 0.402827, 0.0350665];
  return [1.0];
}

/** A window of length n with its gains. */
export class Window {
  w: StaticArray<f64>;
  /** Σ w / n */
  coherentGain: f64;
  /** Σ w² / n */
  energyGain: f64;

  constructor(kind: i32, n: i32) {
    assert(kind >= 0 && kind < WIN_KINDS && n >= 1);
    const a = coefficients(kind);
    const w = new StaticArray<f64>(n);
    let s1 = 0.0, s2 = 0.0;
    for (let j = 0; j < n; j++) {
      let v = unchecked(a[0]);
      let sign = -1.0;
      for (let r = 1; r < a.length; r++) {
        sincos2pi((<i64>r) * (<i64>j), <i64>n);
        v += sign * unchecked(a[r]) * trigCos;
        sign = -sign;
      }
      unchecked((w[j] = v));
      s1 += v;
      s2 += v * v;
    }
    this.w = w;
    this.coherentGain = s1 / <f64>n;
    this.energyGain = s2 / <f64>n;
  }
}
