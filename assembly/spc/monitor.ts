// One streaming control chart in the core, phase II (limits given): a port of the charts of
// src/spc/stream.ts for individual values and fixed-size subgroups, with the same formulas evaluated
// in the same order, so every point has the host's bits. Formulas and their sources are those of the
// batch modules: individuals and moving range (Montgomery, Introduction to SQC, 7th ed., §6.4),
// X-bar with R or S (§6.2, §6.3), EWMA with exact time-varying limits (Roberts 1959; Montgomery §9.2,
// eqs. 9.22-9.25), standardised tabular CUSUM with head start (§9.1; Lucas & Crosier 1982).
//
// `push(x)` takes one value. I-MR, EWMA and CUSUM plot every value; X-bar charts collect n values and
// plot the subgroup when it is complete (`ready`). After a point, the fields hold it: the statistic,
// its centre, standard error and limits, the beyond-limits flag and the bits of the run rules firing
// (rules.ts), and the secondary point (MR, R or S; CUSUM: C⁻) with its own rule bits. EWMA and CUSUM
// evaluate no run rules, as stream.ts (their statistics are autocorrelated).
//
// Constant memory: the 15-point rule histories, the previous value, the EWMA or CUSUM state, one
// subgroup. `save`/`load` write and read the whole state as f64 values: a restored monitor continues
// with the same bits as one that never stopped.
import { DispersionFactors, rFactors, sFactors, MIN_TABLE_N, MAX_TABLE_N } from "./factors";
import { RuleStream, RULE_STATE_SIZE, RULES_ALL, CONV_ALL } from "./rules";
import { SpcLearner } from "./learner";
import { SPC_IMR, SPC_XBAR_R, SPC_XBAR_S, SPC_EWMA, SPC_CUSUM, SPC_KINDS } from "./kinds";
import { setError, ERR_INVALID_INPUT } from "../errors";


/** flags bit 16: σ is a known standard (MR/R/S limits D1σ, D2σ / B5σ, B6σ; stream.ts `sigmaKnown`). */
export const FLAG_SIGMA_KNOWN: i32 = 1 << 16;
/** flags bit 17: EWMA with asymptotic limits instead of the exact time-varying ones. */
export const FLAG_ASYMPTOTIC: i32 = 1 << 17;
export const FLAGS_ALL: i32 = RULES_ALL | CONV_ALL | FLAG_SIGMA_KNOWN | FLAG_ASYMPTOTIC;

/** First value of a saved monitor state ("SPCM"). */
export const MONITOR_TAG: f64 = 1397768013.0;
/** Header of a saved state: tag, kind, center, sigma, p1, p2, flags, bar, headStart. */
const HEADER: i32 = 9;
/** The last point: count, ready, 7 primary and 8 secondary values. */
const POINT: i32 = 17;

/** The subgroup size a kind plots (X-bar: p1; others 1). */
function groupSize(kind: i32, p1: f64): i32 {
  return kind == SPC_XBAR_R || kind == SPC_XBAR_S ? <i32>p1 : 1;
}

function finite(v: f64): bool {
  return isFinite(v);
}

export class SpcMonitor {
  readonly kind: i32;
  /** process mean and σ of one observation */
  readonly mu: f64;
  readonly sigma: f64;
  readonly p1: f64;
  readonly p2: f64;
  readonly flags: i32;
  /** phase I's MR-bar / R-bar / S-bar as the dispersion centre line (NaN: d2·σ, c4·σ) */
  readonly bar: f64;
  readonly headStart: f64;
  /** limit width L (I-MR, X-bar, EWMA); CUSUM: h */
  readonly width: f64;
  /** subgroup size (1 but for X-bar charts) */
  readonly n: i32;

  // ---- the last point ----
  /** points plotted so far (the sample number of the last one) */
  count: f64 = 0.0;
  /** the last push completed a point (always, but for X-bar charts between subgroups) */
  ready: bool = false;
  stat: f64 = NaN;
  center: f64 = NaN;
  se: f64 = NaN;
  lcl: f64 = NaN;
  ucl: f64 = NaN;
  beyond: bool = false;
  /** bits of the rules firing at the point (rules.ts) */
  fired: i32 = 0;
  /** the point has a secondary point (not the first individual value) */
  hasSecondary: bool = false;
  secStat: f64 = NaN;
  secCenter: f64 = NaN;
  secSe: f64 = NaN;
  secLcl: f64 = NaN;
  secUcl: f64 = NaN;
  secBeyond: bool = false;
  secFired: i32 = 0;

  // ---- chart state ----
  private rules: RuleStream;
  private secRules: RuleStream;
  private prev: f64 = NaN; // I-MR: the previous value
  private z: f64 = 0.0; // EWMA statistic
  private q: f64 = 1.0; // EWMA (1−λ)^(2i)
  private cp: f64 = 0.0; // CUSUM C⁺, C⁻
  private cm: f64 = 0.0;
  private group: StaticArray<f64>; // X-bar: the values of the open subgroup
  private filled: i32 = 0;
  // constants of the kind
  private fw: DispersionFactors | null = null;
  private keep: f64 = 0.0;
  private r2: f64 = 0.0;
  private f: f64 = 0.0;

  /** Offset after the state read by the last successful `load`. */
  static loadEnd: i32 = 0;

  /**
   * A chart of `kind` with process mean `center` and σ `sigma`:
   * I-MR p1 = L; X-bar/R, X-bar/S p1 = n (2..25), p2 = L; EWMA p1 = λ, p2 = L; CUSUM p1 = k,
   * p2 = h (both in standard errors). `flags`: rule bits 0-11, convention bits 12-15 (rules.ts), 16
   * σ known, 17 EWMA asymptotic. `bar`: dispersion centre (NaN: none); `headStart`: CUSUM's H.
   * Arguments are trusted: check them with `SpcMonitor.badArgument` first.
   */
  constructor(kind: i32, center: f64, sigma: f64, p1: f64, p2: f64, flags: i32, bar: f64 = NaN, headStart: f64 = 0.0) {
    const n = groupSize(kind, p1);
    const width = kind == SPC_IMR ? p1 : p2;
    const ruled = kind == SPC_EWMA || kind == SPC_CUSUM ? 0 : flags;
    // CUSUM's rule streams never fire (no rules): its zones are those of L = 3, unused
    const w = kind == SPC_CUSUM ? 3.0 : width;
    this.group = new StaticArray<f64>(n);
    this.rules = new RuleStream(ruled, flags, w);
    this.secRules = new RuleStream(ruled, flags, w);
    this.kind = kind;
    this.mu = center;
    this.sigma = sigma;
    this.p1 = p1;
    this.p2 = p2;
    this.flags = flags;
    this.bar = bar;
    this.headStart = headStart;
    this.width = width;
    this.n = n;
    if (kind == SPC_IMR) this.fw = rFactors(2, width);
    else if (kind == SPC_XBAR_R) this.fw = rFactors(n, width);
    else if (kind == SPC_XBAR_S) this.fw = sFactors(n, width);
    else if (kind == SPC_EWMA) {
      this.z = center;
      this.keep = 1.0 - p1;
      this.r2 = this.keep * this.keep;
      this.f = p1 / (2.0 - p1);
    } else {
      this.cp = headStart;
      this.cm = headStart;
    }
  }

  /**
   * -1 if the arguments make a chart, else the 0-based position of the first bad one (kind, center,
   * sigma, p1, p2, flags, bar, headStart): center finite; σ finite > 0; L, h finite > 0; n an integer
   * 2..25; λ in (0, 1]; k finite ≥ 0; flags within bits 0-17 (17 only for EWMA); bar NaN or finite ≥ 0;
   * headStart 0 but for CUSUM, there in [0, h).
   */
  static badArgument(kind: i32, center: f64, sigma: f64, p1: f64, p2: f64, flags: i32, bar: f64, headStart: f64): i32 {
    if (kind < 0 || kind >= SPC_KINDS) return 0;
    if (!finite(center)) return 1;
    if (!(finite(sigma) && sigma > 0.0)) return 2;
    if (kind == SPC_IMR) {
      if (!(finite(p1) && p1 > 0.0)) return 3;
    } else if (kind == SPC_XBAR_R || kind == SPC_XBAR_S) {
      if (!(p1 >= <f64>MIN_TABLE_N && p1 <= <f64>MAX_TABLE_N && p1 == Math.floor(p1))) return 3;
      if (!(finite(p2) && p2 > 0.0)) return 4;
    } else if (kind == SPC_EWMA) {
      if (!(p1 > 0.0 && p1 <= 1.0)) return 3;
      if (!(finite(p2) && p2 > 0.0)) return 4;
    } else {
      if (!(finite(p1) && p1 >= 0.0)) return 3;
      if (!(finite(p2) && p2 > 0.0)) return 4;
    }
    if ((flags & ~FLAGS_ALL) != 0 || ((flags & FLAG_ASYMPTOTIC) != 0 && kind != SPC_EWMA)) return 5;
    if (!(isNaN(bar) || (finite(bar) && bar >= 0.0))) return 6;
    if (kind == SPC_CUSUM ? !(headStart >= 0.0 && headStart < p2) : headStart != 0.0) return 7;
    return -1;
  }

  /**
   * A monitor with the limits a learner computed (its centre, σ and MR-bar / R-bar / S-bar as the
   * dispersion centre): the batch chart with phase I = the learned points, continued. Null with
   * error 1 (detail: the position of the bad argument, 2 for a σ that is not finite and > 0, as
   * constant data give) when they make no chart; the learner's subgroup size must be the kind's.
   */
  static learned(l: SpcLearner, kind: i32, p1: f64, p2: f64, flags: i32, headStart: f64 = 0.0): SpcMonitor | null {
    const center = l.center(), sigma = l.sigma(), bar = l.bar();
    const bad = SpcMonitor.badArgument(kind, center, sigma, p1, p2, flags, bar, headStart);
    if (bad >= 0 || (flags & FLAG_SIGMA_KNOWN) != 0 || groupSize(kind, p1) != l.n) {
      setError(ERR_INVALID_INPUT, bad >= 0 ? <f64>bad : (flags & FLAG_SIGMA_KNOWN) != 0 ? 5.0 : 3.0);
      return null;
    }
    return new SpcMonitor(kind, center, sigma, p1, p2, flags, bar, headStart);
  }

  /**
   * Adds one value; `ready` tells whether it completed a point (then the fields hold it). The value
   * must be finite (the exports refuse others; a NaN would be charted as stream.ts charts it).
   */
  push(x: f64): void {
    const k = this.kind;
    if (k == SPC_IMR) this.pushIndividual(x);
    else if (k == SPC_EWMA) this.pushEwma(x);
    else if (k == SPC_CUSUM) this.pushCusum(x);
    else {
      unchecked((this.group[this.filled++] = x));
      this.ready = false;
      if (this.filled == this.n) {
        this.filled = 0;
        this.pushSubgroup();
      }
    }
  }

  private primary(stat: f64, center: f64, se: f64, lcl: f64, ucl: f64): void {
    this.stat = stat;
    this.center = center;
    this.se = se;
    this.lcl = lcl;
    this.ucl = ucl;
    this.beyond = stat > ucl || stat < lcl;
    this.fired = this.rules.push(stat, center, se, this.beyond);
    this.count += 1.0;
    this.ready = true;
  }

  private secondary(stat: f64, center: f64, se: f64, lcl: f64, ucl: f64): void {
    this.hasSecondary = true;
    this.secStat = stat;
    this.secCenter = center;
    this.secSe = se;
    this.secLcl = lcl;
    this.secUcl = ucl;
    this.secBeyond = stat > ucl || stat < lcl;
    this.secFired = this.secRules.push(stat, center, se, this.secBeyond);
  }

  private noSecondary(): void {
    this.hasSecondary = false;
    this.secStat = NaN;
    this.secCenter = NaN;
    this.secSe = NaN;
    this.secLcl = NaN;
    this.secUcl = NaN;
    this.secBeyond = false;
    this.secFired = 0;
  }

  /** stream.ts ImrStream.push */
  private pushIndividual(x: f64): void {
    const mu = this.mu, sigma = this.sigma, L = this.width;
    if (!isNaN(this.prev)) {
      const fw = this.fw!;
      const known = (this.flags & FLAG_SIGMA_KNOWN) != 0;
      const centre = known ? fw.bias * sigma : !isNaN(this.bar) ? this.bar : fw.bias * sigma;
      this.secondary(
        Math.abs(x - this.prev), centre, fw.spread * sigma,
        known ? fw.lowerOfSigma * sigma : fw.lowerOfCenter * centre,
        known ? fw.upperOfSigma * sigma : fw.upperOfCenter * centre,
      );
    } else this.noSecondary();
    this.prev = x;
    this.primary(x, mu, sigma, mu - L * sigma, mu + L * sigma);
  }

  /** stream.ts XbarStream.push with summarize (data.ts's arithmetic) on the completed subgroup */
  private pushSubgroup(): void {
    const n = this.n, v = this.group;
    let sum = 0.0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < n; j++) {
      const x = unchecked(v[j]);
      sum += x;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    const mean = sum / <f64>n;
    let disp = hi - lo;
    if (this.kind == SPC_XBAR_S) {
      let ss = 0.0;
      for (let j = 0; j < n; j++) {
        const e = unchecked(v[j]) - mean;
        ss += e * e;
      }
      disp = Math.sqrt(ss / <f64>(n - 1));
    }
    const f = this.fw!;
    const mu = this.mu, sigma = this.sigma, L = this.width;
    const se = sigma / Math.sqrt(<f64>n);
    const dse = f.spread * sigma;
    let dc: f64, dl: f64, du: f64;
    if ((this.flags & FLAG_SIGMA_KNOWN) != 0) {
      dc = f.bias * sigma;
      dl = f.lowerOfSigma * sigma;
      du = f.upperOfSigma * sigma;
    } else {
      dc = !isNaN(this.bar) ? this.bar : f.bias * sigma;
      dl = f.lowerOfCenter * dc;
      du = f.upperOfCenter * dc;
    }
    this.secondary(disp, dc, dse, dl, du);
    this.primary(mean, mu, se, mu - L * se, mu + L * se);
  }

  /** stream.ts EwmaStream.push (ewma.ts nextWeight: (1−λ)^(2i) flushed to 0 below 1e-17) */
  private pushEwma(x: f64): void {
    const mu = this.mu;
    this.q = this.q < 1e-17 ? 0.0 : this.q * this.r2;
    this.z = this.p1 * x + this.keep * this.z;
    const s = this.sigma * Math.sqrt((this.flags & FLAG_ASYMPTOTIC) != 0 ? this.f : this.f * (1.0 - this.q));
    this.noSecondary();
    this.primary(this.z, mu, s, mu - this.width * s, mu + this.width * s);
  }

  /** stream.ts CusumStream.push: z = (x − centre)/σ, C⁺ = max(0, C⁺ + z − k), C⁻ = max(0, C⁻ − z − k) */
  private pushCusum(x: f64): void {
    const z = (x - this.mu) / this.sigma;
    const k = this.p1, h = this.p2;
    this.cp = Math.max(0.0, this.cp + z - k);
    this.cm = Math.max(0.0, this.cm - z - k);
    this.secondary(this.cm, 0.0, 1.0, 0.0, h);
    this.stat = this.cp;
    this.center = 0.0;
    this.se = 1.0;
    this.lcl = 0.0;
    this.ucl = h;
    this.beyond = this.cp > h || this.cm > h;
    this.fired = 0;
    this.count += 1.0;
    this.ready = true;
  }

  /** Values of the open X-bar subgroup (0 for the other kinds). */
  get pending(): i32 {
    return this.filled;
  }

  /** CUSUM: C⁺ > h and C⁻ > h at the last point. */
  get signalUpper(): bool {
    return this.kind == SPC_CUSUM && this.cp > this.p2;
  }
  get signalLower(): bool {
    return this.kind == SPC_CUSUM && this.cm > this.p2;
  }

  /** Values `save` writes. */
  stateSize(): i32 {
    return HEADER + POINT + 6 + this.n + 2 * RULE_STATE_SIZE;
  }

  /**
   * Writes the state at buf[off …] (stateSize() values; layout in ABI.md, "Streaming SPC"); returns
   * the next offset.
   */
  save(buf: StaticArray<f64>, off: i32): i32 {
    let o = off;
    buf[o++] = MONITOR_TAG;
    buf[o++] = <f64>this.kind;
    buf[o++] = this.mu;
    buf[o++] = this.sigma;
    buf[o++] = this.p1;
    buf[o++] = this.p2;
    buf[o++] = <f64>this.flags;
    buf[o++] = this.bar;
    buf[o++] = this.headStart;
    buf[o++] = this.count;
    buf[o++] = this.ready ? 1.0 : 0.0;
    buf[o++] = this.stat;
    buf[o++] = this.center;
    buf[o++] = this.se;
    buf[o++] = this.lcl;
    buf[o++] = this.ucl;
    buf[o++] = this.beyond ? 1.0 : 0.0;
    buf[o++] = <f64>this.fired;
    buf[o++] = this.hasSecondary ? 1.0 : 0.0;
    buf[o++] = this.secStat;
    buf[o++] = this.secCenter;
    buf[o++] = this.secSe;
    buf[o++] = this.secLcl;
    buf[o++] = this.secUcl;
    buf[o++] = this.secBeyond ? 1.0 : 0.0;
    buf[o++] = <f64>this.secFired;
    buf[o++] = <f64>this.filled;
    buf[o++] = this.prev;
    buf[o++] = this.z;
    buf[o++] = this.q;
    buf[o++] = this.cp;
    buf[o++] = this.cm;
    for (let j = 0; j < this.n; j++) buf[o++] = unchecked(this.group[j]);
    o = this.rules.save(buf, o);
    return this.secRules.save(buf, o);
  }

  /**
   * A monitor from a state written by `save` at buf[off …], and `SpcMonitor.loadEnd` = the next
   * offset; null if the state is not one (the index of the first bad value in `loadBad`).
   */
  static load(buf: StaticArray<f64>, off: i32): SpcMonitor | null {
    SpcMonitor.loadBad = -1;
    if (off < 0 || buf.length - off < HEADER) return SpcMonitor.fail(off < 0 ? 0 : buf.length);
    if (buf[off] != MONITOR_TAG) return SpcMonitor.fail(off);
    const kv = buf[off + 1], fv = buf[off + 6];
    if (!(kv >= 0.0 && kv < <f64>SPC_KINDS && kv == Math.floor(kv))) return SpcMonitor.fail(off + 1);
    if (!(fv >= 0.0 && fv <= <f64>FLAGS_ALL && fv == Math.floor(fv))) return SpcMonitor.fail(off + 6);
    const kind = <i32>kv, flags = <i32>fv;
    const bad = SpcMonitor.badArgument(kind, buf[off + 2], buf[off + 3], buf[off + 4], buf[off + 5], flags, buf[off + 7], buf[off + 8]);
    if (bad >= 0) return SpcMonitor.fail(off + 1 + bad);
    const m = new SpcMonitor(kind, buf[off + 2], buf[off + 3], buf[off + 4], buf[off + 5], flags, buf[off + 7], buf[off + 8]);
    if (buf.length - off < m.stateSize()) return SpcMonitor.fail(buf.length);
    let o = off + HEADER;
    const count = buf[o];
    if (!(count >= 0.0 && count <= 9007199254740992.0 && count == Math.floor(count))) return SpcMonitor.fail(o);
    m.count = count;
    o++;
    m.ready = buf[o++] != 0.0;
    m.stat = buf[o++];
    m.center = buf[o++];
    m.se = buf[o++];
    m.lcl = buf[o++];
    m.ucl = buf[o++];
    m.beyond = buf[o++] != 0.0;
    const fired = buf[o];
    if (!(fired >= 0.0 && fired <= <f64>RULES_ALL && fired == Math.floor(fired))) return SpcMonitor.fail(o);
    m.fired = <i32>fired;
    o++;
    m.hasSecondary = buf[o++] != 0.0;
    m.secStat = buf[o++];
    m.secCenter = buf[o++];
    m.secSe = buf[o++];
    m.secLcl = buf[o++];
    m.secUcl = buf[o++];
    m.secBeyond = buf[o++] != 0.0;
    const secFired = buf[o];
    if (!(secFired >= 0.0 && secFired <= <f64>RULES_ALL && secFired == Math.floor(secFired))) return SpcMonitor.fail(o);
    m.secFired = <i32>secFired;
    o++;
    const filled = buf[o];
    if (!(filled >= 0.0 && filled < <f64>m.n && filled == Math.floor(filled))) return SpcMonitor.fail(o);
    m.filled = <i32>filled;
    o++;
    m.prev = buf[o++];
    m.z = buf[o++];
    m.q = buf[o++];
    m.cp = buf[o++];
    m.cm = buf[o++];
    for (let j = 0; j < m.n; j++) unchecked((m.group[j] = buf[o++]));
    const r = m.rules.load(buf, o);
    if (r < 0) return SpcMonitor.fail(o);
    const e = m.secRules.load(buf, r);
    if (e < 0) return SpcMonitor.fail(r);
    SpcMonitor.loadEnd = e;
    return m;
  }

  /** Index of the first bad value of the last failed `load` (-1 after a successful one). */
  static loadBad: i32 = -1;

  private static fail(at: i32): SpcMonitor | null {
    SpcMonitor.loadBad = at;
    return null;
  }
}
