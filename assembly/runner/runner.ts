// The hybrid runner's online pipeline (ABI.md, "Hybrid runner"): one call per block of input
// samples, all state in the module. Per input sample: the shaft speed and angle (speed.ts), the
// measured channels times their gains through the anti-alias decimator (decimate.ts); per decimated
// sample: the virtual sensor (the unscented Kalman filter of assembly/vsense/session.ts on the
// reduced rotor model) and its virtual-sensor outputs; per window: the features (windows.ts), the
// operating state (recognise.ts) and the SPC monitors. A block is a run of consecutive samples; a
// discontinuity (lost frames) starts decimation, speed and windows over and the filter predicts
// through the lost samples without measurements (a gap longer than the request's limit, or time
// going back, restarts the filter). Nothing is interpolated.
import { setError, clearError, coreError, coreErrorDetail, ERR_INVALID_INPUT, ERR_NAN_INPUT } from "../errors";
import { Request } from "../elm/request";
import { digestF64 } from "../digest";
import { sessionFromRequest } from "../vsense/jobs";
import { VsSession } from "../vsense/session";
import { Mat } from "../linalg/matrix";
import { Decimator } from "./decimate";
import { SpeedTrack, SPEED_FIXED, SPEED_TACH } from "./speed";
import { WindowBank } from "./windows";
import { Recogniser, readEnd } from "./recognise";
import { MonitorBank, readMonitors, monitorsEnd, MONITOR_VALUES } from "./monitors";

/** Request kinds: waveforms through the filter and windows, or a stream of feature vectors. */
export const KIND_WAVEFORMS: i32 = 0;
export const KIND_FEATURES: i32 = 1;

export const QTY_DISPLACEMENT: i32 = 0;
export const QTY_VELOCITY: i32 = 1;
export const QTY_ACCELERATION: i32 = 2;

/** Values of the result header before the runs (ABI.md, block result). */
export const RESULT_HEADER: i32 = 10;
export const STATE_VERSION: f64 = 1.0;
const MAX_CHANNELS: i32 = 64;
const MAX_BLOCK: f64 = 16777216.0;
const MAX_INDEX: f64 = 9007199254740991.0;

export class Runner {
  req: StaticArray<f64>;
  fsIn: f64;
  C: i32;
  D: i32;
  m: i32;
  chan: StaticArray<i32>;
  gain: StaticArray<f64>;
  speed: SpeedTrack;
  rpmModel: f64;
  tolerance: f64;
  maxPredict: f64;
  dec: Decimator;
  /** the embedded session request (for a filter restart) */
  se: StaticArray<f64>;
  /** the virtual sensor; null in feature mode (KIND_FEATURES: the channels are features already) */
  vs: VsSession | null;
  /** virtual sensors: V rows of [state map (2k) | input map (2)] */
  V: i32;
  vsx: Mat;
  vsu: Mat;
  bank: WindowBank | null;
  rec: Recogniser | null;
  mon: MonitorBank;
  // running state
  started: bool = false;
  /** absolute index of the next input sample expected */
  nextIn: f64 = 0.0;
  /** absolute decimated index the filter expects next (valid when the filter has started) */
  nextOut: f64 = 0.0;
  filterStarted: bool = false;
  filterRestarts: f64 = 0.0;
  predicted: f64 = 0.0;
  // scratch
  z: StaticArray<f64>;
  sig: StaticArray<f64>;
  scaled: StaticArray<f64>;
  feats: StaticArray<f64>;

  constructor(req: StaticArray<f64>, fsIn: f64, C: i32, D: i32, h: i32, chan: StaticArray<i32>, gain: StaticArray<f64>, speed: SpeedTrack, tolerance: f64, maxPredict: f64, se: StaticArray<f64>, vs: VsSession | null) {
    this.req = req;
    this.fsIn = fsIn;
    this.C = C;
    this.D = D;
    this.m = chan.length;
    this.chan = chan;
    this.gain = gain;
    this.speed = speed;
    this.rpmModel = vs === null ? 0.0 : (vs.speed * 60.0) / (2.0 * Math.PI);
    this.tolerance = tolerance;
    this.maxPredict = maxPredict;
    this.dec = new Decimator(D, h, chan.length);
    this.se = se;
    this.vs = vs;
    this.V = 0;
    this.vsx = new Mat(0, 0);
    this.vsu = new Mat(0, 0);
    this.bank = null;
    this.rec = null;
    this.mon = new MonitorBank();
    this.z = new StaticArray<f64>(chan.length);
    this.sig = new StaticArray<f64>(0);
    this.scaled = new StaticArray<f64>(chan.length);
    this.feats = new StaticArray<f64>(0);
  }

  get fsOut(): f64 {
    return this.fsIn / <f64>this.D;
  }

  /** features per window in feature mode */
  featureCount: i32 = 0;

  /** Features per window (0 without windows). */
  get F(): i32 {
    if (this.vs === null) return this.featureCount;
    return this.bank === null ? 0 : this.bank!.features;
  }

  /** The virtual-sensor value rows: [Φ_e 0] (displacement), [0 Φ_e] (velocity), [−Φ_e Kr, −Φ_e Cr | Φ_e Φᵀ[a b]] (acceleration). */
  setVirtualSensors(place: StaticArray<i32>, qty: StaticArray<i32>): void {
    const fm = this.vs!.fm, k = fm.k, V = place.length;
    this.V = V;
    this.vsx = new Mat(V, 2 * k);
    this.vsu = new Mat(V, 2);
    const est = this.vs!.estimates!;
    for (let v = 0; v < V; v++) {
      const dof = est.dof[place[v]];
      const q = qty[v];
      for (let j = 0; j < k; j++) {
        const phi = fm.Phi.get(dof, j);
        if (q == QTY_DISPLACEMENT) this.vsx.set(v, j, phi);
        else if (q == QTY_VELOCITY) this.vsx.set(v, k + j, phi);
      }
      if (q == QTY_ACCELERATION) {
        for (let j = 0; j < k; j++) {
          let sk = 0.0, sc = 0.0;
          for (let l = 0; l < k; l++) {
            sk += fm.Phi.get(dof, l) * fm.Kr.get(l, j);
            sc += fm.Phi.get(dof, l) * fm.Cr.get(l, j);
          }
          this.vsx.set(v, j, -sk);
          this.vsx.set(v, k + j, -sc);
        }
        for (let c = 0; c < 2; c++) {
          let s = 0.0;
          for (let l = 0; l < k; l++) s += fm.Phi.get(dof, l) * fm.Fab.get(l, c);
          this.vsu.set(v, c, s);
        }
      }
    }
    this.sig = new StaticArray<f64>(this.m + V);
  }

  setWindows(bank: WindowBank): void {
    this.bank = bank;
    this.feats = new StaticArray<f64>(bank.features);
  }

  /** A fresh filter at the same configuration (after time went back or a long gap). */
  restartFilter(): bool {
    const s = sessionFromRequest(this.se);
    if (s === null) return false;
    s.sensors = this.vs!.sensors;
    s.estimates = this.vs!.estimates;
    this.vs = s;
    this.filterStarted = false;
    this.filterRestarts += 1.0;
    return true;
  }

  /** Speed within tolerance of the filter model's speed (virtual sensors valid). */
  speedOk(): bool {
    if (!this.speed.known) return false;
    return Math.abs(this.speed.rpm - this.rpmModel) <= this.tolerance * this.rpmModel;
  }

  /**
   * One block: b = [n, flags, t0, n × C values]; the result (ABI.md). Null with the error set: code 1
   * for a malformed block (detail: index), code 5 for a non-finite sample (detail: index), or the
   * filter's failure.
   */
  step(b: StaticArray<f64>): StaticArray<f64> | null {
    const C = this.C;
    if (b.length < 3) { setError(ERR_INVALID_INPUT, <f64>b.length); return null; }
    const nv = b[0], flags = b[1], t0 = b[2];
    if (!(nv >= 0.0 && nv <= MAX_BLOCK && nv == Math.floor(nv))) { setError(ERR_INVALID_INPUT, 0.0); return null; }
    if (!(flags == 0.0 || flags == 1.0)) { setError(ERR_INVALID_INPUT, 1.0); return null; }
    if (!(t0 >= 0.0 && t0 <= MAX_INDEX && t0 == Math.floor(t0))) { setError(ERR_INVALID_INPUT, 2.0); return null; }
    const n = <i32>nv;
    if (<f64>b.length != 3.0 + nv * <f64>C) { setError(ERR_INVALID_INPUT, <f64>b.length); return null; }
    for (let i = 3; i < b.length; i++) {
      if (!isFinite(unchecked(b[i]))) { setError(ERR_NAN_INPUT, <f64>i); return null; }
    }
    this.predicted = 0.0;
    const restartsBefore = this.filterRestarts;
    // continuity
    if (this.started && (flags != 0.0 || t0 != this.nextIn)) {
      this.dec.reset();
      this.speed.reset();
      if (this.bank !== null) this.bank!.reset();
      if (t0 < this.nextIn && this.filterStarted) {
        if (!this.restartFilter()) return null;
      }
    }
    this.started = true;
    const out = new ResultWriter(this, n);
    if (this.vs === null) return this.featureStep(b, n, t0, out);
    const m = this.m, V = this.V;
    for (let i = 0; i < n; i++) {
      const off = 3 + i * C;
      const s = t0 + <f64>i;
      this.speed.push(b, off, s);
      for (let c = 0; c < m; c++) unchecked((this.scaled[c] = b[off + this.chan[c]] * this.gain[c]));
      if (!this.dec.push(this.scaled, 0, s, this.z, 0)) continue;
      const j = (s - <f64>(this.dec.h * this.D)) / <f64>this.D;
      if (!this.filterSample(j)) return null;
      const valid = this.speedOk();
      for (let c = 0; c < m; c++) unchecked((this.sig[c] = this.z[c]));
      if (valid) {
        this.virtualSensors(this.sig, m);
        out.estimate(j, this.sig, m, V);
      } else {
        out.endRun();
      }
      const bank = this.bank;
      if (bank === null) continue;
      // a window needs every signal: with virtual sensors configured, a withheld estimate breaks it
      if (!valid && V > 0) {
        bank.reset();
        continue;
      }
      if (bank.push(this.sig, 0, j, this.speed.angle, this.speed.rpm)) {
        const wflags = bank.compute(this.feats, 0);
        out.window(bank.first, bank.meanRpm(), wflags, this.feats, this.rec, this.mon);
        bank.advance();
      }
    }
    this.nextIn = t0 + nv;
    return out.finish(this.filterRestarts - restartsBefore);
  }

  /** Feature mode: every sample is a window whose features are the chosen channels times their gains. */
  featureStep(b: StaticArray<f64>, n: i32, t0: f64, out: ResultWriter): StaticArray<f64> {
    const C = this.C, m = this.m;
    for (let i = 0; i < n; i++) {
      const off = 3 + i * C;
      for (let c = 0; c < m; c++) unchecked((this.feats[c] = b[off + this.chan[c]] * this.gain[c]));
      out.window(t0 + <f64>i, 0.0, 0, this.feats, this.rec, this.mon);
    }
    this.nextIn = t0 + <f64>n;
    return out.finish(0.0);
  }

  /** Brings the filter to decimated sample j (predicting through lost samples) and steps it with z. */
  filterSample(j: f64): bool {
    const vs = this.vs!;
    if (!this.filterStarted) {
      vs.n0 = j - vs.count;
      this.filterStarted = true;
    } else if (j != this.nextOut) {
      const gap = j - this.nextOut;
      if (gap < 0.0 || gap > this.maxPredict) {
        if (!this.restartFilter()) return false;
        this.vs!.n0 = j;
        this.filterStarted = true;
      } else {
        for (let g = 0.0; g < gap; g += 1.0) {
          if (!this.vs!.predictSample()) return false;
        }
        this.predicted += gap;
      }
    }
    if (!this.vs!.stepSample(this.z, 0)) return false;
    this.nextOut = j + 1.0;
    return true;
  }

  /** Virtual-sensor values into sig[at …] from the filter's state and input. */
  virtualSensors(sig: StaticArray<f64>, at: i32): void {
    const x = this.vs!.ukf.x, u = this.vs!.input, nx = x.length;
    for (let v = 0; v < this.V; v++) {
      let t = 0.0;
      for (let q = 0; q < nx; q++) t += this.vsx.get(v, q) * unchecked(x[q]);
      t += this.vsu.get(v, 0) * unchecked(u[0]) + this.vsu.get(v, 1) * unchecked(u[1]);
      unchecked((sig[at + v] = t));
    }
  }

  stateSize(): i32 {
    let n = 16 + this.dec.stateSize() + this.speed.stateSize() + this.mon.stateSize();
    if (this.vs !== null) n += this.vs!.stateSize();
    if (this.bank !== null) n += this.bank!.stateSize();
    return n;
  }

  /** The checkpoint: [version, the request's digest (4 words as 8 halves), counters, parts]. */
  save(): StaticArray<f64> {
    const b = new StaticArray<f64>(this.stateSize());
    let o = 0;
    b[o++] = STATE_VERSION;
    const d = digestF64(this.req);
    for (let w = 0; w < 4; w++) {
      b[o++] = <f64>(d[w] >> 32);
      b[o++] = <f64>(d[w] & 0xffffffff);
    }
    b[o++] = this.started ? 1.0 : 0.0;
    b[o++] = this.nextIn;
    b[o++] = this.nextOut;
    b[o++] = this.filterStarted ? 1.0 : 0.0;
    b[o++] = this.filterRestarts;
    b[o++] = 0.0;
    b[o++] = 0.0;
    o = this.dec.save(b, o);
    o = this.speed.save(b, o);
    if (this.vs !== null) o = this.vs!.save(b, o);
    o = this.mon.save(b, o);
    if (this.bank !== null) o = this.bank!.save(b, o);
    return b;
  }

  /** Restores a checkpoint of this configuration; false (error 1, detail: index) if it is not one. */
  load(b: StaticArray<f64>): bool {
    if (b.length != this.stateSize()) { setError(ERR_INVALID_INPUT, <f64>b.length); return false; }
    if (b[0] != STATE_VERSION) { setError(ERR_INVALID_INPUT, 0.0); return false; }
    const d = digestF64(this.req);
    for (let w = 0; w < 4; w++) {
      if (b[1 + 2 * w] != <f64>(d[w] >> 32) || b[2 + 2 * w] != <f64>(d[w] & 0xffffffff)) { setError(ERR_INVALID_INPUT, <f64>(1 + 2 * w)); return false; }
    }
    let o = 9;
    this.started = b[o++] != 0.0;
    this.nextIn = b[o++];
    this.nextOut = b[o++];
    this.filterStarted = b[o++] != 0.0;
    this.filterRestarts = b[o++];
    o += 2;
    o = this.dec.load(b, o);
    o = this.speed.load(b, o);
    if (this.vs !== null) o = this.vs!.load(b, o);
    o = this.mon.load(b, o);
    if (this.bank !== null) o = this.bank!.load(b, o);
    return true;
  }
}

/** Builds the block result (ABI.md): header, runs of virtual-sensor samples, windows. */
class ResultWriter {
  r: Runner;
  runs: Array<f64> = new Array<f64>();
  wins: Array<f64> = new Array<f64>();
  nRuns: i32 = 0;
  nWins: i32 = 0;
  /** index in `runs` of the open run's count, or −1 */
  open: i32 = -1;
  lastJ: f64 = -1.0;
  n: i32;

  constructor(r: Runner, n: i32) {
    this.r = r;
    this.n = n;
  }

  estimate(j: f64, sig: StaticArray<f64>, at: i32, V: i32): void {
    if (V == 0) return;
    if (this.open < 0 || j != this.lastJ + 1.0) {
      this.runs.push(j);
      this.open = this.runs.length;
      this.runs.push(0.0);
      this.nRuns++;
    }
    this.runs[this.open] = this.runs[this.open] + 1.0;
    for (let v = 0; v < V; v++) this.runs.push(unchecked(sig[at + v]));
    this.lastJ = j;
  }

  endRun(): void {
    this.open = -1;
  }

  window(first: f64, rpm: f64, flags: i32, f: StaticArray<f64>, rec: Recogniser | null, mon: MonitorBank): void {
    const w = this.wins;
    w.push(first);
    w.push(rpm);
    w.push(<f64>flags);
    for (let i = 0; i < f.length; i++) w.push(unchecked(f[i]));
    const usable = (flags & 1) == 0;
    if (rec === null) {
      w.push(-2.0);
      w.push(0.0);
      w.push(0.0);
    } else if (!usable) {
      w.push(-3.0);
      w.push(0.0);
      w.push(0.0);
    } else {
      rec.classify(f, 0);
      w.push(rec.cls);
      w.push(rec.novelty);
      w.push(rec.confidence);
    }
    mon.push(f, usable, w);
    this.nWins++;
  }

  finish(restarts: f64): StaticArray<f64> {
    const r = this.r;
    const out = new StaticArray<f64>(RESULT_HEADER + 1 + this.runs.length + 1 + this.wins.length);
    out[0] = 1.0;
    out[1] = <f64>this.n;
    out[2] = r.speed.rpm;
    out[3] = r.speed.known ? 1.0 : 0.0;
    out[4] = r.vs === null ? 0.0 : <f64>r.vs!.ukf.repairs;
    out[5] = r.predicted;
    out[6] = restarts;
    out[7] = r.nextIn;
    out[8] = <f64>r.V;
    out[9] = <f64>r.F;
    let o = RESULT_HEADER;
    out[o++] = <f64>this.nRuns;
    for (let i = 0; i < this.runs.length; i++) unchecked((out[o++] = this.runs[i]));
    out[o++] = <f64>this.nWins;
    for (let i = 0; i < this.wins.length; i++) unchecked((out[o++] = this.wins[i]));
    return out;
  }
}

// ---- the request ------------------------------------------------------------------------------

/** Error detail of a failure inside the embedded session request, moved to the runner request's index. */
function relocate(base: i32): void {
  const c = coreError(), d = coreErrorDetail();
  clearError();
  setError(c, d + <f64>base);
}

/**
 * The runner from its request (ABI.md, "Hybrid runner", request RN); null with the error set
 * (code 1 or 5, detail: the index in the request).
 */
export function runnerFromRequest(buf: StaticArray<f64>): Runner | null {
  const r = new Request(buf);
  r.version(0, 1);
  const kind = r.int(1, KIND_WAVEFORMS, KIND_FEATURES);
  const fsIn = r.min(2, 0.0, true);
  const C = r.int(3, 1, MAX_CHANNELS);
  if (!r.ok) return null;
  if (kind == KIND_FEATURES) return featureRunner(r, buf, fsIn, C);
  const D = r.int(4, 1, 1024);
  const h = r.int(5, 1, 64);
  const m = r.int(6, 1, MAX_CHANNELS);
  if (!r.ok) return null;
  const chan = new StaticArray<i32>(m);
  const gain = new StaticArray<f64>(m);
  let p = 7;
  for (let c = 0; c < m; c++) {
    unchecked((chan[c] = r.int(p, 0, C - 1)));
    unchecked((gain[c] = r.real(p + 1)));
    p += 2;
  }
  const mode = r.int(p, SPEED_FIXED, SPEED_TACH);
  const rpmOrGain = r.real(p + 1);
  const sch = r.int(p + 2, -1, C - 1);
  const thr = r.real(p + 3);
  const ppr = r.int(p + 4, 1, 1024);
  const tol = r.min(p + 5, 0.0, false);
  const maxPredict = r.int(p + 6, 0, 1 << 30);
  if (!r.ok) return null;
  if (mode == SPEED_FIXED && !(rpmOrGain > 0.0)) { r.fail(ERR_INVALID_INPUT, p + 1); return null; }
  if (mode != SPEED_FIXED && sch < 0) { r.fail(ERR_INVALID_INPUT, p + 2); return null; }
  const speed = new SpeedTrack(mode, fsIn, rpmOrGain, sch, thr, <f64>ppr);
  p += 7;
  // the embedded session request
  const seLen = r.int(p, 1, 1 << 28);
  if (!r.ok) return null;
  if (p + 1 + seLen > buf.length) { r.fail(ERR_INVALID_INPUT, p); return null; }
  const se = r.copy(p + 1, seLen);
  const seBase = p + 1;
  // the session's rate must be the decimated rate
  if (se.length > 2 && se[2] != fsIn / <f64>D) { r.fail(ERR_INVALID_INPUT, seBase + 2); return null; }
  const vs = sessionFromRequest(se);
  if (vs === null) { relocate(seBase); return null; }
  if (vs.m != m) { r.fail(ERR_INVALID_INPUT, 6); return null; }
  p = seBase + seLen;
  const runner = new Runner(buf, fsIn, C, D, h, chan, gain, speed, tol, <f64>maxPredict, se, vs);
  // virtual sensors: count, then (estimate place index, quantity)
  const V = r.int(p, 0, 1 << 12);
  if (!r.ok) return null;
  const place = new StaticArray<i32>(V), qty = new StaticArray<i32>(V);
  for (let v = 0; v < V; v++) {
    unchecked((place[v] = r.int(p + 1 + 2 * v, 0, vs.e - 1)));
    unchecked((qty[v] = r.int(p + 2 + 2 * v, QTY_DISPLACEMENT, QTY_ACCELERATION)));
  }
  if (!r.ok) return null;
  runner.setVirtualSensors(place, qty);
  p += 1 + 2 * V;
  // windows: n (0 = none), hop, window kind, bands, orders
  const wn = r.int(p, 0, 1 << 20);
  if (!r.ok) return null;
  if (wn > 0) {
    if (wn < 2) { r.fail(ERR_INVALID_INPUT, p); return null; }
    const hop = r.int(p + 1, 1, 1 << 20);
    const kind = r.int(p + 2, 0, 4);
    const bands = r.int(p + 3, 1, wn >> 1);
    const orders = r.int(p + 4, 0, 2);
    if (!r.ok) return null;
    runner.setWindows(new WindowBank(wn, hop, m + V, kind, bands, orders, runner.fsOut));
  }
  p += 5;
  // recogniser: 0, or 1 then the model block and its columns
  const hasRec = r.flag(p);
  if (!r.ok) return null;
  p += 1;
  if (hasRec) {
    if (wn == 0) { r.fail(ERR_INVALID_INPUT, p - 1); return null; }
    const rec = Recogniser.read(r, p, runner.F);
    if (rec === null) return null;
    runner.rec = rec;
    p = readEnd;
  }
  const mon = readMonitors(r, p, runner.F);
  if (mon === null) return null;
  if (mon.count > 0 && wn == 0) { r.fail(ERR_INVALID_INPUT, p); return null; }
  runner.mon = mon;
  r.end(monitorsEnd);
  if (!r.ok) return null;
  return runner;
}

/** Feature mode (kind 1): [1, 1, fs, C, F, F × (channel, gain), recogniser, monitors]. */
function featureRunner(r: Request, buf: StaticArray<f64>, fsIn: f64, C: i32): Runner | null {
  const F = r.int(4, 1, MAX_CHANNELS);
  if (!r.ok) return null;
  const chan = new StaticArray<i32>(F);
  const gain = new StaticArray<f64>(F);
  let p = 5;
  for (let c = 0; c < F; c++) {
    unchecked((chan[c] = r.int(p, 0, C - 1)));
    unchecked((gain[c] = r.real(p + 1)));
    p += 2;
  }
  if (!r.ok) return null;
  const runner = new Runner(buf, fsIn, C, 1, 0, chan, gain, new SpeedTrack(SPEED_FIXED, fsIn, 1.0, -1, 0.0, 1.0), 0.0, 0.0, new StaticArray<f64>(0), null);
  runner.feats = new StaticArray<f64>(F);
  runner.featureCount = F;
  const hasRec = r.flag(p);
  if (!r.ok) return null;
  p += 1;
  if (hasRec) {
    const rec = Recogniser.read(r, p, F);
    if (rec === null) return null;
    runner.rec = rec;
    p = readEnd;
  }
  const mon = readMonitors(r, p, F);
  if (mon === null) return null;
  runner.mon = mon;
  r.end(monitorsEnd);
  if (!r.ok) return null;
  return runner;
}

export { MONITOR_VALUES };
