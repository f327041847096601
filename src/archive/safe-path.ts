// What a package path may be, and how much a package may make a reader hold: the pure rules of the
// safety layer (safety.ts), with no imports so that the ZIP reader and the BagIt checks can use them.

/** Limits on what a package may make a reader hold in memory (bytes, counts). */
export const LIMITS = {
  /** one file of a package (a ZIP without ZIP64 cannot hold more than 4 GiB - 1 per entry anyway) */
  maxFileBytes: 1024 * 1024 * 1024,
  /** all files of a package together */
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  /** files of a package */
  maxFiles: 100_000,
  /** a package path in UTF-8 bytes (well below PATH_MAX = 4096, to leave room for the root) */
  maxPathBytes: 1024,
  /** one segment of a package path in UTF-8 bytes (NAME_MAX of common file systems) */
  maxSegmentBytes: 255,
  /** a run record (runs/<id>/run.json) */
  maxRecordBytes: 16 * 1024 * 1024,
} as const;

export type Limits = { [K in keyof typeof LIMITS]: number };

const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Why `p` is not a safe package path (relative, "/"-separated, no "." or ".." or empty segment, no
 * control character, backslash or drive letter, not overlong); undefined when it is safe.
 */
export function pathProblem(p: unknown, limits: Pick<Limits, "maxPathBytes" | "maxSegmentBytes"> = LIMITS): string | undefined {
  if (typeof p !== "string") return "a path must be a string";
  if (p === "") return "an empty path";
  if (p.includes("\u0000")) return "a NUL character in the path";
  const cc = CONTROL.exec(p);
  if (cc) return `a control character (U+${cc[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase()}) in the path`;
  if (p.includes("\\")) return "a backslash in the path (package paths use '/')";
  if (p.startsWith("/")) return "an absolute path";
  if (/^[A-Za-z]:/.test(p)) return "a drive letter";
  if (Buffer.byteLength(p, "utf8") > limits.maxPathBytes) return `longer than ${limits.maxPathBytes} bytes`;
  for (const s of p.split("/")) {
    if (s === "") return "an empty path segment ('//' or a trailing '/')";
    if (s === "..") return "a '..' segment (it would leave the directory)";
    if (s === ".") return "a '.' segment";
    if (Buffer.byteLength(s, "utf8") > limits.maxSegmentBytes) return `a segment longer than ${limits.maxSegmentBytes} bytes`;
  }
  return undefined;
}

