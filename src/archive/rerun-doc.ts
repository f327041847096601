// RERUN.md: how a stranger reruns the recorded runs of a package with any WebAssembly engine and no
// twin code — written into every package (data/RERUN.md).
import type { RunRecord } from "./runs.js";

export function rerunGuide(runs: RunRecord[]): string {
  const rows = runs.map((r) => {
    if (r.kind === "invocation" && r.invocation) {
      const inv = r.invocation;
      return `| \`${r.id}\` | \`${inv.entry}\` | ${inv.request.values} values | \`${inv.result.digest}\` |`;
    }
    return `| \`${r.id}\` | the self-checks ${(r.exports ?? []).map((e) => `\`${e}\``).join(", ")} | none | the values in \`runs/${r.id}/outputs/selfcheck.json\` |`;
  });
  return `# How to rerun the recorded runs of this package

This package holds a numerical core, \`core/core.wasm\`: a WebAssembly module that imports nothing. Every
recorded run is one call of one of its functions, and its result can be checked bit for bit with any
WebAssembly engine, without the program that made the package.

## The runs

| run | what was called | request | SHA-256 digest of the result |
|---|---|---|---|
${rows.join("\n")}

Each run directory \`runs/<run>/\` holds:

- \`run.json\` — the record: the function called (\`invocation.entry\`), the request and result files and
  the digest, and, for people, the command line that made the call and its printed output (\`outputs/\`).
- \`request.f64\` — the request: n numbers, each 8 bytes, IEEE-754 binary64, little-endian, exactly as
  they were written into the module's memory.
- \`result.f64\` — the result the call returned, in the same form.
- \`rerun.wast\` — a WebAssembly test script (the text format of the WebAssembly specification's test
  suite). It contains one module — \`core/core.wasm\` with the request added as a passive data segment and
  four small functions — and four assertions. The function \`rerun\` asks the core for a buffer
  (\`bufNew\`), copies the request into it (\`memory.init\`), calls the recorded function, computes the
  SHA-256 digest of the result (\`bufDigest\`) and returns its first 64 bits (\`digestWord 0\`);
  \`digest1\`, \`digest2\`, \`digest3\` return the other three. The assertions say what they must return.

## Rerun with an engine's own test harness

Any engine that runs WebAssembly spec-test scripts will do. For example:

- wabt (Debian package \`wabt\`): \`wast2json runs/<run>/rerun.wast -o r.json && spectest-interp r.json\`
  — "5/5 tests passed" (the module and the four assertions) means the run reproduced bit for bit.
- binaryen (Debian package \`binaryen\`): \`wasm-shell runs/<run>/rerun.wast\` — every "seen" value equals
  its "expected" one.
- wasmtime: \`wasmtime wast runs/<run>/rerun.wast\`.
- Any other engine: load the module bytes written in the script (the string after \`module binary\`,
  with \`\\hh\` escapes), instantiate it with no imports, call \`rerun\`, then \`digest1\`, \`digest2\`,
  \`digest3\`, and compare the four 64-bit numbers with the assertions.

The self-check run (\`runs/selfcheck/rerun.wast\`) is the unmodified core and one assertion per
\`selfcheck*\` function: each returns a hash of a built-in computation.

## Check a result by hand

The digest is SHA-256 (FIPS 180-4) of the result's bytes — each value's 8 little-endian bytes, in
order — after replacing every NaN by the bit pattern 0x7ff8000000000000 (engines differ in NaN payloads).
\`sha256sum runs/<run>/result.f64\` gives it directly when the result holds no NaN. The meaning of every
number in a request and a result is documented in \`core/README.md\` (the core's ABI, section "Jobs"
and the section of each job); \`core/HASH.md\` defines the digest.

## Older runs

A run whose \`run.json\` has no \`format\` (format 1, made by twin 0.1) recorded a command line instead of a
call; it reruns only with a twin that still has that version's host program (\`twin archive rerun\`).
`;
}
