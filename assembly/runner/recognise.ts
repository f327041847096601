// Operating-state recognition per window (ABI.md, "Hybrid runner", recogniser): the two steps of
// `twin elm predict` on one feature row, with the model block of a `twin elm train` model: first
// novelty (the model's detector: autoencoder reconstruction error or k-NN distance against its
// threshold), then, if not novel, the class of the largest ELM output (assembly/elm/job.ts
// elmPredictJob, the same functions in the same order, so a window gives the bits `twin elm predict`
// gives for the same row).
import { Hidden, drawWeights } from "../elm/hidden";
import { ElmModel, decodeModel, modelEnd, sameWeights, zscores, NOVELTY_AUTOENCODER, NOVELTY_DISTANCE } from "../elm/job";
import { Request } from "../elm/request";
import { predict } from "../elm/solve";
import { reconstructionError, knnScores, recognise } from "../elm/novelty";

export class Recogniser {
  mod: ElmModel;
  h: Hidden;
  /** window-feature index of each model input (d values) */
  columns: StaticArray<i32>;
  row: StaticArray<f64>;
  /** results of the last classify */
  cls: f64 = -1.0;
  novelty: f64 = 0.0;
  confidence: f64 = 0.0;

  constructor(mod: ElmModel, h: Hidden, columns: StaticArray<i32>) {
    this.mod = mod;
    this.h = h;
    this.columns = columns;
    this.row = new StaticArray<f64>(mod.d);
  }

  /**
   * The model block at r[base …], then d column indices (each < nFeatures); null with the error set
   * at the request index. `end` receives the index after the columns.
   */
  static read(r: Request, base: i32, nFeatures: i32): Recogniser | null {
    const mod = decodeModel(r, base);
    if (mod === null) return null;
    if (mod.novelty == NOVELTY_DISTANCE && mod.k > mod.nRef) {
      r.fail(1, base + 13);
      return null;
    }
    let p = modelEnd();
    const cols = new StaticArray<i32>(mod.d);
    for (let i = 0; i < mod.d; i++) unchecked((cols[i] = r.int(p + i, 0, nFeatures - 1)));
    if (!r.ok) return null;
    readEnd = p + mod.d;
    const wb = drawWeights(mod.d, mod.L, mod.seed);
    if (!sameWeights(r, mod, wb)) return null;
    return new Recogniser(mod, new Hidden(mod.d, mod.L, mod.act, wb), cols);
  }

  /** Classifies the window features f[o …]: cls (−1 novel), novelty score, confidence (the winning output). */
  classify(f: StaticArray<f64>, o: i32): void {
    const mod = this.mod, d = mod.d, K = mod.K;
    for (let i = 0; i < d; i++) unchecked((this.row[i] = f[o + this.columns[i]]));
    const X = changetype<usize>(this.row);
    const xs = zscores(X, 1, d, mod.ms);
    const Xin = xs === null ? X : changetype<usize>(xs);
    const Y = predict(this.h, Xin, 1, changetype<usize>(mod.beta), K);
    let scores: StaticArray<f64> | null = null;
    if (mod.novelty == NOVELTY_AUTOENCODER) {
      const Yae = predict(this.h, Xin, 1, changetype<usize>(mod.ae), d);
      scores = reconstructionError(Xin, changetype<usize>(Yae), 1, d, d, 0);
    } else if (mod.novelty == NOVELTY_DISTANCE) {
      scores = knnScores(changetype<usize>(mod.ref), mod.nRef, X, 1, d, mod.k, false);
    }
    const ps = scores === null ? <usize>0 : changetype<usize>(scores);
    const cls = recognise(changetype<usize>(Y), 1, K, ps, mod.threshold);
    this.cls = cls[0];
    this.novelty = scores === null ? 0.0 : scores![0];
    let best = Y[0];
    for (let j = 1; j < K; j++) if (Y[j] > best) best = Y[j];
    this.confidence = best;
  }
}

export let readEnd: i32 = 0;
