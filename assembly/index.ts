// The exported ABI of the twin numerical core. Documented in assembly/ABI.md.
import "./abort";

export { bufNew, bufFree, bufLen, bufCount } from "./mem";
export { coreError, coreErrorDetail } from "./errors";

/** ABI version: bumped on any incompatible change of an export's meaning or buffer layout. */
export function coreAbiVersion(): i32 {
  return 1;
}

export * from "./exports/linalg";
export * from "./exports/rotor";
export * from "./exports/rotor-modal";
export * from "./exports/ukf";
export * from "./exports/elm";
export * from "./exports/signal";
export * from "./exports/digest";
export * from "./exports/vsense";
export * from "./exports/runner";
export * from "./exports/spc";
export * from "./exports/device";
