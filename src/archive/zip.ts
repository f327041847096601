// Deterministic ZIP (PKWARE APPNOTE 6.3.10) of a bag: entries sorted by name, one fixed timestamp
// (SOURCE_DATE_EPOCH, see reproducible-builds.org), fixed attributes, no extra fields, DEFLATE at level 9
// from node:zlib. The same files give the same bytes with the same zlib. Reading checks every header,
// size and CRC-32, refuses what it does not implement (encryption, ZIP64, other methods) by name, and
// refuses hostile archives (unsafe names, symbolic links, forged sizes, zip bombs) before inflating.
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { LIMITS, pathProblem } from "./safe-path.js";

export class ZipError extends Error {
  /** `unsafe`: the ZIP is well-formed but holds something a package may not (a hostile or forged entry) */
  constructor(
    message: string,
    readonly unsafe: boolean = false,
  ) {
    super(message);
    this.name = "ZipError";
  }
}

const CRC_TABLE = (() => {
  // CRC-32 (ISO 3309 / ITU-T V.42 polynomial 0xEDB88320, reflected), as APPNOTE §4.4.7 requires
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time of a Unix time (UTC; clamped to 1980-01-01, the format's epoch). */
export function dosDateTime(unixSeconds: number): { time: number; date: number } {
  const d = new Date(Math.max(unixSeconds, 315532800) * 1000);
  const year = Math.min(d.getUTCFullYear(), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const MAX32 = 0xffffffff;

/** Writes a ZIP of `entries` (sorted here by name, code-unit order), all with the time `unixSeconds`. */
export function writeZip(entries: ZipEntry[], unixSeconds: number): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (sorted.length > 0xffff) throw new ZipError(`${sorted.length} entries: more than ZIP without ZIP64 holds (65535)`);
  const { time, date } = dosDateTime(unixSeconds);
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of sorted) {
    const name = Buffer.from(e.name, "utf8");
    const deflated = deflateRawSync(e.data, { level: 9 });
    const stored = deflated.length >= e.data.length; // store what does not compress
    const body = stored ? e.data : deflated;
    const crc = crc32(e.data);
    if (e.data.length > MAX32 || offset > MAX32) throw new ZipError(`${e.name}: larger than ZIP without ZIP64 holds (4 GiB)`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // bit 11: names are UTF-8
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(stored ? 0 : 8, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(cd, name);
    offset += 30 + name.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(sorted.length, 8);
  eocd.writeUInt16LE(sorted.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, eocd]);
}

/** The limits a ZIP is read under (a subset of safety.ts LIMITS). */
export interface ZipLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
  maxPathBytes: number;
  maxSegmentBytes: number;
}

/**
 * DEFLATE (RFC 1951) cannot expand more than 1032:1: the longest match (258 bytes) costs at least two
 * bits (a 1-bit length code and a 1-bit distance code), 258 / (2/8) = 1032. A declared uncompressed
 * size beyond 1032 × the compressed size is a lie, refused before anything is inflated.
 */
export const DEFLATE_MAX_RATIO = 1032;

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

interface CentralEntry {
  name: string;
  method: number;
  crc: number;
  csize: number;
  usize: number;
  local: number;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads every entry of a ZIP (directories skipped), checking headers, sizes and CRC-32, and refusing,
 * before anything is inflated: entry names that are not safe package paths (absolute, `..`, empty
 * segments, backslashes, control characters, overlong: `pathProblem` of safety.ts) or not UTF-8,
 * duplicate names, symbolic links, a local header whose name differs from the central directory's,
 * entries whose data overlap (the overlapping-file zip bomb), a declared size beyond the per-file limit
 * or beyond what the compressed size can hold (1032:1 for DEFLATE, equal for stored entries), and a
 * total of declared sizes beyond the package limit. Inflating stops at the declared size, so an entry
 * that inflates to more than it declares is refused without being inflated further.
 */
export function readZip(zip: Uint8Array, limits: ZipLimits = LIMITS): ZipEntry[] {
  const b = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("not a ZIP file (no end of central directory record)");
  const count = b.readUInt16LE(eocd + 10);
  const cdSize = b.readUInt32LE(eocd + 12);
  const cdOffset = b.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === MAX32) throw new ZipError("ZIP64 archives are not supported");
  if (cdOffset + cdSize > eocd) throw new ZipError("central directory lies outside the file (truncated?)");
  if (count > limits.maxFiles) throw new ZipError(`${count} entries, more than the limit of ${limits.maxFiles}`, true);
  // first pass: the central directory alone; nothing is inflated until every entry has passed
  const entries: CentralEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new ZipError(`central directory entry ${i}: bad signature`);
    const madeBy = b.readUInt16LE(p + 4) >> 8;
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const csize = b.readUInt32LE(p + 20);
    const usize = b.readUInt32LE(p + 24);
    const nlen = b.readUInt16LE(p + 28);
    const xlen = b.readUInt16LE(p + 30);
    const clen = b.readUInt16LE(p + 32);
    const attrs = b.readUInt32LE(p + 38);
    const local = b.readUInt32LE(p + 42);
    if (p + 46 + nlen > b.length) throw new ZipError(`central directory entry ${i}: name runs past the end of the file`);
    const rawName = b.subarray(p + 46, p + 46 + nlen);
    let name: string;
    try {
      name = strictUtf8.decode(rawName);
    } catch {
      throw new ZipError(`central directory entry ${i}: the name ${JSON.stringify(rawName.toString("latin1"))} is not UTF-8`, true);
    }
    p += 46 + nlen + xlen + clen;
    if (flags & 1) throw new ZipError(`${name}: encrypted entries are not supported`);
    const isDir = name.endsWith("/");
    const why = pathProblem(isDir ? name.slice(0, -1) : name, limits);
    if (why !== undefined) throw new ZipError(`${JSON.stringify(name)}: unsafe entry name: ${why}`, true);
    if (madeBy === 3 && ((attrs >>> 16) & S_IFMT) === S_IFLNK) throw new ZipError(`${name}: a symbolic link entry (not allowed in a package)`, true);
    if (isDir) continue;
    if (seen.has(name)) throw new ZipError(`${name}: duplicate entry`, true);
    seen.add(name);
    if (method !== 0 && method !== 8) throw new ZipError(`${name}: compression method ${method} is not supported`);
    if (usize > limits.maxFileBytes) throw new ZipError(`${name}: declared size ${usize} bytes, more than the limit of ${limits.maxFileBytes} per file`, true);
    if (method === 0 && usize !== csize) throw new ZipError(`${name}: a stored entry declaring ${usize} bytes holds ${csize}`, true);
    if (method === 8 && usize > DEFLATE_MAX_RATIO * csize) {
      throw new ZipError(`${name}: declared size ${usize} bytes is impossible for ${csize} bytes of DEFLATE data (at most ${DEFLATE_MAX_RATIO}:1): a forged size`, true);
    }
    total += usize;
    if (total > limits.maxTotalBytes) throw new ZipError(`the entries declare more than ${limits.maxTotalBytes} bytes in total (the limit of a package): refused before inflating`, true);
    entries.push({ name, method, crc, csize, usize, local });
  }
  // every entry's local header and data: inside the file, and no two overlap
  const spans: [number, number, string][] = [];
  for (const e of entries) {
    if (e.local + 30 > b.length || b.readUInt32LE(e.local) !== 0x04034b50) throw new ZipError(`${e.name}: bad local header`);
    const lnlen = b.readUInt16LE(e.local + 26);
    const start = e.local + 30 + lnlen + b.readUInt16LE(e.local + 28);
    if (start + e.csize > b.length) throw new ZipError(`${e.name}: data runs past the end of the file (truncated?)`);
    if (!b.subarray(e.local + 30, e.local + 30 + lnlen).equals(Buffer.from(e.name, "utf8"))) {
      throw new ZipError(`${e.name}: the local header names ${JSON.stringify(b.subarray(e.local + 30, e.local + 30 + lnlen).toString("utf8"))}`, true);
    }
    spans.push([e.local, start + e.csize, e.name]);
  }
  spans.sort((x, y) => x[0] - y[0]);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]![0] < spans[i - 1]![1]) throw new ZipError(`${spans[i]![2]}: its data overlaps that of ${spans[i - 1]![2]} (an overlapping-entry zip bomb?)`, true);
  }
  if (spans.length > 0 && spans[spans.length - 1]![1] > cdOffset) throw new ZipError(`${spans[spans.length - 1]![2]}: its data overlaps the central directory`, true);
  const out: ZipEntry[] = [];
  for (const e of entries) {
    const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
    const raw = b.subarray(start, start + e.csize);
    let data: Uint8Array;
    if (e.method === 0) data = raw;
    else {
      try {
        // never more than the declared size (+1, to tell "more" from "exactly")
        data = inflateRawSync(raw, { maxOutputLength: e.usize + 1 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new ZipError(`${e.name}: inflates to more than its declared ${e.usize} bytes`, true);
        throw new ZipError(`${e.name}: corrupt compressed data (${(err as Error).message})`);
      }
    }
    if (data.length !== e.usize) throw new ZipError(`${e.name}: size ${data.length} differs from the recorded ${e.usize}`);
    if (crc32(data) !== e.crc) throw new ZipError(`${e.name}: CRC-32 mismatch (corrupt entry)`);
    out.push({ name: e.name, data: new Uint8Array(data) });
  }
  return out;
}
