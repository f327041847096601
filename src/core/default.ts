// The core the library's analyses run on when the caller names none: one instance per process of
// build/core.wasm (or the build TWIN_CORE_WASM names), checked against its build record.
import { Core, DEFAULT_CORE_PATH } from "./core.js";
import { NumericalError } from "../errors.js";

/**
 * The shared default core. A core that cannot be loaded is an Error naming the file (the package is
 * damaged or TWIN_CORE_WASM points at the wrong file: neither the input's fault nor a numerical one).
 */
export function defaultCore(): Core {
  try {
    return Core.default();
  } catch (e) {
    throw new Error(`cannot load the numerical core ${DEFAULT_CORE_PATH}: ${(e as Error).message}`, { cause: e });
  }
}

/** Throws a NumericalError if any value is NaN or infinite (a result never carries a silent NaN). */
export function requireFinite(values: ArrayLike<number>, what: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new NumericalError(`${what}: non-finite value ${values[i]} at index ${i}`);
  }
}
