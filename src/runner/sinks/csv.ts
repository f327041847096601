// CSV files (RFC 4180), one file per record type, each starting with its header row and rotated like
// the NDJSON files (rotating.ts). Records of type "estimates" give one row per sample (t, then one column per virtual
// sensor); windows flatten their features into columns; a change of columns (other sensors, other
// features) starts a new file with the new header. Numbers are JavaScript's shortest round-trip text
// (NaN, Infinity as such), so src/io/csv.ts reads back the same doubles.
import type { RecordType, RunnerRecord } from "../records.js";
import { RotatingFile } from "./rotating.js";
import { errorText, selectedTypes, type Rotation, type Sink, type SinkStats } from "./sink.js";

/** The record types a csv sink writes unless told otherwise (status lines are for NDJSON). */
export const CSV_DEFAULT_TYPES: readonly RecordType[] = ["estimates", "window", "spc", "alarm", "quality"];

/** RFC 4180 §2.6–2.7: quote a field holding a delimiter, quote or line break (and blanks the reader would trim). */
export function csvField(v: string | number | boolean | undefined): string {
  if (v === undefined) return "";
  // String(-0) is "0": keep the sign so the reader gets the same double back
  const s = Object.is(v, -0) ? "-0" : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const row = (fields: (string | number | boolean | undefined)[]): string => fields.map(csvField).join(",");

/** Header and data lines of one record. */
export function csvRows(r: RunnerRecord): { header: string; lines: string[] } {
  switch (r.type) {
    case "estimates": {
      const n = r.values.reduce((m, v) => Math.max(m, v.length), 0);
      const lines: string[] = [];
      // t_i = t + i / fs: the sample clock of sample i of the block
      for (let i = 0; i < n; i++) lines.push(row([r.t + i / r.fs, ...r.values.map((v) => v[i])]));
      return { header: row(["t", ...r.names]), lines };
    }
    case "window": {
      const keys = Object.keys(r.features);
      return { header: row(["t", "state", "novelty", "confidence", "rpm", ...keys]), lines: [row([r.t, r.state, r.novelty, r.confidence, r.rpm, ...keys.map((k) => r.features[k])])] };
    }
    case "spc":
      return { header: "t,monitor,value,center,lcl,ucl,rules", lines: [row([r.t, r.monitor, r.value, r.center, r.lcl, r.ucl, r.rules.join(";")])] };
    case "alarm":
      return {
        header: "t,id,source,from,state,event,value,rule,priority,annunciated,user,message",
        lines: [row([r.t, r.id, r.source, r.from, r.state, r.event, r.value, r.rule, r.priority, r.annunciated, r.user, r.message])],
      };
    case "quality":
      return { header: "t,source,event", lines: [row([r.t, r.source, JSON.stringify(r.event)])] };
    case "status": {
      const { type: _type, t, ...rest } = r;
      return { header: "t,status", lines: [row([t, JSON.stringify(rest)])] };
    }
  }
}

export class CsvSink implements Sink {
  readonly name: string;
  private readonly files = new Map<RecordType, RotatingFile>();
  private readonly types: Set<RecordType>;
  private readonly counts: SinkStats = { written: 0, dropped: 0, errors: 0 };
  private closed = false;

  constructor(private readonly spec: { path: string; rotate?: Rotation; types?: RecordType[] }) {
    this.name = `csv ${spec.path}`;
    this.types = selectedTypes(spec, CSV_DEFAULT_TYPES);
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
      let f = this.files.get(r.type);
      if (f === undefined) {
        f = new RotatingFile(this.spec.path.replaceAll("{type}", r.type), this.spec.rotate);
        this.files.set(r.type, f);
      }
      const { header, lines } = csvRows(r);
      for (const line of lines) f.writeLine(line, r.t, header);
    } catch (e) {
      this.counts.dropped++;
      this.counts.errors++;
      this.counts.lastError = errorText(e);
    }
  }

  /** The files created for one record type, oldest first. */
  filesOf(type: RecordType): string[] {
    return [...(this.files.get(type)?.created ?? [])];
  }

  stats(): SinkStats {
    return { ...this.counts, files: [...this.files.values()].reduce((n, f) => n + f.created.length, 0) };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const f of this.files.values()) {
      try {
        f.close();
      } catch (e) {
        this.counts.errors++;
        this.counts.lastError = errorText(e);
      }
    }
  }
}
