// Per-source stream quality: decoded frames go in in arrival order; out come the decision for each
// frame (delivered to the runner or not) and typed events that say why. Nothing is interpolated or
// re-inserted: a late frame (one that arrives after a later frame was delivered) is dropped and
// counted, a lost frame stays a hole that the next delivered frame marks as a discontinuity.
// Invariant: received = accepted + duplicates + late + rejected.
import { INT_RANGE, FLAG_START, type Frame, type FrameError, type FrameErrorReason } from "./frame.js";

/** A stream-quality event: a gap, a duplicate, a reordered or rejected frame, a clock jump, a restart. */
export type QualityEvent =
  /** Sequence numbers [from, to] (inclusive, u32, may wrap) did not arrive before `seq`. */
  | { kind: "gap"; from: number; to: number; lostFrames: number; lostSamples: number }
  | { kind: "duplicate"; seq: number }
  /** A frame behind the newest one: dropped (it filled a hole that was already reported). */
  | { kind: "late"; seq: number; behind: number }
  /** A frame or datagram that did not decode (bad header, length, CRC, …). */
  | { kind: "malformed"; reason: FrameErrorReason; offset: number; bytes: number }
  /** Bytes of a byte stream between frames that belong to no frame. */
  | { kind: "skipped"; bytes: number }
  /** A text line (serial CSV mode, a replayed CSV file) that gave no sample: `line` is 1-based. */
  | { kind: "bad-line"; line: number; column?: number; reason: string }
  | { kind: "channel-mismatch"; seq: number; channels: number; expected: number }
  /** NaN or ±Infinity samples (float32 frames): the frame is rejected. */
  | { kind: "nan"; seq: number; samples: number; channels: number[] }
  /** Clipped ADC codes or values beyond the configured physical range: the frame is rejected. */
  | { kind: "over-range"; seq: number; samples: number; channels: number[] }
  /** t0 differs from the previous frame's t0 + samples by more than the tolerance. */
  | { kind: "clock-jump"; seq: number; expectedT0: number; t0: number; jump: number }
  | { kind: "rate-change"; seq: number; fromMilliHz: number; toMilliHz: number }
  /** The sender restarted (FLAG_START, or a sequence number far behind): tracking starts over. */
  | { kind: "restart"; seq: number; announced: boolean };

/** The stream-quality counters of a source. */
export interface StreamQuality {
  received: number;
  accepted: number;
  duplicates: number;
  late: number;
  /** malformed + channelMismatch + badSampleFrames. */
  rejected: number;
  malformed: number;
  malformedByReason: Partial<Record<FrameErrorReason, number>>;
  channelMismatch: number;
  /** Sequence numbers that never arrived (a late arrival takes its number off this count). */
  lost: number;
  gaps: number;
  /** Frames refused for NaN or over-range samples (a frame with both counts once). */
  badSampleFrames: number;
  nanSamples: number;
  overRangeSamples: number;
  nanFrames: number;
  overRangeFrames: number;
  clockJumps: number;
  rateChanges: number;
  restarts: number;
  skippedBytes: number;
  /** Text lines refused (CSV sources): not frames, so not in received. */
  badLines: number;
}

export interface TrackerOptions {
  /** The configured channel count: any other count is rejected. */
  channels?: number;
  /** Largest |raw × scale| accepted; beyond it a sample is over range (default: no physical limit). */
  physicalRange?: number;
  /** Clock deviation (samples) tolerated before a clock jump is reported (default 0: exact). */
  clockToleranceSamples?: number;
  /** How many recent sequence numbers are remembered to tell duplicates from late frames (default 65536). */
  window?: number;
  /**
   * A START frame repeated within this many frames of the newest one is a duplicate (a network copy);
   * later, the same (seq, t0) with START is a sender that rebooted (default 64).
   */
  duplicateHorizon?: number;
}

/** The tracker's decision on a received frame: delivered or not, and why. */
export interface Decision {
  /** True: the frame's samples go to the runner. */
  deliver: boolean;
  /** True when deliver and this frame does not directly continue the previously delivered one. */
  discontinuity: boolean;
  events: QualityEvent[];
}

const U32 = 0x100000000;
const SLOT_RECEIVED = 1;
const SLOT_MISSING = 2;

/** Signed distance a − b between two u32 sequence numbers (serial-number arithmetic, RFC 1982). */
export function seqDistance(a: number, b: number): number {
  const d = (a - b + U32) % U32;
  return d >= 0x80000000 ? d - U32 : d;
}

export class StreamTracker {
  private readonly q: StreamQuality = {
    received: 0, accepted: 0, duplicates: 0, late: 0, rejected: 0, malformed: 0, malformedByReason: {},
    channelMismatch: 0, badSampleFrames: 0, lost: 0, gaps: 0, nanSamples: 0, overRangeSamples: 0, nanFrames: 0,
    overRangeFrames: 0, clockJumps: 0, rateChanges: 0, restarts: 0, skippedBytes: 0, badLines: 0,
  };
  private readonly window: number;
  private readonly duplicateHorizon: number;
  private readonly slotSeq: Float64Array;
  /** 0 = never seen (typed arrays start at zero), SLOT_RECEIVED or SLOT_MISSING. */
  private readonly slotState: Uint8Array;
  private readonly slotT0: Float64Array;
  /** Newest in-order frame (delivered or rejected for its samples): the reference for seq and clock. */
  private head: { seq: number; t0: number; samples: number; rateMilliHz: number } | undefined;
  /** Last frame handed to the runner. */
  private lastDelivered: { seq: number; t0: number; samples: number } | undefined;
  private clockBroken = false;

  constructor(private readonly opts: TrackerOptions = {}) {
    this.window = opts.window ?? 65536;
    if (!Number.isInteger(this.window) || this.window < 2 || this.window > 1 << 24) throw new RangeError(`window ${this.window}: an integer in 2..2^24`);
    this.duplicateHorizon = opts.duplicateHorizon ?? 64;
    this.slotSeq = new Float64Array(this.window).fill(-1);
    this.slotState = new Uint8Array(this.window);
    this.slotT0 = new Float64Array(this.window);
  }

  quality(): StreamQuality {
    return { ...this.q, malformedByReason: { ...this.q.malformedByReason } };
  }

  /** A frame or datagram that failed to decode (it counts as received and rejected). */
  malformed(error: FrameError, bytes: number): QualityEvent {
    this.q.received++;
    this.q.rejected++;
    this.q.malformed++;
    this.q.malformedByReason[error.reason] = (this.q.malformedByReason[error.reason] ?? 0) + 1;
    return { kind: "malformed", reason: error.reason, offset: error.offset, bytes };
  }

  /** Garbage bytes between frames of a byte stream (not frames: not counted as received). */
  skipped(bytes: number): QualityEvent {
    this.q.skippedBytes += bytes;
    return { kind: "skipped", bytes };
  }

  /** A text line that gave no sample (CSV sources; not a frame: not counted as received). */
  badLine(line: number, column: number | undefined, reason: string): QualityEvent {
    this.q.badLines++;
    return column === undefined ? { kind: "bad-line", line, reason } : { kind: "bad-line", line, column, reason };
  }

  /** Classifies one decoded frame. */
  frame(f: Frame): Decision {
    this.q.received++;
    const events: QualityEvent[] = [];
    const samples = f.samplesPerChannel;

    const start = (f.flags & FLAG_START) !== 0;
    const slot = f.seq % this.window;
    if (this.head !== undefined && this.slotSeq[slot] === f.seq && this.slotState[slot] === SLOT_RECEIVED && this.slotT0[slot] === f.t0) {
      // the same (seq, t0) again: a copy, unless it is a START frame well after its first arrival
      // (a sender that rebooted and began again at the same seq and t0, typically 0 and 0)
      const behind = seqDistance(this.head.seq, f.seq);
      if (behind >= 0 && (!start || behind < this.duplicateHorizon)) {
        this.q.duplicates++;
        events.push({ kind: "duplicate", seq: f.seq });
        return { deliver: false, discontinuity: false, events };
      }
    }
    let restart = false;
    if (start) {
      restart = true;
      events.push({ kind: "restart", seq: f.seq, announced: true });
    } else if (this.head !== undefined) {
      const d = seqDistance(f.seq, (this.head.seq + 1) % U32);
      if (d < 0) {
        if (this.slotSeq[slot] === f.seq && this.slotState[slot] === SLOT_MISSING) {
          this.slotState[slot] = SLOT_RECEIVED;
          this.slotT0[slot] = f.t0;
          this.q.late++;
          this.q.lost--;
          events.push({ kind: "late", seq: f.seq, behind: -seqDistance(f.seq, this.head.seq) });
          return { deliver: false, discontinuity: false, events };
        }
        // behind the window, or a received number with another timestamp: the sender started over
        restart = true;
        events.push({ kind: "restart", seq: f.seq, announced: false });
      } else if (d > 0) {
        const from = (this.head.seq + 1) % U32;
        const to = (f.seq - 1 + U32) % U32;
        this.q.gaps++;
        this.q.lost += d;
        events.push({ kind: "gap", from, to, lostFrames: d, lostSamples: d * samples });
        // remember the newest missing numbers so a late arrival is recognised
        const mark = Math.min(d, this.window - 1);
        for (let k = d - mark; k < d; k++) this.setSlot((from + k) % U32, SLOT_MISSING, 0);
      }
    }
    if (restart) {
      this.q.restarts++;
      this.clockBroken = true;
      // numbers of the previous run mean nothing in the new one
      this.slotSeq.fill(-1);
      this.slotState.fill(0);
    }

    // clock: t0 must continue the reference frame (the samples of lost frames counted as this frame's size)
    if (this.head !== undefined && !restart) {
      const d = seqDistance(f.seq, this.head.seq);
      const expectedT0 = this.head.t0 + this.head.samples + (d - 1) * samples;
      const jump = f.t0 - expectedT0;
      const tol = this.opts.clockToleranceSamples ?? 0;
      if (jump > tol || jump < -tol) {
        this.q.clockJumps++;
        this.clockBroken = true;
        events.push({ kind: "clock-jump", seq: f.seq, expectedT0, t0: f.t0, jump });
      }
      if (f.rateMilliHz !== this.head.rateMilliHz) {
        this.q.rateChanges++;
        this.clockBroken = true;
        events.push({ kind: "rate-change", seq: f.seq, fromMilliHz: this.head.rateMilliHz, toMilliHz: f.rateMilliHz });
      }
    }
    this.head = { seq: f.seq, t0: f.t0, samples, rateMilliHz: f.rateMilliHz };
    this.setSlot(f.seq, SLOT_RECEIVED, f.t0);

    // the frame took its place in the sequence (no gap, no late arrival later); its content is refused
    if (this.opts.channels !== undefined && f.channels !== this.opts.channels) {
      this.q.rejected++;
      this.q.channelMismatch++;
      events.push({ kind: "channel-mismatch", seq: f.seq, channels: f.channels, expected: this.opts.channels });
      return { deliver: false, discontinuity: false, events };
    }
    const bad = this.checkSamples(f);
    if (bad.length > 0) {
      events.push(...bad);
      this.q.rejected++;
      this.q.badSampleFrames++;
      return { deliver: false, discontinuity: false, events };
    }

    const prev = this.lastDelivered;
    const discontinuity =
      prev === undefined || this.clockBroken || f.seq !== (prev.seq + 1) % U32 || f.t0 !== prev.t0 + prev.samples;
    this.clockBroken = false;
    this.lastDelivered = { seq: f.seq, t0: f.t0, samples };
    this.q.accepted++;
    return { deliver: true, discontinuity, events };
  }

  private setSlot(seq: number, state: number, t0: number): void {
    const slot = seq % this.window;
    this.slotSeq[slot] = seq;
    this.slotState[slot] = state;
    this.slotT0[slot] = t0;
  }

  /** NaN/Inf and over-range samples; each kind reported once per frame with the channels involved. */
  private checkSamples(f: Frame): QualityEvent[] {
    const { raw, channels: c, scale } = f;
    const range = this.opts.physicalRange;
    const codes = f.format === "float32" ? undefined : INT_RANGE[f.format];
    let nan = 0;
    let over = 0;
    const nanCh = new Set<number>();
    const overCh = new Set<number>();
    for (let i = 0; i < raw.length; i++) {
      const r = raw[i]!;
      const v = r * scale;
      const ch = i % c;
      if (r !== r || r === Infinity || r === -Infinity) {
        nan++;
        nanCh.add(ch);
      } else if ((codes !== undefined && (r === codes.min || r === codes.max)) || v === Infinity || v === -Infinity || (range !== undefined && (v > range || v < -range))) {
        over++;
        overCh.add(ch);
      }
    }
    const events: QualityEvent[] = [];
    if (nan > 0) {
      this.q.nanSamples += nan;
      this.q.nanFrames++;
      events.push({ kind: "nan", seq: f.seq, samples: nan, channels: [...nanCh].sort((a, b) => a - b) });
    }
    if (over > 0) {
      this.q.overRangeSamples += over;
      this.q.overRangeFrames++;
      events.push({ kind: "over-range", seq: f.seq, samples: over, channels: [...overCh].sort((a, b) => a - b) });
    }
    return events;
  }
}
