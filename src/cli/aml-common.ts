// What the `twin aml` commands share beyond the library: reading a graph file, and the command-line
// checks of the output path and --base (usage errors, exit 2).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { UsageError } from "./args.js";

export function readTextFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`, { file });
  }
}

/** Refuses to overwrite the input with the output. */
export function checkOutput(input: string, output: string): void {
  if (resolve(input) === resolve(output)) throw new UsageError(`the output ${output} would overwrite the input`);
}

/** An absolute IRI to use as a base (scheme, no characters Turtle forbids, ending in "/" or "#"). */
export function checkBase(base: string): string {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/.test(base)) throw new UsageError(`--base: not an absolute IRI: ${JSON.stringify(base)}`);
  if (!base.endsWith("/") && !base.endsWith("#")) throw new UsageError(`--base: must end in "/" or "#": ${base}`);
  return base;
}
