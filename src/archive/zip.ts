// Deterministic ZIP (PKWARE APPNOTE 6.3.10) of a bag: entries sorted by name, one fixed timestamp
// (SOURCE_DATE_EPOCH, see reproducible-builds.org), fixed attributes, no extra fields, DEFLATE at level 9
// from node:zlib. The same files give the same bytes with the same zlib. Reading checks every header,
// size and CRC-32 and refuses what it does not implement (encryption, ZIP64, other methods) by name.
import { deflateRawSync, inflateRawSync } from "node:zlib";

export class ZipError extends Error {
  constructor(message: string) {
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

/** Reads every entry of a ZIP (directories skipped), checking headers, sizes and CRC-32. */
export function readZip(zip: Uint8Array): ZipEntry[] {
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
  const out: ZipEntry[] = [];
  const seen = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) throw new ZipError(`central directory entry ${i}: bad signature`);
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const crc = b.readUInt32LE(p + 16);
    const csize = b.readUInt32LE(p + 20);
    const usize = b.readUInt32LE(p + 24);
    const nlen = b.readUInt16LE(p + 28);
    const xlen = b.readUInt16LE(p + 30);
    const clen = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const name = b.subarray(p + 46, p + 46 + nlen).toString("utf8");
    p += 46 + nlen + xlen + clen;
    if (flags & 1) throw new ZipError(`${name}: encrypted entries are not supported`);
    if (name.endsWith("/")) continue;
    if (seen.has(name)) throw new ZipError(`${name}: duplicate entry`);
    seen.add(name);
    if (name.startsWith("/") || name.split("/").some((s) => s === ".." || s === "")) throw new ZipError(`${name}: unsafe entry name`);
    if (local + 30 > b.length || b.readUInt32LE(local) !== 0x04034b50) throw new ZipError(`${name}: bad local header`);
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    if (start + csize > b.length) throw new ZipError(`${name}: data runs past the end of the file (truncated?)`);
    const raw = b.subarray(start, start + csize);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = inflateRawSync(raw);
      } catch (e) {
        throw new ZipError(`${name}: corrupt compressed data (${(e as Error).message})`);
      }
    } else throw new ZipError(`${name}: compression method ${method} is not supported`);
    if (data.length !== usize) throw new ZipError(`${name}: size ${data.length} differs from the recorded ${usize}`);
    if (crc32(data) !== crc) throw new ZipError(`${name}: CRC-32 mismatch (corrupt entry)`);
    out.push({ name, data: new Uint8Array(data) });
  }
  return out;
}
