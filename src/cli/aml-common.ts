// What the `twin aml` commands share: reading a CAEX file with bad input mapped to InputError
// (`file:line:col: message`, exit 2) and the output-path guard.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../errors.js";
import { UsageError } from "./args.js";
import { GraphError } from "../aml/from-rdf.js";
import { type AmlModel, readAml } from "../aml/model.js";
import { XmlError } from "../aml/xml.js";

export function readAmlFile(file: string, base?: string): AmlModel {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
  try {
    return readAml(bytes, file, base === undefined ? {} : { base });
  } catch (e) {
    if (e instanceof XmlError) throw new InputError(`${file}:${e.line}:${e.column}: ${e.detail}`);
    throw e;
  }
}

export function readTextFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`);
  }
}

/** GraphError (a graph that cannot give a file back) is bad input: exit 2. */
export function graphInput<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof GraphError) throw new InputError(e.message);
    throw e;
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
