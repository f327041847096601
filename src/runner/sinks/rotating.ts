// A file of whole lines under a name pattern, rotated between lines. `{n}` in the pattern is the
// file index (6 digits, continuing after the highest index already on disk, so a restarted run never
// overwrites), `{t}` the sample-clock time of the file's first line in whole milliseconds (12 digits).
// Each line goes out in one write loop before the next is looked at, and a file is fsynced and closed
// before the next one is created: a closed file never ends in a half line; a crash leaves at most a
// partial last line in the newest file (readNdjson() skips it). Files are created on their first line,
// so a sink that receives nothing leaves no empty file.
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Rotation } from "./sink.js";

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export class RotatingFile {
  private fd: number | undefined;
  private path: string | undefined;
  private size = 0;
  private firstT = NaN;
  private header: string | undefined;
  private next: number;
  private readonly dir: string;
  private readonly re: RegExp;
  /** Every file this writer created, oldest first (deleted ones included). */
  readonly created: string[] = [];

  constructor(
    private readonly pattern: string,
    private readonly rotation: Rotation = {},
  ) {
    this.dir = dirname(pattern);
    const name = basename(pattern);
    const src = name.split(/(\{n\}|\{t\})/).map((part) => (part === "{n}" ? "(\\d{6,})" : part === "{t}" ? "\\d{12,}" : escapeRe(part))).join("");
    this.re = new RegExp(`^${src}$`);
    mkdirSync(this.dir, { recursive: true });
    this.next = Math.max(0, ...this.existing().map((f) => f.index)) + 1;
  }

  /**
   * Appends one line (without its newline). `t` is the record's time (NaN: none) for time rotation;
   * `header` is the line every file must start with (CSV): a different header starts a new file.
   */
  writeLine(line: string, t: number, header?: string): void {
    const bytes = Buffer.byteLength(line, "utf8") + 1;
    if (this.fd !== undefined) {
      const { maxBytes, maxSeconds } = this.rotation;
      if (
        (header !== undefined && header !== this.header) ||
        (maxBytes !== undefined && this.size + bytes > maxBytes) ||
        (maxSeconds !== undefined && Number.isFinite(t) && Number.isFinite(this.firstT) && t - this.firstT >= maxSeconds)
      ) this.closeFile();
    }
    if (this.fd === undefined) this.openFile(t, header);
    if (Number.isNaN(this.firstT) && Number.isFinite(t)) this.firstT = t;
    this.put(line + "\n");
  }

  /** Fsyncs and closes the current file; the next line opens a new one. */
  rotate(): void {
    if (this.fd !== undefined) this.closeFile();
  }

  close(): void {
    this.rotate();
  }

  /** The file being written, if any. */
  current(): string | undefined {
    return this.path;
  }

  /** Files of this pattern on disk with their index, oldest first (files without {n}: index 0). */
  existing(): { path: string; index: number }[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .map((n) => ({ n, m: this.re.exec(n) }))
      .filter((x) => x.m !== null)
      .map((x) => ({ path: join(this.dir, x.n), index: x.m![1] !== undefined ? Number(x.m![1]) : 0 }))
      .sort((a, b) => a.index - b.index || (a.path < b.path ? -1 : 1));
  }

  private openFile(t: number, header: string | undefined): void {
    const ms = Number.isFinite(t) ? Math.max(0, Math.floor(t * 1000)) : 0;
    for (;;) {
      const path = join(this.dir, basename(this.pattern).replaceAll("{n}", String(this.next).padStart(6, "0")).replaceAll("{t}", String(ms).padStart(12, "0")));
      this.next++;
      try {
        // "a" when the pattern has no {n}: one file appended to across runs; otherwise never clobber
        this.fd = openSync(path, this.pattern.includes("{n}") ? "wx" : "a", 0o644);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "EEXIST") continue;
        throw e;
      }
      this.path = path;
      this.created.push(path);
      break;
    }
    this.size = 0;
    this.firstT = NaN;
    this.header = header;
    if (header !== undefined) this.put(header + "\n");
    this.prune();
  }

  private closeFile(): void {
    const fd = this.fd!;
    this.fd = undefined;
    this.path = undefined;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private put(text: string): void {
    const buf = Buffer.from(text, "utf8");
    for (let off = 0; off < buf.length; ) off += writeSync(this.fd!, buf, off, buf.length - off);
    this.size += buf.length;
  }

  /** Deletes the oldest files of the pattern beyond `keep` (the current one counts). */
  private prune(): void {
    const keep = this.rotation.keep;
    if (keep === undefined) return;
    const files = this.existing();
    for (const f of files.slice(0, Math.max(0, files.length - keep))) if (f.path !== this.path) rmSync(f.path, { force: true });
  }
}
