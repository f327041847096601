// twin aml validate FILE.aml [--json]   (shared/spec/aml.md)
import { parseCommandLine } from "./args.js";
import { stringifyJson } from "../index.js";
import { validateAml } from "../aml/index.js";
import { type Command, helpRequested } from "./common.js";

export const amlValidateCommand: Command = {
  name: "aml validate",
  summary: "XSD validation (libxml2) and reference integrity of a CAEX 2.15/3.0 file",
  api: { module: "aml", export: "validateAml" },
  usage: `Usage: twin aml validate FILE.aml [--json] [--no-external]

Checks that FILE.aml is well-formed XML, that it validates against the CAEX schema of its
SchemaVersion (2.15 or 3.0; the XSDs are vendored in schemas/caex/, run by libxml2's xmllint
compiled to WebAssembly, so nothing needs to be installed), and its reference integrity: duplicate
IDs, unresolved RefBaseClassPath / RefBaseSystemUnitPath / RefBaseRoleClassPath / RefRoleClassPath /
RefAttributeType, InternalLinks whose partners do not exist, inheritance cycles. Paths through
ExternalReference aliases are checked in the referenced file when it exists (relative to FILE.aml);
otherwise a warning says they were not checked.

Each finding: line, kind, severity, message. Exit 0 when there is no error (warnings allowed),
1 when there is any error, 2 when the file is not well-formed or not CAEX 2.15/3.0.

Options:
  --json          print { file, schemaVersion, schemaValid, errors, warnings, findings: [...] }
  --no-external   do not open files named by ExternalReference
  -h, --help      show this help
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(
      argv,
      { json: { type: "boolean" }, "no-external": { type: "boolean" }, help: { type: "boolean", short: "h" } },
      { min: 1, max: 1, names: "FILE.aml" },
    );
    if (helpRequested(values, this, io)) return 0;
    const file = positionals[0]!;
    const report = await validateAml(file, { external: values["no-external"] !== true });
    if (values.json === true) io.out(stringifyJson(report) + "\n");
    else {
      for (const f of report.findings) io.out(`${file}:${f.line}: ${f.severity}: ${f.kind}: ${f.message}\n`);
      io.out(`${file}: CAEX ${report.schemaVersion}, schema ${report.schemaValid ? "valid" : "INVALID"}, ${report.errors} error(s), ${report.warnings} warning(s)\n`);
    }
    return report.errors > 0 ? 1 : 0;
  },
};
