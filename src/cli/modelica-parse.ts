// twin modelica parse PATH [--json]   (shared/spec/modelica.md)
import { parseCommandLine } from "./args.js";
import { parseModelicaSources, readModelicaSources } from "../modelica/index.js";
import { type Command, helpRequested } from "./common.js";
import { withSyntaxErrors } from "./modelica-common.js";

export const modelicaParseCommand: Command = {
  name: "modelica parse",
  summary: "parse Modelica files or package directories; summary or AST as JSON",
  api: { module: "modelica", export: "parseModelicaSources" },
  usage: `Usage: twin modelica parse PATH [--json]

Parses a .mo file or a package directory (package.mo, package.order) with the complete Modelica 3.6
grammar. Prints the counts of classes, components, equations, connects, statements and annotations,
or with --json the AST of every file. Syntax errors: file:line:col: expected X, found Y (exit 1).

Options:
  --json      print { files: [{ path, ast }], counts }
  -h, --help  show this help
`,
  run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { json: { type: "boolean" }, help: { type: "boolean", short: "h" } }, { min: 1, max: 1, names: "PATH" });
    if (helpRequested(values, this, io)) return 0;
    const sources = readModelicaSources(positionals[0]!);
    return withSyntaxErrors(io, () => {
      const parsed = parseModelicaSources(sources);
      if (values.json === true) {
        io.out(JSON.stringify(parsed, (k, v: unknown) => (k === "layout" ? undefined : v)) + "\n");
      } else {
        const c = parsed.counts;
        io.out(`${parsed.files.length} files: ${c.classes} classes, ${c.components} components, ${c.equations} equations, ${c.connects} connects, ${c.statements} statements, ${c.annotations} annotations\n`);
      }
      return 0;
    });
  },
};
