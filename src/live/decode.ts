// The one decode path of the live sources: an input unit as a transport delivered it (a datagram or
// MQTT payload, a chunk of a byte stream, a CSV text line) in, frames with the tracker's decision
// and quality events out. Live sources and the replay of a recorded session both go through it, so
// a recorded input replays to the same frames, decisions and events, bit for bit.
import { CsvLineDecoder, type CsvLineOptions, type LineProblem } from "./csv-lines.js";
import { decodeFrame, DEFAULT_LIMITS, FrameError, FrameScanner, type Frame, type FrameLimits } from "./frame.js";
import { StreamTracker, type Decision, type QualityEvent, type TrackerOptions } from "./tracker.js";

export type InputUnit =
  /** one datagram / MQTT payload = one frame */
  | { kind: "message"; bytes: Uint8Array }
  /** bytes of a byte stream (serial, binary frames), as read */
  | { kind: "chunk"; bytes: Uint8Array }
  /** one CSV text line (serial CSV mode), without its line end */
  | { kind: "line"; text: string };

export interface DecoderOptions extends TrackerOptions {
  /** Default: DEFAULT_LIMITS with maxChannels = channels when channels is configured. */
  limits?: FrameLimits;
  /** How line units become samples (required before the first line unit). */
  csv?: CsvLineOptions;
}

export interface Decoded {
  /** Every frame found, delivered or not; `at`: the frame comes after events[0, at). */
  frames: { frame: Frame; decision: Decision; at: number }[];
  /** Every event of the unit in order (a frame's own events come just before it). */
  events: QualityEvent[];
}

export interface SourceHandlers {
  /** Delivered frames only, in delivery order. */
  onFrame?: (frame: Frame, decision: Decision) => void;
  onEvent?: (event: QualityEvent) => void;
}

/** Hands what one unit gave to a source's handlers, in stream order: events, and delivered frames. */
export function dispatch(decoded: Decoded, handlers: SourceHandlers): void {
  let next = 0;
  for (const { frame, decision, at } of decoded.frames) {
    for (; next < at; next++) handlers.onEvent?.(decoded.events[next]!);
    if (decision.deliver) handlers.onFrame?.(frame, decision);
  }
  for (; next < decoded.events.length; next++) handlers.onEvent?.(decoded.events[next]!);
}

/** The receiver limits a source applies when none are given. */
export function defaultLimits(channels: number | undefined): FrameLimits {
  return { ...DEFAULT_LIMITS, maxChannels: channels ?? DEFAULT_LIMITS.maxChannels };
}

export class InputDecoder {
  readonly tracker: StreamTracker;
  readonly limits: FrameLimits;
  private scanner: FrameScanner | undefined;
  private lines: CsvLineDecoder | undefined;

  constructor(options: DecoderOptions = {}) {
    this.tracker = new StreamTracker(options);
    this.limits = options.limits ?? defaultLimits(options.channels);
    // a bad CSV configuration is an error when the source opens, not at the first line
    if (options.csv !== undefined) {
      this.lines = new CsvLineDecoder(options.csv);
      if (this.lines.samplesPerFrame > this.limits.maxSamplesPerChannel) {
        throw new RangeError(`CSV frames of ${this.lines.samplesPerFrame} samples: the receiver's limit is ${this.limits.maxSamplesPerChannel} samples per channel`);
      }
    }
  }

  /** Frames (with the tracker's decision) and quality events produced by one input unit, in order. */
  push(unit: InputUnit): Decoded {
    const out: Decoded = { frames: [], events: [] };
    switch (unit.kind) {
      case "message": {
        let frame: Frame;
        try {
          frame = decodeFrame(unit.bytes, this.limits);
        } catch (e) {
          if (!(e instanceof FrameError)) throw e;
          out.events.push(this.tracker.malformed(e, unit.bytes.length));
          return out;
        }
        this.classify(frame, out);
        return out;
      }
      case "chunk":
        this.scanner ??= new FrameScanner(this.limits);
        this.scan(this.scanner.push(unit.bytes), out);
        return out;
      case "line": {
        if (this.lines === undefined) throw new Error("a CSV line arrived, but the decoder has no CSV options");
        const r = this.lines.push(unit.text);
        this.lineResults(r.frames, r.problems, out);
        return out;
      }
    }
  }

  /** End of the input: a partial frame of a byte stream is reported, a partial CSV frame delivered. */
  end(): Decoded {
    const out: Decoded = { frames: [], events: [] };
    if (this.scanner !== undefined) this.scan(this.scanner.flush(), out);
    if (this.lines !== undefined) {
      const r = this.lines.end();
      this.lineResults(r.frames, r.problems, out);
    }
    return out;
  }

  private classify(frame: Frame, out: Decoded): void {
    const decision = this.tracker.frame(frame);
    out.events.push(...decision.events);
    out.frames.push({ frame, decision, at: out.events.length });
  }

  private scan(events: ReturnType<FrameScanner["push"]>, out: Decoded): void {
    for (const e of events) {
      if (e.kind === "frame") this.classify(e.frame, out);
      else if (e.kind === "skipped") out.events.push(this.tracker.skipped(e.bytes));
      // the bytes of a frame that failed are reported as skipped (from its sync byte on), not here
      else out.events.push(this.tracker.malformed(e.error, 0));
    }
  }

  private lineResults(frames: Frame[], problems: LineProblem[], out: Decoded): void {
    for (const p of problems) out.events.push(this.tracker.badLine(p.line, p.column, p.reason));
    for (const f of frames) this.classify(f, out);
  }
}
