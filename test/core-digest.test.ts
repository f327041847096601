// The canonical digest of a result buffer (assembly/digest.ts, exports bufDigest/digestWord; ABI.md
// "Jobs"): SHA-256 (FIPS 180-4) over each value's little-endian bytes with NaNs canonicalised, computed
// inside the core, equal to node's SHA-256 of the same bytes and to the host's resultDigest.
import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { Core, CoreError } from "../src/core/core.js";
import { coreDigest, resultDigest, f64Bytes, f64FromBytes } from "../src/core/job.js";

const core = Core.load();

function digestOf(values: number[]): string {
  const p = core.put(values);
  try {
    return coreDigest(core, p);
  } finally {
    core.free(p);
  }
}

function nodeSha(values: number[]): string {
  const b = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => (Number.isNaN(v) ? b.writeBigUInt64LE(0x7ff8000000000000n, 8 * i) : b.writeDoubleLE(v, 8 * i)));
  return createHash("sha256").update(b).digest("hex");
}

describe("canonical digest of a buffer", () => {
  it("is SHA-256 of the little-endian bytes: the empty buffer, and lengths around the 64-byte block", () => {
    expect(digestOf([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // 55, 56, 63, 64, 65 bytes are the padding edge cases; f64 buffers give multiples of 8 around them
    for (const n of [1, 6, 7, 8, 9, 15, 16, 17, 1000]) {
      const v = Array.from({ length: n }, (_, i) => Math.sin(i + 1) * 10 ** ((i % 40) - 20));
      expect(digestOf(v)).toBe(nodeSha(v));
      expect(resultDigest(Float64Array.from(v))).toBe(nodeSha(v));
    }
  });

  it("counts every NaN as 0x7ff8000000000000 and keeps -0, infinities and subnormals by their bits", () => {
    const nanBits = new Float64Array(new BigUint64Array([0xfff8000000000000n, 0x7ff0000000000001n, 0x7ff8000000000000n]).buffer);
    const v = [nanBits[0]!, nanBits[1]!, nanBits[2]!, -0, 0, Infinity, -Infinity, 5e-324];
    const d = digestOf(v);
    expect(d).toBe(nodeSha(v));
    expect(d).toBe(digestOf([NaN, NaN, NaN, -0, 0, Infinity, -Infinity, 5e-324]));
    expect(d).not.toBe(digestOf([NaN, NaN, NaN, 0, 0, Infinity, -Infinity, 5e-324]));
  });

  it("f64 bytes round-trip; an unknown buffer and a bad word index are errors", () => {
    const v = Float64Array.from([1.5, -2, NaN, 1e300]);
    expect(Array.from(f64FromBytes(f64Bytes(v)))).toEqual(Array.from(v));
    expect(() => core.check(core.fn("bufDigest")(12345678), "bufDigest")).toThrow(CoreError);
    (core.fn("digestWord") as unknown as (k: number) => bigint)(7);
    expect(core.fn("coreError")()).toBe(1);
  });
});
