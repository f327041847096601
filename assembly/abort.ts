// The core imports nothing: a failed assertion or bounds check traps instead of
// calling the host's `env.abort` (DESIGN.md, "The numerical core in WebAssembly").
export function coreAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  unreachable();
}
