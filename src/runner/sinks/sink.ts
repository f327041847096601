// What every sink of the runner is, and the configuration that opens one (`sinks` in the runner's
// configuration, JSON). A sink never throws from write(): a failed write, a dropped record or a lost
// connection is counted in stats() for the status line and the summary, and the run goes on.
import { InputError } from "../../errors.js";
import { isRecordType, RECORD_TYPES, type RecordType, type RunnerRecord } from "../records.js";

export interface SinkStats {
  /** Records handed to write() that this sink takes (after its type filter). */
  written: number;
  /** Records it could not deliver (queue full, slow client, failed write), never retried later. */
  dropped: number;
  /** Write or connection errors. */
  errors: number;
  lastError?: string;
  [k: string]: unknown;
}

export interface Sink {
  /** e.g. `ndjson out/run-{n}.ndjson`, `feed http://127.0.0.1:8080`. */
  readonly name: string;
  write(r: RunnerRecord): void;
  /** Flushes what it holds (files: fsync; MQTT: drains its queue while connected) and releases everything. */
  close(): Promise<void>;
  stats(): SinkStats;
}

/** File rotation: a new file when the current one would exceed maxBytes, or spans maxSeconds of record time. */
export interface Rotation {
  maxBytes?: number;
  /** Span of the records' sample-clock time `t` in one file (seconds). */
  maxSeconds?: number;
  /** How many files of the pattern to keep (the oldest are deleted); default: all. */
  keep?: number;
}

/** A sink of the configuration's `sinks`: an NDJSON or CSV file, MQTT topics, or the browser feed. */
export type SinkSpec =
  /** One JSON record per line. path: a pattern with {n} (file index) and optionally {t} (first record's time, ms). */
  | { type: "ndjson"; path: string; rotate?: Rotation; types?: RecordType[] }
  /** One CSV file per record type. path: a pattern with {type} and, when rotating, {n}; optionally {t}. */
  | { type: "csv"; path: string; rotate?: Rotation; types?: RecordType[] }
  /** JSON messages on <prefix>/estimates, /state, /spc, /alarms, /quality, /status, and /notice for drops. */
  | { type: "mqtt"; url: string; prefix: string; qos?: 0 | 1 | 2; queue?: number; types?: RecordType[] }
  /** Server-Sent Events (GET /events) and WebSocket (/ws) on loopback, clients choosing types by ?types=. */
  | { type: "feed"; host?: string; port?: number; maxBufferBytes?: number; types?: RecordType[] };

export type SinkType = SinkSpec["type"];

/** A sink specification that is not valid, or a sink that cannot open: `path` is the JSON path at fault (`sinks[1].path`). */
export class SinkConfigError extends InputError {
  declare readonly path: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`, { path });
  }
}

const TYPES_SCHEMA = { type: "array", items: { enum: [...RECORD_TYPES] }, uniqueItems: true, minItems: 1 } as const;
const ROTATE_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    maxBytes: { type: "integer", minimum: 1 },
    maxSeconds: { type: "number", exclusiveMinimum: 0 },
    keep: { type: "integer", minimum: 1 },
  },
} as const;

/** JSON Schema (2020-12) fragment of one SinkSpec, for the runner's configuration schema. */
export const SINK_SCHEMA = {
  oneOf: [
    {
      type: "object", required: ["type", "path"], additionalProperties: false,
      properties: { type: { const: "ndjson" }, path: { type: "string", minLength: 1 }, rotate: ROTATE_SCHEMA, types: TYPES_SCHEMA },
    },
    {
      type: "object", required: ["type", "path"], additionalProperties: false,
      properties: { type: { const: "csv" }, path: { type: "string", pattern: "\\{type\\}" }, rotate: ROTATE_SCHEMA, types: TYPES_SCHEMA },
    },
    {
      type: "object", required: ["type", "url", "prefix"], additionalProperties: false,
      properties: {
        type: { const: "mqtt" }, url: { type: "string", pattern: "^mqtt://" }, prefix: { type: "string", minLength: 1 },
        qos: { enum: [0, 1, 2] }, queue: { type: "integer", minimum: 1 }, types: TYPES_SCHEMA,
      },
    },
    {
      type: "object", required: ["type"], additionalProperties: false,
      properties: {
        type: { const: "feed" }, host: { enum: ["127.0.0.1", "::1", "localhost"] }, port: { type: "integer", minimum: 0, maximum: 65535 },
        maxBufferBytes: { type: "integer", minimum: 1024 }, types: TYPES_SCHEMA,
      },
    },
  ],
} as const;

const FIELDS: Record<SinkType, readonly string[]> = {
  ndjson: ["type", "path", "rotate", "types"],
  csv: ["type", "path", "rotate", "types"],
  mqtt: ["type", "url", "prefix", "qos", "queue", "types"],
  feed: ["type", "host", "port", "maxBufferBytes", "types"],
};

const isInt = (v: unknown, min: number, max = Number.MAX_SAFE_INTEGER): boolean => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/** Checks sink specifications as read from JSON; errors are located as `<where>[i].<field>: reason`. */
export function checkSinkSpecs(specs: unknown, where = "sinks"): SinkSpec[] {
  if (!Array.isArray(specs)) throw new SinkConfigError(where, "expected an array of sinks");
  specs.forEach((spec: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof spec !== "object" || spec === null || Array.isArray(spec)) throw new SinkConfigError(at, "expected an object");
    const o = spec as Record<string, unknown>;
    const type = o.type as SinkType;
    if (typeof type !== "string" || !(type in FIELDS)) throw new SinkConfigError(`${at}.type`, `expected one of ${Object.keys(FIELDS).join(", ")}`);
    for (const k of Object.keys(o)) if (!FIELDS[type].includes(k)) throw new SinkConfigError(`${at}.${k}`, `unknown field of a ${type} sink (expected ${FIELDS[type].join(", ")})`);
    if (o.types !== undefined) {
      if (!Array.isArray(o.types) || o.types.length === 0) throw new SinkConfigError(`${at}.types`, `expected a non-empty array of ${RECORD_TYPES.join(", ")}`);
      o.types.forEach((t: unknown, j) => {
        if (typeof t !== "string" || !isRecordType(t)) throw new SinkConfigError(`${at}.types[${j}]`, `unknown record type ${JSON.stringify(t)} (expected ${RECORD_TYPES.join(", ")})`);
        if (o.types !== undefined && (o.types as unknown[]).indexOf(t) !== j) throw new SinkConfigError(`${at}.types[${j}]`, `${t} listed twice`);
      });
    }
    if (type === "ndjson" || type === "csv") {
      if (typeof o.path !== "string" || o.path === "") throw new SinkConfigError(`${at}.path`, "expected a file path pattern");
      const rot = o.rotate;
      if (rot !== undefined) {
        if (typeof rot !== "object" || rot === null || Array.isArray(rot)) throw new SinkConfigError(`${at}.rotate`, "expected an object");
        const r = rot as Record<string, unknown>;
        for (const k of Object.keys(r)) if (!["maxBytes", "maxSeconds", "keep"].includes(k)) throw new SinkConfigError(`${at}.rotate.${k}`, "unknown field (expected maxBytes, maxSeconds, keep)");
        if (r.maxBytes !== undefined && !isInt(r.maxBytes, 1)) throw new SinkConfigError(`${at}.rotate.maxBytes`, "expected an integer ≥ 1");
        if (r.maxSeconds !== undefined && !(typeof r.maxSeconds === "number" && Number.isFinite(r.maxSeconds) && r.maxSeconds > 0)) throw new SinkConfigError(`${at}.rotate.maxSeconds`, "expected a number > 0");
        if (r.keep !== undefined && !isInt(r.keep, 1)) throw new SinkConfigError(`${at}.rotate.keep`, "expected an integer ≥ 1");
        if ((r.maxBytes !== undefined || r.maxSeconds !== undefined || r.keep !== undefined) && !o.path.includes("{n}")) throw new SinkConfigError(`${at}.path`, "a rotated file's pattern needs {n} (the file index)");
      }
      if (type === "csv" && !o.path.includes("{type}")) throw new SinkConfigError(`${at}.path`, "a csv sink writes one file per record type: the pattern needs {type}");
      const dirPart = o.path.replace(/[^/]*$/, "");
      if (/\{(n|t|type)\}/.test(dirPart)) throw new SinkConfigError(`${at}.path`, "{n}, {t} and {type} only in the file name, not in its directory");
    } else if (type === "mqtt") {
      if (typeof o.url !== "string" || !o.url.startsWith("mqtt://")) throw new SinkConfigError(`${at}.url`, "expected mqtt://host[:port]");
      if (typeof o.prefix !== "string" || o.prefix === "" || /[+#\u0000]/.test(o.prefix) || o.prefix.endsWith("/")) throw new SinkConfigError(`${at}.prefix`, "expected a topic prefix without wildcards or trailing slash, e.g. twin/rig1");
      if (o.qos !== undefined && o.qos !== 0 && o.qos !== 1 && o.qos !== 2) throw new SinkConfigError(`${at}.qos`, "expected 0, 1 or 2");
      if (o.queue !== undefined && !isInt(o.queue, 1)) throw new SinkConfigError(`${at}.queue`, "expected an integer ≥ 1 (messages held while the broker is away)");
    } else {
      if (o.host !== undefined && !["127.0.0.1", "::1", "localhost"].includes(o.host as string)) throw new SinkConfigError(`${at}.host`, "the feed serves loopback only: 127.0.0.1, ::1 or localhost");
      if (o.port !== undefined && !isInt(o.port, 0, 65535)) throw new SinkConfigError(`${at}.port`, "expected an integer in 0..65535 (0: a free port)");
      if (o.maxBufferBytes !== undefined && !isInt(o.maxBufferBytes, 1024)) throw new SinkConfigError(`${at}.maxBufferBytes`, "expected an integer ≥ 1024");
    }
  });
  return specs as SinkSpec[];
}

/** The record types a spec selects (all when it names none). */
export function selectedTypes(spec: { types?: RecordType[] }, defaults: readonly RecordType[] = RECORD_TYPES): Set<RecordType> {
  return new Set(spec.types ?? defaults);
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
