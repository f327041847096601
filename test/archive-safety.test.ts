// The safety layer's primitives (src/archive/safe-path.ts, safety.ts, record-check.ts, zip.ts): package
// paths, paths on disk through symbolic links, bounded reads, run-record arguments, and the ZIP reader
// against forged and hostile archives (zip bombs included), each refused before anything is inflated.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync, constants as zc } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { buildBag, checkFixity, parseTagFile } from "../src/archive/bagit.js";
import { sha256Hex } from "../src/archive/hash.js";
import { argumentProblem, checkRecord, checkRunRecords } from "../src/archive/record-check.js";
import { LIMITS, packageFile, pathProblem, readRegularFile, resolveInside, UnsafePackageError } from "../src/archive/safety.js";
import { DEFLATE_MAX_RATIO, readZip, writeZip, ZipError } from "../src/archive/zip.js";

const TMP = mkdtempSync(join(tmpdir(), "twin-safety-test-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

describe("package paths", () => {
  it("accepts relative paths made of ordinary segments", () => {
    for (const p of ["a", "data/runs/modal/run.json", "sources/modelica/RotorRig/package.mo", "ünïcode/名前.json", "a/.hidden", "a/..b", "a/b.."]) expect(pathProblem(p), p).toBeUndefined();
  });

  it.each([
    ["", /empty path/],
    ["/etc/passwd", /absolute/],
    ["../x", /'\.\.' segment/],
    ["a/../../x", /'\.\.' segment/],
    ["a/..", /'\.\.' segment/],
    ["./a", /'\.' segment/],
    ["a//b", /empty path segment/],
    ["a/", /empty path segment/],
    ["a\\..\\b", /backslash/],
    ["C:/x", /drive letter/],
    ["c:x", /drive letter/],
    ["a\u0000b", /NUL/],
    ["a\nb", /control character \(U\+000A\)/],
    ["x".repeat(256), /segment longer than 255 bytes/],
    ["é".repeat(128), /segment longer than 255 bytes/], // 256 bytes in UTF-8
    [Array.from({ length: 200 }, () => "abcdef").join("/"), /longer than 1024 bytes/],
  ])("refuses %j", (p, why) => {
    expect(pathProblem(p)).toMatch(why);
  });

  it("refuses what is not a string", () => {
    expect(pathProblem(undefined)).toMatch(/must be a string/);
    expect(pathProblem(["a"])).toMatch(/must be a string/);
  });
});

describe("manifests", () => {
  it("name a listed path that is not a safe package path as a fixity problem", () => {
    const bag = buildBag(new Map([["a.txt", Buffer.from("a")]]), { software: "t", baggingDate: "2026-01-01", externalIdentifier: "urn:x" });
    const m = new TextDecoder().decode(bag.get("manifest-sha256.txt")!);
    bag.set("manifest-sha256.txt", Buffer.from(m + `${sha256Hex("x")}  data/../../etc/passwd\n`));
    const info = new Map(parseTagFile(new TextDecoder().decode(bag.get("bag-info.txt")!)));
    expect(checkFixity(bag, info).map((p) => `${p.file}: ${p.message}`)).toContain(`manifest-sha256.txt: line 2: "data/../../etc/passwd" is not a safe package path: a '..' segment (it would leave the directory)`);
  });
});

describe("paths on disk", () => {
  const root = join(TMP, "root");
  const outside = join(TMP, "outside");
  mkdirSync(join(root, "inputs"), { recursive: true });
  mkdirSync(outside, { recursive: true });
  symlinkSync(outside, join(root, "link-dir"));
  symlinkSync(join(outside, "f"), join(root, "inputs", "link-file"));

  it("resolves a safe path below the root, existing or not", () => {
    expect(resolveInside(root, "inputs/new.json", "test")).toBe(join(root, "inputs", "new.json"));
    expect(resolveInside(root, "a/b/c", "test")).toBe(join(root, "a", "b", "c"));
  });

  it("refuses a symbolic link anywhere on the path, and an unsafe path", () => {
    expect(() => resolveInside(root, "link-dir/x", "where")).toThrow(/where: link-dir\/x: .*link-dir is a symbolic link/);
    expect(() => resolveInside(root, "inputs/link-file", "where")).toThrow(/is a symbolic link/);
    expect(() => resolveInside(root, "../outside/x", "where")).toThrow(UnsafePackageError);
    expect(() => resolveInside(root, "/etc/passwd", "where")).toThrow(/absolute/);
  });

  it("reads a regular file within a limit, never through a symbolic link", () => {
    writeFileSync(join(root, "inputs", "ok.json"), "12345");
    expect(Buffer.from(readRegularFile(join(root, "inputs", "ok.json"), 5)).toString()).toBe("12345");
    expect(() => readRegularFile(join(root, "inputs", "ok.json"), 4)).toThrow(/5 bytes, more than the limit of 4/);
    writeFileSync(join(outside, "f"), "secret");
    expect(() => readRegularFile(join(root, "inputs", "link-file"), 100)).toThrow(/a symbolic link/);
    expect(() => readRegularFile(join(root, "inputs"), 100)).toThrow(/not a regular file/);
  });
});

describe("arguments of a recorded run", () => {
  it("lets ordinary arguments and paths inside the run directory pass", () => {
    for (const a of ["rotor", "inputs/rig.json", "outputs/resp.csv", "--speeds", "0,300", "4:1e-4:0", "-1e-4", "--out=outputs/m.json", "-o", "1/2", "--json"]) expect(argumentProblem(a), a).toBeUndefined();
  });

  it.each([
    ["../../victim.csv", /'\.\.' segment/],
    ["..", /'\.\.' segment/],
    ["/etc/passwd", /absolute/],
    ["--out=../x", /its value "\.\.\/x": a '\.\.' segment/],
    ["--out=/tmp/x", /its value "\/tmp\/x": an absolute path/],
    ["-o../x", /its value "\.\.\/x"/],
    ["-o/tmp/x", /its value "\/tmp\/x": an absolute path/],
    ["-vo/tmp/x", /absolute/],
    ["-ooutputs/x", /its value "\/x": an absolute path/], // "-o -u -t … -s /x" to a parser with those short options
    ["inputs\\..\\..\\x", /backslash/],
    ["file:///etc/passwd", /empty path segment/],
    ["a\u0000b", /NUL/],
  ])("refuses %j", (a, why) => {
    expect(argumentProblem(a)).toMatch(why);
  });
});

describe("run records", () => {
  const input = Buffer.from('{"name":"rig"}');
  const out = Buffer.from("{}\n");
  const payload = new Map<string, Uint8Array>([
    ["runs/m/inputs/rig.json", input],
    ["runs/m/outputs/stdout.json", out],
  ]);
  const good = () => ({
    id: "m",
    kind: "cli",
    command: "rotor modal",
    argv: ["rotor", "modal", "inputs/rig.json", "--json"],
    inputs: [{ path: "inputs/rig.json", sha256: sha256Hex(input), size: input.length }],
    outputs: [{ path: "outputs/stdout.json", sha256: sha256Hex(out), size: out.length, stream: "stdout", mode: "json", canonicalSha256: "0".repeat(64) }],
    hashScheme: "twin-canonical-hash/1",
    core: { path: "../../core/core.wasm", sha256: "a".repeat(64) },
  });
  const problems = (edit: (r: any) => void): string[] => {
    const r = good();
    edit(r);
    return checkRecord("m", r, payload).problems.map((p) => `${p.file}: ${p.message}`);
  };

  it("accepts a well-formed record", () => {
    expect(checkRecord("m", good(), payload)).toEqual({ record: good(), problems: [] });
  });

  it.each([
    ["a command that is an option", (r: any) => ((r.command = "--help"), (r.argv = ["--help"])), /run m: command: "--help" is not a twin command name/],
    ["help", (r: any) => ((r.command = "help"), (r.argv = ["help"])), /command: "help" is not a recordable command/],
    ["core info", (r: any) => ((r.command = "core info"), (r.argv = ["core", "info"])), /command: "core" is not a recordable command/],
    ["argv not starting with the command", (r: any) => (r.argv = ["archive", "create", "-o", "outputs/x"]), /argv: does not start with the recorded command "rotor modal"[^]*command: "archive" is not a recordable command/],
    ["an id that is not the directory", (r: any) => (r.id = "other"), /id: "other" is not the run's directory name "m"/],
    ["a nested input path", (r: any) => (r.inputs[0].path = "inputs/a/rig.json"), /inputs\[0\].path: "inputs\/a\/rig.json": a file directly in inputs\/ expected/],
    ["an output recorded twice", (r: any) => r.outputs.push({ ...r.outputs[0] }), /outputs\[1\].path: outputs\/stdout.json is recorded twice/],
    ["a wrong hash mode", (r: any) => (r.outputs[0].mode = "xml"), /outputs\[0\].mode: "xml" is not a hash mode/],
    ["a selfcheck run naming another export", (r: any) => ((r.kind = "selfcheck"), delete r.argv, delete r.command, (r.exports = ["bufFree"])), /exports: a non-empty array of selfcheck\* export names expected/],
    ["a core that is not a hash", (r: any) => (r.core = { sha256: "../core.wasm" }), /core.sha256: a SHA-256/],
    ["an input of another size", (r: any) => (r.inputs[0].size = 1e12), /inputs\[0\]: declares 1000000000000 bytes, but data\/runs\/m\/inputs\/rig.json has 14/],
    ["an input with another hash", (r: any) => (r.inputs[0].sha256 = "b".repeat(64)), /inputs\[0\]: declares SHA-256 b{64}, but data\/runs\/m\/inputs\/rig.json has [0-9a-f]{64}/],
    ["a missing output", (r: any) => (r.outputs[0].path = "outputs/other.json"), /outputs\[0\]: data\/runs\/m\/outputs\/other.json is missing from the package/],
  ])("refuses %s, naming the run, its record file and the field", (_, edit, why) => {
    const p = problems(edit);
    expect(p.length).toBeGreaterThan(0);
    expect(p.every((x) => x.startsWith("data/runs/m/run.json: run m: "))).toBe(true);
    expect(p.join("\n")).toMatch(why);
  });

  it("gives a file of the package only as declared", () => {
    expect(packageFile(payload, "runs/m/inputs/rig.json", { size: input.length, sha256: sha256Hex(input) }, "here")).toBe(input);
    expect(() => packageFile(payload, "runs/m/inputs/rig.json", { size: 1 << 30 }, "here")).toThrow(/^here: declares 1073741824 bytes, but data\/runs\/m\/inputs\/rig.json has 14$/);
    expect(() => packageFile(payload, "runs/m/../../x", {}, "here")).toThrow(UnsafePackageError);
  });

  it("reports a run directory without its record and a record beyond the size limit", () => {
    const big = new Map(payload);
    big.set("runs/x/outputs/a", new Uint8Array(1));
    big.set("runs/m/run.json", new Uint8Array(LIMITS.maxRecordBytes + 1));
    expect(checkRunRecords(big).problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      `data/runs/m/run.json: run m: ${LIMITS.maxRecordBytes + 1} bytes, more than the limit of ${LIMITS.maxRecordBytes} for a run record`,
      "data/runs/x/run.json: run x: missing: a run directory without its record",
    ]);
  });
});

/** A ZIP built entry by entry, with fields that can be forged. */
interface RawEntry {
  name: string;
  data?: Uint8Array;
  /** compressed bytes (default: deflate of data) */
  body?: Uint8Array;
  method?: number;
  usize?: number;
  crc?: number;
  localName?: string;
  unixMode?: number;
  /** offset of the local header to point at (default: this entry's own) */
  sharedWith?: number;
  /** point the central directory at this offset and write no local header (it lies inside another entry's data) */
  at?: number;
}

function rawZip(entries: RawEntry[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  entries.forEach((e) => {
    const data = e.data ?? new Uint8Array();
    const method = e.method ?? 8;
    const body = e.body ?? (method === 8 ? deflateRawSync(data) : data);
    const usize = e.usize ?? data.length;
    const name = Buffer.from(e.name, "utf8");
    const lname = Buffer.from(e.localName ?? e.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(usize, 22);
    local.writeUInt16LE(lname.length, 26);
    const at = e.at ?? (e.sharedWith !== undefined ? offsets[e.sharedWith]! : offset);
    offsets.push(at);
    if (e.sharedWith === undefined && e.at === undefined) {
      chunks.push(local, lname, Buffer.from(body));
      offset += 30 + lname.length + body.length;
    }
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(e.crc ?? 0, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(usize, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(((e.unixMode ?? 0o100644) << 16) >>> 0, 38);
    cd.writeUInt32LE(at, 42);
    central.push(cd, name);
  });
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, eocd]);
}

const zipError = (f: () => unknown): ZipError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ZipError);
    return e as ZipError;
  }
  throw new Error("no error");
};

describe("reading hostile ZIPs", () => {
  const small = { ...LIMITS, maxFileBytes: 1 << 20, maxTotalBytes: 4 << 20 };

  it("reads what writeZip writes", () => {
    const z = writeZip([{ name: "p/a.txt", data: Buffer.from("hello") }, { name: "p/b/c.bin", data: new Uint8Array(1000) }], 0);
    expect(readZip(z).map((e) => [e.name, e.data.length])).toEqual([["p/a.txt", 5], ["p/b/c.bin", 1000]]);
  });

  it.each([
    ["p/../x", /unsafe entry name: a '\.\.' segment/],
    ["../x", /unsafe entry name: a '\.\.' segment/],
    ["/etc/x", /unsafe entry name: an absolute path/],
    ["p\\..\\x", /unsafe entry name: a backslash/],
    ["p//x", /unsafe entry name: an empty path segment/],
  ])("refuses the entry name %j", (name, why) => {
    const e = zipError(() => readZip(writeZip([{ name, data: Buffer.from("x") }], 0)));
    expect(e.message).toMatch(why);
    expect(e.unsafe).toBe(true);
  });

  it("refuses a directory entry that escapes, duplicates, symbolic links and a local name that differs", () => {
    expect(zipError(() => readZip(rawZip([{ name: "../d/" }]))).message).toMatch(/unsafe entry name/);
    expect(zipError(() => readZip(rawZip([{ name: "a", data: Buffer.from("1") }, { name: "a", data: Buffer.from("2") }]))).message).toMatch(/a: duplicate entry/);
    expect(zipError(() => readZip(rawZip([{ name: "p/link", data: Buffer.from("/etc/passwd"), method: 0, unixMode: 0o120777 }]))).message).toMatch(/p\/link: a symbolic link entry/);
    expect(zipError(() => readZip(rawZip([{ name: "p/a", localName: "../a", data: Buffer.from("1") }]))).message).toMatch(/p\/a: the local header names "\.\.\/a"/);
  });

  it("refuses a name that is not UTF-8", () => {
    const z = Buffer.from(rawZip([{ name: "p/a", data: Buffer.from("1") }]));
    // the central directory's copy of the name: replace "a" by the lone continuation byte 0x80
    const i = z.lastIndexOf(Buffer.from("p/a"));
    z[i + 2] = 0x80;
    expect(zipError(() => readZip(z)).message).toMatch(/is not UTF-8/);
  });

  it("refuses a declared size the compressed data cannot hold, before inflating", () => {
    const data = Buffer.from("a small file\n");
    const body = deflateRawSync(data);
    const e = zipError(() => readZip(rawZip([{ name: "p/x", data, usize: 1_000_000 }])));
    expect(e.message).toMatch(new RegExp(`p/x: declared size 1000000 bytes is impossible for ${body.length} bytes of DEFLATE data \\(at most ${DEFLATE_MAX_RATIO}:1\\)`));
    expect(zipError(() => readZip(rawZip([{ name: "p/x", data, method: 0, usize: 4096 }]))).message).toMatch(/stored entry declaring 4096 bytes holds 13/);
  });

  it("refuses a declared size beyond the per-file limit and a total beyond the package limit, before inflating", () => {
    // a real zip bomb: 1 MiB of zeros compresses ~1000:1; five entries of it declare 5 MiB
    const mib = new Uint8Array(1 << 20);
    const body = deflateRawSync(mib, { level: 9 });
    expect((1 << 20) / body.length).toBeGreaterThan(900);
    const entries = [0, 1, 2, 3, 4].map((i) => ({ name: `p/bomb${i}`, body, usize: 1 << 20 }));
    expect(zipError(() => readZip(rawZip(entries), small)).message).toMatch(/entries declare more than 4194304 bytes in total .*refused before inflating/);
    expect(zipError(() => readZip(rawZip([{ name: "p/big", body, usize: 1 << 20 }]), { ...small, maxFileBytes: 1000 })).message).toMatch(/p\/big: declared size 1048576 bytes, more than the limit of 1000 per file/);
  });

  it("stops inflating at the declared size when an entry holds more than it declares", () => {
    // a deflate stream of 8 MiB of zeros (repeated sync-flushed 1 MiB blocks, then an empty final block) that declares 1000 bytes
    const mib = deflateRawSync(new Uint8Array(1 << 20), { level: 9, finishFlush: zc.Z_SYNC_FLUSH });
    const body = Buffer.concat([...Array.from({ length: 8 }, () => mib), Buffer.from([0x03, 0x00])]);
    const t0 = performance.now();
    const e = zipError(() => readZip(rawZip([{ name: "p/liar", body, usize: 1000 * 1000 }])));
    expect(e.message).toMatch(/p\/liar: inflates to more than its declared 1000000 bytes/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("refuses entries whose data overlap (the overlapping-entry zip bomb), and central entries sharing one local header", () => {
    // entry p/b's local header and data lie inside the stored data of entry p/a
    const localB = Buffer.alloc(30);
    localB.writeUInt32LE(0x04034b50, 0);
    localB.writeUInt32LE(1, 18);
    localB.writeUInt32LE(1, 22);
    localB.writeUInt16LE(3, 26);
    const inner = Buffer.concat([localB, Buffer.from("p/bx")]);
    const z = rawZip([{ name: "p/a", data: inner, method: 0 }, { name: "p/b", data: Buffer.from("x"), method: 0, at: 30 + 3 }]);
    expect(zipError(() => readZip(z)).message).toMatch(/p\/b: its data overlaps that of p\/a/);
    const data = Buffer.from("shared");
    expect(zipError(() => readZip(rawZip([{ name: "p/a", data }, { name: "p/b", data, sharedWith: 0 }]))).message).toMatch(/p\/b: the local header names "p\/a"/);
  });

  it("refuses more entries than the limit", () => {
    const z = rawZip([{ name: "p/a", data: Buffer.from("1") }, { name: "p/b", data: Buffer.from("2") }]);
    expect(zipError(() => readZip(z, { ...small, maxFiles: 1 })).message).toMatch(/2 entries, more than the limit of 1/);
  });
});
