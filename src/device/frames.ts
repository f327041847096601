// The simulator's blocks as frames of the live path (docs/frame.md): one frame per block of
// samples, interleaved sample by sample as the core returns them; seq from 0 (FLAG_START on the
// first frame: the device's sample clock starts there), t0 = the block's first sample index, the
// rate in millihertz, and the scale of the ADC (codes) or 1 (binary32 values in m/s², tach in V).
import { encodeFrame, FLAG_START, frameBytes, type SampleFormat } from "../live/frame.js";
import type { DeviceBlock, DeviceInfo } from "./simulator.js";

export interface FrameSpec {
  format: SampleFormat;
  channels: number;
  rateMilliHz: number;
  scale: number;
}

/** The frame format of a simulator; throws RangeError if its rate is not a whole number of mHz. */
export function frameSpec(info: DeviceInfo): FrameSpec {
  const rateMilliHz = info.fs * 1000;
  if (!Number.isInteger(rateMilliHz) || rateMilliHz < 1 || rateMilliHz > 0xffffffff) throw new RangeError(`fs ${info.fs} Hz is not a whole number of millihertz within a u32`);
  const format: SampleFormat = info.bits === 16 ? "int16" : info.bits === 24 ? "int24" : "float32";
  return { format, channels: info.channels, rateMilliHz, scale: info.bits === 0 ? 1 : info.scale };
}

/** Bytes of one frame of n samples per channel. */
export function deviceFrameBytes(spec: FrameSpec, n: number): number {
  return frameBytes(spec.format, spec.channels, n);
}

/** Frame number `seq` (mod 2^32) carrying `block`. */
export function deviceFrame(spec: FrameSpec, block: DeviceBlock, seq: number): Uint8Array {
  return encodeFrame({
    format: spec.format,
    channels: spec.channels,
    samplesPerChannel: block.samples,
    seq: seq % 0x100000000,
    t0: block.first,
    rateMilliHz: spec.rateMilliHz,
    scale: spec.scale,
    flags: seq === 0 ? FLAG_START : 0,
    raw: block.channels,
  });
}
