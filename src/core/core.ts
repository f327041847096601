// Loads build/core.wasm, checks it against the hash recorded when it was built, and moves f64 buffers
// across the ABI of assembly/ABI.md. The module imports nothing, so instantiation takes an empty object.
import { NumericalError } from "../errors.js";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Root of the installed package (package-info.ts). */
import { PACKAGE_ROOT } from "../package-info.js";
export { PACKAGE_ROOT };
/** TWIN_CORE_WASM points the loader at another build (development builds, archived cores). */
export const DEFAULT_CORE_PATH = process.env.TWIN_CORE_WASM ?? join(PACKAGE_ROOT, "build", "core.wasm");
/** The build record of the package's core (build/core.meta.json). */
export const DEFAULT_META_PATH = join(PACKAGE_ROOT, "build", "core.meta.json");

/** Written by scripts/core-meta.js next to the wasm at build time. */
export interface CoreMeta {
  file: string;
  sha256: string;
  size: number;
  assemblyscript: string;
  target: string;
  flags: Record<string, unknown>;
  imports: string[];
  exports: string[];
}

/** The core's error codes (assembly/ABI.md) and what they mean. */
export const CORE_ERRORS: Record<number, string> = {
  1: "invalid input",
  2: "singular matrix",
  3: "matrix not positive definite",
  4: "no convergence",
  5: "NaN or infinity in input",
  6: "unknown handle or buffer",
};

/** A numerical failure reported by the core (never a silent NaN). */
export class CoreError extends NumericalError {
  constructor(
    readonly code: number,
    readonly detail: number,
    readonly operation: string,
  ) {
    super(`${operation}: ${CORE_ERRORS[code] ?? `core error ${code}`} (detail ${detail})`);
    this.name = "CoreError";
  }
}

type Fn = (...args: number[]) => number;

/** The exports every build has; each part of the core adds its own (see assembly/ABI.md). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  /** Allocates a buffer of `n` f64 values and returns its handle. */
  bufNew(n: number): number;
  /** Frees a buffer. */
  bufFree(ptr: number): void;
  /** The number of f64 values a buffer holds. */
  bufLen(ptr: number): number;
  /** The number of buffers currently allocated (a leak check). */
  bufCount(): number;
  /** The code of the last error (CORE_ERRORS), 0 when none. */
  coreError(): number;
  /** The detail value of the last error. */
  coreErrorDetail(): number;
  /** The version of the core ABI (assembly/ABI.md). */
  coreAbiVersion(): number;
  [name: string]: unknown;
}

/** SHA-256 of bytes, hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A loaded WebAssembly core (it imports nothing) and the f64 buffer ABI of assembly/ABI.md. */
export class Core {
  readonly exports: CoreExports;

  private constructor(
    readonly bytes: Uint8Array<ArrayBuffer>,
    readonly sha256: string,
    readonly path: string,
  ) {
    const module = new WebAssembly.Module(bytes);
    const imports = WebAssembly.Module.imports(module);
    if (imports.length > 0) {
      throw new Error(`${path}: the core must import nothing, but imports ${imports.map((i) => `${i.module}.${i.name}`).join(", ")}`);
    }
    this.exports = new WebAssembly.Instance(module, {}).exports as unknown as CoreExports;
  }

  /** Loads a core module; with `expectedSha256` (or the build's meta file) it refuses a different binary. */
  static load(path: string = DEFAULT_CORE_PATH, expectedSha256?: string): Core {
    const bytes = new Uint8Array(readFileSync(path)) as Uint8Array<ArrayBuffer>;
    const sha = sha256Hex(bytes);
    let expected = expectedSha256;
    if (expected === undefined && path === join(PACKAGE_ROOT, "build", "core.wasm")) {
      try {
        expected = (JSON.parse(readFileSync(DEFAULT_META_PATH, "utf8")) as CoreMeta).sha256;
      } catch {
        expected = undefined; // no meta file: a development build, nothing to check against
      }
    }
    if (expected !== undefined && expected !== sha) {
      throw new Error(`${path}: SHA-256 ${sha} does not match the expected ${expected}`);
    }
    return new Core(bytes, sha, path);
  }

  private static shared: Core | undefined;

  /** One instance of the default core per process. */
  static default(): Core {
    return (Core.shared ??= Core.load());
  }

  /** A named export as a function; throws if this build lacks it. */
  fn(name: string): Fn {
    const f = this.exports[name];
    if (typeof f !== "function") throw new Error(`core export ${name} is missing (ABI ${this.exports.coreAbiVersion()})`);
    return f as Fn;
  }

  private view(ptr: number, n: number): Float64Array {
    return new Float64Array(this.exports.memory.buffer, ptr, n);
  }

  /** Copies values into a new core buffer and returns its address (free it with `free`). */
  put(values: ArrayLike<number>): number {
    const ptr = this.exports.bufNew(values.length);
    this.view(ptr, values.length).set(values);
    return ptr;
  }

  /** Copy of a core buffer's contents. */
  read(ptr: number): Float64Array {
    const n = this.exports.bufLen(ptr);
    if (n < 0) throw new Error(`core buffer ${ptr} is unknown`);
    return Float64Array.from(this.view(ptr, n));
  }

  /** Frees a buffer the host allocated in the core. */
  free(ptr: number): void {
    this.exports.bufFree(ptr);
  }

  /** Copy of a result buffer, then frees it. Throws the core's error if the export returned 0. */
  take(ptr: number, operation: string): Float64Array {
    this.check(ptr, operation);
    const out = this.read(ptr);
    this.free(ptr);
    return out;
  }

  /** Throws a CoreError when an export signalled failure (returned 0). */
  check(result: number, operation: string): number {
    if (result === 0) {
      const code = this.exports.coreError();
      throw new CoreError(code === 0 ? 1 : code, this.exports.coreErrorDetail(), operation);
    }
    return result;
  }

  /** Runs `body` with input buffers that are freed afterwards, whatever happens. */
  withBuffers<T>(inputs: ArrayLike<number>[], body: (...ptrs: number[]) => T): T {
    const ptrs = inputs.map((v) => this.put(v));
    try {
      return body(...ptrs);
    } finally {
      for (const p of ptrs) this.free(p);
    }
  }
}
