// The library functions behind `twin aml ...`: each does what its command does, minus argv and
// printing. A CAEX document is read from a file, or from text or bytes in memory.
import { existsSync, readFileSync } from "node:fs";
import { ArgumentError, InputError } from "../errors.js";
import { layoutFromTurtle } from "./from-rdf.js";
import { type AmlModel, readAml } from "./model.js";
import { listAmlFiles, roundtrip, type RoundtripReport } from "./roundtrip.js";
import { validateAml as validateModel, type ValidationReport } from "./validate.js";
import { encodeXmlText, XmlError } from "./xml.js";

/** Options of reading a CAEX document. */
export interface AmlReadOptions {
  /**
   * base IRI of the element IRIs: an absolute IRI ending in "/" or "#" (default:
   * `https://w3id.org/twin/aml/file/<FileName>/`, FileName from the CAEXFile or the file name)
   */
  base?: string;
}

function cannotRead(file: string, e: unknown): InputError {
  const err = e as NodeJS.ErrnoException;
  return new InputError(`${file}: cannot read: ${err.code ?? ""}${err.code ? ": " : ""}${err.message.replace(/^[A-Z]+: /, "")}`, { file });
}

function checkBase(base: string | undefined): string | undefined {
  if (base === undefined) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/.test(base)) throw new ArgumentError(`base: not an absolute IRI: ${JSON.stringify(base)}`, { path: "base" });
  if (!base.endsWith("/") && !base.endsWith("#")) throw new ArgumentError(`base: must end in "/" or "#": ${base}`, { path: "base" });
  return base;
}

/**
 * Reads a CAEX 2.15 or 3.0 file into its model (the lossless XML tree and the CAEX structure).
 * @throws InputError when the file cannot be read; XmlError `file:line:col: ...` when it is not
 *   well-formed XML or not CAEX 2.15/3.0; ArgumentError for a bad `base`
 */
export function readAmlFile(file: string, options: AmlReadOptions = {}): AmlModel {
  const base = checkBase(options.base);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw cannotRead(file, e);
  }
  try {
    return readAml(bytes, file, base === undefined ? {} : { base });
  } catch (e) {
    if (e instanceof XmlError && e.file === undefined) throw new XmlError(e.line, e.column, e.detail, file);
    throw e;
  }
}

/**
 * Reads a CAEX document from text (UTF-8) or bytes (the encoding its XML declaration names).
 * @param options.file the file name the default base is derived from when the CAEXFile has no FileName (default `model.aml`)
 * @throws XmlError `line:col: ...` (no file name: the text has none) when it is not well-formed XML or
 *   not CAEX 2.15/3.0 — the message `twin aml` prints for the same content in a file, minus the file
 */
export function parseAml(content: string | Uint8Array, options: AmlReadOptions & { file?: string } = {}): AmlModel {
  const base = checkBase(options.base);
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return readAml(bytes, options.file ?? "model.aml", base === undefined ? {} : { base });
}

/** Options of validateAml. */
export interface AmlValidateOptions {
  /** open files named by ExternalReference (relative to the file) to check alias paths (default true) */
  external?: boolean;
}

/**
 * XSD validation (the vendored CAEX schema of the file's SchemaVersion, libxml2 in WebAssembly) and
 * reference integrity (duplicate IDs, unresolved class/role/attribute-type paths, dangling
 * InternalLinks, inheritance cycles) of a CAEX file: what `twin aml validate --json` prints. The command
 * fails when `errors > 0`.
 * @throws InputError / XmlError as readAmlFile
 */
export async function validateAml(file: string, options: AmlValidateOptions = {}): Promise<ValidationReport> {
  const model = readAmlFile(file);
  return validateModel(model, { external: options.external !== false });
}

/**
 * Regenerates the CAEX document from a graph alone (Turtle written by amlToTurtle / `twin aml to-rdf`),
 * byte for byte.
 * @param options.file the name syntax errors start with (default `graph`)
 * @param options.root the aml:CAEXFile resource to write when the graph holds several files
 * @throws AmlGraphError (an InputError) for a Turtle syntax error (`file:line: ...`) or a graph that
 *   cannot give a file back
 */
export async function amlFromTurtle(text: string, options: { file?: string; root?: string } = {}): Promise<Buffer> {
  const graph = await layoutFromTurtle(text, options.file ?? "graph");
  const { text: xml, encoding } = graph.render(options.root);
  return encodeXmlText(xml, encoding);
}

/**
 * For a file, or every .aml file of a directory: parse -> graph -> Turtle text -> parse the Turtle ->
 * CAEX, compared with the original (SHA-256 and canonical XML), schema validity of input and output,
 * element counts by SPARQL. What `twin aml roundtrip --json` prints; the command fails when `failed`
 * is not empty.
 * @throws InputError when the path does not exist
 */
export async function amlRoundtrip(path: string): Promise<RoundtripReport> {
  if (!existsSync(path)) throw new InputError(`${path}: no such file or directory`, { file: path });
  return roundtrip(listAmlFiles(path));
}
