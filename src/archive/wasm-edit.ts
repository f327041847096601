// A minimal WebAssembly binary (de)composer for one job: building the wasmtime runner module of the
// self-contained runs. Wizer (wasmtime inside) executes an exported initialiser and writes the state it
// leaves into a new module; the runner adds to the archived core, without touching any of its code:
// one type `[] -> []`, one function that calls each chosen `selfcheck*` export and stores its i64
// result in a new mutable global, those globals, and the export `wizer-initialize`. The results are
// then read back from the snapshot's global section (the globals' constant initialisers).
// Binary format: WebAssembly Core Specification 2.0, §5 (sections §5.5, LEB128 §5.2.2).

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
