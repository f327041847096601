// Device simulator exports (assembly/ABI.md, "Device simulator"): the hardware stand-in of
// `twin device simulate`, a handle whose state (the rotor's, the noise generator's, the schedule's)
// lives in the core between calls.
import { clearError, setError, ERR_BAD_HANDLE, ERR_NO_CONVERGENCE } from "../errors";
import { share } from "../mem";
import { readDeviceRequest, TRUTH_VELOCITY, TRUTH_ACCELERATION } from "../device/request";
import { DeviceSim, registerSim, getSim, freeSim, Q_SPEED, Q_DISP, Q_VEL, Q_ACC, Q_SENSOR_ACC } from "../device/simulator";

/** Layout version of the device request and results. */
const DEV_VERSION: f64 = 1.0;
/** Values before the samples in a devStep result. */
const STEP_HEADER: i32 = 8;

function live(h: i32): DeviceSim | null {
  const s = getSim(h);
  if (s === null) setError(ERR_BAD_HANDLE, <f64>h);
  else if (s.failed) {
    setError(ERR_NO_CONVERGENCE, s.next); // a failed simulator stays failed
    return null;
  }
  return s;
}

/** A simulator from its request; its handle (≥ 1), or 0 with the error set. */
export function devNew(req: usize): i32 {
  clearError();
  const q = readDeviceRequest(req);
  if (q === null) return 0;
  const s = DeviceSim.open(q);
  return s === null ? 0 : registerSim(s);
}

/**
 * The next n samples: [1, n, first sample index, c, t, clipped in this block, Ω and θ at the last
 * sample, n × c channel values, n × t truth values] (sample-major); 0 with the error set.
 */
export function devStep(h: i32, n: i32): usize {
  clearError();
  const s = live(h);
  if (s === null || !s.checkCount(n)) return 0;
  const c = s.c, t = s.t;
  const out = new StaticArray<f64>(STEP_HEADER + n * (c + t));
  const first = s.next;
  s.clipped = 0.0;
  if (!s.step(n, out, STEP_HEADER)) return 0;
  const last = s.next > 0.0 ? s.time(s.next - 1.0) : 0.0;
  out[0] = DEV_VERSION;
  out[1] = <f64>n;
  out[2] = first;
  out[3] = <f64>c;
  out[4] = <f64>t;
  out[5] = s.clipped;
  out[6] = s.q.profile.speed(last);
  out[7] = s.q.profile.angle(last);
  return share(out);
}

/**
 * What a simulator is: [1, fs, substeps, profile kind, Ω0, Ω1, t_a, t_b (rad/s, s), bits, scale,
 * tach (0/1), tach high level, s, c, t, samples produced, matrix rebuilds, matrix interval, s × (node, dir, std),
 * t × (node, dir, quantity)]; quantity 0 speed (node, dir −1), 1 displacement, 2 velocity,
 * 3 acceleration, 4 sensor acceleration before noise.
 */
export function devDescribe(h: i32): usize {
  clearError();
  const s = getSim(h);
  if (s === null) {
    setError(ERR_BAD_HANDLE, <f64>h);
    return 0;
  }
  const q = s.q, p = q.profile, ns = s.s, nr = s.nodes.length;
  const out = new StaticArray<f64>(18 + 3 * ns + 3 * s.t);
  out[0] = DEV_VERSION;
  out[1] = q.fs;
  out[2] = <f64>q.substeps;
  out[3] = <f64>p.kind;
  out[4] = p.w0;
  out[5] = p.w1;
  out[6] = p.ta;
  out[7] = p.tb;
  out[8] = <f64>q.bits;
  out[9] = s.scale;
  out[10] = q.tach ? 1.0 : 0.0;
  out[11] = q.tach ? s.tachHigh : 0.0;
  out[12] = <f64>ns;
  out[13] = <f64>s.c;
  out[14] = <f64>s.t;
  out[15] = s.next;
  out[16] = <f64>s.nm.rebuilds;
  out[17] = <f64>q.interval;
  let o = 18;
  for (let k = 0; k < ns; k++) {
    out[o++] = <f64>q.sensors.node[k];
    out[o++] = <f64>q.sensors.dir[k];
    out[o++] = q.noise[k];
  }
  out[o++] = -1.0;
  out[o++] = -1.0;
  out[o++] = <f64>Q_SPEED;
  const blocks: i32[] = [Q_DISP];
  if ((q.truthFlags & TRUTH_VELOCITY) != 0) blocks.push(Q_VEL);
  if ((q.truthFlags & TRUTH_ACCELERATION) != 0) blocks.push(Q_ACC);
  for (let b = 0; b < blocks.length; b++) {
    for (let k = 0; k < nr; k++) {
      for (let d = 0; d < 2; d++) {
        out[o++] = <f64>k;
        out[o++] = <f64>d;
        out[o++] = <f64>blocks[b];
      }
    }
  }
  for (let k = 0; k < ns; k++) {
    out[o++] = <f64>q.sensors.node[k];
    out[o++] = <f64>q.sensors.dir[k];
    out[o++] = <f64>Q_SENSOR_ACC;
  }
  return share(out);
}

/** Forgets a simulator (unknown handles are ignored). */
export function devFree(h: i32): void {
  freeSim(h);
}
