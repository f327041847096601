// The device's clock: frames of N samples leave when their last sample would have been acquired,
// start + (first + N)/fs on the wall clock. Due times are computed from the start, never accumulated,
// so timer jitter does not drift the stream; a frame that is late (the machine was busy) goes at
// once and the lag is reported. `fast` sends as fast as the transport takes them (tests, replays),
// yielding to the event loop after every frame so receivers in the same process keep up.
import { deviceFrame, type FrameSpec } from "./frames.js";
import type { DeviceBlock, DeviceSimulator } from "./simulator.js";
import type { Transmitter } from "./transmit.js";

export interface PaceOptions {
  frameSamples: number;
  /** samples to send (Infinity: until aborted) */
  totalSamples: number;
  /** real time (true) or as fast as possible */
  realtime: boolean;
  /** samples simulated before the first frame and not sent (a start-up transient); default 0 */
  preRollSamples?: number;
  signal?: AbortSignal;
  /** wall clock in ms and a timer (tests may give their own) */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface StreamStats {
  frames: number;
  /** frames the transport took (UDP/serial: written; MQTT: acknowledged) */
  delivered: number;
  /** frames the transport dropped (broker away, port unplugged) */
  dropped: number;
  samples: number;
  /** ADC codes clipped */
  clipped: number;
  /** largest lateness of a frame behind its due time (ms; real time only) */
  maxLagMs: number;
  elapsedMs: number;
  /** stopped by the signal before totalSamples */
  aborted: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Streams the simulator's samples as frames through `tx`; onBlock sees each block first (truth). */
export async function streamDevice(sim: DeviceSimulator, spec: FrameSpec, tx: Transmitter, o: PaceOptions, onBlock?: (b: DeviceBlock) => void): Promise<StreamStats> {
  const now = o.now ?? (() => performance.now());
  const wait = o.sleep ?? sleep;
  const fs = sim.info.fs;
  const st: StreamStats = { frames: 0, delivered: 0, dropped: 0, samples: 0, clipped: 0, maxLagMs: 0, elapsedMs: 0, aborted: false };
  const pre = o.preRollSamples ?? 0;
  for (let done = 0; done < pre; ) {
    const n = Math.min(4096, pre - done);
    sim.step(n);
    done += n;
  }
  const start = now();
  let seq = 0;
  while (st.samples < o.totalSamples) {
    if (o.signal?.aborted) {
      st.aborted = true;
      break;
    }
    const n = Math.min(o.frameSamples, o.totalSamples - st.samples);
    const block = sim.step(n);
    onBlock?.(block);
    if (o.realtime) {
      const due = start + ((block.first - pre + n) / fs) * 1000;
      // a timer may fire up to a millisecond early (it counts whole milliseconds): wait again until
      // the frame is due, so no frame leaves before its last sample would have been acquired
      for (let ahead = due - now(); ahead > 0; ahead = due - now()) await wait(ahead);
      st.maxLagMs = Math.max(st.maxLagMs, now() - due);
    }
    const ok = await tx.send(deviceFrame(spec, block, seq++));
    st.frames++;
    if (ok) st.delivered++;
    else st.dropped++;
    st.samples += n;
    st.clipped += block.clipped;
    if (!o.realtime) await tick();
  }
  st.elapsedMs = now() - start;
  return st;
}
