// machine-twin/core: the WebAssembly numerical core itself (docs/api/core.md): what build it is
// (coreInfo), and the loader with the buffer ABI of assembly/ABI.md for advanced use. The domain
// subpaths (rotor, ukf, vsense, ...) run on it; most programs never touch it directly.

/** Describes the core build and checks it against its build record (`twin core info`). */
export { coreInfo, type CoreInfo } from "./info.js";
/** The loaded core: exports, f64 buffers, error checks; its numerical failures (CoreError extends NumericalError). */
export { Core, CoreError, CORE_ERRORS, DEFAULT_CORE_PATH, DEFAULT_META_PATH, sha256Hex, type CoreMeta, type CoreExports } from "./core.js";
/** The shared default core, and the finiteness check every result passes. */
export { defaultCore, requireFinite } from "./default.js";
/** Jobs: the recordable one-call invocations of the core, and the digest that checks their results. */
export { runJob, resultDigest, coreDigest, f64Bytes, f64FromBytes, RECORD_ENV, type JobRecord } from "./job.js";
