// libxml2 as the tests' oracle for XML: its xmllint compiled to WebAssembly (src/aml/libxml2.ts, always
// there) and, as a cross-check where it is installed (required under CI=true, see engines.ts), Debian's
// xmllint (libxml2 2.9). Files are handed to the WebAssembly build under their base names.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { xmllint, type XmllintResult } from "../../src/aml/libxml2.js";
import { tool } from "./engines.js";

/** Debian's xmllint (call need(ctx, "xmllint") first). */
export function debianXmllint(args: string[]): XmllintResult {
  const r = spawnSync(tool("xmllint"), args, { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** xmllint in WebAssembly over files on disk, each known to it by its base name (which must differ). */
export function wasmXmllint(args: string[], files: string[]): Promise<XmllintResult> {
  return xmllint(
    args,
    files.map((f) => ({ name: basename(f), contents: new Uint8Array(readFileSync(f)) })),
  );
}

/** Separator of the values of one XPath evaluation of several string expressions (see xpathStrings). */
const SEP = "|~|";

/**
 * The XPath string values of several string-valued expressions (`count(...)`, `string(...)`, ...)
 * over one file, in one xmllint run: `--xpath "concat(E1, '|~|', E2, ...)"`. Each part is what
 * `--xpath E` alone would print, without the newline xmllint adds.
 */
export function xpathQuery(exprs: string[]): string {
  if (exprs.length === 0) throw new Error("no expressions");
  return exprs.length === 1 ? `string(${exprs[0]})` : `concat(${exprs.join(`, '${SEP}', `)})`;
}

export function xpathParts(stdout: string, n: number): string[] {
  if (!stdout.endsWith("\n")) throw new Error(`xmllint --xpath: output does not end with a newline: ${JSON.stringify(stdout.slice(-40))}`);
  const parts = stdout.slice(0, -1).split(SEP);
  if (parts.length !== n) throw new Error(`xmllint --xpath: ${parts.length} values for ${n} expressions (the separator occurs in a value?)`);
  return parts;
}

/** XPath string values by libxml2 in WebAssembly. */
export async function xpathStrings(exprs: string[], file: string): Promise<string[]> {
  const r = await wasmXmllint(["--xpath", xpathQuery(exprs), basename(file)], [file]);
  if (r.status !== 0) throw new Error(`xmllint --xpath over ${file}: ${r.stderr}`);
  return xpathParts(r.stdout, exprs.length);
}

/** XPath string values by Debian's xmllint. */
export function debianXpathStrings(exprs: string[], file: string): string[] {
  const r = debianXmllint(["--xpath", xpathQuery(exprs), file]);
  if (r.status !== 0) throw new Error(`xmllint --xpath over ${file}: ${r.stderr}`);
  return xpathParts(r.stdout, exprs.length);
}
