// The input recording of a runner session, `input.twrec`: every input unit exactly as a source
// received it (before decoding) with its arrival time, so the session replays through the same
// InputDecoder to the same frames, decisions and events (docs/sources.md has the format):
//
//   "TWINREC1" (8 bytes), then records: u8 kind (1 message, 2 chunk, 3 line as UTF-8),
//   u32 LE byte length, f64 LE arrival time (ms since the recording started), the bytes.
//
// The file only grows (appends), so a process killed mid-write leaves every whole record intact and
// at most one torn record at the end: the reader returns the whole records and says how many bytes
// it dropped; it never throws on a truncated tail.
import { open, type FileHandle } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { InputError } from "../errors.js";
import type { InputUnit } from "./decode.js";

export const RECORDING_MAGIC = "TWINREC1";
const MAGIC = new TextEncoder().encode(RECORDING_MAGIC);
/** kind (1) + length (4) + time (8) */
export const RECORD_HEADER_BYTES = 13;
const KIND_CODE = { message: 1, chunk: 2, line: 3 } as const;
/** Buffered bytes beyond which append() starts a write without waiting for flush(). */
const WRITE_BEHIND_BYTES = 1 << 20;
/** Largest record accepted when reading (a corrupted length must not allocate gigabytes). */
export const MAX_RECORD_BYTES = 1 << 26;

export interface RecordedUnit {
  unit: InputUnit;
  /** Arrival time, ms since the recording started. */
  atMs: number;
}

export interface RecorderOptions {
  /** Continue an existing recording (a restarted session): a torn last record is cut first. Default: the file must not exist. */
  append?: boolean;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8", { fatal: false });

/** One record's bytes. */
export function encodeRecord(unit: InputUnit, atMs: number): Uint8Array {
  if (!Number.isFinite(atMs) || atMs < 0) throw new RangeError(`arrival time ${atMs} ms: finite and >= 0`);
  const body = unit.kind === "line" ? utf8.encode(unit.text) : unit.bytes;
  if (body.length > 0xffffffff) throw new RangeError(`record of ${body.length} bytes: at most 2^32 - 1`);
  const out = new Uint8Array(RECORD_HEADER_BYTES + body.length);
  const v = new DataView(out.buffer);
  v.setUint8(0, KIND_CODE[unit.kind]);
  v.setUint32(1, body.length, true);
  v.setFloat64(5, atMs, true);
  out.set(body, RECORD_HEADER_BYTES);
  return out;
}

/**
 * Appends units to a recording. append() is synchronous (it copies the unit into a buffer, so a
 * source may reuse its buffers); the bytes reach the file at flush(), close(), or in the background
 * once 1 MiB is buffered. Writes are sequential appends.
 */
export class InputRecorder {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private writing: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private closed = false;
  private _records = 0;
  private _bytes: number;
  /** File offset the next write goes to. */
  private writtenTo: number;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    bytes: number,
  ) {
    this._bytes = bytes;
    this.writtenTo = bytes;
  }

  /** Records appended (those of an appended-to file included). */
  get records(): number {
    return this._records;
  }

  /** Bytes of the file once everything appended is written (magic included). */
  get bytes(): number {
    return this._bytes;
  }

  static async open(path: string, options: RecorderOptions = {}): Promise<InputRecorder> {
    if (options.append) {
      let existing: { records: number; validBytes: number } | undefined;
      try {
        const r = scanRecording(readFileSync(path), path);
        existing = { records: r.records.length, validBytes: r.validBytes };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
      if (existing !== undefined) {
        const handle = await open(path, "r+");
        // cut a torn record so the next one starts where a reader expects a record
        await handle.truncate(existing.validBytes);
        const rec = new InputRecorder(path, handle, existing.validBytes);
        rec._records = existing.records;
        return rec;
      }
    }
    const handle = await open(path, "wx");
    const rec = new InputRecorder(path, handle, 0);
    rec.enqueue(MAGIC);
    await rec.flush();
    return rec;
  }

  /** Appends one unit received `atMs` milliseconds after the recording started. */
  append(unit: InputUnit, atMs: number): void {
    if (this.closed) throw new Error(`${this.path}: the recording is closed`);
    this.enqueue(encodeRecord(unit, atMs));
    this._records++;
    if (this.pendingBytes >= WRITE_BEHIND_BYTES) void this.flush().catch(() => {});
  }

  /** Writes what was appended; rejects with the first write error. */
  async flush(): Promise<void> {
    if (this.pending.length > 0) {
      const chunks = this.pending;
      this.pending = [];
      this.pendingBytes = 0;
      const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      this.writing = this.writing.then(async () => {
        if (this.failure !== undefined) return;
        try {
          // the handle was opened for appending at its end: write at the known end offset
          for (let off = 0; off < data.length; ) {
            const { bytesWritten } = await this.handle.write(data, off, data.length - off, this.writtenTo);
            off += bytesWritten;
            this.writtenTo += bytesWritten;
          }
        } catch (e) {
          this.failure = new Error(`${this.path}: cannot write the recording: ${(e as Error).message}`);
        }
      });
    }
    await this.writing;
    if (this.failure !== undefined) throw this.failure;
  }

  /** Flushes and closes the file (fsync first: the recording is the session's evidence); safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flush();
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  private enqueue(bytes: Uint8Array): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this._bytes += bytes.length;
  }
}

interface Scan {
  records: { kind: number; offset: number; length: number; atMs: number }[];
  validBytes: number;
}

function scanRecording(buf: Uint8Array, path: string): Scan {
  if (buf.length < MAGIC.length || MAGIC.some((b, i) => buf[i] !== b)) {
    // a file cut inside the magic is a recording that holds nothing yet
    if (buf.length < MAGIC.length && MAGIC.slice(0, buf.length).every((b, i) => buf[i] === b)) return { records: [], validBytes: 0 };
    throw new InputError(`${path}: byte 0: not a twin input recording (expected the magic "${RECORDING_MAGIC}")`);
  }
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const records: Scan["records"] = [];
  let p = MAGIC.length;
  while (buf.length - p >= RECORD_HEADER_BYTES) {
    const kind = view.getUint8(p);
    if (kind < 1 || kind > 3) throw new InputError(`${path}: byte ${p}: record kind ${kind} (1 message, 2 chunk, 3 line)`);
    const length = view.getUint32(p + 1, true);
    if (length > MAX_RECORD_BYTES) throw new InputError(`${path}: byte ${p + 1}: record of ${length} bytes, at most ${MAX_RECORD_BYTES}`);
    const atMs = view.getFloat64(p + 5, true);
    if (!Number.isFinite(atMs) || atMs < 0) throw new InputError(`${path}: byte ${p + 5}: arrival time ${atMs} ms`);
    if (buf.length - p - RECORD_HEADER_BYTES < length) break; // torn last record
    records.push({ kind, offset: p + RECORD_HEADER_BYTES, length, atMs });
    p += RECORD_HEADER_BYTES + length;
  }
  return { records, validBytes: p };
}

export interface InputRecording {
  /** The whole records, in file order; iterable any number of times. */
  records: Iterable<RecordedUnit>;
  /** How many there are. */
  count: number;
  /** Bytes of a torn last record that were dropped (0 for a file closed normally). */
  truncatedBytes: number;
}

/**
 * Reads a recording (synchronously, whole). A file cut short (kill -9 during a write) gives its
 * whole records and the number of bytes dropped; a bad magic, an unknown record kind or an absurd
 * length is an InputError naming the byte.
 */
export function readInputRecording(path: string): InputRecording {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${path}: cannot read: ${err.code ?? err.message}`);
  }
  const scan = scanRecording(buf, path);
  const records: Iterable<RecordedUnit> = {
    *[Symbol.iterator]() {
      for (const r of scan.records) {
        const bytes = new Uint8Array(buf.buffer, buf.byteOffset + r.offset, r.length);
        const unit: InputUnit = r.kind === 1 ? { kind: "message", bytes } : r.kind === 2 ? { kind: "chunk", bytes } : { kind: "line", text: utf8Decoder.decode(bytes) };
        yield { unit, atMs: r.atMs };
      }
    },
  };
  return { records, count: scan.records.length, truncatedBytes: buf.length - scan.validBytes };
}
