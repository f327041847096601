// The TypeScript face of the ELM part of the core (assembly/ABI.md, "Extreme learning machine"):
// typed wrappers that move row-major Float64Arrays in and out of the wasm buffers.
import { Core } from "../core/core.js";

export const ACTIVATIONS = ["sigmoid", "tanh", "hpelm_sigm", "linear"] as const;
export type Activation = (typeof ACTIVATIONS)[number];
/** Activation codes of the ABI. */
export const ACTIVATION_CODE: Record<Activation, number> = { sigmoid: 1, tanh: 2, hpelm_sigm: 3, linear: 4 };

/** The random part of an ELM: [W (d × L), b (L)] and the activation. */
export interface HiddenLayer {
  d: number;
  L: number;
  activation: Activation;
  /** W row-major (d × L) followed by b (L) */
  wb: Float64Array;
}

/** OS-ELM state: β (L × m) and P (L × L), row-major. */
export interface ElmState {
  beta: Float64Array;
  P: Float64Array;
}

export class ElmCore {
  constructor(readonly core: Core = Core.default()) {}

  /** W and b drawn by SplitMix64 inside the core (seed: integer in [0, 2^53]). */
  weights(d: number, L: number, seed: number): Float64Array {
    return this.core.take(this.core.fn("elmWeights")(d, L, seed), "elmWeights");
  }

  hidden(h: HiddenLayer, X: Float64Array, n: number): Float64Array {
    return this.core.withBuffers([X, h.wb], (px, pw) =>
      this.core.take(this.core.fn("elmHidden")(px!, n, h.d, pw!, h.L, ACTIVATION_CODE[h.activation]), "elmHidden"),
    );
  }

  /** Batch fit; C = null: no ridge term. With withP the state carries P for later updates. */
  fit(h: HiddenLayer, X: Float64Array, T: Float64Array, n: number, m: number, C: number | null, withP = true): ElmState {
    const out = this.core.withBuffers([X, T, h.wb], (px, pt, pw) =>
      this.core.take(this.core.fn("elmFit")(px!, pt!, n, h.d, m, pw!, h.L, ACTIVATION_CODE[h.activation], C ?? 0, withP ? 1 : 0), "elmFit"),
    );
    const k = h.L * m;
    return { beta: out.slice(0, k), P: withP ? out.slice(k) : new Float64Array(0) };
  }

  /** OS-ELM update with n new rows. */
  update(h: HiddenLayer, s: ElmState, X: Float64Array, T: Float64Array, n: number, m: number): ElmState {
    const state = new Float64Array(s.beta.length + s.P.length);
    state.set(s.beta);
    state.set(s.P, s.beta.length);
    const out = this.core.withBuffers([state, X, T, h.wb], (ps, px, pt, pw) =>
      this.core.take(this.core.fn("elmUpdate")(ps!, px!, pt!, n, h.d, m, pw!, h.L, ACTIVATION_CODE[h.activation]), "elmUpdate"),
    );
    const k = h.L * m;
    return { beta: out.slice(0, k), P: out.slice(k) };
  }

  predict(h: HiddenLayer, X: Float64Array, n: number, beta: Float64Array, m: number): Float64Array {
    return this.core.withBuffers([X, h.wb, beta], (px, pw, pb) =>
      this.core.take(this.core.fn("elmPredict")(px!, n, h.d, pw!, h.L, ACTIVATION_CODE[h.activation], pb!, m), "elmPredict"),
    );
  }

  /** h(x_i)ᵀ P h(x_i) per row (ridge hat-matrix diagonal for training rows). */
  leverage(h: HiddenLayer, X: Float64Array, n: number, P: Float64Array): Float64Array {
    return this.core.withBuffers([X, h.wb, P], (px, pw, pp) =>
      this.core.take(this.core.fn("elmLeverage")(px!, n, h.d, pw!, h.L, ACTIVATION_CODE[h.activation], pp!), "elmLeverage"),
    );
  }

  /** A predictor kept in the core (hidden layer prepared once): for per-window prediction. */
  loadPredictor(h: HiddenLayer, beta: Float64Array, m: number): { run(X: Float64Array, n: number): Float64Array; free(): void } {
    const handle = this.core.withBuffers([h.wb, beta], (pw, pb) =>
      this.core.check(this.core.fn("elmPredictorLoad")(pw!, h.d, h.L, ACTIVATION_CODE[h.activation], pb!, m), "elmPredictorLoad"),
    );
    const core = this.core;
    const run = core.fn("elmPredictorRun");
    return {
      run: (X, n) => core.withBuffers([X], (px) => core.take(run(handle, px!, n), "elmPredictorRun")),
      free: () => core.fn("elmPredictorFree")(handle),
    };
  }

  reconstructionError(X: Float64Array, Y: Float64Array, n: number, d: number, m: number, col0: number): Float64Array {
    return this.core.withBuffers([X, Y], (px, py) =>
      this.core.take(this.core.fn("elmReconstructionError")(px!, py!, n, d, m, col0), "elmReconstructionError"),
    );
  }

  /** Type 7 sample quantile. */
  quantile(v: Float64Array, q: number): number {
    const r = this.core.withBuffers([v], (pv) => this.core.fn("elmQuantile")(pv!, v.length, q));
    if (Number.isNaN(r)) this.core.check(0, "elmQuantile");
    return r;
  }

  /** k-NN novelty scores; loo: the queries are the reference rows, each skipping itself. */
  knnScores(ref: Float64Array, nRef: number, Q: Float64Array, nQ: number, d: number, k: number, loo: boolean): Float64Array {
    return this.core.withBuffers([ref, Q], (pr, pq) =>
      this.core.take(this.core.fn("elmKnnScore")(pr!, nRef, pq!, nQ, d, k, loo ? 1 : 0), "elmKnnScore"),
    );
  }

  /** Class index per row (argmax, first on ties), −1 where score > threshold. */
  recognise(Y: Float64Array, n: number, m: number, scores: Float64Array | null, threshold: number): Int32Array {
    const out = scores === null
      ? this.core.withBuffers([Y], (py) => this.core.take(this.core.fn("elmRecognise")(py!, n, m, 0, 0), "elmRecognise"))
      : this.core.withBuffers([Y, scores], (py, ps) => this.core.take(this.core.fn("elmRecognise")(py!, n, m, ps!, threshold), "elmRecognise"));
    return Int32Array.from(out);
  }
}
