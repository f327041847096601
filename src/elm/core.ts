// The TypeScript face of the ELM part of the core (assembly/ABI.md, "Extreme learning machine"):
// typed wrappers that move row-major Float64Arrays in and out of the wasm buffers.
import { Core } from "../core/core.js";

/** The activations of the spec form of the hidden layer. */
export const ACTIVATIONS = ["sigmoid", "tanh", "hpelm_sigm", "linear"] as const;
/** An activation of the hidden layer. */
export type Activation = (typeof ACTIVATIONS)[number];
/** Activation codes of the ABI. */
export const ACTIVATION_CODE: Record<Activation, number> = { sigmoid: 1, tanh: 2, hpelm_sigm: 3, linear: 4 };

/**
 * hpelm's neuron functions (hpelm/nnets/slfn.py, SLFN.__init__ `self.func`; Akusok et al. 2015, IEEE
 * Access 3:1011) and their codes in the core: "sigm" is hpelm's 1/(1 + e^{+a}) (code 3), "lin" the
 * identity (4), rbf_* exp(−δ(x, c)²/B) with the L1, L2, L∞ distance to the centre c (5, 6, 7).
 */
export const NEURON_FUNCTIONS = ["lin", "sigm", "tanh", "rbf_l1", "rbf_l2", "rbf_linf"] as const;
/** One of hpelm's neuron functions. */
export type NeuronFunction = (typeof NEURON_FUNCTIONS)[number];
export const NEURON_CODE: Record<NeuronFunction, number> = { lin: 4, sigm: 3, tanh: 2, rbf_l1: 5, rbf_l2: 6, rbf_linf: 7 };

/** A block of `number` consecutive neurons of one function. */
export interface NeuronBlock {
  func: NeuronFunction;
  number: number;
}

/** The random part of an ELM: [W (d × L), b (L)] and the activation, or blocks of neuron functions. */
export interface HiddenLayer {
  d: number;
  L: number;
  activation: Activation;
  /** W row-major (d × L) followed by b (L); for rbf neurons a column of W is a centre, b a width */
  wb: Float64Array;
  /** when given, the neuron functions by blocks of columns (their sizes add up to L) instead of `activation` */
  blocks?: readonly NeuronBlock[];
}

/** The core's block table [code_0, count_0, code_1, count_1, ...]. */
export function blockTable(blocks: readonly NeuronBlock[]): Float64Array {
  return Float64Array.from(blocks.flatMap((b) => [NEURON_CODE[b.func], b.number]));
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
    if (h.blocks) {
      const bt = blockTable(h.blocks);
      return this.core.withBuffers([X, h.wb, bt], (px, pw, pt) =>
        this.core.take(this.core.fn("elmHiddenBlocks")(px!, n, h.d, pw!, h.L, pt!, h.blocks!.length), "elmHiddenBlocks"),
      );
    }
    return this.core.withBuffers([X, h.wb], (px, pw) =>
      this.core.take(this.core.fn("elmHidden")(px!, n, h.d, pw!, h.L, ACTIVATION_CODE[h.activation]), "elmHidden"),
    );
  }

  /** Batch fit; C = null: no ridge term. With withP the state carries P for later updates. */
  fit(h: HiddenLayer, X: Float64Array, T: Float64Array, n: number, m: number, C: number | null, withP = true): ElmState {
    if (h.blocks) return this.fitRidge(h, X, T, n, m, C === null ? 0 : 1 / C, withP);
    const out = this.core.withBuffers([X, T, h.wb], (px, pt, pw) =>
      this.core.take(this.core.fn("elmFit")(px!, pt!, n, h.d, m, pw!, h.L, ACTIVATION_CODE[h.activation], C ?? 0, withP ? 1 : 0), "elmFit"),
    );
    const k = h.L * m;
    return { beta: out.slice(0, k), P: withP ? out.slice(k) : new Float64Array(0) };
  }

  /**
   * Batch fit with `ridge` (≥ 0) added to the diagonal of HᵀH: hpelm's `norm`, or 1/C. Runs the block
   * export (a layer of one activation is one block).
   */
  fitRidge(h: HiddenLayer, X: Float64Array, T: Float64Array, n: number, m: number, ridge: number, withP = true): ElmState {
    const blocks = h.blocks ? blockTable(h.blocks) : Float64Array.of(ACTIVATION_CODE[h.activation], h.L);
    const out = this.core.withBuffers([X, T, h.wb, blocks], (px, pt, pw, pk) =>
      this.core.take(this.core.fn("elmFitBlocks")(px!, pt!, n, h.d, m, pw!, h.L, pk!, blocks.length / 2, ridge, withP ? 1 : 0), "elmFitBlocks"),
    );
    const k = h.L * m;
    return { beta: out.slice(0, k), P: withP ? out.slice(k) : new Float64Array(0) };
  }

  /** OS-ELM update with n new rows. */
  update(h: HiddenLayer, s: ElmState, X: Float64Array, T: Float64Array, n: number, m: number): ElmState {
    const state = new Float64Array(s.beta.length + s.P.length);
    state.set(s.beta);
    state.set(s.P, s.beta.length);
    const out = h.blocks
      ? this.core.withBuffers([state, X, T, h.wb, blockTable(h.blocks)], (ps, px, pt, pw, pk) =>
          this.core.take(this.core.fn("elmUpdateBlocks")(ps!, px!, pt!, n, h.d, m, pw!, h.L, pk!, h.blocks!.length), "elmUpdateBlocks"),
        )
      : this.core.withBuffers([state, X, T, h.wb], (ps, px, pt, pw) =>
          this.core.take(this.core.fn("elmUpdate")(ps!, px!, pt!, n, h.d, m, pw!, h.L, ACTIVATION_CODE[h.activation]), "elmUpdate"),
        );
    const k = h.L * m;
    return { beta: out.slice(0, k), P: out.slice(k) };
  }

  predict(h: HiddenLayer, X: Float64Array, n: number, beta: Float64Array, m: number): Float64Array {
    if (h.blocks) {
      return this.core.withBuffers([X, h.wb, blockTable(h.blocks), beta], (px, pw, pk, pb) =>
        this.core.take(this.core.fn("elmPredictBlocks")(px!, n, h.d, pw!, h.L, pk!, h.blocks!.length, pb!, m), "elmPredictBlocks"),
      );
    }
    return this.core.withBuffers([X, h.wb, beta], (px, pw, pb) =>
      this.core.take(this.core.fn("elmPredict")(px!, n, h.d, pw!, h.L, ACTIVATION_CODE[h.activation], pb!, m), "elmPredict"),
    );
  }

  /** h(x_i)ᵀ P h(x_i) per row (ridge hat-matrix diagonal for training rows). */
  leverage(h: HiddenLayer, X: Float64Array, n: number, P: Float64Array): Float64Array {
    if (h.blocks) {
      return this.core.withBuffers([X, h.wb, blockTable(h.blocks), P], (px, pw, pk, pp) =>
        this.core.take(this.core.fn("elmLeverageBlocks")(px!, n, h.d, pw!, h.L, pk!, h.blocks!.length, pp!), "elmLeverageBlocks"),
      );
    }
    return this.core.withBuffers([X, h.wb, P], (px, pw, pp) =>
      this.core.take(this.core.fn("elmLeverage")(px!, n, h.d, pw!, h.L, ACTIVATION_CODE[h.activation], pp!), "elmLeverage"),
    );
  }

  /** A predictor kept in the core (hidden layer prepared once): for per-window prediction. */
  loadPredictor(h: HiddenLayer, beta: Float64Array, m: number): { run(X: Float64Array, n: number): Float64Array; free(): void } {
    const handle = h.blocks
      ? this.core.withBuffers([h.wb, blockTable(h.blocks), beta], (pw, pk, pb) =>
          this.core.check(this.core.fn("elmPredictorLoadBlocks")(pw!, h.d, h.L, pk!, h.blocks!.length, pb!, m), "elmPredictorLoadBlocks"),
        )
      : this.core.withBuffers([h.wb, beta], (pw, pb) =>
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
