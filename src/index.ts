/**
 * The package root: errors, the bundled example data, value syntaxes, JSON and CSV readers, and the
 * common tasks (docs/api.md). Each domain has its own entry point, `machine-twin/<domain>`.
 * @module machine-twin
 */
// machine-twin: the library behind the `twin` command (docs/api.md). This entry point holds what
// every domain shares (errors, the package's bundled data, value syntaxes, JSON) and the common
// tasks; each domain has its own subpath: machine-twin/rotor, /ukf, /vsense, /elm, /signal, /spc,
// /modelica, /aml, /rdf, /archive, /runner, /live, /device, /service, /core.
import { join, normalize, isAbsolute } from "node:path";
import { ArgumentError } from "./errors.js";
import { PACKAGE_ROOT } from "./package-info.js";

export { TwinError, InputError, ArgumentError, NumericalError, OutputError, formatLocation, type InputLocation } from "./errors.js";
export { PACKAGE_NAME, PACKAGE_ROOT, VERSION } from "./package-info.js";
export { parseNumber, parseRange, parseList, parseListOrRange, parseEach, located, MAX_POINTS, type NumberRule } from "./io/values.js";
export { parseJson, stringifyJson, JsonSyntaxError, type Json } from "./io/json.js";
export { writeFileAtomic, writeChunksAtomic } from "./io/atomic.js";
export { parseCsv, parseCsvTable, readCsvTable, CsvError, type CsvOptions, type CsvRecord, type CsvTable, type TableOptions } from "./io/csv.js";

/**
 * The absolute path of a file among the package's bundled example data (`models/`): the test rig's
 * rotor model `test-rig.json`, its AutomationML `aml/test-rig.aml`, its Modelica package
 * `modelica/RotorRig`, its live configuration `live/test-rig.json`, ...
 * @throws ArgumentError for a path that leaves `models/`
 */
export function examplePath(relative: string): string {
  const rel = normalize(relative);
  if (isAbsolute(rel) || rel === ".." || rel.startsWith("../")) throw new ArgumentError(`examplePath: ${JSON.stringify(relative)} is not inside the package's models/`, { path: "relative" });
  return join(PACKAGE_ROOT, "models", rel);
}

// The common tasks, also available from their domains' entry points (the same functions).
export { runDemo, runRotorDemo, type DemoOptions, type DemoResult } from "./demo/index.js";
export { loadRotorModel, rotorModal, rotorCampbell, rotorUnbalance, type RotorModel, type RotorModalResult, type RotorCampbellResult } from "./rotor/index.js";
export { coreInfo, type CoreInfo } from "./core/index.js";
export { createArchive, verifyArchive, rerunArchive, restoreArchive } from "./archive/index.js";
export { runTwin, type TwinRun } from "./runner/index.js";
export { serveTwin, type Service } from "./service/index.js";
