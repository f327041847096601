// Serial source through `serialport`: binary frames back to back in the byte stream (found by the
// FrameScanner: garbage between frames is skipped and counted, a bad CRC is reported), or CSV text
// lines as a microcontroller sketch prints them (src/live/csv-lines.ts). When the port goes away
// (USB unplugged, the PTY closed) the source reports "disconnected", reopens the same path with
// bounded exponential backoff and reports "reconnected" with the outage; the frames the device sent
// meanwhile show up as a gap in sequence numbers (or sample indices), never filled in.
import type { SerialPort } from "serialport";
import type { CsvLineOptions } from "./csv-lines.js";
import { dispatch, InputDecoder, type DecoderOptions, type InputUnit } from "./decode.js";
import type { Frame } from "./frame.js";
import { backoffDelay, DEFAULT_BACKOFF, type Backoff, type ConnectionEvent, type ConnectionStats } from "./mqtt.js";
import type { Decision, QualityEvent, StreamQuality, StreamTracker } from "./tracker.js";

export type SerialMode = "frames" | "csv";

let serialPortClass: Promise<typeof SerialPort> | undefined;

/** `serialport` (a native addon) is loaded when a port is first opened, not by every `twin` command. */
export function loadSerialPort(): Promise<typeof SerialPort> {
  serialPortClass ??= import("serialport").then((m) => m.SerialPort);
  return serialPortClass;
}

export interface SerialEndpoint {
  path: string;
  baudRate: number;
  mode: SerialMode;
  /** CSV options given in the URL (they override the source options' csv). */
  csv: CsvLineOptions;
}

export const DEFAULT_BAUD = 115200;
/** A line longer than this (no line end in sight) is cut and handed on: it will not parse. */
export const MAX_LINE_BYTES = 65536;

const QUERY_KEYS = new Set(["baud", "mode", "fs", "index", "columns", "frame-samples", "sep", "header"]);

function column(text: string): string | number {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/**
 * Parses `serial:/dev/ttyUSB0?baud=115200&mode=frames|csv` and, for CSV lines, `fs=1000`,
 * `index=COL`, `columns=COL,COL`, `frame-samples=N`, `sep=;` (`%3B`), `header=0|1`; a column is a
 * 0-based position or a header name.
 */
export function parseSerialUrl(url: string): SerialEndpoint {
  if (!url.startsWith("serial:")) throw new Error(`${url}: expected serial:/dev/PORT?baud=115200`);
  const rest = url.slice("serial:".length);
  const q = rest.indexOf("?");
  const path = decodeURIComponent(q < 0 ? rest : rest.slice(0, q));
  if (path === "" || path.startsWith("//")) throw new Error(`${url}: no device path, expected serial:/dev/PORT?baud=115200`);
  const params = new URLSearchParams(q < 0 ? "" : rest.slice(q + 1));
  for (const key of params.keys()) {
    if (!QUERY_KEYS.has(key)) throw new Error(`${url}: unknown parameter ${JSON.stringify(key)} (known: ${[...QUERY_KEYS].join(", ")})`);
    if (params.getAll(key).length > 1) throw new Error(`${url}: parameter ${key} given twice`);
  }
  const int = (key: string, min: number): number | undefined => {
    const t = params.get(key);
    if (t === null) return undefined;
    if (!/^\d+$/.test(t) || Number(t) < min) throw new Error(`${url}: ${key}=${t}: an integer >= ${min}`);
    return Number(t);
  };
  const baudRate = int("baud", 1) ?? DEFAULT_BAUD;
  const mode = params.get("mode") ?? "frames";
  if (mode !== "frames" && mode !== "csv") throw new Error(`${url}: mode=${mode}: frames or csv`);
  const csv: CsvLineOptions = {};
  const fsText = params.get("fs");
  if (fsText !== null) {
    const fs = Number(fsText);
    if (!/^\d+(\.\d+)?$/.test(fsText) || !(fs > 0)) throw new Error(`${url}: fs=${fsText}: a sample rate in Hz > 0`);
    csv.fs = fs;
  }
  const index = params.get("index");
  if (index !== null) csv.index = column(index);
  const columns = params.get("columns");
  if (columns !== null) csv.columns = columns.split(",").map(column);
  const n = int("frame-samples", 1);
  if (n !== undefined) csv.samplesPerFrame = n;
  const sep = params.get("sep");
  if (sep !== null) csv.separator = sep;
  const header = params.get("header");
  if (header !== null) {
    if (header !== "0" && header !== "1") throw new Error(`${url}: header=${header}: 0 or 1`);
    csv.header = header === "1";
  }
  if (mode === "frames" && Object.keys(csv).length > 0) throw new Error(`${url}: ${Object.keys(csv).join(", ")} only with mode=csv`);
  return { path, baudRate, mode, csv };
}

export interface SerialSourceOptions extends DecoderOptions {
  /** `serial:/dev/PORT?...` (see parseSerialUrl). */
  url: string;
  backoff?: Partial<Backoff>;
  onFrame?: (frame: Frame, decision: Decision) => void;
  onEvent?: (event: QualityEvent) => void;
  onConnection?: (event: ConnectionEvent) => void;
  /** Every unit as received, before decoding: byte chunks (frames mode) or whole lines (CSV mode). */
  onInput?: (unit: InputUnit) => void;
  /** Port errors while running (the source keeps reopening). */
  onError?: (error: Error) => void;
}

type Phase = "up" | "down" | "closed";

/** Splits a byte stream into lines (LF, an optional CR before it dropped), UTF-8 decoded. */
class LineSplitter {
  private parts: Buffer[] = [];
  private length = 0;
  private readonly decoder = new TextDecoder("utf-8");

  push(chunk: Buffer, out: (line: string) => void): void {
    let start = 0;
    for (;;) {
      const lf = chunk.indexOf(0x0a, start);
      if (lf < 0) break;
      this.add(chunk.subarray(start, lf), out);
      out(this.take());
      start = lf + 1;
    }
    this.add(chunk.subarray(start), out);
  }

  /** What is left (a line without its end), if anything. */
  flush(out: (line: string) => void): void {
    if (this.length > 0) out(this.take());
  }

  private add(bytes: Buffer, out: (line: string) => void): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.length += bytes.length;
    if (this.length > MAX_LINE_BYTES) out(this.take());
  }

  private take(): string {
    let bytes = Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    return this.decoder.decode(bytes);
  }
}

export class SerialSource {
  readonly tracker: StreamTracker;
  readonly endpoint: SerialEndpoint;
  private phase: Phase = "up";
  private port: SerialPort | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempts = 0;
  private downSince = 0;
  private readonly stats: ConnectionStats = { connected: false, disconnects: 0, reconnects: 0, outageMs: 0 };
  private readonly lines: LineSplitter | undefined;
  private readonly backoff: Backoff;

  private constructor(
    private readonly options: SerialSourceOptions,
    endpoint: SerialEndpoint,
    private readonly decoder: InputDecoder,
  ) {
    this.endpoint = endpoint;
    this.tracker = decoder.tracker;
    this.lines = endpoint.mode === "csv" ? new LineSplitter() : undefined;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  /** Opens the port; rejects when the first open fails (no such device, permission). */
  static async open(options: SerialSourceOptions): Promise<SerialSource> {
    const endpoint = parseSerialUrl(options.url);
    const csv = endpoint.mode === "csv" ? { ...options.csv, ...endpoint.csv } : undefined;
    if (endpoint.mode === "csv" && csv?.fs === undefined) throw new Error(`${options.url}: CSV lines need fs (the sample rate in Hz, e.g. &fs=1000)`);
    const { csv: _ignored, ...rest } = options;
    void _ignored;
    const decoder = new InputDecoder(csv === undefined ? rest : { ...rest, csv });
    const source = new SerialSource(options, endpoint, decoder);
    const b = source.backoff;
    if (!(b.initialMs > 0) || !(b.maxMs >= b.initialMs)) throw new RangeError(`backoff ${b.initialMs}→${b.maxMs} ms: need 0 < initial ≤ max`);
    source.port = await source.openPort();
    source.stats.connected = true;
    return source;
  }

  quality(): StreamQuality {
    return this.tracker.quality();
  }

  connection(): ConnectionStats {
    return { ...this.stats };
  }

  /** Closes the port, ends the stream (a partial frame or line is reported) and stops reopening; safe to call twice. */
  async close(): Promise<void> {
    if (this.phase === "closed") return;
    this.phase = "closed";
    this.stats.connected = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const port = this.port;
    this.port = undefined;
    if (port !== undefined && port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.lines?.flush((text) => this.unit({ kind: "line", text }));
    dispatch(this.decoder.end(), this.options);
  }

  private unit(unit: InputUnit): void {
    this.options.onInput?.(unit);
    dispatch(this.decoder.push(unit), this.options);
  }

  private async openPort(): Promise<SerialPort> {
    const { path, baudRate } = this.endpoint;
    const SerialPortClass = await loadSerialPort();
    return await new Promise<SerialPort>((resolve, reject) => {
      const port = new SerialPortClass({ path, baudRate, autoOpen: false });
      port.open((err) => {
        if (err) {
          reject(new Error(`${this.options.url}: cannot open ${path}: ${err.message}`));
          return;
        }
        port.on("data", (chunk: Buffer) => {
          if (this.port !== port) return;
          if (this.lines !== undefined) this.lines.push(chunk, (text) => this.unit({ kind: "line", text }));
          else this.unit({ kind: "chunk", bytes: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) });
        });
        port.on("error", (e: Error) => {
          if (this.port === port && this.phase === "up") this.options.onError?.(e);
        });
        port.on("close", (e: (Error & { disconnected?: boolean }) | null) => {
          if (this.port !== port || this.phase !== "up") return;
          this.lost(e ?? undefined);
        });
        resolve(port);
      });
    });
  }

  /** The port went away: report it once and start reopening. */
  private lost(error: Error | undefined): void {
    this.phase = "down";
    this.port = undefined;
    this.downSince = Date.now();
    this.stats.connected = false;
    this.stats.disconnects++;
    this.attempts = 0;
    this.options.onConnection?.(error === undefined ? { kind: "disconnected" } : { kind: "disconnected", error: error.message });
    this.retry();
  }

  private retry(): void {
    this.attempts++;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.phase !== "down") return;
      this.openPort().then(
        (port) => {
          if (this.phase !== "down") {
            port.close();
            return;
          }
          this.port = port;
          this.phase = "up";
          const outageMs = Date.now() - this.downSince;
          this.stats.connected = true;
          this.stats.reconnects++;
          this.stats.outageMs += outageMs;
          this.options.onConnection?.({ kind: "reconnected", outageMs, attempts: this.attempts });
        },
        () => {
          if (this.phase === "down") this.retry();
        },
      );
    }, backoffDelay(this.attempts, this.backoff));
  }
}
