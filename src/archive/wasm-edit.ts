// A minimal WebAssembly binary (de)composer for the rerun modules of recorded runs. Each adds to the
// archived core, without touching any of its code:
// - the *rerun module* of an invocation (a job run, ABI.md "Jobs"): the recorded request as a passive
//   data segment, a function `rerun` that allocates a buffer (`bufNew`), copies the request into it
//   (`memory.init`), calls the job, digests the result (`bufDigest`) and returns digest word 0, and
//   `digest1`..`digest3` returning the other words; its only exports are those four, so an engine's
//   own harness (a .wast `assert_return`, wasm-interp's --run-all-exports) runs exactly the recorded
//   invocation;
// - the *wasmtime runner* of a list of zero-argument i64 functions: wizer (wasmtime inside) executes
//   an exported initialiser that stores each result in a new mutable global and writes the state into
//   a new module, from whose global section the results are read back.
// Binary format: WebAssembly Core Specification 2.0, §5 (sections §5.5, LEB128 §5.2.2, bulk memory
// instructions §5.4.6: memory.init = 0xFC 8, passive data segments §5.5.12, data count §5.5.13).

export interface Section {
  id: number;
  body: Uint8Array;
}

export class WasmFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WasmFormatError";
  }
}

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.b.length) throw new WasmFormatError("unexpected end of module");
    return this.b[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const x = this.byte();
      result += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) throw new WasmFormatError("LEB128 u32 too long");
    }
  }
  s64(): bigint {
    let result = 0n;
    let shift = 0n;
    let x: number;
    do {
      x = this.byte();
      result |= BigInt(x & 0x7f) << shift;
      shift += 7n;
    } while (x & 0x80);
    if (shift < 64n && x & 0x40) result |= -1n << shift;
    return BigInt.asIntN(64, result);
  }
  bytes(n: number): Uint8Array {
    if (this.pos + n > this.b.length) throw new WasmFormatError("unexpected end of module");
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  name(): string {
    return new TextDecoder("utf-8", { fatal: true }).decode(this.bytes(this.u32()));
  }
}

export function u32Leb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (the immediate of i32.const, §5.2.2). */
export function s32Leb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function nameBytes(s: string): number[] {
  const b = [...Buffer.from(s, "utf8")];
  return [...u32Leb(b.length), ...b];
}

export function readSections(bytes: Uint8Array): Section[] {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw new WasmFormatError("not a WebAssembly module (bad magic)");
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) throw new WasmFormatError("unsupported WebAssembly binary version");
  const r = new Reader(bytes);
  r.pos = 8;
  const sections: Section[] = [];
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    sections.push({ id, body: r.bytes(size) });
  }
  return sections;
}

export function writeSections(sections: Section[]): Uint8Array {
  const parts: number[][] = [[0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]];
  for (const s of sections) parts.push([s.id, ...u32Leb(s.body.length)]);
  const total = parts.reduce((n, p) => n + p.length, 0) + sections.reduce((n, s) => n + s.body.length, 0);
  const out = new Uint8Array(total);
  let off = 0;
  out.set(parts[0]!, off);
  off += 8;
  sections.forEach((s, i) => {
    out.set(parts[i + 1]!, off);
    off += parts[i + 1]!.length;
    out.set(s.body, off);
    off += s.body.length;
  });
  return out;
}

/** Count of a vector section and the bytes after the count. */
function vecOf(body: Uint8Array): { count: number; rest: Uint8Array } {
  const r = new Reader(body);
  const count = r.u32();
  return { count, rest: body.subarray(r.pos) };
}

/**
 * A memory section whose initial size holds a passive segment of `bytes` (binaryen's validator asks
 * every data segment to fit the initial memory, §5.5.8 limits), or null when the core's already does
 * (then the rerun module keeps the core's memory section byte for byte). Only the minimum grows: the
 * module takes the pages the job would have grown its memory to anyway.
 */
function memoryForSegment(sections: Section[], bytes: number): Uint8Array | null {
  const sec = sections.find((s) => s.id === 5);
  if (!sec) return null;
  const r = new Reader(sec.body);
  if (r.u32() !== 1) throw new WasmFormatError("a core with one memory expected");
  const flags = r.byte();
  if (flags !== 0 && flags !== 1) throw new WasmFormatError(`memory limits flag ${flags} (shared or 64-bit memory) not supported`);
  const min = r.u32();
  const max = flags === 1 ? r.u32() : undefined;
  const need = Math.ceil(bytes / 65536);
  if (need <= min) return null;
  if (max !== undefined && need > max) throw new WasmFormatError(`a request of ${bytes} bytes does not fit the core's largest memory (${max} pages)`);
  return Uint8Array.from([1, flags, ...u32Leb(need), ...(max !== undefined ? u32Leb(max) : [])]);
}

function withVec(count: number, rest: Uint8Array, extra: number[]): Uint8Array {
  return Uint8Array.from([...u32Leb(count), ...rest, ...extra]);
}

/** Exports of a module: name, kind (0 func, 1 table, 2 memory, 3 global), index. */
export function readExports(sections: Section[]): { name: string; kind: number; index: number }[] {
  const s = sections.find((x) => x.id === 7);
  if (!s) return [];
  const r = new Reader(s.body);
  const n = r.u32();
  const out: { name: string; kind: number; index: number }[] = [];
  for (let i = 0; i < n; i++) out.push({ name: r.name(), kind: r.byte(), index: r.u32() });
  return out;
}

/** The i64 constants the module's defined globals are initialised with (null when not an i64.const). */
export function readI64Globals(bytes: Uint8Array): (bigint | null)[] {
  const s = readSections(bytes).find((x) => x.id === 6);
  if (!s) return [];
  const r = new Reader(s.body);
  const n = r.u32();
  const out: (bigint | null)[] = [];
  for (let i = 0; i < n; i++) {
    const type = r.byte();
    r.byte(); // mutability
    // constant expression: read instructions up to `end` (0x0B)
    let value: bigint | null = null;
    let first = true;
    for (;;) {
      const op = r.byte();
      if (op === 0x0b) break;
      if (op === 0x42) {
        const v = r.s64();
        if (first && type === 0x7e) value = v;
      } else if (op === 0x41) r.s64();
      else if (op === 0x43) r.bytes(4);
      else if (op === 0x44) r.bytes(8);
      else if (op === 0x23 || op === 0xd2) r.u32();
      else if (op === 0xd0) r.byte();
      else throw new WasmFormatError(`unsupported constant expression opcode 0x${op.toString(16)} in global ${i}`);
      first = false;
    }
    out.push(value);
  }
  return out;
}

export const INIT_EXPORT = "wizer-initialize";

/**
 * The wasmtime runner of `names` (zero-argument exports returning i64): the core plus an initialiser
 * storing each result in a new global `result<i>` (exported under the same name). Returns the module and
 * the global indices of the results, in the order of `names`.
 */
export function buildInitRunner(core: Uint8Array, names: string[]): { module: Uint8Array; globals: number[] } {
  const sections = readSections(core);
  if (sections.some((s) => s.id === 2)) throw new WasmFormatError("the core imports something; the runner needs a module without imports");
  const exports = readExports(sections);
  const funcIdx = names.map((n) => {
    const e = exports.find((x) => x.name === n && x.kind === 0);
    if (!e) throw new WasmFormatError(`the core has no function export ${n}`);
    return e.index;
  });
  const typeSec = sections.find((s) => s.id === 1);
  const funcSec = sections.find((s) => s.id === 3);
  const codeSec = sections.find((s) => s.id === 10);
  if (!typeSec || !funcSec || !codeSec) throw new WasmFormatError("module without type, function or code section");
  const types = vecOf(typeSec.body);
  const funcs = vecOf(funcSec.body);
  const codes = vecOf(codeSec.body);
  const globSec = sections.find((s) => s.id === 6);
  const globs = globSec ? vecOf(globSec.body) : { count: 0, rest: new Uint8Array() };
  const exps = vecOf(sections.find((s) => s.id === 7)!.body);

  const newType = types.count;
  const newFunc = funcs.count; // no imported functions: index = number of defined functions
  const globals = names.map((_, i) => globs.count + i);

  const body: number[] = [0]; // no locals
  names.forEach((_, i) => body.push(0x10, ...u32Leb(funcIdx[i]!), 0x24, ...u32Leb(globals[i]!)));
  body.push(0x0b);
  const globalBytes: number[] = [];
  for (let i = 0; i < names.length; i++) globalBytes.push(0x7e, 0x01, 0x42, 0x00, 0x0b); // mut i64 = 0
  const exportBytes: number[] = [...nameBytes(INIT_EXPORT), 0, ...u32Leb(newFunc)];
  globals.forEach((g, i) => exportBytes.push(...nameBytes(`result${i}`), 3, ...u32Leb(g)));

  const replaced = new Map<number, Uint8Array>([
    [1, withVec(types.count + 1, types.rest, [0x60, 0, 0])],
    [3, withVec(funcs.count + 1, funcs.rest, u32Leb(newType))],
    [6, withVec(globs.count + names.length, globs.rest, globalBytes)],
    [7, withVec(exps.count + 1 + names.length, exps.rest, exportBytes)],
    [10, withVec(codes.count + 1, codes.rest, [...u32Leb(body.length), ...body])],
  ]);
  const out: Section[] = [];
  let globalsWritten = false;
  for (const s of sections) {
    // the global section goes before the export section (§5.5.2 section order)
    if (!globSec && !globalsWritten && s.id === 7) {
      out.push({ id: 6, body: replaced.get(6)! });
      globalsWritten = true;
    }
    out.push(s.id !== 0 && replaced.has(s.id) ? { id: s.id, body: replaced.get(s.id)! } : s);
  }
  return { module: writeSections(out), globals };
}

/** Function index of the export `name` (a function), or an error naming the missing export. */
function funcExport(sections: Section[], name: string): number {
  const e = readExports(sections).find((x) => x.name === name && x.kind === 0);
  if (!e) throw new WasmFormatError(`the core has no function export ${name}`);
  return e.index;
}

/** The names of the rerun module's exports, in the order an engine runs them. */
export const RERUN_EXPORTS = ["rerun", "digest1", "digest2", "digest3"] as const;

/**
 * The rerun module of one invocation: the core, plus the request bytes as a passive data segment and
 * the four functions of RERUN_EXPORTS (exported alone). `rerun` performs
 *   p = bufNew(n); memory.init(p, 0, 8n); r = entry(p); bufDigest(r); return digestWord(0)
 * and digest1..3 return digestWord(1..3) of the same digest.
 */
export function buildRerunModule(core: Uint8Array, entry: string, request: Uint8Array): Uint8Array {
  return buildRerun(core, entry, request, false).module;
}

/**
 * The wasmtime runner of one invocation: the rerun module's functions plus an initialiser
 * `wizer-initialize` that calls them and stores the four words in new globals result0..3.
 */
export function buildRerunInitModule(core: Uint8Array, entry: string, request: Uint8Array): { module: Uint8Array; globals: number[] } {
  const r = buildRerun(core, entry, request, true);
  return { module: r.module, globals: r.globals };
}

function buildRerun(core: Uint8Array, entry: string, request: Uint8Array, wizer: boolean): { module: Uint8Array; globals: number[] } {
  if (request.length % 8 !== 0) throw new WasmFormatError(`a request is f64 values: ${request.length} bytes is not a multiple of 8`);
  const n = request.length / 8;
  if (n > 0x0fffffff) throw new WasmFormatError("request too large for one data segment");
  const sections = readSections(core);
  if (sections.some((s) => s.id === 2)) throw new WasmFormatError("the core imports something; a rerun module needs a module without imports");
  const fNew = funcExport(sections, "bufNew");
  const fDigest = funcExport(sections, "bufDigest");
  const fWord = funcExport(sections, "digestWord");
  const fEntry = funcExport(sections, entry);
  const typeSec = sections.find((s) => s.id === 1);
  const funcSec = sections.find((s) => s.id === 3);
  const codeSec = sections.find((s) => s.id === 10);
  if (!typeSec || !funcSec || !codeSec) throw new WasmFormatError("module without type, function or code section");
  const types = vecOf(typeSec.body);
  const funcs = vecOf(funcSec.body);
  const codes = vecOf(codeSec.body);
  const dataSec = sections.find((s) => s.id === 11);
  const datas = dataSec ? vecOf(dataSec.body) : { count: 0, rest: new Uint8Array() };
  const globSec = sections.find((s) => s.id === 6);
  const globs = globSec ? vecOf(globSec.body) : { count: 0, rest: new Uint8Array() };

  const tI64 = types.count; // [] -> [i64]
  const tVoid = types.count + 1; // [] -> []
  const seg = datas.count;
  const fRerun = funcs.count; // no imported functions: index = number of defined functions
  const globals = wizer ? [0, 1, 2, 3].map((i) => globs.count + i) : [];

  // rerun: locals p, r (i32)
  const rerun: number[] = [1, 2, 0x7f];
  rerun.push(0x41, ...s32Leb(n), 0x10, ...u32Leb(fNew), 0x21, 0); // p = bufNew(n)
  rerun.push(0x20, 0, 0x41, 0, 0x41, ...s32Leb(8 * n), 0xfc, 8, ...u32Leb(seg), 0); // memory.init
  rerun.push(0x20, 0, 0x10, ...u32Leb(fEntry), 0x21, 1); // r = entry(p)
  rerun.push(0x20, 1, 0x10, ...u32Leb(fDigest), 0x1a); // bufDigest(r); drop
  rerun.push(0x41, 0, 0x10, ...u32Leb(fWord), 0x0b); // digestWord(0)
  const word = (k: number): number[] => [0, 0x41, k, 0x10, ...u32Leb(fWord), 0x0b];
  const bodies = [rerun, word(1), word(2), word(3)];
  const funcTypes = [tI64, tI64, tI64, tI64];
  if (wizer) {
    const init: number[] = [0];
    for (let k = 0; k < 4; k++) init.push(0x10, ...u32Leb(fRerun + k), 0x24, ...u32Leb(globals[k]!));
    init.push(0x0b);
    bodies.push(init);
    funcTypes.push(tVoid);
  }
  const exportBytes: number[] = [];
  let nExports = 0;
  if (wizer) {
    exportBytes.push(...nameBytes(INIT_EXPORT), 0, ...u32Leb(fRerun + 4));
    globals.forEach((g, i) => exportBytes.push(...nameBytes(`result${i}`), 3, ...u32Leb(g)));
    nExports = 1 + globals.length;
  } else {
    RERUN_EXPORTS.forEach((name, i) => exportBytes.push(...nameBytes(name), 0, ...u32Leb(fRerun + i)));
    nExports = RERUN_EXPORTS.length;
  }
  const code: number[] = [];
  for (const b of bodies) code.push(...u32Leb(b.length), ...b);
  const globalBytes: number[] = [];
  for (let i = 0; i < globals.length; i++) globalBytes.push(0x7e, 0x01, 0x42, 0x00, 0x0b); // mut i64 = 0
  const segment = Uint8Array.from([0x01, ...u32Leb(request.length)]); // passive segment, then its bytes
  const dataBody = new Uint8Array([...u32Leb(datas.count + 1), ...datas.rest, ...segment, ...request].length);
  {
    let off = 0;
    for (const part of [u32Leb(datas.count + 1), datas.rest, segment, request]) {
      dataBody.set(part as ArrayLike<number>, off);
      off += part.length;
    }
  }
  const replaced = new Map<number, Uint8Array>([
    [1, withVec(types.count + 2, types.rest, [0x60, 0, 1, 0x7e, 0x60, 0, 0])],
    [3, withVec(funcs.count + bodies.length, funcs.rest, funcTypes.flatMap((t) => u32Leb(t)))],
    [7, Uint8Array.from([...u32Leb(nExports), ...exportBytes])],
    [10, withVec(codes.count + bodies.length, codes.rest, code)],
    [11, dataBody],
    [12, Uint8Array.from(u32Leb(datas.count + 1))],
  ]);
  if (wizer) replaced.set(6, withVec(globs.count + globals.length, globs.rest, globalBytes));
  const memory = memoryForSegment(sections, request.length);
  if (memory !== null) replaced.set(5, memory);
  // section order (§5.5.2): type 1, import 2, function 3, table 4, memory 5, global 6, export 7,
  // start 8, element 9, data count 12, code 10, data 11; custom sections (0) kept where they were
  const order = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 10, 11];
  const present = new Set(sections.map((s) => s.id));
  const out: Section[] = [];
  const written = new Set<number>();
  const emit = (id: number): void => {
    if (written.has(id)) return;
    written.add(id);
    const body = replaced.get(id) ?? sections.find((s) => s.id === id)?.body;
    if (body !== undefined) out.push({ id, body });
  };
  for (const s of sections) {
    if (s.id === 0) {
      out.push(s);
      continue;
    }
    // first emit the sections that must precede this one and are new here (global, data count)
    for (const id of order) {
      if (id === s.id) break;
      if (!present.has(id) && replaced.has(id)) emit(id);
    }
    emit(s.id);
  }
  for (const id of order) if (replaced.has(id)) emit(id);
  return { module: writeSections(out), globals };
}
