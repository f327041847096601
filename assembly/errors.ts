// Numerical failures are reported, never returned as silent NaN (DESIGN.md, "Errors and bad input").
// An export that fails returns 0 (null pointer / handle) and leaves a code here for the host.

export const ERR_NONE: i32 = 0;
/** The input description is malformed (detail: index of the offending f64). */
export const ERR_INVALID_INPUT: i32 = 1;
/** A matrix that must be inverted is singular (detail: pivot column). */
export const ERR_SINGULAR: i32 = 2;
/** A matrix that must be symmetric positive definite is not (detail: failing column). */
export const ERR_NOT_POSITIVE_DEFINITE: i32 = 3;
/** An iterative method did not converge (detail: iterations used). */
export const ERR_NO_CONVERGENCE: i32 = 4;
/** NaN or infinity in the input (detail: index). */
export const ERR_NAN_INPUT: i32 = 5;
/** A handle or buffer pointer that the module does not know. */
export const ERR_BAD_HANDLE: i32 = 6;

let code: i32 = 0;
let detail: f64 = 0.0;

export function setError(c: i32, d: f64 = 0.0): void {
  // keep the first failure: it is the cause, later ones are consequences
  if (code == ERR_NONE) {
    code = c;
    detail = d;
  }
}

export function clearError(): void {
  code = ERR_NONE;
  detail = 0.0;
}

export function hasError(): bool {
  return code != ERR_NONE;
}

/** Exported: the code of the last failure since the last successful call began. */
export function coreError(): i32 {
  return code;
}

/** Exported: a number that locates the last failure (see the code's description). */
export function coreErrorDetail(): f64 {
  return detail;
}
