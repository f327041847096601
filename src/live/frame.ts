// The one binary frame of the live path (docs/frame.md is the page firmware is written from):
// a fixed 32-byte little-endian header, the samples interleaved sample by sample
// (s0c0 s0c1 … s0cN-1 s1c0 …), then CRC-32C (RFC 3720) over header and samples.
// Every transport (UDP datagram, MQTT message, serial byte stream, recording) carries these bytes
// unchanged. The decoder treats its input as hostile: it checks every header field and the length
// against the receiver's limits before it allocates anything, and reports a FrameError with a
// reason code and the byte offset of the offending field.
import { InputError } from "../errors.js";
import { crc32c } from "./crc.js";

/** Sync word "TWFR" (0x54 0x57 0x46 0x52): four ASCII bytes, easy to spot in a hex dump. */
export const SYNC = Uint8Array.of(0x54, 0x57, 0x46, 0x52);
export const FRAME_VERSION = 1;
/** Bytes of a frame header. */
export const HEADER_BYTES = 32;
/** Bytes of a frame's CRC-32C trailer. */
export const CRC_BYTES = 4;
/** Hard ceiling on channels, whatever a receiver configures (the header field is one byte). */
export const MAX_CHANNELS = 64;
/** Flag bit 0: the sender (re)started its sequence and sample clock with this frame. */
export const FLAG_START = 0x01;
const KNOWN_FLAGS = FLAG_START;

/** A frame's sample format: signed 16- or 24-bit codes, or binary32 values. */
export type SampleFormat = "int16" | "int24" | "float32";
const FORMAT_CODES: Record<SampleFormat, number> = { int16: 1, int24: 2, float32: 3 };
const FORMAT_BY_CODE: ReadonlyArray<SampleFormat | undefined> = [undefined, "int16", "int24", "float32"];
export const BYTES_PER_SAMPLE: Record<SampleFormat, number> = { int16: 2, int24: 3, float32: 4 };

/** The extreme codes of the integer formats: an ADC at either end is clipped (over range). */
export const INT_RANGE: Record<"int16" | "int24", { min: number; max: number }> = {
  int16: { min: -32768, max: 32767 },
  int24: { min: -8388608, max: 8388607 },
};

/** What a sender puts into one frame. */
export interface FrameBlock {
  format: SampleFormat;
  channels: number;
  samplesPerChannel: number;
  /** u32, wraps from 0xFFFFFFFF to 0. */
  seq: number;
  /** Sample-clock index of the first sample in the frame (0 ≤ t0 ≤ 2^53 − 1). */
  t0: number;
  /** Sample rate in millihertz (u32, > 0): an integer, so sender and receiver agree exactly. */
  rateMilliHz: number;
  /** Physical value = raw × scale (IEEE binary32 in the frame, also for float32 samples). */
  scale: number;
  flags?: number;
  /** Interleaved raw samples, length channels × samplesPerChannel: integer codes or float32 values. */
  raw: ArrayLike<number>;
}

/** A decoded, CRC-checked frame. */
export interface Frame {
  version: number;
  format: SampleFormat;
  channels: number;
  samplesPerChannel: number;
  seq: number;
  t0: number;
  rateMilliHz: number;
  /** Sample rate in Hz (rateMilliHz / 1000). */
  fs: number;
  /** The scale as stored (a binary32 value widened to a double). */
  scale: number;
  flags: number;
  /** Interleaved raw samples as sent: Int32Array for int16/int24 codes, Float32Array for float32. */
  raw: Int32Array | Float32Array;
  /** Total bytes of the frame on the wire. */
  byteLength: number;
}

/** A frame as the rest of twin sees it (shared/DESIGN.md: Blocks { seq, t0, fs, channels }). */
export interface Block {
  seq: number;
  /** Sample index of the first sample on the sender's sample clock (seconds: t0 / fs). */
  t0: number;
  fs: number;
  channels: Float64Array[];
}

/** Why a frame was refused (FrameError.reason). */
export type FrameErrorReason =
  | "bad-sync"
  | "short"
  | "too-long"
  | "bad-version"
  | "bad-format"
  | "bad-channels"
  | "too-many-channels"
  | "bad-flags"
  | "bad-samples"
  | "too-many-samples"
  | "bad-reserved"
  | "bad-timestamp"
  | "bad-rate"
  | "bad-scale"
  | "length-mismatch"
  | "crc";

/** A malformed frame: `offset` is the byte (within the frame or datagram) where the problem is. */
export class FrameError extends InputError {
  constructor(
    readonly reason: FrameErrorReason,
    readonly offset: number,
    detail: string,
  ) {
    super(`frame ${reason} at byte ${offset}: ${detail}`);
  }
}

/** Receiver limits that bound memory per frame (hostile input cannot make us allocate more). */
export interface FrameLimits {
  /** At most MAX_CHANNELS (64). */
  maxChannels: number;
  maxSamplesPerChannel: number;
  /** Largest whole frame accepted (datagram or stream frame), header and CRC included. */
  maxFrameBytes: number;
}

export const DEFAULT_LIMITS: FrameLimits = { maxChannels: MAX_CHANNELS, maxSamplesPerChannel: 4096, maxFrameBytes: 65507 };

/** Header offsets (docs/frame.md has the table). */
const OFF = { sync: 0, version: 4, format: 5, channels: 6, flags: 7, samples: 8, reserved: 10, seq: 12, t0: 16, rate: 24, scale: 28 } as const;

/** Bytes of a frame on the wire: header, samples, CRC. */
export function frameBytes(format: SampleFormat, channels: number, samplesPerChannel: number): number {
  return HEADER_BYTES + channels * samplesPerChannel * BYTES_PER_SAMPLE[format] + CRC_BYTES;
}

/** Encodes one frame. Throws RangeError for a block no receiver would accept (a sender bug). */
export function encodeFrame(block: FrameBlock): Uint8Array {
  const { format, channels, samplesPerChannel: n, seq, t0, rateMilliHz, scale } = block;
  const flags = block.flags ?? 0;
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) throw new RangeError(`channels ${channels}: 1..${MAX_CHANNELS}`);
  if (!Number.isInteger(n) || n < 1 || n > 0xffff) throw new RangeError(`samplesPerChannel ${n}: 1..65535`);
  if (!Number.isInteger(seq) || seq < 0 || seq > 0xffffffff) throw new RangeError(`seq ${seq}: u32`);
  if (!Number.isSafeInteger(t0) || t0 < 0) throw new RangeError(`t0 ${t0}: 0..2^53-1`);
  if (!Number.isInteger(rateMilliHz) || rateMilliHz < 1 || rateMilliHz > 0xffffffff) throw new RangeError(`rateMilliHz ${rateMilliHz}: 1..2^32-1`);
  if (!Number.isFinite(scale) || scale === 0 || !Number.isFinite(Math.fround(scale))) throw new RangeError(`scale ${scale}: finite, non-zero binary32`);
  if ((flags & ~KNOWN_FLAGS) !== 0 || flags < 0) throw new RangeError(`flags ${flags}: only bit 0 is defined`);
  const count = channels * n;
  if (block.raw.length !== count) throw new RangeError(`raw has ${block.raw.length} samples, channels × samplesPerChannel = ${count}`);

  const total = frameBytes(format, channels, n);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(SYNC, OFF.sync);
  view.setUint8(OFF.version, FRAME_VERSION);
  view.setUint8(OFF.format, FORMAT_CODES[format]);
  view.setUint8(OFF.channels, channels);
  view.setUint8(OFF.flags, flags);
  view.setUint16(OFF.samples, n, true);
  view.setUint16(OFF.reserved, 0, true);
  view.setUint32(OFF.seq, seq, true);
  view.setUint32(OFF.t0, t0 % 0x100000000, true);
  view.setUint32(OFF.t0 + 4, Math.floor(t0 / 0x100000000), true);
  view.setUint32(OFF.rate, rateMilliHz, true);
  view.setFloat32(OFF.scale, scale, true);
  let p = HEADER_BYTES;
  const raw = block.raw;
  if (format === "float32") {
    for (let i = 0; i < count; i++, p += 4) view.setFloat32(p, raw[i]!, true);
  } else {
    const { min, max } = INT_RANGE[format];
    for (let i = 0; i < count; i++) {
      const v = raw[i]!;
      if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`raw[${i}] = ${v}: not an ${format} code`);
      if (format === "int16") {
        view.setInt16(p, v, true);
        p += 2;
      } else {
        const u = v & 0xffffff; // two's complement in 24 bits
        out[p] = u & 0xff;
        out[p + 1] = (u >>> 8) & 0xff;
        out[p + 2] = u >>> 16;
        p += 3;
      }
    }
  }
  view.setUint32(p, crc32c(out, 0, p), true);
  return out;
}

/** The validated header fields of a frame; `byteLength` is the whole frame's length. */
export interface FrameHeader {
  version: number;
  format: SampleFormat;
  channels: number;
  samplesPerChannel: number;
  flags: number;
  seq: number;
  t0: number;
  rateMilliHz: number;
  scale: number;
  byteLength: number;
}

/**
 * Reads and checks the 32-byte header at `bytes[at…]` (the caller guarantees HEADER_BYTES are there).
 * Offsets in errors are relative to `at`. Nothing is allocated: the frame length is known afterwards.
 */
export function parseHeader(bytes: Uint8Array, limits: FrameLimits = DEFAULT_LIMITS, at = 0): FrameHeader {
  if (bytes.length - at < HEADER_BYTES) throw new FrameError("short", bytes.length - at, `${bytes.length - at} bytes, the header has ${HEADER_BYTES}`);
  for (let i = 0; i < SYNC.length; i++) {
    if (bytes[at + i] !== SYNC[i]) throw new FrameError("bad-sync", i, `expected the sync word "TWFR"`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, HEADER_BYTES);
  const version = view.getUint8(OFF.version);
  if (version !== FRAME_VERSION) throw new FrameError("bad-version", OFF.version, `version ${version}, this receiver reads ${FRAME_VERSION}`);
  const formatCode = view.getUint8(OFF.format);
  const format = FORMAT_BY_CODE[formatCode];
  if (format === undefined) throw new FrameError("bad-format", OFF.format, `sample format code ${formatCode} (1 int16, 2 int24, 3 float32)`);
  const channels = view.getUint8(OFF.channels);
  if (channels === 0) throw new FrameError("bad-channels", OFF.channels, "0 channels");
  const maxChannels = Math.min(limits.maxChannels, MAX_CHANNELS);
  if (channels > maxChannels) throw new FrameError("too-many-channels", OFF.channels, `${channels} channels, at most ${maxChannels}`);
  const flags = view.getUint8(OFF.flags);
  if ((flags & ~KNOWN_FLAGS) !== 0) throw new FrameError("bad-flags", OFF.flags, `flags 0x${flags.toString(16)}: undefined bits set`);
  const samplesPerChannel = view.getUint16(OFF.samples, true);
  if (samplesPerChannel === 0) throw new FrameError("bad-samples", OFF.samples, "0 samples per channel");
  if (samplesPerChannel > limits.maxSamplesPerChannel) {
    throw new FrameError("too-many-samples", OFF.samples, `${samplesPerChannel} samples per channel, at most ${limits.maxSamplesPerChannel}`);
  }
  const reserved = view.getUint16(OFF.reserved, true);
  if (reserved !== 0) throw new FrameError("bad-reserved", OFF.reserved, `reserved field is ${reserved}, must be 0`);
  const seq = view.getUint32(OFF.seq, true);
  const t0Hi = view.getUint32(OFF.t0 + 4, true);
  // 2^53 samples last 285 years at 1 MHz: a larger index is corruption, and stays an exact double below.
  if (t0Hi >= 0x200000) throw new FrameError("bad-timestamp", OFF.t0 + 4, `timestamp ≥ 2^53 samples`);
  const t0 = t0Hi * 0x100000000 + view.getUint32(OFF.t0, true);
  const rateMilliHz = view.getUint32(OFF.rate, true);
  if (rateMilliHz === 0) throw new FrameError("bad-rate", OFF.rate, "sample rate 0");
  const scale = view.getFloat32(OFF.scale, true);
  if (!Number.isFinite(scale) || scale === 0) throw new FrameError("bad-scale", OFF.scale, `scale ${scale}: must be finite and non-zero`);
  const byteLength = frameBytes(format, channels, samplesPerChannel);
  if (byteLength > limits.maxFrameBytes) {
    throw new FrameError("too-long", OFF.samples, `the header announces ${byteLength} bytes, at most ${limits.maxFrameBytes}`);
  }
  return { version, format, channels, samplesPerChannel, flags, seq, t0, rateMilliHz, scale, byteLength };
}

/** Checks the CRC of the frame at `bytes[at, at + byteLength)`; throws FrameError("crc"). */
function checkCrc(bytes: Uint8Array, at: number, byteLength: number): void {
  const end = at + byteLength - CRC_BYTES;
  const stored = (bytes[end]! | (bytes[end + 1]! << 8) | (bytes[end + 2]! << 16) | (bytes[end + 3]! << 24)) >>> 0;
  const computed = crc32c(bytes, at, end);
  if (stored !== computed) {
    throw new FrameError("crc", byteLength - CRC_BYTES, `CRC-32C 0x${stored.toString(16).padStart(8, "0")}, computed 0x${computed.toString(16).padStart(8, "0")}`);
  }
}

/** Reads the samples of a checked frame (header already parsed). */
function readSamples(bytes: Uint8Array, at: number, h: FrameHeader): Int32Array | Float32Array {
  const count = h.channels * h.samplesPerChannel;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, h.byteLength);
  let p = HEADER_BYTES;
  if (h.format === "float32") {
    const raw = new Float32Array(count);
    for (let i = 0; i < count; i++, p += 4) raw[i] = view.getFloat32(p, true);
    return raw;
  }
  const raw = new Int32Array(count);
  if (h.format === "int16") {
    for (let i = 0; i < count; i++, p += 2) raw[i] = view.getInt16(p, true);
  } else {
    for (let i = 0; i < count; i++, p += 3) {
      const u = view.getUint8(p) | (view.getUint8(p + 1) << 8) | (view.getUint8(p + 2) << 16);
      raw[i] = (u << 8) >> 8; // sign-extend bit 23
    }
  }
  return raw;
}

/**
 * Decodes exactly one frame (a datagram, an MQTT message, a record of a recording).
 * Throws only FrameError. Order of checks: length ceiling, header fields, exact length, CRC.
 */
export function decodeFrame(bytes: Uint8Array, limits: FrameLimits = DEFAULT_LIMITS): Frame {
  if (bytes.length > limits.maxFrameBytes) throw new FrameError("too-long", limits.maxFrameBytes, `${bytes.length} bytes, at most ${limits.maxFrameBytes}`);
  const h = parseHeader(bytes, limits, 0);
  if (bytes.length !== h.byteLength) {
    throw new FrameError("length-mismatch", Math.min(bytes.length, h.byteLength), `${bytes.length} bytes, the header announces ${h.byteLength}`);
  }
  checkCrc(bytes, 0, h.byteLength);
  return toFrame(bytes, 0, h);
}

function toFrame(bytes: Uint8Array, at: number, h: FrameHeader): Frame {
  return {
    version: h.version,
    format: h.format,
    channels: h.channels,
    samplesPerChannel: h.samplesPerChannel,
    seq: h.seq,
    t0: h.t0,
    rateMilliHz: h.rateMilliHz,
    fs: h.rateMilliHz / 1000,
    scale: h.scale,
    flags: h.flags,
    raw: readSamples(bytes, at, h),
    byteLength: h.byteLength,
  };
}

/** Physical values per channel: raw × scale, one IEEE double multiplication each (deterministic). */
export function toBlock(frame: Frame): Block {
  const { channels: c, samplesPerChannel: n, raw, scale } = frame;
  const channels: Float64Array[] = [];
  for (let ch = 0; ch < c; ch++) {
    const out = new Float64Array(n);
    for (let s = 0; s < n; s++) out[s] = raw[s * c + ch]! * scale;
    channels.push(out);
  }
  return { seq: frame.seq, t0: frame.t0, fs: frame.fs, channels };
}

/** What a FrameScanner found in a byte stream, in stream order. */
export type ScanEvent =
  | { kind: "frame"; frame: Frame; offset: number }
  | { kind: "skipped"; offset: number; bytes: number }
  | { kind: "error"; offset: number; error: FrameError };

/**
 * Finds frames in a byte stream (serial port, TCP, a recording read in chunks): looks for the sync
 * word, checks the header, waits for the rest of the frame across chunks, checks the CRC.
 * Bytes that are not part of a valid frame are reported as skipped (offsets are stream offsets).
 * After a bad header or CRC it resumes the search one byte after the false sync word, so a
 * corrupted length field cannot make it swallow the good frames that follow.
 * Memory is bounded: at most one frame (limits.maxFrameBytes) is buffered.
 */
export class FrameScanner {
  private buf: Uint8Array = new Uint8Array(0);
  /** Stream offset of buf[0]. */
  private base = 0;
  /** Skipped bytes not yet reported (run start in stream offsets). */
  private skipStart = -1;
  private skipCount = 0;

  constructor(private readonly limits: FrameLimits = DEFAULT_LIMITS) {}

  /** Feeds a chunk; returns what the stream revealed so far. */
  push(chunk: Uint8Array): ScanEvent[] {
    const joined = new Uint8Array(this.buf.length + chunk.length);
    joined.set(this.buf, 0);
    joined.set(chunk, this.buf.length);
    return this.scan(joined, false);
  }

  /**
   * Ends the stream: a frame cut off at the end is reported ("short"), the search resumes after its
   * sync word (a false sync word must not hide the frames behind it), and leftover bytes are skipped.
   */
  flush(): ScanEvent[] {
    return this.scan(this.buf, true);
  }

  private scan(buf: Uint8Array, final: boolean): ScanEvent[] {
    const events: ScanEvent[] = [];
    let pos = 0;
    const fail = (error: FrameError): void => {
      this.flushSkip(events);
      events.push({ kind: "error", offset: this.base + pos, error });
      this.skip(pos, 1);
      pos += 1;
    };
    for (;;) {
      const sync = findSync(buf, pos);
      if (sync < 0) {
        // keep a tail that may be the start of a sync word split across chunks
        const keep = final ? 0 : Math.min(SYNC.length - 1, buf.length - pos);
        this.skip(pos, buf.length - keep - pos);
        pos = buf.length - keep;
        break;
      }
      this.skip(pos, sync - pos);
      pos = sync;
      if (buf.length - pos < HEADER_BYTES) {
        if (!final) break;
        fail(new FrameError("short", buf.length - pos, `the stream ends ${buf.length - pos} bytes into a header`));
        continue;
      }
      let header: FrameHeader;
      try {
        header = parseHeader(buf, this.limits, pos);
      } catch (e) {
        fail(e as FrameError);
        continue;
      }
      if (buf.length - pos < header.byteLength) {
        if (!final) break;
        fail(new FrameError("short", buf.length - pos, `the stream ends ${buf.length - pos} bytes into a frame of ${header.byteLength}`));
        continue;
      }
      try {
        checkCrc(buf, pos, header.byteLength);
      } catch (e) {
        fail(e as FrameError);
        continue;
      }
      this.flushSkip(events);
      events.push({ kind: "frame", frame: toFrame(buf, pos, header), offset: this.base + pos });
      pos += header.byteLength;
    }
    this.buf = buf.slice(pos);
    this.base += pos;
    // a run of skipped bytes is reported when it ends (a frame or error follows) or at the end of the stream
    if (final) this.flushSkip(events);
    return events;
  }

  private skip(bufPos: number, count: number): void {
    if (count <= 0) return;
    if (this.skipCount === 0) this.skipStart = this.base + bufPos;
    this.skipCount += count;
  }

  private flushSkip(events: ScanEvent[]): void {
    if (this.skipCount === 0) return;
    events.push({ kind: "skipped", offset: this.skipStart, bytes: this.skipCount });
    this.skipCount = 0;
    this.skipStart = -1;
  }
}

function findSync(buf: Uint8Array, from: number): number {
  const last = buf.length - SYNC.length;
  for (let i = from; i <= last; i++) {
    if (buf[i] === SYNC[0] && buf[i + 1] === SYNC[1] && buf[i + 2] === SYNC[2] && buf[i + 3] === SYNC[3]) return i;
  }
  return -1;
}
