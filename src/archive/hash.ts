// Output hashes of recorded runs: SHA-256 over a canonical encoding in which every number counts by
// its IEEE-754 binary64 bits, NaNs canonicalised (engines differ in NaN payloads: V8 and wasmtime give
// 0xfff8…, wabt 0x7ff8…; DESIGN.md), and the rest of the text counts by its structure. Documented in
// docs/archive.md ("Output hashes"); the definition is versioned by HASH_SCHEME and must never change.
import { createHash, type Hash } from "node:crypto";
import { type Json, parseJson } from "../io/json.js";

export const HASH_SCHEME = "twin-canonical-hash/1";

/** How an output is read for hashing: JSON values, text with numbers, or raw bytes. */
export type HashMode = "json" | "text" | "bytes";

/** The canonical NaN: quiet, positive, no payload. */
const CANONICAL_NAN_HI = 0x7ff80000;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function sha512Hex(bytes: Uint8Array | string): string {
  return createHash("sha512").update(bytes).digest("hex");
}

const scratch = new DataView(new ArrayBuffer(8));

function putNumber(h: Hash, x: number): void {
  if (Number.isNaN(x)) {
    scratch.setUint32(0, CANONICAL_NAN_HI);
    scratch.setUint32(4, 0);
  } else {
    scratch.setFloat64(0, x); // big-endian
  }
  h.update("d");
  h.update(new Uint8Array(scratch.buffer.slice(0)));
}

function putLength(h: Hash, tag: string, n: number): void {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  h.update(tag);
  h.update(b);
}

function putString(h: Hash, s: string): void {
  const b = Buffer.from(s, "utf8");
  putLength(h, "s", b.length);
  h.update(b);
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function putJson(h: Hash, v: Json): void {
  if (v === null) h.update("n");
  else if (v === true) h.update("t");
  else if (v === false) h.update("f");
  else if (typeof v === "number") putNumber(h, v);
  else if (typeof v === "string") putString(h, v);
  else if (Array.isArray(v)) {
    putLength(h, "[", v.length);
    for (const x of v) putJson(h, x);
  } else {
    // RFC 8259 §4: object members are unordered, so they are hashed sorted by key
    const keys = Object.keys(v).sort(compareCodeUnits);
    putLength(h, "{", keys.length);
    for (const k of keys) {
      putString(h, k);
      putJson(h, v[k]!);
    }
  }
}

/** A number in text: decimal with optional exponent, or NaN / Infinity with an optional sign. */
const NUMBER_TOKEN = /[+-]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|NaN|Infinity)/g;

function putText(h: Hash, text: string): void {
  let last = 0;
  for (const m of text.matchAll(NUMBER_TOKEN)) {
    if (m.index! > last) putString(h, text.slice(last, m.index));
    putNumber(h, Number(m[0]));
    last = m.index! + m[0].length;
  }
  if (last < text.length) putString(h, text.slice(last));
}

/** The mode an output is hashed in: JSON when it parses as JSON, text when it is UTF-8, else bytes. */
export function detectMode(bytes: Uint8Array): HashMode {
  const text = decodeUtf8(bytes);
  if (text === undefined) return "bytes";
  try {
    parseJson(text);
    return "json";
  } catch {
    return "text";
  }
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The canonical hash of an output in a given mode; undefined when the bytes cannot be read in that mode
 * (e.g. a rerun printed something that is not JSON where JSON was recorded).
 */
export function canonicalHash(bytes: Uint8Array, mode: HashMode): string | undefined {
  const h = createHash("sha256");
  h.update(`${HASH_SCHEME}\n${mode}\n`);
  if (mode === "bytes") {
    h.update(bytes);
    return h.digest("hex");
  }
  const text = decodeUtf8(bytes);
  if (text === undefined) return undefined;
  if (mode === "text") {
    putText(h, text);
    return h.digest("hex");
  }
  let value: Json;
  try {
    value = parseJson(text);
  } catch {
    return undefined;
  }
  putJson(h, value);
  return h.digest("hex");
}
