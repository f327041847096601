// libxml2's xmllint compiled to WebAssembly (npm package xmllint-wasm 5.3.0, MIT, libxml2 2.13.8 built
// with Emscripten: https://github.com/noppa/xmllint-wasm). It gives XSD validation and canonical XML
// (c14n) with nothing installed but Node: no Debian libxml2-utils, no network (the build has no HTTP or
// FTP; every file it reads is handed to it here). Each call runs in its own worker thread with an
// in-memory file system. The tests compare its findings and c14n with Debian's xmllint where present.
import { TwinError } from "../errors.js";
import { memoryPages, validateXML } from "xmllint-wasm";

/** libxml2 in WebAssembly failed to run (not a finding about the input). */
export class ToolError extends TwinError {}

export interface XmllintFile {
  /** name in xmllint's in-memory file system (a plain file name: no directories, no leading '-') */
  name: string;
  contents: string | Uint8Array;
}

export interface XmllintResult {
  /** 0: success; 3: validation failed (xmllint's 3 or 4); otherwise xmllint's own exit status */
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs xmllint (WebAssembly) with exactly `args` over `files`, which are all it can read. Exit status
 * 0 resolves with status 0; 3 and 4 (validation failed) with status 3; any other status also resolves,
 * with that status and stderr (stdout is not returned then). Only a failure of the WebAssembly runtime
 * itself (out of memory, a trap) throws a ToolError.
 */
export async function xmllint(args: string[], files: XmllintFile[]): Promise<XmllintResult> {
  for (const f of files) if (!/^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/.test(f.name)) throw new ToolError(`xmllint: bad file name ${JSON.stringify(f.name)}`);
  try {
    const r = await validateXML({
      xml: files.map((f) => ({ fileName: f.name, contents: f.contents })),
      // required by the wrapper's types; modifyArguments replaces its arguments with ours
      normalization: "format",
      // the wrapper's default maximum is 32 MiB; CAEX files of several MB need more (wasm32 allows 4 GiB)
      maxMemoryPages: 2 * memoryPages.GiB,
      modifyArguments: () => args,
    });
    return { status: r.valid ? 0 : 3, stdout: r.normalized, stderr: r.rawOutput };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const message = (e as Error).message ?? String(e);
    if (typeof code === "number" && code > 0) return { status: code, stdout: "", stderr: message };
    throw new ToolError(`xmllint (libxml2 in WebAssembly) failed: ${message.trim().split("\n")[0]}`);
  }
}
