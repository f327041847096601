// The WebAssembly spec-test scripts (.wast, WebAssembly Core Specification, "Script" format of the
// reference interpreter: `(module binary "…")`, `(assert_return (invoke "name") (i64.const …))`) that
// let any engine's own harness rerun a recorded run with no twin code: wabt's wast2json +
// spectest-interp, binaryen's wasm-shell, wasmtime's `wasmtime wast`, V8's spec runner.
import { RERUN_EXPORTS } from "./wasm-edit.js";

/** The four big-endian 64-bit words of a SHA-256 digest given in hex, as unsigned integers. */
export function digestWords(hex: string): bigint[] {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`not a SHA-256 digest in lower-case hex: ${hex}`);
  return [0, 1, 2, 3].map((k) => BigInt(`0x${hex.slice(16 * k, 16 * k + 16)}`));
}

/** The hex digest from four words (as engines print them: signed or unsigned 64-bit integers). */
export function digestHex(words: bigint[]): string {
  return words.map((w) => BigInt.asUintN(64, w).toString(16).padStart(16, "0")).join("");
}

/**
 * A module's bytes as a .wast string literal: printable ASCII kept (except `"` and `\`), every other
 * byte as `\hh`, split into lines of at most ~100 characters (a .wast may continue a string on the next
 * line: adjacent strings concatenate).
 */
export function binaryLiteral(bytes: Uint8Array): string {
  const lines: string[] = [];
  let line = "";
  for (const b of bytes) {
    line += b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${b.toString(16).padStart(2, "0")}`;
    if (line.length >= 96) {
      lines.push(`  "${line}"`);
      line = "";
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(`  "${line}"`);
  return lines.join("\n");
}

/** i64 literal of an unsigned 64-bit word (the two's-complement value, as the text format takes it). */
function i64(w: bigint): string {
  return `(i64.const ${BigInt.asIntN(64, w).toString()})`;
}

/**
 * The .wast of an invocation's rerun module: instantiate it, then check the four digest words.
 * `comment` lines (without newlines) head the file.
 */
export function invocationWast(module: Uint8Array, digest: string, comment: string[]): string {
  const words = digestWords(digest);
  const asserts = RERUN_EXPORTS.map((name, k) => `(assert_return (invoke "${name}") ${i64(words[k]!)})`);
  return [...comment.map((c) => `;; ${c}`), `(module binary\n${binaryLiteral(module)}\n)`, ...asserts, ""].join("\n");
}

/** The .wast of the self-check run: the unmodified core, each selfcheck* export and its recorded value. */
export function selfcheckWast(core: Uint8Array, values: Record<string, string>, comment: string[]): string {
  const asserts = Object.entries(values).map(([name, v]) => `(assert_return (invoke "${name}") ${i64(BigInt(v))})`);
  return [...comment.map((c) => `;; ${c}`), `(module binary\n${binaryLiteral(core)}\n)`, ...asserts, ""].join("\n");
}
