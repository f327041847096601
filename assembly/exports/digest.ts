// The canonical digest of a buffer (assembly/digest.ts; ABI.md, "Jobs"): what a recorded run's result
// is checked against, computed by the core itself so any engine can produce it with no host code.
import { clearError, setError, ERR_BAD_HANDLE, ERR_INVALID_INPUT } from "../errors";
import { lookup } from "../mem";
import { digestF64 } from "../digest";

let last: StaticArray<u64> = new StaticArray<u64>(4);

/**
 * SHA-256 of the canonical bytes of buffer p (every value's 8 little-endian IEEE-754 bytes, NaNs as
 * 0x7ff8000000000000), kept for digestWord. 1 on success; 0 + error 6 for an unknown buffer.
 */
export function bufDigest(p: usize): i32 {
  clearError();
  const a = lookup(p);
  if (a === null) {
    setError(ERR_BAD_HANDLE, <f64>p);
    return 0;
  }
  last = digestF64(a);
  return 1;
}

/** Word k (0..3) of the last digest: its bytes 8k..8k+7 as a big-endian 64-bit integer; 0 + error 1 else. */
export function digestWord(k: i32): i64 {
  clearError();
  if (k < 0 || k > 3) {
    setError(ERR_INVALID_INPUT, <f64>k);
    return 0;
  }
  return <i64>unchecked(last[k]);
}
