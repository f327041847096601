// NDJSON files (https://github.com/ndjson/ndjson-spec): one record per line, rotated (rotating.ts).
// Numbers are written by JSON.stringify, the shortest text that parses back to the same double, so a
// file reproduces the records bit for bit — except −0, written 0, and non-finite numbers, which JSON
// has not: null.
import { InputError } from "../../errors.js";
import type { RecordType, RunnerRecord } from "../records.js";
import { RotatingFile } from "./rotating.js";
import { errorText, selectedTypes, type Rotation, type Sink, type SinkStats } from "./sink.js";

export class NdjsonSink implements Sink {
  readonly name: string;
  private readonly file: RotatingFile;
  private readonly types: Set<RecordType>;
  private readonly counts: SinkStats = { written: 0, dropped: 0, errors: 0 };
  private closed = false;

  constructor(spec: { path: string; rotate?: Rotation; types?: RecordType[] }) {
    this.name = `ndjson ${spec.path}`;
    this.types = selectedTypes(spec);
    this.file = new RotatingFile(spec.path, spec.rotate);
  }

  write(r: RunnerRecord): void {
    if (!this.types.has(r.type)) return;
    this.counts.written++;
    if (this.closed) {
      // a closed sink never reopens a file: a late record is a counted drop
      this.counts.dropped++;
      return;
    }
    try {
      this.file.writeLine(JSON.stringify(r), r.t);
    } catch (e) {
      this.counts.dropped++;
      this.counts.errors++;
      this.counts.lastError = errorText(e);
    }
  }

  /** The files this sink created, oldest first (some may be deleted by `keep`). */
  files(): string[] {
    return [...this.file.created];
  }

  stats(): SinkStats {
    return { ...this.counts, files: this.file.created.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    try {
      this.file.close();
    } catch (e) {
      this.counts.errors++;
      this.counts.lastError = errorText(e);
    }
  }
}

/** A line of an NDJSON record log that is not a record: `file` and `line` say where. */
export class NdjsonError extends InputError {
  declare readonly file: string;
  declare readonly line: number;
  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`, { file, line });
  }
}

/**
 * Parses an NDJSON file's text. A last line without its newline is what a crash mid-write leaves: it
 * is skipped and reported as `partial`; a complete line that is not JSON is a located error.
 */
export function readNdjson(text: string, file = "<ndjson>"): { records: unknown[]; partial: boolean } {
  const lines = text.split("\n");
  const tail = lines.pop() as string;
  const records: unknown[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      records.push(JSON.parse(line));
    } catch (e) {
      throw new NdjsonError(file, i + 1, `not JSON: ${errorText(e)}`);
    }
  });
  return { records, partial: tail !== "" };
}
