// The device simulator's request (assembly/ABI.md, "Device simulator"): read value by value with
// its rule, the first refused value's index kept in errors.ts so the host can name the option.
import { setError, ERR_INVALID_INPUT } from "../errors";
import { MAX_COUNT } from "../rotor/reader";
import { RotorModel } from "../rotor/model";
import { openRequest, requestModel, readUnbalance, checkUnbalanceNodes } from "../rotor/job-request";
import { UnbalanceSet } from "../rotor/unbalance";
import { DofList } from "../vsense/request";
import { bearingPlaces } from "../vsense/places";
import { SpeedProfile, PROFILE_CONSTANT, PROFILE_RUNUP, rpmToRadS } from "./profile";

/** Event kinds of the schedule. */
export const EVENT_UNBALANCE: i32 = 0;
export const EVENT_BEARING_STIFFNESS: i32 = 1;
/** Values per event: t_s, kind, and three arguments. */
export const EVENT_WIDTH: i32 = 5;
/** Truth flags: add velocities, add accelerations of every response node. */
export const TRUTH_VELOCITY: i32 = 1;
export const TRUTH_ACCELERATION: i32 = 2;
/** Largest sample rate (Hz) and substeps a request may ask for. */
const MAX_FS: f64 = 1.0e7;
const MAX_SUBSTEPS: i32 = 1 << 16;
const MAX_SEED: f64 = 9007199254740992.0;
/** Largest matrix interval (samples). */
const MAX_INTERVAL: i32 = 1 << 24;

/** One scheduled change of the machine's state. */
export class DeviceEvent {
  /** the first sample at or after t_s: ceil(t_s·fs) */
  sample: f64 = 0;
  kind: i32 = 0;
  node: i32 = 0;
  me: f64 = 0;
  phase: f64 = 0;
  /** bearing index, or −1 for every bearing */
  bearing: i32 = 0;
  factor: f64 = 1;
}

export class DeviceRequest {
  fs: f64 = 0;
  substeps: i32 = 1;
  profile: SpeedProfile = new SpeedProfile(PROFILE_CONSTANT, 0.0, 0.0, 0.0, 0.0);
  seed: u64 = 0;
  bits: i32 = 0;
  fullScale: f64 = 0;
  tach: bool = false;
  tachWidth: f64 = 0;
  truthFlags: i32 = 0;
  /** samples per matrix interval: the speed-dependent matrices are those of the interval's mid-time */
  interval: i32 = 1;
  unb: UnbalanceSet = new UnbalanceSet(0);
  sensors: DofList = new DofList(0);
  /** noise std (m/s²) of each sensor channel */
  noise: StaticArray<f64> = new StaticArray<f64>(0);
  events: StaticArray<DeviceEvent> = new StaticArray<DeviceEvent>(0);
  model: RotorModel | null = null;
}

/** The request at address `req`, or null with the error set (code 1 or 5 at the value's index). */
export function readDeviceRequest(req: usize): DeviceRequest | null {
  const r = openRequest(req);
  if (r === null) return null;
  const q = new DeviceRequest();
  q.fs = r.min(1, 0.0, true);
  r.require(q.fs <= MAX_FS, 1);
  q.substeps = r.int(2, 1, MAX_SUBSTEPS);
  const kind = r.int(3, PROFILE_CONSTANT, PROFILE_RUNUP);
  const rpm0 = r.min(4, 0.0, false);
  let rpm1 = 0.0, ta = 0.0, tb = 0.0;
  if (kind == PROFILE_CONSTANT) {
    r.zero(5);
    r.zero(6);
    r.zero(7);
  } else {
    rpm1 = r.min(5, 0.0, false);
    ta = r.min(6, 0.0, false);
    tb = r.at(7);
    r.require(tb > ta, 7);
  }
  q.profile = new SpeedProfile(kind, rpmToRadS(rpm0), rpmToRadS(rpm1), ta, tb);
  const seed = r.at(8);
  r.require(seed == Math.floor(seed) && seed >= 0.0 && seed <= MAX_SEED, 8);
  q.seed = r.ok ? <u64>seed : 0;
  const bits = r.int(9, 0, 24);
  r.require(bits == 0 || bits == 16 || bits == 24, 9);
  q.bits = bits;
  if (bits == 0) {
    r.zero(10);
  } else {
    // the frame carries the scale as a binary32: the full scale must survive that rounding
    q.fullScale = r.open(10, 1.0e-30, 1.0e30);
  }
  q.tach = r.flag(11);
  if (q.tach) q.tachWidth = r.open(12, 0.0, 1.0);
  else r.zero(12);
  q.truthFlags = r.int(13, 0, TRUTH_VELOCITY | TRUTH_ACCELERATION);
  q.interval = r.int(14, 1, MAX_INTERVAL);
  const nU = r.int(15, 0, MAX_COUNT);
  q.unb = readUnbalance(r, 16, nU);
  const sPos = r.end;
  const nS = r.int(sPos, 0, MAX_COUNT);
  const nodes = new StaticArray<i32>(r.ok ? nS : 0);
  const dirs = new StaticArray<i32>(r.ok ? nS : 0);
  for (let i = 0; i < nodes.length; i++) {
    unchecked((nodes[i] = r.int(sPos + 1 + 2 * i, 0, i32.MAX_VALUE)));
    unchecked((dirs[i] = r.int(sPos + 2 + 2 * i, 0, 1)));
  }
  const nPos = sPos + 1 + 2 * nS;
  const nQ = r.int(nPos, 0, MAX_COUNT);
  const stds = new StaticArray<f64>(r.ok ? nQ : 0);
  for (let i = 0; i < stds.length; i++) unchecked((stds[i] = r.min(nPos + 1 + i, 0.0, false)));
  const ePos = nPos + 1 + nQ;
  const nE = r.int(ePos, 0, MAX_COUNT);
  const events = new StaticArray<DeviceEvent>(r.ok ? nE : 0);
  let last = 0.0;
  for (let k = 0; k < events.length; k++) {
    const o = ePos + 1 + EVENT_WIDTH * k;
    const ev = new DeviceEvent();
    const ts = r.min(o, 0.0, false);
    r.require(ts >= last, o); // in time order
    last = ts;
    ev.sample = Math.ceil(ts * q.fs);
    ev.kind = r.int(o + 1, EVENT_UNBALANCE, EVENT_BEARING_STIFFNESS);
    if (ev.kind == EVENT_UNBALANCE) {
      ev.node = r.int(o + 2, 0, i32.MAX_VALUE);
      ev.me = r.min(o + 3, 0.0, false);
      ev.phase = r.at(o + 4);
    } else {
      ev.bearing = r.int(o + 2, -1, i32.MAX_VALUE);
      ev.factor = r.min(o + 3, 0.0, true);
      r.zero(o + 4);
    }
    unchecked((events[k] = ev));
  }
  const model = requestModel(r, ePos + 1 + EVENT_WIDTH * nE);
  if (model === null) return null;
  // checks against the model
  checkUnbalanceNodes(r, q.unb, 16, model);
  const nr = model.nNodes + model.pedestals.length;
  for (let i = 0; i < nodes.length; i++) {
    r.require(unchecked(nodes[i]) < nr, sPos + 1 + 2 * i);
    for (let j = 0; j < i; j++) r.require(!(unchecked(nodes[j]) == unchecked(nodes[i]) && unchecked(dirs[j]) == unchecked(dirs[i])), sPos + 1 + 2 * i);
  }
  for (let k = 0; k < events.length; k++) {
    const ev = unchecked(events[k]);
    const o = ePos + 1 + EVENT_WIDTH * k;
    if (ev.kind == EVENT_UNBALANCE) r.require(ev.node < model.nNodes, o + 2);
    else r.require(ev.bearing < model.bearings.length, o + 2);
  }
  if (!r.ok) return null;
  q.sensors = nS == 0 ? bearingPlaces(model) : DofList.of(model, nodes, dirs);
  const c = q.sensors.length;
  // noise: none, one std for every channel, or one per channel
  if (!(nQ == 0 || nQ == 1 || nQ == c)) {
    setError(ERR_INVALID_INPUT, <f64>nPos);
    return null;
  }
  q.noise = new StaticArray<f64>(c);
  for (let i = 0; i < c; i++) unchecked((q.noise[i] = nQ == 0 ? 0.0 : nQ == 1 ? stds[0] : stds[i]));
  q.events = events;
  q.model = model;
  return q;
}

